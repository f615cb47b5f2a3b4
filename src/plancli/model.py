"""The output contract ``plancli.extract/1`` (SPEC §2) as dataclasses.

Every record serialises with ``to_dict()`` to exactly the JSON that
``schema/extract-1.json`` describes; tests validate real outputs against it.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field, fields
from importlib import resources
from typing import Any

SCHEMA_ID = "plancli.extract/1"
KINDS = ("objectives", "targets", "agencies", "citations")


def _plain(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer():
        return int(value)  # "value": 50, as written, not 50.0
    if hasattr(value, "to_dict"):
        return value.to_dict()
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


class _Serialisable:
    def to_dict(self) -> dict:
        out = {f.name: _plain(getattr(self, f.name)) for f in fields(self)}  # type: ignore[arg-type]
        if out.get("why") is None:
            out.pop("why", None)
        return out


# ``why``: how an item was found, for ``plancli extract --explain`` — a list of
# steps {"rule": "rules/agencies.yaml:142 cues.lead", "note": "…", "matched": "chủ trì"}
# (RuleSet.why builds one). Left out of the output unless the record is explained.
Why = list[dict]


def value_fields(cls) -> list[str]:
    """The names of a record class's fields that hold data: not its ``why``."""
    return [f.name for f in fields(cls) if f.name != "why"]


@dataclass
class Span(_Serialisable):
    """Character offsets into the normalised text, 1-based line and page."""

    start: int
    end: int
    line: int
    page: int | None = None


@dataclass
class OcrInfo(_Serialisable):
    """The pages of a PDF that were read by OCR (1-based), and by what:
    engine ``tesseract``, its version, the language model (``vie``)."""

    engine: str
    version: str
    language: str
    pages: list[int]


@dataclass
class Source(_Serialisable):
    """Where a record came from.

    ``path``: the input as given ("<stdin>", "<text>" or "<bytes>" for unnamed
    input); ``format``: how it was read (txt, md, pdf, docx, html, stdin, text);
    ``sha256``: of its bytes; ``pages``: a PDF's page count, else None;
    ``encoding``: the text encoding detected (plain text), else None; ``ocr``:
    the pages read by OCR, when any."""

    path: str
    format: str
    sha256: str
    pages: int | None = None
    encoding: str | None = None
    # set only when pages were read by OCR; left out of to_dict() otherwise,
    # so the records of documents read without OCR are what they always were
    ocr: OcrInfo | None = None

    def to_dict(self) -> dict:
        out = super().to_dict()
        if out["ocr"] is None:
            del out["ocr"]
        return out


@dataclass
class DocumentInfo(_Serialisable):
    """The document's identity, from its header; None where it does not say.

    ``doc_type``: "Kế hoạch", "Quyết định" …; ``number``: its số ký hiệu
    ("23/KH-BCĐ"); ``issue_date``: ISO "2019-02-26"; ``issuer``: the body that
    issued it; ``level``: national, province, district or commune; ``province``:
    the province it belongs to; ``year``: of issue; ``period``: [first, last]
    year of a plan for several years ("giai đoạn 2021-2025"); ``title``: what it
    is ("Triển khai thực hiện Chương trình …"); ``why``: with explain, field →
    the rule steps that set it."""

    doc_type: str | None = None
    number: str | None = None
    issue_date: str | None = None
    issuer: str | None = None
    level: str | None = None
    province: str | None = None
    year: int | None = None
    period: list[int] | None = None
    title: str | None = None
    # field name → the steps that set it
    why: dict[str, Why] | None = field(default=None, compare=False)


@dataclass
class Objective(_Serialisable):
    """One aim of the plan (an item under "Mục đích", "Mục tiêu" …): ``text`` as
    written, ``span`` where, ``why`` (explain) the rules that found it."""

    text: str
    span: Span
    why: Why | None = field(default=None, compare=False)


@dataclass(kw_only=True)
class Target(_Serialisable):
    """One numeric target: "Ít nhất 50% người dân … được tiếp cận thông tin".

    ``text``: the clause; ``value``: the number (50); ``value_max``: the upper
    end of a range ("từ 80 đến 90%"), else None; ``unit``: "%", "vụ", "người" …;
    ``comparator``: ">=", ">", "=", "<=", "<", or "increase"/"decrease" for a
    change; ``subject``: what is counted ("người dân tại các địa bàn trọng
    điểm"); ``indicator``: its id in the catalog (``rules/indicators.yaml``),
    else None; ``baseline_year``: the year compared with ("so với năm 2018");
    ``deadline_year``: the year it is due; ``span``: where; ``why``: with
    explain, the rules that found it."""

    text: str
    value: float
    value_max: float | None = None
    unit: str | None
    comparator: str
    subject: str | None
    indicator: str | None = None
    baseline_year: int | None = None
    deadline_year: int | None = None
    span: Span
    why: Why | None = field(default=None, compare=False)


@dataclass(kw_only=True)
class Agency(_Serialisable):
    """``name`` is canonical ("Công an tỉnh"); ``province`` completes a
    provincial body's name from the document; ``task`` is the first task,
    ``tasks`` all of them; ``successors`` the canonical names of the bodies
    that took over its work when it ended in the 2025 reorganisation ("Sở Lao
    động, Thương binh và Xã hội" → Sở Nội vụ, Sở Y tế …), empty for a body that
    still exists (``rules/agencies.yaml``). ``mention`` is the name as written;
    ``role`` is lead (chủ trì), support (phối hợp), standing (thường trực) or
    implementer (the subject of a task); ``span`` where it is named."""

    name: str
    mention: str
    role: str
    task: str | None
    province: str | None = None
    tasks: list[str] = field(default_factory=list)
    successors: list[str] = field(default_factory=list)
    span: Span
    why: Why | None = field(default=None, compare=False)


@dataclass(kw_only=True)
class Citation(_Serialisable):
    """Another document the plan cites: ``doc_type`` ("Quyết định"), ``number``
    ("163/2024/QH15"), ``issue_date`` (ISO), ``issuer``, ``title`` (a law cited
    by name: "Luật phòng, chống mua bán người"), ``subject`` (what it is about),
    ``text`` (the citation as written), ``span`` where."""

    doc_type: str | None
    number: str | None
    issue_date: str | None = None
    issuer: str | None = None
    title: str | None = None
    # what the cited document is about: "thực hiện kiến nghị của Ủy ban Tư pháp …" of "… về việc thực hiện kiến nghị …"
    subject: str | None = None
    text: str
    span: Span
    why: Why | None = field(default=None, compare=False)


@dataclass
class RecordWarning(_Serialisable):
    """Something the user should know about a document: ``no-text-layer``, ``unmapped-font`` …"""

    code: str
    message: str


@dataclass
class Record:
    """One document's extraction.

    ``kinds`` names the lists that were extracted (``--only``); the others are
    left out of ``to_dict()`` rather than reported as empty. ``text`` is the
    normalised text the spans point into.
    """

    source: Source
    document: DocumentInfo = field(default_factory=DocumentInfo)
    objectives: list[Objective] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    agencies: list[Agency] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    warnings: list[RecordWarning] = field(default_factory=list)
    kinds: tuple[str, ...] = KINDS
    # with explain, every item keeps its ``why`` in to_dict() (``extract --explain``)
    explain: bool = False
    text: str = field(default="", repr=False)
    # the dict a record was read back from (the store): written out as it was
    stored: dict | None = field(default=None, repr=False, compare=False)
    # ruleset.rules_hash of the rules that made it; unset, the built-in rules'
    rules_hash: str | None = None

    def to_dict(self) -> dict:
        if self.stored is not None:
            return self.stored
        out: dict[str, Any] = {"schema": SCHEMA_ID, "plancli": made_by(self.rules_hash),
                               "source": self.source.to_dict(), "document": self.document.to_dict()}
        for kind in KINDS:
            if kind in self.kinds:
                out[kind] = _plain(getattr(self, kind))
        out["warnings"] = _plain(self.warnings)
        if not self.explain:
            out["document"].pop("why", None)
            for kind in KINDS:
                for item in out.get(kind, []):
                    item.pop("why", None)
        return out

    @property
    def key(self) -> str:
        """The document key on every CSV row: the source path."""
        return self.source.path


def made_by(rules_hash: str | None = None) -> dict:
    """``{"version": "0.1.0", "rules": "b93a6c503a2f"}``: the plancli and the rules
    (``ruleset.rules_hash``; the built-in rules' when not given) an output came from."""
    from . import __version__
    from .ruleset import builtin_rules_hash

    return {"version": __version__, "rules": rules_hash or builtin_rules_hash()}


def json_schema() -> dict:
    """The JSON Schema of one ``plancli.extract/1`` record."""
    return json.loads(resources.files("plancli").joinpath("schema/extract-1.json").read_text("utf-8"))


def record_from_dict(data: dict) -> Record:
    """A Record back from its ``to_dict()`` form (the store keeps records as JSON)."""

    def span(d):
        return Span(**d)

    def items(cls, key):
        return [cls(**{**item, "span": span(item["span"])}) for item in data.get(key, [])]

    kinds = tuple(k for k in KINDS if k in data)
    source = dict(data["source"])
    if source.get("ocr") is not None:
        source["ocr"] = OcrInfo(**source["ocr"])
    return Record(
        source=Source(**source),
        document=DocumentInfo(**data["document"]),
        objectives=items(Objective, "objectives"), targets=items(Target, "targets"),
        agencies=items(Agency, "agencies"), citations=items(Citation, "citations"),
        warnings=[RecordWarning(**w) for w in data.get("warnings", [])],
        kinds=kinds, stored=data, rules_hash=data.get("plancli", {}).get("rules"),
    )
