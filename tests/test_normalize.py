"""Normalisation: characters, broken lines, offsets → lines/pages, word offsets."""
from __future__ import annotations

import unicodedata

import pytest
from conftest import CORPUS, EVAL_DOCS, SAMPLES

from plancli.normalize import NormalizedText, fold_characters, fold_for_alignment, normalize, word_spans


@pytest.mark.parametrize("raw, expected", [
    # one tone placement: the traditional one
    ("Hội đồng hoà giải, thuỷ lợi, Uỷ ban", "Hội đồng hòa giải, thủy lợi, Ủy ban"),
    ("HOÀ BÌNH, KHOẺ MẠNH", "HÒA BÌNH, KHỎE MẠNH"),
    ("quý I, hoàn thành, tuỳ theo", "quý I, hoàn thành, tùy theo"),
    # decomposed (NFD) input composes
    (unicodedata.normalize("NFD", "Kế hoạch phòng, chống"), "Kế hoạch phòng, chống"),
    # look-alikes
    ("Kế hoạch số 37⁄KH- UBND ngày 20⁄02⁄2019", "Kế hoạch số 37/KH- UBND ngày 20/02/2019"),
    ("số 12∕QĐ-UBND", "số 12/QĐ-UBND"),
    ("đạt １００％ số xã", "đạt 100% số xã"),
    ("giai đoạn 2016 – 2020", "giai đoạn 2016 - 2020"),
    ("Sở\u00a0Tư\u00a0pháp", "Sở Tư pháp"),
    ("phòng\u200b, chống mua\u00adbán", "phòng, chống muabán"),
    ("dòng 1\r\ndòng 2\rdòng 3", "dòng 1\ndòng 2\ndòng 3"),
    # line breaks written out by a page scraped from escaped JSON (web-p037: Lạng Sơn KH 54/KH-UBND)
    ("Số: 54/KH-UBND \\r\\n | Lạng Sơn", "Số: 54/KH-UBND \n | Lạng Sơn"),
])
def test_characters(raw, expected):
    assert fold_characters(raw) == expected


@pytest.mark.parametrize("raw, expected", [
    # a converter's blank line in the middle of a sentence (langson-2019-kh23.md)
    ("trên tổng số vụ do Viện Kiểm sát nhân dân, Tòa án\n\nnhân dân các cấp thụ lý;",
     "trên tổng số vụ do Viện Kiểm sát nhân dân, Tòa án nhân dân các cấp thụ lý;"),
    # a title set over several lines
    ("KẾ HOẠCH\nTriển khai thực hiện Chương trình\nphòng, chống mua bán người năm 2019",
     "KẾ HOẠCH\nTriển khai thực hiện Chương trình phòng, chống mua bán người năm 2019"),
    # list items stay apart, even when the previous one has no full stop
    ("2. Chỉ tiêu\na) Ít nhất 50% người dân\nb) 100% tuyến, địa bàn\nđ) 100% số vụ",
     "2. Chỉ tiêu\na) Ít nhất 50% người dân\nb) 100% tuyến, địa bàn\nđ) 100% số vụ"),
    ("các nội dung sau\n- Tổ chức tuyên truyền\n+ Tập huấn", "các nội dung sau\n- Tổ chức tuyên truyền\n+ Tập huấn"),
    ("Căn cứ Luật số 72/2025/QH15;\nĐiều 1. Ban hành", "Căn cứ Luật số 72/2025/QH15;\nĐiều 1. Ban hành"),
    # a line cut after a comma or a dash continues
    ("Sở Lao động -\nThương binh và Xã hội", "Sở Lao động - Thương binh và Xã hội"),
    ("phối hợp với Sở Tư pháp,\nSở Ngoại vụ thực hiện", "phối hợp với Sở Tư pháp, Sở Ngoại vụ thực hiện"),
    ("Thực hiện Quyết định số\n7619/QĐ-BCA ngày 08 tháng 9 năm 2025;\n100% số xã",
     "Thực hiện Quyết định số 7619/QĐ-BCA ngày 08 tháng 9 năm 2025;\n100% số xã"),
    ("KẾ HOẠCH\nPHÁT TRIỂN KINH TẾ SỐ TỈNH BẮC NINH GIAI ĐOẠN\n2026 - 2030",
     "KẾ HOẠCH\nPHÁT TRIỂN KINH TẾ SỐ TỈNH BẮC NINH GIAI ĐOẠN 2026 - 2030"),
    ("Theo đề nghị của Sở Khoa học và\nCông nghệ tại Tờ trình số 133/TTr-SKHCN",
     "Theo đề nghị của Sở Khoa học và Công nghệ tại Tờ trình số 133/TTr-SKHCN"),
    # headings and paragraphs stay apart; one blank line between paragraphs
    ("I. MỤC TIÊU\n\n\n\n1. Mục tiêu", "I. MỤC TIÊU\n\n1. Mục tiêu"),
    ("Kết thúc câu.\nCâu mới bắt đầu", "Kết thúc câu.\nCâu mới bắt đầu"),
    # a line that a join made no heading is continued like any other (found by test_properties)
    ("a) \n2019KẾ HOẠCH\nhoà ", "a) 2019KẾ HOẠCH hòa"),
    # a bare page number between paragraphs is dropped
    ("có hiệu lực sau 10 ngày.\n2\n\n2. Bãi bỏ", "có hiệu lực sau 10 ngày.\n\n2. Bãi bỏ"),
    # the two columns of a flattened header table stay apart (tab)
    ("ỦY BAN NHÂN DÂN                    CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
     "ỦY BAN NHÂN DÂN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
    # the star under a Party body's name is decoration, alone or as the first cell of its row
    ("TỈNH ỦY BẮC GIANG\tĐẢNG CỘNG SẢN VIỆT NAM\n*\nSố 112-KH/TU",
     "TỈNH ỦY BẮC GIANG\tĐẢNG CỘNG SẢN VIỆT NAM\nSố 112-KH/TU"),
    ("BAN THƯỜNG VỤ TỈNH ỦY\n*\tNghệ An, ngày 10 tháng 5 năm 2022", "BAN THƯỜNG VỤ TỈNH ỦY\nNghệ An, ngày 10 tháng 5 năm 2022"),
    # a bullet star keeps its item
    ("các nội dung sau\n* Tổ chức tuyên truyền", "các nội dung sau\n* Tổ chức tuyên truyền"),
])
def test_lines(raw, expected):
    assert normalize(raw) == expected


def test_written_out_line_breaks_join_a_wrapped_citation():
    # web-p037 (Lạng Sơn KH 54/KH-UBND): the date of a citation sat after a written-out line break
    raw = "Thực hiện Quyết định số 1896/QĐ-TTg\\r\\nngày 25/12/2019 của Thủ tướng Chính phủ ban hành Chương trình"
    assert normalize(raw) == "Thực hiện Quyết định số 1896/QĐ-TTg ngày 25/12/2019 của Thủ tướng Chính phủ ban hành Chương trình"


def test_hard_wrapped_text_is_rejoined():
    # full-r022.txt of the corpus: a decision wrapped at about 85 columns
    raw = (
        "     Căn cứ Nghị định số 78/2025/NĐ-CP của Chính phủ Quy định chi tiết một\n"
        "số điều và biện pháp để tổ chức, hướng dẫn thi hành Luật Ban hành văn bản quy\n"
        "phạm pháp luật được sửa đổi, bổ sung bởi Nghị định số 187/2025/NĐ-CP của\n"
        "Chính phủ;\n"
        "     Căn cứ Thông tư số 14/2024/TT-BCT của Bộ trưởng Bộ Công Thương Quy\n"
        "định chế độ báo cáo định kỳ về cụm công nghiệp, cơ sở dữ liệu cụm công nghiệp\n"
        "cả nước và một số mẫu văn bản về quản lý, phát triển cụm công nghiệp;\n"
        "     Theo đề nghị của Giám đốc Sở Công Thương tại Tờ trình số 3499/TTr-SCT\n"
        "ngày 31 tháng 12 năm 2025;\n"
    )
    lines = normalize(raw).split("\n")
    assert len(lines) == 3
    assert lines[0].endswith("bởi Nghị định số 187/2025/NĐ-CP của Chính phủ;")
    assert lines[2] == "Theo đề nghị của Giám đốc Sở Công Thương tại Tờ trình số 3499/TTr-SCT ngày 31 tháng 12 năm 2025;"


def test_pages_are_form_feeds_and_sentences_run_across_them():
    raw = "Trang một, câu bị cắt ở\n\fcuối trang.\nDòng tiếp.\n\fTrang ba."
    text = NormalizedText.from_raw(raw, paged=True)
    assert text.text == "Trang một, câu bị cắt ở\fcuối trang.\nDòng tiếp.\n\fTrang ba."
    assert text.page_count == 3
    assert text.span(text.text.index("cuối"), text.text.index("cuối") + 4).page == 2
    third = text.span(text.text.index("Trang ba"), len(text.text))
    assert (third.line, third.page) == (3, 3)


def test_spans_give_lines_of_the_normalised_text():
    text = NormalizedText.from_raw((SAMPLES / "langson-2019-kh23.md").read_text(encoding="utf-8"))
    lines = text.text.split("\n")
    for needle in ("Ít nhất 50% người dân", "Tòa án nhân dân các cấp", "Sở Thông tin và Truyền thông chủ trì"):
        start = text.text.index(needle)
        span = text.span(start, start + len(needle))
        assert needle in lines[span.line - 1]
        assert text.text[span.start:span.end] == needle
        assert span.page is None
    with pytest.raises(ValueError):
        text.span(0, len(text.text) + 1)


def test_normalising_twice_changes_nothing():
    for path in sorted(SAMPLES.iterdir()):
        once = normalize(path.read_text(encoding="utf-8"))
        assert normalize(once) == once, path.name


def _check_word_spans(text: str) -> None:
    words = word_spans(text)
    assert words
    previous_end = 0
    for word in words:
        assert text[word.start:word.end] == word.text
        assert word.start >= previous_end
        previous_end = word.end
    covered = "".join(fold_for_alignment(w.text) for w in words)
    assert covered == fold_for_alignment(text)


def test_word_spans_on_a_sentence():
    text = "Ít nhất 50% người dân tại các địa bàn “trọng điểm”, Sở LĐ-TB&XH chủ trì; ngày 20/02/2019."
    words = word_spans(text)
    assert [w.text for w in words][:6] == ["Ít nhất", "50", "%", "người dân", "tại", "các"]
    assert any(w.text == "chủ trì" for w in words)
    _check_word_spans(text)


@pytest.mark.parametrize("path", sorted(EVAL_DOCS.glob("*")) + sorted(CORPUS.glob("web-*.txt"))[:6],
                         ids=lambda p: p.name)
def test_word_spans_cover_real_texts(path):
    if not path.exists():
        pytest.skip("shared/ is not beside this checkout")
    _check_word_spans(normalize(path.read_text(encoding="utf-8")))
