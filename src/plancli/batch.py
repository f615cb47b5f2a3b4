"""Many documents at once: parallel, ordered, incremental.

``extract_many(paths, …)`` yields ``(path, record, error)`` for each input in
input order, whatever the number of worker processes: a window of documents
runs ahead in the workers, and results are handed out in order as they come
back, so memory stays flat however many documents there are. With a store
(``store.py``), a document whose content hash and rules version are already
stored is read back from the store instead of being extracted again; the
version also holds the OCR mode and engine, so a record read under another
``--ocr`` is not handed back.
"""
from __future__ import annotations

import hashlib
import os
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from typing import Iterator

from .errors import PlancliError
from .model import Record
from .ruleset import RuleSet, load_rules

_worker_rules: RuleSet | None = None


def rules_version(rules: RuleSet, ocr: str = "auto") -> str:
    """Changes whenever plancli, any rule file in force, the OCR mode or the
    Tesseract that mode uses changes."""
    from . import __version__
    from .loaders.ocr import engine_key

    digest = hashlib.sha256(__version__.encode())
    digest.update(engine_key(ocr).encode())
    for rule_file in rules.files:
        digest.update(str(rule_file.path.name).encode())
        digest.update(rule_file.path.read_bytes())
    return digest.hexdigest()[:16]


def _init_worker(rule_dirs: list[str]) -> None:
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


def extract_many(paths: list[str], rule_dirs: list[str], rules: RuleSet, kinds: tuple[str, ...] | None = None,
                 jobs: int = 1, store=None, stdin: bytes | None = None,
                 limits=None) -> Iterator[tuple[str, Record | None, str | None, bool]]:
    """Yield ``(path, record, error, from_store)`` per input, in input order.

    ``stdin`` holds the bytes of standard input when ``-`` is among the paths.
    """
    from .extract import DEFAULT_LIMITS

    limits = limits or DEFAULT_LIMITS
    version = rules_version(rules, limits.ocr) if store is not None else None

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
                yield task[0], cached, None, True
                continue
            record, error = _extract_in_worker(task)
            if record is not None and store is not None and task[0] != "-":
                store.save(record, version)
            yield task[0], record, error, False
        return
    window = jobs * 4
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
        yield path, cached, None, True
        return
    record, error = future.result()
    if record is not None and store is not None and path != "-":
        store.save(record, version)
    yield path, record, error, False


def default_jobs() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)
