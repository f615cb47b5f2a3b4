"""Targets hold when a real plan is laid out or spelt the way another province
writes it: lettered, dashed or numbered items; the target heading in capitals,
numbered "II." or "2.2.", split over two lines; no diacritics; CRLF; a web
page's title and menu above the text. Each case changes only layout or
spelling, so the targets must stay what they were."""
from __future__ import annotations

import re
import textwrap

import pytest
from conftest import EVAL_DOCS, SAMPLES

import plancli
from plancli.normalize import fold_diacritics

# real plans whose targets stand under a "Chỉ tiêu" / "Mục tiêu cụ thể" heading, as lettered or dashed items
DOCUMENTS = [
    SAMPLES / "langson-2019-kh23.md",
    EVAL_DOCS / "cantho-2025-kh153.txt",
    EVAL_DOCS / "hochiminh-2025-qd2853.txt",
    EVAL_DOCS / "hatinh-2025-kh624.txt",
    EVAL_DOCS / "camau-2021-kh98-excerpt.txt",
    EVAL_DOCS / "tiengiang-2019-news-kh37.txt",
    EVAL_DOCS / "dongnai-2025-kh182.txt",
    EVAL_DOCS / "langson-2020-kh54-excerpt.txt",
]

# Where the outline (sections.py) loses the target heading, its values lose their scope with it.
KNOWN_GAPS = {
    ("dongnai-2025-kh182.txt", "heading in bold"): "a bold '**6. Chỉ tiêu …**' in a plain text is no heading",
    ("dongnai-2025-kh182.txt", "heading without its number"): "items '6.4.' are not read as under 'Chỉ tiêu …'",
    ("langson-2020-kh54-excerpt.txt", "numbered items"): "a numbered item '1. Cải thiện …' closes 'Mục tiêu cụ thể'",
    ("langson-2020-kh54-excerpt.txt", "items numbered 1) 2)"): "an item '1) Cải thiện …' closes 'Mục tiêu cụ thể'",
}

_TARGET_HEADING = re.compile(r"(?m)^(\d+)\.\s+((?:Các\s+)?(?:[Cc]hỉ tiêu|Mục tiêu cụ thể)[^\n]{0,60})$")
_LETTER_ITEM = re.compile(r"(?m)^([a-zđ])\)\s+")
_WEB_CHROME = ("Cổng thông tin điện tử\nTrang chủ | Giới thiệu | Tin tức - Sự kiện | Văn bản pháp luật | Liên hệ\n"
               "Đăng nhập | Đăng ký\nTìm kiếm\n\n")


def _heading(transform):
    return lambda text: _TARGET_HEADING.sub(transform, text)


def _numbered_items(text: str) -> str:
    """Lettered items "a) b) c)" numbered "1. 2. 3." under their heading."""
    counter = {"n": 0}

    def number(m: re.Match) -> str:
        counter["n"] = 1 if m.group(1) == "a" else counter["n"] + 1
        return f"{counter['n']}. "
    return _LETTER_ITEM.sub(number, text)


PERTURBATIONS = {
    "crlf": lambda text: text.replace("\n", "\r\n"),
    "no diacritics": fold_diacritics,
    "web page chrome above": lambda text: _WEB_CHROME + text,
    "dashed items": lambda text: _LETTER_ITEM.sub("- ", text),
    "numbered items": _numbered_items,
    "plus items": lambda text: _LETTER_ITEM.sub("+ ", text),
    "heading in capitals": _heading(lambda m: f"{m.group(1)}. {m.group(2).upper()}"),
    "heading lower case": _heading(lambda m: f"{m.group(1)}. {m.group(2)[:1].lower()}{m.group(2)[1:]}"),
    "heading roman": _heading(lambda m: f"{'I' * int(m.group(1)) if int(m.group(1)) < 4 else 'IV'}. {m.group(2)}"),
    "heading two levels": _heading(lambda m: f"1.{m.group(1)}. {m.group(2)}"),
    "heading closed by a colon": _heading(lambda m: f"{m.group(1)}. {m.group(2)}:"),
    "heading split over two lines": _heading(
        lambda m: f"{m.group(1)}. " + re.sub(r"\s+", "\n", m.group(2), count=1)),
    "heading in bold": _heading(lambda m: f"**{m.group(1)}. {m.group(2)}**"),
    "heading without its number": _heading(lambda m: m.group(2)),
    "items numbered 1) 2)": lambda text: _LETTER_ITEM.sub(lambda m: f"{'abcdđeghiklmn'.index(m.group(1)) + 1}) ", text),
    "a tab after item markers": lambda text: re.sub(r"(?m)^([a-zđ]\)|-)[ ]+", "\\1\t", text),
    "hard-wrapped lines": lambda text: "\n\n".join("\n".join(textwrap.wrap(p, 70)) or p for p in text.split("\n\n")),
    "no blank lines between paragraphs": lambda text: re.sub(r"\n\s*\n", "\n", text),
    "non-breaking spaces": lambda text: text.replace(" ", "\u00a0"),
}


def _key(text: str) -> str:
    return " ".join(re.findall(r"\w+", fold_diacritics(text).casefold()))


def _targets(text: str) -> list[tuple]:
    return sorted((t.value, t.value_max, t.unit and _key(t.unit), t.comparator, _key(t.subject or ""))
                  for t in plancli.extract(text).targets)


def _words_agree(a: str, b: str) -> bool:
    """The yardstick's strict test of a subject: its words mostly agree (Jaccard ≥ 0.5)."""
    a_words, b_words = set(a.split()), set(b.split())
    return len(a_words & b_words) >= 0.5 * len(a_words | b_words)


# Without diacritics some words fall together ("có"/"cơ", "số"/"sở", "nhận"/"nhân"): a subject may end
# a few words off, but every target must still be found with its value, unit and comparator.
BLURRING = {"no diacritics"}


@pytest.fixture(scope="module")
def originals() -> dict:
    return {path.name: plancli.extract(path).text for path in DOCUMENTS if path.is_file()}


@pytest.mark.skipif(not EVAL_DOCS.is_dir(), reason="the shared development set is not beside this checkout")
@pytest.mark.parametrize("document", [path.name for path in DOCUMENTS])
@pytest.mark.parametrize("perturbation", PERTURBATIONS)
def test_targets_stay_when_layout_or_spelling_change(request, originals, document, perturbation):
    if (document, perturbation) in KNOWN_GAPS:
        request.applymarker(pytest.mark.xfail(reason=KNOWN_GAPS[document, perturbation], strict=False))
    text = originals[document]
    expected = _targets(text)
    assert expected, "the document has targets to keep"
    found = _targets(PERTURBATIONS[perturbation](text))
    if perturbation not in BLURRING:
        assert found == expected
        return
    assert [t[:4] for t in found] == [t[:4] for t in expected]
    unmatched, missed = list(found), []
    for target in expected:
        if target in unmatched:
            unmatched.remove(target)
        else:
            missed.append(target)
    for target in missed:
        match = next((f for f in unmatched if f[:4] == target[:4] and _words_agree(f[4], target[4])), None)
        assert match, (target, [f for f in unmatched if f[:4] == target[:4]])
        unmatched.remove(match)
