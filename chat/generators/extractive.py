"""The offline default: answer with the source's own sentences, so nothing can be invented.

The sentences come from `chat.evidence` (scored by the question's weighted key terms, their passage's
standing and whether they hold the kind of fact asked for) and are returned best first, each followed by
the citation of its passage. A "tỉnh nào" question whose sentence does not name the province gets the
province of the sentence's document in front, so the fact asked for is in the answer text.
"""

from __future__ import annotations

from collections.abc import Callable

from bcd import vietnamese as vn
from chat.evidence import analyse, rank_sentences, select
from chat.generators.base import Passage, Turn


class ExtractiveGenerator:
    """Picks and orders source sentences; `idf` weighs the question's terms (rare words count more)."""

    name = "extractive"

    def __init__(self, idf: Callable[[str], float], max_sentences: int = 3) -> None:
        if max_sentences <= 0:
            raise ValueError("max_sentences must be > 0")
        self.idf = idf
        self.max_sentences = max_sentences

    def generate(self, question: str, passages: list[Passage], history: list[Turn]) -> str:
        analysis = analyse(question, self.idf)
        chosen = select(analysis, rank_sentences(analysis, passages), self.max_sentences)
        parts = []
        for sentence in chosen:
            text = sentence.text
            province = sentence.passage.hit.metadata.get("province")
            if analysis.kind and analysis.kind.name == "province" and province and not vn.province_mentions(text):
                text = f"Tỉnh {province}: {text}"
            parts.append(f"{text} [{sentence.passage.n}]")
        return " ".join(parts)
