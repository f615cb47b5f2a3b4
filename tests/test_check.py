"""plancli check: each check on a real case where the texts have one, and on planted ones —
a real document with one citation's number or date changed gives exactly that finding, the
document as it was gives none."""
from __future__ import annotations

import json

import jsonschema
import pytest
from conftest import CORPUS, EVAL_DOCS, FIXTURES, SAMPLES

import plancli
from plancli.check import CHECKS, load_config
from plancli.cli import main
from plancli.errors import PlancliError

LANGSON = SAMPLES / "langson-2019-kh23.md"
LANGSON_2020 = SAMPLES / "langson-2020-news-kh18.txt"
TIENGIANG = SAMPLES / "tiengiang-2019-news-kh37.txt"
CANTHO = SAMPLES / "cantho-2025-kh153-ma-tuy.txt"
SARIF_SCHEMA = FIXTURES / "sarif" / "sarif-2.1.0-rtm.5.json"


def _record(path, text: str | None = None, name: str | None = None):
    """The record of a real file, or of its text changed (written under ``name``)."""
    if text is None:
        return plancli.extract(str(path))
    from plancli.extract import extract_bytes

    return extract_bytes(text.encode("utf-8"), name or str(path), "md" if str(path).endswith(".md") else "txt")


def _replaced(text: str, old: str, new: str, nth: int = 1) -> str:
    """``text`` with the ``nth`` ``old`` replaced by ``new`` (it must be there)."""
    parts = text.split(old)
    assert len(parts) > nth, f"{old!r} is not written {nth} times"
    return old.join(parts[:nth]) + new + old.join(parts[nth:])


def _changed(path, old: str, new: str, nth: int = 1) -> str:
    return _replaced(path.read_text(encoding="utf-8"), old, new, nth)


def _found(records) -> list[tuple[str, str]]:
    return [(f.check, f.severity) for f in plancli.check(records).findings]


# a Lạng Sơn plan with its one mistake repaired: section III's "56/UBND-NC" is section II's 65/UBND-NC
def _langson_repaired() -> str:
    return _changed(LANGSON, "Công văn số 56/UBND-NC", "Công văn số 65/UBND-NC")


# --- the real cases -------------------------------------------------------------------

def test_langson_cites_one_letter_under_two_numbers():
    report = plancli.check([_record(LANGSON)])
    assert [f.check for f in report.findings] == ["citation-number-conflict"]
    finding = report.findings[0]
    assert finding.severity == "error"
    assert [(loc.path, loc.line) for loc in finding.locations] == [(str(LANGSON), 43), (str(LANGSON), 127)]
    assert "65/UBND-NC" in finding.locations[0].text and "56/UBND-NC" in finding.locations[1].text
    # why: issuer, date and a subject that matches
    assert "17/01/2019" in finding.why and "UBND tỉnh Lạng Sơn" in finding.why
    assert "thực hiện kiến nghị của Ủy ban Tư pháp" in finding.why


def test_the_vpcp_letter_is_12103_in_langson_and_12102_in_tiengiang():
    report = plancli.check([_record(LANGSON), _record(TIENGIANG)])
    cross = [f for f in report.findings if f.check == "cross-citation-number-conflict"]
    assert len(cross) == 1
    sides = {(loc.path, loc.line): loc.text for loc in cross[0].locations}
    assert sides == {(str(LANGSON), 43): "Công văn số 12103/VPCP ngày 13/12/2018",
                     (str(TIENGIANG), 10): "Công văn số 12102/VPCP ngày 13/12/2018"}
    # the same office writes many letters a day: what ties these two is the recommendation both are cited with
    assert "Văn phòng Chính phủ" in cross[0].why and "1526/KN-UBTP14" in cross[0].why


def test_a_resolution_dated_after_the_plan_citing_it():
    """Cần Thơ KH 153 (17/11/2025) cites Nghị quyết 163/2024/QH15 "ngày 27 tháng 11 năm 2025" in its
    preamble, and "ngày 27/11/2024" in a footnote: three findings of one slip, each true."""
    report = plancli.check([_record(CANTHO)])
    found = {f.check: f for f in report.findings}
    assert set(found) == {"citation-after-document", "citation-date-conflict", "number-year-mismatch"}
    assert [loc.line for loc in found["citation-after-document"].locations] == [39]
    assert [loc.line for loc in found["citation-date-conflict"].locations] == [39, 791]
    assert "27/11/2025" in found["citation-after-document"].message
    assert "2024" in found["number-year-mismatch"].message


def test_extract_still_leaves_out_a_date_after_the_document_and_warns():
    record = _record(CANTHO)
    cited = next(c for c in record.citations if c.number == "163/2024/QH15")
    assert cited.issue_date is None  # the preamble's date, after the plan's, is left out of the record
    assert any(w.code == "citation-after-document" for w in record.warnings)


@pytest.mark.skipif(not EVAL_DOCS.exists(), reason="shared/ is not beside this checkout")
def test_a_directive_dated_04_02_in_the_body_and_04_01_further_on():
    path = EVAL_DOCS / "laocai-2026-cv5973.txt"
    report = plancli.check([_record(path)])
    assert [f.check for f in report.findings] == ["citation-date-conflict"]
    finding = report.findings[0]
    assert "11-CT/TU" in finding.message and "04/02/2026" in finding.message and "04/01/2026" in finding.message
    assert [loc.line for loc in finding.locations] == [46, 65]


@pytest.mark.skipif(not EVAL_DOCS.exists(), reason="shared/ is not beside this checkout")
def test_a_decision_whose_year_is_typed_as_the_year_before():
    """Lào Cai KH 1105/KH-ĐKT (10/3/2026) is the plan of the inspection team of Quyết định 1050/QĐ-SCT
    "ngày 06/3/2026"; further on the same decision is "ngày 06/3/2025", of "Giám đốc Sở" cut at a
    line's end the first time."""
    report = plancli.check([_record(EVAL_DOCS / "laocai-2026-kh1105.txt")])
    assert [f.check for f in report.findings] == ["citation-date-conflict"]
    finding = report.findings[0]
    assert "06/03/2026" in finding.message and "06/03/2025" in finding.message
    assert "differ only in their year" in finding.why
    assert [loc.line for loc in finding.locations] == [12, 32]


@pytest.mark.skipif(not CORPUS.exists(), reason="shared/ is not beside this checkout")
def test_the_whole_corpus_gives_only_the_problems_read():
    """Every finding over shared/corpus was read; these are the real ones. A new finding here is either
    a new check's catch (read it, add it) or a false alarm."""
    records = [_record(p) for p in sorted(CORPUS.glob("*.txt"))]
    found = sorted((f.check, f.locations[0].path.rsplit("/", 1)[-1]) for f in plancli.check(records).findings)
    assert found == sorted([("citation-after-document", "full-r007.txt"), ("citation-date-conflict", "full-r007.txt"),
                            ("citation-date-conflict", "full-r020.txt"), ("citation-date-conflict", "full-r021.txt"),
                            ("number-year-mismatch", "full-r007.txt")])


# --- planted: one citation changed in a real document --------------------------------

def test_the_repaired_langson_plan_and_its_pair_have_no_findings():
    assert _found([_record(LANGSON, _langson_repaired())]) == []
    tiengiang = _changed(TIENGIANG, "12102/VPCP", "12103/VPCP")
    assert _found([_record(LANGSON, _langson_repaired()), _record(TIENGIANG, tiengiang)]) == []


def test_a_planted_second_number():
    planted = _replaced(_langson_repaired(), "Công văn số 65/UBND-NC", "Công văn số 68/UBND-NC", nth=2)
    report = plancli.check([_record(LANGSON, planted)])
    assert [(f.check, f.severity) for f in report.findings] == [("citation-number-conflict", "error")]
    assert "65/UBND-NC" in report.findings[0].message and "68/UBND-NC" in report.findings[0].message


def test_two_numbers_with_unlike_subjects_are_two_letters():
    """One office, one day, numbers one digit apart: still two letters when they are about different things."""
    planted = _changed(LANGSON, "của UBND tỉnh về thực hiện kiến nghị của Ủy ban Tư pháp",
                       "của UBND tỉnh về tăng cường công tác quản lý cư trú, xuất nhập cảnh tại khu vực biên giới")
    assert _found([_record(LANGSON, planted)]) == []


def test_a_planted_second_date():
    planted = _changed(LANGSON, "Công văn số 56/UBND-NC ngày 17/01/2019", "Công văn số 65/UBND-NC ngày 17/02/2019")
    report = plancli.check([_record(LANGSON, planted)])
    assert [(f.check, f.severity) for f in report.findings] == [("citation-date-conflict", "error")]
    assert "17/01/2019" in report.findings[0].message and "17/02/2019" in report.findings[0].message


def test_one_number_in_two_years_is_one_document_only_with_one_subject():
    """ "01/KH-UBND" of 2018 and of 2019 are two plans, numbers start again each year; a year typed
    as the one before is caught when both mentions say the same thing."""
    planted = _changed(LANGSON, "Công văn số 56/UBND-NC ngày 17/01/2019", "Công văn số 65/UBND-NC ngày 27/11/2018")
    report = plancli.check([_record(LANGSON, planted)])
    assert [f.check for f in report.findings] == ["citation-date-conflict"]
    assert "same subject" in report.findings[0].why
    planted = _replaced(planted, "của UBND tỉnh về thực hiện kiến nghị của Ủy ban Tư pháp",
                        "của UBND tỉnh về tăng cường công tác quản lý cư trú tại khu vực biên giới")
    assert _found([_record(LANGSON, planted)]) == []


def test_a_planted_second_type():
    planted = _changed(LANGSON, "Công văn số 56/UBND-NC", "Kế hoạch số 65/UBND-NC")
    assert _found([_record(LANGSON, planted)]) == [("citation-type-conflict", "warning")]


def test_a_planted_citation_after_the_document():
    planted = _langson_repaired().replace("Kiến nghị số 1526/KN-UBTP14, ngày 28/9/2018",
                                          "Kiến nghị số 1526/KN-UBTP14, ngày 28/9/2019")
    report = plancli.check([_record(LANGSON, planted)])
    assert [f.check for f in report.findings] == ["citation-after-document"]
    assert "28/09/2019" in report.findings[0].message and "26/02/2019" in report.findings[0].message


def test_a_planted_year_in_a_number():
    planted = _changed(CANTHO, "ngày 27 tháng 11 năm 2025", "ngày 27 tháng 11 năm 2024")
    assert _found([_record(CANTHO, planted)]) == []
    planted = _replaced(planted, "[1] Nghị quyết số 163/2024/QH15", "[1] Nghị quyết số 163/2023/QH15")
    assert _found([_record(CANTHO, planted)]) == [("number-year-mismatch", "error")]


@pytest.mark.skipif(not EVAL_DOCS.exists(), reason="shared/ is not beside this checkout")
def test_a_planted_annex_number():
    path = EVAL_DOCS / "hochiminh-2025-qd2853.txt"
    assert _found([_record(path)]) == []
    planted = _changed(path, "kèm theo Quyết định số 2853/QĐ-UBND", "kèm theo Quyết định số 2835/QĐ-UBND")
    report = plancli.check([_record(path, planted)])
    assert [f.check for f in report.findings] == ["annex-number-mismatch"]
    assert "2835/QĐ-UBND" in report.findings[0].message and "2853/QĐ-UBND" in report.findings[0].message


def test_a_planted_second_value_for_an_indicator():
    """Lạng Sơn 2020 states "75% người dân tại các địa bàn … được tiếp cận các thông tin" once; stated
    again with 70% for the same year, the two disagree."""
    sentence = next(line for line in LANGSON_2020.read_text(encoding="utf-8").splitlines() if "75% người dân" in line)
    planted = LANGSON_2020.read_text(encoding="utf-8") + "\n" + sentence.replace("75%", "70%") + "\n"
    assert _found([_record(LANGSON_2020)]) == []
    report = plancli.check([_record(LANGSON_2020, planted)])
    assert [(f.check, f.severity) for f in report.findings] == [("target-value-conflict", "warning")]
    assert "awareness.people_reached" in report.findings[0].message


def test_a_planted_date_across_plans():
    tiengiang = _changed(TIENGIANG, "12102/VPCP ngày 13/12/2018", "12103/VPCP ngày 14/12/2018")
    report = plancli.check([_record(LANGSON, _langson_repaired()), _record(TIENGIANG, tiengiang)])
    assert [(f.check, f.severity) for f in report.findings] == [("cross-citation-date-conflict", "error")]
    assert {loc.path for loc in report.findings[0].locations} == {str(LANGSON), str(TIENGIANG)}


def test_a_target_lowered_from_one_year_to_the_next_is_info():
    assert _found([_record(LANGSON, _langson_repaired()), _record(LANGSON_2020)]) == []
    lowered = _changed(LANGSON_2020, "75% người dân", "45% người dân")
    report = plancli.check([_record(LANGSON, _langson_repaired()), _record(LANGSON_2020, lowered)])
    assert [(f.check, f.severity) for f in report.findings] == [("target-lowered", "info")]
    assert "2019" in report.findings[0].message and "2020" in report.findings[0].message


# --- configuration ----------------------------------------------------------------------

def test_a_config_turns_a_check_off_and_changes_a_severity(tmp_path):
    config = tmp_path / "check.yaml"
    config.write_text("checks:\n  citation-number-conflict: {severity: warning}\n  target-lowered: off\n",
                      encoding="utf-8")
    settings = load_config(config)
    assert settings == {"citation-number-conflict": "warning", "target-lowered": None}
    report = plancli.check([_record(LANGSON)], config=settings)
    assert [(f.check, f.severity) for f in report.findings] == [("citation-number-conflict", "warning")]
    assert plancli.check([_record(LANGSON)], config={"citation-number-conflict": None}).findings == []


@pytest.mark.parametrize("body, line, words", [
    ("checks:\n  target-lowered: off\n  citation-numbr-conflict: off\n", 3, "unknown check 'citation-numbr-conflict'"),
    ("checks:\n  target-lowered: {severity: fatal}\n", 2, "give off, on, a severity"),
    ("checks: [target-lowered]\n", 1, "one mapping 'checks:'"),
    ("checks:\n  target-lowered: off\n bad: [\n", 3, "not valid YAML"),
])
def test_a_bad_config_names_its_file_and_line(tmp_path, body, line, words):
    config = tmp_path / "check.yaml"
    config.write_text(body, encoding="utf-8")
    with pytest.raises(PlancliError) as error:
        load_config(config)
    assert str(error.value).startswith(f"{config}:{line}: ") and words in str(error.value)


# --- the command ------------------------------------------------------------------------

def test_check_exits_1_on_an_error_and_0_when_failing_only_on_none(runner, tmp_path):
    result = runner.invoke(main, ["check", str(LANGSON), "-f", "json"])
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["schema"] == "plancli.check/1" and data["counts"] == {"error": 1, "warning": 0, "info": 0}
    config = tmp_path / "check.yaml"
    config.write_text("checks:\n  citation-number-conflict: {severity: info}\n", encoding="utf-8")
    result = runner.invoke(main, ["check", str(LANGSON), "-f", "json", "--config", str(config)])
    assert result.exit_code == 0, result.output
    result = runner.invoke(main, ["check", str(LANGSON), "-f", "json", "--config", str(config), "--fail-on", "info"])
    assert result.exit_code == 1


def test_check_on_a_clean_plan_exits_0_with_a_table(runner):
    result = runner.invoke(main, ["check", str(LANGSON_2020), "-f", "table"])
    assert result.exit_code == 0, result.output
    assert "0 errors, 0 warnings, 0 info in 1 document" in result.stdout


def test_check_table_shows_both_sides_and_why(runner):
    result = runner.invoke(main, ["check", str(LANGSON), "-f", "table"])
    out = " ".join(result.stdout.split())
    assert result.exit_code == 1
    assert "langson-2019-kh23.md:43" in out and "langson-2019-kh23.md:127" in out and "why:" in out


def test_check_list_shows_the_config_in_force(runner, tmp_path):
    result = runner.invoke(main, ["check", "--list"])
    assert result.exit_code == 0
    assert [line.split()[0] for line in result.stdout.splitlines()] == list(CHECKS)
    config = tmp_path / "check.yaml"
    config.write_text("checks:\n  target-lowered: off\n", encoding="utf-8")
    result = runner.invoke(main, ["check", "--list", "--config", str(config)])
    assert next(line for line in result.stdout.splitlines() if line.startswith("target-lowered")).split()[1] == "off"


def test_check_with_a_bad_config_exits_2(runner, tmp_path):
    config = tmp_path / "check.yaml"
    config.write_text("checks:\n  no-such-check: off\n", encoding="utf-8")
    result = runner.invoke(main, ["check", str(LANGSON), "--config", str(config)])
    assert result.exit_code == 2 and f"{config}:2: unknown check 'no-such-check'" in result.stderr


def test_check_an_unreadable_input_exits_3_and_checks_the_others(runner, tmp_path):
    result = runner.invoke(main, ["check", str(LANGSON_2020), str(tmp_path / "missing.txt"), "-f", "json"])
    assert result.exit_code == 3
    assert json.loads(result.stdout)["documents"] == 1


def test_check_sarif_validates_against_the_sarif_2_1_0_schema(runner, tmp_path):
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator.check_schema(schema)
    out = tmp_path / "plancli.sarif"
    result = runner.invoke(main, ["check", str(LANGSON), str(TIENGIANG), "-o", str(out)])
    assert result.exit_code == 1
    log = json.loads(out.read_text(encoding="utf-8"))
    errors = sorted(jsonschema.Draft4Validator(schema).iter_errors(log), key=str)
    assert not errors, errors[0]
    results = log["runs"][0]["results"]
    assert {r["ruleId"] for r in results} == {"citation-number-conflict", "cross-citation-number-conflict"}
    first = results[0]["locations"][0]["physicalLocation"]
    assert first["region"]["startLine"] == 43 and first["artifactLocation"]["uri"].endswith("langson-2019-kh23.md")
    assert results[0]["relatedLocations"][0]["physicalLocation"]["region"]["startLine"] == 127
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert all(rules[r["ruleIndex"]]["id"] == r["ruleId"] for r in results)


def test_a_sarif_log_with_no_findings_is_valid_too(runner):
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    result = runner.invoke(main, ["check", str(LANGSON_2020), "-f", "sarif"])
    assert result.exit_code == 0
    log = json.loads(result.stdout)
    assert not list(jsonschema.Draft4Validator(schema).iter_errors(log)) and log["runs"][0]["results"] == []


def test_check_reads_a_store_and_says_what_it_could_not_run(runner, tmp_path):
    store = tmp_path / "plans.db"
    assert runner.invoke(main, ["extract", str(LANGSON), str(TIENGIANG), "--store", str(store), "-q",
                                "-f", "jsonl"]).exit_code == 0
    result = runner.invoke(main, ["check", "--store", str(store), "-f", "json"])
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert sorted(f["check"] for f in data["findings"]) == ["citation-number-conflict", "cross-citation-number-conflict"]
    assert "citation-date-conflict" in data["skipped"][str(LANGSON)]
    assert "no text" in result.stderr


@pytest.mark.skipif(not CORPUS.exists(), reason="shared/ is not beside this checkout")
def test_a_planted_year_in_the_documents_own_number():
    """Lào Cai QĐ 16/2026/QĐ-UBND of 25/02/2026 (shared/corpus/full-r022.txt), its header's number typed
    2025: the number's year is not its date's, and its annex ("Ban hành kèm theo Quyết định số 16
    /2026/QĐ-UBND") now names another number."""
    path = CORPUS / "full-r022.txt"
    assert _found([_record(path)]) == []
    planted = _changed(path, "Số: 16 /2026/QĐ-UBND", "Số: 16 /2025/QĐ-UBND")
    report = plancli.check([_record(path, planted)])
    assert sorted(f.check for f in report.findings) == ["annex-number-mismatch", "number-year-mismatch"]
    where = next(f for f in report.findings if f.check == "number-year-mismatch").locations[0]
    assert "16 /2025/QĐ-UBND" in where.text and planted.splitlines()[where.line - 1].count("16 /2025/QĐ-UBND") == 1


def test_a_store_written_before_citations_had_a_subject_gets_the_column(runner, tmp_path):
    import sqlite3

    from plancli.store import Store

    path = tmp_path / "old.db"
    Store(path).close()
    with sqlite3.connect(path) as db:
        db.execute("ALTER TABLE citations DROP COLUMN subject")
    assert runner.invoke(main, ["extract", str(LANGSON), "--store", str(path), "-q", "-f", "jsonl"]).exit_code == 0
    with sqlite3.connect(path) as db:
        subjects = [row[0] for row in db.execute("SELECT subject FROM citations WHERE number = '65/UBND-NC'")]
    assert subjects == ["thực hiện kiến nghị của Ủy ban Tư pháp của Quốc hội về thực hiện pháp luật về phòng, "
                        "chống mua bán người"]
