"""load → clean → metadata → chunk → embed → index, for files and folders.

Idempotent by construction: a document's chunk ids depend only on its id and content, so re-ingesting an
unchanged file finds exactly its ids (and its text's hash) already stored and does nothing. A changed file's
new chunks are written first and its stale chunks deleted after, so an interrupted run never leaves a
document missing; its text changes only once its chunks are complete (`ingest/texts.py`), so the text, the
chunks and their spans agree after a crash too; running again completes it.
"""

from __future__ import annotations

import hashlib
import itertools
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
from bcd.settings import Settings, normalize_groups
from ingest.chunk import Chunk, chunk_document
from ingest.clean import CleanedText, clean
from ingest.embed import embedder_name, get_embeddings
from ingest.loaders import SUPPORTED_SUFFIXES, LoadError, load
from ingest.metadata import DocumentMetadata, extract_metadata
from ingest.official import pack_spans
from ingest.store import ChunkStore
from ingest.structure import pack_sections
from ingest.tasks import TaskStore, extract_tasks
from ingest.texts import DocumentTexts

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
    # file name → id of the document already holding the same text (nothing written for that file)
    duplicates: dict[str, str] = field(default_factory=dict)
    # uploaded file name → the new id it got because the id its name gives belongs to another document
    renamed: dict[str, str] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)  # seconds spent per stage, for benchmarks

    @contextmanager
    def timed(self, stage: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            self.timings[stage] = self.timings.get(stage, 0.0) + time.perf_counter() - started

    def summary(self) -> str:
        same = f" ({len(self.duplicates)} already present under another name)" if self.duplicates else ""
        return (f"{len(self.added)} added, {len(self.updated)} updated, "
                f"{len(self.unchanged)} unchanged{same}, "
                f"{len(self.failed)} failed; {self.chunks_written} chunks written, "
                f"{self.chunks_deleted} deleted")


@dataclass
class _Pending:
    """A file planned for writing, waiting for its chunks' vectors."""
    doc_id: str
    cleaned: CleanedText
    meta: DocumentMetadata
    chunks: list[Chunk]
    updated: bool  # another version of the document is stored


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
    return list(dict.fromkeys(found))  # a file named twice is ingested once


def source_label(path: Path) -> str:
    """The path as users see it: relative to the working directory when inside it."""
    resolved = path.resolve()
    try:
        return str(resolved.relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(resolved)


MAX_SLUG_CHARS = 80
# What a document id can be: slugify's alphabet, and short enough to name a file (older ids were not
# bounded, hence the larger limit here than MAX_SLUG_CHARS).
DOC_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
MAX_DOC_ID_CHARS = 200


def slugify(text: str) -> str:
    """A document id from a file name: ASCII letters, digits and '-', at most MAX_SLUG_CHARS (a longer
    one is cut and ends with a hash of the whole, so two long names that share a beginning stay apart)."""
    slug = re.sub(r"[^a-z0-9]+", "-", vn.fold(text).lower()).strip("-") or "doc"
    if len(slug) > MAX_SLUG_CHARS:
        slug = f"{slug[:MAX_SLUG_CHARS - 9].rstrip('-')}-{hashlib.sha1(slug.encode()).hexdigest()[:8]}"
    return slug


def is_doc_id(text: str) -> bool:
    """Whether `text` can be a document id at all (checked before it is used to name a file)."""
    return len(text) <= MAX_DOC_ID_CHARS and DOC_ID.fullmatch(text) is not None


class Ingestor:
    """Writes documents into the store; one instance per process (the embedding model loads once)."""

    def __init__(self, settings: Settings, embeddings: Embeddings | None = None) -> None:
        """`embeddings` replaces the model the settings name (the scale benchmark passes vectors computed
        elsewhere); the store still refuses to mix models by name."""
        self.settings = settings
        self.embeddings = embeddings or get_embeddings(settings)
        self.store = ChunkStore(settings, embedder_name(self.embeddings))
        self.documents_dir = settings.data_dir / "documents"
        self.texts = DocumentTexts(self.documents_dir)
        self.texts.recover(self.store)  # writes a killed process left half done
        self.tasks = TaskStore(settings.tasks_db)
        self._task_hashes: dict[str, str | None] = {}

    def ingest(self, paths: Iterable[Path], *, reset: bool = False, prune: bool = False,
               progress: bool = True, labels: dict[Path, str] | None = None,
               on_file: Callable[[int, int, str], None] | None = None,
               groups: list[str] | None = None, replace: bool = False,
               report: IngestReport | None = None) -> IngestReport:
        """Ingest files and folders. `labels` gives uploaded files (stored under generated names) the name
        users know them by; `on_file(done, total, name)` reports progress to a caller such as the API (which
        may read `report`, the report being filled, to continue a job another process began);
        `groups` restricts these documents to readers in those groups (none: public; case-insensitive).

        A file whose cleaned text is already stored under another id is the same document: it is reported
        as unchanged (and in `duplicates`), never added again. A file takes the id its name gives; when a
        document from another source holds that id, a file from a folder gets a suffixed id, and an uploaded
        file (one with a label) gets a new numbered id (reported in `renamed`) unless `replace` says it
        replaces that document."""
        report = report if report is not None else IngestReport()
        labels = labels or {}
        groups = normalize_groups(groups or [])
        if reset:
            self.store.reset()
            self.tasks.clear()
        files = discover(paths)
        stored = self.store.documents()
        self._task_hashes = self.tasks.text_hashes()
        owners = {str(m["doc_id"]): str(m["source"]) for m in stored}
        texts = {str(m.get("content_hash")): str(m["doc_id"]) for m in stored}
        bar = tqdm(total=len(files), desc="ingest", unit="file", disable=not progress,
                   mininterval=0.5 if sys.stderr.isatty() else 15.0)  # a log file gets a line every 15 s
        queue: list[tuple[str, _Pending | None]] = []  # files planned, in order, not yet reported done
        done = 0

        def finish() -> None:
            """Embed every pending file's chunks in one call (the model's batches fill across small
            documents), then write them and report the files done, in their order: a job resumed after a
            crash skips exactly the files reported."""
            nonlocal done
            pending = [item for _, item in queue if item is not None]
            if pending:
                with report.timed("embed"):
                    vectors = iter(self.embeddings.embed_documents(
                        [embedding_text(p.meta, c) for p in pending for c in p.chunks]))
                for item in pending:
                    self._write(item, [next(vectors) for _ in item.chunks], report)
            for name, _ in queue:
                done += 1
                bar.update(1)
                if on_file is not None:
                    on_file(done, len(files), name)
            queue.clear()

        for path in files:
            label = labels.get(path)
            bar.set_postfix_str((label or path.name)[:40], refresh=False)
            item = None
            try:
                item = self._plan(path, owners, texts, report, label, groups, replace)
            except LoadError as exc:
                message = str(exc).replace(str(path), label) if label else str(exc)
                report.failed.append(message)
                log.error("%s", message)
            except BaseException:
                finish()  # the files planned before this one are still written
                raise
            queue.append((label or path.name, item))
            if sum(len(p.chunks) for _, p in queue if p is not None) >= self.settings.ingest_batch_chunks:
                finish()
        finish()
        bar.close()
        if prune:
            self._prune(paths, owners, report)
        self._repair_tasks(stored, owners)
        return report

    def _plan(self, path: Path, owners: dict[str, str], texts: dict[str, str], report: IngestReport,
              label: str | None = None, groups: list[str] | None = None,
              replace: bool = False) -> _Pending | None:
        """Load, clean and chunk one file and decide what it needs: None when nothing is to be written
        (unchanged, the same text under another id, or empty), else what `_write` writes once its chunks are
        embedded. Its id and text are taken at once, so a later file of the same run sees them."""
        source = label or source_label(path)
        named = slugify(Path(label).stem if label else path.stem)
        doc_id = self._doc_id(named, source, owners, upload=label is not None, replace=replace)
        prepared = prepare(path, doc_id, source, self.settings, report)
        if prepared is None:
            return None
        cleaned, meta, chunks = prepared
        meta.groups = groups or []
        same_text = texts.get(meta.content_hash)
        if same_text is not None and doc_id not in owners:  # a new document only in name: the same text
            report.duplicates[label or source] = same_text
            report.unchanged.append(same_text)
            log.info("%s: the same text is already stored as document %s", label or source, same_text)
            return None
        if doc_id != named and doc_id not in owners and label is not None:
            report.renamed[label] = doc_id
        with report.timed("index"):
            existing = self.store.content_hashes(doc_id)
            same_access = not existing or self.store.document_groups(doc_id) == meta.groups
        new_ids = {c.chunk_id for c in chunks}
        # unchanged only if what is stored is this text: the chunks' recorded hash and the text file's own
        if (set(existing) == new_ids and same_access and {h for h, _, _ in existing.values()} ==
                {meta.content_hash} and self.texts.holds(doc_id, meta.content_hash)):
            report.unchanged.append(doc_id)
            if self._task_hashes.get(doc_id) != meta.content_hash:  # a run killed before its tasks were written
                self._write_tasks(doc_id, cleaned.text, document_name(meta), meta.content_hash)
            return None
        owners[doc_id] = source
        texts[meta.content_hash] = doc_id
        return _Pending(doc_id, cleaned, meta, chunks, updated=bool(existing))

    def _write(self, item: _Pending, vectors: list[list[float]], report: IngestReport) -> None:
        """Store one document's chunks and text (a crash leaves the old version or the new, never a mix:
        `ingest/texts.py`), then its tasks."""
        chunks, meta = item.chunks, item.meta
        with report.timed("index"):
            metadatas = [chunk_metadata(meta, c, len(chunks)) for c in chunks]
            stale = self.texts.write(item.doc_id, item.cleaned.text, meta.content_hash, self.store,
                                     lambda: self.store.upsert([c.chunk_id for c in chunks],
                                                               [c.text for c in chunks], vectors, metadatas))
        # after the text and chunks: a crash in between leaves a stale hash, which the next ingest repairs
        self._write_tasks(item.doc_id, item.cleaned.text, document_name(meta), meta.content_hash)
        (report.updated if item.updated else report.added).append(item.doc_id)
        report.chunks_written += len(chunks)
        report.chunks_deleted += stale

    @staticmethod
    def _doc_id(named: str, source: str, owners: dict[str, str], *, upload: bool, replace: bool) -> str:
        """The id a file gets, from the id its name gives (`named`). Uploads carry only a bare file name, so
        two of them with one name are not one source: an upload takes an existing id only when `replace`."""
        owner = owners.get(named)
        if owner is None or replace or (owner == source and not upload):
            return named
        if not upload:  # same file name in another folder: keep both apart
            return f"{named}-{hashlib.sha1(source.encode()).hexdigest()[:6]}"
        return next(f"{named}-{n}" for n in itertools.count(2) if f"{named}-{n}" not in owners)

    def delete(self, doc_id: str) -> int:
        """Remove a document's chunks and stored text; returns how many chunks were removed (0 for a string
        that cannot be a document id, which never reaches the file system)."""
        if not is_doc_id(doc_id):
            return 0
        removed = self.texts.delete(doc_id, self.store)
        self.tasks.delete(doc_id)
        self._task_hashes.pop(doc_id, None)
        return removed

    def _write_tasks(self, doc_id: str, text: str, name: str, digest: str) -> None:
        """Replace a document's tasks with those of its text, recording the text's hash."""
        self.tasks.replace(doc_id, extract_tasks(text, doc_id, name), digest)
        self._task_hashes[doc_id] = digest

    def _repair_tasks(self, stored: list[dict[str, Any]], owners: dict[str, str]) -> None:
        """Tasks of stored documents this run did not touch, read again where they lag behind the text
        (a process killed between the two writes, or an index older than the task store); tasks of
        documents no longer stored are dropped."""
        for meta in stored:
            doc_id, digest = str(meta["doc_id"]), str(meta.get("content_hash") or "")
            if doc_id not in owners or self._task_hashes.get(doc_id) == digest:
                continue
            path = self.texts.path(doc_id)
            if digest and self.texts.holds(doc_id, digest):
                name = str(meta.get("official_name") or meta.get("title") or doc_id)
                self._write_tasks(doc_id, path.read_text(encoding="utf-8"), name, digest)
        for doc_id in set(self._task_hashes) - set(owners):
            self.tasks.delete(doc_id)
            self._task_hashes.pop(doc_id, None)

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
        loaded = load(path, settings)
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


def document_name(meta: DocumentMetadata) -> str:
    """What a task list calls a document: its official name ("Kế hoạch số 99/KH-UBND"), else its title."""
    return (meta.header.name if meta.header and meta.header.name else "") or meta.title or meta.doc_id


def embedding_text(meta: DocumentMetadata, chunk: Chunk) -> str:
    """The title, and in a structured document the headings above the chunk, give a chunk cut from the
    middle of a document the context it lacks on its own."""
    return "\n".join(x for x in (meta.title, chunk.context, chunk.text) if x) if chunk.index > 0 else chunk.text


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
        "lead": meta.lead,
        "section": chunk.section,
        "sections": pack_sections(list(chunk.sections)),
        "headings": chunk.context,  # what the sentences at its start are under (evidence counts their words)
        # the headings above the chunk count as its words: "hạ tầng số" finds an item under that heading
        "lexical": " ".join(vn.lexical_terms(f"{chunk.context}\n{chunk.text}" if chunk.context else chunk.text)),
        **header_metadata(meta),
    }


def header_metadata(meta: DocumentMetadata) -> dict[str, str]:
    """An official document's header fields (none for a news article): filters and answers to "ai ký", "cơ
    quan nào ban hành" read them; `header_spans` lets an answer quote the line and keeps those lines out of
    the evidence for other questions."""
    header = meta.header
    if header is None:
        return {}
    return {
        "doc_type": header.doc_type or "",
        "doc_number": header.number or "",
        "official_name": header.name or "",
        "issuer": header.issuer or "",
        "issued_date": header.issued.isoformat() if header.issued else "",
        "subject": header.subject or "",
        "signer": header.signer or "",
        "signer_position": header.position or "",
        "signer_authority": header.authority or "",
        "recipients": "|".join(r.replace("|", "/") for r in header.recipients),
        "bases": "|".join(b.replace("|", "/") for b in header.bases),
        "header_spans": pack_spans(header.spans),
    }
