"""Citations: the other documents a text refers to (SPEC §3 "citations").

The patterns are in ``rules/citations.yaml``; the document types come from
``rules/doc_types.yaml``. Each cited document is listed once, at its first
mention, with the date and issuer of whichever mention gives them.
"""
from __future__ import annotations

import bisect
import re

from ..model import Citation, RecordWarning
from ..normalize import NormalizedText, fold_diacritics, is_whole_words
from ..ruleset import RuleSet, once_per_rules, words_pattern
from .values import normalise_symbol, parse_date, symbol_doc_type

SUBJECT_LENGTH = 200  # characters of a cited document's subject kept: enough to tell two subjects apart


@once_per_rules
def _doc_type_alternation(rules: RuleSet) -> str:
    names = [n for e in rules.entries("doc_types").values() for n in [e["name"], *e.get("aliases", [])]]
    # case-blind for the type word only ("kế hoạch số …" in running text), and
    # also written without diacritics ("Quyet dinh so 1546/QD-TTg")
    return "(?i:" + words_pattern(names + [fold_diacritics(n) for n in names]) + ")"


@once_per_rules
def _type_start_regex(rules: RuleSet) -> re.Pattern:
    return re.compile("(?=" + _doc_type_alternation(rules) + ")")


def _type_starts(body: str, rules: RuleSet) -> list[int]:
    """Where the word of a document type starts in ``body``, in order (names inside longer
    ones too: the "luật" of "Bộ luật")."""
    return [m.start() for m in _type_start_regex(rules).finditer(body)]


@once_per_rules
def _opens_with_type(rules: RuleSet, pattern: re.Pattern) -> bool:
    """Whether ``pattern`` opens with the document type, as the rules' numbered patterns do."""
    return pattern.pattern.startswith("(?P<type>(?:" + _doc_type_alternation(rules) + ")")


def _search_from(pattern: re.Pattern, body: str, pos: int, type_starts: list[int] | None) -> re.Match | None:
    """``pattern.search(body, pos)``, tried only at ``type_starts`` (None: everywhere) for a pattern
    that opens with a document type: the long alternation of types is slow to try at every character,
    and both patterns of numbered citations would try it over the whole text."""
    if type_starts is None:
        return pattern.search(body, pos)
    for start in type_starts[bisect.bisect_left(type_starts, pos):]:
        m = pattern.match(body, start)
        if m:
            return m
    return None


def _canonical_type(word: str, rules: RuleSet) -> str | None:
    entry = rules.doc_types.lookup(word)
    return entry["name"] if entry else None


def date_near(text: str, start: int, end: int, rules: RuleSet) -> tuple[str | None, int]:
    """The date written right after a citation (and where it ends), else the
    date its sentence opens with before "… ban hành"."""
    after = rules.pattern("date_after").match(text, end)
    if after:
        return parse_date(after.group("date") or after.group("date_paren")), after.end()
    window_start = max(0, start - 220)
    before = rules.pattern("date_before").search(text[window_start:start])
    if before:
        return parse_date(before.group("date")), end
    return None, end


def _issuer_and_subject_after(text: str, pos: int, rules: RuleSet) -> tuple[str | None, str | None]:
    """The issuer after "của", then what the document is about: "của UBND tỉnh Lạng Sơn
    về việc thực hiện kiến nghị của Ủy ban Tư pháp …" → ("UBND tỉnh Lạng Sơn", "thực hiện
    kiến nghị của Ủy ban Tư pháp …")."""
    issuer = None
    m = rules.pattern("issuer_after").match(text, pos)
    if m:
        issuer, pos = " ".join(m.group("issuer").split()), m.end()
    about = rules.pattern("subject_after").match(text, pos)
    if not about:
        return issuer, None
    subject = about.group("subject") or about.group("subject_verb")
    subject = re.split(r"\.(?:\s|$)", subject, maxsplit=1)[0]  # a sentence's end ends it
    if len(subject) > SUBJECT_LENGTH:
        subject = subject[:SUBJECT_LENGTH].rsplit(" ", 1)[0]
    return issuer, " ".join(subject.split()).strip(" ,-") or None


@once_per_rules
def _title_words(rules: RuleSet, unmarked: bool) -> tuple:
    """The words that go on or end a law's name, spelled as the text is (with or without marks)."""
    spelled = (lambda w: fold_diacritics(w).casefold()) if unmarked else str.casefold
    of, and_ = spelled("của") + " ", spelled("và") + " "
    comma_phrases = [spelled(p) for p in rules.cue("title_comma_phrases") if "," in p]
    and_phrases = [phrase for phrase in map(spelled, rules.cue("title_and_phrases")) if f" {and_}" in phrase]
    stops = re.compile(words_pattern([spelled(w) for w in rules.cue("title_stops")]), re.IGNORECASE)
    name_phrases = [p.casefold() for p in rules.cue("unmarked_name_phrases")] if unmarked else []
    of_followers = re.compile(r"\s*(?:" + words_pattern([spelled(w) for w in rules.cue("title_of_followers")]) + ")",
                              re.IGNORECASE)
    return of, and_, comma_phrases, and_phrases, stops, name_phrases, of_followers


def _law_title(text: str, start: int, rules: RuleSet) -> tuple[str, int]:
    """The name of a law starting at ``start``: up to punctuation, a stop word,
    or the year that closes it ("Bộ luật Hình sự năm 2015"). An amending law
    names every law it amends: "Luật sửa đổi, bổ sung một số điều của Luật Tổ
    chức Chính phủ và Luật Tổ chức chính quyền địa phương" is one name."""
    # compared as the text is written: with its marks or, typed without them, without
    unmarked = fold_diacritics(text[start:start + 200]) == text[start:start + 200]
    of, and_, comma_phrases, and_phrases, stops, name_phrases, of_followers = _title_words(rules, unmarked)
    pos = start
    amends = False  # past "của Luật …": "và Luật …" names another amended law
    limit = min(len(text), start + 200)
    while pos < limit:
        ch = text[pos]
        if ch in ";.:()\n\t\"“”":
            break
        if ch == "," and not any(text[pos - p.index(","):pos - p.index(",") + len(p)].casefold() == p
                                  for p in comma_phrases):
            break
        if ch == " ":
            rest = text[pos + 1:limit]
            if re.match(r"(?:s[ốo]|ng[àa]y)\s*:?\s*\d", rest):
                break
            year = re.match(r"n[ăa]m\s+(?:19|20)\d\d(?!\d)", rest)
            if year:
                pos += 1 + year.end()
                break
            if rest.startswith(of) and of_followers.match(rest, len(of)):
                pos += len(of)
                amends = True
                continue
            if amends and rest.startswith(and_) and of_followers.match(rest, len(and_)):
                pos += len(and_)
                continue
            if rest.startswith(and_) and any(
                    text[pos - p.index(f" {and_}"):pos - p.index(f" {and_}") + len(p)].casefold() == p
                    for p in and_phrases):
                pos += 1 + len(and_)
                continue
            if (stops.match(rest) and not _in_phrase(text, pos + 1, name_phrases)) or rest.startswith(of):
                break
        pos += 1
    return text[start:pos].strip(" ,-"), pos


def _in_phrase(text: str, pos: int, phrases: list[str]) -> bool:
    """Whether the word at ``pos`` is a word of one of ``phrases`` as written around it."""
    for phrase in phrases:
        for offset in [0] + [m.end() for m in re.finditer(" ", phrase)]:
            start = pos - offset
            if start >= 0 and text[start:start + len(phrase)].casefold() == phrase and \
                    not text[start + len(phrase):start + len(phrase) + 1].isalnum():
                return True
    return False


def citation_mentions(text: NormalizedText, rules: RuleSet, own_number: str | None) -> list[tuple[tuple, Citation]]:
    """Every mention of a cited document, in the order the patterns find them, each with
    the key that says which mentions are one document (its number, else its law's name)
    and the date as written: "Công văn số 65/UBND-NC ngày 17/01/2019" in section II and
    "Công văn số 56/UBND-NC ngày 17/01/2019" in section III are two mentions, kept apart
    here so that ``plancli check`` can compare them; ``extract_citations`` merges them."""
    body = text.text
    found: list[tuple[tuple, Citation]] = []
    site_lists = [(m.start(), m.end()) for m in rules.pattern("site_list_item").finditer(body)]

    def in_site_list(pos: int) -> bool:
        return any(start <= pos < end for start, end in site_lists)

    numbered = rules.pattern("numbered", doc_type=_doc_type_alternation(rules))
    type_starts = _type_starts(body, rules)
    starts = type_starts if _opens_with_type(rules, numbered) else None
    next_match = 0
    while m := _search_from(numbered, body, next_match, starts):
        next_match = m.end()
        if in_site_list(m.start()):
            continue
        raw_number = m.group("number")
        if not ("/" in raw_number or "-" in raw_number or m.group("so")):
            continue  # "Đề án 5", "Chương trình 2": an ordinal, not a document number
        if m.group("type")[:1].islower() and not is_whole_words(body, m.start("type"), m.end("type")):
            continue  # "luật" of "pháp luật số 64/2025" is no law
        number = normalise_symbol(raw_number, rules)
        if own_number and number.casefold() == own_number.casefold():
            continue
        doc_type = _canonical_type(m.group("type"), rules) or symbol_doc_type(number, rules)
        date, after_date = date_near(body, m.start(), m.end(), rules)
        issuer, subject = _issuer_and_subject_after(body, after_date, rules)
        citation = Citation(doc_type=doc_type, number=number, text=body[m.start():after_date].strip(),
                            span=text.span(m.start(), after_date), issue_date=date, issuer=issuer, subject=subject)
        citation.why = _why(rules, "patterns.numbered", "a document type with its số ký hiệu", m.group(0), citation)
        found.append((("number", number.casefold()), citation))

    _with_issuer_between(text, rules, found, own_number, in_site_list, type_starts)

    named_until = 0
    for m in rules.pattern("law_name").finditer(body):
        if in_site_list(m.start()):
            continue
        if m.start() < named_until:
            continue  # a law named inside an amending law's name ("… của Luật Tổ chức Chính phủ và …")
        if re.search("(?:" + rules.cue_regex("law_word_compounds").pattern + r")\s+$",
                     body[max(0, m.start() - 12):m.start()], re.IGNORECASE):
            continue  # "Hệ Thống Pháp Luật": "pháp luật" is the law in general, no law's name
        title, end = _law_title(body, m.start(), rules)
        named_until = m.start() + len(title)
        if len(title.split()) <= len(m.group("type").split()):
            continue  # "Luật số 87/2025/QH15": a number, not a name
        doc_type = _canonical_type(m.group("type"), rules)
        # "Luật Tổ chức chính quyền địa phương số 72/2025/QH15": a named law with its number
        number_after = rules.pattern("number_after").match(body, end)
        if number_after:
            number = normalise_symbol(number_after.group("number"), rules)
            date, date_end = date_near(body, m.start(), number_after.end(), rules)
            citation = Citation(doc_type=doc_type, number=number, text=body[m.start():date_end].strip(),
                                span=text.span(m.start(), date_end), issue_date=date, title=title)
            citation.why = _why(rules, "patterns.law_name", "a law by its name, its number after it", title, citation)
            found.append((("number", number.casefold()), citation))
            continue
        date, date_end = date_near(body, m.start(), end, rules)
        citation = Citation(doc_type=doc_type, number=None, text=body[m.start():date_end].strip(),
                            span=text.span(m.start(), date_end), issue_date=date, title=title)
        citation.why = _why(rules, "patterns.law_name", "a law cited by its name, up to where the name stops",
                            title, citation)
        found.append((("title", _title_key(title)), citation))
    return found


def extract_citations(text: NormalizedText, rules: RuleSet, own_number: str | None,
                      own_date: str | None) -> tuple[list[Citation], list[RecordWarning]]:
    found: dict[tuple, Citation] = {}
    for key, citation in citation_mentions(text, rules, own_number):
        _keep(found, key, citation)
    citations = _merge_short_forms(sorted(found.values(), key=lambda c: c.span.start))
    warnings = []
    if own_date:
        for c in citations:
            if c.issue_date and c.issue_date[:len(own_date)] > own_date:
                warnings.append(RecordWarning(
                    "citation-after-document",
                    f"line {c.span.line}: {c.doc_type or 'document'} {c.number or c.title} is dated {c.issue_date}, "
                    f"after this document ({own_date}); the date was left out as a likely typo"))
                c.issue_date = None
    return citations, warnings


def _with_issuer_between(text: NormalizedText, rules: RuleSet, found: list, own_number: str | None,
                         in_site_list, type_starts: list[int]) -> None:
    """A document named with its issuer between its type and its number: "Kết luận liên ngành Tư
    pháp Trung ương số 23/KL-LNTPTW". Kept only where the symbol names the same type (KL: Kết luận),
    so "Kế hoạch triển khai Thông tư số 09/2013/TT-BXD" is not a Kế hoạch."""
    body = text.text
    pattern = rules.pattern("numbered_issuer_between", doc_type=_doc_type_alternation(rules))
    starts = type_starts if _opens_with_type(rules, pattern) else None
    pos = 0
    while True:
        m = _search_from(pattern, body, pos, starts)
        if m is None:
            return
        pos = m.start() + 1  # the words between may hold the type word of the real citation
        number = normalise_symbol(m.group("number"), rules)
        doc_type = _canonical_type(m.group("type"), rules)
        if (in_site_list(m.start()) or doc_type is None or symbol_doc_type(number, rules) != doc_type
                or (own_number and number.casefold() == own_number.casefold())):
            continue
        date, after_date = date_near(body, m.start(), m.end(), rules)
        issuer, subject = _issuer_and_subject_after(body, after_date, rules)
        citation = Citation(doc_type=doc_type, number=number, text=body[m.start():after_date].strip(),
                            span=text.span(m.start(), after_date), issue_date=date, issuer=issuer, subject=subject)
        citation.why = _why(rules, "patterns.numbered_issuer_between",
                            "a type, its issuer, then a number whose symbol names the same type", m.group(0), citation)
        found.append((("number", number.casefold()), citation))
        pos = m.end()


def _why(rules: RuleSet, pattern: str, note: str, matched: str, citation: Citation) -> list[dict]:
    """The steps that found a citation and filled its date and issuer, for --explain."""
    steps = [rules.why(pattern, note, matched=" ".join(matched.split()))]
    if citation.issue_date:
        steps.append(rules.why("tokens.date", "the date right after it", matched=citation.issue_date))
    if citation.issuer:
        steps.append(rules.why("patterns.issuer_after", "the issuer after the number and date", matched=citation.issuer))
    if citation.subject:
        steps.append(rules.why("patterns.subject_after", "what it is about, after its issuer", matched=citation.subject))
    return steps


def _title_key(title: str) -> str:
    """ "Bộ luật Hình sự" and "Bộ luật Hình sự năm 2015" are one law."""
    return re.sub(r"\s+nam\s+\d{4}$", "", " ".join(fold_diacritics(title).casefold().split()))


def _merge_short_forms(citations: list[Citation]) -> list[Citation]:
    """A document cited again in a shorter form is one citation: "Nghị quyết số 57"
    after "Nghị quyết số 57-NQ/TW", "Luật Ban hành văn bản …" after the same law
    with its number."""
    kept: list[Citation] = []
    for c in citations:
        if c.number and re.fullmatch(r"\d+", c.number) and any(
                k.doc_type == c.doc_type and k.number and re.match(re.escape(c.number) + r"[-/]", k.number)
                for k in citations):
            continue
        if c.number is None and c.title and any(
                k.number and k.title and _title_key(k.title) == _title_key(c.title) for k in citations):
            continue
        kept.append(c)
    return kept


def _keep(found: dict, key: tuple, citation: Citation) -> None:
    """First mention wins; a later mention fills what the first left out."""
    first = found.get(key)
    if first is None:
        found[key] = citation
        return
    for attribute in ("issue_date", "issuer", "title", "doc_type", "subject"):
        if getattr(first, attribute) is None and getattr(citation, attribute) is not None:
            setattr(first, attribute, getattr(citation, attribute))
