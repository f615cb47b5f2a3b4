"""The identity of the document a text is about (SPEC §3 "document").

A plan's own header gives it: ``Số: 23 /KH-BCĐ``, the place-and-date line,
the type in capitals (``KẾ HOẠCH``) with the title under it, the issuer in the
left column above. A news page gives it in its lead: "… UBND tỉnh Tiền Giang
ban hành Kế hoạch số 37/KH-UBND …". What the text does not say stays None.
Patterns and word lists are in ``rules/document.yaml``.
"""
from __future__ import annotations

import re

from ..model import DocumentInfo
from ..normalize import NormalizedText, fold_diacritics
from ..ruleset import Entry, RuleSet, words_pattern
from .citations import date_near
from .values import normalise_symbol, parse_date, sentence_case, symbol_doc_type

HEADER_LINES = 30          # a header never runs longer than this
LEAD_PARAGRAPHS = 2        # a news page names the plan it reports in its first paragraphs
LONG_PARAGRAPH = 100       # characters: shorter lines are headlines, dates, bylines


def _header(text: str) -> str:
    """The lines before the body: up to the first long paragraph."""
    out = []
    for line in text.split("\n")[:HEADER_LINES]:
        if len(line) > 200:
            break
        out.append(line)
    return "\n".join(out)


def _lead(text: str) -> str:
    paragraphs = [p for p in text.split("\n") if len(p) >= LONG_PARAGRAPH]
    return "\n".join(paragraphs[:LEAD_PARAGRAPHS])


def _find_province(text: str, rules: RuleSet, context: bool) -> Entry | None:
    """The first province named in ``text``; with ``context``, only one named as
    such ("tỉnh Lạng Sơn", "thành phố Cần Thơ"), not "hòa bình" in a sentence."""
    words = re.compile(words_pattern(rules.cue("province_words")) + r"\s*$", re.IGNORECASE)
    for entry, start, _ in rules.provinces.finditer(text):
        if not context or words.search(text[max(0, start - 12):start]):
            return entry
    return None


def _expand_abbreviations(name: str, rules: RuleSet) -> str:
    for entry, start, end in list(rules.abbreviations.finditer(name))[::-1]:
        if name[start:end] in entry.get("short", []):
            name = name[:start] + entry["name"] + name[end:]
    return name


def _header_issuer(header: str, rules: RuleSet) -> tuple[str | None, str]:
    """The issuing body in the header's left column, above the number line, and
    the parent body above it. Lines are one name until a line starts another
    body: "ỦY BAN NHÂN DÂN" / "TỈNH LÀO CAI" is one name, "THỦ TƯỚNG CHÍNH" /
    "PHỦ" too; "UBND TỈNH NGHỆ AN" / "BAN CHỈ ĐẠO 138" is Ban Chỉ đạo 138 under
    the provincial committee."""
    motto = " " + " ".join(fold_diacritics(m).casefold() for m in rules.cue("motto")) + " "
    heads = rules.cue_regex("issuer_heads")
    parts: list[str] = []
    for line in header.split("\n"):
        if rules.pattern("header_number").match(line):
            break
        left = line.split("\t")[0].strip()
        folded = fold_diacritics(left)
        if not left.isupper() or f" {folded.casefold()} " in motto:
            continue  # prose, or the national motto (also cut over two lines)
        if parts and not heads.match(left):
            parts[-1] += " " + left
        else:
            parts.append(left)
    if not parts:
        return None, ""
    named = [sentence_case(p, rules) for p in parts]
    return named[-1], " ".join(named[:-1])


def _statement_issuer(text: str, verb_start: int, rules: RuleSet) -> tuple[str | None, str]:
    """The body before an issuing verb: "UBND tỉnh Tiền Giang ban hành" →
    "UBND tỉnh Tiền Giang"; "… tỉnh Lạng Sơn (gọi tắt là Ban Chỉ đạo 138 tỉnh)
    xây dựng" → "Ban Chỉ đạo 138 tỉnh", with the full name before it."""
    clause_start = max(text.rfind(c, 0, verb_start) for c in ".;:\n")
    clause = text[clause_start + 1:verb_start].rstrip()
    clause = re.sub(r"\s*(?:" + rules.cue_regex("issuing_adverbs").pattern + r")$", "", clause)
    alias = re.search(r"\((?:" + "|".join(map(re.escape, rules.cue("alias_intros"))) + r")\s+([^()]+)\)$", clause)
    full = clause[:alias.start()] if alias else clause
    heads = re.compile(words_pattern(rules.cue("issuer_heads")))
    # the body named last before the verb: the last comma-separated piece that
    # holds a head word, from that head on ("…, ngày 20/02/2019, UBND tỉnh Tiền
    # Giang"; "Sở Lao động, Thương binh và Xã hội" keeps its comma)
    name = None
    piece_start = len(full)
    while piece_start > 0:
        comma = full.rfind(",", 0, piece_start)
        head = heads.search(full, comma + 1, piece_start)
        if head:
            name = full[head.start():].strip(" ,")
            break
        piece_start = comma if comma >= 0 else 0
    if alias:
        return alias.group(1).strip(), name or ""
    return name, name or ""


def _level(issuer: str | None, province: Entry | None, headline: str, rules: RuleSet) -> str | None:
    def has(cue: str, text: str) -> bool:
        return bool(re.search(words_pattern(rules.cue(cue)), text))

    if issuer:
        if province is None and (has("national_issuers", issuer) or re.match(words_pattern(rules.cue("ministry_heads")), issuer)):
            return "national"
        # "Ủy ban nhân dân xã Tân Lập", "UBND huyện Cao Lộc": a named commune or district
        for level, cue in (("commune", "commune_words"), ("district", "district_words")):
            if re.search(words_pattern(rules.cue(cue)) + r"\s+[A-ZĐ]", issuer):
                return level
        if province is not None or has("province_words", issuer):
            return "province"
    if province is not None:
        return "province"
    if has("national_issuers", headline):
        return "national"
    return None


def _headline(text: str) -> str:
    for line in text.split("\n")[:8]:
        if len(line.split()) >= 6:
            return line
    return ""


def _title_after_heading(header: str, heading_end: int, rules: RuleSet, capitals_only: bool = False) -> str | None:
    starts = tuple(rules.cue("preamble_starts"))
    motto = {m.casefold() for m in rules.cue("motto")}
    lines = []
    for line in header[heading_end:].split("\n"):
        line = line.strip(" \f")
        if capitals_only:
            # the title is the first lines in capitals that are neither the motto nor a section
            # heading ("II. NHIỆM VỤ"); skip to them, stop after them
            title_like = (line.isupper() and len(line.split()) >= 3 and "\t" not in line
                          and line.casefold() not in motto and not re.match(r"[IVXLC\d]+[.)]\s", line))
            if not title_like:
                if lines:
                    break
                continue
        if not line:
            if lines:
                break
            continue
        if (line.startswith(starts) or len(lines) == 4 or re.match(r"[IVXLC\d]{1,4}[.)]\s", line)
                or (lines and rules.cue_regex("issuer_heads").match(line))):
            break  # the preamble, the first section, or the issuer named again ("THỦ TƯỚNG CHÍNH PHỦ")
        lines.append(line)
    return sentence_case(" ".join(lines), rules) if lines else None


def _period_and_year(title: str | None, issue_year: int | None, rules: RuleSet) -> tuple[list[int] | None, int | None]:
    if not title:
        return None, issue_year
    period = None
    m = rules.pattern("period").search(title)
    if m:
        first = m.group("first") or m.group("first2")
        last = m.group("last") or m.group("last2") or m.group("last3")
        if first:
            period = [int(first), int(last)]
        elif issue_year and int(last) > issue_year:
            period = [issue_year, int(last)]
    # the years of dates in a title ("Chỉ thị số 52-CT/TW ngày 03 tháng 10 năm 2025") are not its year
    undated = rules.pattern("dates").sub(" ", title)
    years = [int(y.group("year")) for y in rules.pattern("year_in_title").finditer(undated)]
    if period:
        return period, issue_year or period[0]
    if years:
        return None, years[-1]
    return None, issue_year


def extract_document(text: NormalizedText, rules: RuleSet) -> DocumentInfo:
    body = text.text
    info = DocumentInfo()
    header = _header(body)
    numbers = list(rules.pattern("header_number").finditer(header))
    number_match = next((m for m in numbers if m.group("colon")), numbers[0] if numbers else None)
    province = None
    issuer_context = ""
    if number_match:
        info.number = normalise_symbol(number_match.group("number"), rules)
        place = rules.pattern("place_date").search(header)
        if place:
            info.issue_date = parse_date(place.group("date"))
        heading = None
        for m in re.finditer(r"(?m)^[^\S\n]*(\S[^\n]*?)[^\S\n]*$", header):
            entry = rules.doc_types.lookup(m.group(1))
            if entry and m.group(1).isupper():
                heading = (entry, m.end())
                break
        info.doc_type = heading[0]["name"] if heading else symbol_doc_type(info.number, rules)
        if heading:
            info.title = _title_after_heading(header, heading[1], rules)
        else:
            # no "KẾ HOẠCH" line (a web page dropped it): the first line in capitals
            # under the number is the title ("BAN HÀNH KẾ HOẠCH … NĂM 2025")
            info.title = _title_after_heading(header, number_match.end(), rules, capitals_only=True)
        info.issuer, issuer_context = _header_issuer(header, rules)
        if info.issuer is None:
            # the issuer's statement is in the preamble, before the first section ("I. MỤC TIÊU")
            first_section = re.search(r"(?m)^[\f ]*(?:[IVXLC]+|\d{1,2})[.)]\s", body[number_match.end():])
            preamble_end = number_match.end() + first_section.start() if first_section else len(body)
            verbs = re.compile(words_pattern(rules.cue("issuing_verbs")))
            verb = verbs.search(body, 0, min(preamble_end, 3000))
            if verb:
                info.issuer, issuer_context = _statement_issuer(body, verb.start(), rules)
        if place:
            place_entry = rules.provinces.lookup(place.group("place"))
            if place_entry and not (info.issuer and _level(info.issuer, None, "", rules) == "national"):
                province = place_entry
    else:
        lead = _lead(body)
        lead_start = body.find(lead) if lead else 0
        plan_types = [n for e in rules.entries("doc_types").values() if e.get("plan")
                      for n in [e["name"], *e.get("aliases", [])]]
        reported = rules.pattern("reported", doc_type="(?i:" + words_pattern(plan_types) + ")")
        m = reported.search(body, lead_start, lead_start + len(lead)) if lead else None
        if m:
            info.number = normalise_symbol(m.group("number"), rules)
            info.doc_type = rules.doc_types.lookup(m.group("type"))["name"]
            type_start = m.start("type")
            info.issue_date, after = date_near(body, type_start, m.end(), rules)
            about = rules.pattern("reported_title").match(body, after)
            info.title = about.group("title").strip() if about else None
            info.issuer, issuer_context = _statement_issuer(body, m.start(), rules)
        else:
            info.title = _headline(body) or None
    if info.issuer:
        info.issuer = _expand_abbreviations(" ".join(info.issuer.split()), rules)
        province = province or _find_province(info.issuer, rules, context=False) \
            or _find_province(issuer_context, rules, context=True)
        if province and re.search(r"(?<!\w)(?:tỉnh|thành phố)$", info.issuer):
            # "Ban Chỉ đạo 138 tỉnh" in a Lạng Sơn plan is Ban Chỉ đạo 138 tỉnh Lạng Sơn
            info.issuer = f"{info.issuer} {province['name']}"
        elif province and info.issuer in rules.cue("bare_issuers"):
            # a header cut to "ỦY BAN NHÂN DÂN" (the web page lost its second line), dated "Ninh Thuận, ngày …"
            unit = "thành phố" if province.get("kind") == "city" else "tỉnh"
            info.issuer = f"{info.issuer} {unit} {province['name']}"
    info.province = province["name"] if province else None
    info.level = _level(info.issuer, province, _headline(body), rules)
    issue_year = int(info.issue_date[:4]) if info.issue_date else None
    info.period, info.year = _period_and_year(info.title, issue_year, rules)
    return info

