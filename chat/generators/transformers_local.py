"""A local instruction-tuned causal LM loaded with transformers from a directory (no hub access)."""

from __future__ import annotations

import os
from pathlib import Path

from chat.generators.base import GeneratorError, Passage, Turn
from chat.prompt import build_messages, build_rewrite_messages


class TransformersGenerator:
    """Greedy decoding with the model's own chat template; loads once, on construction."""

    name = "transformers"

    def __init__(self, model_path: str, max_new_tokens: int = 512) -> None:
        if not model_path or not Path(model_path).is_dir():
            raise GeneratorError(
                f"BCD_TRANSFORMERS_MODEL_PATH must be a local model directory, got {model_path!r}")
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        try:
            from transformers import AutoModelForCausalLM, AutoTokenizer
        except ImportError as exc:  # torch and transformers are an extra: the default path needs neither
            raise GeneratorError("BCD_GENERATOR=transformers needs the `models` extra: "
                                 "pip install -e '.[models]'") from exc

        self.tokenizer = AutoTokenizer.from_pretrained(model_path, local_files_only=True)
        self.model = AutoModelForCausalLM.from_pretrained(model_path, local_files_only=True)
        self.model.eval()
        self.max_new_tokens = max_new_tokens

    def generate(self, question: str, passages: list[Passage], history: list[Turn]) -> str:
        return self._chat(build_messages(question, passages, history), self.max_new_tokens)

    def rewrite(self, question: str, history: list[Turn]) -> str:
        """The follow-up `question` as a standalone question, written by the model."""
        return self._chat(build_rewrite_messages(question, history), 64)

    def _chat(self, messages: list[dict[str, str]], max_new_tokens: int) -> str:
        import torch

        inputs = self.tokenizer.apply_chat_template(messages, add_generation_prompt=True,
                                                    return_tensors="pt", return_dict=True)
        with torch.no_grad():
            output = self.model.generate(**inputs, max_new_tokens=max_new_tokens, do_sample=False,
                                         pad_token_id=self.tokenizer.pad_token_id
                                         or self.tokenizer.eos_token_id)
        new_tokens = output[0][inputs["input_ids"].shape[1]:]
        return self.tokenizer.decode(new_tokens, skip_special_tokens=True).strip()
