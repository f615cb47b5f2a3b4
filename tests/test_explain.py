"""`plancli extract --explain`: every value can be traced to the rule that made it,
and the file:line it names really holds that rule."""
from __future__ import annotations

import json
import re

import pytest
from conftest import ROOT, SAMPLES

from plancli.cli import main

KINDS = ("objectives", "targets", "agencies", "citations")
_RULE_FILE_RE = re.compile(r"^(rules/[\w.-]+\.yaml):(\d+) (\w+)\.(.+)$")


def _explained(runner, path, *options):
    result = runner.invoke(main, ["extract", str(path), "--explain", "-f", "json", *options])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _check_step(step: dict) -> None:
    assert step["note"]
    m = _RULE_FILE_RE.match(step["rule"])
    if not m:
        assert step["rule"].startswith("code: "), step["rule"]  # a rule of the code itself says so
        return
    path, line, section, name = m.groups()
    lines = (ROOT / path).read_text(encoding="utf-8").split("\n")
    written = lines[int(line) - 1]
    # the line named is where the entry or cue list is written: "lead: […]", "- {id: ke-hoach, …"
    key = name.rsplit(".", 1)[-1] if section in ("cues", "tokens") else name
    assert key in written, f"{step['rule']}: line {line} is {written!r}"


@pytest.mark.parametrize("name", ["langson-2019-kh23.md", "cantho-2025-kh153-ma-tuy.txt",
                                  "tiengiang-2019-news-kh37.txt"])
def test_every_item_says_which_rule_made_it(runner, name):
    record = _explained(runner, SAMPLES / name)
    items = [item for kind in KINDS for item in record[kind]]
    assert items
    for item in items:
        assert item["why"], item
        for step in item["why"]:
            _check_step(step)
    document = record["document"]
    for field in ("doc_type", "number", "issuer", "province", "year"):
        if document[field] is not None:
            assert document["why"][field], field
            for step in document["why"][field]:
                _check_step(step)


def test_an_agency_role_is_traced_to_its_cue(runner):
    record = _explained(runner, SAMPLES / "langson-2019-kh23.md", "--only", "agencies")
    lead = next(a for a in record["agencies"] if a["name"] == "Sở Thông tin và Truyền thông" and a["role"] == "lead")
    rules = " ".join(step["rule"] for step in lead["why"])
    assert "rules/agencies.yaml" in rules
    assert any("chủ trì" in step.get("matched", "") for step in lead["why"])


def test_without_explain_there_is_no_why(runner):
    result = runner.invoke(main, ["extract", str(SAMPLES / "langson-2019-kh23.md"), "-f", "json"])
    assert '"why"' not in result.stdout


def test_explain_in_the_terminal_table_and_markdown(runner):
    for fmt in ("table", "md"):
        result = runner.invoke(main, ["extract", str(SAMPLES / "langson-2019-kh23.md"), "--explain", "-f", fmt,
                                      "--only", "targets"])
        assert result.exit_code == 0
        assert "why" in result.stdout
        assert "rules/targets.yaml:" in result.stdout.replace("\n", "").replace(" ", "") or \
               "rules/targets.yaml" in result.stdout


def test_explain_does_not_read_back_from_a_store(runner, tmp_path):
    result = runner.invoke(main, ["extract", str(SAMPLES / "langson-2019-kh23.md"), "--explain",
                                  "--store", str(tmp_path / "p.db"), "-f", "json"])
    assert result.exit_code == 2
    assert "--store" in result.stderr
