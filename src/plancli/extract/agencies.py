"""Agencies and their roles (SPEC §3 "agencies"): who the plan assigns work to.

Bodies are found by ``bodies.py`` (the gazetteer and the grammar of body
names). Their roles come out of the layouts plans use:

* a clause with the body as subject: "Giao Công an tỉnh chủ trì …", "Sở Y tế
  chủ trì, phối hợp với Sở Tài chính …", "Đề nghị Hội LHPN tỉnh …",
  "Lực lượng Công an, Bộ đội Biên phòng triển khai …" — the cue after the
  name gives the role (``rules/agencies.yaml``): ``lead`` (chủ trì),
  ``standing`` (cơ quan thường trực), ``support`` (phối hợp), else
  ``implementer``; bodies named after "phối hợp với" are ``support``;
* a body's name as a heading ("3. Sở Y tế", "11. Đề nghị Chi cục Hải quan
  khu vực XIX", "Điều 2. Giao Giám đốc Sở …") with its tasks below, numbered,
  lettered or dashed: each task gives the heading's body the role it opens
  with ("a) Chủ trì …" lead, "b) Phối hợp với …" support, else implementer);
  a clause ending with ":" makes its body the heading of the list under it;
* "Cơ quan chủ trì: X" / "Cơ quan phối hợp: Y" lines, and annex tables with
  Chủ trì / Phối hợp / Đơn vị thực hiện columns.

An implementer needs a text that assigns work: an official text (its
header, its "Số:" line, a "TỔ CHỨC THỰC HIỆN" section), not a news page or a
report of what was done. Not assignments: the issuer, the recipients
("Nơi nhận", "Kính gửi"), bodies after "của" and other words that only
mention them, sentences that report ("đã …") and the decision's execution
clause ("… chịu trách nhiệm thi hành Quyết định này"). The same body with the
same role is listed once, with all its tasks.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from itertools import islice
from dataclasses import dataclass, field

from ..model import Agency, DocumentInfo
from ..normalize import NormalizedText
from ..reorganisation import agency_successors
from ..ruleset import RuleSet
from .bodies import Body, body_finder, document_unit
from .sections import Paragraph, clauses

# an outline marker and how deep it sits: "Điều 2." and "II." 1, "2." 2, "2.1." 3, "a)" 5, "-" 6, "+" 7
_MARKER_RE = re.compile(r"^[\f \t]*(?P<m>(?:Điều|Dieu)\s+\d{1,3}\s*[.:]|[IVXLC]{1,6}[.)]|\d{1,2}(?:\.\d{1,2}){0,3}(?:\.[a-zđ])?[.)]"
                        r"|[a-zđ]/?[).]|[-+•*·–])[ \t]*")
_UNMARKED_HEADING_LEVEL = 4.5
_BLANKS_RE = re.compile(r"[ \t]*")
_CELL_END_RE = re.compile(r"[,;]")
_PARENTHESIS_RE = re.compile(r"[ \t]*\([^()\n]{0,160}\)")
_WINDOW = 5            # a role cue opens the predicate: within its first syllables ("Thường xuyên phối hợp")
_CELL_MAX = 300        # a table cell of bodies is short
_GROUP_TAIL = 6        # "Đề nghị Ủy ban MTTQ tỉnh | và các tổ chức thành viên | phối hợp …": syllables a group adds


def _marker_level(marker: str | None) -> float | None:
    if not marker:
        return None
    if marker.startswith(("Điều", "Dieu")) or re.fullmatch(r"[IVXLC]+[.)]", marker):
        return 1
    if marker[0].isdigit():
        return 2 + marker.rstrip(".)").count(".")
    if marker[0] in "+":
        return 7
    if marker[0] in "-•*·–":
        return 6
    return 5


@dataclass
class _Context:
    """Bodies whose tasks follow: a heading ("3. Sở Y tế") or a clause ending
    with ":"; ``default`` is the role of a task that opens without a cue;
    ``partners`` lists name the partners of "Chủ trì, phối hợp:"."""

    bodies: list[Body]
    level: float
    default: str | None = None
    partners: bool = False
    rule: str = "code: heading"


@dataclass
class _Table:
    """An annex table: the role of each column of bodies, in order."""

    columns: list[str] = field(default_factory=list)
    by_cell: dict[int, str] = field(default_factory=dict)   # tab-separated rows: cell index → role
    last_column: int | None = None                          # the column the previous cell of bodies filled
    cells: int = 0                                          # cells of bodies read since the header
    task: str | None = None                                 # the row's task: the last cell that named no body


class _Grammar:
    """The cue words of ``rules/agencies.yaml`` as the regexes the walk uses,
    compiled once per rule set."""

    def __init__(self, rules: RuleSet):
        cue = rules.cue_regex
        self.joiner_re = cue("list_joiners")
        joiner = self.joiner_re.pattern
        self.lead_re, self.standing_re, self.support_re = cue("lead"), cue("standing"), cue("support")
        self.partner_re = cue("support_before")
        self.assigner_re = re.compile(r"(?:" + cue("assigners").pattern + r")[ \t]*:?[ \t]*(?:\n[ \t]*)?")
        self.title_re = re.compile(r"(?:" + cue("person_titles").pattern + r")[ \t]+(?:các[ \t]+)?")
        self.title_end_re = re.compile(r"(?:" + self.title_re.pattern + r")$")
        self.force_re = re.compile(r"(?:" + cue("force_words").pattern + r")[ \t]+")
        self.opener_re = cue("clause_openers")
        self.apposition_re = re.compile(r"[ \t]*\([ \t]*(?:" + cue("standing_apposition").pattern + ")", re.IGNORECASE)
        self.furniture_re = cue("page_furniture")
        self.heading_opener_re = re.compile(r"[ \t]*(?:" + cue("heading_openers").pattern + r")[ \t]+", re.IGNORECASE)
        self.group_re = cue("group_openers")
        self.not_assigned_re = re.compile(r"(?:" + cue("not_assigned_after").pattern + r")[ \t]*$", re.IGNORECASE)
        self.past_re = cue("past")
        self.execution_re = cue("execution_clause")
        self.closing_re = cue("closing_openers")
        self.label_res = {role: cue(f"{role}_labels") for role in ("lead", "support", "implementer")}
        self.column_res = {role: cue(f"{role}_columns") for role in ("lead", "support", "implementer")}
        self.lead_ins = re.compile(r"^[\s,:]*(?:(?:" + cue("task_lead_ins").pattern + r")[\s,]*)*", re.IGNORECASE)
        self.tail_re = re.compile(r"^[ \t]*(?:(?:,|" + joiner + r")[ \t]+(?:" + self.group_re.pattern + r")\b[^.;:\n]*)?"
                                  r"[ \t]*(?:(?:" + cue("heading_tails").pattern + r")[^.;:\n]{0,40})?[ \t]*[:.]?[ \t]*$",
                                  re.IGNORECASE)
        self.label_starts = {role: re.compile(r"[ \t]*(?:" + regex.pattern + r")[ \t]*:", re.IGNORECASE)
                             for role, regex in self.label_res.items()}
        self.named_roles = [(role, re.compile(r"[ \t]*(?:" + regex.pattern + ")", re.IGNORECASE))
                            for role, regex in (("lead", self.lead_re), ("standing", self.standing_re))]
        self.also_support_re = re.compile(r"(?:,|" + joiner + r")[ \t]+(?:(?:\w+[ \t]+){0,2})?(?:" + self.support_re.pattern + ")",
                                          re.IGNORECASE)
        self.named_coordination_re = re.compile(r"(?:" + cue("coordination_documents").pattern + r")[ \t]*$",
                                                re.IGNORECASE)
        self.copula_re = re.compile(r"[ \t:,]*(?:" + cue("copulas").pattern + ")", re.IGNORECASE)
        self.separator_re = re.compile(r"[ \t]*(?:[,;&]|" + joiner + r")[ \t]*(?:\n[ \t]*)?", re.IGNORECASE)
        self.partner_gap_re = re.compile(r"[ \t\n]*(?:[,;:][ \t\n]*)?(?:(?:" + cue("partner_joiners").pattern
                                         + r")[ \t]+)?", re.IGNORECASE)   # "…, và | Sở Y tế", "với | Sở Y tế"
        self.partner_end_re = re.compile(r"[,;:]|" + joiner, re.IGNORECASE)   # where a group ends
        # between the bodies of a cell: a comma, "và", or the marker of a list in the cell ("(1) Bộ Tư pháp
        # (2) Văn phòng Chính phủ", "- Sở Y tế - Sở Nội vụ" from a Word cell of one body a paragraph)
        self.cell_gap_re = re.compile(r"[ \t\n]*(?:[,;][ \t\n]*)?(?:(?:\(\d{1,2}\)|\d{1,2}[.)]|[-+•])[ \t]+)?"
                                      r"(?:(?:" + joiner + r")[ \t]+)?", re.IGNORECASE)
        self.then_lead_re = re.compile(r",[ \t]*(?:" + self.lead_re.pattern + ")", re.IGNORECASE)
        self.group_tail_re = re.compile(r"[ \t]*(?:,|" + joiner + r")[ \t]*(?:" + self.group_re.pattern + r")\b",
                                        re.IGNORECASE)
        self.partner_list_re = re.compile(r"(?:" + self.partner_re.pattern + r")[ \t]*:?$", re.IGNORECASE)
        self.official_re = cue("official_markers")
        self.assignment_heading_re = cue("assignment_headings")
        self.recipients_re = cue("recipients")
        self.annex_re = cue("annex_headings")


def _grammar(rules: RuleSet) -> _Grammar:
    grammar = rules.__dict__.get("_agency_grammar")
    if grammar is None:
        grammar = rules.__dict__["_agency_grammar"] = _Grammar(rules)
    return grammar


class _Agencies:
    def __init__(self, text: NormalizedText, rules: RuleSet, document: DocumentInfo, paragraphs: list[Paragraph]):
        self.text, self.rules, self.document, self.paragraphs = text, rules, document, paragraphs
        self.body = text.text
        finder = body_finder(rules)
        unit = document_unit(rules, document.province, document.issuer, document.level)
        self.bodies = finder.find(self.body, unit, document.province)
        self.starts = [b.start for b in self.bodies]
        self.issuer_keys = {b.key for b in finder.find(document.issuer, unit, document.province)} \
            if document.issuer else set()
        self.g = _grammar(rules)
        self.official = self._assigns_work()
        self.found: dict[tuple[str, str], Agency] = {}
        self.item: str | None = None   # the last numbered or lettered item: the task of the labels below it

    # -- the text ---------------------------------------------------------------

    def _assigns_work(self) -> bool:
        """Whether this is a text that assigns work (a plan, a decision, a
        directive, an excerpt or a draft of one) rather than a news page or a
        report: an official header, "Số:" line, "QUYẾT ĐỊNH:" or "Nơi nhận", or an
        assignment section."""
        if self.g.official_re.search(self.body) or re.search(r"(?m)^[\f \t]*Số[ \t]*:", self.body[:4000]):
            return True
        return any(p.is_heading and self.g.assignment_heading_re.search(p.text) for p in self.paragraphs)

    def _within(self, start: int, end: int) -> list[Body]:
        i = bisect_left(self.starts, start)
        j = bisect_left(self.starts, end)
        return [b for b in self.bodies[i:j] if b.end <= end]

    def _inside_body(self, pos: int) -> bool:
        i = bisect_left(self.starts, pos)
        return i > 0 and self.bodies[i - 1].end > pos

    def _joined(self) -> list[Paragraph]:
        """The paragraphs, a line that breaks a body's name joined to the next
        ("Giao Sở | Nông nghiệp và Môi trường là cơ quan đầu mối")."""
        joined: list[Paragraph] = []
        for paragraph in self.paragraphs:
            if joined and self._inside_body(joined[-1].end):
                last = joined[-1]
                joined[-1] = Paragraph(self.body[last.start:paragraph.end], last.start, paragraph.end,
                                       last.is_heading, last.kinds)
            else:
                joined.append(paragraph)
        return joined

    def _clauses(self, start: int, end: int) -> list[tuple[int, int]]:
        """The clauses of ``body[start:end]``, not cut at a line break inside a name
        nor at an ellipsis."""
        spans: list[tuple[int, int]] = []
        for clause in clauses(self.body, start, end):
            cut = spans[-1][1] if spans else 0
            broken_name = self.body[cut:cut + 1] == "\n" and self._inside_body(cut)
            ellipsis = self.body[cut:cut + 1] == "." and "." in self.body[cut - 1:cut] + self.body[cut + 1:cut + 2]
            if spans and (broken_name or ellipsis):   # "Thành Đoàn... phát động"
                spans[-1] = (spans[-1][0], clause[1])
            else:
                spans.append(clause)
        return spans

    def _body_at(self, pos: int, end: int) -> Body | None:
        i = bisect_left(self.starts, pos)
        if i < len(self.bodies) and self.bodies[i].start == pos and self.bodies[i].end <= end:
            return self.bodies[i]
        return None

    # -- recording ---------------------------------------------------------------

    def add(self, body: Body, role: str, task: str | None, rule: str, note: str, matched: str | None = None) -> None:
        if body.key in self.issuer_keys or body.group:
            return  # the issuer is not assigned work; a set of bodies ("UBND cấp xã") is no agency
        key = (body.key, role)
        if key in self.found:
            agency = self.found[key]
            if task and task not in agency.tasks:
                agency.tasks.append(task)
                if agency.task is None:
                    agency.task = task
            return
        province = self.document.province if body.provincial else None
        why = [self.rules.why(body.rule, "the body's name", self.body[body.start:body.end]),
               self.rules.why(rule, note, matched)]
        self.found[key] = Agency(name=body.name, mention=self.body[body.start:body.end], role=role, task=task,
                                 span=self.text.span(body.start, body.end), province=province,
                                 tasks=[task] if task else [], successors=agency_successors(body.name, self.rules),
                                 why=why)

    def add_listed(self, body: Body, role: str, task: str | None, rule: str, how: str, matched: str | None = None) -> None:
        """A body of a list under a role (a table column, "Cơ quan thực hiện:"),
        unless brackets after it say its own ("Sở Y tế (chủ trì)")."""
        own = self.bracketed_role(body)
        if own:
            self.add(body, own, task, f"cues.{own}_labels", f"role {own}: written in brackets after the name")
        else:
            self.add(body, role, task, rule, f"role {role}: {how}", matched)

    def task(self, start: int, end: int) -> str | None:
        """The work assigned: what follows the role cue, after the unnamed partners
        ("chủ trì, phối hợp với các đơn vị liên quan | tiếp tục duy trì …")."""
        task = " ".join(self.g.lead_ins.sub("", self.body[start:end]).split()).strip(" ,:;")
        return task if task and not task[0].isdigit() else None   # "Sở Y tế: 01 đồng chí" lists members

    # -- clause grammar ------------------------------------------------------------

    def chain(self, pos: int, end: int) -> tuple[list[Body], int]:
        """The bodies named one after another from ``pos`` ("Công an tỉnh, Bộ đội
        Biên phòng tỉnh và Sở Y tế"), a title before a name standing for its body
        ("Giám đốc Sở Tài chính"), and where the chain ends."""
        found: list[Body] = []
        cursor = chain_end = pos
        while True:
            body = self._named_at(_BLANKS_RE.match(self.body, cursor).end(), end)
            if body is None:
                break
            found.append(body)
            cursor = chain_end = body.end
            paren = _PARENTHESIS_RE.match(self.body, cursor)
            if paren:
                cursor = chain_end = paren.end()
            sep = self.g.separator_re.match(self.body, cursor)
            if not sep or self._named_at(sep.end(), end) is None:
                break
            cursor = sep.end()
        return found, chain_end

    def _named_at(self, pos: int, end: int) -> Body | None:
        """The body named at ``pos``, maybe after a title or a force's word
        ("Giám đốc | Sở Tài chính", "Lực lượng | Bộ đội Biên phòng")."""
        for prefix in (self.g.title_re, self.g.force_re):
            m = prefix.match(self.body, pos)
            if m and (body := self._body_at(m.end(), end)):
                return body
        return self._body_at(pos, end)

    def standing_in_brackets(self, bodies: list[Body]) -> None:
        """A body named standing in brackets after its name: "Công an tỉnh (Cơ
        quan Thường trực Ban Chỉ đạo 138 tỉnh)"."""
        for body in bodies:
            paren = _PARENTHESIS_RE.match(self.body, body.end)
            standing = self.g.apposition_re.match(paren.group(0)) if paren else None
            if standing:
                self.add(body, "standing", None, "cues.standing_apposition", "role standing: named so after the name",
                         standing.group(0).strip(" ("))

    def bracketed_role(self, body: Body) -> str | None:
        """A role written in brackets after a name: "Sở Y tế (chủ trì), Sở Tài
        chính (phối hợp)"."""
        paren = _PARENTHESIS_RE.match(self.body, body.end)
        if paren is None:
            return None
        inside = paren.group(0).strip(" \t()")
        return next((role for role, regex in self.g.label_res.items() if regex.fullmatch(inside)), None)

    def subject(self, start: int, end: int) -> tuple[list[Body], int, str]:
        """The bodies a clause assigns work to, where they end, and the rule that
        found them: the clause opens with them ("Sở Y tế chủ trì"), after "Giao",
        "Đề nghị" ("Đề nghị Hội LHPN tỉnh …", "Ban Chỉ đạo giao Công an tỉnh …"),
        or after an opening phrase ("Trên cơ sở đề nghị của …, Sở Tài chính …")."""
        pos = _BLANKS_RE.match(self.body, start).end()
        assigner = self.g.assigner_re.match(self.body, pos)
        if assigner:
            pos = assigner.end()
        found, chain_end = self.chain(pos, end)
        told = self.g.assigner_re.match(self.body, _BLANKS_RE.match(self.body, chain_end).end()) if found else None
        told_chain = self.chain(told.end(), end) if told else None
        if told_chain and told_chain[0]:   # "Ủy ban nhân dân tỉnh giao | Sở Y tế tổ chức …"
            found, chain_end = told_chain
            return found, chain_end, "cues.assigners"
        if found:
            return found, chain_end, "cues.assigners" if assigner else "code: subject"
        for m in self.g.assigner_re.finditer(self.body, pos, end):   # "Ban chỉ đạo giao Công an tỉnh là …"
            found, chain_end = self.chain(m.end(), end)
            if found:
                return found, chain_end, "cues.assigners"
        if self.g.opener_re.match(self.body, pos):   # "Trên cơ sở …, Sở Xây dựng chủ trì"
            partners = {body.start for body, _ in self.partners(pos, end)}
            for comma in re.finditer(r",[ \t]*", self.body[pos:end]):
                at = pos + comma.end()
                # "của Bộ Y tế, | Bộ Tài chính" goes on with one list; "của Sở X và Sở Y, | Sở Tài chính" closed it
                cut = pos + comma.start()
                listed = self._inside_body(cut - 1) and not self.g.joiner_re.search(self.body, max(pos, cut - 80), cut)
                if self._body_at(at, end) and at not in partners and not listed \
                        and not self.g.not_assigned_re.search(self.body[max(start, at - 24):at]):
                    found, chain_end = self.chain(at, end)
                    return found, chain_end, "cues.clause_openers"
        return [], pos, ""

    def role_at(self, pos: int, end: int) -> tuple[str | None, re.Match | None]:
        """The role cue that opens the predicate at ``pos`` (within its first
        syllables: "Tiếp tục chủ trì", "Thường xuyên phối hợp", "Tăng cường công
        tác phối hợp"), or (None, None)."""
        # the window below reaches at most word _WINDOW + _GROUP_TAIL: no need to list the clause's other words
        words = list(islice(re.finditer(r"\w+", self.body[pos:end]), _WINDOW + _GROUP_TAIL + 1))
        if not words:
            return None, None
        if self.g.opener_re.match(self.body, pos + words[0].start()):   # "Trên cơ sở đề xuất của …, chủ trì tổng hợp"
            for comma in re.finditer(r",[ \t]*", self.body[pos:end]):
                role, cue = self.role_at(pos + comma.end(), end) if comma.end() < end - pos else (None, None)
                if cue is not None and cue.start() == pos + comma.end():
                    return role, cue
        window = _WINDOW + (_GROUP_TAIL if self.g.group_tail_re.match(self.body, pos) else 0)   # "và các tổ chức …"
        limit = pos + (words[window].start() if len(words) > window else len(self.body[pos:end]))
        best: tuple[str | None, re.Match | None] = (None, None)
        for role, regex in (("lead", self.g.lead_re), ("standing", self.g.standing_re), ("support", self.g.support_re)):
            m = regex.search(self.body, pos, end)
            if m and role == "support" and self.names_document(m, pos):
                m = None   # "thực hiện Quy chế phối hợp …" is no coordinating
            if m and m.start() < limit and (best[1] is None or m.start() < best[1].start()):
                best = (role, m)
        return best

    def names_document(self, cue: re.Match, start: int) -> bool:
        """Whether "phối hợp" is part of a document's name ("Quy chế phối hợp giữa …")."""
        return bool(self.g.named_coordination_re.search(self.body, max(start, cue.start() - 20), cue.start()))

    def also_support(self, cue: re.Match | None, pos: int, end: int) -> re.Match | None:
        """A later "…, phối hợp …" that adds support to what a body does ("phát
        động các cuộc vận động, phối hợp với chính quyền các cấp")."""
        after = cue.end() + 3 if cue else pos
        return self.g.also_support_re.search(self.body, after, end)

    def partners(self, start: int, end: int) -> list[tuple[Body, re.Match]]:
        """Bodies named after "phối hợp (với)", "phối hợp giữa các cơ quan:",
        through the groups listed with them ("phối hợp với các sở, ban, ngành, Ủy
        ban MTTQ Việt Nam thành phố")."""
        found = []
        for cue in self.g.partner_re.finditer(self.body, start, end):
            if self.names_document(cue, start):
                continue   # "Quy chế phối hợp giữa …" names a document
            pos = cue.end()
            while pos < end:
                gap = self.g.partner_gap_re.match(self.body, pos).end()
                body = self._named_at(gap, end)
                if body is not None:
                    found.append((body, cue))
                    pos = body.end
                    paren = _PARENTHESIS_RE.match(self.body, pos)
                    pos = paren.end() if paren else pos
                    continue
                if self.g.group_re.match(self.body, gap):   # "các sở, ban, ngành", "các cơ quan:"
                    nxt = self.g.partner_end_re.search(self.body, gap, end)
                    if nxt is None:
                        break
                    pos = nxt.start()
                    continue
                break
        return found

    def mentioned_only(self, body: Body, start: int) -> bool:
        """A body after "của", "tham mưu", "gửi" … is mentioned, not assigned."""
        before = self.body[max(start, body.start - 40):body.start]
        title = self.g.title_end_re.search(before)   # "của Giám đốc Sở Tư pháp"
        return bool(self.g.not_assigned_re.search(before[:title.start()] if title else before))

    # -- layouts -------------------------------------------------------------------

    def heading(self, paragraph: Paragraph) -> tuple[list[Body], float] | None:
        """The bodies a heading names ("3. Sở Y tế", "12. Đề nghị Ủy ban MTTQ Việt
        Nam thành phố và các tổ chức chính trị - xã hội", "Điều 2. Giao Giám đốc
        Sở Giáo dục và Đào tạo") and its level, or None."""
        line = paragraph.text
        if len(line.strip()) > 160 or not self._within(paragraph.start, paragraph.end):
            return None   # too long for a heading, or it names no body
        marker = _MARKER_RE.match(line)
        level = _marker_level(marker.group("m")) if marker else None
        if level is not None and level >= 6:
            return None  # a dashed item is a task, not a heading
        pos = paragraph.start + (marker.end() if marker else 0)
        m = self.g.heading_opener_re.match(self.body, pos)   # "1. Trách nhiệm của Sở Y tế", "3. Đối với …"
        pos = m.end() if m else pos
        assigner = self.g.assigner_re.match(self.body, pos)
        pos = assigner.end() if assigner else pos
        found, chain_end = self.chain(pos, paragraph.end)
        tail = self.body[chain_end:paragraph.end].strip()
        if not found or not self.g.tail_re.match(tail) or len(tail) > 60 or tail.endswith(".") and len(tail) > 1:
            return None
        if level is None and not (paragraph.is_heading or tail.endswith(":")):
            return None   # a name alone on a line, unnumbered, is a list's item ("Thành phần: … Sở Y tế …")
        return found, level if level is not None else _UNMARKED_HEADING_LEVEL

    def column_role(self, cell: str) -> str | None:
        cell = " ".join(cell.split()).strip(" :")
        cell = cell.rsplit("/", 1)[-1].strip()
        for role, regex in self.g.column_res.items():
            m = regex.fullmatch(cell)
            if m:
                return role
        return None

    def starts_cell(self, pos: int, end: int) -> bool:
        """Whether a table cell opens with a body or a group of bodies."""
        pos = _BLANKS_RE.match(self.body, pos).end()
        return self._body_at(pos, end) is not None or bool(self.g.group_re.match(self.body, pos))

    def cell_bodies(self, pos: int, end: int) -> list[Body]:
        """The bodies a table cell lists ("Bộ Tài chính, Bộ Tư pháp, các bộ, ngành")."""
        found = []
        while pos < end:
            gap = self.g.cell_gap_re.match(self.body, pos).end()
            body = self._body_at(gap, end)
            if body is not None:
                found.append(body)
                paren = _PARENTHESIS_RE.match(self.body, body.end)   # "Sở Y tế (chủ trì)"
                pos = paren.end() if paren else body.end
                continue
            if not self.g.group_re.match(self.body, gap):
                break
            nxt = _CELL_END_RE.search(self.body, gap, end)
            if nxt is None:
                break
            pos = nxt.start()
        return found

    # -- the walk --------------------------------------------------------------------

    def run(self) -> list[Agency]:
        contexts: list[_Context] = []
        table: _Table | None = None
        in_recipients = False
        for paragraph in self._joined():
            line = paragraph.text.strip("\f \t")
            if self.g.recipients_re.match(line):
                in_recipients = True
                table = None
                contexts.clear()
                continue
            if in_recipients:
                if re.match(r"[-+•]", line):
                    continue
                in_recipients = False
            if self.g.furniture_re.match(line):
                continue  # a page's running head ("CÔNG BÁO/Số 286/Ngày 27-05-2026")
            if self.g.annex_re.match(line):
                table, contexts = None, []
                continue
            table, taken = self.table_row(paragraph, table)
            if taken:
                continue
            marker = _MARKER_RE.match(paragraph.text)
            level = _marker_level(marker.group("m")) if marker else (1 if paragraph.is_heading else None)
            if self.g.closing_re.match(line):
                contexts.clear()
            while contexts and level is not None and level <= contexts[-1].level:
                contexts.pop()
            heading = self.heading(paragraph)
            if heading is not None:
                self.standing_in_brackets(heading[0])
                contexts.append(_Context(heading[0], heading[1]))
                continue
            if marker and level is not None and level <= 5:   # "a) Rà soát văn bản pháp luật" / "- Đơn vị chủ trì: …"
                self.item = " ".join(paragraph.text[marker.end():].split()).strip(" :;") or None
            self.paragraph(paragraph, level, contexts)
        return sorted(self.found.values(), key=lambda a: a.span.start)

    def table_row(self, paragraph: Paragraph, table: _Table | None) -> tuple[_Table | None, bool]:
        """Follow an annex table: its header ("Cơ quan chủ trì", "Cơ quan phối
        hợp", "Đơn vị thực hiện") and the cells of bodies under each column; and
        whether the paragraph was a part of the table read here."""
        cells = paragraph.text.split("\t")
        roles = [self.column_role(c) for c in cells]
        if any(roles):
            if len(cells) > 1:
                return _Table(by_cell={i: r for i, r in enumerate(roles) if r}), True
            # a header's labels may be cut over lines ("Cơ quan | chủ trì | Cơ quan | phối hợp"); a header
            # repeated on the next page starts the table again
            table = table if table is not None and not table.cells and table.columns else _Table()
            table.columns.append(roles[0])
            return table, True
        if table is None:
            return None, False
        letters = [c for c in paragraph.text if c.isalpha()]
        if len(cells) == 1 and len(letters) >= 8 and all(c.isupper() for c in letters):
            return None, False   # a heading in capitals ("IV. TỔ CHỨC THỰC HIỆN") ends the table
        if table.by_cell and len(cells) > 1:
            offset = paragraph.start
            task = max((c.strip() for i, c in enumerate(cells) if i not in table.by_cell), key=len, default="") or None
            for i, cell in enumerate(cells):
                role = table.by_cell.get(i)
                if role:
                    for body in self.cell_bodies(offset, offset + len(cell)):
                        self.add_listed(body, role, task, f"cues.{role}_columns", "a table column")
                offset += len(cell) + 1
            table.last_column = None
            return table, True
        if table.columns and len(paragraph.text) <= _CELL_MAX and not _MARKER_RE.match(paragraph.text) \
                and self.starts_cell(paragraph.start, paragraph.end):
            column = 0 if table.last_column is None else table.last_column + 1
            table.cells += 1
            if column < len(table.columns):
                role = table.columns[column]
                for body in self.cell_bodies(paragraph.start, paragraph.end):
                    self.add_listed(body, role, table.task, f"cues.{role}_columns", "a table column")
            table.last_column = column
            return table, True
        table.last_column = None
        marker = _MARKER_RE.match(paragraph.text)
        text = paragraph.text[marker.end() if marker else 0:].strip()
        if len(text) > 12:   # a task cell, not a row number or a date
            table.task = text
        return table, False

    def paragraph(self, paragraph: Paragraph, level: float | None, contexts: list[_Context]) -> None:
        if "report" in paragraph.kinds:
            return   # under "Kết quả", "Tình hình": what bodies did, not what they are told to do
        # under Mục tiêu / Chỉ tiêu a body is what the plan aims at, not told what to do
        tasks_here = self.official and not paragraph.kinds & {"objective", "target"}
        subject: list[Body] | None = None   # the subject of the sentence, for the clauses after ";"
        before: str | None = None           # the role of the clause before ";"
        marker = _MARKER_RE.match(paragraph.text)   # "a." is a marker, not a sentence of its own
        spans = self._clauses(paragraph.start + (marker.end() if marker else 0), paragraph.end)
        ending = self.body[paragraph.start:paragraph.end].rstrip()
        partner_list = bool(self.g.partner_list_re.search(ending))
        opens_list = ending.endswith(":") or partner_list
        for index, (start, clause_end) in enumerate(spans):
            if not self.body[start:clause_end].strip():
                continue
            clause = self.body[start:clause_end]
            last = index == len(spans) - 1
            if self.g.execution_re.search(clause):
                continue  # "… chịu trách nhiệm thi hành Quyết định này"
            past = self.g.past_re.search(clause[:80])
            if past and not ((lead := self.g.lead_re.search(clause)) and lead.start() < past.start()):
                continue  # "Lực lượng Công an đã tập trung …": a report of what was done
            taken: set[int] = set()
            label = next(((role, m) for role, regex in self.g.label_starts.items()
                          if (m := regex.match(self.body, start))), None)
            if label:   # "Cơ quan chủ trì: Sở Y tế"
                role, m = label
                for body in self.cell_bodies(m.end(), clause_end):
                    self.add_listed(body, role, self.item, f"cues.{role}_labels", "named after the label",
                                    m.group(0).strip())
                continue
            found, chain_end, rule = self.subject(start, clause_end)
            context = contexts[-1] if contexts else None
            role, cue, bodies, how = None, None, [], ""
            if found:
                bodies = found
                self.standing_in_brackets(found)
                role, cue = self.role_at(chain_end, clause_end)
                if context is not None and context.partners:
                    role, cue, rule, how = "support", None, "cues.support_before", "listed after 'phối hợp'"
                elif role:
                    rule, how = f"cues.{role}", "the cue follows the name"
                elif tasks_here and not self.g.copula_re.match(self.body, chain_end):
                    role, how = "implementer", "the subject of a task"   # not "Công an tỉnh là lực lượng nòng cốt"
                task_from = cue.end() if cue and role != "support" else chain_end
                subject = found
            elif context is not None and not context.partners:
                bodies = context.bodies
                role, cue = self.role_at(start, clause_end)
                rule, how = (f"cues.{role}", "a task under the body's name opens with the cue") if role else \
                    (context.rule, "a task under the body's name")
                if role is None and before is not None:
                    role, how = before, "a task after ';' under the body's name"
                if role is None and (tasks_here or context.rule != "code: heading"):
                    role = context.default or "implementer"
                task_from = cue.end() if cue and role != "support" else start
            elif subject is not None:   # "Giao Công an tỉnh chủ trì …; theo dõi, đôn đốc …"
                bodies = subject
                role, cue = self.role_at(start, clause_end)
                rule, how = (f"cues.{role}", "the cue opens a clause after ';'") if role else \
                    ("code: subject", "the same subject after ';'")
                role = role or before or ("implementer" if tasks_here else None)
                task_from = cue.end() if cue and role != "support" else start
            if role == "standing" and cue is not None:   # "Là cơ quan thường trực (của Chương trình), chủ trì …"
                then = self.g.then_lead_re.search(self.body, cue.end(), min(clause_end, cue.end() + 60))
                if then:
                    for body in bodies:
                        self.add(body, "lead", self.task(then.end(), clause_end), "cues.lead",
                                 "role lead: the cue follows the standing one", then.group(0).strip(" ,"))
            if role and bodies:
                task = self.task(task_from, clause_end)
                if role != "implementer" or task:
                    for body in bodies:
                        if self.mentioned_only(body, start):
                            continue
                        if self.bracketed_role(body):
                            self.add_listed(body, role, task, rule, how)
                        else:
                            self.add(body, role, task, rule, f"role {role}: {how}", cue.group(0) if cue else None)
                        taken.add(body.start)
                extra = self.also_support(cue, task_from, clause_end) if role == "implementer" else None
                if extra:
                    for body in bodies:
                        self.add(body, "support", None, "cues.support", "role support: it also coordinates",
                                 extra.group(0))
                if last and opens_list:
                    # the list below holds this body's tasks; under "Chủ trì, phối hợp:" it names the partners
                    own = role if cue is not None and role != "support" else None
                    contexts.append(_Context(bodies, (level or 0) + 0.5, own, partner_list, "code: list under a clause"))
            # after ";" a led task goes on ("chủ trì …; theo dõi, đôn đốc …"); other clauses say their own role
            before = role if self.body[clause_end:clause_end + 1] == ";" and role in ("lead", "standing") else None
            if self.body[clause_end:clause_end + 1] != ";":
                subject = None
            for body, partner_cue in self.partners(start, clause_end):
                self.add(body, "support", None, "cues.support_before", "role support: named after 'phối hợp'",
                         partner_cue.group(0))
                taken.add(body.start)
            for body in self._within(start, clause_end):   # "…, Sở Xây dựng chủ trì, phối hợp …"
                if body.start in taken or self.mentioned_only(body, start):
                    continue
                after = self.body[body.end:clause_end]
                for named_role, regex in self.g.named_roles:
                    named = regex.match(after)
                    if named:
                        self.add(body, named_role, self.task(body.end + named.end(), clause_end), f"cues.{named_role}",
                                 f"role {named_role}: the cue follows the name", named.group(0).strip())
                        break


def extract_agencies(text: NormalizedText, rules: RuleSet, document: DocumentInfo,
                     paragraphs: list[Paragraph]) -> list[Agency]:
    return _Agencies(text, rules, document, paragraphs).run()
