"""The cleaned texts citations quote (`data/documents/<doc_id>.txt`), kept in step with the chunks.

A chunk's span points into the text whose hash its metadata records, so the text a reader opens must be that
one. An update therefore never overwrites the current text while chunks of the old version are what the
store holds: the new text is written beside it as a pending version named by its hash
(`.pending/<doc_id>.<hash>.txt`), then the chunks are written, and `settle` finishes the update (stale
chunks deleted, the pending text renamed over the current one, in that order). A process killed anywhere in
between leaves a pending version that `recover` settles at the next start in the same way: when every chunk
of that version is stored the update is finished; otherwise its chunks are deleted and the pending text
dropped, so the document is what it was (less any chunk the write had already overwritten with the same
text), and ingesting the file again completes it. Writers and the recovery hold one lock file (`flock`,
released by the kernel when a process dies), so a worker starting on a shared data directory never settles
a write another worker is still making.
"""

from __future__ import annotations

import fcntl
import logging
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from ingest.metadata import content_hash
from ingest.store import ChunkStore

log = logging.getLogger(__name__)

PENDING = ".pending"


class DocumentTexts:
    """The folder of cleaned texts, one current file per document plus pending versions of updates."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.pending_dir = directory / PENDING
        self.pending_dir.mkdir(parents=True, exist_ok=True)

    def path(self, doc_id: str) -> Path:
        return self.directory / f"{doc_id}.txt"

    def holds(self, doc_id: str, digest: str) -> bool:
        """Whether the document's current text is the one with this hash."""
        try:
            return content_hash(self.path(doc_id).read_text(encoding="utf-8")) == digest
        except (OSError, UnicodeDecodeError):
            return False

    @contextmanager
    def locked(self) -> Iterator[None]:
        with (self.directory / ".lock").open("a") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def write(self, doc_id: str, text: str, digest: str, store: ChunkStore,
              write_chunks: Callable[[], None]) -> int:
        """Store a new version of a document: its text (hash `digest`) and, by `write_chunks`, its chunks,
        whose metadata records `digest`. Returns how many stale chunks were deleted."""
        with self.locked():
            pending = self.pending_dir / f"{doc_id}.{digest}.txt"
            tmp = pending.with_suffix(".tmp")
            tmp.write_text(text, encoding="utf-8")
            os.replace(tmp, pending)
            try:
                write_chunks()
            except BaseException:
                try:
                    self._settle(store, doc_id, digest, pending)
                except Exception:  # noqa: BLE001 - the store is gone too: the next start settles it
                    log.exception("%s: could not undo the interrupted write; it is settled at the next start",
                                  doc_id)
                raise
            deleted = self._settle(store, doc_id, digest, pending)
        if deleted < 0:
            raise RuntimeError(f"{doc_id}: the store did not keep every chunk of the new version; the document "
                               "is unchanged")
        return deleted

    def delete(self, doc_id: str, store: ChunkStore) -> int:
        """Remove a document's chunks, then its texts; returns how many chunks were removed."""
        with self.locked():
            removed = store.delete_document(doc_id)
            self.path(doc_id).unlink(missing_ok=True)
            for pending in self.pending_dir.glob(f"{doc_id}.*.txt"):
                pending.unlink(missing_ok=True)
        return removed

    def recover(self, store: ChunkStore) -> list[str]:
        """Settle the writes a killed process left pending; returns the ids of the documents concerned."""
        settled = []
        with self.locked():
            for leftover in self.pending_dir.glob("*.tmp"):
                leftover.unlink(missing_ok=True)
            for pending in sorted(self.pending_dir.glob("*.txt")):
                doc_id, _, digest = pending.name[: -len(".txt")].partition(".")
                finished = self._settle(store, doc_id, digest, pending) >= 0
                log.warning("%s: an interrupted write was %s", doc_id,
                            "finished" if finished else "undone; ingest that file again")
                settled.append(doc_id)
        return settled

    def _settle(self, store: ChunkStore, doc_id: str, digest: str, pending: Path) -> int:
        """Finish the write of version `digest` if all its chunks are stored (returns the stale chunks
        deleted), else undo it (returns -1). Called with the lock held."""
        stored = store.content_hashes(doc_id)
        ours = {cid: (index, n) for cid, (hashed, index, n) in stored.items() if hashed == digest}
        counts = {n for _, n in ours.values()}
        if len(counts) == 1 and {index for index, _ in ours.values()} == set(range(counts.pop())):
            stale = sorted(set(stored) - set(ours))
            store.delete_ids(stale)
            os.replace(pending, self.path(doc_id))
            return len(stale)
        store.delete_ids(sorted(ours))
        pending.unlink(missing_ok=True)
        return -1
