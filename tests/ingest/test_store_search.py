"""Dense search in the store (ingest/store.py) finds the true nearest chunks, the same in every process: the
fused scores and, through them, answers depend on the whole candidate list, its last places included."""

from pathlib import Path

import numpy as np

from bcd.settings import Settings
from ingest.store import ChunkStore


def _filled(settings: Settings, vectors: np.ndarray) -> ChunkStore:
    store = ChunkStore(settings, "test")
    ids = [f"d{i // 10}#{i % 10}" for i in range(len(vectors))]
    store.upsert(ids, [f"đoạn {i}" for i in range(len(vectors))], vectors.tolist(),
                 [{"doc_id": f"d{i // 10}", "chunk_index": i % 10} for i in range(len(vectors))])
    return store


def test_the_dense_candidates_are_the_exact_nearest_chunks(tmp_path: Path) -> None:
    rng = np.random.default_rng(7)
    vectors = rng.normal(size=(400, 24)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    store = _filled(Settings(data_dir=tmp_path / "data"), vectors)
    for query in rng.normal(size=(15, 24)).astype(np.float32):
        query /= np.linalg.norm(query)
        found = [cid for cid, _ in store.query(query.tolist(), 50)]
        exact = np.argsort(-(vectors @ query), kind="stable")[:50]
        assert found == [f"d{i // 10}#{i % 10}" for i in exact]


def test_an_index_opened_with_another_search_breadth_is_given_the_configured_one(tmp_path: Path) -> None:
    data = tmp_path / "data"
    _filled(Settings(data_dir=data, dense_search_ef=20), np.eye(30, dtype=np.float32))
    reopened = ChunkStore(Settings(data_dir=data, dense_search_ef=300), "test")
    assert reopened.collection.configuration["hnsw"]["ef_search"] == 300
    assert reopened.count() == 30  # its chunks stay
