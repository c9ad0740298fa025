"""BM25 over the terms each chunk stored at ingest, in two forms: as written and diacritic-folded.

A question typed with diacritics is matched against the exact forms (no precision lost: "bà" and "ba"
stay apart); a question typed without them ("truong ban chi dao") is matched against the folded forms.
The index always covers exactly the stored chunks: it is built from the store, or loaded (memory-mapped)
from the copy saved with the rest of the retriever's view of the store (retrieval/snapshot.py), which says
when it is still the store's. Each chunk's terms are kept too (`TermTable`, as integer ids), so that after a
write the index is rebuilt from them and the few chunks that changed, without reading the others back.

The BM25 matrices are built here with numpy (one sort of (term, chunk) pairs) rather than by bm25s's
per-chunk Python loop: at 100k chunks that loop took ~17 s and ~700 MB per index, this takes seconds. The
scores are bm25s's own ("lucene": k1 1.5, b 0.75, computed in the same precision; a test compares them
with bm25s's build), and the result is a `bm25s.BM25` that bm25s saves, memory-maps and queries.
"""

from __future__ import annotations

import json
import logging
import math
from array import array
from collections.abc import Iterable, Sequence
from pathlib import Path

import bm25s
import numpy as np

from bcd import vietnamese as vn

logging.getLogger("bm25s").setLevel(logging.WARNING)  # it logs every index build at DEBUG


class TermTable:
    """Every chunk's lexical terms as ids into one vocabulary (`vocab[id]`): a flat int32 array and each
    chunk's offsets into it. A chunk without terms holds the empty term, as bm25s's own build would."""

    _TOKENS, _OFFSETS, _VOCAB = "terms.npy", "term_offsets.npy", "term_vocab.json"

    def __init__(self, vocab: list[str], tokens: np.ndarray, offsets: np.ndarray) -> None:
        self.vocab, self.tokens, self.offsets = vocab, tokens, offsets

    def __len__(self) -> int:
        return len(self.offsets) - 1

    @classmethod
    def encode(cls, chunk_terms: Iterable[str | Sequence[str]]) -> TermTable:
        """From each chunk's terms (the space-joined string stored at ingest, or a list)."""
        builder = TermBuilder()
        for terms in chunk_terms:
            builder.add(terms.split() if isinstance(terms, str) else terms)
        return builder.table()

    def select(self, keep: np.ndarray, added: TermTable | None = None) -> TermTable:
        """The chunks where `keep` is true, in order, then those of `added` (the vocabulary only grows)."""
        lengths = np.diff(self.offsets)
        kept = self.tokens[np.repeat(keep, lengths)]
        added = added or TermTable.encode([])
        vocab, ids = list(self.vocab), {t: i for i, t in enumerate(self.vocab)}
        remap = np.fromiter((ids.setdefault(t, len(ids)) for t in added.vocab), dtype=np.int32,
                            count=len(added.vocab))
        vocab.extend(list(ids)[len(vocab):])
        new = remap[added.tokens] if len(added.tokens) else added.tokens
        offsets = np.concatenate([[0], np.cumsum(lengths[keep]), len(kept) + added.offsets[1:]]).astype(np.int64)
        return TermTable(vocab, np.concatenate([kept, new]).astype(np.int32), offsets)

    def save(self, folder: Path) -> None:
        np.save(folder / self._TOKENS, self.tokens)
        np.save(folder / self._OFFSETS, self.offsets)
        (folder / self._VOCAB).write_text(json.dumps(self.vocab, ensure_ascii=False), "utf-8")

    @classmethod
    def load(cls, folder: Path) -> TermTable:
        vocab = json.loads((folder / cls._VOCAB).read_text("utf-8"))
        tokens = np.load(folder / cls._TOKENS, mmap_mode="r")
        offsets = np.load(folder / cls._OFFSETS, mmap_mode="r")
        if len(offsets) == 0 or int(offsets[-1]) != len(tokens) or (len(tokens) and int(tokens.max()) >= len(vocab)):
            raise ValueError(f"the terms saved in {folder} do not agree with their offsets or vocabulary")
        return cls(vocab, tokens, offsets)


class TermBuilder:
    """A `TermTable` filled chunk by chunk (a large store is read without holding every chunk's terms as
    strings)."""

    def __init__(self) -> None:
        self.vocab: list[str] = []
        self.ids: dict[str, int] = {}
        self.tokens, self.offsets = array("i"), array("q", [0])

    def add(self, terms: Sequence[str]) -> None:
        ids, vocab = self.ids, self.vocab
        for term in terms or ("",):
            index = ids.get(term)
            if index is None:
                index = ids[term] = len(vocab)
                vocab.append(term)
            self.tokens.append(index)
        self.offsets.append(len(self.tokens))

    def table(self) -> TermTable:
        return TermTable(self.vocab, np.frombuffer(self.tokens, dtype=np.int32).copy(),
                         np.frombuffer(self.offsets, dtype=np.int64).copy())


def bm25_index(tokens: np.ndarray, offsets: np.ndarray, vocab: list[str],
               block: int = 1 << 20) -> bm25s.BM25 | None:
    """bm25s's "lucene" BM25 over chunks given as term ids (see the module's docstring). Memory is kept to
    about 9 bytes a token and 16 a (term, chunk) pair: one sorted key per token, scores computed in blocks."""
    n = len(offsets) - 1
    if n == 0:
        return None
    index = bm25s.BM25()
    lengths = np.diff(offsets)
    keys = np.asarray(tokens, dtype=np.int64) * n  # (term, chunk) as one sortable number
    keys += np.repeat(np.arange(n, dtype=np.int32), lengths)
    keys.sort()
    starts = np.flatnonzero(np.concatenate(([True], keys[1:] != keys[:-1])))
    tf = np.diff(np.append(starts, len(keys))).astype(np.int32)
    pairs = keys[starts]
    del keys, starts
    terms = (pairs // n).astype(np.int32)
    docs = (pairs % n).astype(np.int32)
    del pairs
    df = np.bincount(terms, minlength=len(vocab))
    idf = np.log(1 + (n - df + 0.5) / (df + 0.5)).astype(np.float32)
    k1, b, average = index.k1, index.b, lengths.mean()
    data = np.empty(len(tf), dtype=np.float32)
    for start in range(0, len(tf), block):  # the float64 arithmetic bm25s does, a block at a time
        part = slice(start, start + block)
        frequency = tf[part].astype(np.float64)
        data[part] = idf[terms[part]] * (frequency / (k1 * ((1 - b) + b * lengths[docs[part]] / average) + frequency))
    del tf, terms
    indptr = np.concatenate([[0], np.cumsum(df)]).astype(np.int64)
    index.scores = {"data": data, "indices": docs, "indptr": indptr, "num_docs": n}
    index.vocab_dict = {term: i for i, term in enumerate(vocab)}
    index.unique_token_ids_set = set(index.vocab_dict.values())
    index.nonoccurrence_array = None
    return index


class LexicalIndex:
    """Scores every chunk for a list of query terms; `mask` restricts scoring to allowed chunks."""

    def __init__(self, chunk_terms: Sequence[Sequence[str]] | TermTable) -> None:
        self.terms = chunk_terms if isinstance(chunk_terms, TermTable) else TermTable.encode(chunk_terms)
        self.size = len(self.terms)
        vocab, tokens = self.terms.vocab, np.asarray(self.terms.tokens)
        folded_ids: dict[str, int] = {}
        to_folded = np.fromiter((folded_ids.setdefault(vn.fold(t), len(folded_ids)) for t in vocab),
                                dtype=np.int32, count=len(vocab))
        self._exact = bm25_index(tokens, self.terms.offsets, vocab)
        self._folded = bm25_index(to_folded[tokens] if len(tokens) else tokens, self.terms.offsets,
                                  list(folded_ids))
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
        """Write both BM25 indexes (bm25s's own format) and the chunks' terms into `folder`."""
        self.terms.save(folder)
        for name, index in (("exact", self._exact), ("folded", self._folded)):
            if index is not None:
                index.save(str(folder / name), show_progress=False)

    @classmethod
    def load(cls, folder: Path, size: int) -> LexicalIndex:
        """The index saved in `folder`, its score arrays memory-mapped (shared by every process that loads it)."""
        self = cls.__new__(cls)
        self.size = size
        self.terms = TermTable.load(folder)
        if len(self.terms) != size:
            raise ValueError(f"the terms saved in {folder} are of {len(self.terms)} chunks, not {size}")
        self._exact, self._folded = (
            bm25s.BM25.load(str(folder / name), mmap=True, show_progress=False) if size else None
            for name in ("exact", "folded"))
        for index in (self._exact, self._folded):
            if index is not None and int(index.scores["num_docs"]) != size:
                raise ValueError(f"saved BM25 index in {folder} has {index.scores['num_docs']} chunks, not {size}")
        self._set_df()
        return self

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
