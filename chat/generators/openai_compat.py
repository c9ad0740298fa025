"""Any OpenAI-compatible chat-completions endpoint (vLLM, Ollama, llama.cpp server, a hosted API)."""

from __future__ import annotations

import httpx
from tenacity import retry, retry_if_exception, stop_after_attempt, wait_exponential

from chat.generators.base import GeneratorError, Passage, Turn
from chat.prompt import build_messages, build_rewrite_messages


def _retryable(exc: BaseException) -> bool:
    if isinstance(exc, httpx.HTTPStatusError):
        return exc.response.status_code >= 500 or exc.response.status_code == 429
    return isinstance(exc, httpx.TransportError)


class OpenAICompatibleGenerator:
    """POSTs to `{base_url}/chat/completions`; retries transient failures twice with backoff."""

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
