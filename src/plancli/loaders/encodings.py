"""Bytes → Unicode text for Vietnamese files, whatever era they come from.

Tried in order: a BOM (UTF-8, UTF-16); UTF-16 without a BOM (every other byte
NUL); UTF-8; then Windows-1258 and the legacy font encodings TCVN3 (ABC, the
``.VnTime`` fonts) and VNI (the ``VNI-Times`` fonts), of which the one whose
result reads most like Vietnamese wins. Legacy font text also survives inside
UTF-8 files (copied from a Word document set in ``.VnTime``): such text is
converted too. Anything else is an error, never mojibake.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache

from ..errors import InputError
from ..model import RecordWarning

# TCVN3 (TCVN 5712:1993, VN3): the single byte each lower-case Vietnamese letter
# is stored as, read as Latin-1. Upper-case letters with tone marks have no
# code: headings were typed in lower case and shown with an upper-case font.
_TCVN3_LETTERS = {
    "à": "µ", "á": "¸", "ả": "¶", "ã": "·", "ạ": "¹",
    "ă": "¨", "ằ": "»", "ắ": "¾", "ẳ": "¼", "ẵ": "½", "ặ": "Æ",
    "â": "©", "ầ": "Ç", "ấ": "Ê", "ẩ": "È", "ẫ": "É", "ậ": "Ë",
    "đ": "®",
    "è": "Ì", "é": "Ð", "ẻ": "Î", "ẽ": "Ï", "ẹ": "Ñ",
    "ê": "ª", "ề": "Ò", "ế": "Õ", "ể": "Ó", "ễ": "Ô", "ệ": "Ö",
    "ì": "×", "í": "Ý", "ỉ": "Ø", "ĩ": "Ü", "ị": "Þ",
    "ò": "ß", "ó": "ã", "ỏ": "á", "õ": "â", "ọ": "ä",
    "ô": "«", "ồ": "å", "ố": "è", "ổ": "æ", "ỗ": "ç", "ộ": "é",
    "ơ": "¬", "ờ": "ê", "ớ": "í", "ở": "ë", "ỡ": "ì", "ợ": "î",
    "ù": "ï", "ú": "ó", "ủ": "ñ", "ũ": "ò", "ụ": "ô",
    "ư": "\u00ad", "ừ": "õ", "ứ": "ø", "ử": "ö", "ữ": "÷", "ự": "ù",
    "ỳ": "ú", "ý": "ý", "ỷ": "û", "ỹ": "ü", "ỵ": "þ",
    "Ă": "¡", "Â": "¢", "Ê": "£", "Ô": "¤", "Ơ": "¥", "Ư": "¦", "Đ": "§",
}
TCVN3_TO_UNICODE = str.maketrans({code: letter for letter, code in _TCVN3_LETTERS.items()})

# VNI-Windows: an ASCII base letter followed by a Latin-1 character for its
# marks ("Vieät" = Việt), plus a few letters of one byte (ö = ư, ô = ơ, ñ = đ).
_VNI_MARKS = {"ù": "\u0301", "ø": "\u0300", "û": "\u0309", "õ": "\u0303", "ï": "\u0323"}
_VNI_HAT_MARKS = {"â": "", "á": "\u0301", "à": "\u0300", "å": "\u0309", "ã": "\u0303", "ä": "\u0323"}
_VNI_BREVE_MARKS = {"ê": "", "é": "\u0301", "è": "\u0300", "ú": "\u0309", "ü": "\u0303", "ë": "\u0323"}


def _vni_table() -> dict[str, str]:
    table: dict[str, str] = {}

    def add(code: str, letters: str) -> None:
        nfc = unicodedata.normalize("NFC", letters)
        table[code] = nfc
        table[code.upper()] = nfc.upper()

    for base in "aeouy":
        for code, mark in _VNI_MARKS.items():
            add(base + code, base + mark)
    for base, hat in (("a", "\u0302"), ("e", "\u0302"), ("o", "\u0302")):
        for code, mark in _VNI_HAT_MARKS.items():
            add(base + code, base + hat + mark)
    for code, mark in _VNI_BREVE_MARKS.items():
        add("a" + code, "a\u0306" + mark)
    for base, horn in (("ô", "o\u031b"), ("ö", "u\u031b")):  # ơ, ư
        add(base, horn)
        for code, mark in _VNI_MARKS.items():
            add(base + code, horn + mark)
    for code, letter in (("í", "í"), ("ì", "ì"), ("æ", "ỉ"), ("ó", "ĩ"), ("ò", "ị"), ("î", "ỵ"), ("ñ", "đ")):
        add(code, letter)
    return table


_VNI_TABLE = _vni_table()
_VNI_RE = re.compile("|".join(sorted(map(re.escape, _VNI_TABLE), key=len, reverse=True)))


def tcvn3_to_unicode(text: str) -> str:
    """``"Céng hoµ x· héi"`` → ``"Cộng hoà xã hội"``; headings typed for an
    upper-case font (``"KÕ HO¹CH"``) come back in upper case."""
    lines = []
    for line in text.split("\n"):
        ascii_letters = [c for c in line if c.isascii() and c.isalpha()]
        if len(ascii_letters) >= 3 and all(c.isupper() for c in ascii_letters):
            lines.append(line.translate(TCVN3_TO_UNICODE).upper())
        else:
            lines.append(_UPPER_WORD_RE.sub(_upper_if_heading, line).translate(TCVN3_TO_UNICODE))
    return "\n".join(lines)


# A line, or a word, whose ASCII letters are all capitals ("KÕ HO¹CH") was set
# in an upper-case font.
_UPPER_WORD_RE = re.compile(r"\S*[A-Z]\S*")


def _upper_if_heading(m: re.Match) -> str:
    word = m.group(0)
    ascii_letters = [c for c in word if c.isascii() and c.isalpha()]
    if len(ascii_letters) >= 2 and all(c.isupper() for c in ascii_letters):
        return word.translate(TCVN3_TO_UNICODE).upper()
    return word


def vni_to_unicode(text: str) -> str:
    """``"Coäng hoøa xaõ hoäi"`` → ``"Cộng hòa xã hội"``."""
    return _VNI_RE.sub(lambda m: _VNI_TABLE[m.group(0)], text)


# --- how Vietnamese does a text read? ----------------------------------------

def _vietnamese_letters() -> frozenset[str]:
    letters = set("abcdefghijklmnopqrstuvwxyzđ")
    for base in ("a", "a\u0306", "a\u0302", "e", "e\u0302", "i", "o", "o\u0302", "o\u031b", "u", "u\u031b", "y"):
        for tone in ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"):
            letters.add(unicodedata.normalize("NFC", base + tone))
    return frozenset(letters | {c.upper() for c in letters})


VIETNAMESE_LETTERS = _vietnamese_letters()
_TONE_MARKS = "\u0300\u0301\u0309\u0303\u0323"
# A Vietnamese syllable: onset, vowel cluster, coda (tone marks removed first).
_VOWEL_CLUSTERS = (
    "a ă â e ê i y o ô ơ u ư ai ao au ay âu ây eo êu ia iu oa oă oe oi ôi ơi oo ua uâ uê ui uô uơ "
    "uy ưa ưi ưu ươ iê yê iêu yêu oai oay oao oeo uây uôi ươi ươu uya uyê uyu"
).split()
_SYLLABLE_RE = re.compile(
    "(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?"
    "(?:" + "|".join(sorted(_VOWEL_CLUSTERS, key=len, reverse=True)) + ")"
    "(?:ch|nh|ng|[cmnpt])?"
)
_VOWELS = frozenset("aăâeêioôơuưy")
_LETTER_RUN_RE = re.compile(r"[^\W\d_]+")


def _without_tones(run: str) -> str:
    decomposed = unicodedata.normalize("NFD", run.lower())
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONE_MARKS))


def _tone_count(run: str) -> int:
    return sum(c in _TONE_MARKS for c in unicodedata.normalize("NFD", run))


@lru_cache(maxsize=65536)
def _syllable_verdict(run: str) -> bool | None:
    """True for a well-formed Vietnamese syllable, False for a malformed one,
    None for a run that does not count (an abbreviation without vowels)."""
    bare = _without_tones(run)
    if not any(c in _VOWELS for c in bare):
        return None
    return all(c in VIETNAMESE_LETTERS for c in run) and _tone_count(run) <= 1 and bool(_SYLLABLE_RE.fullmatch(bare))


def vietnamese_score(text: str, sample: int = 60_000) -> float:
    """Share of the non-ASCII syllables of ``text`` that are well-formed
    Vietnamese: Vietnamese letters, an onset, vowels and coda that exist, at
    most one tone mark (1.0 when there are none).

    Right decodings score near 1; a wrong one fills words with symbols
    (``Ch\u00ad¬ng``), foreign letters (``Vieät``) or impossible syllables
    (``Vieọt``, VNI read as TCVN3).
    """
    total = good = 0
    # a text repeats its syllables: judge each distinct run once, weighted by its count
    runs = Counter(_LETTER_RUN_RE.findall(unicodedata.normalize("NFC", text[:sample])))
    for run, count in runs.items():
        if run.isascii():
            continue
        verdict = _syllable_verdict(run)
        if verdict is not None:
            total += count
            good += verdict * count
    return good / total if total else 1.0


# --- decoding ---------------------------------------------------------------

_BINARY_CONTROLS = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
BINARY_SAMPLE = 65536  # bytes of a file looked at to tell text from binary

# Files that are not text, by their first bytes, and what the user should do.
_BINARY_SIGNATURES = (
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "is an old Word .doc (or Excel .xls), a binary file, not text; "
                                         "open it in Word or LibreOffice and save it as .docx"),
    (b"PK\x03\x04", "is a zip archive (a .docx?), a binary file, not text; give it its real extension (.docx)"),
    (b"%PDF-", "is a PDF, a binary file, not text; give it the extension .pdf"),
    (b"\x89PNG", "is a PNG image, a binary file, not text; plancli reads text, PDF, DOCX and HTML"),
    (b"\xff\xd8\xff", "is a JPEG image, a binary file, not text; plancli reads text, PDF, DOCX and HTML"),
)


def _utf16_without_bom(data: bytes) -> str | None:
    """Text saved as UTF-16 with no BOM: one half of the bytes is mostly NUL
    (Vietnamese letters sit above U+00FF, so not all), the result is printable."""
    if len(data) < 4 or len(data) % 2:
        return None
    even, odd = data[0::2], data[1::2]
    for zeros, other, codec in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if zeros.count(0) >= 0.3 * len(zeros) and other.count(0) <= 0.02 * len(other):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                return None
            printable = sum(c.isprintable() or c in "\n\r\t\f" for c in text)
            return text if printable >= 0.98 * len(text) else None
    return None


def _without_stray_controls(data: bytes, path: str, warnings: list[RecordWarning] | None) -> bytes:
    """The bytes of a text with its stray NUL and control bytes removed, and a
    warning that counts them; InputError when there are so many that the file is binary.

    A text may end in a run of NULs (space a crashed editor reserved): that run
    is removed and counted too, but does not make the text binary.
    """
    for signature, problem in _BINARY_SIGNATURES:
        if data.startswith(signature):
            raise InputError(path, problem)
    body = data.rstrip(b"\x00")
    padding = len(data) - len(body)
    sample = body[:BINARY_SAMPLE]
    if len(_BINARY_CONTROLS.findall(sample)) > max(8, 0.01 * len(sample)):
        raise InputError(path, "contains NUL or control bytes all through: this is a binary file, not text")
    nuls = body.count(0) + padding
    others = len(_BINARY_CONTROLS.findall(body)) - body.count(0)
    if not nuls and not others:
        return data
    if warnings is not None:
        warnings.append(_removed(nuls, others))
    return _BINARY_CONTROLS.sub(b"", body)


def _removed(nuls: int, others: int) -> RecordWarning:
    """The warning that counts what was removed: "removed 3 NUL bytes from the text"."""
    removed = [f"{n} {what} byte{'s' if n > 1 else ''}" for n, what in ((nuls, "NUL"), (others, "control")) if n]
    return RecordWarning("nul-bytes" if nuls else "control-bytes", f"removed {' and '.join(removed)} from the text")


def _without_nul_characters(text: str, warnings: list[RecordWarning] | None) -> str:
    """UTF-16 text with its stray NUL characters (U+0000) removed, and a warning that counts them."""
    nuls = text.count("\x00")
    if nuls and warnings is not None:
        warnings.append(_removed(nuls, 0))
    return text.replace("\x00", "")


def decode_text(data: bytes, path: str, warnings: list[RecordWarning] | None = None) -> tuple[str, str]:
    """Decode a text file's bytes; returns ``(text, encoding name)``.

    Stray NUL and control bytes are removed, with a warning added to
    ``warnings`` ("removed 3 NUL bytes from the text"). Raises InputError naming
    ``path`` when the bytes are not text in any encoding Vietnamese documents
    are found in, or are mostly binary.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = _without_stray_controls(data[3:], path, warnings)
        return _with_legacy_fonts(data.decode("utf-8", errors="strict"), "utf-8-sig", path)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _without_nul_characters(data.decode("utf-16"), warnings), "utf-16"
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return _without_nul_characters(utf16, warnings), "utf-16-le" if data[1] == 0 else "utf-16-be"
    data = _without_stray_controls(data, path, warnings)
    try:
        return _with_legacy_fonts(data.decode("utf-8"), "utf-8", path)
    except UnicodeDecodeError:
        pass
    latin1 = data.decode("latin-1")
    candidates = {"tcvn3": tcvn3_to_unicode(latin1), "vni": vni_to_unicode(latin1)}
    try:
        candidates["windows-1258"] = unicodedata.normalize("NFC", data.decode("cp1258"))
    except UnicodeDecodeError:
        pass
    best = max(candidates, key=lambda name: vietnamese_score(candidates[name]))
    if vietnamese_score(candidates[best]) < 0.6:
        raise InputError(
            path,
            "is not text in UTF-8, UTF-16, Windows-1258, TCVN3 or VNI; "
            "re-save it as UTF-8 (or convert it with a Vietnamese font converter)",
        )
    return candidates[best], best


def _with_legacy_fonts(text: str, encoding: str, path: str) -> tuple[str, str]:
    """Unicode text that was typed in a TCVN3 or VNI font is converted too."""
    score = vietnamese_score(text)
    if score >= 0.9:
        return text, encoding
    conversions = {"tcvn3": tcvn3_to_unicode(text), "vni": vni_to_unicode(text)}
    name = max(conversions, key=lambda n: vietnamese_score(conversions[n]))
    if vietnamese_score(conversions[name]) >= max(0.8, score + 0.2):
        return conversions[name], f"{encoding}+{name}"
    return text, encoding
