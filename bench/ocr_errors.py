"""What Tesseract gets wrong in Vietnamese plans, and what ``repair_ocr_text`` mends.

    .venv/bin/pip install fpdf2 && .venv/bin/python bench/ocr_errors.py [--yardstick]

Each real text is set as an A4 PDF (fpdf2, DejaVu Sans, as
tests/fixtures/make_fixtures.py does), its pages are rasterised with pypdfium2
as a scanner would (300 dpi; 200 dpi; 200 dpi skewed, blurred, speckled and
JPEG-compressed) and read by ``tesseract -l vie``. The OCR words are aligned
with the page's own text (the PDF's text layer) and every difference is put in
a class: letters spaced apart, a tone mark lost or changed, a digit look-alike,
case, punctuation, other. The same is done after ``repair_ocr_text``: the word
error rate before and after, the words repair mended and the ones it broke.

``--yardstick`` also runs ../shared/eval/score.py on the five development
texts: the text originals, their raw OCR, their repaired OCR (300 dpi, and
noisy). ``--pipeline`` also makes scanned PDFs of them (page images only) and
scores ``plancli extract --ocr always`` on those: OCR and repair as users get them.
OCR output is cached in /tmp/plancli-ocr-bench (a page costs ~5 s).
"""
from __future__ import annotations

import argparse
import difflib
import hashlib
import io
import json
import re
import shlex
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
EVAL = ROOT.parent / "shared" / "eval"
CACHE = Path("/tmp/plancli-ocr-bench")
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
FONT_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"

DEV_TEXTS = ["langson-2019-kh23.md", "langson-2020-news-kh18.txt", "tiengiang-2019-news-kh37.txt",
             "national-2018-news-ct130.txt", "province-2020-report-30-7.txt"]
# plans of other provinces and years, first pages only (not hochiminh-2014-qd3210: its text is itself
# OCR output, letters spaced apart and all, so it cannot be the truth an OCR is measured against)
EXTRA_TEXTS = ["binhdinh-2023-qd518.txt", "hagiang-2022-qd378.txt", "nghean-2022-kh197-excerpt.txt"]
VARIANTS = ("300dpi", "200dpi", "noisy")


def source_lines(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".md":
        from plancli.loaders import strip_markdown

        text = strip_markdown(text)
    return [line.strip() for line in text.split("\n")]


def render_pdf(path: Path) -> bytes:
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_font("DejaVu", "", FONT)
    pdf.add_font("DejaVu", "B", FONT_BOLD)
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_page()
    for line in source_lines(path):
        if not line:
            pdf.ln(2)
            continue
        heading = line.isupper() or line[:3] in ("I. ", "II.")
        pdf.set_font("DejaVu", "B" if heading else "", 11)
        pdf.multi_cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def scan(image, variant: str):
    """The page as a scanner gives it: 200 dpi ones a little skewed, blurred,
    speckled and JPEG-compressed for ``noisy``."""
    from PIL import Image, ImageFilter

    image = image.convert("L")
    if variant != "noisy":
        return image
    image = image.rotate(0.6, resample=Image.BICUBIC, expand=True, fillcolor=255)
    image = image.filter(ImageFilter.GaussianBlur(0.7))
    noise = Image.effect_noise(image.size, 40)
    image = Image.blend(image, noise, 0.12)
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=35)
    return Image.open(io.BytesIO(buffer.getvalue()))


def ocr(image) -> str:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    data = buffer.getvalue()
    cached = CACHE / (hashlib.sha256(data).hexdigest()[:20] + ".txt")
    if not cached.exists():
        run = subprocess.run(["tesseract", "stdin", "stdout", "-l", "vie"], input=data, capture_output=True, check=True)
        cached.write_bytes(run.stdout)
    return cached.read_text(encoding="utf-8")


def pages(path: Path, variant: str, max_pages: int | None) -> list[tuple[str, str]]:
    """(the page's own text, its OCR) for each page of the rendered PDF."""
    import pypdfium2

    document = pypdfium2.PdfDocument(render_pdf(path))
    dpi = 300 if variant == "300dpi" else 200
    out = []
    for index in range(min(len(document), max_pages or len(document))):
        page = document[index]
        truth = page.get_textpage().get_text_range().replace("\r\n", "\n").replace("\r", "\n")
        out.append((truth, ocr(scan(page.render(scale=dpi / 72).to_pil(), variant))))
    return out


# --- aligning words and naming the errors --------------------------------------

def words(text: str) -> list[str]:
    return text.split()


def fold(word: str) -> str:
    from plancli.normalize import fold_diacritics

    return fold_diacritics(word).casefold()


_LOOKALIKES = str.maketrans("lIOo|", "11001")


def error_class(truth: list[str], read: list[str]) -> str:
    """Why ``read`` (OCR words) differs from ``truth`` (the words on the page)."""
    joined_truth, joined_read = "".join(truth), "".join(read)
    if joined_truth == joined_read:
        return "spaced" if len(read) > len(truth) else "glued"
    if any(c.isdigit() for c in joined_truth) and joined_read.translate(_LOOKALIKES) == joined_truth:
        return "digit look-alike"
    if joined_truth.casefold() == joined_read.casefold():
        return "case"
    if fold(joined_truth) == fold(joined_read):
        return "tone mark"
    strip = lambda s: re.sub(r"[^\w]", "", s)  # noqa: E731
    if strip(joined_truth) == strip(joined_read):
        return "punctuation"
    if strip(fold(joined_truth)) == strip(fold(joined_read)):
        return "tone mark + punctuation"
    if fold(joined_truth).replace(" ", "") == fold(joined_read).replace(" ", "") or (
            len(read) > len(truth) and fold("".join(truth)) == fold("".join(read))):
        return "spaced + tone"
    return "other"


def alignment(truth: list[str], read: list[str]):
    return difflib.SequenceMatcher(None, truth, read, autojunk=False).get_opcodes()


def compare(truth: list[str], read: list[str]):
    """Word errors (substitutions + deletions + insertions), the classes of the
    differing blocks, and the indices of the true words read right."""
    errors, classes, right = 0, Counter(), set()
    samples: dict[str, list] = {}
    for op, i1, i2, j1, j2 in alignment(truth, read):
        if op == "equal":
            right.update(range(i1, i2))
            continue
        errors += max(i2 - i1, j2 - j1)
        kind = error_class(truth[i1:i2], read[j1:j2]) if i2 > i1 and j2 > j1 else ("lost" if i2 > i1 else "added")
        classes[kind] += max(i2 - i1, j2 - j1)
        samples.setdefault(kind, []).append((" ".join(truth[i1:i2]), " ".join(read[j1:j2])))
    return errors, classes, right, samples


def study(names: list[str], variants: tuple[str, ...], max_pages: int | None, show: int) -> dict:
    from plancli.loaders.ocr_repair import repair_ocr_text
    from plancli.ruleset import load_rules

    rules = load_rules()
    total = Counter()
    classes_before, classes_after = Counter(), Counter()
    mended: list[tuple[str, str, str]] = []
    broken: list[tuple[str, str, str]] = []
    examples: dict[str, list] = {}
    for name in names:
        path = SAMPLES / name if (SAMPLES / name).exists() else EVAL / "docs" / name
        for variant in variants:
            for number, (page_truth, page_ocr) in enumerate(pages(path, variant, max_pages), 1):
                # a published text may hold OCR errors of its own ("kiểm chế" in langson-2019-kh23):
                # the truth is the text with those corrected, as tests/test_ocr_repair.py pins them
                corrected = repair_ocr_text(page_truth, rules)
                total["truth_corrected"] += len(_changes(words(page_truth), words(corrected)))
                truth, raw, repaired = words(corrected), words(page_ocr), words(repair_ocr_text(page_ocr, rules))
                before, cls_before, right_before, found = compare(truth, raw)
                after, cls_after, right_after, _ = compare(truth, repaired)
                total.update(words=len(truth), before=before, after=after,
                             mended=len(right_after - right_before), broken=len(right_before - right_after))
                classes_before.update(cls_before)
                classes_after.update(cls_after)
                for kind, pairs in found.items():
                    examples.setdefault(kind, []).extend((f"{path.stem} p{number} {variant}", *p) for p in pairs)
                where = f"{path.stem} p{number} {variant}"
                for index in sorted(right_after - right_before):
                    mended.append((where, truth[index], _read_at(truth, raw, index)))
                for index in sorted(right_before - right_after):
                    broken.append((where, truth[index], _read_at(truth, repaired, index)))
    print(f"pages of {len(names)} texts × {', '.join(variants)}: {total['words']} words "
          f"({total['truth_corrected']} OCR errors of the published texts corrected in the truth)")
    print(f"word error rate: raw OCR {total['before'] / total['words']:.2%} ({total['before']} errors), "
          f"after repair {total['after'] / total['words']:.2%} ({total['after']} errors)")
    print(f"words repair mended: {total['mended']}; words it broke: {total['broken']}")
    print("\nerrors by cause (words)   raw  repaired")
    for kind in sorted(classes_before | classes_after, key=lambda k: -classes_before[k]):
        print(f"  {kind:24} {classes_before[kind]:5} {classes_after[kind]:9}")
    if show:
        for kind, pairs in sorted(examples.items()):
            print(f"\n{kind}:")
            for where, t, r in pairs[:show]:
                print(f"  {where}: {t!r} → {r!r}")
        print("\nbroken by repair:")
        for where, t, r in broken[:show]:
            print(f"  {where}: {t!r} → {r!r}")
    return {"words": total["words"], "errors_raw": total["before"], "errors_repaired": total["after"],
            "mended": total["mended"], "broken": total["broken"]}


def _changes(before: list[str], after: list[str]) -> list[tuple[int, int, int, int]]:
    return [(i1, i2, j1, j2) for op, i1, i2, j1, j2 in alignment(before, after) if op != "equal"]


def _read_at(truth: list[str], read: list[str], index: int) -> str:
    for op, i1, i2, j1, j2 in alignment(truth, read):
        if i1 <= index < i2:
            return " ".join(read[j1:j2])
    return ""


# --- the yardstick on OCR'd texts ---------------------------------------------------

def yardstick() -> None:
    """score.py on the five development texts: originals, raw OCR, repaired OCR (300 dpi)."""
    from plancli.loaders.ocr_repair import repair_ocr_text
    from plancli.ruleset import load_rules

    rules = load_rules()
    gold = CACHE / "gold"
    gold.mkdir(exist_ok=True)
    dirs = {name: CACHE / f"docs-{name}" for name in ("text", "ocr", "repaired", "ocr-noisy", "repaired-noisy")}
    for d in dirs.values():
        d.mkdir(exist_ok=True)
    for name in DEV_TEXTS:
        stem = Path(name).stem
        (gold / f"{stem}.yaml").write_bytes((EVAL / "gold" / f"{stem}.yaml").read_bytes())
        (dirs["text"] / name).write_bytes((EVAL / "docs" / name).read_bytes())
        for variant, suffix in (("300dpi", ""), ("noisy", "-noisy")):
            raw = "\f".join(read for _, read in pages(SAMPLES / name, variant, None))
            (dirs["ocr" + suffix] / f"{stem}.txt").write_text(raw, encoding="utf-8")
            (dirs["repaired" + suffix] / f"{stem}.txt").write_text(repair_ocr_text(raw, rules), encoding="utf-8")
    scores = {}
    for label, d in dirs.items():
        run = subprocess.run([sys.executable, str(EVAL / "score.py"), "--gold", str(gold), "--docs", str(d),
                              "--run", "plancli extract --format jsonl -q", "--json"],
                             capture_output=True, text=True, cwd=ROOT)
        scores[label] = json.loads(run.stdout)
    fields = list(scores["text"]["micro"])
    print("\nyardstick, five development texts (micro F1)")
    print(f"  {'field':20} " + " ".join(f"{label:>14}" for label in scores))
    for field in fields:
        print(f"  {field:20} " + " ".join(f"{scores[label]['micro'][field]['f1']:14.3f}" for label in scores))
    for field in scores["text"]["document_fields"]:
        print(f"  {'document.' + field:20} " + " ".join(f"{scores[label]['document_fields'][field]:14.3f}" for label in scores))


def scanned_pdfs() -> Path:
    """The five development texts as scans: PDFs of page images only (200 dpi,
    skewed, blurred, speckled, JPEG), which plancli must OCR."""
    import pypdfium2

    folder = CACHE / "docs-scanned"
    folder.mkdir(exist_ok=True)
    for name in DEV_TEXTS:
        target = folder / f"{Path(name).stem}.pdf"
        if target.exists():
            continue
        document = pypdfium2.PdfDocument(render_pdf(SAMPLES / name))
        images = [scan(document[i].render(scale=200 / 72).to_pil(), "noisy").convert("RGB") for i in range(len(document))]
        images[0].save(target, save_all=True, append_images=images[1:], resolution=200)
    return folder


def pipeline_yardstick() -> None:
    """score.py on ``plancli extract --ocr always`` over the scanned PDFs: the
    whole pipeline, OCR and repair, beside the text originals."""
    gold = CACHE / "gold"
    ocr = "extract --format jsonl -q --ocr always --timeout 1200"
    # the same run with repair_ocr_text made the identity, to see what it is worth
    unrepaired = (f"{sys.executable} -c \"import sys, plancli.extract as e; e.repair_ocr_text = lambda text, rules: text; "
                  f"from plancli.cli import main; sys.argv = ['plancli'] + sys.argv[1:]; main()\" {ocr}")
    runs = {"text": (CACHE / "docs-text", "plancli extract --format jsonl -q"),
            "scanned PDF": (scanned_pdfs(), f"plancli {ocr}"),
            "no repair": (scanned_pdfs(), unrepaired)}
    scores = {}
    for label, (folder, command) in runs.items():
        run = subprocess.run([sys.executable, str(EVAL / "score.py"), "--gold", str(gold), "--docs", str(folder),
                              "--run", command, "--json"], capture_output=True, text=True, cwd=ROOT)
        scores[label] = json.loads(run.stdout)
    print("\nyardstick through the pipeline (plancli extract --ocr always on scanned PDFs)")
    print(f"  {'field':20} " + " ".join(f"{label:>14}" for label in scores))
    for field in scores["text"]["micro"]:
        print(f"  {field:20} " + " ".join(f"{scores[label]['micro'][field]['f1']:14.3f}" for label in scores))
    for field in scores["text"]["document_fields"]:
        print(f"  {'document.' + field:20} " + " ".join(f"{scores[label]['document_fields'][field]:14.3f}" for label in scores))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--texts", nargs="*", default=DEV_TEXTS + EXTRA_TEXTS)
    parser.add_argument("--variants", nargs="*", default=list(VARIANTS), choices=VARIANTS)
    parser.add_argument("--max-pages", type=int, default=2, help="pages per text (0: all)")
    parser.add_argument("--show", type=int, default=0, help="print this many examples of each error class")
    parser.add_argument("--yardstick", action="store_true")
    parser.add_argument("--pipeline", action="store_true",
                        help="also OCR scanned PDFs of the five texts through plancli extract (after --yardstick)")
    a = parser.parse_args()
    CACHE.mkdir(exist_ok=True)
    study(a.texts, tuple(a.variants), a.max_pages or None, a.show)
    if a.yardstick or a.pipeline:
        yardstick()
    if a.pipeline:
        pipeline_yardstick()


if __name__ == "__main__":
    main()
