"""Repair the text Tesseract gives before extraction reads it.

``repair_ocr_text(text, rules)`` is applied to the pages that were OCR'd, and
only to them. It undoes these errors, each only where it is sure:

* letters spaced apart: "Ủy b an nhân d â n" → "Ủy ban nhân dân", "U B ND" →
  "UBND": pieces that are no syllable are joined when together they make one
  well-formed Vietnamese syllable (or a known abbreviation);
* a tone mark lost or changed on a frequent word: "kiêm tra" → "kiểm tra",
  "bùng nô" → "bùng nổ": a run of syllables that is not in the word list of
  ``rules/ocr.yaml`` but differs from exactly one of its words by one mark
  (a tone, or a letter's hat, horn, breve or bar: "hoạt dộng");
* letters read for digits inside numbers and dates: "l1/2019" → "11/2019",
  "2O19" → "2019"; never inside a word;
* letters of other alphabets no Vietnamese text holds: "QĐÐ-TTg" → "QĐ-TTg";
* a thin slash lost in a date or a số ký hiệu: "ngày 2002/2019" → "ngày
  20/02/2019", "Chương trình 130CP" → "130/CP" (the patterns ``ocr_lost_slash…``).
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from ..normalize import fold_diacritics
from ..ruleset import RuleSet, once_per_rules, words_pattern
from .encodings import _TONE_MARKS, _syllable_verdict

_LETTERS = r"[^\W\d_]"
_LONGEST_SYLLABLE = 7   # "nghiêng"
_MAX_PIECES = 7


def repair_ocr_text(text: str, rules: RuleSet) -> str:
    """The OCR'd ``text`` with the errors the rules know how to undo undone."""
    text = _vietnamese_for_foreign_letters(text, rules)
    text = _join_spaced_letters(text, rules)
    text = _restore_marks(text, rules)
    text = _digits_for_lookalikes(text, rules)
    return _put_back_lost_slashes(text, rules)


# --- letters no Vietnamese text holds ------------------------------------------------

@once_per_rules
def _foreign_letters(rules: RuleSet) -> tuple[re.Pattern, dict[str, str]]:
    pairs = dict(pair.split("=", 1) for pair in rules.cue("ocr_letter_lookalikes"))
    return re.compile("|".join(sorted(map(re.escape, pairs), key=len, reverse=True))), pairs


def _vietnamese_for_foreign_letters(text: str, rules: RuleSet) -> str:
    """"QĐÐ-TTg" → "QĐ-TTg": a letter of another alphabet OCR read for a
    Vietnamese one (Icelandic Ð beside or for Đ)."""
    pattern, pairs = _foreign_letters(rules)
    return pattern.sub(lambda m: pairs[m.group(0)], text) if pairs else text


# --- letters spaced apart -----------------------------------------------------------

_TOKEN_RE = re.compile(rf"{_LETTERS}+|\S")
_ONSETS_AND_CODAS = frozenset("ch gh gi kh ng ngh nh ph qu th tr".split())


def _is_piece(word: str) -> bool:
    """A part of a syllable OCR may have cut off: one letter, or letters that
    are no well-formed syllable ("ng", "ươ")."""
    return len(word) == 1 or _syllable_verdict(word) is not True


def _surely_cut(pieces: list[str]) -> bool:
    """Pieces no clean text writes side by side: two or more stray letters ("d â n"),
    an onset or coda alone ("tướ ng", "ph ủ", "M I NH"), a capital cut from the
    rest of its word ("T hành"). One stray letter beside a syllable ("b an", "vụ y",
    "giao c") may be a word or a list label: joined only on a line that shows one
    of these."""
    if sum(len(p) == 1 for p in pieces) >= 2:
        return True
    if any(p.casefold() in _ONSETS_AND_CODAS for p in pieces):
        return True
    return len(pieces[0]) == 1 and pieces[0].isupper() and pieces[0].casefold() not in "aăâeêioôơuưy" \
        and pieces[1].islower()


def _cased_like_a_word(word: str) -> bool:
    return word.islower() or word.isupper() or (word[0].isupper() and word[1:].islower())


@once_per_rules
def _abbreviations(rules: RuleSet) -> frozenset[str]:
    """The capitals OCR may space apart: "U B ND" is UBND."""
    shorts = {short for entry in rules.entries("abbreviations").values() for short in entry.get("short", [])}
    shorts |= {symbol for entry in rules.entries("doc_types").values() for symbol in entry.get("symbols", [])}
    return frozenset(s for s in shorts if s.isalpha() and s.isupper())


def _one_word(pieces: list[str], rules: RuleSet) -> str | None:
    """How sure it is that ``pieces`` (letters only, two or more) are one word OCR
    spaced apart: "sure", "weak" (one stray letter beside a syllable) or None."""
    word = "".join(pieces)
    if not any(_is_piece(p) for p in pieces):
        return None
    if word.isupper() and word in _abbreviations(rules) and all(len(p) <= 2 for p in pieces):
        return "sure" if sum(len(p) == 1 for p in pieces) >= 2 else None
    if len(word) > _LONGEST_SYLLABLE or not _cased_like_a_word(word) or _syllable_verdict(word) is not True:
        return None
    return "sure" if _surely_cut(pieces) else "weak"


def _join_spaced_letters(text: str, rules: RuleSet) -> str:
    """"T hành phố Hồ Chí M inh" → "Thành phố Hồ Chí Minh", "B ộ X â y d ự n g" →
    "Bộ Xây dựng", "HỒ C H Í M I NH" → "HỒ CHÍ MINH": each line is cut into
    words so that the fewest stray pieces remain, then the fewest words the
    text does not write elsewhere nor a frequent word holds ("T h à nh ủ y" is
    "Thành ủy", not "Thà nhủy")."""
    written = {w.casefold() for w in re.findall(_LETTERS + "{2,}", text)} | _frequent_syllables(rules)
    return "\n".join(_join_line(line, rules, written) for line in text.split("\n"))


@once_per_rules
def _frequent_syllables(rules: RuleSet) -> frozenset[str]:
    return frozenset(s.casefold() for word in rules.cue("ocr_frequent_words") for s in word.split())


def _join_line(line: str, rules: RuleSet, written: set[str]) -> str:
    tokens = list(_TOKEN_RE.finditer(line))
    words = [t.group(0) for t in tokens]
    if not any((len(w) == 1 and w.isalpha()) or w.casefold() in _ONSETS_AND_CODAS for w in words):
        return line     # most lines: nothing stray to join
    letters = [w.isalpha() for w in words]
    groups: dict[int, list[int]] = {}
    sure = False
    for i in range(len(tokens)):
        if not letters[i]:
            continue
        for stop in range(i + 2, min(len(tokens), i + _MAX_PIECES) + 1):
            if not letters[stop - 1] or line[tokens[stop - 2].end():tokens[stop - 1].start()] not in (" ", "  "):
                break
            verdict = _one_word(words[i:stop], rules)
            if verdict:
                groups.setdefault(i, []).append(stop)
                sure = sure or verdict == "sure"
    if not sure:
        return line
    # best[i]: (stray pieces, words not written elsewhere, words, joins) for tokens[i:]
    best: list[tuple[int, int, int, list]] = [(0, 0, 0, [])] * (len(tokens) + 1)
    for i in range(len(tokens) - 1, -1, -1):
        stray = int(letters[i] and _is_piece(words[i]))
        rest = best[i + 1]
        options = [(stray + rest[0], rest[1], rest[2] + 1, rest[3])]
        for stop in groups.get(i, []):
            rest = best[stop]
            unseen = "".join(words[i:stop]).casefold() not in written
            options.append((rest[0], rest[1] + unseen, rest[2] + 1, [(i, stop)] + rest[3]))
        best[i] = min(options, key=lambda o: o[:3])
    out, cursor = [], 0
    for i, stop in best[0][3]:
        out += [line[cursor:tokens[i].start()], "".join(words[i:stop])]
        cursor = tokens[stop - 1].end()
    return "".join(out) + line[cursor:]


# --- tone marks lost on frequent words -------------------------------------------------

@once_per_rules
def _frequent_words(rules: RuleSet) -> tuple[dict[str, list[tuple[str, ...]]], re.Pattern | None]:
    """The word list of rules/ocr.yaml by its letters without marks, and a regex
    that finds the runs of syllables that could be one of them."""
    by_bare: dict[str, list[tuple[str, ...]]] = {}
    for word in rules.cue("ocr_frequent_words"):
        syllables = tuple(unicodedata.normalize("NFC", word).casefold().split())
        by_bare.setdefault(fold_diacritics(" ".join(syllables)), []).append(syllables)
    if not by_bare:
        return by_bare, None
    # only the first syllable is searched for: the rest is read from where it ends
    firsts = {fold_diacritics(key.split()[0]) for key in by_bare}
    first = "|".join(sorted(map(re.escape, firsts), key=len, reverse=True))
    return by_bare, re.compile(rf"(?<!\w)(?:{first})(?!\w)", re.IGNORECASE)


_SYLLABLES_AFTER = re.compile(rf"(?:[ \t]+\n?[ \t]*|\n[ \t]*)({_LETTERS}+)(?!\w)")


def _restore_marks(text: str, rules: RuleSet) -> str:
    """"Tiến hành kiêm tra" → "Tiến hành kiểm tra": a run of syllables that is
    not a frequent word but is one with one mark changed. No syllable of a
    frequent word written right is changed: "phổ biến pháp luật" keeps its
    "biến pháp", which "biện pháp" would otherwise claim, and "đảm bảo về" its
    "bảo về"."""
    by_bare, first_syllable = _frequent_words(rules)
    if first_syllable is None:
        return text
    longest = max(len(key.split()) for key in by_bare)
    runs = []
    for m in first_syllable.finditer(fold_diacritics(text)):
        spans = [(m.start(), m.end())]
        while len(spans) < longest:
            nxt = _SYLLABLES_AFTER.match(text, spans[-1][1])
            if not nxt:
                break
            spans.append(nxt.span(1))
        runs.append([(span, text[span[0]:span[1]]) for span in spans])
    written_right = {span for run in runs for count in range(2, len(run) + 1)
                     if _syllable_keys(s for _, s in run[:count]) in _known_keys(rules)
                     for span, _ in run[:count]}
    edits: dict[tuple[int, int], str] = {}
    for run in runs:
        for count in range(len(run), 1, -1):
            if any(span in written_right for span, _ in run[:count]):
                continue
            word = _the_frequent_word(tuple(s for _, s in run[:count]), by_bare)
            if word:
                for (span, old), new in zip(run[:count], word):
                    if _syllable_key(old) != _syllable_key(new):
                        edits[span] = _cased_like(new, old)
                break
    for (start, end), replacement in sorted(edits.items(), reverse=True):
        text = text[:start] + replacement + text[end:]
    return text


@lru_cache(maxsize=65536)
def _syllable_key(syllable: str) -> tuple[str, str]:
    """A syllable's letters and tone, wherever the mark sits: "tuý" and "túy" are one."""
    decomposed = unicodedata.normalize("NFD", syllable.casefold())
    tone = "".join(c for c in decomposed if c in _TONE_MARKS)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONE_MARKS)), tone


def _syllable_keys(syllables) -> tuple[tuple[str, str], ...]:
    return tuple(_syllable_key(s) for s in syllables)


@once_per_rules
def _known_keys(rules: RuleSet) -> frozenset:
    return frozenset(_syllable_keys(word.split()) for word in rules.cue("ocr_frequent_words"))


def _the_frequent_word(read: tuple[str, ...], by_bare: dict) -> tuple[str, ...] | None:
    """The one frequent word ``read`` is with one mark changed ("kiêm tra", "hoạt
    dộng"; not "chỉ dao" from a line typed without marks); None when ``read``
    is a frequent word itself, or none or several fit."""
    keys = _syllable_keys(read)
    candidates = by_bare.get(fold_diacritics(" ".join(read).casefold()), [])
    if any(_syllable_keys(c) == keys for c in candidates):
        return None
    fits = [c for c in candidates if sum(_marks_apart(a, b) for a, b in zip(_syllable_keys(c), keys)) == 1]
    return fits[0] if len(fits) == 1 else None


def _marks_apart(a: tuple[str, str], b: tuple[str, str]) -> int:
    """How many marks two syllables of the same letters differ by: the tone, and
    each letter's hat, horn, breve or bar ("dộng"/"động" 1, "dao"/"đạo" 2)."""
    return (a[1] != b[1]) + sum(x != y for x, y in zip(a[0], b[0]))


def _cased_like(word: str, model: str) -> str:
    """``word`` in the case of ``model``, letter by letter: ("kiểm", "KIÊM") → "KIỂM"."""
    if len(word) != len(model):
        return word
    return "".join(c.upper() if m.isupper() else c for c, m in zip(word, model))


# --- letters read for digits ------------------------------------------------------------

@once_per_rules
def _number_re(rules: RuleSet) -> tuple[re.Pattern, dict[str, str], re.Pattern]:
    """A number or date that may hold look-alike letters, not touching a letter
    ("l1", "2O19", "l5/3/2O19"); the look-alikes; the words a number follows."""
    lookalikes = {}
    for pair in rules.cue("ocr_digit_lookalikes"):
        letter, digit = (part.strip() for part in pair.split("="))
        lookalikes[letter] = digit
    letters = re.escape("".join(lookalikes))
    piece = rf"[0-9{letters}]{{1,12}}"
    number = re.compile(rf"(?<!{_LETTERS}){piece}(?:[/.,-]{piece}){{0,3}}(?!{_LETTERS})")
    number_words = re.compile(words_pattern(rules.cue("ocr_number_words")) + r"[\s:]{0,3}$", re.IGNORECASE)
    return number, lookalikes, number_words


def _digits_for_lookalikes(text: str, rules: RuleSet) -> str:
    """"ngày l5/3/2O19" → "ngày 15/3/2019", "số l1/KH-UBND" → "số 11/KH-UBND": a
    letter that looks like a digit, in a number of two digits or more ("2O19"),
    or beside one digit in a date, a số ký hiệu ("l1/KH"), a share ("1OO%") or after
    "ngày", "số" …; "(2I, 3B)" keeps its letters."""
    number, lookalikes, number_words = _number_re(rules)

    def repair(m: re.Match) -> str:
        run = m.group(0)
        if not any(c in lookalikes for c in run):
            return run
        groups = re.split(r"[/.,-]", run)
        if not all(any(c.isdigit() for c in g) for g in groups):
            return run      # a group of letters alone is no number
        shaped = (len(groups) > 1 or text.startswith(("/", "%"), m.end())
                  or number_words.search(text, max(0, m.start() - 12), m.start()))
        if not shaped and not all(sum(c.isdigit() for c in g) >= 2 for g in groups):
            return run
        return "".join(lookalikes.get(c, c) for c in run)

    return number.sub(repair, text)


# --- slashes lost ---------------------------------------------------------------------------

def _put_back_lost_slashes(text: str, rules: RuleSet) -> str:
    """"ngày 2002/2019" → "ngày 20/02/2019": each ``ocr_lost_slash…`` pattern of
    rules/ocr.yaml marks with its group ``slash`` where a separator goes back."""
    for pattern_id in sorted(rules.entries("patterns")):
        if not pattern_id.startswith("ocr_lost_slash"):
            continue
        pattern = rules.pattern(pattern_id)

        def put_back(m: re.Match) -> str:
            sep = m.groupdict().get("sep") or "/"
            at = m.start("slash") - m.start()
            return m.group(0)[:at] + sep + m.group(0)[at:]

        text = pattern.sub(put_back, text)
    return text
