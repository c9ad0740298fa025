"""load → clean → metadata → chunk → embed → index, for files and folders.

Idempotent by construction: a document's chunk ids depend only on its id and content, so re-ingesting an
unchanged file finds exactly its ids already stored and does nothing. A changed file's new chunks are
written first and its stale chunks deleted after, so an interrupted run never leaves a document missing;
running again completes it.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from langchain_core.embeddings import Embeddings
from tqdm import tqdm

from bcd import vietnamese as vn
from bcd.settings import Settings
from ingest.chunk import Chunk, chunk_document
from ingest.clean import CleanedText, clean
from ingest.embed import embedder_name, get_embeddings
from ingest.loaders import SUPPORTED_SUFFIXES, LoadError, load
from ingest.metadata import DocumentMetadata, extract_metadata
from ingest.store import ChunkStore

log = logging.getLogger(__name__)


@dataclass
class IngestReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    chunks_written: int = 0
    chunks_deleted: int = 0
    timings: dict[str, float] = field(default_factory=dict)  # seconds spent per stage, for benchmarks

    @contextmanager
    def timed(self, stage: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            self.timings[stage] = self.timings.get(stage, 0.0) + time.perf_counter() - started

    def summary(self) -> str:
        return (f"{len(self.added)} added, {len(self.updated)} updated, {len(self.unchanged)} unchanged, "
                f"{len(self.failed)} failed; {self.chunks_written} chunks written, "
                f"{self.chunks_deleted} deleted")


def discover(paths: Iterable[Path]) -> list[Path]:
    """Files named directly, plus supported files found under folders (hidden files skipped)."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*") if p.is_file()
                                and p.suffix.lower() in SUPPORTED_SUFFIXES
                                and not any(part.startswith(".") for part in p.relative_to(path).parts)))
        else:
            found.append(path)
    return found


def source_label(path: Path) -> str:
    """The path as users see it: relative to the working directory when inside it."""
    resolved = path.resolve()
    try:
        return str(resolved.relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(resolved)


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", vn.fold(text).lower()).strip("-") or "doc"


class Ingestor:
    """Writes documents into the store; one instance per process (the embedding model loads once)."""

    def __init__(self, settings: Settings, embeddings: Embeddings | None = None) -> None:
        """`embeddings` replaces the model the settings name (the scale benchmark passes vectors computed
        elsewhere); the store still refuses to mix models by name."""
        self.settings = settings
        self.embeddings = embeddings or get_embeddings(settings)
        self.store = ChunkStore(settings, embedder_name(self.embeddings))
        self.documents_dir = settings.data_dir / "documents"
        self.documents_dir.mkdir(parents=True, exist_ok=True)

    def ingest(self, paths: Iterable[Path], *, reset: bool = False, prune: bool = False,
               progress: bool = True, labels: dict[Path, str] | None = None,
               on_file: Callable[[int, int, str], None] | None = None,
               groups: list[str] | None = None) -> IngestReport:
        """Ingest files and folders. `labels` gives uploaded files (stored under generated names) the name
        users know them by; `on_file(done, total, name)` reports progress to a caller such as the API;
        `groups` restricts these documents to readers in those groups (none: public)."""
        report = IngestReport()
        labels = labels or {}
        if reset:
            self.store.reset()
        files = discover(paths)
        owners = {str(m["doc_id"]): str(m["source"]) for m in self.store.documents()}
        bar = tqdm(files, desc="ingest", unit="file", disable=not progress,
                   mininterval=0.5 if sys.stderr.isatty() else 15.0)  # a log file gets a line every 15 s
        for done, path in enumerate(bar):
            label = labels.get(path)
            bar.set_postfix_str((label or path.name)[:40], refresh=False)
            try:
                self._ingest_file(path, owners, report, label, sorted(set(groups or [])))
            except LoadError as exc:
                message = str(exc).replace(str(path), label) if label else str(exc)
                report.failed.append(message)
                log.error("%s", message)
            if on_file is not None:
                on_file(done + 1, len(files), label or path.name)
        if prune:
            self._prune(paths, owners, report)
        return report

    def _ingest_file(self, path: Path, owners: dict[str, str], report: IngestReport,
                     label: str | None = None, groups: list[str] | None = None) -> None:
        source = label or source_label(path)
        doc_id = self._doc_id(Path(label) if label else path, source, owners)
        prepared = prepare(path, doc_id, source, self.settings, report)
        if prepared is None:
            return
        cleaned, meta, chunks = prepared
        meta.groups = groups or []
        with report.timed("index"):
            existing = self.store.chunk_ids(doc_id)
            same_access = not existing or self.store.document_groups(doc_id) == meta.groups
        new_ids = {c.chunk_id for c in chunks}
        if existing == new_ids and same_access:
            report.unchanged.append(doc_id)
            return
        with report.timed("embed"):
            vectors = self.embeddings.embed_documents([embedding_text(meta, c) for c in chunks])
        with report.timed("index"):
            self._write_text(doc_id, cleaned.text)
            self.store.upsert([c.chunk_id for c in chunks], [c.text for c in chunks], vectors,
                              [chunk_metadata(meta, c, len(chunks)) for c in chunks])
            stale = sorted(existing - new_ids)
            self.store.delete_ids(stale)
        owners[doc_id] = source
        (report.updated if existing else report.added).append(doc_id)
        report.chunks_written += len(chunks)
        report.chunks_deleted += len(stale)

    def _doc_id(self, path: Path, source: str, owners: dict[str, str]) -> str:
        doc_id = slugify(path.stem)
        if owners.get(doc_id, source) != source:  # same file name in another folder: keep both apart
            doc_id = f"{doc_id}-{hashlib.sha1(source.encode()).hexdigest()[:6]}"
        return doc_id

    def _write_text(self, doc_id: str, text: str) -> None:
        target = self.documents_dir / f"{doc_id}.txt"
        tmp = target.with_suffix(".tmp")
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, target)

    def delete(self, doc_id: str) -> int:
        """Remove a document's chunks and stored text; returns how many chunks were removed."""
        removed = self.store.delete_document(doc_id)
        (self.documents_dir / f"{doc_id}.txt").unlink(missing_ok=True)
        return removed

    def _prune(self, roots: Iterable[Path], owners: dict[str, str], report: IngestReport) -> None:
        """Delete documents whose file, under one of the ingested folders, no longer exists."""
        folders = [source_label(p) for p in roots if p.is_dir()]
        for doc_id, source in list(owners.items()):
            inside = any(source == f or source.startswith(f.rstrip(os.sep) + os.sep) for f in folders)
            if inside and not Path(source).exists():
                report.chunks_deleted += self.delete(doc_id)
                owners.pop(doc_id)


def prepare(path: Path, doc_id: str, source: str, settings: Settings,
            report: IngestReport | None = None) -> tuple[CleanedText, DocumentMetadata, list[Chunk]] | None:
    """Load, clean, describe and chunk one file (no model, no store); None when only a warned-about empty
    text is left (a scanned PDF)."""
    report = report or IngestReport()
    with report.timed("parse"):
        loaded = load(path)
    report.warnings.extend(loaded.warnings)
    for warning in loaded.warnings:
        log.warning("%s", warning)
    with report.timed("clean"):
        # crawl noise is removed from what a crawl produced only: web pages, and text files that look like one
        suffix = path.suffix.lower()
        cleaned = clean(loaded.text, crawled=True if suffix in (".html", ".htm") else
                        None if suffix in (".txt", ".md", ".markdown") else False)
    if not cleaned.text.strip():
        if not loaded.warnings:
            raise LoadError(f"{path}: nothing left after cleaning")
        return None
    with report.timed("chunk"):
        meta = extract_metadata(cleaned.text, doc_id=doc_id, source=source, title=loaded.title,
                                url=loaded.url or cleaned.url)
        chunks = chunk_document(doc_id, cleaned.text, settings.chunk_size, settings.chunk_overlap)
    return cleaned, meta, chunks


def embedding_text(meta: DocumentMetadata, chunk: Chunk) -> str:
    """The title gives a chunk cut from the middle of an article the context it lacks on its own."""
    return f"{meta.title}\n{chunk.text}" if chunk.index > 0 else chunk.text


def chunk_metadata(meta: DocumentMetadata, chunk: Chunk, n_chunks: int) -> dict[str, Any]:
    """Flat scalars only (Chroma's constraint); lists are joined with '|' and unpacked on read."""
    return {
        "doc_id": meta.doc_id,
        "chunk_index": chunk.index,
        "n_chunks": n_chunks,
        "start": chunk.start,
        "end": chunk.end,
        "title": meta.title,
        "source": meta.source,
        "url": meta.url or "",
        "province": meta.province or "",
        "event_date": meta.event_date.isoformat() if meta.event_date else "",
        "dates": "|".join(d.isoformat() for d in meta.dates),
        "doc_numbers": "|".join(meta.doc_numbers),
        "groups": "|".join(meta.groups),
        "instructions": "|".join(s.replace("|", "/") for s in meta.instructions),
        "content_hash": meta.content_hash,
        "lexical": " ".join(vn.lexical_terms(chunk.text)),
    }
