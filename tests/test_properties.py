"""Properties that hold for any text, not only the samples (hypothesis)."""
from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from plancli.normalize import NormalizedText, normalize, word_spans

# Vietnamese letters in both compositions, the characters normalisation folds,
# list markers, digits, punctuation and every kind of line break
_ALPHABET = st.sampled_from(list(
    "aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐÊÔƠƯ0123456789 .,;:%/-()\n\n\t\f\r"
    "àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
    "\u0300\u0301\u0303\u0309\u0323\u2044\u00a0\u200b\u00ad\uff11–\u2028"
))
_TEXT = st.text(_ALPHABET, max_size=300) | st.lists(
    st.sampled_from(["a) ", "- ", "1. ", "Điều 2. ", "KẾ HOẠCH", "hoà ", "Tòa án", "\n", "\n\n", "\f",
                     "Sở Tư pháp chủ trì", " và", "2019", ";"]), max_size=40).map("".join)


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_normalised_text_is_nfc_and_every_offset_has_a_line(raw):
    text = NormalizedText.from_raw(raw, paged=True)
    assert text.text == unicodedata.normalize("NFC", text.text)
    assert "\r" not in text.text and "\u00a0" not in text.text and "\u2044" not in text.text
    lines = text.text.split("\n")
    for offset in range(0, len(text.text) + 1, 7):
        span = text.span(offset, offset)
        assert 1 <= span.line <= len(lines)
        assert span.page == text.text.count("\f", 0, offset) + 1


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_normalising_is_idempotent(raw):
    once = normalize(raw)
    assert normalize(once) == once


@settings(max_examples=100, deadline=None)
@given(_TEXT)
def test_word_spans_are_slices_of_the_text(raw):
    text = normalize(raw)
    previous = 0
    for word in word_spans(text):
        assert text[word.start:word.end] == word.text
        assert previous <= word.start < word.end
        previous = word.end
