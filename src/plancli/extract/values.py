"""Turning matched text into values: dates, số ký hiệu, casing of names."""
from __future__ import annotations

import datetime as dt
import re

from ..ruleset import RuleSet, words_pattern

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


def sentence_case(text: str, rules: RuleSet, first: bool = True) -> str:
    """A heading in capitals as a name: ``"ỦY BAN NHÂN DÂN TỈNH LÀO CAI"`` →
    ``"Ủy ban nhân dân tỉnh Lào Cai"``. Place names after an administrative
    unit ("HUYỆN CAO LỘC" → "huyện Cao Lộc"), provinces and the
    ``proper_names`` cue ("Chính phủ", "Ban Chỉ đạo") keep their capitals;
    ``first`` capitalises the first letter."""
    if any(c.islower() for c in text):
        return text
    out = text.lower()
    # proper names first: the "xã" of "Thương binh và Xã hội" is then no unit word before a place
    for name in rules.cue("proper_names"):
        if name.lower() in out:  # a name the text does not write needs no regex
            out = re.sub(r"(?<!\w)" + re.escape(name.lower()) + r"(?!\w)", name, out)
    units = words_pattern(rules.cue("province_words") + rules.cue("district_words") + rules.cue("commune_words"))
    # a place name is the one to four words ending the line after its unit ("… tỉnh bắc ninh"),
    # not "xã hội" in the middle of a title
    out = re.sub("(" + units + r"\s+)((?:[^\W\d_]+\s+){0,3}[^\W\d_]+)$", lambda m: m.group(1) + m.group(2).title(), out)
    for entry, start, end in list(rules.provinces.finditer(out)):
        out = out[:start] + _written_as(out[start:end], entry.names) + out[end:]
    return out[:1].upper() + out[1:] if first else out


def _written_as(found: str, names: list[str]) -> str:
    """The spelling among ``names`` of the mention ``found`` (same letters, any case)."""
    from ..normalize import fold_diacritics

    key = fold_diacritics(found).casefold()
    return next((n for n in names if fold_diacritics(n).casefold() == key), found)
