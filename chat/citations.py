"""Check a generated answer's [n] markers against the passages and turn them into checkable citations.

Markers that name no passage are dropped; the rest are renumbered [1], [2], ... in order of first use.
Each citation quotes the sentence of its passage that best matches the answer sentence citing it, with
its character span in the cleaned document, so a reader can find and check it, and the label of the
numbered section the quote sits in ("mục II.3", "Điều 2 khoản 1 điểm a"), read from its chunk's metadata at
the quote's own offset.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from bcd import vietnamese as vn
from chat.generators.base import Passage
from ingest.structure import label_in, section_heading

MARKERS = re.compile(r"\s*\[(\d+(?:\s*[,;]\s*\d+)*)\]")


def markers(sentence: str) -> list[int]:
    """The passage numbers a sentence's [n] / [n, m] markers cite, in order, each once."""
    return list(dict.fromkeys(int(n) for group in MARKERS.findall(sentence) for n in re.split(r"[,;]\s*", group)))


@dataclass(frozen=True)
class Citation:
    n: int
    doc_id: str
    title: str
    chunk_id: str
    quote: str
    source: str
    url: str
    start: int  # span of the quote in the cleaned document text
    end: int
    section: str = ""  # the label of the numbered section holding the quote ("mục II.3"; "" in an article)
    label: str = ""  # how to name the source: "Kế hoạch 99/KH-UBND, mục II.3" (official name or title)

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


@dataclass(frozen=True)
class CitedAnswer:
    text: str
    citations: list[Citation]
    dropped_markers: list[int]


class CitationBuilder:
    """Renumbers markers sentence by sentence, so a streamed answer can show each checked sentence at once
    with the numbers the whole answer will have."""

    def __init__(self, passages: list[Passage]) -> None:
        self._by_number = {p.n: p for p in passages}
        self._numbering: dict[tuple[int, int], int] = {}  # (passage n, quote start) -> citation number
        self.citations: list[Citation] = []
        self.dropped: list[int] = []

    def add(self, sentence: str) -> str:
        """The sentence with its markers renumbered ("" if it has no words)."""
        plain = MARKERS.sub("", sentence).strip()
        numbers: list[int] = []
        for n in markers(sentence):
            passage = self._by_number.get(n)
            if passage is None:
                self.dropped.append(n)
                continue
            quote_start, quote_end = best_quote(plain, passage)
            key = (n, quote_start)
            if key not in self._numbering:
                self._numbering[key] = len(self._numbering) + 1
                self.citations.append(_citation(self._numbering[key], passage, quote_start, quote_end))
            numbers.append(self._numbering[key])
        return plain + "".join(f" [{c}]" for c in numbers) if plain else ""


def resolve_citations(answer: str, passages: list[Passage]) -> CitedAnswer:
    builder = CitationBuilder(passages)
    lines = []  # a list keeps one bullet a line, and a bullet under another its indent
    for line in answer.split("\n"):
        parts = [builder.add(line[start:end]) for start, end in vn.split_sentences(line)]
        if text := " ".join(p for p in parts if p):
            lines.append(line[:len(line) - len(line.lstrip(" "))] + text)
    return CitedAnswer("\n".join(lines), builder.citations, builder.dropped)


def best_quote(sentence: str, passage: Passage) -> tuple[int, int]:
    """Span (within the passage) of its sentence sharing the most words with `sentence`."""
    wanted = {vn.fold(t) for t in vn.tokenize(sentence)}
    spans = vn.split_sentences(passage.text) or [(0, len(passage.text))]

    def overlap(span: tuple[int, int]) -> float:
        words = {vn.fold(t) for t in vn.tokenize(passage.text[span[0]:span[1]])}
        return len(wanted & words) / (len(words) ** 0.5 or 1.0)

    return max(spans, key=overlap)


@dataclass(frozen=True)
class QuotedParagraph:
    """The paragraph of a cleaned document that holds a citation's quote, cut around the quote."""

    before: str
    quote: str
    after: str
    section: str | None = None  # the headings above it ("II. NHIỆM VỤ › 3. Phát triển hạ tầng số"), if any


def quoted_paragraph(documents_dir: Path, citation: Mapping[str, Any]) -> QuotedParagraph | None:
    """The paragraph (the line of the stored cleaned text) around a citation's quote, read from
    `documents_dir/<doc_id>.txt`; None when that text is missing or no longer holds the quote at the
    citation's span (the document was updated after the answer), so the caller shows the quote alone."""
    doc_id = str(citation.get("doc_id", ""))
    if not doc_id or "/" in doc_id or "\\" in doc_id or doc_id.startswith("."):
        return None
    try:
        text = (documents_dir / f"{doc_id}.txt").read_text(encoding="utf-8")
        start, end = int(citation["start"]), int(citation["end"])
    except (OSError, KeyError, TypeError, ValueError):
        return None
    if not 0 <= start < end <= len(text) or text[start:end] != citation.get("quote"):
        return None
    left = text.rfind("\n", 0, start) + 1
    right = text.find("\n", end)
    right = len(text) if right < 0 else right
    return QuotedParagraph(text[left:start], text[start:end], text[end:right], section_heading(text, start))


def source_name(citation: Mapping[str, Any]) -> str:
    """A citation's source as readers name it: "Kế hoạch 99/KH-UBND, mục II.3"; the title when the document
    has no official name, and no section in a news article (a citation stored before labels: its title)."""
    return str(citation.get("label") or citation.get("title") or "")


def section_and_label(chunk_metadata: Mapping[str, Any], offset: int) -> tuple[str, str]:
    """The section label at document `offset` inside the chunk with this metadata (its "section" and
    "sections", see ingest/structure.py) and the source's name with it: ("mục II.3", "Kế hoạch 99/KH-UBND,
    mục II.3"); ("", title) in a news article. Every maker of a `Citation` names its source this way."""
    section = label_in(str(chunk_metadata.get("section") or ""), str(chunk_metadata.get("sections") or ""), offset)
    name = document_label(chunk_metadata)
    return section, f"{name}, {section}" if section else name


def document_label(chunk_metadata: Mapping[str, Any]) -> str:
    """What readers call a chunk's document: its official name ("Kế hoạch 99/KH-UBND"), else its title."""
    return str(chunk_metadata.get("official_name") or "") or str(chunk_metadata.get("title") or "")


def _citation(n: int, passage: Passage, start: int, end: int) -> Citation:
    hit = passage.hit
    offset = int(hit.metadata.get("start", 0))
    section, label = section_and_label(hit.metadata, offset + start)
    return Citation(n=n, doc_id=hit.doc_id, title=hit.title, chunk_id=hit.chunk_id,
                    quote=passage.text[start:end], source=hit.source, url=str(hit.metadata.get("url") or ""),
                    start=offset + start, end=offset + end, section=section, label=label)
