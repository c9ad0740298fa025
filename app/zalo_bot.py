"""Zalo Bot platform (bot token, Telegram-like API): webhook with a secret-token header, or long polling.

Methods are `POST {base}/bot{TOKEN}/{method}` answering `{"ok": true, "result": ...}`; replies use
`sendMessage {"chat_id", "text"}`, polling uses `getUpdates {"timeout"}`. The webhook must carry the secret
given to `setWebhook` in the `X-Bot-Api-Secret-Token` header.
"""

from __future__ import annotations

import hmac
import logging
from collections.abc import Callable
from typing import Any

import httpx
from tenacity import retry, retry_if_exception_type, stop_after_attempt, wait_exponential

from bcd.settings import Settings
from app.zalo_oa import ZaloDeliveryError

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Bot-Api-Secret-Token"


def secret_valid(header: str | None, secret: str) -> bool:
    return bool(header) and bool(secret) and hmac.compare_digest(header or "", secret)


def text_messages(payload: Any) -> list[dict[str, str]]:
    """The text messages in a webhook body or a getUpdates result, as {message_id, chat_id, text}."""
    updates = payload.get("result", payload) if isinstance(payload, dict) else payload
    updates = updates if isinstance(updates, list) else [updates]
    found = []
    for update in updates:
        if not isinstance(update, dict) or update.get("event_name", "message.text.received") != \
                "message.text.received":
            continue
        message = update.get("message") or {}
        chat = message.get("chat") or message.get("from") or {}
        if isinstance(message.get("text"), str) and chat.get("id") is not None and message.get("message_id"):
            found.append({"message_id": str(message["message_id"]), "chat_id": str(chat["id"]),
                          "text": message["text"]})
    return found


class ZaloBotClient:
    def __init__(self, settings: Settings) -> None:
        if not settings.zalo_bot_token:
            raise ValueError("BCD_ZALO_BOT_TOKEN is not set")
        self.settings = settings
        self.base = f"{settings.zalo_bot_api_base.rstrip('/')}/bot{settings.zalo_bot_token}"
        self.client = httpx.Client(timeout=60)
        self._call_with_retries = retry(
            retry=retry_if_exception_type((ZaloDeliveryError, httpx.TransportError)),
            stop=stop_after_attempt(settings.zalo_send_attempts),
            wait=wait_exponential(multiplier=0.2, max=5), reraise=True)(self._call)

    def _call(self, method: str, payload: dict[str, Any]) -> Any:
        response = self.client.post(f"{self.base}/{method}", json=payload)
        if response.status_code >= 500:
            raise ZaloDeliveryError(f"{method}: HTTP {response.status_code}")
        data = response.json()
        if not data.get("ok"):
            raise httpx.HTTPStatusError(f"{method}: {data.get('description')}", request=response.request,
                                        response=response)
        return data.get("result")

    def send_text(self, chat_id: str, text: str) -> bool:
        try:
            self._call_with_retries("sendMessage", {"chat_id": chat_id, "text": text})
            return True
        except (ZaloDeliveryError, httpx.HTTPError) as exc:
            log.error("Zalo bot message to %s not delivered: %s", chat_id, exc)
            return False

    def poll(self, handle: Callable[[dict[str, str]], None], iterations: int | None = None,
             timeout_s: int = 30) -> int:
        """Long-poll getUpdates and hand each text message to `handle`; returns how many were handled."""
        handled, done = 0, 0
        while iterations is None or done < iterations:
            done += 1
            try:
                result = self._call_with_retries("getUpdates", {"timeout": timeout_s})
            except (ZaloDeliveryError, httpx.HTTPError) as exc:
                log.error("getUpdates failed: %s", exc)
                continue
            for message in text_messages(result or []):
                handle(message)
                handled += 1
        return handled
