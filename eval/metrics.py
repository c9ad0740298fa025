"""Retrieval and answer metrics, computed from per-question relevance lists and answers."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from bcd import vietnamese as vn

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
    """Case-, spacing- and diacritic-insensitive containment (a correct fact typed either way counts)."""
    def squeeze(text: str) -> str:
        return " ".join(vn.fold(vn.normalize(text)).lower().split())

    return squeeze(fact) in squeeze(answer)


def key_fact_correct(answer: str, facts: Sequence[str]) -> bool:
    return bool(facts) and all(contains_fact(answer, f) for f in facts)


def percentile(values: Sequence[float], q: float) -> float:
    return float(np.percentile(values, q)) if values else 0.0


def mean(values: Sequence[float]) -> float:
    return float(np.mean(values)) if values else 0.0
