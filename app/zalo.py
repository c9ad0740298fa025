"""What both Zalo integrations share: commands, per-user memory and rate limit, chat-bubble formatting.

Zalo shows plain text only, so an answer becomes its text followed by a short numbered source list, split
into several messages when it exceeds Zalo's length limit — between lines first, then between words, never
inside a word or a source line that fits on its own.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import defaultdict, deque
from typing import Any

from chat.citations import quoted_paragraph, source_name
from chat.service import ChatService, InvalidQuestionError
from app.plain_text import with_sources
from app.sessions import SessionStore, UnknownSessionError
from retrieval.filters import Viewer
from retrieval.question import EmptyQueryError

log = logging.getLogger(__name__)

HELP = ("Trợ lý văn bản Ban Chỉ đạo. Gửi câu hỏi bằng tiếng Việt (có dấu hoặc không dấu), ví dụ: "
        "\"Ai là Trưởng Ban Chỉ đạo tỉnh Nam Định?\"\n"
        "Lệnh:\n/help — hướng dẫn\n/reset — bắt đầu cuộc trò chuyện mới\n"
        "/nguon N — xem toàn văn đoạn trích của nguồn N trong câu trả lời gần nhất")
RATE_LIMITED = "Bạn đã gửi nhiều câu hỏi liên tiếp. Vui lòng đợi khoảng một phút rồi hỏi tiếp nhé."
RESET_DONE = "Đã bắt đầu cuộc trò chuyện mới."
NO_SOURCE = "Không có nguồn số {n} trong câu trả lời gần nhất. Gõ /help để xem hướng dẫn."
# What a user is told instead of the service's own (English, developer-facing) error messages.
QUESTION_EMPTY = "Câu hỏi đang trống. Hãy gửi một câu hỏi bằng tiếng Việt. Gõ /help để xem hướng dẫn."
QUESTION_TOO_LONG = ("Câu hỏi dài {length} ký tự, vượt quá giới hạn {limit} ký tự. "
                     "Vui lòng hỏi ngắn gọn hơn hoặc tách thành nhiều câu hỏi.")
NOTHING_TO_SEARCH = ("Câu hỏi không có từ nào để tra cứu. Hãy gửi câu hỏi bằng chữ, ví dụ: "
                     "\"Ai là Trưởng Ban Chỉ đạo tỉnh Nam Định?\"")
SESSION_EXPIRED = "Cuộc trò chuyện trước đã hết hạn. Vui lòng gửi lại câu hỏi."
QUESTION_NOT_TEXT = ("Câu hỏi có ký tự không đọc được. Vui lòng gõ lại câu hỏi bằng tiếng Việt "
                     "(có dấu hoặc không dấu).")


def split_message(text: str, limit: int) -> list[str]:
    """Pieces of at most `limit` characters, cut between lines, else between words."""
    pieces: list[str] = []
    current = ""
    for line in text.split("\n"):
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) <= limit:
            current = candidate
            continue
        if current:
            pieces.append(current)
        current = ""
        for word in line.split(" "):
            while len(word) > limit:  # a "word" longer than a message (a URL): the only cut inside a word
                if current:
                    pieces.append(current)
                    current = ""
                pieces.append(word[:limit])
                word = word[limit:]
            candidate = f"{current} {word}" if current else word
            if len(candidate) <= limit:
                current = candidate
            else:
                pieces.append(current)
                current = word
    if current.strip():
        pieces.append(current)
    return [p.strip("\n") for p in pieces if p.strip()]


class RateLimiter:
    """At most `per_minute` events per key in any 60-second window."""

    def __init__(self, per_minute: int) -> None:
        self.per_minute = per_minute
        self._events: dict[str, deque[float]] = defaultdict(deque)
        self._lock = threading.Lock()

    def allow(self, key: str) -> bool:
        now = time.monotonic()
        with self._lock:
            events = self._events[key]
            while events and now - events[0] > 60:
                events.popleft()
            if len(events) >= self.per_minute:
                return False
            events.append(now)
            return True


class ZaloAssistant:
    """Turns one user's text into the messages to send back; memory is keyed by the Zalo user id."""

    def __init__(self, service: ChatService, sessions: SessionStore, message_limit: int,
                 rate_limit_per_minute: int, user_groups: dict[str, list[str]] | None = None) -> None:
        self.service, self.sessions = service, sessions
        self.user_groups = user_groups or {}
        self.message_limit = message_limit
        self.limiter = RateLimiter(rate_limit_per_minute)

    def reply(self, channel: str, user_id: str, text: str) -> list[str]:
        session_id = f"zalo-{channel}:{user_id}"
        command = text.strip().split()
        if command and command[0].lower() in ("/help", "/start"):
            return [HELP]
        if command and command[0].lower() == "/reset":
            self.sessions.reset(session_id)
            return [RESET_DONE]
        if command and command[0].lower() == "/nguon":
            return self._source(session_id, command[1] if len(command) > 1 else "")
        if not self.limiter.allow(session_id):
            return [RATE_LIMITED]
        if any("\ud800" <= c <= "\udfff" for c in text):  # not text: neither the sessions nor the service take it
            return [QUESTION_NOT_TEXT]
        self.sessions.ensure(session_id)
        try:
            history = self.sessions.history(session_id)
            viewer = Viewer(frozenset(self.user_groups.get(user_id, [])))
            result = self.service.answer(text, history=history, viewer=viewer)
        except InvalidQuestionError:
            return [self._rejected(text)]
        except EmptyQueryError:
            return [NOTHING_TO_SEARCH]
        except UnknownSessionError:
            return [SESSION_EXPIRED]
        citations = [c.to_dict() for c in result.citations]
        self.sessions.append(session_id, result.question, result.answer)
        self.sessions.set_last_citations(session_id, citations)
        return split_message(with_sources(result.answer, citations), self.message_limit)

    def _rejected(self, text: str) -> str:
        """Why the service would not take `text`, in Vietnamese (its own messages are for developers)."""
        length, limit = len(" ".join(text.split())), self.service.settings.max_question_chars
        if length > limit:
            return QUESTION_TOO_LONG.format(length=length, limit=limit)
        if not any(c.isprintable() and not c.isspace() for c in text):
            return QUESTION_EMPTY
        return QUESTION_NOT_TEXT

    def _source(self, session_id: str, number: str) -> list[str]:
        citations = {str(c["n"]): c for c in self.sessions.last_citations(session_id)}
        citation = citations.get(number.strip("[]"))
        if citation is None:
            return [NO_SOURCE.format(n=number or "?")]
        found = quoted_paragraph(self.service.settings.data_dir / "documents", citation)
        passage = citation["quote"] if found is None else found.before + found.quote + found.after
        text = f"[{citation['n']}] {source_name(citation)}\n\n{passage}\n\n{_origin(citation)}".rstrip()
        return split_message(text, self.message_limit)


def _origin(citation: dict[str, Any]) -> str:
    """Where a source comes from, as a user may see it: its URL, else its file's name (never a server path)."""
    if citation.get("url"):
        return f"Nguồn gốc: {citation['url']}"
    name = str(citation.get("source") or "").replace("\\", "/").rstrip("/").rsplit("/", 1)[-1]
    return f"Tệp: {name}" if name else ""
