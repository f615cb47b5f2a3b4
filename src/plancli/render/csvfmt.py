"""CSV: one file per kind (documents.csv, targets.csv, …), the document key on
every row, optionally with a UTF-8 BOM so that Excel reads Vietnamese right.

A cell that starts with ``= + - @`` (or a tab or carriage return) would run as
a formula in a spreadsheet; it is written with a leading apostrophe instead
("- Sở Tư pháp chủ trì" → "'- Sở Tư pháp chủ trì").
"""
from __future__ import annotations

import contextlib
import csv
from pathlib import Path
from typing import IO, Any

from ..model import Record
from . import atomic_file
from .rows import columns, rows

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return "" if value is None else value


class CsvTableWriter:
    """One table (``documents`` or a kind) to one stream."""

    def __init__(self, stream: IO[str], table: str, bom: bool = False):
        self.table = table
        if bom:
            stream.write("\ufeff")
        self.csv = csv.writer(stream, lineterminator="\r\n")
        self.csv.writerow(columns(table))

    def write(self, record: Record) -> None:
        for row in rows(record, self.table):
            self.csv.writerow([safe_cell(v) for v in row])

    def close(self) -> None:
        pass


class CsvDirectoryWriter:
    """Every table of the extracted kinds into ``directory``/TABLE.csv, each
    file replaced atomically when the batch is done."""

    def __init__(self, directory: str | Path, tables: list[str], bom: bool = False):
        self.directory = Path(directory)
        self.stack = contextlib.ExitStack()
        self.writers = []
        for table in tables:
            stream = self.stack.enter_context(atomic_file(self.directory / f"{table}.csv", newline=""))
            self.writers.append(CsvTableWriter(stream, table, bom))

    def write(self, record: Record) -> None:
        for writer in self.writers:
            writer.write(record)

    def close(self) -> None:
        self.stack.close()

    def abort(self) -> None:
        """Leave the old files in place: the temporary ones are removed."""
        with contextlib.suppress(Exception):
            self.stack.__exit__(KeyboardInterrupt, KeyboardInterrupt(), None)
