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
