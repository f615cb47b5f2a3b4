"""plancli: structured data from Vietnamese government plan texts.

>>> import plancli
>>> record = plancli.extract("samples/langson-2019-kh23.md")
>>> record.to_dict()["source"]["format"]
'md'

The API — ``extract``, ``extract_many``, ``compare``, ``diff``, ``check`` and
the dataclasses they return — is what the ``plancli`` command calls. Its names
are imported on first use, so that ``import plancli`` (and ``plancli
--version``) does not load the extractors.
"""
from __future__ import annotations

import sys
from importlib import import_module
from types import ModuleType
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# public name → the module that defines it
_API = {
    "extract": "plancli.extract", "Limits": "plancli.extract",
    "extract_many": "plancli.batch", "Failure": "plancli.batch",
    "compare": "plancli.compare", "diff": "plancli.compare", "Comparison": "plancli.compare",
    "Column": "plancli.compare", "Row": "plancli.compare", "Diff": "plancli.compare",
    "check": "plancli.check", "CheckReport": "plancli.check", "Finding": "plancli.check",
    "Location": "plancli.check", "load_config": "plancli.check",
    "Record": "plancli.model", "Source": "plancli.model", "DocumentInfo": "plancli.model",
    "Objective": "plancli.model", "Target": "plancli.model", "Agency": "plancli.model",
    "Citation": "plancli.model", "Span": "plancli.model", "RecordWarning": "plancli.model",
    "OcrInfo": "plancli.model", "record_from_dict": "plancli.model",
    "RuleSet": "plancli.ruleset", "load_rules": "plancli.ruleset",
    "PlancliError": "plancli.errors", "InputError": "plancli.errors", "RulesError": "plancli.errors",
}
__all__ = ["__version__", *_API]

if TYPE_CHECKING:
    from .batch import Failure, extract_many
    from .check import CheckReport, Finding, Location, check, load_config
    from .compare import Column, Comparison, Diff, Row, compare, diff
    from .errors import InputError, PlancliError, RulesError
    from .extract import Limits, extract
    from .model import (Agency, Citation, DocumentInfo, Objective, OcrInfo, Record, RecordWarning, Source, Span,
                        Target, record_from_dict)
    from .ruleset import RuleSet, load_rules


def __getattr__(name: str) -> Any:
    module = _API.get(name)
    if module is None:
        raise AttributeError(f"module 'plancli' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_API))


class _Package(ModuleType):
    """``plancli.extract``, ``plancli.check`` and ``plancli.compare`` are functions, though
    modules of those names exist: importing such a module must not bind it over the function."""

    def __setattr__(self, name: str, value: Any) -> None:
        if isinstance(value, ModuleType) and _API.get(name) == value.__name__ == f"{__name__}.{name}":
            return  # the module stays reachable as sys.modules["plancli.<name>"]
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
