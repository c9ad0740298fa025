"""The retriever's saved view of the store (retrieval/snapshot.py): a start at the store's saved revision
reads no chunk back, and no start ever serves a view that disagrees with the store, whoever changed it.

Real Chroma, real pipeline and real processes; the hashing embedder of test_lexical_cache stands in for the
model. Reads are counted where they happen: every `get` a Chroma collection answers, in this process.
"""

from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path

import chromadb.api.models.Collection as chroma_collection
import pytest

from bcd.settings import Settings
from ingest.pipeline import Ingestor
from ingest.store import REVISION_KEY, ChunkStore
from retrieval.hybrid import HybridRetriever
from retrieval.snapshot import StoredTexts
from tests.conftest import REPO
from tests.retrieval.test_lexical_cache import QUESTIONS, HashingEmbeddings, data, retriever  # noqa: F401


@pytest.fixture()
def chunks_read(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Every Chroma `get` from now on appends how many chunks it returned."""
    counts: list[int] = []
    real_get = chroma_collection.Collection.get

    def counting_get(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        result = real_get(self, *args, **kwargs)
        counts.append(len(result["ids"]))
        return result

    monkeypatch.setattr(chroma_collection.Collection, "get", counting_get)
    return counts


def results(r: HybridRetriever) -> list[list[tuple]]:
    """Everything a search returns, for several questions and modes."""
    out = []
    for question in QUESTIONS:
        for mode in ("hybrid", "lexical"):
            out.append([(h.chunk_id, h.doc_id, h.text, round(h.score, 6), h.metadata, h.dense_rank, h.lexical_rank)
                        for h in r.search(question, k=8, mode=mode)])
        out.append([r.analyse(question).dense_text])  # the diacritic restorer's reading
    return out


def assert_same_as_a_fresh_build(r: HybridRetriever, data_dir: Path) -> None:
    fresh = retriever(data_dir, cache=False)
    assert r.ids == fresh.ids and r.spans == fresh.spans and r.sections == fresh.sections
    assert list(r.texts) == list(fresh.texts)
    assert r.documents() == fresh.documents()
    assert results(r) == results(fresh)


def by_chunk(r: HybridRetriever) -> dict[str, tuple]:
    return {cid: (r.spans[i], r.sections[i], r.texts[i]) for i, cid in enumerate(r.ids)}


def ranked(r: HybridRetriever) -> list[list[tuple]]:
    """What searches return, ties in any order (a view updated from changes keeps other chunk positions)."""
    out = []
    for question in QUESTIONS:
        for mode in ("hybrid", "lexical"):
            out.append(sorted(((round(h.score, 6), h.chunk_id, h.text, h.metadata) for h in
                               r.search(question, k=8, mode=mode)), key=lambda h: (-h[0], h[1])))
        out.append([r.analyse(question).dense_text])
    return out


def assert_same_content_as_a_fresh_build(r: HybridRetriever, data_dir: Path) -> None:
    fresh = retriever(data_dir, cache=False)
    assert by_chunk(r) == by_chunk(fresh) and r.documents() == fresh.documents()
    assert r.restricted == fresh.restricted
    for term in ("ban", "chỉ", "đạo", "chuyển", "số", "tỉnh", "không-có"):
        assert r.lexical_idf(term) == fresh.lexical_idf(term)
    assert ranked(r) == ranked(fresh)


def run_elsewhere(data_dir: Path, code: str, exit_code: int = 0) -> None:
    """Run `code` in another process on the same data directory (`writer`: an Ingestor there)."""
    prelude = ("from pathlib import Path\nfrom bcd.settings import Settings\nfrom ingest.pipeline import Ingestor\n"
               "from tests.retrieval.test_lexical_cache import HashingEmbeddings\n"
               f"writer = Ingestor(Settings(data_dir=Path({str(data_dir)!r})), HashingEmbeddings())\n")
    done = subprocess.run([sys.executable, "-c", prelude + code], cwd=REPO, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == exit_code, done.stderr[-2000:]


def test_a_start_at_the_saved_revision_reads_no_chunk_and_serves_the_same(data, chunks_read) -> None:
    data_dir, _ = data
    first = retriever(data_dir)
    assert first.loaded_from == "store" and sum(chunks_read) >= first.size > 0  # read every chunk, saved
    chunks_read.clear()
    second = retriever(data_dir)
    assert second.loaded_from == "revision" and second.lexical_source == "loaded"
    assert sum(chunks_read) == 0  # nothing read back from the store
    assert isinstance(second.texts, StoredTexts)  # texts memory-mapped, not held
    assert_same_as_a_fresh_build(second, data_dir)


def test_a_restart_sees_an_ingest_and_a_delete_by_another_process(data, corpus_dir: Path, chunks_read) -> None:
    """The other process's writes are recorded: the restart reads back only the documents they changed."""
    data_dir, files = data
    before = retriever(data_dir)  # saved at this revision
    new = sorted(corpus_dir.glob("*.txt"))[3]
    (files / new.name).write_text(new.read_text("utf-8"), "utf-8")
    gone = sorted(files.iterdir())[1].stem
    run_elsewhere(data_dir, f"writer.ingest([Path({str(files / new.name)!r})], progress=False)\n"
                            f"writer.delete({gone!r})\n")
    chunks_read.clear()
    restarted = retriever(data_dir)
    assert restarted.loaded_from == "changes"  # the revision moved on: the saved view, updated
    assert new.stem in restarted.documents() and gone not in restarted.documents()
    added = sum(1 for span in restarted.spans if span[0] == new.stem)
    assert 0 < sum(chunks_read) <= added + 2 < before.size  # its chunks (and revision reads), not every chunk
    assert_same_content_as_a_fresh_build(restarted, data_dir)
    assert retriever(data_dir).loaded_from == "revision"


def test_a_view_updated_many_times_stays_the_stores(data, corpus_dir: Path) -> None:
    """Adds, a changed text, deletes, one after another, each start updating the last saved view."""
    data_dir, files = data
    retriever(data_dir)
    writer = Ingestor(Settings(data_dir=data_dir), HashingEmbeddings())
    for step, source in enumerate(sorted(corpus_dir.glob("*.txt"))[3:6]):
        target = files / source.name
        target.write_text(source.read_text("utf-8"), "utf-8")
        writer.ingest([target], progress=False)
        assert retriever(data_dir).loaded_from == "changes"
        first = sorted(files.iterdir())[0]
        first.write_text(first.read_text("utf-8") + f"\nĐoạn bổ sung lần {step}: trạm phát sóng số {step}.\n",
                         "utf-8")
        writer.ingest([first], progress=False)
        writer.delete(sorted(files.iterdir())[1].stem)
        updated = retriever(data_dir)
        assert updated.loaded_from == "changes"
        assert_same_content_as_a_fresh_build(updated, data_dir)


def test_a_reset_is_no_change_to_follow(data) -> None:
    data_dir, files = data
    retriever(data_dir)
    Ingestor(Settings(data_dir=data_dir), HashingEmbeddings()).ingest([files], reset=True, progress=False)
    assert retriever(data_dir).loaded_from in ("store", "fingerprint")


def test_a_metadata_only_change_is_seen(data) -> None:
    """Same ids, same texts, other metadata (a document's access groups changed): a new view."""
    data_dir, files = data
    retriever(data_dir)
    doc = sorted(files.iterdir())[0].stem
    store = ChunkStore(Settings(data_dir=data_dir), HashingEmbeddings.name)
    rows = store.collection.get(where={"doc_id": doc}, include=["documents", "metadatas", "embeddings"])
    store.upsert(rows["ids"], rows["documents"], rows["embeddings"],
                 [{**m, "groups": "lanh-dao"} for m in rows["metadatas"]])
    restarted = retriever(data_dir)
    assert restarted.loaded_from == "changes" and restarted.documents()[doc]["groups"] == ["lanh-dao"]
    assert doc in restarted.restricted
    assert_same_content_as_a_fresh_build(restarted, data_dir)


def test_a_writer_killed_mid_write_makes_every_start_read_the_store(data, chunks_read, caplog) -> None:
    """A writer that dies between its first and last write leaves the revision saying "writing": no start
    trusts a saved view until a later write completes, so the half-written chunk is seen."""
    data_dir, files = data
    retriever(data_dir)
    doc = sorted(files.iterdir())[0].stem
    run_elsewhere(data_dir,
                  "import os\nstore = writer.store\n"
                  f"rows = store.collection.get(where={{'doc_id': {doc!r}}}, include=['documents', 'metadatas', "
                  "'embeddings'], limit=1)\n"
                  "with store.writing():\n"
                  "    store.collection.upsert(ids=['half-written#0'], documents=['Trạm phát sóng nửa chừng.'], "
                  "embeddings=rows['embeddings'], metadatas=rows['metadatas'])\n"
                  "    os._exit(9)\n", exit_code=9)
    chunks_read.clear()
    with caplog.at_level(logging.INFO, logger="retrieval.hybrid"):
        after = retriever(data_dir)
    assert after.loaded_from != "revision" and sum(chunks_read) >= after.size
    assert "half-written#0" in after.ids
    assert "revision is unknown" in caplog.text
    assert retriever(data_dir).loaded_from != "revision"  # still not trusted, still correct
    Ingestor(Settings(data_dir=data_dir), HashingEmbeddings()).delete(sorted(files.iterdir())[1].stem)
    retriever(data_dir)
    assert retriever(data_dir).loaded_from == "revision"  # a completed write restores the shortcut


@pytest.mark.parametrize(("damage", "file"), [("truncate", "texts.bin"), ("garbage", "restorer.json"),
                                               ("garbage", "chunks.json"), ("truncate", "texts.npy"),
                                               ("delete", "documents.json")])
def test_a_corrupt_saved_view_is_rebuilt_and_says_why(data, caplog, damage: str, file: str) -> None:
    data_dir, _ = data
    retriever(data_dir)
    (saved,) = Settings(data_dir=data_dir).lexical_dir.iterdir()
    target = saved / file
    if damage == "truncate":
        target.write_bytes(target.read_bytes()[:-7])
    elif damage == "garbage":
        target.write_text("{not json", "utf-8")
    else:
        target.unlink()
    with caplog.at_level(logging.WARNING, logger="retrieval.hybrid"):
        again = retriever(data_dir)
    assert again.loaded_from == "store"
    assert f"saved view {saved} is unusable" in caplog.text
    assert_same_as_a_fresh_build(again, data_dir)
    assert retriever(data_dir).loaded_from == "revision"  # the rebuilt copy replaced the damaged one


def forget_changes(data_dir: Path) -> None:
    """Lose the record of which documents the writes changed (as a writer from before it was kept would)."""
    Settings(data_dir=data_dir).store_changes_db.unlink()


def test_a_stale_saved_view_is_not_used_and_the_reason_is_logged(data, caplog) -> None:
    data_dir, files = data
    retriever(data_dir)
    Ingestor(Settings(data_dir=data_dir), HashingEmbeddings()).delete(sorted(files.iterdir())[0].stem)
    forget_changes(data_dir)
    with caplog.at_level(logging.INFO, logger="retrieval.hybrid"):
        now = retriever(data_dir)
    assert now.loaded_from == "store"
    assert "no saved view is of the store's revision" in caplog.text
    assert_same_as_a_fresh_build(now, data_dir)


def test_the_same_content_at_a_new_revision_loads_the_saved_view_and_records_it(data, chunks_read) -> None:
    """A write that changes nothing (the same chunks upserted again) moves the revision: every chunk is read
    once, the fingerprint finds the saved view, and the next start takes the shortcut."""
    data_dir, _ = data
    retriever(data_dir)
    store = ChunkStore(Settings(data_dir=data_dir), HashingEmbeddings.name)
    rows = store.collection.get(include=["documents", "metadatas", "embeddings"])
    store.upsert(rows["ids"], rows["documents"], rows["embeddings"], rows["metadatas"])
    forget_changes(data_dir)
    assert retriever(data_dir).loaded_from == "fingerprint"
    chunks_read.clear()
    assert retriever(data_dir).loaded_from == "revision" and sum(chunks_read) == 0


def test_a_store_written_before_revisions_is_given_one(data) -> None:
    data_dir, _ = data
    store = ChunkStore(Settings(data_dir=data_dir), HashingEmbeddings.name)
    store.collection.modify(metadata={k: v for k, v in store.collection.metadata.items()
                                      if k != REVISION_KEY and not k.startswith("hnsw:")})
    assert REVISION_KEY not in store._client.get_collection(store.collection.name).metadata
    assert retriever(data_dir).loaded_from == "store"
    assert retriever(data_dir).loaded_from == "revision"


def test_stored_texts_read_like_a_list(tmp_path: Path) -> None:
    texts = ["Ban Chỉ đạo", "", "trạm thu phát sóng 4.607", "đ"]
    StoredTexts.write(tmp_path, texts)
    stored = StoredTexts(tmp_path)
    assert len(stored) == 4 and list(stored) == texts and stored[-1] == "đ" and stored[1:3] == texts[1:3]
    with pytest.raises(IndexError):
        stored[4]
    StoredTexts.write(tmp_path, [])
    assert list(StoredTexts(tmp_path)) == []
