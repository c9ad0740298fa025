"""A local GGUF model run by llama.cpp (llama-cpp-python, the optional `llm` extra): nothing leaves the machine.

The model is loaded once and shared; llama.cpp contexts are not thread-safe, so calls are serialised.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from chat.generators.base import GeneratorError, Passage, Turn
from chat.prompt import build_messages, build_rewrite_messages


@dataclass
class GenerationStats:
    """Tokens and seconds of the last completion (the first token comes after reading the whole prompt)."""

    tokens: int = 0
    seconds: float = 0.0
    first_token_s: float = 0.0

    @property
    def tokens_per_s(self) -> float:
        """Generation speed once the prompt is read."""
        decoding = self.seconds - self.first_token_s
        return (self.tokens - 1) / decoding if self.tokens > 1 and decoding > 0 else 0.0


class LlamaCppGenerator:
    name = "llamacpp"

    def __init__(self, model_path: str, n_ctx: int = 4096, n_threads: int | None = None,
                 max_tokens: int = 512, temperature: float = 0.1, seed: int = 0) -> None:
        path = Path(model_path).expanduser() if model_path else None
        if path is None or not path.is_file():
            raise GeneratorError(
                f"BCD_LLAMACPP_MODEL_PATH must name a local .gguf file, got {model_path!r} "
                "(`bcd models fetch-local-llm` can fetch one)")
        try:
            from llama_cpp import Llama
        except ImportError as exc:
            raise GeneratorError("the llamacpp generator needs llama-cpp-python: pip install -e '.[llm]'") from exc
        try:
            self._llm = Llama(model_path=str(path), n_ctx=n_ctx, n_threads=n_threads, seed=seed, verbose=False)
        except (ValueError, RuntimeError) as exc:
            raise GeneratorError(f"llama.cpp could not load {path}: {exc}") from exc
        self.model_path = path
        self.max_tokens = max_tokens
        self.temperature = temperature
        self.stats = GenerationStats()
        self._lock = threading.Lock()

    def generate(self, question: str, passages: list[Passage], history: list[Turn]) -> str:
        return "".join(self.stream(question, passages, history))

    def stream(self, question: str, passages: list[Passage], history: list[Turn]) -> Iterator[str]:
        """The answer as the model writes it, token by token."""
        yield from self._complete(build_messages(question, passages, history), self.max_tokens)

    def rewrite(self, question: str, history: list[Turn]) -> str:
        """The follow-up `question` as a standalone question, written by the model."""
        return "".join(self._complete(build_rewrite_messages(question, history), 64)).strip()

    def _complete(self, messages: list[dict[str, str]], max_tokens: int) -> Iterator[str]:
        with self._lock:
            started, tokens, first = time.perf_counter(), 0, 0.0
            try:
                chunks: Any = self._llm.create_chat_completion(
                    messages=messages, max_tokens=max_tokens, temperature=self.temperature, stream=True)
                for chunk in chunks:
                    piece = chunk["choices"][0]["delta"].get("content")
                    if piece:
                        tokens += 1
                        first = first or time.perf_counter() - started
                        yield piece
            except (ValueError, RuntimeError) as exc:  # e.g. the prompt does not fit the context
                raise GeneratorError(f"llama.cpp failed: {exc}") from exc
            finally:
                self.stats = GenerationStats(tokens, time.perf_counter() - started, first)
