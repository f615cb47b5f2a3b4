"""An SQLite store of extraction records (``--store plans.db``).

Tables ``documents``, ``objectives``, ``targets``, ``agencies`` and
``citations``; every item row has the ``document_id`` of its document and its
span. A document is stored with the sha256 of its content and the version of
the rules that extracted it: extracting it again with the same content and
rules is skipped, its record read back from ``documents.record``. Its row also
says which plancli (``plancli_version``) and rule files (``rules_hash``, as
``plancli --version`` shows it for the built-in rules) made the record.

Open it with any SQLite tool::

    SELECT d.province, d.year, t.value, t.comparator, t.subject
    FROM targets t JOIN documents d ON d.id = t.document_id
    WHERE t.indicator = 'awareness.people_reached' ORDER BY d.province, d.year;
"""
from __future__ import annotations

import json
import sqlite3
from dataclasses import fields
from pathlib import Path

from .errors import PlancliError
from .model import Agency, Citation, DocumentInfo, Objective, Record, Span, Target, record_from_dict, value_fields

_ITEMS = {"objectives": Objective, "targets": Target, "agencies": Agency, "citations": Citation}
_SPAN = [f"span_{f.name}" for f in fields(Span)]
_MADE_BY = "plancli_version TEXT, rules_hash TEXT"


def _columns(cls) -> list[str]:
    return [name for name in value_fields(cls) if name != "span"]


def _column_type(column: str) -> str:
    return "REAL" if column in ("value", "value_max") else "INTEGER" if column.endswith("_year") else "TEXT"


def _schema() -> str:
    doc = ", ".join(f"{c} {'INTEGER' if c == 'year' else 'TEXT'}" for c in _columns(DocumentInfo))
    statements = [
        "CREATE TABLE IF NOT EXISTS documents (id INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE, "
        f"sha256 TEXT NOT NULL, rules_version TEXT NOT NULL, {_MADE_BY}, format TEXT, pages INTEGER, "
        f"encoding TEXT, {doc}, warnings TEXT, record TEXT NOT NULL)",
    ]
    for table, cls in _ITEMS.items():
        cols = ", ".join(f"{c} {_column_type(c)}" for c in _columns(cls))
        spans = ", ".join(f"{c} INTEGER" for c in _SPAN)
        statements.append(f"CREATE TABLE IF NOT EXISTS {table} (id INTEGER PRIMARY KEY, "
                          f"document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE, {cols}, {spans})")
        statements.append(f"CREATE INDEX IF NOT EXISTS {table}_document ON {table}(document_id)")
    return ";\n".join(statements)


class Store:
    def __init__(self, path: str | Path):
        self.path = str(path)
        try:
            self.db = sqlite3.connect(self.path)
            self.db.execute("PRAGMA foreign_keys = ON")
            self.db.executescript(_schema())
            self._add_new_columns()
        except sqlite3.DatabaseError as exc:
            raise PlancliError(f"{self.path}: not a plancli store ({exc}); give another --store file") from None

    def _add_new_columns(self) -> None:
        """A store written before a field was added (citations' ``subject``, documents'
        ``plancli_version``) gets its column."""
        present = {row[1] for row in self.db.execute("PRAGMA table_info(documents)")}
        for column in ("plancli_version", "rules_hash"):
            if column not in present:
                self.db.execute(f"ALTER TABLE documents ADD COLUMN {column} TEXT")
        for table, cls in _ITEMS.items():
            present = {row[1] for row in self.db.execute(f"PRAGMA table_info({table})")}
            for column in _columns(cls):
                if column not in present:
                    self.db.execute(f"ALTER TABLE {table} ADD COLUMN {column} {_column_type(column)}")

    def close(self) -> None:
        self.db.commit()
        self.db.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def lookup(self, path: str, sha256: str, rules_version: str) -> Record | None:
        # a row stored before records said which plancli made them is extracted again
        row = self.db.execute("SELECT record FROM documents WHERE path = ? AND sha256 = ? AND rules_version = ? "
                              "AND plancli_version IS NOT NULL", (path, sha256, rules_version)).fetchone()
        return record_from_dict(json.loads(row[0])) if row else None

    def save(self, record: Record, rules_version: str) -> None:
        data = record.to_dict()
        source, doc = data["source"], data["document"]
        self.db.execute("DELETE FROM documents WHERE path = ?", (source["path"],))
        made_by = data.get("plancli", {})
        values = [source["path"], source["sha256"], rules_version, made_by.get("version"), made_by.get("rules"),
                  source["format"], source["pages"], source["encoding"]] + [
                  json.dumps(v) if isinstance(v, list) else v for v in doc.values()] + [
                  json.dumps(data["warnings"], ensure_ascii=False), json.dumps(data, ensure_ascii=False)]
        cols = ["path", "sha256", "rules_version", "plancli_version", "rules_hash", "format", "pages", "encoding",
                *doc, "warnings", "record"]
        cursor = self.db.execute(f"INSERT INTO documents ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                                 values)
        document_id = cursor.lastrowid
        for table, cls in _ITEMS.items():
            names = _columns(cls)
            rows = [[document_id] + [json.dumps(item[n], ensure_ascii=False) if isinstance(item[n], list) else item[n]
                                     for n in names] + list(item["span"].values()) for item in data.get(table, [])]
            if rows:
                cols = ["document_id", *names, *_SPAN]
                self.db.executemany(f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                                    rows)
        self.db.commit()

    def records(self, province: str | None = None, year: int | None = None) -> list[Record]:
        """Stored records, filtered by province and year, in path order."""
        query, args = "SELECT record FROM documents WHERE 1 = 1", []
        if province:
            query += " AND province = ?"
            args.append(province)
        if year:
            query += " AND year = ?"
            args.append(year)
        return [record_from_dict(json.loads(r[0])) for r in self.db.execute(query + " ORDER BY path", args)]

    def find(self, spec: str) -> Record:
        """One stored document, by its path or as "Province year" ("Lạng Sơn 2019")."""
        import re

        row = self.db.execute("SELECT record FROM documents WHERE path = ?", (spec,)).fetchone()
        if row:
            return record_from_dict(json.loads(row[0]))
        m = re.fullmatch(r"\s*(.+?)\s+((?:19|20)\d\d)\s*", spec)
        found = self.records(m.group(1), int(m.group(2))) if m else []
        if len(found) == 1:
            return found[0]
        if not found:
            raise PlancliError(f"{self.path}: no stored document {spec!r}; give a stored path or 'Province year'")
        raise PlancliError(f"{self.path}: {len(found)} stored documents are {spec!r} "
                           f"({', '.join(r.source.path for r in found)}); give one of their paths")
