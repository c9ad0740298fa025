"""The chat service as a LangChain chat model, so LangChain code can compose it like any other: it takes a
string, a prompt value or a list of messages, and returns an `AIMessage` (streams `AIMessageChunk`s).

It is the whole service, not a bare model: retrieval, the learned refusal, the extractive or LLM answer and
its grounding check. The answer text carries [n] markers; `response_metadata["citations"]` holds the checked
citations (quote, document, span), and `response_metadata["refused"]` says when the documents do not answer.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult
from pydantic import Field

from bcd.settings import Settings
from chat.generators.base import Turn
from chat.memory import split_conversation
from chat.service import ChatAnswer, ChatService
from chat.streaming import text_then_result
from retrieval.langchain_retriever import Scope

_ROLES = {"human": "user", "ai": "assistant", "system": "system"}


class BcdChatModel(Scope, BaseChatModel):
    """`BcdChatModel.from_settings().invoke("Ban Chỉ đạo tỉnh Nam Định do ai làm Trưởng ban?").content`"""

    service: ChatService = Field(exclude=True)

    @classmethod
    def from_settings(cls, settings: Settings | None = None, **fields: Any) -> BcdChatModel:
        """Over the index in `settings.data_dir` (default: the `BCD_*` environment), with its generator."""
        return cls(service=ChatService(settings or Settings()), **fields)

    @property
    def _llm_type(self) -> str:
        return "bcd-assistant"

    def _conversation(self, messages: list[BaseMessage]) -> tuple[str, list[Turn]]:
        turns = [(_ROLES.get(m.type, m.type), m.text if isinstance(m.text, str) else str(m.content))
                 for m in messages]
        return split_conversation(turns, self.service.settings.session_max_turns)

    def _answer(self, messages: list[BaseMessage], on_text: Any = None) -> ChatAnswer:
        question, history = self._conversation(messages)
        return self.service.answer(question, history=history, filters=self.filters, viewer=self.viewer,
                                   on_text=on_text)

    def _generate(self, messages: list[BaseMessage], stop: list[str] | None = None,
                  run_manager: CallbackManagerForLLMRun | None = None, **kwargs: Any) -> ChatResult:
        result = self._answer(messages)
        message = AIMessage(content=result.answer, response_metadata=_metadata(result))
        return ChatResult(generations=[ChatGeneration(message=message)])

    def _stream(self, messages: list[BaseMessage], stop: list[str] | None = None,
                run_manager: CallbackManagerForLLMRun | None = None, **kwargs: Any) -> Iterator[ChatGenerationChunk]:
        """Each checked sentence as soon as it exists; a refusal in one piece; the citations on the last chunk."""
        for item in text_then_result(lambda on_text: self._answer(messages, on_text)):
            if isinstance(item, str):
                chunk = ChatGenerationChunk(message=AIMessageChunk(content=item))
            else:
                text = item.answer if item.refused else ""
                chunk = ChatGenerationChunk(message=AIMessageChunk(content=text, response_metadata=_metadata(item)))
            if run_manager is not None:
                run_manager.on_llm_new_token(str(chunk.message.content), chunk=chunk)
            yield chunk


def _metadata(result: ChatAnswer) -> dict[str, Any]:
    return {"citations": [c.to_dict() for c in result.citations], "refused": result.refused,
            "notes": result.notes, "support": round(result.support, 4), "generator": result.generator}
