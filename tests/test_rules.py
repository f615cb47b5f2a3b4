"""The rule engine: loading, checking, layering, and `plancli rules …`."""
from __future__ import annotations

import textwrap

import pytest

import plancli
from plancli.cli import main
from plancli.errors import RulesError
from plancli.ruleset import load_rules


def _write(folder, name, body):
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    return path


def test_builtin_rules_load_and_hold_what_the_extractors_need():
    rules = load_rules()
    assert len(rules.examples) >= 40
    provinces = rules.entries("provinces")
    assert len(provinces) == 63
    assert len({p["merged_into"] for p in provinces.values()}) == 34
    assert rules.provinces.lookup("Tien Giang")["merged_into"] == "Đồng Tháp"
    assert rules.provinces.lookup("TP.HCM")["name"] == "Hồ Chí Minh"
    assert rules.doc_types.lookup("kế hoạch")["name"] == "Kế hoạch"
    negatives = [e for e in rules.examples if e.kind == "citations" and e.expect == []]
    assert len(negatives) >= 5


def test_rules_test_passes_and_reports_per_rule(runner):
    result = runner.invoke(main, ["rules", "test"])
    assert result.exit_code == 0, result.output
    assert "numbered" in result.output and "law_name" in result.output and "header_number" in result.output
    assert "0 failed" in result.output.splitlines()[-1]


def test_a_user_rule_extends_and_overrides_the_builtin_ones(tmp_path, runner):
    user = tmp_path / "quy-tac"
    # extend: a doc type the built-in rules do not know
    _write(user, "doc_types.yaml", """\
        doc_types:
          - {id: phuong-an, name: Phương án, symbols: [PA]}
        """)
    # override: the province entry with the same id gains an alias
    _write(user, "provinces.yaml", """\
        provinces:
          - {id: lang-son, name: Lạng Sơn, kind: province, merged_into: Lạng Sơn, aliases: [Xứ Lạng]}
        """)
    text = "Thực hiện Phương án số 07/PA-UBND ngày 02/3/2021 của UBND tỉnh về ứng phó thiên tai."
    assert plancli.extract(text).citations == []
    record = plancli.extract(text, rules=[user])
    assert [(c.doc_type, c.number, c.issue_date) for c in record.citations] == [("Phương án", "07/PA-UBND", "2021-03-02")]
    rules = load_rules([user])
    assert rules.provinces.lookup("Xứ Lạng")["name"] == "Lạng Sơn"
    assert any("replaces provinces entry lang-son" in line for line in rules.overrides)
    listed = runner.invoke(main, ["rules", "list", str(user)])
    assert "1 doc_types" in listed.output and "replaces provinces entry lang-son" in listed.output


def test_user_examples_report_misses_and_false_hits(tmp_path, runner):
    user = tmp_path / "quy-tac"
    _write(user, "mine.yaml", """\
        examples:
          - kind: citations
            rule: mine
            text: Thực hiện Kế hoạch số 12/KH-UBND ngày 05/01/2021 của UBND tỉnh.
            expect: [{number: 12/KH-UBND, issue_date: "2021-01-06"}]
          - kind: citations
            rule: mine
            text: Giao Sở Tư pháp chủ trì theo Quyết định số 3/QĐ-UBND.
            expect: []
          - kind: citations
            rule: mine-todo
            text: Thực hiện KH 12/KH-UBND.
            expect: [{number: 12/KH-UBND}]
            todo: true
        """)
    result = runner.invoke(main, ["rules", "test", str(user)])
    assert result.exit_code == 1
    out = result.output
    assert 'expected, not found: {"number": "12/KH-UBND", "issue_date": "2021-01-06"}' in out
    assert 'found, not expected: {"doc_type": "Quyết định", "number": "3/QĐ-UBND"' in out
    assert "todo: " in out
    assert " 2 failed, " in out.splitlines()[-1]  # the todo one does not fail


@pytest.mark.parametrize("body, problem", [
    ("provinces:\n  - {id: x, name: X, capital: Y}\n", "provinces.yaml:2: unknown key 'capital'"),
    ("provinces:\n  - {id: x, aliases: [A]}\n", "provinces.yaml:2: an entry of 'provinces' needs 'name'"),
    ("provinces:\n  - id: x\n    name: X\n    aliases: Xứ X\n", "provinces.yaml:4: 'aliases' must be a list of strings"),
    ("bodies: []\n", "provinces.yaml:1: unknown section 'bodies'"),
    ("patterns:\n  - id: p\n    pattern: '(ab'\n", "provinces.yaml:2: the pattern does not compile"),
    ("patterns:\n  - id: p\n    pattern: '(\\w+\\s?)+số'\n", "provinces.yaml:2: the pattern nests a repeat"),
    ("patterns:\n  - id: p\n    pattern: '{khong_co} số'\n", "unknown token {khong_co}"),
    ("tokens:\n  x: '(a*)*'\n", "provinces.yaml:2: the pattern nests a repeat"),
    ("examples:\n  - {kind: roles, text: a, expect: []}\n", "provinces.yaml:2: example kind must be one of"),
    ("- just\n- a list\n", "provinces.yaml:1: a rule file must be a mapping"),
    ("provinces: [\n", "provinces.yaml:2: invalid YAML"),
])
def test_invalid_rules_name_file_and_line(tmp_path, runner, body, problem):
    user = tmp_path / "quy-tac"
    _write(user, "provinces.yaml", body)
    with pytest.raises(RulesError) as caught:
        load_rules([user])
    assert problem in str(caught.value)
    result = runner.invoke(main, ["rules", "validate", str(user)])
    assert result.exit_code == 2 and problem in result.stderr and "Traceback" not in result.output


def test_rules_validate_accepts_the_builtin_rules(runner):
    result = runner.invoke(main, ["rules", "validate"])
    assert result.exit_code == 0 and "rule files valid" in result.stderr
