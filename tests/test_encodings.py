"""Every text encoding Vietnamese files come in decodes to the same text."""
from __future__ import annotations

import unicodedata

import pytest
from conftest import FIXTURES, SAMPLES

from plancli.errors import InputError
from plancli.loaders.encodings import decode_text, tcvn3_to_unicode, vietnamese_score, vni_to_unicode
from plancli.normalize import normalize


@pytest.mark.parametrize("legacy, unicode", [
    # the national motto as every TCVN3 (.VnTime) document starts
    ("Céng hoµ x· héi chñ nghÜa ViÖt Nam", "Cộng hoà xã hội chủ nghĩa Việt Nam"),
    ("§éc lËp - Tù do - H¹nh phóc", "Độc lập - Tự do - Hạnh phúc"),
    ("Ch­¬ng tr×nh phßng, chèng mua b¸n ng­êi", "Chương trình phòng, chống mua bán người"),
    # typed for an upper-case font (.VnTimeH): capitals come back
    ("KÕ HO¹CH", "KẾ HOẠCH"),
])
def test_tcvn3_words(legacy, unicode):
    assert tcvn3_to_unicode(legacy) == unicode


@pytest.mark.parametrize("legacy, unicode", [
    ("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam", "Cộng hòa xã hội chủ nghĩa Việt Nam"),
    ("Ñoäc laäp - Töï do - Haïnh phuùc", "Độc lập - Tự do - Hạnh phúc"),
    ("COÄNG HOØA XAÕ HOÄI CHUÛ NGHÓA VIEÄT NAM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
    ("ngöôøi daân", "người dân"),
])
def test_vni_words(legacy, unicode):
    assert vni_to_unicode(legacy) == unicode


def _reference() -> str:
    text = (SAMPLES / "tiengiang-2019-news-kh37.txt").read_text(encoding="utf-8")
    for modern, legacy in (("\u2044", "/"), ("“", '"'), ("”", '"'), ("‘", "'"), ("’", "'"), ("–", "-"), ("…", "...")):
        text = text.replace(modern, legacy)
    return normalize(text)


@pytest.mark.parametrize("name, encoding", [
    ("tiengiang-tcvn3.txt", "tcvn3"),
    ("tiengiang-vni.txt", "vni"),
    ("tiengiang-cp1258.txt", "windows-1258"),
    ("tiengiang-utf16.txt", "utf-16"),
    ("tiengiang-utf8-bom.txt", "utf-8-sig"),
    ("tiengiang-nfd-crlf.txt", "utf-8"),
])
def test_each_encoding_gives_the_same_text(name, encoding):
    text, detected = decode_text((FIXTURES / name).read_bytes(), name)
    assert detected == encoding
    if encoding == "tcvn3":
        # TCVN3 has no capitals with tone marks ("Ủy" is typed "ủy"): compare case-blind
        assert normalize(text).casefold() == _reference().casefold()
    else:
        assert normalize(text) == _reference()


def test_utf16_without_bom():
    data = (SAMPLES / "langson-2020-news-kh18.txt").read_text(encoding="utf-8").encode("utf-16-le")
    text, detected = decode_text(data, "x.txt")
    assert detected == "utf-16-le"
    assert "Lạng Sơn" in text


def test_tcvn3_pasted_into_a_utf8_file_is_converted():
    data = "Céng hoµ x· héi chñ nghÜa ViÖt Nam\nKÕ ho¹ch phßng, chèng mua b¸n ng­êi n¨m 2020\n".encode("utf-8")
    text, detected = decode_text(data, "x.txt")
    assert detected == "utf-8+tcvn3"
    assert text.startswith("Cộng hoà xã hội") and "năm 2020" in text


def test_unicode_vietnamese_is_left_alone():
    data = (SAMPLES / "langson-2019-kh23.md").read_bytes()
    assert decode_text(data, "x.md") == (data.decode("utf-8"), "utf-8")


@pytest.mark.parametrize("data, problem", [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary"),
    (bytes(range(128, 256)) * 40, "is not text"),
])
def test_what_is_not_text_is_an_error_naming_the_file(data, problem):
    with pytest.raises(InputError) as caught:
        decode_text(data, "ke-hoach.txt")
    assert str(caught.value).startswith("ke-hoach.txt: ") and problem in str(caught.value)


def test_score_separates_right_from_wrong_decodings():
    right = (SAMPLES / "tiengiang-2019-news-kh37.txt").read_text(encoding="utf-8")
    vni_bytes = (FIXTURES / "tiengiang-vni.txt").read_bytes()
    assert vietnamese_score(right) > 0.99
    assert vietnamese_score(unicodedata.normalize("NFC", vni_bytes.decode("cp1258"))) < 0.5
    assert vietnamese_score(tcvn3_to_unicode(vni_bytes.decode("latin-1"))) < 0.6


# --- stray NUL and control bytes ---------------------------------------------

def _planted(data: bytes, byte: bytes, count: int) -> bytes:
    """``data`` with ``count`` copies of ``byte`` planted at even intervals, each at a line's end."""
    lines = data.split(b"\n")
    step = len(lines) // (count + 1)
    for i in range(1, count + 1):
        lines[i * step] += byte
    return b"\n".join(lines)


def test_stray_nul_bytes_are_removed_and_counted():
    clean = (SAMPLES / "cantho-2025-kh153-ma-tuy.txt").read_bytes()
    warnings = []
    text, encoding = decode_text(_planted(clean, b"\x00", 3), "x.txt", warnings)
    assert encoding == "utf-8"
    assert normalize(text) == normalize(clean.decode("utf-8"))
    assert [(w.code, w.message) for w in warnings] == [("nul-bytes", "removed 3 NUL bytes from the text")]


def test_a_nul_inside_a_letter_is_removed_and_the_letter_kept():
    warnings = []
    text, _ = decode_text("Kế hoạch".encode().replace(b"\xba\xbf", b"\xba\x00\xbf"), "x.txt", warnings)
    assert text == "Kế hoạch" and warnings[0].message == "removed 1 NUL byte from the text"


def test_other_control_bytes_are_counted_apart():
    clean = (SAMPLES / "langson-2020-news-kh18.txt").read_bytes()
    warnings = []
    text, _ = decode_text(_planted(_planted(clean, b"\x00", 2), b"\x07", 2), "x.txt", warnings)
    assert "\x07" not in text and "\x00" not in text
    assert warnings[0].message == "removed 2 NUL bytes and 2 control bytes from the text"


def test_nul_padding_at_the_end_is_removed_not_refused():
    clean = (SAMPLES / "langson-2020-news-kh18.txt").read_bytes()
    warnings = []
    text, _ = decode_text(clean + bytes(4096), "x.txt", warnings)
    assert text == clean.decode("utf-8")
    assert warnings[0].message == "removed 4096 NUL bytes from the text"


def test_a_clean_text_has_no_warning():
    warnings = []
    decode_text((SAMPLES / "langson-2020-news-kh18.txt").read_bytes(), "x.txt", warnings)
    assert warnings == []


def test_utf16_without_bom_is_still_text_not_nul_bytes():
    data = (SAMPLES / "cantho-2025-kh160-giam-ngheo.txt").read_text(encoding="utf-8").encode("utf-16-be")
    warnings = []
    text, detected = decode_text(data, "x.txt", warnings)
    assert detected == "utf-16-be" and "Cần Thơ" in text and warnings == []


def test_nul_characters_in_utf16_are_removed_and_counted():
    clean = (SAMPLES / "cantho-2025-kh160-giam-ngheo.txt").read_text(encoding="utf-8")
    warnings = []
    text, detected = decode_text(_planted(clean.encode("utf-8"), b"\x00", 2).decode("utf-8").encode("utf-16"),
                                 "x.txt", warnings)
    assert detected == "utf-16" and text == clean
    assert warnings[0].message == "removed 2 NUL bytes from the text"


@pytest.mark.parametrize("data, problem", [
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512), "save it as .docx"),
    ((FIXTURES / "tiengiang-2019-news-kh37.docx").read_bytes(), "zip archive"),
    ((FIXTURES / "langson-2019-kh23.pdf").read_bytes(), "extension .pdf"),
    # text with NULs all through it: more binary than text
    (b"".join(bytes([b, 0, 0]) for b in "Kế hoạch số 12/KH-UBND".encode()) * 20, "binary file"),
])
def test_mostly_binary_files_are_refused_with_what_to_do(data, problem):
    with pytest.raises(InputError) as caught:
        decode_text(data, "ke-hoach.txt")
    assert str(caught.value).startswith("ke-hoach.txt: ") and problem in str(caught.value)


def test_a_text_with_nuls_extracts_as_the_clean_text_with_a_warning():
    from plancli.extract import extract_bytes

    clean = (SAMPLES / "cantho-2025-kh153-ma-tuy.txt").read_bytes()
    expected = extract_bytes(clean, "kh153.txt").to_dict()
    record = extract_bytes(_planted(clean, b"\x00", 3), "kh153.txt").to_dict()
    warnings = record.pop("warnings")
    assert ({"code": "nul-bytes", "message": "removed 3 NUL bytes from the text"}) in warnings
    expected.pop("warnings")
    for kind in ("document", "objectives", "targets", "agencies", "citations"):
        assert record[kind] == expected[kind], kind
