"""Ingest jobs, kept in SQLite beside the sessions (`data/app.sqlite3`) so that a job outlives its process.

A job records its uploaded files in order and how many are done. A server killed mid-job leaves it
`queued` or `running`; the next server to start on the data directory resumes it under the same id with the
files not yet done (the one being ingested at the kill is ingested again: ingest is idempotent). While a
process owns a job it holds the job's lock file (`flock`, released by the kernel when the process dies), so a
second worker starting on the same data directory leaves a live job alone. When a job ends, done or failed,
its uploaded files are deleted.
"""

from __future__ import annotations

import fcntl
import json
import sqlite3
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

_SCHEMA = """
CREATE TABLE IF NOT EXISTS jobs (
    id TEXT PRIMARY KEY, created_at REAL NOT NULL, status TEXT NOT NULL, files TEXT NOT NULL,
    done INTEGER NOT NULL, total INTEGER NOT NULL, current TEXT NOT NULL, report TEXT NOT NULL,
    error TEXT NOT NULL, stored TEXT NOT NULL, groups TEXT NOT NULL, replace_existing INTEGER NOT NULL);
"""
UNFINISHED = ("queued", "running")
FINISHED_KEPT_S = 30 * 24 * 3600
ORPHAN_AGE_S = 3600  # an upload no job names, older than this, was left by a killed request


@dataclass
class Job:
    id: str
    files: list[str]
    status: str = "queued"  # queued | running | done | failed
    done: int = 0
    total: int = 0
    current: str = ""
    report: dict[str, Any] = field(default_factory=dict)
    error: str = ""
    created_at: float = field(default_factory=time.time)
    # what the job ingests (not shown): (name under the uploads folder, the user's file name), its groups
    stored: list[tuple[str, str]] = field(default_factory=list, repr=False)
    groups: list[str] = field(default_factory=list, repr=False)
    replace: bool = field(default=False, repr=False)

    _PUBLIC = ("id", "files", "status", "done", "total", "current", "report", "error", "created_at")

    def public(self) -> dict[str, Any]:
        return {key: getattr(self, key) for key in self._PUBLIC}

    @property
    def finished(self) -> bool:
        return self.status not in UNFINISHED


class JobStore:
    """The jobs of one data directory; `uploads` is the folder their files are stored in."""

    def __init__(self, path: Path, uploads: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path, self.uploads = path, uploads
        self._locks = path.parent / "jobs"  # one lock file per job a live process owns
        self._claims: dict[str, IO[str]] = {}
        self._lock = threading.Lock()
        with self._connect() as db:
            db.executescript(_SCHEMA)
            db.execute("DELETE FROM jobs WHERE status NOT IN (?, ?) AND created_at < ?",
                       (*UNFINISHED, time.time() - FINISHED_KEPT_S))

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        db = sqlite3.connect(self.path, timeout=30)
        try:
            yield db
            db.commit()
        finally:
            db.close()

    def create(self, stored: list[tuple[Path, str]], groups: list[str], replace: bool) -> Job:
        """A queued job over files already stored under the uploads folder, owned by this process."""
        job = Job(uuid.uuid4().hex, [label for _, label in stored], total=len(stored),
                  stored=[(path.name, label) for path, label in stored], groups=groups, replace=replace)
        if not self._claim(job.id):
            raise RuntimeError(f"job {job.id} is locked by another process")
        with self._connect() as db:
            db.execute("INSERT INTO jobs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                       (job.id, job.created_at, job.status, json.dumps(job.files, ensure_ascii=False), job.done,
                        job.total, job.current, json.dumps(job.report, ensure_ascii=False), job.error,
                        json.dumps(job.stored, ensure_ascii=False), json.dumps(groups), int(replace)))
        return job

    def get(self, job_id: str) -> Job | None:
        with self._connect() as db:
            row = db.execute("SELECT id, files, status, done, total, current, report, error, created_at, stored, "
                             "groups, replace_existing FROM jobs WHERE id = ?", (job_id,)).fetchone()
        if row is None:
            return None
        files, report, stored, groups = (json.loads(row[i]) for i in (1, 6, 9, 10))
        return Job(row[0], files, row[2], row[3], row[4], row[5], report, row[7], row[8],
                   [tuple(pair) for pair in stored], groups, bool(row[11]))

    def save(self, job: Job) -> None:
        """Record a job's progress; a finished job's files are deleted and its lock released."""
        with self._connect() as db:
            db.execute("UPDATE jobs SET status = ?, done = ?, total = ?, current = ?, report = ?, error = ? "
                       "WHERE id = ?", (job.status, job.done, job.total, job.current,
                                        json.dumps(job.report, ensure_ascii=False), job.error, job.id))
        if job.finished:
            for name, _ in job.stored:
                (self.uploads / name).unlink(missing_ok=True)
            self._release(job.id)

    def paths(self, job: Job) -> list[tuple[Path, str]]:
        """The files a job has still to ingest, each with the user's name for it."""
        return [(self.uploads / name, label) for name, label in job.stored[job.done:]]

    def resumable(self) -> list[Job]:
        """Unfinished jobs no live process owns, now owned by this one (oldest first); also deletes uploads
        that no unfinished job names and that are older than ORPHAN_AGE_S."""
        with self._connect() as db:
            ids = [row[0] for row in db.execute("SELECT id FROM jobs WHERE status IN (?, ?) ORDER BY created_at",
                                                UNFINISHED)]
        jobs = []
        for job_id in ids:
            if not self._claim(job_id):
                continue  # another worker is running it
            job = self.get(job_id)
            if job is None or job.finished:  # it ended between the query and the claim
                self._release(job_id)
                continue
            jobs.append(job)
        self._sweep()
        return jobs

    def _sweep(self) -> None:
        with self._connect() as db:
            named = {name for (stored,) in db.execute("SELECT stored FROM jobs WHERE status IN (?, ?)", UNFINISHED)
                     for name, _ in json.loads(stored)}
        if not self.uploads.is_dir():
            return
        for path in self.uploads.iterdir():
            if path.is_file() and path.name not in named and time.time() - path.stat().st_mtime > ORPHAN_AGE_S:
                path.unlink(missing_ok=True)

    def _claim(self, job_id: str) -> bool:
        self._locks.mkdir(parents=True, exist_ok=True)
        handle = (self._locks / f"{job_id}.lock").open("a")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.close()
            return False
        with self._lock:
            self._claims[job_id] = handle
        return True

    def _release(self, job_id: str) -> None:
        with self._lock:
            handle = self._claims.pop(job_id, None)
        if handle is not None:
            (self._locks / f"{job_id}.lock").unlink(missing_ok=True)
            handle.close()
