"""The 2025 reorganisation: provinces merged (63 → 34 from 01/07/2025), departments
and ministries merged, districts ended.

``province_as_of(province, year, rules)`` names the province a plan's province
belonged to in ``year`` — for ``compare --as-of 2025``, which groups a 2019 plan
of Hà Giang with the 2025 plans of Tuyên Quang. The data is in
``rules/provinces.yaml`` (``merged_into``).
"""
from __future__ import annotations

from .ruleset import RuleSet

REORGANISED_IN = 2025


def province_as_of(province: str | None, year: int | None, rules: RuleSet) -> str | None:
    """The province ``province`` was part of in ``year``: "Hà Giang", 2025 → "Tuyên Quang";
    before the reorganisation, or for a name no list knows, the name as given."""
    if not province or year is None or year < REORGANISED_IN:
        return province
    entry = rules.provinces.lookup(province)
    return entry.get("merged_into") or entry["name"] if entry else province
