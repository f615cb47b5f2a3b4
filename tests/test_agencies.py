"""Agencies and their roles: real sentences of real plans, one layout a row."""
from __future__ import annotations

import pytest
from conftest import SAMPLES

import plancli

HEADER = "ỦY BAN NHÂN DÂN\nTỈNH BẮC NINH\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n"
CITY_HEADER = "ỦY BAN NHÂN DÂN\nTHÀNH PHỐ CẦN THƠ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n"


def _roles(text_or_path) -> set[tuple[str, str]]:
    return {(a.name, a.role) for a in plancli.extract(text_or_path).agencies}


# (what the row shows, text, roles that must be found, roles that must not)
CASES = [
    ("bodies no list knows, named to their level word (Bắc Ninh KH 144/KH-UBND 2025)",
     HEADER + "VI. TỔ CHỨC THỰC HIỆN\n\n12. Ngân hàng nhà nước khu vực XII\n\nChủ động triển khai thực hiện Kế hoạch "
     "đồng bộ, thống nhất.\n\n17. Chi cục Hải quan khu vực V\n\na) Chủ trì triển khai các nhiệm vụ tại mục (IV)(3.4)(a);"
     "\n\nb) Chủ động phối hợp với Sở\nKhoa học và Công nghệ, Sở Công Thương và các doanh nghiệp logistics triển khai "
     "kết nối, chia sẻ dữ liệu.",
     {("Ngân hàng Nhà nước khu vực XII", "implementer"), ("Chi cục Hải quan khu vực V", "lead"),
      ("Chi cục Hải quan khu vực V", "support"), ("Sở Khoa học và Công nghệ", "support"),
      ("Sở Công Thương", "support")}, set()),
    ("a heading naming several bodies, and a group after them (Bắc Ninh)",
     HEADER + "15. Liên đoàn Lao động, Hội Nông dân, Liên minh Hợp tác xã\n\nXây dựng kế hoạch hành động, chỉ đạo hệ "
     "thống tổ chức thành viên tham gia phát triển và ứng dụng công nghệ số.\n\n16. Mặt trận Tổ quốc tỉnh và các tổ "
     "chức chính trị - xã hội\n\nPhát huy vai trò trong tuyên truyền, vận động Nhân dân, giám sát triển khai Kế hoạch.",
     {("Liên đoàn Lao động tỉnh", "implementer"), ("Hội Nông dân tỉnh", "implementer"),
      ("Liên minh Hợp tác xã tỉnh", "implementer"), ("Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "implementer")}, set()),
    ("a city's bodies are '… thành phố' (Cần Thơ CT 09/CT-UBND 2025)",
     CITY_HEADER + "8. Giám đốc Sở, Thủ trưởng cơ quan, ban, ngành\n\na) Phối hợp Sở Nông nghiệp và Môi trường và Ủy ban "
     "nhân dân xã, phường tuyên truyền, phổ biến quy định của pháp luật về tài nguyên nước.\n\nb) Giao Thanh tra thành "
     "phố tổ chức thanh tra việc chấp hành các quy định pháp luật về tài nguyên nước.\n\nc) Giao Công an thành phố kịp "
     "thời phát hiện và xử lý các tổ chức, cá nhân có hành vi vi phạm pháp luật;",
     {("Sở Nông nghiệp và Môi trường", "support"), ("Thanh tra thành phố", "implementer"),
      ("Công an thành phố", "implementer")}, {("Công an tỉnh", "implementer")}),
    ("'Giao X là cơ quan đầu mối, chủ trì', the list after ':' (Hồ Chí Minh QĐ 2853/QĐ-UBND 2025)",
     HEADER + "V. TỔ CHỨC THỰC HIỆN\n\n1. Giao Sở\nNông nghiệp và Môi trường là cơ quan đầu mối, chủ trì, hướng dẫn "
     "thực hiện Đề án trên địa bàn Thành phố; tổ chức thực hiện các nhiệm vụ sau:\n\n- Điều phối chung, đôn đốc, hướng "
     "dẫn việc triển khai Kế hoạch;\n\n- Chủ trì, phối hợp với Sở Tài chính và các sở, ngành, đơn vị có liên quan rà "
     "soát, tổng hợp.\n\n2. Sở Giáo dục và Đào tạo chủ trì, phối hợp với Sở Nông nghiệp và Môi trường, Ủy ban nhân dân "
     "các phường, xã, đặc khu:\n\n- Xây dựng chương trình đào tạo và tổ chức tập huấn cho đội ngũ giảng viên.",
     {("Sở Nông nghiệp và Môi trường", "lead"), ("Sở Nông nghiệp và Môi trường", "implementer"),
      ("Sở Tài chính", "support"), ("Sở Giáo dục và Đào tạo", "lead"), ("Sở Nông nghiệp và Môi trường", "support")},
     {("Sở Giáo dục và Đào tạo", "implementer")}),
    ("'Chủ trì, phối hợp' over a list names the partners (Đồng Nai KH 182/KH-UBND 2025)",
     HEADER + "2.3. Công an tỉnh\n\nb) Chủ trì, phối hợp\n\n- Sở Tài chính và các đơn vị có liên quan tham mưu Ủy ban "
     "nhân dân tỉnh cân đối, bố trí ngân sách nhà nước.\n\n- Sở Xây dựng, Sở Tài chính tổ chức rà soát cơ sở vật chất.",
     {("Công an tỉnh", "lead"), ("Sở Tài chính", "support"), ("Sở Xây dựng", "support")},
     {("Sở Xây dựng", "implementer"), ("Sở Tài chính", "implementer")}),
    ("an annex table's Cơ quan chủ trì / Cơ quan phối hợp columns (national QĐ 844/QĐ-TTg 2026)",
     "Số: 844/QĐ-TTg\n\nSTT\nTên nhiệm vụ cụ thể\nCơ quan chủ trì\nCơ quan phối hợp\nKết quả\nThời gian hoàn thành\n"
     "10. Xây dựng Luật Bảo hiểm y tế sửa đổi.\nBộ Y tế\nBộ Tài chính, Bộ\nTư pháp, các bộ, ngành, cơ quan, tổ chức có "
     "liên quan\nLuật Bảo hiểm y tế\nQuý I/2029\n26.\nBảo đảm việc kết nối, chia sẻ dữ liệu.\nBộ Công an, Ủy ban nhân "
     "dân cấp tỉnh\nBộ Tài chính, Bộ\nY tế, Cơ quan, đơn vị liên quan\nCác hoạt động được triển khai\nThường xuyên",
     {("Bộ Y tế", "lead"), ("Bộ Tài chính", "support"), ("Bộ Tư pháp", "support"), ("Bộ Công an", "lead")},
     {("Bộ Công an", "support")}),
    ("a decision's article names the body its items task (Tuyên Quang QĐ 986/QĐ-UBND 2024)",
     HEADER + "Điều 2. Giao Giám đốc Sở Giáo dục và Đào tạo\n\n1. Tổ chức chỉ đạo thực hiện hoàn thành Kế hoạch thời gian "
     "năm học 2024-2025 đúng quy định.\n\n2. Chủ trì, phối hợp với Chủ tịch Ủy ban nhân dân huyện, thành phố hướng dẫn "
     "và tổ chức thực hiện thống nhất.\n\nĐiều 3. Quyết định này có hiệu lực thi hành kể từ ngày ký.\n\nChánh Văn phòng "
     "Ủy ban nhân dân tỉnh, Giám đốc Sở Tài chính chịu trách nhiệm thi hành Quyết định này./.",
     {("Sở Giáo dục và Đào tạo", "implementer"), ("Sở Giáo dục và Đào tạo", "lead")},
     {("Văn phòng Ủy ban nhân dân tỉnh", "implementer"), ("Sở Tài chính", "implementer")}),
    ("a draft or excerpt without its number still assigns work (Hồ Chí Minh QĐ 3210/QĐ-UBND 2014, OCR header)",
     "ỦY B AN NHÂN D Â N T HÀNH P HỐ\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\nIII. TỔ CHỨC THỰC HIỆN\n\n2.4. Sở Kế hoạch "
     "và Đầu tư:\n\nCăn cứ Kế hoạch này để tổng hợp, bố trí vốn có mục tiêu cho Ủy ban nhân dân quận, huyện.\n\nĐề nghị "
     "Ủy ban Mặt trận Tổ quốc Việt Nam Thành phố, Hội Liên hiệp Phụ nữ Thành phố, Thành Đoàn... phát động các cuộc vận "
     "động, phối hợp với chính quyền các cấp trong vận động tạo thêm nguồn lực.",
     {("Sở Kế hoạch và Đầu tư", "implementer"), ("Thành Đoàn", "implementer"), ("Thành Đoàn", "support"),
      ("Hội Liên hiệp Phụ nữ thành phố", "support")}, set()),
    ("a subject after an opening phrase, not the rest of a list of issuers (Hồ Chí Minh QĐ 3210/QĐ-UBND 2014)",
     HEADER + "Trên cơ sở đề nghị của Sở Xây dựng và Sở Lao động - Thương binh và Xã hội, Sở Tài chính thẩm định và xác "
     "định nguồn kinh phí thực hiện.\n\nCăn cứ Thông tư liên tịch số 12/2015/TTLT-BYT-BTC của Bộ Y tế, Bộ Tài chính "
     "hướng dẫn quản lý kinh phí; Ủy ban nhân dân tỉnh ban hành Kế hoạch.",
     {("Sở Tài chính", "implementer")}, {("Bộ Tài chính", "implementer"), ("Sở Xây dựng", "implementer")}),
    ("the body a sentence's subject tells to work (the closing wording of Hà Tĩnh KH 624/KH-UBND 2025)",
     HEADER + "Ủy ban nhân dân tỉnh giao Sở Giáo dục và Đào tạo tổ chức kiểm tra, đánh giá tình hình thực hiện Chương "
     "trình trên địa bàn.",
     {("Sở Giáo dục và Đào tạo", "implementer")}, {("Ủy ban nhân dân tỉnh", "implementer")}),
    ("the standing body that also leads; a group after a name does not hide the cue",
     HEADER + "IV. TỔ CHỨC THỰC HIỆN\n\n1. Công an tỉnh\n\n- Là cơ quan thường trực, chủ trì, phối hợp với các sở, "
     "ngành liên quan hướng dẫn, đôn đốc, kiểm tra việc thực hiện Kế hoạch.\n\n4. Đề nghị Ủy ban MTTQ Việt Nam tỉnh và "
     "các tổ chức thành viên phối hợp tuyên truyền, vận động nhân dân.",
     {("Công an tỉnh", "standing"), ("Công an tỉnh", "lead"), ("Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "support")},
     {("Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "implementer")}),
    ("what a body is, and what a plan aims at, are no tasks",
     HEADER + "I. MỤC TIÊU\n\n1. Mục tiêu chung\n\nCông an tỉnh là lực lượng nòng cốt trong phòng, chống tội phạm.\n\n"
     "Sở Y tế bảo đảm 100% người nghiện được tư vấn.\n\nII. TỔ CHỨC THỰC HIỆN\n\nSở Y tế được giao tổ chức tư vấn "
     "cho người nghiện.",
     {("Sở Y tế", "implementer")}, {("Công an tỉnh", "implementer")}),
    ("'Quy chế phối hợp giữa …' names a document, not partners (wording of Cần Thơ KH 153/KH-UBND 2025)",
     HEADER + "8. Sở Công Thương\n\nb) Thực hiện nghiêm túc Quy chế phối hợp giữa Sở Công Thương và Công an tỉnh kiểm "
     "soát các hoạt động hợp pháp liên quan đến ma túy; phối hợp với Sở Tài chính bố trí kinh phí.",
     {("Sở Công Thương", "implementer"), ("Sở Công Thương", "support"), ("Sở Tài chính", "support")},
     {("Công an tỉnh", "support")}),
    ("a role written in brackets after a name",
     HEADER + "- Cơ quan thực hiện: Sở Y tế (chủ trì), Sở Tài chính, Công an tỉnh (phối hợp).\n\n3. Sở Văn hóa, Thể thao "
     "và Du lịch (chủ trì), Sở Thông tin và Truyền thông (phối hợp) tổ chức các hoạt động tuyên truyền.",
     {("Sở Y tế", "lead"), ("Công an tỉnh", "support"), ("Sở Văn hóa, Thể thao và Du lịch", "lead"),
      ("Sở Thông tin và Truyền thông", "support")},
     {("Sở Y tế", "implementer"), ("Sở Thông tin và Truyền thông", "implementer")}),
    ("a name alone on an unnumbered line is a list's item; with ':' it heads tasks",
     HEADER + "Thành phần Đoàn kiểm tra gồm:\nSở Công Thương\nCông an tỉnh\nNội dung kiểm tra việc sử dụng vật liệu "
     "nổ công nghiệp.\n\nSở Y tế:\n- Tổ chức khám sàng lọc cho người lao động.",
     {("Sở Y tế", "implementer")}, {("Công an tỉnh", "implementer"), ("Sở Công Thương", "implementer")}),
    ("recipients, cited documents' issuers and reports are no assignments",
     HEADER + "Thực hiện Văn bản số 4250/BNNMT-ĐCKS ngày 29/4/2026 của Bộ Nông nghiệp và Môi trường.\n\nLực lượng Công "
     "an đã tập trung nắm tình hình, rà soát các cơ sở kinh doanh có điều kiện.\n\nNơi nhận:\n- Bộ Công an;\n- Sở Tư "
     "pháp;\n- Thuế tỉnh Lào Cai;\n- Lưu: VT.",
     set(), {("Bộ Nông nghiệp và Môi trường", "implementer"), ("Công an tỉnh", "implementer"),
             ("Sở Tư pháp", "implementer"), ("Thuế tỉnh Lào Cai", "implementer")}),
    ("a report section tells what was done; a members' list assigns no task",
     HEADER + "BÁO CÁO\nI. KẾT QUẢ THỰC HIỆN NĂM 2020\n\nCông an tỉnh chủ trì, phối hợp với Sở Y tế tổ chức 5 đợt kiểm "
     "tra.\n\nII. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2021\n\nSở Y tế chủ trì tổ chức tập huấn cho cán bộ y tế cơ sở.\n\n"
     "Thành phần Đoàn kiểm tra:\n- Sở Tư pháp: 01 đồng chí;",
     {("Sở Y tế", "lead")}, {("Công an tỉnh", "lead"), ("Sở Y tế", "support"), ("Sở Tư pháp", "implementer")}),
    ("a news page names roles by their cues, assigns no implementer (Lạng Sơn news 2020)",
     "Ban Chỉ đạo 138 tỉnh đã ban hành Kế hoạch số 18/KH-BCĐ. Ban chỉ đạo giao Công an tỉnh là Cơ quan Thường trực "
     "Chương trình 130/CP giúp UBND tỉnh kiểm tra, đôn đốc. Sở Tư pháp tăng cường tuyên truyền pháp luật.",
     {("Công an tỉnh", "standing")}, {("Sở Tư pháp", "implementer")}),
]


@pytest.mark.parametrize("what, text, present, absent", CASES, ids=[c[0][:60] for c in CASES])
def test_roles_by_layout(what, text, present, absent):
    found = _roles(text)
    assert present <= found, f"{what}: missing {present - found}"
    assert not (absent & found), f"{what}: should not be there {absent & found}"


def test_the_langson_2019_plan_assigns_each_body_its_roles():
    found = _roles(SAMPLES / "langson-2019-kh23.md")
    expected = {
        ("Sở Thông tin và Truyền thông", "lead"), ("Hội Liên hiệp Phụ nữ tỉnh", "lead"), ("Công an tỉnh", "lead"),
        ("Công an tỉnh", "standing"), ("Bộ đội Biên phòng tỉnh", "implementer"),
        ("Sở Lao động, Thương binh và Xã hội", "lead"), ("Sở Tư pháp", "lead"), ("Sở Ngoại vụ", "lead"),
    }
    assert expected <= found
    # neither the issuer (Ban Chỉ đạo 138 tỉnh) nor the issuers of cited documents, nor recipients
    names = {name for name, _ in found}
    assert not names & {"Ban Chỉ đạo 138 tỉnh", "Ban Chỉ đạo 138/CP", "Cục Cảnh sát hình sự", "Bộ Công an"}


def test_tasks_province_span_and_why():
    record = plancli.extract(SAMPLES / "langson-2019-kh23.md", explain=True)
    police = [a for a in record.agencies if a.name == "Công an tỉnh" and a.role == "lead"][0]
    assert police.province == "Lạng Sơn"
    assert police.task == police.tasks[0] and len(police.tasks) >= 2
    assert any(t.startswith("tổ chức rà soát, nghiên cứu, sơ kết") for t in police.tasks)
    information = [a for a in record.agencies if a.name == "Sở Thông tin và Truyền thông"][0]
    assert information.task.startswith("tiếp tục duy trì, xây dựng mới các chuyên trang")
    assert record.text[information.span.start:information.span.end] == information.mention
    steps = record.to_dict()["agencies"][0]["why"]
    assert steps[0]["rule"].startswith("rules/agencies.yaml:") and "role" in steps[1]["note"]


def test_the_2020_news_names_the_standing_body_only():
    assert _roles(SAMPLES / "langson-2020-news-kh18.txt") == {("Công an tỉnh", "standing")}


def test_reports_and_news_without_assignments():
    for name in ("national-2018-news-ct130.txt", "province-2020-report-30-7.txt", "tiengiang-2019-news-kh37.txt"):
        assert _roles(SAMPLES / name) == set(), name


def test_a_city_plan_listing_tasks_under_each_body():
    found = _roles(SAMPLES / "cantho-2025-kh153-ma-tuy.txt")
    assert {("Công an thành phố", "lead"), ("Sở Y tế", "lead"), ("Sở Tài chính", "support"),
            ("Chi cục Hải quan khu vực XIX", "implementer"), ("Ban Tuyên giáo và Dân vận Thành ủy", "implementer")} <= found
    assert not {name for name, _ in found if name.endswith(" tỉnh")}
