"""The hybrid retrieval as a LangChain retriever, for code that composes LangChain chains of its own.

It is the same search the chat service uses (dense + Vietnamese-aware BM25, fusion, filters, access
control), returning LangChain `Document`s whose metadata is ours: document id, chunk id, title, source, URL,
province, dates, the chunk's span in the cleaned document, its rank and fused score.
"""

from __future__ import annotations

from typing import Any

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from pydantic import BaseModel, ConfigDict, Field

from bcd.settings import Settings
from retrieval.filters import PUBLIC, SearchFilters, Viewer
from retrieval.hybrid import Hit, HybridRetriever


class Scope(BaseModel):
    """What a LangChain component searches: the filters, and the restricted groups its caller may read."""

    filters: SearchFilters | None = None
    viewer: Viewer = Field(default=PUBLIC, exclude=True)
    model_config = ConfigDict(arbitrary_types_allowed=True)


class BcdRetriever(Scope, BaseRetriever):
    """`BcdRetriever.from_settings(k=5).invoke("kinh phí chuyển đổi số")` → the 5 best chunks."""

    retriever: HybridRetriever = Field(exclude=True)
    k: int = Field(5, gt=0, le=100)

    @classmethod
    def from_settings(cls, settings: Settings | None = None, **fields: Any) -> BcdRetriever:
        """Over the index in `settings.data_dir` (default: the `BCD_*` environment), loading the models."""
        return cls(retriever=HybridRetriever(settings or Settings()), **fields)

    def _get_relevant_documents(self, query: str, *,
                                run_manager: CallbackManagerForRetrieverRun) -> list[Document]:
        hits = self.retriever.search(query, k=self.k, filters=self.filters, viewer=self.viewer)
        return [as_document(hit, rank) for rank, hit in enumerate(hits, start=1)]


def as_document(hit: Hit, rank: int) -> Document:
    metadata = {**hit.metadata, "doc_id": hit.doc_id, "chunk_id": hit.chunk_id, "rank": rank,
                "score": hit.score}
    return Document(page_content=hit.text, metadata=metadata, id=hit.chunk_id)
