"""A PDF page's layout: paragraphs that visual line breaks split, page headers
and footers, ruled tables. Fixtures: tests/fixtures/make_layout_fixtures.py."""
from __future__ import annotations

import sys

import pytest
from conftest import FIXTURES, SAMPLES

from plancli.extract import extract_file
from plancli.normalize import GOES_ON, normalize

LAYOUT = FIXTURES / "layout"
sys.path.insert(0, str(FIXTURES))
from make_layout_fixtures import ANNEX_ROWS, TITLE  # noqa: E402  (the rows the annex table was drawn from)


def _lines(record) -> list[str]:
    """The record's text, line by line, page breaks and blank lines left out."""
    return [line for line in record.text.replace("\f", "\n").split("\n") if line]


def _targets(record) -> list[tuple]:
    return [(t.value, t.comparator, t.subject) for t in record.targets]


@pytest.fixture(scope="module")
def news():
    return extract_file(str(SAMPLES / "langson-2020-news-kh18.txt"))


@pytest.mark.parametrize("name", ["langson-2020-news-print.pdf", "langson-2020-news-print-3pages.pdf",
                                  "langson-2020-news-word.pdf"])
def test_the_pdf_of_a_news_page_gives_the_targets_of_its_text(name, news):
    pdf = extract_file(str(LAYOUT / name))
    assert len(news.targets) == 9
    assert _targets(pdf) == _targets(news)
    # the lead's two aims: a paragraph set off by space or by its indent ends where the text file's does
    assert [o.text for o in pdf.objectives] == [o.text for o in news.objectives] and len(news.objectives) == 2


def test_a_paragraph_wrapped_after_a_full_stop_is_one_line():
    # the narrow print ends a line on "tình huống." and starts the next with "100% tuyến":
    # the text of the line alone would end the paragraph there, its place on the page does not
    lines = extract_file(str(LAYOUT / "langson-2020-news-print.pdf")).text.split("\n")
    lead = next(line for line in lines if "phấn đấu đạt chỉ tiêu" in line)
    assert "kỹ năng xử lý các tình huống. 100% tuyến, địa bàn trọng điểm" in lead
    assert lead.endswith("hỗ trợ hòa nhập cộng đồng cho nạn nhân bị mua bán.....")


def test_a_paragraph_goes_on_across_a_page_break():
    record = extract_file(str(LAYOUT / "langson-2020-news-print-3pages.pdf"))
    assert record.source.pages == 3
    lead = next(line for line in record.text.split("\n") if "phấn đấu đạt chỉ tiêu" in line)
    assert "\f" in lead and lead.endswith("cho nạn nhân bị mua bán.....")


@pytest.mark.parametrize("name", ["langson-2020-news-print.pdf", "langson-2020-news-print-3pages.pdf"])
def test_the_browser_header_and_footer_are_not_text(name):
    text = extract_file(str(LAYOUT / name)).text
    assert "file://" not in text and " AM" not in text and " PM" not in text
    assert "1/1" not in text and "1/3" not in text and "3/3" not in text
    # the page's own heading stays, once: the copy in each page's header is gone
    assert text.count(TITLE) == 1
    assert text.startswith(TITLE + "\n")


def test_a_word_processor_running_header_and_page_numbers_are_not_text():
    text = extract_file(str(LAYOUT / "langson-2020-news-word.pdf")).text
    assert "Kế hoạch 18/KH-BCĐ" not in text and "Trang 1" not in text and "Trang 2" not in text
    # first lines indented, the rest at the margin: each paragraph is one line
    lines = text.split("\n")
    assert sum("ngăn chặn, kiềm chế hoạt động tội phạm mua bán người trên phạm vi toàn tỉnh." in line
               for line in lines) == 1
    assert any(line.startswith("Nhằm phát huy") and line.endswith("(MBN) năm 2020.") for line in lines)


def test_short_last_lines_and_list_items_keep_their_breaks():
    lines = _lines(extract_file(str(FIXTURES / "langson-2019-kh23.pdf")))
    assert "2. Chỉ tiêu" in lines and "I. MỤC TIÊU, CHỈ TIÊU" in lines
    items = [line[:3] for line in lines if line[:3] in ("a) ", "b) ", "c) ", "d) ", "đ) ")]
    assert items[:5] == ["a) ", "b) ", "c) ", "a) ", "b) "]
    ending = next(line for line in lines if line.startswith("a) Ít nhất 50% người dân"))
    assert "b) 100%" not in ending
    news = _lines(extract_file(str(LAYOUT / "langson-2020-news-print.pdf")))
    assert news[-2:] == ["Tô Thị Thương", "Sở thông tin và Truyền thông"]


def test_an_annex_table_is_read_row_by_row_in_order():
    text = extract_file(str(LAYOUT / "annex-table.pdf")).text
    rows = [line.split("\t") for line in text.split("\n") if "\t" in line]
    assert rows[0] == ["STT", "Đơn vị chủ trì", "Nhiệm vụ", "Đơn vị phối hợp", "Thời gian hoàn thành"]
    expected, merged = [], None
    for number, lead, task, support, when in ANNEX_ROWS:
        # the lead unit merged over three rows is the lead unit of each of them
        merged = (number, lead) if number else merged
        expected.append([*merged, task, support, when])
    assert rows[1:] == expected
    # the table stands where it is drawn: after the paragraph above it, before the one below
    before = text.index("theo đúng tiến độ:")
    after = text.index("Bộ Công an theo dõi, đôn đốc")
    assert before < text.index("STT\tĐơn vị chủ trì") < text.index("2\tBộ Công an\t") < after


def test_an_unmapped_font_still_shows_its_cid_codes():
    import pdfplumber

    from plancli.loaders.pdf_layout import page_text

    with pdfplumber.open(FIXTURES / "unmapped-font.pdf") as pdf:
        assert "(cid:" in "".join(page_text(page) for page in pdf.pages)


def test_a_line_marked_to_go_on_is_joined_across_the_page_break():
    page_one = "Theo Kế hoạch, 75% người dân được tiếp cận thông tin, kỹ năng xử lý các tình huống."
    assert normalize(page_one + GOES_ON + "\n\f100% tuyến, địa bàn trọng điểm") == \
        page_one + "\f100% tuyến, địa bàn trọng điểm"
    # without the mark a full stop ends the paragraph; a heading never goes on a sentence
    assert normalize(page_one + "\n\f100% tuyến") == page_one + "\n\f100% tuyến"
    assert normalize(page_one + GOES_ON + "\n\fII. NHIỆM VỤ") == page_one + "\n\fII. NHIỆM VỤ"
    # a word joiner inside a line is still dropped
    assert normalize("Lạng" + GOES_ON + " Sơn") == "Lạng Sơn"


def test_an_office_print_of_a_plan_reads_as_its_text():
    pdf = extract_file(str(LAYOUT / "langson-2019-plan-word.pdf"))
    text = extract_file(str(SAMPLES / "langson-2019-kh23.md"))
    assert _targets(pdf) == _targets(text) and len(pdf.targets) == 11
    for field in ("doc_type", "number", "issue_date", "province", "year", "title"):
        assert getattr(pdf.document, field) == getattr(text.document, field), field
    lines = _lines(pdf)
    # the running header from page 2 on (not on page 1) and "- 2 -" at each foot are gone
    assert not any("ngày 26/02/2019 của Ban Chỉ đạo 138 tỉnh" in line for line in lines)
    assert not any(line.startswith("- ") and line.endswith(" -") for line in lines)
    # the centred title keeps its lines; a heading in capitals does not run into the text below
    assert lines[3:5] == ["KẾ HOẠCH", "Triển khai thực hiện Chương trình phòng, chống mua bán người năm 2019"]
    assert "I. MỤC TIÊU, CHỈ TIÊU" in lines and "2. Chỉ tiêu" in lines
