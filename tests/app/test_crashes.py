"""Issue 13, crashes: `bcd serve` SIGKILLed while an upload updates a document and in the middle of an
11-file upload job, then started again on the same data directory (real processes, real Chroma)."""

import os
import signal
import time
from pathlib import Path

import httpx
import pytest

from eval.bench.generated import generate
from tests.conftest import Server, wait_for_job


def _text(folder: Path, n: int, seed: int) -> bytes:
    """One long document (many chunks, so its write takes a while) made of `n` generated ones."""
    return "\n\n".join(p.read_text(encoding="utf-8") for p in generate(folder, n, seed=seed)).encode()


def _kill(server: Server) -> None:
    os.kill(server.process.pid, signal.SIGKILL)
    server.process.wait()
    server.log.close()
    server.process = None


def _upload(client: httpx.Client, files: list[tuple[str, bytes]], **data: str) -> str:
    response = client.post("/api/documents", files=[("files", f) for f in files], data=data)
    assert response.status_code == 202, response.text
    return response.json()["job_id"]


def _stored(data_dir: Path, doc_id: str) -> str:
    """The document's stored text, after checking that its chunks are exactly one complete version of that
    text: every chunk's span in it holds the chunk's text, and every chunk records the text's hash."""
    import chromadb
    from chromadb.api.client import SharedSystemClient

    from ingest.metadata import content_hash

    text = (data_dir / "documents" / f"{doc_id}.txt").read_text(encoding="utf-8")
    try:
        rows = chromadb.PersistentClient(path=str(data_dir / "chroma")).get_collection("bcd_chunks").get(
            where={"doc_id": doc_id}, include=["documents", "metadatas"])
    finally:
        SharedSystemClient.clear_system_cache()
    metas = rows["metadatas"]
    assert metas, f"no chunk of {doc_id}"
    assert {m["content_hash"] for m in metas} == {content_hash(text)}, \
        "the chunks were cut from another text than the stored one"
    assert sorted(m["chunk_index"] for m in metas) == list(range(metas[0]["n_chunks"]))
    for body, meta in zip(rows["documents"], metas):
        assert text[meta["start"]:meta["end"]] == body, f"chunk {meta['chunk_index']}'s span shows other text"
    return text


@pytest.fixture
def fresh_server(tmp_path: Path):
    (tmp_path / "data").mkdir()
    # one file per model call, as before ingest embedded files together: a kill then lands between files
    server = Server(tmp_path / "data", BCD_MAX_UPLOAD_MB="1", BCD_INGEST_BATCH_CHUNKS="1").start()
    yield server
    if server.process is not None:
        server.stop()


def test_a_kill_while_an_upload_updates_a_document_leaves_text_and_chunks_agreeing(fresh_server, tmp_path) -> None:
    server, data_dir = fresh_server, fresh_server.data_dir
    old, new = _text(tmp_path / "v1", 6, seed=11), _text(tmp_path / "v2", 6, seed=12)
    with httpx.Client(base_url=server.url, timeout=60) as client:
        assert wait_for_job(client, _upload(client, [("ke-hoach.txt", old)]))["report"]["added"] == ["ke-hoach"]
        current = data_dir / "documents" / "ke-hoach.txt"
        old_text = current.read_text(encoding="utf-8")
        job_id = _upload(client, [("ke-hoach.txt", new)], replace="true")
        # SIGKILL at the first sign of the update on disk: the text changing, or any new file beside it
        before = set(current.parent.rglob("*.txt"))
        deadline = time.time() + 180
        while current.read_text(encoding="utf-8") == old_text and set(current.parent.rglob("*.txt")) == before:
            assert time.time() < deadline and server.process.poll() is None, "the update never started"
            time.sleep(0.002)
    _kill(server)

    server.start()
    with httpx.Client(base_url=server.url, timeout=60) as client:
        if client.get(f"/api/jobs/{job_id}").status_code == 200:  # resumed: let it end before looking
            wait_for_job(client, job_id, timeout_s=300)
    server.stop()
    _stored(data_dir, "ke-hoach")  # one version, whole, its spans in the stored text

    server.start()  # uploading the old version again restores it, whichever version the crash left
    with httpx.Client(base_url=server.url, timeout=60) as client:
        job = wait_for_job(client, _upload(client, [("ke-hoach.txt", old)], replace="true"), timeout_s=300)
        assert job["status"] == "done"
        assert set(job["report"]["updated"] + job["report"]["unchanged"]) == {"ke-hoach"}
    server.stop()
    assert _stored(data_dir, "ke-hoach") == old_text


def test_a_job_killed_after_4_of_11_files_resumes_under_its_id_and_leaves_no_upload(fresh_server,
                                                                                   tmp_path) -> None:
    server, data_dir = fresh_server, fresh_server.data_dir
    files = [(p.name, p.read_bytes()) for p in generate(tmp_path / "eleven", 11, seed=13)]
    with httpx.Client(base_url=server.url, timeout=60) as client:
        job_id = _upload(client, files)
        deadline = time.time() + 300
        while (job := client.get(f"/api/jobs/{job_id}").json())["done"] < 4:
            assert job["status"] in ("queued", "running") and time.time() < deadline, job
            time.sleep(0.05)
    _kill(server)
    assert job["done"] < 11 and len(list((data_dir / "uploads").iterdir())) == 11

    server.start()
    with httpx.Client(base_url=server.url, timeout=60) as client:
        resumed = client.get(f"/api/jobs/{job_id}")
        assert resumed.status_code == 200, "the job was lost with the process"
        job = wait_for_job(client, job_id, timeout_s=300)
        assert job["status"] == "done" and job["done"] == job["total"] == 11 and job["error"] == ""
        report = job["report"]
        expected = {Path(name).stem for name, _ in files}
        assert set(report["added"] + report["unchanged"]) == expected and not report["failed"]
        assert {d["doc_id"] for d in client.get("/api/documents").json()["documents"]} == expected
        assert not list((data_dir / "uploads").iterdir()), "a finished job's files stay in data/uploads"

        failed = wait_for_job(client, _upload(client, [("rong.txt", b"")]))
        assert failed["status"] == "failed"
        assert not list((data_dir / "uploads").iterdir()), "a failed job's files stay in data/uploads"
    server.stop()
    for doc_id in expected:
        _stored(data_dir, doc_id)


def test_ctrl_c_stops_the_server_and_says_so(fresh_server, tmp_path) -> None:
    """A user who stops `bcd serve` with Ctrl-C (SIGINT) sees in its log that it shut down, not silence."""
    fresh_server.process.send_signal(signal.SIGINT)
    assert fresh_server.process.wait(timeout=30) == 0
    fresh_server.log.close()
    fresh_server.process = None
    log = (tmp_path / "data" / fresh_server.log_name).read_text(errors="replace")
    assert "stopped" in log, log[-500:]
