"""The 2025 reorganisation in the gazetteers: provinces' validity and what they
became (rules/provinces.yaml), bodies' validity and successors
(rules/agencies.yaml), and the successors agency records carry."""
from __future__ import annotations

import textwrap
from datetime import date

import pytest

import plancli
from plancli.cli import main
from plancli.errors import RulesError
from plancli.reorganisation import agency_as_of, agency_successors, province_as_of
from plancli.ruleset import load_rules
from plancli.store import Store

from conftest import EVAL_DOCS, SAMPLES, check_record


@pytest.fixture(scope="module")
def rules():
    return load_rules()


# --- provinces ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("province, when, expected", [
    # merged into another: itself until 30/06/2025, the new province from 01/07/2025 (Nghị quyết 202/2025/QH15)
    ("Hà Giang", 2019, "Hà Giang"),
    ("Hà Giang", "2025-03", "Hà Giang"),
    ("Hà Giang", "2025-06-30", "Hà Giang"),
    ("Hà Giang", "2025-07-01", "Tuyên Quang"),
    ("Hà Giang", 2025, "Tuyên Quang"),
    ("Hà Giang", date(2026, 1, 15), "Tuyên Quang"),
    ("Ha Giang", 2026, "Tuyên Quang"),
    ("Yên Bái", 2025, "Lào Cai"),
    ("Bắc Kạn", 2025, "Thái Nguyên"),
    ("Bà Rịa - Vũng Tàu", 2025, "Hồ Chí Minh"),
    ("Tiền Giang", "2025-06", "Tiền Giang"),
    ("Tiền Giang", "2025-07", "Đồng Tháp"),
    # kept its name and took in others; kept its borders
    ("Tuyên Quang", 2019, "Tuyên Quang"),
    ("Tuyên Quang", 2025, "Tuyên Quang"),
    ("Cao Bằng", 2025, "Cao Bằng"),
    ("tp.hcm", 2019, "Hồ Chí Minh"),
    # a centrally-run city from 01/01/2025 (Nghị quyết 175/2024/QH15), before the mergers of July
    ("Thừa Thiên Huế", 2024, "Thừa Thiên Huế"),
    ("Thừa Thiên Huế", "2024-12-31", "Thừa Thiên Huế"),
    ("Thừa Thiên Huế", "2025-01-01", "Huế"),
    ("Thừa Thiên Huế", "2025-03", "Huế"),
    ("Huế", 2019, "Thừa Thiên Huế"),
    # no list knows it; no province, no date
    ("Atlantis", 2025, "Atlantis"),
    (None, 2025, None),
    ("Hà Giang", None, "Hà Giang"),
])
def test_province_as_of(rules, province, when, expected):
    assert province_as_of(province, when, rules) == expected


def test_a_date_that_is_no_date_is_refused(rules):
    with pytest.raises(ValueError, match="no date"):
        province_as_of("Hà Giang", "mid-2025", rules)


def test_the_63_provinces_become_34_and_those_that_ended_say_when(rules):
    provinces = rules.entries("provinces").values()
    ended = [p for p in provinces if p.get("valid_until") == "2025-06-30"]
    assert len(ended) == 29
    units_2025 = {province_as_of(p["name"], 2025, rules) for p in provinces}
    assert len(units_2025) == 34
    for province in ended:
        became = rules.provinces.lookup(province["merged_into"])
        assert became["name"] != province["name"] and "valid_until" not in became.fields, province["name"]
    # a province that took in others under its own name is no province that ended
    for kept in ("Tuyên Quang", "Lào Cai", "Thái Nguyên", "Bắc Ninh", "Ninh Bình", "Hồ Chí Minh", "Cần Thơ"):
        entry = rules.provinces.lookup(kept)
        assert "valid_until" not in entry.fields and entry["merged_into"] == kept
    # Nghị quyết 202/2025/QH15: the three provinces merged into Ninh Bình, Lâm Đồng and Vĩnh Long
    for unit, members in {"Ninh Bình": {"Hà Nam", "Nam Định", "Ninh Bình"},
                          "Lâm Đồng": {"Đắk Nông", "Bình Thuận", "Lâm Đồng"},
                          "Vĩnh Long": {"Bến Tre", "Trà Vinh", "Vĩnh Long"}}.items():
        assert {p["name"] for p in provinces if province_as_of(p["name"], 2025, rules) == unit} == members


# --- agencies -------------------------------------------------------------------------------------------------

_SUCCESSORS = [
    ("Sở Lao động - Thương binh và Xã hội", ["Sở Nội vụ", "Sở Y tế", "Sở Giáo dục và Đào tạo",
                                              "Sở Nông nghiệp và Môi trường"]),
    ("Sở NN&PTNT", ["Sở Nông nghiệp và Môi trường"]),
    ("Sở Tài nguyên và Môi trường", ["Sở Nông nghiệp và Môi trường"]),
    ("Sở KH&ĐT", ["Sở Tài chính"]),
    ("Sở Giao thông vận tải", ["Sở Xây dựng"]),
    ("Sở Thông tin và Truyền thông", ["Sở Khoa học và Công nghệ", "Sở Văn hóa, Thể thao và Du lịch"]),
    ("Ban Dân tộc tỉnh", ["Sở Dân tộc và Tôn giáo"]),
    ("Bộ LĐTBXH", ["Bộ Nội vụ", "Bộ Y tế", "Bộ Giáo dục và Đào tạo", "Bộ Nông nghiệp và Môi trường"]),
    ("Bộ Kế hoạch và Đầu tư", ["Bộ Tài chính"]),
    ("Bộ Nông nghiệp và Phát triển nông thôn", ["Bộ Nông nghiệp và Môi trường"]),
    ("Bộ TN&MT", ["Bộ Nông nghiệp và Môi trường"]),
    ("Bộ Giao thông vận tải", ["Bộ Xây dựng"]),
    ("Bộ TT&TT", ["Bộ Khoa học và Công nghệ", "Bộ Văn hóa, Thể thao và Du lịch"]),
    ("Ủy ban Dân tộc", ["Bộ Dân tộc và Tôn giáo"]),
]


@pytest.mark.parametrize("name, successors", _SUCCESSORS)
def test_a_body_that_ended_names_the_bodies_that_took_its_work(rules, name, successors):
    assert agency_successors(name, rules) == successors
    entry = rules.agencies.lookup(name)
    assert entry["valid_until"] == "2025-02-28"
    for successor in successors:
        assert "valid_until" not in rules.agencies.lookup(successor).fields, successor


@pytest.mark.parametrize("name", ["Sở Nội vụ", "Sở Nông nghiệp và Môi trường", "Công an tỉnh", "Bộ Công an",
                                  "Ủy ban nhân dân cấp huyện", "Phòng Tư pháp huyện Krông Búk"])
def test_a_body_that_exists_or_ended_without_a_successor_has_none(rules, name):
    assert agency_successors(name, rules) == []


def test_agency_as_of_either_side_of_the_reorganisation(rules):
    assert agency_as_of("Sở GTVT", 2024, rules) == ["Sở Giao thông vận tải"]
    assert agency_as_of("Sở GTVT", "2025-02-28", rules) == ["Sở Giao thông vận tải"]
    assert agency_as_of("Sở GTVT", "2025-03-01", rules) == ["Sở Xây dựng"]
    assert agency_as_of("Sở Tài nguyên và Môi trường", 2025, rules) == ["Sở Nông nghiệp và Môi trường"]
    # the districts' committees ended 01/07/2025 with no successor by name
    assert agency_as_of("UBND các huyện, thành phố", "2025-06", rules) == ["Ủy ban nhân dân cấp huyện"]
    assert agency_as_of("UBND các huyện, thành phố", "2025-07", rules) == []
    assert agency_as_of("Chi cục Hải quan khu vực XIX", 2025, rules) == ["Chi cục Hải quan khu vực XIX"]
    # the 2025 bodies say since when
    assert rules.agencies.lookup("Sở NN&MT")["valid_from"] == "2025-03-01"
    assert rules.agencies.lookup("Bộ Dân tộc và Tôn giáo")["valid_from"] == "2025-03-01"


# --- agency records -------------------------------------------------------------------------------------------


def test_a_2019_plan_shows_its_bodies_as_written_with_their_successors(schema_validator):
    record = plancli.extract(SAMPLES / "langson-2019-kh23.md")
    assert record.document.year == 2019
    labour = [a for a in record.agencies if a.name == "Sở Lao động, Thương binh và Xã hội"]
    assert labour and all(a.mention == "Sở Lao động, Thương binh và Xã hội" for a in labour)
    assert labour[0].successors[:2] == ["Sở Nội vụ", "Sở Y tế"]
    information = next(a for a in record.agencies if a.name == "Sở Thông tin và Truyền thông")
    assert information.successors == ["Sở Khoa học và Công nghệ", "Sở Văn hóa, Thể thao và Du lịch"]
    police = next(a for a in record.agencies if a.name == "Công an tỉnh")
    assert police.successors == []
    check_record(record.to_dict(), schema_validator)


@pytest.mark.skipif(not (EVAL_DOCS / "hochiminh-2014-qd3210.txt").exists(),
                    reason=f"the shared development set is not at {EVAL_DOCS}")
def test_a_name_written_otherwise_keeps_its_writing_and_gains_successors(tmp_path):
    record = plancli.extract(EVAL_DOCS / "hochiminh-2014-qd3210.txt")
    labour = [a for a in record.agencies if a.name == "Sở Lao động, Thương binh và Xã hội"]
    assert labour and {a.mention for a in labour} == {"Sở Lao động - Thương binh và Xã hội"}
    assert all("Sở Nội vụ" in a.successors for a in labour)
    planning = next(a for a in record.agencies if a.name == "Bộ Kế hoạch và Đầu tư")
    assert planning.successors == ["Bộ Tài chính"]
    # kept by the store, and read back
    with Store(tmp_path / "plans.db") as store:
        store.save(record, "test")
        stored = store.records()[0]
        column = store.db.execute("SELECT successors FROM agencies WHERE name = ?", (planning.name,)).fetchone()
    assert [a.successors for a in stored.agencies] == [a.successors for a in record.agencies]
    assert column == ('["Bộ Tài chính"]',)


def test_a_2025_body_has_no_successors():
    text = ("Số: 160/KH-UBND\nCần Thơ, ngày 19 tháng 11 năm 2025\nVI. TỔ CHỨC THỰC HIỆN\n"
            "1. Sở Nông nghiệp và Môi trường\n- Chủ trì tổng hợp, tham mưu báo cáo việc thực hiện Chương trình.")
    [agency] = plancli.extract(text).agencies
    assert (agency.name, agency.role, agency.successors) == ("Sở Nông nghiệp và Môi trường", "lead", [])
    assert "successors" in agency.to_dict()


# --- checking the rules ---------------------------------------------------------------------------------------


def _rules_dir(tmp_path, name, body):
    folder = tmp_path / "quy-tac"
    folder.mkdir()
    (folder / name).write_text(textwrap.dedent(body), encoding="utf-8")
    return folder


@pytest.mark.parametrize("value", ["2025-13-01", "30/06/2025", "'2025-6-30'", "2025"])
def test_a_bad_date_fails_to_load_with_its_file_and_line(tmp_path, value):
    folder = _rules_dir(tmp_path, "agencies.yaml", f"""\
        agencies:
          - id: so-cu
            name: Sở Cũ
            valid_until: {value}
        """)
    with pytest.raises(RulesError, match=r"agencies\.yaml:4: 'valid_until' must be a date written YYYY-MM-DD"):
        load_rules([folder])


def test_an_unknown_successor_fails_to_load_with_its_file_and_line(tmp_path):
    folder = _rules_dir(tmp_path, "agencies.yaml", """\
        agencies:
          - {id: so-tu-phap, name: Sở Tư pháp, level: province}
          - {id: so-cu, name: Sở Cũ, level: province, valid_until: 2025-02-28, successors: [Sở Tư pháp, Sở Mới]}
        """)
    with pytest.raises(RulesError, match=r"agencies\.yaml:3: successor 'Sở Mới' of Sở Cũ is no entry of 'agencies'"):
        load_rules([folder])


def test_a_successor_a_users_file_adds_is_known(tmp_path):
    folder = _rules_dir(tmp_path, "agencies.yaml", """\
        agencies:
          - {id: so-cu, name: Sở Cũ, level: province, valid_until: 2025-02-28, successors: [Sở Mới]}
          - {id: so-moi, name: Sở Mới, level: province, valid_from: 2025-03-01}
        """)
    assert agency_successors("Sở Cũ", load_rules([folder])) == ["Sở Mới"]


@pytest.mark.parametrize("entry, message", [
    ("{id: lang-son, name: Lạng Sơn, merged_into: Xứ Lạng}", "merged_into 'Xứ Lạng' of Lạng Sơn is no province"),
    ("{id: lang-son, name: Lạng Sơn, valid_until: 2025-06-30}", "has valid_until but no merged_into"),
    ("{id: lang-son, name: Lạng Sơn, merged_into: Cao Bằng, valid_from: 2026-01-01, valid_until: 2025-06-30}",
     "valid_from 2026-01-01, after its valid_until 2025-06-30"),
])
def test_a_province_that_became_nothing_known_fails_to_load(tmp_path, entry, message):
    folder = _rules_dir(tmp_path, "provinces.yaml", f"provinces:\n  - {entry}\n")
    with pytest.raises(RulesError, match=rf"provinces\.yaml:2: .*{message}"):
        load_rules([folder])


def test_the_cli_reports_a_bad_rule_file_in_one_line(tmp_path, runner):
    folder = _rules_dir(tmp_path, "agencies.yaml", """\
        agencies:
          - {id: so-cu, name: Sở Cũ, valid_until: 2025-02-30}
        """)
    result = runner.invoke(main, ["rules", "test", str(folder)])
    assert result.exit_code == 2
    assert "agencies.yaml:2: 'valid_until' must be a date written YYYY-MM-DD" in result.output
    assert "Traceback" not in result.output


def test_rules_test_runs_the_successor_examples(runner):
    result = runner.invoke(main, ["rules", "test"])
    assert result.exit_code == 0, result.output
    assert any(line.split()[:1] == ["successors"] for line in result.output.splitlines())
    assert "0 failed" in result.output.splitlines()[-1]
