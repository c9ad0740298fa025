"""SIGKILL `bcd ingest` at several points while it ingests a folder, run it again: the index ends with
exactly the folder's chunks (none lost, none duplicated, no stale ones), with embedded Chroma and with a
Chroma server."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bcd.settings import Settings
from eval.bench.generated import generate
from ingest.chunk import chunk_document
from ingest.clean import clean
from ingest.embed import embedder_name, get_embeddings
from ingest.pipeline import slugify
from ingest.store import ChunkStore
from tests.ingest.test_chroma_server import ChromaServer

KILL_AFTER_DOCUMENTS = (1, 4, 7)


def expected_ids(folder: Path, settings: Settings) -> set[str]:
    ids = set()
    for path in sorted(folder.glob("*.txt")):
        text = clean(path.read_text(encoding="utf-8")).text
        ids |= {c.chunk_id for c in chunk_document(slugify(path.stem), text, settings.chunk_size,
                                                   settings.chunk_overlap)}
    return ids


def ingest_process(folder: Path, env: dict[str, str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "app.cli", "ingest", str(folder)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def kill_when(process: subprocess.Popen[bytes], documents_dir: Path, count: int) -> bool:
    """SIGKILL once `count` documents have started being written; False if it finished first."""
    deadline = time.time() + 240
    while time.time() < deadline and process.poll() is None:
        if documents_dir.exists() and len(list(documents_dir.glob("*.txt"))) >= count:
            os.kill(process.pid, signal.SIGKILL)
            process.wait()
            return True
        time.sleep(0.05)
    process.wait()
    return False


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("kill") / "docs"
    generate(target, 10, seed=7)
    return target


@pytest.mark.parametrize("server_mode", [False, True], ids=["embedded", "chroma-server"])
def test_kill_at_several_points_then_rerun(folder: Path, tmp_path: Path, server_mode: bool) -> None:
    chroma = ChromaServer(tmp_path / "chroma-server").start() if server_mode else None
    try:
        data_dir = tmp_path / "data"
        env = {**os.environ, "BCD_DATA_DIR": str(data_dir)}
        settings = Settings(data_dir=data_dir, chroma_url=chroma.url if chroma else "")
        if chroma:
            env["BCD_CHROMA_URL"] = chroma.url
        for count in KILL_AFTER_DOCUMENTS:  # each rerun resumes; every planned kill must land mid-run
            assert kill_when(ingest_process(folder, env), data_dir / "documents", count), \
                f"the ingest finished before the kill planned after {count} documents"
        final = ingest_process(folder, env)
        assert final.wait(timeout=300) == 0
        store = ChunkStore(settings, embedder_name(get_embeddings(settings)))
        stored = store.collection.get(include=[])["ids"]
        expected = expected_ids(folder, settings)
        assert len(stored) == len(set(stored)) == len(expected)
        assert set(stored) == expected
        assert len(store.documents()) == 10
    finally:
        if chroma:
            chroma.stop()
