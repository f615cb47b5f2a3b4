"""The views researchers use of `plancli compare`: the long table (CSV, JSON, Parquet),
--by province|year|indicator pivots, --as-of groups across the 2025 reorganisation,
and the HTML report's province × year matrix with lowered targets marked."""
from __future__ import annotations

import csv
import json
import sys
from collections import Counter

import pytest
from conftest import EVAL_DOCS, SAMPLES, headless_chromium

import plancli
from plancli.cli import main
from plancli.render.long import PARQUET_INSTALL
from plancli.render.rows import value_text

LS2019 = str(SAMPLES / "langson-2019-kh23.md")
LS2020 = str(SAMPLES / "langson-2020-news-kh18.txt")
TG2019 = str(SAMPLES / "tiengiang-2019-news-kh37.txt")
PLANS = [LS2019, LS2020, TG2019]
needs_eval_docs = pytest.mark.skipif(not EVAL_DOCS.exists(), reason="shared/eval/docs is not beside this checkout")


@pytest.fixture(scope="module")
def expected():
    """(path, province, year, indicator, line, value) of every target of PLANS, as extract finds them."""
    found = Counter()
    for path in PLANS:
        record = plancli.extract(path)
        for t in record.targets:
            found[(path, record.document.province, record.document.year, t.indicator, t.span.line, t.value)] += 1
    assert sum(found.values()) > 20
    return found


@pytest.fixture
def lowered_plan(tmp_path):
    """A 2021 plan of Lạng Sơn that lowers the people-reached target from 75% (2020) to 60%."""
    path = tmp_path / "langson-2021-kh12.txt"
    path.write_text("Số: 12/KH-UBND\nLạng Sơn, ngày 10 tháng 01 năm 2021\n2. Chỉ tiêu\n"
                    "a) Ít nhất 60% người dân tại các địa bàn được tiếp cận thông tin về phòng, chống mua bán người.\n",
                    encoding="utf-8")
    return str(path)


def _key(row: dict) -> tuple:
    return (row["path"], row["province"], int(row["year"]), row["indicator"] or None, int(row["line"]),
            float(row["value"]))


def test_long_csv_is_one_row_per_target(runner, tmp_path, expected):
    out = tmp_path / "chi-tieu.csv"
    result = runner.invoke(main, ["compare", *PLANS, "--long", "-o", str(out), "--bom"])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert text.startswith("\ufeffpath,doc_type,number,issue_date,province,year,indicator")
    rows = list(csv.DictReader(text.lstrip("\ufeff").splitlines()))
    assert Counter(_key(r) for r in rows) == expected
    assert "province_as_of" not in rows[0]
    assert {r["number"] for r in rows if r["path"] == LS2019} == {"23/KH-BCĐ"}


def test_long_json_rows_point_at_their_compare_row(runner, expected):
    long = json.loads(runner.invoke(main, ["compare", *PLANS, "--long", "-f", "json"]).stdout)
    wide = json.loads(runner.invoke(main, ["compare", *PLANS, "-f", "json"]).stdout)
    assert Counter(_key(r) for r in long) == expected
    key_of = {c["path"]: c["key"] for c in wide["columns"]}
    for item in long:
        cell = wide["rows"][item["row"]]["cells"][key_of[item["path"]]]
        assert (cell["value"], cell["span"]["line"], cell["text"]) == (item["value"], item["line"], item["text"])
    reached = [r for r in long if r["indicator"] == "awareness.people_reached"]
    assert [(r["year"], r["change"]) for r in reached] == [(2019, None), (2020, "raised")]
    assert all(r["indicator_label"] for r in reached) and reached[0]["aligned_by"] == "indicator"


def test_parquet_reads_back_with_types(runner, tmp_path, expected):
    pq = pytest.importorskip("pyarrow.parquet", reason="pyarrow is not installed (pip install 'plancli[parquet]')")
    out = tmp_path / "chi-tieu.parquet"
    result = runner.invoke(main, ["compare", *PLANS, "-o", str(out)])  # the extension says parquet
    assert result.exit_code == 0, result.output
    table = pq.read_table(out)
    types = {f.name: str(f.type) for f in table.schema}
    assert (types["value"], types["year"], types["line"], types["province"]) == ("double", "int64", "int64", "string")
    assert Counter(_key(r) for r in table.to_pylist()) == expected


def test_parquet_without_pyarrow_is_a_usage_error(runner, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    out = tmp_path / "chi-tieu.parquet"
    result = runner.invoke(main, ["compare", LS2019, "--format", "parquet", "-o", str(out)])
    assert result.exit_code == 2
    assert PARQUET_INSTALL in result.stderr and not out.exists()


def test_long_table_options_that_do_not_fit(runner):
    no_file = runner.invoke(main, ["compare", LS2019, "--format", "parquet"])
    assert no_file.exit_code == 2 and "-o FILE.parquet" in no_file.stderr
    markdown = runner.invoke(main, ["compare", LS2019, "--long", "--format", "md"])
    assert markdown.exit_code == 2 and "csv, json or parquet" in markdown.stderr


def test_by_indicator_is_a_province_by_year_matrix(runner, lowered_plan):
    md = runner.invoke(main, ["compare", *PLANS, lowered_plan, "--by", "indicator", "-f", "md"]).stdout
    section = md.split("(`awareness.people_reached`)")[1].split("## ")[0]
    assert "| province | 2019 | 2020 | 2021 |" in section
    assert "| Lạng Sơn | ≥ 50% | 75% ↑ | ≥ 60% ↓ |" in section
    materials = md.split("(`awareness.communes_materials`)")[1].split("## ")[0]
    assert [line.split(" | ")[0] for line in materials.splitlines() if line.startswith("| ") and "---" not in line] \
        == ["| province", "| Lạng Sơn", "| Tiền Giang"]
    rows = list(csv.DictReader(runner.invoke(main, ["compare", *PLANS, lowered_plan, "--by", "indicator",
                                                    "-f", "csv"]).stdout.splitlines()))
    reached = next(r for r in rows if r["indicator"] == "awareness.people_reached")
    assert (reached["province"], reached["2020"], reached["change 2021"]) == ("Lạng Sơn", "75%", "lowered")
    table = runner.invoke(main, ["compare", *PLANS, lowered_plan, "--by", "indicator", "-f", "table"]).stdout
    assert table.count("┃ province") == len({r["indicator"] for r in rows}) == md.count("\n## ")


def test_as_of_groups_a_province_under_the_one_it_merged_into(runner):
    """Tiền Giang became part of Đồng Tháp in 2025: --as-of 2025 groups it there."""
    long = json.loads(runner.invoke(main, ["compare", LS2019, TG2019, "--long", "-f", "json",
                                           "--as-of", "2025"]).stdout)
    assert {(r["province"], r["province_as_of"]) for r in long} == {("Lạng Sơn", "Lạng Sơn"),
                                                                    ("Tiền Giang", "Đồng Tháp")}
    md = runner.invoke(main, ["compare", LS2019, TG2019, "--as-of", "2025", "--by", "indicator", "-f", "md"]).stdout
    tg = plancli.extract(TG2019)
    materials = next(t for t in tg.targets if t.indicator == "awareness.communes_materials")
    assert f"| Đồng Tháp | {value_text(materials.to_dict())} (Tiền Giang) |" in md
    before = runner.invoke(main, ["compare", LS2019, TG2019, "--as-of", "2019", "--by", "indicator", "-f", "md"])
    assert "Đồng Tháp" not in before.stdout and "| Tiền Giang |" in before.stdout


@needs_eval_docs
def test_as_of_2025_puts_ha_giang_beside_tuyen_quang(runner):
    """Needs compare(..., as_of=) from compare.py: the columns are ordered by the province as of 2025."""
    docs = [str(EVAL_DOCS / name) for name in ("hagiang-2018-news-ct130-excerpt.txt", "tuyenquang-2022-kh68-excerpt.txt",
                                               "hagiang-2022-qd378.txt", "tuyenquang-2024-qd986.txt")]
    result = runner.invoke(main, ["compare", *docs, LS2019, "--as-of", "2025", "-f", "md"])
    assert result.exit_code == 0, result.output
    header = next(line for line in result.stdout.splitlines() if line.startswith("| indicator"))
    labels = [cell.strip() for cell in header.strip("| ").split(" | ")[1:]]
    assert labels[0] == "Lạng Sơn 2019"
    assert sorted(labels[1:]) == ["Hà Giang 2018 → Tuyên Quang", "Hà Giang 2022 → Tuyên Quang",
                                  "Tuyên Quang 2022", "Tuyên Quang 2024"]
    years = [int(label.split()[-1]) if "→" not in label else int(label.split("→")[0].split()[-1])
             for label in labels[1:]]
    assert years == sorted(years)
    page = runner.invoke(main, ["compare", *docs, LS2019, "--as-of", "2025", "-f", "html"]).stdout
    assert "<th class='group' colspan='4'>Tuyên Quang</th>" in page


def test_long_table_of_a_store(runner, tmp_path, expected):
    store = tmp_path / "plans.db"
    assert runner.invoke(main, ["extract", *PLANS, "--store", str(store), "-q", "-f", "jsonl"]).exit_code == 0
    long = json.loads(runner.invoke(main, ["compare", "--store", str(store), "--long", "-f", "json"]).stdout)
    assert Counter(_key(r) for r in long) == expected


def test_html_has_a_matrix_per_row_with_lowered_marked(runner, tmp_path, lowered_plan):
    out = tmp_path / "so-sanh.html"
    result = runner.invoke(main, ["compare", *PLANS, lowered_plan, "-o", str(out)])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    rows = json.loads(runner.invoke(main, ["compare", *PLANS, lowered_plan, "-f", "json"]).stdout)["rows"]
    assert page.count("<table class='matrix'>") == len(rows)
    assert page.count("class='value was-lowered'") == sum(c["change"] == "lowered" for r in rows for c in r["changes"])
    lowered_cell = page.split("class='value was-lowered'>")[1].split("</td>")[0]
    assert "≥ 60%" in lowered_cell and "langson-2021-kh12.txt:4" in lowered_cell
    assert "a target lowered from the province's previous year" in page and "<script" not in page


def test_html_matrix_renders_in_a_real_browser(runner, tmp_path, lowered_plan):
    chromium = headless_chromium(tmp_path)
    out = tmp_path / "so-sanh.html"
    runner.invoke(main, ["compare", *PLANS, lowered_plan, "--by", "indicator", "-o", str(out)])
    dom = chromium(out, "--dump-dom")
    assert 'class="matrix"' in dom.stdout and 'class="value was-lowered"' in dom.stdout
    assert "≥ 60%" in dom.stdout.split('class="value was-lowered"')[1].split("</td>")[0]
    assert "Uncaught" not in dom.stderr and "SyntaxError" not in dom.stderr
    shot = tmp_path / "so-sanh.png"
    chromium(out, "--window-size=1300,1800", f"--screenshot={shot}")
    assert shot.exists() and shot.stat().st_size > 20_000
