"""Webhook routes for both Zalo integrations. Each acknowledges at once (Zalo expects a fast 200) and
answers in a background task; a redelivered message id is acknowledged and not answered again."""

from __future__ import annotations

import json
import logging
import time
from functools import cached_property
from typing import Any

from fastapi import BackgroundTasks, FastAPI, HTTPException, Request

from app.zalo import ZaloAssistant
from app.zalo_bot import SECRET_HEADER, ZaloBotClient, secret_valid, text_messages
from app.zalo_oa import ZaloOAClient, signature_valid

log = logging.getLogger(__name__)


class ZaloChannels:
    def __init__(self, backend: Any) -> None:
        self.backend = backend
        self.settings = backend.settings
        self.assistant = ZaloAssistant(backend.service, backend.sessions, self.settings.zalo_message_limit,
                                       self.settings.zalo_rate_limit_per_minute, self.settings.zalo_user_groups)

    @cached_property
    def oa(self) -> ZaloOAClient:
        return ZaloOAClient(self.settings)

    @cached_property
    def bot(self) -> ZaloBotClient:
        return ZaloBotClient(self.settings)

    def answer_oa(self, user_id: str, text: str) -> None:
        for message in self._replies("oa", user_id, text):
            if not self.oa.send_text(user_id, message):
                break

    def answer_bot(self, chat_id: str, text: str) -> None:
        for message in self._replies("bot", chat_id, text):
            if not self.bot.send_text(chat_id, message):
                break

    def _replies(self, channel: str, user_id: str, text: str) -> list[str]:
        try:
            return self.assistant.reply(channel, user_id, text)
        except Exception:  # noqa: BLE001 - a background task must never die silently
            log.exception("answering a Zalo %s message failed", channel)
            return ["Xin lỗi, hệ thống đang gặp sự cố. Vui lòng thử lại sau."]


def _json(body: bytes) -> Any:
    try:
        return json.loads(body)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise HTTPException(400, "body is not valid JSON") from exc


def add_zalo_routes(app: FastAPI, backend: Any) -> ZaloChannels:
    channels = ZaloChannels(backend)
    settings = backend.settings

    @app.post("/zalo/oa/webhook", tags=["zalo"])
    async def oa_webhook(request: Request, background: BackgroundTasks) -> dict[str, str]:
        if not settings.zalo_oa_secret_key:
            raise HTTPException(503, "Zalo OA is not configured (BCD_ZALO_OA_SECRET_KEY)")
        body = await request.body()
        event = _json(body)
        if not isinstance(event, dict):
            raise HTTPException(400, "event must be a JSON object")
        timestamp = str(event.get("timestamp", ""))
        if not signature_valid(request.headers.get("X-ZEvent-Signature"), settings.zalo_oa_app_id, body,
                               timestamp, settings.zalo_oa_secret_key):
            log.warning("rejected a Zalo OA event: bad or missing X-ZEvent-Signature")
            raise HTTPException(401, "bad or missing X-ZEvent-Signature")
        try:
            age_s = time.time() - int(timestamp) / 1000
        except ValueError as exc:
            raise HTTPException(400, "timestamp must be milliseconds since the epoch") from exc
        if age_s > settings.zalo_max_event_age_s:
            log.warning("rejected a Zalo OA event %.0f s old (replay?)", age_s)
            raise HTTPException(401, "event too old")
        if event.get("event_name") != "user_send_text":
            log.debug("ignored Zalo OA event %s", event.get("event_name"))
            return {"status": "ignored"}
        sender = (event.get("sender") or {}).get("id") if isinstance(event.get("sender"), dict) else None
        message = event.get("message") if isinstance(event.get("message"), dict) else {}
        text, message_id = message.get("text"), message.get("msg_id")
        if not isinstance(sender, str) or not isinstance(text, str) or not message_id:
            raise HTTPException(400, "user_send_text needs sender.id, message.text and message.msg_id")
        if not backend.sessions.first_delivery(f"oa:{message_id}"):
            return {"status": "duplicate"}
        background.add_task(channels.answer_oa, sender, text)
        return {"status": "accepted"}

    @app.post("/zalo/bot/webhook", tags=["zalo"])
    async def bot_webhook(request: Request, background: BackgroundTasks) -> dict[str, Any]:
        if not settings.zalo_bot_token or not settings.zalo_bot_secret_token:
            raise HTTPException(503, "Zalo bot is not configured (BCD_ZALO_BOT_TOKEN, BCD_ZALO_BOT_SECRET_TOKEN)")
        if not secret_valid(request.headers.get(SECRET_HEADER), settings.zalo_bot_secret_token):
            log.warning("rejected a Zalo bot update: bad or missing %s", SECRET_HEADER)
            raise HTTPException(401, f"bad or missing {SECRET_HEADER}")
        accepted = 0
        for message in text_messages(_json(await request.body())):
            if backend.sessions.first_delivery(f"bot:{message['message_id']}"):
                background.add_task(channels.answer_bot, message["chat_id"], message["text"])
                accepted += 1
        return {"status": "accepted", "messages": accepted}

    return channels
