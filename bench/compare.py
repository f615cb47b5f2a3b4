"""How long ``compare`` takes over a store of many plans: python bench/compare.py [--documents 1000] [--store DB]

Builds a corpus of N documents from the real texts (as bench/run.py does),
extracts it into a store (`plancli extract DIR --store DB`; skipped when --store
names a store that exists, so a second run measures compare only), then times

1. `plancli compare --store DB -f json` (the whole command: start, read, align, print);
2. the library call ``compare(records, rules)`` alone, by province and by year,
   and with ``as_of=2025``;

and prints the figures.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import PLANCLI, build_corpus  # noqa: E402


def build_store(store: Path, documents: int) -> float:
    with tempfile.TemporaryDirectory(prefix="plancli-bench-compare-") as tmp:
        corpus = Path(tmp)
        build_corpus(corpus, documents)
        start = time.perf_counter()
        subprocess.run(PLANCLI + ["extract", str(corpus), "--store", str(store), "-f", "jsonl", "-q"],
                       check=True, stdout=subprocess.DEVNULL)
        return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--store", type=Path, help="The store to build (or reuse when it exists).")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="plancli-bench-store-") as tmp:
        store = args.store or Path(tmp) / "plans.db"
        if not store.exists():
            seconds = build_store(store, args.documents)
            print(f"store: {args.documents} documents extracted in {seconds:.1f} s")

        start = time.perf_counter()
        done = subprocess.run(PLANCLI + ["compare", "--store", str(store), "-f", "json"],
                              check=True, capture_output=True)
        command_seconds = time.perf_counter() - start

        from plancli.compare import compare
        from plancli.ruleset import load_rules
        from plancli.store import Store

        with Store(store) as opened:
            records = opened.records(None, None)
        rules = load_rules()
        targets = sum(len(r.targets) for r in records)
        print(f"records: {len(records)}  targets: {targets}  JSON: {len(done.stdout) / 1e6:.1f} MB")
        print(f"plancli compare --store DB -f json: {command_seconds:.2f} s")
        for label, kwargs in (("by province", {"by": "province"}), ("by year", {"by": "year"}),
                              ("by province, as of 2025", {"by": "province", "as_of": 2025}),
                              ("by indicator", {"by": "indicator"})):
            start = time.perf_counter()
            comparison = compare(records, rules, **kwargs)
            print(f"compare(records, rules) {label}: {time.perf_counter() - start:.2f} s, "
                  f"{len(comparison.rows)} rows x {len(comparison.columns)} columns")


if __name__ == "__main__":
    main()
