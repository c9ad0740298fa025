"""The persisted BM25 index: always the one the store's chunks give, loaded instead of rebuilt when it is.

A small hashing embedder stands in for the model (these tests are about the lexical side, and it makes each
ingest take milliseconds); everything else is the real pipeline, store and retriever.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from langchain_core.embeddings import Embeddings

from bcd.settings import Settings
from ingest.pipeline import Ingestor
from retrieval.hybrid import HybridRetriever
from tests.conftest import REPO
from tests.questions import NAM_DINH_HEAD

QUESTIONS = [NAM_DINH_HEAD, "trạm thu phát sóng", "truong ban chi dao",
             "kinh phí khoa học công nghệ", "Nghị quyết 57-NQ/TW"]


class HashingEmbeddings(Embeddings):
    name = "test/hashing"

    def _vector(self, text: str) -> list[float]:
        seed = int.from_bytes(hashlib.sha256(text.encode()).digest()[:4], "little")
        v = np.random.default_rng(seed).standard_normal(16)
        return (v / np.linalg.norm(v)).tolist()

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return [self._vector(t) for t in texts]

    def embed_query(self, text: str) -> list[float]:
        return self._vector(text)


def retriever(data_dir: Path, cache: bool = True) -> HybridRetriever:
    return HybridRetriever(Settings(data_dir=data_dir, lexical_cache=cache), embeddings=HashingEmbeddings())


def lexical_results(r: HybridRetriever) -> list[list[tuple[str, float]]]:
    out = []
    for question in QUESTIONS:
        query = r.analyse(question)
        found = [(r.ids[p], round(s, 4)) for p, s in r.lexical.search(query.terms, 10, folded=query.folded)]
        out.append(sorted(found, key=lambda hit: (-hit[1], hit[0])))  # ties in any order
    return out


def assert_matches_a_fresh_build(r: HybridRetriever, data_dir: Path) -> None:
    fresh = retriever(data_dir, cache=False)
    assert sorted(r.ids) == sorted(fresh.ids)  # a view updated from writes keeps other positions
    assert lexical_results(r) == lexical_results(fresh)
    for term in ("trưởng", "truong", "phát", "không-có-từ-này"):
        assert r.lexical_idf(term) == pytest.approx(fresh.lexical_idf(term))


@pytest.fixture()
def data(tmp_path: Path, corpus_dir: Path) -> tuple[Path, Path]:
    """A data directory holding three of the shipped documents, and a folder of files to ingest from."""
    files = tmp_path / "files"
    files.mkdir()
    for path in sorted(corpus_dir.glob("*.txt"))[:3]:
        (files / path.name).write_text(path.read_text("utf-8"), "utf-8")
    data_dir = tmp_path / "data"
    Ingestor(Settings(data_dir=data_dir), HashingEmbeddings()).ingest(sorted(files.iterdir()), progress=False)
    return data_dir, files


def test_built_once_then_loaded_and_equal_to_a_fresh_build(data) -> None:
    data_dir, _ = data
    first = retriever(data_dir)
    assert first.lexical_source == "built"
    second = retriever(data_dir)
    assert second.lexical_source == "loaded"
    assert isinstance(second.lexical._exact.scores["data"], np.memmap)  # mapped, shared between processes
    assert_matches_a_fresh_build(second, data_dir)
    saved = list(Settings(data_dir=data_dir).lexical_dir.iterdir())
    assert len(saved) == 1 and (saved[0] / "manifest.json").exists()


def test_ingest_update_and_delete_by_another_writer_are_seen_at_refresh(data, corpus_dir: Path) -> None:
    data_dir, files = data
    served = retriever(data_dir)
    writer = Ingestor(Settings(data_dir=data_dir), HashingEmbeddings())  # e.g. `bcd ingest` in another process

    new = sorted(corpus_dir.glob("*.txt"))[3]
    (files / new.name).write_text(new.read_text("utf-8"), "utf-8")
    writer.ingest([files / new.name], progress=False)                       # ingest
    changed = sorted(files.iterdir())[0]
    changed.write_text(changed.read_text("utf-8") + "\nBan Chỉ đạo bổ sung trạm phát sóng lưỡng dụng mới.\n",
                       "utf-8")
    writer.ingest([changed], progress=False)                                 # update
    writer.delete(sorted(files.iterdir())[1].stem)                           # delete
    served.refresh()
    assert served.lexical_source == "updated"  # the store changed: the saved index, updated with the writes
    assert_matches_a_fresh_build(served, data_dir)
    assert any("lưỡng dụng" in t for t in served.texts)
    assert retriever(data_dir).lexical_source == "loaded"


@pytest.mark.parametrize("damage", ["truncate", "garbage", "manifest"])
def test_a_corrupt_saved_index_is_rebuilt(data, damage: str) -> None:
    data_dir, _ = data
    retriever(data_dir)
    (saved,) = Settings(data_dir=data_dir).lexical_dir.iterdir()
    if damage == "truncate":
        target = saved / "exact" / "data.csc.index.npy"
        target.write_bytes(target.read_bytes()[:100])
    elif damage == "garbage":
        (saved / "folded" / "vocab.index.json").write_text("{not json", "utf-8")
    else:
        (saved / "manifest.json").write_text('{"format": 0}', "utf-8")
    again = retriever(data_dir)
    assert again.lexical_source == "built"
    assert_matches_a_fresh_build(again, data_dir)
    assert retriever(data_dir).lexical_source == "loaded"  # the rebuilt copy replaced the damaged one


def test_a_stale_saved_index_is_not_used(data) -> None:
    """A copy saved for other chunks (the key names what it was built from) is never loaded as it is for
    these: it is updated with the recorded writes into a new copy."""
    data_dir, files = data
    retriever(data_dir)
    lexical_dir = Settings(data_dir=data_dir).lexical_dir
    (old,) = lexical_dir.iterdir()
    Ingestor(Settings(data_dir=data_dir), HashingEmbeddings()).delete(sorted(files.iterdir())[0].stem)
    now = retriever(data_dir)
    assert now.lexical_source == "updated"
    assert_matches_a_fresh_build(now, data_dir)
    assert {p.name for p in lexical_dir.iterdir()} >= {old.name}  # the old copy stays a minute for its readers
    os.utime(old, (0, 0))
    Ingestor(Settings(data_dir=data_dir), HashingEmbeddings()).delete(sorted(files.iterdir())[1].stem)
    retriever(data_dir)
    assert old.name not in {p.name for p in lexical_dir.iterdir()}  # then it is removed


def test_a_second_process_loads_instead_of_rebuilding(data) -> None:
    data_dir, _ = data
    assert retriever(data_dir).lexical_source == "built"
    code = ("from pathlib import Path\nfrom tests.retrieval.test_lexical_cache import retriever, lexical_results\n"
            f"r = retriever(Path({str(data_dir)!r}))\nprint(r.lexical_source, len(lexical_results(r)[0]))")
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    source, hits = done.stdout.split()[-2:]
    assert source == "loaded" and int(hits) > 0


def test_without_the_cache_nothing_is_written(data) -> None:
    data_dir, _ = data
    r = retriever(data_dir, cache=False)
    assert r.lexical_source == "built" and not Settings(data_dir=data_dir).lexical_dir.exists()
