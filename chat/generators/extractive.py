"""The offline default: answer with the source's own sentences, so nothing can be invented.

Each sentence of the top passages is scored by the weighted key terms of the question it contains, the
standing of its passage, and whether it holds the kind of fact the question asks for (a person for "ai",
a number for "bao nhiêu", a date for "ngày nào", a document number for "số hiệu"). The best sentences are
returned in score order, each followed by the citation of its passage.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from bcd import vietnamese as vn
from chat.generators.base import Passage, Turn
from chat.support import coverage, key_terms

_NUMBER = re.compile(r"\d")
_DATE = re.compile(r"\b\d{1,2}/\d{1,2}(?:/\d{4})?\b")

# (question cue, what the answer sentence must contain); cues are matched on the folded question.
_EXPECTED: list[tuple[re.Pattern[str], Callable[[str], bool]]] = [
    (re.compile(r"\b(so hieu|van ban so|so may|ky hieu)\b"), lambda s: bool(vn.find_doc_numbers(s))),
    (re.compile(r"\b(ngay nao|khi nao|bao gio|thoi gian nao|luc nao|ngay may)\b"), lambda s: bool(_DATE.search(s))),
    (re.compile(r"\b(bao nhieu|may|ty le|so luong)\b"), lambda s: bool(_NUMBER.search(s))),
    (re.compile(r"\b(ai|nguoi nao|dong chi nao|ong nao|ba nao)\b"), lambda s: bool(vn.person_names(s))),
]

TYPE_BONUS = 0.35
PASSAGE_WEIGHT = 0.25
RANK_PENALTY = 0.03
KEEP_RATIO = 0.85


@dataclass(frozen=True)
class ScoredSentence:
    text: str
    passage: Passage
    score: float
    has_expected_fact: bool  # holds the kind of fact the question asks for (person, number, date, ...)


class ExtractiveGenerator:
    """Picks and orders source sentences; `idf` weighs the question's terms (rare words count more)."""

    name = "extractive"

    def __init__(self, idf: Callable[[str], float], max_sentences: int = 3) -> None:
        if max_sentences <= 0:
            raise ValueError("max_sentences must be > 0")
        self.idf = idf
        self.max_sentences = max_sentences

    def generate(self, question: str, passages: list[Passage], history: list[Turn]) -> str:
        ranked = self.rank_sentences(question, passages)
        if not ranked:
            return ""
        chosen = [ranked[0]]
        for candidate in ranked[1:]:
            if len(chosen) >= self.max_sentences or candidate.score < KEEP_RATIO * ranked[0].score:
                break
            if ranked[0].has_expected_fact and not candidate.has_expected_fact:
                continue  # a factoid answer stays on sentences that hold the fact
            chosen.append(candidate)
        return " ".join(f"{s.text} [{s.passage.n}]" for s in chosen)

    def rank_sentences(self, question: str, passages: list[Passage]) -> list[ScoredSentence]:
        terms = key_terms(question, self.idf)
        expects = [check for cue, check in _EXPECTED if cue.search(vn.fold(question).lower())][:1]
        seen: set[str] = set()
        scored: list[ScoredSentence] = []
        for rank, passage in enumerate(passages):
            province = passage.hit.metadata.get("province")
            context = coverage(terms, passage.text, province)
            for start, end in vn.split_sentences(passage.text):
                sentence = passage.text[start:end]
                key = " ".join(sentence.split())
                if key in seen or len(sentence.split()) < 4:
                    continue
                seen.add(key)
                score = coverage(terms, sentence, province) + PASSAGE_WEIGHT * context - RANK_PENALTY * rank
                typed = bool(expects) and expects[0](sentence)
                scored.append(ScoredSentence(sentence, passage, score + (TYPE_BONUS if typed else 0.0), typed))
        return sorted(scored, key=lambda s: -s.score)
