"""The store's record of which documents each write changed (ingest/store.py): followed only where it is
certainly complete."""

from pathlib import Path

import pytest

from bcd.settings import Settings
from ingest.store import ChunkStore


@pytest.fixture()
def settings(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path / "data")


def put(store: ChunkStore, doc_id: str, n: int = 2) -> None:
    store.upsert([f"{doc_id}#{i}" for i in range(n)], [f"đoạn {i} của {doc_id}" for i in range(n)],
                 [[1.0, float(i), 0.5] for i in range(n)], [{"doc_id": doc_id, "chunk_index": i} for i in range(n)])


def test_sequential_writes_give_the_documents_they_changed(settings: Settings) -> None:
    store = ChunkStore(settings, "test")
    put(store, "a")
    start = store.revision()
    assert start is not None and store.changes_since(start) == set()
    put(store, "b")
    store.delete_document("a")
    other = ChunkStore(settings, "test")  # another writer, one after the other
    put(other, "c", 1)
    assert store.changes_since(start) == {"a", "b", "c"}
    assert {c.metadata["doc_id"] for c in store.chunks_of(["b", "c"])} == {"b", "c"}


def test_overlapping_writers_or_a_reset_break_the_chain(settings: Settings) -> None:
    first, second = ChunkStore(settings, "test"), ChunkStore(settings, "test")
    put(first, "a")
    start = first.revision()
    assert start is not None
    with first.writing():
        put(second, "b")  # another writer inside the first's bracket: neither knows all that changed
        put(first, "c")
    assert first.changes_since(start) is None
    later = first.revision()
    assert later is not None
    first.reset()
    put(first, "d")
    assert first.changes_since(later) is None  # another collection now
