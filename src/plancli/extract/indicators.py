"""The indicator catalog (``rules/indicators.yaml``): what makes the same
target comparable across plans that word it differently.

An indicator matches a target when all the phrases of one of its ``match``
wordings ("người dân + tiếp cận") occur in the target's clause, with or without
diacritics, in any case. The first indicator of the catalog that matches wins,
so the catalog lists the specific before the general.
"""
from __future__ import annotations

import re

from ..normalize import fold_diacritics
from ..ruleset import RuleSet, words_pattern


def _wordings(rules: RuleSet) -> list[tuple[str, list[re.Pattern]]]:
    cache = rules.__dict__.setdefault("_indicator_cache", None)
    if cache is None:
        cache = [(entry.id, [[re.compile(words_pattern([p.strip(), fold_diacritics(p.strip())]), re.IGNORECASE)
                             for p in wording.split("+")] for wording in entry["match"]])
                 for entry in rules.entries("indicators").values()]
        rules.__dict__["_indicator_cache"] = cache
    return cache


def match_indicator(text: str, rules: RuleSet) -> str | None:
    # the same target's words are matched again (258 matches of 113 texts over the corpus), each
    # time with a few dozen searches: remember the answers, a bounded number of them
    answers = rules.__dict__.setdefault("_indicator_answers", {})
    if text not in answers:
        if len(answers) >= 4096:
            answers.clear()
        answers[text] = _first_matching(text, rules)
    return answers[text]


def _first_matching(text: str, rules: RuleSet) -> str | None:
    for indicator, wordings in _wordings(rules):
        if any(all(p.search(text) for p in phrases) for phrases in wordings):
            return indicator
    return None
