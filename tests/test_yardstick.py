"""The yardstick on the 39-document development set (``../shared/eval``) holds
the figures reached: each field has a floor, and a change that drops below one
fails here, so CI keeps what was won. Raise a floor when a field improves.

These are development figures; unseen plans decide. A floor holds ground, it is
not a reason to tune rules to these texts.
"""
from __future__ import annotations

import pytest
from conftest import SHARED, shared_scores

EVAL = SHARED / "eval"

# micro F1 per field, and accuracy per document field: a little under what the code reaches
# (objectives 1.00, targets_strict 0.99, agencies 0.997, citations 1.00, every document field 1.00)
# so that one more or one fewer optional item does not fail CI, while a real loss does
F1_FLOORS = {
    "objectives": 0.98,
    "targets": 0.98,
    "targets_strict": 0.97,
    "agencies": 0.98,
    "citations_numbered": 0.98,
    "citations_strict": 0.98,
    "citations_named": 0.98,
}
DOCUMENT_FLOORS = {
    "doc_type": 0.97,
    "number": 0.97,
    "issue_date": 0.97,
    "issuer": 0.97,
    "level": 0.97,
    "province": 0.97,
    "year": 0.97,
}


@pytest.fixture(scope="module")
def scores() -> dict:
    return shared_scores("score.py", "extract --format jsonl -q", "--gold", str(EVAL / "gold"))


def test_every_development_document_has_a_record(scores):
    assert scores["documents"] >= 39
    assert scores["missing_predictions"] == []


@pytest.mark.parametrize("field", F1_FLOORS)
def test_field_f1_holds_its_floor(scores, field):
    f1 = scores["micro"][field]["f1"]
    assert f1 >= F1_FLOORS[field], (f"{field}: F1 {f1:.3f} fell below its floor {F1_FLOORS[field]}; "
                                    "run score.py --misses to see what was lost")


@pytest.mark.parametrize("field", DOCUMENT_FLOORS)
def test_document_field_accuracy_holds_its_floor(scores, field):
    accuracy = scores["document_fields"][field]
    assert accuracy >= DOCUMENT_FLOORS[field], (f"document.{field}: accuracy {accuracy:.3f} fell below its floor "
                                                f"{DOCUMENT_FLOORS[field]}; run score.py --misses")
