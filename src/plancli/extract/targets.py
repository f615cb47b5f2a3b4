"""Numeric targets (SPEC §3 "targets"): what a plan commits to, one per value.

For each percentage (and each count that a comparator cue introduces) in a
sentence that commits — under a target heading, or in a paragraph that says
"phấn đấu", "chỉ tiêu", "mục tiêu" — the target gets:

* ``comparator`` from the cue right before the number ("ít nhất 50%" → >=,
  "trên 85%" → >, "tăng từ 2%" → increase) or "trở lên" after it;
* ``subject``: the words after the value up to the predicate — the first
  "được" when there is one ("100% các trường hợp đã tiếp nhận | được tiến
  hành …"), else the first verb-like word ("30% số xã thuộc địa bàn trọng
  điểm | có mô hình …");
* ``baseline_year`` ("so với năm 2018"), ``deadline_year`` ("đến năm 2030",
  else the plan's own year or period end), and ``indicator`` from the catalog.

Numbers in reported results (a "Kết quả" section, "đã đạt 100%"), inside
citations, dates, years, periods and counts of documents or projects are not
targets. Cue lists and patterns are in ``rules/targets.yaml``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Citation, DocumentInfo, Target
from ..normalize import NormalizedText
from ..ruleset import RuleSet
from .indicators import match_indicator
from .sections import ITEM_MARKER_RE, Paragraph, clauses

_COMPARATOR_CUES = (("cmp_increase", "increase"), ("cmp_decrease", "decrease"), ("cmp_ge", ">="),
                    ("cmp_le", "<="), ("cmp_gt", ">"), ("cmp_lt", "<"), ("cmp_eq", "="))


@dataclass
class _Value:
    start: int          # where the value (or its cue) starts
    value_start: int
    end: int            # end of the number and unit
    value: float
    value_max: float | None
    unit: str
    comparator: str


def parse_number(text: str) -> float:
    """``"02"`` → 2, ``"2,5"`` → 2.5, ``"1.000"`` → 1000, ``"0.5"`` → 0.5."""
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", text):
        return float(text.replace(".", ""))
    return float(text.replace(",", "."))


def _ends_with_cue(prefix: str, rules: RuleSet, cue: str) -> re.Match | None:
    return re.search(rules.cue_regex(cue).pattern + r"\s*$", prefix, re.IGNORECASE)


def _comparator(body: str, clause_start: int, value_start: int, value_end: int, rules: RuleSet) -> tuple[str, int]:
    """The comparator the words right before the value give, and where the cue starts."""
    prefix = body[max(clause_start, value_start - 40):value_start]
    base = value_start - len(prefix)
    for cue, comparator in _COMPARATOR_CUES:
        m = _ends_with_cue(prefix, rules, cue)
        if m:
            return comparator, base + m.start()
    if rules.cue_regex("cmp_ge_after").match(body[value_end:value_end + 12].lstrip()):
        return ">=", value_start
    return "=", value_start


def _count_unit(body: str, pos: int, rules: RuleSet) -> str | None:
    """The counted noun after a number ("02 lớp tập huấn cho …" → "lớp tập huấn"),
    or None when it is a period, a document or a project ("06 tháng", "05 Đề án")."""
    words = re.findall(r"[^\W\d_]+", body[pos:pos + 60])[:3]
    if not words or rules.cue_regex("not_counted").match(" ".join(words)):
        return None
    stops = rules.cue_regex("passive").pattern + "|" + rules.cue_regex("predicates").pattern
    unit = []
    for word in words:
        if re.fullmatch(stops, word, re.IGNORECASE) or rules.cue_regex("unit_stops").fullmatch(word):
            break
        unit.append(word)
    return " ".join(unit) or None


def _values(body: str, start: int, end: int, rules: RuleSet, excluded: list[tuple[int, int]]) -> list[_Value]:
    found: list[_Value] = []
    for m in rules.pattern("percent").finditer(body, start, end):
        if any(a <= m.start() < b for a, b in excluded):
            continue
        comparator, cue_start = _comparator(body, start, m.start(), m.end(), rules)
        found.append(_Value(cue_start, m.start(), m.end(), parse_number(m.group("value")),
                            parse_number(m.group("value_max")) if m.group("value_max") else None, "%", comparator))
    taken = [(v.value_start, v.end) for v in found]
    for m in rules.pattern("count").finditer(body, start, end):
        if any(a <= m.start() < b for a, b in excluded + taken) or re.fullmatch(r"(?:19|20)\d\d", m.group("value")):
            continue
        comparator, cue_start = _comparator(body, start, m.start(), m.end(), rules)
        if cue_start == m.start() or comparator in ("increase", "decrease") and "%" in body[m.end():m.end() + 3]:
            continue  # a count is a target only when a cue introduces it: "ít nhất 02 lớp"
        unit = _count_unit(body, m.end(), rules)
        if unit:
            found.append(_Value(cue_start, m.start(), m.end() + len(unit), parse_number(m.group("value")),
                                parse_number(m.group("value_max")) if m.group("value_max") else None, unit, comparator))
    return sorted(found, key=lambda v: v.start)


def _subject(segment: str, rules: RuleSet) -> tuple[str, str]:
    """The subject at the start of ``segment`` and the word that ends it."""
    # "nạn nhân bị mua bán được tiếp nhận": "được" is the predicate, "bị mua bán" part of the subject
    passive = list(rules.cue_regex("passive").finditer(segment))
    cut = next((m for m in passive if m.group(0).casefold() in ("được", "duoc")), passive[0] if passive else None) \
        or rules.cue_regex("predicates").search(segment)
    subject = segment[:cut.start()] if cut else segment
    predicate = cut.group(0) if cut else ""
    trailing = re.compile(r"(?:\s+(?:" + rules.cue_regex("subject_trailing").pattern + r"))+\s*$", re.IGNORECASE)
    return trailing.sub("", subject).strip(" ,:-\t\f"), predicate


def _subject_before(text: str, rules: RuleSet) -> str:
    """The subject written before the value: "Tỷ lệ hộ nghèo theo chuẩn nghèo
    đa chiều giảm …" → "Tỷ lệ hộ nghèo theo chuẩn nghèo đa chiều"."""
    text = text.rsplit(":", 1)[-1]  # after a lead-in: "Chỉ tiêu năm 2022: tỷ lệ …"
    text = ITEM_MARKER_RE.sub("", text.strip(" ,;:\t\f"))
    text = re.sub(r"^(?:(?:" + rules.cue_regex("subject_openers").pattern + r")\s*,?\s*)+", "", text, flags=re.IGNORECASE)
    trailing = re.compile(r"(?:\s+(?:" + rules.cue_regex("verbs_before_value").pattern + r"))+\s*$", re.IGNORECASE)
    return trailing.sub("", text).strip(" ,:-\t\f")



def extract_targets(text: NormalizedText, rules: RuleSet, document: DocumentInfo,
                    citations: list[Citation], paragraphs: list[Paragraph]) -> list[Target]:
    body = text.text
    excluded = [(c.span.start, c.span.end) for c in citations]
    excluded += [(m.start(), m.end()) for m in re.finditer(r"\([^()\n]{0,200}\)", body)
                 if re.search(r"\d+/\d", m.group(0))]
    commitment = rules.cue_regex("commitment")
    past = rules.cue_regex("past")
    default_deadline = document.period[1] if document.period else document.year
    targets: list[Target] = []
    for paragraph in paragraphs:
        if paragraph.is_heading or "report" in paragraph.kinds:
            continue
        in_target_section = bool(paragraph.kinds & {"target", "objective"})
        if not in_target_section and not commitment.search(paragraph.text):
            continue
        for clause_start, clause_end in clauses(body, paragraph.start, paragraph.end):
            values = _values(body, clause_start, clause_end, rules, excluded)
            for i, v in enumerate(values):
                segment_end = values[i + 1].start if i + 1 < len(values) else clause_end
                before = body[max(clause_start, v.start - 12):v.start]
                if _ends_with_cue(before, rules, "past"):
                    continue  # "đã đạt 100%": a result
                after = body[v.end:segment_end]
                after = re.sub(r"^\s*(?:" + rules.cue_regex("cmp_ge_after").pattern + ")", "", after, flags=re.IGNORECASE)
                subject, predicate = _subject(after, rules)
                if predicate and past.fullmatch(predicate):
                    continue  # "100% địa phương đã quan tâm": a result
                if not subject or rules.cue_regex("not_subjects").match(subject) or subject.startswith("/"):
                    # the subject came first: "tỷ lệ người dân … đạt 75%", "dưới 20% vào năm 2025"
                    # … but a count's subject is what it counts ("ít nhất 02 lớp tập huấn mỗi năm")
                    previous_end = values[i - 1].end if i else clause_start
                    subject = v.unit if v.unit != "%" else _subject_before(body[previous_end:v.start], rules)
                if not subject:
                    continue
                clause_text = body[v.start:segment_end].strip(" ,;:\t\f")
                whole_clause = body[clause_start:clause_end]
                baseline = rules.pattern("baseline").search(whole_clause)
                deadline = rules.pattern("deadline").search(whole_clause)
                targets.append(Target(
                    text=clause_text, value=v.value, value_max=v.value_max, unit=v.unit,
                    comparator=v.comparator, subject=subject,
                    indicator=match_indicator(f"{subject} {clause_text}", rules),
                    baseline_year=int(baseline.group("year")) if baseline else None,
                    deadline_year=int(deadline.group("year")) if deadline else default_deadline,
                    span=text.span(v.start, v.start + len(clause_text)),
                ))
    return targets
