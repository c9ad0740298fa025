"""Retrieval and answer metrics, computed from per-question relevance lists and answers."""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence

import numpy as np

from bcd import vietnamese as vn
from chat.citations import MARKERS

CUTOFFS = (1, 3, 5, 10)


def retrieval_metrics(relevant: Sequence[bool], total_relevant: int) -> dict[str, float]:
    """hit@1/3/5/10, MRR@10 and nDCG@10 of one ranked list (True = relevant), given how many relevant
    items exist in the whole index (for the ideal DCG)."""
    ranked = list(relevant)[:10]
    scores = {f"hit@{k}": float(any(ranked[:k])) for k in CUTOFFS}
    first = next((i for i, r in enumerate(ranked) if r), None)
    scores["mrr@10"] = 0.0 if first is None else 1.0 / (first + 1)
    dcg = sum(1.0 / math.log2(i + 2) for i, r in enumerate(ranked) if r)
    ideal = sum(1.0 / math.log2(i + 2) for i in range(min(max(total_relevant, 1), 10)))
    scores["ndcg@10"] = dcg / ideal
    return scores


def contains_fact(answer: str, fact: str) -> bool:
    """Case-, spacing- and diacritic-insensitive containment (a correct fact typed either way counts); a fact
    that is a date counts in either of its written forms ("14 tháng 3 năm 2025" = "14/03/2025"), a quarter in
    Roman or Arabic figures ("quý I/2026" = "quý 1/2026")."""
    def squeeze(text: str, quarters: bool = False) -> str:
        text = vn.normalize(text)
        return " ".join(vn.fold(vn.arabic_quarters(text) if quarters else text).lower().split())

    if squeeze(fact) in squeeze(answer) or squeeze(fact, True) in squeeze(answer, True):
        return True
    dates = vn.find_dates(fact)
    return len(dates) == 1 and _only_a_date(fact) and dates[0].value in {d.value for d in vn.find_dates(answer)}


def _only_a_date(fact: str) -> bool:
    """Whether the fact says nothing but a full date ("ngày 14 tháng 3 năm 2025", "14/3/2025")."""
    rest = re.sub(r"\d{1,2}\s*(?:/|tháng)\s*\d{1,2}\s*(?:/|năm)\s*\d{4}|ngày", " ", vn.normalize(fact).lower())
    return not rest.strip(" ,.")


def key_fact_correct(answer: str, facts: Sequence[str]) -> bool:
    return bool(facts) and all(contains_fact(answer, f) for f in facts)


def _comparable(text: str) -> str:
    """The reading-comprehension scorer's normalisation: NFC, one tone placement, case-folded, one space;
    citation markers removed."""
    return " ".join(vn.normalize(MARKERS.sub(" ", text)).casefold().split())


def gold_contained(answer: str, golds: Sequence[str]) -> bool:
    text = _comparable(answer)
    return any(_comparable(g) and _comparable(g) in text for g in golds)


def _f1_tokens(text: str) -> list[str]:
    text = _comparable(text)
    return "".join(" " if unicodedata.category(ch).startswith(("P", "S")) else ch for ch in text).split()


def token_f1(answer: str, golds: Sequence[str]) -> float:
    """SQuAD-style token F1 over syllables against the best-matching gold answer."""
    best = 0.0
    predicted = Counter(_f1_tokens(answer))
    for gold in golds:
        wanted = Counter(_f1_tokens(gold))
        common = sum((predicted & wanted).values())
        if common:
            precision, recall = common / sum(predicted.values()), common / sum(wanted.values())
            best = max(best, 2 * precision * recall / (precision + recall))
    return best


def auc(positives: Sequence[float], negatives: Sequence[float]) -> float | None:
    """Probability that a random positive scores above a random negative (ties count half)."""
    if not positives or not negatives:
        return None
    pos, neg = np.asarray(positives)[:, None], np.asarray(negatives)[None, :]
    return float(((pos > neg).sum() + 0.5 * (pos == neg).sum()) / (pos.size * neg.size))


def percentile(values: Sequence[float], q: float) -> float:
    return float(np.percentile(values, q)) if values else 0.0


def mean(values: Sequence[float]) -> float:
    return float(np.mean(values)) if values else 0.0
