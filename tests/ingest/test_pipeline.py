"""Ingest into a real Chroma store: idempotence, updates, deletes, failures that do not stop the run."""

import shutil
from pathlib import Path

import pytest

from bcd.settings import Settings
from ingest.pipeline import Ingestor
from ingest.store import ChunkStore, StoreMismatchError
from retrieval.hybrid import HybridRetriever

SMALL = ["nam-dinh-ban-chi-dao-hop-phien-dau-tien.txt", "bac-kan-hop-ban-chi-dao-bao-cao-thuc-hien-nq57.txt"]


@pytest.fixture()
def folder(tmp_path: Path, corpus_dir: Path) -> Path:
    target = tmp_path / "docs"
    target.mkdir()
    for name in SMALL:
        shutil.copy(corpus_dir / name, target / name)
    return target


@pytest.fixture()
def ingestor(tmp_path: Path) -> Ingestor:
    return Ingestor(Settings(data_dir=tmp_path / "data"))


def test_reingest_of_unchanged_files_adds_nothing(indexed_settings: Settings, corpus_dir: Path) -> None:
    ingestor = Ingestor(indexed_settings)
    before = ingestor.store.count()
    report = ingestor.ingest(sorted(corpus_dir.glob("*.txt")), progress=False)  # what the session index holds
    assert len(report.unchanged) == 5 and not report.added and not report.updated
    assert report.chunks_written == 0 and ingestor.store.count() == before > 0


def test_cleaned_text_is_stored_and_chunks_point_into_it(indexed_settings: Settings) -> None:
    store = Ingestor(indexed_settings).store
    for chunk in store.iter_chunks():
        text = (indexed_settings.data_dir / "documents" / f"{chunk.metadata['doc_id']}.txt").read_text("utf-8")
        assert text[chunk.metadata["start"]:chunk.metadata["end"]] == chunk.text


def test_changed_file_replaces_its_chunks(folder: Path, ingestor: Ingestor) -> None:
    ingestor.ingest([folder], progress=False)
    doc_id = "nam-dinh-ban-chi-dao-hop-phien-dau-tien"
    old_ids = ingestor.store.chunk_ids(doc_id)
    path = folder / SMALL[0]
    path.write_text(path.read_text("utf-8").replace("Đặng Khánh Toàn", "Nguyễn Văn Thử"), "utf-8")
    report = ingestor.ingest([folder], progress=False)
    assert report.updated == [doc_id] and len(report.unchanged) == 1
    new_ids = ingestor.store.chunk_ids(doc_id)
    assert new_ids != old_ids and report.chunks_deleted == len(old_ids - new_ids)
    texts = [c.text for c in ingestor.store.iter_chunks() if c.metadata["doc_id"] == doc_id]
    assert any("Nguyễn Văn Thử" in t for t in texts) and not any("Đặng Khánh Toàn" in t for t in texts)


def test_delete_removes_from_dense_and_lexical_search(folder: Path, ingestor: Ingestor) -> None:
    ingestor.ingest([folder], progress=False)
    retriever = HybridRetriever(ingestor.settings, embeddings=ingestor.embeddings, store=ingestor.store)
    assert retriever.search("Đặng Khánh Toàn", k=1)[0].doc_id == "nam-dinh-ban-chi-dao-hop-phien-dau-tien"
    removed = ingestor.delete("nam-dinh-ban-chi-dao-hop-phien-dau-tien")
    assert removed > 0
    retriever.refresh()
    for mode in ("dense", "lexical", "hybrid"):
        assert all(h.doc_id != "nam-dinh-ban-chi-dao-hop-phien-dau-tien"
                   for h in retriever.search("Đặng Khánh Toàn", k=10, mode=mode))
    assert ingestor.delete("nam-dinh-ban-chi-dao-hop-phien-dau-tien") == 0


def test_bad_files_are_reported_and_the_run_goes_on(folder: Path, ingestor: Ingestor) -> None:
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4 not really")
    (folder / "empty.md").write_bytes(b"")
    odd = folder.parent / "notes.xyz"
    odd.write_text("x")
    report = ingestor.ingest([folder, odd], progress=False)
    assert len(report.added) == 2
    assert len(report.failed) == 3
    assert any("broken.pdf" in f for f in report.failed) and any("notes.xyz" in f for f in report.failed)


def test_same_file_name_in_two_folders_gives_two_documents(folder: Path, ingestor: Ingestor, tmp_path: Path) -> None:
    other = tmp_path / "other"
    other.mkdir()
    (other / SMALL[0]).write_text("Một văn bản khác hẳn, cùng tên tệp, nói về Ban Chỉ đạo tỉnh.", "utf-8")
    ingestor.ingest([folder, other], progress=False)
    doc_ids = [d["doc_id"] for d in ingestor.store.documents()]
    assert len(doc_ids) == 3 and len(set(doc_ids)) == 3


def test_prune_deletes_documents_whose_file_is_gone(folder: Path, ingestor: Ingestor) -> None:
    ingestor.ingest([folder], progress=False)
    (folder / SMALL[1]).unlink()
    ingestor.ingest([folder], prune=True, progress=False)
    assert [d["doc_id"] for d in ingestor.store.documents()] == ["nam-dinh-ban-chi-dao-hop-phien-dau-tien"]


def test_reset_rebuilds_from_scratch(folder: Path, ingestor: Ingestor) -> None:
    ingestor.ingest([folder], progress=False)
    count = ingestor.store.count()
    report = ingestor.ingest([folder], reset=True, progress=False)
    assert len(report.added) == 2 and ingestor.store.count() == count


def test_index_built_with_another_model_is_refused(folder: Path, ingestor: Ingestor) -> None:
    ingestor.ingest([folder], progress=False)
    with pytest.raises(StoreMismatchError, match="bcd ingest --reset"):
        ChunkStore(ingestor.settings, "some-other-model")


def test_the_same_text_under_another_name_or_folder_is_not_a_new_document(folder: Path, ingestor: Ingestor,
                                                                         tmp_path: Path) -> None:
    ingestor.ingest([folder], progress=False)
    copies = tmp_path / "copies"
    copies.mkdir()
    shutil.copy(folder / SMALL[0], copies / "ban-sao.txt")
    shutil.copy(folder / SMALL[0], copies / SMALL[0])
    report = ingestor.ingest([copies], progress=False)
    doc_id = "nam-dinh-ban-chi-dao-hop-phien-dau-tien"
    assert not report.added and report.unchanged == [doc_id, doc_id] and report.chunks_written == 0
    assert sorted(Path(name).name for name in report.duplicates) == sorted(["ban-sao.txt", SMALL[0]])
    assert set(report.duplicates.values()) == {doc_id} and len(ingestor.store.documents()) == 2


def test_groups_are_compared_case_insensitively_and_separators_are_refused(folder: Path,
                                                                           ingestor: Ingestor) -> None:
    path = folder / SMALL[1]
    doc_id = "bac-kan-hop-ban-chi-dao-bao-cao-thuc-hien-nq57"
    ingestor.ingest([path], groups=["Lanh-Dao", "VAN-PHONG"], progress=False)
    assert ingestor.store.document_groups(doc_id) == ["lanh-dao", "van-phong"]
    assert ingestor.ingest([path], groups=["van-phong", "lanh-dao"], progress=False).unchanged == [doc_id]
    with pytest.raises(ValueError, match="not allowed"):
        ingestor.ingest([path], groups=["lanh-dao|van-phong"], progress=False)


@pytest.mark.parametrize("doc_id", ["\x00", "a" * 5000, "../keep", "Keep"])
def test_delete_of_something_that_cannot_be_an_id_touches_no_file(ingestor: Ingestor, doc_id: str) -> None:
    keep = ingestor.settings.data_dir / "keep.txt"  # what "../keep" would name next to data/documents/
    keep.write_text("x")
    (ingestor.documents_dir / "Keep.txt").write_text("x")
    assert ingestor.delete(doc_id) == 0
    assert keep.exists() and (ingestor.documents_dir / "Keep.txt").exists()
