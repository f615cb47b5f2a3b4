"""YAML: one document per record, separated by ``---``."""
from __future__ import annotations

from typing import IO

from ..model import Record


class YamlWriter:
    def __init__(self, stream: IO[str]):
        self.stream = stream
        self.count = 0

    def write(self, record: Record) -> None:
        import yaml

        if self.count:
            self.stream.write("---\n")
        yaml.safe_dump(record.to_dict(), self.stream, allow_unicode=True, sort_keys=False, width=100)
        self.count += 1

    def close(self) -> None:
        pass
