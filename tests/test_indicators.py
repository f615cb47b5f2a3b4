"""The indicator catalog (``rules/indicators.yaml``, ``extract/indicators.py``).

Each case is a real sentence of the corpus or the development set, named by its
plan: the measure it states gets the catalog's id, the same measure worded by
another plan gets the same id, and a near miss (same head, other predicate;
same words, other domain) does not. On the development set a share of the
targets gets an indicator (a floor), and the five gold alignment files agree
with the ids: a pair that measures the same thing never has two ids, a near
miss never shares one.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from conftest import EVAL_DOCS, SHARED

from plancli.errors import RulesError
from plancli.extract import extract_bytes
from plancli.extract.indicators import match_indicator
from plancli.ruleset import load_rule_file, load_rules

ALIGN = SHARED / "eval" / "align"


@pytest.fixture(scope="module")
def rules():
    return load_rules()


def _targets(text: str, rules) -> list:
    return extract_bytes(text.encode("utf-8"), "<test>", "text", rules, ("targets",)).targets


def _indicator_of(text: str, value: float, rules, subject: str | None = None) -> str | None:
    found = [t for t in _targets(text, rules) if t.value == value and (subject is None or t.subject == subject)]
    assert len(found) == 1, [(t.value, t.subject) for t in _targets(text, rules)]
    return found[0].indicator


# (plan, text, value, indicator): one measure per domain, as the plan words it
POSITIVES = [
    ("trafficking: Lạng Sơn KH 23/2019",
     "2. Chỉ tiêu\n\na) Ít nhất 50% người dân tại các địa bàn trọng điểm, đặc biệt là phụ nữ, trẻ em được tiếp cận các "
     "thông tin có kiến thức pháp luật về phòng, chống mua bán người, kỹ năng xử lý các tình huống liên quan đến mua bán người.",
     50, "awareness.people_reached"),
    ("trafficking: Tiền Giang KH 37/2019 (news)",
     "Các chỉ tiêu cụ thể được đưa ra là: 100% thông tin liên quan đến tội phạm mua bán người chuyển đến cơ quan có thẩm "
     "quyền được phân loại, xử lý, so với năm 2018 tăng từ 2% tỷ lệ khởi tố, điều tra các vụ mua bán người trên tổng số "
     "các vụ việc được phát hiện.",
     2, "justice.prosecution_rate_increase"),
    ("drugs: Cần Thơ KH 153/2025",
     "4. Các chỉ tiêu cụ thể đến năm 2030\n\na) Hằng năm, giảm số người nghiện ma túy, người sử dụng trái phép chất ma "
     "túy; phấn đấu đến năm 2030 đạt ít nhất 50% số xã, phường trên toàn thành phố không có ma túy.",
     50, "drugs.communes_drug_free"),
    ("drugs: Cần Thơ KH 153/2025",
     "4. Các chỉ tiêu cụ thể đến năm 2030\n\nd) Hằng năm, số vụ phạm tội về ma túy được phát hiện, bắt giữ tại tuyến "
     "đường biển, đường hàng không, chuyển phát nhanh tăng trên 3%; số vụ phạm tội về ma túy lợi dụng không gian mạng "
     "được phát hiện, triệt phá tăng trên 5%.",
     5, "drugs.cases_cyberspace_increase"),
    ("disaster: TP.HCM QĐ 2853/2025",
     "2. Mục tiêu cụ thể\n\n- Phấn đấu 100% hộ gia đình được tiếp nhận đầy đủ thông tin về thiên tai và thông tin chỉ "
     "đạo phòng tránh, ứng phó, khắc phục hậu quả thiên tai.",
     100, "disaster.households_informed"),
    ("health: Lạng Sơn KH 54/2020",
     "2. Mục tiêu cụ thể\n\n- Đến năm 2025: tỷ lệ suy dinh dưỡng thể thấp còi ở trẻ em dưới 5 tuổi dưới 24%; tỷ lệ suy "
     "dinh dưỡng thể nhẹ cân ở trẻ em dưới 5 tuổi dưới 15%; duy trì tỷ lệ trẻ có cân nặng sơ sinh thấp (dưới 2.500 gram) "
     "dưới 5%.",
     24, "health.stunting_under5"),
    ("health insurance: QĐ 844/QĐ-TTg 2026",
     "- Tập trung phát triển đối tượng tham gia bảo hiểm y tế, đẩy mạnh bao phủ bảo hiểm y tế theo hộ gia đình để đạt "
     "mục tiêu tới năm 2026 tỷ lệ bao phủ bảo hiểm y tế đạt trên 95,5% dân số, đến năm 2030 đạt mục tiêu bao phủ bảo "
     "hiểm y tế toàn dân.",
     95.5, "health.insurance_coverage"),
    ("digital economy: Bắc Ninh KH 144/2025",
     "II. MỤC TIÊU\n\n1. Phát triển kinh tế số đến năm 2030\n\n- Kinh tế số chiếm 45% GRDP tỉnh.",
     45, "digital.economy_share_grdp"),
    ("digital government: Bắc Ninh KH 144/2025",
     "2. Phát triển xã hội số đến năm 2030 với các mục tiêu\n\n- Tỷ lệ hồ sơ dịch vụ công trực tuyến toàn trình đạt 80%.",
     80, "digital.online_dossiers_full"),
    ("science: Bắc Ninh KH 144/2025",
     "II. MỤC TIÊU\n\n- Kinh phí chi cho nghiên cứu phát triển (R&D)/GRDP tối thiểu 2%.",
     2, "science.rd_spending_grdp"),
    ("education: Bắc Ninh KH 144/2025",
     "c) Phấn đấu tỷ trọng đào tạo các ngành STEM trong các cơ sở giáo dục đại học đạt tối thiểu 30%, gắn với nhu cầu "
     "phát triển nguồn nhân lực số và công nghiệp công nghệ cao.",
     30, "education.stem_share"),
    ("child labour: Cà Mau KH 98/2021",
     "1. Mục tiêu\n- Phấn đấu giảm tỷ lệ lao động trẻ em và người chưa thành niên từ 5 đến 17 tuổi xuống dưới 1 %.",
     1, "children.child_labour_rate"),
]


@pytest.mark.parametrize("plan, text, value, indicator", POSITIVES, ids=[f"{p[0]}:{p[3]}" for p in POSITIVES])
def test_a_measure_gets_its_indicator(rules, plan, text, value, indicator):
    assert _indicator_of(text, value, rules) == indicator


# (plan a, text a, plan b, text b, value, indicator): one measure worded by two plans, one id
SAME_MEASURE = [
    ("Cần Thơ KH 153/2025", "4. Các chỉ tiêu cụ thể đến năm 2030\n\na) Phấn đấu đến năm 2030 đạt ít nhất 50% số xã, "
     "phường trên toàn thành phố không có ma túy.",
     "Đồng Nai KH 182/2025", "2. Yêu cầu\n\n2.1. Bám sát quan điểm chỉ đạo của Bộ Chính trị tại Kết luận số 132- KL/TW; "
     "bảo đảm đến hết năm 2030, có ít nhất 50% đơn vị hành chính cấp xã trên toàn tỉnh “không ma túy” và từng bước đẩy "
     "lùi ma túy ra khỏi đời sống xã hội.",
     50, "drugs.communes_drug_free"),
    ("Cần Thơ KH 153/2025", "4. Các chỉ tiêu cụ thể đến năm 2030\n\ng) Trên 80% các cơ quan truyền thông trên địa bàn "
     "thành phố có chuyên trang, chuyên mục, chuyên đề về phòng, chống ma túy.",
     "Đồng Nai KH 182/2025", "6. Chỉ tiêu chủ yếu đến năm 2030\n\n6.7. Trên 80% các cơ quan truyền thông chủ lực đa phương "
     "tiện và cơ quan báo chí có lượng độc giả lớn có chuyên trang, chuyên mục, chuyên đề về phòng, chống ma túy.",
     80, "drugs.media_columns"),
    ("Bắc Ninh KH 144/2025", "2. Phát triển xã hội số đến năm 2030 với các mục tiêu\n\n- Tỷ lệ hồ sơ dịch vụ công trực "
     "tuyến toàn trình đạt 80%.",
     "NQ 175/NQ-CP 2023", "đ) Về cải cách, cắt giảm thủ tục hành chính\nĐến năm 2025, tối thiểu 80% hồ sơ thủ tục hành "
     "chính được xử lý hoàn toàn trực tuyến, người dân, tổ chức và đơn vị chỉ phải nhập dữ liệu một lần.",
     80, "digital.online_dossiers_full"),
]


@pytest.mark.parametrize("plan_a, text_a, plan_b, text_b, value, indicator", SAME_MEASURE,
                         ids=[s[5] for s in SAME_MEASURE])
def test_two_plans_wording_one_measure_get_one_id(rules, plan_a, text_a, plan_b, text_b, value, indicator):
    assert _indicator_of(text_a, value, rules) == indicator
    assert _indicator_of(text_b, value, rules) == indicator


# (plan, text, value, subject or None, the indicator it must not get, the one it gets)
NEAR_MISSES = [
    # the same words in another domain: disaster knowledge is not trafficking knowledge
    ("TP.HCM QĐ 2853/2025", "2. Mục tiêu cụ thể\n\n- Ít nhất 50% người dân ở các khu vực khác được phổ biến kiến thức về "
     "thiên tai và kỹ năng phòng tránh thiên tai, nhất là các loại hình thiên tai thường xuyên xảy ra trên địa bàn;",
     50, None, "awareness.people_reached", "disaster.people_other_informed"),
    ("Hà Tĩnh KH 624/2025", "2. Mục tiêu cụ thể\n\n- Phấn đấu 100% cán bộ quản lý, giáo viên mầm non và nhân viên trong cơ "
     "sở giáo dục mầm non được bồi dưỡng nâng cao năng lực chuyên môn, nghiệp vụ hàng năm.",
     100, None, "capacity.staff_trained", None),
    ("TP.HCM QĐ 2853/2025", "2. Mục tiêu cụ thể\n\n- 100% cán bộ, chiến sĩ, công chức, viên chức, người lao động khi "
     "tham gia bồi dưỡng kiến thức quốc phòng và an ninh thuộc đối tượng 4 và đối tượng là cá nhân tiêu biểu, người có uy "
     "tín trong cộng đồng dân cư được phổ biến nâng cao nhận thức về phòng chống, ứng phó thiên tai;",
     100, None, "capacity.staff_trained", "disaster.officials_informed"),
    ("Cà Mau KH 98/2021", "1. Mục tiêu\n- 100% trẻ em có nguy cơ, lao động trẻ em và trẻ em bị mua bán vì mục đích bóc "
     "lột sức lao động khi có thông báo được hỗ trợ, can thiệp kịp thời, được quản lý, theo dõi.",
     100, None, "victims.verified_supported", "children.child_labour_supported"),
    # the same head, another predicate
    ("Lạng Sơn KH 18/2020 (news)", "Theo Kế hoạch, Lạng Sơn phấn đấu đạt chỉ tiêu ít nhất 30% số xã thuộc địa bàn trọng "
     "điểm có mô hình chuyên sâu về phòng ngừa MBN và 50% số xã, thị trấn trên toàn tỉnh có mô hình lồng ghép về phòng, MBN.",
     30, None, "prevention.communes_integrated_model", "prevention.communes_intensive_model"),
    ("Lạng Sơn KH 23/2019", "2. Chỉ tiêu\n\nb) 100% trường hợp có dấu hiệu tội phạm được xác minh theo quy định của pháp "
     "luật; đạt 100% số vụ án mua bán người được truy tố, xét xử trên tổng số vụ do Viện Kiểm sát nhân dân, Tòa án nhân "
     "dân các cấp thụ lý.",
     100, "số vụ án mua bán người", "enforcement.cases_detected", "justice.cases_prosecuted_tried"),
    ("Đồng Nai KH 182/2025", "Xây dựng lộ trình thực hiện đến năm 2030, đảm bảo ít nhất 70% xã, phường tổ chức thực hiện "
     "công tác cai nghiện ma túy tự nguyện tại gia đình, cộng đồng.",
     70, None, "drugs.communes_rehab_points", "drugs.communes_voluntary_rehab"),
    ("Cần Thơ KH 153/2025", "4. Các chỉ tiêu cụ thể đến năm 2030\n\nđ) Trên 80% số trạm y tế xã, phường trên thành phố "
     "và 100% cơ sở cai nghiện ma túy công lập đủ điều kiện xác định tình trạng nghiện ma túy.",
     80, None, "drugs.rehab_centres_assess_addiction", None),
    ("Bắc Ninh KH 144/2025", "2. Phát triển xã hội số đến năm 2030 với các mục tiêu\n\n- Tỷ lệ người dân được định danh "
     "số đạt 100%.",
     100, None, "digital.eid_accounts", None),
    ("Bắc Ninh KH 144/2025", "II. MỤC TIÊU\n\n- Tỷ trọng kinh phí từ xã hội trên kinh phí chi cho nghiên cứu phát triển "
     "(R&D) đạt trên 60%.",
     60, None, "science.rd_spending_grdp", "science.rd_nonstate_share"),
    ("NQ 175/NQ-CP 2023", "đ) Về cải cách, cắt giảm thủ tục hành chính\nTham gia và đóng góp quan trọng vào việc thực "
     "hiện các mục tiêu cải cách hành chính và phát triển Chính phủ số Việt Nam, như: bảo đảm 100% kết quả giải quyết thủ "
     "tục hành chính, giấy tờ do cơ quan nhà nước ban hành được lưu trữ trong kho dữ liệu số của các cơ quan nhà nước. "
     "Đến năm 2025, tối thiểu 80% hồ sơ thủ tục hành chính được xử lý hoàn toàn trực tuyến, người dân, tổ chức và đơn vị "
     "chỉ phải nhập dữ liệu một lần. Cắt giảm tối thiểu 20% thành phần hồ sơ thủ tục hành chính của các cơ quan nhà nước "
     "so với hiện nay.",
     20, None, "digital.online_dossiers_full", None),
    # a trafficking plan's item that names no domain: without its plan's title it is nobody's
    ("Lạng Sơn KH 23/2019", "2. Chỉ tiêu\n\nc) 100% nạn nhân và người thân thích có nhu cầu được bảo vệ an toàn theo "
     "quy định pháp luật.",
     100, None, "victims.protected", None),
]


@pytest.mark.parametrize("plan, text, value, subject, wrong, indicator", NEAR_MISSES,
                         ids=[f"{n[0]}:not-{n[4]}" for n in NEAR_MISSES])
def test_a_near_miss_does_not_get_the_indicator(rules, plan, text, value, subject, wrong, indicator):
    got = _indicator_of(text, value, rules, subject)
    assert got != wrong
    assert got == indicator


def test_the_plans_title_names_the_domain_an_item_does_not(rules):
    item = ("2. Chỉ tiêu\n\nc) 100% nạn nhân và người thân thích có nhu cầu được bảo vệ an toàn theo quy định pháp luật.")
    titled = "KẾ HOẠCH\nTriển khai thực hiện Chương trình phòng, chống mua bán người năm 2019\n\n" + item
    assert _indicator_of(titled, 100, rules) == "victims.protected"      # Lạng Sơn KH 23/2019
    assert _indicator_of(item, 100, rules) is None


# --- the mechanism on a target's parts -----------------------------------------------

DRUG_FREE = ("số xã, phường trên toàn thành phố",
             "ít nhất 50% số xã, phường trên toàn thành phố không có ma túy")   # Cần Thơ KH 153/2025


def test_the_unit_must_agree(rules):
    subject, clause = DRUG_FREE
    text = f"{subject} {clause}"
    assert match_indicator(text, rules, subject=subject, unit="%") == "drugs.communes_drug_free"
    assert match_indicator(text, rules, subject=subject, unit="xã") is None
    assert match_indicator(text, rules, subject=subject) == "drugs.communes_drug_free"   # no unit given: not checked


def test_the_head_is_what_the_subject_counts(rules):
    _, clause = DRUG_FREE
    # the words of the measure, but a subject that counts health stations
    assert match_indicator(f"số trạm y tế {clause}", rules, subject="số trạm y tế", unit="%") is None
    # quotes and lead words before the head: Đồng Nai KH 182/2025 "đạt 100% “xã, phường không ma túy”"
    assert match_indicator("“xã, phường không ma túy” đạt 100% “xã, phường không ma túy”", rules,
                           subject="“xã, phường không ma túy”", unit="%") == "drugs.communes_drug_free"


def test_a_mark_on_either_vowel_is_one_word(rules):
    # Đồng Nai KH 182/2025 III.2.3 d) writes "ma tuý", III.1.1 "ma túy"
    assert match_indicator("xã, phường ít nhất 50% xã, phường không có ma tuý", rules,
                           subject="xã, phường", unit="%") == "drugs.communes_drug_free"


def test_the_same_measure_in_its_other_wording(rules):
    # QĐ 844/QĐ-TTg 2026 II.5: "… bảo đảm duy trì bền vững và tăng tỷ lệ dân số tham gia bảo hiểm y tế."
    subject = "tỷ lệ dân số tham gia bảo hiểm y tế"
    assert match_indicator(subject, rules, subject=subject, unit="%") == "health.insurance_coverage"


def test_context_serves_only_the_at_phrases(rules):
    # the title names trafficking; the wording's own phrases must still be in the target's words
    subject = "nạn nhân và người thân thích có nhu cầu"
    title = "Triển khai thực hiện Chương trình phòng, chống mua bán người năm 2019"
    text = f"{subject} 100% {subject} được bảo vệ an toàn theo quy định pháp luật"
    assert match_indicator(text, rules, subject=subject, unit="%", context=(title,)) == "victims.protected"
    assert match_indicator(text, rules, subject=subject, unit="%", context=(None, "")) is None
    assert match_indicator(f"{subject} 100% {subject}", rules, subject=subject, unit="%", context=(title,)) is None


# --- the catalog itself ----------------------------------------------------------------

# the first catalog's trafficking ids: compare output and stores use them
FIRST_IDS = {"awareness.people_reached", "awareness.communes_reached", "awareness.communes_materials",
             "prevention.communes_intensive_model", "prevention.communes_integrated_model",
             "victims.reintegration_model", "enforcement.hotspots_covered", "enforcement.crime_reports_handled",
             "enforcement.suspected_cases_verified", "justice.prosecution_rate_increase", "enforcement.cases_detected",
             "justice.cases_prosecuted_tried", "cooperation.foreign_cases_handled", "victims.verified_supported",
             "victims.protected", "legal.officials_trained", "capacity.staff_trained", "legal.documents_monitored"}
# no plan of the corpus or the development set states these yet: kept for their ids, without an example
WITHOUT_EXAMPLE = {"awareness.communes_reached", "enforcement.cases_detected", "capacity.staff_trained"}


def test_the_first_ids_are_kept(rules):
    entries = rules.entries("indicators")
    assert FIRST_IDS <= set(entries)
    assert {entries[i]["domain"] for i in FIRST_IDS} == {"trafficking"}


def test_every_indicator_says_its_domain_unit_direction_and_head(rules):
    for entry in rules.entries("indicators").values():
        assert entry["domain"] and entry["unit"] and entry["label"], entry.id
        assert entry["direction"] in ("up", "down"), entry.id
        assert entry.get("head"), f"{entry.id}: no head (what the subject counts)"
        assert re.fullmatch(r"[a-z_]+\.[a-z0-9_]+", entry.id), entry.id
        if entry.id not in FIRST_IDS:
            assert entry.id.split(".")[0] == entry["domain"], entry.id


def test_rates_of_harm_are_better_down(rules):
    entries = rules.entries("indicators")
    for down in ("health.stunting_under5", "health.underweight_under5", "health.low_birth_weight",
                 "children.child_labour_rate"):
        assert entries[down]["direction"] == "down"
    assert entries["health.insurance_coverage"]["direction"] == "up"


def test_every_indicator_has_a_real_sentence_among_the_examples(rules):
    expected = set()
    for example in rules.examples:
        if example.kind == "targets" and Path(example.path).name == "indicators.yaml":
            expected |= {item.get("indicator") for item in example.expect or [] if item.get("indicator")}
    missing = set(rules.entries("indicators")) - expected - WITHOUT_EXAMPLE
    assert not missing, f"indicators without an example: {sorted(missing)}"


def test_every_example_of_the_catalog_passes(rules):
    from plancli.ruletests import _run

    examples = [e for e in rules.examples if Path(e.path).name == "indicators.yaml"]
    assert len(examples) >= 30
    failed = [(e.line, r.misses, r.false_hits) for e in examples if not (r := _run(e, rules)).passed]
    assert not failed, failed


def _catalog_dir(tmp_path: Path, entry: str) -> Path:
    (tmp_path / "indicators.yaml").write_text("indicators:\n" + entry, encoding="utf-8")
    return tmp_path


def test_a_missing_unit_is_refused(tmp_path):
    path = _catalog_dir(tmp_path, "  - {id: x.y, label: X, domain: x, direction: up, match: [a]}\n") / "indicators.yaml"
    with pytest.raises(RulesError, match="needs 'unit'"):
        load_rule_file(path)


def test_a_direction_other_than_up_or_down_is_refused(tmp_path):
    path = _catalog_dir(tmp_path, "  - {id: x.y, label: X, domain: x, unit: '%', direction: better, match: [a]}\n")
    with pytest.raises(RulesError, match="indicators.yaml:2: 'direction' must be one of up, down"):
        load_rule_file(path / "indicators.yaml")


def test_an_at_phrase_needs_its_cue_list(tmp_path):
    # refused when the rules load (and so by `plancli rules validate`), naming the file and line
    _catalog_dir(tmp_path, "  - {id: x.y, label: X, domain: x, unit: '%', direction: up, match: ['a + @no_such_list']}\n")
    with pytest.raises(RulesError, match=r"indicators.yaml:2: indicator x.y: no cue list 'no_such_list'"):
        load_rules([tmp_path])


def test_a_users_catalog_adds_an_indicator(tmp_path):
    # a rule author's own domain, layered over the built-in catalog
    _catalog_dir(tmp_path, "  - {id: housing.model_designs, label: Mẫu nhà ở điển hình, domain: housing, unit: mẫu nhà,"
                           " direction: up, head: [mẫu nhà], match: [điển hình]}\n")
    user = load_rules([tmp_path])
    text = ("Phấn đấu xây dựng tối thiểu 03 mẫu nhà ở điển hình, kèm theo dự toán kinh phí đầu tư xây dựng.")  # TP.HCM QĐ 3210/2014
    assert [t.indicator for t in _targets(text, user)] == ["housing.model_designs"]


# --- the development set ---------------------------------------------------------------

# 93 of 116 targets (0.80) get an indicator; before the catalog covered more than trafficking, 28 (0.24)
DEV_SHARE_FLOOR = 0.75


@pytest.fixture(scope="module")
def dev_records():
    if not EVAL_DOCS.is_dir():
        pytest.skip(f"the development set is not at {EVAL_DOCS} (clone beside shared/ to run it)")
    import plancli

    return {p.stem: plancli.extract(str(p)) for p in sorted(EVAL_DOCS.iterdir()) if p.suffix in (".txt", ".md")}


def test_the_share_of_development_targets_with_an_indicator(dev_records):
    targets = [t for r in dev_records.values() for t in r.targets]
    share = sum(1 for t in targets if t.indicator) / len(targets)
    assert share >= DEV_SHARE_FLOOR, f"{share:.2f} of {len(targets)} targets"


def _words(text: str | None) -> set[str]:
    return set(re.findall(r"\w+", (text or "").casefold()))


def _find(record, gold: dict):
    """The extracted target for a gold one: same value and unit, the subject most alike, then the
    most of the gold subject's words in the target's text (two targets of one subject, "cơ sở cai
    nghiện ma túy công lập", differ by what follows it)."""
    words = _words(gold["subject"])

    def alike(t):
        return (len(_words(t.subject) & words) / (len(_words(t.subject) | words) or 1),
                len(_words(t.text) & words))

    found = [t for t in record.targets if t.value == gold["value"] and t.unit == gold["unit"]]
    return max(found, key=alike, default=None)


def _gold_pairs():
    if not ALIGN.is_dir():
        return []
    pairs = []
    for path in sorted(ALIGN.glob("*.yaml")):
        gold = yaml.safe_load(path.read_text(encoding="utf-8"))
        for kind in ("same", "different"):
            for k, pair in enumerate(gold.get(kind) or []):
                pairs.append(pytest.param(gold["a"], gold["b"], kind, pair, id=f"{path.stem}:{kind}{k}"))
    return pairs


@pytest.mark.skipif(not ALIGN.is_dir(), reason="the gold alignment files are not beside this checkout")
@pytest.mark.parametrize("a, b, kind, pair", _gold_pairs())
def test_the_gold_alignments_agree_with_the_ids(dev_records, a, b, kind, pair):
    ta, tb = _find(dev_records[a], pair["a"]), _find(dev_records[b], pair["b"])
    if ta is None or tb is None:
        pytest.skip("a target of the pair is not extracted (an extraction matter, not the catalog's)")
    if kind == "same":
        # two ids never align: one measure must not be split
        assert ta.indicator == tb.indicator, (ta.subject, ta.indicator, tb.subject, tb.indicator)
    else:
        assert not (ta.indicator and ta.indicator == tb.indicator), (ta.subject, tb.subject, ta.indicator)
