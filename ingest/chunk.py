"""Split a cleaned document into overlapping chunks of whole sentences that remember where they came from.

Sentences come from the shared Vietnamese splitter (it never cuts the dot of "4.607" or the comma of
"84,2%"). They are packed up to `chunk_size` characters; the next chunk starts with the previous chunk's
last sentences (up to `chunk_overlap` characters, and at least one short sentence) so a fact near a
boundary is whole in one chunk. A sentence longer than a chunk is cut at clause boundaries by LangChain's
recursive splitter. Each chunk keeps its character span in the cleaned text, so a citation can show the
exact quote.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from langchain_text_splitters import RecursiveCharacterTextSplitter

from bcd.vietnamese import split_sentences

Span = tuple[int, int]


@dataclass(frozen=True)
class Chunk:
    chunk_id: str
    doc_id: str
    index: int
    text: str
    start: int
    end: int


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
    chunks = []
    for index, (start, end) in enumerate(pack(sentence_units(text, chunk_size), chunk_size, chunk_overlap)):
        body = text[start:end]
        digest = hashlib.sha1(body.encode("utf-8")).hexdigest()[:10]
        chunks.append(Chunk(f"{doc_id}#{index:04d}-{digest}", doc_id, index, body, start, end))
    return chunks
