"""Markdown: a report per document, every piece of document text escaped."""
from __future__ import annotations

import html
import re
from typing import IO

from ..model import KINDS, Record
from .rows import VIEWS, document_fields, view_rows

_MD_INLINE_RE = re.compile(r"([\\`*_\[\]|~])")
_MD_BLOCK_START_RE = re.compile(r"^([#+>-])")
_MD_NUMBERED_START_RE = re.compile(r"^(\d+)([.)])")


def escape_md(text: str) -> str:
    """Text that Markdown shows as written: no HTML, links, emphasis, headings,
    list items or table breaks (``Sở LĐ-TB&XH`` → ``Sở LĐ-TB&amp;XH``)."""
    text = html.escape(" ".join(str(text).split()), quote=False)
    text = _MD_INLINE_RE.sub(r"\\\1", text)
    text = _MD_BLOCK_START_RE.sub(r"\\\1", text)
    return _MD_NUMBERED_START_RE.sub(r"\1\\\2", text)


def _table(header: list[str], body: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(escape_md(c) for c in row) + " |" for row in body]
    return "\n".join(lines)


class MarkdownWriter:
    def __init__(self, stream: IO[str]):
        self.stream = stream
        self.count = 0

    def write(self, record: Record) -> None:
        data = record.to_dict()
        parts = [f"# {escape_md(record.source.path)}", _table(["field", "value"], [list(f) for f in document_fields(data)])]
        for kind in KINDS:
            if kind not in data:
                continue
            body = view_rows(data, kind)
            parts.append(f"## {kind.capitalize()} ({len(body)})")
            header = [label for label, _ in VIEWS[kind]] + ["line"] + (["why"] if record.explain else [])
            parts.append(_table(header, body) if body else "_none found_")
        if data["warnings"]:
            parts.append("## Warnings")
            parts.append("\n".join(f"- `{w['code']}`: {escape_md(w['message'])}" for w in data["warnings"]))
        self.stream.write(("\n\n" if self.count else "") + "\n\n".join(parts) + "\n")
        self.count += 1

    def close(self) -> None:
        pass
