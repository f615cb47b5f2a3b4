"""Property-based tests of the extractors and a fuzz run of the loaders (hypothesis).

For any text: no exception, every span inside the text with its slice equal to
what the record quotes, and the record valid against the JSON Schema. For any
bytes, and for real files with random bytes changed, a loader either reads
them or raises a one-line InputError — nothing else. `bench/fuzz.py` runs the
same properties with many more examples and reports how many were tried.
"""
from __future__ import annotations

import random

from conftest import FIXTURES, check_record
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plancli.errors import InputError
from plancli.extract import extract_bytes
from plancli.loaders import load_bytes

PIECES = ["Kế hoạch số 23/KH-BCĐ", " ngày 26/02/2019", " của Ban Chỉ đạo 138/CP", "\n2. Chỉ tiêu\n", "a) ",
          "Ít nhất 50% người dân", " được tiếp cận", "; trên 85% xã, phường", " tăng từ 2%", " so với năm 2018",
          "Sở Tư pháp chủ trì, phối hợp với Công an tỉnh", " Lực lượng Công an, Bộ đội Biên phòng triển khai",
          "\nNơi nhận:\n- Bộ Công an;", " Nhằm phát huy sức mạnh. ", "Đẩy mạnh công tác. ", "Bộ luật Hình sự năm 2015",
          "\n1. Mục tiêu\n", "Số: 12/KH-UBND\n", "Lạng Sơn, ngày 10 tháng 01 năm 2021\n", "KẾ HOẠCH\n", "  ", "\f",
          " đã đạt 100%", " (cid:3)", "\u2044", "\u00a0", "hoà ", "ít nhất 02 lớp tập huấn", ", ", ".", ";", "\n\n"]
TEXTS = st.lists(st.sampled_from(PIECES) | st.text(max_size=12), max_size=30).map("".join)


def check_spans(record) -> None:
    text = record.text
    quoted = [(o.span, o.text) for o in record.objectives] + [(t.span, t.text) for t in record.targets] \
        + [(a.span, a.mention) for a in record.agencies] + [(c.span, c.text) for c in record.citations]
    for span, words in quoted:
        assert 0 <= span.start <= span.end <= len(text)
        assert text[span.start:span.end] == words
        assert span.line == text.count("\n", 0, span.start) + 1


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_any_text_extracts_to_a_valid_record(schema_validator, text):
    try:
        record = extract_bytes(text.encode("utf-8"), "<text>", "text")
    except InputError as exc:  # text that is really binary (NUL bytes) is refused in one line
        assert "\n" not in str(exc)
        return
    check_spans(record)
    check_record(record.to_dict(), schema_validator)


FORMATS = {"txt": None, "md": None, "html": None, "pdf": "langson-2019-kh23.pdf",
           "docx": "tiengiang-2019-news-kh37.docx"}


def mutate(data: bytes, seed: int, changes: int = 8) -> bytes:
    rng = random.Random(seed)
    data = bytearray(data)
    for _ in range(changes):
        data[rng.randrange(len(data))] = rng.randrange(256)
    return bytes(data)


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(sorted(FORMATS)), st.binary(max_size=400))
def test_loaders_read_or_refuse_any_bytes(fmt, data):
    try:
        load_bytes(data, fmt, f"x.{fmt}")
    except InputError as exc:
        assert "\n" not in str(exc)


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(["langson-2019-kh23.pdf", "tiengiang-2019-news-kh37.docx",
                        "tiengiang-2019-news-kh37.html", "tiengiang-tcvn3.txt"]), st.integers(0, 2**32))
def test_loaders_read_or_refuse_damaged_real_files(name, seed):
    fmt = name.rsplit(".", 1)[1]
    try:
        load_bytes(mutate((FIXTURES / name).read_bytes(), seed), fmt, name)
    except InputError as exc:
        assert "\n" not in str(exc)
