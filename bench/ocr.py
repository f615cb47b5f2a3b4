"""What OCR costs in accuracy and time: python bench/ocr.py [--keep DIR]

    .venv/bin/pip install fpdf2 && .venv/bin/python bench/ocr.py

The five development documents of samples/ are printed to PDFs the way an
office prints a plan — A4, a serif font with Vietnamese letters (DejaVu Serif
12 pt), margins of 30/20/15/20 mm, justified paragraphs, headings in bold, the
page number at the top of every page after the first — and extracted three
ways, each scored with ../shared/eval/score.py against their gold files
(copied alone into a gold folder, so the other documents of the development
set do not count as misses):

* the text originals (``plancli extract``);
* the PDFs through their text layer (``--ocr never``): what printing to PDF
  alone changes;
* the PDFs read by Tesseract (``--ocr always``): every page rasterised by
  pypdfium2 and OCR'd, then repaired by ``loaders/ocr_repair.py``;
* scans of the same pages (``--ocr auto``): each page drawn in gray at 200
  dpi, turned by 0.7°, blurred and noisy, saved as an image-only PDF, as a
  scanner gives it (``scan`` of tests/fixtures/make_ocr_fixtures.py).

It prints per-field F1 side by side, the document fields' accuracy, and the
seconds per OCR'd page (the wall time of the ``--ocr always`` run, one
process, over the pages it OCR'd; and its extra time over ``--ocr never``).
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"
DOCUMENTS = ["langson-2019-kh23.md", "langson-2020-news-kh18.txt", "tiengiang-2019-news-kh37.txt",
             "national-2018-news-ct130.txt", "province-2020-report-30-7.txt"]
FONTS = Path("/usr/share/fonts/truetype/dejavu")
PLANCLI = [sys.executable, "-m", "plancli", "extract", "--format", "jsonl", "-q", "--jobs", "1"]
FIELDS = ("objectives", "targets", "targets_strict", "agencies", "citations_numbered", "citations_strict",
          "citations_named")


def paragraphs(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".md":
        from plancli.loaders import strip_markdown

        text = strip_markdown(text)
    return [line.strip() for line in text.split("\n") if line.strip()]


def print_pdf(path: Path) -> bytes:
    """The document as a printed plan: a PDF with a text layer."""
    from fpdf import FPDF

    class Plan(FPDF):
        def header(self):
            if self.page_no() > 1:
                self.set_y(10)
                self.set_font("Serif", "", 11)
                self.cell(0, 5, str(self.page_no()), align="C")
                self.set_y(20)

    pdf = Plan(format="A4")
    pdf.add_font("Serif", "", str(FONTS / "DejaVuSerif.ttf"))
    pdf.add_font("Serif", "B", str(FONTS / "DejaVuSerif-Bold.ttf"))
    pdf.set_margins(30, 20, 15)
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_page()
    for line in paragraphs(path):
        heading = line.isupper() or re.match(r"(?:[IVX]+|\d{1,2})\. \S", line) is not None and len(line) < 90
        pdf.set_font("Serif", "B" if heading else "", 12)
        pdf.multi_cell(0, 6.5, line, align="L" if heading else "J", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1.5)
    return bytes(pdf.output())


def scan_pdf(printed: bytes) -> bytes:
    """The printed plan scanned: every page an image only, nothing to read but by OCR."""
    import io

    import pypdfium2

    sys.path.insert(0, str(ROOT / "tests" / "fixtures"))
    from make_ocr_fixtures import DPI, scan

    pages = [scan(printed, i) for i in range(len(pypdfium2.PdfDocument(printed)))]
    out = io.BytesIO()
    pages[0].save(out, format="PDF", save_all=True, append_images=pages[1:], resolution=DPI, quality=80)
    return out.getvalue()


def score(predictions: Path, gold: Path) -> dict:
    done = subprocess.run([sys.executable, str(EVAL / "score.py"), "--pred", str(predictions), "--gold", str(gold),
                           "--json"], capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--keep", type=Path, help="write the PDFs and the predictions into this folder and keep them")
    args = parser.parse_args()
    if not (EVAL / "score.py").is_file():
        sys.exit(f"bench: {EVAL / 'score.py'} is missing (the shared eval folder beside the checkout)")
    work = args.keep or Path(tempfile.mkdtemp(prefix="plancli-ocr-bench-"))
    texts, pdfs, scans, gold = work / "text", work / "pdf", work / "scan", work / "gold"
    for folder in (texts, pdfs, scans, gold):
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
    for name in DOCUMENTS:
        source = ROOT / "samples" / name
        shutil.copyfile(source, texts / name)
        printed = print_pdf(source)
        (pdfs / f"{source.stem}.pdf").write_bytes(printed)
        (scans / f"{source.stem}.pdf").write_bytes(scan_pdf(printed))
        shutil.copyfile(EVAL / "gold" / f"{source.stem}.yaml", gold / f"{source.stem}.yaml")

    environment = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    runs = {"text": (PLANCLI + [str(texts)], "text originals"),
            "layer": (PLANCLI + ["--ocr", "never", str(pdfs)], "PDF text layer"),
            "ocr": (PLANCLI + ["--ocr", "always", str(pdfs)], "PDF OCR (always)"),
            "scan": (PLANCLI + ["--ocr", "auto", str(scans)], "scanned PDF (auto)")}
    seconds, scores = {}, {}
    for key, (command, _) in runs.items():
        started = time.perf_counter()
        with open(work / f"{key}.jsonl", "w", encoding="utf-8") as handle:
            done = subprocess.run(command, stdout=handle, stderr=subprocess.PIPE, text=True, env=environment)
        seconds[key] = time.perf_counter() - started
        if done.returncode not in (0, 3):
            sys.exit(f"bench: the {runs[key][1]} run exited {done.returncode}: {done.stderr[-2000:]}")
        scores[key] = score(work / f"{key}.jsonl", gold)

    records = [json.loads(line) for line in (work / "ocr.jsonl").read_text(encoding="utf-8").splitlines()]
    ocr_pages = sum(len((r["source"].get("ocr") or {}).get("pages", [])) for r in records)
    all_pages = sum(r["source"]["pages"] or 0 for r in records)
    engine = next((r["source"]["ocr"] for r in records if r["source"].get("ocr")), {})

    labels = [label for _, label in runs.values()]
    print(f"OCR bench: {len(DOCUMENTS)} development documents printed to {all_pages} A4 pages; "
          f"{engine.get('engine', 'no OCR engine')} {engine.get('version', '')} {engine.get('language', '')}")
    print(f"\n| field (micro F1) | {' | '.join(labels)} |\n|---|{'---|' * len(labels)}")
    for field in FIELDS:
        print(f"| {field} | " + " | ".join(f"{scores[k]['micro'][field]['f1']:.3f}" for k in runs) + " |")
    for field, value in scores["text"]["document_fields"].items():
        if value is not None:
            print(f"| document.{field} (accuracy) | "
                  + " | ".join(f"{scores[k]['document_fields'][field]:.2f}" for k in runs) + " |")
    missing = {k: s["missing_predictions"] for k, s in scores.items() if s["missing_predictions"]}
    if missing:
        print(f"\nmissing predictions: {missing}")
    print(f"\nOCR'd pages: {ocr_pages} of {all_pages}")
    if ocr_pages:
        print(f"seconds per OCR'd page: {seconds['ocr'] / ocr_pages:.2f} (whole --ocr always run, one process); "
              f"{(seconds['ocr'] - seconds['layer']) / ocr_pages:.2f} more than reading the text layer")
        print(f"seconds per scanned page: {seconds['scan'] / ocr_pages:.2f} (whole --ocr auto run over the scans)")
    print("wall time: " + ", ".join(f"{runs[k][1]} {seconds[k]:.1f} s" for k in runs))
    if args.keep:
        print(f"\nPDFs and predictions kept in {work}")
    else:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
