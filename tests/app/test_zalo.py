"""Both Zalo integrations against a local server speaking Zalo's APIs, through `bcd serve` over HTTP."""

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import time
import uuid

import httpx
import pytest

from app.zalo import split_message
from tests.conftest import CORPUS, Server
from tests.fakes.zalo_server import APP_SECRET, BOT_TOKEN, FakeZalo
from tests.questions import LAO_CAI_ORGANISATIONS, LAO_CAI_SECTORS, LAO_CAI_SPENDING, LAO_CAI_STATIONS, NAM_DINH_HEAD

APP_ID = "app-123"
OA_SECRET = "oa-secret-key"
BOT_SECRET = "bot-webhook-secret"
LIMIT = 300


@pytest.fixture(scope="module")
def zalo():
    fake = FakeZalo()
    yield fake
    fake.close()


@pytest.fixture(scope="module")
def served(indexed_settings, tmp_path_factory, zalo):
    data_dir = tmp_path_factory.mktemp("zalo") / "data"
    shutil.copytree(indexed_settings.data_dir, data_dir)
    server = Server(data_dir, BCD_ZALO_OA_APP_ID=APP_ID, BCD_ZALO_OA_SECRET_KEY=OA_SECRET,
                    BCD_ZALO_APP_SECRET=APP_SECRET, BCD_ZALO_OA_ACCESS_TOKEN="access-0",
                    BCD_ZALO_OA_REFRESH_TOKEN="refresh-0", BCD_ZALO_OA_API_BASE=zalo.url,
                    BCD_ZALO_OAUTH_BASE=zalo.url, BCD_ZALO_BOT_TOKEN=BOT_TOKEN,
                    BCD_ZALO_BOT_SECRET_TOKEN=BOT_SECRET, BCD_ZALO_BOT_API_BASE=zalo.url,
                    BCD_ZALO_MESSAGE_LIMIT=str(LIMIT), BCD_ZALO_RATE_LIMIT_PER_MINUTE="4").start()
    yield server
    server.stop()


def oa_event(user_id: str, text: str, msg_id: str | None = None, age_s: float = 0,
             event_name: str = "user_send_text") -> bytes:
    return json.dumps({
        "app_id": APP_ID, "event_name": event_name, "timestamp": str(int((time.time() - age_s) * 1000)),
        "sender": {"id": user_id}, "recipient": {"id": "oa-1"},
        "message": {"text": text, "msg_id": msg_id or uuid.uuid4().hex}}, ensure_ascii=False).encode()


def sign(body: bytes, secret: str = OA_SECRET) -> str:
    timestamp = json.loads(body)["timestamp"]
    return "mac=" + hashlib.sha256(APP_ID.encode() + body + timestamp.encode() + secret.encode()).hexdigest()


def post_oa(served, body: bytes, signature: str | None) -> httpx.Response:
    headers = {"content-type": "application/json"}
    if signature is not None:
        headers["X-ZEvent-Signature"] = signature
    return httpx.post(f"{served.url}/zalo/oa/webhook", content=body, headers=headers, timeout=30)


def test_signed_event_gets_exactly_one_reply_with_answer_and_sources(served, zalo) -> None:
    body = oa_event("user-a", NAM_DINH_HEAD)
    response = post_oa(served, body, sign(body))
    assert response.status_code == 200 and response.json()["status"] == "accepted"
    messages = zalo.wait_for("user-a")
    text = "\n".join(messages)
    assert "Đặng Khánh Toàn" in text and "Nguồn:" in text and "[1]" in text
    assert all(len(m) <= LIMIT for m in messages)


def test_bad_or_missing_signature_is_401_and_nothing_is_sent(served, zalo) -> None:
    body = oa_event("user-b", NAM_DINH_HEAD)
    assert post_oa(served, body, sign(body, secret="wrong")).status_code == 401
    assert post_oa(served, body, None).status_code == 401
    tampered = body.replace("Nam Định".encode(), "Lào Cai".encode())
    assert post_oa(served, tampered, sign(body)).status_code == 401
    control = oa_event("user-b", LAO_CAI_STATIONS)  # processed after the refused ones
    assert post_oa(served, control, sign(control)).status_code == 200
    replies = zalo.wait_for("user-b")
    assert "4.607" in "\n".join(replies) and "Đặng Khánh Toàn" not in "\n".join(replies)


def test_redelivered_and_replayed_events_get_no_second_reply(served, zalo) -> None:
    body = oa_event("user-c", LAO_CAI_STATIONS, msg_id="msg-fixed-1")
    assert post_oa(served, body, sign(body)).json()["status"] == "accepted"
    first = zalo.wait_for("user-c")
    assert post_oa(served, body, sign(body)).status_code == 200  # acknowledged; a worker finds the id and skips it
    old = oa_event("user-c", LAO_CAI_STATIONS, age_s=3600)
    assert post_oa(served, old, sign(old)).status_code == 401
    control = oa_event("user-c", "/help")  # answered after the duplicate and the replay would have been
    assert post_oa(served, control, sign(control)).status_code == 200
    after = zalo.wait_for("user-c", count=len(first) + 1)
    assert after[: len(first)] == first and "4.607" in "\n".join(first)
    assert len(after) == len(first) + 1 and "4.607" not in after[-1]  # only the help text came after


def test_long_answer_is_split_without_exceeding_the_limit(served, zalo) -> None:
    body = oa_event("user-d", LAO_CAI_SECTORS)
    post_oa(served, body, sign(body))
    messages = zalo.wait_for("user-d", count=2)
    assert len(messages) >= 2 and all(len(m) <= LIMIT for m in messages)
    joined = " ".join(" ".join(m.split()) for m in messages)
    assert "khai khoáng" in joined and "Nguồn:" in joined


def test_split_message_never_cuts_words_or_source_lines() -> None:
    text = ("Câu trả lời " + "rất dài " * 80).strip() + "\n\nNguồn:\n[1] Tiêu đề văn bản thứ nhất\n[2] Tiêu đề hai"
    pieces = split_message(text, 200)
    assert all(len(p) <= 200 for p in pieces)
    words = text.split()
    assert " ".join(" ".join(pieces).split()) == " ".join(words)
    assert "[1] Tiêu đề văn bản thứ nhất" in "\n".join(pieces) and "[2] Tiêu đề hai" in pieces[-1]


def test_zalo_5xx_is_retried_then_delivered(served, zalo) -> None:
    zalo.fail_next = [500, 502]
    body = oa_event("user-e", LAO_CAI_SPENDING)
    assert post_oa(served, body, sign(body)).status_code == 200
    assert "574 tỷ đồng" in "\n".join(zalo.wait_for("user-e"))


def test_zalo_down_is_logged_and_the_webhook_keeps_working(served, zalo) -> None:
    zalo.fail_next = [503] * 12
    body = oa_event("user-f", LAO_CAI_SPENDING)
    assert post_oa(served, body, sign(body)).status_code == 200
    deadline = time.time() + 60
    log = served.data_dir / "server.log"
    while time.time() < deadline and b"not delivered" not in log.read_bytes():
        time.sleep(0.2)
    assert b"not delivered" in log.read_bytes()
    zalo.fail_next = []
    assert httpx.get(f"{served.url}/health", timeout=10).status_code == 200
    body = oa_event("user-f", "/help")
    assert post_oa(served, body, sign(body)).status_code == 200
    assert any("/nguon" in m for m in zalo.wait_for("user-f"))


def test_token_refresh_rotates_and_persists(served, zalo) -> None:
    body = oa_event("user-g", "/help")
    post_oa(served, body, sign(body))
    zalo.wait_for("user-g")
    assert zalo.refreshes and zalo.refreshes[0]["refresh_token"] == "refresh-0"
    assert zalo.refreshes[0]["app_id"] == APP_ID
    saved = json.loads((served.data_dir / "zalo_oa_tokens.json").read_text())
    assert saved["access_token"] == zalo.access_token and saved["refresh_token"] == zalo.refresh_token
    before = zalo.generation
    zalo.access_token = "revoked"  # Zalo invalidates the token: the client must refresh with the new pair
    body = oa_event("user-g", "/help")
    post_oa(served, body, sign(body))
    zalo.wait_for("user-g", count=2)
    assert zalo.generation == before + 1 and zalo.refreshes[-1]["refresh_token"] == saved["refresh_token"]
    assert json.loads((served.data_dir / "zalo_oa_tokens.json").read_text())["refresh_token"] == zalo.refresh_token


def test_commands_source_and_reset(served, zalo) -> None:
    # each command's reply is awaited by what it says (a reply may come in several messages, and a command
    # answered without the model can arrive before a count taken after sending it)
    steps = ((NAM_DINH_HEAD, lambda m: "Đặng Khánh Toàn" in m),
             ("/nguon 1", lambda m: m.startswith("[1] ") and "Đặng Khánh Toàn" in m),
             ("/nguon 9", lambda m: "Không có nguồn số 9" in m),
             ("/reset", lambda m: "cuộc trò chuyện mới" in m))
    for text, says in steps:
        body = oa_event("user-h", text)
        post_oa(served, body, sign(body))
        deadline = time.time() + 60
        while not any(says(m) for m in zalo.messages_to("user-h")):
            assert time.time() < deadline, f"no reply to {text!r}: {zalo.messages_to('user-h')!r}"
            time.sleep(0.1)
    assert "cuộc trò chuyện mới" in zalo.wait_for("user-h")[-1]  # the reset came last


def test_per_user_rate_limit_answers_politely(served, zalo) -> None:
    for i in range(5):
        body = oa_event("user-i", f"{LAO_CAI_ORGANISATIONS} {i}")
        post_oa(served, body, sign(body))
        zalo.wait_for("user-i", count=i + 1)
    assert "đợi khoảng một phút" in zalo.messages_to("user-i")[-1]


def test_other_events_are_ignored_and_malformed_ones_rejected(served) -> None:
    image = oa_event("user-j", "", event_name="user_send_image")
    assert post_oa(served, image, sign(image)).json()["status"] == "ignored"
    broken = json.dumps({"app_id": APP_ID, "event_name": "user_send_text",
                         "timestamp": str(int(time.time() * 1000)), "message": {"text": 5}}).encode()
    assert post_oa(served, broken, sign(broken)).status_code == 400
    assert post_oa(served, b"{not json", "mac=x").status_code == 400


def test_bot_webhook_checks_the_secret_and_replies_once(served, zalo) -> None:
    update = {"ok": True, "result": {"event_name": "message.text.received", "message": {
        "message_id": "bot-1", "from": {"id": "chat-1"}, "chat": {"id": "chat-1", "chat_type": "PRIVATE"},
        "date": int(time.time() * 1000), "text": NAM_DINH_HEAD}}}
    url = f"{served.url}/zalo/bot/webhook"
    assert httpx.post(url, json=update, headers={"X-Bot-Api-Secret-Token": "nope"}).status_code == 401
    assert httpx.post(url, json=update).status_code == 401
    ok = httpx.post(url, json=update, headers={"X-Bot-Api-Secret-Token": BOT_SECRET}, timeout=30)
    assert ok.json()["messages"] == 1
    first = zalo.wait_for("chat-1")
    assert "Đặng Khánh Toàn" in "\n".join(first)
    control = {"ok": True, "result": {**update["result"], "message": {
        **update["result"]["message"], "message_id": "bot-2", "text": "/help"}}}  # answered after the redelivery
    for body in (update, control):
        response = httpx.post(url, json=body, headers={"X-Bot-Api-Secret-Token": BOT_SECRET}, timeout=30)
        assert response.status_code == 200
    after = zalo.wait_for("chat-1", count=len(first) + 1)
    assert len(after) == len(first) + 1 and "/nguon" in after[-1]  # only the help text came after


def test_bcd_zalo_poll_answers_queued_updates(served, zalo) -> None:
    zalo.updates = [{"event_name": "message.text.received", "message": {
        "message_id": "poll-1", "from": {"id": "chat-2"}, "chat": {"id": "chat-2"},
        "text": LAO_CAI_STATIONS}}]
    env = {**os.environ, "BCD_DATA_DIR": str(served.data_dir), "BCD_ZALO_BOT_TOKEN": BOT_TOKEN,
           "BCD_ZALO_BOT_API_BASE": zalo.url}
    run = subprocess.run([sys.executable, "-m", "app.cli", "zalo", "poll", "--iterations", "2", "--timeout", "1"],
                         capture_output=True, text=True, env=env, timeout=300)
    assert run.returncode == 0, run.stderr
    assert "handled 1 messages" in run.stderr
    assert "4.607" in "\n".join(zalo.messages_to("chat-2"))


HELD_ANSWER = "Đồng chí Đặng Khánh Toàn, Bí thư Tỉnh ủy, Trưởng Ban chỉ đạo phát biểu chỉ đạo hội nghị [1]."


def held_server(indexed_settings, tmp_path, zalo: FakeZalo, llm, **env: str) -> Server:
    """`bcd serve` answering OA events with an LLM the test holds, over a copy of the index."""
    data_dir = tmp_path / "data"
    shutil.copytree(indexed_settings.data_dir, data_dir)
    return Server(data_dir, BCD_GENERATOR="openai", BCD_LLM_BASE_URL=llm.base_url, BCD_LLM_TIMEOUT_S="90",
                  BCD_ZALO_OA_APP_ID=APP_ID, BCD_ZALO_OA_SECRET_KEY=OA_SECRET, BCD_ZALO_APP_SECRET=APP_SECRET,
                  BCD_ZALO_OA_ACCESS_TOKEN="access-0", BCD_ZALO_OA_REFRESH_TOKEN="refresh-0",
                  BCD_ZALO_OA_API_BASE=zalo.url, BCD_ZALO_OAUTH_BASE=zalo.url, **env).start()


def test_the_webhook_acknowledges_before_the_answer_exists(indexed_settings, tmp_path) -> None:
    """The answerer (an LLM endpoint) is held until the acknowledgement has arrived: a handler that answered
    before acknowledging could not return 200 at all."""
    import threading

    from tests.fakes.openai_server import FakeOpenAIServer

    release, asked = threading.Event(), threading.Event()

    def held(request: dict) -> str:
        asked.set()
        release.wait(60)
        return HELD_ANSWER

    zalo = FakeZalo()  # its own token pair: the module's fake has rotated the shared one
    with FakeOpenAIServer(held) as llm:
        server = held_server(indexed_settings, tmp_path, zalo, llm)
        try:
            body = oa_event("user-held", NAM_DINH_HEAD)
            response = post_oa(server, body, sign(body))
            assert response.status_code == 200 and response.json()["status"] == "accepted"
            assert not release.is_set() and zalo.messages_to("user-held") == []  # acknowledged, not answered
            assert asked.wait(60)  # the answer is being made in the background
            release.set()
            assert "Đặng Khánh Toàn" in "\n".join(zalo.wait_for("user-held"))
        finally:
            release.set()
            server.stop()
            zalo.close()


def test_a_burst_is_acknowledged_while_its_answers_wait_in_a_bounded_queue(indexed_settings, tmp_path) -> None:
    """30 events at once against 2 answering workers and a queue of 20, while the LLM is held: every event is
    acknowledged with no answer made yet, the LLM never has more than 2 questions at once, the events beyond
    the queue are acknowledged as "busy" and their senders are told in Vietnamese without waiting for the
    held answers; once the LLM answers, every accepted question gets its answer and nobody gets two.
    Nothing is waited out with a sleep: a control question asked after the burst, which the LLM answers at
    once, must reach it with only the two held ones before it; a control message queued after the answers
    must be answered with no second answer to anybody before it."""
    import threading
    from concurrent.futures import ThreadPoolExecutor

    from app.zalo_routes import BUSY
    from tests.fakes.openai_server import FakeOpenAIServer

    release = threading.Event()

    def control(request: dict) -> bool:
        return LAO_CAI_STATIONS in json.dumps(request, ensure_ascii=False)

    def held(request: dict) -> str:
        if not control(request):
            release.wait(120)
        return HELD_ANSWER

    def burst_requests() -> int:
        return sum(not control(request) for request in llm.requests)

    zalo = FakeZalo()
    users = [f"burst-{i}" for i in range(30)]
    with FakeOpenAIServer(held) as llm:
        server = held_server(indexed_settings, tmp_path, zalo, llm, BCD_ZALO_WORKERS="2",
                             BCD_ZALO_QUEUE_SIZE="20")
        try:
            events = [oa_event(user, NAM_DINH_HEAD) for user in users]
            with ThreadPoolExecutor(len(events)) as pool:
                acks = list(pool.map(lambda body: post_oa(server, body, sign(body)), events))
            assert [a.status_code for a in acks] == [200] * len(users)
            statuses = {user: a.json()["status"] for user, a in zip(users, acks)}
            accepted = [u for u in users if statuses[u] == "accepted"]
            busy = [u for u in users if statuses[u] == "busy"]
            assert 20 <= len(accepted) <= 22 and len(accepted) + len(busy) == len(users), statuses
            for user in busy:  # told while both workers still wait for the LLM
                assert zalo.wait_for(user) == [BUSY]
            deadline = time.time() + 60
            while burst_requests() < 2:
                assert time.time() < deadline, f"the LLM was asked {burst_requests()} question(s), not 2"
                time.sleep(0.1)
            # The control goes the same way to the LLM (retrieval, prompt) but not through the Zalo queue, and
            # starts after every accepted question was queued: an unbounded pool's third question would be
            # asked before it.
            asked = httpx.post(f"{server.url}/api/chat", json={"message": LAO_CAI_STATIONS}, timeout=120)
            assert asked.status_code == 200, asked.text
            assert any(control(request) for request in llm.requests)
            assert not release.is_set() and burst_requests() == 2, burst_requests()
            assert all(zalo.messages_to(user) == [] for user in accepted)
            release.set()
            replies = {}
            for user in accepted:
                replies[user] = zalo.wait_for(user)
                assert "Đặng Khánh Toàn" in "\n".join(replies[user]) and BUSY not in replies[user]
            last = oa_event("burst-control", "/help")  # queued after every answer: a second one comes before it
            assert post_oa(server, last, sign(last)).json()["status"] == "accepted"
            assert any("/nguon" in m for m in zalo.wait_for("burst-control"))
            for user in accepted:
                sent = zalo.messages_to(user)
                assert sent == replies[user] and len(set(sent)) == len(sent), (user, sent)
            assert all(zalo.messages_to(user) == [BUSY] for user in busy)
            assert burst_requests() == len(accepted)
        finally:
            release.set()
            server.stop()
            zalo.close()


ENGLISH = re.compile(r"\b(?:the|question|characters|limit|empty|type|session)\b", re.IGNORECASE)


def ask_oa(served, zalo, user_id: str, text: str) -> str:
    """Send one message and wait for the replies it gets; their text."""
    before = len(zalo.messages_to(user_id))
    event = json.loads(oa_event(user_id, "placeholder"))
    event["message"]["text"] = text
    body = json.dumps(event).encode()  # \u escapes: a lone surrogate can be sent as JSON allows
    assert post_oa(served, body, sign(body)).status_code == 200
    messages = zalo.wait_for(user_id, count=before + 1)
    while True:  # a long reply comes in several messages: wait until no more arrive
        time.sleep(0.5)
        if len(zalo.messages_to(user_id)) == len(messages):
            return "\n".join(messages[before:])
        messages = zalo.messages_to(user_id)


def test_rejected_questions_are_explained_in_vietnamese(served, zalo) -> None:
    too_long = ask_oa(served, zalo, "user-l", (NAM_DINH_HEAD + " ") * 60)
    assert "ký tự" in too_long and "2000" in too_long and not ENGLISH.search(too_long), too_long
    nothing = ask_oa(served, zalo, "user-m", "??? !!!")
    assert "tra cứu" in nothing and not ENGLISH.search(nothing), nothing
    empty = ask_oa(served, zalo, "user-m", "   ")
    assert "trống" in empty and not ENGLISH.search(empty), empty
    broken = ask_oa(served, zalo, "user-o", "Trưởng Ban Chỉ đạo \ud800 tỉnh Nam Định là ai")
    assert "không đọc được" in broken and not ENGLISH.search(broken), broken


def test_source_shows_no_server_path_and_the_quote_once_the_document_changed(served, zalo) -> None:
    ask_oa(served, zalo, "user-n", LAO_CAI_STATIONS)
    source = ask_oa(served, zalo, "user-n", "/nguon 1")  # a document without a URL: its file's name
    assert "4.607" in source and "Tệp: lao-cai-hoi-nghi-don-doc-nhiem-vu-trong-tam-2025.txt" in source
    assert str(CORPUS) not in source and "corpus/" not in source, source
    stored = served.data_dir / "documents" / "lao-cai-hoi-nghi-don-doc-nhiem-vu-trong-tam-2025.txt"
    original = stored.read_text(encoding="utf-8")
    try:  # the document is updated after the answer: the cited span now holds other words
        stored.write_text(("Một nội dung khác không liên quan. " * 40 + "\n") * 20, encoding="utf-8")
        updated = ask_oa(served, zalo, "user-n", "/nguon 1")
    finally:
        stored.write_text(original, encoding="utf-8")
    assert "4.607" in updated and "không liên quan" not in updated, updated
    ask_oa(served, zalo, "user-p", NAM_DINH_HEAD)
    with_url = ask_oa(served, zalo, "user-p", "/nguon 1")  # a document with a URL: the URL
    assert "Nguồn gốc: https://baonamdinh.vn/" in with_url and "corpus/" not in with_url, with_url
