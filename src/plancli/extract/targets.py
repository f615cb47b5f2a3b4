"""Numeric targets (SPEC §3 "targets"): what a plan commits to, one per value.

A value is a target where the plan commits to it: under a target heading
("Chỉ tiêu", "Mục tiêu cụ thể", an annex table's "Chỉ tiêu" column), in a
paragraph that says "phấn đấu", "chỉ tiêu", "mục tiêu" (and the next line
when its sentence goes on past ";"), or after a minimum ("tối thiểu 03 mẫu
nhà"). Numbers in reported results (a "Kết quả" section, "đã đạt 100%"),
inside citations and parentheses, dates, years, periods and counts of
documents or projects are not targets. Each target gets:

* ``unit``: "%" (a rate per year too: "7%/năm" → "%"), a unit of measure —
  a magnitude and/or a unit symbol, a closed class in the rules ("500 triệu
  USD", "1,2 triệu tấn mỗi năm" → "triệu tấn", "6,5 tấn/ha", "tăng 1,5 lần"
  after a change) — which needs no cue, or the counted noun after a cue
  ("ít nhất 04 | lớp tập huấn");
* ``comparator`` from the cue right before the number ("ít nhất 50%" → >=,
  "trên 85%" → >, "xuống dưới 24%" → <, "tăng thêm ít nhất 10%" → increase;
  rate words and "khoảng" between: "giảm bình quân 1,5%/năm" → decrease)
  or "trở lên" after it;
* ``subject``, what the value measures, by the grammar of the sentence:

  - a quantity's is written before it ("Kim ngạch xuất khẩu đạt 500 triệu
    USD", trailing "bình quân" dropped) unless a noun follows its unit
    ("1.500 km | đường giao thông nông thôn"); a quantity that runs into the
    next value's verb is part of its subject ("trên 1 ha đất … đạt 150 triệu
    đồng"); a "label: amount" line outside a target section is no target;
  - written before the value, "tỷ lệ X đạt/trên/dưới N%", "giảm tỷ lệ X
    xuống dưới N%", "X chiếm N% Y" → "X … Y" when a short noun follows the
    value ("Tỷ lệ phủ sóng 5G trên địa bàn đạt 100% dân số");
  - written after it, "N% X được …": X up to its predicate — "được",
    "phải", "đạt", a verb — while a relative "có …", "đã …", "là …" that
    another predicate follows stays in X ("70% xã, phường có người nghiện ma
    túy | bố trí điểm …"); a subject that runs past ";" without a predicate
    goes on in the next clause; "khi …", a year end it;
  - after "tăng N% X" / "giảm N% X" the whole noun phrase: the verb came first;
  - where no cue word ends it, underthesea's POS tags find the verb (not in
    text typed without diacritics, where its tags are guesses);

* ``baseline_year`` ("so với năm 2018"), ``deadline_year`` ("đến năm 2030" in
  the clause, earlier in its sentence or in a lead-in "Đến năm 2030:" above
  it; else the plan's own year or period end), and ``indicator`` from the
  catalog.

A Phụ lục that repeats a target of the body does not add it again. Cue lists
and patterns are in ``rules/targets.yaml``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..model import Citation, DocumentInfo, Target
from ..normalize import NormalizedText, fold_diacritics
from ..ruleset import RuleSet, once_per_rules
from .indicators import match_indicator
from .sections import ITEM_MARKER_RE, Paragraph, clauses

_COMPARATOR_CUES = (("cmp_increase", "increase"), ("cmp_decrease", "decrease"), ("cmp_ge", ">="),
                    ("cmp_le", "<="), ("cmp_gt", ">"), ("cmp_lt", "<"), ("cmp_eq", "="), ("cmp_from", ">="))
_POS_MIN_WORDS = 5
_DIGIT_RE = re.compile(r"\d")


@dataclass
class _Value:
    start: int          # where the value (or its cue) starts
    value_start: int
    end: int            # end of the number and unit
    value: float
    value_max: float | None
    unit: str
    comparator: str
    cue: str = ""
    why: list[dict] = field(default_factory=list)
    measure: bool = False   # a quantity in a unit of measure ("500 triệu USD"), not a count of things


def parse_number(text: str) -> float:
    """``"02"`` → 2, ``"2,5"`` → 2.5, ``"1.000"`` → 1000, ``"0.5"`` → 0.5."""
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", text):
        return float(text.replace(".", ""))
    return float(text.replace(",", "."))


@once_per_rules
def _pattern(rules: RuleSet, name: str) -> re.Pattern:
    """Pattern ``name`` of the rules, its words matched in any case ("Đến năm
    2025" opens a sentence) and also as typed without diacritics ("tu 5 den 17
    tuoi", "den nam 2030"), as cue words are."""
    source = rules.pattern(name)
    return re.compile(_blind(source.pattern), source.flags | re.IGNORECASE)


def _blind(pattern: str) -> str:
    """``pattern`` with each marked letter also matching its bare form: "năm" → "n[ăa]m"."""
    return "".join(f"[{c}{fold_diacritics(c)}]" if fold_diacritics(c) != c else c for c in pattern)


def _ends_with_cue(prefix: str, rules: RuleSet, cue: str) -> re.Match | None:
    return _tail_regex(rules, cue).search(prefix)


@once_per_rules
def _tail_regex(rules: RuleSet, cue: str) -> re.Pattern:
    return re.compile(rules.cue_regex(cue).pattern + r"\s*$", re.IGNORECASE)


def _comparator(body: str, clause_start: int, value_start: int, value_end: int,
                rules: RuleSet) -> tuple[str, int, str, str]:
    """The comparator the words right before the value give, where the cue
    starts, the cue's words and the rule that gave it. A bound after "tăng"
    or "giảm" is a change: "tăng thêm ít nhất 10%" → increase."""
    prefix = body[max(clause_start, value_start - 50):value_start]
    base = value_start - len(prefix)
    skipped = _between_regex(rules).search(prefix)
    if skipped:  # "giảm bình quân 1,5%/năm", "đạt khoảng 15%": the cue stands before the rate word
        prefix = prefix[:skipped.start()]
    found = None
    for cue, comparator in _COMPARATOR_CUES:
        m = _ends_with_cue(prefix, rules, cue)
        if m:
            start = m.start()
            if comparator in (">=", ">"):
                for change_cue, change in _COMPARATOR_CUES[:2]:
                    verb = _ends_with_cue(prefix[:start], rules, change_cue)
                    if verb:
                        return change, base + verb.start(), prefix[verb.start():].strip(), f"cues.{change_cue}"
            if comparator != "=":
                return comparator, base + start, m.group(0).strip(), f"cues.{cue}"
            found = (comparator, base + start, m.group(0).strip(), f"cues.{cue}")
            break
    after = rules.cue_regex("cmp_ge_after").match(body[value_end:value_end + 12].lstrip())
    if after:  # "từ 70% trở lên", "phấn đấu đạt 80% trở lên"
        return ">=", value_start if not found else found[1], after.group(0), "cues.cmp_ge_after"
    return found or ("=", value_start, "", "")


@once_per_rules
def _between_regex(rules: RuleSet) -> re.Pattern:
    """Rate words and approximators right before a value ("giảm bình quân | 1,5%/năm", "đạt khoảng | 15%")."""
    words = rules.cue_regex("rate_words").pattern + "|" + rules.cue_regex("approximators").pattern
    return re.compile(r"(?:(?<!\w)(?:" + words + r")\s*)+$", re.IGNORECASE)


@once_per_rules
def _measure_regex(rules: RuleSet) -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    magnitudes = rules.cue_regex("magnitudes").pattern
    units = rules.cue_regex("measure_units").pattern
    per_year = _blind(rules.tokens["per_year"][0])  # "7%/nam" typed bare too
    return (
        re.compile(r"(?:(?:" + magnitudes + r")\s+)?(?:" + units + r")(?:/(?!n[ăa]m(?!\w))[^\W\d_]+)*"
                   r"(?P<rate>" + per_year + r")?(?!\w)", re.IGNORECASE),
        re.compile(r"(?:" + magnitudes + r")(?=\s|$|[^\w])", re.IGNORECASE),
        re.compile(r"(?:" + rules.cue_regex("factor_units").pattern + r")(?P<rate>" + per_year + r")?(?!\w)",
                   re.IGNORECASE))


def _measure_unit(body: str, pos: int, comparator: str, rules: RuleSet) -> tuple[str, int, str, str] | None:
    """The unit of measure after a number, where it ends, the rule that found it and the rate: "500 | triệu USD", "1,2 | triệu tấn mỗi năm" → "triệu tấn",
    "95 | triệu đồng/người/năm" → "triệu đồng/người", "5 | triệu lượt khách" → "triệu" (a magnitude
    before a counted noun, the subject), "tăng 1,5 | lần" (a factor after a change); None for a
    count of things ("04 lớp tập huấn", "02 lần")."""
    unit_re, magnitude_re, factor_re = _measure_regex(rules)
    m = unit_re.match(body, pos)
    if m:
        unit = body[pos:m.start("rate") if m.group("rate") else m.end()]
        return unit, m.end(), "cues.measure_units", m.group("rate") or ""
    if comparator in ("increase", "decrease"):
        m = factor_re.match(body, pos)
        if m:
            return body[pos:m.start("rate") if m.group("rate") else m.end()], m.end(), "cues.factor_units", \
                m.group("rate") or ""
    m = magnitude_re.match(body, pos)
    if m:  # "5 triệu | lượt khách du lịch": the magnitude is the unit, what follows it is counted
        return m.group(0), m.end(), "cues.magnitudes", ""
    return None


def _count_unit(body: str, pos: int, rules: RuleSet) -> tuple[str, int] | None:
    """The counted noun after a number and where it ends ("02 lớp tập huấn cho …"
    → "lớp tập huấn"), or None when it is a period, a document or a project
    ("06 tháng", "05 Đề án")."""
    window = re.split(r"[;,.:()\n“”\"]", body[pos:pos + 60], maxsplit=1)[0]
    words = list(re.finditer(r"[^\W\d_]+", window))[:3]
    if not words:
        return None
    if rules.cue_regex("not_counted").match(" ".join(w.group(0) for w in words)):
        return None
    stops = rules.cue_regex("passive").pattern + "|" + rules.cue_regex("predicates").pattern
    unit_end = None
    for word in words:
        if re.fullmatch(stops, word.group(0), re.IGNORECASE) or rules.cue_regex("unit_stops").fullmatch(word.group(0)):
            break
        unit_end = word.end()
    return (window[:unit_end], pos + unit_end) if unit_end else None


def _values(body: str, start: int, end: int, rules: RuleSet, excluded: list[tuple[int, int]],
            parentheses: list[tuple[int, int]]) -> list[_Value]:
    first_digit = _DIGIT_RE.search(body, start, end)
    if not first_digit:
        return []   # values are written in digits (parse_number): spare most clauses the patterns' slow scan
    scan_from = first_digit.start()  # a value starts with its number: nothing before it is worth scanning
    found: list[_Value] = []
    # a percentage is written "%" or "phần trăm" (also without diacritics, in any case)
    percents = _pattern(rules, "percent").finditer(body, scan_from, end) \
        if "%" in body[scan_from:end] or "ph" in body[scan_from:end].lower() else ()
    for m in percents:
        if any(a <= m.start() < b for a, b in excluded):
            continue
        comparator, cue_start, cue, rule = _comparator(body, start, m.start(), m.end(), rules)
        if m.group("value_max") and rule == "cues.cmp_from":
            comparator = "="  # "từ 15% đến 20%": a range
        value = _Value(cue_start, m.start(), m.end(), parse_number(m.group("value")),
                       parse_number(m.group("value_max")) if m.group("value_max") else None, "%", comparator, cue)
        value.why.append(rules.why("patterns.percent", "a percentage" + (" per year" if m.group("rate") else ""),
                                   matched=m.group(0)))
        value.why.append(rules.why(rule or "code: plain value", f"comparator {comparator}", matched=cue or None))
        found.append(value)
    not_counts = excluded + [(v.value_start, v.end) for v in found] + parentheses
    for m in _pattern(rules, "count").finditer(body, scan_from, end):
        if any(a <= m.start() < b for a, b in not_counts) \
                or re.fullmatch(r"(?:19|20)\d\d", m.group("value")):
            continue  # "(dưới 2.500 gram)" defines a word, it sets nothing
        comparator, cue_start, cue, rule = _comparator(body, start, m.start(), m.end(), rules)
        if m.group("value_max") and rule == "cues.cmp_from":
            comparator = "="  # "từ 15 đến 20 đường dây": a range, as for percentages
        measure = _measure_unit(body, m.end(), comparator, rules)
        if measure:  # a quantity needs no cue: its unit says what it is
            unit, unit_end, unit_rule, rate = measure
            value = _Value(cue_start, m.start(), unit_end, parse_number(m.group("value")),
                           parse_number(m.group("value_max")) if m.group("value_max") else None,
                           unit.strip(), comparator, cue, measure=True)
            value.why.append(rules.why(unit_rule, f"a quantity in '{value.unit}'" + (" per year" if rate else ""),
                                       matched=body[m.start():unit_end]))
            value.why.append(rules.why(rule or "code: plain value", f"comparator {comparator}", matched=cue or None))
            found.append(value)
            continue
        if cue_start == m.start() or comparator in ("increase", "decrease") and "%" in body[m.end():m.end() + 3]:
            continue  # a count is a target only when a cue introduces it: "ít nhất 02 lớp"
        counted = _count_unit(body, m.end(), rules)
        if counted:
            unit, unit_end = counted
            value = _Value(cue_start, m.start(), unit_end, parse_number(m.group("value")),
                           parse_number(m.group("value_max")) if m.group("value_max") else None, unit, comparator, cue)
            value.why.append(rules.why("patterns.count", f"a count of '{unit}' after a comparator cue",
                                       matched=m.group(0) + unit))
            value.why.append(rules.why(rule, f"comparator {comparator}", matched=cue))
            found.append(value)
    found.sort(key=lambda v: v.start)
    # "Giá trị sản phẩm trên 1 ha đất trồng trọt đạt 150 triệu đồng": a quantity that runs, without a
    # break, into the verb of the next value is part of that value's subject
    verbs = _lead_regexes(rules)[2]
    return [v for i, v in enumerate(found)
            if not (v.measure and i + 1 < len(found) and not re.search(r"[,;:]", body[v.end:found[i + 1].start])
                    and (verbs.search(" " + body[v.end:found[i + 1].start]) or found[i + 1].cue
                         and rules.cue_regex("verbs_before_value").fullmatch(found[i + 1].cue)))]


# --- subjects -------------------------------------------------------------------


def _clean(subject: str, rules: RuleSet) -> str:
    trailing = _trailing_regex(rules)
    subject = trailing.sub("", subject.strip(" ,;:-\t\f\n"))
    return re.sub(r"\s+", " ", subject).strip(" ,;:-\t\f")


@once_per_rules
def _trailing_regex(rules: RuleSet) -> re.Pattern:
    return re.compile(r"(?:[\s,;]+(?:" + rules.cue_regex("subject_trailing").pattern + r"))+[\s,;]*$", re.IGNORECASE)


def _predicate_cut(segment: str, rules: RuleSet) -> tuple[int, str, str] | None:
    """Where the predicate of "N% X …" starts in ``segment`` (the words after the
    value), the words that start it and the rule that found them.

    "được", "phải", "đạt" and the verbs of ``predicates`` start it; a
    relative "có …", "đã …", "là …" (``relative_predicates``) does only when
    nothing else follows: "xã, phường có người nghiện ma túy | bố trí điểm …",
    but "số xã thuộc địa bàn trọng điểm | có mô hình …". ``subject_ends``
    ("khi …", "mỗi năm") end the subject wherever they stand."""
    verbs = [(m.start(), m.end(), m.group(0), "cues.predicates") for m in rules.cue_regex("predicates").finditer(segment)]
    passive = [(m.start(), m.end(), m.group(0), "cues.passive") for m in rules.cue_regex("passive").finditer(segment)
               if not any(a <= m.start() < b for a, b, _, _ in verbs)]  # "xây dựng được" is one predicate
    ends = [(m.start(), m.end(), m.group(0), "cues.subject_ends") for m in _subject_ends(rules).finditer(segment)]
    strong = verbs + passive + ends
    weak = [(m.start(), m.end(), m.group(0), "cues.relative_predicates")
            for m in rules.cue_regex("relative_predicates").finditer(segment)
            if segment[:m.start()].strip()  # a relative needs its noun: "100% co so …" is "cơ sở", typed bare
            and not any(a <= m.start() < b for a, b, _, _ in strong)  # the "có" of "không có"
            and not _ends_with_cue(segment[:m.start()], rules, "relative_continuers")]
    if not strong:
        return (weak[0][0], weak[0][2], weak[0][3]) if weak else None
    # "được" starts the predicate even after a verb of the subject ("các văn bản hướng dẫn thực hiện Luật … | được")
    start, _, words, rule = min([min(passive or verbs)] + ends) if passive or verbs else min(ends)
    adjacent = [w for w in weak if w[1] < start and not segment[w[1]:start].strip()]
    if adjacent:  # "đã được công nhận": the predicate starts at "đã"
        start, words, rule = adjacent[0][0], segment[adjacent[0][0]:start] + words, adjacent[0][3]
    return start, words, rule


@once_per_rules
def _subject_ends(rules: RuleSet) -> re.Pattern:
    """``subject_ends`` and a year ("xã, phường “không ma túy” | ngay trong năm 2025")."""
    year = _pattern(rules, "year_phrase").pattern
    return re.compile(rules.cue_regex("subject_ends").pattern + "|(?<!\\w)(?:" + year + ")", re.IGNORECASE)


@lru_cache(maxsize=4096)
def _first_verb(segment: str, coordinated: bool, prepositions: re.Pattern) -> int | None:
    """Where underthesea's POS tags see the predicate verb of a subject with no
    cue word: the first verb after two nouns, not in a list, with an object
    ("các cấp giáo dục thường xuyên, …, trung học phổ thông | đưa nội dung …");
    ``coordinated``: the verb before the coordinator that ends ``segment``
    ("phường | xây dựng và"). A preposition is no verb, whatever its tag: typed
    without diacritics "tại" is "tai", which the tagger may take for one."""
    from underthesea import pos_tag  # heavy: only for the few subjects the cue words cannot end

    tagged = pos_tag(segment)
    cursor, nouns = 0, 0
    for i, (word, tag) in enumerate(tagged):
        found = segment.find(word, cursor)
        if found < 0:
            return None
        cursor = found + len(word)
        if tag in ("N", "Np", "Nc") and word != "%":
            nouns += 1
        elif tag == "V" and nouns >= (1 if coordinated else 2) and tagged[i - 1][0] != "," \
                and not prepositions.match(word):
            if coordinated and len(tagged) == i + 2 \
                    or i + 2 < len(tagged) and any(t[1] in ("N", "V") for t in tagged[i + 1:i + 3]):
                return found
    return None


def _subject_after(segment: str, v: _Value, rules: RuleSet, why: list[dict], shared: bool) -> tuple[str, str]:
    """The subject at the start of ``segment`` and the word that starts its
    predicate. ``shared``: the segment runs into the next value ("100% nhà
    trường và trên 70% người lao động …"), whose predicate it shares."""
    if v.unit != "%":
        # "03 mẫu nhà ở điển hình, kèm theo dự toán …" — but not the comma of "phòng, chống"
        kept = [m.span() for m in rules.cue_regex("title_comma_phrases").finditer(segment)]
        comma = next((m.start() for m in re.finditer(",", segment) if not any(a <= m.start() < b for a, b in kept)), None)
        segment = segment[:comma] if comma is not None else segment
    if v.comparator in ("increase", "decrease"):
        # "tăng thêm ít nhất 10% số trường mầm non công lập có tổ chức nhóm trẻ …": the verb came first
        end = _subject_ends(rules).search(segment)
        why.append(rules.why(f"cues.cmp_{v.comparator}",
                             f"subject: the noun phrase after '{v.cue}' (a change: no predicate follows)"))
        return _clean(segment[:end.start()] if end else segment, rules), ""
    cut = _predicate_cut(segment, rules)
    head, predicate = segment, ""
    if cut:
        start, predicate, rule = cut
        why.append(rules.why(rule, "subject: the words after the value up to its predicate", matched=predicate))
        head = segment[:start]
        if rule == "cues.subject_ends":
            predicate = ""
    coordinated = cut and _ends_with_cue(head.rstrip(), rules, "coordinators")  # "55% phường | xây dựng và triển khai …"
    # underthesea's tags are learnt on text with diacritics: on text typed without them they are guesses
    tags_apply = fold_diacritics(head) != head
    if tags_apply and (not cut and not shared and v.unit == "%" and len(head.split()) >= _POS_MIN_WORDS or coordinated):
        verb = _first_verb(head.strip(), bool(coordinated), rules.cue_regex("unit_stops"))
        if verb is not None:
            lead = len(head) - len(head.lstrip())
            why.append(rules.why("code: underthesea POS", "subject: ends before the first verb the POS tagger sees",
                                 matched=head.strip()[verb:].split()[0]))
            head = head[:lead + verb]
    if not cut and head is segment:
        why.append(rules.why("code: subject after the value", "subject: the words after the value (no predicate)"))
    return _clean(head, rules), predicate


@once_per_rules
def _lead_regexes(rules: RuleSet) -> tuple[re.Pattern, re.Pattern, re.Pattern, re.Pattern]:
    years = "|".join(re.sub(r"\(\?P<\w+>", "(?:", _pattern(rules, p).pattern) for p in ("deadline", "baseline"))
    return (
        re.compile(r"^(?:(?:" + rules.cue_regex("subject_openers").pattern + "|" + years + r")\s*,?\s*)+", re.IGNORECASE),
        re.compile(r"(?:\s+(?:" + years + "|" + rules.cue_regex("existential_verbs").pattern + r"))+\s*$", re.IGNORECASE),
        re.compile(r"(?:\s+(?:" + rules.cue_regex("verbs_before_value").pattern + r"))+\s*$", re.IGNORECASE),
        re.compile(r"(?:\s+(?:" + years + r"))+\s*$", re.IGNORECASE))


def _strip_lead(text: str, rules: RuleSet) -> tuple[str, bool]:
    """``text`` (what stands before a value) without lead-ins, openers, years and
    the verbs before the value; and whether such a verb ended it ("Kinh tế số
    chiếm"). "có", "là" are no such verb: "Toàn tỉnh có | 80% số xã …"."""
    text = text.rsplit(":", 1)[-1]  # after a lead-in: "Chỉ tiêu năm 2022: tỷ lệ …"
    lead_ins = list(rules.cue_regex("commitment").finditer(text))
    if lead_ins:
        text = text[lead_ins[-1].end():]  # "Lạng Sơn phấn đấu đạt chỉ tiêu | …"
    text = ITEM_MARKER_RE.sub("", text.lstrip(" ,;:\t\f")).strip(" ,;:\t\f")
    openers, plain_ends, verbs, years = _lead_regexes(rules)
    text = plain_ends.sub("", " " + openers.sub("", text)).strip(" ,:-\t\f")
    between = _between_regex(rules)
    text = between.sub("", text).rstrip()  # "Tốc độ tăng trưởng GRDP bình quân | đạt", "giảm bình quân"
    stripped = verbs.sub("", " " + text).strip(" ,:-\t\f")
    verb_ended = stripped != text
    stripped = between.sub("", stripped).strip(" ,:-\t\f")
    # "GRDP bình quân đầu người | đến năm 2025 đạt"
    return years.sub("", " " + stripped).strip(" ,:-\t\f"), verb_ended


def _denominator(segment: str, rules: RuleSet) -> str:
    """The short noun right after a value that is a share of it: "45% | GRDP tỉnh",
    "100% | dân số" (not a clause of its own)."""
    m = re.match(r"\s*([^\W\d_][^,;.:()\n]*)", segment)
    if not m:
        return ""
    words = m.group(1).split()
    if len(words) > 6 or rules.cue_regex("not_subjects").match(m.group(1)) or _predicate_cut(m.group(1), rules):
        return ""
    return _clean(m.group(1), rules)


def _named_before(v: _Value, before: str, rules: RuleSet) -> tuple[str, bool, bool]:
    """The subject written before the value (lead-ins and verbs dropped), whether
    it is the value's subject, and whether a verb ended it. It is after a verb
    ("Kinh tế số chiếm 45%") or when it names a measure ("tỷ lệ … dưới 24%");
    otherwise a value counts what follows it ("ít nhất 20 tập dữ liệu")."""
    lead, verb_ended = _strip_lead(before, rules)
    measure = rules.cue_regex("measure_nouns").match(lead)
    return lead, bool(lead) and bool(verb_ended or measure), verb_ended


def _subject(v: _Value, before: str, after: str, rules: RuleSet, next_value: bool) -> tuple[str, str, list[dict]]:
    """The subject of value ``v``, the predicate word after it, and why."""
    why: list[dict] = []
    lead, named_before, verb_ended = _named_before(v, before, rules)
    if v.measure and lead and not named_before and v.cue and rules.cue_regex("verbs_before_value").fullmatch(v.cue):
        named_before = verb_ended = True  # "kim ngạch xuất khẩu | đạt 500 triệu USD": the cue is the verb
    after = re.sub(r"^\s*(?:" + rules.cue_regex("cmp_ge_after").pattern + ")", "", after, flags=re.IGNORECASE)
    if named_before:
        denominator = _denominator(after, rules) if v.unit == "%" else ""
        lead = re.sub(r"\s+", " ", lead)
        why.append(rules.why("cues.verbs_before_value" if verb_ended else "cues.measure_nouns",
                             "subject: written before the value" + (f", a share of '{denominator}'" if denominator else ""),
                             matched=lead))
        return (f"{lead} … {denominator}" if denominator else lead), "", why
    # a quantity measures what is written before it, unless a noun follows its unit: "1.500 km | đường …";
    # a count's subject is what it counts, with what qualifies it: "05 bộ dữ liệu mở chất lượng cao …"
    if not v.measure and v.unit != "%":
        after = v.unit + after
    shared = bool(after.rstrip().endswith(",") or _ends_with_cue(after, rules, "coordinators")) and next_value
    subject, predicate = _subject_after(after, v, rules, why, shared)
    if (not subject or rules.cue_regex("not_subjects").match(subject)) and lead:
        # "… dưới 20% vào năm 2025": the subject came first
        why.append(rules.why("cues.not_subjects", "subject: written before the value", matched=lead))
        return re.sub(r"\s+", " ", lead), "", why
    return subject, predicate, why


# --- where the plan commits -------------------------------------------------------


def _scopes(paragraphs: list[Paragraph], rules: RuleSet) -> tuple[set[int], set[int], int | None]:
    """Paragraph indexes in the "Chỉ tiêu" column of an annex table, those in a
    target section, and where the first Phụ lục starts."""
    column = re.compile(r"^[\W_]*(?:" + rules.cue_regex("target_headings").pattern + r")[\W_]*$", re.IGNORECASE)
    annex_re = re.compile(r"^[\W_]*(?:" + rules.cue_regex("annex_headings").pattern + r")(?!\w)", re.IGNORECASE)
    in_column: set[int] = set()
    in_section: set[int] = set()
    annex_start = None
    in_table = False
    for i, paragraph in enumerate(paragraphs):
        stripped = paragraph.text.strip(" \t\f")
        if annex_re.match(stripped) and len(stripped) < 60:
            annex_start = paragraph.start if annex_start is None else annex_start
            in_table = False
            continue
        if paragraph.kinds & {"target", "objective"}:
            in_section.add(i)
        if annex_start is not None and column.match(stripped):
            in_table = True  # the "Chỉ tiêu" column of an annex table: its rows are targets
        elif in_table:
            in_column.add(i)
    return in_column, in_section, annex_start


def _sentence_deadline(body: str, paragraph_start: int, clause_start: int, rules: RuleSet) -> re.Match | None:
    """The last deadline said in the sentence before ``clause_start``: "Đến năm 2025: tỷ lệ A dưới 24%;
    tỷ lệ B dưới 15%" holds for B too. Else the last deadline that opens a sentence of the paragraph
    before it: "Đến năm 2025, tối thiểu 80% hồ sơ … Mức độ hài lòng … đạt tối thiểu 90%. Đến năm
    2030, …" (NQ 175/NQ-CP; Đồng Nai KH 182 writes its years so too) sets the year of the sentences
    after it, up to the next one."""
    sentence_start = max(paragraph_start, body.rfind(".", paragraph_start, clause_start) + 1)
    deadline = _pattern(rules, "deadline")
    found = list(deadline.finditer(body, sentence_start, clause_start))
    if found:
        return found[-1]
    opening = [m for m in deadline.finditer(body, paragraph_start, sentence_start)
               if not body[max(paragraph_start, body.rfind(".", paragraph_start, m.start()) + 1):m.start()].strip()]
    return opening[-1] if opening else None


_YEAR_RE = re.compile(r"(?:19|20)[0-9]{2}")


def _own_deadline(body: str, start: int, end: int, rules: RuleSet, excluded: list[tuple[int, int]]) -> re.Match | None:
    """A year said in the value's own words, before another value's: "đạt 20% xã, phường 'không ma
    túy' năm 2025, bảo đảm đến hết năm 2030 đạt 50% …" — 2025 for the 20%, whatever the clause
    says later (a deadline said before the value in its clause comes first: "tới năm 2026 tỷ lệ bao
    phủ … đạt trên 95,5% dân số, đến năm 2030 …"). A baseline ("so với năm 2020") is not a deadline, nor the year of a cited law
    ("triển khai Bộ luật Hình sự năm 2015") or of anything else ``excluded``."""
    others = excluded + [(m.start(), m.end()) for m in _pattern(rules, "baseline").finditer(body, start, end)]
    for m in _pattern(rules, "year_phrase").finditer(body, start, end):
        if not any(a <= m.start() < b for a, b in others):
            return m
    return None


def _broken_before(previous: Paragraph, paragraph: Paragraph, before: str, rules: RuleSet) -> bool:
    """Whether ``previous`` is the first half of a line broken before ``paragraph``
    ("Kinh phí chi cho nghiên cứu phát triển" / "(R&D)/GRDP tối thiểu 2%."): it
    names a measure that the words before the value do not. Otherwise it is a
    cell of its own ("Ngân hàng Nhà nước khu vực XII" / "Tỷ lệ người dân …"),
    which a table flattened without blank lines leaves right above."""
    measure = rules.cue_regex("measure_nouns")
    return previous.end + 1 == paragraph.start and not previous.is_heading \
        and not previous.text.rstrip().endswith((".", ";", ":", "!", "?")) and not re.search(r"\d", previous.text) \
        and bool(measure.match(ITEM_MARKER_RE.sub("", previous.text).strip())) \
        and not measure.match(_strip_lead(before, rules)[0])


def _same_target(a: Target, b: Target) -> bool:
    return (a.value, a.value_max, a.unit, a.comparator) == (b.value, b.value_max, b.unit, b.comparator) \
        and re.findall(r"\w+", (a.subject or "").casefold()) == re.findall(r"\w+", (b.subject or "").casefold())


def extract_targets(text: NormalizedText, rules: RuleSet, document: DocumentInfo,
                    citations: list[Citation], paragraphs: list[Paragraph]) -> list[Target]:
    body = text.text
    excluded = [(c.span.start, c.span.end) for c in citations]
    parentheses = [(m.start(), m.end()) for m in re.finditer(r"\([^()\n]{0,200}\)", body)]
    excluded += [(a, b) for a, b in parentheses if re.search(r"\d+/\d", body[a:b])]
    # a quoted title or slogan: Đề án “Đầu tư xây dựng ít nhất 01 triệu căn hộ …”
    excluded += [(m.start(), m.end()) for m in re.finditer(r"“[^”\n]{0,300}”|\"[^\"\n]{0,300}\"", body)]
    commitment = rules.cue_regex("commitment")
    past = rules.cue_regex("past")
    minimum = rules.cue_regex("minimum")
    default_deadline = document.period[1] if document.period else document.year
    in_column, in_section, annex_start = _scopes(paragraphs, rules)
    targets: list[Target] = []
    lead_in_deadline = None  # "- Đến năm 2030:" holds for the values below it, up to the next heading
    scope = None
    for index, paragraph in enumerate(paragraphs):
        if paragraph.is_heading:
            lead_in_deadline = None
        elif paragraph.text.rstrip().endswith(":"):
            lead_in_deadline = _sentence_deadline(body, paragraph.start, paragraph.end, rules)
        if paragraph.is_heading or "report" in paragraph.kinds:
            scope = None
            continue
        # a sentence goes on past ";": the lines of one enumeration share the commitment of its first
        goes_on = scope is not None and index and paragraphs[index - 1].text.rstrip().endswith(";")
        has_digits = _DIGIT_RE.search(body, paragraph.start, paragraph.end) is not None
        # the scope serves the paragraph's values (written in digits) and, past a ";", the next
        # paragraph: the others, or those under a target heading, need no search for a commitment
        needs_cue = index not in in_section and (has_digits or paragraph.text.rstrip().endswith(";"))
        cue = commitment.search(paragraph.text) if needs_cue else None
        if index in in_section:
            scope = rules.why("cues.target_headings", "under a target or objective heading")
        elif cue:
            scope = rules.why("cues.commitment", "the paragraph commits", matched=cue.group(0))
        elif index in in_column:
            scope = rules.why("cues.annex_headings", "a row of an annex table's 'Chỉ tiêu' column")
        elif goes_on:
            scope = rules.why("code: enumeration", "goes on the committing sentence before ';'")
        else:
            scope = None
        if not has_digits:
            continue  # values are written in digits (parse_number): no clause of this paragraph has one
        spans = list(clauses(body, paragraph.start, paragraph.end))
        for k, (clause_start, clause_end) in enumerate(spans):
            values = _values(body, clause_start, clause_end, rules, excluded, parentheses)
            for i, v in enumerate(values):
                why = [dict(scope)] if scope else []
                if scope is None:
                    if not minimum.fullmatch(v.cue or ""):
                        continue
                    why = [rules.why("cues.minimum", "a minimum commits by itself", matched=v.cue)]
                segment_end = values[i + 1].start if i + 1 < len(values) else clause_end
                runs_on = i + 1 < len(values)  # into the next value
                if _ends_with_cue(body[max(clause_start, v.start - 12):v.start], rules, "past"):
                    continue  # "đã đạt 100%": a result
                if v.measure and index not in in_section and index not in in_column \
                        and body[clause_start:v.start].rstrip().endswith(":"):
                    continue  # "Kinh phí thực hiện: 500 triệu đồng": a line that lists an amount, outside a target section
                previous_end = values[i - 1].end if i else clause_start
                before = body[previous_end:v.start]
                if not i and clause_start == paragraph.start and index and _broken_before(paragraphs[index - 1], paragraph, before, rules):
                    before = paragraphs[index - 1].text + " " + before  # a table cell's line broken before the value
                if i:
                    before = re.split(r"[,;]|\s(?:" + rules.cue_regex("coordinators").pattern + r")\s", before)[-1]  # "…, tỷ lệ B đạt 90%"
                if i + 1 == len(values) and body[clause_end:clause_end + 1] == ";" and k + 1 < len(spans) \
                        and v.unit == "%" and body[v.end:clause_end].strip()[:1].isalpha() \
                        and _predicate_cut(body[v.end:clause_end], rules) is None and not _named_before(v, before, rules)[1]:
                    # "100% người dân ở các khu vực …; các khu vực thường xuyên … và ít nhất 50% …": one subject
                    nxt_start, nxt_end = spans[k + 1]
                    later = _values(body, nxt_start, nxt_end, rules, excluded, parentheses)
                    if later:
                        segment_end, runs_on = later[0].start, True
                subject, predicate, subject_why = _subject(v, before, body[v.end:segment_end], rules, runs_on)
                if predicate and past.match(predicate):
                    continue  # "100% địa phương đã quan tâm": a result
                if not subject and i and v.comparator in ("increase", "decrease") and not before.strip(" ,\t") \
                        and targets and targets[-1].span.start >= clause_start:
                    # "kim ngạch xuất khẩu đạt 600 triệu USD, tăng 1,3 lần so với năm 2020": the same subject's change
                    subject = targets[-1].subject
                    subject_why.append(rules.why(f"cues.cmp_{v.comparator}", "subject: the value before it, of which it is the change",
                                                 matched=subject))
                if not subject:
                    continue
                clause_text = body[v.start:segment_end].strip(" ,;:\t\f")
                whole_clause = body[clause_start:clause_end]
                baseline = _pattern(rules, "baseline").search(whole_clause)
                said_before = list(_pattern(rules, "deadline").finditer(body, clause_start, v.start))
                deadline = (said_before[-1] if said_before else None) \
                    or _own_deadline(body, v.end, segment_end, rules, excluded) \
                    or _pattern(rules, "deadline").search(whole_clause) \
                    or _sentence_deadline(body, paragraph.start, clause_start, rules) or lead_in_deadline
                indicator = match_indicator(f"{subject} {clause_text}", rules, subject=subject, unit=v.unit,
                                            context=(document.title, paragraph.text))
                steps = why + v.why + subject_why
                if indicator:
                    steps.append(rules.why(f"indicators.{indicator}", f"indicator {indicator}"))
                target = Target(
                    text=clause_text, value=v.value, value_max=v.value_max, unit=v.unit,
                    comparator=v.comparator, subject=subject, indicator=indicator,
                    baseline_year=int(baseline.group("year")) if baseline else None,
                    deadline_year=int(_YEAR_RE.search(deadline.group()).group()) if deadline else default_deadline,
                    span=text.span(v.start, v.start + len(clause_text)), why=steps,
                )
                if annex_start is not None and v.start >= annex_start \
                        and any(_same_target(target, t) for t in targets if t.span.start < annex_start):
                    continue  # a Phụ lục that repeats the body's target
                targets.append(target)
    return targets
