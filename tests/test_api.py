"""The Python API researchers use from notebooks."""
from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SAMPLES

import plancli
from plancli.errors import InputError
from plancli.model import Record


def test_extract_a_path_a_name_or_text():
    by_path = plancli.extract(SAMPLES / "langson-2020-news-kh18.txt")
    by_name = plancli.extract(str(SAMPLES / "langson-2020-news-kh18.txt"))
    assert isinstance(by_path, Record)
    assert by_path.to_dict() == by_name.to_dict()
    assert by_path.source.format == "txt"
    text = plancli.extract("Ít nhất 50% người dân tại các địa bàn trọng điểm được tiếp cận thông tin.")
    assert text.source.path == "<text>" and text.source.format == "text"
    assert text.text.startswith("Ít nhất 50%")


def test_to_dict_is_the_output_contract():
    data = plancli.extract(SAMPLES / "langson-2019-kh23.md").to_dict()
    assert list(data) == ["schema", "source", "document", "objectives", "targets", "agencies", "citations", "warnings"]
    assert data["schema"] == "plancli.extract/1"
    assert set(data["document"]) == {"doc_type", "number", "issue_date", "issuer", "level", "province", "year",
                                     "period", "title"}


def test_rules_and_only(tmp_path):
    (tmp_path / "extra.yaml").write_text("cues:\n  issuing_verbs: [ban hành]\n", encoding="utf-8")
    record = plancli.extract(SAMPLES / "langson-2019-kh23.md", rules=[tmp_path], only=["targets"])
    assert "targets" in record.to_dict() and "agencies" not in record.to_dict()
    with pytest.raises(ValueError, match="unknown kind"):
        plancli.extract(SAMPLES / "langson-2019-kh23.md", only=["muc-tieu"])


def test_a_missing_path_object_is_an_input_error():
    with pytest.raises(InputError, match="no such file"):
        plancli.extract(Path("khong-co.txt"))
