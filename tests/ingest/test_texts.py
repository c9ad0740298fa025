"""The stored texts and the chunks agree whatever point a write stopped at (`ingest/texts.py`), and
"unchanged" is decided from what is stored. A killed write is reproduced here by leaving the files and
chunks it would leave; `tests/app/test_crashes.py` does it with a real SIGKILL."""

from pathlib import Path

import pytest
from langchain_core.embeddings import FakeEmbeddings

from bcd.settings import Settings
from ingest.chunk import chunk_document
from ingest.metadata import content_hash
from ingest.pipeline import Ingestor
from ingest.store import ChunkStore
from ingest.texts import DocumentTexts

OLD = "Ban Chỉ đạo tỉnh Gia Lai họp ngày 10/5/2025. " * 40
NEW = "Tỉnh Cà Mau đặt mục tiêu phủ sóng 5G tại 95 xã. " * 40


def _chunks(store: ChunkStore, text: str, upto: int | None = None) -> None:
    """Write the chunks of `text` (only the first `upto` of them: a write cut short)."""
    chunks = chunk_document("doc", text, 300, 50)
    metas = [{"doc_id": "doc", "chunk_index": c.index, "n_chunks": len(chunks), "start": c.start, "end": c.end,
              "content_hash": content_hash(text)} for c in chunks][:upto]
    store.upsert([c.chunk_id for c in chunks][:upto], [c.text for c in chunks][:upto],
                 [[1.0, float(c.index)] for c in chunks][:upto], metas)


def _agree(store: ChunkStore, texts: DocumentTexts) -> str:
    text = texts.path("doc").read_text(encoding="utf-8")
    rows = store.collection.get(where={"doc_id": "doc"}, include=["documents", "metadatas"])
    assert {m["content_hash"] for m in rows["metadatas"]} == {content_hash(text)}
    assert all(text[m["start"]:m["end"]] == body for body, m in zip(rows["documents"], rows["metadatas"]))
    return text


@pytest.fixture()
def stored(tmp_path: Path) -> tuple[ChunkStore, DocumentTexts]:
    store, texts = ChunkStore(Settings(data_dir=tmp_path), "unit"), DocumentTexts(tmp_path / "documents")
    texts.write("doc", OLD, content_hash(OLD), store, lambda: _chunks(store, OLD))
    return store, texts


def _killed_during(store: ChunkStore, texts: DocumentTexts, upto: int | None) -> None:
    """What a process killed after writing the pending text and `upto` chunks of NEW leaves."""
    (texts.pending_dir / f"doc.{content_hash(NEW)}.txt").write_text(NEW, encoding="utf-8")
    _chunks(store, NEW, upto)


def test_a_write_whose_chunks_were_all_stored_is_finished_at_the_next_start(stored) -> None:
    store, texts = stored
    _killed_during(store, texts, upto=None)
    assert texts.recover(store) == ["doc"]
    assert _agree(store, texts) == NEW and not list(texts.pending_dir.iterdir())


@pytest.mark.parametrize("upto", [0, 2])
def test_a_write_cut_short_is_undone_at_the_next_start(stored, upto: int) -> None:
    store, texts = stored
    _killed_during(store, texts, upto)
    assert texts.recover(store) == ["doc"]
    assert _agree(store, texts) == OLD and store.chunk_ids("doc") and not list(texts.pending_dir.iterdir())


def test_a_failed_chunk_write_leaves_the_old_version(stored) -> None:
    store, texts = stored

    def fail() -> None:
        _chunks(store, NEW, 1)
        raise ConnectionError("store gone")

    with pytest.raises(ConnectionError):
        texts.write("doc", NEW, content_hash(NEW), store, fail)
    assert _agree(store, texts) == OLD


def test_unchanged_means_the_stored_text_is_this_one(tmp_path: Path) -> None:
    """The state the issue found (chunks of the old version, the new text on disk): ingesting the old version
    again must rewrite the text, not call it unchanged."""
    source = tmp_path / "ke-hoach.txt"
    source.write_text(OLD, encoding="utf-8")
    ingestor = Ingestor(Settings(data_dir=tmp_path / "data"), embeddings=FakeEmbeddings(size=8))
    assert ingestor.ingest([source], progress=False).added == ["ke-hoach"]
    ingestor.texts.path("ke-hoach").write_text(NEW, encoding="utf-8")
    report = ingestor.ingest([source], progress=False)
    assert report.updated == ["ke-hoach"] and not report.unchanged
    assert ingestor.texts.path("ke-hoach").read_text(encoding="utf-8").startswith("Ban Chỉ đạo tỉnh Gia Lai")
