"""The identity of the document a text is about (SPEC §3 "document").

A plan's own header follows the standard layout of Vietnamese administrative
documents (Nghị định 30/2020/NĐ-CP, Phụ lục I), read here zone by zone so that
each field survives when another is odd:

* left column: the issuing body (its parent body above it), then the number
  line ``Số: 23 /KH-BCĐ`` and, for an official letter, its ``V/v …`` subject;
* right column: the national motto (Quốc hiệu, Tiêu ngữ), then the place and
  date ``Lạng Sơn, ngày 26 tháng 02 năm 2019``;
* centre: the type in capitals (``KẾ HOẠCH``) and the title under it.

The header is looked for below whatever a web page puts above it (a site's
lists of related documents, a title line, a form), its two columns may be one
line split by a tab or flattened into one, its letters may be spaced out by OCR
("Ủy b an nhân d â n"), its number may be blank in a draft ("Số: /QĐ-UBND").
A news page gives the identity in its lead instead: "… UBND tỉnh Tiền Giang
ban hành Kế hoạch số 37/KH-UBND …". What the text does not say stays None.
Patterns and word lists are in ``rules/document.yaml``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..model import DocumentInfo, RecordWarning
from ..normalize import NormalizedText, fold_diacritics
from ..ruleset import Entry, RuleSet, once_per_rules, words_pattern
from .citations import date_near
from .values import normalise_symbol, parse_date, sentence_case, symbol_doc_type

HEADER_SEARCH_LINES = 120  # a page's own header starts within this many lines of its top
ISSUER_LINES = 6           # lines above the number line that can hold the issuing body
HEADER_LINES = 24          # lines of a header from its first line to the end of its title
BODY_LINE = 200            # characters: a line this long is body text, not header
LEAD_PARAGRAPHS = 2        # a news page names the plan it reports in its first paragraphs
LONG_PARAGRAPH = 100       # characters: shorter lines are headlines, dates, bylines
NEWS_LEAD = 1500           # characters of a news page that say who acts and when
PROVINCE_SEARCH = 5000     # characters of a district's plan where it names its province


@dataclass
class _Header:
    """The lines of a document's header (each with its cells apart), where the number line is
    among them, and where the header ends in the text."""

    lines: list[str]
    number_line: int | None
    line_ends: list[int]  # where each line ends in the text


# --- reading header lines ---------------------------------------------------------


@once_per_rules
def _motto_regex(rules: RuleSet) -> re.Pattern:
    """The start of the national motto's lines, folded: "CỘNG HÒA XÃ HỘI …", "Độc lập - Tự do …"."""
    starts = [r"\s*".join(re.escape(w) for w in fold_diacritics(m).casefold().split()[:3]) for m in rules.cue("motto")]
    return re.compile("|".join(starts))


@once_per_rules
def _motto_end_regex(rules: RuleSet) -> re.Pattern:
    """The end of a motto's lines, folded: "… Hạnh phúc", "… Việt Nam", "… Hồ Chí Minh"."""
    ends = {r"\s*".join(re.escape(w) for w in fold_diacritics(m).casefold().split()[-2:]) for m in rules.cue("motto")}
    return re.compile("|".join(sorted(ends)))


@once_per_rules
def _motto_words(rules: RuleSet) -> str:
    """The motto's words, folded, one space around each: " cong hoa xa hoi … hanh phuc "."""
    return " " + " ".join(fold_diacritics(" ".join(rules.cue("motto"))).casefold().split()) + " "


def _left_of_motto(cell: str, rules: RuleSet) -> str:
    """A header cell without the motto a flattened table put beside it: "ỦY BAN NHÂN DÂN TỈNH
    BÌNH ĐỊNH CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" → "ỦY BAN NHÂN DÂN TỈNH BÌNH ĐỊNH";
    a cell that is only a piece of the motto ("CỘNG", "CHỦ NGHĨA VIỆT NAM") → ""."""
    folded = fold_diacritics(cell).casefold()
    m = _motto_regex(rules).search(folded)
    if m:
        cell, folded = cell[:m.start()], folded[:m.start()]
    motto = _motto_words(rules)
    words = " ".join(folded.split())
    # a place is no piece of a motto: "THÀNH PHỐ" / "HỒ CHÍ MINH" under "ỦY BAN NHÂN DÂN"
    piece = words and f" {words} " in motto and not rules.provinces.lookup(words)
    return "" if piece else cell.strip()


def _spaced_out(text: str) -> bool:
    """Letters spaced out by OCR: "ỦY B AN NHÂN D Â N", "T hành phố Hồ Chí M inh", "T HỦ TƯỚNG" (a lone
    letter of a name that is no syllable, as "Y" of "SỞ Y TẾ" is, stays: it cannot be joined)."""
    return any(len(w) == 1 for w in re.findall(r"[^\W\d_]+", text))


def _has_vowel(syllable: str) -> bool:
    return any(c in "aeiouy" for c in fold_diacritics(syllable).casefold())


def _respace(text: str, syllables: set[str]) -> str:
    """Letters spaced out by OCR joined into the syllables the document writes
    elsewhere: "ỦY B AN NHÂN D Â N T HÀNH P HỐ" → "ỦY BAN NHÂN DÂN THÀNH PHỐ".
    A run of letters is cut into the fewest known syllables; a run that cannot
    be cut so is left as it was."""
    out = []
    for run in re.split(r"([^\w\s]+|\d+)", text):
        letters = re.sub(r"\s+", "", run)
        if not letters.isalpha():
            out.append(run)
            continue
        key = letters.casefold()
        best: list[list[str] | None] = [[]] + [None] * len(key)
        for end in range(1, len(key) + 1):
            for start in range(max(0, end - 7), end):
                if best[start] is not None and key[start:end] in syllables:
                    candidate = best[start] + [letters[start:end]]
                    if best[end] is None or len(candidate) < len(best[end]):
                        best[end] = candidate
        spaces = re.match(r"(\s*).*?(\s*)$", run, re.DOTALL)
        out.append(spaces.group(1) + " ".join(best[-1]) + spaces.group(2) if best[-1] else run)
    return re.sub(r"\s+", " ", "".join(out)).strip()


def _syllables(body: str) -> set[str]:
    """The syllables a text writes (with a vowel, as Vietnamese syllables have)."""
    return {w.casefold() for w in set(re.findall(r"[^\W\d_]{2,7}", body)) if _has_vowel(w)}   # each word tested once


def _cells(line: str, rules: RuleSet) -> list[str]:
    """A header line cut into the cells of its two columns, also where a flattened table left no
    tab: "Số: 2873/QĐ-UBND Bình Định, ngày 08 tháng 07 năm 2021" → the number, the place and date;
    "TỈNH LÀO CAI Độc lập - Tự do - Hạnh phúc" → the issuer, the motto."""
    cells = []
    for cell in line.split("\t"):
        folded = fold_diacritics(cell).casefold()
        motto = _motto_regex(rules).search(folded)
        if motto and motto.start() > 0:
            cells.append(cell[:motto.start()].strip())
            cell, folded = cell[motto.start():], folded[motto.start():]
        motto_end = _motto_end_regex(rules).search(folded) if motto else None
        if motto_end and cell[motto_end.end():].strip():
            cells.append(cell[:motto_end.end()])
            cell = cell[motto_end.end():].strip()
        number = rules.pattern("header_number").match(cell)
        if number and rules.pattern("place_date").match(cell[number.end():].strip()):
            end = number.end()
            # "Số: 3210/QĐ - U B ND T hành phố …": the symbol's letters OCR spaced out go with it
            while fragment := re.compile(r"\s+[A-ZĐ]{1,2}(?=\s+[A-ZĐ])").match(cell, end):
                end = fragment.end()
            cells.append(cell[:end])
            cell = cell[end:].strip()
        cells.append(cell)
    return [c for c in cells if c.strip()] or [""]


def _header_lines(body: str, rules: RuleSet) -> list[str]:
    """The top lines of a text, each with its cells apart (tab-separated)."""
    return ["\t".join(_cells(line, rules)) if len(line) <= BODY_LINE else line
            for line in body.split("\n")[:HEADER_SEARCH_LINES]]


def _is_header_like(line: str, rules: RuleSet) -> bool:
    """A line of the header's top: its cells are capitals, the motto, the number or the place and date."""
    if len(line) > BODY_LINE:
        return False
    for cell in line.split("\t"):
        cell = _left_of_motto(cell, rules)
        if not cell or _is_body_name_cell(cell, rules) or rules.pattern("header_number").match(cell) \
                or rules.pattern("place_date").search(cell):
            continue
        return False
    return True


def _is_body_name_cell(cell: str, rules: RuleSet) -> bool:
    """A cell of the issuer's column: capitals ("ỦY BAN NHÂN DÂN"), or a short name that opens with
    a body's head word, as a converter wrote it ("Ủy ban nhân dân tỉnh Lạng Sơn")."""
    return cell.isupper() or (len(cell) <= 80 and bool(rules.cue_regex("issuer_heads").match(cell))
                              and not cell.rstrip().endswith((".", ";", ":")))


def _find_header(body: str, rules: RuleSet) -> _Header | None:
    """The header's lines, below whatever a page put above them.

    It is anchored on the number line ("Số: 23/KH-BCĐ", "Số: /QĐ-UBND" in a
    draft) that has the motto or the place-and-date line near it, else on the
    first motto; the issuing body is in the capitals lines just above."""
    lines = _header_lines(body, rules)
    numbers = [i for i, line in enumerate(lines)
               if len(line) <= BODY_LINE and (rules.pattern("header_number").match(line)
                                              or rules.pattern("draft_number").match(line))]
    motto = _motto_regex(rules)

    def near_motto_or_date(i: int) -> bool:
        for line in _around(lines, i, ISSUER_LINES, 4):
            if motto.search(fold_diacritics(line).casefold()) or rules.pattern("place_date").search(line):
                return True
        return False

    with_colon = [i for i in numbers if re.match(r"(?:[^\t\n]*\t)?\S+\s*[:.]", lines[i])]
    # alone, without the motto or a date near it, only a whole số ký hiệu ("Số: 23/KH-BCĐ") is a
    # number line: "Số 15 đường Lê Lợi" is an address
    coded = [i for i in with_colon if "/" in _number_cell(lines[i], rules)]
    anchor = next((i for i in with_colon if near_motto_or_date(i)), None)
    if anchor is None:
        anchor = next((i for i in numbers if near_motto_or_date(i)), coded[0] if coded else None)
    number_line = anchor
    if anchor is None:
        anchor = next((i for i, line in enumerate(lines) if len(line) <= BODY_LINE
                       and motto.search(fold_diacritics(line).casefold())), None)
        if anchor is None:
            return None
    start, above = anchor, 0
    while start > 0 and above < ISSUER_LINES and _is_header_like(lines[start - 1], rules):
        start -= 1
        above += bool(lines[start].strip())
    end = start
    # to the first paragraph of body text (a long title in capitals is still the header)
    while end < len(lines) and end - start < HEADER_LINES and (len(lines[end]) <= BODY_LINE or lines[end].isupper()):
        end += 1
    ends, offset = [], 0
    for line in body.split("\n")[:end]:
        offset += len(line) + 1
        ends.append(min(offset, len(body)))
    return _Header(lines[start:end], None if number_line is None else number_line - start, ends[start:end])


def _around(lines: list[str], i: int, before: int, after: int) -> list[str]:
    """The ``before`` lines with text above line ``i``, line ``i`` and the ``after`` below (blank lines not counted)."""
    above = [line for line in lines[:i] if line.strip()][-before:]
    below = [line for line in lines[i + 1:] if line.strip()][:after]
    return above + [lines[i]] + below


# --- the fields of a header ----------------------------------------------------------


def _number_cell(line: str, rules: RuleSet) -> str:
    """The number line's own cell ("Số: 23 /KH-BCĐ"), whichever column it is in; a draft's blank
    that normalisation kept as a gap ("Số:\t/QĐ-UBND") is inside it."""
    cells = line.split("\t")
    for i, cell in enumerate(cells):
        if re.match(rules.expand("(?:{so})", "code"), cell.strip()):
            if i + 1 < len(cells) and cells[i + 1].lstrip().startswith("/"):
                return cell + " " + cells[i + 1]
            return cell
    return line


def _header_number(line: str, rules: RuleSet) -> tuple[str | None, str | None]:
    """(number, symbol) of the number line: "Số: 23 /KH-BCĐ" → ("23/KH-BCĐ", "23/KH-BCĐ"); a draft
    "Số: /QĐ-UBND" → (None, "/QĐ-UBND"), whose symbol still says the type; letters spaced by OCR
    "3210/QĐ - U B ND" are one symbol."""
    cell = _number_cell(line, rules)
    m = rules.pattern("header_number").match(cell)
    if m:
        compact = re.sub(r"\s+", "", cell[m.start("number"):])
        # "3210/QĐ - U B ND": the whole cell is one symbol once its spaces are gone
        whole = rules.pattern("symbol_only").fullmatch(compact) and "/" in compact
        number = normalise_symbol(compact if whole else m.group("number"), rules)
        return number, number
    draft = rules.pattern("draft_number").match(cell)
    if draft and draft.group("symbol"):
        return None, "/" + normalise_symbol(draft.group("symbol"), rules)
    return None, None


def _type_heading(lines: list[str], rules: RuleSet, after: int) -> tuple[Entry, int] | None:
    """The type on a line of its own ("KẾ HOẠCH", "QUYẾT ĐỊNH"; "Kế hoạch" where a converter
    lost the capitals) and its line."""
    for i in range(after, len(lines)):
        words = lines[i].strip(" \f")
        entry = rules.doc_types.lookup(words)
        if entry and (words.isupper() or words[:1].isupper()):
            return entry, i
    return None


def _authority_issuer(body: str, rules: RuleSet) -> tuple[str, str] | None:
    """The body named by the line above the preamble that says who decides (Nghị định 30/2020/NĐ-CP,
    Phụ lục I: "thẩm quyền ban hành"), and the line: "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH QUẢNG NAM" → "Ủy ban
    nhân dân tỉnh Quảng Nam", "BỘ TRƯỞNG BỘ CÔNG AN" → "Bộ Công an", "THỦ TƯỚNG CHÍNH PHỦ" as it is."""
    lines = [line.strip(" \f") for line in body.split("\n")[:HEADER_SEARCH_LINES] if line.strip(" \f")]
    starts = tuple(rules.cue("preamble_starts"))
    heads, titles = rules.cue_regex("issuer_heads"), rules.cue_regex("authority_heads")
    for line, following in zip(lines, lines[1:]):
        if not (line.isupper() and following.startswith(starts) and len(line) <= BODY_LINE):
            continue
        head, title = heads.match(line), titles.match(line)
        if title and not (head and head.end() > title.end()):
            line = line[title.end():].strip()
            head = heads.match(line)
        if head:
            return _name(line, rules), line
    return None


def _is_authority_line(line: str, rules: RuleSet) -> bool:
    """The line naming who decides, above the preamble: "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH",
    "THỦ TƯỚNG CHÍNH PHỦ"."""
    return bool(rules.cue_regex("authority_heads").match(line) or rules.cue_regex("issuer_heads").match(line))


def _title(lines: list[str], start: int, rules: RuleSet, capitals_only: bool = False) -> str | None:
    """The title (trích yếu) from line ``start`` on: the lines before the preamble, the first
    section or the issuer named again; with ``capitals_only`` (no type heading: a web page dropped
    it) the first lines in capitals that are neither the motto nor a section heading."""
    starts = tuple(rules.cue("preamble_starts"))
    title: list[str] = []
    for line in lines[start:]:
        line = line.strip(" \f")
        if "\t" in line or rules.pattern("place_date").search(line) or rules.pattern("header_number").match(line):
            if title:
                break
            continue
        if capitals_only and not (line.isupper() and len(line.split()) >= 3 and _left_of_motto(line, rules)
                                  and not re.match(r"[IVXLC\d]+[.)]\s", line) and not _is_authority_line(line, rules)):
            if title:
                break
            continue
        if not line:
            if title:
                break
            continue
        if (line.startswith(starts) or len(title) == 4 or re.match(r"[IVXLC\d]{1,4}[.)]\s", line)
                or (title and (_is_authority_line(line, rules) or line.endswith((";", ":"))))):
            break  # the preamble ("…;"), the first section, or the issuer named again
        title.append(line)
    return _name(" ".join(title), rules, body_name=False) if title else None


def _name(capitals: str | list[str], rules: RuleSet, body_name: bool = True) -> str:
    """A body's name (with ``body_name`` False: a title) written in capitals, as a name, from one
    line or the lines it was written on (a place ends each: "ỦY BAN NHÂN DÂN" / "HUYỆN MƯỜNG
    KHƯƠNG" / "TỈNH LÀO CAI" → "Ủy ban nhân dân huyện Mường Khương tỉnh Lào Cai"):
    "BAN CHỈ ĐẠO 138/CP" → "Ban Chỉ đạo 138/CP" (codes and abbreviations keep their capitals:
    "ĐOÀN TNCS HỒ CHÍ MINH", "UBND TỈNH NGHỆ AN"), "THEO QUYẾT ĐỊNH SỐ 1050/QĐ-SCT" → "theo
    Quyết định số 1050/QĐ-SCT", "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI" → "Sở Lao động - Thương
    binh và Xã hội"."""
    lines = [capitals] if isinstance(capitals, str) else capitals
    capitals = " ".join(lines)
    named = " ".join(sentence_case(line, rules, first=i == 0) for i, line in enumerate(lines))
    shorts = {short for e in rules.entries("abbreviations").values() for short in e.get("short", [])}
    named = " ".join(c if _keeps_capitals(c, shorts) else t for c, t in zip(capitals.split(), named.split()))
    for proper in rules.cue("proper_names") if body_name else ():  # in a title "xây dựng" may be a verb
        named = re.sub(r"(?<!\w)" + re.escape(proper) + r"(?!\w)", proper, named, flags=re.IGNORECASE)
    types = words_pattern([e["name"].lower() for e in rules.entries("doc_types").values()])
    named = re.sub(f"({types})(?=\\s+số\\s+\\d)", lambda m: m.group(1).capitalize(), named)
    named = named[:1].upper() + named[1:]
    # a header typed without diacritics is named without them: no "Lào Cai" from the gazetteer in it
    return fold_diacritics(named) if fold_diacritics(capitals) == capitals else named


def _keeps_capitals(word: str, abbreviations: set[str]) -> bool:
    """A code ("138/CP", "1050/QĐ-SCT") or an abbreviation ("UBND", "TNCS", "LĐTBXH") in a name."""
    letters = re.sub(r"[^\w]", "", word)
    return any(c.isdigit() for c in word) or letters in abbreviations or (len(letters) > 1 and not _has_vowel(letters))


def _header_issuer(header: _Header, rules: RuleSet, syllables) -> tuple[str | None, str, str]:
    """The issuing body in the left column above the number line (above the place and date or the
    type when a page lost the number line), and the parent body above it. Lines are one name until a
    line starts another body: "ỦY BAN NHÂN DÂN" / "TỈNH LÀO CAI" is one name, "THỦ TƯỚNG CHÍNH" /
    "PHỦ" too; "UBND TỈNH NGHỆ AN" / "BAN CHỈ ĐẠO 138" is Ban Chỉ đạo 138 under the provincial
    committee; "SỞ CÔNG THƯƠNG" / "ĐOÀN KIỂM TRA" / "THEO QUYẾT ĐỊNH" / "SỐ 1050/QĐ-SCT" is the
    inspection team set up by that decision, under the department. Returns (issuer, parent, as written)."""
    heads = rules.cue_regex("issuer_heads")
    parts: list[list[str]] = []
    for i, line in enumerate(header.lines):
        if i == header.number_line or (header.number_line is None and (
                rules.pattern("place_date").search(line) or _type_heading([line], rules, 0))):
            break
        left = _left_of_motto(line.split("\t")[0], rules)
        if left and _spaced_out(left):
            left = _respace(left, syllables())
        if not left or not _is_body_name_cell(left, rules):
            continue
        # "SỐ 1050/QĐ-SCT" under "THEO QUYẾT ĐỊNH" goes on with the name; typed without diacritics
        # its "SO" is no "Sở"
        number = re.match(rules.expand(r"(?:{so})\s*:?\s*\d", "code"), left)
        if parts and (not heads.match(left) or number):
            parts[-1].append(left)
        else:
            parts.append([left])
    if not parts:
        return None, "", ""
    named = [_name(p, rules) for p in parts]
    return named[-1], " ".join(named[:-1]), " ".join(parts[-1])


def _place_and_date(header: _Header, rules: RuleSet, syllables) -> tuple[Entry | None, str | None, str]:
    """(province of the place, ISO date, the line) of "Lạng Sơn, ngày 26 tháng 02 năm 2019"."""
    for line in header.lines:
        m = rules.pattern("place_date").search(line) or rules.pattern("place_draft_date").search(line)
        if not m:
            continue
        place = m.group("place")
        if _spaced_out(place):
            place = _respace(place, syllables())
        entry = rules.provinces.lookup(place) or next((e for e, _, _ in rules.provinces.finditer(place)), None)
        if "date" in m.groupdict():
            return entry, parse_date(m.group("date")), m.group(0).strip()
        # a draft leaves the day blank: "Nghệ An, ngày     tháng 5 năm 2025" is 2025-05
        month = f"-{int(m.group('month')):02d}" if m.group("month") else ""
        return entry, m.group("year") + month, m.group(0).strip()
    return None, None, ""


def _is_official_letter(header: _Header, rules: RuleSet) -> bool:
    """An official letter (công văn) has no type heading and no type in its number: its subject
    follows the number as "V/v …" and it is addressed "Kính gửi: …"."""
    after = header.lines[(header.number_line or 0):]
    return any(re.match(words_pattern(rules.cue("letter_marks")), line.strip()) for line in after[:6])


# --- issuers, provinces and levels ----------------------------------------------------


def _unmarked(text: str) -> bool:
    """Text typed without diacritics ("Uy ban nhan dan tinh Lang Son"): hardly a letter carries a mark."""
    return _sample_unmarked(text[:2000])


@lru_cache(maxsize=16)
def _sample_unmarked(sample: str) -> bool:
    # asked of the same document's text for cue list after cue list: counted once per document
    letters = sum(c.isalpha() for c in sample)
    marked = sum(c != f for c, f in zip(sample, fold_diacritics(sample)))
    return letters > 0 and marked <= letters // 100


def _cue_words(rules: RuleSet, name: str, text: str) -> str:
    """The words of cue list ``name`` as a pattern (case as written) — also as ``text`` would write them
    when it is typed without diacritics ("Thu tuong Chinh phu")."""
    words = rules.cue(name)
    return words_pattern(words + [fold_diacritics(w) for w in words] if _unmarked(text) else words)


def _find_province(text: str, rules: RuleSet, context: bool) -> Entry | None:
    """The first province named in ``text``; with ``context``, only one named as
    such ("tỉnh Lạng Sơn", "thành phố Cần Thơ"), not "hòa bình" in a sentence."""
    words = re.compile(words_pattern(rules.cue("province_words")) + r"\s*$", re.IGNORECASE)
    for entry, start, _ in rules.provinces.finditer(text):
        if not context or words.search(text[max(0, start - 12):start]):
            return entry
    return None


def _issuer_province(issuer: str, rules: RuleSet) -> Entry | None:
    """The province an issuer's name ends with ("Ban Chỉ đạo 138 Lạng Sơn"), or names after its unit
    ("Đoàn TNCS Hồ Chí Minh tỉnh Lạng Sơn": Lạng Sơn) — not the name of a person inside another name
    ("Trung ương Đoàn TNCS Hồ Chí Minh"): a province named after a person is one only after its unit."""
    named = _find_province(issuer, rules, context=True)
    if named:
        return named
    last = list(rules.provinces.finditer(issuer))[-1:]
    if not last or issuer[last[0][2]:].strip():
        return None
    entry, start, end = last[0]
    # the bare name only; an alias with its unit ("TP.HCM") is the city
    bare = fold_diacritics(issuer[start:end]).casefold() == fold_diacritics(entry["name"]).casefold()
    return None if bare and entry["name"] in rules.cue("unit_bound_provinces") else entry


def _expand_abbreviations(name: str, rules: RuleSet) -> str:
    for entry, start, end in list(rules.abbreviations.finditer(name))[::-1]:
        if name[start:end] in entry.get("short", []):
            name = name[:start] + entry["name"] + name[end:]
    return name


def _unit_spelled(issuer: str, rules: RuleSet) -> str:
    """A unit word typed without its marks before a province in a name written with them:
    "Ủy ban nhân dân tinh Tuyên Quang" → "Ủy ban nhân dân tỉnh Tuyên Quang"."""
    if fold_diacritics(issuer) == issuer:
        return issuer  # the whole text is typed without diacritics: leave it so
    for unit in rules.cue("province_words"):
        bare = fold_diacritics(unit)
        if bare == unit:
            continue
        for entry, start, _ in list(rules.provinces.finditer(issuer))[::-1]:
            before = issuer[:start].rstrip()
            if before.casefold().endswith(bare.casefold()) and re.search(r"(?<!\w)" + re.escape(bare) + "$", before,
                                                                          re.IGNORECASE):
                cut = len(before) - len(bare)
                issuer = issuer[:cut] + unit + issuer[len(before):]
    return issuer


def _statement_issuer(text: str, verb_start: int, rules: RuleSet) -> tuple[str | None, str]:
    """The body before an issuing verb: "UBND tỉnh Tiền Giang ban hành" →
    "UBND tỉnh Tiền Giang"; "… tỉnh Lạng Sơn (gọi tắt là Ban Chỉ đạo 138 tỉnh)
    xây dựng" → "Ban Chỉ đạo 138 tỉnh", with the full name before it. Not the
    issuer of a cited document ("… của Thủ tướng Chính phủ ban hành …", "… của
    Ủy ban nhân dân tỉnh về ban hành Kế hoạch …")."""
    clause_start = max(text.rfind(c, 0, verb_start) for c in ".;:\n")
    # the dot of an abbreviated unit ("UBND TP. Hồ Chí Minh ban hành") ends no clause
    dotted = [w for w in rules.cue("province_words") if w.endswith(".")]
    while clause_start > 0 and any(text.endswith(w, 0, clause_start + 1) for w in dotted):
        clause_start = max(text.rfind(c, 0, clause_start) for c in ".;:\n")
    clause = text[clause_start + 1:verb_start].rstrip()
    if re.search(r"(?:" + rules.cue_regex("nominal_markers").pattern + r")$", clause):
        return None, ""  # "về ban hành …": the verb names what a cited document is about
    clause = re.sub(r"\s*(?:" + rules.cue_regex("issuing_adverbs").pattern + r")$", "", clause)
    alias = re.search(r"\((?:" + _cue_words(rules, "alias_intros", clause) + r")\s+([^()]+)\)$", clause)
    full = clause[:alias.start()] if alias else clause
    heads = re.compile(_cue_words(rules, "issuer_heads", full))
    # the body named last before the verb: the last comma-separated piece that
    # holds a head word, from that head on ("…, ngày 20/02/2019, UBND tỉnh Tiền
    # Giang"; "Sở Lao động, Thương binh và Xã hội" keeps its comma)
    head = None
    piece_start = len(full)
    while piece_start > 0 and head is None:
        comma = full.rfind(",", 0, piece_start)
        head = heads.search(full, comma + 1, piece_start)
        piece_start = comma if comma >= 0 else 0
    if head and re.search(_cue_words(rules, "cited_issuer_markers", full) + r"\s+$", full[:head.start()]):
        return None, ""
    # "Ủy ban nhân dân (UBND) tỉnh Nghệ An": the abbreviation in brackets is no part of the name
    name = re.sub(r"\s*\([^()]{1,12}\)", "", full[head.start():]).strip(" ,") if head else None
    if alias:
        return alias.group(1).strip(), name or ""
    return name, name or ""


def _is_national(issuer: str, rules: RuleSet, parent: str = "") -> bool:
    """A central body: the government, the Prime Minister, a ministry, Ban Chỉ đạo 138/CP, or a
    unit under one ("BỘ Y TẾ" / "VỤ SỨC KHỎE BÀ MẸ - TRẺ EM") — named without a province or a local
    unit."""
    local = "|".join(_cue_words(rules, cue, issuer) for cue in ("province_words", "district_words", "commune_words"))
    if re.search(local, issuer) or _issuer_province(issuer, rules):
        return False
    return bool(re.search(_cue_words(rules, "national_issuers", issuer), issuer)
                or re.match(_cue_words(rules, "ministry_heads", issuer) + r"\s", issuer)
                or (parent and _is_national(parent, rules)))


def _national_symbol(number: str | None, rules: RuleSet) -> bool:
    """A số ký hiệu whose issuer code is a central body's: 844/QĐ-TTg, 175/NQ-CP, 163/2024/QH15."""
    codes = re.compile(words_pattern(rules.cue("national_symbols")) + r"$")
    return bool(number) and any(codes.match(part) for part in re.split(r"[/-]", number)[1:])


def _city_level(issuer: str, rules: RuleSet, year: int | None) -> bool:
    """A city inside a province is a district-level unit: "Ủy ban nhân dân thành phố Lạng Sơn" (the
    provincial capital), "UBND thành phố Vinh"; a centrally-run city ("thành phố Cần Thơ", kind
    city in the gazetteer; "thành phố Huế" from 2025) is a province."""
    for m in re.finditer(r"(?<!\w)thành phố\s+(" + rules.expand("{proper_name}", "code") + ")", issuer):
        if year and year >= 2025 and fold_diacritics(m.group(1)).casefold() in \
                {fold_diacritics(c).casefold() for c in rules.cue("centrally_run_from_2025")}:
            return False
        entry = _find_province(m.group(1), rules, context=False)
        return entry is None or entry.get("kind") != "city"
    return False


def _level(issuer: str | None, province: Entry | None, rules: RuleSet, parent: str = "",
           year: int | None = None) -> str | None:
    """The level of the body that issues: a national body that signs in Hà Nội is national."""
    if issuer:
        if _is_national(issuer, rules, parent):
            return "national"
        # "Ủy ban nhân dân xã Tân Lập", "UBND huyện Cao Lộc", "thị xã Sa Pa": the first named commune or district
        units = [(m.start(), -m.end(), level) for level, cue in (("commune", "commune_words"), ("district", "district_words"))
                 for m in re.finditer(_cue_words(rules, cue, issuer) + r"(?=\s+[A-ZĐ])", issuer)]
        if units:
            return min(units)[2]
        if rules.cue_regex("district_committees").search(issuer):
            return "district"
        if rules.cue_regex("province_committees").search(issuer):
            return "province"
        city_committee = rules.cue_regex("city_committees").search(issuer)
        if city_committee:
            named = _find_province(issuer[city_committee.end():], rules, context=False) or province
            return "province" if named is not None and named.get("kind") == "city" else "district"
        if _city_level(issuer, rules, year):
            return "district"
        if parent:  # "UBND HUYỆN BẮC SƠN" / "BAN CHỈ ĐẠO 138": the committee of the district
            parent_level = _level(parent, None, rules, year=year)
            if parent_level in ("district", "commune"):
                return parent_level
        if province is not None or re.search(_cue_words(rules, "province_words", issuer), issuer) \
                or any(re.match(_cue_words(rules, "provincial_heads", name), name) for name in (issuer, parent)):
            return "province"
    if province is not None:
        return "province"
    return None


# --- news pages ------------------------------------------------------------------------


def _lead(text: str, rules: RuleSet) -> list[tuple[int, int]]:
    """Where a news page's first paragraphs of text are, past the site's own lines ("… vui lòng
    lựa chọn và đăng ký gói cước")."""
    chrome = rules.cue_regex("site_chrome")
    paragraphs = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)
                  if m.end() - m.start() >= LONG_PARAGRAPH and not chrome.search(m.group(0))]
    return paragraphs[:LEAD_PARAGRAPHS]


def _headline(text: str, rules: RuleSet) -> str:
    """A news page's headline: its first line of a few words above its text, not a paragraph of body
    text nor the site's own lines ("… vui lòng lựa chọn và đăng ký gói cước")."""
    for line in text[_page_start(text, rules):].split("\n")[:8]:
        if len(line) > BODY_LINE:
            return ""  # the text has begun: a page without a headline
        if len(line.split()) >= 6:
            return line
    return ""


def _page_start(text: str, rules: RuleSet) -> int:
    """Where a page's own text starts, below the site's lines: its menu (a row of cells "Trang chủ |
    Tin tức | Văn bản") and its notices ("Vui lòng ĐĂNG NHẬP …")."""
    chrome = rules.cue_regex("site_chrome")
    start = 0
    for line in re.finditer(r"[^\n]*\n?", text):
        if line.group(0).strip() and "\t" not in line.group(0) and not chrome.search(line.group(0)):
            break
        start = line.end()
    return start


def _news_level(text: str, rules: RuleSet) -> tuple[str | None, str, Entry | None]:
    """Who acts in a news page that reports no single plan: central bodies ("Ban Chỉ đạo 138/CP
    đã ban hành", "… của Chính phủ") or provincial ones ("Ban Chỉ đạo 138 tỉnh đề nghị", "UBND
    tỉnh", "tại thành phố Hà Giang", "Tỉnh ủy Quảng Nam") — whichever the lead names more often, else
    first; and, when they are provincial, the one province they name, if they name one."""
    national = list(re.finditer(words_pattern(rules.cue("national_issuers")), text))
    # a bare "tỉnh" is the unit of a body or place named just before it: "UBND tỉnh",
    # "Ban Chỉ đạo 138 tỉnh", "trên địa bàn tỉnh" — not "6 tỉnh trọng điểm"
    owner = re.compile(r"(?:" + rules.cue_regex("issuer_heads").pattern + "|" + rules.cue_regex("place_heads").pattern
                       + r")(?:\s+\d+)?\s+$")
    committees = rules.cue_regex("province_committees")
    provincial = [m for m in rules.pattern("provincial_mention").finditer(text)
                  if (_find_province(m.group("named"), rules, context=False) is not None if m.group("named")
                      else committees.fullmatch(m.group("unit")) or (
                          fold_diacritics(m.group("unit")).casefold() == "tinh"
                          and owner.search(text, max(0, m.start() - 40), m.start())))]
    if not national and not provincial:
        return None, "", None
    if len(national) != len(provincial):
        level, mentions = max((len(national), "national", national), (len(provincial), "province", provincial))[1:]
    else:
        level, mentions = min(("national", national), ("province", provincial), key=lambda lm: lm[1][0].start())
    named = {_find_province(m.group("named"), rules, context=False).id: m for m in mentions
             if level == "province" and m.group("named")}
    province = _find_province(next(iter(named.values())).group("named"), rules, context=False) \
        if len(named) == 1 else None
    return level, mentions[0].group(0), province


def _news_year(headline: str, lead: str, rules: RuleSet) -> int | None:
    """The year a news page is about: "… năm 2020" in its headline, else the year of its first own
    date (the page's date, "Ngày 19/4/2018, …" opening its lead), else "năm 2024" in its lead."""
    undated = rules.pattern("dates").sub(" ", headline)
    m = rules.pattern("year_in_title").search(undated)
    if m:
        return int(m.group("year"))
    date = rules.pattern("news_date").search(headline + "\n" + lead)
    if date:
        parsed = parse_date(date.group("date") or date.group("line_date"))
        if parsed:
            return int(parsed[:4])
    m = rules.pattern("year_in_title").search(lead)
    return int(m.group("year")) if m else None


def _headline_province(headline: str, rules: RuleSet) -> Entry | None:
    """A news headline that opens with its province and a colon: "Hà Giang: Sơ kết …"."""
    m = re.match(r"\s*([^:\n]{2,30}):\s", headline)
    return rules.provinces.lookup(m.group(1)) if m else None


# --- years -----------------------------------------------------------------------------


def _period_and_year(title: str | None, issue_year: int | None, rules: RuleSet) -> tuple[list[int] | None, int | None]:
    if not title:
        return None, issue_year
    period = None
    m = rules.pattern("period").search(title)
    if m:
        first = m.group("first") or m.group("first2")
        last = m.group("last") or m.group("last2") or m.group("last3")
        if first:
            period = [int(first), int(last)]
        elif issue_year and int(last) > issue_year:
            period = [issue_year, int(last)]
    # the years of dates in a title ("Chỉ thị số 52-CT/TW ngày 03 tháng 10 năm 2025") are not its year
    undated = rules.pattern("dates").sub(" ", title)
    years = [int(y.group("year")) for y in rules.pattern("year_in_title").finditer(undated)]
    if period:
        return period, issue_year or period[0]
    if years:
        return None, years[-1]
    return None, issue_year


# --- the document ----------------------------------------------------------------------


@dataclass
class _Reading:
    """What is known of a document's identity so far, and why."""

    body: str
    rules: RuleSet
    info: DocumentInfo = field(default_factory=DocumentInfo)
    why: dict[str, list[dict]] = field(default_factory=dict)
    province: Entry | None = None
    issuer_context: str = ""     # the parent body above the issuer, or the full name before its alias
    plan_named: bool = False     # a header, a site's metadata or a news lead names the document
    _syllables: set[str] | None = None

    def note(self, field_name: str, rule: str, note: str, matched: str | None = None) -> None:
        self.why[field_name] = [self.rules.why(rule, note, matched=matched)]

    def syllables(self) -> set[str]:
        if self._syllables is None:
            # the text's own words, and the names the rules know (an excerpt may write "Ủy ban nhân
            # dân" only in its spaced-out header)
            cues = ("issuer_heads", "proper_names", "province_words", "district_words", "commune_words")
            names = [*(word for cue in cues for word in self.rules.cue(cue)),
                     *(n for e in self.rules.entries("provinces").values() for n in e.names),
                     *(n for e in self.rules.entries("abbreviations").values() for n in e.names)]
            self._syllables = _syllables(self.body + "\n" + "\n".join(names))
        return self._syllables


def _read_header(reading: _Reading, header: _Header) -> None:
    body, rules, info = reading.body, reading.rules, reading.info
    symbol = None
    if header.number_line is not None:
        number_line = header.lines[header.number_line]
        info.number, symbol = _header_number(number_line, rules)
        reading.note("number", "patterns.header_number" if info.number else "patterns.draft_number",
                     "the number line of the header" if info.number
                     else "a draft's number line: no number yet, the symbol still says the type",
                     _number_cell(number_line, rules).strip())
    place, info.issue_date, place_line = _place_and_date(header, rules, reading.syllables)
    if info.issue_date:
        reading.note("issue_date", "patterns.place_date", "the place and date line", place_line)
    heading = _type_heading(header.lines, rules, 0 if header.number_line is None else header.number_line)
    if heading:
        info.doc_type = heading[0]["name"]
        reading.note("doc_type", f"doc_types.{heading[0].id}", "the type in capitals under the number",
                     header.lines[heading[1]].strip())
        info.title = _title(header.lines, heading[1] + 1, rules)
    else:
        info.doc_type = symbol_doc_type(symbol, rules) if symbol else None
        if info.doc_type:
            reading.note("doc_type", "code: symbol type", "no type heading: the type the symbol names", symbol)
        elif _is_official_letter(header, rules):
            info.doc_type = rules.cue("letter_type")[0]
            reading.note("doc_type", "cues.letter_marks", "no type heading and none in the symbol, and a "
                         "'V/v' subject or 'Kính gửi': an official letter")
        # no "KẾ HOẠCH" line (a web page dropped it): the first lines in capitals are the title
        start = 0 if header.number_line is None else header.number_line + 1
        info.title = _title(header.lines, start, rules, capitals_only=True)
    info.issuer, reading.issuer_context, written = _header_issuer(header, rules, reading.syllables)
    if info.issuer:
        reading.note("issuer", "cues.issuer_heads", "the issuing body in the header's left column", written)
    if header.number_line is not None and (info.issuer is None or _is_place(info.issuer, rules)):
        # no body in the left column, or only its place ("TỈNH BẮC NINH": the excerpt lost "ỦY BAN NHÂN DÂN")
        _preamble_issuer(reading, header, place=info.issuer)
    national = _is_national(_expand_abbreviations(info.issuer, rules), rules,
                            _expand_abbreviations(reading.issuer_context, rules)) if info.issuer \
        else _national_symbol(info.number, rules)
    if place and not national:
        reading.province = place
        reading.note("province", f"provinces.{place.id}", "the place the document is signed at", place_line)
    reading.plan_named = bool(info.number or info.doc_type or info.issue_date)


def _is_place(name: str, rules: RuleSet) -> bool:
    """A unit and its name, no body: "Tỉnh Bắc Ninh", "Thành phố Cần Thơ", "Huyện Cao Lộc"."""
    units = words_pattern(rules.cue("province_words") + rules.cue("district_words") + rules.cue("commune_words"))
    return bool(re.fullmatch(r"(?i:" + units + r")\s+" + rules.expand("{proper_name}", "code"), name))


def _is_bare(issuer: str, rules: RuleSet) -> bool:
    """A body named without its place: "Ủy ban nhân dân", "Hội đồng nhân dân"."""
    return fold_diacritics(issuer).casefold() in {fold_diacritics(b).casefold() for b in rules.cue("bare_issuers")}


def _same_place(issuer: str, place: str, rules: RuleSet) -> bool:
    """Whether a body ("UBND tỉnh", "Ủy ban nhân dân tỉnh Bắc Ninh") is of a place ("Tỉnh Bắc Ninh")."""
    named = _issuer_province(issuer, rules)
    return (named is None or named == _issuer_province(place, rules)) and \
        fold_diacritics(place.split()[0]).casefold() in fold_diacritics(issuer).casefold()


def _preamble_issuer(reading: _Reading, header: _Header, place: str | None = None) -> None:
    """The issuer named in the preamble of a header that has none, before the first section: the
    body that "xây dựng kế hoạch" / "ban hành Kế hoạch" — the verb with this document's type first,
    and never the issuer of a document it cites ("… của Thủ tướng Chính phủ ban hành Chương trình")."""
    body, rules, info = reading.body, reading.rules, reading.info
    start = header.line_ends[header.number_line]
    first_section = re.compile(r"(?m)^[\f ]*(?:[IVXLC]+|\d{1,2})[.)]\s").search(body, start)
    end = min(first_section.start() if first_section else len(body), start + 3000)
    verbs = list(re.finditer(_cue_words(rules, "issuing_verbs", body[start:end]), body[:end]))
    verbs = [v for v in verbs if v.start() >= start]
    own_type = re.compile(r"\s*" + words_pattern([info.doc_type]), re.IGNORECASE) if info.doc_type else None
    verbs.sort(key=lambda v: not (own_type and (own_type.match(body, v.end()) or own_type.search(v.group(0)))))
    for verb in verbs:
        issuer, context = _statement_issuer(body, verb.start(), rules)
        if issuer and place and not _same_place(issuer, place, rules):
            continue  # the header's "TỈNH BẮC NINH" is completed only by a body of that place
        if issuer:
            info.issuer, reading.issuer_context = issuer, context
            reading.note("issuer", "cues.issuing_verbs", "the body that issues, in the preamble", verb.group(0))
            return


def _read_site_metadata(reading: _Reading) -> None:
    """A legal-document site's block above the text ("Số hiệu: 2022/QĐ-UBND", "Loại văn bản:
    Quyết định", "Nơi ban hành: Tỉnh Cao Bằng", "Ngày ban hành: 27/11/2025") fills what the header
    did not give."""
    rules, info = reading.rules, reading.info
    top = "\n".join(reading.body.split("\n")[:HEADER_SEARCH_LINES])
    for m in rules.pattern("site_metadata").finditer(top):
        label, value = fold_diacritics(m.group("label")).casefold(), m.group("value").strip()
        matched = f"{m.group('label')}: {value}"
        if label.startswith("so") and info.number is None and rules.pattern("symbol_only").fullmatch(value):
            info.number = normalise_symbol(value, rules)
            reading.note("number", "patterns.site_metadata", "a legal-document site's metadata", matched)
        elif label.startswith("loai") and info.doc_type is None and rules.doc_types.lookup(value):
            info.doc_type = rules.doc_types.lookup(value)["name"]
            reading.note("doc_type", "patterns.site_metadata", "a legal-document site's metadata", matched)
        elif label.startswith("ngay") and info.issue_date is None and parse_date(value):
            info.issue_date = parse_date(value)
            reading.note("issue_date", "patterns.site_metadata", "a legal-document site's metadata", matched)
        elif label.endswith("ban hanh") and reading.province is None and (info.issuer is None or _is_bare(info.issuer, rules)):
            place = _find_province(value, rules, context=False)
            local = _is_place(value, rules) and not re.match(_cue_words(rules, "province_words", value), value,
                                                             re.IGNORECASE)
            if info.issuer and local:
                # "ỦY BAN NHÂN DÂN" whose second line the page lost, "Nơi ban hành: Huyện Mường Khương"
                info.issuer = f"{info.issuer} {value[:1].lower()}{value[1:]}"
                reading.note("issuer", "patterns.site_metadata", "a bare issuer and the place in a site's metadata",
                             matched)
            elif place and not _is_national(value, rules):
                reading.province = place
                reading.note("province", f"provinces.{place.id}", "the issuing place in a site's metadata", matched)
            elif info.issuer is None and _is_national(value, rules):
                info.issuer = value
                reading.note("issuer", "patterns.site_metadata", "the issuing body in a site's metadata", matched)
    reading.plan_named = reading.plan_named or bool(info.number or info.doc_type)


def _read_news(reading: _Reading) -> bool:
    """The plan a news page reports in its lead: "… UBND tỉnh Tiền Giang ban hành Kế hoạch số
    37/KH-UBND …"."""
    body, rules, info = reading.body, reading.rules, reading.info
    plan_types = [n for e in rules.entries("doc_types").values() if e.get("plan")
                  for n in [e["name"], *e.get("aliases", [])]]
    plan_types += [fold_diacritics(n) for n in plan_types] if _unmarked(body) else []
    reported_re = rules.pattern("reported", doc_type="(?i:" + words_pattern(plan_types) + ")")
    reported = next(filter(None, (reported_re.search(body, start, end) for start, end in _lead(body, rules))), None)
    if reported is None:
        info.title = _headline(body, rules) or None
        return False
    info.number = normalise_symbol(reported.group("number"), rules)
    info.doc_type = rules.doc_types.lookup(reported.group("type"))["name"]
    info.issue_date, after = date_near(body, reported.start("type"), reported.end(), rules)
    about = rules.pattern("reported_title").match(body, after)
    info.title = about.group("title").strip() if about else None
    info.issuer, reading.issuer_context = _statement_issuer(body, reported.start(), rules)
    for field_name in ("number", "doc_type", "issue_date"):
        reading.note(field_name, "patterns.reported", "the plan a news page reports", reported.group(0))
    if info.issuer:
        reading.note("issuer", "patterns.reported", "the body before the issuing verb", info.issuer)
    return True


def _complete_issuer(reading: _Reading) -> None:
    """The issuer as a canonical name, and the province it names."""
    rules, info = reading.rules, reading.info
    info.issuer = _unit_spelled(_expand_abbreviations(" ".join(info.issuer.split()), rules), rules)
    named = _issuer_province(info.issuer, rules) \
        or _find_province(reading.issuer_context, rules, context=True)
    if named and not reading.province:
        reading.province = named
        reading.note("province", f"provinces.{named.id}", "the province in the issuer's name", info.issuer)
    _issuer_with_place(reading)


def _issuer_with_place(reading: _Reading) -> None:
    """An issuer named without its province completed by it: "Ban Chỉ đạo 138 tỉnh" → "… tỉnh Lạng Sơn"."""
    rules, info, province = reading.rules, reading.info, reading.province
    unmarked = _unmarked(info.issuer)
    if province and re.search(_cue_words(rules, "province_words", info.issuer) + "$", info.issuer):
        # "Ban Chỉ đạo 138 tỉnh" in a Lạng Sơn plan is Ban Chỉ đạo 138 tỉnh Lạng Sơn
        info.issuer = f"{info.issuer} {fold_diacritics(province['name']) if unmarked else province['name']}"
    elif province and _is_bare(info.issuer, rules):
        # a header cut to "ỦY BAN NHÂN DÂN" (the web page lost its second line), dated "Ninh Thuận, ngày …"
        place = f"{'thành phố' if province.get('kind') == 'city' else 'tỉnh'} {province['name']}"
        info.issuer = f"{info.issuer} {fold_diacritics(place) if unmarked else place}"


def extract_document(text: NormalizedText, rules: RuleSet) -> DocumentInfo:
    body = text.text
    reading = _Reading(body, rules)
    info = reading.info
    header = _find_header(body, rules)
    if header:
        _read_header(reading, header)
    _read_site_metadata(reading)
    is_news = not reading.plan_named
    authority = None if is_news or (info.issuer and not _is_bare(info.issuer, rules)) else _authority_issuer(body, rules)
    if authority and (info.issuer is None or len(authority[0]) > len(info.issuer)):
        # the page lost the issuer's column, or its second line: the line above the preamble names it
        info.issuer, _ = authority
        reading.note("issuer", "cues.authority_heads", "the body of the authority above the preamble", authority[1])
    reported = is_news and _read_news(reading)
    headline = _headline(body, rules)
    if is_news and not (info.issuer and (_issuer_province(info.issuer, rules)
                                         or _is_national(_expand_abbreviations(info.issuer, rules), rules))):
        # a news page whose issuer names no province: its headline's ("Hà Giang: Sơ kết …")
        news_province = _headline_province(headline, rules)
        if news_province:
            reading.province = news_province
            reading.note("province", "code: headline place", "a news headline opens with its province",
                         news_province["name"])
    if info.issuer:
        _complete_issuer(reading)
    info.level = _level(info.issuer, reading.province, rules, _expand_abbreviations(reading.issuer_context, rules),
                        int(info.issue_date[:4]) if info.issue_date else None)
    if info.issuer is None and _national_symbol(info.number, rules):
        info.level = "national"  # "Số: 844/QĐ-TTg" signed in Hà Nội, its issuer's lines lost
    if reading.province is None and (info.level in ("district", "commune") or (header and info.level == "province")):
        # a district's plan, or a provincial body's whose header does not name its province ("SỞ CÔNG THƯƠNG" /
        # "ĐOÀN KIỂM TRA"), names it in the text ("… trên địa bàn tỉnh Lào Cai", "… của UBND tỉnh Lạng Sơn")
        reading.province = _find_province(body[:PROVINCE_SEARCH], rules, context=True)
        if reading.province:
            reading.note("province", f"provinces.{reading.province.id}", "the body's province, named in its text",
                         reading.province["name"])
    info.province = reading.province["name"] if reading.province else None
    lead = body[_page_start(body, rules):][:NEWS_LEAD]
    news_level = None   # what the acting bodies of a news page's lead say
    if info.level:
        level_cue = {"national": "national_issuers", "province": "province_words",
                     "district": "district_words", "commune": "commune_words"}[info.level]
        reading.note("level", f"cues.{level_cue}", "the level of the issuing body" if info.issuer
                     else "the level of the province", info.issuer or info.province)
    elif is_news and not reported:
        news_level = _news_level(lead, rules)
        info.level, matched, _ = news_level
        if info.level:
            rule = "cues.national_issuers" if info.level == "national" else "patterns.provincial_mention"
            reading.note("level", rule, "the bodies a news page names as acting", matched)
    if is_news and info.level == "province" and info.province is None:
        level, _, named = news_level or _news_level(lead, rules)
        if named and level == "province":
            reading.province, info.province = named, named["name"]
            reading.note("province", f"provinces.{named.id}", "the one province a news page's acting bodies name",
                         named["name"])
            if info.issuer:
                _issuer_with_place(reading)
    if is_news and not reported:
        info.year = _news_year(headline, lead, rules)
        if info.year:
            reading.note("year", "patterns.news_date", "the year a news page reports on: its headline's 'năm …', "
                         "else its own date")
        info.period = _period_and_year(info.title, None, rules)[0]
    else:
        issue_year = int(info.issue_date[:4]) if info.issue_date else None
        info.period, info.year = _period_and_year(info.title, issue_year, rules)
        if info.year:
            from_title = info.year != issue_year
            reading.note("year", "patterns.year_in_title" if from_title else "patterns.place_date",
                         "the year in the title" if from_title else "the year of issue",
                         info.title if from_title else info.issue_date)
    info.why = reading.why or None
    return info


# --- drafts ---------------------------------------------------------------------------


def draft_warning(text: NormalizedText, rules: RuleSet) -> RecordWarning | None:
    """A ``draft`` warning when the header shows a draft, saying what shows it: a
    number left blank ("Số:      /QĐ-UBND"), a day left blank ("Nghệ An, ngày
    tháng 5 năm 2025"), or a "DỰ THẢO" mark on a line or cell of its own above
    the title ("Dự thảo lần 2"). A document with its number and date filled in
    and no mark gives None, and so does a text with no header (a news page).
    """
    header = _find_header(text.text, rules)
    if header is None:
        return None
    signs = []
    if header.number_line is not None:
        number_line = header.lines[header.number_line]
        cell = _number_cell(number_line, rules)
        if _header_number(number_line, rules)[0] is None and rules.pattern("draft_number").match(cell):
            signs.append(f"the number is blank ('{cell.strip()}')")
    for line in header.lines:
        if rules.pattern("place_date").search(line):
            break
        m = rules.pattern("place_draft_date").search(line)
        if m:
            blank = "the day of the date is" if m.group("month") else "the day and month of the date are"
            signs.append(f"{blank} blank ('{' '.join(m.group(0).split())}')")
            break
    # the mark sits in the header or just above it, in the right-hand corner
    first = text.text.count("\n", 0, header.line_ends[0] - 1) if header.line_ends else 0
    top = _header_lines(text.text, rules)[:first] + header.lines
    mark = next((cell.strip() for line in top for cell in line.split("\t")
                 if rules.pattern("draft_mark").fullmatch(cell.strip())), None)
    if mark:
        signs.append(f"it is marked '{mark}'")
    if not signs:
        return None
    return RecordWarning("draft", "this is a draft, not the document as issued: " + "; ".join(signs))
