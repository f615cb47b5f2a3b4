"""The indicator catalog (``rules/indicators.yaml``): what makes the same
target comparable across plans that word it differently.

An indicator matches a target when three things agree:

- its ``unit`` is the target's (``%`` never names a count of communes);
- its ``head`` (when given) is what the subject counts: the subject, past the
  words that only introduce a measure ("số", "tỷ lệ", "các" …, the cue list
  ``indicator_subject_lead``), starts with one of the head phrases ("xã",
  "cơ sở cai nghiện", "hồ sơ");
- all the phrases of one of its ``match`` wordings occur in the target's words
  (subject and clause): "không ma túy", "tiếp cận|kiến thức + @topic_trafficking".
  A phrase may list alternatives with ``|``. A phrase ``@NAME`` stands for the
  words of cue list ``NAME`` and may also be found in the plan's title or the
  target's paragraph: a trafficking plan's "100% nạn nhân … được bảo vệ an toàn"
  does not say "mua bán người", its title does.

Words match with or without diacritics, in any case, as whole syllables. The
first indicator of the catalog that matches wins, so the catalog lists the
specific before the general.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import RulesError
from ..normalize import fold_diacritics
from ..ruleset import RuleSet, words_pattern

SUBJECT_LEAD_CUE = "indicator_subject_lead"


@dataclass(frozen=True)
class _Indicator:
    id: str
    unit: str
    head: re.Pattern | None
    # each wording: the patterns that must be in the target's words, and those (@cue lists)
    # that may be in the target's words or in its context
    wordings: tuple[tuple[tuple[re.Pattern, ...], tuple[re.Pattern, ...]], ...]


def _unit_key(unit: str | None) -> str:
    return " ".join((unit or "").split()).casefold()


def _alternatives(phrase: str) -> re.Pattern:
    # searched in folded text: "ma tuý" and "ma túy" (the mark on either vowel) are one phrase
    words = [fold_diacritics(w.strip()) for w in phrase.split("|") if w.strip()]
    return re.compile(words_pattern(words), re.IGNORECASE)


_WORD = re.compile(r"\w+")


def _compile(rules: RuleSet) -> tuple[re.Pattern, list[_Indicator], dict[str, tuple[_Indicator, ...]]]:
    cache = rules.__dict__.get("_indicator_catalog")
    if cache is not None:
        return cache
    lead_words = rules.cues.get(SUBJECT_LEAD_CUE, [])
    lead = words_pattern([fold_diacritics(w) for w in lead_words]) if lead_words else None
    # one character at a time (no nested unbounded repeat); .match always succeeds
    lead_re = re.compile(r"(?:[^\w]|" + lead + ")*" if lead else r"[^\w]*", re.IGNORECASE)
    catalog = []
    for entry in rules.entries("indicators").values():
        wordings = []
        for wording in entry["match"]:
            plain, contextual = [], []
            for phrase in (p.strip() for p in wording.split("+")):
                if not phrase:
                    raise RulesError(f"{entry.path}:{entry.line}: indicator {entry.id}: an empty phrase in '{wording}'")
                if phrase.startswith("@"):  # the cue list exists: RuleSet.validate checked it
                    contextual.append(_alternatives("|".join(rules.cues[phrase[1:].strip()])))
                else:
                    plain.append(_alternatives(phrase))
            wordings.append((tuple(plain), tuple(contextual)))
        heads = entry.get("head")
        catalog.append(_Indicator(entry.id, _unit_key(entry.get("unit")),
                                  _alternatives("|".join(heads)) if heads else None, tuple(wordings)))
    # by the first word of their heads: a subject is tried only against the indicators that may count it
    by_word: dict[str, list[int]] = {"": [i for i, ind in enumerate(catalog) if ind.head is None]}
    for i, entry in enumerate(rules.entries("indicators").values()):
        for head in entry.get("head") or []:
            word = _WORD.match(fold_diacritics(head.strip()).casefold())
            if word:
                by_word.setdefault(word.group(0), []).append(i)
    index = {w: tuple(catalog[i] for i in sorted(set(ids) | set(by_word[""]))) for w, ids in by_word.items()}
    cache = rules.__dict__["_indicator_catalog"] = (lead_re, catalog, index)
    return cache


def _unit_agrees(wanted: str, got: str | None) -> bool:
    """``got`` (a unit as ``_unit_key`` gives it) is the indicator's or starts with it ("mẫu nhà
    điển" for "mẫu nhà"); any unit when the caller gives none."""
    if got is None or not wanted:
        return True
    return got == wanted or got.startswith(wanted + " ")


def _candidates(text: str, subject: str | None, unit: str | None,
                rules: RuleSet) -> tuple[tuple[str, tuple[tuple[re.Pattern, ...], ...]], ...]:
    """The indicators whose unit, head and plain phrases agree, in catalog order, each with
    what its wordings still need from the context: () for a wording that holds by itself."""
    lead_re, catalog, index = _compile(rules)
    text = fold_diacritics(text)
    head_text = fold_diacritics(subject) if subject is not None else text
    start = lead_re.match(head_text).end()
    word = _WORD.match(head_text, start)
    unit = None if unit is None else _unit_key(unit)
    found = []
    for indicator in index.get(word.group(0).casefold() if word else "", index[""]):
        if not _unit_agrees(indicator.unit, unit):
            continue
        if indicator.head is not None and not indicator.head.match(head_text, start):
            continue
        pending = []
        for plain, contextual in indicator.wordings:
            if all(p.search(text) for p in plain):
                pending.append(tuple(p for p in contextual if not p.search(text)))
        if pending:
            found.append((indicator.id, tuple(pending)))
    return tuple(found)


def match_indicator(text: str, rules: RuleSet, *, subject: str | None = None, unit: str | None = None,
                    context: tuple[str | None, ...] = ()) -> str | None:
    """The id of the first indicator of the catalog that ``text`` (the target's subject and
    clause) matches, or None. ``subject`` is what the head must open (else ``text``); ``unit``
    the value's unit (None: not checked); ``context`` the texts where an ``@cue`` phrase may
    also be found (the plan's title, the target's paragraph)."""
    # the same target's words are matched again (258 matches of 113 texts over the corpus): remember
    # the indicators that agree with them, a bounded number of answers
    answers = rules.__dict__.setdefault("_indicator_answers", {})
    key = (text, subject, unit)
    candidates = answers.get(key)
    if candidates is None:
        if len(answers) >= 4096:
            answers.clear()
        candidates = answers[key] = _candidates(text, subject, unit, rules)
    folded: list[str] | None = None
    for indicator, pending in candidates:
        if any(not needed for needed in pending):
            return indicator
        if folded is None:
            folded = [fold_diacritics(c) for c in context if c]
        if any(all(any(p.search(c) for c in folded) for p in needed) for needed in pending):
            return indicator
    return None
