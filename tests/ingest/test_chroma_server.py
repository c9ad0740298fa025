"""Server mode: the same ingest and retrieval against a real `chroma run` server on loopback."""

import shutil
from pathlib import Path

import httpx
import pytest

from bcd.settings import Settings
from ingest.pipeline import Ingestor
from ingest.store import StoreUnavailableError, connect
from retrieval.hybrid import HybridRetriever
from tests.conftest import BackgroundServer, _free_port
from tests.questions import NAM_DINH_HEAD

DOCS = ["nam-dinh-ban-chi-dao-hop-phien-dau-tien.txt", "lao-cai-hoi-nghi-don-doc-nhiem-vu-trong-tam-2025.txt"]


class ChromaServer(BackgroundServer):
    """`chroma run` from the chromadb package; restarts keep the same port and path."""

    def __init__(self, path: Path) -> None:
        self.path, self.port = path, _free_port()
        self.url = f"http://127.0.0.1:{self.port}"

    def start(self) -> "ChromaServer":
        chroma = shutil.which("chroma")
        assert chroma, "the chromadb package's `chroma` command is missing"
        self.launch([chroma, "run", "--path", str(self.path), "--host", "127.0.0.1", "--port", str(self.port)],
                    self.path.parent / "chroma.log", f"{self.url}/api/v2/heartbeat", 60)
        return self


@pytest.fixture()
def chroma(tmp_path: Path):
    server = ChromaServer(tmp_path / "chroma-server").start()
    yield server
    server.stop()


def test_ingest_search_delete_and_restart(chroma, tmp_path: Path, corpus_dir: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    for name in DOCS:
        shutil.copy(corpus_dir / name, folder / name)
    settings = Settings(data_dir=tmp_path / "data", chroma_url=chroma.url)
    ingestor = Ingestor(settings)
    report = ingestor.ingest([folder], progress=False)
    assert len(report.added) == 2 and not (settings.data_dir / "chroma").exists()  # vectors live in the server
    count = ingestor.store.count()
    assert ingestor.ingest([folder], progress=False).chunks_written == 0 and ingestor.store.count() == count

    retriever = HybridRetriever(settings, embeddings=ingestor.embeddings, store=ingestor.store)
    top = " ".join(h.text for h in retriever.search("Trưởng Ban Chỉ đạo tỉnh Nam Định", k=3))
    assert "Đặng Khánh Toàn" in top
    removed = ingestor.delete("nam-dinh-ban-chi-dao-hop-phien-dau-tien")
    assert removed > 0

    chroma.stop()
    chroma.start()
    reopened = HybridRetriever(settings)  # a new process would do the same: lexical index rebuilt from the server
    assert reopened.size == count - removed
    assert {h.doc_id for h in reopened.search("Lào Cai trạm thu phát sóng", k=5)} == {
        "lao-cai-hoi-nghi-don-doc-nhiem-vu-trong-tam-2025"}
    for mode in ("dense", "lexical"):
        assert all(h.doc_id != "nam-dinh-ban-chi-dao-hop-phien-dau-tien"
                   for h in reopened.search("Đặng Khánh Toàn", k=10, mode=mode))


def test_unreachable_server_is_a_clear_error(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, chroma_url=f"http://127.0.0.1:{_free_port()}")
    with pytest.raises(StoreUnavailableError, match="cannot reach the Chroma server"):
        connect(settings)
    with pytest.raises(ValueError, match="BCD_CHROMA_URL"):
        connect(Settings(data_dir=tmp_path, chroma_url="localhost:8000"))


def test_api_answers_503_while_the_server_is_away_and_recovers(chroma, tmp_path: Path, corpus_dir: Path) -> None:
    from tests.conftest import Server

    settings = Settings(data_dir=tmp_path / "data", chroma_url=chroma.url)
    Ingestor(settings).ingest([corpus_dir / DOCS[0]], progress=False)
    api = Server(settings.data_dir, BCD_CHROMA_URL=chroma.url).start()
    try:
        question = {"message": NAM_DINH_HEAD}
        assert "Đặng Khánh Toàn" in httpx.post(f"{api.url}/api/chat", json=question, timeout=60).json()["answer"]
        chroma.stop()
        down = httpx.post(f"{api.url}/api/chat", json=question, timeout=60)
        assert down.status_code == 503 and "unavailable" in down.text and down.headers["Retry-After"] == "5"
        chroma.start()
        back = httpx.post(f"{api.url}/api/chat", json=question, timeout=60)
        assert back.status_code == 200 and "Đặng Khánh Toàn" in back.json()["answer"]
    finally:
        api.stop()
