"""Zalo Official Account (OA API v3): signed webhook in, customer-service messages out.

- The webhook's `X-ZEvent-Signature` is `mac=` + sha256(app_id + raw body + timestamp + OA secret key);
  a missing or wrong one is rejected with 401, and so is an event older than `zalo_max_event_age_s`.
- Replies go to `POST /v3.0/oa/message/cs` with the `access_token` header. The token is refreshed with the
  refresh token shortly before it expires (or when Zalo says it is invalid); both tokens rotate on every
  refresh and the new pair is written to `DATA_DIR/zalo_oa_tokens.json` at once.
- Delivery failures (5xx, timeouts) are retried with backoff, then logged; they never reach the webhook.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import os
import threading
import time
from pathlib import Path
from typing import Any

import httpx
from tenacity import retry, retry_if_exception_type, stop_after_attempt, wait_exponential

from bcd.settings import Settings

log = logging.getLogger(__name__)

INVALID_TOKEN_ERRORS = {-216, -124, -230}  # access token invalid / expired, per the OA API error table
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
    """The current access/refresh pair, persisted atomically so a restart keeps the rotated tokens."""

    def __init__(self, settings: Settings, client: httpx.Client) -> None:
        self.path: Path = settings.data_dir / "zalo_oa_tokens.json"
        self.settings, self.client = settings, client
        self._lock = threading.Lock()
        if self.path.exists():
            self.tokens = json.loads(self.path.read_text(encoding="utf-8"))
        else:
            self.tokens = {"access_token": settings.zalo_oa_access_token,
                           "refresh_token": settings.zalo_oa_refresh_token, "expires_at": 0.0}

    def access_token(self) -> str:
        with self._lock:
            if self.tokens.get("expires_at", 0) - time.time() < REFRESH_MARGIN_S and self.tokens["refresh_token"]:
                self._refresh()
            return str(self.tokens["access_token"])

    def invalidate(self) -> None:
        with self._lock:
            self.tokens["expires_at"] = 0.0

    def _refresh(self) -> None:
        response = self.client.post(
            f"{self.settings.zalo_oauth_base.rstrip('/')}/v4/oa/access_token",
            headers={"secret_key": self.settings.zalo_app_secret},
            data={"refresh_token": self.tokens["refresh_token"], "app_id": self.settings.zalo_oa_app_id,
                  "grant_type": "refresh_token"})
        data = response.json() if response.content else {}
        if response.status_code >= 400 or "access_token" not in data:
            log.error("Zalo token refresh failed (%s): %s", response.status_code, data.get("error_description")
                      or data.get("message") or response.text[:200])
            return
        self.tokens = {"access_token": data["access_token"], "refresh_token": data["refresh_token"],
                       "expires_at": time.time() + float(data.get("expires_in", 3600))}
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(json.dumps(self.tokens), encoding="utf-8")
        os.replace(tmp, self.path)
        log.info("Zalo OA tokens refreshed and saved")


class ZaloOAClient:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.client = httpx.Client(timeout=15)
        self.tokens = TokenStore(settings, self.client)
        self._send_with_retries = retry(
            retry=retry_if_exception_type((ZaloDeliveryError, httpx.TransportError)),
            stop=stop_after_attempt(settings.zalo_send_attempts),
            wait=wait_exponential(multiplier=0.2, max=5), reraise=True)(self._send_once)

    def send_text(self, user_id: str, text: str) -> bool:
        """Deliver one message; False (and an error in the log) if Zalo could not be reached."""
        try:
            self._send_with_retries(user_id, text)
            return True
        except (ZaloDeliveryError, httpx.HTTPError) as exc:
            log.error("Zalo OA message to %s not delivered after %d attempts: %s", user_id,
                      self.settings.zalo_send_attempts, exc)
            return False

    def _send_once(self, user_id: str, text: str, token_retry: bool = True) -> None:
        response = self.client.post(
            f"{self.settings.zalo_oa_api_base.rstrip('/')}/v3.0/oa/message/cs",
            headers={"access_token": self.tokens.access_token()},
            json={"recipient": {"user_id": user_id}, "message": {"text": text}})
        if response.status_code >= 500:
            raise ZaloDeliveryError(f"HTTP {response.status_code}")
        data: dict[str, Any] = response.json() if response.content else {}
        error = int(data.get("error", 0) or 0)
        if error in INVALID_TOKEN_ERRORS and token_retry:
            self.tokens.invalidate()
            return self._send_once(user_id, text, token_retry=False)
        if response.status_code >= 400 or error != 0:
            raise httpx.HTTPStatusError(f"Zalo OA error {error}: {data.get('message')}", request=response.request,
                                        response=response)
