"""Chat services over small made-up corpora, each ingested into a real store of its own."""

from __future__ import annotations

from pathlib import Path

import pytest

from bcd.settings import Settings
from chat.service import ChatService
from ingest.pipeline import Ingestor


def service_over(tmp_path_factory: pytest.TempPathFactory, name: str, texts: dict[str, str]) -> ChatService:
    """A chat service over these documents (file name → text), ingested into a store of their own."""
    folder: Path = tmp_path_factory.mktemp(name)
    for file_name, text in texts.items():
        (folder / file_name).write_text(text, encoding="utf-8")
    settings = Settings(data_dir=tmp_path_factory.mktemp(f"{name}-data"))
    assert not Ingestor(settings).ingest([folder], progress=False).failed
    return ChatService(settings)
