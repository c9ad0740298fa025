"""The `transformers` backend's real loading and generation code, on a tiny model built by the test.

No instruction-tuned model ships in a package, so the test builds a randomly initialised Llama with its own
word-level tokenizer and chat template, saves it to a directory, and points the settings at it. Its output
is noise: what is tested is the wiring (load from a path, chat template, generate, decode) and that the
service never lets an answer without valid citations through.
"""

from pathlib import Path

import pytest

from bcd.settings import Settings
from chat.generators.base import GeneratorError, Passage
from chat.generators.transformers_local import TransformersGenerator
from chat.service import ChatService
from tests.questions import NAM_DINH_HEAD

CHAT_TEMPLATE = (
    "{% for m in messages %}<|{{ m['role'] }}|> {{ m['content'] }} <|end|> {% endfor %}"
    "{% if add_generation_prompt %}<|assistant|> {% endif %}"
)


@pytest.fixture(scope="module")
def tiny_model_dir(tmp_path_factory: pytest.TempPathFactory, corpus_dir: Path) -> Path:
    import torch
    from tokenizers import Tokenizer, models, pre_tokenizers, trainers
    from transformers import LlamaConfig, LlamaForCausalLM, PreTrainedTokenizerFast

    target = tmp_path_factory.mktemp("tiny-llm")
    specials = ["<unk>", "<pad>", "<s>", "</s>", "<|system|>", "<|user|>", "<|assistant|>", "<|end|>"]
    tokenizer = Tokenizer(models.WordLevel(unk_token="<unk>"))
    tokenizer.pre_tokenizer = pre_tokenizers.WhitespaceSplit()
    texts = [p.read_text("utf-8") for p in corpus_dir.glob("*.txt")]
    tokenizer.train_from_iterator(texts, trainers.WordLevelTrainer(vocab_size=2000, special_tokens=specials))
    fast = PreTrainedTokenizerFast(tokenizer_object=tokenizer, unk_token="<unk>", pad_token="<pad>",
                                   bos_token="<s>", eos_token="</s>")
    fast.chat_template = CHAT_TEMPLATE
    fast.save_pretrained(target)
    torch.manual_seed(0)
    config = LlamaConfig(vocab_size=fast.vocab_size, hidden_size=32, intermediate_size=64, num_hidden_layers=1,
                         num_attention_heads=2, num_key_value_heads=2, max_position_embeddings=4096,
                         pad_token_id=fast.pad_token_id, bos_token_id=fast.bos_token_id,
                         eos_token_id=fast.eos_token_id)
    LlamaForCausalLM(config).save_pretrained(target)
    return target


def test_generates_text_from_a_local_model_directory(tiny_model_dir: Path, retriever) -> None:
    generator = TransformersGenerator(str(tiny_model_dir), max_new_tokens=8)
    passages = [Passage(1, retriever.search("Đặng Khánh Toàn", k=1)[0])]
    text = generator.generate(NAM_DINH_HEAD, passages, [])
    assert isinstance(text, str) and text.strip()
    assert "<|assistant|>" not in text


def test_service_with_transformers_backend_never_returns_uncited_text(tiny_model_dir: Path,
                                                                      indexed_settings: Settings,
                                                                      retriever) -> None:
    settings = indexed_settings.model_copy(update={"generator": "transformers",
                                                   "transformers_model_path": str(tiny_model_dir),
                                                   "llm_max_tokens": 8})
    service = ChatService(settings, retriever=retriever)
    assert service.generator.name == "transformers"
    result = service.answer(NAM_DINH_HEAD)
    assert not result.refused and result.citations
    # noise from a random model carries no valid [n]: the service must have answered from the source
    assert result.generator == "extractive" and "Đặng Khánh Toàn" in result.answer


def test_missing_model_directory_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(GeneratorError, match="BCD_TRANSFORMERS_MODEL_PATH"):
        TransformersGenerator(str(tmp_path / "nope"))
