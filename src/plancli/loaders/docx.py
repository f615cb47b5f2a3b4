"""DOCX → text with python-docx: paragraphs and tables in document order.

A table row becomes one line with its cells separated by tabs, so that an
indicator stays on the line of its value and an annex row's task on the line of
the bodies that lead and support it ("Xây dựng Nghị quyết …\tBộ Y tế\tBộ Tài
chính, các bộ, ngành"); a cell of several paragraphs has them joined by spaces.
Only a layout table of two columns (the header: issuer | motto; the signature:
Nơi nhận | TM. ỦY BAN NHÂN DÂN) gives its longer cells' paragraphs on lines of
their own, as the page shows them. Merged cells are read once.
"""
from __future__ import annotations

import io

from ..errors import InputError
from . import LoadedText

_GRID_COLUMNS = 3  # a table of this many columns is a grid of data, not a page's layout


def load_docx(data: bytes, path: str) -> LoadedText:
    import docx  # imported only for .docx inputs
    from docx.opc.exceptions import PackageNotFoundError

    if not data.startswith(b"PK"):
        raise InputError(path, "is not a .docx file (not a zip archive); an old .doc must be saved as .docx first")
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, OSError) as exc:
        raise InputError(path, f"is not a readable .docx file ({type(exc).__name__}: {exc})") from None
    except Exception as exc:  # zipfile and lxml errors of a damaged archive
        raise InputError(path, f"is a damaged .docx file ({type(exc).__name__}: {exc})") from None
    lines: list[str] = []
    _read_blocks(document, lines)
    return LoadedText("\n".join(lines), "docx")


def _read_blocks(container, lines: list[str]) -> None:
    from docx.table import Table

    for block in container.iter_inner_content():
        if isinstance(block, Table):
            _read_table(block, lines)
        else:
            lines.append(block.text)


def _read_table(table, lines: list[str]) -> None:
    for row in table.rows:
        cells, seen = [], set()
        for cell in row.cells:
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            cells.append(cell)
        simple = all(len(c.paragraphs) <= 1 and "\n" not in c.text for c in cells)
        if not any(c.tables for c in cells) and (simple or len(cells) >= _GRID_COLUMNS):
            lines.append("\t".join(" ".join(c.text.split()) for c in cells))
        else:
            for cell in cells:
                _read_blocks(cell, lines)
        lines.append("")
