"""Agencies and their roles on the real samples."""
from __future__ import annotations

from conftest import SAMPLES

import plancli


def _roles(name):
    return {(a.name, a.role) for a in plancli.extract(SAMPLES / name).agencies}


def test_the_langson_2019_plan_assigns_each_body_its_roles():
    found = _roles("langson-2019-kh23.md")
    expected = {
        ("Sở Thông tin và Truyền thông", "lead"), ("Hội Liên hiệp Phụ nữ tỉnh", "lead"), ("Công an tỉnh", "lead"),
        ("Công an tỉnh", "standing"), ("Bộ đội Biên phòng tỉnh", "implementer"),
        ("Sở Lao động, Thương binh và Xã hội", "lead"), ("Sở Tư pháp", "lead"), ("Sở Ngoại vụ", "lead"),
    }
    assert expected <= found
    # neither the issuer (Ban Chỉ đạo 138 tỉnh) nor the issuers of cited documents, nor recipients
    names = {name for name, _ in found}
    assert not names & {"Ban Chỉ đạo 138 tỉnh", "Ban Chỉ đạo 138/CP", "Cục Cảnh sát hình sự", "Bộ Công an"}


def test_tasks_and_province():
    agencies = plancli.extract(SAMPLES / "langson-2019-kh23.md").agencies
    police = [a for a in agencies if a.name == "Công an tỉnh" and a.role == "lead"][0]
    assert police.province == "Lạng Sơn"
    assert len(police.tasks) == 2 and police.task == police.tasks[0]
    assert police.tasks[1].startswith("tổ chức rà soát, nghiên cứu, sơ kết")
    information = [a for a in agencies if a.name == "Sở Thông tin và Truyền thông"][0]
    assert information.task.startswith("tiếp tục duy trì, xây dựng mới các chuyên trang")
    text = plancli.extract(SAMPLES / "langson-2019-kh23.md").text
    assert text[information.span.start:information.span.end] == information.mention


def test_the_2020_news_names_the_standing_body_only():
    assert _roles("langson-2020-news-kh18.txt") == {("Công an tỉnh", "standing")}


def test_reports_and_news_without_assignments():
    for name in ("national-2018-news-ct130.txt", "province-2020-report-30-7.txt", "tiengiang-2019-news-kh37.txt"):
        assert _roles(name) == set(), name


def test_a_plan_listing_tasks_under_each_body():
    found = _roles("cantho-2025-kh153-ma-tuy.txt")
    assert ("Công an thành phố", "lead") in found and ("Sở Y tế", "lead") in found
    assert ("Sở Tài chính", "support") in found
