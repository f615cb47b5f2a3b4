"""The long table of a comparison (``plancli compare --long``, ``--format parquet``):
one row per document × target, tidy data that loads straight into pandas, R or
DuckDB. The same rows go to CSV, JSON and Parquet.

``row`` is the index of the compare row the target was aligned into (as in the
JSON's ``rows`` list and the HTML's ``#row-N``); ``aligned_by``/``similarity``
say why that row's targets were put together; ``change`` is how the value moved
from the province's previous year (raised, lowered, same, new).
"""
from __future__ import annotations

import csv
import json
from typing import IO, Any

from ..compare import Comparison
from ..model import Record
from ..ruleset import RuleSet
from .csvfmt import safe_cell

PARQUET_INSTALL = "pip install 'plancli[parquet]'"

# column → its type in Parquet: numbers as float64, years/lines/pages as integers, the rest strings
COLUMN_TYPES: dict[str, str] = {
    "path": "string", "doc_type": "string", "number": "string", "issue_date": "string",
    "province": "string", "province_as_of": "string", "year": "int",
    "indicator": "string", "indicator_label": "string", "domain": "string",
    "value": "float", "value_max": "float", "comparator": "string", "unit": "string",
    "baseline_year": "int", "deadline_year": "int", "subject": "string", "text": "string",
    "line": "int", "page": "int", "row": "int", "aligned_by": "string", "similarity": "float",
    "change": "string",
}


def long_columns(as_of: int | None) -> list[str]:
    """The long table's columns; ``province_as_of`` only when grouped ``--as-of`` a year."""
    return [c for c in COLUMN_TYPES if c != "province_as_of" or as_of is not None]


def long_rows(comparison: Comparison, records: list[Record], rules: RuleSet,
              provinces: dict[str, str | None] | None = None) -> list[dict[str, Any]]:
    """One dict per target in the comparison, in column order, then in the order of the text.

    ``provinces``: column key → the province it is grouped under (``--as-of``);
    None leaves ``province_as_of`` out."""
    record_of = {id(t): r for r in records for t in r.targets}
    catalog = {e.id: e for e in rules.entries("indicators").values()}
    position = {c.key: n for n, c in enumerate(comparison.columns)}
    found = []
    for n, row in enumerate(comparison.rows):
        into = {c["to"]: c["change"] for c in row.changes}
        for key, target in row.cells.items():
            if target is not None:
                found.append((position[key], target.span.start, n, key, target, row, into.get(key)))
    out = []
    for _, _, n, key, target, row, change in sorted(found, key=lambda f: f[:3]):
        record = record_of[id(target)]
        doc = record.document
        entry = catalog.get(target.indicator)
        item = {
            "path": record.source.path, "doc_type": doc.doc_type, "number": doc.number,
            "issue_date": doc.issue_date, "province": doc.province,
            "province_as_of": provinces.get(key) if provinces is not None else None, "year": doc.year,
            "indicator": target.indicator, "indicator_label": entry.get("label") if entry else None,
            "domain": entry.get("domain") if entry else None,
            "value": target.value, "value_max": target.value_max, "comparator": target.comparator,
            "unit": target.unit, "baseline_year": target.baseline_year, "deadline_year": target.deadline_year,
            "subject": target.subject, "text": target.text, "line": target.span.line, "page": target.span.page,
            "row": n, "aligned_by": row.why.by if row.why else None,
            "similarity": row.why.score if row.why else None, "change": change,
        }
        if provinces is None:
            del item["province_as_of"]
        out.append(item)
    return out


def _plain_number(value: Any) -> Any:
    return int(value) if isinstance(value, float) and value.is_integer() else value


def write_long_csv(rows: list[dict], columns: list[str], stream: IO[str], bom: bool = False) -> None:
    if bom:
        stream.write("\ufeff")
    writer = csv.writer(stream, lineterminator="\r\n")
    writer.writerow(columns)
    for item in rows:
        writer.writerow([safe_cell(_plain_number(item[c])) for c in columns])


def write_long_json(rows: list[dict], stream: IO[str]) -> None:
    """A JSON array of row objects (``pandas.read_json``, DuckDB ``read_json_auto``)."""
    plain = [{k: _plain_number(v) for k, v in item.items()} for item in rows]
    stream.write(json.dumps(plain, ensure_ascii=False, indent=1) + "\n")


def require_pyarrow() -> None:
    """Raise ImportError naming the install command when pyarrow is not installed."""
    try:
        import pyarrow.parquet  # noqa: F401
    except ImportError as exc:
        raise ImportError(f"--format parquet needs pyarrow: {PARQUET_INSTALL}") from exc


def write_long_parquet(rows: list[dict], columns: list[str], stream: IO[bytes]) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    types = {"string": pa.string(), "int": pa.int64(), "float": pa.float64()}
    schema = pa.schema([(c, types[COLUMN_TYPES[c]]) for c in columns])
    table = pa.Table.from_pylist([{c: item[c] for c in columns} for item in rows], schema=schema)
    pq.write_table(table, stream)
