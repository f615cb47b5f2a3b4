"""PDF → text through pdfplumber, page by page.

Pages are joined by form feeds so that spans know their page. A page with no
text at all (a scan) gives ``no-text-layer``; a page whose font has no Unicode
map (pdfplumber prints its glyphs as ``(cid:N)``, and the rest as wrong
letters) gives ``unmapped-font`` and its text is left out, instead of passing
garbage on to the extractors.
"""
from __future__ import annotations

import contextlib
import io
import logging
import re

from ..errors import InputError
from ..model import RecordWarning
from ..normalize import PAGE_BREAK
from . import LoadedText
from .pdf_layout import page_text

_CID_RE = re.compile(r"\(cid:\d+\)")


def _page_list(pages: list[int]) -> str:
    return ("page " if len(pages) == 1 else "pages ") + ", ".join(map(str, pages))


def load_pdf(data: bytes, path: str, max_pages: int = 1000) -> LoadedText:
    import pdfplumber  # heavy: imported only for PDFs

    # pdfminer logs every oddity of a damaged file on stderr; plancli reports
    # what matters itself, in one line per file
    for name in ("pdfminer", "pdfplumber"):
        logging.getLogger(name).setLevel(logging.CRITICAL)

    if not data.lstrip()[:5].startswith(b"%PDF"):
        raise InputError(path, "is not a PDF file (it does not start with %PDF); check the file or its extension")
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except Exception as exc:  # pdfminer raises many types; all mean "cannot open"
        raise InputError(path, _open_problem(exc)) from None
    texts: list[str] = []
    scanned: list[int] = []
    unmapped: list[int] = []
    try:
        try:
            if len(pdf.pages) > max_pages:
                raise InputError(path, f"has {len(pdf.pages)} pages, more than the limit of {max_pages}; "
                                       "raise it with --max-pages")
            for number, page in enumerate(pdf.pages, start=1):
                text = page_text(page)
                cids = _CID_RE.findall(text)
                if cids:
                    unmapped.append(number)
                    # glyphs of such a font that do come out are wrong letters too: when
                    # they are more than a few, none of the page's text can be trusted
                    rest = _CID_RE.sub("", text)
                    text = "" if len(cids) > 0.05 * max(1, len(rest.split()) + len(cids)) else rest
                # a scan may still carry a printed page number as text
                if sum(c.isalpha() for c in text) < 10 and not cids and (page.images or not text.strip()):
                    scanned.append(number)
                texts.append(text)
        except InputError:
            raise
        except Exception as exc:
            raise InputError(path, f"the PDF is damaged and cannot be read to the end ({type(exc).__name__}: {exc})") from None
    finally:
        # closing a damaged PDF can fail again: that must not hide the error above
        with contextlib.suppress(Exception):
            pdf.close()
    warnings = []
    if scanned:
        verb = "has" if len(scanned) == 1 else "have"
        warnings.append(RecordWarning("no-text-layer", f"{_page_list(scanned)} of {len(texts)} {verb} "
                                      "no text layer (scanned images?); run OCR to read them"))
    if unmapped:
        warnings.append(RecordWarning("unmapped-font", f"{_page_list(unmapped)}: fonts without a Unicode map "
                                      "(the PDF prints (cid:N)); their text was left out rather than read wrong"))
    return LoadedText(("\n" + PAGE_BREAK).join(texts), "pdf", None, len(texts), warnings)


def _open_problem(exc: Exception) -> str:
    described = f"{type(exc).__name__} {exc!r} {exc.args!r}".lower()
    if "password" in described or "encrypt" in described:
        return "the PDF is encrypted; remove the password first (e.g. qpdf --decrypt in.pdf out.pdf)"
    return f"is not a readable PDF ({type(exc).__name__}: {exc or 'damaged or truncated file'})"
