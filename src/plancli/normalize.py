"""Text normalisation: the one text every extractor and every span refers to.

``normalize(raw)`` turns what a loader read into the canonical text:

* Unicode NFC, and one tone-mark placement: the traditional one used by most
  administrative documents (``hoà`` → ``hòa``, ``thuỷ`` → ``thủy``, ``Uỷ ban`` →
  ``Ủy ban``; ``quý`` stays, its ``u`` belongs to the onset ``qu``);
* look-alike characters folded: fraction and division slashes (``37⁄KH- UBND``),
  full-width ASCII, dashes (``–`` → ``-``), non-breaking and other wide spaces;
  zero-width characters, soft hyphens and control characters dropped;
* lines that a PDF or a hard-wrapping editor broke in the middle of a sentence
  joined again, while headings, list items (``a)``, ``-``, ``1.``, ``Điều 3.``)
  and paragraphs stay apart.

Page breaks are kept as a form feed (``\\f``) at the start of each page after
the first, so a span's page is the number of form feeds before it plus one.
Runs of three or more spaces inside a line (the gap between the two columns of
a flattened header table) are kept as one tab.

``NormalizedText`` maps offsets to 1-based lines and pages; ``word_spans``
aligns underthesea's word segmentation to offsets in the text.
"""
from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from .model import Span

PAGE_BREAK = "\f"

# --- characters -------------------------------------------------------------

_TONES = {"grave": "\u0300", "acute": "\u0301", "hook": "\u0309", "tilde": "\u0303", "dot": "\u0323"}


def _tone_placement_table() -> dict[str, str]:
    """Modern placement (tone on the second vowel of a final oa/oe/uy) → traditional.

    ``hoà`` → ``hòa``, ``khoẻ`` → ``khỏe``, ``thuỷ`` → ``thủy``; every
    upper/lower-case combination.
    """
    table = {}
    for first, second in (("o", "a"), ("o", "e"), ("u", "y")):
        for mark in _TONES.values():
            for f in (first, first.upper()):
                for s in (second, second.upper()):
                    modern = unicodedata.normalize("NFC", f + s + mark)
                    traditional = unicodedata.normalize("NFC", f + mark + s)
                    table[modern] = traditional
    return table


_TONE_TABLE = _tone_placement_table()
# Only where the pair ends the syllable ("hoàn" keeps its tone on a) and, for
# uy, where u is a vowel, not part of the onset qu ("quý" is already right):
# _retoned checks the "q" before the pair, as a lookbehind here would keep the
# regex engine from skipping ahead to the pairs' first letters (o, u), ten
# times slower.
_TONE_RE = re.compile(
    "(" + "|".join(sorted(_TONE_TABLE, key=len, reverse=True)) + r")(?!\w)"
)


def _retoned(m: re.Match) -> str:
    if m.start() and m.string[m.start() - 1] in "qQ":
        return m.group(0)
    return _TONE_TABLE[m.group(1)]

_CHAR_FOLDS = {
    "\u2044": "/",  # fraction slash, as in 37⁄KH-UBND
    "\u2215": "/",  # division slash
    "\u29f8": "/",  # big solidus
    "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u3000": " ",
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
    "\u2015": "-", "\u2212": "-", "\ufe58": "-", "\ufe63": "-",
    "\u2028": "\n", "\u2029": "\n", "\u0085": "\n",
}
_CHAR_FOLDS.update({chr(c): " " for c in range(0x2000, 0x200B)})  # en/em/thin spaces
_CHAR_FOLDS.update({chr(c): chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)})  # full-width ASCII
_DROPPED = "\u200b\u200c\u200d\u2060\ufeff\u00ad"  # zero-width, BOM, soft hyphen
_FOLDED = {**_CHAR_FOLDS, **{c: "" for c in _DROPPED}}
# A word joiner ending a line says the line goes on past the break: a PDF page
# whose last line runs to the right edge ends with one (loaders/pdf_layout.py),
# and ``rejoin_lines`` joins that line to the next one, across the page break.
GOES_ON = "\u2060"
# few texts have more than a handful of these: replacing each where the regex finds it is
# some thirty times faster than str.translate looking up every character of the text
_FOLDED_RE = re.compile("[" + re.escape("".join(c for c in _FOLDED if c != GOES_ON)) + "]"
                        + "|" + GOES_ON + r"(?![ \t]*\n)")
# A line break written out as backslash-r backslash-n: "Số: 54/KH-UBND \\r\\n | Lạng Sơn, ngày …"
_ESCAPED_LINE_BREAK = "\\r\\n"
# Control characters other than newline, tab and form feed carry no text.
_CONTROL_RE = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x84\x86-\x9f]")


def fold_characters(text: str) -> str:
    """NFC, one tone placement, look-alikes folded; line structure untouched
    but for line breaks written as the characters backslash-r backslash-n (a
    page scraped from escaped JSON), which are line breaks. A ``GOES_ON`` that
    ends a line is kept for ``rejoin_lines``."""
    text = text.replace(_ESCAPED_LINE_BREAK, "\n")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # fold first: a zero-width space between a letter and its tone mark must go
    # before the two can compose
    text = _CONTROL_RE.sub("", _FOLDED_RE.sub(lambda m: _FOLDED[m.group(0)], text))
    text = unicodedata.normalize("NFC", text)
    text = _TONE_RE.sub(_retoned, text)
    # a stray combining mark after a moved tone composes differently: compose again
    return unicodedata.normalize("NFC", text) if not unicodedata.is_normalized("NFC", text) else text


# --- lines ------------------------------------------------------------------

# A line that starts a list item or a structural heading never continues the
# previous line: "a)", "đ)", "1.", "1.2.", "2)", "IV.", "-", "+", "•", "Điều 3.".
_ITEM_RE = re.compile(
    r"""^(?:
        [a-zđ]/?\s?[).](?:\s|$)       # a) b. đ) c/.
      | \d{1,3}(?:\.\d{1,3})*[.)](?:\s|$)  # 1. 1.2. 2)
      | [IVXLC]{1,6}[.)](?:\s|$)    # I. IV.
      | [-+•*·◦▪►–]\s?                # bullets
      | (?:Điều|Chương|Mục|Phần|Phụ\s+lục)\s+[\dIVXLC]+\b
    )""",
    re.VERBOSE | re.IGNORECASE,
)
_SENTENCE_END = tuple(".;:!?…")
_SENTENCE_END_STRICT = tuple(".:!?…")
_CONTINUES = tuple(",-&/(")  # a line ending like this is cut mid-phrase
# Function words that never end a Vietnamese sentence: a line ending in one was
# cut ("Theo đề nghị của Sở Khoa học và" / "Công nghệ tại Tờ trình số …").
_OPEN_ENDINGS = frozenset(
    "và của các những với tại số ngày về cho theo trong để là được bị hoặc thuộc từ đến trên dưới "
    "giữa nhằm như sau khi do bởi mà thì".split()
)
_PAGE_NUMBER_RE = re.compile(r"^(?:-\s*)?(?:trang\s+)?\d{1,3}(?:\s*-)?(?:\s*/\s*\d{1,3})?$", re.IGNORECASE)
_GAP_RE = re.compile(r" *(?: {3,}|\t| \| )[ \t]*")
_DECORATION_RE = re.compile(r"[-_–=]{5,}")


def _has_layout(line: str) -> bool:
    """Whether any of the layout cleaning above would change ``line`` (substring
    tests: a regex of these alternatives scans prose several times slower)."""
    return "  " in line or "\t" in line or "|" in line or "*" in line or _DECORATION_RE.search(line) is not None


# decoration and the cell borders of a table flattened into text: "-------",
# "_____", a lone "|", a border at either end of a line "ỦY BAN NHÂN DÂN |", the
# star under a Party body's name ("TỈNH ỦY BẮC GIANG" / "*"), alone or as the
# first cell of its row ("*    Bắc Giang, ngày …")
_RULE_LINE_RE = re.compile(r"^[-_=|*–.\s]{3,}$|^\|$|^\*$")
_EDGE_RE = re.compile(r"^(?:\|\s*)+|^\*(?=\t| {3,})|(?:\s+[|*]|\s*[-_]{5,}\s*\|?)+$")
_SPACES_RE = re.compile(r" {2,}")


@dataclass
class _Line:
    text: str
    indent: int
    blank_before: bool
    page_breaks_before: int
    goes_on: bool = False


def starts_list_item(text: str) -> bool:
    """Whether a line opens a list item or a numbered part: "a) Ít nhất 50% …",
    "- Đơn vị chủ trì: …", "2. Nhiệm vụ", "IV. TỔ CHỨC THỰC HIỆN", "Điều 3."."""
    return _ITEM_RE.match(text) is not None


def is_heading(text: str) -> bool:
    """A line in capitals ("KẾ HOẠCH", "I. MỤC TIÊU, CHỈ TIÊU")."""
    return text.isupper() and sum(c.isalpha() for c in text) >= 2


def _starts_lower(text: str) -> bool:
    return text[:1].isalpha() and text[:1].islower()


def _wrap_width(lines: list[_Line]) -> int | None:
    """The width a hard-wrapped text was wrapped at, or None if it was not.

    A text typed as one paragraph per line has no such width; one cut at a
    fixed column (PDF text, e-mail, old editors) has most of its lines close to
    it.
    """
    lengths = sorted(len(ln.text) + ln.indent for ln in lines if ln.text)
    if len(lengths) < 8:
        return None
    width = lengths[int(len(lengths) * 0.9) - 1]
    if width > 200 or width < 30:
        return None
    near = sum(1 for n in lengths if n >= 0.75 * width)
    return width if near >= 0.3 * len(lengths) else None


def _joins(prev: _Line, nxt: _Line, width: int | None, heading: bool) -> bool:
    """Whether ``nxt`` continues the sentence that ``prev`` broke off; ``heading``: whether the
    line ``prev`` ends (with what was joined to it) is a heading."""
    p, n = prev.text, nxt.text
    if not p or not n or _ITEM_RE.match(n) or "\t" in p or "\t" in n:
        return False
    if prev.goes_on:
        return not (is_heading(n) and not heading)
    if n[:1].isdigit() and not nxt.blank_before and not p.endswith(_SENTENCE_END):
        # "Thực hiện Quyết định số" / "7619/QĐ-BCA ngày 08 tháng 9 năm 2025 …",
        # "… GIAI ĐOẠN" / "2026 - 2030": a number goes on with an unfinished line
        return True
    if heading:
        return False
    if _starts_lower(n) and not p.endswith(_SENTENCE_END_STRICT):
        # "... Tòa án" / "nhân dân các cấp": a sentence never starts in lower case,
        # even where a converter put a blank line in between; a clause after ";"
        # belongs to the same sentence.
        return True
    if p.endswith(_SENTENCE_END):
        return False
    if nxt.blank_before or is_heading(n):
        return False
    if p.endswith(_CONTINUES) or p.rsplit(" ", 1)[-1].casefold() in _OPEN_ENDINGS:
        return True
    # "... Nghị định số 187/2025/NĐ-CP của" / "Chính phủ;": in a hard-wrapped
    # text a line that reaches the wrap width was cut there, unless the next one
    # is indented as a new paragraph.
    return width is not None and len(p) + prev.indent >= 0.75 * width and nxt.indent <= prev.indent + 1


def _split_lines(text: str) -> list[_Line]:
    lines: list[_Line] = []
    blank = False
    page_breaks = 0
    for raw in text.split("\n"):
        parts = raw.split(PAGE_BREAK)
        if len(parts) == 1 and not raw.strip(" \t"):
            blank = True
            continue
        for index, part in enumerate(parts):
            page_breaks += index > 0
            stripped = part.strip(" \t")
            goes_on = stripped.endswith(GOES_ON)
            if goes_on:
                stripped = stripped[:-1].rstrip(" \t")
            layout = _has_layout(stripped)  # most lines are plain prose: clean only those that need it
            if layout:
                stripped = _EDGE_RE.sub("", stripped).strip(" \t")
            # a bare "2" or "- 2 -" between paragraphs is a page number of the
            # print the text was taken from, not part of any sentence
            if not stripped or _PAGE_NUMBER_RE.match(stripped) or _RULE_LINE_RE.match(stripped):
                continue
            expanded = part.replace("\t", "    ")
            indent = len(expanded) - len(expanded.lstrip(" "))
            body = stripped
            if layout and _has_layout(body):  # a line without layout kept none when its edges were cleaned
                body = _SPACES_RE.sub(" ", _GAP_RE.sub("\t", _DECORATION_RE.sub(" ", body).strip(" ")))
            lines.append(_Line(body, indent, blank, page_breaks, goes_on))
            blank, page_breaks = False, 0
    if page_breaks:  # trailing empty pages still count
        lines.append(_Line("", 0, False, page_breaks))
    return lines


def rejoin_lines(text: str) -> str:
    """Join lines broken mid-sentence; one blank line between paragraphs."""
    lines = _split_lines(text)
    width = _wrap_width(lines)
    out: list[str] = []
    joined = ""  # the output line so far: "a) 2019" + "KẾ HOẠCH" is no heading, as a second pass would see
    for i, line in enumerate(lines):
        if out and _joins(lines[i - 1], line, width, is_heading(joined)):
            out.append((PAGE_BREAK * line.page_breaks_before or " ") + line.text)
            joined += " " + line.text
            continue
        if out:
            out.append("\n\n" if line.blank_before else "\n")
        out.append(PAGE_BREAK * line.page_breaks_before + line.text)
        joined = line.text
    return "".join(out)


def normalize(raw: str) -> str:
    """The canonical text: characters folded, broken lines joined."""
    return rejoin_lines(fold_characters(raw))


# --- offsets ----------------------------------------------------------------


@dataclass
class NormalizedText:
    """Normalised text with offset → line/page lookup."""

    text: str
    paged: bool = False
    _line_starts: list[int] = field(init=False, repr=False)
    _page_starts: list[int] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", self.text)]
        self._page_starts = [0] + [m.end() for m in re.finditer(PAGE_BREAK, self.text)]

    @classmethod
    def from_raw(cls, raw: str, paged: bool = False) -> "NormalizedText":
        return cls(normalize(raw), paged)

    def line_of(self, offset: int) -> int:
        return bisect.bisect_right(self._line_starts, offset)

    def page_of(self, offset: int) -> int | None:
        return bisect.bisect_right(self._page_starts, offset) if self.paged else None

    @property
    def page_count(self) -> int | None:
        return len(self._page_starts) if self.paged else None

    def span(self, start: int, end: int) -> Span:
        if not 0 <= start <= end <= len(self.text):
            raise ValueError(f"span {start}:{end} outside a text of {len(self.text)} characters")
        return Span(start=start, end=end, line=self.line_of(start), page=self.page_of(start))


# --- words ------------------------------------------------------------------


@dataclass(frozen=True)
class Word:
    """A word of the text (possibly several syllables: "người dân") and where it is."""

    text: str
    start: int
    end: int


def _fold_char(c: str) -> str:
    if c in "đĐ":
        return "d" if c == "đ" else "D"
    base = unicodedata.normalize("NFD", c)[0]
    return base if len(base) == 1 else c


_DIACRITIC_FOLD = {c: _fold_char(c) for c in map(chr, range(0xC0, 0x2000)) if _fold_char(c) != c}
_DIACRITIC_TABLE = str.maketrans(_DIACRITIC_FOLD)


@lru_cache(maxsize=4096)
def _fold_short(text: str) -> str:
    # names, cells and lines are folded again and again, by extractor after extractor:
    # str.translate through a dict costs as much as the dict lookups it makes per character
    return text.translate(_DIACRITIC_TABLE)


_last_long_fold = ("", "")   # (text, folded): a whole document, folded by several extractors


def fold_diacritics(text: str) -> str:
    """``"Lạng Sơn"`` → ``"Lang Son"``, one character for one, so offsets in the
    folded text are offsets in the original: rules match text written without
    diacritics ("100 dia phuong quan tam") by searching both folded."""
    global _last_long_fold
    if len(text) < 4096:
        return _fold_short(text)
    last = _last_long_fold   # one read: another thread may fold another document meanwhile
    if last[0] is not text:
        last = _last_long_fold = (text, text.translate(_DIACRITIC_TABLE))
    return last[1]


def fold_for_alignment(s: str) -> str:
    """Lower-case, no diacritics, no spaces: what survives underthesea's rewriting."""
    decomposed = unicodedata.normalize("NFD", s.casefold().replace("đ", "d"))
    return "".join(c for c in decomposed if c.isalnum())


@lru_cache(maxsize=1)
def _tokenizer():
    from underthesea import word_tokenize  # heavy: imported only when words are needed

    return word_tokenize


def word_spans(text: str) -> list[Word]:
    """Segment ``text`` into words with underthesea and give each its offsets.

    underthesea returns bare strings and may rewrite them (quotes, spacing,
    tone placement), so each token is located again in ``text``: its syllables
    are matched one by one, exactly where possible and otherwise by their
    letters and digits alone. A token that cannot be found is skipped rather
    than given a wrong span.
    """
    words: list[Word] = []
    cursor = 0
    for token in _tokenizer()(text):
        start = end = None
        pos = cursor
        for syllable in token.split():
            found = _find_syllable(text, syllable, pos)
            if found is None:
                start = None
                break
            s, e = found
            start = s if start is None else start
            end = pos = e
        if start is None or end is None:
            continue
        words.append(Word(text[start:end], start, end))
        cursor = end
    return words


def is_whole_words(text: str, start: int, end: int, context: int = 80) -> bool:
    """Whether ``text[start:end]`` begins and ends on word boundaries as
    underthesea segments the sentence around it: "luật" in "pháp luật số 64"
    does not ("pháp luật" is one word), "kế hoạch" in "kế hoạch số 02" does.
    Only a window around the match is segmented, so this stays cheap."""
    left = text.rfind(" ", 0, max(0, start - context)) + 1
    right = text.find(" ", min(len(text), end + context))
    right = len(text) if right < 0 else right
    window = text[left:right]
    bounds = set()
    for word in word_spans(window):
        bounds.add(word.start + left)
        bounds.add(word.end + left)
    return start in bounds and end in bounds


_LOOKAHEAD = 64  # how far past the cursor a rewritten token is searched for


def _find_syllable(text: str, syllable: str, pos: int) -> tuple[int, int] | None:
    while pos < len(text) and text[pos].isspace():
        pos += 1
    if text.startswith(syllable, pos):
        return pos, pos + len(syllable)
    exact = text.find(syllable, pos, pos + _LOOKAHEAD + len(syllable))
    if exact >= 0 and not text[pos:exact].strip(" \t\n\f\"'“”‘’«»()[]"):
        return exact, exact + len(syllable)
    target = fold_for_alignment(syllable)
    if not target:
        # punctuation rewritten into other punctuation: take one non-space character
        return (pos, pos + 1) if pos < len(text) and not text[pos].isalnum() else None
    # walk forward over the text's characters until their folded letters spell the syllable
    folded = ""
    end = pos
    while end < len(text) and len(folded) < len(target) and end - pos <= len(syllable) + 8:
        folded += fold_for_alignment(text[end])
        end += 1
        if not target.startswith(folded):
            return None
    return (pos, end) if folded == target else None
