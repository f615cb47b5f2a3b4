"""The terminal view (rich): per document its identity, then a table per kind."""
from __future__ import annotations

from typing import IO

from ..model import KINDS, Record
from .rows import VIEWS, document_fields, view_rows


class TableWriter:
    def __init__(self, stream: IO[str], color: bool = False, width: int | None = None):
        from rich.console import Console

        self.console = Console(file=stream, no_color=not color, force_terminal=color or None,
                               color_system="auto" if color else None, width=width, highlight=False)

    def write(self, record: Record) -> None:
        from rich.markup import escape
        from rich.table import Table

        data = record.to_dict()
        self.console.rule(f"[bold]{escape(record.source.path)}")
        info = Table.grid(padding=(0, 2))
        for name, value in document_fields(data):
            info.add_row(f"[dim]{name}[/]", escape(value))
        self.console.print(info)
        for kind in KINDS:
            if kind not in data:
                continue
            body = view_rows(data, kind)
            if not body:
                self.console.print(f"[bold]{kind.capitalize()}[/]: [dim]none found[/]")
                continue
            table = Table(title=f"{kind.capitalize()} ({len(body)})", title_justify="left", expand=True)
            for label, _ in VIEWS[kind]:
                table.add_column(label, overflow="fold")
            table.add_column("line", justify="right", no_wrap=True)
            if record.explain:
                table.add_column("why", overflow="fold")
            for row in body:
                table.add_row(*(escape(c) for c in row))
            self.console.print(table)
        for warning in data["warnings"]:
            self.console.print(f"[yellow]warning[/] {warning['code']}: {escape(warning['message'])}")
        self.console.print()

    def close(self) -> None:
        pass
