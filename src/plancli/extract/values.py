"""Turning matched text into values: dates, số ký hiệu, casing of names."""
from __future__ import annotations

import datetime as dt
import re

from ..ruleset import RuleSet

_NUMBERS = re.compile(r"\d+")


def parse_date(text: str) -> str | None:
    """``"03/01/2019"``, ``"ngày 26 tháng 02 năm 2019"``, ``"17/2/2020"`` → ISO
    ``"2019-01-03"``; ``"tháng 3 năm 2025"`` → ``"2025-03"``; an impossible
    date (31/02) → None."""
    numbers = [int(n) for n in _NUMBERS.findall(text)]
    if len(numbers) == 3:
        day, month, year = numbers
        try:
            return dt.date(year, month, day).isoformat()
        except ValueError:
            return None
    if len(numbers) == 2 and 1 <= numbers[0] <= 12:
        return f"{numbers[1]:04d}-{numbers[0]:02d}"
    return None


def normalise_symbol(symbol: str, rules: RuleSet) -> str:
    """``"23 /KH-BCĐ"`` → ``"23/KH-BCĐ"``, ``"37/KH- UBND"`` → ``"37/KH-UBND"``,
    ``"1546/QĐ-TTG"`` → ``"1546/QĐ-TTg"`` (spellings from ``symbol_parts``)."""
    compact = re.sub(r"\s+", "", symbol).strip("-/.")
    spellings = {e.id.upper(): e["spelling"] for e in rules.entries("symbol_parts").values()}
    return re.sub(r"[A-Za-zĐđ][A-Za-zĐđ0-9&]*", lambda m: spellings.get(m.group(0).upper(), m.group(0)), compact)


def symbol_doc_type(symbol: str, rules: RuleSet) -> str | None:
    """The type a số ký hiệu names: ``02/KH-BCĐ`` → Kế hoạch, ``48-CT/TW`` → Chỉ thị."""
    parts = re.split(r"[/-]", symbol)[1:]
    by_symbol = {s: e["name"] for e in rules.entries("doc_types").values() for s in e.get("symbols", [])}
    for part in parts:
        if part in by_symbol:
            return by_symbol[part]
    return None


def sentence_case(text: str, rules: RuleSet) -> str:
    """A heading in capitals as a name: ``"ỦY BAN NHÂN DÂN TỈNH LÀO CAI"`` →
    ``"Ủy ban nhân dân tỉnh Lào Cai"`` (province names keep their capitals)."""
    if any(c.islower() for c in text):
        return text
    lowered = text.lower()
    out = lowered[:1].upper() + lowered[1:]
    for entry, start, end in list(rules.provinces.finditer(out)):
        for name in entry.names:
            if len(name) == end - start:
                out = out[:start] + name + out[end:]
                break
    return out
