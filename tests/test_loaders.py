"""Every input format, read from real files made from the samples."""
from __future__ import annotations

import pytest
from conftest import FIXTURES, SAMPLES

from plancli.errors import InputError
from plancli.extract import Limits, extract_bytes, extract_file
from plancli.loaders import input_paths, strip_markdown


def test_pdf_pages_broken_lines_and_a_scanned_page():
    # without OCR the scanned page is reported (tests/test_ocr.py reads it by OCR)
    record = extract_file(str(FIXTURES / "langson-2019-kh23.pdf"), limits=Limits(ocr="never"))
    assert record.source.format == "pdf" and record.source.pages == 4
    text = record.text
    assert text.count("\f") == 3
    # the PDF wrapped every long paragraph at the margin: the sentences are whole again
    assert "a) Ít nhất 50% người dân tại các địa bàn trọng điểm, đặc biệt là phụ nữ, trẻ em được tiếp cận" in text
    assert "Triển khai thực hiện Chương trình phòng, chống mua bán người năm 2019" in text
    # diacritics survive the PDF round trip
    assert "Ban Chỉ đạo phòng, chống tội phạm, tệ nạn xã hội" in text
    # page numbers printed at each foot are not text
    assert "\n1\n" not in text and "\n2\n" not in text
    codes = [w.code for w in record.warnings]
    assert codes == ["no-text-layer"]
    assert "page 4 of 4" in record.warnings[0].message


@pytest.mark.parametrize("name, problem", [
    ("encrypted.pdf", "encrypted"),
    ("truncated.pdf", "not a readable PDF"),
])
def test_unreadable_pdfs_are_one_line_errors(name, problem):
    with pytest.raises(InputError) as caught:
        extract_file(str(FIXTURES / name))
    message = str(caught.value)
    assert message.startswith(str(FIXTURES / name)) and problem in message and "\n" not in message


def test_a_png_named_pdf(tmp_path):
    fake = tmp_path / "ke-hoach.pdf"
    fake.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    with pytest.raises(InputError, match="is not a PDF file"):
        extract_file(str(fake))


def test_docx_paragraphs_and_tables_in_order():
    record = extract_file(str(FIXTURES / "tiengiang-2019-news-kh37.docx"))
    text = record.text
    assert record.source.format == "docx"
    header = text.index("Số: 37/KH-UBND\tTiền Giang, ngày 20 tháng 02 năm 2019")
    body = text.index("Mục tiêu của Kế hoạch nhằm")
    table = text.index("Thông tin về tội phạm mua bán người được phân loại, xử lý\t100%")
    assert text.index("ỦY BAN NHÂN DÂN") < header < body < table


def test_docx_that_is_not_a_zip(tmp_path):
    fake = tmp_path / "ke-hoach.docx"
    fake.write_text("Kế hoạch", encoding="utf-8")
    with pytest.raises(InputError, match="not a zip archive"):
        extract_file(str(fake))


def test_html_main_text_without_menus_or_scripts():
    record = extract_file(str(FIXTURES / "tiengiang-2019-news-kh37.html"))
    text = record.text
    assert text.startswith("Tiền Giang: đẩy mạnh thực hiện chương trình phòng chống mua bán người")
    assert "Các chỉ tiêu cụ thể được đưa ra là: đảm bảo 85% xã, phường, thị trấn" in text
    for boilerplate in ("Trang chủ", "Giới thiệu", "tracking", "dataLayer", "color: red", "Bản quyền"):
        assert boilerplate not in text


def test_markdown_emphasis_wrapped_over_lines_is_one_line():
    # full-r007.txt of the corpus, a page saved as Markdown
    assert strip_markdown("**I. MỤC\nĐÍCH, YÊU CẦU**\n\n*Cần Thơ, ngày\n17 tháng 11 năm 2025*") == \
        "I. MỤC ĐÍCH, YÊU CẦU\n\nCần Thơ, ngày 17 tháng 11 năm 2025"


def test_markdown_syntax_is_removed():
    assert strip_markdown("**KẾ HOẠCH**  \n## I. MỤC TIÊU\n1\\. Chỉ tiêu [xem](http://x.vn)") == \
        "KẾ HOẠCH  \nI. MỤC TIÊU\n1. Chỉ tiêu xem"
    record = extract_file(str(SAMPLES / "langson-2019-kh23.md"))
    assert "**" not in record.text
    assert record.text.startswith("Số: 23 /KH-BCĐ\n\nLạng Sơn, ngày 26 tháng 02 năm 2019\n\nKẾ HOẠCH\n")


def test_text_from_stdin_bytes():
    record = extract_bytes("Ít nhất 50% người dân\r\nđược tiếp cận".encode("utf-16"), "<stdin>", "stdin")
    assert record.source.format == "stdin" and record.source.encoding == "utf-16"
    assert record.text == "Ít nhất 50% người dân được tiếp cận"


def test_empty_input_is_a_warning_not_an_error(tmp_path):
    empty = tmp_path / "trong.txt"
    empty.write_bytes(b"")
    record = extract_file(str(empty))
    assert [w.code for w in record.warnings] == ["empty-text"]


def test_folders_expand_to_supported_files_sorted(tmp_path):
    (tmp_path / "b").mkdir()
    for name in ("b/z.txt", "a.md", "b/c.pdf", "notes.odt", ".hidden.txt", "b/d.DOCX"):
        (tmp_path / name).write_bytes(b"x")
    (tmp_path / "b" / "loop").symlink_to(tmp_path, target_is_directory=True)
    found = [p[len(str(tmp_path)) + 1:] for p in input_paths([str(tmp_path)])]
    assert found == ["a.md", "b/c.pdf", "b/d.DOCX", "b/z.txt"]
    assert input_paths(["-", "missing.txt"]) == ["-", "missing.txt"]


def test_unsupported_and_missing_files(tmp_path):
    with pytest.raises(InputError, match="unsupported file type '.odt'"):
        extract_file(str(tmp_path / "bao-cao.odt"))
    with pytest.raises(InputError, match="no such file"):
        extract_file(str(tmp_path / "khong-co.txt"))
