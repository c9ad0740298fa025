"""Split a cleaned document into overlapping chunks that remember where they came from.

Splitting follows paragraphs first, then Vietnamese sentence ends (never the dot inside "4.607" or the
comma inside "84,2%", which are not followed by a space), then clauses, then words. Each chunk keeps its
character span in the cleaned text so a citation can show the exact quote.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from langchain_text_splitters import RecursiveCharacterTextSplitter

from bcd.vietnamese import SENTENCE_END_PATTERN


@dataclass(frozen=True)
class Chunk:
    chunk_id: str
    doc_id: str
    index: int
    text: str
    start: int
    end: int


def make_splitter(chunk_size: int, chunk_overlap: int) -> RecursiveCharacterTextSplitter:
    return RecursiveCharacterTextSplitter(
        separators=["\n", SENTENCE_END_PATTERN, r";\s", r",\s", r"\s"],
        is_separator_regex=True,
        keep_separator="end",
        chunk_size=chunk_size,
        chunk_overlap=chunk_overlap,
        add_start_index=True,
        strip_whitespace=True,
    )


def chunk_document(doc_id: str, text: str, chunk_size: int, chunk_overlap: int) -> list[Chunk]:
    """Chunks of `text`; ids depend only on the document id, the position and the chunk's content."""
    splitter = make_splitter(chunk_size, chunk_overlap)
    chunks = []
    for index, piece in enumerate(splitter.create_documents([text])):
        start = int(piece.metadata["start_index"])
        end = start + len(piece.page_content)
        if text[start:end] != piece.page_content:  # the splitter's offset guarantee, checked not assumed
            raise ValueError(f"chunk {index} of {doc_id} does not map back to its span")
        digest = hashlib.sha1(piece.page_content.encode("utf-8")).hexdigest()[:10]
        chunks.append(Chunk(f"{doc_id}#{index:04d}-{digest}", doc_id, index, piece.page_content, start, end))
    return chunks
