"""BM25 over the terms each chunk stored at ingest, in two forms: as written and diacritic-folded.

A question typed with diacritics is matched against the exact forms (no precision lost: "bà" and "ba"
stay apart); a question typed without them ("truong ban chi dao") is matched against the folded forms.
The index always covers exactly the stored chunks: it is built from the store, or loaded (memory-mapped)
from the copy saved with the rest of the retriever's view of the store (retrieval/snapshot.py), which says
when it is still the store's.
"""

from __future__ import annotations

import logging
import math
import sys
from collections.abc import Sequence
from pathlib import Path

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
        self._set_df()

    def _set_df(self) -> None:
        """Chunks holding each folded term: the folded index's column lengths (a term's postings)."""
        index = self._folded
        self._df = np.diff(np.asarray(index.scores["indptr"])) if index is not None else np.zeros(0, np.int64)

    def idf(self, term: str) -> float:
        """Inverse document frequency of a (folded) term over chunks; unseen terms weigh the most."""
        column = self._folded.vocab_dict.get(vn.fold(term)) if self._folded is not None else None
        df = int(self._df[column]) if column is not None else 0
        return math.log((self.size + 1) / (df + 0.5))

    def save(self, folder: Path) -> None:
        """Write both BM25 indexes into `folder` (bm25s's own format)."""
        for name, index in (("exact", self._exact), ("folded", self._folded)):
            if index is not None:
                index.save(str(folder / name), show_progress=False)

    @classmethod
    def load(cls, folder: Path, size: int) -> LexicalIndex:
        """The index saved in `folder`, its score arrays memory-mapped (shared by every process that loads it)."""
        self = cls.__new__(cls)
        self.size = size
        self._exact, self._folded = (
            bm25s.BM25.load(str(folder / name), mmap=True, show_progress=False) if size else None
            for name in ("exact", "folded"))
        for index in (self._exact, self._folded):
            if index is not None and int(index.scores["num_docs"]) != size:
                raise ValueError(f"saved BM25 index in {folder} has {index.scores['num_docs']} chunks, not {size}")
        self._set_df()
        return self

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
