"""Records flattened into rows, one table per kind: what CSV writes and what
the Markdown and terminal tables show. Every row starts with the document key."""
from __future__ import annotations

from dataclasses import fields
from typing import Any

from ..model import Agency, Citation, DocumentInfo, Objective, Record, Source, Span, Target, value_fields

_ITEM_CLASSES = {"objectives": Objective, "targets": Target, "agencies": Agency, "citations": Citation}
_SPAN_COLUMNS = [f"span_{f.name}" for f in fields(Span)]


def columns(table: str) -> list[str]:
    if table == "documents":
        return (["document"] + [f.name for f in fields(Source) if f.name != "path"]
                + value_fields(DocumentInfo) + ["warnings"])
    names = [name for name in value_fields(_ITEM_CLASSES[table]) if name != "span"]
    return ["document"] + names + _SPAN_COLUMNS


def _cell(value: Any) -> Any:
    if isinstance(value, list):
        return " - ".join(map(str, value))
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def rows(record: Record, table: str) -> list[list[Any]]:
    """The rows ``record`` contributes to ``table`` (none for a kind not extracted), filled
    column by column by name: a field a record leaves out (``source.ocr`` when no page was
    OCR'd, a field a stored record of an older plancli lacks) is an empty cell, never a shift."""
    data = record.to_dict()
    names = columns(table)[1:]
    if table == "documents":
        values = {**data["source"], **data["document"],
                  "ocr": _ocr_cell(data["source"].get("ocr")),
                  "warnings": "; ".join(f"{w['code']}: {w['message']}" for w in data["warnings"])}
        return [[record.key] + [_cell(values.get(name)) for name in names]]
    out = []
    for item in data.get(table, []):
        span = {f"span_{key}": value for key, value in item["span"].items()}
        out.append([record.key] + [_cell(item.get(name, span.get(name))) for name in names])
    return out


def _ocr_cell(ocr: dict | None) -> str | None:
    """ {"engine": "tesseract", "version": "5.3.0", "language": "vie", "pages": [1, 3]} →
    "tesseract 5.3.0 (vie): pages 1, 3" """
    if not ocr:
        return None
    return f"{ocr['engine']} {ocr['version']} ({ocr['language']}): pages {', '.join(map(str, ocr['pages']))}"


# --- what the human-readable views show ------------------------------------

_COMPARATOR_SIGNS = {">=": "≥", ">": ">", "=": "", "<=": "≤", "<": "<", "increase": "+", "decrease": "−"}


def value_text(target: dict) -> str:
    """``{"value": 50, "comparator": ">=", "unit": "%"}`` → ``≥ 50%``; a range → ``15–20%``."""
    number = f"{_cell(target['value'])}"
    if target.get("value_max") is not None:
        number += f"–{_cell(target['value_max'])}"
    unit = target.get("unit") or ""
    sign = _COMPARATOR_SIGNS.get(target.get("comparator") or "=", target.get("comparator") or "")
    return f"{sign} {number}{unit if unit == '%' else ' ' + unit}".strip()


# (heading, [(column label, how to get it from an item)]) for each kind
VIEWS = {
    "objectives": [("objective", lambda i: i["text"])],
    "targets": [("value", value_text), ("subject", lambda i: i.get("subject") or ""),
                ("indicator", lambda i: i.get("indicator") or "")],
    "agencies": [("role", lambda i: i["role"]), ("agency", lambda i: i["name"]),
                 ("task", lambda i: i.get("task") or "")],
    "citations": [("type", lambda i: i.get("doc_type") or ""),
                  ("number / title", lambda i: i.get("number") or i.get("title") or ""),
                  ("date", lambda i: i.get("issue_date") or ""), ("issuer", lambda i: i.get("issuer") or "")],
}


def view_rows(data: dict, kind: str) -> list[list[str]]:
    """The cells of the human view of ``kind``, with the line number last."""
    items = data.get(kind, [])
    if kind == "agencies":
        items = sorted(items, key=lambda i: ("lead", "standing", "support", "implementer").index(i["role"])
                       if i["role"] in ("lead", "standing", "support", "implementer") else 9)
    return [[str(get(item)) for _, get in VIEWS[kind]] + [str(item["span"]["line"])]
            + ([why_text(item["why"])] if "why" in item else []) for item in items]


def why_text(steps: list[dict]) -> str:
    """An item's explanation on one cell: "rules/agencies.yaml:142 cues.lead: role lead ('chủ trì')"."""
    return "; ".join(f"{s['rule']}: {s['note']}" + (f" ({s['matched']!r})" if s.get("matched") else "")
                     for s in steps)


def document_fields(data: dict) -> list[tuple[str, str]]:
    doc = data["document"]
    why = doc.get("why") or {}
    shown = [(k, ("–".join(map(str, v)) if isinstance(v, list) else str(v))
              + (f"  ← {why_text(why[k])}" if k in why else ""))
             for k, v in doc.items() if v is not None and k != "why"]
    source = data["source"]
    detail = source["format"] + (f", {source['encoding']}" if source.get("encoding") else "")
    if source.get("pages") is not None:
        detail += f", {source['pages']} pages"
    return [("source", detail)] + shown
