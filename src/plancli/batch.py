"""Many documents at once: parallel, ordered, incremental.

``extract_many(paths, …)`` yields each input's Record in input order, whatever
the number of worker processes: a window of documents runs ahead in the
workers, and results are handed out in order as they come back, so memory
stays flat however many documents there are. With a store (``store.py``), a
document whose content hash and rules version are already stored is read back
from the store instead of being extracted again; the version also holds the OCR
mode and engine, so a record read under another ``--ocr`` is not handed back.
``plancli extract`` is this function with ``errors="include"``.
"""
from __future__ import annotations

import hashlib
import os
import sys
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Iterator, Literal, overload

from .errors import InputError, PlancliError
from .model import Record
from .ruleset import RuleSet, load_rules, rules_hash

if TYPE_CHECKING:
    from .extract import Limits
    from .store import Store

_worker_rules: RuleSet | None = None

ERROR_MODES = ("raise", "skip", "include")


@dataclass(frozen=True)
class Failure:
    """An input that could not be extracted, yielded in its place by
    ``extract_many(…, errors="include")``.

    ``path`` is the input as given; ``message`` the whole one-line error, naming
    the file and what to do ("plan.pdf: the PDF is encrypted …")."""

    path: str
    message: str

    def to_dict(self) -> dict:
        return {"path": self.path, "error": self.message}

    def error(self) -> InputError:
        """The failure as the exception ``errors="raise"`` raises."""
        prefix = f"{self.path}: "
        return InputError(self.path, self.message[len(prefix):] if self.message.startswith(prefix) else self.message)


def rules_version(rules: RuleSet, ocr: str = "auto") -> str:
    """Changes whenever plancli, any rule file in force, the OCR mode or the
    Tesseract that mode uses changes."""
    from . import __version__
    from .loaders.ocr import engine_key

    return f"{__version__}+{rules_hash(rules)}+{engine_key(ocr)}"


def _init_worker(rule_dirs: list[str | Path]) -> None:
    global _worker_rules
    _worker_rules = load_rules(rule_dirs)


def _extract_in_worker(task):
    from .extract import extract_bytes, extract_file

    path, data, kinds, limits = task
    try:
        if data is not None:
            return extract_bytes(data, "<stdin>", "stdin", _worker_rules, kinds, limits), None
        return extract_file(path, _worker_rules, kinds, limits), None
    except PlancliError as exc:
        return None, str(exc)
    except Exception as exc:  # a bug in one document must not stop the batch
        return None, f"{path}: unexpected {type(exc).__name__}: {exc} (please report this with the file)"


@overload
def extract_many(paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]], *, jobs: int | None = ...,
                 rules: RuleSet | Iterable[str | Path] | None = ..., only: Iterable[str] | None = ...,
                 ocr: str | None = ..., store: Store | str | os.PathLike[str] | None = ...,
                 errors: Literal["raise", "skip"] = ..., limits: Limits | None = ...,
                 stdin: bytes | None = ...) -> Iterator[Record]: ...


@overload
def extract_many(paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]], *, jobs: int | None = ...,
                 rules: RuleSet | Iterable[str | Path] | None = ..., only: Iterable[str] | None = ...,
                 ocr: str | None = ..., store: Store | str | os.PathLike[str] | None = ...,
                 errors: Literal["include"], limits: Limits | None = ...,
                 stdin: bytes | None = ...) -> Iterator[Record | Failure]: ...


def extract_many(paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]], *, jobs: int | None = None,
                 rules: RuleSet | Iterable[str | Path] | None = None, only: Iterable[str] | None = None,
                 ocr: str | None = None, store: Store | str | os.PathLike[str] | None = None,
                 errors: str = "raise", limits: Limits | None = None,
                 stdin: bytes | None = None) -> Iterator[Record] | Iterator[Record | Failure]:
    """Extract many documents; an iterator over their records, in input order.

    ``paths`` are files, folders (every supported file below them, sorted, as
    ``plancli extract`` reads them) or ``-`` for ``stdin`` (the bytes given, else
    standard input); one path alone may be given as it is. The records come as
    each document is done, so a long batch can be written out as it goes; wrap
    the call in ``list()`` to have them all.

    ``jobs`` is the number of worker processes (None: the machine's cores, but
    one process for fewer than 8 documents, where starting workers costs more
    than it saves); the order is the input order whatever it is. ``rules``,
    ``only`` and ``ocr`` are as for ``extract``; ``limits`` (``Limits``) bounds
    what one document may cost (size, pages, seconds), and ``ocr`` overrides its
    OCR mode. ``store`` is a ``Store`` or the path of its SQLite file: every
    record is saved in it, and a document unchanged since (same content, rules
    and OCR mode) is read back from it instead (its ``Record.stored`` is set).

    ``errors`` says what an input that cannot be read (missing, encrypted, too
    large, …) does: ``"raise"`` raises ``InputError`` when its turn comes (the
    records before it have been yielded); ``"skip"`` leaves it out;
    ``"include"`` yields a ``Failure`` in its place.
    """
    from .extract import DEFAULT_LIMITS, _check_kinds, _resolve_rules
    from .loaders import STDIN, input_paths

    if errors not in ERROR_MODES:
        raise ValueError(f"errors={errors!r}: give one of {', '.join(ERROR_MODES)}")
    if jobs is not None and jobs < 1:
        raise ValueError(f"jobs={jobs}: give 1 or more worker processes, or None for the machine's cores")
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    inputs = input_paths([os.fspath(p) for p in paths])
    kinds = _check_kinds(only)
    ruleset = _resolve_rules(rules)
    limits = limits or DEFAULT_LIMITS
    if ocr is not None:
        limits = replace(limits, ocr=ocr)
    if stdin is None and STDIN in inputs:
        stdin = sys.stdin.buffer.read()
    # worker processes pay off from a few documents each; a handful runs faster in this one
    workers = jobs or min(default_jobs(), max(1, len(inputs) // 4))
    return _records(inputs, ruleset, kinds, workers, store, stdin, limits, errors)


def _records(inputs: list[str], rules: RuleSet, kinds: tuple[str, ...], jobs: int,
             store: Store | str | os.PathLike[str] | None, stdin: bytes | None, limits: Limits,
             errors: str) -> Iterator[Record | Failure]:
    from .store import Store

    opened = Store(os.fspath(store)) if isinstance(store, (str, os.PathLike)) else None
    in_use = store if isinstance(store, Store) else opened
    try:
        for path, record, error in _results(inputs, rules, kinds, jobs, in_use, stdin, limits):
            if record is not None:
                yield record
            elif errors == "include":
                yield Failure(path, error or "")
            elif errors == "raise":
                raise Failure(path, error or "").error()
    finally:
        if opened is not None:
            opened.close()


def _results(paths: list[str], rules: RuleSet, kinds: tuple[str, ...], jobs: int, store: Store | None,
             stdin: bytes | None, limits: Limits) -> Iterator[tuple[str, Record | None, str | None]]:
    """``(path, record, error)`` per input, in input order."""
    version = rules_version(rules, limits.ocr) if store is not None else ""

    def stored(path: str) -> Record | None:
        if store is None or path == "-":
            return None
        try:
            if os.path.getsize(path) > limits.max_bytes:
                return None  # not read at all: the extraction reports the limit
            digest = hashlib.sha256()
            with open(path, "rb") as handle:
                for block in iter(lambda: handle.read(1 << 20), b""):
                    digest.update(block)
        except OSError:
            return None
        return store.lookup(path, digest.hexdigest(), version)

    tasks = ((p, stdin if p == "-" else None, kinds, limits) for p in paths)
    if jobs <= 1:
        global _worker_rules
        _worker_rules = rules
        for task in tasks:
            cached = stored(task[0])
            if cached is not None:
                yield task[0], cached, None
                continue
            record, error = _extract_in_worker(task)
            if record is not None and store is not None and task[0] != "-":
                store.save(record, version)
            yield task[0], record, error
        return
    window = jobs * 4
    # the built-in rules come first in every RuleSet; workers load them and the user's directories over them
    rule_dirs: list[str | Path] = list(rules.directories[1:])
    with ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker, initargs=(rule_dirs,)) as pool:
        pending: deque = deque()
        for task in tasks:
            cached = stored(task[0])
            pending.append((task[0], cached, None if cached is not None else pool.submit(_extract_in_worker, task)))
            while len(pending) >= window or (pending and pending[0][2] is None):
                yield from _hand_out(pending.popleft(), store, version)
        while pending:
            yield from _hand_out(pending.popleft(), store, version)


def _hand_out(item, store, version):
    path, cached, future = item
    if future is None:
        yield path, cached, None
        return
    record, error = future.result()
    if record is not None and store is not None and path != "-":
        store.save(record, version)
    yield path, record, error


def default_jobs() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)
