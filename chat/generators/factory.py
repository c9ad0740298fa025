"""Build the generator that `Settings.generator` names."""

from __future__ import annotations

from collections.abc import Callable

from bcd.settings import Settings
from chat.generators.base import Generator
from chat.generators.extractive import ExtractiveGenerator


def build_generator(settings: Settings, idf: Callable[[str], float]) -> Generator:
    if settings.generator == "extractive":
        return ExtractiveGenerator(idf, max_sentences=settings.max_answer_sentences)
    if settings.generator == "openai":
        from chat.generators.openai_compat import OpenAICompatibleGenerator

        return OpenAICompatibleGenerator(settings.llm_base_url, settings.llm_model, settings.llm_api_key,
                                         settings.llm_timeout_s, settings.llm_max_tokens,
                                         settings.llm_temperature)
    if settings.generator == "llamacpp":
        from chat.generators.llamacpp import LlamaCppGenerator

        return LlamaCppGenerator(settings.llamacpp_model_path, n_ctx=settings.llamacpp_n_ctx,
                                 n_threads=settings.llamacpp_threads or None, max_tokens=settings.llm_max_tokens,
                                 temperature=settings.llm_temperature)
    from chat.generators.transformers_local import TransformersGenerator

    return TransformersGenerator(settings.transformers_model_path, max_new_tokens=settings.llm_max_tokens)
