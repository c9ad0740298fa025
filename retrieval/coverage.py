"""How well a passage supports a question, measured before any answer is generated.

Refusal must not depend on a model's honesty: if no retrieved passage contains most of the question's
weighted key terms, the assistant says the documents do not cover it. Rare words weigh more and words
absent from the corpus weigh the most; compound words count as well as syllables ("thủ đô" is not
covered by "thủ tướng" + "đô thị"); a province named in the question must be the passage's province or
appear in it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from bcd import vietnamese as vn
from retrieval.asked import set_aside

PROVINCE_WEIGHT = 3.0  # about the weight of a word seen in one chunk of a small corpus
COMPOUND_SHARE = 0.5  # a compound word's syllables already count on their own
MIN_WEIGHT = 0.1  # of a word in every chunk, or one of a document the question cites


@dataclass(frozen=True)
class KeyTerms:
    """The question's meaningful terms (folded) with their weights, and the provinces it names."""

    weights: dict[str, float]
    provinces: list[str]
    aside: frozenset[str] = frozenset()  # what the question sets aside and asks nothing else of ("ngoài X, …")

    @property
    def total(self) -> float:
        return sum(self.weights.values()) + PROVINCE_WEIGHT * len(self.provinces)


def key_terms(question: str, idf: Callable[[str], float], provinces: list[str] | None = None) -> KeyTerms:
    """`provinces` (folded, lower-case) are the places the question names, when the caller has read them
    more carefully than a plain mention count (a question analysis); else every mention counts."""
    # "bao nhiêu phần trăm" asks for a share as "bao nhiêu" asks for a number: its words are no topic ("điểm phần
    # trăm" in a sentence about another rate says nothing of the thing asked)
    expanded = _SHARE_ASKED.sub(" ", vn.expand_abbreviations(question))
    # words about the documents themselves ("… được nhắc tên trong tài liệu là ai?") ask nothing of their content: a
    # sentence that answers does not repeat them
    expanded = _ABOUT_THE_DOCUMENTS.sub(" ", expanded)
    expanded = _POINTING_AT_A_QUOTE.sub(" ", expanded)
    if provinces is None:
        provinces = [vn.fold(p).lower() for p in vn.province_mentions(expanded)]
    province_syllables = {s for p in provinces for s in p.split()}
    weights: dict[str, float] = {}
    content = vn.content_tokens(expanded)
    for token in content:
        term = vn.fold(token)
        if term not in province_syllables:
            weights[term] = max(idf(term), MIN_WEIGHT)
    stop = vn.STOPWORDS
    for word in vn.compound_words(expanded):
        term = vn.fold(word)
        if not any(f in province_syllables or s in stop for s, f in zip(word.split("_"), term.split("_"))):
            weights[term] = COMPOUND_SHARE * max(idf(term), MIN_WEIGHT)
    # the words of a document the question cites ("Phụ lục KH 99/KH-UBND: …") weigh least: a sentence of that
    # document need not repeat them (its passage and document are held to the citation), the rest says what
    # is asked of it
    if references := vn.reference_spans(expanded):  # (most questions cite none: nothing to segment again)
        outside, last = [], 0
        for start, end in [*references, (len(expanded), len(expanded))]:
            outside.append(expanded[last:start])
            last = max(last, end)
        # (and what the document does to the things a list asks of it: "Thông báo 15 giao những nhiệm vụ gì?" is
        # answered by its tasks, which do not repeat "giao")
        rest = " ".join([outside[0], *(_DOCUMENT_ACTS.sub(" ", piece) for piece in outside[1:])])
        own = _folded_terms(rest)
        if any(t in own for t in weights):
            weights = {t: (w if t in own else MIN_WEIGHT) for t, w in weights.items()}
    # what a question sets aside ("Ngoài vai trò trong Ban Chỉ đạo, ông còn giữ chức vụ gì?") is not what it
    # asks: a sentence about that role is no answer, the one naming his other posts need not repeat it
    plain = vn.normalize(expanded)
    if (aside := set_aside(vn.fold(plain).lower())) is not None:
        own = _folded_terms(f"{plain[:aside.start()]} {plain[aside.end():]}")  # (folding keeps offsets)
        weights = {t: (w if t in own else MIN_WEIGHT) for t, w in weights.items()}
        return KeyTerms(weights, provinces, frozenset(_folded_terms(plain[aside.start("x"):aside.end("x")]) - own
                                                      - vn.STOPWORDS))
    return KeyTerms(weights, provinces)


_THE_DOCUMENTS = r"(?:các\s+|cac\s+)?(?:tài liệu|tai lieu|văn bản|van ban)(?:\s+(?:hiện có|hien co|này|nay))?"
# the word naming what a quotation is ("Câu “…” do ai nói?", "cụm từ “…” có trong văn bản nào?"): the quoted words
# are what a sentence holds, not "câu" (nor the "cầu" a question typed without diacritics gets back)
_POINTING_AT_A_QUOTE = re.compile(r"(?<!\w)(?:câu nói|câu|cầu|cụm từ|cau noi|cau|cum tu)\s*(?=[“\"])", re.IGNORECASE)
_ABOUT_THE_DOCUMENTS = re.compile(
    r"(?<!\w)(?:(?:được|duoc)\s+(?:nhắc|nhac|đề cập|de cap|nêu|neu)(?:\s+(?:tên|ten|đến|den|tới|toi))?"
    r"(?:\s+(?:trong|theo|ở|o)\s+" + _THE_DOCUMENTS + r")?"
    r"|(?:trong|theo)\s+(?:các\s+|cac\s+)?(?:tài liệu|tai lieu)(?:\s+(?:hiện có|hien co|này|nay))?)(?!\w)",
    re.IGNORECASE)
# a document's act on the things a list question asks of it, right after the document is named (folded too)
_ACTS = "giao|nêu|đề ra|đặt ra|xác định|yêu cầu|chỉ ra|kết luận|đưa ra"
_DOCUMENT_ACTS = re.compile(rf"^\s*(?:{_ACTS}|{vn.fold(_ACTS)})(?=\s+(?:những|các|nhung|cac)\s)", re.IGNORECASE)
_SHARE_ASKED = re.compile(r"(?<!\w)(?:bao nhiêu|mấy|bao nhieu|may)\s+(?:phần trăm|phan tram)(?!\w)", re.IGNORECASE)


def _folded_terms(text: str) -> set[str]:
    """The folded syllables and compound words of an already expanded piece of a question."""
    return {vn.fold(t) for t in vn.tokenize(text)} | {vn.fold(w) for w in vn.compound_words(text)}


@lru_cache(maxsize=4096)
def passage_terms(text: str) -> frozenset[str]:
    """Folded syllables and compound words of a passage, abbreviations spelled out too, and its dates and the
    months they fall in as a question writes them ("ngày 06 tháng 11 năm 2025" holds the "06/11/2025" of "phiên
    họp ngày 06/11/2025" and the "11/2025" of "phiên họp tháng 11/2025")."""
    expanded = vn.expand_abbreviations(text)
    months = {f"{month}/{m['year']}" for m in _MONTH_OF_A_DATE.finditer(vn.normalize(text).lower())
              for month in (str(int(m["month"])), f"{int(m['month']):02d}")}
    days = {form for d in vn.find_dates(text) if d.value.year
            for form in (f"{d.value.day}/{d.value.month}/{d.value.year}",
                         f"{d.value.day:02d}/{d.value.month:02d}/{d.value.year}")}
    return frozenset(vn.fold(t) for t in vn.tokenize(text) + vn.tokenize(expanded) + vn.compound_words(expanded)) \
        | months | days


# a date or a month as documents write them: "06/11/2025", "ngày 06 tháng 11 năm 2025", "tháng 11/2025"
_MONTH_OF_A_DATE = re.compile(r"(?:(?<![\d/])\d{1,2}/|tháng\s+)(?P<month>1[0-2]|0?[1-9])\s*(?:/|\s+năm\s+)\s*"
                              r"(?P<year>(?:19|20)\d\d)(?![\d/])")


def coverage(terms: KeyTerms, text: str, province: str | None = None) -> float:
    """Weighted share of the key terms present in `text` (0..1); `province` is the text's document's."""
    if terms.total == 0:
        return 0.0
    present = passage_terms(text)
    folded_text = " ".join(vn.fold(vn.normalize(text)).lower().split())
    own = vn.fold(province or "").lower()
    score = sum(w for t, w in terms.weights.items() if t in present)
    score += sum(PROVINCE_WEIGHT for p in terms.provinces if p == own or p in folded_text)
    return score / terms.total
