"""Ingest into a real Chroma store: idempotence, updates, deletes, failures that do not stop the run."""

import shutil
from datetime import date
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


def test_a_store_written_by_an_older_reader_is_read_again(folder: Path, ingestor: Ingestor,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """After an upgrade that reads more from a text (a header field), an unchanged file is read again, not skipped
    with the field missing; the ingest after that finds it unchanged."""
    import ingest.metadata

    ingestor.ingest([folder], progress=False)
    monkeypatch.setattr(ingest.metadata, "READER_VERSION", ingest.metadata.READER_VERSION + 1)
    report = ingestor.ingest([folder], progress=False)
    assert sorted(report.updated) == sorted(p.stem for p in folder.iterdir()) and not report.unchanged
    assert len(ingestor.ingest([folder], progress=False).unchanged) == len(SMALL)


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


PLAN_TASKS = """ỦY BAN NHÂN DÂN TỈNH THÁI NGUYÊN
KẾ HOẠCH số 45/KH-UBND về chuyển đổi số ngành y tế năm 2026
I. NHIỆM VỤ
1. Sở Y tế chủ trì, phối hợp với Sở Tài chính xây dựng đề án bệnh án điện tử, hoàn thành trong quý II/2026.
2. Sở Nội vụ tham mưu kiện toàn bộ máy quản lý công nghệ thông tin trước ngày 30/9/2026.
II. TỔ CHỨC THỰC HIỆN
Các sở, ngành báo cáo kết quả về Sở Y tế.
"""


@pytest.fixture()
def plan(tmp_path: Path) -> Path:
    target = tmp_path / "plan"
    target.mkdir()
    (target / "ke-hoach-45.txt").write_text(PLAN_TASKS, "utf-8")
    return target


def test_ingest_writes_a_documents_tasks_and_keeps_them_with_its_text(plan: Path, ingestor: Ingestor) -> None:
    from ingest.tasks import TaskStore

    ingestor.ingest([plan], progress=False)
    store = TaskStore(ingestor.settings.tasks_db)
    tasks = store.query()
    assert [(t.doc_id, t.lead, t.due) for t in tasks] == [
        ("ke-hoach-45", "Sở Y tế", date(2026, 6, 30)), ("ke-hoach-45", "Sở Nội vụ", date(2026, 9, 30))]
    text = (ingestor.settings.data_dir / "documents" / "ke-hoach-45.txt").read_text("utf-8")
    assert all(text[t.start:t.end] == t.text for t in tasks)  # spans point into the stored text
    ids = [t.task_id for t in tasks]
    assert ingestor.ingest([plan], progress=False).unchanged == ["ke-hoach-45"]
    assert [t.task_id for t in store.query()] == ids  # an unchanged document keeps its tasks

    path = plan / "ke-hoach-45.txt"  # an update replaces them
    path.write_text(PLAN_TASKS.replace("2. Sở Nội vụ tham mưu", "2. Sở Tư pháp thẩm định"), "utf-8")
    assert ingestor.ingest([plan], progress=False).updated == ["ke-hoach-45"]
    assert [t.lead for t in store.query()] == ["Sở Y tế", "Sở Tư pháp"] and store.query(agency="Sở Nội vụ") == []

    assert ingestor.delete("ke-hoach-45") > 0  # a delete drops them
    assert store.count() == 0 and store.text_hashes() == {}


def test_prune_and_reset_drop_tasks(plan: Path, folder: Path, ingestor: Ingestor) -> None:
    from ingest.tasks import TaskStore

    store = TaskStore(ingestor.settings.tasks_db)
    ingestor.ingest([plan, folder], progress=False)
    assert store.count() == 2 and set(store.text_hashes()) == {"ke-hoach-45", *(Path(n).stem for n in SMALL)}
    (plan / "ke-hoach-45.txt").unlink()
    ingestor.ingest([plan], prune=True, progress=False)
    assert store.count() == 0 and "ke-hoach-45" not in store.text_hashes()
    (plan / "ke-hoach-45.txt").write_text(PLAN_TASKS, "utf-8")
    ingestor.ingest([plan], progress=False)
    ingestor.ingest([folder], reset=True, progress=False)
    assert store.count() == 0 and "ke-hoach-45" not in store.text_hashes()


def test_tasks_lagging_behind_the_text_are_read_again_at_the_next_ingest(plan: Path, folder: Path,
                                                                        tmp_path: Path) -> None:
    """A process killed after the text and chunks were written but before the tasks: the store still holds
    the old tasks (or none); the next ingest of anything repairs it, and so does re-ingesting the file."""
    from ingest.tasks import TaskStore

    settings = Settings(data_dir=tmp_path / "data")
    Ingestor(settings).ingest([plan], progress=False)
    store = TaskStore(settings.tasks_db)
    good = store.query()
    store.replace("ke-hoach-45", good[:1], "a-stale-hash")  # as if the older text's tasks were left
    Ingestor(settings).ingest([folder], progress=False)  # another folder: the sweep repairs it
    assert store.query() == good and len(set(store.text_hashes().values())) == 3
    store.delete("ke-hoach-45")  # as if the tasks had never been written
    assert Ingestor(settings).ingest([plan], progress=False).unchanged == ["ke-hoach-45"]
    assert store.query() == good


class CountingEmbeddings:
    """The configured model, counting how many passages each call gets: batching is what is measured."""

    def __init__(self, inner, fail_on_call: int | None = None) -> None:  # type: ignore[no-untyped-def]
        self.inner, self.calls, self.fail_on_call = inner, [], fail_on_call
        self.name = getattr(inner, "name", None)

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        self.calls.append(len(texts))
        if self.fail_on_call == len(self.calls):
            raise RuntimeError("the model process died")
        return self.inner.embed_documents(texts)

    def embed_query(self, text: str) -> list[float]:
        return self.inner.embed_query(text)


def _many_files(folder: Path, n: int) -> list[Path]:
    base = (folder / SMALL[0]).read_text(encoding="utf-8")
    for i in range(n):
        (folder / f"ban-{i}.txt").write_text(f"Bản tin số {i} của Ban Chỉ đạo.\n\n{base}", encoding="utf-8")
    return sorted(folder.glob("ban-*.txt"))


def test_small_documents_are_embedded_together_and_reported_in_order(folder: Path, tmp_path: Path) -> None:
    files = _many_files(folder, 4)
    settings = Settings(data_dir=tmp_path / "batched", ingest_batch_chunks=10_000)
    plain = Ingestor(settings)
    counting = CountingEmbeddings(plain.embeddings)
    ingestor = Ingestor(settings, embeddings=counting)
    seen: list[tuple[int, str]] = []
    report = ingestor.ingest(files, progress=False, on_file=lambda done, total, name: seen.append((done, name)))
    assert counting.calls == [report.chunks_written] and report.chunks_written > len(files)  # one call for all
    assert seen == [(i + 1, f.name) for i, f in enumerate(files)] and len(report.added) == len(files)
    one_at_a_time = Settings(data_dir=tmp_path / "single", ingest_batch_chunks=1)
    counting = CountingEmbeddings(plain.embeddings)
    report = Ingestor(one_at_a_time, embeddings=counting).ingest(files, progress=False)
    assert len(counting.calls) == len(files) and sum(counting.calls) == report.chunks_written


def test_a_failure_while_embedding_keeps_what_was_written_and_reports_only_that(folder: Path,
                                                                                tmp_path: Path) -> None:
    files = _many_files(folder, 4)
    settings = Settings(data_dir=tmp_path / "data", ingest_batch_chunks=1)  # one file per call
    counting = CountingEmbeddings(Ingestor(settings).embeddings, fail_on_call=3)
    seen: list[int] = []
    with pytest.raises(RuntimeError, match="model process died"):
        Ingestor(settings, embeddings=counting).ingest(files, progress=False,
                                                       on_file=lambda done, total, name: seen.append(done))
    assert seen == [1, 2]  # a resumed job skips exactly these
    stored = {str(m["doc_id"]) for m in Ingestor(settings).store.documents()}
    assert stored == {"ban-0", "ban-1"}
    report = Ingestor(settings).ingest(files, progress=False)  # the next run completes it
    assert report.unchanged == ["ban-0", "ban-1"] and report.added == ["ban-2", "ban-3"]
