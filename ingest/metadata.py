"""Document-level metadata read from the cleaned text: what filters and citations need."""

from __future__ import annotations

import hashlib
import re
from dataclasses import asdict, dataclass, field
from datetime import date

from bcd import vietnamese as vn
from ingest.instructions import instruction_sentences

_TITLE_MAX = 160


@dataclass
class DocumentMetadata:
    doc_id: str
    title: str
    source: str
    content_hash: str
    province: str | None = None
    event_date: date | None = None
    dates: list[date] = field(default_factory=list)
    doc_numbers: list[str] = field(default_factory=list)
    url: str | None = None
    groups: list[str] = field(default_factory=list)
    instructions: list[str] = field(default_factory=list)  # sentences addressed to the assistant (never evidence)

    def to_dict(self) -> dict[str, object]:
        data = asdict(self)
        data["event_date"] = self.event_date.isoformat() if self.event_date else None
        data["dates"] = [d.isoformat() for d in self.dates]
        return data


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def extract_metadata(
    text: str, *, doc_id: str, source: str, title: str | None = None, url: str | None = None
) -> DocumentMetadata:
    """Title, province, dates, cited document numbers and hash of one cleaned document."""
    default_year = _year_from_url(url)
    found = vn.find_dates(text, default_year=default_year)
    events = [d.value for d in found if d.is_event]
    return DocumentMetadata(
        doc_id=doc_id,
        title=vn.normalize(title).strip() if title else guess_title(text),
        source=source,
        content_hash=content_hash(text),
        province=vn.main_province(text),
        event_date=events[0] if events else None,
        dates=sorted({d.value for d in found}),
        doc_numbers=vn.find_doc_numbers(text),
        url=url,
        instructions=instruction_sentences(text),
    )


def guess_title(text: str) -> str:
    """A news crawl has no title field: take the first short line without a final full stop, else the
    first sentence, shortened at a word boundary."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    for line in lines[:3]:
        if len(line) <= _TITLE_MAX and not line.endswith((".", "…")) and len(line.split()) >= 4:
            return line
    longest_first = next((line for line in lines if len(line.split()) >= 12), lines[0] if lines else "")
    spans = vn.split_sentences(longest_first)
    sentence = longest_first[spans[0][0] : spans[0][1]] if spans else longest_first
    if len(sentence) <= _TITLE_MAX:
        return sentence
    return sentence[:_TITLE_MAX].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def _year_from_url(url: str | None) -> int | None:
    match = re.search(r"/(20\d{2})(?:0[1-9]|1[0-2])?/", url or "")
    return int(match.group(1)) if match else None
