"""Which two targets measure the same thing (``compare``, ``diff``, ``check``).

Two targets align when they share an ``indicator`` id; targets without one are
matched by their subjects — word-level similarity (rapidfuzz's Indel ratio over
underthesea words, diacritics kept, case ignored) of at least
``SIMILARITY_THRESHOLD``. The threshold is set between true pairs ("người dân
tại các địa bàn trọng điểm, đặc biệt là phụ nữ, trẻ em" / "người dân tại các
địa bàn": 62) and near misses ("số xã thuộc địa bàn trọng điểm có mô hình
chuyên sâu" / "số xã, thị trấn trên toàn tỉnh có mô hình lồng ghép": 47); tests
hold both sides.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .model import Target

SIMILARITY_THRESHOLD = 55


@dataclass(frozen=True)
class Alignment:
    """Why two targets were aligned: ``by`` "indicator" (the same catalog id) or
    "subject" (subjects alike, ``score`` 0–100)."""

    by: str
    score: float | None = None
    indicator: str | None = None

    def to_dict(self) -> dict:
        return {"by": self.by, "score": None if self.score is None else round(self.score, 1),
                "indicator": self.indicator}


@lru_cache(maxsize=4096)
def subject_words(subject: str) -> tuple[str, ...]:
    """The subject's words (underthesea), lowercased, punctuation left out."""
    from .normalize import word_spans

    return tuple(w.text.casefold() for w in word_spans(subject) if any(c.isalnum() for c in w.text))


def subject_similarity(a: str | None, b: str | None) -> float:
    """0–100: how alike two subjects are, word by word."""
    from rapidfuzz import fuzz

    if not a or not b:
        return 0.0
    return fuzz.ratio(subject_words(a), subject_words(b))


def align(a: Target, b: Target) -> Alignment | None:
    """Why ``a`` and ``b`` measure the same thing, or None when they do not."""
    if a.indicator or b.indicator:
        return Alignment("indicator", indicator=a.indicator) if a.indicator == b.indicator else None
    if a.unit != b.unit:
        return None
    score = subject_similarity(a.subject, b.subject)
    return Alignment("subject", score) if score >= SIMILARITY_THRESHOLD else None


def same_target(a: Target, b: Target) -> bool:
    return align(a, b) is not None
