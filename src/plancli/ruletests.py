"""``plancli rules test``: run every example of every rule file, always to the end.

An example gives a text and what must be extracted from it. Each run counts,
per rule, the examples that pass, the expected items not found (misses) and
the items found that were not expected (false hits). Examples marked
``todo: true`` are known gaps: reported, never failing.

For ``kind: citations`` (``targets``, ``objectives``) the expectation is a
list of items, each with the fields that must match (other fields are not
checked); ``[]`` means the text has none. For ``kind: document`` it is a mapping of document fields; a
field given as null must be found null. For ``kind: ocr`` the text is a line as
OCR read it and the expectation the line ``repair_ocr_text`` must make of it.
For ``kind: checks`` the expectation is the findings of ``plancli check`` on the
text alone, each as ``{check: id}``; ``[]`` means none.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .ruleset import Example, RuleSet


@dataclass
class ExampleResult:
    example: Example
    misses: list[Any] = field(default_factory=list)
    false_hits: list[Any] = field(default_factory=list)
    error: str | None = None

    @property
    def passed(self) -> bool:
        return not (self.misses or self.false_hits or self.error)


@dataclass
class RuleTally:
    rule: str
    examples: int = 0
    passed: int = 0
    misses: int = 0
    false_hits: int = 0
    todo: int = 0


def _same(expected: Any, got: Any) -> bool:
    if isinstance(expected, str) and isinstance(got, str):
        return " ".join(expected.split()).casefold() == " ".join(got.split()).casefold()
    if isinstance(expected, (int, float)) and isinstance(got, (int, float)):
        return expected == got
    return expected == got


def _matches(expected: dict, got: dict) -> bool:
    return all(_same(value, got.get(key)) for key, value in expected.items())


def _run(example: Example, rules: RuleSet) -> ExampleResult:
    from .extract import extract_bytes

    result = ExampleResult(example)
    if example.kind == "ocr":
        from .loaders.ocr_repair import repair_ocr_text

        repaired = repair_ocr_text(example.text, rules)
        if repaired != example.expect:
            result.misses.append({"text": example.expect, "got": repaired})
        return result
    kinds = {"document": (), "checks": None}.get(example.kind, (example.kind,))
    try:
        extracted = extract_bytes(example.text.encode("utf-8"), "<example>", "text", rules, kinds)
        if example.kind == "checks":
            from .check import check

            found = [{"check": f.check} for f in check([extracted], rules).findings]
        record = extracted.to_dict()
    except Exception as exc:  # a failing rule must not stop the run
        result.error = f"{type(exc).__name__}: {exc}"
        return result
    if example.kind == "document":
        expect = example.expect if isinstance(example.expect, dict) else {}
        for key, value in expect.items():
            got = record["document"].get(key)
            if value is None and got is not None:
                result.false_hits.append({key: got})
            elif value is not None and not _same(value, got):
                result.misses.append({key: value, "got": got})
        return result
    if example.kind != "checks":
        shown = ("text",) if example.kind == "objectives" else ()
        found = [{k: v for k, v in c.items() if k != "span" and (k != "text" or k in shown)}
                 for c in record[example.kind]]
    unmatched = list(found)
    for expected in example.expect or []:
        hit = next((g for g in unmatched if _matches(expected, g)), None)
        if hit is None:
            result.misses.append(expected)
        else:
            unmatched.remove(hit)
    result.false_hits = unmatched
    return result


def run_examples(rules: RuleSet) -> tuple[list[ExampleResult], list[RuleTally]]:
    results = [_run(example, rules) for example in rules.examples]
    tallies: dict[str, RuleTally] = {}
    for r in results:
        tally = tallies.setdefault(r.example.label, RuleTally(r.example.label))
        tally.examples += 1
        if r.example.todo:
            tally.todo += 1
        tally.passed += r.passed
        tally.misses += len(r.misses) + bool(r.error)
        tally.false_hits += len(r.false_hits)
    return results, list(tallies.values())


def failures(results: list[ExampleResult]) -> list[ExampleResult]:
    """The results that fail the run: not passed and not a known gap."""
    return [r for r in results if not r.passed and not r.example.todo]
