"""Body names in a text (SPEC §3 "agencies"): where a Vietnamese body's name
starts, where it ends, and its canonical name.

Two recognisers, the longest mention winning where they overlap:

* the gazetteer ``rules/agencies.yaml`` (canonical name, aliases,
  abbreviations, level). A provincial body is written with its unit word —
  "Công an tỉnh" in a province, "Công an thành phố" in a centrally-run city —
  so every "tỉnh" of a gazetteer name also matches "thành phố"/"TP", and the
  canonical name takes the unit the mention (or else the document) uses;
* the grammar of body names ``rules/bodies.yaml``: a head ("Sở", "Chi cục",
  "Ngân hàng" …) and the name that follows it, up to where it ends ("Ngân
  hàng nhà nước khu vực XII", "Báo và Phát thanh, Truyền hình tỉnh"). Such a
  body is named as written, abbreviations expanded.

A mention may run on after a gazetteer name with its level and place ("Sở Y
tế thành phố Cần Thơ"): the mention covers them, the name stays canonical.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from ..normalize import fold_diacritics
from ..ruleset import Entry, Gazetteer, RuleSet, words_pattern

_WORD_RE = re.compile(r"[\w&]+")
_SPACE_RE = re.compile(r" *")   # a tab separates a table's cells: no name runs across one ("Văn phòng Chính phủ\tQuý IV/2023")
_NEWLINE_RE = re.compile(r"[ \t]*\n[ \t\f]*")
_ROMAN_OR_NUMBER_RE = re.compile(r"[ \t]+(?:[IVXLC]{1,6}|\d{1,3})(?!\w)")
_STEERING_NUMBER_RE = re.compile(r"[ \t]+\d{2,4}(?:/CP)?(?!\w)")  # "Ban Chỉ đạo 138", "Ban Chỉ đạo 138/CP"
_ACRONYM_RE = re.compile(r"[A-ZĐ]{2,}")     # "Phòng, chống HIV/AIDS tỉnh": an acronym inside a name's run
_RUN_GAP_RE = re.compile(r"[ \t]*[,/]?[ \t]*")
_PLACE_MAX = 4      # syllables of a place name after a unit word ("Thành phố Hồ Chí Minh")
_REACH_MAX = 7      # lowercase syllables a name may run over to reach its level word


@dataclass(frozen=True)
class Body:
    """A body's mention ``text[start:end]`` and its canonical ``name``; ``key``
    identifies the body ("cong-an-tinh" for a gazetteer entry, else the name
    case-folded); ``provincial`` bodies take the document's province."""

    start: int
    end: int
    name: str
    key: str
    provincial: bool
    rule: str          # what found it, for --explain: "agencies.<id>" or "cues.body_heads"
    group: bool = False  # a set of bodies ("Ủy ban nhân dân cấp xã", "UBND các huyện, thành phố"), not one body


def document_unit(rules: RuleSet, province: str | None, issuer: str | None, level: str | None = None) -> str | None:
    """The unit word of the document's own level: "thành phố" for a centrally-run
    city (Cần Thơ, Hồ Chí Minh), "tỉnh" for a province, None for a national
    text (its "Lực lượng Công an" is no province's police)."""
    if level == "national":
        return None
    city, province_unit = rules.cue("city_units")[0], rules.cue("province_units")[0]
    entry = rules.provinces.lookup(province) if province else None
    if entry is not None and entry.get("kind") == "city":
        return city
    if issuer and province and re.search(r"(?i)\b" + re.escape(city) + r"\s+" + re.escape(province), issuer):
        return city
    return province_unit


class BodyFinder:
    """The body recognisers of a rule set (built once per rule set)."""

    def __init__(self, rules: RuleSet):
        self.rules = rules
        heads = rules.cue("body_heads")   # as written ("Ban hành" is no body), or typed without diacritics
        self.head_re = re.compile(words_pattern(heads + [fold_diacritics(h) for h in heads]))
        self.complete_heads = set(rules.cue("complete_heads"))
        self.numbered_heads = set(rules.cue("numbered_heads"))
        self.unit_re = rules.cue_regex("body_units")
        self._stop_re = rules.cue_regex("body_stops")
        self._role_re = re.compile(r"(?:" + rules.cue_regex("lead").pattern + "|" + rules.cue_regex("support").pattern
                                   + r")", re.IGNORECASE)
        self.city_unit_re = rules.cue_regex("city_units")
        self.province_unit_re = rules.cue_regex("province_units")
        self.city_unit, self.province_unit = rules.cue("city_units")[0], rules.cue("province_units")[0]
        self.province_word_re = re.compile(r"(?<=\s)" + re.escape(self.province_unit) + r"(?!\w)")
        self.numbered_unit_re = rules.cue_regex("numbered_units")
        self._unit_prefix_re = re.compile(r"\s*(?:" + self.province_unit_re.pattern + "|" + self.city_unit_re.pattern
                                          + r")\.?\s*", re.IGNORECASE)
        self.title_re = rules.cue_regex("person_titles")
        self.not_unit_re = rules.cue_regex("not_units")
        self.name_phrase_re = rules.cue_regex("name_phrases")
        self.not_body_re = re.compile(words_pattern(rules.cue("not_bodies")))
        self.group_unit_re = rules.cue_regex("group_units")
        connectors = rules.cue("body_connectors")
        words = [w for w in connectors if w[0].isalnum()]
        marks = "".join(re.escape(c) for c in connectors if not c[0].isalnum())
        self.connector_re = re.compile(r"[ \t]*(?:" + words_pattern(words + [fold_diacritics(w) for w in words])
                                       + r"|[" + marks + r"])[ \t]*(?:\n[ \t]*)?")

    @cached_property
    def gazetteer(self) -> Gazetteer:
        """The agencies gazetteer, each name with a "tỉnh" also written with the
        units of a city ("Thanh tra tỉnh" → "Thanh tra thành phố", "Thanh tra TP"),
        and each abbreviation with "&" also with "-" or nothing ("Sở GD&ĐT",
        "Sở GD-ĐT", "Sở GDĐT")."""
        entries = {}
        city_units = self.rules.cue("city_units")
        province_unit = self.province_word_re
        for key, entry in self.rules.entries("agencies").items():
            names = entry.names
            names = [*names, *(n.replace("&", joint) for n in names if "&" in n for joint in ("-", ""))]
            variants = [province_unit.sub(unit, n) for n in names for unit in city_units if province_unit.search(n)]
            variants += names[len(entry.names):]
            fields = dict(entry.fields, aliases=[*entry.get("aliases", []), *variants])
            entries[key] = Entry(entry.id, fields, entry.path, entry.line)
        return Gazetteer(entries)

    # -- finding ---------------------------------------------------------------

    def find(self, text: str, unit: str | None, province: str | None = None) -> list[Body]:
        """Every body mention of ``text``, in order, none overlapping (the longest
        wins; on a tie, the gazetteer's). ``unit`` and ``province`` are the
        document's: "Ủy ban nhân dân thành phố Lạng Sơn" in a Lạng Sơn plan is
        the city's committee, not the province's."""
        candidates = [self._from_entry(text, entry, start, end, unit, province)
                      for entry, start, end in self.gazetteer.finditer(text)]
        for m in self.head_re.finditer(text):
            if m.start() and text[m.start() - 1] in "-/" or self.not_body_re.match(text, m.start()):
                continue  # a part of a số ký hiệu ("Số: 101/KH-UBND"), a law ("Bộ luật")
            stop = self._stop_re.match(text, m.start())
            if stop and stop.end() > m.end():
                continue  # a verb that opens with a head: "Báo cáo", "Bố trí" typed "Bao cao", "Bo tri"
            body = self._from_head(text, m)
            if body is not None:
                entry = self._misspelt(body.name)
                candidates.append(body if entry is None else
                                  self._from_entry(text, entry, body.start, body.end, unit, province))
        # where the gazetteer knows a name, it says where the name ends ("Sở Y tế, Giáo dục …" lists departments)
        known = {b.start for b in candidates if b.rule.startswith("agencies.")}
        candidates = [b for b in candidates if b.rule.startswith("agencies.") or b.start not in known]
        candidates.sort(key=lambda b: (b.start, -(b.end - b.start), not b.rule.startswith("agencies.")))
        bodies: list[Body] = []
        for body in candidates:
            if bodies and body.start < bodies[-1].end:
                continue
            bodies.append(body)
        return bodies

    def _from_entry(self, text: str, entry: Entry, start: int, end: int, unit: str | None,
                    province: str | None) -> Body:
        known_end, end = end, self._level_after(text, end)
        mention = text[start:end]
        name = entry["name"]
        provincial = entry.get("level") == "province"
        if provincial:
            written = self.city_unit if self.city_unit_re.search(mention) else \
                self.province_unit if self.province_unit_re.search(mention) else None
            level = self.unit_re.search(text, known_end, end)
            after = text[known_end:end]
            unit_word = self._unit_prefix_re.match(after)
            place = after[unit_word.end() if unit_word else 0:].strip()
            other = self.rules.provinces.lookup(place) if place else None
            lower_level = level is not None and not (self.city_unit_re.fullmatch(level.group(0))
                                                     or self.province_unit_re.fullmatch(level.group(0)))
            if lower_level or not (written or unit) or province and (
                    written and written != unit or place and (other is None or other["name"] != province)):
                # another unit's body, named as written: "Hội Nông dân huyện", "Công an thành phố (Lạng Sơn)"
                # in a province, "Công an tỉnh Bắc Ninh" in another province's plan
                name = self._written_name(mention)
                return Body(start, end, name, name.casefold(), False, f"agencies.{entry.id}")
            name = self.province_word_re.sub(written or unit, name)
        return Body(start, end, name, entry.id, provincial, f"agencies.{entry.id}", entry.get("level") == "group")

    def _from_head(self, text: str, head: re.Match) -> Body | None:
        """A body named by a head and the words after it, or None when no name
        follows the head or the name stops where it cannot end."""
        start, pos = head.start(), head.end()
        parts, newline_ok, leveled = 0, not head.group(0).isupper(), False
        while True:
            joint = self.connector_re.match(text, pos)
            if joint and not leveled and self._goes_on(text, joint.end()):   # a level word ends a name
                pos, newline_ok = joint.end(), True
                continue
            gap = _SPACE_RE.match(text, pos).end()
            if newline_ok and (nl := _NEWLINE_RE.match(text, pos)):
                gap = nl.end()
            if gap == pos and not newline_ok:
                break  # punctuation ends the name
            unit = self.unit_at(text, gap)
            line_break = _NEWLINE_RE.match(text, pos)
            if unit is None and line_break and parts:   # a level word after a line break: "Bộ Tư lệnh | Thành phố"
                unit = self.unit_at(text, line_break.end())
            if unit:
                pos, parts, newline_ok = self._place_after(text, unit.end(), unit.group(0)), parts + 1, False
                leveled = True
                continue
            word = _WORD_RE.match(text, gap)
            if word is None or self.stops_at(text, gap) or not word.group(0)[0].isupper() \
                    or not parts and word.group(0) == head.group(0):   # "Bộ | Bộ phận": no name
                if not parts and head.group(0) in self.numbered_heads \
                        and (number := _STEERING_NUMBER_RE.match(text, pos)):
                    pos, parts = number.end(), 1
                    continue
                break
            pos, parts, newline_ok, leveled = word.end(), parts + 1, False, False
            # a capitalised syllable takes one lowercase syllable: "Nông nghiệp", "Y tế"
            tail_gap = _SPACE_RE.match(text, pos).end()
            tail = _WORD_RE.match(text, tail_gap)
            if tail and tail_gap > pos and tail.group(0)[0].islower() and not self.stops_at(text, tail_gap) \
                    and not self.unit_at(text, tail_gap) and not self.connector_re.match(text, pos):
                pos = tail.end()
        if not parts and head.group(0) in self.complete_heads:
            end = pos
        elif not parts and text[pos:pos + 1] == ",":
            return None   # "Bộ, ngành", "Sở, ban, ngành": a group
        elif leveled:
            end = pos   # a level word ends a name
        else:
            reached = self._reach_level(text, pos, bool(parts))
            if reached is None:
                return None
            end = reached
        name = self._written_name(text[start:end])
        provincial = bool(self.province_unit_re.search(name) or self.city_unit_re.search(name))
        return Body(start, end, name, name.casefold(), provincial, "cues.body_heads",
                    bool(self.group_unit_re.search(name)))

    def stops_at(self, text: str, pos: int) -> bool:
        """Whether a stop word at ``pos`` ends a name ("tổ chức", "Tăng cường",
        "Chủ trì"); not one that opens a place's name ("Cần Thơ")."""
        if not self._stop_re.match(text, pos) or self.name_phrase_re.match(text, pos):
            return False
        if text[pos:pos + 1].islower() or self._role_re.match(text, pos):
            return True
        provinces = self.rules.provinces.regex   # a capitalised stop word may open a place's name
        return not (provinces is not None and provinces.match(fold_diacritics(text[pos:pos + 30])))

    def _misspelt(self, name: str) -> Entry | None:
        """The gazetteer entry a name misspells by one letter ("Sở Sây dựng" for
        Sở Xây dựng): same head word, as many words, ten letters at least."""
        if len(name) < 10:
            return None
        words = fold_diacritics(name).casefold().split()
        for form, entry in self._forms_by_head.get((words[0], len(words)), []):
            if _one_edit(" ".join(words), form):
                return entry
        return None

    @cached_property
    def _forms_by_head(self) -> dict[tuple[str, int], list[tuple[str, Entry]]]:
        forms: dict[tuple[str, int], list[tuple[str, Entry]]] = {}
        for entry in self.gazetteer.entries.values():
            for name in entry.names:
                words = fold_diacritics(name).casefold().split()
                forms.setdefault((words[0], len(words)), []).append((" ".join(words), entry))
        return forms

    def _goes_on(self, text: str, pos: int) -> bool:
        """Whether a name goes on after a connector: to a capitalised word that
        opens no other body ("Báo và | Phát thanh", not "Sở Tư pháp, | Công an tỉnh")."""
        word = _WORD_RE.match(text, pos)
        return bool(word and word.group(0)[0].isupper() and not self.head_re.match(text, pos)
                    and not self.stops_at(text, pos) and not self.unit_at(text, pos)
                    and not self.title_re.match(text, pos))

    def unit_at(self, text: str, pos: int) -> re.Match | None:
        """A level word at ``pos``, not one that opens a common noun ("xã hội")."""
        if self.not_unit_re.match(text, pos):
            return None
        return self.unit_re.match(text, pos)

    def _reach_level(self, text: str, pos: int, named: bool) -> int | None:
        """Where a name ends that stopped at ``pos``: there, when a stop word,
        punctuation or a line end follows; at its level word when lowercase words
        (and acronyms) without a stop word lead to one ("Trung tâm Dịch vụ | việc
        làm Thành phố", "Trung tâm Phòng, | chống HIV/AIDS tỉnh");
        None when it stops before words it cannot account for."""
        gap = _SPACE_RE.match(text, pos).end()
        comma = re.compile(r",[ \t]*").match(text, pos)   # "Cục Phòng, | chống tệ nạn xã hội" goes on
        if named and comma and (word := _WORD_RE.match(text, comma.end())) and word.group(0)[0].islower() \
                and not self.stops_at(text, comma.end()) and not self.unit_at(text, comma.end()):
            gap = comma.end()
        word = _WORD_RE.match(text, gap)
        if gap == pos or word is None or self.stops_at(text, gap) or word.group(0)[0].isupper():
            return pos if named else None
        cursor = gap
        for _ in range(_REACH_MAX):
            unit = self.unit_at(text, cursor)
            if unit:
                return self._place_after(text, unit.end(), unit.group(0))
            word = _WORD_RE.match(text, cursor)
            if word is None or self.stops_at(text, cursor) or not (word.group(0)[0].islower()
                                                                    or _ACRONYM_RE.fullmatch(word.group(0))):
                return None
            cursor = _RUN_GAP_RE.match(text, word.end()).end()
        return None

    def _place_after(self, text: str, pos: int, unit: str) -> int:
        """The end of a level: "khu vực XII", "tỉnh Bắc Ninh", "thành phố Cần Thơ"."""
        if self.numbered_unit_re.match(unit):
            number = _ROMAN_OR_NUMBER_RE.match(text, pos)
            return number.end() if number else pos
        end = pos
        for _ in range(_PLACE_MAX):
            gap = _SPACE_RE.match(text, end).end()
            word = _WORD_RE.match(text, gap)
            if gap == end or word is None or not word.group(0)[0].isupper() or self.head_re.match(text, gap) \
                    or self.stops_at(text, gap):
                break
            end = word.end()
        return end

    def _level_after(self, text: str, end: int) -> int:
        """A gazetteer mention runs on over its level and place ("Sở Y tế | thành
        phố Cần Thơ", "Ban Quản lý các khu chế xuất và công nghiệp | Cần Thơ")."""
        gap = _SPACE_RE.match(text, end).end()
        if gap == end:
            return end
        unit = self.unit_at(text, gap)
        if unit:
            return self._place_after(text, unit.end(), unit.group(0))
        provinces = self.rules.provinces.regex
        place = provinces.match(fold_diacritics(text[gap:gap + 40])) if provinces is not None else None
        return gap + place.end() if place else end

    def _written_name(self, mention: str) -> str:
        """A body no list knows, named as written: one line, abbreviations
        expanded ("UBND" → "Ủy ban nhân dân", "TP" → "thành phố")."""
        name = " ".join(mention.split())
        for entry, start, end in list(self.rules.abbreviations.finditer(name))[::-1]:
            name = name[:start] + entry["name"] + name[end:]
        return self.city_unit_re.sub(lambda m: self.city_unit if m.group(0) == "TP" else m.group(0), name)


def _one_edit(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` differ by one letter replaced, added or dropped."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    short, long_ = sorted((a, b), key=len)
    i = next((k for k, (x, y) in enumerate(zip(short, long_)) if x != y), len(short))
    return short[i:] == long_[i + 1:]


def body_finder(rules: RuleSet) -> BodyFinder:
    """The rule set's body recognisers, built on first use."""
    finder = rules.__dict__.get("_body_finder")
    if finder is None:
        finder = rules.__dict__["_body_finder"] = BodyFinder(rules)
    return finder
