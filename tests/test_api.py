"""The Python API researchers use from notebooks."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest
from conftest import FIXTURES, SAMPLES

import plancli
from plancli.cli import main
from plancli.errors import InputError
from plancli.model import Record


def test_extract_a_path_a_name_or_text():
    by_path = plancli.extract(SAMPLES / "langson-2020-news-kh18.txt")
    by_name = plancli.extract(str(SAMPLES / "langson-2020-news-kh18.txt"))
    assert isinstance(by_path, Record)
    assert by_path.to_dict() == by_name.to_dict()
    assert by_path.source.format == "txt"
    text = plancli.extract("Ít nhất 50% người dân tại các địa bàn trọng điểm được tiếp cận thông tin.")
    assert text.source.path == "<text>" and text.source.format == "text"
    assert text.text.startswith("Ít nhất 50%")


def test_to_dict_is_the_output_contract():
    data = plancli.extract(SAMPLES / "langson-2019-kh23.md").to_dict()
    assert list(data) == ["schema", "plancli", "source", "document", "objectives", "targets", "agencies", "citations",
                          "warnings"]
    assert data["schema"] == "plancli.extract/1"
    assert set(data["document"]) == {"doc_type", "number", "issue_date", "issuer", "level", "province", "year",
                                     "period", "title"}


def test_rules_and_only(tmp_path):
    (tmp_path / "extra.yaml").write_text("cues:\n  issuing_verbs: [ban hành]\n", encoding="utf-8")
    record = plancli.extract(SAMPLES / "langson-2019-kh23.md", rules=[tmp_path], only=["targets"])
    assert "targets" in record.to_dict() and "agencies" not in record.to_dict()
    with pytest.raises(ValueError, match="unknown kind"):
        plancli.extract(SAMPLES / "langson-2019-kh23.md", only=["muc-tieu"])


def test_a_missing_path_object_is_an_input_error():
    with pytest.raises(InputError, match="no such file"):
        plancli.extract(Path("khong-co.txt"))


def _content(record: Record) -> dict:
    """A record's data without the name of its input."""
    data = record.to_dict()
    del data["source"]["path"]
    return data


@pytest.mark.parametrize("name, fmt", [("langson-2019-kh23.pdf", "pdf"), ("tiengiang-2019-news-kh37.docx", "docx"),
                                       ("tiengiang-2019-news-kh37.html", "html"), ("tiengiang-utf8-bom.txt", "txt")])
def test_extract_bytes_tells_the_format_by_the_first_bytes(name, fmt):
    path = FIXTURES / name
    from_bytes = plancli.extract(path.read_bytes(), ocr="never")
    assert from_bytes.source.path == "<bytes>" and from_bytes.source.format == fmt
    assert from_bytes.targets, f"no target read from the bytes of {name}"
    assert _content(from_bytes) == _content(plancli.extract(path, ocr="never"))


def test_extract_bytes_in_a_given_format():
    markdown = (SAMPLES / "langson-2019-kh23.md").read_bytes()
    as_md = plancli.extract(markdown, format="md")
    assert as_md.source.format == "md"
    assert _content(as_md) == _content(plancli.extract(SAMPLES / "langson-2019-kh23.md"))
    assert plancli.extract(markdown).source.format == "txt"  # no magic bytes: read as text
    with pytest.raises(ValueError, match="unknown format 'xlsx'"):
        plancli.extract(markdown, format="xlsx")
    with pytest.raises(ValueError, match="format= is for bytes"):
        plancli.extract(SAMPLES / "langson-2019-kh23.md", format="md")


def test_extract_bytes_of_a_broken_pdf_is_an_input_error():
    with pytest.raises(InputError, match="<bytes>"):
        plancli.extract((FIXTURES / "encrypted.pdf").read_bytes())


def test_extract_many_gives_the_records_in_input_order_whatever_the_jobs():
    one = list(plancli.extract_many([SAMPLES], jobs=1))
    two = list(plancli.extract_many(str(SAMPLES), jobs=2))
    assert [r.source.path for r in one] == [str(p) for p in sorted(SAMPLES.iterdir()) if p.suffix in (".md", ".txt")]
    assert len(one) == 8 and all(isinstance(r, Record) for r in one)
    assert [r.to_dict() for r in one] == [r.to_dict() for r in two]
    backwards = [str(p) for p in sorted(SAMPLES.iterdir(), reverse=True)]
    assert [r.source.path for r in plancli.extract_many(backwards, jobs=2)] == backwards


def test_extract_many_with_an_unreadable_input(tmp_path):
    shutil.copy(SAMPLES / "langson-2020-news-kh18.txt", tmp_path / "a.txt")
    shutil.copy(FIXTURES / "encrypted.pdf", tmp_path / "b.pdf")
    shutil.copy(SAMPLES / "tiengiang-2019-news-kh37.txt", tmp_path / "c.txt")
    results = plancli.extract_many(tmp_path)
    assert next(results).source.path.endswith("a.txt")
    with pytest.raises(InputError, match=r"b\.pdf: .*encrypted") as raised:
        next(results)
    assert raised.value.path.endswith("b.pdf")
    skipped = list(plancli.extract_many(tmp_path, errors="skip", jobs=2))
    assert [Path(r.source.path).name for r in skipped] == ["a.txt", "c.txt"]
    included = list(plancli.extract_many([tmp_path / "b.pdf", tmp_path / "c.txt"], errors="include"))
    failure, record = included
    assert isinstance(failure, plancli.Failure) and isinstance(record, Record)
    assert failure.to_dict()["path"].endswith("b.pdf") and "encrypted" in failure.to_dict()["error"]
    with pytest.raises(ValueError, match="errors='ignore'"):
        plancli.extract_many(tmp_path, errors="ignore")
    with pytest.raises(ValueError, match="jobs=0"):
        plancli.extract_many(tmp_path, jobs=0)
    with pytest.raises(ValueError, match="unknown kind"):
        plancli.extract_many(tmp_path, only=["muc-tieu"])


def test_extract_many_with_a_store_reads_unchanged_documents_back(tmp_path):
    db = tmp_path / "plans.db"
    first = list(plancli.extract_many(SAMPLES, store=db))
    again = list(plancli.extract_many(SAMPLES, store=str(db)))
    assert all(r.stored is None for r in first) and all(r.stored is not None for r in again)
    assert [r.to_dict() for r in again] == [r.to_dict() for r in first]


def test_the_cli_writes_what_extract_many_gives(runner):
    result = runner.invoke(main, ["extract", str(SAMPLES), "-f", "jsonl", "-q", "-j", "2"])
    assert result.exit_code == 0, result.output
    written = [json.loads(line) for line in result.stdout.splitlines()]
    assert written == [r.to_dict() for r in plancli.extract_many([str(SAMPLES)])]


def test_compare_diff_and_check_from_python():
    records = list(plancli.extract_many(SAMPLES))
    comparison = plancli.compare(iter(records), by="year")
    assert isinstance(comparison, plancli.Comparison)
    data = comparison.to_dict()
    assert data["schema"] == "plancli.compare/1" and data["by"] == "year"
    assert [c["year"] for c in data["columns"]] == sorted(c["year"] or 0 for c in data["columns"])
    hotspots = [row for row in comparison.rows if row.indicator == "enforcement.hotspots_covered"]
    assert hotspots and any(target is not None and target.value == 100 for target in hotspots[0].cells.values())
    langson = {r.document.year: r for r in records if r.document.province == "Lạng Sơn"}
    changes = plancli.diff(langson[2019], langson[2020])
    assert isinstance(changes, plancli.Diff) and changes.changed
    assert changes.to_dict()["schema"] == "plancli.diff/1"
    report = plancli.check(r for r in records)
    assert isinstance(report, plancli.CheckReport) and report.documents == len(records)
    assert report.to_dict()["schema"] == "plancli.check/1"
    assert ("citation-number-conflict", "langson-2019-kh23.md") in {
        (f.check, Path(f.locations[0].path).name) for f in report.findings}


def test_the_package_is_typed():
    assert resources.files("plancli").joinpath("py.typed").is_file()


def test_import_plancli_loads_no_extractor_and_the_api_names_stay_functions():
    script = ("import sys, plancli; assert 'plancli.extract' not in sys.modules, 'import plancli loaded extract'\n"
              "import plancli.extract, plancli.compare, plancli.check\n"
              "from plancli.extract import Limits\n"
              "assert all(callable(f) for f in (plancli.extract, plancli.compare, plancli.check, plancli.diff))\n"
              "assert plancli.Record.__module__ == 'plancli.model'")
    subprocess.run([sys.executable, "-c", script], check=True)
    with pytest.raises(AttributeError, match="no attribute 'extrakt'"):
        plancli.extrakt  # noqa: B018
