"""Batches: parallel and ordered, incremental with a store, CI switches."""
from __future__ import annotations

import json
import shutil
import sqlite3

from conftest import FIXTURES, SAMPLES

from plancli.cli import main


def _paths(result):
    return [json.loads(line)["source"]["path"] for line in result.stdout.splitlines()]


def test_parallel_output_keeps_input_order(runner):
    one = runner.invoke(main, ["extract", str(SAMPLES), "-f", "jsonl", "-j", "1"])
    two = runner.invoke(main, ["extract", str(SAMPLES), "-f", "jsonl", "-j", "2"])
    assert one.exit_code == two.exit_code == 0
    assert one.stdout == two.stdout
    assert _paths(one) == sorted(_paths(one))


def test_one_bad_file_in_a_parallel_batch(runner, tmp_path):
    shutil.copy(SAMPLES / "langson-2020-news-kh18.txt", tmp_path / "a.txt")
    shutil.copy(FIXTURES / "encrypted.pdf", tmp_path / "b.pdf")
    shutil.copy(SAMPLES / "tiengiang-2019-news-kh37.txt", tmp_path / "c.txt")
    result = runner.invoke(main, ["extract", str(tmp_path), "-f", "jsonl", "-j", "2", "--summary"])
    assert result.exit_code == 3
    assert [p.rsplit("/", 1)[-1] for p in _paths(result)] == ["a.txt", "c.txt"]
    summary = json.loads([line for line in result.stderr.splitlines() if line.startswith("{")][0])
    assert summary["documents"] == 3 and summary["records"] == 2 and summary["errors"] == 1
    errors = runner.invoke(main, ["extract", str(tmp_path), "-f", "jsonl", "--fail-on", "errors"])
    assert errors.exit_code == 1


def test_fail_on_warnings(runner):
    with_warning = runner.invoke(main, ["extract", str(FIXTURES / "langson-2019-kh23.pdf"), "-f", "jsonl",
                                        "--fail-on", "warnings", "--ocr", "never"])
    assert with_warning.exit_code == 1
    clean = runner.invoke(main, ["extract", str(SAMPLES / "langson-2019-kh23.md"), "-f", "jsonl",
                                 "--fail-on", "warnings"])
    assert clean.exit_code == 0


def test_store_skips_unchanged_documents(runner, tmp_path):
    corpus = tmp_path / "ke-hoach"
    shutil.copytree(SAMPLES, corpus)
    db = tmp_path / "plans.db"
    first = runner.invoke(main, ["extract", str(corpus), "-f", "jsonl", "--store", str(db), "--summary"])
    count = len(list(corpus.iterdir()))
    assert json.loads(first.stderr.splitlines()[-1])["extracted"] == count
    second = runner.invoke(main, ["extract", str(corpus), "-f", "jsonl", "--store", str(db), "--summary"])
    summary = json.loads(second.stderr.splitlines()[-1])
    assert summary["unchanged"] == count and summary["extracted"] == 0
    assert second.stdout == first.stdout
    # a changed document is extracted again
    changed = corpus / "langson-2020-news-kh18.txt"
    changed.write_text(changed.read_text(encoding="utf-8") + "\n75% người dân được tiếp cận.", encoding="utf-8")
    third = runner.invoke(main, ["extract", str(corpus), "-f", "jsonl", "--store", str(db), "--summary"])
    assert json.loads(third.stderr.splitlines()[-1])["extracted"] == 1
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT d.province, d.year, t.value FROM targets t JOIN documents d ON d.id = t.document_id "
                            "WHERE t.indicator = 'awareness.people_reached' ORDER BY d.year").fetchall()
        assert ("Lạng Sơn", 2019, 50.0) in rows and ("Lạng Sơn", 2020, 75.0) in rows
        assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == count


def test_compare_and_diff_from_the_store(runner, tmp_path):
    db = tmp_path / "plans.db"
    runner.invoke(main, ["extract", str(SAMPLES), "-f", "jsonl", "--store", str(db)])
    compared = json.loads(runner.invoke(main, ["compare", "--store", str(db), "--province", "Lạng Sơn",
                                               "-f", "json"]).stdout)
    assert [c["label"] for c in compared["columns"]] == ["Lạng Sơn 2019", "Lạng Sơn 2020"]
    diffed = runner.invoke(main, ["diff", "--store", str(db), "Lạng Sơn 2019", "Lạng Sơn 2020", "-f", "json"])
    assert json.loads(diffed.stdout)["targets"]["changed"][0]["change"] == "raised"
    unknown = runner.invoke(main, ["diff", "--store", str(db), "Hà Nội 2019", "Lạng Sơn 2020"])
    assert unknown.exit_code == 2 and "no stored document" in unknown.stderr
