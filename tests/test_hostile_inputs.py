"""Hostile and broken inputs: a clear one-line error or a warning, the right exit
code, and the rest of the batch still processed. One test per case."""
from __future__ import annotations

import builtins
import importlib
import json
import shutil
import time

import pytest
from conftest import FIXTURES, SAMPLES

from plancli.cli import main
from plancli.render import atomic_file

GOOD = SAMPLES / "langson-2020-news-kh18.txt"


def _batch(runner, tmp_path, name: str, content: bytes | None = None, *options: str):
    """A folder with one good plan and one hostile file; returns the CLI result."""
    shutil.copy(GOOD, tmp_path / "a-good.txt")
    if content is not None:
        (tmp_path / name).write_bytes(content)
    return runner.invoke(main, ["extract", str(tmp_path), "-f", "jsonl", "-j", "1", *options])


def _written(result) -> list[str]:
    return [json.loads(line)["source"]["path"].rsplit("/", 1)[-1] for line in result.stdout.splitlines()]


def _one_line_error(result, name: str, problem: str) -> None:
    errors = [line for line in result.stderr.splitlines() if line.startswith("plancli: error:")]
    assert len(errors) == 1 and name in errors[0] and problem in errors[0], result.stderr
    # nothing but plancli's own messages: no library logging, no traceback
    assert all(line.startswith("plancli:") for line in result.stderr.splitlines()), result.stderr


def test_empty_file_is_a_warning(runner, tmp_path):
    result = _batch(runner, tmp_path, "b-empty.txt", b"")
    assert result.exit_code == 0
    assert _written(result) == ["a-good.txt", "b-empty.txt"]
    assert "b-empty.txt: empty-text" in result.stderr


@pytest.mark.parametrize("name, content, problem", [
    ("b-binary.txt", bytes(range(256)) * 64, "binary file"),
    ("b-image.pdf", b"\x89PNG\r\n\x1a\n" + bytes(300), "is not a PDF file"),
    ("b-notzip.docx", "Kế hoạch phòng, chống mua bán người".encode(), "not a zip archive"),
])
def test_unreadable_files_are_one_line_errors(runner, tmp_path, name, content, problem):
    result = _batch(runner, tmp_path, name, content)
    assert result.exit_code == 3
    assert _written(result) == ["a-good.txt"]
    _one_line_error(result, name, problem)


def test_stray_nul_bytes_are_a_warning(runner, tmp_path):
    result = _batch(runner, tmp_path, "b-nul.txt", "Kế hoạch số 12/KH-UBND".encode() + b"\x00\x00\x00" + b"abc" * 10)
    assert result.exit_code == 0
    assert _written(result) == ["a-good.txt", "b-nul.txt"]
    assert "b-nul.txt: nul-bytes" in result.stderr and "removed 3 NUL bytes" in result.stderr


@pytest.mark.parametrize("fixture, problem", [("truncated.pdf", "not a readable PDF"), ("encrypted.pdf", "encrypted")])
def test_broken_pdfs(runner, tmp_path, fixture, problem):
    result = _batch(runner, tmp_path, "b.pdf", (FIXTURES / fixture).read_bytes())
    assert result.exit_code == 3 and _written(result) == ["a-good.txt"]
    _one_line_error(result, "b.pdf", problem)


def test_pdf_fonts_without_unicode_map_are_a_warning_not_garbage(runner):
    # without OCR (tests/test_ocr.py reads such a page by OCR)
    result = runner.invoke(main, ["extract", str(FIXTURES / "unmapped-font.pdf"), "-f", "json", "--ocr", "never"])
    assert result.exit_code == 0
    record = json.loads(result.stdout)
    # the only page's font has no Unicode map: its text is left out, so the document is empty
    assert [w["code"] for w in record["warnings"]] == ["unmapped-font", "empty-text"]
    text = runner.invoke(main, ["text", str(FIXTURES / "unmapped-font.pdf"), "--ocr", "never"]).stdout
    assert "(cid:" not in text


def test_scanned_pdf_is_a_warning(runner):
    result = runner.invoke(main, ["extract", str(FIXTURES / "langson-2019-kh23.pdf"), "-f", "json", "--ocr", "never"])
    assert result.exit_code == 0 and "no-text-layer" in result.stderr


def test_a_50_mb_text_file_hits_the_size_limit(runner, tmp_path):
    big = tmp_path / "b-big.txt"
    with open(big, "wb") as handle:
        line = "Ít nhất 50% người dân được tiếp cận thông tin về phòng, chống mua bán người.\n".encode()
        handle.write(line * (50_000_000 // len(line) + 1))
    started = time.monotonic()
    result = _batch(runner, tmp_path, "b-big.txt")
    assert time.monotonic() - started < 20
    assert result.exit_code == 3 and _written(result) == ["a-good.txt"]
    _one_line_error(result, "b-big.txt", "more than the limit of 20 MB; raise it with --max-size")


def test_limits_can_be_raised_or_lowered(runner):
    small = runner.invoke(main, ["extract", str(GOOD), "-f", "json", "--max-size", "0.001"])
    assert small.exit_code == 3 and "raise it with --max-size" in small.stderr
    pages = runner.invoke(main, ["extract", str(FIXTURES / "langson-2019-kh23.pdf"), "-f", "json", "--max-pages", "2"])
    assert pages.exit_code == 3 and "has 4 pages, more than the limit of 2" in pages.stderr
    assert runner.invoke(main, ["extract", str(FIXTURES / "langson-2019-kh23.pdf"), "-f", "json",
                                "--max-pages", "4"]).exit_code == 0


def test_a_document_that_takes_too_long_is_stopped(runner, tmp_path, monkeypatch):
    pipeline = importlib.import_module("plancli.extract")  # the package, not plancli.extract() the function
    real = pipeline.build_record

    def slow(loaded, source, rules, only=None):
        if "slow" in source.path:
            time.sleep(5)
        return real(loaded, source, rules, only)

    monkeypatch.setattr(pipeline, "build_record", slow)
    shutil.copy(GOOD, tmp_path / "b-slow.txt")
    started = time.monotonic()
    result = _batch(runner, tmp_path, "c-last.txt", GOOD.read_bytes(), "--timeout", "0.5")
    assert time.monotonic() - started < 4
    assert result.exit_code == 3 and _written(result) == ["a-good.txt", "c-last.txt"]
    _one_line_error(result, "b-slow.txt", "took longer than 0.5 s and was stopped; raise the limit with --timeout")


@pytest.mark.parametrize("fixture", ["tiengiang-nfd-crlf.txt", "tiengiang-tcvn3.txt", "tiengiang-vni.txt"])
def test_decomposed_legacy_and_windows_text(runner, fixture):
    record = json.loads(runner.invoke(main, ["extract", str(FIXTURES / fixture), "-f", "json"]).stdout)
    assert record["document"]["number"] == "37/KH-UBND"
    assert record["document"]["province"] == "Tiền Giang"


def test_utf16_without_bom(runner, tmp_path):
    path = tmp_path / "b-utf16.txt"
    path.write_bytes(GOOD.read_text(encoding="utf-8").encode("utf-16-le"))
    record = json.loads(runner.invoke(main, ["extract", str(path), "-f", "json"]).stdout)
    assert record["source"]["encoding"] == "utf-16-le" and record["document"]["number"] == "18/KH-BCĐ"


def test_a_file_name_with_spaces_and_vietnamese_letters(runner, tmp_path):
    path = tmp_path / "Kế hoạch số 18 năm 2020 (Lạng Sơn).txt"
    shutil.copy(GOOD, path)
    result = runner.invoke(main, ["extract", str(path), "-f", "json"])
    assert result.exit_code == 0 and json.loads(result.stdout)["source"]["path"] == str(path)


def test_a_folder_with_a_symlink_loop(runner, tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "loop").symlink_to(tmp_path, target_is_directory=True)
    result = _batch(runner, tmp_path, "b.txt", GOOD.read_bytes())
    assert result.exit_code == 0 and _written(result) == ["a-good.txt", "b.txt"]


def test_a_path_that_does_not_exist(runner, tmp_path):
    result = runner.invoke(main, ["extract", str(GOOD), str(tmp_path / "khong-co.txt"), "-f", "jsonl"])
    assert result.exit_code == 3 and len(result.stdout.splitlines()) == 1
    _one_line_error(result, "khong-co.txt", "no such file")


def test_permission_denied(runner, tmp_path, monkeypatch):
    locked = tmp_path / "b-locked.txt"
    shutil.copy(GOOD, locked)
    real_open = builtins.open

    def guarded(file, *args, **kwargs):  # root reads any file: deny this one as a user without rights would be
        if str(file) == str(locked):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", guarded)
    result = _batch(runner, tmp_path, "c.txt", GOOD.read_bytes())
    assert result.exit_code == 3 and _written(result) == ["a-good.txt", "c.txt"]
    _one_line_error(result, "b-locked.txt", "permission denied")


def test_an_interrupted_write_keeps_the_old_file(tmp_path):
    target = tmp_path / "ket-qua.json"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(KeyboardInterrupt):
        with atomic_file(target) as handle:
            handle.write("half a reco")
            raise KeyboardInterrupt
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["ket-qua.json"]
