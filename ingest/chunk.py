"""Split a cleaned document into overlapping chunks of whole sentences that remember where they came from.

Sentences come from the shared Vietnamese splitter (it never cuts the dot of "4.607" or the comma of
"84,2%"). They are packed up to `chunk_size` characters; the next chunk starts with the previous chunk's
last sentences (up to `chunk_overlap` characters, and at least one short sentence) so a fact near a
boundary is whole in one chunk. A sentence longer than a chunk is cut at clause boundaries by LangChain's
recursive splitter. Each chunk keeps its character span in the cleaned text, so a citation can show the
exact quote.

A document with numbered structure (a plan, a decision, a resolution: see `ingest/structure.py`) is packed
by items instead: chunk boundaries fall between items (a heading line stays with the item that follows it,
a table row is one item), whole items are packed up to `chunk_size` without overlap, and only an item longer
than a chunk is split, at its lines and then its sentences, with overlap. Each chunk carries its section path
(the headings above its start) and the labels of the headings inside it, so a chunk that starts mid-item
still knows its heading and a quote anywhere in it knows its label. A news article has no structure and is
chunked exactly as before.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from langchain_text_splitters import RecursiveCharacterTextSplitter

from bcd.vietnamese import split_sentences
from ingest.structure import BULLET_KINDS, Heading, Line, Structure, citation_label, heading_line, parse

Span = tuple[int, int]
_BARE_HEADING_CHARS = 300  # a heading block this short (its title lines) stays with its first sub-item


@dataclass(frozen=True)
class Chunk:
    chunk_id: str
    doc_id: str
    index: int
    text: str
    start: int
    end: int
    path: tuple[Heading, ...] = ()  # the headings above the chunk's first character
    section: str = ""  # their citation label ("mục II.3")
    sections: tuple[tuple[int, str], ...] = ()  # (document offset, label) of each heading inside the chunk

    @property
    def context(self) -> str:
        """The headings above the chunk that its text does not show ("II. NHIỆM VỤ › 3. Phát triển hạ tầng
        số"): what a chunk cut from the middle of a section lacks on its own."""
        return " › ".join(heading_line(h) for h in self.path if h.start < self.start and h.kind not in BULLET_KINDS)


def sentence_units(text: str, max_chars: int) -> list[Span]:
    """Sentence spans, with any sentence longer than `max_chars` cut into clause-sized pieces."""
    splitter = RecursiveCharacterTextSplitter(
        separators=[r";\s", r",\s", r"\s"], is_separator_regex=True, keep_separator="end",
        chunk_size=max_chars, chunk_overlap=0, add_start_index=True,
    )
    units: list[Span] = []
    for start, end in split_sentences(text):
        if end - start <= max_chars:
            units.append((start, end))
            continue
        for piece in splitter.create_documents([text[start:end]]):
            offset = start + int(piece.metadata["start_index"])
            units.append((offset, offset + len(piece.page_content)))
    return units


def pack(units: list[Span], chunk_size: int, chunk_overlap: int) -> list[Span]:
    """Group consecutive units into chunk spans with sentence-level overlap."""
    spans: list[Span] = []
    i = 0
    while i < len(units):
        j = i
        while j + 1 < len(units) and units[j + 1][1] - units[i][0] <= chunk_size:
            j += 1
        spans.append((units[i][0], units[j][1]))
        if j + 1 >= len(units):
            break
        k = j + 1
        while k - 1 > i and units[j][1] - units[k - 1][0] <= chunk_overlap:
            k -= 1
        if k == j + 1 and j > i and units[j][1] - units[j][0] <= chunk_size // 2:
            k = j  # carry at least the last sentence when it is short enough
        i = k
    return spans


def chunk_document(doc_id: str, text: str, chunk_size: int, chunk_overlap: int) -> list[Chunk]:
    """Chunks of `text`; ids depend only on the document id, the position and the chunk's content."""
    if chunk_overlap >= chunk_size:
        raise ValueError("chunk_overlap must be smaller than chunk_size")
    structure = parse(text)
    if structure.structured:
        spans = structured_spans(text, structure, chunk_size, chunk_overlap)
    else:
        spans = pack(sentence_units(text, chunk_size), chunk_size, chunk_overlap)
    chunks = []
    for index, (start, end) in enumerate(spans):
        body = text[start:end]
        digest = hashlib.sha1(body.encode("utf-8")).hexdigest()[:10]
        path = structure.path_at(start) if structure.structured else ()
        inside = tuple(structure.headings_between(start + 1, end)) if structure.structured else ()
        chunks.append(Chunk(f"{doc_id}#{index:04d}-{digest}", doc_id, index, body, start, end,
                            path, citation_label(path), inside))
    return chunks


def item_blocks(text: str, structure: Structure) -> list[Span]:
    """Spans of whole items: each runs from a line opening a heading or item to the next such line. A
    heading with little of its own (its title lines) joins its first sub-item, so no chunk ends on a bare
    heading."""
    blocks: list[tuple[Line | None, int, int]] = []  # (the line opening it, start, end)
    for line in structure.lines:
        if not text[line.start:line.end].strip():
            continue
        if line.opens or not blocks:
            blocks.append((line if line.opens else None, line.start, line.end))
        else:
            blocks[-1] = (blocks[-1][0], blocks[-1][1], line.end)
    merged: list[tuple[Line | None, int, int]] = []
    for opening, start, end in blocks:
        if merged and (head := merged[-1])[0] is not None and opening is not None and _is_bare_heading(
                text, head[0], head[1], head[2], opening):
            merged[-1] = (opening, head[1], end)  # the sub-item's block, its heading's lines before it
        else:
            merged.append((opening, start, end))
    return [(start, end) for _, start, end in merged]


def _is_bare_heading(text: str, heading: Line, start: int, end: int, following: Line) -> bool:
    """Whether a block is a heading and its title lines only, opening the item that follows it."""
    return (heading.path[-1].kind not in BULLET_KINDS and heading.path[-1] in following.path[:-1]
            and end - start <= _BARE_HEADING_CHARS)


def structured_spans(text: str, structure: Structure, chunk_size: int, chunk_overlap: int) -> list[Span]:
    """Whole items packed up to `chunk_size`; an item longer than that is split at lines, then sentences."""
    spans: list[Span] = []
    current: Span | None = None
    for start, end in item_blocks(text, structure):
        if end - start > chunk_size:
            if current:
                spans.append(current)
                current = None
            units: list[Span] = []
            for line_start, line_end in _line_spans(text, start, end):
                if line_end - line_start <= chunk_size:
                    units.append((line_start, line_end))
                else:
                    piece = text[line_start:line_end]
                    units.extend((line_start + a, line_start + b) for a, b in sentence_units(piece, chunk_size))
            spans.extend(pack(units, chunk_size, chunk_overlap))
        elif current and end - current[0] <= chunk_size and not _opens_section(
                structure, start, current[1] - current[0], chunk_size):
            current = (current[0], end)
        else:
            if current:
                spans.append(current)
            current = (start, end)
    if current:
        spans.append(current)
    return spans


def _opens_section(structure: Structure, offset: int, filled: int, chunk_size: int) -> bool:
    """Whether a chunk holding `filled` characters ends before `offset`, though more would fit: before a
    top-level heading (II., Điều 3, Phần 2) when the chunk is already half full, rather than mixing two
    sections, and always before an appendix."""
    line = structure.line_at(offset)
    if not (line and line.opens and line.start == offset) or line.path[0].kind in BULLET_KINDS:
        return False
    return line.path[0].kind == "phuluc" and len(line.path) == 1 or (
        len(line.path) == 1 and filled >= chunk_size // 2)


def _line_spans(text: str, start: int, end: int) -> list[Span]:
    """The non-blank lines between `start` and `end`, without their surrounding spaces."""
    spans: list[Span] = []
    offset = start
    for raw in text[start:end].split("\n"):
        stripped = raw.strip()
        if stripped:
            left = offset + raw.index(stripped[0])
            spans.append((left, left + len(stripped)))
        offset += len(raw) + 1
    return spans
