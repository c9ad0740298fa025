"""The interface every answer generator implements, and the passage type they all receive."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Protocol

from retrieval.hybrid import Hit


@dataclass(frozen=True)
class Turn:
    role: Literal["user", "assistant"]
    content: str


@dataclass(frozen=True)
class Passage:
    """A retrieved chunk as shown to a generator: `n` is the number its citations use ([n]). An LLM may be
    shown an `excerpt` (the chunk's relevant sentences) instead of the whole chunk."""

    n: int
    hit: Hit
    excerpt: str | None = None
    # what the other retrieved chunks of its document say: a meeting's ordinal or the resolution it is about is
    # stated once, in the opening, not in the paragraph holding the fact ("họp phiên đầu tiên" … "đã công bố
    # Quyết định số 1407-QĐ/TU")
    elsewhere: str = ""

    @property
    def text(self) -> str:
        return self.hit.text if self.excerpt is None else self.excerpt


class GeneratorError(RuntimeError):
    """The generator could not produce an answer (endpoint down, model missing, ...)."""


class Generator(Protocol):
    name: str

    def generate(self, question: str, passages: list[Passage], history: list[Turn]) -> str:
        """Answer text in Vietnamese with [n] markers that refer to `passages`."""
        ...
