"""A document's identity and its citations hold when its layout or spelling changes.

Each real header (and a few headers of other issuers written after them) is changed in one way a
copy of it may be: its two columns flattened or spaced apart, CRLF line ends, typed without
diacritics, below a web site's menu and notices or a law library's title line and metadata
block, its issuer's letters spaced out by OCR, its date or its number lost. Every identity field
the change does not remove stays the same, and so do the citations.
"""
from __future__ import annotations

import re

import pytest
from conftest import EVAL_DOCS, SAMPLES

import plancli
from plancli.normalize import fold_diacritics

FIELDS = ("doc_type", "number", "issue_date", "issuer", "level", "province", "year", "period")
HEADER_LINES = 15


def _header_and_body(text: str) -> tuple[list[str], list[str]]:
    lines = text.split("\n")
    return lines[:HEADER_LINES], lines[HEADER_LINES:]


def flattened(text: str) -> str:
    """The two columns on one line, no tab between them."""
    header, body = _header_and_body(text)
    return "\n".join([line.replace("\t", " ") for line in header] + body)


def spaced_columns(text: str) -> str:
    """The two columns apart by spaces, as a PDF's text layer writes them."""
    header, body = _header_and_body(text)
    return "\n".join([line.replace("\t", "       ") for line in header] + body)


def crlf(text: str) -> str:
    return text.replace("\n", "\r\n")


def without_diacritics(text: str) -> str:
    return fold_diacritics(text)


def below_site_chrome(text: str) -> str:
    return ("Trang chủ | Giới thiệu | Tin tức | Văn bản\nĐăng nhập | Đăng ký\n"
            "Để sử dụng toàn bộ tiện ích nâng cao của Hệ Thống Pháp Luật vui lòng lựa chọn và đăng ký gói cước.\n"
            + text)


def below_library_metadata(text: str) -> str:
    """A law library's page: the document's title line, then its metadata block, then the text."""
    document = plancli.extract(text, only=["citations"]).document
    if not document.number:
        return text
    return (f"{document.doc_type} {document.number} năm {document.issue_date[:4]} {document.title or ''}\n"
            f"Số hiệu\t{document.number}\nLoại văn bản\t{document.doc_type}\n"
            f"Ngày ban hành\t{'/'.join(reversed(document.issue_date.split('-')))}\nNgười ký\tNguyễn Văn A\n"
            f"Lĩnh vực\tVăn hóa - Xã hội\n\n{text}")


_SPACED = {"ỦY BAN NHÂN DÂN": "ỦY B AN NHÂN D Â N", "THỦ TƯỚNG": "T HỦ TƯỚNG", "BAN CHỈ ĐẠO": "B AN CHỈ Đ ẠO"}


def ocr_spaced_issuer(text: str) -> str:
    header, body = _header_and_body(text)
    spaced = re.sub("|".join(_SPACED), lambda m: _SPACED[m.group(0)], "\n".join(header), count=1)
    return "\n".join([spaced] + body)


def without_date(text: str) -> str:
    return re.sub(r"[^\t\n,]{2,40}, ngày \d{1,2} tháng \d{1,2} năm \d{4}", "", text, count=1)


def without_number(text: str) -> str:
    return re.sub(r"Số\s*:\s*\d+\s*/\s*[^\s\t]+", "Số:", text, count=1)


# what a change may take away: the date takes the date and the year of issue (the year may then be
# the title's or the period's); the number takes the number and, with no type heading, the type
# the symbol gave
MAY_CHANGE = {without_date: {"issue_date", "year"}, without_number: {"number", "doc_type"}}
CHANGES = [flattened, spaced_columns, crlf, without_diacritics, below_site_chrome, below_library_metadata,
           ocr_spaced_issuer, without_date, without_number]

# real headers of every layout the development set has, each naming its province in its issuer
HEADERS = ["bacninh-2025-kh144.txt", "cantho-2025-kh153.txt", "hagiang-2022-qd378.txt", "hatinh-2025-kh624.txt",
           "hochiminh-2014-qd3210.txt", "laocai-2026-cv5973.txt", "laocai-2026-kh1105.txt",
           "national-2026-qd33-excerpt.txt", "national-2026-qd844.txt", "tuyenquang-2024-qd986.txt",
           "vinhlong-2013-qd745-excerpt.txt"]
NEWS = ["tiengiang-2019-news-kh37.txt", "hagiang-2018-news-ct130-excerpt.txt", "national-2021-news-30-7-excerpt.txt",
        "province-2024-news-mbn-excerpt.txt"]
NEWS_CHANGES = [crlf, without_diacritics, below_site_chrome]

# headers of other issuers, written after the real ones
OTHER_ISSUERS = {
    "district over its province": (
        "ỦY BAN NHÂN DÂN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nHUYỆN MƯỜNG KHƯƠNG\tĐộc lập - Tự do - Hạnh phúc\n"
        "TỈNH LÀO CAI\nSố: 112/KH-UBND\tMường Khương, ngày 14 tháng 3 năm 2023\n\nKẾ HOẠCH\n"
        "Phòng, chống mua bán người trên địa bàn huyện năm 2023\n\n"
        "Thực hiện Kế hoạch số 45/KH-UBND ngày 20/02/2023 của UBND tỉnh Lào Cai; Đoàn TNCS Hồ Chí Minh huyện "
        "phối hợp với Công an Thành phố Hà Nội;\n"),
    "Party committee": (
        "ĐẢNG BỘ TỈNH NGHỆ AN\tĐẢNG CỘNG SẢN VIỆT NAM\nBAN THƯỜNG VỤ TỈNH ỦY\n*\n"
        "Số: 35-CT/TU\tNghệ An, ngày 10 tháng 5 năm 2022\n\nCHỈ THỊ\n"
        "Về tăng cường sự lãnh đạo của Đảng đối với công tác phòng, chống ma túy trên địa bàn tỉnh\n\n"
        "Thực hiện Chỉ thị số 36-CT/TW ngày 16/8/2019 của Bộ Chính trị; Luật Phòng, chống ma túy năm 2021;\n"),
    "department": (
        "UBND TỈNH THANH HÓA\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSỞ LAO ĐỘNG - THƯƠNG BINH\tĐộc lập - Tự do - Hạnh phúc\n"
        "VÀ XÃ HỘI\nSố: 1234/KH-SLĐTBXH\tThanh Hóa, ngày 05 tháng 4 năm 2021\n\nKẾ HOẠCH\n"
        "Thực hiện công tác phòng, chống mua bán người năm 2021\n\n"
        "Căn cứ Kế hoạch số 60/KH-UBND ngày 10/3/2021 của UBND tỉnh Thanh Hóa;\n"),
    "Youth Union": (
        "BAN CHẤP HÀNH TỈNH ĐOÀN BẾN TRE\tĐOÀN TNCS HỒ CHÍ MINH\n***\n"
        "Số: 45-KH/TĐTN-TTNTH\tBến Tre, ngày 10 tháng 4 năm 2021\n\nKẾ HOẠCH\n"
        "Tuyên truyền phòng, chống mua bán người năm 2021\n\n"
        "Thực hiện Chương trình số 12-CTr/TĐTN ngày 05/01/2021 của Ban Thường vụ Tỉnh đoàn;\n"),
    "district's steering committee": (
        "UBND HUYỆN BẮC SƠN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nBAN CHỈ ĐẠO 138\tĐộc lập - Tự do - Hạnh phúc\n"
        "Số: 7/KH-BCĐ\tBắc Sơn, ngày 11 tháng 3 năm 2022\n\nKẾ HOẠCH\nPhòng, chống mua bán người năm 2022\n\n"
        "Thực hiện Kế hoạch số 23/KH-BCĐ ngày 26/02/2022 của Ban Chỉ đạo 138 tỉnh Lạng Sơn;\n"),
    "town": (
        "ỦY BAN NHÂN DÂN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTHỊ XÃ SA PA\tĐộc lập - Tự do - Hạnh phúc\n"
        "Số: 77/KH-UBND\tSa Pa, ngày 11 tháng 3 năm 2022\n\nKẾ HOẠCH\nPhòng, chống ma túy năm 2022\n\n"
        "Căn cứ Luật Phòng, chống ma túy năm 2021; Kế hoạch số 45/KH-UBND ngày 20/02/2022 của UBND tỉnh Lào Cai;\n"),
}
OTHER_IDENTITY = {
    "district's steering committee": dict(issuer="Ban Chỉ đạo 138", level="district", province="Lạng Sơn"),
    "town": dict(issuer="Ủy ban nhân dân thị xã Sa Pa", level="district", province="Lào Cai"),
    "district over its province": dict(issuer="Ủy ban nhân dân huyện Mường Khương tỉnh Lào Cai", level="district",
                                       province="Lào Cai"),
    "Party committee": dict(doc_type="Chỉ thị", number="35-CT/TU", issuer="Ban Thường vụ Tỉnh ủy", level="province",
                            province="Nghệ An"),
    "department": dict(issuer="Sở Lao động - Thương binh và Xã hội", level="province", province="Thanh Hóa"),
    "Youth Union": dict(issuer="Ban Chấp hành Tỉnh đoàn Bến Tre", level="province", province="Bến Tre"),
}


def _same(value, other, spelled_without_marks: bool) -> bool:
    if spelled_without_marks and isinstance(value, str) and isinstance(other, str):
        return fold_diacritics(value).casefold() == fold_diacritics(other).casefold()
    return value == other


def _cited(record, spelled_without_marks: bool) -> set:
    def key(value):
        return fold_diacritics(value).casefold() if spelled_without_marks and value else value
    return {(c.doc_type, key(c.number), None if c.number else key(c.title)) for c in record.citations}


def _check(text: str, change, name: str) -> None:
    before = plancli.extract(text, only=["citations"])
    after = plancli.extract(change(text), only=["citations"])
    unmarked = change is without_diacritics
    changed = {f for f in FIELDS
               if not _same(getattr(before.document, f), getattr(after.document, f), unmarked)}
    allowed = MAY_CHANGE.get(change, set()) | ({"period"} if change is without_date else set())
    assert changed <= allowed, (name, change.__name__,
                                {f: (getattr(before.document, f), getattr(after.document, f)) for f in changed})
    cited_before, cited_after = _cited(before, unmarked), _cited(after, unmarked)
    if change is without_number:  # with its own number lost, the text's mention of itself is a citation
        cited_after = {c for c in cited_after if c[1] != before.document.number}
    assert cited_before == cited_after, (name, change.__name__, cited_before ^ cited_after)


def _text(name: str) -> str:
    path = EVAL_DOCS / name
    if not path.exists():
        pytest.skip("shared/ is not beside this checkout")
    return plancli.extract(path, only=["citations"]).text


@pytest.mark.parametrize("change", CHANGES, ids=lambda f: f.__name__)
@pytest.mark.parametrize("name", HEADERS)
def test_a_real_header_keeps_its_identity_and_citations(name, change):
    _check(_text(name), change, name)


@pytest.mark.parametrize("change", NEWS_CHANGES, ids=lambda f: f.__name__)
@pytest.mark.parametrize("name", NEWS)
def test_a_news_page_keeps_its_identity_and_citations(name, change):
    _check(_text(name), change, name)


@pytest.mark.parametrize("change", CHANGES, ids=lambda f: f.__name__)
@pytest.mark.parametrize("issuer", OTHER_ISSUERS)
def test_other_issuers_keep_their_identity(issuer, change):
    text = OTHER_ISSUERS[issuer]
    document = plancli.extract(text, only=["citations"]).document
    assert {k: getattr(document, k) for k in OTHER_IDENTITY[issuer]} == OTHER_IDENTITY[issuer]
    _check(text, change, issuer)


def test_a_langson_plan_keeps_its_identity_without_diacritics():
    text = plancli.extract(SAMPLES / "langson-2019-kh23.md", only=["citations"]).text
    _check(text, without_diacritics, "langson-2019-kh23.md")
