"""One PDF page → its text in reading order (pdfplumber's page object in, a string out).

``page_text`` is where the layout of a page is read: the PDF loader calls it for
every page that has a text layer.
"""
from __future__ import annotations


def page_text(page) -> str:
    """The text of a pdfplumber page, lines in reading order."""
    return page.extract_text() or ""
