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

Reading-comprehension format (UIT-ViQuAD as in viquad-dev): {"id", "question", "answers": [gold strings],
"unanswerable": bool, "source": "<corpus file stem>"}; an answer is correct when it contains one of the
gold strings; a chunk is relevant when it comes from the source file and contains a gold string.
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel, Field, ValidationError

from bcd import vietnamese as vn

QUESTION_TYPES = ("factoid", "list", "multi", "open", "unanswerable", "no-diacritics", "abbrev", "follow-up")


class QAItem(BaseModel):
    id: str
    question: str = Field(min_length=1)
    type: str = "factoid"
    answer: str = ""
    evidence: list[str] = Field(default_factory=list)
    relevant_sources: list[str] = Field(default_factory=list)
    history: list[str] = Field(default_factory=list)
    answers: list[str] = Field(default_factory=list)
    unanswerable: bool | None = None
    source: str = ""

    @property
    def answerable(self) -> bool:
        if self.unanswerable is not None:
            return not self.unanswerable
        return bool(self.evidence or self.relevant_sources)

    @property
    def reading_comprehension(self) -> bool:
        """Judged on gold answer strings (any one) rather than on our key facts (all of them)."""
        return self.unanswerable is not None

    @property
    def facts(self) -> list[str]:
        return [f.strip() for f in self.answer.split(" | ") if f.strip()]

    def is_relevant(self, text: str, source: str) -> bool:
        if self.relevant_sources:
            return Path(source).stem in self.relevant_sources
        if self.reading_comprehension:
            return Path(source).stem == self.source and any(_squeeze(a).lower() in _squeeze(text).lower()
                                                            for a in self.answers)
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


def split(items: list[QAItem], part: str) -> list[QAItem]:
    """One half of a reading-comprehension set, split by source article so that no article's questions are
    on both sides: "fit" (what a model may be fitted on), "report" (what figures are reported on) or "all".
    Items without a source are in both halves."""
    if part == "all":
        return items
    if part not in ("fit", "report"):
        raise DatasetError(f"unknown split {part!r}: choose fit, report or all")
    sources = sorted({i.source for i in items if i.source})
    fit = set(sources[0::2])
    return [i for i in items if not i.source or ((i.source in fit) == (part == "fit"))]


def uses_sources(items: list[QAItem]) -> bool:
    """True for ALQAC-style sets, judged per source document rather than per evidence span."""
    return any(item.relevant_sources for item in items)
