"""Errors that reach the user as one line, with the exit code SPEC §4 gives them."""
from __future__ import annotations

EXIT_OK = 0
EXIT_CHECK_FAILED = 1
EXIT_USAGE = 2
EXIT_UNREADABLE = 3


class PlancliError(Exception):
    """An error the user can act on; ``str()`` is the whole message."""

    exit_code = EXIT_USAGE


class InputError(PlancliError):
    """An input that cannot be read: "plan.pdf: the PDF is encrypted …"."""

    exit_code = EXIT_UNREADABLE

    def __init__(self, path: str, problem: str):
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


class RulesError(PlancliError):
    """An invalid rule file: "rules/citations.yaml:42: …"."""

    exit_code = EXIT_USAGE
