"""Agencies and their roles (SPEC §3 "agencies"): who the plan assigns work to.

Bodies are found by the gazetteer ``rules/agencies.yaml``; each clause gives
their role from its cue words:

* ``lead`` — "Sở Tư pháp chủ trì, …", "Giao Công an tỉnh chủ trì …";
* ``standing`` — "Giao Công an tỉnh là Cơ quan thường trực …";
* ``support`` — bodies named after "phối hợp với …";
* ``implementer`` — bodies that open an assignment without those words
  ("Lực lượng Công an, Bộ đội Biên phòng triển khai thực hiện …", "Đề nghị
  Hội Liên hiệp Phụ nữ tỉnh …") in a document that assigns work (one with a
  number of its own), and bodies whose name heads a list of tasks.

Not assignments: the issuer, the recipients after "Nơi nhận", bodies after
"của" (issuers of cited documents) or otherwise only mentioned, and bodies in
a sentence that reports what was done ("đã"). The same body with the same
role is listed once, with all its tasks.
"""
from __future__ import annotations

import re

from ..model import Agency, DocumentInfo
from ..normalize import NormalizedText
from ..ruleset import Entry, RuleSet
from .sections import ITEM_MARKER_RE, Paragraph, clauses


def _mentions(rules: RuleSet, text: str, start: int, end: int) -> list[tuple[Entry, int, int]]:
    return list(rules.agencies.finditer(text, start, end))


def _task(body: str, start: int, end: int, rules: RuleSet) -> str | None:
    """The work assigned: what follows the role cue, after the unnamed partners
    ("chủ trì, phối hợp với các đơn vị liên quan | tiếp tục duy trì …")."""
    lead_in = re.compile(r"^[\s,:]*(?:(?:" + rules.cue_regex("task_lead_ins").pattern + r")[\s,]*)*", re.IGNORECASE)
    task = lead_in.sub("", body[start:end]).strip(" ,:;\t\f")
    return task or None


def extract_agencies(text: NormalizedText, rules: RuleSet, document: DocumentInfo,
                     paragraphs: list[Paragraph]) -> list[Agency]:
    body = text.text
    recipients = re.search(r"(?m)^[\f\s]*(?:" + rules.cue_regex("recipients").pattern + r")\s*:?", body)
    limit = recipients.start() if recipients else len(body)
    # the issuer is not assigned work: "Ủy ban nhân dân tỉnh Đồng Nai" is the body Ủy ban nhân dân tỉnh
    issuer_entry = next((e for e, _, _ in rules.agencies.finditer(document.issuer)), None) if document.issuer else None
    lead_re = re.compile(r"^[\s,]*(?:tỉnh\s+|thành phố\s+)?(?:" + rules.cue_regex("lead").pattern + ")", re.IGNORECASE)
    standing_re = re.compile(r"^[\s,]*(?:" + rules.cue_regex("standing").pattern + ")", re.IGNORECASE)
    support_re = rules.cue_regex("support_before")
    assigner_re = re.compile(r"(?:" + rules.cue_regex("assigners").pattern + r")\s+")
    not_assigned_re = re.compile(r"(?:" + rules.cue_regex("not_assigned_after").pattern + r")\s*$", re.IGNORECASE)
    past_re = rules.cue_regex("past")
    assigns_work = document.number is not None

    found: dict[tuple[str, str], Agency] = {}

    def add(entry: Entry, start: int, end: int, role: str, task: str | None) -> None:
        if issuer_entry is not None and entry.id == issuer_entry.id:
            return
        key = (entry.id, role)
        if key in found:
            if task and task not in found[key].tasks:
                found[key].tasks.append(task)
            return
        province = document.province if entry.get("level") == "province" else None
        found[key] = Agency(name=entry["name"], mention=body[start:end], role=role, task=task,
                            span=text.span(start, end), province=province, tasks=[task] if task else [])

    headed_by: tuple[Entry, int, int] | None = None  # a body whose name heads the items below
    for paragraph in (p for p in paragraphs if p.start < limit):
        if paragraph.is_heading:
            heading = ITEM_MARKER_RE.sub("", paragraph.text).strip(" :.\f")
            named = _mentions(rules, body, paragraph.start, paragraph.end)
            whole = named and len(named) == 1 and body[named[0][1]:named[0][2]].strip() == heading.strip()
            headed_by = named[0] if whole else None
            continue
        if headed_by and re.match(r"[\f\s]*\d{1,2}(?:\.\d{1,2})*[.)]\s", paragraph.text):
            headed_by = None  # a new numbered item ends the list under a body's name
        for clause_start, clause_end in clauses(body, paragraph.start, paragraph.end):
            clause = body[clause_start:clause_end]
            mentions = _mentions(rules, body, clause_start, clause_end)
            if headed_by and assigns_work:
                # "3. Sở Nội vụ" / "a) Phối hợp với Sở Giáo dục và Đào tạo …": the heading's body
                # takes the role the item opens with
                entry, name_start, name_end = headed_by
                item_start = clause_start + ITEM_MARKER_RE.match(clause).end()
                opening = body[item_start:clause_end]
                role, cue = "implementer", None
                for name, regex in (("lead", lead_re), ("standing", standing_re),
                                    ("support", re.compile(r"^(?:" + support_re.pattern + ")", re.IGNORECASE))):
                    cue = regex.match(opening)
                    if cue:
                        role = name
                        break
                task = _task(body, item_start + (cue.end() if cue and role != "support" else 0), clause_end, rules)
                if task:
                    add(entry, name_start, name_end, role, task)
            if not mentions:
                continue
            if past_re.search(clause[:80]) and not rules.cue_regex("lead").search(clause):
                continue  # "Lực lượng Công an đã tập trung …": a report of what was done
            # bodies named after "phối hợp với" support the one that leads ("X chủ trì, phối hợp với Y");
            # without a leader in the clause, the partner is the leader of someone else's task
            led = rules.cue_regex("lead").search(clause)
            support_zone = [(m.end(), m.end() + 160) for m in support_re.finditer(body, clause_start, clause_end)
                            if led and led.start() < m.start() - clause_start]
            opening = ITEM_MARKER_RE.match(clause).end()
            opener = assigner_re.match(body, clause_start + opening)
            # the bodies that open the clause: "Lực lượng Công an, Bộ đội Biên phòng …"
            chain, chain_end = [], opener.end() if opener else clause_start + opening
            for mention in mentions:
                if not re.fullmatch(r"[\s,]*(?:và\s*)?", body[chain_end:mention[1]]):
                    break
                chain.append(mention)
                chain_end = mention[2]
            for entry, start, end in mentions:
                in_chain = (entry, start, end) in chain
                after_start = chain_end if in_chain else end
                after = body[after_start:clause_end]
                supported = any(a <= start < b for a, b in support_zone)
                if not supported and not_assigned_re.search(body[max(clause_start, start - 20):start]):
                    continue  # "của Ban Chỉ đạo 138/CP", "Tham mưu UBND tỉnh": mentioned, not assigned
                lead, standing = lead_re.match(after), standing_re.match(after)
                if lead:
                    add(entry, start, end, "lead",
                        _task(body, after_start + lead.end(), clause_end, rules) or _next_item(body, clause_end))
                elif standing:
                    add(entry, start, end, "standing", _task(body, after_start + standing.end(), clause_end, rules))
                elif supported:
                    add(entry, start, end, "support", None)
                elif in_chain and assigns_work:
                    task = _task(body, chain_end, clause_end, rules)
                    if task:  # a body named alone (a byline, a signature) is assigned nothing
                        add(entry, start, end, "implementer", task)
    return sorted(found.values(), key=lambda a: a.span.start)


def _next_item(body: str, clause_end: int) -> str | None:
    """The first item of the list a clause ends by introducing ("… phối hợp với
    các lực lượng có liên quan:" / "- Tổ chức tiếp nhận …")."""
    if not body[:clause_end].rstrip().endswith(":"):
        return None
    m = re.compile(r"\n[\f\s]*(?:[-+•*]|[a-zđ][).])\s*([^\n;]+)").match(body, clause_end)
    return m.group(1).strip(" .;") if m else None

