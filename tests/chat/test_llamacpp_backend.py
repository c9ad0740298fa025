"""The llamacpp backend's wiring with a real llama.cpp and a tiny GGUF written by the test (random weights).

The tiny model writes gibberish: that exercises loading, streaming, token counting and the grounding check
that must keep gibberish away from users. Answer quality with a real model is measured by `bcd eval
--generator llamacpp` (README), not here.
"""

from pathlib import Path

import httpx
import pytest

from bcd.settings import Settings
from chat.generators.base import GeneratorError, Passage
from chat.generators.llamacpp import LlamaCppGenerator
from chat.service import ChatService
from tests.fakes.tiny_gguf import write_tiny_gguf
from tests.questions import LAO_CAI_STATIONS, NAM_DINH_HEAD


@pytest.fixture(scope="module")
def tiny_gguf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_tiny_gguf(tmp_path_factory.mktemp("gguf") / "tiny.gguf")


def test_missing_or_broken_model_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(GeneratorError, match="BCD_LLAMACPP_MODEL_PATH"):
        LlamaCppGenerator(str(tmp_path / "absent.gguf"))
    broken = tmp_path / "broken.gguf"
    broken.write_bytes(b"GGUF" + b"\0" * 64)
    with pytest.raises(GeneratorError, match="could not load"):
        LlamaCppGenerator(str(broken))


def test_streams_tokens_and_counts_them(tiny_gguf: Path, retriever) -> None:
    generator = LlamaCppGenerator(str(tiny_gguf), n_ctx=8192, max_tokens=24)
    hits = retriever.search(NAM_DINH_HEAD, k=2)
    pieces = list(generator.stream(NAM_DINH_HEAD, [Passage(1, hits[0])], []))
    assert len(pieces) > 1 and all(isinstance(p, str) for p in pieces)
    assert 0 < generator.stats.tokens <= 24 and generator.stats.seconds > 0


def test_gibberish_never_reaches_the_user(tiny_gguf: Path, indexed_settings: Settings, retriever) -> None:
    settings = indexed_settings.model_copy(update={
        "generator": "llamacpp", "llamacpp_model_path": str(tiny_gguf), "llamacpp_n_ctx": 8192,
        "llm_max_tokens": 48})
    service = ChatService(settings, retriever=retriever)
    shown: list[str] = []
    result = service.answer(LAO_CAI_STATIONS, on_text=shown.append)
    assert service.generator.name == "llamacpp" and service.generator.stats.tokens > 0
    assert result.generator == "extractive" and "4.607" in result.answer and result.notes
    assert "".join(shown) == result.answer  # what streamed is exactly the checked answer


def test_served_api_streams_with_the_llamacpp_backend(tiny_gguf: Path, indexed_settings: Settings,
                                                      tmp_path: Path) -> None:
    import shutil

    from tests.conftest import Server

    shutil.copytree(indexed_settings.data_dir, tmp_path / "data")
    server = Server(tmp_path / "data", BCD_GENERATOR="llamacpp", BCD_LLAMACPP_MODEL_PATH=str(tiny_gguf),
                    BCD_LLAMACPP_N_CTX="8192", BCD_LLM_MAX_TOKENS="32").start()
    try:
        health = httpx.get(f"{server.url}/health", timeout=10).json()
        with httpx.stream("POST", f"{server.url}/api/chat/stream", timeout=120,
                          json={"message": LAO_CAI_STATIONS}) as response:
            body = "".join(response.iter_text())
    finally:
        server.stop()
    assert health["generator"] == "llamacpp"
    events = [line.split(": ", 1)[1] for line in body.splitlines() if line.startswith("event: ")]
    assert events[0] == "token" and events[-2:] == ["citations", "done"]
    assert "4.607" in body
