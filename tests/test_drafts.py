"""A draft (number or day left blank, or marked "DỰ THẢO") keeps its identity and says it is a draft."""
from __future__ import annotations

import json

import pytest
from conftest import CORPUS, EVAL_DOCS, SAMPLES

from plancli.cli import main
from plancli.extract.document import draft_warning, extract_document
from plancli.loaders import format_of, load_bytes
from plancli.normalize import NormalizedText
from plancli.ruleset import load_rules

RULES = load_rules()

TITLE = "KẾ HOẠCH\nPhòng, chống mua bán người năm 2026\n"


def _header(number_line: str, date_line: str, mark: str = "") -> str:
    """A Lào Cai plan's header in the two-column layout a DOCX or PDF table gives."""
    mark_line = mark + "\n" if mark else ""
    return ("ỦY BAN NHÂN DÂN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỈNH LÀO CAI\tĐộc lập - Tự do - Hạnh phúc\n"
            f"{number_line}\t{date_line}\n{mark_line}{TITLE}")


def _warning(raw: str):
    return draft_warning(NormalizedText.from_raw(raw), RULES)


@pytest.mark.parametrize("raw, blank", [
    (_header("Số: /KH-UBND", "Lào Cai, ngày 12 tháng 4 năm 2026"), "the number is blank ('Số: /KH-UBND')"),
    (_header("Số:      /KH-UBND", "Lào Cai, ngày 12 tháng 4 năm 2026"), "the number is blank"),
    (_header("Số: 112/KH-UBND", "Lào Cai, ngày    tháng 4 năm 2026"),
     "the day of the date is blank ('Lào Cai, ngày tháng 4 năm 2026')"),
    (_header("Số: 112/KH-UBND", "Lào Cai, ngày …. tháng …. năm 2026"), "the day and month of the date are blank"),
    (_header("Số: 112/KH-UBND", "Lào Cai, ngày 12 tháng 4 năm 2026", mark="DỰ THẢO"), "it is marked 'DỰ THẢO'"),
    ("Dự thảo lần 2\n" + _header("Số: 112/KH-UBND", "Lào Cai, ngày 12 tháng 4 năm 2026"),
     "it is marked 'Dự thảo lần 2'"),
    # the issue's shape: one cell a line, as a PDF's columns come out
    ("UBND TỈNH LÀO CAI\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nSố: /KH-UBND\n"
     "Lào Cai, ngày    tháng 4 năm 2026\n" + TITLE, "the number is blank ('Số: /KH-UBND'); the day of the date is blank"),
])
def test_a_draft_says_what_is_blank(raw, blank):
    warning = _warning(raw)
    assert warning is not None and warning.code == "draft"
    assert blank in warning.message


def test_a_draft_keeps_its_identity_with_a_partial_date():
    raw = _header("Số: /KH-UBND", "Lào Cai, ngày    tháng 4 năm 2026")
    info = extract_document(NormalizedText.from_raw(raw), RULES)
    assert (info.doc_type, info.number, info.issue_date, info.province, info.year) == \
        ("Kế hoạch", None, "2026-04", "Lào Cai", 2026)
    assert info.issuer == "Ủy ban nhân dân tỉnh Lào Cai"


def test_a_filled_in_plan_is_no_draft_even_when_it_speaks_of_drafts():
    raw = _header("Số: 112/KH-UBND", "Lào Cai, ngày 12 tháng 4 năm 2026") + \
        "Sở Tư pháp xây dựng dự thảo Quyết định, lấy ý kiến các sở, ngành.\n"
    assert _warning(raw) is None


def _documents():
    return sorted([*EVAL_DOCS.glob("*"), *CORPUS.glob("*.txt"), *SAMPLES.glob("*")])


@pytest.mark.skipif(not EVAL_DOCS.exists(), reason="the shared development set is not beside this checkout")
def test_no_real_document_of_the_dev_set_and_corpus_is_a_draft():
    # none of them is a draft: all were published with their number and date filled in
    drafts = []
    for path in _documents():
        loaded = load_bytes(path.read_bytes(), format_of(str(path)), str(path))
        warning = draft_warning(NormalizedText.from_raw(loaded.raw, paged=loaded.pages is not None), RULES)
        if warning:
            drafts.append((path.name, warning.message))
    assert len(_documents()) > 40 and drafts == []


def test_plancli_extract_warns_of_a_draft(runner, tmp_path):
    path = tmp_path / "du-thao.txt"
    path.write_text("UBND TỈNH LÀO CAI\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
                    "Số: /KH-UBND\nLào Cai, ngày    tháng 4 năm 2026\n" + TITLE, encoding="utf-8")
    result = runner.invoke(main, ["extract", str(path), "-f", "json"])
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert record["document"]["issue_date"] == "2026-04" and record["document"]["year"] == 2026
    assert [w["code"] for w in record["warnings"]] == ["draft"]
    assert "the number is blank" in record["warnings"][0]["message"]
