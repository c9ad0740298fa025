"""BM25 over the terms each chunk stored at ingest, in two forms: as written and diacritic-folded.

A question typed with diacritics is matched against the exact forms (no precision lost: "bà" and "ba"
stay apart); a question typed without them ("truong ban chi dao") is matched against the folded forms.
The index is rebuilt from the store, so it always covers exactly the stored chunks.
"""

from __future__ import annotations

import logging
import math
import sys
from collections import Counter
from collections.abc import Sequence

import bm25s
import numpy as np

from bcd import vietnamese as vn

logging.getLogger("bm25s").setLevel(logging.WARNING)  # it logs every index build at DEBUG


class LexicalIndex:
    """Scores every chunk for a list of query terms; `mask` restricts scoring to allowed chunks."""

    def __init__(self, chunk_terms: Sequence[Sequence[str]]) -> None:
        self.size = len(chunk_terms)
        # A corpus repeats a few thousand distinct terms millions of times: one folded string per distinct
        # term, shared, instead of millions of equal strings (callers should intern the terms they pass).
        fold = {t: sys.intern(vn.fold(t)) for terms in chunk_terms for t in terms}
        folded = [[fold[t] for t in terms] for terms in chunk_terms]
        self._exact = self._build(chunk_terms)
        self._folded = self._build(folded)
        self._df = Counter(t for terms in folded for t in set(terms))

    def idf(self, term: str) -> float:
        """Inverse document frequency of a (folded) term over chunks; unseen terms weigh the most."""
        return math.log((self.size + 1) / (self._df.get(vn.fold(term), 0) + 0.5))

    @staticmethod
    def _build(corpus: Sequence[Sequence[str]]) -> bm25s.BM25 | None:
        if not corpus:
            return None
        index = bm25s.BM25()
        index.index([list(terms) or [""] for terms in corpus], show_progress=False)
        return index

    def scores(self, terms: Sequence[str], folded: bool) -> np.ndarray:
        index = self._folded if folded else self._exact
        if index is None or not terms:
            return np.zeros(self.size, dtype=np.float32)
        query = [vn.fold(t) for t in terms] if folded else list(terms)
        return np.asarray(index.get_scores(query), dtype=np.float32)

    def search(self, terms: Sequence[str], n: int, *, folded: bool,
               mask: np.ndarray | None = None) -> list[tuple[int, float]]:
        """(chunk position, BM25 score) of the best `n` chunks with a positive score."""
        scores = self.scores(terms, folded)
        if mask is not None:
            scores = np.where(mask, scores, 0.0)
        n = min(n, int(np.count_nonzero(scores > 0)))
        if n == 0:
            return []
        top = np.argpartition(-scores, n - 1)[:n]
        return [(int(i), float(scores[i])) for i in top[np.argsort(-scores[top])]]
