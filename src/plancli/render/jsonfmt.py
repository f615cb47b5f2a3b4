"""JSON (one object, or a list for several inputs) and JSON Lines (one object a line)."""
from __future__ import annotations

import json
from typing import IO

from ..model import Record


def dumps(record: Record, indent: int | None = None) -> str:
    return json.dumps(record.to_dict(), ensure_ascii=False, indent=indent)


class JsonLinesWriter:
    def __init__(self, stream: IO[str]):
        self.stream = stream

    def write(self, record: Record) -> None:
        self.stream.write(dumps(record) + "\n")
        self.stream.flush()

    def close(self) -> None:
        pass


class JsonWriter:
    """Streams a JSON list item by item, or prints one object for a single input."""

    def __init__(self, stream: IO[str], as_list: bool):
        self.stream = stream
        self.as_list = as_list
        self.count = 0

    def write(self, record: Record) -> None:
        body = dumps(record, indent=2)
        if self.as_list:
            body = "\n".join("  " + line for line in body.splitlines())
            self.stream.write(("[\n" if self.count == 0 else ",\n") + body)
        else:
            self.stream.write(body + "\n")
        self.count += 1

    def close(self) -> None:
        if self.as_list:
            self.stream.write("\n]\n" if self.count else "[]\n")
