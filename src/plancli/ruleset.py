"""The YAML rule files: loading, checking, layering, and the matchers built from them.

A rule file holds any of these sections (``rules/README.md`` documents each):

``tokens``
    named regular-expression parts; a pattern (or another token) uses one as
    ``{name}``, so "a date in all its Vietnamese forms" is written once.
``cues``
    named lists of words and phrases ("ban hành", "xây dựng kế hoạch").
``doc_types``, ``provinces``, ``abbreviations``, ``symbol_parts``, ``patterns``
    lists of entries, each with an ``id``.
``examples``
    input text with the expected extraction, run by ``plancli rules test``.

Files load with ``yaml.safe_load`` semantics only. Every problem — bad YAML,
an unknown key, a wrong type, a pattern that does not compile or could
backtrack catastrophically — is a RulesError ``path:line: what is wrong``.
Files of ``--rules`` directories are layered over the built-in ones: an entry
(token, cue list) with the same id replaces the built-in one, a new id adds to
it, and examples accumulate.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property, lru_cache, wraps
from importlib import resources
from pathlib import Path
from typing import Any

from .errors import RulesError
from .normalize import fold_diacritics

# --- schema -----------------------------------------------------------------

_STR, _LIST, _BOOL, _INT, _ANY = "string", "list of strings", "true/false", "integer", "any"
_DATE = "date written YYYY-MM-DD"
# the 2025 reorganisation (src/plancli/reorganisation.py): when a unit or body ended and what it became
_VALIDITY = {"valid_from": _DATE, "valid_until": _DATE}
ENTRY_SECTIONS: dict[str, dict[str, str]] = {
    "doc_types": {"id": _STR, "name": _STR, "aliases": _LIST, "symbols": _LIST, "plan": _BOOL},
    "provinces": {"id": _STR, "name": _STR, "aliases": _LIST, "kind": _STR, "merged_into": _STR,
                  **_VALIDITY},
    "abbreviations": {"id": _STR, "name": _STR, "short": _LIST},
    "symbol_parts": {"id": _STR, "spelling": _STR},
    "patterns": {"id": _STR, "pattern": _STR, "description": _STR},
    "indicators": {"id": _STR, "label": _STR, "label_en": _STR, "domain": _STR, "unit": _STR, "direction": _STR,
                   "head": _LIST, "match": _LIST},
    "agencies": {"id": _STR, "name": _STR, "aliases": _LIST, "level": _STR, **_VALIDITY, "successors": _LIST},
}
REQUIRED = {"doc_types": ("id", "name"), "provinces": ("id", "name"), "abbreviations": ("id", "name", "short"),
            "symbol_parts": ("id", "spelling"), "patterns": ("id", "pattern"),
            "indicators": ("id", "label", "domain", "unit", "direction", "match"), "agencies": ("id", "name")}
# keys whose value is one of a few words
ENTRY_CHOICES = {"indicators": {"direction": ("up", "down")}}
EXAMPLE_KEYS = {"id": _STR, "rule": _STR, "kind": _STR, "text": _STR, "expect": _ANY, "todo": _BOOL, "note": _STR}
EXAMPLE_KINDS = ("document", "citations", "targets", "objectives", "agencies", "ocr", "checks")
MAPPING_SECTIONS = {"tokens": _STR, "cues": _LIST}  # name → pattern, name → words
TOP_LEVEL = {"description", "examples", *MAPPING_SECTIONS, *ENTRY_SECTIONS}


class _LineDict(dict):
    """A mapping that remembers the line it and each of its keys started on."""

    line = 0
    key_lines: dict


def _line_loader():
    import yaml

    # the C parser when PyYAML has it (several times faster); safe either way
    class LineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
        def construct_mapping(self, node, deep=False):
            mapping = _LineDict(super().construct_mapping(node, deep=True))
            mapping.line = node.start_mark.line + 1
            mapping.key_lines = {k.value: k.start_mark.line + 1 for k, _ in node.value
                                 if isinstance(getattr(k, "value", None), str)}
            return mapping

    LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, LineLoader.construct_mapping)
    # a date stays the text it is ("2025-06-30"), checked with its line where a key takes one
    LineLoader.add_constructor("tag:yaml.org,2002:timestamp", LineLoader.construct_yaml_str)
    return LineLoader


@dataclass
class RuleFile:
    path: Path
    data: dict[str, Any]


@dataclass
class Example:
    kind: str
    text: str
    expect: Any
    path: Path
    line: int
    rule: str | None = None
    id: str | None = None
    todo: bool = False
    note: str | None = None

    @property
    def label(self) -> str:
        return self.rule or f"{self.path.stem}:{self.kind}"


def _where(path: Path, node: Any, key: str | None = None) -> str:
    line = getattr(node, "key_lines", {}).get(key) if key else None
    line = line or getattr(node, "line", 0)
    return f"{path}:{line}" if line else str(path)


def _check_type(path: Path, node: Any, key: str, kind: str, value: Any) -> None:
    ok = {_STR: isinstance(value, str), _BOOL: isinstance(value, bool),
          _INT: isinstance(value, int) and not isinstance(value, bool),
          _LIST: isinstance(value, list) and all(isinstance(v, str) for v in value), _ANY: True,
          _DATE: isinstance(value, str) and _is_date(value)}[kind]
    if not ok and kind == _DATE:
        raise RulesError(f"{_where(path, node, key)}: '{key}' must be a {kind} (like 2025-06-30), not {value!r}")
    if not ok:
        raise RulesError(f"{_where(path, node, key)}: '{key}' must be a {kind}, not {type(value).__name__}")


def _is_date(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return re.fullmatch(r"\d{4}-\d{2}-\d{2}", text) is not None


def _check_keys(path: Path, node: Any, allowed: dict[str, str], what: str) -> None:
    if not isinstance(node, dict):
        raise RulesError(f"{_where(path, node)}: each {what} must be a mapping of keys to values")
    for key, value in node.items():
        if key not in allowed:
            raise RulesError(f"{_where(path, node, key)}: unknown key '{key}' in {what}; "
                             f"allowed: {', '.join(sorted(allowed))}")
        _check_type(path, node, key, allowed[key], value)


def load_rule_file(path: Path) -> RuleFile:
    """Read and check one rule file."""
    import yaml

    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RulesError(f"{path}: cannot be read as UTF-8 text ({exc})") from None
    try:
        data = yaml.load(text, Loader=_line_loader())  # a SafeLoader: no tag builds an object
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = f":{mark.line + 1}" if mark else ""
        raise RulesError(f"{path}{line}: invalid YAML: {exc.problem or exc.context}") from None
    except yaml.YAMLError as exc:
        raise RulesError(f"{path}: invalid YAML: {exc}") from None
    if data is None:
        data = _LineDict()
    if not isinstance(data, dict):
        raise RulesError(f"{path}:1: a rule file must be a mapping of sections, not a {type(data).__name__}")
    for key, value in data.items():
        if key not in TOP_LEVEL:
            raise RulesError(f"{_where(path, data, key)}: unknown section '{key}'; "
                             f"sections are {', '.join(sorted(TOP_LEVEL))}")
        if key == "description":
            _check_type(path, data, key, _STR, value)
        elif key in MAPPING_SECTIONS:
            if not isinstance(value, dict):
                raise RulesError(f"{_where(path, data, key)}: '{key}' must map names to values")
            for name, item in value.items():
                _check_type(path, value, name, MAPPING_SECTIONS[key], item)
        else:
            if not isinstance(value, list):
                raise RulesError(f"{_where(path, data, key)}: '{key}' must be a list")
            allowed = EXAMPLE_KEYS if key == "examples" else ENTRY_SECTIONS[key]
            required = ("kind", "text", "expect") if key == "examples" else REQUIRED[key]
            for entry in value:
                _check_keys(path, entry, allowed, f"entry of '{key}'")
                for name in required:
                    if name not in entry:
                        raise RulesError(f"{_where(path, entry)}: an entry of '{key}' needs '{name}'")
                for name, choices in ENTRY_CHOICES.get(key, {}).items():
                    if name in entry and entry[name] not in choices:
                        raise RulesError(f"{_where(path, entry, name)}: '{name}' must be one of {', '.join(choices)}, "
                                         f"not '{entry[name]}'")
                if key == "examples" and entry["kind"] not in EXAMPLE_KINDS:
                    raise RulesError(f"{_where(path, entry, 'kind')}: example kind must be one of "
                                     f"{', '.join(EXAMPLE_KINDS)}")
    return RuleFile(path, data)


# --- patterns ---------------------------------------------------------------

_TOKEN_REF = re.compile(r"\{([a-z_][a-z0-9_]*)\}")


def _parser():
    try:
        import re._parser as parser  # Python 3.11+
    except ImportError:  # pragma: no cover - Python 3.10
        import sre_parse as parser
    return parser


def _unbounded_repeat_inside(items, parser, inside: bool) -> bool:
    """Whether a repeat without an upper bound sits inside another one: the
    shape ("(a+)+", "(\\w*\\s?)*") that backtracks exponentially on a miss."""
    repeats = (parser.MAX_REPEAT, parser.MIN_REPEAT, getattr(parser, "POSSESSIVE_REPEAT", None))
    for op, arg in items:
        if op in repeats:
            low, high, sub = arg
            unbounded = high == parser.MAXREPEAT or high > 50
            if unbounded and inside:
                return True
            if _unbounded_repeat_inside(sub, parser, inside or unbounded):
                return True
        elif op is parser.SUBPATTERN:
            if _unbounded_repeat_inside(arg[-1], parser, inside):
                return True
        elif op is parser.BRANCH:
            if any(_unbounded_repeat_inside(b, parser, inside) for b in arg[1]):
                return True
        elif op in (parser.ASSERT, parser.ASSERT_NOT):
            if _unbounded_repeat_inside(arg[1], parser, inside):
                return True
    return False


def compile_pattern(pattern: str, where: str, flags: int = 0) -> re.Pattern:
    """Compile a rule pattern, refusing one that could hang on some input."""
    try:
        compiled = re.compile(pattern, flags)
    except re.error as exc:
        raise RulesError(f"{where}: the pattern does not compile: {exc}") from None
    parser = _parser()
    if _unbounded_repeat_inside(parser.parse(pattern, flags), parser, False):
        raise RulesError(f"{where}: the pattern nests a repeat without limit inside another "
                         "(like '(a+)+'), which can backtrack catastrophically; bound the inner one")
    return compiled


def words_pattern(words: list[str]) -> str:
    """An alternation of phrases matched as whole syllables, the longest first;
    spaces inside a phrase match any run of white space. The phrases are laid
    out as a trie ("Sở Tư pháp|Sở Tài chính" → "Sở\\s+T(?:ư pháp|ài chính)"), which
    Python's regex engine runs far faster than a flat list of hundreds of names."""
    return _words_pattern(tuple(words))


@lru_cache(maxsize=4096)
def _words_pattern(words: tuple[str, ...]) -> str:
    # extractors ask for the same cue lists for every document: build each pattern once
    trie: dict = {}
    for word in {w for w in words if w}:
        node = trie
        for part in re.findall(r"\S|\s+", " ".join(word.split())):
            node = node.setdefault(" " if part.isspace() else part, {})
        node[""] = {}
    return rf"(?<!\w)(?:{_trie_pattern(trie)})(?!\w)"


def _trie_pattern(node: dict) -> str:
    branches = [(r"\s+" if key == " " else re.escape(key)) + _trie_pattern(child)
                for key, child in sorted(node.items()) if key]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" in node:  # a phrase may end here: try the longer ones first
        return ("(?:" + body + ")?") if len(branches) == 1 else body + "?"
    return body


def once_per_rules(build):
    """``build(rules, *args)`` made once per rule set and arguments: extractors ask
    for the same rule-derived patterns in every document, often on every line. The
    result is kept in the rule set itself (a RuleSet is not hashable, so no lru_cache)."""
    name = f"{build.__module__}.{build.__qualname__}"

    @wraps(build)
    def cached(rules, *args):
        cache = rules.__dict__.setdefault("_built", {})
        key = (name, args)
        if key not in cache:
            cache[key] = build(rules, *args)
        return cache[key]

    return cached


# --- the rule set -----------------------------------------------------------


@dataclass
class Entry:
    """One gazetteer entry: its fields, and the file and line it came from."""

    id: str
    fields: dict[str, Any]
    path: Path
    line: int

    def __getitem__(self, key: str) -> Any:
        return self.fields[key]

    def get(self, key: str, default: Any = None) -> Any:
        return self.fields.get(key, default)

    @property
    def names(self) -> list[str]:
        """Every way of writing the entry: name, aliases, abbreviations."""
        return [self.fields.get("name", self.id), *self.fields.get("aliases", []), *self.fields.get("short", [])]


class Gazetteer:
    """Entries found in text by any of their names, with or without diacritics,
    in any case; longest name first."""

    def __init__(self, entries: dict[str, Entry]):
        self.entries = entries
        self._folded: tuple[str, str] | None = None
        self._by_form: dict[str, Entry] = {}
        for entry in entries.values():
            for name in entry.names:
                self._by_form.setdefault(fold_diacritics(name).casefold(), entry)
        self.regex = re.compile(words_pattern([fold_diacritics(n) for n in self._by_form]), re.IGNORECASE) \
            if self._by_form else None

    def finditer(self, text: str, start: int = 0, end: int | None = None):
        """(entry, start, end) for each mention in ``text[start:end]``."""
        if self.regex is None:
            return
        # a document is searched range by range: fold it once
        if self._folded is None or self._folded[0] is not text:
            self._folded = (text, fold_diacritics(text))
        folded = self._folded[1]
        for m in self.regex.finditer(folded, start, len(text) if end is None else end):
            yield self._by_form[" ".join(m.group(0).split()).casefold()], m.start(), m.end()

    def lookup(self, name: str) -> Entry | None:
        return self._by_form.get(" ".join(fold_diacritics(name).split()).casefold())


@dataclass
class RuleSet:
    """The rules in force: built-in files first, user directories over them."""

    files: list[RuleFile] = field(default_factory=list)
    directories: list[Path] = field(default_factory=list)
    tokens: dict[str, tuple[str, str]] = field(default_factory=dict)   # name → (pattern, where)
    cues: dict[str, list[str]] = field(default_factory=dict)
    sections: dict[str, dict[str, Entry]] = field(default_factory=dict)
    examples: list[Example] = field(default_factory=list)
    overrides: list[str] = field(default_factory=list)
    # "cues.lead" → "rules/agencies.yaml:142": where each named rule is written, for --explain
    origins: dict[str, str] = field(default_factory=dict)

    def add(self, rule_file: RuleFile) -> None:
        data, path = rule_file.data, rule_file.path
        self.files.append(rule_file)
        for name, pattern in (data.get("tokens") or {}).items():
            self._note_override(f"token {name}", name in self.tokens, path)
            self.tokens[name] = (pattern, _where(path, data["tokens"], name))
            self.origins[f"tokens.{name}"] = _where(_shown(path), data["tokens"], name)
        for name, words in (data.get("cues") or {}).items():
            self._note_override(f"cue list {name}", name in self.cues, path)
            self.cues[name] = list(words)
            self.origins[f"cues.{name}"] = _where(_shown(path), data["cues"], name)
        for section in ENTRY_SECTIONS:
            entries = self.sections.setdefault(section, {})
            for item in data.get(section) or []:
                self._note_override(f"{section} entry {item['id']}", item["id"] in entries, path)
                entries[item["id"]] = Entry(item["id"], dict(item), path, item.line)
                self.origins[f"{section}.{item['id']}"] = _where(_shown(path), item)
        for item in data.get("examples") or []:
            self.examples.append(Example(item["kind"], item["text"], item["expect"], path, item.line,
                                         item.get("rule"), item.get("id"), item.get("todo", False), item.get("note")))

    def _note_override(self, what: str, exists: bool, path: Path) -> None:
        if exists:
            self.overrides.append(f"{path}: replaces {what}")

    # -- what extractors use ---------------------------------------------------

    def origin(self, rule: str) -> str:
        """Where a rule is written, for ``--explain``: ``origin("cues.lead")`` →
        ``"rules/agencies.yaml:142 cues.lead"``; a rule of the code itself (no
        file) is named as given."""
        where = self.origins.get(rule)
        return f"{where} {rule}" if where else rule

    def why(self, rule: str, note: str, matched: str | None = None) -> dict:
        """One step of an item's explanation: the rule (file:line and name),
        what it decided, and the words it matched."""
        step = {"rule": self.origin(rule), "note": note}
        if matched:
            step["matched"] = matched
        return step

    def cue(self, name: str) -> list[str]:
        try:
            return self.cues[name]
        except KeyError:
            raise RulesError(f"no cue list '{name}' in the rules ({', '.join(map(str, self.directories))})") from None

    def cue_regex(self, name: str) -> re.Pattern:
        """The words of cue list ``name`` as a case-blind regex: "Ủy ban" matches
        "Ủy ban", "ỦY BAN" and, in text typed without diacritics, "Uy ban" — but
        "bị" never matches the "Bí" of "Ban Bí thư"."""
        cache = self.__dict__.setdefault("_cue_cache", {})
        if name not in cache:
            words = self.cue(name)
            cache[name] = re.compile(words_pattern(words + [fold_diacritics(w) for w in words]), re.IGNORECASE)
        return cache[name]

    def entries(self, section: str) -> dict[str, Entry]:
        return self.sections.get(section, {})

    def expand(self, pattern: str, where: str, _depth: int = 0) -> str:
        """Replace each ``{token}`` by its pattern (recursively)."""
        if _depth > 10:
            raise RulesError(f"{where}: tokens refer to each other in a loop")

        def replace(m: re.Match) -> str:
            name = m.group(1)
            if name not in self.tokens:
                raise RulesError(f"{where}: unknown token {{{name}}}; defined tokens: {', '.join(sorted(self.tokens))}")
            token, token_where = self.tokens[name]
            return "(?:" + self.expand(token, token_where, _depth + 1) + ")"

        return _TOKEN_REF.sub(replace, pattern)

    def pattern(self, pattern_id: str, flags: int = 0, **extra: str) -> re.Pattern:
        """The compiled pattern ``pattern_id``; ``extra`` supplies tokens built
        by the code from gazetteers (e.g. ``doc_type``)."""
        # most calls name a pattern alone, thousands of times per document: no need to sort an empty dict
        key = (pattern_id, flags, tuple(sorted(extra.items()))) if extra else (pattern_id, flags)
        cache = self.__dict__.setdefault("_pattern_cache", {})
        if key not in cache:
            entry = self.entries("patterns").get(pattern_id)
            if entry is None:
                raise RulesError(f"no pattern '{pattern_id}' in the rules")
            where = f"{entry.path}:{entry.line}"
            source = entry["pattern"]
            for name, value in extra.items():
                source = source.replace("{" + name + "}", "(?:" + value + ")")
            cache[key] = compile_pattern(self.expand(source, where), where, flags)
        return cache[key]

    @cached_property
    def doc_types(self) -> Gazetteer:
        return Gazetteer(self.entries("doc_types"))

    @cached_property
    def provinces(self) -> Gazetteer:
        return Gazetteer(self.entries("provinces"))

    @cached_property
    def agencies(self) -> Gazetteer:
        return Gazetteer(self.entries("agencies"))

    @cached_property
    def abbreviations(self) -> Gazetteer:
        return Gazetteer(self.entries("abbreviations"))

    def validate(self) -> None:
        """Compile every token and pattern, so that a broken one is reported
        when the rules load rather than when some text reaches it."""
        for name, (pattern, where) in self.tokens.items():
            compile_pattern(self.expand(pattern, where), where)
        for entry in self.entries("patterns").values():
            where = f"{entry.path}:{entry.line}"
            # tokens the code supplies are stood in for by a word while checking
            source = re.sub(r"\{(doc_type|doc_type_word)\}", "(?:Kế hoạch)", entry["pattern"])
            compile_pattern(self.expand(source, where), where)
        self._validate_reorganisation()
        self._validate_indicator_cues()

    def _validate_indicator_cues(self) -> None:
        """An indicator wording's "@name" phrase stands for the cue list ``name``, which must exist
        ("tiếp cận|kiến thức + @topic_trafficking")."""
        for entry in self.entries("indicators").values():
            for wording in entry["match"]:
                for phrase in (p.strip() for p in wording.split("+")):
                    if phrase.startswith("@") and phrase[1:].strip() not in self.cues:
                        raise RulesError(f"{entry.path}:{entry.line}: indicator {entry.id}: no cue list "
                                         f"'{phrase[1:].strip()}' for '{phrase}' in '{wording}'; add it under cues:")

    def _validate_reorganisation(self) -> None:
        """What a province or body became must be an entry itself (checked once the
        files are layered: a user's file may add it)."""
        for entry in self.entries("provinces").values():
            became = entry.get("merged_into")
            if became is not None and self.provinces.lookup(became) is None:
                raise RulesError(f"{entry.path}:{entry.line}: merged_into '{became}' of {entry['name']} is no "
                                 "province of the rules; write the name of a province entry")
            if "valid_until" in entry.fields and became is None:
                raise RulesError(f"{entry.path}:{entry.line}: {entry['name']} has valid_until but no merged_into; "
                                 "name the province it became")
        for entry in self.entries("agencies").values():
            for successor in entry.get("successors", []):
                if self.agencies.lookup(successor) is None:
                    raise RulesError(f"{entry.path}:{entry.line}: successor '{successor}' of {entry['name']} is no "
                                     "entry of 'agencies'; add it (with valid_from) or write an entry's name")
        for section in ("provinces", "agencies"):
            for entry in self.entries(section).values():
                if entry.get("valid_from", "") > entry.get("valid_until", "9999"):
                    raise RulesError(f"{entry.path}:{entry.line}: {entry['name']} is valid_from "
                                     f"{entry['valid_from']}, after its valid_until {entry['valid_until']}")


def _shown(path: Path) -> Path:
    """A built-in rule file as ``rules/NAME.yaml``; a user's file as given."""
    return Path("rules", path.name) if path.parent == builtin_rules_dir() else path


@lru_cache(maxsize=1)
def builtin_rules_dir() -> Path:
    """``plancli/rules`` inside an installed wheel; the repository's ``rules/`` in a checkout."""
    packaged = Path(str(resources.files("plancli"))) / "rules"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "rules"


def _files_hash(paths) -> str:
    import hashlib

    digest = hashlib.sha256()
    for path in paths:
        data = path.read_bytes()
        # name and length first, so no two different sets of files hash the same bytes
        digest.update(f"{path.name}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()[:12]


@lru_cache(maxsize=1)
def builtin_rules_hash() -> str:
    """12 hex digits of the built-in rule files, their names and bytes in name order
    (``plancli --version``): read, not parsed, so the version stays fast."""
    return _files_hash(sorted(builtin_rules_dir().glob("*.yaml")))


def rules_hash(rules: RuleSet) -> str:
    """12 hex digits of every rule file in force — the built-in ones, then each
    ``--rules`` directory's in the order layered; ``builtin_rules_hash()`` for the
    built-in rules alone. A record, store row and report carries it, to tell which
    rules produced them."""
    if "_hash" not in rules.__dict__:
        rules.__dict__["_hash"] = _files_hash(rule_file.path for rule_file in rules.files)
    return rules.__dict__["_hash"]


def load_rules(user_dirs: list[str | Path] = ()) -> RuleSet:
    """The built-in rules with each user directory layered on top, checked."""
    directories = [builtin_rules_dir()]
    for d in user_dirs:
        path = Path(d)
        if not path.is_dir():
            raise RulesError(f"{path}: --rules needs a directory of .yaml rule files")
        directories.append(path)
    rules = RuleSet(directories=directories)
    for d in directories:
        for p in sorted(d.glob("*.yaml")):
            rules.add(load_rule_file(p))
    rules.validate()
    return rules
