"""Objectives (SPEC §3 "objectives"): what a plan aims at.

Two shapes:

* the items of an aim zone (``Paragraph.zone``, read in ``sections.py``):
  under "II. MỤC TIÊU", "1. Mục đích", "3.2. Mục tiêu cụ thể" — one per list
  item (a), -, +, 1.1.) or, for text without a marker (and for the text after a
  run-in label: "1. Mục tiêu chung: …", "c) Về dữ liệu: …"), per sentence.
  Under a heading that pairs the aims with another part of the plan and is not
  split by sub-headings ("I. MỤC ĐÍCH, YÊU CẦU" followed by its items), an item
  that reads as a requirement ("Bám sát …", "… phải bảo đảm …") is left out,
  and, as the aims come first there, so is every item after it. Lead-ins ("…
  phấn đấu đạt được những mục tiêu sau:"), sub-topic labels ("a) Đối với trẻ
  em"), a table's cells and items that carry a target (a percentage, a value
  the targets extractor took, a counted value: "nhóm: 70 nước dẫn đầu") are not
  objectives.
* sentences that state an aim wherever they stand: "Mục tiêu của Kế hoạch nhằm
  …", "Nhằm …", "Phấn đấu …" without a value — with the sentences right after
  that go on with an aim verb ("Đẩy mạnh …", "Tăng cường …") — and, before the
  body of the plan, the purpose clause of "Để nâng cao …, Chủ tịch Ủy ban nhân
  dân tỉnh yêu cầu:".

A line that a page layout broke ("d) Phối hợp chặt chẽ với Bộ" / "Công an, …")
is joined to its item, across a gazette page header ("CÔNG BÁO/Số 286/Ngày …");
a label a layout ran into its text ("c) Về phát triển Chính phủ số … Cung cấp
hạ tầng …") is left out. Cue lists and patterns are in ``rules/sections.yaml``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Objective, Target
from ..normalize import NormalizedText, fold_diacritics
from ..ruleset import RuleSet
from .sections import ITEM_MARKER_RE, ZONE_AIM, ZONE_AIM_OR_OTHER, ZONE_OTHER_OR_AIM, Paragraph, is_table_row

_SENTENCE_END_RE = re.compile(r"[.!?](?=\s+[\"“(]?(?P<first>\w))")
# a number that is not a year, a date or part of a document's number: "05 mô hình", "1,5 lần"
_VALUE_RE = re.compile(r"(?<![\w/.,-])(?!(?:19|20)\d\d(?!\d|[/.,]\d))\d+(?:[.,]\d+)*(?![\d/-])")
_NEXT_WORD_RE = re.compile(r"[ \t]+(?P<word>[^\W\d_]+)")
_LABEL_WORDS = 20   # a sub-topic label is at most this long
_NUMBERED_RE = re.compile(r"[\f\s]*(?:[IVXLC]+|\d{1,2}(?:\.\d{1,2})*)[.)]\s")  # where a body's outline starts


@dataclass
class _Item:
    """A list item or paragraph with the lines a page layout broke off it."""

    start: int          # after the list marker
    end: int
    first: Paragraph
    marked: bool        # opens with a list marker


def _open_end(body: str, start: int, end: int) -> bool:
    """Whether ``body[start:end]`` stops in the middle of a sentence: its last character is no ".", ";",
    ":", "!" or "?" (what the regex ``[^.;:!?]\\s*$`` tells, without scanning the whole item)."""
    return end > start and body[end - 1] not in ".;:!?"


def _titles(paragraph: Paragraph) -> bool:
    """A heading, or a line that only names the topic of the lines below it ("a)
    Mục tiêu tổng quát", "Mục đích:") though the outline does not take it for one."""
    line = paragraph.text.strip("\f \t")
    return paragraph.is_heading or paragraph.zone_heading == line and not line.split(":", 1)[-1].strip() \
        if ":" in line else paragraph.is_heading or paragraph.zone_heading == line


def _sentences(body: str, start: int, end: int):
    """(start, end) of each sentence of ``body[start:end]``: a full stop followed by a capital."""
    pos = start
    for m in _SENTENCE_END_RE.finditer(body, start, end):
        if not m.group("first").isupper():
            continue
        yield pos, m.end()
        pos = m.end() + len(body[m.end():end]) - len(body[m.end():end].lstrip())
    if pos < end:
        yield pos, pos + len(body[pos:end].rstrip())


def _items(body: str, paragraphs: list[Paragraph], page_header: re.Pattern, is_label) -> list[_Item]:
    """The items of the text; a line goes on from the one before when that one stops
    mid-sentence, unless it is a heading or a sub-topic label ("a) Về dữ liệu")."""
    items: list[_Item] = []
    after_page_header = False   # a page's running header between two halves of an item parts nothing
    for paragraph in paragraphs:
        start = paragraph.start
        header = page_header.match(body, start + len(paragraph.text) - len(paragraph.text.lstrip("\f \t")))
        if header:
            start = header.end()
            if not body[start:paragraph.end].strip():
                after_page_header = True
                continue
        header = header or after_page_header
        after_page_header = False
        marker_end = start + ITEM_MARKER_RE.match(body[start:paragraph.end]).end()
        previous = items[-1] if items else None
        goes_on = (previous is not None and not _titles(paragraph) and not _titles(previous.first)
                   and marker_end == start and _open_end(body, previous.start, previous.end)
                   and not is_label(body[previous.start:previous.end].strip())
                   and (header or "\n\n" not in body[previous.end:paragraph.start] or body[start:start + 1].islower()))
        if goes_on:
            previous.end = paragraph.end
        else:
            items.append(_Item(marker_end, paragraph.end, paragraph, marker_end > start))
    return items


def extract_objectives(text: NormalizedText, rules: RuleSet, targets: list[Target],
                       paragraphs: list[Paragraph]) -> list[Objective]:
    body = text.text
    target_starts = [t.span.start for t in targets]
    aim_nouns, plan_nouns = rules.cue_regex("aim_topic_headings").pattern, rules.cue_regex("plan_nouns").pattern
    # "Mục tiêu nhằm …", "Mục tiêu của Kế hoạch nhằm …", "Mục đích của Kế hoạch, nhằm …"
    aim_statement = re.compile(rf"(?:{aim_nouns})(?:\s+(?:của|cua)\s+(?:{plan_nouns})(?:\s+(?:này|nay))?)?\s*,?\s+"
                               rf"(?:{rules.cue_regex('aim_statement_verbs').pattern})", re.IGNORECASE)
    openers = rules.cue_regex("objective_openers")
    verbs = re.compile(r"(?:" + rules.cue_regex("objective_verbs").pattern + ")")
    labels = re.compile(r"(?:" + rules.cue_regex("subtopic_labels").pattern + ")")
    names = re.compile(rules.cue_regex("capitalised_names").pattern + "|" + rules.cue_regex("body_heads").pattern)
    place_units = rules.cue_regex("body_units")
    requirement_openers = re.compile(r"(?:" + rules.cue_regex("requirement_openers").pattern + ")")
    requirement_words = rules.cue_regex("requirement_words")
    table_header = re.compile(rules.cue_regex("table_header_cells").pattern, re.IGNORECASE)
    not_counted, unit_stops = rules.cue_regex("not_counted"), rules.cue_regex("unit_stops")
    ordinals, attribute_units = rules.cue_regex("ordinal_words"), rules.cue_regex("attribute_units")
    without_value = rules.cue_regex("aims_without_value")
    purpose = re.compile(r"(?:" + rules.cue_regex("purpose_openers").pattern + ")")
    purpose_verbs, purpose_past = rules.cue_regex("purpose_main_verbs"), rules.cue_regex("purpose_past_markers")
    topic_label = re.compile(r"(?:" + rules.cue_regex("aim_topic_headings").pattern + r")[^:\n]{0,40}:\s*",
                             re.IGNORECASE)
    topic_heading = re.compile("|".join(rules.cue_regex(f"{topic}_topic_headings").pattern
                                        for topic in ("aim", "value", "other")), re.IGNORECASE)
    percent = rules.pattern("percent")
    folded = ""   # the text without diacritics, for the gazetteers: made when first needed
    objectives: list[Objective] = []

    def counts(start: int, end: int) -> bool:
        """A number that counts something sets a target: one that opens its clause ("Việt Nam thuộc nhóm: 70
        nước dẫn đầu"), or any in a sentence that strives for it ("Phấn đấu mỗi năm phát triển từ 05 bộ dữ liệu
        mở"). A year, a date, a document's number, a period ("06 tháng"), an ordinal ("lần thứ 4"), a name's
        number ("Tier 3") or an attribute ("chính quyền địa phương 02 cấp") counts nothing."""
        striving = without_value.search(body, start, end) is not None
        for m in _VALUE_RE.finditer(body, start, end):
            unit = _NEXT_WORD_RE.match(body, m.end(), end)
            if not unit or not unit.group("word")[0].islower() or any(
                    cue.match(body, unit.start("word")) for cue in (not_counted, unit_stops, attribute_units)):
                continue
            before = body[max(start, m.start() - 20):m.start()].split()
            if before and (before[-1][:1].isupper() or ordinals.fullmatch(before[-1])):
                continue
            if striving or not before or before[-1][-1] in ":;,(-":
                return True
        return False

    def carries_value(start: int, end: int) -> bool:
        return any(start <= s < end for s in target_starts) or bool(percent.search(body, start, end)) \
            or counts(start, end)

    def add(start: int, end: int, why: list[dict]) -> None:
        start += len(body[start:end]) - len(body[start:end].lstrip(" \t\f\n-+•"))
        end = start + len(body[start:end].rstrip(" \t\f\n;,"))
        words = [w for w in body[start:end].split() if any(c.isalpha() for c in w)]
        if len(words) >= 4 and not any(o.span.start <= start < o.span.end for o in objectives):
            objectives.append(Objective(text=body[start:end], span=text.span(start, end), why=why))

    def is_label(piece: str) -> bool:
        return bool(labels.match(piece)) and len(piece.split()) <= _LABEL_WORDS and not re.search(r"[.:;]", piece)

    def folded_body() -> str:
        nonlocal folded
        folded = folded or fold_diacritics(body)
        return folded

    def label_end(start: int, end: int) -> int | None:
        """Where the text of an item that opens with a sub-topic label starts: after the label's colon ("d)
        Đối với cha mẹ trẻ em: Phấn đấu …"), or, where a layout ran the label into its text ("c) Về phát triển
        Chính phủ số và cải cách, cắt giảm thủ tục hành chính Cung cấp hạ tầng …"), at the first capitalised
        word after a lowercase one that opens no name ("Chính phủ", a body's head, a document type, a province,
        a place after its unit: "Đối với xã Biên Giới")."""
        if not labels.match(body, start, end):
            return None
        words = list(re.finditer(r"\S+", body[start:end]))[:_LABEL_WORDS + 1]
        for previous, word in zip(words, words[1:]):
            if previous.group(0).endswith(":"):
                return start + word.start()
            at = start + word.start()
            if word.group(0)[:1].isupper() and previous.group(0)[:1].islower() and not previous.group(0)[-1:] in ".;" \
                    and not names.match(body, at) and not place_units.fullmatch(previous.group(0)) \
                    and not any(gazetteer.regex and gazetteer.regex.match(folded_body(), at)
                                for gazetteer in (rules.doc_types, rules.provinces)):
                return at
        return None

    def requirement(piece: str) -> bool:
        return bool(requirement_openers.match(piece) or requirement_words.search(piece))

    requirements_under: set[str] = set()   # the headings of mixed zones whose requirements have begun

    def aim_item(item: _Item) -> None:
        paragraph = item.first
        start, end, marked = item.start, item.end, item.marked
        label = topic_label.match(body, start, end)
        if label:       # "1. Mục tiêu chung: Hỗ trợ …" states its aim after the label, in sentences
            start, marked = label.end(), False
        elif _titles(paragraph) and (paragraph.start not in childless or topic_heading.match(body, start, end)
                                     or paragraph.zone_heading == paragraph.text.strip("\f \t")):
            return      # the title of the items below it: "2. Phát triển xã hội số đến năm 2030", "3.1. Mục tiêu"
        piece = body[start:end].strip()
        if piece.endswith(":") or is_label(piece) or piece.startswith("(") and piece.endswith(")"):
            return  # a lead-in ("… những mục tiêu sau:"), a sub-topic label ("a) Đối với trẻ em"), a note
        why = [rules.why("cues.aim_topic_headings", "an item under an aim heading", matched=paragraph.zone_heading)]
        text_start = label_end(start, end)
        if text_start is not None:
            why.append(rules.why("cues.subtopic_labels", "the sub-topic label before the aim is left out",
                                 matched=body[start:text_start].strip()))
            start, marked = text_start, False
            piece = body[start:end].strip()
        if paragraph.zone in (ZONE_AIM_OR_OTHER, ZONE_OTHER_OR_AIM):
            if requirement(piece) or paragraph.zone_heading in requirements_under:
                if paragraph.zone == ZONE_AIM_OR_OTHER:
                    requirements_under.add(paragraph.zone_heading)   # the aims come first: what follows a requirement is one too
                return  # "Bám sát …", "… phải bảo đảm …": how the work is done, not what it aims at
            why.append(rules.why("cues.requirement_openers", "the heading pairs the aims with another part and "
                                 "no sub-heading splits them: the item is not worded as a requirement, nor after one"))
        if marked and not carries_value(start, end):
            add(start, end, why)
            return
        for s_start, s_end in _sentences(body, start, end):   # one per sentence, those with a value left out
            if not carries_value(s_start, s_end):
                add(s_start, s_end, why)

    def purpose_clause(start: int, end: int) -> tuple[int, str] | None:
        """Where the aim of "Để nâng cao …, Chủ tịch Ủy ban nhân dân tỉnh yêu cầu:" ends (its
        comma), and the verb of the main clause."""
        for comma in re.finditer(r",\s+", body[start:end]):
            main = body[start + comma.end():end]
            if not main[:1].isupper():
                continue   # the main clause opens with its subject's name: "Ủy ban nhân dân tỉnh", "Chủ tịch …"
            verb = purpose_verbs.search(main, 0, 120)
            if verb and not purpose_past.search(main, 0, verb.start()) and "," not in main[:verb.start()]:
                return start + comma.start(), verb.group(0)
        return None

    # a short numbered line with nothing under it is an item, not a heading: "1. Nâng cao nhận thức của người dân"
    childless = {p.start for p, after in zip(paragraphs, paragraphs[1:] + [None])
                 if p.is_heading and (after is None or after.is_heading and after.level <= p.level)}
    in_preamble, in_table = True, False
    for item in _items(body, paragraphs, rules.pattern("page_header"), is_label):
        paragraph = item.first
        in_preamble = in_preamble and not _NUMBERED_RE.match(paragraph.text)  # "Kính gửi: - Sở …" is still before it
        # the cells of a table ("STT" / "Tên nhiệm vụ" / "Cơ quan chủ trì" …), up to the next part of the text
        in_table = table_header.fullmatch(paragraph.text.strip()) is not None or in_table and not (
            paragraph.is_heading and paragraph.level <= 2)
        if in_table or is_table_row(paragraph.text):
            continue    # a table's cells, one per line or a row on one
        if paragraph.zone in (ZONE_AIM, ZONE_AIM_OR_OTHER, ZONE_OTHER_OR_AIM):
            aim_item(item)
            continue
        if paragraph.is_heading or "report" in paragraph.kinds:
            continue
        stated = False
        for start, end in _sentences(body, item.start, item.end):
            sentence = body[start:end]
            opener = aim_statement.match(sentence) or openers.match(sentence)
            if opener or (stated and verbs.match(sentence)):
                if carries_value(start, end):
                    break   # "Phấn đấu xây dựng 05 mô hình": a target
                cue = ("aim_statement_verbs" if opener.re is aim_statement else "objective_openers") if opener \
                    else "objective_verbs"
                add(start, end, [rules.why(f"cues.{cue}", "a sentence stating an aim" if opener else
                                           "goes on from an aim sentence with an aim verb",
                                           matched=(opener or verbs.match(sentence)).group(0))])
                stated = True
            elif stated:
                break
            elif in_preamble and purpose.match(sentence):
                clause = purpose_clause(start, end)
                if clause is not None:
                    add(start, clause[0], [rules.why("cues.purpose_openers", "the purpose clause of the issuer's "
                                                     "instruction before the body", matched=purpose.match(sentence).group(0)),
                                           rules.why("cues.purpose_main_verbs", "the main clause instructs",
                                                     matched=clause[1])])
    return sorted(objectives, key=lambda o: o.span.start)
