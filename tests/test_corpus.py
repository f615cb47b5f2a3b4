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
    # a citation dated after its document is reported (a typo in the source), nothing else
    assert {w.code for w in record.warnings} <= {"citation-after-document"}
    for citation in record.citations:
        quoted = text[citation.span.start:citation.span.end]
        assert quoted == citation.text
        if citation.number:
            # a symbol broken after its hyphen reads "132- KL/TW" in the text, 132-KL/TW in the record
            assert citation.number.split("/")[0].lstrip("0") in "".join(quoted.split())
    document = record.document
    if document.number:
        assert re.fullmatch(r"\d+[\w/&.-]*", document.number), document.number
    if document.year:
        assert 1990 <= document.year <= 2035
    # after rejoining, hardly any line starts in lower case (a sentence cut in two);
    # the few left are cells of tables laid out with spaces
    lines = [ln for ln in text.split("\n") if ln.strip()]
    cut = [ln for ln in lines if ln[:1].islower() and not _ITEM.match(ln)]
    assert len(cut) <= max(3, len(lines) // 30), cut[:3]


def test_a_citation_dated_after_the_plan_is_a_warning():
    # Cần Thơ KH 153 (17/11/2025) cites Nghị quyết 163/2024/QH15 as of 27/11/2025: a typo for 2024
    record = plancli.extract(SAMPLES / "cantho-2025-kh153-ma-tuy.txt")
    assert record.document.issue_date == "2025-11-17"
    warning = next(w for w in record.warnings if w.code == "citation-after-document")
    assert "163/2024/QH15" in warning.message
    cited = next(c for c in record.citations if c.number == "163/2024/QH15")
    assert cited.issue_date is None


def test_samples_are_the_texts_of_the_development_set():
    """A sample named like a development document is that document, byte for byte
    (the five first ones all are), so tests on samples test what the yardstick scores."""
    if not EVAL_DOCS.exists():
        pytest.skip("shared/ is not beside this checkout")
    shared = [doc for doc in EVAL_DOCS.iterdir() if (SAMPLES / doc.name).exists()]
    assert len(shared) >= 5
    for doc in shared:
        assert (SAMPLES / doc.name).read_bytes() == doc.read_bytes()
