"""align: which two targets measure the same thing — on their head, their subject's
words and their predicate — and compare's rows built from it, on real plans."""
from __future__ import annotations

import pytest
from conftest import SAMPLES

import plancli
from plancli.align import (SIMILARITY_THRESHOLD, Alignment, align, has_substitution, predicate_words, subject_words,
                           with_acronyms_read)
from plancli.compare import compare
from plancli.ruleset import load_rules

LS2019 = SAMPLES / "langson-2019-kh23.md"
LS2020 = SAMPLES / "langson-2020-news-kh18.txt"
TG2019 = SAMPLES / "tiengiang-2019-news-kh37.txt"
CANTHO = SAMPLES / "cantho-2025-kh153-ma-tuy.txt"
DONGNAI = SAMPLES / "dongnai-2025-kh182-ma-tuy.txt"


def _record(path, catalog: bool = False):
    """The plan's record; without the indicator catalog's ids unless asked, so that
    the subjects alone decide."""
    record = plancli.extract(str(path))
    if not catalog:
        for target in record.targets:
            target.indicator = None
    return record


@pytest.fixture(scope="module")
def plans() -> dict:
    return {path.stem: _record(path) for path in (LS2019, LS2020, TG2019, CANTHO, DONGNAI)}


def _target(record, subject_start: str, value: float | None = None):
    return next(t for t in record.targets if t.subject.startswith(subject_start)
                and (value is None or t.value == value))


def test_an_acronym_is_read_as_the_words_it_abbreviates():
    full = subject_words("số vụ án mua bán người")
    short = subject_words("số vụ án, MBN")
    assert with_acronyms_read(short, "số vụ án, MBN", full) == full
    # a word in small letters is no acronym, and an acronym with no words to stand for is kept
    assert with_acronyms_read(full, "số vụ án mua bán người", short) == full
    assert with_acronyms_read(short, "số vụ án, MBN", subject_words("số vụ án ma túy")) == short


def test_a_qualifier_put_between_shared_words_tells_two_predicates_apart():
    in_depth = subject_words("có mô hình chuyên sâu về phòng ngừa MBN")
    integrated = subject_words("có mô hình lồng ghép về phòng, MBN")
    refined = subject_words("có lượng độc giả lớn có chuyên trang, chuyên mục về phòng, chống ma túy")
    assert has_substitution(in_depth, integrated)
    assert not has_substitution(subject_words("có chuyên trang, chuyên mục về phòng, chống ma túy"), refined)
    assert not has_substitution(in_depth, in_depth)


def test_the_predicate_is_what_the_text_sets_after_the_subject(plans):
    cases = _target(plans["langson-2019-kh23"], "số vụ án mua bán người")
    assert predicate_words(cases)[:2] == ("truy tố", "xét xử")  # "được" is an auxiliary, left out


@pytest.mark.parametrize("a_plan, a_subject, b_plan, b_subject", [
    # same head, same predicate, the subject written shorter or with an acronym
    ("langson-2019-kh23", "người dân tại các địa bàn trọng điểm", "langson-2020-news-kh18", "người dân tại các địa bàn"),
    ("langson-2019-kh23", "số vụ án mua bán người", "langson-2020-news-kh18", "số vụ án, MBN"),
    ("langson-2019-kh23", "tuyến, địa bàn trọng điểm về mua bán người", "langson-2020-news-kh18", "tuyến, địa bàn"),
    # drugs, two provinces: each names its own scope ("thành phố" / "tỉnh") and media
    ("cantho-2025-kh153-ma-tuy", "số trạm y tế", "dongnai-2025-kh182-ma-tuy", "số trạm y tế"),
    ("cantho-2025-kh153-ma-tuy", "các cơ quan truyền thông", "dongnai-2025-kh182-ma-tuy", "các cơ quan truyền thông"),
])
def test_true_pairs_align_by_subject(plans, a_subject, a_plan, b_plan, b_subject):
    why = align(_target(plans[a_plan], a_subject), _target(plans[b_plan], b_subject))
    assert why is not None and why.by == "subject" and 0 < why.score <= 100


def test_a_subject_below_the_threshold_aligns_when_it_holds_the_other_and_the_predicates_agree(plans):
    a = _target(plans["cantho-2025-kh153-ma-tuy"], "các cơ quan truyền thông")
    b = _target(plans["dongnai-2025-kh182-ma-tuy"], "các cơ quan truyền thông")
    why = align(a, b)
    assert why.score < SIMILARITY_THRESHOLD  # the words alone would keep them apart
    assert why.predicate >= SIMILARITY_THRESHOLD and why.to_dict()["predicate"] == round(why.predicate, 1)


@pytest.mark.parametrize("a_plan, a_subject, b_plan, b_subject", [
    # communes receiving documents ≠ communes with a model (the head agrees, the predicate does not)
    ("langson-2019-kh23", "xã, phường, thị trấn", "langson-2020-news-kh18", "số xã, thị trấn trên toàn tỉnh"),
    # an in-depth model ≠ an integrated one
    ("langson-2020-news-kh18", "số xã thuộc địa bàn trọng điểm", "langson-2020-news-kh18", "số xã, thị trấn trên toàn tỉnh"),
    # cases prosecuted and tried ≠ the rate of cases initiated, investigated (heads differ)
    ("langson-2019-kh23", "số vụ án mua bán người", "tiengiang-2019-news-kh37", "tỷ lệ khởi tố"),
    # cases with signs of crime verified ≠ received cases verified
    ("langson-2019-kh23", "trường hợp có dấu hiệu tội phạm", "tiengiang-2019-news-kh37", "các trường hợp đã tiếp nhận"),
    # people reached ≠ key-area communes with a model (heads differ)
    ("langson-2019-kh23", "người dân tại các địa bàn trọng điểm", "langson-2020-news-kh18", "số xã thuộc địa bàn"),
    # legal aid ≠ counselling, over overlapping lists of people
    ("cantho-2025-kh153-ma-tuy", "số người vi phạm pháp luật", "dongnai-2025-kh182-ma-tuy", "người nghiện ma túy, người sử dụng"),
])
def test_near_misses_do_not_align(plans, a_plan, a_subject, b_plan, b_subject):
    a, b = _target(plans[a_plan], a_subject), _target(plans[b_plan], b_subject)
    assert align(a, b) is None and align(b, a) is None


def test_targets_of_another_unit_or_without_a_subject_do_not_align(plans):
    a = _target(plans["langson-2019-kh23"], "các trường hợp đã tiếp nhận")
    b = _target(plans["tiengiang-2019-news-kh37"], "các trường hợp đã tiếp nhận")
    assert align(a, b) == Alignment("subject", 100.0, predicate=100.0)
    assert align(a, b.__class__(**{**b.__dict__, "unit": "người"})) is None
    assert align(a, b.__class__(**{**b.__dict__, "subject": None})) is None


def test_the_same_indicator_id_aligns_whatever_the_words():
    a, b = _record(LS2019, catalog=True), _record(TG2019, catalog=True)
    shared = {t.indicator for t in a.targets} & {t.indicator for t in b.targets} - {None}
    assert shared
    indicator = sorted(shared)[0]
    ta = next(t for t in a.targets if t.indicator == indicator)
    tb = next(t for t in b.targets if t.indicator == indicator)
    assert align(ta, tb) == Alignment("indicator", indicator=indicator)
    other = next(t for t in b.targets if t.indicator and t.indicator != indicator)
    assert align(ta, other) is None


def _aligned_pairs(comparison) -> set[tuple]:
    keys = [c.key for c in comparison.columns]
    pairs = set()
    for row in comparison.rows:
        cells = [(k, row.cells[k]) for k in keys if row.cells[k] is not None]
        for i, (ka, ta) in enumerate(cells):
            for kb, tb in cells[i + 1:]:
                pairs.add(frozenset({(ka, ta.value, ta.text), (kb, tb.value, tb.text)}))
    return pairs


def test_rows_do_not_depend_on_the_order_of_a_plans_targets():
    """The sibling targets "số vụ … được phát hiện, bắt giữ" / "số vụ … có tổ chức xuyên quốc
    gia …" are alike enough to align: each must still go to its own row, whichever comes first."""
    rules = load_rules()
    forward = compare([_record(CANTHO), _record(DONGNAI)], rules)
    cantho, dongnai = _record(CANTHO), _record(DONGNAI)
    cantho.targets.reverse()
    dongnai.targets.reverse()
    backward = compare([cantho, dongnai], rules)
    assert _aligned_pairs(forward) == _aligned_pairs(backward)
    assert len(_aligned_pairs(forward)) >= 14


def test_a_row_does_not_chain_a_third_wording_in():
    """Lạng Sơn's "xã, phường, thị trấn" receiving documents is alike enough to Đồng Nai's
    "“xã, phường không ma túy”" (which states no predicate) but not to its "xã, phường
    “không ma túy”" 20% (whose predicate differs): the 20% must not join through the other."""
    comparison = compare([_record(LS2019), _record(DONGNAI)], load_rules())
    row = next(r for r in comparison.rows if r.cells["langson-2019-kh23"] is not None
               and r.cells["langson-2019-kh23"].subject == "xã, phường, thị trấn")
    joined = row.cells["dongnai-2025-kh182-ma-tuy"]
    assert joined is None or joined.value != 20


def test_every_row_says_why_its_cells_are_together():
    comparison = compare([_record(LS2019, catalog=True), _record(LS2020, catalog=True), _record(TG2019)],
                         load_rules())
    for row in comparison.rows:
        filled = [t for t in row.cells.values() if t is not None]
        assert (row.why is None) == (len(filled) == 1)
        if row.why and row.why.by == "indicator":
            assert row.why.indicator == row.indicator
        elif row.why:
            assert row.why.score >= 0 and row.to_dict()["why"]["by"] == "subject"
