"""Dense + lexical search over the stored chunks, fused by reciprocal rank.

>>> retriever = HybridRetriever(get_settings())          # doctest: +SKIP
>>> [hit.doc_id for hit in retriever.search("Ai là Trưởng BCĐ tỉnh Nam Định?", k=3)]  # doctest: +SKIP
"""

from __future__ import annotations

import ctypes
import logging
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import numpy as np
from langchain_core.embeddings import Embeddings

from bcd import vietnamese as vn
from bcd.settings import Settings
from ingest.embed import embedder_name, get_embeddings
from ingest.store import ChunkStore, StoredChunk
from ingest.structure import label_in
from retrieval import snapshot
from retrieval.acronyms import AcronymReader
from retrieval.coverage import coverage
from retrieval.filters import PUBLIC, SearchFilters, Viewer
from retrieval.lexical import LexicalIndex, TermBuilder
from retrieval.names import CorpusNames
from retrieval.question import Question, analyse_question
from retrieval.restore import DiacriticRestorer
from retrieval.snapshot import View

log = logging.getLogger(__name__)
_SOURCES = {"revision": "the saved view of the store's revision", "changes": "a saved view updated with the "
            "documents written since", "fingerprint": "every chunk read, the saved view of the same content loaded",
            "store": "built from every chunk"}

SearchMode = Literal["hybrid", "dense", "lexical"]
_LIST_FIELDS = ("dates", "doc_numbers", "groups", "instructions", "recipients", "bases")
# an official document's header (ingest/official.py), as users see it in document lists
HEADER_FIELDS = ("doc_type", "doc_number", "official_name", "issuer", "issued_date", "subject", "signer",
                 "signer_position", "signer_authority", "recipients", "bases")


@dataclass
class Hit:
    chunk_id: str
    doc_id: str
    text: str
    score: float
    metadata: dict[str, Any]
    dense_rank: int | None = None
    lexical_rank: int | None = None
    signals: dict[str, float] = field(default_factory=dict)

    @property
    def title(self) -> str:
        return str(self.metadata.get("title", ""))

    @property
    def source(self) -> str:
        return str(self.metadata.get("source", ""))

    @property
    def section(self) -> str:
        """The citation label at the chunk's start ("mục II.3"; "" in a document without numbered structure)."""
        return str(self.metadata.get("section") or "")

    def section_at(self, offset: int) -> str:
        """The citation label at a document offset inside this chunk (a quote's own, not the chunk's)."""
        return label_in(self.section, str(self.metadata.get("sections") or ""), offset)


_CHUNK_FIELDS = ("chunk_index", "start", "end", "section", "sections", "headings")


class _Collector:
    """Gathers chunks read from the store into what a view keeps of them (texts, spans, section labels,
    document metadata, lexical terms as ids), fingerprinting what it read."""

    def __init__(self, code: str) -> None:
        self.ids: list[str] = []
        self.texts: list[str] = []
        self.spans: list[tuple[str, int, int, int]] = []
        # a chunk's section labels and the headings above its start (None in an article: most)
        self.sections: list[tuple[str, str, str] | None] = []
        self.documents: dict[str, dict[str, Any]] = {}
        self.terms = TermBuilder()  # the stored lexical terms, as ids
        self.key = snapshot.Fingerprint(code)

    def add(self, chunk: StoredChunk) -> None:
        meta = unpack_metadata(chunk.metadata)
        doc_id = meta["doc_id"]
        if doc_id not in self.documents:
            self.documents[doc_id] = {k: v for k, v in meta.items() if k not in _CHUNK_FIELDS}
        self.ids.append(chunk.chunk_id)
        self.texts.append(chunk.text)
        self.key.add(chunk.chunk_id, chunk.text, chunk.metadata)
        self.terms.add(str(chunk.metadata.get("lexical", "")).split())
        self.spans.append((self.documents[doc_id]["doc_id"], int(meta["chunk_index"]), int(meta["start"]),
                           int(meta["end"])))
        labels = tuple(str(meta.get(name) or "") for name in ("section", "sections", "headings"))
        self.sections.append(labels if any(labels) else None)

    def build(self) -> View:
        lexical = LexicalIndex(self.terms.table())
        return View(self.ids, self.texts, {"spans": self.spans, "sections": self.sections}, self.documents,
                    lexical, DiacriticRestorer(self.texts))

    def update(self, old: View, changed: set[str]) -> View:
        """`old` without the chunks of the `changed` documents, then the chunks collected (theirs now)."""
        spans = old.columns["spans"]
        keep = np.fromiter((span[0] not in changed for span in spans), dtype=bool, count=len(spans))
        kept = np.flatnonzero(keep).tolist()
        removed_texts = (old.texts[i] for i in np.flatnonzero(~keep).tolist())
        restorer = old.restorer.updated(removed=removed_texts, added=self.texts)
        documents = {d: m for d, m in old.documents.items() if d not in changed} | self.documents
        lexical = LexicalIndex(old.lexical.terms.select(keep, self.terms.table()))
        return View([old.ids[i] for i in kept] + self.ids, [old.texts[i] for i in kept] + self.texts,
                    {"spans": [spans[i] for i in kept] + self.spans,
                     "sections": [old.columns["sections"][i] for i in kept] + self.sections},
                    documents, lexical, restorer)


def full_numbers_by_reference(documents: Iterable[dict[str, Any]]) -> dict[str, set[str]]:
    """The numbers the corpus cites (comparable keys), by short reference ("57-nq" → {"57nqtw"}): what
    "NQ57" in a question can mean here."""
    found: dict[str, set[str]] = {}
    for meta in documents:
        for number in meta.get("doc_numbers", []):
            if reference := vn.full_number_reference(number):
                found.setdefault(reference, set()).add(vn.doc_number_key(number))
    return found


def _release_freed_memory() -> None:
    """Give the heap that reading the store left free back to the OS (glibc keeps it otherwise, and a
    long-lived server would carry the peak of every refresh)."""
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc: nothing to do
        pass


def unpack_metadata(meta: dict[str, Any]) -> dict[str, Any]:
    """Chroma keeps flat scalars; give callers real lists and drop the stored lexical terms."""
    out = {k: v for k, v in meta.items() if k != "lexical"}
    for name in _LIST_FIELDS:
        value = out.get(name) or ""
        out[name] = [v for v in str(value).split("|") if v]
    return out


def reciprocal_rank_fusion(rankings: list[list[int]], k: int) -> dict[int, float]:
    fused: dict[int, float] = {}
    for ranking in rankings:
        for rank, position in enumerate(ranking):
            fused[position] = fused.get(position, 0.0) + 1.0 / (k + rank + 1)
    return fused


def convex_fusion(dense: list[tuple[int, float]], lexical: list[tuple[int, float]],
                  dense_weight: float) -> dict[int, float]:
    """Weighted sum of min-max normalised scores (a candidate missing from one list scores 0 there)."""
    def normalise(results: list[tuple[int, float]]) -> dict[int, float]:
        if not results:
            return {}
        scores = [s for _, s in results]
        low, high = min(scores), max(scores)
        return {p: (s - low) / (high - low) if high > low else 1.0 for p, s in results}

    d, l = normalise(dense), normalise(lexical)
    return {p: dense_weight * d.get(p, 0.0) + (1 - dense_weight) * l.get(p, 0.0) for p in set(d) | set(l)}


class HybridRetriever:
    """Loads the lexical side from the store once; call `refresh()` after the store changes."""

    def __init__(self, settings: Settings, embeddings: Embeddings | None = None,
                 store: ChunkStore | None = None) -> None:
        if settings.top_k <= 0 or settings.candidates <= 0:
            raise ValueError("top_k and candidates must be > 0")
        self.settings = settings
        self.embeddings = embeddings or get_embeddings(settings)
        self.store = store or ChunkStore(settings, embedder_name(self.embeddings))
        self._lock = threading.Lock()
        self.refresh()

    def refresh(self) -> None:
        """Take the in-memory view (texts, metadata, BM25, restorer) of what the store holds now: the saved
        view of the store's current revision when there is one (nothing read back from the store), else read
        from every chunk (and saved for the next start and the other workers). Metadata is kept once per
        document, with only each chunk's position and span beside it: a large index holds many chunks per
        document, and per-chunk copies dominated memory."""
        started = time.perf_counter()
        view, self.loaded_from = self._open_view()
        spans, sections = view.columns["spans"], view.columns["sections"]
        references = full_numbers_by_reference(view.documents.values())
        with self._lock:
            self.ids, self.texts, self.spans, self.lexical = view.ids, view.texts, spans, view.lexical
            self.sections = sections
            self._documents, self.restorer, self.references = view.documents, view.restorer, references
            # reads the texts only for an acronym a question uses
            self.acronyms = AcronymReader(view.texts, sorted({str(d["province"]) for d in view.documents.values()
                                                              if d.get("province")}))
            self.names = CorpusNames(view.texts)  # read on the first question
            self.position = {cid: i for i, cid in enumerate(view.ids)}
            self.restricted = {d for d, m in view.documents.items() if m.get("groups")}
            self.doc_ids = np.array([span[0] for span in spans], dtype=object)
            self.lexical_source = {"store": "built", "changes": "updated"}.get(self.loaded_from, "loaded")
        _release_freed_memory()
        log.info("retriever loaded %d chunks of %d documents in %.1f s (%s)", len(view.ids), len(view.documents),
                 time.perf_counter() - started, _SOURCES[self.loaded_from])

    def _open_view(self) -> tuple[View, str]:
        """The view and where it came from: "revision" (saved for the store's current revision: no chunk
        read), "changes" (a saved view of an earlier revision, updated with the chunks of the documents
        written since), "fingerprint" (every chunk read, the saved view of the same content loaded) or
        "store" (built from the chunks read; saved unless the cache is off)."""
        code, root = snapshot.code_version(Path(__file__)), self.settings.lexical_dir
        cache = self.settings.lexical_cache
        revision = self.store.revision() if cache else None
        damaged: Path | None = None
        if revision is not None:
            if (found := snapshot.find(root, revision, code)) is not None:
                try:
                    return snapshot.load(found, code), "revision"
                except Exception as exc:  # noqa: BLE001 - any unreadable copy is rebuilt, and says why
                    log.warning("saved view %s is unusable (%s): reading every chunk", found, exc)
                    damaged = found
            elif (updated := self._update_saved_view(root, code, revision)) is not None:
                return updated, "changes"
            else:
                log.info("no saved view is of the store's revision %s or of one the recorded changes lead "
                         "from (the store changed, or the code): reading every chunk", revision)
        elif cache:
            log.info("the store's revision is unknown (a write is under way or was interrupted): reading every "
                     "chunk")
        key, build = self._read_store(code)
        if not cache:
            return build(), "store"
        folder = root / key
        if folder != damaged and (folder / snapshot.MANIFEST).exists():
            try:
                view = snapshot.load(folder, code)
                snapshot.mark(folder, revision)
                return view, "fingerprint"
            except Exception as exc:  # noqa: BLE001
                log.warning("saved view %s is unusable (%s): rebuilding it", folder, exc)
        view = build()
        try:
            folder = snapshot.save(root, key, code, revision, view)
            return snapshot.load(folder, code), "store"  # its texts and BM25 mapped: pages shared by workers
        except Exception as exc:  # noqa: BLE001 - a read-only data directory still serves, rebuilding each start
            log.warning("cannot save the retriever's view under %s: %s", root, exc)
        return view, "store"

    def _update_saved_view(self, root: Path, code: str, revision: str) -> View | None:
        """A saved view of an earlier revision, with the documents written since read back from the store
        (only theirs), saved for `revision`; None when no saved view has a recorded path to it."""
        for folder, earlier in snapshot.saved(root, code):
            changed = self.store.changes_since(earlier)
            if changed is None:
                continue
            try:
                old = snapshot.load(folder, code)
            except Exception as exc:  # noqa: BLE001 - then it is no base to update
                log.warning("saved view %s is unusable (%s)", folder, exc)
                continue
            collector = _Collector(code)
            for chunk in self.store.chunks_of(sorted(changed)):
                collector.add(chunk)
            view = collector.update(old, changed)
            if self.store.revision() != revision:  # written again meanwhile: use it, but label it with nothing
                return view
            key = snapshot.derived_key(folder.name, revision)
            try:
                return snapshot.load(snapshot.save(root, key, code, revision, view), code)
            except Exception as exc:  # noqa: BLE001 - a read-only data directory still serves
                log.warning("cannot save the retriever's view under %s: %s", root, exc)
                return view
        return None

    def _read_store(self, code: str) -> tuple[str, Callable[[], View]]:
        """Read every chunk: the fingerprint of what was read, and how to build the view from it."""
        collector = _Collector(code)
        for chunk in self.store.iter_chunks():
            collector.add(chunk)
        return collector.key.key(), collector.build

    def metadata(self, position: int) -> dict[str, Any]:
        """The metadata of the chunk at `position`: its document's, with its own index and span."""
        doc_id, index, start, end = self.spans[position]
        section, inside, headings = self.sections[position] or ("", "", "")
        return {**self._documents[doc_id], "chunk_index": index, "start": start, "end": end,
                "section": section, "sections": inside, "headings": headings}

    def lexical_idf(self, term: str) -> float:
        """How rare a term is in the indexed chunks (used to weigh a question's words)."""
        return self.lexical.idf(term)

    @property
    def size(self) -> int:
        return len(self.ids)

    def documents(self) -> dict[str, dict[str, Any]]:
        """Document-level metadata, by doc id."""
        return dict(self._documents)

    def allowed_documents(self, filters: SearchFilters | None, viewer: Viewer = PUBLIC) -> set[str] | None:
        """Documents the search may return, or None when nothing restricts it."""
        no_filter = filters is None or filters.is_empty()
        if no_filter and (viewer.everything or not self.restricted):
            return None
        return {doc_id for doc_id, meta in self.documents().items()
                if viewer.may_see(meta.get("groups", [])) and (no_filter or filters.accepts(meta))}

    def analyse(self, question: str, informal: bool | None = None) -> Question:
        """The question read once, with this corpus's diacritic restorer and word weights."""
        informal = self.settings.informal_handling if informal is None else informal
        return analyse_question(question, self.restorer, self.lexical_idf, informal=informal,
                                references=self.references, acronyms=self.acronyms, names=self.names)

    def search(self, question: str | Question, k: int | None = None,
               filters: SearchFilters | None = None, mode: SearchMode = "hybrid",
               rerank: bool | None = None, informal: bool | None = None,
               fusion: str | None = None, viewer: Viewer = PUBLIC) -> list[Hit]:
        """The best `k` chunks for a question, best first, restricted by `filters` and to what `viewer`
        may see (public documents only, unless told otherwise).

        `mode`, `rerank`, `informal` and `fusion` override the settings (the evaluation's ablations use
        them)."""
        query = question if isinstance(question, Question) and informal is None else self.analyse(
            question.text if isinstance(question, Question) else question, informal)
        rerank = self.settings.rerank if rerank is None else rerank
        k = k or self.settings.top_k
        if k <= 0:
            raise ValueError("k must be > 0")
        allowed = self.allowed_documents(filters, viewer)
        if self.size == 0 or allowed == set():
            return []
        n = max(self.settings.candidates, k)
        dense = self._dense(query, n, allowed) if mode != "lexical" else []
        lexical = self._lexical(query, n, allowed) if mode != "dense" else []
        if (fusion or self.settings.fusion) == "convex":
            fused = convex_fusion(dense, lexical, self.settings.dense_weight)
        else:
            fused = reciprocal_rank_fusion([[p for p, _ in dense], [p for p, _ in lexical]], self.settings.rrf_k)
        self._boost_named_provinces(query, fused)
        if rerank:
            self._rerank(query, fused)
        dense_rank = {p: r for r, (p, _) in enumerate(dense)}
        lexical_rank = {p: r for r, (p, _) in enumerate(lexical)}
        dense_score, lexical_score = dict(dense), dict(lexical)
        best = sorted(fused, key=lambda p: -fused[p])[:k]
        return [
            Hit(chunk_id=self.ids[p], doc_id=self.spans[p][0], text=self.texts[p], score=fused[p],
                metadata=self.metadata(p), dense_rank=dense_rank.get(p), lexical_rank=lexical_rank.get(p),
                signals={"dense": dense_score.get(p, 0.0), "bm25": lexical_score.get(p, 0.0)})
            for p in best
        ]

    def _boost_named_provinces(self, query: Question, fused: dict[int, float]) -> None:
        """A province named in the question lifts its documents without excluding the others; a guessed one
        (a lower-case question's "lao cai") lifts them in proportion to how sure the analysis is."""
        named = {vn.fold(p.name).lower(): p.confidence for p in query.places}
        if not named or self.settings.province_boost == 0:
            return
        bonus = self.settings.province_boost * max(fused.values(), default=0.0)
        for p in fused:
            province = vn.fold(self._documents[self.spans[p][0]].get("province") or "").lower()
            fused[p] += bonus * named.get(province, 0.0)

    def _rerank(self, query: Question, fused: dict[int, float]) -> None:
        """Lexical/positional rerank of the fused top-N: how much of the question's weighted key terms
        (and named province) a chunk holds, added to its normalised fused score."""
        top = sorted(fused, key=lambda p: -fused[p])[: self.settings.rerank_candidates]
        if not top:
            return
        terms = query.key
        best = fused[top[0]]
        for p in top:
            fused[p] = fused[p] / best + self.settings.rerank_weight * coverage(
                terms, self.texts[p], self._documents[self.spans[p][0]].get("province"))
        floor = min(fused[p] for p in top)
        for p in set(fused) - set(top):  # the rest stay below every reranked chunk
            fused[p] = floor * fused[p] / (best + 1e-9) - 1.0

    def _dense(self, query: Question, n: int, allowed: set[str] | None) -> list[tuple[int, float]]:
        vector = self.embeddings.embed_query(query.dense_text)
        where = {"doc_id": {"$in": sorted(allowed)}} if allowed is not None else None
        results = self.store.query(vector, min(n, self.size), where)
        return [(self.position[cid], score) for cid, score in results if cid in self.position]

    def _lexical(self, query: Question, n: int, allowed: set[str] | None) -> list[tuple[int, float]]:
        mask = np.isin(self.doc_ids, list(allowed)) if allowed is not None else None
        return self.lexical.search(query.terms, n, folded=query.folded, mask=mask)
