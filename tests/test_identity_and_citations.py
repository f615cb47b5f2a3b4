"""Document identity and citations on the real samples (table-driven)."""
from __future__ import annotations

import pytest
from conftest import CORPUS, EVAL_DOCS, FIXTURES, SAMPLES

import plancli

IDENTITY = [
    ("langson-2019-kh23.md", dict(doc_type="Kế hoạch", number="23/KH-BCĐ", issue_date="2019-02-26",
                                  issuer="Ban Chỉ đạo 138 tỉnh Lạng Sơn", level="province", province="Lạng Sơn",
                                  year=2019, period=None,
                                  title="Triển khai thực hiện Chương trình phòng, chống mua bán người năm 2019")),
    ("langson-2020-news-kh18.txt", dict(doc_type="Kế hoạch", number="18/KH-BCĐ", issue_date="2020-02-17",
                                        issuer="Ban Chỉ đạo 138 tỉnh Lạng Sơn", level="province",
                                        province="Lạng Sơn", year=2020)),
    ("tiengiang-2019-news-kh37.txt", dict(doc_type="Kế hoạch", number="37/KH-UBND", issue_date="2019-02-20",
                                          issuer="Ủy ban nhân dân tỉnh Tiền Giang", level="province",
                                          province="Tiền Giang", year=2019)),
    ("national-2018-news-ct130.txt", dict(doc_type=None, number=None, issue_date=None, level="national",
                                          province=None)),
    ("province-2020-report-30-7.txt", dict(doc_type=None, number=None, province=None, year=2020)),
    ("cantho-2025-kh153-ma-tuy.txt", dict(doc_type="Kế hoạch", number="153/KH-UBND", issue_date="2025-11-17",
                                          issuer="Ủy ban nhân dân thành phố Cần Thơ", level="province",
                                          province="Cần Thơ", year=2025, period=[2025, 2030])),
    ("dongnai-2025-kh182-ma-tuy.txt", dict(doc_type="Kế hoạch", number="182/KH-UBND", issue_date="2025-11-20",
                                           issuer="Ủy ban nhân dân tỉnh Đồng Nai", province="Đồng Nai")),
]


@pytest.mark.parametrize("name, expected", IDENTITY, ids=[n for n, _ in IDENTITY])
def test_document_identity(name, expected):
    document = plancli.extract(SAMPLES / name).document.to_dict()
    assert {k: document[k] for k in expected} == expected


# Headers that are odd in one way each: every other field must survive it.
HARD_HEADERS = [
    # page excerpts: the site's lists of related documents above the header, a flattened table
    (EVAL_DOCS / "binhdinh-2021-qd2873-excerpt.txt", dict(
        doc_type="Quyết định", number="2873/QĐ-UBND", issue_date="2021-07-08",
        issuer="Ủy ban nhân dân tỉnh Bình Định", level="province", province="Bình Định", year=2021, title=None)),
    (EVAL_DOCS / "dongnai-2016-kh1009-excerpt.txt", dict(
        doc_type="Kế hoạch", number="1009/KH-UBND", issue_date="2016-02-03", issuer="Ủy ban nhân dân tỉnh Đồng Nai",
        level="province", province="Đồng Nai", year=2016, period=[2016, 2020])),
    # line breaks written out as "\\r\\n"
    (EVAL_DOCS / "langson-2020-kh54-excerpt.txt", dict(
        doc_type="Kế hoạch", number="54/KH-UBND", issue_date="2020-03-27", issuer="Ủy ban nhân dân tỉnh Lạng Sơn",
        level="province", province="Lạng Sơn", year=2020)),
    # letters spaced out by OCR: "Số: 3210/QĐ - U B ND", "ỦY B AN NHÂN D Â N T HÀNH P HỐ …"
    (EVAL_DOCS / "hochiminh-2014-qd3210.txt", dict(
        doc_type="Quyết định", number="3210/QĐ-UBND", issue_date="2014-06-28",
        issuer="Ủy ban nhân dân thành phố Hồ Chí Minh", level="province", province="Hồ Chí Minh", year=2014)),
    # an official letter: no type heading, "V/v" under the number
    (EVAL_DOCS / "laocai-2026-cv5973.txt", dict(
        doc_type="Công văn", number="5973/UBND-KT", issue_date="2026-06-11", issuer="Ủy ban nhân dân tỉnh Lào Cai",
        level="province", province="Lào Cai", year=2026)),
    # an issuer over three lines, "SỐ 1050/QĐ-SCT" part of its name
    (EVAL_DOCS / "laocai-2026-kh1105.txt", dict(
        doc_type="Kế hoạch", number="1105/KH-ĐKT", issuer="Đoàn kiểm tra theo Quyết định số 1050/QĐ-SCT",
        level="province", province="Lào Cai")),
    # "TINH TUYÊN QUANG" typed without the marks of "tỉnh"
    (EVAL_DOCS / "tuyenquang-2022-kh68-excerpt.txt", dict(
        issuer="Ủy ban nhân dân tỉnh Tuyên Quang", level="province", province="Tuyên Quang", year=2022)),
    # a site's metadata block ("Số hiệu:", "Loại văn bản:") above the real header
    (CORPUS / "full-r017.txt", dict(
        doc_type="Quyết định", number="2022/QĐ-UBND", issue_date="2025-11-27", issuer="Ủy ban nhân dân tỉnh Cao Bằng",
        level="province", province="Cao Bằng", year=2025)),
    # the government, signing in Hà Nội, below a gazette's running head
    (CORPUS / "full-r024.txt", dict(
        doc_type="Nghị quyết", number="175/NQ-CP", issue_date="2023-10-30", issuer="Chính phủ", level="national",
        province=None, year=2023)),
    # news pages that report no single plan: who acts, where, when
    (EVAL_DOCS / "hagiang-2018-news-ct130-excerpt.txt", dict(
        doc_type=None, number=None, issue_date=None, level="province", province="Hà Giang", year=2018)),
    (EVAL_DOCS / "national-2021-news-30-7-excerpt.txt", dict(
        doc_type=None, number=None, issue_date=None, level="national", province=None, year=2021)),
    (EVAL_DOCS / "province-2024-news-mbn-excerpt.txt", dict(
        doc_type=None, number=None, issue_date=None, level="province", province=None, year=2024)),
]


@pytest.mark.parametrize("path, expected", HARD_HEADERS, ids=[p.name for p, _ in HARD_HEADERS])
def test_each_field_survives_an_odd_header(path, expected):
    if not path.exists():
        pytest.skip("shared/ is not beside this checkout")
    document = plancli.extract(path, only=["citations"]).document.to_dict()
    assert {k: document[k] for k in expected} == expected


@pytest.mark.parametrize("capitals, name", [
    ("BAN CHỈ ĐẠO 138/CP", "Ban Chỉ đạo 138/CP"),
    ("ĐOÀN KIỂM TRA THEO QUYẾT ĐỊNH SỐ 1050/QĐ-SCT", "Đoàn kiểm tra theo Quyết định số 1050/QĐ-SCT"),
    ("UBND TỈNH NGHỆ AN", "UBND tỉnh Nghệ An"),
    ("SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", "Sở Lao động - Thương binh và Xã hội"),
    ("ỦY BAN NHÂN DÂN XÃ TÂN LẬP", "Ủy ban nhân dân xã Tân Lập"),
])
def test_an_issuer_in_capitals_reads_as_a_name(capitals, name):
    from plancli.extract.document import _name
    from plancli.ruleset import load_rules

    assert _name(capitals, load_rules()) == name


@pytest.mark.parametrize("header, level, province", [
    # a national body signs in Hà Nội; a unit under a ministry is national too
    ("BỘ CÔNG AN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 12/KH-BCA\tHà Nội, ngày 05 tháng 3 năm 2021", "national", None),
    ("BỘ CÔNG AN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nCỤC CẢNH SÁT HÌNH SỰ\nSố: 12/KH-C02\tHà Nội, ngày 05 tháng 3 năm 2021",
     "national", None),
    ("ỦY BAN NHÂN DÂN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTHÀNH PHỐ HÀ NỘI\nSố: 101/KH-UBND\tHà Nội, ngày 05 tháng 3 năm 2021",
     "province", "Hà Nội"),
    # a provincial city is district-level; a centrally-run city is a province
    ("ỦY BAN NHÂN DÂN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTHÀNH PHỐ LẠNG SƠN\nSố: 12/KH-UBND\tLạng Sơn, ngày 05 tháng 3 năm 2021",
     "district", "Lạng Sơn"),
    ("ỦY BAN NHÂN DÂN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTHÀNH PHỐ CẦN THƠ\nSố: 153/KH-UBND\tCần Thơ, ngày 17 tháng 11 năm 2025",
     "province", "Cần Thơ"),
    ("UBND TỈNH LẠNG SƠN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSỞ Y TẾ\nSố: 12/KH-SYT\tLạng Sơn, ngày 26 tháng 02 năm 2019",
     "province", "Lạng Sơn"),
])
def test_level_comes_from_the_issuer(header, level, province):
    document = plancli.extract(header + "\nKẾ HOẠCH\nPhòng, chống mua bán người năm 2021", only=["citations"]).document
    assert (document.level, document.province) == (level, province)


def _flattened(text: str) -> str:
    """The header's two columns flattened onto one line, no tab between them."""
    lines = text.split("\n")
    return "\n".join([line.replace("\t", " ") for line in lines[:15]] + lines[15:])


def _below_site_chrome(text: str) -> str:
    return ("Để sử dụng toàn bộ tiện ích nâng cao của Hệ Thống Pháp Luật vui lòng lựa chọn và đăng ký gói cước.\n"
            "Trang chủ | Văn bản | Tin tức\n- 1Luật ngân sách nhà nước 2015\n" + text)


def _motto_split(text: str) -> str:
    return text.replace("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "CỘNG\nHÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 1)


def _draft(text: str) -> str:
    import re
    return re.sub(r"(Số\s*:\s*)\d+\s*/", r"\1     /", text, count=1)


@pytest.mark.parametrize("name", ["bacninh-2025-kh144.txt", "laocai-2026-cv5973.txt", "hochiminh-2014-qd3210.txt",
                                  "national-2026-qd33-excerpt.txt", "province-2018-kh870-excerpt.txt"])
@pytest.mark.parametrize("odd", [_flattened, _below_site_chrome, _motto_split, _draft], ids=lambda f: f.__name__)
def test_one_odd_field_leaves_the_others(name, odd):
    path = EVAL_DOCS / name
    if not path.exists():
        pytest.skip("shared/ is not beside this checkout")
    fields = ("doc_type", "number", "issue_date", "issuer", "level", "province", "year")
    text = plancli.extract(path, only=["citations"]).text
    before = plancli.extract(text, only=["citations"]).document
    after = plancli.extract(odd(text), only=["citations"]).document
    changed = {f for f in fields if getattr(before, f) != getattr(after, f)}
    assert changed <= ({"number"} if odd is _draft else set()), (name, odd.__name__, changed)


def test_document_fields_say_why():
    document = plancli.extract(SAMPLES / "langson-2019-kh23.md", only=["citations"], explain=True).document
    assert {"number", "issue_date", "doc_type", "province", "level", "year"} <= set(document.why)
    assert document.why["number"][0]["rule"].startswith("rules/document.yaml:")


def test_identity_survives_every_input_format():
    for path in (FIXTURES / "langson-2019-kh23.pdf", FIXTURES / "tiengiang-2019-news-kh37.docx",
                 FIXTURES / "tiengiang-2019-news-kh37.html", FIXTURES / "tiengiang-vni.txt"):
        document = plancli.extract(path).document
        assert document.doc_type == "Kế hoạch" and document.number in ("23/KH-BCĐ", "37/KH-UBND"), path.name
        assert document.province in ("Lạng Sơn", "Tiền Giang"), path.name


CITED = {
    "langson-2019-kh23.md": {
        ("Kế hoạch", "02/KH-BCĐ", "2019-01-03"), ("Chương trình", "130/CP", None),
        ("Kiến nghị", "1526/KN-UBTP14", "2018-09-28"), ("Công văn", "12103/VPCP", "2018-12-13"),
        ("Công văn", "65/UBND-NC", "2019-01-17"), ("Chỉ thị", "01/CT-TTg", "2018-05-03"),
        ("Kế hoạch", "01/KH-C02-P5", "2019-01-03"), ("Công văn", "56/UBND-NC", "2019-01-17"),
    },
    "national-2018-news-ct130.txt": {
        ("Quyết định", "1546/QĐ-TTg", "2015-12-31"), ("Chương trình", "130/CP", None),
        ("Quyết định", "1471/QĐ-TTg", "2016-07-22"), ("Quyết định", "12/QĐ-TTg", "2017-01-18"),
        ("Quyết định", "2496/QĐ-TTg", "2017-07-18"), ("Quyết định", "793/QĐ-TTg", "2016-05-10"),
        ("Kế hoạch", "15/BCĐ", "2016-01-19"), ("Kết luận", "05/TW", "2016-07-15"),
        ("Chỉ thị", "48-CT/TW", "2010-10-22"),
    },
    "tiengiang-2019-news-kh37.txt": {
        ("Kế hoạch", "02/KH-BCĐ", "2019-01-03"), ("Kiến nghị", "1526/KN-UBTP14", "2018-09-28"),
        ("Công văn", "12102/VPCP", "2018-12-13"), ("Chỉ thị", "01", None),
    },
    "province-2020-report-30-7.txt": set(),
}


@pytest.mark.parametrize("name", CITED)
def test_numbered_citations(name):
    record = plancli.extract(SAMPLES / name)
    numbered = {(c.doc_type, c.number, c.issue_date) for c in record.citations if c.number}
    assert numbered == CITED[name]
    own = record.document.number
    assert own is None or own not in {n for _, n, _ in numbered}


def test_named_laws_once_each():
    record = plancli.extract(SAMPLES / "langson-2019-kh23.md")
    titles = [c.title for c in record.citations if c.number is None]
    assert titles == ["Bộ luật Hình sự năm 2015", "Luật sửa đổi, bổ sung một số điều của Bộ luật Hình sự năm 2015",
                      "Luật phòng, chống mua bán người"]
    first = record.citations[0]
    assert record.text[first.span.start:first.span.end] == first.text
    assert first.text.startswith("Kế hoạch số 02/KH-BCĐ, ngày 03/01/2019")


def test_a_title_in_capitals_reads_as_a_name():
    # Bắc Ninh KH 144/KH-UBND: "PHÁT TRIỂN KINH TẾ SỐ VÀ XÃ HỘI SỐ TỈNH BẮC NINH GIAI ĐOẠN" / "2026 - 2030"
    from plancli.extract.values import sentence_case
    from plancli.ruleset import load_rules

    rules = load_rules()
    assert sentence_case("PHÁT TRIỂN KINH TẾ SỐ VÀ XÃ HỘI SỐ TỈNH BẮC NINH", rules) == \
        "Phát triển kinh tế số và xã hội số tỉnh Bắc Ninh"
    assert sentence_case("ỦY BAN NHÂN DÂN HUYỆN CAO LỘC", rules) == "Ủy ban nhân dân huyện Cao Lộc"
    assert sentence_case("THỦ TƯỚNG CHÍNH PHỦ", rules) == "Thủ tướng Chính phủ"
