"""The documentation cannot drift from the code.

- every command and option of the CLI has an entry in docs/cli.md;
- the examples of README.md and docs/*.md run: ``plancli …`` shell blocks
  through click's CliRunner (exit 0, or the code an ``<!-- exit: N -->``
  comment before the block states), Python ``>>>`` blocks through doctest,
  other Python blocks with exec — all from the repository root's files;
  a block preceded by ``<!-- not run: why -->`` is skipped;
- every relative link of README.md and docs/*.md points to a file (and heading)
  of the repository, never outside it.
"""
from __future__ import annotations

import doctest
import os
import re
import shlex
import unicodedata
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from plancli.cli import main

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
CLI_MD = DOCS / "cli.md"
PAGES = [ROOT / "README.md", *sorted(DOCS.glob("*.md"))]

FENCE = re.compile(r"^```([\w-]*)[^\n]*\n(.*?)^```[ \t]*$", re.S | re.M)
MARKER = re.compile(r"<!--\s*(not run|exit:\s*(\d+))[^>]*-->\s*$")


# --------------------------------------------------------------------------- the CLI reference

def _commands(group: click.Group, prefix: str = "plancli"):
    """(name path, command) of every command below ``group``, groups included."""
    for name, command in sorted(group.commands.items()):
        path = f"{prefix} {name}"
        yield path, command
        if isinstance(command, click.Group):
            yield from _commands(command, path)


def _sections(markdown: str) -> list[tuple[int, str, str]]:
    """(level, heading, body up to the next heading of the same or a higher level)."""
    body = FENCE.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), markdown)  # same offsets, no '#' lines of code
    heads = [(m.start(), len(m.group(1)), m.group(2)) for m in re.finditer(r"^(#{1,6})\s+(.*)$", body, re.M)]
    out = []
    for i, (start, level, title) in enumerate(heads):
        end = next((s for s, lv, _ in heads[i + 1:] if lv <= level), len(markdown))
        out.append((level, title, markdown[start:end]))
    return out


def _section_of(command_path: str, sections) -> str | None:
    """The section whose heading names exactly this command (`plancli rules test [DIR]`, not `plancli rules`)."""
    words = command_path.split()
    for _, title, body in sections:
        name = re.match(r"`([^`]*)`", title.strip())
        if not name:
            continue
        heading_words = name.group(1).split()
        # the command's words, then only arguments (upper case, brackets, dots) or a|b|c alternatives
        if heading_words[:len(words) - 1] != words[:-1] or len(heading_words) < len(words):
            continue
        last = heading_words[len(words) - 1]
        if words[-1] in last.split("|") and all(not re.match(r"^[a-z]", w) for w in heading_words[len(words):]):
            return body
    return None


def _option_flags(command: click.Command) -> list[str]:
    flags = []
    for param in command.params:
        if isinstance(param, click.Option):
            flags.extend(o for o in param.opts + param.secondary_opts if o.startswith("--"))
    return flags


def test_every_command_and_option_has_an_entry_in_the_cli_reference():
    sections = _sections(CLI_MD.read_text(encoding="utf-8"))
    missing = []
    top = _section_of("plancli", [(lv, t, b) for lv, t, b in sections if re.fullmatch(r"`plancli`", t.strip())])
    if top is None:
        missing.append("a '## `plancli`' section")
    else:
        missing += [f"plancli {flag}" for flag in _option_flags(main) if f"`{flag}" not in top]
    for path, command in _commands(main):
        body = _section_of(path, sections)
        if body is None:
            missing.append(f"a heading for `{path}`")
            continue
        missing += [f"{path} {flag}" for flag in _option_flags(command) if f"`{flag}" not in body]
    assert not missing, "docs/cli.md has no entry for: " + ", ".join(missing)


def test_the_reference_check_notices_a_missing_option():
    """The walk above must see options and fail on one the text does not mention."""
    sections = _sections("## `plancli extract PATH...`\n\n| `--format` | … |\n")
    body = _section_of("plancli extract", sections)
    assert body is not None and _section_of("plancli text", sections) is None
    flags = _option_flags(main.commands["extract"])
    assert "--format" in flags and "--only" in flags and "--ocr" in flags
    assert [f for f in flags if f"`{f}" not in body] and "--format" not in [f for f in flags if f"`{f}" not in body]


# --------------------------------------------------------------------------- the output contract

def _keys(value, prefix=""):
    """Every key of a JSON value, as `name` (lists and nested objects walked)."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from _keys(item)
    elif isinstance(value, list):
        for item in value:
            yield from _keys(item)


def test_every_field_of_every_output_is_in_the_contract(monkeypatch):
    """Each key of plancli.extract/1 (its JSON Schema and a real record), compare/1, diff/1 and check/1."""
    import json

    monkeypatch.chdir(ROOT)
    contract = (DOCS / "contract.md").read_text(encoding="utf-8")
    schema = json.loads((ROOT / "src/plancli/schema/extract-1.json").read_text(encoding="utf-8"))
    keys = {k for k in _keys(schema) if not k.startswith("$")}
    properties = set()

    def walk(node):
        if isinstance(node, dict):
            properties.update((node.get("properties") or {}).keys())
            for item in node.values():
                walk(item)
        elif isinstance(node, list):
            for item in node:
                walk(item)
    walk(schema)
    assert {"source", "ocr", "mention", "successors", "subject", "warnings"} <= properties
    outputs = {}
    old, new = "samples/langson-2019-kh23.md", "samples/langson-2020-news-kh18.txt"
    for name, args in {"extract": ["extract", old, "-f", "json"], "compare": ["compare", old, new, "-f", "json"],
                       "diff": ["diff", old, new, "-f", "json"], "check": ["check", old, "-f", "json"]}.items():
        result = CliRunner().invoke(main, args)
        assert result.exit_code in (0, 1), result.output
        outputs[name] = json.loads(result.stdout)
    fields = properties | {k for out in outputs.values() for k in _keys(out)}
    fields -= set(outputs["compare"]["rows"][0]["cells"])  # cells are keyed by the plans' names
    spans = {part for span in re.findall(r"`([^`\n]+)`", contract) for part in re.split(r"[.\[\]…, ]+", span)}
    missing = sorted(fields - spans)
    assert not missing, f"docs/contract.md does not describe: {missing}"
    assert keys


# --------------------------------------------------------------------------- the examples

def _blocks(page: Path):
    """(line, language, code, marker) of every fenced block of a page."""
    text = page.read_text(encoding="utf-8")
    for m in FENCE.finditer(text):
        before = text[:m.start()].rstrip("\n").rsplit("\n", 1)[-1]
        marker = MARKER.search(before)
        yield text.count("\n", 0, m.start()) + 1, m.group(1), m.group(2), marker


def _shell_examples():
    for page in PAGES:
        for line, lang, code, marker in _blocks(page):
            if lang not in ("", "sh", "shell", "bash", "console"):
                continue
            lines = [ln for ln in code.splitlines() if ln.strip()]
            shown = None
            if lines and lines[0].startswith("$ "):
                # a console block: one command and the output it prints on a terminal
                commands, shown = [lines[0][2:]], code.split("\n", 1)[1]
                assert not any(ln.startswith("$ ") for ln in lines[1:]), f"{page}:{line}: one command per $ block"
            else:
                commands = lines
            if not commands or not commands[0].startswith("plancli "):
                continue
            if marker and marker.group(1) == "not run":
                continue
            expected = int(marker.group(2)) if marker and marker.group(2) else 0
            yield pytest.param(commands, expected, shown, id=f"{page.relative_to(ROOT)}:{line}")


@pytest.fixture
def in_a_copy_of_the_repository(tmp_path, monkeypatch):
    """Run from a scratch folder that sees the repository's files, so that outputs land there."""
    for name in ("samples", "docs", "rules", "tests"):
        (tmp_path / name).symlink_to(ROOT / name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _command(args: list[str]) -> click.Command:
    command = main
    for word in args:
        if not isinstance(command, click.Group) or word not in command.commands:
            break
        command = command.commands[word]
    return command


def _words(text: str) -> list[str]:
    return re.sub(r"[\u2500-\u257f]", " ", text).split()  # box-drawing characters are layout


def _shows(shown: str, output: str) -> bool:
    """Whether ``output`` prints what the docs show: the same words in the same order, where a line
    '…' alone stands for any number of lines left out."""
    chunks = [_words(c) for c in re.split(r"^…$", shown, flags=re.M)]
    words, at = _words(output), 0
    for i, chunk in enumerate(chunks):
        if not chunk:
            continue
        starts = [k for k in range(at, len(words) - len(chunk) + 1) if words[k:k + len(chunk)] == chunk]
        if not starts or (i == 0 and starts[0] != 0):
            return False
        at = starts[0] + len(chunk)
    return at == len(words) or not chunks[-1]


@pytest.mark.parametrize("commands, expected, shown", list(_shell_examples()))
def test_shell_examples_run(commands, expected, shown, in_a_copy_of_the_repository):
    runner = CliRunner(env={"COLUMNS": "120", "NO_COLOR": "1"})
    for command in commands:
        assert command.startswith("plancli "), f"a runnable block holds only plancli commands: {command!r} " \
                                               "(mark the block <!-- not run: why -->)"
        args = shlex.split(command, comments=True)[1:]
        assert "|" not in args, f"{command!r}: a pipe cannot run here; mark the block <!-- not run: why -->"
        output_file = None
        if ">" in args:
            output_file = args[args.index(">") + 1]
            args = args[:args.index(">")]
        if shown is not None and not {"-f", "--format"} & set(args) and "--format" in _option_flags(_command(args)):
            args += ["--format", "table"]  # what the docs show is the terminal's view
        result = runner.invoke(main, args, catch_exceptions=False)
        assert result.exit_code == expected, (
            f"`{command}` exited {result.exit_code}, the docs say {expected}:\n{result.output[-2000:]}")
        if shown is not None and shown.strip():
            assert _shows(shown, result.stdout), f"`{command}` no longer prints what the docs show:\n{result.stdout}"
        if output_file:
            Path(output_file).write_text(result.stdout, encoding="utf-8")
            assert result.stdout.strip(), f"`{command}` wrote nothing"


def _python_pages():
    for page in PAGES:
        if any(lang == "python" for _, lang, _, _ in _blocks(page)):
            yield pytest.param(page, id=str(page.relative_to(ROOT)))


@pytest.mark.parametrize("page", list(_python_pages()))
def test_python_examples_run(page, monkeypatch):
    """The ```python blocks of a page, in order and sharing names: doctest for '>>>' blocks, exec for the others."""
    monkeypatch.chdir(ROOT)
    namespace: dict = {"__name__": "__docs__"}
    parser = doctest.DocTestParser()
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    ran = 0
    for line, lang, code, marker in _blocks(page):
        if lang != "python" or (marker and marker.group(1) == "not run"):
            continue
        ran += 1
        name = f"{page.relative_to(ROOT)}:{line}"
        if ">>>" in code:
            test = parser.get_doctest(code, namespace, name, str(page), line)
            result = runner.run(test, clear_globs=False)
            namespace.update(test.globs)  # DocTest works on a copy: later blocks see what this one defined
            assert result.failed == 0, f"{name}: {result.failed} of {result.attempted} examples failed (see above)"
        else:
            exec(compile(code, name, "exec"), namespace)  # noqa: S102 - the docs' own examples
    assert ran


def test_shown_output_is_compared():
    output = "rule  examples\nlead  5\nsupport  1\n\n309 passed, 0 failed\n"
    assert _shows("rule  examples\n…\nsupport  1\n…\n", output)
    assert _shows("┃ rule ┃ examples\nlead 5\nsupport 1\n309 passed, 0 failed", output)
    assert not _shows("rule  examples\nlead  4\n…\n", output)
    assert not _shows("rule  examples\nlead  5\n", output)  # output left out needs a '…'
    assert not _shows("lead  5\n…\n", output)                # and so does output before


def test_the_example_runner_fails_on_a_wrong_example(monkeypatch):
    monkeypatch.chdir(ROOT)
    parser, runner = doctest.DocTestParser(), doctest.DocTestRunner()
    test = parser.get_doctest(">>> import plancli\n>>> plancli.extract('samples/langson-2019-kh23.md')"
                              ".document.number\n'24/KH-BCĐ'\n", {}, "wrong", "wrong", 0)
    assert runner.run(test, out=lambda s: None).failed == 1
    result = CliRunner().invoke(main, ["check", "samples/langson-2019-kh23.md"])
    assert result.exit_code == 1  # what an <!-- exit: 1 --> block expects, and a block without it would fail on


def test_runnable_blocks_are_most_of_the_examples():
    """The <!-- not run --> marker is for the few blocks that need other files."""
    marked = sum(1 for page in PAGES for *_, marker in _blocks(page) if marker and marker.group(1) == "not run")
    runnable = len(list(_shell_examples())) + sum(
        1 for page in PAGES for _, lang, _, marker in _blocks(page) if lang == "python" and not marker)
    assert runnable >= 15 and marked <= 12, (runnable, marked)


# --------------------------------------------------------------------------- links

LINK = re.compile(r"(?<!!)\[[^\]]*\]\(([^)\s]+)\)|^\[[^\]]+\]:\s*(\S+)", re.M)


def _anchor(heading: str) -> str:
    """GitHub's anchor of a heading."""
    text = re.sub(r"[`*_]", "", heading.strip()).lower()
    text = "".join(c for c in unicodedata.normalize("NFC", text) if c.isalnum() or c in " -")
    return text.replace(" ", "-")


def _links():
    for page in PAGES:
        text = FENCE.sub("", page.read_text(encoding="utf-8"))
        text = re.sub(r"`[^`\n]*`", "", text)  # code spans are not links
        for m in LINK.finditer(text):
            yield page, m.group(1) or m.group(2)


def test_every_relative_link_points_into_the_repository():
    problems = []
    for page, target in _links():
        if re.match(r"^[a-z]+:", target) or target.startswith("#") and not target[1:]:
            continue
        path, _, anchor = target.partition("#")
        resolved = (page.parent / path).resolve() if path else page
        where = f"{page.relative_to(ROOT)}: {target}"
        if not resolved.is_relative_to(ROOT):
            problems.append(f"{where} goes outside the repository")
        elif not resolved.exists():
            problems.append(f"{where} does not exist")
        elif anchor and resolved.suffix == ".md":
            anchors = {_anchor(title) for _, title, _ in _sections(resolved.read_text(encoding="utf-8"))}
            if anchor not in anchors:
                problems.append(f"{where}: no heading #{anchor}")
    assert not problems, "\n".join(problems)


def test_links_are_found_and_checked():
    links = list(_links())
    assert len(links) >= 30
    assert any(target.startswith("docs/") for page, target in links if page.name == "README.md")
    assert _anchor("`plancli.compare/1`") == "planclicompare1"
    assert _anchor("Tracing a value to its rule (`--explain`)") == "tracing-a-value-to-its-rule---explain"


def test_nothing_a_user_needs_points_to_the_shared_folder():
    """../shared is beside a developer's checkout only: the user's pages never name it, and README only in Development."""
    for page in PAGES[1:]:
        assert "../shared" not in page.read_text(encoding="utf-8"), page
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "../shared" not in readme.split("\n## Development")[0]


def test_the_docs_index_lists_every_page():
    index = (DOCS / "README.md").read_text(encoding="utf-8")
    for page in sorted(DOCS.glob("*.md")):
        if page.name != "README.md":
            assert f"]({page.name})" in index, page.name
    assert os.path.exists(DOCS / "README.md")
