"""OCR of PDF pages with Tesseract, end to end (``--ocr auto|always|never``).

The fixtures are made by tests/fixtures/make_ocr_fixtures.py from the first
page of samples/langson-2019-kh23.md: ``scanned.pdf`` (page 1 a noisy, skewed
200 dpi scan, page 2 with a text layer) and ``unmapped-font.pdf`` (the first
page in a font without a Unicode map). Tests that run Tesseract are skipped
where it is missing, except under CI, which must have it (.ci/run installs it).
"""
from __future__ import annotations

import importlib
import io
import json
import os
import time

import pytest
from conftest import FIXTURES, SAMPLES, check_record

import plancli
from plancli.cli import main
from plancli.extract import build_record
from plancli.loaders import LoadedText
from plancli.loaders import ocr as ocr_module
from plancli.loaders import pdf as pdf_module
from plancli.loaders.ocr import INSTALL, Engine, OcrUnavailable, find_engine
from plancli.model import OcrInfo, Source, record_from_dict

OCR = FIXTURES / "ocr"
SCANNED = str(OCR / "scanned.pdf")
UNMAPPED = str(OCR / "unmapped-font.pdf")
pipeline = importlib.import_module("plancli.extract")  # the package, not plancli.extract() the function


@pytest.fixture(scope="module")
def tesseract() -> Engine:
    try:
        return find_engine()
    except OcrUnavailable as exc:
        if os.environ.get("CI"):
            pytest.fail(f"CI must have Tesseract with its Vietnamese model (.ci/run installs it): {exc}")
        pytest.skip(f"no Tesseract with its Vietnamese model on this machine ({INSTALL})")


def _extract(path: str, *options: str):
    from click.testing import CliRunner

    result = CliRunner().invoke(main, ["extract", path, "-f", "json", *options])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout), result.stderr


@pytest.fixture(scope="module")
def scanned_auto(tesseract):
    return _extract(SCANNED, "--ocr", "auto")


def _values(record: dict) -> set:
    return {(t["value"], t["unit"]) for t in record["targets"]}


def _first_page_found(record: dict) -> None:
    """What the first page of the 2019 plan holds: its identity, its objectives, its first targets."""
    document = record["document"]
    assert (document["doc_type"], document["number"], document["issue_date"]) == ("Kế hoạch", "23/KH-BCĐ",
                                                                                  "2019-02-26")
    assert document["province"] == "Lạng Sơn" and document["year"] == 2019
    objectives = [o["text"] for o in record["objectives"]]
    assert any(o.startswith("Tiếp tục tập trung nguồn lực thực hiện công tác phòng, chống mua bán người")
               for o in objectives), objectives
    assert any(o.startswith("Tăng cường hợp tác quốc tế về phòng, chống mua bán người") for o in objectives)
    targets = {(t["value"], t["unit"], t["comparator"]): t for t in record["targets"]}
    assert "người dân tại các địa bàn trọng điểm" in targets[(50, "%", ">=")]["subject"]
    assert "xã, phường, thị trấn" in targets[(85, "%", ">")]["subject"]
    assert {c["number"] for c in record["citations"]} >= {"02/KH-BCĐ", "130/CP"}


def test_a_scanned_page_is_read_by_ocr(scanned_auto, tesseract, schema_validator):
    record, stderr = scanned_auto
    check_record(record, schema_validator)
    _first_page_found(record)
    # page 2 had its text layer, and kept it: only the scan was OCR'd
    assert record["source"]["ocr"] == {"engine": "tesseract", "version": tesseract.version, "language": "vie",
                                       "pages": [1]}
    assert record["source"]["pages"] == 2
    assert [w["code"] for w in record["warnings"]] == ["ocr"]
    assert "page 1 of 2 read by OCR (tesseract" in record["warnings"][0]["message"]
    assert "against the original" in record["warnings"][0]["message"]
    assert "warning:" in stderr and "ocr: page 1 of 2" in stderr
    # the page 2 targets come from the text layer as before
    assert (100, "%") in _values(record)


def test_without_ocr_the_scan_gives_nothing_and_a_warning(runner):
    record, stderr = _extract(SCANNED, "--ocr", "never")
    assert "ocr" not in record["source"]
    document = record["document"]
    assert document["number"] is None and document["issue_date"] is None
    assert record["objectives"] == []
    assert (50, "%") not in _values(record) and (85, "%") not in _values(record)
    assert [w["code"] for w in record["warnings"]] == ["no-text-layer"]
    assert "page 1 of 2 has no text layer" in record["warnings"][0]["message"]
    assert "--ocr auto" in record["warnings"][0]["message"]


def test_a_page_in_a_font_without_unicode_map_is_read_by_ocr(tesseract, schema_validator):
    record, _ = _extract(UNMAPPED)  # --ocr auto is the default
    check_record(record, schema_validator)
    _first_page_found(record)
    assert record["source"]["ocr"]["pages"] == [1]
    assert [w["code"] for w in record["warnings"]] == ["ocr"]
    never, _ = _extract(UNMAPPED, "--ocr", "never")
    assert [w["code"] for w in never["warnings"]] == ["unmapped-font", "empty-text"]
    assert never["targets"] == [] and never["document"]["number"] is None


def test_spans_point_into_what_plancli_text_prints(scanned_auto, runner):
    record, _ = scanned_auto
    printed = runner.invoke(main, ["text", SCANNED, "--ocr", "auto"])
    assert printed.exit_code == 0
    text = printed.stdout[:-1]  # echo's newline
    assert text.count("\f") == 1 and "Ít nhất 50% người dân" in text.split("\f")[0]
    quoted = [(o["span"], o["text"]) for o in record["objectives"]] + \
        [(t["span"], t["text"]) for t in record["targets"]] + [(c["span"], c["text"]) for c in record["citations"]]
    assert quoted
    for span, words in quoted:
        assert text[span["start"]:span["end"]] == words
        assert span["page"] == text.count("\f", 0, span["start"]) + 1
    fifty = next(t for t in record["targets"] if t["value"] == 50)
    assert fifty["span"]["page"] == 1
    # without OCR, plancli text leaves the scan out
    assert "50%" not in runner.invoke(main, ["text", SCANNED, "--ocr", "never"]).stdout.split("\f")[0]


def test_always_reads_every_page(tesseract):
    record = plancli.extract(SCANNED, ocr="always")
    assert record.source.ocr.pages == [1, 2]
    assert record.document.number == "23/KH-BCĐ"
    assert (100, "%") in {(t.value, t.unit) for t in record.targets}
    assert [w.code for w in record.warnings] == ["ocr"] and "pages 1, 2 of 2" in record.warnings[0].message


def test_a_text_pdf_runs_no_ocr(runner, tmp_path, monkeypatch):
    import pypdfium2

    # page 2 of the fixture alone: a PDF whose every page has a text layer
    text_pdf = pypdfium2.PdfDocument.new()
    text_pdf.import_pages(pypdfium2.PdfDocument(SCANNED), [1])
    path = tmp_path / "ke-hoach.pdf"
    text_pdf.save(str(path))

    def no_ocr(*args, **kwargs):
        raise AssertionError("OCR ran on a page with a text layer")

    monkeypatch.setattr(pdf_module, "read_pages", no_ocr)
    monkeypatch.setattr(ocr_module, "run_tesseract", no_ocr)
    record, stderr = _extract(str(path), "--ocr", "auto")
    assert "ocr" not in record["source"] and record["warnings"] == []
    assert "d) 100% cơ quan tổ tụng các cấp được tập huấn" in runner.invoke(main, ["text", str(path)]).stdout


def test_records_without_ocr_are_as_before():
    record = plancli.extract(SAMPLES / "langson-2019-kh23.md").to_dict()
    assert list(record["source"]) == ["path", "format", "sha256", "pages", "encoding"]


def test_the_ocr_mark_survives_the_store():
    source = Source("a.pdf", "pdf", "0" * 64, 2, None, OcrInfo("tesseract", "5.3.0", "vie", [1]))
    again = record_from_dict(json.loads(json.dumps(plancli.extract("Ít nhất 50% người dân").to_dict()
                                                   | {"source": source.to_dict()})))
    assert again.source == source


# --- without Tesseract ------------------------------------------------------


@pytest.fixture
def no_tesseract(tmp_path, monkeypatch):
    """A PATH on which there is no tesseract."""
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    return empty


def test_always_without_tesseract_is_a_usage_error(runner, no_tesseract):
    for command in (["extract", SCANNED], ["text", SCANNED], ["compare", SCANNED, UNMAPPED],
                    ["diff", SCANNED, UNMAPPED], ["extract", str(SAMPLES / "langson-2019-kh23.md")]):
        result = runner.invoke(main, [*command, "--ocr", "always"])
        assert result.exit_code == 2, command
        assert "Tesseract" in result.stderr and "sudo apt-get install tesseract-ocr tesseract-ocr-vie" in result.stderr
        assert result.stdout == ""
    with pytest.raises(OcrUnavailable, match="apt-get install tesseract-ocr tesseract-ocr-vie"):
        plancli.extract(SCANNED, ocr="always")


def test_auto_without_tesseract_warns_how_to_install_it(runner, no_tesseract):
    result = runner.invoke(main, ["extract", SCANNED, "-f", "json"])
    assert result.exit_code == 0
    record = json.loads(result.stdout)
    assert [w["code"] for w in record["warnings"]] == ["no-text-layer"]
    message = record["warnings"][0]["message"]
    assert "page 1 of 2 has no text layer" in message and "Tesseract, which is not installed" in message
    assert INSTALL in message
    unmapped = runner.invoke(main, ["extract", UNMAPPED, "-f", "json"])
    assert INSTALL in json.loads(unmapped.stdout)["warnings"][0]["message"]


def test_tesseract_without_the_vietnamese_model(runner, no_tesseract):
    fake = no_tesseract / "tesseract"
    fake.write_text("#!/bin/sh\n"
                    'case "$1" in --version) echo "tesseract 5.3.0";; '
                    '--list-langs) echo "List of available languages (2):"; echo eng; echo osd;; esac\n')
    fake.chmod(0o755)
    result = runner.invoke(main, ["extract", SCANNED, "--ocr", "always"])
    assert result.exit_code == 2 and "no Vietnamese model (vie)" in result.stderr and INSTALL in result.stderr


def test_unknown_mode():
    with pytest.raises(ValueError, match="unknown OCR mode"):
        plancli.extract("Ít nhất 50% người dân", ocr="sometimes")


# --- the pipeline around OCR, without Tesseract ------------------------------


def test_repair_applies_to_the_ocr_pages_only(monkeypatch):
    monkeypatch.setattr(pipeline, "repair_ocr_text", lambda text, rules: text.replace("5O%", "50%"))
    raw = "Ít nhất 5O% người dân được tiếp cận.\n\fTrên 5O% xã được tiếp cận.\n\fTrên 5O% hộ."
    loaded = LoadedText(raw, "pdf", None, 3, [], OcrInfo("tesseract", "5.3.0", "vie", [2]))
    record = build_record(loaded, Source("a.pdf", "pdf", "0" * 64, 3), pipeline._builtin_rules())
    pages = record.text.split("\f")
    assert "5O%" in pages[0] and "50%" in pages[1] and "5O%" in pages[2]


def test_each_ocr_page_extends_the_timeout(runner, monkeypatch):
    """--timeout 2 and a page whose OCR takes 2.5 s: the page brings its own time."""
    monkeypatch.setattr(pdf_module, "find_engine", lambda: Engine("tesseract", "5.3.0"))

    def slow_tesseract(png, engine, dpi=300):
        time.sleep(2.5)
        return "Kế hoạch số 23/KH-BCĐ\nÍt nhất 50% người dân được tiếp cận thông tin."

    monkeypatch.setattr(ocr_module, "run_tesseract", slow_tesseract)
    started = time.monotonic()
    result = runner.invoke(main, ["extract", SCANNED, "-f", "json", "--timeout", "2"])
    assert result.exit_code == 0, result.stderr
    assert time.monotonic() - started > 2.5
    record = json.loads(result.stdout)
    assert record["source"]["ocr"]["pages"] == [1] and (50, "%") in _values(record)
    # a document that is slow for another reason is still stopped
    real = pipeline.build_record

    def slow_extraction(loaded, source, rules, only=None):
        time.sleep(3)
        return real(loaded, source, rules, only)

    monkeypatch.setattr(pipeline, "build_record", slow_extraction)
    stopped = runner.invoke(main, ["extract", SCANNED, "-f", "json", "--timeout", "1", "--ocr", "never"])
    assert stopped.exit_code == 3 and "took longer than 1 s" in stopped.stderr


def test_a_page_tesseract_cannot_read_is_a_warning(runner, monkeypatch):
    monkeypatch.setattr(pdf_module, "find_engine", lambda: Engine("tesseract", "5.3.0"))

    def failing(png, engine, dpi=300):
        raise ocr_module.OcrPageError(f"Tesseract took longer than {ocr_module.PAGE_SECONDS} s")

    monkeypatch.setattr(ocr_module, "run_tesseract", failing)
    record, _ = _extract(SCANNED)
    assert "ocr" not in record["source"]
    assert [w["code"] for w in record["warnings"]] == ["no-text-layer", "ocr-failed"]
    assert "page 1 could not be read by OCR: Tesseract took longer than 60 s" in record["warnings"][1]["message"]


def test_the_store_keeps_records_of_each_ocr_mode_apart(runner, tmp_path):
    db = tmp_path / "plans.db"
    sample = str(SAMPLES / "langson-2020-news-kh18.txt")

    def run(*options):
        result = runner.invoke(main, ["extract", sample, "-f", "jsonl", "--store", str(db), "--summary", *options])
        return json.loads(result.stderr.splitlines()[-1])

    assert run("--ocr", "never")["extracted"] == 1
    assert run("--ocr", "never")["unchanged"] == 1
    assert run("--ocr", "auto")["extracted"] == 1
    assert run()["unchanged"] == 1


def test_png_goes_in_on_stdin_and_text_comes_out(tesseract):
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("L", (1400, 160), 255)
    ImageDraw.Draw(image).text((30, 40), "Kế hoạch số 23/KH-BCĐ ngày 26/02/2019", fill=0,
                                font=ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf", 48))
    png = io.BytesIO()
    image.save(png, format="PNG")
    text = ocr_module.run_tesseract(png.getvalue(), tesseract)
    assert "23/KH-BCĐ" in text and "\f" not in text
