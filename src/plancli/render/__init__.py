"""Writers of extraction records, one per output format.

Every writer takes records one at a time (``write``) and finishes with
``close``, so a batch streams: JSON Lines and CSV rows are out as soon as each
document is done. ``atomic_file`` is how files are written: into a temporary
file beside the target, renamed over it only when complete.
"""
from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path
from typing import IO, Iterator, Protocol

from ..model import Record

FORMATS = ("table", "json", "jsonl", "yaml", "csv", "md")


class RecordWriter(Protocol):
    def write(self, record: Record) -> None: ...

    def close(self) -> None: ...


@contextlib.contextmanager
def atomic_file(path: str | os.PathLike, encoding: str = "utf-8", newline: str | None = None) -> Iterator[IO[str]]:
    """Open ``path`` for writing so that it is replaced only once fully written:
    an interrupted run leaves the old file (or none), never half a file."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding=encoding, newline=newline) as handle:
            yield handle
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # as an ordinary new file, not mkstemp's 0600
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def writer_for(fmt: str, stream: IO[str], *, as_list: bool = False, color: bool = False,
               width: int | None = None) -> RecordWriter:
    """A writer of ``fmt`` to ``stream`` (CSV is written per kind: see ``render.csv``).

    ``as_list``: JSON prints a list even for one record (several inputs were given).
    """
    if fmt == "json":
        from .jsonfmt import JsonWriter

        return JsonWriter(stream, as_list)
    if fmt == "jsonl":
        from .jsonfmt import JsonLinesWriter

        return JsonLinesWriter(stream)
    if fmt == "yaml":
        from .yamlfmt import YamlWriter

        return YamlWriter(stream)
    if fmt == "md":
        from .markdown import MarkdownWriter

        return MarkdownWriter(stream)
    if fmt == "table":
        from .table import TableWriter

        return TableWriter(stream, color=color, width=width)
    raise ValueError(f"no stream writer for format {fmt!r}")
