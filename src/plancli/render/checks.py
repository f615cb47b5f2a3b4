"""The terminal view of ``plancli check``: one row per finding, its sides and why under it."""
from __future__ import annotations

from typing import IO

from ..check import CHECKS, CheckReport

SEVERITY_STYLES = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def check_table(report: CheckReport, stream: IO[str], color: bool, width: int | None) -> None:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    console = Console(file=stream, no_color=not color, force_terminal=color or None,
                      color_system="auto" if color else None, width=width, highlight=False)
    if report.findings:
        table = Table(expand=True, show_lines=True)
        table.add_column("severity", no_wrap=True)
        table.add_column("check", no_wrap=True)
        table.add_column("finding", overflow="fold", ratio=4)
        for f in report.findings:
            sides = "\n".join(f"  {escape(loc.path)}:{loc.line}  {escape(loc.text)}" for loc in f.locations)
            table.add_row(f"[{SEVERITY_STYLES[f.severity]}]{f.severity}[/]", escape(f.check),
                          f"{escape(f.message)}\n{sides}\n[dim]why: {escape(f.why)}[/]")
        console.print(table)
    counts = report.counts()
    console.print(", ".join(f"{n} {s}{'s' if n != 1 and s != 'info' else ''}" for s, n in counts.items())
                  + f" in {report.documents} document{'s' if report.documents != 1 else ''}")
    if report.skipped:
        not_run = sorted({i for ids in report.skipped.values() for i in ids})
        console.print(f"[dim]{len(report.skipped)} stored documents have no text; not run on them: "
                      f"{', '.join(not_run)}[/]")


def check_list(settings: dict[str, str | None], stream: IO[str]) -> None:
    """The checks, each with its severity in force (``off`` when turned off), scope and what it finds."""
    width = max(map(len, CHECKS))
    for check_id, info in CHECKS.items():
        severity = settings.get(check_id, info.severity) or "off"
        stream.write(f"{check_id:<{width}}  {severity:<7}  {info.scope:<8}  {info.summary}\n")
