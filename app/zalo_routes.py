"""Webhook routes for both Zalo integrations.

Zalo redelivers an event for hours when its webhook does not answer 200 within 2 s, so a webhook only admits
the event and acknowledges it; answering happens elsewhere:

- Admission (JSON parsing, the signature check) runs in a thread of its own, never on the event loop and
  never behind the requests of other routes; it touches no disk.
- Answering runs in `BCD_ZALO_WORKERS` threads fed by a queue of at most `BCD_ZALO_QUEUE_SIZE` messages.
  A worker first records the message id in SQLite (`first_delivery`: a committed write, 15-30 ms with its
  fsync here, which 100 events in a row made into seconds of acknowledgement) and skips a message whose id
  it has seen: a redelivered message is acknowledged and not answered again.
- When that queue is full the event is still acknowledged (status "busy", a warning in the log) and its
  sender is told in Vietnamese, by a thread of its own, to ask again in a few minutes; if even those notices
  pile up past the same bound, the notice is dropped with a warning. The message itself is not answered
  later: a question answered many minutes late, after the user has moved on, helps nobody.
- Messages still queued when the process stops are not answered (Zalo has had its 200).
"""

from __future__ import annotations

import asyncio
import json
import logging
import threading
import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from functools import cached_property
from typing import Any

from fastapi import FastAPI, HTTPException, Request

from app.zalo import ZaloAssistant
from app.zalo_bot import SECRET_HEADER, ZaloBotClient, secret_valid, text_messages
from app.zalo_oa import ZaloOAClient, signature_valid

log = logging.getLogger(__name__)

BUSY = ("Hệ thống đang nhận quá nhiều câu hỏi cùng lúc nên chưa thể trả lời câu hỏi vừa gửi. "
        "Xin lỗi vì sự bất tiện, vui lòng gửi lại câu hỏi sau vài phút.")
ADMISSION_THREADS = 1  # one: events are queued in the order they came


class BoundedWorkers:
    """`workers` threads running jobs from a queue of at most `size`; `submit` says False when it is full.
    Threads start with the first job, so a server without Zalo configured runs none."""

    def __init__(self, name: str, workers: int, size: int) -> None:
        self.name, self.workers, self.size = name, workers, size
        self._jobs: deque[Callable[[], None]] = deque()
        self._ready = threading.Condition()
        self._started = False

    def submit(self, job: Callable[[], None]) -> bool:
        with self._ready:
            if len(self._jobs) >= self.size:
                return False
            self._jobs.append(job)
            self._ready.notify()
            if not self._started:
                self._started = True
                for i in range(self.workers):
                    threading.Thread(target=self._work, name=f"{self.name}-{i}", daemon=True).start()
        return True

    def pending(self) -> int:
        with self._ready:
            return len(self._jobs)

    def _work(self) -> None:
        while True:
            with self._ready:
                while not self._jobs:
                    self._ready.wait()
                job = self._jobs.popleft()
            try:
                job()
            except Exception:  # noqa: BLE001 - a worker must outlive any one job
                log.exception("a %s job failed", self.name)


class ZaloChannels:
    def __init__(self, backend: Any) -> None:
        self.backend = backend
        self.settings = backend.settings
        self.assistant = ZaloAssistant(backend.service, backend.sessions, self.settings.zalo_message_limit,
                                       self.settings.zalo_rate_limit_per_minute, self.settings.zalo_user_groups)
        self.answers = BoundedWorkers("zalo-answer", self.settings.zalo_workers, self.settings.zalo_queue_size)
        self.notices = BoundedWorkers("zalo-notice", 1, self.settings.zalo_queue_size)
        self._admission = ThreadPoolExecutor(ADMISSION_THREADS, thread_name_prefix="zalo-admit")
        self._user_locks = [threading.Lock() for _ in range(64)]

    @cached_property
    def oa(self) -> ZaloOAClient:
        return ZaloOAClient(self.settings)

    @cached_property
    def bot(self) -> ZaloBotClient:
        return ZaloBotClient(self.settings)

    async def admit(self, check: Callable[[], Any]) -> Any:
        """Run an admission check in the admission thread: its parsing never blocks the loop."""
        return await asyncio.get_running_loop().run_in_executor(self._admission, check)

    def enqueue(self, channel: str, message_id: str, user_id: str, text: str) -> bool:
        """Queue the answer to one message; when the queue is full, queue a "busy" notice instead (False)."""
        if self.answers.submit(lambda: self.answer(channel, message_id, user_id, text)):
            return True
        log.warning("Zalo %s answer queue full (%d waiting): %s is told to ask again later", channel,
                    self.answers.size, user_id)
        if not self.notices.submit(lambda: self.notify_busy(channel, message_id, user_id)):
            log.warning("Zalo %s busy notices full too: the message of %s is dropped", channel, user_id)
        return False

    def first_delivery(self, channel: str, message_id: str) -> bool:
        if self.backend.sessions.first_delivery(f"{channel}:{message_id}"):
            return True
        log.info("Zalo %s message %s was delivered before: not answered again", channel, message_id)
        return False

    def send(self, channel: str, user_id: str, text: str) -> bool:
        return (self.oa if channel == "oa" else self.bot).send_text(user_id, text)

    def notify_busy(self, channel: str, message_id: str, user_id: str) -> None:
        if self.first_delivery(channel, message_id):
            self.send(channel, user_id, BUSY)

    def answer(self, channel: str, message_id: str, user_id: str, text: str) -> None:
        """Answer one message unless it is a redelivery; one user's messages are answered one at a time (their
        conversation memory)."""
        if not self.first_delivery(channel, message_id):
            return
        with self._user_locks[hash((channel, user_id)) % len(self._user_locks)]:
            for message in self._replies(channel, user_id, text):
                if not self.send(channel, user_id, message):
                    break

    def _replies(self, channel: str, user_id: str, text: str) -> list[str]:
        try:
            return self.assistant.reply(channel, user_id, text)
        except Exception:  # noqa: BLE001 - a background task must never die silently
            log.exception("answering a Zalo %s message failed", channel)
            return ["Xin lỗi, hệ thống đang gặp sự cố. Vui lòng thử lại sau."]

    def admit_oa(self, body: bytes, signature: str | None) -> dict[str, str]:
        """Check one OA event (raises HTTPException) and queue its answer; the acknowledgement's body."""
        settings = self.settings
        event = _json(body)
        if not isinstance(event, dict):
            raise HTTPException(400, "event must be a JSON object")
        timestamp = str(event.get("timestamp", ""))
        if not signature_valid(signature, settings.zalo_oa_app_id, body, timestamp, settings.zalo_oa_secret_key):
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
        return {"status": "accepted" if self.enqueue("oa", str(message_id), sender, text) else "busy"}

    def admit_bot(self, body: bytes) -> dict[str, Any]:
        """Queue the answers to the text messages of one bot update; the acknowledgement's body."""
        messages = text_messages(_json(body))
        queued = sum(self.enqueue("bot", m["message_id"], m["chat_id"], m["text"]) for m in messages)
        return {"status": "accepted" if queued == len(messages) else "busy", "messages": queued,
                "busy": len(messages) - queued}


def _json(body: bytes) -> Any:
    try:
        return json.loads(body)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise HTTPException(400, "body is not valid JSON") from exc


def add_zalo_routes(app: FastAPI, backend: Any) -> ZaloChannels:
    channels = ZaloChannels(backend)
    settings = backend.settings

    @app.post("/zalo/oa/webhook", tags=["zalo"])
    async def oa_webhook(request: Request) -> dict[str, str]:
        if not settings.zalo_oa_secret_key:
            raise HTTPException(503, "Zalo OA is not configured (BCD_ZALO_OA_SECRET_KEY)")
        body = await request.body()
        signature = request.headers.get("X-ZEvent-Signature")
        return await channels.admit(lambda: channels.admit_oa(body, signature))

    @app.post("/zalo/bot/webhook", tags=["zalo"])
    async def bot_webhook(request: Request) -> dict[str, Any]:
        if not settings.zalo_bot_token or not settings.zalo_bot_secret_token:
            raise HTTPException(503, "Zalo bot is not configured (BCD_ZALO_BOT_TOKEN, BCD_ZALO_BOT_SECRET_TOKEN)")
        if not secret_valid(request.headers.get(SECRET_HEADER), settings.zalo_bot_secret_token):
            log.warning("rejected a Zalo bot update: bad or missing %s", SECRET_HEADER)
            raise HTTPException(401, f"bad or missing {SECRET_HEADER}")
        body = await request.body()
        return await channels.admit(lambda: channels.admit_bot(body))

    return channels
