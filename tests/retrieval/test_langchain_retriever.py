"""The hybrid search as a LangChain retriever: the same ranking, our metadata, filters."""

from __future__ import annotations

from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever

from retrieval.filters import SearchFilters
from retrieval.langchain_retriever import BcdRetriever

QUERY = "số trạm thu phát sóng của tỉnh Lào Cai"


def test_documents_follow_the_hybrid_ranking_with_our_metadata(retriever) -> None:
    lc = BcdRetriever(retriever=retriever, k=4)
    documents = lc.invoke(QUERY)
    hits = retriever.search(QUERY, k=4)
    assert isinstance(lc, BaseRetriever) and all(isinstance(d, Document) for d in documents)
    assert [d.id for d in documents] == [h.chunk_id for h in hits] and len(documents) == 4
    assert [d.page_content for d in documents] == [h.text for h in hits]
    first = documents[0].metadata
    assert first["rank"] == 1 and first["doc_id"] == hits[0].doc_id and first["title"] == hits[0].title
    assert first["score"] == hits[0].score and {"source", "start", "end", "province"} <= set(first)


def test_filters_apply(retriever) -> None:
    lc = BcdRetriever(retriever=retriever, k=5, filters=SearchFilters(province="Nam Định"))
    documents = lc.invoke(QUERY)
    assert documents and {d.metadata["province"] for d in documents} == {"Nam Định"}


def test_batch_and_k(retriever) -> None:
    lc = BcdRetriever(retriever=retriever, k=2)
    results = lc.batch([QUERY, "kinh phí chuyển đổi số"])
    assert [len(r) for r in results] == [2, 2]
    assert [d.id for d in results[0]] == [d.id for d in lc.invoke(QUERY)]
