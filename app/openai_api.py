"""The OpenAI chat-completions protocol over the chat service, so stock clients and front-ends (the `openai`
package, Open WebUI, LibreChat) work unchanged against `bcd serve`.

It is a sub-application mounted at `/v1`, so that every error under it — a bad key, a malformed body, an
unknown path — has OpenAI's error shape while the REST API keeps its own. The conversation is the client's
`messages` (no server session); the answer is the service's, with the same access control and refusal: a
system message cannot widen what a key may read or talk the assistant out of refusing. Citations are in the
text as [n] with a source list, and structured in the extra fields `citations`, `refused` and `notes`.
"""

from __future__ import annotations

import json
import logging
import time
import uuid
from collections.abc import Iterator
from typing import Any, Literal

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, StreamingResponse
from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt
from starlette.exceptions import HTTPException

from app.access import Caller, bearer_key, identify
from app.plain_text import source_list, without_sources
from chat.streaming import text_then_result
from chat.memory import ConversationError, split_conversation
from chat.service import ChatAnswer, InvalidQuestionError
from ingest.store import StoreUnavailableError
from retrieval.filters import SearchFilters
from retrieval.question import EmptyQueryError

log = logging.getLogger(__name__)


class TextPart(BaseModel):
    type: str
    text: str | None = None
    model_config = ConfigDict(extra="allow")


class Message(BaseModel):
    role: Literal["system", "developer", "user", "assistant", "tool", "function"]
    content: str | list[TextPart] | None = None
    model_config = ConfigDict(extra="allow")  # name, tool_calls, ...

    def text(self) -> str:
        if self.content is None or isinstance(self.content, str):
            return self.content or ""
        other = sorted({p.type for p in self.content if p.type != "text"})
        if other:
            raise OpenAIError(400, f"only text content is supported (got {', '.join(other)})",
                              param="messages", code="unsupported_content")
        return "\n".join(p.text or "" for p in self.content)


class CompletionRequest(BaseModel):
    model: str
    messages: list[Message]
    stream: StrictBool = False  # (not "yes", nor 1: a client sending those means something else)
    n: StrictInt = 1
    filters: SearchFilters | None = Field(None, description="Extension: province, document number, dates.")
    # sampling settings have no effect (answers quote the documents) but are checked against OpenAI's ranges, so a
    # client's mistake is told, not silently ignored; tools, user, ... are accepted and have no effect
    temperature: float | None = Field(None, ge=0, le=2)
    top_p: float | None = Field(None, ge=0, le=1)
    max_tokens: StrictInt | None = Field(None, ge=1)
    max_completion_tokens: StrictInt | None = Field(None, ge=1)
    model_config = ConfigDict(extra="allow")


class OpenAIError(Exception):
    def __init__(self, status: int, message: str, *, type_: str = "invalid_request_error",
                 param: str | None = None, code: str | None = None) -> None:
        super().__init__(message)
        self.status, self.message, self.type, self.param, self.code = status, message, type_, param, code

    def body(self) -> dict[str, Any]:
        return {"error": {"message": self.message, "type": self.type, "param": self.param, "code": self.code}}


# a conversation of the 40 messages read, each a question or an answer of a few thousand characters, is well under
# this; a larger body is refused before it is parsed
CONVERSATION_MAX_BODY_BYTES = 4 * 1024 * 1024
_HTTP_ERRORS = {401: ("authentication_error", "invalid_api_key"), 403: ("permission_error", "permission_denied"),
                404: ("invalid_request_error", "not_found"), 405: ("invalid_request_error", "method_not_allowed")}


def openai_app(backend: Any) -> FastAPI:
    """The `/v1` sub-application over the REST API's backend (one chat service and index per process)."""
    settings = backend.settings
    model_id = settings.openai_model_name
    v1 = FastAPI(title="BCĐ assistant, OpenAI-compatible", docs_url=None, redoc_url=None, openapi_url=None)

    @v1.exception_handler(OpenAIError)
    def openai_error(request: Request, exc: OpenAIError) -> JSONResponse:
        return JSONResponse(exc.body(), status_code=exc.status)

    @v1.exception_handler(HTTPException)  # also the router's own 404 / 405
    def http_error(request: Request, exc: HTTPException) -> JSONResponse:
        type_, code = _HTTP_ERRORS.get(exc.status_code, ("invalid_request_error", None))
        return openai_error(request, OpenAIError(exc.status_code, str(exc.detail), type_=type_, code=code))

    @v1.exception_handler(RequestValidationError)
    def invalid_body(request: Request, exc: RequestValidationError) -> JSONResponse:
        first = exc.errors()[0] if exc.errors() else {}
        where = [str(part) for part in first.get("loc", ()) if part != "body"]
        message = f"{'.'.join(where) or 'body'}: {first.get('msg', 'invalid request')}"
        return openai_error(request, OpenAIError(400, message, param=".".join(where) or None))

    @v1.exception_handler(StoreUnavailableError)
    def store_unavailable(request: Request, exc: StoreUnavailableError) -> JSONResponse:
        log.error("%s", exc)
        return openai_error(request, OpenAIError(503, "the document store is unavailable; try again in a moment",
                                                 type_="server_error"))

    def reader(request: Request) -> Caller:
        provided = bearer_key(request.headers.get("Authorization"))
        if not settings.api_keys:
            provided = ""  # clients must send some key; with none configured, any key reads as anonymous
        if provided is None:  # another scheme, or no key: never read as anonymous
            raise OpenAIError(401, "malformed Authorization header (expected: Authorization: Bearer KEY)",
                              type_="authentication_error", code="invalid_api_key")
        who = identify(settings, provided or None)
        if who is None:
            raise OpenAIError(401, "invalid API key", type_="authentication_error", code="invalid_api_key")
        if settings.chat_requires_key and who.name == "anonymous":
            raise OpenAIError(401, "an API key is required (Authorization: Bearer KEY)",
                              type_="authentication_error", code="invalid_api_key")
        return who

    def model_card() -> dict[str, Any]:
        return {"id": model_id, "object": "model", "created": 0, "owned_by": "bcd-assistant"}

    @v1.get("/models")
    def models(request: Request) -> dict[str, Any]:
        reader(request)
        return {"object": "list", "data": [model_card()]}

    @v1.get("/models/{name}")
    def model(name: str, request: Request) -> dict[str, Any]:
        reader(request)
        if name != model_id:
            raise OpenAIError(404, f"the model {name!r} does not exist; this server offers {model_id!r}",
                              param="model", code="model_not_found")
        return model_card()

    @v1.post("/chat/completions", response_model=None, max_body_size=CONVERSATION_MAX_BODY_BYTES)
    def completions(body: CompletionRequest, request: Request) -> dict[str, Any] | StreamingResponse:
        who = reader(request)
        if body.model != model_id:
            raise OpenAIError(404, f"the model {body.model!r} does not exist; this server offers {model_id!r}",
                              param="model", code="model_not_found")
        if body.n != 1:
            raise OpenAIError(400, "only n=1 is supported", param="n")
        turns = [(m.role, without_sources(m.text()) if m.role == "assistant" else m.text()) for m in body.messages]
        try:
            question, history = split_conversation(turns, settings.session_max_turns)
        except ConversationError as exc:
            raise OpenAIError(400, str(exc), param="messages") from exc

        def answer(on_text: Any = None) -> ChatAnswer:
            return backend.service.answer(question, history=history, filters=body.filters, viewer=who.viewer,
                                          on_text=on_text)

        reply = _Reply(model_id)
        if not body.stream:
            return reply.completion(_question_errors(answer))
        stream = text_then_result(answer)
        first = _question_errors(lambda: next(stream))  # a bad question is an HTTP error, not a broken stream
        return StreamingResponse(reply.chunks(first, stream), media_type="text/event-stream")

    return v1


def _question_errors(call: Any) -> Any:
    try:
        return call()
    except (InvalidQuestionError, EmptyQueryError) as exc:
        raise OpenAIError(400, str(exc), param="messages") from exc


class _Reply:
    """One answer in the protocol's shapes: a whole `chat.completion`, or `chat.completion.chunk` events."""

    def __init__(self, model: str) -> None:
        self.id, self.created, self.model = f"chatcmpl-{uuid.uuid4().hex}", int(time.time()), model

    def _envelope(self, kind: str, choice: dict[str, Any], **extra: Any) -> dict[str, Any]:
        return {"id": self.id, "object": kind, "created": self.created, "model": self.model,
                "system_fingerprint": None, "choices": [{"index": 0, "logprobs": None, **choice}], **extra}

    @staticmethod
    def _extras(result: ChatAnswer) -> dict[str, Any]:
        return {"citations": [c.to_dict() for c in result.citations], "refused": result.refused,
                "notes": result.notes}

    def completion(self, result: ChatAnswer) -> dict[str, Any]:
        citations = [c.to_dict() for c in result.citations]
        message = {"role": "assistant", "content": result.answer + source_list(citations), "refusal": None}
        return self._envelope("chat.completion", {"message": message, "finish_reason": "stop"}, usage=None,
                              **self._extras(result))

    def chunks(self, first: Any, rest: Iterator[Any]) -> Iterator[str]:
        yield self._event(self._chunk({"role": "assistant", "content": ""}))
        item = first
        try:
            while isinstance(item, str):
                yield self._event(self._chunk({"content": item}))
                item = next(rest)
        except Exception as exc:  # noqa: BLE001 - the status is sent: report the error in the stream
            log.exception("streamed answer failed")
            yield self._event(OpenAIError(500, f"the answer failed: {type(exc).__name__}",
                                          type_="server_error").body())
            yield "data: [DONE]\n\n"
            return
        result: ChatAnswer = item
        tail = (result.answer if result.refused else "") + source_list([c.to_dict() for c in result.citations])
        if tail:
            yield self._event(self._chunk({"content": tail}))
        yield self._event(self._chunk({}, "stop", **self._extras(result)))
        yield "data: [DONE]\n\n"

    def _chunk(self, delta: dict[str, Any], finish: str | None = None, **extra: Any) -> dict[str, Any]:
        return self._envelope("chat.completion.chunk", {"delta": delta, "finish_reason": finish}, **extra)

    @staticmethod
    def _event(data: dict[str, Any]) -> str:
        return f"data: {json.dumps(data, ensure_ascii=False)}\n\n"
