"""The REST API over real HTTP, against `bcd serve` started as a subprocess on loopback.

Tests that only read use the session's shared server (`client`); those that upload, delete, write feedback
they read back or restart use this module's own server (`own_client`, `own_server`)."""

import json
import os
import subprocess
import sys
import threading
import time
from contextlib import contextmanager

import httpx
import pytest

from tests.conftest import _free_port, wait_for_job
from tests.fakes.openai_server import FakeOpenAIServer, HeldModel
from tests.questions import GOLD_PRICE, HIS_OTHER_ROLE, NAM_DINH_HEAD

QUESTION = NAM_DINH_HEAD


@pytest.fixture(scope="module")
def client(server):
    with httpx.Client(base_url=server.url, timeout=60) as c:
        yield c


@pytest.fixture(scope="module")
def own_client(own_server):
    with httpx.Client(base_url=own_server.url, timeout=60) as c:
        yield c


def test_health(client) -> None:
    data = client.get("/health").json()
    assert data["status"] == "ok" and data["documents"] == 5 and data["chunks"] > 0


def test_openapi_docs_are_served(client) -> None:
    assert client.get("/docs").status_code == 200
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/api/chat", "/api/chat/stream", "/api/search", "/api/documents", "/api/jobs/{job_id}",
            "/api/documents/{doc_id}", "/health"} <= set(paths)


def test_chat_answers_with_citations_and_remembers_the_conversation(client) -> None:
    first = client.post("/api/chat", json={"message": QUESTION}).json()
    assert "Đặng Khánh Toàn" in first["answer"] and not first["refused"]
    assert first["citations"] and first["citations"][0]["doc_id"].startswith("nam-dinh")
    assert set(first["citations"][0]) >= {"n", "doc_id", "title", "chunk_id", "quote", "source"}
    follow = client.post("/api/chat", json={"message": HIS_OTHER_ROLE,
                                            "session_id": first["session_id"]}).json()
    assert follow["session_id"] == first["session_id"] and "Bí thư Tỉnh ủy" in follow["answer"]


def test_stream_sends_tokens_then_citations_then_done(client) -> None:
    plain = client.post("/api/chat", json={"message": QUESTION}).json()
    events = []
    with client.stream("POST", "/api/chat/stream", json={"message": QUESTION}) as response:
        assert response.headers["content-type"].startswith("text/event-stream")
        event = None
        for line in response.iter_lines():
            if line.startswith("event: "):
                event = line[7:]
            elif line.startswith("data: "):
                events.append((event, json.loads(line[6:])))
    kinds = [e for e, _ in events]
    assert kinds[-2:] == ["citations", "done"] and set(kinds[:-2]) == {"token"} and len(kinds) > 5
    assert "".join(d["text"] for e, d in events if e == "token") == plain["answer"]
    assert events[-2][1][0]["quote"] == plain["citations"][0]["quote"]


def test_the_question_may_be_sent_as_question_too(client) -> None:
    """`bcd ask --batch` files name it "question"; a caller who guesses that name is answered, not sent a 422."""
    assert client.post("/api/chat", json={"question": QUESTION}).json()["answer"] == \
        client.post("/api/chat", json={"message": QUESTION}).json()["answer"]
    assert client.post("/api/chat", json={"text": QUESTION}).status_code == 422


def test_a_body_far_larger_than_any_question_is_refused_before_it_is_read(client) -> None:
    """20 MB held the server for seconds while it was parsed, only to be refused for its length: over 1 MiB is a 413
    at once, on the chat, stream and search routes alike."""
    big = "Ban Chỉ đạo " * 200_000  # about 2.6 MB of UTF-8
    for path, body in (("/api/chat", {"message": big}), ("/api/chat/stream", {"message": big}),
                       ("/api/search", {"query": "Ban Chỉ đạo", "filters": {"doc_ids": [big]}})):
        response = client.post(path, json=body)
        assert response.status_code == 413, (path, response.text[:200])
    assert client.post("/api/chat", json={"message": QUESTION, "filler": "x" * 500_000}).status_code == 200


def test_unrelated_question_is_refused(client) -> None:
    data = client.post("/api/chat", json={"message": GOLD_PRICE}).json()
    assert data["refused"] and data["citations"] == [] and "không đề cập" in data["answer"]


@pytest.mark.parametrize(("body", "status", "needle"), [
    ({"message": "   "}, 422, "empty"),
    ({"message": QUESTION, "session_id": "no-such-session"}, 404, "unknown or expired"),
    ({"message": "Ban Chỉ đạo " * 500}, 422, "limit"),
    ({"message": QUESTION, "filters": {"date_from": "2025-05-01", "date_to": "2025-01-01"}}, 422, "after"),
])
def test_bad_chat_requests_get_clear_errors(client, body, status, needle) -> None:
    response = client.post("/api/chat", json=body)
    assert response.status_code == status and needle in response.text


def test_an_overlong_session_id_is_a_short_422(client) -> None:
    """A session id is at most 64 characters (ours are 32): a longer one is refused at once, not looked up, and
    not echoed back whole."""
    response = client.post("/api/chat", json={"message": QUESTION, "session_id": "a" * 100_000})
    assert response.status_code == 422 and "64" in response.text and len(response.text) < 2_000


def test_malformed_json_is_a_422(client) -> None:
    response = client.post("/api/chat", content=b"{not json", headers={"content-type": "application/json"})
    assert response.status_code == 422


def test_search_with_filters(client) -> None:
    results = client.post("/api/search", json={"query": "Trưởng Ban Chỉ đạo", "k": 3,
                                               "filters": {"province": "Lào Cai"}}).json()["results"]
    assert len(results) == 3 and {r["province"] for r in results} == {"Lào Cai"}


def test_upload_ingests_in_the_background_then_delete(own_client, own_server) -> None:
    client, server = own_client, own_server
    text = ("# Kế hoạch chuyển đổi số tỉnh Thái Bình\n\nSáng 05/6/2025, Ban Chỉ đạo tỉnh Thái Bình họp. "
            "Đồng chí Ngô Đông Hải, Bí thư Tỉnh ủy, Trưởng Ban Chỉ đạo chủ trì. "
            "Tỉnh đặt mục tiêu phủ sóng 5G tại 95 xã trong năm 2025.\n")
    response = client.post("/api/documents", files=[("files", ("../../ke-hoach-thai-binh.md", text.encode()))])
    assert response.status_code == 202
    job = wait_for_job(client, response.json()["job_id"])
    assert job["status"] == "done" and job["done"] == job["total"] == 1
    assert job["report"]["added"] == ["ke-hoach-thai-binh"]
    assert not list((server.data_dir / "uploads").iterdir())  # a finished job's files are deleted
    assert not list(server.data_dir.parent.glob("*thai-binh*"))  # the name was never used as a path
    docs = {d["doc_id"]: d for d in client.get("/api/documents").json()["documents"]}
    assert docs["ke-hoach-thai-binh"]["province"] == "Thái Bình"
    answer = client.post("/api/chat", json={"message": "Ai là Trưởng Ban Chỉ đạo tỉnh Thái Bình?"}).json()
    assert "Ngô Đông Hải" in answer["answer"]
    assert client.delete("/api/documents/ke-hoach-thai-binh").json()["chunks_deleted"] > 0
    assert client.delete("/api/documents/ke-hoach-thai-binh").status_code == 404
    again = client.post("/api/chat", json={"message": "Ai là Trưởng Ban Chỉ đạo tỉnh Thái Bình?"}).json()
    assert again["refused"]


def test_bad_uploads_are_rejected_and_nothing_is_kept(own_client, own_server) -> None:
    client, server = own_client, own_server
    before = set((server.data_dir / "uploads").glob("*")) if (server.data_dir / "uploads").exists() else set()
    odd = client.post("/api/documents", files=[("files", ("script.exe", b"MZ\x00\x00"))])
    assert odd.status_code == 415 and "unsupported" in odd.text
    big = client.post("/api/documents", files=[("files", ("big.txt", b"a" * (2 * 1024 * 1024)))])
    assert big.status_code == 413 and "larger than 1 MB" in big.text
    after = set((server.data_dir / "uploads").glob("*")) if (server.data_dir / "uploads").exists() else set()
    assert after == before
    assert client.get("/api/jobs/nope").status_code == 404


def test_broken_upload_ends_as_a_failed_job_with_the_reason(own_client) -> None:
    client = own_client
    before = client.get("/api/documents").json()["documents"]
    response = client.post("/api/documents", files=[("files", ("hong.pdf", b"%PDF-1.4 broken"))])
    job = wait_for_job(client, response.json()["job_id"])
    assert job["status"] == "failed" and "hong.pdf" in job["report"]["failed"][0]
    assert client.get("/api/documents").json()["documents"] == before


def test_health_answers_while_an_upload_is_being_stored(own_client, own_server) -> None:
    """The upload handler's blocking work (copying the file, writing the job's SQLite row) runs off the event
    loop. The test holds the database's write lock, so the upload, once its file is on disk, waits to write
    its job row (up to the store's 30 s busy timeout); /health, sent then, must answer while the upload still
    waits, before it does. A handler that did that work on the event loop would hold every other request
    until the lock is released, and /health would end after the upload."""
    import sqlite3

    uploads = own_server.data_dir / "uploads"
    before = set(uploads.glob("*")) if uploads.exists() else set()
    body = b"%PDF-1.4\n" + b"0" * (900 * 1024)  # near the 1 MB limit, and a broken PDF: its job fails at once
    ended: dict[str, tuple[float, httpx.Response]] = {}

    def request(what: str, method: str, path: str, **kwargs) -> None:  # type: ignore[no-untyped-def]
        with httpx.Client(base_url=own_server.url, timeout=120) as c:
            response = c.request(method, path, **kwargs)
        ended[what] = (time.monotonic(), response)

    lock = sqlite3.connect(own_server.data_dir / "app.sqlite3", timeout=30, isolation_level=None)
    uploader = threading.Thread(target=request, args=("upload", "POST", "/api/documents"),
                                kwargs={"files": [("files", ("lon.pdf", body))]})
    checker = threading.Thread(target=request, args=("health", "GET", "/health"))
    try:
        lock.execute("BEGIN IMMEDIATE")
        uploader.start()
        deadline = time.monotonic() + 60
        while not any(p.stat().st_size == len(body) for p in set(uploads.glob("*")) - before):
            assert uploader.is_alive() and time.monotonic() < deadline, f"the upload was not stored: {ended}"
            time.sleep(0.05)
        checker.start()
        checker.join(20)
        upload_was_waiting = "upload" not in ended
    finally:
        lock.rollback()
        lock.close()
        uploader.join(60)
        checker.join(60)
    assert upload_was_waiting, "the upload did not wait for the job row: the lock did not hold it"
    assert ended["health"][1].status_code == 200 and ended["upload"][1].status_code == 202
    assert ended["health"][0] < ended["upload"][0], "/health waited for the upload's blocking work"
    job = wait_for_job(own_client, ended["upload"][1].json()["job_id"])
    assert job["status"] == "failed" and "lon.pdf" in job["report"]["failed"][0]
    assert set(uploads.glob("*")) == before  # a failed job's files are deleted


def test_feedback_is_stored_and_exported(own_client, own_server) -> None:
    client, server = own_client, own_server
    answer = client.post("/api/chat", json={"message": QUESTION}).json()
    created = client.post("/api/feedback", json={"rating": -1, "question": QUESTION, "answer": answer["answer"],
                                                  "citations": answer["citations"], "comment": "thiếu ý"})
    assert created.status_code == 201
    assert client.post("/api/feedback", json={"rating": 5, "question": "q", "answer": "a"}).status_code == 422
    env = {**os.environ, "BCD_DATA_DIR": str(server.data_dir)}
    run = subprocess.run([sys.executable, "-m", "app.cli", "feedback", "export"], capture_output=True,
                         text=True, env=env, timeout=60)
    rows = [json.loads(line) for line in run.stdout.splitlines()]
    assert any(r["rating"] == -1 and r["comment"] == "thiếu ý" and r["citations"] for r in rows)


def test_sessions_survive_a_restart(own_server) -> None:
    """Restarts this module's own server (same port and data), never the shared one."""
    server = own_server
    with httpx.Client(base_url=server.url, timeout=60) as c:
        session_id = c.post("/api/chat", json={"message": QUESTION}).json()["session_id"]
    pid = server.process.pid
    server.stop()
    server.start()
    assert server.process.pid != pid  # a new process: the session can only have come from the disk
    with httpx.Client(base_url=server.url, timeout=60) as c:
        follow = c.post("/api/chat", json={"message": HIS_OTHER_ROLE, "session_id": session_id})
    assert follow.status_code == 200 and "Bí thư Tỉnh ủy" in follow.json()["answer"]


def test_the_shared_server_cannot_be_stopped_or_restarted_by_a_test(server) -> None:
    with pytest.raises(RuntimeError, match="shared"):
        server.stop()
    with pytest.raises(RuntimeError, match="shared"):
        server.start()
    assert httpx.get(f"{server.url}/health", timeout=10).status_code == 200


# --- streaming from a slow generator ------------------------------------------------------------------

@contextmanager
def _uvicorn(app):
    """The FastAPI app served by uvicorn in this process, on a free loopback port."""
    import uvicorn

    port = _free_port()
    running = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.time() + 60
    while not running.started:
        assert thread.is_alive() and time.time() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        running.should_exit = True
        thread.join(30)


def test_stream_sends_the_first_checked_sentence_while_the_model_is_still_writing(
        indexed_settings, retriever, tmp_path) -> None:
    """The `openai` generator streams from a local stand-in that writes one grounded sentence and then holds
    until the test releases it: the first `token` event must arrive over HTTP while the model is held. An API
    that waited for the whole answer (and split it into words afterwards) could send nothing before the
    release, and the read below would time out."""
    from app.api import create_app
    from chat.service import ChatService

    slow_model = HeldModel()
    held, released, finished, first = slow_model.held, slow_model.released, slow_model.finished, \
        slow_model.first

    with FakeOpenAIServer(slow_model) as llm:
        settings = indexed_settings.model_copy(update={
            "generator": "openai", "llm_base_url": llm.base_url, "llm_timeout_s": 120.0, "data_dir": tmp_path})
        app = create_app(settings, ChatService(settings, retriever=retriever))
        events: list[tuple[str, dict]] = []
        with _uvicorn(app) as url, httpx.Client(base_url=url, timeout=httpx.Timeout(120, read=30)) as c:
            try:
                with c.stream("POST", "/api/chat/stream", json={"message": QUESTION}) as response:
                    assert response.status_code == 200
                    lines = response.iter_lines()
                    event = None
                    for line in lines:  # read until the first token, the model still held
                        if line.startswith("event: "):
                            event = line[7:]
                        elif line.startswith("data: "):
                            events.append((event, json.loads(line[6:])))
                            break
                    assert events[0][0] == "token" and held.is_set()
                    assert not released.is_set() and not finished.is_set()  # received while the model writes
                    assert first and events[0][1]["text"].strip() == first[0].split()[0]
                    released.set()
                    for line in lines:
                        if line.startswith("event: "):
                            event = line[7:]
                        elif line.startswith("data: "):
                            events.append((event, json.loads(line[6:])))
            finally:
                released.set()
    assert finished.is_set()
    kinds = [e for e, _ in events]
    assert kinds[-2:] == ["citations", "done"] and set(kinds[:-2]) == {"token"}
    text = "".join(d["text"] for e, d in events if e == "token")
    assert text.startswith(first[0]) and "987" not in text
    done = events[-1][1]
    assert not done["refused"] and any("Đã bỏ 1 câu" in note for note in done["notes"])
    quote = events[-2][1][0]["quote"]
    assert quote in first[0] or first[0] in quote
