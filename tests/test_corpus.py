"""plancli over every real document we have: nothing crashes, every output is sane."""
from __future__ import annotations

import re
import unicodedata

import pytest
from conftest import CORPUS, EVAL_DOCS, SAMPLES, check_record

import plancli

DOCUMENTS = sorted(SAMPLES.iterdir()) + sorted(CORPUS.glob("*.txt")) + sorted(EVAL_DOCS.glob("*"))
_ITEM = re.compile(r"^(?:[a-zđ]/?[).]|[-+•*])")


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_document_extracts_to_a_sane_record(path, schema_validator):
    record = plancli.extract(path)
    check_record(record.to_dict(), schema_validator)
    text = record.text
    assert len(text) > 0.6 * len(path.read_text(encoding="utf-8").split("\n\n")[-1]) or len(text) > 500
    assert text == unicodedata.normalize("NFC", text)
    assert not set(text) & set("\r\u00a0\u200b\u2044\u00ad")
    assert record.warnings == []
    # after rejoining, hardly any line starts in lower case (a sentence cut in two);
    # the few left are cells of tables laid out with spaces
    lines = [ln for ln in text.split("\n") if ln.strip()]
    cut = [ln for ln in lines if ln[:1].islower() and not _ITEM.match(ln)]
    assert len(cut) <= max(3, len(lines) // 30), cut[:3]


def test_the_development_set_is_in_samples():
    if not EVAL_DOCS.exists():
        pytest.skip("shared/ is not beside this checkout")
    for doc in EVAL_DOCS.iterdir():
        assert (SAMPLES / doc.name).read_bytes() == doc.read_bytes()
