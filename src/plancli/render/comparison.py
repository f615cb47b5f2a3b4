"""Views of a comparison (``plancli compare``) and a diff (``plancli diff``):
terminal table, CSV, Markdown, self-contained HTML; JSON is ``to_dict()``; the
long table is ``render/long.py``.

A comparison grouped ``by`` province or year is shown one column per plan; ``by``
indicator as one province × year matrix per indicator, which the HTML report
also draws under every row whatever the grouping, marking the targets lowered
from the province's previous year. Every piece of document text is escaped in
Markdown and HTML."""
from __future__ import annotations

import csv
import html
import os
from dataclasses import dataclass
from typing import IO

from ..compare import Column, Comparison, Diff
from ..model import Target
from .csvfmt import safe_cell
from .markdown import escape_md
from .rows import value_text

ARROWS = {"raised": "↑", "lowered": "↓", "same": "=", "new": "+", "dropped": "−"}
ARROW_STYLES = {"raised": "green", "lowered": "red", "same": "dim", "new": "cyan", "dropped": "yellow"}


def column_provinces(comparison: Comparison, rules) -> dict[str, str | None]:
    """Column key → the province its plan is grouped under: its own, or with ``as_of`` the
    province it was part of in that year (Hà Giang, 2025 → Tuyên Quang) — ``Column.group``,
    except that ``by="year"`` groups by year and the matrices still need the province."""
    if comparison.by != "year":
        return {c.key: c.group for c in comparison.columns}
    from ..reorganisation import province_as_of

    return {c.key: province_as_of(c.province, comparison.as_of, rules) for c in comparison.columns}


def _label(column: Column, provinces: dict[str, str | None] | None) -> str:
    """"Lạng Sơn 2019"; "Hà Giang 2022 → Tuyên Quang" when grouped under another province."""
    group = provinces.get(column.key) if provinces else column.province
    return f"{column.label} → {group}" if column.province and group != column.province else column.label


def _cells(comparison: Comparison, row) -> list[tuple[str, str | None]]:
    """(value text, change into this column) for each column of a row."""
    into = {c["to"]: c["change"] for c in row.changes}
    out = []
    for column in comparison.columns:
        target = row.cells[column.key]
        text = value_text(target.to_dict()) if target is not None else ""
        out.append((text, into.get(column.key)))
    return out


# --- province × year matrices (--by indicator, and in the HTML report) ----------

NO_PROVINCE, NO_YEAR = "(no province)", "(no year)"


@dataclass
class Entry:
    """One plan's target in a matrix cell, and how it moved from the province's previous year."""

    column: Column
    target: Target
    change: str | None


def _years(comparison: Comparison) -> list[int | None]:
    years = {c.year for c in comparison.columns}
    return sorted(y for y in years if y is not None) + ([None] if None in years else [])


@dataclass
class Pivot:
    """One matrix: the rows of one indicator together (``Comparison.indicators``; a plan may
    state an indicator twice), or one row of its own."""

    label: str
    indicator: str | None
    rows: list[int]


def _pivots(comparison: Comparison) -> list[Pivot]:
    grouped = [Pivot(i["label"], i["indicator"], list(i["rows"])) for i in comparison.indicators]
    done = {n for pivot in grouped for n in pivot.rows}
    return grouped + [Pivot(row.label, row.indicator, [n]) for n, row in enumerate(comparison.rows) if n not in done]


def _matrix(comparison: Comparison, pivot: Pivot, provinces: dict[str, str | None]) -> dict[str | None, dict]:
    """province → year → the entries of the pivot's rows there (several plans of one province
    in one year stay apart)."""
    matrix: dict[str | None, dict[int | None, list[Entry]]] = {}
    for row in (comparison.rows[n] for n in pivot.rows):
        into = {c["to"]: c["change"] for c in row.changes}
        for column in comparison.columns:
            target = row.cells[column.key]
            if target is not None:
                cell = matrix.setdefault(provinces.get(column.key), {}).setdefault(column.year, [])
                cell.append(Entry(column, target, into.get(column.key)))
    return dict(sorted(matrix.items(), key=lambda item: (item[0] is None, item[0] or "")))


def _entry_text(entry: Entry, province: str | None, arrows: bool = True) -> str:
    text = value_text(entry.target.to_dict())
    if entry.column.province and entry.column.province != province:
        text += f" ({entry.column.province})"
    return text + (f" {ARROWS[entry.change]}" if arrows and entry.change else "")


def _year_label(year: int | None) -> str:
    return str(year) if year is not None else NO_YEAR


def compare_table(comparison: Comparison, stream: IO[str], color: bool, width: int | None,
                  provinces: dict[str, str | None] | None = None) -> None:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    provinces = provinces or {c.key: c.province for c in comparison.columns}
    console = Console(file=stream, no_color=not color, force_terminal=color or None,
                      color_system="auto" if color else None, width=width, highlight=False)
    if comparison.by == "indicator":
        years = _years(comparison)
        for pivot in _pivots(comparison):
            title = escape(pivot.label) + (f" [dim]({escape(pivot.indicator)})[/]" if pivot.indicator else "")
            table = Table(title=title, title_justify="left", expand=True)
            table.add_column("province", overflow="fold", ratio=2)
            for year in years:
                table.add_column(_year_label(year), overflow="fold", ratio=1)
            for province, by_year in _matrix(comparison, pivot, provinces).items():
                cells = ["\n".join(escape(_entry_text(e, province, arrows=False))
                                   + (f" [{ARROW_STYLES[e.change]}]{ARROWS[e.change]}[/]" if e.change else "")
                                   for e in by_year.get(year, [])) for year in years]
                table.add_row(escape(province or NO_PROVINCE), *cells)
            console.print(table)
    else:
        table = Table(title="Targets compared", title_justify="left", expand=True)
        table.add_column("indicator / subject", overflow="fold", ratio=3)
        for column in comparison.columns:
            table.add_column(escape(_label(column, provinces)), overflow="fold", ratio=1)
        for row in comparison.rows:
            cells = []
            for text, change in _cells(comparison, row):
                mark = f" [{ARROW_STYLES[change]}]{ARROWS[change]}[/]" if change else ""
                cells.append(escape(text) + mark)
            table.add_row(escape(row.label) + (f"\n[dim]{escape(row.indicator)}[/]" if row.indicator else ""),
                          *cells)
        console.print(table)
    console.print("[dim]↑ raised  ↓ lowered  = same  + new  − dropped (consecutive years of one province)[/]")


def compare_csv(comparison: Comparison, stream: IO[str], bom: bool = False,
                provinces: dict[str, str | None] | None = None) -> None:
    """One line per row, a value and a change column per plan; ``by`` indicator: one line
    per indicator × province, a value and a change column per year."""
    provinces = provinces or {c.key: c.province for c in comparison.columns}
    if bom:
        stream.write("\ufeff")
    writer = csv.writer(stream, lineterminator="\r\n")
    if comparison.by == "indicator":
        years = [_year_label(y) for y in _years(comparison)]
        writer.writerow(["indicator", "label", "province"] + years + [f"change {y}" for y in years])
        for pivot in _pivots(comparison):
            for province, by_year in _matrix(comparison, pivot, provinces).items():
                cells = [by_year.get(y, []) for y in _years(comparison)]
                values = ["; ".join(_entry_text(e, province, arrows=False) for e in cell) for cell in cells]
                changes = ["; ".join(e.change or "" for e in cell).strip("; ") for cell in cells]
                writer.writerow([safe_cell(v) for v in [pivot.indicator, pivot.label, province] + values + changes])
        return
    labels = [_label(c, provinces) for c in comparison.columns]
    writer.writerow(["indicator", "label"] + labels + [f"change {label}" for label in labels])
    for row in comparison.rows:
        cells = _cells(comparison, row)
        writer.writerow([safe_cell(v) for v in [row.indicator, row.label] + [t for t, _ in cells]
                         + [change or "" for _, change in cells]])


def compare_markdown(comparison: Comparison, stream: IO[str],
                     provinces: dict[str, str | None] | None = None) -> None:
    provinces = provinces or {c.key: c.province for c in comparison.columns}
    lines = ["# Targets compared", ""]
    if comparison.by == "indicator":
        years = _years(comparison)
        for pivot in _pivots(comparison):
            lines += [f"## {escape_md(pivot.label)}" + (f" (`{pivot.indicator}`)" if pivot.indicator else ""), "",
                      "| province | " + " | ".join(_year_label(y) for y in years) + " |",
                      "|" + "---|" * (len(years) + 1)]
            for province, by_year in _matrix(comparison, pivot, provinces).items():
                cells = ["<br>".join(escape_md(_entry_text(e, province)) for e in by_year.get(y, [])) for y in years]
                lines.append("| " + " | ".join([escape_md(province or NO_PROVINCE)] + cells) + " |")
            lines.append("")
    else:
        header = ["indicator / subject"] + [escape_md(_label(c, provinces)) for c in comparison.columns]
        lines += ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        for row in comparison.rows:
            cells = [escape_md(t) + (f" {ARROWS[c]}" if c else "") for t, c in _cells(comparison, row)]
            label = escape_md(row.label) + (f" (`{row.indicator}`)" if row.indicator else "")
            lines.append("| " + " | ".join([label] + cells) + " |")
        lines.append("")
    lines.append("↑ raised, ↓ lowered, = same, + new, − dropped (consecutive years of one province)")
    stream.write("\n".join(lines) + "\n")


_CSS = """
body{font-family:system-ui,"DejaVu Sans",sans-serif;margin:2rem;color:#222;max-width:80rem}
h1{font-size:1.4rem}table{border-collapse:collapse;width:100%;margin:1rem 0}
th,td{border:1px solid #ccc;padding:.35rem .5rem;vertical-align:top;font-size:.9rem}
th{background:#f2f4f7;text-align:left}td.value{white-space:nowrap}th.group{text-align:center}
.raised{color:#087f23}.lowered{color:#b00020}.new{color:#006c9c}.dropped{color:#a05a00}.same{color:#777}
.indicator{color:#666;font-size:.8rem;display:block}section{margin:1.5rem 0}
figure{margin:.5rem 0}figcaption{font-size:.85rem;color:#444}.src{color:#777;font-size:.75rem}
blockquote{margin:.2rem 0 .2rem 1rem;font-size:.85rem;color:#333}
table.matrix{width:auto}table.matrix td{min-width:7rem}
td.was-lowered,span.was-lowered{background:#fde2e4;outline:2px solid #b00020}
.legend{font-size:.85rem;color:#444}
"""
_PALETTE = ["#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1", "#9c755f"]
_LOWERED_LEGEND = ("<p class='legend'><span class='was-lowered'>&nbsp;↓&nbsp;</span> a target lowered from the "
                   "province's previous year; ↑ raised, = same, + new since that year.</p>")


def _href(path: str, base: str | None) -> str:
    target = os.path.abspath(path)
    if base:
        target = os.path.relpath(target, os.path.dirname(os.path.abspath(base)))
    return html.escape(target.replace(os.sep, "/"), quote=True)


def _chart(comparison: Comparison, row) -> str:
    """An inline SVG bar chart of the row's values, one bar per document."""
    bars = [(c, row.cells[c.key]) for c in comparison.columns]
    values = [t.value for _, t in bars if t is not None]
    if not values:
        return ""
    top = max(max(values), 1.0)
    width, bar, gap, height = 560, 22, 8, len(bars) * 30 + 10
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img" '
             f'aria-label="{html.escape(row.label, quote=True)}">']
    for i, (column, target) in enumerate(bars):
        y = 5 + i * (bar + gap)
        parts.append(f'<text x="0" y="{y + 15}" font-size="12">{html.escape(column.label)}</text>')
        if target is None:
            parts.append(f'<text x="170" y="{y + 15}" font-size="12" fill="#999">—</text>')
            continue
        length = int(300 * target.value / top)
        parts.append(f'<rect x="170" y="{y}" width="{max(length, 2)}" height="{bar}" '
                     f'fill="{_PALETTE[i % len(_PALETTE)]}"><title>{html.escape(target.text)}</title></rect>')
        parts.append(f'<text x="{176 + length}" y="{y + 15}" font-size="12">'
                     f'{html.escape(value_text(target.to_dict()))}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _html_matrix(comparison: Comparison, pivot: Pivot, provinces: dict[str, str | None],
                 output: str | None) -> str:
    """The pivot's province × year matrix: each value linked to its line, lowered ones marked."""
    esc = html.escape
    years = _years(comparison)
    out = ["<table class='matrix'><thead><tr><th>province</th>"
           + "".join(f"<th>{esc(_year_label(y))}</th>" for y in years) + "</tr></thead><tbody>"]
    for province, by_year in _matrix(comparison, pivot, provinces).items():
        out.append(f"<tr><th>{esc(province or NO_PROVINCE)}</th>")
        for year in years:
            entries = by_year.get(year, [])
            lowered = any(e.change == "lowered" for e in entries)
            values = []
            for e in entries:
                mark = f" <span class='{e.change}'>{ARROWS[e.change]}</span>" if e.change else ""
                values.append(f"<a href='{_href(e.column.path, output)}' title='{esc(e.target.text, quote=True)}'>"
                              f"{esc(_entry_text(e, province, arrows=False))}</a>{mark}"
                              f"<br><span class='src'>{esc(os.path.basename(e.column.path))}:{e.target.span.line}"
                              "</span>")
            css = "value was-lowered" if lowered else "value"
            out.append(f"<td class='{css}'>" + "<br>".join(values) + "</td>")
        out.append("</tr>")
    out.append("</tbody></table>")
    return "".join(out)


def _group_header(comparison: Comparison, provinces: dict[str, str | None]) -> str:
    """A header row over the plans' columns: one cell per province (``by`` province) or year."""
    groups: list[list] = []
    for column in comparison.columns:
        group = column.year if comparison.by == "year" else provinces.get(column.key)
        if groups and groups[-1][0] == group:
            groups[-1][1] += 1
        else:
            groups.append([group, 1])
    blank = NO_YEAR if comparison.by == "year" else NO_PROVINCE
    return ("<tr><th></th>" + "".join(f"<th class='group' colspan='{n}'>{html.escape(str(g or blank))}</th>"
                                     for g, n in groups) + "</tr>")


def compare_html(comparison: Comparison, stream: IO[str], output: str | None = None,
                 provinces: dict[str, str | None] | None = None) -> None:
    esc = html.escape
    provinces = provinces or {c.key: c.province for c in comparison.columns}
    out = ["<!DOCTYPE html>", '<html lang="vi"><head><meta charset="utf-8">',
           "<title>plancli: targets compared</title>", f"<style>{_CSS}</style></head><body>",
           "<h1>Targets compared</h1>",
           "<p>One row per target the plans share (same indicator, or subjects alike); "
           "↑ raised, ↓ lowered, = same, + new, − dropped between consecutive years of one province. "
           "Each value links to its source file; hover for the sentence. Per target below: the values "
           "by province and year, a chart and the source sentences.</p>"]
    if comparison.by == "indicator":
        out.append("<ol>" + "".join(f"<li><a href='#row-{p.rows[0]}'>{esc(p.label)}</a>"
                                     + (f" <span class='src'>{esc(p.indicator)}</span>" if p.indicator else "")
                                     + "</li>" for p in _pivots(comparison)) + "</ol>")
    else:
        out.append("<table><thead>" + _group_header(comparison, provinces) + "<tr><th>indicator / subject</th>")
        out += [f"<th>{esc(_label(c, provinces))}<br><span class='src'>{esc(os.path.basename(c.path))}</span></th>"
                for c in comparison.columns]
        out.append("</tr></thead><tbody>")
        for n, row in enumerate(comparison.rows):
            out.append(f"<tr><td><a href='#row-{n}'>{esc(row.label)}</a>"
                       + (f"<span class='indicator'>{esc(row.indicator)}</span>" if row.indicator else "") + "</td>")
            into = {c["to"]: c["change"] for c in row.changes}
            for column in comparison.columns:
                target = row.cells[column.key]
                change = into.get(column.key)
                mark = f" <span class='{change}'>{ARROWS[change]}</span>" if change else ""
                if target is None:
                    out.append(f"<td class='value'>{mark}</td>")
                    continue
                out.append(f"<td class='value'><a href='{_href(column.path, output)}' "
                           f"title='{esc(target.text, quote=True)}'>{esc(value_text(target.to_dict()))}</a>{mark}"
                           f"<br><span class='src'>{esc(os.path.basename(column.path))}:{target.span.line}</span></td>")
            out.append("</tr>")
        out.append("</tbody></table>")
    for pivot in _pivots(comparison):
        out.append(f"<section id='row-{pivot.rows[0]}'>" + "".join(f"<a id='row-{n}'></a>" for n in pivot.rows[1:])
                   + f"<h2>{esc(pivot.label)}"
                   + (f" <span class='src'>{esc(pivot.indicator)}</span>" if pivot.indicator else "") + "</h2>"
                   + _html_matrix(comparison, pivot, provinces, output) + _LOWERED_LEGEND)
        for row in (comparison.rows[n] for n in pivot.rows):
            out.append(f"<figure>{_chart(comparison, row)}<figcaption>values by province and year</figcaption></figure>")
            for column in comparison.columns:
                target = row.cells[column.key]
                if target is not None:
                    out.append(f"<blockquote><a href='{_href(column.path, output)}'>"
                               f"{esc(os.path.basename(column.path))}:{target.span.line}</a> — {esc(target.text)}"
                               "</blockquote>")
        out.append("</section>")
    out.append("</body></html>")
    stream.write("\n".join(out) + "\n")


def diff_lines(d: Diff) -> list[tuple[str, str]]:
    """(section, line) for every difference, as the table and Markdown show them."""
    lines = []
    for t in d.targets["added"]:
        lines.append(("targets", f"+ {value_text(t.to_dict())} {t.subject}"))
    for t in d.targets["removed"]:
        lines.append(("targets", f"− {value_text(t.to_dict())} {t.subject}"))
    for c in d.targets["changed"]:
        lines.append(("targets", f"{ARROWS.get(c['change'], '~')} {value_text(c['old'].to_dict())} → "
                                 f"{value_text(c['new'].to_dict())} {c['new'].subject}"))
    for a in d.agencies["added"]:
        lines.append(("agencies", f"+ {a.name} ({a.role})"))
    for a in d.agencies["removed"]:
        lines.append(("agencies", f"− {a.name} ({a.role})"))
    for c in d.agencies["changed"]:
        lines.append(("agencies", f"~ {c['name']}: {', '.join(c['old'])} → {', '.join(c['new'])}"))
    for sign, part in (("+", "added"), ("−", "removed")):
        for c in d.citations[part]:
            name = f"{c.doc_type or ''} {c.number}".strip() if c.number else c.title
            lines.append(("citations", f"{sign} {name}"))
    return lines


def diff_table(d: Diff, stream: IO[str], color: bool, width: int | None) -> None:
    from rich.console import Console
    from rich.markup import escape

    console = Console(file=stream, no_color=not color, force_terminal=color or None,
                      color_system="auto" if color else None, width=width, highlight=False)
    console.rule(f"[bold]{escape(d.old)} → {escape(d.new)}")
    styles = {"+": "cyan", "−": "yellow", "↑": "green", "↓": "red", "~": "magenta"}
    section = None
    lines = diff_lines(d)
    for part, line in lines:
        if part != section:
            console.print(f"[bold]{part}[/]")
            section = part
        console.print(f"  [{styles.get(line[0], 'white')}]{escape(line)}[/]")
    if not lines:
        console.print("no differences")


def diff_markdown(d: Diff, stream: IO[str]) -> None:
    out = [f"# {escape_md(d.old)} → {escape_md(d.new)}"]
    section = None
    for part, line in diff_lines(d):
        if part != section:
            out += ["", f"## {part.capitalize()}", ""]
            section = part
        out.append("- " + escape_md(line))
    if section is None:
        out += ["", "No differences."]
    stream.write("\n".join(out) + "\n")
