"""Bytes → text, one loader per input format (SPEC §1).

``load_bytes(data, fmt, path)`` returns a ``LoadedText``: the raw text before
normalisation (pages separated by a form feed), how it was encoded, its page
count, the pages read by OCR (``ocr``: PDF pages without a text layer, see
``ocr.py``) and the warnings the loader raised. ``input_paths`` expands the paths a
user gave (folders → every supported file below, sorted).
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError
from ..model import OcrInfo, RecordWarning
from .encodings import decode_text

FORMATS = {".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md", ".pdf": "pdf",
           ".docx": "docx", ".html": "html", ".htm": "html"}
STDIN = "-"


@dataclass
class LoadedText:
    raw: str
    format: str
    encoding: str | None = None
    pages: int | None = None
    warnings: list[RecordWarning] = field(default_factory=list)
    # the pages read by OCR and by what (``source.ocr`` of the record), or None
    ocr: OcrInfo | None = None

    @property
    def ocr_pages(self) -> list[int]:
        """The 1-based numbers of the pages whose text Tesseract read."""
        return self.ocr.pages if self.ocr is not None else []


def format_of(path: str) -> str:
    """The input format of ``path`` from its extension; InputError if unsupported."""
    if path == STDIN:
        return "stdin"
    fmt = FORMATS.get(Path(path).suffix.lower())
    if fmt is None:
        raise InputError(path, f"unsupported file type {Path(path).suffix or '(no extension)'!r}; "
                               f"plancli reads {', '.join(sorted(set(FORMATS)))}")
    return fmt


def load_bytes(data: bytes, fmt: str, path: str, max_pages: int = 1000, ocr: str = "never") -> LoadedText:
    """Read ``data`` as format ``fmt``; ``path`` names the input in errors.

    ``ocr`` (``auto``, ``always`` or ``never``) says which pages of a PDF are read
    by OCR; here it defaults to none, the pipeline (``extract``) to ``auto``."""
    if fmt == "pdf":
        from .pdf import load_pdf

        return load_pdf(data, path, max_pages, ocr)
    if fmt == "docx":
        from .docx import load_docx

        return load_docx(data, path)
    if fmt == "html":
        from .html import load_html

        return load_html(data, path)
    warnings: list[RecordWarning] = []
    text, encoding = decode_text(data, path, warnings)
    if fmt == "md" or looks_like_markdown(text):
        text = strip_markdown(text)
    return LoadedText(text, fmt, encoding, warnings=warnings)


def input_paths(paths: list[str]) -> list[str]:
    """Files to read, in order: each file as given, each folder's supported files
    sorted, ``-`` for standard input. Paths that do not exist are kept, so that
    reading them reports the error in its turn."""
    out: list[str] = []
    for path in paths:
        if path != STDIN and os.path.isdir(path):
            found = []
            # followlinks=False: a symlink loop cannot send the walk round forever
            for folder, dirs, files in os.walk(path, followlinks=False):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                found += [os.path.join(folder, f) for f in files
                          if not f.startswith(".") and Path(f).suffix.lower() in FORMATS]
            out += sorted(found)
        else:
            out.append(path)
    return out


# --- markdown ---------------------------------------------------------------

_MD_LINK_RE = re.compile(r"!?\[([^\]\n]*)\]\([^)\n]*\)")
# An emphasis span is inline: a line break inside one is a soft wrap
# ("**I. MỤC\nĐÍCH, YÊU CẦU**", "*Cần Thơ, ngày\n17 tháng 11 năm 2025*").
_MD_WRAPPED_EMPHASIS_RE = re.compile(r"(\*\*?)(?=\S)((?:(?!\n\s*\n)[^*])+?\S)\1")
_MD_EMPHASIS_RE = re.compile(r"\*\*|__|(?<!\w)[*_](?=\S)|(?<=\S)[*_](?!\w)")
_MD_HEADING_RE = re.compile(r"^ {0,3}#{1,6}\s+|\s+#+\s*$", re.MULTILINE)
_MD_ESCAPE_RE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|])")
_MD_RULE_RE = re.compile(r"^ {0,3}(?:[-*_] *){3,}\|?$|^ *\| *$|^\|?(?: *:?-{3,}:? *\|)+ *:?-*:? *$", re.MULTILINE)
_MD_TABLE_ROW_RE = re.compile(r"^[ \t]*\|(.*)\|[ \t]*$", re.MULTILINE)


def looks_like_markdown(text: str) -> bool:
    """A .txt saved from a web page is often Markdown (``**KẾ HOẠCH**``, ``# I. MỤC TIÊU``)."""
    head = text[:20000]
    return (head.count("**") >= 4 or len(re.findall(r"^#{1,6} \S", head, re.MULTILINE)) >= 2
            or re.search(r"^\|(?:\s*:?-{3,}:?\s*\|)+\s*$", head, re.MULTILINE) is not None)


def strip_markdown(text: str) -> str:
    """Markdown syntax out, words in: ``**KẾ HOẠCH**`` → ``KẾ HOẠCH``, ``1\\.`` → ``1.``,
    table rows → cells separated by tabs."""
    text = _MD_RULE_RE.sub("", text)
    text = _MD_TABLE_ROW_RE.sub(lambda m: "\t".join(c.strip() for c in m.group(1).split("|")), text)
    text = _MD_LINK_RE.sub(r"\1", text)
    text = _MD_HEADING_RE.sub("", text)
    text = _MD_WRAPPED_EMPHASIS_RE.sub(lambda m: m.group(2).replace("\n", " "), text)
    text = _MD_EMPHASIS_RE.sub("", text)
    return _MD_ESCAPE_RE.sub(r"\1", text)
