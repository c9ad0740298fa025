"""A reply Zalo never accepts is given up after the configured number of tries, and the log says how many were
made (issue 13): `bcd serve` as a real process, a local server speaking the Zalo OA API that answers every
message with a 5xx."""

import hashlib
import json
import re
import shutil
import time
import uuid

import httpx

from tests.conftest import Server
from tests.fakes.zalo_server import APP_SECRET, FakeZalo
from tests.questions import GOLD_PRICE, NAM_DINH_HEAD

APP_ID = "app-attempts"
OA_SECRET = "oa-secret-attempts"
ATTEMPTS = 3  # not the default (4): the log must state the configured number, not a constant


def _signed_event(user_id: str, text: str) -> tuple[bytes, str]:
    timestamp = str(int(time.time() * 1000))
    body = json.dumps({"app_id": APP_ID, "event_name": "user_send_text", "timestamp": timestamp,
                       "sender": {"id": user_id}, "recipient": {"id": "oa-1"},
                       "message": {"text": text, "msg_id": uuid.uuid4().hex}}, ensure_ascii=False).encode()
    mac = hashlib.sha256(APP_ID.encode() + body + timestamp.encode() + OA_SECRET.encode()).hexdigest()
    return body, f"mac={mac}"


def post(server: Server, user_id: str, text: str) -> None:
    body, signature = _signed_event(user_id, text)
    response = httpx.post(f"{server.url}/zalo/oa/webhook", content=body, timeout=30,
                          headers={"content-type": "application/json", "X-ZEvent-Signature": signature})
    assert response.status_code == 200 and response.json()["status"] == "accepted", response.text


def _wait_for_log_line(log_path, pattern: str, timeout_s: float = 120) -> list[re.Match[str]]:  # type: ignore[no-untyped-def]
    deadline = time.time() + timeout_s
    while time.time() < deadline:
        found = list(re.finditer(pattern, log_path.read_text(encoding="utf-8", errors="replace")))
        if found:
            return found
        time.sleep(0.2)
    raise AssertionError(f"no log line like {pattern!r} within {timeout_s:.0f} s: "
                         f"{log_path.read_text(encoding='utf-8', errors='replace')[-2000:]}")


def test_an_undelivered_reply_is_logged_with_the_configured_number_of_attempts(indexed_settings,
                                                                               tmp_path_factory) -> None:
    fake = FakeZalo()
    data_dir = tmp_path_factory.mktemp("zalo-attempts") / "data"
    shutil.copytree(indexed_settings.data_dir, data_dir)
    server = Server(data_dir, BCD_ZALO_OA_APP_ID=APP_ID, BCD_ZALO_OA_SECRET_KEY=OA_SECRET,
                    BCD_ZALO_APP_SECRET=APP_SECRET, BCD_ZALO_OA_ACCESS_TOKEN="access-0",
                    BCD_ZALO_OA_REFRESH_TOKEN="refresh-0", BCD_ZALO_OA_API_BASE=fake.url,
                    BCD_ZALO_OAUTH_BASE=fake.url, BCD_ZALO_SEND_ATTEMPTS=str(ATTEMPTS))
    try:
        server.start()
        # a first reply goes through: the environment's token pair is refreshed once and saved, so the replies
        # below make no refresh request, and every request the fake gets from then on is a try to deliver
        post(server, "user-ok", GOLD_PRICE)
        assert fake.wait_for("user-ok") and len(fake.refreshes) == 1
        queued = ATTEMPTS + 3  # more 5xx than the server may try: any try beyond ATTEMPTS would take one
        with fake.lock:
            fake.fail_next = [502] * queued
        post(server, "user-retry", NAM_DINH_HEAD)
        lines = _wait_for_log_line(data_dir / server.log_name,
                                   r"Zalo OA message to user-retry not delivered after (\d+) attempts?: ([^\n]*)")
        with fake.lock:
            requests_made = queued - len(fake.fail_next)  # each request the fake got took one 5xx
            fake.fail_next = []
        assert len(lines) == 1, [m.group(0) for m in lines]
        assert int(lines[0].group(1)) == ATTEMPTS, lines[0].group(0)
        assert f"after {ATTEMPTS} attempts" in lines[0].group(0) and "502" in lines[0].group(2)
        assert requests_made == ATTEMPTS
        assert fake.messages_to("user-retry") == [] and len(fake.refreshes) == 1  # nothing delivered, no refresh
    finally:
        server.stop()
        fake.close()
