"""HTML → the page's main text with trafilatura (menus, scripts, footers dropped).

The page's declared charset is honoured; without one the bytes go through the
same detection as text files. When trafilatura finds no main content (a very
short page), all of the page's visible text is used instead, with a warning.
"""
from __future__ import annotations

import codecs
import re

from ..model import RecordWarning
from . import LoadedText
from .encodings import decode_text

_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_-]+)""", re.IGNORECASE)


def _decode_html(data: bytes, path: str, warnings: list[RecordWarning]) -> tuple[str, str]:
    declared = _CHARSET_RE.search(data[:4096])
    if declared:
        name = declared.group(1).decode("ascii").lower()
        try:
            codecs.lookup(name)
        except LookupError:
            pass
        else:
            return data.decode(name, errors="replace"), name
    return decode_text(data, path, warnings)


def load_html(data: bytes, path: str) -> LoadedText:
    import trafilatura  # heavy: imported only for web pages

    warnings: list[RecordWarning] = []
    markup, encoding = _decode_html(data, path, warnings)
    extracted = trafilatura.bare_extraction(markup, include_comments=False, include_tables=True,
                                            favor_recall=True, deduplicate=False, with_metadata=True)
    text = extracted.text if extracted is not None else None
    if not text:
        text = trafilatura.html2txt(markup) or ""
        warnings.append(RecordWarning("no-main-text", "no main article found in the page; all its visible text was read"))
        title = None
    else:
        title = extracted.title
    if title and title.strip() and title.strip() not in text[:500]:
        text = title.strip() + "\n\n" + text
    return LoadedText(text, "html", encoding, None, warnings)
