"""Loading the YAML rule files: the built-in ones, then each ``--rules DIR`` on top.

Rule files are read with ``yaml.safe_load`` only (no tag can build a Python
object), and every problem is reported as ``path:line: what is wrong`` through
RulesError (exit code 2), never as a traceback.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from .errors import RulesError


@dataclass
class RuleFile:
    path: Path
    data: dict[str, Any]


@dataclass
class RuleSet:
    """The rule files in force, built-in first, user directories in the order given."""

    files: list[RuleFile] = field(default_factory=list)
    directories: list[Path] = field(default_factory=list)


def builtin_rules_dir() -> Path:
    """``plancli/rules`` inside an installed wheel; the repository's ``rules/`` in a checkout."""
    packaged = Path(str(resources.files("plancli"))) / "rules"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "rules"


def load_rule_file(path: Path) -> RuleFile:
    import yaml

    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RulesError(f"{path}: cannot be read as UTF-8 text ({exc})") from None
    try:
        data = yaml.safe_load(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = f":{mark.line + 1}" if mark else ""
        raise RulesError(f"{path}{line}: invalid YAML: {exc.problem or exc.context}") from None
    except yaml.YAMLError as exc:
        raise RulesError(f"{path}: invalid YAML: {exc}") from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise RulesError(f"{path}:1: a rule file must be a mapping of keys to values, not a {type(data).__name__}")
    return RuleFile(path, data)


def load_rules(user_dirs: list[str | Path] = ()) -> RuleSet:
    """The built-in rules with each user directory layered on top."""
    directories = [builtin_rules_dir()]
    for d in user_dirs:
        path = Path(d)
        if not path.is_dir():
            raise RulesError(f"{path}: --rules needs a directory of .yaml rule files")
        directories.append(path)
    files = [load_rule_file(p) for d in directories for p in sorted(d.glob("*.yaml"))]
    return RuleSet(files, directories)
