"""Zalo Official Account (OA API v3): signed webhook in, customer-service messages out.

- The webhook's `X-ZEvent-Signature` is `mac=` + sha256(app_id + raw body + timestamp + OA secret key);
  a missing or wrong one is rejected with 401, and so is an event older than `zalo_max_event_age_s`.
- Replies go to `POST /v3.0/oa/message/cs` with the `access_token` header. The token is refreshed with the
  refresh token shortly before it expires (or when Zalo says it is invalid); both tokens rotate on every
  refresh and the new pair is written to `DATA_DIR/zalo_oa_tokens.json` at once. Every worker on the data
  directory reads the pair from that file, and refreshes under a lock on it (see `TokenStore`).
- Delivery failures (5xx, timeouts) are retried with backoff, then logged with the attempts made; they never
  reach the webhook.
"""

from __future__ import annotations

import fcntl
import hashlib
import hmac
import json
import logging
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
from tenacity import Retrying, retry_if_exception_type, stop_after_attempt, wait_exponential

from bcd.settings import Settings

log = logging.getLogger(__name__)

INVALID_TOKEN_ERRORS = {-201, -216, -124, -230}  # access token invalid / expired, per the OA API error tables
REFRESH_MARGIN_S = 300


class ZaloDeliveryError(RuntimeError):
    """A transient failure worth retrying (5xx, timeout)."""


def expected_signature(app_id: str, body: bytes, timestamp: str, secret_key: str) -> str:
    digest = hashlib.sha256(app_id.encode() + body + timestamp.encode() + secret_key.encode()).hexdigest()
    return f"mac={digest}"


def signature_valid(header: str | None, app_id: str, body: bytes, timestamp: str, secret_key: str) -> bool:
    if not header or not secret_key:
        return False
    return hmac.compare_digest(header.strip(), expected_signature(app_id, body, timestamp, secret_key))


class TokenStore:
    """The current access/refresh pair, shared by every worker on the data directory.

    Zalo accepts a refresh token once and rotates both tokens on each refresh, so the pair has one home,
    `zalo_oa_tokens.json` (mode 0600, replaced atomically), which is read on every use: a pair another worker
    rotated is picked up at once. A refresh takes an exclusive lock on `zalo_oa_tokens.json.lock` and reads
    the file again first; when another worker (or thread) refreshed meanwhile, its pair is used instead of
    spending the refresh token a second time. A missing file means the environment's pair; so does an
    unreadable one, with one clear error in the log, until the next refresh writes the file whole again.
    """

    def __init__(self, settings: Settings, client: httpx.Client) -> None:
        self.path: Path = settings.data_dir / "zalo_oa_tokens.json"
        self.lock_path = self.path.with_name(self.path.name + ".lock")
        self.settings, self.client = settings, client
        self._lock = threading.Lock()
        self._rejected = ""  # the access token Zalo last refused
        self._reported: bytes | None = None  # the unreadable content already logged

    def access_token(self) -> str:
        tokens = self._load()
        if self._stale(tokens):
            with self._lock, self._exclusive():
                tokens = self._load()
                if self._stale(tokens):
                    tokens = self._refresh(tokens)
        return str(tokens["access_token"])

    def invalidate(self, access_token: str) -> None:
        """Zalo refused `access_token`: the next use refreshes, unless the file already holds a newer pair."""
        self._rejected = access_token

    def _stale(self, tokens: dict[str, Any]) -> bool:
        expiring = tokens["access_token"] == self._rejected or tokens["expires_at"] - time.time() < REFRESH_MARGIN_S
        return expiring and bool(tokens["refresh_token"])

    def _environment(self) -> dict[str, Any]:
        return {"access_token": self.settings.zalo_oa_access_token,
                "refresh_token": self.settings.zalo_oa_refresh_token, "expires_at": 0.0}

    def _load(self) -> dict[str, Any]:
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return self._environment()
        try:
            tokens = json.loads(raw)
            if not (isinstance(tokens, dict) and isinstance(tokens.get("access_token"), str)
                    and isinstance(tokens.get("refresh_token"), str)):
                raise ValueError("no access_token and refresh_token strings")
            return {**tokens, "expires_at": float(tokens.get("expires_at", 0.0))}
        except (ValueError, TypeError) as exc:  # JSON and Unicode decoding errors are ValueErrors
            if raw != self._reported:
                self._reported = raw
                log.error("%s is unreadable (%s); using BCD_ZALO_OA_ACCESS_TOKEN and BCD_ZALO_OA_REFRESH_TOKEN "
                          "from the environment until a refresh writes the file again", self.path, exc)
            return self._environment()

    @contextmanager
    def _exclusive(self) -> Iterator[None]:
        """Held by one worker process at a time (an advisory lock, released if the process dies)."""
        with open(self.lock_path, "a") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def _refresh(self, tokens: dict[str, Any]) -> dict[str, Any]:
        response = self.client.post(
            f"{self.settings.zalo_oauth_base.rstrip('/')}/v4/oa/access_token",
            headers={"secret_key": self.settings.zalo_app_secret},
            data={"refresh_token": tokens["refresh_token"], "app_id": self.settings.zalo_oa_app_id,
                  "grant_type": "refresh_token"})
        data = response.json() if response.content else {}
        if response.status_code >= 400 or "access_token" not in data:
            log.error("Zalo token refresh failed (%s): %s", response.status_code, data.get("error_description")
                      or data.get("message") or response.text[:200])
            return tokens
        tokens = {"access_token": data["access_token"], "refresh_token": data["refresh_token"],
                  "expires_at": time.time() + float(data.get("expires_in", 3600))}
        self._save(tokens)
        log.info("Zalo OA tokens refreshed and saved")
        return tokens

    def _save(self, tokens: dict[str, Any]) -> None:
        tmp = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            os.fchmod(handle.fileno(), 0o600)  # also when an old temporary file had other permissions
            handle.write(json.dumps(tokens))
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, self.path)


class ZaloOAClient:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.client = httpx.Client(timeout=15)
        self.tokens = TokenStore(settings, self.client)

    def send_text(self, user_id: str, text: str) -> bool:
        """Deliver one message; False (and an error in the log) if Zalo could not be reached."""
        attempts = 0
        try:
            for attempt in Retrying(retry=retry_if_exception_type((ZaloDeliveryError, httpx.TransportError)),
                                    stop=stop_after_attempt(self.settings.zalo_send_attempts),
                                    wait=wait_exponential(multiplier=0.2, max=5), reraise=True):
                with attempt:
                    attempts += 1
                    self._send_once(user_id, text)
            return True
        except (ZaloDeliveryError, httpx.HTTPError) as exc:
            log.error("Zalo OA message to %s not delivered after %d attempt%s: %s", user_id, attempts,
                      "" if attempts == 1 else "s", exc)
            return False

    def _send_once(self, user_id: str, text: str, token_retry: bool = True) -> None:
        access_token = self.tokens.access_token()
        response = self.client.post(
            f"{self.settings.zalo_oa_api_base.rstrip('/')}/v3.0/oa/message/cs",
            headers={"access_token": access_token},
            json={"recipient": {"user_id": user_id}, "message": {"text": text}})
        if response.status_code >= 500:
            raise ZaloDeliveryError(f"HTTP {response.status_code}")
        data: dict[str, Any] = response.json() if response.content else {}
        error = int(data.get("error", 0) or 0)
        if error in INVALID_TOKEN_ERRORS and token_retry:
            self.tokens.invalidate(access_token)
            return self._send_once(user_id, text, token_retry=False)
        if response.status_code >= 400 or error != 0:
            raise httpx.HTTPStatusError(f"Zalo OA error {error}: {data.get('message')}", request=response.request,
                                        response=response)
