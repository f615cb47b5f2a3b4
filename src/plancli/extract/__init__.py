"""The pipeline: load → normalise → extract → Record.

``extract(source)`` — a path, bytes or the text — is the Python API (``plancli.extract``);
``extract_file`` and ``extract_bytes`` are what the CLI calls per input.

Every kind of SPEC §3 is extracted: the document's identity, citations,
targets, objectives and agencies.
"""
from __future__ import annotations

import hashlib
import os
import signal
import threading
from contextlib import contextmanager
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from ..errors import InputError
from ..loaders import STDIN, LoadedText, format_of, load_bytes
from ..loaders.ocr import MODES as OCR_MODES
from ..loaders.ocr_repair import repair_ocr_text
from ..model import KINDS, Record, RecordWarning, Source
from ..normalize import PAGE_BREAK, NormalizedText
from ..ruleset import RuleSet, load_rules, rules_hash
from .agencies import extract_agencies
from .citations import extract_citations
from .document import draft_warning, extract_document
from .objectives import extract_objectives
from .sections import outline
from .targets import extract_targets


@lru_cache(maxsize=1)
def _builtin_rules() -> RuleSet:
    return load_rules()


def _resolve_rules(rules: RuleSet | Iterable[str | Path] | None) -> RuleSet:
    if isinstance(rules, RuleSet):
        return rules
    dirs = list(rules or [])
    return load_rules(dirs) if dirs else _builtin_rules()


def _check_kinds(only: Iterable[str] | None) -> tuple[str, ...]:
    if only is None:
        return KINDS
    kinds = tuple(only)
    unknown = [k for k in kinds if k not in KINDS]
    if unknown:
        raise ValueError(f"unknown kind {unknown[0]!r}; choose from {', '.join(KINDS)}")
    return kinds


@dataclass(frozen=True)
class Limits:
    """What one document may cost and how it is read: the CLI's --max-size,
    --max-pages, --timeout and --ocr. Each PDF page read by OCR adds
    ``loaders.ocr.PAGE_SECONDS`` to ``seconds``."""

    max_bytes: int = 20_000_000
    max_pages: int = 1000
    seconds: float | None = 120.0
    # which PDF pages are read by OCR: auto (those without usable text), always, never
    ocr: str = "auto"

    def __post_init__(self):
        if self.ocr not in OCR_MODES:
            raise ValueError(f"unknown OCR mode {self.ocr!r}; choose from {', '.join(OCR_MODES)}")


DEFAULT_LIMITS = Limits()


@contextmanager
def time_limit(seconds: float | None, path: str):
    """Stop the extraction of one document after ``seconds`` (main thread on Unix;
    elsewhere there is no limit)."""
    if not seconds or not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum, frame):
        raise InputError(path, f"took longer than {seconds:g} s and was stopped; raise the limit with --timeout")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _check_size(size: int, path: str, limits: Limits) -> None:
    if size > limits.max_bytes:
        raise InputError(path, f"is {size / 1e6:.1f} MB, more than the limit of {limits.max_bytes / 1e6:g} MB; "
                               "raise it with --max-size")


def build_record(loaded: LoadedText, source: Source, rules: RuleSet, only: Iterable[str] | None = None) -> Record:
    """Repair the pages read by OCR, normalise the text and run the extractors over it."""
    raw = loaded.raw
    if loaded.ocr_pages:
        pages = raw.split(PAGE_BREAK)
        for number in loaded.ocr_pages:
            if 0 < number <= len(pages):
                pages[number - 1] = repair_ocr_text(pages[number - 1], rules)
        raw = PAGE_BREAK.join(pages)
    text = NormalizedText.from_raw(raw, paged=loaded.pages is not None)
    record = Record(source=source, kinds=_check_kinds(only), text=text.text, warnings=list(loaded.warnings),
                    rules_hash=rules_hash(rules))
    if not text.text.strip():
        record.warnings.append(RecordWarning("empty-text", "the input has no text to extract from"))
        return record
    record.document = extract_document(text, rules)
    draft = draft_warning(text, rules)
    if draft:
        record.warnings.append(draft)
    citations, warnings = extract_citations(text, rules, record.document.number, record.document.issue_date)
    if "citations" in record.kinds:
        record.citations = citations
        record.warnings += warnings
    paragraphs = outline(text.text, rules)
    targets = extract_targets(text, rules, record.document, citations, paragraphs)
    if "targets" in record.kinds:
        record.targets = targets
    if "objectives" in record.kinds:
        record.objectives = extract_objectives(text, rules, targets, paragraphs)
    if "agencies" in record.kinds:
        record.agencies = extract_agencies(text, rules, record.document, paragraphs)
    return record


def extract_bytes(data: bytes, path: str, fmt: str | None = None, rules: RuleSet | None = None,
                  only: Iterable[str] | None = None, limits: Limits = DEFAULT_LIMITS) -> Record:
    """Extract from the bytes of one input; ``path`` names it in the record and in errors."""
    fmt = fmt or format_of(path)
    _check_size(len(data), path, limits)
    with time_limit(limits.seconds, path):
        return _extract_bytes(data, path, fmt, _resolve_rules(rules), only, limits)


def _extract_bytes(data: bytes, path: str, fmt: str, rules: RuleSet, only, limits: Limits) -> Record:
    loaded = load_bytes(data, "txt" if fmt in ("stdin", "text") else fmt, path, limits.max_pages, limits.ocr)
    loaded.format = fmt
    source = Source(path=path, format=fmt, sha256=hashlib.sha256(data).hexdigest(),
                    pages=loaded.pages, encoding=loaded.encoding, ocr=loaded.ocr)
    return build_record(loaded, source, rules, only)


def read_input(path: str, limits: Limits = DEFAULT_LIMITS) -> bytes:
    """The bytes of a file, with every OS error turned into a one-line InputError."""
    try:
        if os.path.isfile(path):
            _check_size(os.path.getsize(path), path, limits)
        with open(path, "rb") as handle:
            return handle.read()
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except IsADirectoryError:
        raise InputError(path, "is a directory") from None
    except PermissionError:
        raise InputError(path, "permission denied; check the file's permissions") from None
    except OSError as exc:
        raise InputError(path, f"cannot be read ({exc.strerror or exc})") from None


def extract_file(path: str, rules: RuleSet | None = None, only: Iterable[str] | None = None,
                 limits: Limits = DEFAULT_LIMITS) -> Record:
    """Extract from one file (``-`` is not a file: read standard input yourself)."""
    if path == STDIN:
        raise InputError(path, "standard input must be read by the caller; use extract_bytes")
    fmt = format_of(path)
    return extract_bytes(read_input(path, limits), path, fmt, rules, only, limits)


# what the bytes of an unnamed input begin with → its format (else it is text)
_MAGIC = ((b"%PDF", "pdf"), (b"PK", "docx"))
BYTES_FORMATS = ("txt", "md", "pdf", "docx", "html")


def sniff_format(data: bytes) -> str:
    """The format of unnamed bytes: a PDF, a DOCX (a zip), an HTML page, else text ("txt")."""
    for magic, fmt in _MAGIC:
        if data.startswith(magic):
            return fmt
    head = data[:512].lstrip().lower()
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:].lstrip()
    return "html" if head.startswith((b"<!doctype html", b"<html")) else "txt"


def extract(source: str | os.PathLike[str] | bytes, rules: RuleSet | Iterable[str | Path] | None = None,
            only: Iterable[str] | None = None, explain: bool = False, ocr: str = "auto", *,
            format: str | None = None) -> Record:
    """Extract one document, for notebooks and scripts.

    ``source`` is one of:

    - a ``pathlib.Path``, or a string naming an existing file: read in the format
      its extension says (InputError when it cannot be read);
    - ``bytes``: the content of a file, in ``format`` ("txt", "md", "pdf", "docx",
      "html"); without ``format`` a PDF (``%PDF``), a DOCX (``PK``) or an HTML page
      (``<!DOCTYPE html``, ``<html``) is told by its first bytes, anything else is
      read as text. The record's ``source.path`` is ``"<bytes>"``;
    - any other string: the text itself (``source.path`` ``"<text>"``).

    ``rules`` is a loaded RuleSet or a list of directories layered over the
    built-in rules; ``only`` limits the kinds extracted; with ``explain`` every
    item's ``to_dict()`` keeps its ``why`` (the rules that produced it). ``ocr``
    says which pages of a PDF Tesseract reads: ``auto`` those without a usable
    text layer (when Tesseract is installed), ``always`` every page (raises
    ``loaders.ocr.OcrUnavailable`` when it is not), ``never`` none.

    >>> record = extract("Kế hoạch số 23/KH-BCĐ ngày 26/02/2019 ...")
    >>> record.to_dict()["schema"]
    'plancli.extract/1'
    """
    ruleset = _resolve_rules(rules)
    limits = replace(DEFAULT_LIMITS, ocr=ocr)
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
        if format is not None and format not in BYTES_FORMATS:
            raise ValueError(f"unknown format {format!r} for bytes; choose from {', '.join(BYTES_FORMATS)}")
        record = extract_bytes(data, "<bytes>", format or sniff_format(data), ruleset, only, limits)
    elif format is not None:
        raise ValueError("format= is for bytes; a file's format is its extension, a string is text")
    else:
        text = os.fspath(source) if isinstance(source, os.PathLike) else str(source)
        if isinstance(source, os.PathLike) or "\n" not in text and len(text) < 4096 and os.path.isfile(text):
            record = extract_file(text, ruleset, only, limits)
        else:
            record = extract_bytes(text.encode("utf-8"), "<text>", "text", ruleset, only, limits)
    record.explain = explain
    return record
