"""Conversation memory and answer feedback, kept in one SQLite file so they survive a restart.

Sessions are bounded (only the last `max_turns` turns are kept) and expire after `ttl_s` of inactivity.
Several worker processes may share the file: it is in WAL mode, and each write is one transaction that takes
SQLite's write lock before it reads (BEGIN IMMEDIATE), so two workers appending to one session, or creating
one Zalo user's session at once, cannot both act on the same stale read.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from chat.generators.base import Turn

_SCHEMA = """
CREATE TABLE IF NOT EXISTS sessions (id TEXT PRIMARY KEY, updated_at REAL NOT NULL);
CREATE TABLE IF NOT EXISTS turns (
    session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    position INTEGER NOT NULL, role TEXT NOT NULL, content TEXT NOT NULL,
    PRIMARY KEY (session_id, position));
CREATE TABLE IF NOT EXISTS last_answers (session_id TEXT PRIMARY KEY, citations TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS processed_messages (message_id TEXT PRIMARY KEY, received_at REAL NOT NULL);
CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY AUTOINCREMENT, created_at REAL NOT NULL, session_id TEXT, rating INTEGER NOT NULL,
    question TEXT NOT NULL, answer TEXT NOT NULL, citations TEXT NOT NULL, comment TEXT NOT NULL DEFAULT '');
"""


PURGE_EVERY_S = 60.0
MESSAGE_IDS_KEPT_S = 7 * 24 * 3600  # Zalo redelivers within minutes; a week of ids is plenty


class UnknownSessionError(KeyError):
    """A session id that does not exist or has expired."""


class SessionStore:
    def __init__(self, path: Path, max_turns: int = 20, ttl_s: float = 24 * 3600) -> None:
        if max_turns <= 0 or ttl_s <= 0:
            raise ValueError("max_turns and ttl_s must be > 0")
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path, self.max_turns, self.ttl_s = path, max_turns, ttl_s
        self._lock = threading.Lock()
        self._last_purge = time.time()
        db = sqlite3.connect(self.path, timeout=30)
        try:
            db.execute("PRAGMA journal_mode = WAL")  # readers never wait for a writer in another worker
            db.executescript(_SCHEMA)
        finally:
            db.close()

    @contextmanager
    def _connect(self, write: bool = True) -> Iterator[sqlite3.Connection]:
        """One transaction: a write holds the database's write lock from its first statement, a read sees
        one snapshot. Other processes wait (up to 30 s) rather than fail."""
        with self._lock:
            db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
            try:
                db.execute("PRAGMA foreign_keys = ON")
                db.execute("BEGIN IMMEDIATE" if write else "BEGIN")
                try:
                    yield db
                except BaseException:
                    db.execute("ROLLBACK")
                    raise
                db.execute("COMMIT")
            finally:
                db.close()

    def create(self) -> str:
        if time.time() - self._last_purge > PURGE_EVERY_S:  # expired sessions go without a cron job
            self._last_purge = time.time()
            self.purge_expired()
        session_id = uuid.uuid4().hex
        with self._connect() as db:
            db.execute("INSERT INTO sessions (id, updated_at) VALUES (?, ?)", (session_id, time.time()))
        return session_id

    def ensure(self, session_id: str) -> None:
        """Create a session with a chosen id (a Zalo user's) unless it exists and is fresh."""
        with self._connect() as db:
            row = db.execute("SELECT updated_at FROM sessions WHERE id = ?", (session_id,)).fetchone()
            if row is not None and time.time() - row[0] > self.ttl_s:
                db.execute("DELETE FROM sessions WHERE id = ?", (session_id,))
                row = None
            if row is None:
                db.execute("INSERT INTO sessions (id, updated_at) VALUES (?, ?)", (session_id, time.time()))

    def reset(self, session_id: str) -> None:
        with self._connect() as db:
            db.execute("DELETE FROM sessions WHERE id = ?", (session_id,))
            db.execute("DELETE FROM last_answers WHERE session_id = ?", (session_id,))

    def set_last_citations(self, session_id: str, citations: list[dict[str, Any]]) -> None:
        with self._connect() as db:
            db.execute("INSERT OR REPLACE INTO last_answers VALUES (?, ?)",
                       (session_id, json.dumps(citations, ensure_ascii=False)))

    def last_citations(self, session_id: str) -> list[dict[str, Any]]:
        with self._connect(write=False) as db:
            row = db.execute("SELECT citations FROM last_answers WHERE session_id = ?", (session_id,)).fetchone()
        return json.loads(row[0]) if row else []

    def first_delivery(self, message_id: str) -> bool:
        """True the first time a message id is seen, False for a redelivery (Zalo retries webhooks)."""
        with self._connect() as db:
            cursor = db.execute("INSERT OR IGNORE INTO processed_messages VALUES (?, ?)", (message_id, time.time()))
            return cursor.rowcount == 1

    def history(self, session_id: str) -> list[Turn]:
        """The session's turns, oldest first; raises `UnknownSessionError` if unknown or expired."""
        with self._connect(write=False) as db:
            row = db.execute("SELECT updated_at FROM sessions WHERE id = ?", (session_id,)).fetchone()
            if row is None or time.time() - row[0] > self.ttl_s:
                raise UnknownSessionError(session_id)
            rows = db.execute("SELECT role, content FROM turns WHERE session_id = ? ORDER BY position",
                              (session_id,)).fetchall()
        return [Turn(role, content) for role, content in rows]

    def append(self, session_id: str, question: str, answer: str) -> None:
        with self._connect() as db:
            last = db.execute("SELECT COALESCE(MAX(position), -1) FROM turns WHERE session_id = ?",
                              (session_id,)).fetchone()[0]
            db.executemany("INSERT INTO turns VALUES (?, ?, ?, ?)",
                           [(session_id, last + 1, "user", question), (session_id, last + 2, "assistant", answer)])
            db.execute("DELETE FROM turns WHERE session_id = ? AND position <= ?",
                       (session_id, last + 2 - self.max_turns))
            db.execute("UPDATE sessions SET updated_at = ? WHERE id = ?", (time.time(), session_id))

    def purge_expired(self) -> int:
        """Delete expired sessions (their turns follow) and old de-duplication ids; returns sessions deleted."""
        with self._connect() as db:
            cursor = db.execute("DELETE FROM sessions WHERE updated_at < ?", (time.time() - self.ttl_s,))
            db.execute("DELETE FROM last_answers WHERE session_id NOT IN (SELECT id FROM sessions)")
            db.execute("DELETE FROM processed_messages WHERE received_at < ?", (time.time() - MESSAGE_IDS_KEPT_S,))
            return cursor.rowcount

    def add_feedback(self, rating: int, question: str, answer: str, citations: list[dict[str, Any]],
                     session_id: str | None = None, comment: str = "") -> int:
        if rating not in (-1, 1):
            raise ValueError("rating must be 1 (useful) or -1 (not useful)")
        with self._connect() as db:
            cursor = db.execute(
                "INSERT INTO feedback (created_at, session_id, rating, question, answer, citations, comment) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (time.time(), session_id, rating, question, answer, json.dumps(citations, ensure_ascii=False),
                 comment))
            return int(cursor.lastrowid or 0)

    def feedback(self) -> list[dict[str, Any]]:
        with self._connect(write=False) as db:
            rows = db.execute("SELECT id, created_at, session_id, rating, question, answer, citations, comment "
                              "FROM feedback ORDER BY id").fetchall()
        keys = ("id", "created_at", "session_id", "rating", "question", "answer", "citations", "comment")
        return [{**dict(zip(keys, row)), "citations": json.loads(row[6])} for row in rows]
