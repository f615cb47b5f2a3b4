"""The outline of a plan: which heading each paragraph sits under.

Headings are short lines that open with an outline marker ("I.", "2.",
"2.1.") or are written in capitals. What a heading says decides what the text
under it is for (``rules/sections.yaml``): targets under "Chỉ tiêu",
objectives under "Mục tiêu", reported results under "Kết quả".
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..ruleset import RuleSet

# a list item's marker ("a) ", "b. ", "c/. ", "- ", "+ ", "1.2. ") and the space before it
ITEM_MARKER_RE = re.compile(r"^[\f\s]*(?:(?:[a-zđ]/?[).]|[-+•*·]|\d{1,2}(?:\.\d{1,2})*[.)])\s+)?")
_CLAUSE_END_RE = re.compile(r";|\.(?=\s|$)|\n")
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


def _heading_level(line: str) -> int | None:
    """1 for "I. …" or a line in capitals, 2 for "1. …", 3 for "1.2. …"; None for
    a line that is not a heading (too long, a sentence, a lettered item)."""
    if len(line) > _HEADING_MAX or line.endswith((".", ";", ",")) and not _MARKER_RE.fullmatch(line + " "):
        return None
    m = _MARKER_RE.match(line)
    if m:
        marker = m.group("marker").rstrip(".)")
        if re.fullmatch(r"[IVXLC]+", marker):
            return 1
        return 2 + marker.count(".")
    letters = [c for c in line if c.isalpha()]
    if len(letters) >= 4 and all(c.isupper() for c in letters):
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


def outline(text: str, rules: RuleSet) -> list[Paragraph]:
    kinds_of = {kind: rules.cue_regex(f"{kind}_headings") for kind in ("target", "objective", "report")}
    stack: list[tuple[int, set[str]]] = []
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
        kinds = next((k for _, k in reversed(stack) if k), set())
        paragraphs.append(Paragraph(line, start, end, level is not None, set(kinds)))
    return paragraphs


def clauses(text: str, start: int, end: int):
    """(start, end) of each clause of ``text[start:end]``: cut at ";", a full stop and a
    line end — not at the dot of a list number ("3. Đề nghị …")."""
    pos = start
    for m in _CLAUSE_END_RE.finditer(text, start, end):
        if m.group(0) == "." and re.fullmatch(r"[\f\s]*\d{1,2}(?:\.\d{1,2})*", text[pos:m.start()]):
            continue
        yield pos, m.start()
        pos = m.end()
    if pos < end:
        yield pos, end
