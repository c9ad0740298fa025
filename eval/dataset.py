"""Q&A sets: our own format (evidence spans) and the ALQAC format (relevant source files).

Our format, one JSON object per line:
    {"id", "question", "answer", "evidence": ["verbatim span of a cleaned document", ...],
     "type": "factoid|list|multi|unanswerable|no-diacritics|abbrev|follow-up", "history": [...]?}
`answer` holds the key fact(s) a correct answer must contain, separated by " | " when there are several;
it is "" (and `evidence` is []) for an unanswerable question. `history` lists earlier user questions of
the same conversation (follow-ups). Relevance never depends on chunk ids: a chunk is relevant when it
contains an evidence span.

ALQAC format: {"id", "question", "relevant_sources": ["LAW@ARTICLE"], "type"}; a chunk is relevant when
its source file's name (without extension) is listed.
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel, Field, ValidationError

from bcd import vietnamese as vn

QUESTION_TYPES = ("factoid", "list", "multi", "unanswerable", "no-diacritics", "abbrev", "follow-up")


class QAItem(BaseModel):
    id: str
    question: str = Field(min_length=1)
    type: str = "factoid"
    answer: str = ""
    evidence: list[str] = Field(default_factory=list)
    relevant_sources: list[str] = Field(default_factory=list)
    history: list[str] = Field(default_factory=list)

    @property
    def answerable(self) -> bool:
        return bool(self.evidence or self.relevant_sources)

    @property
    def facts(self) -> list[str]:
        return [f.strip() for f in self.answer.split(" | ") if f.strip()]

    def is_relevant(self, text: str, source: str) -> bool:
        if self.relevant_sources:
            return Path(source).stem in self.relevant_sources
        squeezed = _squeeze(text)
        return any(_squeeze(e) in squeezed for e in self.evidence)


def _squeeze(text: str) -> str:
    return " ".join(vn.normalize(text).split())


class DatasetError(ValueError):
    """A Q&A file that cannot be used; the message names the file and line."""


def load_qa(path: Path) -> list[QAItem]:
    items: list[QAItem] = []
    seen: set[str] = set()
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            item = QAItem.model_validate({**json.loads(line), "id": str(json.loads(line).get("id", number))})
        except (json.JSONDecodeError, ValidationError, AttributeError) as exc:
            raise DatasetError(f"{path}:{number}: not a valid Q&A line ({exc})") from exc
        if item.id in seen:
            raise DatasetError(f"{path}:{number}: duplicate id {item.id!r}")
        seen.add(item.id)
        items.append(item)
    if not items:
        raise DatasetError(f"{path}: no questions")
    return items


def uses_sources(items: list[QAItem]) -> bool:
    """True for ALQAC-style sets, judged per source document rather than per evidence span."""
    return any(item.relevant_sources for item in items)
