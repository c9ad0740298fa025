"""A small local HTTP server speaking the Zalo OA API v3, its OAuth token refresh, and the Zalo Bot API.

It records what it receives, issues and rotates tokens (each refresh invalidates the previous pair, and a
refresh token is accepted once), can let the access token expire, answer a chosen OA error for one user or
fail the next requests with 5xx, and queues updates for getUpdates.
"""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from tests.fakes import send_json
from urllib.parse import parse_qs

APP_SECRET = "app-secret"
BOT_TOKEN = "123456:bot-token"


class FakeZalo:
    def __init__(self) -> None:
        self.access_token, self.refresh_token, self.generation = "access-0", "refresh-0", 0
        self.oa_messages: list[dict[str, Any]] = []
        self.bot_messages: list[dict[str, Any]] = []
        self.refreshes: list[dict[str, str]] = []
        self.refused_refreshes = 0
        self.invalid_token_error = -216  # what the OA answers for an invalid access token (-201 in some tables)
        self.errors_for: dict[str, int] = {}  # user id -> the OA error every message to that user gets
        self.updates: list[dict[str, Any]] = []
        self.fail_next: list[int] = []
        self.lock = threading.Lock()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def do_POST(self) -> None:  # noqa: N802
                raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                with fake.lock:
                    if fake.fail_next:
                        return send_json(self, fake.fail_next.pop(0), {"error": -1, "message": "injected failure"})
                    if self.path == "/v3.0/oa/message/cs":
                        return send_json(self, 200, fake.oa_send(self.headers.get("access_token"), json.loads(raw)))
                    if self.path == "/v4/oa/access_token":
                        form = {k: v[0] for k, v in parse_qs(raw.decode()).items()}
                        return send_json(self, *fake.refresh(self.headers.get("secret_key"), form))
                    if self.path == f"/bot{BOT_TOKEN}/sendMessage":
                        fake.bot_messages.append(json.loads(raw))
                        return send_json(self, 200, {"ok": True, "result": {"message_id": str(len(fake.bot_messages))}})
                    if self.path == f"/bot{BOT_TOKEN}/getUpdates":
                        updates, fake.updates = fake.updates, []
                        return send_json(self, 200, {"ok": True, "result": updates})
                return send_json(self, 404, {"ok": False, "description": f"unknown path {self.path}"})


        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self._httpd.serve_forever, daemon=True).start()

    @property
    def url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}"

    def oa_send(self, token: str | None, body: dict[str, Any]) -> dict[str, Any]:
        if token != self.access_token:
            return {"error": self.invalid_token_error, "message": "Access token is invalid"}
        if body["recipient"]["user_id"] in self.errors_for:
            return {"error": self.errors_for[body["recipient"]["user_id"]], "message": "User cannot be messaged"}
        self.oa_messages.append({"user_id": body["recipient"]["user_id"], "text": body["message"]["text"]})
        return {"error": 0, "message": "Success", "data": {"message_id": str(len(self.oa_messages))}}

    def refresh(self, secret: str | None, form: dict[str, str]) -> tuple[int, dict[str, Any]]:
        self.refreshes.append(form)
        if secret != APP_SECRET or form.get("grant_type") != "refresh_token" or \
                form.get("refresh_token") != self.refresh_token:
            self.refused_refreshes += 1
            return 400, {"error": -14014, "error_description": "Invalid refresh token"}
        self.generation += 1
        self.access_token, self.refresh_token = f"access-{self.generation}", f"refresh-{self.generation}"
        return 200, {"access_token": self.access_token, "refresh_token": self.refresh_token, "expires_in": "90000"}

    def expire_access_token(self) -> None:
        """The access token expires (Zalo answers `invalid_token_error`); the refresh token stays valid."""
        with self.lock:
            self.access_token = f"expired-{self.generation}"

    def issue(self, access_token: str, refresh_token: str) -> None:
        """Make this pair the valid one, as the developer console does when an operator authorises again."""
        with self.lock:
            self.access_token, self.refresh_token = access_token, refresh_token

    def messages_to(self, user_id: str) -> list[str]:
        with self.lock:
            return [m["text"] for m in self.oa_messages if m["user_id"] == user_id] + \
                [m["text"] for m in self.bot_messages if m["chat_id"] == user_id]

    def wait_for(self, user_id: str, count: int = 1, timeout_s: float = 60) -> list[str]:
        """The messages sent to `user_id` once there are at least `count`; fails loudly when they never come."""
        deadline = time.time() + timeout_s
        while time.time() < deadline:
            if len(self.messages_to(user_id)) >= count:
                time.sleep(0.3)  # let any further (unexpected) message arrive before the caller counts
                return self.messages_to(user_id)
            time.sleep(0.1)
        raise AssertionError(f"expected {count} message(s) to {user_id} within {timeout_s} s, got "
                             f"{self.messages_to(user_id)!r}")

    def close(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
