"""Repair the text Tesseract gives before extraction reads it.

``repair_ocr_text(text, rules)`` is applied to the pages that were OCR'd, and
only to them.
"""
from __future__ import annotations

from ..ruleset import RuleSet


def repair_ocr_text(text: str, rules: RuleSet) -> str:
    """The OCR'd ``text`` with the errors the rules know how to undo undone."""
    return text
