"""Two `bcd serve` processes on one data directory, as README's "Scaling out" runs them behind a load balancer:
the Zalo OA token pair, sessions, message de-duplication and feedback live in the data directory, so it does
not matter which worker Zalo or a browser reaches. Zalo is the local fake speaking its OA protocol."""

import json
import sqlite3
import stat
import time
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from app.zalo import RESET_DONE
from tests.app.test_zalo import APP_ID, OA_SECRET, oa_event, sign
from tests.app.test_zalo import zalo  # noqa: F401 - the fixture: this module's own fake Zalo
from tests.conftest import Server, _served_copy, wait_for_job
from tests.fakes.zalo_server import APP_SECRET
from tests.questions import LAO_CAI_STATIONS, NAM_DINH_HEAD

TURNS_KEPT = 200  # more than any test here adds to one session


@pytest.fixture(scope="module")
def workers(indexed_settings, tmp_path_factory, zalo):
    data_dir = _served_copy(indexed_settings, tmp_path_factory, "workers")
    env = dict(BCD_ZALO_OA_APP_ID=APP_ID, BCD_ZALO_OA_SECRET_KEY=OA_SECRET, BCD_ZALO_APP_SECRET=APP_SECRET,
               BCD_ZALO_OA_ACCESS_TOKEN="access-0", BCD_ZALO_OA_REFRESH_TOKEN="refresh-0",
               BCD_ZALO_OA_API_BASE=zalo.url, BCD_ZALO_OAUTH_BASE=zalo.url, BCD_ZALO_RATE_LIMIT_PER_MINUTE="100",
               BCD_SESSION_MAX_TURNS=str(TURNS_KEPT))
    running = [Server(data_dir, log_name=f"worker-{name}.log", **env) for name in ("a", "b")]
    for server in running:
        server.start()
    yield running
    for server in running:
        if server.process is not None:
            server.stop()


def tell(server: Server, user_id: str, text: str, msg_id: str | None = None) -> httpx.Response:
    body = oa_event(user_id, text, msg_id)
    response = httpx.post(f"{server.url}/zalo/oa/webhook", content=body, timeout=30,
                          headers={"content-type": "application/json", "X-ZEvent-Signature": sign(body)})
    assert response.status_code == 200, response.text
    return response


def wait_in_log(server: Server, text: str, timeout_s: float = 60) -> str:
    log = server.data_dir / server.log_name
    deadline = time.time() + timeout_s
    while time.time() < deadline:
        if text in (found := log.read_text(errors="replace")):
            return found
        time.sleep(0.2)
    raise AssertionError(f"{text!r} never appeared in {log.name}: {log.read_text(errors='replace')[-2000:]}")


def test_a_token_pair_rotated_by_one_worker_is_used_by_the_other(workers, zalo) -> None:
    a, b = workers
    tell(a, "pair-1", "/help")
    zalo.wait_for("pair-1")
    rotated = zalo.generation
    assert rotated >= 1 and zalo.refused_refreshes == 0
    tell(b, "pair-2", "/help")  # b must use the pair a saved, not spend the environment's (now used) refresh token
    zalo.wait_for("pair-2")
    assert zalo.generation == rotated and zalo.refused_refreshes == 0

    zalo.expire_access_token()  # the access token expires: a refreshes, and b must follow, not refresh again
    tell(a, "pair-1", "/help")
    zalo.wait_for("pair-1", count=2)
    assert zalo.generation == rotated + 1
    tell(b, "pair-2", "/help")
    zalo.wait_for("pair-2", count=2)
    assert zalo.generation == rotated + 1 and zalo.refused_refreshes == 0

    zalo.expire_access_token()  # both find it expired at the same moment: one refresh between them
    for n in range(3):
        tell(a, "pair-1", "/help")
        tell(b, "pair-2", "/help")
    zalo.wait_for("pair-1", count=5)
    zalo.wait_for("pair-2", count=5)
    assert zalo.generation == rotated + 2 and zalo.refused_refreshes == 0
    saved = json.loads((a.data_dir / "zalo_oa_tokens.json").read_text())
    assert (saved["access_token"], saved["refresh_token"]) == (zalo.access_token, zalo.refresh_token)


def test_the_token_file_is_readable_by_its_owner_only(workers, zalo) -> None:
    tell(workers[0], "private-1", "/help")
    zalo.wait_for("private-1")
    assert stat.S_IMODE((workers[0].data_dir / "zalo_oa_tokens.json").stat().st_mode) == 0o600


def test_error_201_invalid_access_token_refreshes_too(workers, zalo) -> None:
    before = zalo.generation
    zalo.invalid_token_error = -201
    try:
        zalo.expire_access_token()
        tell(workers[1], "code-201", "/help")
        assert any("/nguon" in m for m in zalo.wait_for("code-201"))
    finally:
        zalo.invalid_token_error = -216
    assert zalo.generation == before + 1 and zalo.refused_refreshes == 0


def test_an_undeliverable_reply_logs_the_attempts_really_made(workers, zalo) -> None:
    zalo.errors_for["blocked-1"] = -213  # not retried: the user cannot be messaged, one attempt is all
    tell(workers[0], "blocked-1", "/help")
    log = wait_in_log(workers[0], "to blocked-1 not delivered")
    assert "to blocked-1 not delivered after 1 attempt:" in log


def test_a_corrupt_token_file_is_logged_once_and_the_environment_pair_used(workers, zalo) -> None:
    b = workers[1]
    b.stop()
    tokens = b.data_dir / "zalo_oa_tokens.json"
    tokens.write_text(tokens.read_text()[:25])  # truncated mid-write
    zalo.issue("access-0", "refresh-0")  # the operator authorised again and put the new pair in the environment
    b.start()
    for n in range(1, 3):
        tell(b, "corrupt-1", "/help")
        assert any("/nguon" in m for m in zalo.wait_for("corrupt-1", count=n))
    log = (b.data_dir / b.log_name).read_text(errors="replace").split("Uvicorn running")[-1]
    assert log.count("zalo_oa_tokens.json is unreadable") == 1 and "BCD_ZALO_OA_REFRESH_TOKEN" in log
    assert "Traceback" not in log
    assert json.loads(tokens.read_text())["refresh_token"] == zalo.refresh_token  # rewritten whole


def test_a_redelivered_message_is_answered_once_whichever_worker_gets_it(workers, zalo) -> None:
    with ThreadPoolExecutor(8) as pool:  # Zalo redelivers it, and the load balancer spreads the copies
        list(pool.map(lambda server: tell(server, "redelivered-1", "/help", msg_id="same-message-on-both"),
                      workers * 4))
    first = zalo.wait_for("redelivered-1")
    assert len(first) == 1 and "/nguon" in first[0]
    # A control message to each worker, queued behind every copy that worker got (and the same user's lock):
    # a second answer to the redelivered message would come before the control's reply.
    for server in workers:
        tell(server, "redelivered-1", "/reset")
    after = zalo.wait_for("redelivered-1", count=3)
    assert after == [first[0], RESET_DONE, RESET_DONE], after  # nothing but the controls' replies came


def _turns(server: Server, session_id: str) -> list[tuple[int, str]]:
    with sqlite3.connect(server.data_dir / "app.sqlite3") as db:
        return db.execute("SELECT position, role FROM turns WHERE session_id = ? ORDER BY position",
                          (session_id,)).fetchall()


def test_one_conversation_continues_on_either_worker_even_at_once(workers) -> None:
    a, b = workers
    session_id = httpx.post(f"{a.url}/api/chat", json={"message": NAM_DINH_HEAD}, timeout=60).json()["session_id"]
    follow = httpx.post(f"{b.url}/api/chat", json={"message": LAO_CAI_STATIONS, "session_id": session_id},
                        timeout=60)
    assert follow.status_code == 200 and follow.json()["session_id"] == session_id
    assert len(_turns(a, session_id)) == 4

    def ask(server: Server) -> int:
        return httpx.post(f"{server.url}/api/chat", json={"message": LAO_CAI_STATIONS, "session_id": session_id},
                          timeout=120).status_code

    # Another writer holds the database (as a worker's slow commit would) while both workers finish answers
    # in the same session: each must then add its turns after the other's, not where the session ended before.
    other = sqlite3.connect(a.data_dir / "app.sqlite3", isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    with ThreadPoolExecutor(6) as pool:
        asked = [pool.submit(ask, server) for server in workers * 3]
        time.sleep(8)
        other.execute("ROLLBACK")
        other.close()
        statuses = [future.result() for future in asked]
    assert statuses == [200] * 6
    turns = _turns(a, session_id)
    assert [role for _, role in turns] == ["user", "assistant"] * 8
    assert [position for position, _ in turns] == list(range(16))


def test_a_new_zalo_user_writing_to_both_workers_at_once_gets_answers(workers, zalo) -> None:
    with ThreadPoolExecutor(8) as pool:
        list(pool.map(lambda n: tell(workers[n % 2], f"both-{n // 2}", LAO_CAI_STATIONS), range(8)))
    for user in range(4):
        replies = zalo.wait_for(f"both-{user}", count=2)
        assert len(replies) == 2 and all("4.607" in reply for reply in replies), replies


def test_feedback_sent_to_either_worker_is_one_list(workers) -> None:
    a, b = workers

    def send(n: int) -> int:
        return httpx.post(f"{workers[n % 2].url}/api/feedback", timeout=60, json={
            "rating": 1 if n % 3 else -1, "question": NAM_DINH_HEAD, "answer": f"trả lời {n}",
            "comment": f"worker-test {n}"}).json()["id"]

    with ThreadPoolExecutor(8) as pool:
        ids = list(pool.map(send, range(20)))
    assert len(set(ids)) == 20
    exports = [httpx.get(f"{server.url}/api/feedback", timeout=60).json()["feedback"] for server in (a, b)]
    assert exports[0] == exports[1]
    mine = {row["comment"]: row["id"] for row in exports[0] if row["comment"].startswith("worker-test")}
    assert mine == {f"worker-test {n}": id_ for n, id_ in enumerate(ids)}


def test_an_ingest_job_started_on_one_worker_is_followed_on_the_other(workers, tmp_path) -> None:
    a, b = workers
    plan = tmp_path / "ke-hoach-hai-worker.txt"
    plan.write_text("Kế hoạch chuyển đổi số của tỉnh Yên Bái năm 2026\nTỉnh Yên Bái đặt mục tiêu 90% hồ sơ "
                    "trực tuyến toàn trình trong năm 2026.\n", encoding="utf-8")
    with plan.open("rb") as handle:
        started = httpx.post(f"{a.url}/api/documents", files={"files": (plan.name, handle, "text/plain")}, timeout=60)
    assert started.status_code == 202, started.text
    with httpx.Client(base_url=b.url, timeout=60) as other:
        job = wait_for_job(other, started.json()["job_id"])
    assert job["status"] == "done" and job["files"] == [plan.name] and job["done"] == 1
