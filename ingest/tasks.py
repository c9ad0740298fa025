"""Assigned tasks (who must do what by when) read out of directive documents, and their store.

Officials ask for complete lists ("which tasks does Sở KH&CN lead?"), which top-k retrieval cannot give;
so tasks are extracted once at ingest into a SQLite table kept beside the index and queried exactly.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Literal


@dataclass
class Task:
    """One assigned task, with the span of its row/paragraph in the stored cleaned text."""

    task_id: str
    doc_id: str
    doc_name: str
    text: str
    lead: str | None = None
    lead_as_written: str | None = None
    partners: list[str] = field(default_factory=list)
    output: str | None = None
    deadline_text: str | None = None
    due: date | None = None
    recurring: bool = False
    section: str | None = None
    start: int = 0
    end: int = 0


def extract_tasks(text: str, doc_id: str, doc_name: str) -> list[Task]:
    """The tasks of one document's cleaned text (table rows and numbered task paragraphs)."""
    return []


class TaskStore:
    """SQLite store of tasks (WAL; several processes may read and write)."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)

    def replace(self, doc_id: str, tasks: list[Task], text_hash: str | None = None) -> None:
        """Replace all tasks of one document atomically."""
        raise NotImplementedError

    def delete(self, doc_id: str) -> None:
        """Drop a document's tasks."""
        raise NotImplementedError

    def query(self, agency: str | None = None, role: Literal["lead", "any"] = "lead",
              due_after: date | None = None, due_before: date | None = None,
              doc_ids: Collection[str] | None = None, recurring: bool | None = None) -> list[Task]:
        """Tasks matching every given filter, ordered by document and position."""
        raise NotImplementedError

    def agencies(self) -> list[str]:
        """Every canonical agency named as lead or partner."""
        raise NotImplementedError

    def count(self) -> int:
        """Number of tasks stored."""
        raise NotImplementedError
