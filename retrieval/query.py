"""A question turned into the forms each search needs, with the same rules ingest applied."""

from __future__ import annotations

from dataclasses import dataclass

from bcd import vietnamese as vn


@dataclass(frozen=True)
class PreparedQuery:
    text: str  # normalised question
    dense_text: str  # abbreviations spelled out: the embedding model does not know "BCĐ"
    terms: list[str]  # lexical terms, as for a chunk at ingest
    folded: bool  # typed without diacritics: match the folded index


class EmptyQueryError(ValueError):
    """A question with nothing to search for."""


def prepare_query(question: str) -> PreparedQuery:
    text = " ".join(vn.normalize(question).split())
    if not vn.tokenize(text):
        raise EmptyQueryError("the question is empty: type a question in Vietnamese")
    return PreparedQuery(
        text=text,
        dense_text=vn.expand_abbreviations(text),
        terms=vn.lexical_terms(text),
        folded=not vn.has_diacritics(text),
    )
