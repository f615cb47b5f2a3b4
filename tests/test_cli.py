"""The command line through click's CliRunner: formats, exit codes, files."""
from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys

import pytest
import yaml
from conftest import FIXTURES, ROOT, SAMPLES, check_record

from plancli import __version__
from plancli.cli import main

SAMPLE = str(SAMPLES / "langson-2019-kh23.md")
NEWS = str(SAMPLES / "tiengiang-2019-news-kh37.txt")


def test_version(runner):
    result = runner.invoke(main, ["--version"])
    assert result.exit_code == 0 and __version__ in result.output


@pytest.mark.parametrize("command", [[], ["extract"], ["text"]])
def test_every_command_has_help_with_a_vietnamese_example(runner, command):
    result = runner.invoke(main, [*command, "--help"])
    assert result.exit_code == 0
    assert "Examples:" in result.output
    assert any(ord(c) > 0x1E00 for c in result.output)  # Vietnamese letters such as ế, ạ


def test_every_command_is_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in main.commands:
        assert f"plancli {name}" in readme, name


@pytest.mark.parametrize("argument", ["--help", "--version"])
def test_help_and_version_do_not_import_heavy_modules(argument):
    code = ("import sys; from plancli.cli import main\n"
            f"try: main(['{argument}'])\nexcept SystemExit: pass\n"
            "heavy = [m for m in ('underthesea', 'pdfplumber', 'docx', 'trafilatura', 'rich', 'yaml', 'rapidfuzz',"
            " 'sqlite3', 'concurrent.futures') if m in sys.modules]\n"
            "print('HEAVY:' + ','.join(heavy))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip().splitlines()[-1] == "HEAVY:"


def test_json_is_the_default_on_a_pipe(runner, schema_validator):
    result = runner.invoke(main, ["extract", SAMPLE])
    assert result.exit_code == 0
    record = json.loads(result.stdout)
    check_record(record, schema_validator)
    assert record["source"]["path"] == SAMPLE and record["source"]["encoding"] == "utf-8"
    assert record["source"]["sha256"] == __import__("hashlib").sha256(open(SAMPLE, "rb").read()).hexdigest()


def test_json_lists_several_inputs_and_jsonl_streams_them(runner, schema_validator):
    listed = runner.invoke(main, ["extract", SAMPLE, NEWS, "--format", "json"])
    records = json.loads(listed.stdout)
    assert [r["source"]["path"] for r in records] == [SAMPLE, NEWS]
    folder = runner.invoke(main, ["extract", str(SAMPLES), "--format", "jsonl"])
    lines = folder.stdout.splitlines()
    assert len(lines) == len(list(SAMPLES.iterdir()))
    for line in lines:
        check_record(json.loads(line), schema_validator)
    one_folder = runner.invoke(main, ["extract", str(SAMPLES), "--format", "json"])
    assert isinstance(json.loads(one_folder.stdout), list)


@pytest.mark.parametrize("name", ["langson-2019-kh23.pdf", "tiengiang-2019-news-kh37.docx",
                                  "tiengiang-2019-news-kh37.html", "tiengiang-vni.txt"])
def test_every_format_gives_a_valid_record(runner, schema_validator, name):
    result = runner.invoke(main, ["extract", str(FIXTURES / name), "-f", "json"])
    assert result.exit_code == 0, result.output
    check_record(json.loads(result.stdout), schema_validator)


def test_yaml(runner, schema_validator):
    result = runner.invoke(main, ["extract", SAMPLE, NEWS, "--format", "yaml"])
    documents = list(yaml.safe_load_all(result.stdout))
    assert len(documents) == 2
    for document in documents:
        check_record(document, schema_validator)
    assert "Lạng Sơn" not in result.stdout or "\\u" not in result.stdout


def test_markdown_and_table(runner):
    md = runner.invoke(main, ["extract", SAMPLE, "--format", "md"]).stdout
    assert md.startswith("# ") and "## Targets (11)" in md and "| source | md, utf-8 |" in md
    assert "| ≥ 50% | người dân tại các địa bàn trọng điểm, đặc biệt là phụ nữ, trẻ em | awareness.people\\_reached | 22 |" in md
    table = runner.invoke(main, ["extract", SAMPLE, "--format", "table"]).stdout
    assert "langson-2019-kh23.md" in table and "Targets" in table
    assert "\x1b[" not in table  # no colour codes when not on a terminal


def test_only_limits_the_kinds(runner, schema_validator):
    record = json.loads(runner.invoke(main, ["extract", SAMPLE, "--only", "targets,citations"]).stdout)
    check_record(record, schema_validator)
    assert "targets" in record and "citations" in record
    assert "objectives" not in record and "agencies" not in record
    bad = runner.invoke(main, ["extract", SAMPLE, "--only", "muc-tieu"])
    assert bad.exit_code == 2 and "choose from" in bad.output


def test_csv_one_file_per_kind_with_bom(runner, tmp_path):
    out = tmp_path / "bang"
    result = runner.invoke(main, ["extract", SAMPLE, NEWS, "--format", "csv", "--output", str(out), "--bom"])
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in out.iterdir())
    assert names == ["agencies.csv", "citations.csv", "documents.csv", "objectives.csv", "targets.csv"]
    raw = (out / "documents.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][0] == "document" and [r[0] for r in rows[1:]] == [SAMPLE, NEWS]
    targets = list(csv.reader(io.StringIO((out / "targets.csv").read_text(encoding="utf-8-sig"))))
    assert targets[0][:3] == ["document", "text", "value"] and targets[0][-4:] == ["span_start", "span_end", "span_line", "span_page"]


def test_csv_documents_columns_hold_their_fields(runner, tmp_path):
    """Each documents.csv cell is under its own header, whether or not the input was OCR'd
    (a record leaves source.ocr out when no page was)."""
    inputs = [str(SAMPLES / "langson-2019-kh23.md"), str(SAMPLES / "tiengiang-2019-news-kh37.txt")]
    result = runner.invoke(main, ["extract", *inputs, "-f", "csv", "-o", str(tmp_path / "out"), "-q"])
    assert result.exit_code == 0, result.output
    with open(tmp_path / "out" / "documents.csv", encoding="utf-8") as handle:
        table = list(csv.DictReader(handle))
    records = [json.loads(runner.invoke(main, ["extract", path, "-f", "json"]).stdout) for path in inputs]
    for row, record in zip(table, records):
        assert row["format"] == record["source"]["format"] and row["ocr"] == ""
        assert row["doc_type"] == record["document"]["doc_type"] and row["number"] == record["document"]["number"]
        assert row["province"] == record["document"]["province"] and row["year"] == str(record["document"]["year"])


def test_csv_neutralises_formula_cells(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "=HYPERLINK(1).txt").write_text("Kế hoạch số 12/KH-UBND", encoding="utf-8")
    result = runner.invoke(main, ["extract", "=HYPERLINK(1).txt", "-f", "csv", "-o", "out"])
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(open(tmp_path / "out" / "documents.csv", encoding="utf-8", newline="")))
    # a spreadsheet shows the cell as text instead of running it
    assert rows[1][0] == "'=HYPERLINK(1).txt"


def test_csv_needs_a_directory_for_several_kinds(runner):
    result = runner.invoke(main, ["extract", SAMPLE, "--format", "csv"])
    assert result.exit_code == 2 and "--output DIR" in result.output
    one = runner.invoke(main, ["extract", SAMPLE, "--format", "csv", "--only", "targets"])
    assert one.exit_code == 0 and one.stdout.startswith("document,text,value")


def test_a_batch_with_unreadable_inputs_writes_the_others_and_exits_3(runner, tmp_path):
    out = tmp_path / "out.jsonl"
    result = runner.invoke(main, ["extract", SAMPLE, str(FIXTURES / "encrypted.pdf"), str(tmp_path / "khong-co.txt"),
                                  NEWS, "-o", str(out)])
    assert result.exit_code == 3
    assert "encrypted.pdf: the PDF is encrypted" in result.stderr
    assert "khong-co.txt: no such file" in result.stderr
    assert "2 of 4 inputs could not be read" in result.stderr
    assert [json.loads(line)["source"]["path"] for line in out.read_text(encoding="utf-8").splitlines()] == [SAMPLE, NEWS]
    assert result.stdout == ""


def test_warnings_go_to_stderr_only(runner):
    result = runner.invoke(main, ["extract", str(FIXTURES / "langson-2019-kh23.pdf"), "-f", "jsonl", "--ocr", "never"])
    assert result.exit_code == 0
    assert "warning:" in result.stderr and "no-text-layer" in result.stderr
    assert json.loads(result.stdout)["warnings"][0]["code"] == "no-text-layer"
    quiet = runner.invoke(main, ["extract", str(FIXTURES / "langson-2019-kh23.pdf"), "-f", "jsonl", "-q"])
    assert quiet.stderr == ""


def test_output_is_atomic_and_never_over_an_input(runner, tmp_path):
    source = tmp_path / "ke-hoach.txt"
    source.write_text("Kế hoạch số 12/KH-UBND", encoding="utf-8")
    result = runner.invoke(main, ["extract", str(source), "-o", str(source)])
    assert result.exit_code == 2 and "never overwritten" in result.stderr
    assert source.read_text(encoding="utf-8") == "Kế hoạch số 12/KH-UBND"
    out = tmp_path / "ket-qua.json"
    out.write_text("old", encoding="utf-8")
    runner.invoke(main, ["extract", str(source), "-o", str(out)])
    assert json.loads(out.read_text(encoding="utf-8"))["source"]["path"] == str(source)
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []


def test_format_follows_the_output_extension(runner, tmp_path):
    runner.invoke(main, ["extract", SAMPLE, "-o", str(tmp_path / "x.yaml")])
    assert yaml.safe_load((tmp_path / "x.yaml").read_text(encoding="utf-8"))["schema"] == "plancli.extract/1"


def test_stdin(runner):
    result = runner.invoke(main, ["extract", "-", "-f", "json"], input="Ít nhất 50% người dân\nđược tiếp cận".encode())
    record = json.loads(result.stdout)
    assert record["source"]["path"] == "<stdin>" and record["source"]["format"] == "stdin"


def test_text_prints_the_normalised_text(runner):
    result = runner.invoke(main, ["text", str(SAMPLES / "tiengiang-2019-news-kh37.txt")])
    assert result.exit_code == 0
    assert "Kế hoạch số 37/KH- UBND" in result.stdout and "⁄" not in result.stdout
    pdf = runner.invoke(main, ["text", str(FIXTURES / "langson-2019-kh23.pdf")])
    assert pdf.stdout.count("\f") == 3
    missing = runner.invoke(main, ["text", "khong-co.txt"])
    assert missing.exit_code == 3 and "khong-co.txt: no such file" in missing.stderr


def test_spans_point_into_the_text_command_output(runner):
    import plancli

    record = plancli.extract(SAMPLE)
    printed = runner.invoke(main, ["text", SAMPLE]).stdout
    assert printed == record.text + "\n"


def test_invalid_rules_are_reported_with_file_and_line(runner, tmp_path):
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "agencies.yaml").write_text("agencies:\n  - name: Sở Tư pháp\n    aliases: [Sở TP\n", encoding="utf-8")
    result = runner.invoke(main, ["extract", SAMPLE, "--rules", str(rules)])
    assert result.exit_code == 2
    assert f"{rules / 'agencies.yaml'}:" in result.stderr and "invalid YAML" in result.stderr
    assert "Traceback" not in result.output
    (rules / "agencies.yaml").write_text("!!python/object/apply:os.system ['echo hi']\n", encoding="utf-8")
    result = runner.invoke(main, ["extract", SAMPLE, "--rules", str(rules)])
    assert result.exit_code == 2 and "agencies.yaml:1" in result.stderr
    not_a_dir = runner.invoke(main, ["extract", SAMPLE, "--rules", str(tmp_path / "khong-co")])
    assert not_a_dir.exit_code == 2


def test_no_color_and_plain_output_on_a_pipe():
    env = {**os.environ, "NO_COLOR": "1"}
    out = subprocess.run([sys.executable, "-m", "plancli", "extract", SAMPLE, "-f", "table"],
                         capture_output=True, text=True, env=env, check=True).stdout
    assert "\x1b[" not in out and "langson-2019-kh23.md" in out
