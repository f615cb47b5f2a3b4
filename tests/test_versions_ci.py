"""Versions and the rules hash, the pre-commit hooks, the CI job of docs/ci.md and shell completion."""
from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, SAMPLES, check_record

from plancli import __version__
from plancli import ruleset
from plancli.cli import main
from plancli.ruleset import builtin_rules_dir, builtin_rules_hash, load_rules, rules_hash

PLANCLI = Path(sys.executable).with_name("plancli")
LANGSON = str(SAMPLES / "langson-2019-kh23.md")
DONGNAI = str(SAMPLES / "dongnai-2025-kh182-ma-tuy.txt")
CLEAN = [DONGNAI, str(SAMPLES / "langson-2020-news-kh18.txt")]  # no finding of any severity


def _extra_rules(directory: Path, words: str = "ban hành") -> Path:
    directory.mkdir(exist_ok=True)
    (directory / "extra.yaml").write_text(f"cues:\n  issuing_verbs: [{words}]\n", encoding="utf-8")
    return directory


# --- versions ----------------------------------------------------------------------------

def test_version_prints_the_version_and_the_hash_of_the_builtin_rules(runner):
    result = runner.invoke(main, ["--version"])
    assert result.exit_code == 0
    m = re.fullmatch(r"plancli (\S+) \(rules ([0-9a-f]{12})\)\n", result.output)
    assert m, result.output
    assert m.group(1) == __version__
    assert m.group(2) == builtin_rules_hash() == rules_hash(load_rules())
    assert runner.invoke(main, ["-V"]).output == result.output


def test_version_reads_the_rule_files_without_loading_the_extractors():
    code = ("import sys; from plancli.cli import main; sys.argv = ['plancli', '--version']\n"
            "try: main()\nexcept SystemExit: pass\n"
            "assert 'yaml' not in sys.modules and 'plancli.extract.targets' not in sys.modules, sorted(sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"plancli {__version__} (rules ")


def test_the_builtin_hash_changes_with_a_rule_file_its_name_or_a_new_file(tmp_path, monkeypatch):
    rules = tmp_path / "rules"
    shutil.copytree(builtin_rules_dir(), rules)
    monkeypatch.setattr(ruleset, "builtin_rules_dir", lambda: rules)
    hashed = ruleset.builtin_rules_hash.__wrapped__  # the function, not its cached answer
    assert hashed() == builtin_rules_hash()
    seen = {hashed()}
    with open(rules / "targets.yaml", "a", encoding="utf-8") as handle:
        handle.write("\n# one more line\n")
    seen.add(hashed())
    (rules / "targets.yaml").rename(rules / "targets2.yaml")
    seen.add(hashed())
    (rules / "zz-extra.yaml").write_text("description: extra\n", encoding="utf-8")
    seen.add(hashed())
    assert len(seen) == 4 and all(re.fullmatch(r"[0-9a-f]{12}", h) for h in seen)


def test_rules_layered_on_have_their_own_hash(tmp_path):
    layered = load_rules([_extra_rules(tmp_path / "a")])
    other = load_rules([_extra_rules(tmp_path / "b", "ban hành, phê duyệt")])
    assert len({builtin_rules_hash(), rules_hash(layered), rules_hash(other)}) == 3
    assert rules_hash(load_rules([tmp_path / "a"])) == rules_hash(layered)  # the bytes, not the RuleSet


def test_every_record_carries_the_version_and_the_rules_hash(runner, schema_validator):
    result = runner.invoke(main, ["extract", LANGSON, DONGNAI, "-f", "jsonl"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == 2
    for record in records:
        check_record(record, schema_validator)
        assert record["plancli"] == {"version": __version__, "rules": builtin_rules_hash()}
    del records[0]["plancli"]
    assert not schema_validator.is_valid(records[0])  # a record must say which plancli made it


def test_a_record_made_with_rules_layered_on_carries_their_hash(runner, tmp_path):
    extra = _extra_rules(tmp_path / "quy-tac")
    result = runner.invoke(main, ["extract", DONGNAI, "-f", "json", "--rules", str(extra)])
    assert json.loads(result.stdout)["plancli"]["rules"] == rules_hash(load_rules([extra]))


def test_compare_diff_and_check_json_carry_the_version_and_the_rules_hash(runner, tmp_path):
    extra = _extra_rules(tmp_path / "quy-tac")
    made_by = {"version": __version__, "rules": builtin_rules_hash()}
    for args in (["compare", LANGSON, DONGNAI], ["diff", LANGSON, DONGNAI], ["check", *CLEAN]):
        result = runner.invoke(main, [*args, "-f", "json"])
        assert result.exit_code in (0, 1), result.output
        data = json.loads(result.stdout)
        assert data["schema"].startswith(f"plancli.{args[0]}/") and data["plancli"] == made_by
    for command in ("compare", "check"):
        result = runner.invoke(main, [command, *CLEAN, "-f", "json", "--rules", str(extra)])
        assert json.loads(result.stdout)["plancli"]["rules"] == rules_hash(load_rules([extra]))


def test_store_rows_carry_the_version_and_the_rules_hash(runner, tmp_path):
    db = tmp_path / "plans.db"
    assert runner.invoke(main, ["extract", LANGSON, DONGNAI, "--store", str(db), "-q", "-f", "jsonl"]).exit_code == 0
    with sqlite3.connect(db) as con:
        rows = con.execute("SELECT plancli_version, rules_hash FROM documents").fetchall()
    assert rows == [(__version__, builtin_rules_hash())] * 2


def test_an_old_store_gets_the_columns_and_its_documents_are_extracted_again(runner, tmp_path):
    db = tmp_path / "plans.db"
    args = ["extract", DONGNAI, "--store", str(db), "-f", "jsonl", "--summary"]
    assert runner.invoke(main, args).exit_code == 0
    with sqlite3.connect(db) as con:  # the store as plancli wrote it before records carried a version
        con.execute("ALTER TABLE documents DROP COLUMN plancli_version")
        con.execute("ALTER TABLE documents DROP COLUMN rules_hash")

    def summary() -> dict:
        result = runner.invoke(main, args)
        assert result.exit_code == 0, result.output
        return json.loads(result.stderr.splitlines()[-1])

    assert (summary()["extracted"], summary()["unchanged"]) == (1, 1)  # extracted again, then read back
    with sqlite3.connect(db) as con:
        assert con.execute("SELECT plancli_version, rules_hash FROM documents").fetchall() == \
            [(__version__, builtin_rules_hash())]


# --- pre-commit --------------------------------------------------------------------------

def _hooks() -> dict[str, dict]:
    return {hook["id"]: hook for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))}


def _run_hook(runner, hook: dict, files: list[str]):
    """What pre-commit runs: the entry, the hook's args, then the files when it passes them."""
    command = hook["entry"].split()
    assert command[0] == "plancli"
    return runner.invoke(main, [*command[1:], *hook.get("args", []), *(files if hook["pass_filenames"] else [])])


def test_the_check_hook_takes_plan_texts_and_refuses_a_commit_with_an_error(runner):
    hook = _hooks()["plancli-check"]
    assert hook["language"] == "python" and hook["pass_filenames"] is True
    files = re.compile(hook["files"])
    assert all(files.search(name) for name in ("ke-hoach.txt", "a.md", "b.pdf", "c.docx", "d.html", "e.htm"))
    assert not any(files.search(name) for name in ("rules.yaml", "notes.doc", "plans.db", "html/x.png"))
    failed = _run_hook(runner, hook, [LANGSON])
    assert failed.exit_code == 1
    assert "citation-number-conflict" in failed.stdout and not failed.stdout.lstrip().startswith("{")
    assert _run_hook(runner, hook, CLEAN).exit_code == 0


def test_the_rules_hook_tests_a_directory_of_rule_files(runner, tmp_path, monkeypatch):
    hook = {**_hooks()["plancli-rules-test"]}
    assert hook["pass_filenames"] is False and re.search(hook["files"], "quy-tac/dia-danh.yml")
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "extra.yaml").write_text("description: no entries yet\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)  # pre-commit runs a hook at the repository's root: args [rules] is ./rules
    assert _run_hook(runner, hook, []).exit_code == 0
    (rules / "extra.yaml").write_text("cues: [not, a, mapping\n", encoding="utf-8")
    result = _run_hook(runner, hook, [])
    assert result.exit_code == 2 and "extra.yaml" in result.output


# --- the CI job of docs/ci.md ------------------------------------------------------------

def _ci_script() -> str:
    blocks = re.findall(r"```sh\n(.*?)```", (ROOT / "docs" / "ci.md").read_text("utf-8"), re.S)
    [script] = [b for b in blocks if "# ci/plans.sh" in b]
    return script


def _run_ci(tmp_path: Path, plans: list[str]) -> subprocess.CompletedProcess:
    folder = tmp_path / "plans"
    folder.mkdir()
    for plan in plans:
        shutil.copy(plan, folder)
    (tmp_path / "plans.sh").write_text(_ci_script(), encoding="utf-8")
    env = {**os.environ, "PATH": f"{PLANCLI.parent}{os.pathsep}{os.environ['PATH']}"}
    return subprocess.run(["sh", "plans.sh", "plans", "out"], cwd=tmp_path, env=env, capture_output=True,
                          text=True, timeout=600)


def test_the_ci_job_fails_on_errors_and_still_publishes_sarif_and_html(tmp_path):
    done = _run_ci(tmp_path, sorted(map(str, SAMPLES.glob("*.*"))))
    assert done.returncode == 1, done.stderr
    out = tmp_path / "out"
    sarif = json.loads((out / "plancli.sarif").read_text("utf-8"))
    assert sarif["version"] == "2.1.0" and sarif["runs"][0]["results"]
    assert {r["level"] for r in sarif["runs"][0]["results"]} >= {"error"}
    assert "<html" in (out / "report.html").read_text("utf-8")[:500].lower()
    records = [json.loads(line) for line in (out / "plans.jsonl").read_text("utf-8").splitlines()]
    assert len(records) == len(list(SAMPLES.glob("*.*")))
    with sqlite3.connect(out / "plans.db") as con:
        assert con.execute("SELECT DISTINCT plancli_version, rules_hash FROM documents").fetchall() == \
            [(__version__, builtin_rules_hash())]


def test_the_ci_job_passes_clean_plans_and_exits_3_on_an_unreadable_one(tmp_path):
    (tmp_path / "clean").mkdir()
    assert _run_ci(tmp_path / "clean", CLEAN).returncode == 0
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4 not a PDF at all")
    (tmp_path / "broken").mkdir()
    done = _run_ci(tmp_path / "broken", [*CLEAN, str(broken)])
    assert done.returncode == 3 and "broken.pdf" in done.stderr
    assert (tmp_path / "broken" / "out" / "report.html").exists()  # the others are still reported


# --- shell completion --------------------------------------------------------------------

@pytest.mark.parametrize("shell, marker", [("bash", "complete -o nosort -F _plancli_completion plancli"),
                                           ("zsh", "#compdef plancli"),
                                           ("fish", "complete --no-files --command plancli")])
def test_completion_scripts_come_out_for_each_shell(shell, marker):
    env = {**os.environ, "_PLANCLI_COMPLETE": f"{shell}_source"}
    done = subprocess.run([str(PLANCLI)], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert marker in done.stdout and "_PLANCLI_COMPLETE" in done.stdout
    assert f"_PLANCLI_COMPLETE={shell}_source" in (ROOT / "docs" / "ci.md").read_text("utf-8")


def test_completion_names_the_commands_and_an_options_choices():
    def complete(words: str) -> list[str]:
        env = {**os.environ, "_PLANCLI_COMPLETE": "bash_complete", "COMP_WORDS": words,
               "COMP_CWORD": str(len(words.split()) - (0 if words.endswith(" ") else 1))}
        done = subprocess.run([str(PLANCLI)], env=env, capture_output=True, text=True, timeout=60)
        return [line.split(",", 1)[1] for line in done.stdout.splitlines()]

    assert {"extract", "compare", "diff", "check", "text", "rules"} <= set(complete("plancli "))
    assert complete("plancli ch") == ["check"]
    assert complete("plancli check --fail-on ") == ["error", "warning", "info"]
