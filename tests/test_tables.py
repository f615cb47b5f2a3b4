"""Annex tables: each row's task goes with the bodies that lead and support it (DOCX and text)."""
from __future__ import annotations

import json
import sys

import pytest
from conftest import FIXTURES

from plancli.cli import main
from plancli.extract import extract_bytes
from plancli.loaders import load_bytes

ANNEX = FIXTURES / "tables" / "annex.docx"
sys.path.insert(0, str(FIXTURES))
import make_table_fixtures  # noqa: E402  (the generator of annex.docx)


def _roles(agencies) -> set[tuple[str, str, str]]:
    """(name, role, first words of each task) of every agency."""
    return {(a["name"], a["role"], " ".join(task.split()[:4])) for a in agencies for task in a["tasks"]}


def test_a_row_of_paragraph_cells_is_one_line_of_cells():
    lines = load_bytes(ANNEX.read_bytes(), "docx", str(ANNEX)).raw.split("\n")
    row = next(line for line in lines if line.startswith("11.\t"))
    # the task written over two paragraphs, and the two lead bodies of two paragraphs, each in one cell
    assert row.split("\t") == [
        "11.",
        "Từng bước triển khai phân luồng người bệnh giữa các cấp chuyên môn kỹ thuật khám bệnh, chữa bệnh "
        "để giảm điều trị các bệnh lý nhẹ, bệnh thông thường ở cơ sở khám bệnh, chữa bệnh cấp chuyên sâu",
        "Bộ Y tế, Sở Y tế đối với địa phương",
        "Cơ sở khám bệnh, chữa bệnh, cơ quan, đơn vị liên quan",
        "Đề án/kế hoạch triển khai",
        "Từ quý II/2027",
    ]


def test_a_two_column_header_table_keeps_its_lines():
    lines = load_bytes(ANNEX.read_bytes(), "docx", str(ANNEX)).raw.split("\n")
    assert "Số: 844/QĐ-TTg" in lines and "Hà Nội, ngày 13 tháng 5 năm 2026" in lines
    record = extract_bytes(ANNEX.read_bytes(), str(ANNEX), only=["agencies"])
    assert (record.document.number, record.document.issuer, record.document.issue_date) == \
        ("844/QĐ-TTg", "Thủ tướng Chính phủ", "2026-05-13")


def test_plancli_extract_gives_each_rows_lead_and_support(runner):
    result = runner.invoke(main, ["extract", str(ANNEX), "--only", "agencies", "-f", "json"])
    assert result.exit_code == 0, result.output
    roles = _roles(json.loads(result.stdout)["agencies"])
    assert roles == {
        ("Bộ Tài chính", "lead", "Đổi mới nội dung,"),
        ("Bộ Tài chính", "lead", "Xây dựng Đề án"),
        ("Bộ Y tế", "support", "Xây dựng Đề án"),
        ("Bộ Y tế", "lead", "Xây dựng Luật Bảo"),
        ("Bộ Tài chính", "support", "Xây dựng Luật Bảo"),
        ("Bộ Tư pháp", "support", "Xây dựng Luật Bảo"),
        ("Bộ Y tế", "lead", "Từng bước triển khai"),
        ("Sở Y tế", "lead", "Từng bước triển khai"),
        # Nghị quyết 175's table: the supporters of each row, numbered "(1) … (2) …" in their cell
        ("Văn phòng Chính phủ", "support", "Ban hành hoặc trình"),
        ("Bộ Tư pháp", "support", "Tham mưu Chính phủ"),
        ("Văn phòng Chính phủ", "support", "Tham mưu Chính phủ"),
        ("Bộ Công an", "support", "Tham mưu Chính phủ"),
    }


def test_the_committed_fixture_is_what_the_generator_builds(tmp_path):
    rebuilt = tmp_path / "annex.docx"
    make_table_fixtures.build().save(rebuilt)
    assert load_bytes(rebuilt.read_bytes(), "docx", "a").raw == load_bytes(ANNEX.read_bytes(), "docx", "b").raw


HEADER = ("ỦY BAN NHÂN DÂN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỈNH LÀO CAI\tĐộc lập - Tự do - Hạnh phúc\n"
          "Số: 12/KH-UBND\tLào Cai, ngày 10 tháng 3 năm 2026\nKẾ HOẠCH\nPhòng, chống mua bán người năm 2026\n"
          "PHỤ LỤC\n")
ROWS = [("1", "Tuyên truyền phòng, chống mua bán người trên địa bàn tỉnh", "Công an tỉnh",
         "Sở Y tế, Sở Nội vụ; Các sở, ngành liên quan", "Quý II/2026"),
        ("2", "Tiếp nhận, hỗ trợ nạn nhân bị mua bán trở về", "Sở Y tế",
         "- Công an tỉnh - Bộ đội Biên phòng tỉnh", "Thường xuyên")]
EXPECTED = {
    ("Công an tỉnh", "lead", "Tuyên truyền phòng, chống"),
    ("Sở Y tế", "support", "Tuyên truyền phòng, chống"),
    ("Sở Nội vụ", "support", "Tuyên truyền phòng, chống"),
    ("Sở Y tế", "lead", "Tiếp nhận, hỗ trợ"),
    ("Công an tỉnh", "support", "Tiếp nhận, hỗ trợ"),
    ("Bộ đội Biên phòng tỉnh", "support", "Tiếp nhận, hỗ trợ"),
}


@pytest.mark.parametrize("columns", [
    ("STT", "Nội dung", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian"),
    ("TT", "Nội dung công việc", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời gian hoàn thành"),
    ("STT", "Nhiệm vụ", "Chủ trì", "Phối hợp", "Thời gian thực hiện"),
])
def test_a_tab_separated_annex_table(columns):
    text = HEADER + "\n".join("\t".join(row) for row in [columns, *ROWS])
    record = extract_bytes(text.encode("utf-8"), "kh12.txt", only=["agencies"]).to_dict()
    # "Các sở, ngành liên quan" is a group of bodies, not an agency
    assert _roles(record["agencies"]) == EXPECTED

