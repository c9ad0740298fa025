"""Any OpenAI-compatible chat-completions endpoint (vLLM, Ollama, llama.cpp server, a hosted API)."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator

import httpx
from tenacity import retry, retry_if_exception, stop_after_attempt, wait_exponential

from chat.generators.base import GeneratorError, Passage, Turn
from chat.prompt import build_messages, build_rewrite_messages


def _retryable(exc: BaseException) -> bool:
    if isinstance(exc, httpx.HTTPStatusError):
        return exc.response.status_code >= 500 or exc.response.status_code == 429
    return isinstance(exc, httpx.TransportError)


_ATTEMPTS = 3


class OpenAICompatibleGenerator:
    """POSTs to `{base_url}/chat/completions`; retries transient failures twice with backoff. Answers are
    streamed (`"stream": true`), so the grounding check can pass on each sentence as soon as it is written."""

    name = "openai"

    def __init__(self, base_url: str, model: str, api_key: str = "", timeout_s: float = 60.0,
                 max_tokens: int = 512, temperature: float = 0.1) -> None:
        if not base_url.startswith(("http://", "https://")):
            raise ValueError(f"BCD_LLM_BASE_URL must be an http(s) URL, got {base_url!r}")
        headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        self._client = httpx.Client(base_url=base_url.rstrip("/"), headers=headers, timeout=timeout_s)
        self.model = model
        self.max_tokens = max_tokens
        self.temperature = temperature

    def generate(self, question: str, passages: list[Passage], history: list[Turn]) -> str:
        try:
            return self._complete(build_messages(question, passages, history))
        except (httpx.HTTPError, KeyError, IndexError, ValueError) as exc:
            raise GeneratorError(f"LLM endpoint {self._client.base_url} failed: {exc}") from exc

    def stream(self, question: str, passages: list[Passage], history: list[Turn]) -> Iterator[str]:
        """The answer as the endpoint writes it, piece by piece. A failure before the first piece is retried as
        `generate` retries; after it, the pieces already given cannot be taken back, so it is raised."""
        try:
            yield from self._stream(build_messages(question, passages, history))
        except (httpx.HTTPError, KeyError, IndexError, ValueError) as exc:
            raise GeneratorError(f"LLM endpoint {self._client.base_url} failed: {exc}") from exc

    def rewrite(self, question: str, history: list[Turn]) -> str:
        """The follow-up `question` as a standalone question, written by the model."""
        try:
            return self._complete(build_rewrite_messages(question, history))
        except (httpx.HTTPError, KeyError, IndexError, ValueError) as exc:
            raise GeneratorError(f"LLM endpoint {self._client.base_url} failed: {exc}") from exc

    @retry(retry=retry_if_exception(_retryable), stop=stop_after_attempt(3),
           wait=wait_exponential(multiplier=0.2, max=2), reraise=True)
    def _complete(self, messages: list[dict[str, str]]) -> str:
        response = self._client.post("/chat/completions", json={
            "model": self.model, "messages": messages, "temperature": self.temperature,
            "max_tokens": self.max_tokens, "stream": False,
        })
        response.raise_for_status()
        return str(response.json()["choices"][0]["message"]["content"] or "")

    def _stream(self, messages: list[dict[str, str]]) -> Iterator[str]:
        body = {"model": self.model, "messages": messages, "temperature": self.temperature,
                "max_tokens": self.max_tokens, "stream": True}
        for attempt in range(_ATTEMPTS):
            given = False
            try:
                with self._client.stream("POST", "/chat/completions", json=body) as response:
                    response.raise_for_status()
                    if not response.headers.get("content-type", "").startswith("text/event-stream"):
                        # an endpoint that ignores "stream" answers with the whole completion
                        response.read()
                        yield str(response.json()["choices"][0]["message"]["content"] or "")
                        return
                    for line in response.iter_lines():
                        if not line.startswith("data:"):
                            continue
                        data = line[5:].strip()
                        if data == "[DONE]":
                            return
                        choices = json.loads(data).get("choices") or [{}]
                        piece = (choices[0].get("delta") or {}).get("content")
                        if piece:
                            given = True
                            yield piece
                return
            except httpx.HTTPError as exc:
                if given or attempt == _ATTEMPTS - 1 or not _retryable(exc):
                    raise
                time.sleep(min(2.0, 0.2 * 2 ** attempt))
