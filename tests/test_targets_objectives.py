"""Targets and objectives on the real samples (table-driven)."""
from __future__ import annotations

import pytest
from conftest import SAMPLES

import plancli

LANGSON_2019 = [
    (">=", 50, "người dân tại các địa bàn trọng điểm, đặc biệt là phụ nữ, trẻ em", "awareness.people_reached"),
    (">", 85, "xã, phường, thị trấn", "awareness.communes_materials"),
    ("=", 100, "tuyến, địa bàn trọng điểm về mua bán người", "enforcement.hotspots_covered"),
    ("=", 100, "thông tin liên quan đến tội phạm mua bán người chuyển đến cơ quan có thẩm quyền",
     "enforcement.crime_reports_handled"),
    ("=", 100, "trường hợp có dấu hiệu tội phạm", "enforcement.suspected_cases_verified"),
    ("=", 100, "số vụ án mua bán người", "justice.cases_prosecuted_tried"),
    ("=", 100, "các trường hợp đã tiếp nhận", "victims.verified_supported"),
    ("=", 100, "nạn nhân và người thân thích có nhu cầu", "victims.protected"),
    ("=", 100, "cơ quan tổ tụng các cấp", "legal.officials_trained"),
    ("=", 100, "các văn bản hướng dẫn thực hiện Luật phòng, chống mua bán người và các văn bản pháp luật khác "
               "có liên quan đến phòng, chống mua bán người", "legal.documents_monitored"),
    ("=", 100, "số vụ, việc mua bán người có yếu tố nước ngoài", "cooperation.foreign_cases_handled"),
]


def _targets(name):
    return plancli.extract(SAMPLES / name).targets


def test_every_target_of_the_langson_2019_plan():
    targets = _targets("langson-2019-kh23.md")
    assert [(t.comparator, t.value, t.subject, t.indicator) for t in targets] == LANGSON_2019
    assert all(t.unit == "%" and t.deadline_year == 2019 for t in targets)
    first = targets[0]
    record_text = plancli.extract(SAMPLES / "langson-2019-kh23.md").text
    assert record_text[first.span.start:first.span.end] == first.text
    assert first.text.startswith("Ít nhất 50% người dân")


def test_one_cue_two_values_and_the_2020_plan():
    targets = _targets("langson-2020-news-kh18.txt")
    assert [(t.comparator, t.value, t.indicator) for t in targets[:3]] == [
        (">=", 30, "prevention.communes_intensive_model"), ("=", 50, "prevention.communes_integrated_model"),
        ("=", 75, "awareness.people_reached")]
    assert targets[1].subject == "số xã, thị trấn trên toàn tỉnh"
    assert len(targets) == 9


def test_increase_against_a_baseline_year():
    increase = [t for t in _targets("tiengiang-2019-news-kh37.txt") if t.comparator == "increase"]
    assert [(t.value, t.baseline_year, t.indicator) for t in increase] == [(2, 2018, "justice.prosecution_rate_increase")]


@pytest.mark.parametrize("name", ["national-2018-news-ct130.txt", "province-2020-report-30-7.txt"])
def test_reports_have_no_targets(name):
    assert _targets(name) == []


def test_a_drug_prevention_plan_of_another_province():
    targets = _targets("dongnai-2025-kh182-ma-tuy.txt")
    found = {(t.comparator, t.value, t.subject) for t in targets}
    assert (">=", 50, "số xã, phường trên toàn tỉnh không ma túy") in found
    assert ("=", 100, "diện tích trồng trái phép cây có chứa chất ma túy") in found
    increases = [t for t in targets if t.comparator == "increase"]
    assert increases and all(t.deadline_year == 2030 for t in increases)


OBJECTIVES = {
    "langson-2019-kh23.md": ["Tiếp tục tập trung nguồn lực", "Tăng cường hợp tác quốc tế", "Đánh giá kết quả thực hiện"],
    "langson-2020-news-kh18.txt": ["Nhằm phát huy sức mạnh", "Đẩy mạnh công tác phát hiện"],
    "tiengiang-2019-news-kh37.txt": ["Mục tiêu của Kế hoạch nhằm"],
    "national-2018-news-ct130.txt": [],
    "province-2020-report-30-7.txt": [],
}


@pytest.mark.parametrize("name", OBJECTIVES)
def test_objectives(name):
    objectives = plancli.extract(SAMPLES / name).objectives
    assert len(objectives) == len(OBJECTIVES[name])
    for objective, opening in zip(objectives, OBJECTIVES[name]):
        assert objective.text.startswith(opening)
        assert "%" not in objective.text  # targets are not objectives
