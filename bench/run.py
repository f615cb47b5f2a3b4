"""plancli's benchmark: python bench/run.py [--documents 1000] [--write bench/RESULTS.md]

Builds a corpus of N documents from the real texts of samples/ (and of
../shared/corpus/ when it is beside the checkout), then measures on this
machine, in one run:

1. extraction throughput (MB/s, documents/s) with --jobs 1 and --jobs 2;
2. the do-it-yourself baseline on the same texts — underthesea ner() over every
   sentence plus regexes for percentages and document numbers — and the ratio
   plancli / baseline (the baseline is run on a slice of the corpus: at its
   speed the whole corpus would take most of an hour);
3. cold start of `plancli --version` against `python -c pass`;
4. peak memory (largest resident set of any one process) of the N-document run;
5. a second run with --store over the unchanged corpus, and its ratio to the first.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PLANCLI = [sys.executable, "-m", "plancli"]


def build_corpus(folder: Path, documents: int) -> int:
    sources = sorted(p for p in (ROOT / "samples").iterdir() if p.suffix in (".txt", ".md"))
    shared = ROOT.parent / "shared" / "corpus"
    if shared.is_dir():
        sources += sorted(shared.glob("*.txt"))
    size = 0
    for i in range(documents):
        source = sources[i % len(sources)]
        target = folder / f"{i:05d}-{source.name}"
        shutil.copyfile(source, target)
        size += target.stat().st_size
    return size


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


BASELINE = r'''
import re, sys, time
from pathlib import Path
from underthesea import ner
ner("Sở Tư pháp chủ trì.")  # the model loads once: not counted
start = time.perf_counter()
PERCENT = re.compile(r"\d+(?:[.,]\d+)?\s?%")
NUMBER = re.compile(r"\d{1,5}/(?:\d{4}/)?[A-ZĐ][\w-]*")
for path in sys.argv[1:]:
    text = Path(path).read_text(encoding="utf-8")
    organisations, percents, numbers = [], PERCENT.findall(text), NUMBER.findall(text)
    for sentence in re.split(r"(?<=[.;:])\s+|\n+", text):
        if sentence.strip():
            organisations += [t[0] for t in ner(sentence) if t[-1].endswith("ORG")]
print(time.perf_counter() - start)
'''


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--baseline-documents", type=int, default=45)
    parser.add_argument("--write", type=Path, help="also write the results as Markdown to this file")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="plancli-bench-") as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        size = build_corpus(corpus, args.documents)
        mb = size / 1e6
        lines = [f"# plancli benchmark — {dt.date.today().isoformat()}", "",
                 f"Machine: {platform.machine()}, {os.cpu_count()} cores, {platform.processor() or 'cpu'}; "
                 f"Python {platform.python_version()}; {platform.platform()}.", "",
                 f"Corpus: {args.documents} documents, {mb:.1f} MB of text (copies of the real texts in "
                 "samples/ and ../shared/corpus/).", "", "| measure | result |", "|---|---|"]

        def row(name: str, value: str) -> None:
            lines.append(f"| {name} | {value} |")
            print(f"{name}: {value}", flush=True)

        one = timed(PLANCLI + ["extract", "-q", "-f", "jsonl", "-j", "1", str(corpus)])
        peak = peak_rss_mb()
        row("extract --jobs 1", f"{one:.1f} s — {mb / one:.2f} MB/s, {args.documents / one:.0f} documents/s")
        row("peak memory of the run (largest process)", f"{peak:.0f} MB")
        two = timed(PLANCLI + ["extract", "-q", "-f", "jsonl", "-j", "2", str(corpus)])
        row("extract --jobs 2", f"{two:.1f} s — {mb / two:.2f} MB/s, {args.documents / two:.0f} documents/s")

        # the baseline is slow: it runs on the first documents, which cycle through every text once
        sample = sorted(corpus.iterdir())[:args.baseline_documents]
        sample_mb = sum(p.stat().st_size for p in sample) / 1e6
        run = subprocess.run([sys.executable, "-c", BASELINE, *map(str, sample)], capture_output=True, text=True)
        base = float(run.stdout.strip().splitlines()[-1])
        row(f"baseline: underthesea ner + regexes ({len(sample)} documents, model load not counted)",
            f"{base:.1f} s — {sample_mb / base:.3f} MB/s")
        row("plancli / baseline (throughput, one core each)", f"{(mb / one) / (sample_mb / base):.0f}×")

        version = statistics.median(timed(PLANCLI[:1] + ["-m", "plancli", "--version"]) for _ in range(7))
        installed = shutil.which("plancli")
        script = statistics.median(timed([installed, "--version"]) for _ in range(7)) if installed else None
        bare = statistics.median(timed([sys.executable, "-c", "pass"]) for _ in range(7))
        row("cold start: python -c pass", f"{bare * 1000:.0f} ms")
        row("cold start: python -m plancli --version", f"{version * 1000:.0f} ms")
        if script is not None:
            row("cold start: plancli --version (console script)", f"{script * 1000:.0f} ms")

        db = Path(tmp) / "plans.db"
        first = timed(PLANCLI + ["extract", "-q", "-f", "jsonl", "--store", str(db), str(corpus)])
        second = timed(PLANCLI + ["extract", "-q", "-f", "jsonl", "--store", str(db), str(corpus)])
        row("extract --store, first run (default --jobs)", f"{first:.1f} s")
        row("extract --store, unchanged corpus", f"{second:.2f} s — {first / second:.0f}× faster")

    if args.write:
        args.write.write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"written to {args.write}")


if __name__ == "__main__":
    main()
