"""``plancli check``: inconsistencies within a plan and across plans, as findings.

Within a document: one cited document under two numbers, one number under two
dates or two types, a citation dated after the document, a number whose year
is not its date's, an annex header naming another decision than the document,
one indicator with two values for one year. Across documents: one cited
document under different numbers or dates in different plans, and (for
review) a province's target that went down from one year to the next.

A finding says which check found it, how serious it is, what is wrong in plain
words, why plancli takes the sides to be the same thing, and where each side
is (file and line). Checks prefer missing a conflict to inventing one: two
citations are one document only when their type, issuer and date agree and
their subjects match (or, across plans, they are cited beside the same other
document), and their numbers are one typing slip apart.

>>> import plancli
>>> report = plancli.check([plancli.extract("samples/langson-2019-kh23.md")])
>>> [(f.check, f.severity) for f in report.findings]
[('citation-number-conflict', 'error')]
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from .errors import PlancliError
from .model import Citation, Record, Span, Target, made_by
from .ruleset import RuleSet, rules_hash

CHECK_SCHEMA = "plancli.check/1"
SEVERITIES = ("info", "warning", "error")


@dataclass(frozen=True)
class CheckInfo:
    id: str
    severity: str
    scope: str  # "document": within one document; "corpus": across documents
    summary: str


CHECKS = {c.id: c for c in (
    CheckInfo("citation-number-conflict", "error", "document",
              "one cited document (same type, issuer, date and subject) under two numbers"),
    CheckInfo("citation-date-conflict", "error", "document", "one cited number under two dates"),
    CheckInfo("citation-type-conflict", "warning", "document",
              "one cited number under two document types (Quyết định / Kế hoạch …)"),
    CheckInfo("citation-after-document", "error", "document", "a cited document dated after the document citing it"),
    CheckInfo("number-year-mismatch", "error", "document",
              "the year inside a number (163/2024/QH15) differs from the year of its date"),
    CheckInfo("annex-number-mismatch", "error", "document",
              "an annex \"Kèm theo Quyết định số …\" names another number than the decision it belongs to"),
    CheckInfo("target-value-conflict", "warning", "document",
              "one indicator (of the catalog) and subject with two different values for the same year"),
    CheckInfo("cross-citation-number-conflict", "error", "corpus",
              "one cited document under different numbers in different plans"),
    CheckInfo("cross-citation-date-conflict", "error", "corpus",
              "one cited document under different dates in different plans"),
    CheckInfo("target-lowered", "info", "corpus",
              "a province's target for an indicator lower than the year before (for review)"),
)}

# checks that compare every mention of a citation, so need the document's text (stored records have none)
_NEEDS_TEXT = ("citation-date-conflict", "citation-type-conflict", "citation-after-document", "annex-number-mismatch")
# two subjects are one when their first words agree this much (rapidfuzz ratio over words, 0–100)
SUBJECT_MATCH = 85
# a subject shorter than this many words says too little to tell two documents apart
SUBJECT_MIN_WORDS = 4


@dataclass
class Location:
    """One side of a finding: a file, a line and the words there.

    ``text_line`` is the line of the normalised text (``plancli text``), which spans
    count in; ``line`` is the line of the file itself where the words were found in a
    plain-text file (.txt, .md), else the same as ``text_line`` (a PDF, a page)."""

    path: str
    line: int
    text: str
    start: int | None = None
    end: int | None = None
    page: int | None = None
    text_line: int | None = None

    @classmethod
    def of(cls, record: Record, span: Span, text: str) -> "Location":
        return cls(record.source.path, span.line, " ".join(text.split()), span.start, span.end, span.page, span.line)

    def to_dict(self) -> dict:
        return {"path": self.path, "line": self.line, "text_line": self.text_line, "page": self.page,
                "start": self.start, "end": self.end, "text": self.text}


_PLAIN_FORMATS = ("txt", "md", "text")


def _file_lines(findings: list["Finding"], records: list[Record]) -> None:
    """Set each location's ``line`` to the line of the file the words are on, for plain-text
    files still as they were read: the normalised text joins wrapped lines and drops
    Markdown, so its line 38 is line 43 of langson-2019-kh23.md."""
    import hashlib

    by_path = {r.source.path: r for r in records}
    files: dict[str, str | None] = {}
    for finding in findings:
        for loc in finding.locations:
            record = by_path.get(loc.path)
            if record is None or loc.start is None or record.source.format not in _PLAIN_FORMATS or not record.text:
                continue
            if loc.path not in files:
                files[loc.path] = None
                try:
                    data = Path(loc.path).read_bytes()
                    if hashlib.sha256(data).hexdigest() == record.source.sha256:
                        files[loc.path] = data.decode(record.source.encoding or "utf-8", "replace")
                except (OSError, LookupError):
                    pass
            raw = files[loc.path]
            words = loc.text.split()[:6]
            if raw is None or not words:
                continue
            wording = re.compile(r"\s+".join(map(re.escape, words)))
            # the how-manieth time these words are written before the span, in the text and so in the file
            nth = sum(m.start() <= loc.start for m in wording.finditer(record.text)) - 1
            found = list(wording.finditer(raw))
            if 0 <= nth < len(found):
                loc.line = raw.count("\n", 0, found[nth].start()) + 1


@dataclass
class Finding:
    """One inconsistency: ``why`` says what makes plancli take its sides for one thing."""

    check: str
    message: str
    why: str
    locations: list[Location]
    severity: str = ""  # the check's default unless a configuration changes it

    def __post_init__(self) -> None:
        self.severity = self.severity or CHECKS[self.check].severity

    def to_dict(self) -> dict:
        return {"check": self.check, "severity": self.severity, "message": self.message, "why": self.why,
                "locations": [loc.to_dict() for loc in self.locations]}


@dataclass
class CheckReport:
    """What ``check`` found: ``findings`` sorted by file and line, ``documents`` how many
    were checked, ``skipped`` the checks a stored record (which has no text) could not run."""

    findings: list[Finding]
    documents: int
    # the checks each stored record (no text) could not run: path → check ids
    skipped: dict[str, list[str]] = field(default_factory=dict)
    rules_hash: str | None = None  # of the rules the checks ran with

    def counts(self) -> dict[str, int]:
        return {s: sum(f.severity == s for f in self.findings) for s in reversed(SEVERITIES)}

    def failed(self, fail_on: str) -> bool:
        """Whether a finding at or above ``fail_on`` severity exists."""
        return any(SEVERITIES.index(f.severity) >= SEVERITIES.index(fail_on) for f in self.findings)

    def to_dict(self) -> dict:
        return {"schema": CHECK_SCHEMA, "plancli": made_by(self.rules_hash), "documents": self.documents,
                "counts": self.counts(),
                "findings": [f.to_dict() for f in self.findings],
                "skipped": self.skipped}


# --- configuration -------------------------------------------------------------------

def load_config(path: str | Path) -> dict[str, str | None]:
    """Check id → severity, or None for a check turned off, from a YAML file such as::

        checks:
          citation-number-conflict: {severity: warning}
          target-lowered: off

    An unknown id or severity is an error naming the file and line."""
    import yaml

    from .ruleset import _line_loader

    try:
        data = yaml.load(Path(path).read_text("utf-8"), Loader=_line_loader())  # noqa: S506 (a safe loader)
    except OSError as exc:
        raise PlancliError(f"{path}: cannot read the check configuration: {exc.strerror}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise PlancliError(f"{path}:{mark.line + 1 if mark else 1}: not valid YAML: "
                           f"{getattr(exc, 'problem', exc)}") from None
    checks = data.get("checks") if isinstance(data, dict) else None
    if not isinstance(checks, dict) or set(data) != {"checks"}:
        raise PlancliError(f"{path}:{getattr(data, 'line', 1)}: the configuration is one mapping 'checks:' of check "
                           "ids, e.g. 'checks: {target-lowered: off, citation-type-conflict: {severity: error}}'")
    out: dict[str, str | None] = {}
    for check_id, setting in checks.items():
        line = checks.key_lines.get(check_id, checks.line)
        if check_id not in CHECKS:
            raise PlancliError(f"{path}:{line}: unknown check '{check_id}'; `plancli check --list` lists them")
        if setting is False or setting == "off":  # YAML reads a bare off as false
            out[check_id] = None
        elif setting is True or setting == "on":
            out[check_id] = CHECKS[check_id].severity
        elif isinstance(setting, dict) and set(setting) <= {"severity"} and setting.get("severity") in SEVERITIES:
            out[check_id] = setting["severity"]
        elif isinstance(setting, str) and setting in SEVERITIES:
            out[check_id] = setting
        else:
            raise PlancliError(f"{path}:{line}: '{check_id}': give off, on, a severity "
                               f"({', '.join(SEVERITIES)}) or {{severity: …}}")
    return out


# --- how two citations are one document ---------------------------------------------

def _folded(text: str) -> str:
    from .normalize import fold_diacritics

    return " ".join(fold_diacritics(text).casefold().split())


def _issuer_key(issuer: str | None, record: Record, rules: RuleSet) -> tuple[str, str | None] | None:
    """Who issued a cited document, comparable across spellings and plans: "UBND tỉnh Lạng
    Sơn" and, in a Lạng Sơn plan, "UBND tỉnh" are (ubnd-tinh, Lạng Sơn); "Văn phòng Chính
    phủ" is national, the same in every plan."""
    if not issuer:
        return None
    for entry, start, end in list(rules.abbreviations.finditer(issuer))[::-1]:  # "BTV Tỉnh ủy": Ban Thường vụ
        issuer = issuer[:start] + entry["name"] + issuer[end:]
    province = None
    for entry, start, end in rules.provinces.finditer(issuer):
        province = entry["name"]
        issuer = (issuer[:start] + issuer[end:]).strip()
        break
    issuer = re.sub(r"\s+", " ", issuer).strip(" ,-")
    entry = rules.agencies.lookup(issuer)
    name = entry.id if entry else _folded(issuer)
    local = (entry is not None and entry.get("level") != "national") or province or \
        rules.cue_regex("local_issuer_words").search(issuer)
    return name, (province or record.document.province) if local else None


def _subject_words(subject: str | None) -> tuple[str, ...]:
    from .align import subject_words

    return subject_words(subject) if subject else ()


def subjects_match(a: str | None, b: str | None) -> bool:
    """Whether two subjects say the same thing: their first words agree (the shorter
    one's length), each with at least a few words. "thực hiện kiến nghị của Ủy ban Tư
    pháp của Quốc hội …" and the same words followed by "… và chức năng, nhiệm vụ" match."""
    from rapidfuzz import fuzz

    wa, wb = _subject_words(a), _subject_words(b)
    n = min(len(wa), len(wb))
    if n < SUBJECT_MIN_WORDS:
        return False
    return fuzz.ratio(wa[:n], wb[:n]) >= SUBJECT_MATCH


def _number_parts(number: str) -> tuple[str, str] | None:
    """ "65/UBND-NC" → ("65", "ubnd-nc"); "163/2024/QH15" → ("163", "2024/qh15")."""
    m = re.fullmatch(r"(\d+)\s*([-/].+)", number.strip())
    return (m.group(1), _folded(m.group(2))) if m else None


def _symbol_code(number: str) -> str | None:
    """The issuer's code of a number, its year left out: "16/2026/QĐ-UBND" → "qđ-ubnd"."""
    parts = _number_parts(number)
    return re.sub(r"^/?(?:19|20)\d\d/", "", parts[1].lstrip("/")) if parts else None


def _one_slip_apart(a: str, b: str) -> bool:
    """Two digit strings one typing slip apart: a digit changed, two swapped, one added or dropped."""
    from rapidfuzz.distance import DamerauLevenshtein

    return a != b and DamerauLevenshtein.distance(a, b) == 1


def _number_year(number: str | None) -> int | None:
    m = re.search(r"/((?:19|20)\d\d)(?:/|$)", number or "")
    return int(m.group(1)) if m else None


def _shown_date(iso: str | None) -> str:
    """ "2019-01-17" → "17/01/2019", as the texts write dates."""
    parts = (iso or "").split("-")
    return "/".join(reversed(parts)) if iso else "no date"


def _quote(subject: str | None, words: int = 12) -> str:
    if not subject:
        return ""
    split = subject.split()
    return "“" + " ".join(split[:words]) + (" …" if len(split) > words else "") + "”"


# --- within one document ---------------------------------------------------------------

@dataclass
class _Document:
    """A record with what the checks read from it: its citations as mentioned (every mention,
    dates as written) when its text is known, else the record's merged citations."""

    record: Record
    mentions: list[Citation] | None
    citations: list[Citation]

    @property
    def cited(self) -> list[Citation]:
        return self.mentions if self.mentions is not None else self.citations


def _prepare(record: Record, rules: RuleSet) -> _Document:
    if not record.text:
        return _Document(record, None, record.citations)
    from .extract.citations import citation_mentions
    from .normalize import NormalizedText

    text = NormalizedText(record.text, paged=record.source.pages is not None)
    mentions = [c for _, c in citation_mentions(text, rules, record.document.number)]
    return _Document(record, sorted(mentions, key=lambda c: c.span.start), record.citations)


def _same_document_two_numbers(a: Citation, b: Citation, ra: Record, rb: Record, rules: RuleSet,
                               shared: Citation | None = None) -> str | None:
    """Why ``a`` and ``b`` are one document under two numbers, or None when nothing says so."""
    if not (a.number and b.number and a.issue_date and a.doc_type):
        return None
    pa, pb = _number_parts(a.number), _number_parts(b.number)
    if not (pa and pb and pa[1] == pb[1] and _one_slip_apart(pa[0], pb[0])):
        return None
    if a.doc_type != b.doc_type or a.issue_date != b.issue_date:
        return None
    ia, ib = _issuer_key(a.issuer, ra, rules), _issuer_key(b.issuer, rb, rules)
    if ia is None or ia != ib:
        return None
    if subjects_match(a.subject, b.subject):
        about = f"the same subject ({_quote(a.subject)})"
    elif shared is not None:
        about = f"each is cited beside {shared.doc_type or 'document'} {shared.number} of {_shown_date(shared.issue_date)}"
    else:
        return None
    issuers = a.issuer if a.issuer == b.issuer else f"{a.issuer} / {b.issuer}"
    return (f"same type ({a.doc_type}), issuer ({issuers}) and date ({_shown_date(a.issue_date)}); {about}; "
            f"the numbers {pa[0]} and {pb[0]} are one typing slip apart")


def _number_conflicts(doc: _Document, rules: RuleSet) -> list[Finding]:
    out = []
    cited = [c for c in doc.citations if c.number]
    for i, a in enumerate(cited):
        for b in cited[i + 1:]:
            why = _same_document_two_numbers(a, b, doc.record, doc.record, rules)
            if why:
                out.append(Finding("citation-number-conflict", (
                    f"{a.doc_type} of {_shown_date(a.issue_date)} by {a.issuer} is cited as {a.number} and as "
                    f"{b.number}: one of the numbers is wrong"),
                    why, [Location.of(doc.record, a.span, a.text), Location.of(doc.record, b.span, b.text)]))
    return out


def _same_issuer(ia: tuple[str, str | None], ib: tuple[str, str | None]) -> bool:
    """Equal issuer keys, or one the other cut short: "Giám đốc Sở" at a line's end and "Giám đốc
    Sở Công Thương" (Lào Cai KH 1105/KH-ĐKT 2026) — never two provinces."""
    if ia == ib:
        return True
    (na, pa), (nb, pb) = ia, ib
    wa, wb = na.split(), nb.split()
    shorter, longer = sorted((wa, wb), key=len)
    return pa == pb and len(shorter) >= 2 and longer[:len(shorter)] == shorter


def _issuers_agree(a: Citation, b: Citation, record: Record, rules: RuleSet) -> bool:
    """Issuers that do not contradict each other: the same, or one of them not given."""
    ia, ib = _issuer_key(a.issuer, record, rules), _issuer_key(b.issuer, record, rules)
    return ia is None or ib is None or _same_issuer(ia, ib)


def _one_number_one_document(a: Citation, b: Citation) -> str | None:
    """Why two mentions of one number, same type and issuer, with two dates are one document,
    or None: "01/KH-UBND" of 2019 and "01/KH-UBND" of 2020 are two plans."""
    year_in_number = _number_year(a.number)
    if year_in_number:
        return f"the number carries its year ({year_in_number}), so it names one document"
    if a.issue_date[:4] == b.issue_date[:4]:
        return f"an issuer's numbers run through a year, and both dates are in {a.issue_date[:4]}"
    if a.issue_date[4:] == b.issue_date[4:]:
        return ("the dates differ only in their year: the same number on the same day of another year "
                "is a year mistyped")
    if subjects_match(a.subject, b.subject):
        return f"both have the same subject ({_quote(a.subject)})"
    return None


def _date_conflicts(doc: _Document, rules: RuleSet) -> list[Finding]:
    """One number, two dates: the first dated mention against each later one with another date."""
    out = []
    by_number: dict[str, list[Citation]] = {}
    for c in doc.mentions or []:
        if c.number and c.issue_date:
            by_number.setdefault(c.number.casefold(), []).append(c)
    for mentions in by_number.values():
        first = mentions[0]
        reported = set()
        for other in mentions[1:]:
            if other.issue_date == first.issue_date or other.issue_date in reported:
                continue
            if not _issuers_agree(first, other, doc.record, rules) or first.doc_type != other.doc_type:
                continue
            because = _one_number_one_document(first, other)
            if because is None:
                continue
            reported.add(other.issue_date)
            out.append(Finding("citation-date-conflict", (
                f"{first.doc_type or 'document'} {first.number} is dated {_shown_date(first.issue_date)} in one "
                f"place and {_shown_date(other.issue_date)} in another"),
                f"same number and type; {because}",
                [Location.of(doc.record, first.span, first.text), Location.of(doc.record, other.span, other.text)]))
    return out


def _type_conflicts(doc: _Document, rules: RuleSet) -> list[Finding]:
    out = []
    by_number: dict[str, list[Citation]] = {}
    for c in doc.mentions or []:
        if c.number and c.doc_type and _number_parts(c.number):
            by_number.setdefault(c.number.casefold(), []).append(c)
    for mentions in by_number.values():
        first = mentions[0]
        other = next((c for c in mentions[1:] if c.doc_type != first.doc_type
                      and _issuers_agree(first, c, doc.record, rules)
                      and (c.issue_date is None or first.issue_date is None or c.issue_date == first.issue_date)), None)
        if other is None:
            continue
        out.append(Finding("citation-type-conflict", (
            f"{first.number} is called {first.doc_type} in one place and {other.doc_type} in another"),
            "same number with a symbol, and neither the dates nor the issuers tell them apart",
            [Location.of(doc.record, first.span, first.text), Location.of(doc.record, other.span, other.text)]))
    return out


def _after_document(doc: _Document) -> list[Finding]:
    own = doc.record.document.issue_date
    if not own:
        return []
    out = []
    for c in doc.mentions or []:
        if c.issue_date and c.issue_date[:len(own)] > own:
            out.append(Finding("citation-after-document", (
                f"{c.doc_type or 'document'} {c.number or c.title} is dated {_shown_date(c.issue_date)}, after this "
                f"document ({_shown_date(own)})"),
                "a document can only cite what was issued before it; the date (or the document's own) is likely "
                "mistyped", [Location.of(doc.record, c.span, c.text)]))
    return out


def _number_year_mismatches(doc: _Document) -> list[Finding]:
    out, seen = [], set()
    for c in doc.cited:
        year = _number_year(c.number)
        if year and c.issue_date and int(c.issue_date[:4]) != year and (c.number, c.issue_date) not in seen:
            seen.add((c.number, c.issue_date))
            out.append(Finding("number-year-mismatch", (
                f"{c.doc_type or 'document'} {c.number} carries the year {year} but is dated "
                f"{_shown_date(c.issue_date)}"),
                "the year in a số ký hiệu is the year the document was issued",
                [Location.of(doc.record, c.span, c.text)]))
    own = doc.record.document
    year = _number_year(own.number)
    if year and own.issue_date and int(own.issue_date[:4]) != year:
        out.append(Finding("number-year-mismatch", (
            f"this document's number {own.number} carries the year {year} but it is dated {_shown_date(own.issue_date)}"),
            "the year in a số ký hiệu is the year the document was issued",
            [_own_number_location(doc.record)]))
    return out


def _own_number_location(record: Record) -> Location:
    """Where the document's own number is written ("Số: 16 /2026/QĐ-UBND"), else its first line."""
    from .normalize import NormalizedText

    number = record.document.number or ""
    written = re.search(r"\s?".join(map(re.escape, number)), record.text) if record.text and number else None
    if written is None:
        return Location(record.source.path, 1, number)
    span = NormalizedText(record.text, paged=record.source.pages is not None).span(written.start(), written.end())
    return Location.of(record, span, written.group(0))


def _annex_mismatches(doc: _Document, rules: RuleSet) -> list[Finding]:
    """ "(Kèm theo Quyết định số 2022/QĐ-UBND …)" in decision 2023/QĐ-UBND: its own
    number is left out of the citations, so any numbered decision an annex header names is another one."""
    own = doc.record.document
    if own.doc_type != "Quyết định" or not own.number or not doc.mentions:
        return []
    header = re.compile(r"(?:" + rules.cue_regex("annex_header").pattern + r")\s*$", re.IGNORECASE)
    out = []
    for c in doc.mentions:
        if c.doc_type != own.doc_type or not c.number:
            continue
        if not header.search(doc.record.text[max(0, c.span.start - 30):c.span.start]):
            continue
        if _symbol_code(c.number) != _symbol_code(own.number):
            continue  # a decision of another issuer ("kèm theo Quyết định số 22/2013/QĐ-TTg" of the Prime Minister)
        out.append(Finding("annex-number-mismatch", (
            f"the annex header names {c.doc_type} {c.number}, but this decision is {own.number}"),
            "an annex \"kèm theo\" a decision of the same issuer is this decision's own annex",
            [Location.of(doc.record, c.span, doc.record.text[max(0, c.span.start - 30):c.span.end])]))
    return out


def _target_year(target: Target, record: Record) -> int | None:
    return target.deadline_year or record.document.year


def _target_conflicts(doc: _Document) -> list[Finding]:
    """Two targets of one indicator for one year with different values. Only targets with an indicator
    id are compared: a subject alone is not enough ("Trên 90% trẻ em có nguy cơ, lao động trẻ em được
    tiếp cận giáo dục phổ thông" and "Trên 95% trẻ em có nguy cơ, lao động trẻ em được đào tạo nghề"
    share their subject and are two targets), and a table's target is often no more than "đạt 60%"."""
    from .align import subject_similarity

    out = []
    targets = [t for t in doc.record.targets if t.indicator and _target_year(t, doc.record)]
    for i, a in enumerate(targets):
        for b in targets[i + 1:]:
            if (a.indicator != b.indicator or a.unit != b.unit or a.comparator != b.comparator
                    or _target_year(a, doc.record) != _target_year(b, doc.record)
                    or (a.value, a.value_max) == (b.value, b.value_max)
                    or subject_similarity(a.subject, b.subject) < SUBJECT_MATCH):
                continue
            out.append(Finding("target-value-conflict", (
                f"{a.indicator} for {_target_year(a, doc.record)} is {_value(a)} in one place and "
                f"{_value(b)} in another"),
                f"same indicator, unit, comparator and year, and the same subject ({_quote(a.subject)})",
                [Location.of(doc.record, a.span, a.text), Location.of(doc.record, b.span, b.text)]))
    return out


def _value(target: Target) -> str:
    def number(v: float) -> str:
        return f"{v:g}"

    value = number(target.value) + (f"–{number(target.value_max)}" if target.value_max is not None else "")
    return f"{target.comparator} {value}{target.unit or ''}".replace(">= ", "≥ ").replace("<= ", "≤ ")


# --- across documents ------------------------------------------------------------------

def _beside(c: Citation, doc: _Document) -> list[Citation]:
    """The other numbered documents cited in the same paragraph (line) as ``c``."""
    return [o for o in doc.citations if o is not c and o.number and o.span.line == c.span.line]


def _shared_neighbour(a: Citation, da: _Document, b: Citation, db: _Document) -> Citation | None:
    numbers = {(o.number.casefold(), o.issue_date) for o in _beside(b, db) if o.issue_date}
    return next((o for o in _beside(a, da) if o.issue_date and (o.number.casefold(), o.issue_date) in numbers), None)


def _cross_conflicts(docs: list[_Document], rules: RuleSet) -> list[Finding]:
    """Pairs of citations in two different documents: one number with two dates, or one type
    and date with two numbers. Citations are grouped first, so a store of a thousand plans
    compares only the few citations that share a number, or a type and a date."""
    by_number: dict[str, list[tuple[_Document, Citation]]] = {}
    by_type_date: dict[tuple, list[tuple[_Document, Citation]]] = {}
    for doc in docs:
        for c in doc.citations:
            if c.number:
                by_number.setdefault(c.number.casefold(), []).append((doc, c))
                if c.doc_type and c.issue_date:
                    by_type_date.setdefault((c.doc_type, c.issue_date), []).append((doc, c))
    out: list[Finding] = []
    for group in by_number.values():
        for (da, a), (db, b) in _pairs_across(group):
            out += filter(None, [_cross_date_conflict(a, da, b, db, rules)])
    for group in by_type_date.values():
        for (da, a), (db, b) in _pairs_across(group):
            if a.number.casefold() == b.number.casefold():
                continue
            why = _same_document_two_numbers(a, b, da.record, db.record, rules, _shared_neighbour(a, da, b, db))
            if why:
                out.append(Finding("cross-citation-number-conflict", (
                    f"{a.doc_type} of {_shown_date(a.issue_date)} by {a.issuer} is {a.number} in "
                    f"{da.record.source.path} and {b.number} in {db.record.source.path}"), why,
                    [Location.of(da.record, a.span, a.text), Location.of(db.record, b.span, b.text)]))
    return out


def _pairs_across(group: list[tuple[_Document, Citation]]):
    """Every pair of a group from two different texts (one text given twice is one text)."""
    for i, (da, a) in enumerate(group):
        for db, b in group[i + 1:]:
            if da.record.source.sha256 != db.record.source.sha256:
                yield (da, a), (db, b)


def _cross_date_conflict(a: Citation, da: _Document, b: Citation, db: _Document, rules: RuleSet) -> Finding | None:
    if not (a.issue_date and b.issue_date) or a.issue_date == b.issue_date or a.doc_type != b.doc_type:
        return None
    ia, ib = _issuer_key(a.issuer, da.record, rules), _issuer_key(b.issuer, db.record, rules)
    if ia is None or ib is None or not _same_issuer(ia, ib):
        return None
    because = _one_number_one_document(a, b)
    if because is None:
        return None
    return Finding("cross-citation-date-conflict", (
        f"{a.doc_type} {a.number} by {a.issuer} is dated {_shown_date(a.issue_date)} in {da.record.source.path} "
        f"and {_shown_date(b.issue_date)} in {db.record.source.path}"),
        f"same number, type and issuer; {because}",
        [Location.of(da.record, a.span, a.text), Location.of(db.record, b.span, b.text)])


def _lowered_targets(records: list[Record], rules: RuleSet) -> list[Finding]:
    from .compare import compare

    comparison = compare(records, rules)
    columns = {c.key: c for c in comparison.columns}
    by_path = {r.source.path: r for r in records}
    out = []
    for row in comparison.rows:
        for change in row.changes:
            if change["change"] != "lowered":
                continue
            old, new = row.cells[change["from"]], row.cells[change["to"]]
            was, now = columns[change["from"]], columns[change["to"]]
            if was.year == now.year:
                continue  # two plans of one year: no year to the next
            out.append(Finding("target-lowered", (
                f"{row.label or row.indicator} in {now.province}: {_value(old)} in {was.year}, {_value(new)} in {now.year}"),
                "the same province's plans of consecutive years, targets aligned as `plancli compare` does "
                f"({'indicator ' + row.indicator if row.indicator else 'alike subjects'}); a lower target may be "
                "deliberate: review it",
                [Location.of(by_path[was.path], old.span, old.text), Location.of(by_path[now.path], new.span, new.text)]))
    return out


# --- the whole run -------------------------------------------------------------------

def check(records: Iterable[Record], rules: RuleSet | None = None,
          config: dict[str, str | None] | None = None) -> CheckReport:
    """Run every check turned on over ``records``: each document on its own, then all together.

    ``config`` maps a check id to its severity, or to None to turn it off (``load_config``).
    ``rules`` are the ones the records were extracted with (the built-in rules when None)."""
    records = list(records)
    if rules is None:
        from .ruleset import load_rules

        rules = load_rules()
    severity = {cid: info.severity for cid, info in CHECKS.items()} | (config or {})
    docs = [_prepare(r, rules) for r in records]
    findings: list[Finding] = []
    for doc in docs:
        findings += _number_conflicts(doc, rules) + _date_conflicts(doc, rules) + _type_conflicts(doc, rules)
        findings += _after_document(doc) + _number_year_mismatches(doc) + _annex_mismatches(doc, rules)
        findings += _target_conflicts(doc)
    findings += _cross_conflicts(docs, rules) + _lowered_targets(records, rules)
    kept = []
    for finding in findings:
        if severity.get(finding.check) is not None:
            finding.severity = severity[finding.check]
            kept.append(finding)
    _file_lines(kept, records)
    kept.sort(key=lambda f: (f.locations[0].path, f.locations[0].line, f.check))
    skipped = {d.record.source.path: [c for c in _NEEDS_TEXT if severity.get(c)]
               for d in docs if d.mentions is None}
    return CheckReport(kept, len(records), {p: ids for p, ids in skipped.items() if ids}, rules_hash(rules))
