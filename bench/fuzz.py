"""Fuzz the loaders and the extractors: python bench/fuzz.py [--examples 2000]

The properties of tests/test_fuzz.py, run with many more examples: any bytes,
and real files with random bytes changed, are read or refused with a one-line
InputError; any text extracts to a record whose spans point into its text.
Prints how many inputs were tried and how many failed (with the first failure).
"""
from __future__ import annotations

import argparse
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests")]

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

import test_fuzz as properties  # noqa: E402


def run(name: str, test, strategy, examples: int) -> tuple[int, list[str]]:
    tried, failures = 0, []

    @settings(max_examples=examples, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(strategy)
    def case(args):
        nonlocal tried
        tried += 1
        try:
            test(*args)
        except Exception:
            failures.append(traceback.format_exc(limit=3))

    start = time.perf_counter()
    case()
    print(f"{name}: {tried} inputs, {len(failures)} failures, {time.perf_counter() - start:.0f} s", flush=True)
    if failures:
        print(failures[0])
    return tried, failures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--examples", type=int, default=2000)
    args = parser.parse_args()
    from conftest import FIXTURES
    from plancli.errors import InputError
    from plancli.extract import extract_bytes
    from plancli.loaders import load_bytes

    def any_bytes(fmt, data):
        try:
            load_bytes(data, fmt, f"x.{fmt}")
        except InputError as exc:
            assert "\n" not in str(exc)

    def damaged(name, seed):
        try:
            load_bytes(properties.mutate((FIXTURES / name).read_bytes(), seed), name.rsplit(".", 1)[1], name)
        except InputError as exc:
            assert "\n" not in str(exc)

    def any_text(text):
        try:
            record = extract_bytes(text.encode("utf-8"), "<text>", "text")
        except InputError:
            return
        properties.check_spans(record)

    total = 0
    total += run("loaders, any bytes", any_bytes,
                 st.tuples(st.sampled_from(sorted(properties.FORMATS)), st.binary(max_size=2000)), args.examples)[0]
    total += run("loaders, damaged real files", damaged,
                 st.tuples(st.sampled_from(["langson-2019-kh23.pdf", "tiengiang-2019-news-kh37.docx",
                                            "tiengiang-2019-news-kh37.html", "tiengiang-tcvn3.txt",
                                            "unmapped-font.pdf"]), st.integers(0, 2**32)), args.examples)[0]
    total += run("extractors, any text", any_text, st.tuples(properties.TEXTS), args.examples)[0]
    print(f"total: {total} inputs")


if __name__ == "__main__":
    main()
