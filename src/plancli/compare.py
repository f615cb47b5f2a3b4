"""Targets aligned across documents (``compare``) and two plans set side by side (``diff``).

Which two targets measure the same thing is decided in ``align.py``; here the
rows and columns are built from it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from .align import Alignment, align, same_target, subject_head
from .model import Agency, Citation, Record, Target, made_by
from .ruleset import RuleSet, rules_hash

COMPARE_SCHEMA = "plancli.compare/1"
DIFF_SCHEMA = "plancli.diff/1"
def movement(old: Target | None, new: Target | None) -> str | None:
    """raised / lowered / same / new / dropped, from an older to a newer target."""
    if old is None and new is None:
        return None
    if old is None:
        return "new"
    if new is None:
        return "dropped"
    if new.value > old.value:
        return "raised"
    if new.value < old.value:
        return "lowered"
    return "same"


# --- compare ------------------------------------------------------------------

GROUPINGS = ("province", "year", "indicator")


@dataclass
class Column:
    """One plan. ``province`` is its own; ``group`` is what it is grouped under: with
    ``by="province"`` (and ``by="indicator"``) the province as of ``as_of`` ("Hà Giang"
    2019 as of 2025 → "Tuyên Quang"), with ``by="year"`` the year."""

    key: str
    label: str
    province: str | None
    year: int | None
    path: str
    group: str | int | None = None

    def to_dict(self) -> dict:
        return {"key": self.key, "label": self.label, "province": self.province, "year": self.year,
                "path": self.path, "group": self.group}


@dataclass
class Row:
    """One thing measured across the plans: ``indicator`` its catalog id (None when the
    targets were aligned by subject alone), ``label`` what it is, ``cells`` column key →
    that plan's target (None where the plan has none), ``changes`` the movements between
    consecutive years of one province ({"from", "to", "change": raised/lowered/same/new/dropped}),
    ``why`` how the cells were aligned."""

    indicator: str | None
    label: str
    cells: dict[str, Target | None]
    changes: list[dict] = field(default_factory=list)
    # why the row's cells were put together (the first target joined to the row's first): same indicator,
    # or same head and subjects alike (with how alike their predicates are)
    why: Alignment | None = None

    def to_dict(self) -> dict:
        cells = {}
        for key, target in self.cells.items():
            cells[key] = None if target is None else {
                "value": _number(target.value), "value_max": _number(target.value_max), "unit": target.unit,
                "comparator": target.comparator, "subject": target.subject, "text": target.text,
                "span": target.span.to_dict()}
        return {"indicator": self.indicator, "label": self.label, "cells": cells, "changes": self.changes,
                "why": self.why.to_dict() if self.why else None}


def _number(value: float | None):
    return int(value) if isinstance(value, float) and value.is_integer() else value


@dataclass
class Comparison:
    """Rows of aligned targets, one column per plan.

    ``by`` says how it is grouped. "province" and "year": the columns are ordered by
    ``Column.group`` (then year, or province) and the rows in the order first met.
    "indicator" (the pivot): the columns as for "province", the rows ordered by
    indicator id — every row of one indicator together, the rows aligned by subject
    alone (no id) after them — and ``indicators`` lists each id with its label and
    the indices of its rows, in that order.
    """

    columns: list[Column]
    rows: list[Row]
    by: str = "province"
    as_of: int | None = None
    indicators: list[dict] = field(default_factory=list)
    rules_hash: str | None = None  # of the rules that aligned the rows

    def to_dict(self) -> dict:
        return {"schema": COMPARE_SCHEMA, "plancli": made_by(self.rules_hash), "by": self.by, "as_of": self.as_of,
                "columns": [c.to_dict() for c in self.columns], "rows": [r.to_dict() for r in self.rows],
                "indicators": self.indicators}


def _columns(records: list[Record], rules: RuleSet, by: str, as_of: int | None) -> list[Column]:
    from .reorganisation import province_as_of

    columns: list[Column] = []
    seen: dict[str, int] = {}
    for record in records:
        stem = Path(record.source.path).stem or "input"
        seen[stem] = seen.get(stem, 0) + 1
        key = stem if seen[stem] == 1 else f"{stem}-{seen[stem]}"
        doc = record.document
        label = " ".join(str(p) for p in (doc.province, doc.year) if p) or stem
        group = doc.year if by == "year" else (
            province_as_of(doc.province, as_of, rules) if as_of is not None else doc.province)
        columns.append(Column(key, label, doc.province, doc.year, record.source.path, group))
    return columns


def compare(records: Iterable[Record], rules: RuleSet | None = None, by: str = "province",
            indicator: str | None = None, as_of: int | None = None) -> Comparison:
    """Align the targets of ``records`` into rows, one column per record.

    ``by`` "province" orders the columns by province — as of ``as_of`` when given, so
    that a 2019 plan of Hà Giang sits with the 2025 plan of Tuyên Quang under ``as_of=2025``
    (the column keeps "Hà Giang" as its province, "Tuyên Quang" is its group) — then
    year; "year" by year, then province; "indicator" pivots the rows (see ``Comparison``).
    ``indicator`` keeps only that indicator's rows. ``rules`` are the ones the records
    were extracted with (the built-in rules when None): they hold the indicator catalog.
    """
    if by not in GROUPINGS:
        raise ValueError(f"compare by {by!r}: give one of {', '.join(GROUPINGS)}")
    records = list(records)
    if rules is None:
        from .ruleset import load_rules

        rules = load_rules()
    columns = _columns(records, rules, by, as_of)
    order = sorted(range(len(records)), key=lambda i: (
        (columns[i].year or 0, columns[i].province or "~") if by == "year"
        else (str(columns[i].group or "~"), columns[i].year or 0, columns[i].province or "~")))
    columns = [columns[i] for i in order]
    records = [records[i] for i in order]
    labels = {e.id: e["label"] for e in rules.entries("indicators").values()}
    rows = _Rows()
    for column, record in zip(columns, records):
        targets = [t for t in record.targets if not indicator or t.indicator == indicator]
        placed: dict[int, tuple[Row, Alignment]] = {}
        taken: set[int] = set()
        # the best-aligned pairs first, so that a target joins the row it is most alike, not the first it is
        # alike enough (the siblings "số vụ … được phát hiện, bắt giữ" / "số vụ … có tổ chức xuyên quốc gia …")
        for _, i, row_index, why in sorted(rows.pairs(targets, column), key=lambda p: (-p[0], p[1], p[2])):
            if i not in placed and row_index not in taken:
                placed[i] = rows[row_index], why
                taken.add(row_index)
        for i, target in enumerate(targets):
            row, why = placed.get(i, (None, None))
            if row is None:
                row = Row(target.indicator, labels.get(target.indicator, target.subject or ""),
                          {c.key: None for c in columns})
                rows.add(row, target)
            row.why = row.why or why
            row.cells[column.key] = target
    result = list(rows)
    for row in result:
        row.changes = _changes(row, columns)
    comparison = Comparison(columns, result, by, as_of, rules_hash=rules_hash(rules))
    if by == "indicator":
        comparison.rows = sorted(result, key=lambda r: (r.indicator is None, r.indicator or ""))
        for i, row in enumerate(comparison.rows):
            if row.indicator is None:
                break
            if not comparison.indicators or comparison.indicators[-1]["indicator"] != row.indicator:
                comparison.indicators.append({"indicator": row.indicator, "label": row.label, "rows": []})
            comparison.indicators[-1]["rows"].append(i)
    return comparison


class _Rows:
    """The rows being built. A row stands for the target that opened it (its first):
    a target joins a row when it aligns with that one — not with any cell, which would
    chain "xã, phường, thị trấn nhận tài liệu" to "xã, phường không ma túy" through a
    third wording. Rows are blocked so that a target is tried only against rows it can
    align with (one indicator id, or without one the same unit and head: ``align`` never
    pairs across those), and each answer is kept for the same wording met again in another
    plan."""

    def __init__(self):
        self._rows: list[Row] = []
        self._firsts: list[tuple[tuple, Target]] = []
        self._blocks: dict[tuple, list[int]] = {}
        self._answers: dict[tuple[tuple, tuple], Alignment | None] = {}

    def __iter__(self):
        return iter(self._rows)

    def __getitem__(self, index: int) -> Row:
        return self._rows[index]

    @staticmethod
    def _block(target: Target) -> tuple:
        if target.indicator:
            return "indicator", target.indicator
        return "subject", target.unit, subject_head(target.subject)

    @staticmethod
    def _kind(target: Target) -> tuple:
        return target.indicator, target.unit, target.subject, target.text

    def add(self, row: Row, target: Target) -> None:
        self._blocks.setdefault(self._block(target), []).append(len(self._rows))
        self._rows.append(row)
        self._firsts.append((self._kind(target), target))

    def pairs(self, targets: list[Target], column: Column):
        """(score, target index, row index, why) for every target and every row with no cell
        yet in ``column`` that it aligns with (a shared indicator id scores above any subject)."""
        for i, target in enumerate(targets):
            kind = self._kind(target)
            for index in self._blocks.get(self._block(target), ()):
                if self._rows[index].cells[column.key] is not None:
                    continue
                first_kind, first = self._firsts[index]
                key = (first_kind, kind)
                if key not in self._answers:
                    self._answers[key] = align(first, target)
                why = self._answers[key]
                if why:
                    yield _strength(why), i, index, why


def _strength(why: Alignment) -> float:
    return 101.0 if why.score is None else why.score


def _changes(row: Row, columns: list[Column]) -> list[dict]:
    """Movements between consecutive years of the same province."""
    changes = []
    by_province: dict[str | None, list[Column]] = {}
    for column in columns:
        if column.province and column.year:
            by_province.setdefault(column.province, []).append(column)
    for series in by_province.values():
        series.sort(key=lambda c: c.year)
        for old, new in zip(series, series[1:]):
            change = movement(row.cells[old.key], row.cells[new.key])
            if change:
                changes.append({"from": old.key, "to": new.key, "change": change})
    return changes


# --- diff -----------------------------------------------------------------------

@dataclass
class Diff:
    """What changed from the ``old`` plan to the ``new`` (their paths): ``targets``
    {"added", "removed", "changed": [{"old", "new", "change"}]}, ``agencies`` {"added",
    "removed", "changed"} and ``citations`` {"added", "removed"}; ``changed`` says whether
    anything did."""

    old: str
    new: str
    targets: dict = field(default_factory=lambda: {"added": [], "removed": [], "changed": []})
    agencies: dict = field(default_factory=lambda: {"added": [], "removed": [], "changed": []})
    citations: dict = field(default_factory=lambda: {"added": [], "removed": []})
    rules_hash: str | None = None  # of the rules that made the new record

    @property
    def changed(self) -> bool:
        return any(items for part in (self.targets, self.agencies, self.citations) for items in part.values())

    def to_dict(self) -> dict:
        return {"schema": DIFF_SCHEMA, "plancli": made_by(self.rules_hash), "old": self.old, "new": self.new,
                "targets": _plain(self.targets),
                "agencies": _plain(self.agencies), "citations": _plain(self.citations)}


def _plain(item):
    if hasattr(item, "to_dict"):
        return item.to_dict()
    if isinstance(item, dict):
        return {k: _plain(v) for k, v in item.items()}
    if isinstance(item, list):
        return [_plain(v) for v in item]
    return item


def _citation_key(c: Citation) -> str:
    from .normalize import fold_diacritics

    return (c.number or " ".join(fold_diacritics(c.title or c.text).casefold().split())).casefold()


def diff(old: Record, new: Record) -> Diff:
    result = Diff(old.source.path, new.source.path, rules_hash=new.rules_hash)
    unmatched_new = list(new.targets)
    for target in old.targets:
        match = next((t for t in unmatched_new if same_target(target, t)), None)
        if match is None:
            result.targets["removed"].append(target)
            continue
        unmatched_new.remove(match)
        change = movement(target, match)
        if change in ("raised", "lowered"):
            result.targets["changed"].append({"old": target, "new": match, "change": change})
        elif match.comparator != target.comparator:
            result.targets["changed"].append({"old": target, "new": match, "change": "comparator"})
    result.targets["added"] = unmatched_new

    def roles(agencies: list[Agency]) -> dict[str, list[Agency]]:
        out: dict[str, list[Agency]] = {}
        for a in agencies:
            out.setdefault(a.name, []).append(a)
        return out

    old_roles, new_roles = roles(old.agencies), roles(new.agencies)
    for name, agencies in old_roles.items():
        if name not in new_roles:
            result.agencies["removed"] += agencies
        elif {a.role for a in agencies} != {a.role for a in new_roles[name]}:
            result.agencies["changed"].append({"name": name, "old": sorted({a.role for a in agencies}),
                                                "new": sorted({a.role for a in new_roles[name]})})
    for name, agencies in new_roles.items():
        if name not in old_roles:
            result.agencies["added"] += agencies
    old_keys = {_citation_key(c) for c in old.citations}
    new_keys = {_citation_key(c) for c in new.citations}
    result.citations["added"] = [c for c in new.citations if _citation_key(c) not in old_keys]
    result.citations["removed"] = [c for c in old.citations if _citation_key(c) not in new_keys]
    return result
