"""The outline of a plan: which heading each paragraph sits under.

Headings are short lines that open with an outline marker ("I.", "2.",
"2.1.") or are written in capitals. What a heading says decides what the text
under it is for (``rules/sections.yaml``): targets under "Chỉ tiêu",
objectives under "Mục tiêu", reported results under "Kết quả".

A second, stricter reading gives each paragraph its *zone*: what the nearest
heading that opens with a section topic names — "Mục tiêu", "Mục đích" (the
plan's aims), or another part of a plan ("Yêu cầu", "Quan điểm", "Chỉ tiêu",
"Nhiệm vụ" …). A heading that only mentions a topic in passing ("II. Hoàn
thiện thể chế … đáp ứng mục tiêu bao phủ") names none, and one that names no
topic ("3. Định hướng đến năm 2045") leaves its parent's zone in force. A
table's rows and, in a plan whose parts are marked, an unmarked line in
capitals that names no part ("BẢNG CHỈ TIÊU CHỦ YẾU") stay inside the part;
a signature, an annex or a document's title in capitals ends it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..normalize import fold_diacritics
from ..ruleset import RuleSet

# a list item's marker ("a) ", "b. ", "c/. ", "- ", "+ ", "1.2. ") and the space before it
ITEM_MARKER_RE = re.compile(r"^[\f\s]*(?:(?:[a-zđ]/?[).]|[-+•*·]|\d{1,2}(?:\.\d{1,2})*[.)])\s+)?")
_CLAUSE_END_RE = re.compile(r";|\.(?=\s|$)|\n")
_LIST_NUMBER_RE = re.compile(r"[\f\s]*\d{1,2}(?:\.\d{1,2})*")   # "3" of "3. Đề nghị …": its dot ends no clause
_MARKER_RE = re.compile(r"^(?P<marker>[IVXLC]{1,6}[.)]|\d{1,2}(?:\.\d{1,2}){0,3}[.)]?)\s+(?=\S)")
_HEADING_MAX = 90


@dataclass
class Paragraph:
    """A line of the normalised text with the headings above it."""

    text: str
    start: int
    end: int
    is_heading: bool = False
    kinds: set[str] = field(default_factory=set)   # what the nearest telling heading says
    level: int | None = None     # a heading's level (1 "I." or capitals, 2 "1.", 3 "1.2."); None for text
    zone: str | None = None      # ZONE_AIM, ZONE_AIM_OR_OTHER, ZONE_OTHER_OR_AIM, ZONE_OTHER, or None (no topic heading)
    zone_heading: str | None = None  # the heading that set the zone


# the zones of ``Paragraph.zone``
ZONE_AIM = "aim"                    # under "Mục tiêu …" / "Mục đích"
ZONE_AIM_OR_OTHER = "aim-or-other"  # under "MỤC ĐÍCH, YÊU CẦU" with no sub-heading: the aims come first
ZONE_OTHER_OR_AIM = "other-or-aim"  # under "QUAN ĐIỂM, MỤC TIÊU" with no sub-heading: the aims come last
ZONE_OTHER = "other"                # under "Yêu cầu", "Chỉ tiêu", "Nhiệm vụ", "Quan điểm" …


def _heading_level(line: str) -> int | None:
    """1 for "I. …" or a line in capitals, 2 for "1. …", 3 for "1.2. …"; None for
    a line that is not a heading (too long, a sentence, a lettered item)."""
    if len(line) > _HEADING_MAX or line.endswith((".", ";", ",")) and not _MARKER_RE.fullmatch(line + " "):
        return None
    m = _MARKER_RE.match(line)
    if m:
        return _marker_level(m.group("marker"))
    if all(c.isupper() for c in line if c.isalpha()) and sum(c.isalpha() for c in line) >= 4:
        return 1
    return None


def _told(heading: str, kinds_of: dict[str, re.Pattern]) -> set[str]:
    """What a heading says it holds. A cue inside a longer cue of another kind
    does not count: "Mục tiêu cụ thể" sets targets, not objectives, while
    "MỤC TIÊU, CHỈ TIÊU" holds both."""
    spans = {kind: [m.span() for m in regex.finditer(heading)] for kind, regex in kinds_of.items()}
    told = set()
    for kind, found in spans.items():
        others = [s for k, v in spans.items() if k != kind for s in v]
        if any(not any(o[0] <= a and b <= o[1] and (o[1] - o[0]) > (b - a) for o in others) for a, b in found):
            told.add(kind)
    return told


def _marker_level(marker: str) -> int:
    marker = marker.rstrip(".)")
    return 1 if re.fullmatch(r"[IVXLC]+", marker) else 2 + marker.count(".")


# the markers a heading of the plan's parts may open with, wider than an outline's:
# "Điều 2.", "PHẦN I.", "I-", "A.", "1.1", "1-", "1/", "1.Mục đích", "a)"
_ZONE_MARKER_RE = re.compile(r"(?:(?P<article>(?:Điều|ĐIỀU|Phần|PHẦN)\s+(?:\d{1,3}|[IVXLC]{1,6})\s*[.:]?)"
                             r"|(?P<part>[IVXLC]{1,6}\s*[.):/-]|[A-Z]\s*[.)])"
                             r"|(?P<number>\d{1,2}(?:\.\d{1,2}){1,3}\.?|\d{1,2}\s*[.):/-])"
                             r"|(?P<letter>[a-zđ]\s*[.)]))\s*(?=\S)")
_CELL_MARKER_RE = re.compile(r"[IVXLC]{1,6}[.)]?|\d{1,2}(?:\.\d{1,2})*[.)]?|[a-zđ][.)]|(?:Điều|ĐIỀU)\s+\d{1,3}\.?")
_UNMARKED_LEVEL = 9    # "Mục đích:" on a line of its own sits under whatever heading is above it


def _zone_marker(line: str) -> tuple[int | None, str]:
    """The level a heading's marker gives and the words after it."""
    m = _ZONE_MARKER_RE.match(line)
    if not m:
        return None, line
    if m.group("number"):
        level = 2 + m.group("number").strip(".):- ").count(".")
    else:
        level = 6 if m.group("letter") else 1
    return level, line[m.end():]


def _topics(words: str, topics_of: dict[str, re.Pattern]) -> list[str | None]:
    """The topic of each part of a heading's words: "MỤC ĐÍCH, YÊU CẦU" → [aim, other]."""
    words = words.split(":")[0].strip(" .\f")
    parts = [p.strip() for p in re.split(r"[,;/–-]|\s+và\s+", words) if p.strip()]
    parts = [topics_of["determiner"].sub("", p, count=1).strip() if topics_of["determiner"].match(p) else p
             for p in parts]
    topics = [next((topic for topic, regex in topics_of.items() if regex.match(p)), None) for p in parts]
    return [None if topic in ("name", "determiner") else topic for topic in topics]


def _zone(heading: str, topics_of: dict[str, re.Pattern]) -> str | None:
    """The zone a heading opens, read from the topics it starts with: "MỤC TIÊU,
    CHỈ TIÊU" → aim; "MỤC ĐÍCH, YÊU CẦU" → aim or other, "QUAN ĐIỂM, MỤC TIÊU" →
    other or aim (the sub-headings tell which); "2. Yêu cầu", "II. CÁC NHIỆM VỤ CỤ THỂ" → other;
    "3. Định hướng đến năm 2045", "II. Hoàn thiện thể chế … mục tiêu" → None."""
    topics = _topics(_zone_marker(heading)[1], topics_of)
    if not topics or topics[0] is None:
        return None
    if "aim" not in topics or topics[0] != "aim" and None in topics:
        return ZONE_OTHER  # "NHIỆM VỤ, GIẢI PHÁP thực hiện mục tiêu" lists no aim
    if "other" not in topics:
        return ZONE_AIM
    return ZONE_AIM_OR_OTHER if topics.index("aim") < topics.index("other") else ZONE_OTHER_OR_AIM


def _zone_level(line: str, topics_of: dict[str, re.Pattern]) -> int | None:
    """The level of a line that heads a part of the plan though the outline does
    not take it for a heading: a part too long for one ("II. NHIỆM VỤ, GIẢI PHÁP
    CHỦ YẾU THỰC HIỆN CHƯƠNG TRÌNH MỤC TIÊU QUỐC GIA …" in capitals or after a
    Roman numeral), a decision's article ("Điều 2. Mục tiêu"), a line that
    opens with a topic after a marker the outline does not know ("1- Mục đích",
    "a) Mục tiêu chung") or goes on after its label ("1. Mục tiêu chung: Hỗ trợ
    nâng cao …", "2. Yêu cầu: Bảo đảm …"), and a topic alone on its line
    ("Mục đích:")."""
    level, words = _zone_marker(line)
    in_capitals = line.isupper() and len(line.split()) >= 3 and not line.endswith((".", ";", ","))
    if in_capitals or level == 1:
        return 1
    label = words.split(":")[0] if ":" in words else words
    if len(label.split()) > (8 if level else 4) or label.rstrip().endswith((".", ";")) \
            or _topics(label, topics_of)[:1] in ([], [None]):
        return None
    if level is None:
        return _UNMARKED_LEVEL if ":" not in words or not words.split(":", 1)[1].strip() else None
    return level


def is_table_row(line: str) -> bool:
    """A row of a table flattened onto one line, its cells apart by tabs ("STT\tChỉ tiêu\tĐơn vị"); a
    heading whose marker a layout set apart ("II.\tMỤC TIÊU") is none."""
    cells = [cell for cell in line.split("\t") if cell.strip()]
    return len(cells) >= 2 and not (len(cells) == 2 and _CELL_MARKER_RE.fullmatch(cells[0].strip()))


def _inside_part(line: str, zones: list[tuple[int, str | None, str]], topics_of: dict[str, re.Pattern],
                 boundary: re.Pattern, rules: RuleSet) -> bool:
    """Whether a line that looks like a heading stands inside the part of the plan above it: a table's row,
    or, where that part's heading has a marker ("II. MỤC TIÊU"), a line in capitals without one that names
    no part of a plan ("BẢNG CHỈ TIÊU CHỦ YẾU", a page's running title) nor of the document (a signature
    "KT. CHỦ TỊCH", an annex "PHỤ LỤC", a document's title "KẾ HOẠCH")."""
    if is_table_row(line):
        return True
    return bool(zones) and _zone_marker(zones[-1][2])[0] is not None and _zone_marker(line)[0] is None \
        and _zone(line, topics_of) is None and not boundary.match(line) \
        and not (rules.doc_types.regex and rules.doc_types.regex.match(fold_diacritics(line)))


def outline(text: str, rules: RuleSet) -> list[Paragraph]:
    kinds_of = {kind: rules.cue_regex(f"{kind}_headings") for kind in ("target", "objective", "report")}
    topics_of = {topic: rules.cue_regex(f"{topic}_topic_headings")
                 for topic in ("determiner", "name", "aim", "value", "other")}
    boundary = re.compile(rules.cue_regex("annex_headings").pattern + "|" + rules.cue_regex("document_boundaries").pattern,
                          re.IGNORECASE)
    stack: list[tuple[int, set[str]]] = []
    zones: list[tuple[int, str | None, str]] = []   # (level, zone, heading) of the headings above
    paragraphs = []
    pos = 0
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        stripped = line.strip("\f \t")
        if not stripped:
            continue
        level = _heading_level(stripped)
        if level is not None:
            told = _told(stripped, kinds_of)
            while stack and stack[-1][0] >= level:
                stack.pop()
            stack.append((level, told))
        zone_level = level if level is not None else _zone_level(stripped, topics_of)
        if zone_level is not None and paragraphs and zones and zones[-1][2] == paragraphs[-1].text.strip("\f \t") \
                and re.search(r"(?:,|\s+và|\s+VÀ)$", zones[-1][2]):
            zone_level, stripped = zones[-1][0], f"{zones[-1][2]} {stripped}"   # "I. MỤC ĐÍCH," / "YÊU CẦU"
        if zone_level is not None and _inside_part(stripped, zones, topics_of, boundary, rules):
            zone_level = None
        if zone_level is not None:
            while zones and zones[-1][0] >= zone_level:
                zones.pop()
            zones.append((zone_level, _zone(stripped, topics_of), stripped))
        kinds = next((k for _, k in reversed(stack) if k), set())
        zone, zone_heading = next(((z, h) for _, z, h in reversed(zones) if z), (None, None))
        paragraphs.append(Paragraph(line, start, end, level is not None, set(kinds), level, zone, zone_heading))
    return paragraphs


def clauses(text: str, start: int, end: int):
    """(start, end) of each clause of ``text[start:end]``: cut at ";", a full stop and a
    line end — not at the dot of a list number ("3. Đề nghị …")."""
    pos = start
    for m in _CLAUSE_END_RE.finditer(text, start, end):
        if m.group(0) == "." and _LIST_NUMBER_RE.fullmatch(text, pos, m.start()):
            continue
        yield pos, m.start()
        pos = m.end()
    if pos < end:
        yield pos, end
