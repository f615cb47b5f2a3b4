"""Excel workbooks (``--format xlsx``) for analysts who work in Excel.

``extract``: one sheet per table — ``documents`` (one row per input) and one per
kind extracted (``objectives``, ``targets``, ``agencies``, ``citations``), each
item row starting with its document's path and identity and ending with the
``line`` and ``page`` its text came from. ``compare``: the ``comparison`` as the
CSV has it, the ``long`` table (one row per document × target) and, unless the
comparison already is one, the per-indicator matrix (``by indicator``).

Every sheet: a bold header row frozen in view, an autofilter over the data,
column widths from the content (10–60 characters; longer text wraps). Numbers
and years are numbers; an ISO date ("2019-02-26") is a real date shown as
YYYY-MM-DD, so that Excel sorts it as a date and its filter groups by year
and month (a partial date stays text). A text that starts with ``= + - @`` is
stored as text with Excel's quote prefix — never run as a formula, and kept as
text when the cell is edited.

openpyxl is imported only when a workbook is written.
"""
from __future__ import annotations

import csv
import datetime
import io
import re
from typing import IO, Any, NamedTuple

from ..model import Record
from .csvfmt import _FORMULA_STARTS
from .rows import columns as csv_columns

WIDTH_MIN, WIDTH_MAX = 10, 60
CELL_MAX = 32767  # Excel's limit of characters in a cell
DATE_COLUMNS = {"issue_date"}
DOCUMENT_IDENTITY = {"document_type": "doc_type", "document_number": "number",
                     "document_province": "province", "document_year": "year"}
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class Sheet(NamedTuple):
    name: str
    columns: list[str]
    rows: list[list[Any]]


# --- extract ------------------------------------------------------------------

def document_columns() -> list[str]:
    identity = [c for c in csv_columns("documents") if c not in ("document", "format", "sha256", "pages",
                                                                  "encoding", "ocr", "warnings")]
    return ["document", "format", "pages", "encoding", "ocr_pages", *identity, "warnings", "sha256"]


def item_columns(kind: str) -> list[str]:
    values = [c for c in csv_columns(kind)[1:] if not c.startswith("span_")]
    return ["document", *DOCUMENT_IDENTITY, *values, "line", "page"]


def record_rows(record: Record, table: str) -> list[list[Any]]:
    """The rows ``record`` gives ``table``, taken by column name (a stored record of an
    older plancli may lack a newer field: its cell stays empty)."""
    data = record.to_dict()
    document = data["document"]
    if table == "documents":
        source = data["source"]
        values = {**source, **document, "document": record.key,
                  "ocr_pages": (source.get("ocr") or {}).get("pages"),
                  "warnings": [f"{w['code']}: {w['message']}" for w in data["warnings"]]}
        return [[values.get(c) for c in document_columns()]]
    identity = {column: document.get(field) for column, field in DOCUMENT_IDENTITY.items()}
    out = []
    for item in data.get(table, []):
        values = {**item, **identity, "document": record.key,
                  "line": item["span"]["line"], "page": item["span"].get("page")}
        out.append([values.get(c) for c in item_columns(table)])
    return out


class XlsxWorkbookWriter:
    """Every table of the extracted kinds into one workbook, written (atomically) at close."""

    def __init__(self, path: str, tables: list[str]):
        self.path = path
        self.sheets = [Sheet(t, document_columns() if t == "documents" else item_columns(t), []) for t in tables]

    def write(self, record: Record) -> None:
        for sheet in self.sheets:
            sheet.rows.extend(record_rows(record, sheet.name))

    def close(self) -> None:
        from . import atomic_file

        with atomic_file(self.path) as handle:
            write_workbook(self.sheets, handle.buffer)

    def abort(self) -> None:
        """Nothing was written yet: an interrupted run leaves the old file as it was."""


# --- compare ------------------------------------------------------------------

def comparison_sheet(name: str, comparison, provinces: dict[str, str | None]) -> Sheet:
    """The comparison as ``compare --format csv`` has it (the same view, read back from it)."""
    from .comparison import compare_csv

    text = io.StringIO()
    compare_csv(comparison, text, provinces=provinces)
    header, *rows = csv.reader(io.StringIO(text.getvalue()))
    # the CSV's apostrophe before "= + - @" is not needed: the workbook stores such cells as text
    return Sheet(name, header, [[_without_csv_quote(v) or None for v in row] for row in rows])


def _without_csv_quote(value: str) -> str:
    return value[1:] if value.startswith("'") and value[1:].startswith(_FORMULA_STARTS) else value


def long_sheet(rows: list[dict], columns: list[str]) -> Sheet:
    return Sheet("long", columns, [[item[c] for c in columns] for item in rows])


def write_comparison_workbook(stream: IO[bytes], long: Sheet, comparison=None, by_indicator=None,
                              provinces: dict[str, str | None] | None = None) -> None:
    """Sheets ``comparison`` (when given), ``long``, and ``by indicator`` (when given)."""
    sheets = [comparison_sheet("comparison", comparison, provinces)] if comparison is not None else []
    sheets.append(long)
    if by_indicator is not None:
        sheets.append(comparison_sheet("by indicator", by_indicator, provinces))
    write_workbook(sheets, stream)


# --- the workbook ---------------------------------------------------------------

def write_workbook(sheets: list[Sheet], stream: IO[bytes]) -> None:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    for sheet in sheets:
        _write_sheet(workbook.create_sheet(sheet.name), sheet)
    workbook.save(stream)


def _write_sheet(worksheet, sheet: Sheet) -> None:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    rows = [[_excel_value(v, c in DATE_COLUMNS) for v, c in zip(row, sheet.columns)] for row in sheet.rows]
    widths = [max([len(name)] + [_text_width(row[n]) for row in rows]) + 2 for n, name in enumerate(sheet.columns)]
    wrapped = {n for n, width in enumerate(widths) if width > WIDTH_MAX}
    for n, width in enumerate(widths):
        worksheet.column_dimensions[get_column_letter(n + 1)].width = min(max(width, WIDTH_MIN), WIDTH_MAX)
    worksheet.freeze_panes = "A2"
    last = get_column_letter(len(sheet.columns))
    worksheet.auto_filter.ref = f"A1:{last}{len(rows) + 1}"

    bold = Font(bold=True)
    header = []
    for name in sheet.columns:
        cell = WriteOnlyCell(worksheet, name)
        cell.font = bold
        header.append(cell)
    worksheet.append(header)
    wrap = Alignment(wrap_text=True, vertical="top")
    for row in rows:
        cells = []
        for n, value in enumerate(row):
            wraps = isinstance(value, str) and (n in wrapped and len(value) > WIDTH_MAX or "\n" in value)
            formula_like = isinstance(value, str) and value.startswith(_FORMULA_STARTS)
            if not (wraps or formula_like or isinstance(value, datetime.date)):
                cells.append(value)  # a plain value: openpyxl makes the cell (much faster than styling one)
                continue
            cell = WriteOnlyCell(worksheet, value)
            if formula_like:
                cell.data_type = "s"  # openpyxl would write "=…" as a formula
                cell.quotePrefix = True
            elif isinstance(value, datetime.date):
                cell.number_format = "yyyy-mm-dd"
            if wraps:
                cell.alignment = wrap
            cells.append(cell)
        worksheet.append(cells)


def _excel_value(value: Any, is_date: bool) -> Any:
    """A cell's value: integral floats as integers, ISO dates as dates (when ``is_date``),
    lists one item per line (a period "2021–2025"), text without the control characters
    a workbook cannot hold and within Excel's length."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, list):
        if not value:
            return None
        value = "–".join(map(str, value)) if all(isinstance(v, int) for v in value) else "\n".join(map(str, value))
    if not isinstance(value, str):
        return value
    if is_date and _ISO_DATE.fullmatch(value):
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            return value  # "2019-02-30" as written
    value = ILLEGAL_CHARACTERS_RE.sub(" ", value)
    return value if len(value) <= CELL_MAX else value[:CELL_MAX - 1] + "…"


def _text_width(value: Any) -> int:
    if value is None:
        return 0
    if isinstance(value, datetime.date):
        return 10
    return max(len(line) for line in str(value).split("\n"))
