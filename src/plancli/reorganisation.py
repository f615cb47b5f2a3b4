"""The 2025 reorganisation: provinces merged (63 → 34 from 01/07/2025), departments
and ministries merged (from 01/03/2025), districts ended (from 01/07/2025).

``province_as_of(province, when, rules)`` names the province a plan's province
belonged to at a date — for ``compare --as-of 2025``, which groups a 2019 plan
of Hà Giang with the 2025 plans of Tuyên Quang. ``agency_successors(name,
rules)`` names the bodies that took over the work of a body that ended ("Sở
Lao động, Thương binh và Xã hội" → Sở Nội vụ, Sở Y tế …), and
``agency_as_of(name, when, rules)`` the bodies that held it at a date. The data
is in ``rules/provinces.yaml`` (``merged_into``, ``valid_until``) and
``rules/agencies.yaml`` (``valid_from``, ``valid_until``, ``successors``).
"""
from __future__ import annotations

import re
from datetime import date

from .ruleset import RuleSet

_WHEN_RE = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")


def _last_day(when: int | str | date) -> str:
    """The last day a date stands for, as YYYY-MM-DD: a year is its 31 December,
    "2025-03" its 31 March (a plan dated March 2025 was written before July)."""
    if isinstance(when, date):
        return when.isoformat()
    if isinstance(when, int):
        return f"{when:04d}-12-31"
    m = _WHEN_RE.fullmatch(str(when).strip())
    if not m:
        raise ValueError(f"'{when}' is no date: write a year (2025), a month (2025-03) or a day (2025-03-15)")
    year, month, day = int(m.group(1)), int(m.group(2) or 12), m.group(3)
    if day is None:
        following = date(year + month // 12, month % 12 + 1, 1)
        return date.fromordinal(following.toordinal() - 1).isoformat()
    return date(year, month, int(day)).isoformat()


def province_as_of(province: str | None, when: int | str | date | None, rules: RuleSet) -> str | None:
    """The province ``province`` was part of at ``when`` (a year, "2025-03",
    "2025-07-01" or a date): "Hà Giang", 2025 → "Tuyên Quang"; "Hà Giang",
    "2025-03" → "Hà Giang" (the merger took effect 01/07/2025); "Thừa Thiên
    Huế", 2025 → "Huế". A province the list knows is named as the list writes
    it ("Ha Giang", 2019 → "Hà Giang"); a name no list knows, as given."""
    if not province or when is None:
        return province
    entry = rules.provinces.lookup(province)
    if entry is None:
        return province
    if "valid_until" in entry.fields and _last_day(when) > entry["valid_until"]:
        return entry["merged_into"]
    return entry["name"]


def agency_successors(name: str, rules: RuleSet) -> list[str]:
    """The canonical names of the bodies that took over the work of body
    ``name`` when it ended; empty for a body that still exists, ended with no
    successor by name (the districts' people's committees) or is in no list."""
    entry = rules.agencies.lookup(name)
    return [rules.agencies.lookup(s)["name"] for s in entry.get("successors", [])] if entry else []


def agency_as_of(name: str, when: int | str | date, rules: RuleSet) -> list[str]:
    """The bodies that held body ``name``'s work at ``when``: the body itself
    while it existed ("Sở GTVT", 2024 → ["Sở Giao thông vận tải"]), its successors
    after ("Sở GTVT", 2025 → ["Sở Xây dựng"]), none for a body that ended with no
    successor by name. A name no list knows is returned as given."""
    entry = rules.agencies.lookup(name)
    if entry is None:
        return [name]
    if "valid_until" not in entry.fields or _last_day(when) <= entry["valid_until"]:
        return [entry["name"]]
    held: list[str] = []
    for successor in agency_successors(name, rules):
        held += [s for s in agency_as_of(successor, when, rules) if s not in held]
    return held
