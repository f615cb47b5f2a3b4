"""PDF → text through pdfplumber, page by page, and OCR for the pages without text.

Pages are joined by form feeds so that spans know their page. A page with no
text at all (a scan) and a page whose font has no Unicode map (pdfplumber
prints its glyphs as ``(cid:N)``, and the rest as wrong letters) are read by
OCR (``ocr.py``) under ``--ocr auto``, the default, when Tesseract is
installed, and every page is under ``--ocr always``; OCR'd pages give the
warning ``ocr``. Otherwise such a page gives ``no-text-layer`` or
``unmapped-font`` and its text is left out, instead of passing garbage on to
the extractors.
"""
from __future__ import annotations

import contextlib
import io
import logging
import re

from ..errors import InputError
from ..model import OcrInfo, RecordWarning
from ..normalize import PAGE_BREAK
from . import LoadedText
from .ocr import ENGINE, LANGUAGE, MODES, OcrUnavailable, find_engine, read_pages
from .pdf_layout import page_text

_CID_RE = re.compile(r"\(cid:\d+\)")


def _page_list(pages: list[int]) -> str:
    return ("page " if len(pages) == 1 else "pages ") + ", ".join(map(str, pages))


def load_pdf(data: bytes, path: str, max_pages: int = 1000, ocr: str = "never") -> LoadedText:
    """The text of every page; ``ocr`` is ``auto``, ``always`` or ``never`` (see the module)."""
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
                # a form feed separates pages: one inside a page's text is a line break
                texts.append(text.replace(PAGE_BREAK, "\n"))
        except InputError:
            raise
        except Exception as exc:
            raise InputError(path, f"the PDF is damaged and cannot be read to the end ({type(exc).__name__}: {exc})") from None
    finally:
        # closing a damaged PDF can fail again: that must not hide the error above
        with contextlib.suppress(Exception):
            pdf.close()
    read, warnings = _read_by_ocr(data, texts, scanned, unmapped, ocr)
    scanned = [n for n in scanned if read is None or n not in read.pages]
    unmapped = [n for n in unmapped if read is None or n not in read.pages]
    if scanned:
        verb = "has" if len(scanned) == 1 else "have"
        warnings.insert(0, RecordWarning("no-text-layer", f"{_page_list(scanned)} of {len(texts)} {verb} "
                                         f"no text layer (scanned images?); {_unread_hint(ocr)}"))
    if unmapped:
        warnings.insert(1 if scanned else 0, RecordWarning(
            "unmapped-font", f"{_page_list(unmapped)}: fonts without a Unicode map (the PDF prints (cid:N)); "
                             f"their text was left out rather than read wrong; {_unread_hint(ocr)}"))
    return LoadedText(("\n" + PAGE_BREAK).join(texts), "pdf", None, len(texts), warnings, read)


def _unread_hint(ocr: str) -> str:
    """How the pages that were left out could be read."""
    if ocr == "never":
        return "read them by OCR with --ocr auto"
    try:
        find_engine()
    except OcrUnavailable as exc:
        return f"they could not be read by OCR: {exc}"
    return "OCR could not read them either (see ocr-failed)"


def _read_by_ocr(data: bytes, texts: list[str], scanned: list[int], unmapped: list[int],
                 ocr: str) -> tuple[OcrInfo | None, list[RecordWarning]]:
    """Put the OCR'd text of the pages ``ocr`` asks for into ``texts``; which pages were read."""
    if ocr not in MODES:
        raise ValueError(f"unknown OCR mode {ocr!r}; choose from {', '.join(MODES)}")
    wanted = list(range(1, len(texts) + 1)) if ocr == "always" else sorted(set(scanned + unmapped)) if ocr == "auto" \
        else []
    if not wanted:
        return None, []
    try:
        engine = find_engine()
    except OcrUnavailable:
        if ocr == "always":
            raise
        return None, []  # the pages stay unread: their warnings say how to install Tesseract
    read, failed = read_pages(data, wanted, engine)
    for number, text in read.items():
        texts[number - 1] = text.replace(PAGE_BREAK, "\n")
    warnings = []
    if read:
        pages = sorted(read)
        warnings.append(RecordWarning("ocr", f"{_page_list(pages)} of {len(texts)} read by OCR ({ENGINE} "
                                             f"{engine.version}, {LANGUAGE}); check the values taken from "
                                             f"{'it' if len(pages) == 1 else 'them'} against the original"))
    for number, problem in sorted(failed.items()):
        kept = "" if number in scanned or number in unmapped else "; its text layer was used instead"
        warnings.append(RecordWarning("ocr-failed", f"page {number} could not be read by OCR: {problem}{kept}"))
    return (engine.info(sorted(read)) if read else None), warnings


def _open_problem(exc: Exception) -> str:
    described = f"{type(exc).__name__} {exc!r} {exc.args!r}".lower()
    if "password" in described or "encrypt" in described:
        return "the PDF is encrypted; remove the password first (e.g. qpdf --decrypt in.pdf out.pdf)"
    return f"is not a readable PDF ({type(exc).__name__}: {exc or 'damaged or truncated file'})"
