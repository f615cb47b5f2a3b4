"""--format xlsx for extract and compare, read back with openpyxl: the sheets,
the frozen bold header, the autofilter, widths, types, the line of every value,
and no cell that Excel would run as a formula."""
from __future__ import annotations

import csv
import datetime
import io
import json
import subprocess
import sys

import pytest

from conftest import SAMPLES
from plancli.cli import main
from plancli.model import KINDS, Objective, Record, Source, Span

openpyxl = pytest.importorskip("openpyxl")

LS2019 = str(SAMPLES / "langson-2019-kh23.md")
LS2020 = str(SAMPLES / "langson-2020-news-kh18.txt")
FORMULA_LIKE = ("=", "+", "-", "@")
PLANTED = """ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN
Số: 12/KH-UBND
Lạng Sơn, ngày 05 tháng 3 năm 2021
KẾ HOẠCH
=HYPERLINK("http://x";"bấm vào đây")
I. MỤC ĐÍCH, YÊU CẦU
1. Mục đích
=1+1 nâng cao nhận thức của người dân.
- @Sở Tư pháp chủ trì, phối hợp các sở ngành.
III. TỔ CHỨC THỰC HIỆN
1. Sở Tư pháp
- Chủ trì =SUM(A1:A9) triển khai kế hoạch.
"""


def sheet_dicts(sheet) -> list[dict]:
    header, *rows = sheet.iter_rows(values_only=True)
    return [dict(zip(header, row)) for row in rows]


def assert_no_formula(workbook) -> None:
    formulas = [(s.title, c.coordinate, c.value) for s in workbook for row in s.iter_rows() for c in row
                if c.data_type == "f"]
    assert formulas == []


def assert_layout(sheet) -> None:
    """Bold header frozen in view, autofilter over every row and column, widths 10–60."""
    header = next(sheet.iter_rows(max_row=1))
    assert all(c.font.bold for c in header)
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:{header[-1].column_letter}{sheet.max_row}"
    widths = [sheet.column_dimensions[c.column_letter].width for c in header]
    assert all(10 <= w <= 60 for w in widths), widths


@pytest.fixture(scope="module")
def samples_json():
    from click.testing import CliRunner

    result = CliRunner().invoke(main, ["extract", str(SAMPLES), "-f", "json", "-q"])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def samples_workbook(tmp_path_factory):
    from click.testing import CliRunner

    out = tmp_path_factory.mktemp("xlsx") / "plans.xlsx"
    result = CliRunner().invoke(main, ["extract", str(SAMPLES), "-o", str(out), "-q"])  # the extension says xlsx
    assert result.exit_code == 0, result.stderr
    return openpyxl.load_workbook(out)


def test_extract_has_a_sheet_per_kind_with_the_rows_and_lines_of_the_json(samples_workbook, samples_json):
    assert samples_workbook.sheetnames == ["documents", *KINDS]
    for sheet in samples_workbook:
        assert_layout(sheet)
    documents = sheet_dicts(samples_workbook["documents"])
    assert [d["document"] for d in documents] == [r["source"]["path"] for r in samples_json]
    for kind in KINDS:
        rows = sheet_dicts(samples_workbook[kind])
        expected = [(r["source"]["path"], item["span"]["line"]) for r in samples_json for item in r[kind]]
        assert len(rows) == len(expected) > 0, kind
        assert [(row["document"], row["line"]) for row in rows] == expected, kind


def test_extract_values_are_typed(samples_workbook, samples_json):
    documents = sheet_dicts(samples_workbook["documents"])
    langson = next(d for d in documents if d["document"].endswith("langson-2019-kh23.md"))
    assert langson["year"] == 2019 and langson["number"] == "23/KH-BCĐ"
    assert langson["issue_date"] == datetime.datetime(2019, 2, 26)  # a real date, shown YYYY-MM-DD
    date_cell = next(c for c in samples_workbook["documents"]["H"][1:] if c.value)
    assert samples_workbook["documents"]["H1"].value == "issue_date" and date_cell.number_format == "yyyy-mm-dd"
    targets = sheet_dicts(samples_workbook["targets"])
    expected = [(t["value"], t["comparator"], t["unit"]) for r in samples_json for t in r["targets"]]
    assert [(t["value"], t["comparator"], t["unit"]) for t in targets] == expected
    assert all(isinstance(t["value"], (int, float)) and isinstance(t["document_year"], (int, type(None)))
               for t in targets)
    assert {"=", ">="} <= {t["comparator"] for t in targets}
    assert_no_formula(samples_workbook)


def test_long_text_wraps_and_the_column_is_capped(samples_workbook):
    objectives = samples_workbook["objectives"]
    text_column = next(c.column_letter for c in objectives[1] if c.value == "text")
    assert objectives.column_dimensions[text_column].width == 60
    long_cell = next(c for c in objectives[text_column][1:] if len(c.value) > 60)
    assert long_cell.alignment.wrap_text


def test_only_writes_the_kinds_extracted(runner, tmp_path):
    out = tmp_path / "chi-tieu.xlsx"
    result = runner.invoke(main, ["extract", LS2019, "--only", "targets", "-f", "xlsx", "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    assert openpyxl.load_workbook(out).sheetnames == ["documents", "targets"]


def test_text_that_looks_like_a_formula_comes_back_as_text(runner, tmp_path):
    plan = tmp_path / "ke-hoach.txt"
    plan.write_text(PLANTED, encoding="utf-8")
    out = tmp_path / "ke-hoach.xlsx"
    result = runner.invoke(main, ["extract", str(plan), "-o", str(out), "-q"])
    assert result.exit_code == 0, result.stderr
    workbook = openpyxl.load_workbook(out)
    assert_no_formula(workbook)
    cells = {c.value: c for s in workbook for row in s.iter_rows(min_row=2) for c in row if isinstance(c.value, str)}
    planted = ['=HYPERLINK("http://x";"bấm vào đây")', "=1+1 nâng cao nhận thức của người dân.",
               "@Sở Tư pháp chủ trì, phối hợp các sở ngành."]
    for text in planted:
        assert cells[text].data_type == "s" and cells[text].quotePrefix, text


def test_every_formula_start_is_stored_as_text(tmp_path):
    from plancli.render.xlsx import XlsxWorkbookWriter

    texts = [f"{start}SUM(A1:A2) ô {n}" for n, start in enumerate(FORMULA_LIKE)] + ["\tTab", "bình thường"]
    record = Record(source=Source(path="ke-hoach.txt", format="txt", sha256="0"), kinds=("objectives",),
                    objectives=[Objective(text=t, span=Span(0, 1, n + 1)) for n, t in enumerate(texts)])
    out = tmp_path / "o.xlsx"
    writer = XlsxWorkbookWriter(str(out), ["documents", "objectives"])
    writer.write(record)
    writer.close()
    workbook = openpyxl.load_workbook(out)
    assert_no_formula(workbook)
    rows = sheet_dicts(workbook["objectives"])
    assert [r["text"] for r in rows] == texts and [r["line"] for r in rows] == list(range(1, len(texts) + 1))
    quoted = [c.quotePrefix for c in workbook["objectives"]["F"][1:]]
    assert quoted == [True] * len(FORMULA_LIKE) + [True, False]


def test_compare_workbook_has_the_csv_view_the_long_table_and_the_indicator_matrix(runner, tmp_path):
    out = tmp_path / "so-sanh.xlsx"
    result = runner.invoke(main, ["compare", str(SAMPLES), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    workbook = openpyxl.load_workbook(out)
    assert workbook.sheetnames == ["comparison", "long", "by indicator"]
    for sheet in workbook:
        assert_layout(sheet)
    assert_no_formula(workbook)

    as_csv = list(csv.reader(io.StringIO(runner.invoke(main, ["compare", str(SAMPLES), "-f", "csv"]).stdout)))
    shown = [[v if v is not None else "" for v in row] for row in workbook["comparison"].iter_rows(values_only=True)]
    assert shown == [[v[1:] if v.startswith("'") else v for v in row] for row in as_csv]

    long_json = json.loads(runner.invoke(main, ["compare", str(SAMPLES), "--long", "-f", "json"]).stdout)
    long_rows = sheet_dicts(workbook["long"])
    assert len(long_rows) == len(long_json) > 0
    assert [(r["path"], r["line"], r["value"], r["year"]) for r in long_rows] == \
           [(r["path"], r["line"], r["value"], r["year"]) for r in long_json]

    by_indicator = list(workbook["by indicator"].iter_rows(max_row=1, values_only=True))[0]
    assert by_indicator[:3] == ("indicator", "label", "province")


def test_compare_long_xlsx_is_the_long_table_alone(runner, tmp_path):
    out = tmp_path / "chi-tieu.xlsx"
    result = runner.invoke(main, ["compare", LS2019, LS2020, "--long", "-f", "xlsx", "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    assert openpyxl.load_workbook(out).sheetnames == ["long"]


@pytest.mark.parametrize("command", [["extract", LS2019], ["compare", LS2019, LS2020]])
def test_xlsx_without_a_file_is_a_usage_error(runner, command):
    result = runner.invoke(main, [*command, "-f", "xlsx"])
    assert result.exit_code == 2 and "-o FILE.xlsx" in result.stderr
    assert result.stdout == ""


def test_openpyxl_is_imported_only_for_xlsx(tmp_path):
    code = ("import sys; from plancli.cli import main\n"
            "try: main(sys.argv[1:])\nexcept SystemExit: pass\n"
            "print('openpyxl' in sys.modules, file=sys.stderr)")
    for args, imported in ((["-f", "json"], "False"), (["-o", str(tmp_path / "a.xlsx")], "True")):
        run = subprocess.run([sys.executable, "-c", code, "extract", LS2019, "-q", *args],
                             capture_output=True, text=True, check=True)
        assert run.stderr.strip().splitlines()[-1] == imported, args


def test_never_written_over_an_input_and_written_whole(runner, tmp_path):
    plan = tmp_path / "ke-hoach.txt"
    plan.write_text(PLANTED, encoding="utf-8")
    refused = runner.invoke(main, ["extract", str(plan), "-f", "xlsx", "-o", str(plan)])
    assert refused.exit_code == 2 and "one of the inputs" in refused.stderr
    assert plan.read_text(encoding="utf-8") == PLANTED
    runner.invoke(main, ["extract", str(plan), "-o", str(tmp_path / "a.xlsx"), "-q"])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.xlsx", "ke-hoach.txt"]  # no temporary file left


def test_store_records_give_the_same_workbook(runner, tmp_path):
    store = str(tmp_path / "plans.db")
    sheets = []
    for n in range(2):  # extracted, then read back from the store
        out = tmp_path / f"plans-{n}.xlsx"
        result = runner.invoke(main, ["extract", LS2019, LS2020, "--store", store, "-o", str(out), "-q",
                                      "--summary"])
        assert result.exit_code == 0, result.stderr
        sheets.append({s.title: list(s.iter_rows(values_only=True)) for s in openpyxl.load_workbook(out)})
    assert '"unchanged": 2' in result.stderr
    assert sheets[0] == sheets[1]
    out = tmp_path / "so-sanh.xlsx"
    result = runner.invoke(main, ["compare", "--store", store, "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    assert len(sheet_dicts(openpyxl.load_workbook(out)["long"])) == len(sheets[0]["targets"]) - 1
