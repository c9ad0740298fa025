"""Which sentences of the retrieved passages answer the question, and how well — before any generation.

The same selection serves two purposes: the extractive answerer quotes it, and the service refuses when
it is weak, whatever generator is configured. A selection supports a question when together its sentences
hold most of the question's weighted key terms, hold the kind of fact the question asks for (a person for
"ai", a count for "bao nhiêu", a date for "ngày nào", a number for "số hiệu", a province for "tỉnh nào"),
belong to the provinces the question names, and contain the document numbers it cites.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from bcd import vietnamese as vn
from chat.generators.base import Passage
from retrieval.coverage import KeyTerms, coverage, key_terms

_DATE = re.compile(r"(?<![\d/])\d{1,2}/\d{1,2}(?:/\d{4})?(?![\d/])")
_COUNT = re.compile(r"(?<![\d/.,])\d+(?:[.,]\d+)*(?![\d/])")


def _has_count(sentence: str) -> bool:
    """A quantity, not the digits of a date or of a document number ("57-NQ/TW")."""
    for number in vn.find_doc_numbers(sentence):
        sentence = sentence.replace(number, " ")
    sentence = re.sub(r"\d+\s?[-/]?\s?[A-ZĐ]+(?:[-/][A-ZĐa-z]+)*", " ", _DATE.sub(" ", sentence))
    return bool(_COUNT.search(sentence))


@dataclass(frozen=True)
class FactKind:
    name: str
    cue: re.Pattern[str]  # matched on the folded, lower-cased question
    present: Callable[[str], bool]


FACT_KINDS = [
    FactKind("doc_number", re.compile(r"\b(so hieu|van ban so|so may|ky hieu)\b"),
             lambda s: bool(vn.find_doc_numbers(s))),
    FactKind("date", re.compile(r"\b(ngay nao|khi nao|bao gio|thoi gian nao|luc nao|ngay may|thang nao)\b"),
             lambda s: bool(_DATE.search(s))),
    FactKind("count", re.compile(r"\b(bao nhieu|may|ty le|so luong|phan tram)\b"), _has_count),
    FactKind("person", re.compile(r"\b(ai|nguoi nao|dong chi nao|ong nao|ba nao)\b"),
             lambda s: bool(vn.person_names(s))),
    FactKind("province", re.compile(r"\b(tinh nao|dia phuong nao|o dau)\b"),
             lambda s: bool(vn.province_mentions(s))),
]
_LIST_CUE = re.compile(r"\b(nhung|cac)\b.*\b(nao|gi)\b|\bgom\b|\bso sanh\b")

TYPE_BONUS = 0.5
PASSAGE_WEIGHT = 0.25
RANK_PENALTY = 0.03
KEEP_RATIO = 0.9
MAX_OPEN_SENTENCES = 2  # an open question ("làm gì", "thế nào") gets its best sentence and one more
LIST_KEEP_RATIO = 0.6


@dataclass(frozen=True)
class Analysis:
    terms: KeyTerms
    kind: FactKind | None
    is_list: bool
    doc_numbers: list[str]  # comparable keys of the numbers the question cites


def analyse(question: str, idf: Callable[[str], float]) -> Analysis:
    folded = vn.fold(vn.normalize(question)).lower()
    kind = next((k for k in FACT_KINDS if k.cue.search(folded)), None)
    numbers = [vn.doc_number_key(n) for n in vn.find_doc_numbers(question)]
    return Analysis(key_terms(question, idf), kind, bool(_LIST_CUE.search(folded)), numbers)


@dataclass(frozen=True)
class ScoredSentence:
    text: str
    passage: Passage
    coverage: float
    score: float
    has_fact: bool
    start: int  # offset in the passage, to find the sentences that follow it

    @property
    def province(self) -> str:
        return vn.fold(self.passage.hit.metadata.get("province") or "").lower()


def rank_sentences(analysis: Analysis, passages: list[Passage]) -> list[ScoredSentence]:
    """Every distinct sentence of the passages, best first."""
    seen: set[str] = set()
    scored: list[ScoredSentence] = []
    for rank, passage in enumerate(passages):
        province = passage.hit.metadata.get("province")
        context = coverage(analysis.terms, passage.text, province)
        for start, end in vn.split_sentences(passage.text):
            sentence = passage.text[start:end]
            key = " ".join(sentence.split())
            if key in seen or len(sentence.split()) < 4:
                continue
            seen.add(key)
            own = coverage(analysis.terms, sentence, province)
            has_fact = analysis.kind is not None and (analysis.kind.present(sentence) or (
                analysis.kind.name == "province" and bool(province)))
            score = own + PASSAGE_WEIGHT * context - RANK_PENALTY * rank + (TYPE_BONUS if has_fact else 0.0)
            scored.append(ScoredSentence(sentence, passage, own, score, has_fact, start))
    return sorted(scored, key=lambda s: -s.score)


def select(analysis: Analysis, ranked: list[ScoredSentence], max_sentences: int) -> list[ScoredSentence]:
    """The sentences an answer should quote: for a single fact, the best sentence alone; otherwise the best
    one and close runners-up (for lists, also the sentences that follow it); for a question naming several
    provinces, the best sentence of each."""
    if not ranked:
        return []
    chosen: list[ScoredSentence] = []
    for province in analysis.terms.provinces if len(analysis.terms.provinces) > 1 else []:
        best = next((s for s in ranked if s.province == province and s not in chosen), None)
        if best is not None:
            chosen.append(best)
    if not chosen:
        chosen.append(ranked[0])
    if analysis.kind is not None and not analysis.is_list and len(chosen) == 1:
        return chosen  # one fact asked, one sentence stating it: a short answer with one checkable source
    if analysis.is_list:  # an enumeration often runs on in the sentences right after its best one
        chosen += [s for s in _following(chosen[0], ranked) if s not in chosen]
    ratio = LIST_KEEP_RATIO if analysis.is_list else KEEP_RATIO
    if not analysis.is_list and len(analysis.terms.provinces) <= 1:
        max_sentences = min(max_sentences, MAX_OPEN_SENTENCES)
    top = ranked[0].score
    for candidate in ranked:
        if len(chosen) >= max_sentences or candidate.score < ratio * top:
            break
        if candidate in chosen or (chosen[0].has_fact and not candidate.has_fact and not analysis.is_list):
            continue
        chosen.append(candidate)
    return chosen[:max_sentences]


def _following(sentence: ScoredSentence, ranked: list[ScoredSentence], count: int = 2) -> list[ScoredSentence]:
    """The next sentences of the same paragraph as `sentence`, in reading order."""
    text = sentence.passage.text
    paragraph_end = text.find("\n", sentence.start)
    paragraph_end = len(text) if paragraph_end < 0 else paragraph_end
    same = sorted((s for s in ranked if s.passage is sentence.passage and sentence.start < s.start < paragraph_end),
                  key=lambda s: s.start)
    return same[:count]


def support(analysis: Analysis, selection: list[ScoredSentence]) -> float:
    """How much of the question the selection answers (0..1); 0 when a hard requirement is unmet."""
    if not selection:
        return 0.0
    if analysis.kind is not None and not any(s.has_fact for s in selection):
        return 0.0
    joined = " ".join(s.text for s in selection)
    if analysis.doc_numbers:
        cited = {vn.doc_number_key(n) for n in vn.find_doc_numbers(joined)}
        if not set(analysis.doc_numbers) <= cited:
            return 0.0
    provinces = {s.province for s in selection}
    folded = vn.fold(joined).lower()
    if any(p not in provinces and p not in folded for p in analysis.terms.provinces):
        return 0.0
    if analysis.kind is not None and not analysis.is_list and len(analysis.terms.provinces) <= 1:
        # a single fact must be stated by one sentence, not pieced together from several
        return max(s.coverage for s in selection if s.has_fact)
    # every named province is present (checked above), possibly across documents: count them in full
    words_only = KeyTerms(analysis.terms.weights, [])
    covered = coverage(words_only, joined) * words_only.total + (analysis.terms.total - words_only.total)
    return covered / analysis.terms.total if analysis.terms.total else 0.0
