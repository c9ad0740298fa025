"""The chat service: question (+ history) → retrieve → refuse or answer → checked citations.

Every channel (CLI, API, web UI, Zalo) calls this one service; none re-implements retrieval or answering.
"""

from __future__ import annotations

import logging
import re
import time
from dataclasses import dataclass, field
from typing import Any

from bcd.settings import Settings
from chat.citations import Citation, resolve_citations
from chat.generators.base import Generator, GeneratorError, Passage, Turn
from chat.generators.extractive import ExtractiveGenerator
from chat.generators.factory import build_generator
from bcd import vietnamese as vn
from chat.memory import is_follow_up, standalone_question
from chat.prompt import REFUSAL
from chat.evidence import analyse, rank_sentences, select
from chat.evidence import support as evidence_support
from retrieval.filters import PUBLIC, SearchFilters, Viewer
from retrieval.hybrid import Hit, HybridRetriever

log = logging.getLogger(__name__)


class InvalidQuestionError(ValueError):
    """A question the service will not process (empty, too long); the message says why."""


@dataclass
class ChatAnswer:
    question: str
    answer: str
    refused: bool
    citations: list[Citation]
    contexts: list[Hit]
    standalone_question: str
    generator: str
    support: float
    notes: list[str] = field(default_factory=list)
    latency_s: float = 0.0

    def to_dict(self, include_contexts: bool = True) -> dict[str, Any]:
        data: dict[str, Any] = {
            "question": self.question,
            "answer": self.answer,
            "refused": self.refused,
            "citations": [c.to_dict() for c in self.citations],
            "standalone_question": self.standalone_question,
            "generator": self.generator,
            "support": round(self.support, 4),
            "notes": self.notes,
        }
        if include_contexts:
            data["contexts"] = [
                {"doc_id": h.doc_id, "chunk_id": h.chunk_id, "source": h.source, "title": h.title,
                 "text": h.text, "score": round(h.score, 6)}
                for h in self.contexts
            ]
        return data


class ChatService:
    def __init__(self, settings: Settings, retriever: HybridRetriever | None = None,
                 generator: Generator | None = None) -> None:
        self.settings = settings
        self.retriever = retriever or HybridRetriever(settings)
        idf = self.retriever.lexical_idf
        self.generator = generator or build_generator(settings, idf)
        self._fallback = ExtractiveGenerator(idf, max_sentences=settings.max_answer_sentences)

    def validate(self, question: str) -> str:
        """The question with control characters dropped and spaces collapsed; errors say what is wrong."""
        question = _CONTROL.sub(" ", question or "")
        question = " ".join(question.split())
        if not question:
            raise InvalidQuestionError("the question is empty")
        if len(question) > self.settings.max_question_chars:
            raise InvalidQuestionError(
                f"the question is {len(question)} characters long; the limit is "
                f"{self.settings.max_question_chars}")
        return question

    def answer(self, question: str, history: list[Turn] | None = None,
               filters: SearchFilters | None = None, viewer: Viewer = PUBLIC) -> ChatAnswer:
        started = time.perf_counter()
        question = self.validate(question)
        history = history or []
        standalone = self.standalone(question, history)
        contexts = self.retriever.search(standalone, k=self.settings.top_k, filters=filters, viewer=viewer)
        passages = [Passage(i + 1, hit) for i, hit in enumerate(contexts[: self.settings.answer_passages])]
        support = self.support(standalone, passages)
        result = ChatAnswer(question, REFUSAL, True, [], contexts, standalone, self.generator.name, support)
        if support >= self.settings.min_support:
            self._generate(result, standalone, passages, history)
        result.latency_s = time.perf_counter() - started
        return result

    def standalone(self, question: str, history: list[Turn]) -> str:
        """A follow-up rewritten into a standalone question: by the LLM when the generator has one (its
        rewrite must look like a question of reasonable length), else — or if it fails — by rules."""
        if not history or not is_follow_up(question):
            return question
        rewrite = getattr(self.generator, "rewrite", None)
        if rewrite is not None:
            try:
                text = " ".join(str(rewrite(question, history)).split())
                if 0 < len(text) <= 3 * len(question) + 300 and vn.tokenize(text):
                    return text
                log.info("discarded the LLM's rewrite %r", text[:200])
            except GeneratorError as exc:
                log.warning("LLM rewrite failed, using rules: %s", exc)
        return standalone_question(question, history)

    def support(self, question: str, passages: list[Passage]) -> float:
        """How well the best sentences of the passages answer the question (see `chat.evidence`)."""
        analysis = analyse(question, self.retriever.lexical_idf)
        ranked = rank_sentences(analysis, passages)
        return evidence_support(analysis, select(analysis, ranked, self.settings.max_answer_sentences))

    def _generate(self, result: ChatAnswer, question: str, passages: list[Passage],
                  history: list[Turn]) -> None:
        try:
            text = self.generator.generate(question, passages, history)
        except GeneratorError as exc:
            log.warning("generator %s failed, answering extractively: %s", self.generator.name, exc)
            result.notes.append(f"Trình sinh câu trả lời ({self.generator.name}) không phản hồi; "
                                "câu trả lời được trích nguyên văn từ tài liệu.")
            text, result.generator = self._fallback.generate(question, passages, history), "extractive"
        if _is_refusal(text):
            return
        cited = resolve_citations(text, passages)
        if cited.dropped_markers:
            log.info("dropped citation markers not matching any passage: %s", cited.dropped_markers)
        if not cited.citations and result.generator != "extractive":
            result.notes.append("Câu trả lời sinh ra không có trích dẫn hợp lệ; dùng câu trích nguyên văn.")
            cited = resolve_citations(self._fallback.generate(question, passages, history), passages)
            result.generator = "extractive"
        if cited.citations:
            result.answer, result.citations, result.refused = cited.text, cited.citations, False


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff]")


def _is_refusal(text: str) -> bool:
    lowered = text.strip().lower()
    return not lowered or REFUSAL.lower().rstrip(".") in lowered or lowered.startswith("tài liệu hiện có không")
