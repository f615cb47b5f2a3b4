"""Which two targets measure the same thing (``compare``, ``diff``, ``check``).

Two targets align when they share an ``indicator`` id. Targets without one are
compared on what they count, in three parts found by underthesea's word
segmentation:

- the **head**, the counted noun, the first word after a determiner ("số", "các",
  "tỷ lệ" …): "số *xã* thuộc địa bàn trọng điểm", "*người dân* tại các địa bàn";
  heads must agree, as written (``compare`` blocks its rows on them);
- the **subject**, compared word by word (rapidfuzz's Indel ratio, diacritics
  kept, case ignored, an acronym such as "MBN" read as the words it abbreviates
  in the other subject, "mua bán người"): at least ``SIMILARITY_THRESHOLD``, or —
  when the predicates agree (at least ``SIMILARITY_THRESHOLD``, and neither puts
  other words between words both have: "có mô hình *chuyên sâu*" ≠ "có mô hình
  *lồng ghép*") — one subject holds the other's words in order, its scope ("trên
  địa bàn thành phố", "tại …") left out: "các cơ quan truyền thông trên địa bàn
  thành phố" / "các cơ quan truyền thông chủ lực đa phương tiện và cơ quan báo chí";
- the **predicate**, what the plan sets for it — the words of the target's text
  after its subject, auxiliaries ("được", "phải" …) left out: when both targets
  have one, they must not contradict — alike (at least ``PREDICATE_THRESHOLD``)
  or opening on a shared word (the verb; tails differ): "số vụ
  án mua bán người *được truy tố, xét xử*" ≠ "… *khởi tố, điều tra*"; "xã,
  phường, thị trấn *nhận và triển khai tài liệu*" ≠ "số xã, thị trấn trên toàn
  tỉnh *có mô hình lồng ghép*".

The thresholds sit between true pairs and near misses of plans of several
programmes (trafficking, drugs, children): tests hold both sides.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .model import Target

SIMILARITY_THRESHOLD = 55
PREDICATE_THRESHOLD = 30
# words before the counted noun, and the auxiliaries and light verbs ("có", "là") of a predicate, which
# say nothing of what is counted: grammar, not domain
DETERMINERS = frozenset({"số", "các", "những", "mọi", "tỷ lệ", "toàn bộ", "tất cả"})
AUXILIARIES = frozenset({"được", "phải", "đã", "sẽ", "đều", "và", "cũng", "bị", "có", "là"})
# words that open a subject's scope: where the counted things are, not what they are
SCOPE_OPENERS = frozenset({"trên", "tại", "ở", "trong", "thuộc"})
# words of a predicate compared: enough for the verb and its object, not the whole sentence
PREDICATE_WORDS = 12
# a predicate's opening words, its verb: two predicates that share one of them do not contradict, whatever
# their tails say ("phân loại, xử lý, so với năm 2018" / "phân loại, xử lý, trường hợp có dấu hiệu …")
OPENING = 3


@dataclass(frozen=True)
class Alignment:
    """Why two targets were aligned: ``by`` "indicator" (the same catalog id) or
    "subject" (same head, subjects alike: ``score`` 0–100; ``predicate`` 0–100, how
    alike what the two texts set for them, when both say)."""

    by: str
    score: float | None = None
    indicator: str | None = None
    predicate: float | None = None

    def to_dict(self) -> dict:
        return {"by": self.by, "score": _rounded(self.score), "indicator": self.indicator,
                "predicate": _rounded(self.predicate)}


def _rounded(score: float | None) -> float | None:
    return None if score is None else round(score, 1)


@lru_cache(maxsize=1 << 16)
def subject_words(subject: str) -> tuple[str, ...]:
    """The subject's words (underthesea), lowercased, punctuation left out."""
    from .normalize import word_spans

    return tuple(w.text.casefold() for w in word_spans(subject) if any(c.isalnum() for c in w.text))


def subject_similarity(a: str | None, b: str | None) -> float:
    """0–100: how alike two subjects are, word by word."""
    from rapidfuzz import fuzz

    if not a or not b:
        return 0.0
    return fuzz.ratio(subject_words(a), subject_words(b))


def with_acronyms_read(words: tuple[str, ...], subject: str, other: tuple[str, ...]) -> tuple[str, ...]:
    """``words`` with each acronym of ``subject`` (a token written in capitals: "MBN")
    replaced by the run of ``other``'s words whose syllables it abbreviates ("mua bán",
    "người")."""
    capitals = {token.casefold() for token in subject.replace(",", " ").split() if len(token) > 1 and token.isupper()}
    if not capitals:
        return words
    out: list[str] = []
    for word in words:
        run = _abbreviated_run(word, other) if word in capitals else None
        out.extend(run or (word,))
    return tuple(out)


def _abbreviated_run(acronym: str, words: tuple[str, ...]) -> tuple[str, ...] | None:
    for start in range(len(words)):
        initials = ""
        for end in range(start, len(words)):
            initials += "".join(syllable[0] for syllable in words[end].split())
            if initials == acronym:
                return words[start:end + 1]
            if not acronym.startswith(initials):
                break
    return None


def _core(words: tuple[str, ...]) -> tuple[str, ...]:
    """The words from the head on: determiners before it left out."""
    start = 0
    while start < len(words) and words[start] in DETERMINERS:
        start += 1
    return words[start:]


def subject_head(subject: str | None) -> str | None:
    """The counted noun, as written (an acronym is not read here): "số vụ án, MBN" → "vụ"."""
    core = _core(subject_words(subject)) if subject else ()
    return core[0] if core else None


def _unscoped(core: tuple[str, ...]) -> tuple[str, ...]:
    """The core up to its scope: "cơ quan truyền thông trên địa bàn thành phố" → "cơ quan truyền thông"."""
    for i, word in enumerate(core[1:], 1):
        if word in SCOPE_OPENERS:
            return core[:i]
    return core


def predicate_words(target: Target) -> tuple[str, ...]:
    """The first words of what the target's text says after its subject, auxiliaries
    left out: "100% số vụ án mua bán người được truy tố, xét xử …" → ("truy tố", "xét xử", …)."""
    if not target.subject:
        return ()
    at = target.text.find(target.subject)
    if at < 0:
        return ()
    rest = target.text[at + len(target.subject):]
    return tuple(w for w in subject_words(rest) if w not in AUXILIARIES)[:PREDICATE_WORDS]


def _holds_in_order(longer: tuple[str, ...], shorter: tuple[str, ...]) -> bool:
    words = iter(longer)
    return all(word in words for word in shorter)


def has_substitution(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Whether, between words the two share, each puts different words: "có mô hình
    *chuyên sâu* về" / "có mô hình *lồng ghép* về" — a qualifier that tells them apart, where
    words only one has ("có *lượng độc giả lớn có* chuyên trang") refine."""
    from rapidfuzz.distance import Indel

    opcodes = Indel.opcodes(a, b)
    tags: set[str] = set()
    inside = False
    for opcode in opcodes:
        if opcode.tag == "equal":
            if inside and tags >= {"insert", "delete"}:
                return True
            inside, tags = True, set()
        else:
            tags.add(opcode.tag)
    return False


def align(a: Target, b: Target) -> Alignment | None:
    """Why ``a`` and ``b`` measure the same thing, or None when they do not."""
    from rapidfuzz import fuzz

    if a.indicator or b.indicator:
        return Alignment("indicator", indicator=a.indicator) if a.indicator == b.indicator else None
    if a.unit != b.unit or not a.subject or not b.subject:
        return None
    head = subject_head(a.subject)
    if head is None or head != subject_head(b.subject):
        return None
    words_a, words_b = subject_words(a.subject), subject_words(b.subject)
    words_a, words_b = (with_acronyms_read(words_a, a.subject, words_b),
                        with_acronyms_read(words_b, b.subject, words_a))
    core_a, core_b = _core(words_a), _core(words_b)
    predicate_a, predicate_b = predicate_words(a), predicate_words(b)
    stated = len(predicate_a) > 1 and len(predicate_b) > 1
    predicate_score = fuzz.ratio(predicate_a, predicate_b) if stated else None
    if stated and predicate_score < PREDICATE_THRESHOLD and not set(predicate_a[:OPENING]) & set(predicate_b[:OPENING]):
        return None
    score = fuzz.ratio(words_a, words_b)
    if score >= SIMILARITY_THRESHOLD:
        return Alignment("subject", score, predicate=predicate_score)
    if stated and predicate_score >= SIMILARITY_THRESHOLD and not has_substitution(predicate_a, predicate_b):
        inner_a, inner_b = _unscoped(core_a), _unscoped(core_b)
        if _holds_in_order(inner_a, inner_b) or _holds_in_order(inner_b, inner_a):
            return Alignment("subject", score, predicate=predicate_score)
    return None


def same_target(a: Target, b: Target) -> bool:
    return align(a, b) is not None
