"""Targets of domains beyond trafficking: exports in tonnes and USD, growth
rates "%/năm", factors "lần", ranges "30% - 40%" count like any other target.

WRITTEN FOR THE TEST, NOT FROM A REAL DOCUMENT: no plan of the development set
or the corpus has such sentences, so the issue itself is the requirement. The
sentences imitate the wording of provincial socio-economic, agriculture,
industry, trade, health, education and digital-economy plans.

Decisions (SPEC §3 "targets"):

* a rate per year keeps unit "%" ("7%/năm" → 7, "%"); the year is in the
  target's text and its ``why``, not in the unit, so "đạt 7%" and "7%/năm"
  compare; a quantity per year drops "/năm" and "mỗi năm" alike ("1,2 triệu
  tấn mỗi năm" → "triệu tấn");
* a quantity in a unit of measure takes its subject from before the value
  ("Kim ngạch xuất khẩu hàng hóa đạt 2,5 tỷ USD") unless a noun follows its
  unit ("1.500 km | đường giao thông nông thôn"); "bình quân" trailing the
  subject or between the verb and the value is dropped, inside a noun phrase it
  stays ("Thu nhập bình quân đầu người");
* the plan's own budget is no target: "Kinh phí thực hiện: 500 triệu đồng" is
  a line that lists an amount, not a commitment; revenue or investment the plan
  sets out to raise ("Thu ngân sách … đạt 1.200 tỷ đồng") is one;
* what happened is no target: a result section, "Năm 2020 … đạt 450 triệu USD"
  outside a target section.
"""
from __future__ import annotations

import pytest

import plancli

HEADING = "Số: 45/KH-UBND\nII. MỤC TIÊU\n2. Mục tiêu cụ thể\n"

# (written sentence under a target heading, expected targets as (value, value_max, unit, comparator, subject))
CASES = [
    # trade
    ("- Phấn đấu đến năm 2025, kim ngạch xuất khẩu nông sản đạt 500 triệu USD.",
     [(500, None, "triệu USD", "=", "kim ngạch xuất khẩu nông sản")]),
    ("b) Kim ngạch xuất khẩu hàng hóa đạt 2,5 tỷ USD vào năm 2030.",
     [(2.5, None, "tỷ USD", "=", "Kim ngạch xuất khẩu hàng hóa")]),
    # agriculture
    ("- Sản lượng lúa đạt trên 1,2 triệu tấn mỗi năm.",
     [(1.2, None, "triệu tấn", ">", "Sản lượng lúa")]),
    ("c) Sản lượng thủy sản đạt 120 nghìn tấn, trong đó sản lượng nuôi trồng chiếm 60%.",
     [(120, None, "nghìn tấn", "=", "Sản lượng thủy sản"), (60, None, "%", "=", "sản lượng nuôi trồng")]),
    ("d) Diện tích cây ăn quả đạt 25.000 ha.",
     [(25000, None, "ha", "=", "Diện tích cây ăn quả")]),
    ("đ) Trồng mới 5.000 ha rừng sản xuất.",
     [(5000, None, "ha", "=", "rừng sản xuất")]),
    ("- Năng suất lúa bình quân đạt 6,5 tấn/ha.",
     [(6.5, None, "tấn/ha", "=", "Năng suất lúa")]),
    ("- Giá trị sản phẩm thu hoạch trên 1 ha đất trồng trọt đạt 150 triệu đồng.",
     [(150, None, "triệu đồng", "=", "Giá trị sản phẩm thu hoạch trên 1 ha đất trồng trọt")]),
    ("- Mỗi năm triệt phá từ 15 đến 20 đường dây, tụ điểm mua bán ma túy.",
     [(15, 20, "đường dây", "=", "đường dây")]),
    ("- Tỷ lệ che phủ rừng đạt từ 30% - 40%.",
     [(30, 40, "%", "=", "Tỷ lệ che phủ rừng")]),
    # infrastructure, industry, budget
    ("e) Cứng hóa 1.500 km đường giao thông nông thôn.",
     [(1500, None, "km", "=", "đường giao thông nông thôn")]),
    ("- Công suất các nhà máy điện mặt trời đạt 500 MW.",
     [(500, None, "MW", "=", "Công suất các nhà máy điện mặt trời")]),
    ("g) Thu ngân sách nhà nước trên địa bàn đạt 1.200 tỷ đồng.",
     [(1200, None, "tỷ đồng", "=", "Thu ngân sách nhà nước trên địa bàn")]),
    ("h) Huy động vốn đầu tư toàn xã hội tối thiểu 2.000 tỷ đồng.",
     [(2000, None, "tỷ đồng", ">=", "Huy động vốn đầu tư toàn xã hội")]),
    # socio-economic: growth, income, poverty
    ("- Tốc độ tăng trưởng GRDP bình quân đạt 7%/năm.",
     [(7, None, "%", "=", "Tốc độ tăng trưởng GRDP")]),
    ("a) Đến năm 2030, giá trị sản xuất nông nghiệp tăng bình quân 3,5%/năm.",
     [(3.5, None, "%", "increase", "giá trị sản xuất nông nghiệp")]),
    ("- Thu nhập bình quân đầu người tăng 1,5 lần so với năm 2020.",
     [(1.5, None, "lần", "increase", "Thu nhập bình quân đầu người")]),
    ("- Thu nhập của người dân nông thôn tăng gấp 2 lần so với năm 2020.",
     [(2, None, "lần", "increase", "Thu nhập của người dân nông thôn")]),
    ("- GRDP bình quân đầu người đạt 95 triệu đồng/người/năm.",
     [(95, None, "triệu đồng/người", "=", "GRDP bình quân đầu người")]),
    ("- Tỷ lệ hộ nghèo giảm bình quân 1,5%/năm.",
     [(1.5, None, "%", "decrease", "Tỷ lệ hộ nghèo")]),
    ("- Tỷ lệ hộ nghèo theo chuẩn đa chiều giảm bình quân 1-1,5%/năm.",
     [(1, 1.5, "%", "decrease", "Tỷ lệ hộ nghèo theo chuẩn đa chiều")]),
    # education, health, digital economy, tourism
    ("- Tỷ lệ lao động qua đào tạo đạt 70% - 75%.",
     [(70, 75, "%", "=", "Tỷ lệ lao động qua đào tạo")]),
    ("k) Tỷ lệ đô thị hóa đạt 30-40%.",
     [(30, 40, "%", "=", "Tỷ lệ đô thị hóa")]),
    ("- Số giường bệnh đạt 32 giường/vạn dân.",
     [(32, None, "giường/vạn dân", "=", "Số giường bệnh")]),
    ("- Kinh tế số chiếm khoảng 15% GRDP.",
     [(15, None, "%", "=", "Kinh tế số … GRDP")]),
    ("- Đón 5 triệu lượt khách du lịch.",
     [(5, None, "triệu", "=", "lượt khách du lịch")]),
    ("- Phấn đấu đến năm 2025, kim ngạch xuất khẩu đạt 600 triệu USD, tăng 1,3 lần so với năm 2020.",
     [(600, None, "triệu USD", "=", "kim ngạch xuất khẩu"), (1.3, None, "lần", "increase", "kim ngạch xuất khẩu")]),
    # counts of things keep their counted noun as unit and subject
    ("- Tổ chức ít nhất 04 lớp tập huấn cho cán bộ cấp xã.",
     [(4, None, "lớp tập huấn", ">=", "lớp tập huấn cho cán bộ cấp xã")]),
    ("- Phấn đấu mỗi năm phát triển từ 05 bộ dữ liệu mở.",
     [(5, None, "bộ dữ liệu", ">=", "bộ dữ liệu mở")]),
    # negative: occasions are no factor without a change
    ("- Tổ chức kiểm tra ít nhất 02 lần mỗi năm.", []),
]

# (written text, why it holds no target)
NEGATIVES = [
    ("Số: 46/KH-UBND\nI. KẾT QUẢ THỰC HIỆN GIAI ĐOẠN 2016 - 2020\n"
     "Năm 2020, kim ngạch xuất khẩu của tỉnh đạt 450 triệu USD; sản lượng lúa đạt 1,1 triệu tấn.\n",
     "results of a Kết quả section"),
    ("Số: 46/KH-UBND\nI. TÌNH HÌNH\nNăm 2020 kim ngạch xuất khẩu đạt 450 triệu USD, tăng 1,2 lần so với năm 2015; "
     "diện tích lúa 80.000 ha.\n", "statistics of a Tình hình section"),
    ("Số: 46/KH-UBND\nIV. KINH PHÍ THỰC HIỆN\nTổng kinh phí thực hiện Kế hoạch: 500 triệu đồng, từ nguồn ngân sách tỉnh.\n",
     "the plan's own budget line"),
    ("Số: 46/KH-UBND\nIV. KINH PHÍ THỰC HIỆN\nKinh phí thực hiện các mục tiêu của Kế hoạch: 500 triệu đồng.\n",
     "a budget line that mentions the plan's aims"),
    ("Số: 46/KH-UBND\nIII. NHIỆM VỤ\nNăm 2020, kim ngạch xuất khẩu đã đạt 450 triệu USD.\n",
     "a result, outside a target section"),
]


def _found(text):
    return [(t.value, t.value_max, t.unit, t.comparator, t.subject) for t in plancli.extract(text).targets]


@pytest.mark.parametrize("sentence,expected", CASES, ids=[c[0][:50] for c in CASES])
def test_targets_of_other_domains(sentence, expected):
    assert _found(HEADING + sentence + "\n") == expected


@pytest.mark.parametrize("text,reason", NEGATIVES, ids=[n[1] for n in NEGATIVES])
def test_no_target_in_reports_and_budget_lines(text, reason):
    assert _found(text) == [], reason


def test_a_change_by_a_factor_has_its_baseline_and_says_why():
    [target] = plancli.extract(HEADING + "- Thu nhập bình quân đầu người tăng 1,5 lần so với năm 2020.\n").targets
    assert target.baseline_year == 2020
    rules = [step["rule"] for step in target.why]
    assert any("factor_units" in r for r in rules) and any("cmp_increase" in r for r in rules)


def test_a_rate_per_year_says_why():
    [target] = plancli.extract(HEADING + "- Tốc độ tăng trưởng GRDP bình quân đạt 7%/năm.\n").targets
    assert target.unit == "%" and "7%/năm" in target.text
    assert any("per year" in step["note"] for step in target.why)


def test_rates_typed_without_diacritics():
    text = "So: 45/KH-UBND\nII. MUC TIEU\n2. Muc tieu cu the\n- Ty le ho ngheo giam binh quan 1,5%/nam.\n" \
           "- San luong lua dat tren 1,2 trieu tan moi nam.\n"
    assert _found(text) == [(1.5, None, "%", "decrease", "Ty le ho ngheo"), (1.2, None, "trieu tan", ">", "San luong lua")]
