"""OCR of PDF pages: pypdfium2 draws a page, Tesseract reads it.

Tesseract is Debian's program (``tesseract-ocr`` and its Vietnamese model
``tesseract-ocr-vie``), run as a subprocess: the page goes in as a grayscale
PNG on standard input, its text comes out on standard output. ``find_engine()``
says which Tesseract is here, or raises ``OcrUnavailable`` telling how to
install it; ``read_pages()`` reads pages of a PDF.

The settings were chosen by reading the five development plans printed to
PDF, clean and as noisy, skewed 200 dpi scans, at 200, 300 and 400 dpi in page
segmentation modes 3 (automatic), 4 (one column of text of varying sizes) and
6 (one block), and scoring the extractions (bench/ocr.py does the clean run):
the words come out alike, all fields but objectives score the same, and mode
4 scored objectives best (in modes 3 and 6 the scan's heading "II." lost its
dot, so the objectives section ran on into the tasks) and was the fastest
(3.1-3.4 s a page against 4.9-6.1); 300 dpi, Tesseract's own recommendation,
is as good as 200 on scans and read the printed PDFs without a fault. Tesseract's
OpenMP threads made a page five times slower on two cores: it runs with one.
"""
from __future__ import annotations

import io
import math
import os
import re
import shutil
import signal
import subprocess
import threading
from dataclasses import dataclass
from functools import lru_cache

from ..errors import EXIT_USAGE, PlancliError
from ..model import OcrInfo

MODES = ("auto", "always", "never")
ENGINE = "tesseract"
LANGUAGE = "vie"
DPI = 300
# page segmentation mode 4: a single column of text of variable sizes
PSM = 4
# one page's Tesseract run; a page that takes longer is left out with a warning.
# Each page read by OCR also adds this much to the document's --timeout.
PAGE_SECONDS = 60
# a page larger than A3 is drawn at a lower resolution rather than as a huge image
MAX_PIXELS = 20_000_000
INSTALL = "sudo apt-get install tesseract-ocr tesseract-ocr-vie"


class OcrUnavailable(PlancliError):
    """No Tesseract, or one without the Vietnamese model: a usage error under ``--ocr always``."""

    exit_code = EXIT_USAGE

    def __init__(self, problem: str):
        super().__init__(f"{problem}; install it with: {INSTALL}")
        self.problem = problem


@dataclass(frozen=True)
class Engine:
    command: str
    version: str

    def info(self, pages: list[int]) -> OcrInfo:
        return OcrInfo(engine=ENGINE, version=self.version, language=LANGUAGE, pages=list(pages))


def find_engine() -> Engine:
    """The Tesseract on PATH with its Vietnamese model, or OcrUnavailable saying what is missing."""
    command = shutil.which(ENGINE)
    if command is None:
        raise OcrUnavailable("OCR needs Tesseract, which is not installed")
    return _probe(command)


@lru_cache(maxsize=8)
def _probe(command: str) -> Engine:
    try:
        version = subprocess.run([command, "--version"], capture_output=True, timeout=30)
        languages = subprocess.run([command, "--list-langs"], capture_output=True, timeout=30)
    except (OSError, subprocess.SubprocessError) as exc:
        raise OcrUnavailable(f"OCR needs Tesseract, and {command} does not run ({exc})") from None
    found = re.search(rb"tesseract\s+v?(\d+(?:\.\d+)*)", version.stdout + version.stderr, re.IGNORECASE)
    if version.returncode != 0 or found is None:
        raise OcrUnavailable(f"OCR needs Tesseract, and {command} --version does not answer like one")
    if LANGUAGE.encode() not in (languages.stdout + languages.stderr).split():
        raise OcrUnavailable("Tesseract has no Vietnamese model (vie)")
    return Engine(command, found.group(1).decode())


def engine_key(mode: str) -> str:
    """What decides the text of OCR'd pages under ``mode``, for the store's version key:
    the mode and, unless it is ``never``, the Tesseract in use (or that there is none)."""
    if mode == "never":
        return mode
    try:
        engine = find_engine()
    except OcrUnavailable:
        return f"{mode}:none"
    return f"{mode}:{ENGINE} {engine.version} {LANGUAGE} {DPI} dpi psm {PSM}"


class OcrPageError(Exception):
    """One page that could not be read by OCR (its text is then left out)."""


def read_pages(data: bytes, pages: list[int], engine: Engine) -> tuple[dict[int, str], dict[int, str]]:
    """The text of each of ``pages`` (1-based) of the PDF ``data``, read by OCR,
    and the pages that could not be read with the reason."""
    import pypdfium2  # a pdfplumber dependency too; imported only when a page is OCR'd

    texts: dict[int, str] = {}
    failed: dict[int, str] = {}
    try:
        document = pypdfium2.PdfDocument(data)
    except Exception as exc:  # pdfium's own error types: the file cannot be drawn
        return texts, {number: f"the page cannot be drawn ({exc})" for number in pages}
    try:
        for number in pages:
            _allow_more_time(PAGE_SECONDS)
            try:
                texts[number] = read_page(document, number, engine)
            except OcrPageError as exc:
                failed[number] = str(exc)
    finally:
        document.close()
    return texts, failed


def read_page(document, number: int, engine: Engine) -> str:
    """One page of an open pypdfium2 document, drawn in gray at DPI and read by Tesseract."""
    try:
        page = document[number - 1]
        try:
            width, height = page.get_size()  # in points, 72 to the inch
            scale = min(DPI / 72, math.sqrt(MAX_PIXELS / max(1.0, width * height)))
            image = page.render(scale=scale, grayscale=True).to_pil()
        finally:
            page.close()
        png = io.BytesIO()
        image.save(png, format="PNG")
    except Exception as exc:  # a page pdfium cannot draw
        raise OcrPageError(f"the page cannot be drawn ({type(exc).__name__}: {exc})") from None
    return run_tesseract(png.getvalue(), engine, round(scale * 72))


def run_tesseract(png: bytes, engine: Engine, dpi: int = DPI) -> str:
    """The text Tesseract reads in a PNG image."""
    command = [engine.command, "stdin", "stdout", "-l", LANGUAGE, "--psm", str(PSM), "--dpi", str(dpi)]
    # Tesseract's own threads only slow it down beside plancli's worker processes
    environment = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    try:
        done = subprocess.run(command, input=png, capture_output=True, timeout=PAGE_SECONDS, env=environment)
    except subprocess.TimeoutExpired:
        raise OcrPageError(f"Tesseract took longer than {PAGE_SECONDS} s") from None
    except OSError as exc:
        raise OcrPageError(f"Tesseract could not be run ({exc})") from None
    if done.returncode != 0:
        said = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise OcrPageError(f"Tesseract failed ({said[-1] if said else f'exit code {done.returncode}'})")
    # Tesseract ends each page with a form feed: plancli's page separator is added by the loader
    return done.stdout.decode("utf-8", "replace").replace("\f", "\n").rstrip()


def _allow_more_time(seconds: float) -> None:
    """Give the document's time limit (``extract.time_limit``: an ITIMER_REAL in the
    main thread) ``seconds`` more, so that --timeout does not cut a long scan short."""
    if not hasattr(signal, "getitimer") or threading.current_thread() is not threading.main_thread():
        return
    left, interval = signal.getitimer(signal.ITIMER_REAL)
    if left > 0:
        signal.setitimer(signal.ITIMER_REAL, left + seconds, interval)
