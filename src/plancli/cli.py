"""The command line: parse options, call the library, render. Nothing here extracts.

Data goes to stdout (or --output), messages to stderr. Exit codes (SPEC §4):
0 success, 1 a check failed, 2 usage error or invalid rules, 3 one or more
inputs could not be read (the others are still processed and written).
"""
from __future__ import annotations

import functools
import os
import sys
from pathlib import Path

import click

from . import __version__
from .errors import EXIT_CHECK_FAILED, EXIT_UNREADABLE, EXIT_USAGE, PlancliError
from .loaders.ocr import INSTALL as OCR_INSTALL
from .loaders.ocr import PAGE_SECONDS as OCR_PAGE_SECONDS
from .model import KINDS

OUTPUT_SUFFIXES = {".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl", ".yaml": "yaml", ".yml": "yaml",
                   ".md": "md", ".csv": "csv", ".txt": "table", ".html": "html", ".htm": "html"}
FORMAT_CHOICES = ("table", "json", "jsonl", "yaml", "csv", "md", "xlsx")
XLSX_NEEDS_FILE = "--format xlsx writes a binary Excel workbook: give it a file with -o FILE.xlsx"


def _default_format(fmt: str | None, output: str | None) -> str:
    """As asked; else what the --output file's extension says; else a table on a terminal, JSON on a pipe."""
    if fmt:
        return fmt
    if output and Path(output).suffix.lower() in OUTPUT_SUFFIXES:
        return OUTPUT_SUFFIXES[Path(output).suffix.lower()]
    return "table" if output is None and sys.stdout.isatty() else "json"


def _xlsx_if_named(output: str | None) -> str | None:
    """"xlsx" when the --output file is an .xlsx (not in OUTPUT_SUFFIXES: only extract and compare write it)."""
    return "xlsx" if output and Path(output).suffix.lower() == ".xlsx" else None


def _write_json(stream, data: dict) -> None:
    import json

    stream.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def _load_rules_or_exit(directories):
    """The built-in rules with ``directories`` over them, or exit 2 with "file:line: …"."""
    from .ruleset import load_rules

    try:
        return load_rules([d for d in directories if d])
    except PlancliError as exc:
        raise _fail(str(exc), exc.exit_code)


def _terminal_view(output: str | None) -> tuple[bool, int | None]:
    """(colour, width) of a terminal table: colour and the terminal's width only when
    it goes to a terminal; plain 120 columns into a file or a pipe."""
    to_terminal = output is None and sys.stdout.isatty()
    return to_terminal and _color_wanted(sys.stdout), None if to_terminal else 120


def _fail(message: str, code: int = EXIT_USAGE) -> "click.exceptions.Exit":
    click.echo(f"plancli: error: {message}", err=True)
    return click.exceptions.Exit(code)


def _color_wanted(stream) -> bool:
    return stream.isatty() and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"


def _parse_kinds(ctx, param, value: str | None) -> tuple[str, ...] | None:
    if value is None:
        return None
    kinds = tuple(k.strip() for k in value.split(",") if k.strip())
    unknown = [k for k in kinds if k not in KINDS]
    if unknown or not kinds:
        raise click.BadParameter(f"{', '.join(unknown) or value!r}: choose from {', '.join(KINDS)}")
    return kinds


def output_options(command):
    """--format and --output, shared by every command that writes records."""

    @click.option("--format", "-f", "fmt", type=click.Choice(FORMAT_CHOICES),
                  help="Output format. Default: table on a terminal, JSON on a pipe "
                       "(or the --output file's extension). xlsx: one Excel workbook (-o FILE.xlsx), a sheet "
                       "per kind with the document and the line of every value, header frozen, filters on.")
    @click.option("--output", "-o", type=click.Path(dir_okay=True, writable=True),
                  help="Write to this file (a directory for CSV) instead of stdout. "
                       "Written atomically; never over an input file.")
    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        return command(*args, **kwargs)

    return wrapper


OCR_HELP = ("Read PDF pages by OCR (Tesseract, Vietnamese): auto = only the pages with no text layer (scans) or "
            "whose fonts have no Unicode map; always = every page, the text layer ignored; never = none (such "
            "pages are reported and left out). OCR'd pages are listed in source.ocr and in an 'ocr' warning; "
            f"each adds {OCR_PAGE_SECONDS} s to the document's time limit. Needs: {OCR_INSTALL}.")


def ocr_option(command):
    """--ocr, for every command that reads documents."""
    return click.option("--ocr", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True,
                        help=OCR_HELP)(command)


def _check_ocr(ocr: str) -> None:
    """--ocr always without Tesseract (or its Vietnamese model) is a usage error: exit 2 with how to install it."""
    if ocr != "always":
        return
    from .loaders.ocr import OcrUnavailable, find_engine

    try:
        find_engine()
    except OcrUnavailable as exc:
        raise _fail(f"--ocr always: {exc}")


def _print_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if not value or ctx.resilient_parsing:
        return
    from .ruleset import builtin_rules_hash

    click.echo(f"plancli {__version__} (rules {builtin_rules_hash()})")
    ctx.exit()


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.option("--version", "-V", is_flag=True, expose_value=False, is_eager=True, callback=_print_version,
              help="Show the version of plancli and a hash of its built-in rules, and exit.")
def main() -> None:
    """Read Vietnamese government plans and turn them into structured data.

    \b
    A plan (Kế hoạch, Chương trình, Quyết định, Chỉ thị, or a news page about
    one) goes in; its identity, objectives, numeric targets, the agencies it
    assigns and the documents it cites come out, each with the span of text it
    came from.

    \b
    Examples:
      plancli extract samples/langson-2019-kh23.md
      plancli extract samples/ --format jsonl > plans.jsonl
      plancli extract kehoach.pdf --format csv --output ket-qua/ --bom
      echo "Ít nhất 50% người dân được tiếp cận thông tin" | plancli extract -
      plancli text kehoach.pdf
    """


@main.command()
@click.argument("paths", nargs=-1, required=True)
@output_options
@click.option("--only", callback=_parse_kinds, metavar="KINDS",
              help=f"Extract only these kinds, comma-separated: {','.join(KINDS)}. "
                   "The document's identity and warnings are always given.")
@click.option("--rules", "rule_dirs", multiple=True, type=click.Path(file_okay=False), metavar="DIR",
              help="A directory of YAML rule files layered over the built-in rules (repeatable).")
@click.option("--bom", is_flag=True, help="CSV: start each file with a UTF-8 BOM so Excel shows Vietnamese right.")
@click.option("--quiet", "-q", is_flag=True, help="No progress and no warnings on stderr (errors still shown).")
@click.option("--jobs", "-j", type=click.IntRange(min=1), metavar="N",
              help="Documents extracted in parallel processes (default: the machine's cores, one process "
                   "for fewer than 8 documents). Output order is the input order whatever N is.")
@click.option("--store", "store_path", type=click.Path(dir_okay=False), metavar="DB",
              help="Also write every record into this SQLite file; documents whose content and rules "
                   "are unchanged since are read back from it instead of extracted again.")
@click.option("--fail-on", type=click.Choice(["warnings", "errors"]),
              help="Exit 1 when any document had a warning (warnings) or could not be read (errors).")
@click.option("--explain", is_flag=True,
              help="Add to every item (and document field) a 'why': the rule file and line, the cue it matched "
                   "and the decision it made (role, comparator, heading), to trace a wrong value to its rule.")
@click.option("--summary", is_flag=True,
              help="End with one JSON line on stderr: documents, records, warnings, errors, seconds.")
@click.option("--max-size", type=click.FloatRange(min=0.001), default=20, show_default=True, metavar="MB",
              help="Largest input read, in MB; a larger one is reported and skipped.")
@click.option("--max-pages", type=click.IntRange(min=1), default=1000, show_default=True, metavar="N",
              help="Most pages of a PDF read; a longer one is reported and skipped.")
@click.option("--timeout", type=click.FloatRange(min=0.01), default=120, show_default=True, metavar="SECONDS",
              help="Time allowed for one document; one that takes longer is stopped, reported and skipped. "
                   f"Each PDF page read by OCR adds {OCR_PAGE_SECONDS} s to it (and a page Tesseract has not read "
                   f"in {OCR_PAGE_SECONDS} s is left out with an 'ocr-failed' warning), so a long scan is not cut "
                   "short.")
@ocr_option
def extract(paths, fmt, output, only, rule_dirs, bom, quiet, jobs, store_path, fail_on, explain, summary,
            max_size, max_pages, timeout, ocr):
    """Extract structured data from plan documents.

    PATHS are files (.txt .md .pdf .docx .html), folders (every supported file
    below, sorted) or - for standard input. Records are written as each
    document is done. One input that cannot be read is reported on stderr, the
    others are still written, and the exit code is 3.

    \b
    Examples:
      plancli extract samples/langson-2019-kh23.md
      plancli extract samples/*.txt --format jsonl
      plancli extract "Kế hoạch 2020.pdf" --only targets --format csv
      plancli extract samples/ --format csv --output bang/ --bom
      plancli extract ke-hoach/ -o ke-hoach.xlsx
      plancli extract ke-hoach/ -f jsonl --store plans.db --summary > plans.jsonl
      cat kehoach.txt | plancli extract - --format json
      plancli extract ke-hoach.txt --only agencies --explain -f yaml
      plancli extract ban-quet.pdf --ocr always -f json
    """
    import json
    import time

    from .batch import Failure, extract_many
    from .extract import Limits
    from .loaders import STDIN, input_paths

    started = time.monotonic()
    rules = _load_rules_or_exit(rule_dirs)
    inputs = input_paths(list(paths))
    if not inputs:
        raise _fail(f"no supported files (.txt .md .pdf .docx .html) in {', '.join(paths)}", EXIT_UNREADABLE)
    if inputs.count(STDIN) > 1:
        raise _fail("standard input (-) can be read only once")
    fmt = _default_format(fmt or _xlsx_if_named(output), output)
    if fmt == "xlsx" and output is None:
        raise _fail(XLSX_NEEDS_FILE)
    _check_ocr(ocr)
    if explain and store_path:
        raise _fail("--explain extracts every document afresh; leave out --store")
    if fmt == "html":
        raise _fail("extract writes table, json, jsonl, yaml, csv, md or xlsx; html is for `plancli compare`")
    _refuse_overwriting_inputs(output, inputs, fmt)
    kinds = only or KINDS
    as_list = len(paths) > 1 or any(os.path.isdir(p) for p in paths if p != STDIN)
    stdin = sys.stdin.buffer.read() if STDIN in inputs else None
    store = None
    if store_path:
        from .store import Store

        try:
            store = Store(store_path)
        except PlancliError as exc:
            raise _fail(str(exc), exc.exit_code)
    counts = {"documents": len(inputs), "extracted": 0, "unchanged": 0, "records": 0, "warnings": 0, "errors": 0}
    failures: list[str] = []
    try:
        with _Sink(fmt, output, kinds, bom, as_list) as writer:
            limits = Limits(max_bytes=int(max_size * 1e6), max_pages=max_pages, seconds=timeout, ocr=ocr)
            results = extract_many(inputs, jobs=jobs, rules=rules, only=kinds, store=store, errors="include",
                                   limits=limits, stdin=stdin)
            for record in _progress(results, len(inputs), quiet):
                if isinstance(record, Failure):
                    click.echo(f"plancli: error: {record.message}", err=True)
                    failures.append(record.path)
                    continue
                counts["unchanged" if record.stored is not None else "extracted"] += 1
                record.explain = explain
                counts["warnings"] += len(record.warnings)
                if not quiet:
                    for warning in record.warnings:
                        click.echo(f"plancli: warning: {record.source.path}: {warning.code}: {warning.message}",
                                   err=True)
                writer.write(record)
                counts["records"] += 1
    finally:
        if store is not None:
            store.close()
    counts["errors"] = len(failures)
    if summary:
        click.echo(json.dumps({**counts, "seconds": round(time.monotonic() - started, 2)}), err=True)
    if failures:
        click.echo(f"plancli: {len(failures)} of {len(inputs)} inputs could not be read: {', '.join(failures)}", err=True)
    if fail_on == "errors" and failures or fail_on == "warnings" and (counts["warnings"] or failures):
        raise click.exceptions.Exit(EXIT_CHECK_FAILED)
    if failures:
        raise click.exceptions.Exit(EXIT_UNREADABLE)


def _extract_one(path: str, rules, kinds, quiet: bool, ocr: str = "auto"):
    """One input's record, or None after its error went to stderr."""
    from .extract import Limits, extract_bytes, extract_file
    from .loaders import STDIN

    limits = Limits(ocr=ocr)
    try:
        if path == STDIN:
            record = extract_bytes(sys.stdin.buffer.read(), "<stdin>", "stdin", rules, kinds, limits)
        else:
            record = extract_file(path, rules, kinds, limits)
    except PlancliError as exc:
        click.echo(f"plancli: error: {exc}", err=True)
        return None
    except Exception as exc:  # a bug must not cost the rest of the batch
        click.echo(f"plancli: error: {path}: unexpected {type(exc).__name__}: {exc} "
                   "(please report this with the file)", err=True)
        return None
    if not quiet:
        for warning in record.warnings:
            click.echo(f"plancli: warning: {record.source.path}: {warning.code}: {warning.message}", err=True)
    return record


def _refuse_overwriting_inputs(output: str | None, inputs: list[str], fmt: str) -> None:
    if output is None:
        return
    targets = [Path(output)]
    if fmt == "csv" and not output.lower().endswith(".csv"):
        targets = [Path(output) / f"{t}.csv" for t in ("documents", *KINDS)]
    existing = {os.path.realpath(p) for p in inputs if os.path.exists(p)}
    for target in targets:
        if os.path.realpath(target) in existing:
            raise _fail(f"--output {target} is one of the inputs; choose another file, inputs are never overwritten")


class _Sink:
    """The writer for one run, over stdout or an atomically written file."""

    def __init__(self, fmt, output, kinds, bom, as_list):
        self.fmt, self.output, self.kinds, self.bom, self.as_list = fmt, output, kinds, bom, as_list
        self.file_context = None

    def __enter__(self):
        from .render import atomic_file, writer_for
        from .render.csvfmt import CsvDirectoryWriter, CsvTableWriter

        if self.fmt == "xlsx":
            from .render.xlsx import XlsxWorkbookWriter

            self.writer = XlsxWorkbookWriter(self.output, ["documents", *self.kinds])
            return self.writer
        if self.fmt == "csv":
            tables = ["documents", *self.kinds]
            if self.output and not self.output.lower().endswith(".csv"):
                self.writer = CsvDirectoryWriter(self.output, tables, self.bom)
                return self.writer
            if len(self.kinds) != 1:
                raise _fail("CSV writes one file per kind: give --output DIR, or --only one kind "
                            "(e.g. --only targets) to get that table on stdout or in one .csv file")
            stream = self._open_stream(atomic_file, newline="")
            self.writer = CsvTableWriter(stream, self.kinds[0], self.bom)
            return self.writer
        stream = self._open_stream(atomic_file)
        color, width = _terminal_view(self.output)
        self.writer = writer_for(self.fmt, stream, as_list=self.as_list, color=color, width=width)
        return self.writer

    def _open_stream(self, atomic_file, newline=None):
        if self.output is None:
            return sys.stdout
        self.file_context = atomic_file(self.output, newline=newline)
        return self.file_context.__enter__()

    def __exit__(self, exc_type, exc, tb):
        if exc_type is None:
            self.writer.close()
        elif hasattr(self.writer, "abort"):
            self.writer.abort()
        if self.file_context is not None:
            self.file_context.__exit__(exc_type, exc, tb)
        return False


def _progress(results, total: int, quiet: bool):
    """Pass ``results`` through, with a progress bar on stderr when it is a terminal
    (documents done / total, rate, time left)."""
    if quiet or total < 2 or not sys.stderr.isatty():
        yield from results
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    with Progress(TextColumn("extracting"), BarColumn(), MofNCompleteColumn(),
                  TextColumn("{task.fields[rate]}"), TimeRemainingColumn(),
                  console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task("extract", total=total, rate="")
        for item in results:
            yield item
            speed = progress.tasks[0].speed
            progress.update(task, advance=1, rate=f"{speed:.1f} docs/s" if speed else "")


@main.command()
@click.argument("path")
@ocr_option
def text(path, ocr):
    """Print the normalised text that extraction sees and spans point into.

    Offsets in every span are offsets into exactly this text, when it is read
    with the same --ocr as the extraction. Pages of a PDF are separated by a
    form feed; on a terminal they are shown as a "── trang N ──" rule instead.
    Pages read by OCR are the repaired text that extraction reads.

    \b
    Examples:
      plancli text samples/tiengiang-2019-news-kh37.txt
      plancli text "Kế hoạch 23.pdf" | less
      plancli text kehoach.docx > kehoach.txt
      plancli text ban-quet.pdf --ocr always
    """
    _check_ocr(ocr)
    record = _extract_one(path, _load_rules_or_exit([]), (), quiet=False, ocr=ocr)
    if record is None:
        raise click.exceptions.Exit(EXIT_UNREADABLE)
    body = record.text
    if sys.stdout.isatty() and record.source.pages:
        pages = body.split("\f")
        body = pages[0] + "".join(f"\n── trang {n} ──\n{p}" for n, p in enumerate(pages[1:], start=2))
    click.echo(body)


def _records(paths: list[str], rule_dirs, failures: list[str], ocr: str = "auto"):
    """Extract every input for compare, diff and check through the Python API's
    extract_many (in parallel for many inputs); unreadable ones are reported and skipped."""
    from .batch import Failure, extract_many

    _check_ocr(ocr)
    ruleset = _load_rules_or_exit(rule_dirs)
    records = []
    for result in extract_many(list(paths), rules=ruleset, ocr=ocr, errors="include"):
        if isinstance(result, Failure):
            click.echo(f"plancli: error: {result.message}", err=True)
            failures.append(result.path)
        else:
            records.append(result)
    return records, ruleset


def _write_view(output: str | None, write, inputs: list[str]) -> None:
    """Run ``write(stream)`` into stdout, or atomically into ``output`` (never an input)."""
    from .render import atomic_file

    if output is None:
        write(sys.stdout)
        return
    if os.path.realpath(output) in {os.path.realpath(p) for p in inputs}:
        raise _fail(f"--output {output} is one of the inputs; choose another file, inputs are never overwritten")
    with atomic_file(output, newline="" if output.lower().endswith(".csv") else None) as stream:
        write(stream)


def _store_options(command):
    """--store with its filters, for the commands that read stored records."""
    command = click.option("--year", type=int, help="With --store: only documents of this year.")(command)
    command = click.option("--province", help="With --store: only documents of this province.")(command)
    return click.option("--store", "store_path", type=click.Path(exists=True, dir_okay=False), metavar="DB",
                        help="Read the records from this store (written by `extract --store`) instead of files.")(command)


def _stored(store_path: str, province: str | None, year: int | None, specs: list[str] = ()):
    from .store import Store

    try:
        with Store(store_path) as store:
            if specs:
                return [store.find(spec) for spec in specs]
            return store.records(province, year)
    except PlancliError as exc:
        raise _fail(str(exc), exc.exit_code)


def _plans(paths, store_path: str | None, province, year, rule_dirs, failures: list[str], ocr: str, verb: str):
    """(records, rules) of the plans a command was given: every record of --store (within
    --province/--year), else the documents at PATHS; a usage error when there is neither."""
    if store_path:
        return _stored(store_path, province, year), _load_rules_or_exit(rule_dirs)
    if not paths:
        raise _fail(f"give the plans to {verb}, or --store DB" + (" (or --list to see the checks)" if verb == "check" else ""))
    return _records(list(paths), rule_dirs, failures, ocr)


COMPARE_FORMATS = ("table", "csv", "json", "md", "html", "parquet", "xlsx")
LONG_FORMATS = ("csv", "json", "parquet", "xlsx")


def _compare_format(fmt: str | None, output: str | None, long: bool) -> str:
    """As asked; else the --output extension (.parquet too); else CSV for --long, and
    otherwise a table on a terminal, JSON on a pipe."""
    if fmt:
        return fmt
    suffix = Path(output).suffix.lower() if output else ""
    if suffix in (".parquet", ".xlsx"):
        return suffix[1:]
    if long and suffix not in (".json", ".csv"):
        return "csv"
    return _default_format(None, output)


@main.command()
@click.argument("paths", nargs=-1)
@_store_options
@click.option("--by", type=click.Choice(["province", "year", "indicator"]), default="province", show_default=True,
              help="What the views are arranged by: province (one column per plan, by province then year), "
                   "year (by year then province) or indicator (per indicator, provinces down and years across).")
@click.option("--as-of", "as_of", type=click.IntRange(min=1900, max=2100), metavar="YEAR",
              help="Group each plan under the province its province was part of in YEAR: with --as-of 2025 "
                   "a 2019 plan of Hà Giang sits with the plans of Tuyên Quang (the 2025 reorganisation).")
@click.option("--indicator", metavar="ID", help="Only the rows of this indicator, e.g. awareness.people_reached.")
@click.option("--long", "long_table", is_flag=True,
              help="The long table: one row per document × target (path, province, year, indicator, value, "
                   "comparator, unit, deadline, line …) instead of one column per plan. CSV, JSON, Parquet "
                   "or xlsx.")
@click.option("--format", "-f", "fmt", type=click.Choice(COMPARE_FORMATS),
              help="Output format. Default: table on a terminal, JSON on a pipe (or the --output extension); "
                   "CSV with --long. parquet is the long table, into -o FILE.parquet (needs pyarrow: "
                   "pip install 'plancli[parquet]'). xlsx is an Excel workbook (-o FILE.xlsx): sheets "
                   "comparison, long and by indicator, header frozen, filters on.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True),
              help="Write to this file instead of stdout (atomically; never over an input).")
@click.option("--rules", "rule_dirs", multiple=True, type=click.Path(file_okay=False), metavar="DIR",
              help="A directory of YAML rule files layered over the built-in rules (repeatable).")
@click.option("--bom", is_flag=True, help="CSV: start with a UTF-8 BOM so Excel shows Vietnamese right.")
@ocr_option
def compare(paths, store_path, province, year, by, as_of, indicator, long_table, fmt, output, rule_dirs, bom, ocr):
    """Line up the targets of several plans: one row per target, one column per plan.

    Targets are the same row when they share an indicator id, else when their
    subjects are alike. Columns are labelled province + year; between
    consecutive years of one province each value shows how it moved:
    ↑ raised, ↓ lowered, = same, + new, − dropped.

    --by indicator shows one matrix per indicator: provinces down, years
    across. The HTML report always has these matrices, with the targets
    lowered from the province's previous year marked. --long (or --format
    parquet) writes the long table for pandas, R or DuckDB instead.

    \b
    Examples:
      plancli compare samples/langson-2019-kh23.md samples/langson-2020-news-kh18.txt
      plancli compare ke-hoach/ --by year --format csv -o so-sanh.csv --bom
      plancli compare ke-hoach/ --format html -o so-sanh.html
      plancli compare ke-hoach/ --by indicator --format md
      plancli compare ke-hoach/ --by province --as-of 2025
      plancli compare ke-hoach/ --indicator awareness.people_reached
      plancli compare ke-hoach/ --long -o chi-tieu.csv
      plancli compare ke-hoach/ --format parquet -o chi-tieu.parquet
      plancli compare ke-hoach/ -o so-sanh.xlsx
      plancli compare --store plans.db --province "Lạng Sơn"
    """
    from .compare import compare as align
    from .render import comparison as views
    from .render import long as long_views

    fmt = _compare_format(fmt, output, long_table)
    long_table = long_table or fmt == "parquet"
    if long_table and fmt not in LONG_FORMATS:
        raise _fail(f"the long table is written as csv, json or parquet (or an xlsx sheet), not {fmt}; "
                    "add --format csv")
    if fmt == "xlsx" and output is None:
        raise _fail(XLSX_NEEDS_FILE)
    if fmt == "parquet":
        if output is None:
            raise _fail("--format parquet writes a binary file: give it one with -o FILE.parquet")
        try:
            long_views.require_pyarrow()
        except ImportError as exc:
            raise _fail(str(exc))
    failures: list[str] = []
    records, ruleset = _plans(paths, store_path, province, year, rule_dirs, failures, ocr, "compare")
    if not records:
        raise _fail("no input could be read", EXIT_UNREADABLE)
    result = align(records, ruleset, by=by, indicator=indicator, as_of=as_of)
    provinces = views.column_provinces(result, ruleset)
    color, width = _terminal_view(output)

    def write(stream):
        if fmt == "xlsx":
            from .render import xlsx

            long = xlsx.long_sheet(long_views.long_rows(result, records, ruleset, provinces if as_of else None),
                                   long_views.long_columns(as_of))
            by_indicator = None if long_table or by == "indicator" else align(
                records, ruleset, by="indicator", indicator=indicator, as_of=as_of)
            xlsx.write_comparison_workbook(stream.buffer, long, None if long_table else result, by_indicator,
                                           provinces)
        elif long_table:
            rows = long_views.long_rows(result, records, ruleset, provinces if as_of else None)
            columns = long_views.long_columns(as_of)
            if fmt == "parquet":
                long_views.write_long_parquet(rows, columns, stream.buffer)  # the atomic file's bytes
            elif fmt == "json":
                long_views.write_long_json(rows, stream)
            else:
                long_views.write_long_csv(rows, columns, stream, bom)
        elif fmt == "json":
            _write_json(stream, result.to_dict())
        elif fmt == "csv":
            views.compare_csv(result, stream, bom, provinces)
        elif fmt == "md":
            views.compare_markdown(result, stream, provinces)
        elif fmt == "html":
            views.compare_html(result, stream, output, provinces)
        else:
            views.compare_table(result, stream, color, width, provinces)

    _write_view(output, write, [r.source.path for r in records])
    if failures:
        raise click.exceptions.Exit(EXIT_UNREADABLE)


@main.command()
@click.argument("old")
@click.argument("new")
@_store_options
@click.option("--format", "-f", "fmt", type=click.Choice(["table", "json", "md"]),
              help="Output format. Default: table on a terminal, JSON on a pipe.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True),
              help="Write to this file instead of stdout (atomically; never over an input).")
@click.option("--rules", "rule_dirs", multiple=True, type=click.Path(file_okay=False), metavar="DIR",
              help="A directory of YAML rule files layered over the built-in rules (repeatable).")
@click.option("--fail-on", type=click.Choice(["changed"]), help="Exit 1 when anything changed (for CI).")
@ocr_option
def diff(old, new, store_path, province, year, fmt, output, rule_dirs, fail_on, ocr):
    """What changed between two plans: targets, agencies and citations.

    Targets added, removed, or changed (old → new value or comparator);
    agencies added, removed or with another role; citations added or removed.
    Exit code 0 whatever the differences, unless --fail-on changed.

    \b
    Examples:
      plancli diff samples/langson-2019-kh23.md samples/langson-2020-news-kh18.txt
      plancli diff "Kế hoạch 2019.pdf" "Kế hoạch 2020.pdf" --format md -o thay-doi.md
      plancli diff cu.docx moi.docx --fail-on changed
      plancli diff --store plans.db "Lạng Sơn 2019" "Lạng Sơn 2020"
    """
    from .compare import diff as compare_two
    from .render import comparison as views

    failures: list[str] = []
    if store_path:
        records = _stored(store_path, province, year, [old, new])
    else:
        records, _ = _records([old, new], rule_dirs, failures, ocr)
    if failures:
        raise _fail(f"cannot compare: {', '.join(failures)} could not be read", EXIT_UNREADABLE)
    result = compare_two(records[0], records[1])
    fmt = _default_format(fmt, output)
    color, width = _terminal_view(output)

    def write(stream):
        if fmt == "json":
            _write_json(stream, result.to_dict())
        elif fmt == "md":
            views.diff_markdown(result, stream)
        else:
            views.diff_table(result, stream, color, width)

    _write_view(output, write, [old, new])
    if fail_on == "changed" and result.changed:
        raise click.exceptions.Exit(EXIT_CHECK_FAILED)


@main.command()
@click.argument("paths", nargs=-1)
@_store_options
@click.option("--format", "-f", "fmt", type=click.Choice(["table", "json", "sarif"]),
              help="Output format. Default: table on a terminal, JSON on a pipe (or the --output extension: "
                   ".json, .sarif).")
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True),
              help="Write to this file instead of stdout (atomically; never over an input).")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), default="error", show_default=True,
              help="Exit 1 when a finding of this severity or above exists.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), metavar="YAML",
              help="Turn checks off or change their severity: "
                   "'checks: {target-lowered: off, citation-type-conflict: {severity: error}}'.")
@click.option("--list", "list_checks", is_flag=True, help="List the checks with their severity and exit.")
@click.option("--rules", "rule_dirs", multiple=True, type=click.Path(file_okay=False), metavar="DIR",
              help="A directory of YAML rule files layered over the built-in rules (repeatable).")
@ocr_option
def check(paths, store_path, province, year, fmt, output, fail_on, config_path, list_checks, rule_dirs, ocr):
    """Find the inconsistencies in plans and across them: a CI gate.

    \b
    Within a document: one cited document under two numbers; one number under
    two dates or two types; a citation dated after the document; a number whose
    year is not its date's; an annex naming another decision; one indicator
    with two values for one year. Across the documents given (or all in
    --store): one cited document under different numbers or dates in different
    plans, and a province's target lowered from one year to the next (info).
    Each finding says why plancli takes its sides to be the same thing.

    \b
    Exit code 1 when a finding at or above --fail-on exists, 0 otherwise;
    2 for a usage or configuration error, 3 when an input could not be read.

    \b
    Examples:
      plancli check samples/langson-2019-kh23.md
      plancli check ke-hoach/ --format json > findings.json
      plancli check ke-hoach/ --format sarif -o plancli.sarif --fail-on warning
      plancli check --store plans.db --province "Lạng Sơn"
      plancli check ke-hoach/ --config plancli-check.yaml
      plancli check --list
    """
    from .check import check as run_checks
    from .check import load_config
    from .render.checks import check_list, check_table
    from .render.sarif import write_sarif

    settings = {}
    if config_path:
        try:
            settings = load_config(config_path)
        except PlancliError as exc:
            raise _fail(str(exc), exc.exit_code)
    if list_checks:
        check_list(settings, sys.stdout)
        return
    failures: list[str] = []
    records, ruleset = _plans(paths, store_path, province, year, rule_dirs, failures, ocr, "check")
    if not records:
        raise _fail("no input could be read" if failures else "no document to check", EXIT_UNREADABLE)
    report = run_checks(records, ruleset, settings)
    if output and not fmt and Path(output).suffix.lower() == ".sarif":
        fmt = "sarif"
    fmt = _default_format(fmt, output)
    color, width = _terminal_view(output)

    def write(stream):
        if fmt == "json":
            _write_json(stream, report.to_dict())
        elif fmt == "sarif":
            write_sarif(report, stream, settings)
        else:
            check_table(report, stream, color, width)

    _write_view(output, write, [r.source.path for r in records])
    if report.skipped:
        click.echo(f"plancli: note: {len(report.skipped)} stored documents have no text; the checks that compare "
                   "every mention of a citation did not run on them (check the files themselves for those)", err=True)
    if report.failed(fail_on):
        raise click.exceptions.Exit(EXIT_CHECK_FAILED)
    if failures:
        raise click.exceptions.Exit(EXIT_UNREADABLE)


@main.group()
def rules():
    """The YAML rule files: what is loaded, whether it is valid, whether its examples pass.

    \b
    The built-in rules ship with plancli; a directory of your own is layered
    over them (an entry with the same id replaces the built-in one).
    Examples:
      plancli rules list
      plancli rules validate quy-tac/
      plancli rules test
      plancli rules test quy-tac/ --verbose
    """


@rules.command("list")
@click.argument("directory", required=False, type=click.Path(file_okay=False))
def rules_list(directory):
    """List the rule files in force, where each comes from and what it holds.

    \b
    Examples:
      plancli rules list
      plancli rules list quy-tac/     # with your rules (e.g. tỉnh, cơ quan mới) on top
    """
    from .ruleset import ENTRY_SECTIONS

    ruleset = _load_rules_or_exit([directory])
    for rule_file in ruleset.files:
        data = rule_file.data
        counts = [f"{len(data[k])} {k}" for k in ("tokens", "cues", *ENTRY_SECTIONS, "examples") if data.get(k)]
        click.echo(f"{rule_file.path}\t{', '.join(counts) or 'empty'}")
    for line in ruleset.overrides:
        click.echo(line)


@rules.command("validate")
@click.argument("directory", required=False, type=click.Path(file_okay=False))
def rules_validate(directory):
    """Check rule files: YAML, keys and types, patterns that compile and cannot hang.

    Exit code 2 with "file:line: what is wrong" on the first problem.

    \b
    Examples:
      plancli rules validate
      plancli rules validate quy-tac/
    """
    ruleset = _load_rules_or_exit([directory])
    click.echo(f"{len(ruleset.files)} rule files valid ({', '.join(map(str, ruleset.directories))})", err=True)


@rules.command("test")
@click.argument("directory", required=False, type=click.Path(file_okay=False))
@click.option("--verbose", "-v", is_flag=True, help="Also list the examples that pass.")
def rules_test(directory, verbose):
    """Run every example of every rule file and report per rule.

    For each rule: examples passed, misses (expected but not found) and false
    hits (found but not expected), then expected/got for each failure. The run
    always goes to the end. Examples marked todo are known gaps and do not fail.
    Exit code 1 when any other example fails.

    \b
    Examples:
      plancli rules test
      plancli rules test quy-tac/        # "Kế hoạch số 12/KH-UBND" examples of your own
    """
    import json

    from .ruletests import failures, run_examples

    ruleset = _load_rules_or_exit([directory])
    results, tallies = run_examples(ruleset)
    width = max([len(t.rule) for t in tallies] + [4])
    click.echo(f"{'rule':<{width}}  examples  passed  misses  false-hits  todo")
    for t in tallies:
        click.echo(f"{t.rule:<{width}}  {t.examples:8d}  {t.passed:6d}  {t.misses:6d}  {t.false_hits:10d}  {t.todo:4d}")
    for r in results:
        if r.passed and not verbose:
            continue
        status = "ok" if r.passed else ("todo" if r.example.todo else "FAIL")
        click.echo(f"\n{status}: {r.example.path}:{r.example.line} ({r.example.label})")
        click.echo(f"  text: {r.example.text[:160]}")
        if r.error:
            click.echo(f"  error: {r.error}")
        for miss in r.misses:
            click.echo(f"  expected, not found: {json.dumps(miss, ensure_ascii=False)}")
        for hit in r.false_hits:
            click.echo(f"  found, not expected: {json.dumps(hit, ensure_ascii=False)}")
    failed = failures(results)
    passed = sum(r.passed for r in results)
    todo = sum(1 for r in results if r.example.todo and not r.passed)
    click.echo(f"\n{passed} passed, {len(failed)} failed" + (f", {todo} todo" if todo else ""))
    if failed:
        raise click.exceptions.Exit(1)


if __name__ == "__main__":
    main()
