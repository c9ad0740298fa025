"""A question turned into the forms each search needs, with the same rules ingest applied.

"Informal handling" is what makes phone-typed questions work: abbreviations spelled out (also when typed
in lower case without diacritics, "bcd" → "Ban Chỉ đạo"), the folded lexical index for questions without
diacritics, and diacritics restored from the corpus before the dense search. It can be switched off to
measure what it brings (`bcd eval --ablations`).
"""

from __future__ import annotations

from dataclasses import dataclass

from bcd import vietnamese as vn
from retrieval.restore import DiacriticRestorer


@dataclass(frozen=True)
class PreparedQuery:
    text: str  # normalised question
    dense_text: str  # what is embedded: abbreviations spelled out, diacritics restored
    terms: list[str]  # lexical terms, as for a chunk at ingest
    folded: bool  # typed without diacritics: match the folded index


class EmptyQueryError(ValueError):
    """A question with nothing to search for."""


def prepare_query(question: str, restorer: DiacriticRestorer | None = None,
                  informal: bool = True) -> PreparedQuery:
    text = " ".join(vn.normalize(question).split())
    if not vn.tokenize(text):
        raise EmptyQueryError("the question is empty: type a question in Vietnamese")
    if not informal:
        return PreparedQuery(text, text, vn.lexical_terms(text, abbreviations=False), folded=False)
    folded = not vn.has_diacritics(text)
    expanded = vn.expand_abbreviations(text, loose=folded)
    dense_text = restorer.restore(expanded) if folded and restorer is not None else expanded
    return PreparedQuery(text, dense_text, vn.lexical_terms(text, loose=folded), folded)
