"""Objectives (SPEC §3 "objectives"): what a plan aims at.

Two shapes: the items under a "Mục tiêu" heading (one per a), b), c), bullet
or paragraph, without its marker), and sentences that state an aim wherever
they stand — "Mục tiêu của Kế hoạch nhằm …", "Nhằm …" at the start of a
sentence — with the sentences right after that go on with an aim verb ("Đẩy
mạnh …", "Tăng cường …"). Paragraphs that carry targets are not objectives.
Cue lists are in ``rules/sections.yaml``.
"""
from __future__ import annotations

import re

from ..model import Objective, Target
from ..normalize import NormalizedText
from ..ruleset import RuleSet
from .sections import ITEM_MARKER_RE, Paragraph



def _sentences(text: str, offset: int):
    """(start, end) of each sentence of a paragraph: a full stop followed by a capital."""
    pos = 0
    for m in re.finditer(r"[.!?](?=\s+[A-ZĐÀÁẢÃẠĂÂÈÉẺẼẸÊÌÍỈĨỊÒÓỎÕỌÔƠÙÚỦŨỤƯỲÝỶỸỴ\"“(])", text):
        yield offset + pos, offset + m.end()
        pos = m.end() + len(text[m.end():]) - len(text[m.end():].lstrip())
    if pos < len(text):
        yield offset + pos, offset + len(text.rstrip())


def extract_objectives(text: NormalizedText, rules: RuleSet, targets: list[Target],
                       paragraphs: list[Paragraph]) -> list[Objective]:
    body = text.text
    target_starts = [t.span.start for t in targets]
    openers = re.compile(r"^(?:" + rules.cue_regex("objective_openers").pattern + ")", re.IGNORECASE)
    verbs = re.compile(r"^(?:" + rules.cue_regex("objective_verbs").pattern + ")")
    objectives: list[Objective] = []

    def add(start: int, end: int) -> None:
        piece = body[start:end]
        start += ITEM_MARKER_RE.match(piece).end()
        end = start + len(body[start:end].rstrip())
        if end - start >= 20 and not any(o.span.start <= start < o.span.end for o in objectives):
            objectives.append(Objective(text=body[start:end], span=text.span(start, end)))

    for paragraph in paragraphs:
        if paragraph.is_heading or "report" in paragraph.kinds:
            continue
        carries_targets = any(paragraph.start <= s < paragraph.end for s in target_starts)
        if "objective" in paragraph.kinds and not carries_targets:
            add(paragraph.start, paragraph.end)
            continue
        stated = False
        for start, end in _sentences(paragraph.text, paragraph.start):
            sentence = body[start:end].lstrip("\f ")
            if openers.match(sentence) or (stated and verbs.match(sentence)):
                if any(start <= s < end for s in target_starts):
                    break
                add(start, end)
                stated = True
            elif stated:
                break
    return sorted(objectives, key=lambda o: o.span.start)
