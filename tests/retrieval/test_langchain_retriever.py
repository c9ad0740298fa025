"""The hybrid search as a LangChain retriever: the same ranking, our metadata, filters."""

from __future__ import annotations

import pytest
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever

from bcd.settings import Settings
from retrieval.filters import PUBLIC, TRUSTED, SearchFilters, Viewer
from retrieval.langchain_retriever import BcdRetriever
from tests.conftest import index_copy

QUERY = "số trạm thu phát sóng của tỉnh Lào Cai"
SECRET_DOC = "ke-hoach-mat-tuyen-quang"
SECRET = ("Kế hoạch mật của Ban Chỉ đạo tỉnh Tuyên Quang\nTheo kế hoạch mật, Ban Chỉ đạo tỉnh Tuyên Quang dành "
          "731 tỷ đồng cho Dự án Hải Đăng Tám trong năm 2026.\n")
SECRET_QUERY = "kinh phí Dự án Hải Đăng Tám của Ban Chỉ đạo tỉnh Tuyên Quang"


@pytest.fixture(scope="module")
def restricted_settings(indexed_settings, tmp_path_factory) -> Settings:
    """A copy of the session's index with one more document, restricted to the group "lanh-dao"."""
    return index_copy(indexed_settings, tmp_path_factory.mktemp("lc-restricted"), {f"{SECRET_DOC}.txt": SECRET},
                      groups=("lanh-dao",))


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


def test_from_settings_builds_the_same_search_over_the_index_of_the_settings(indexed_settings, retriever) -> None:
    built = BcdRetriever.from_settings(indexed_settings, k=3)
    assert built.retriever is not retriever and built.retriever.settings.data_dir == indexed_settings.data_dir
    expected = [h.chunk_id for h in retriever.search(QUERY, k=3)]
    assert [d.id for d in built.invoke(QUERY)] == expected and built.k == 3


def test_from_settings_without_settings_reads_the_environment(indexed_settings, monkeypatch) -> None:
    monkeypatch.setenv("BCD_DATA_DIR", str(indexed_settings.data_dir))
    built = BcdRetriever.from_settings(filters=SearchFilters(province="Lào Cai"))
    documents = built.invoke(QUERY)
    assert built.retriever.settings.data_dir == indexed_settings.data_dir and 0 < len(documents) <= 5
    assert {d.metadata["province"] for d in documents} == {"Lào Cai"}


def test_a_viewer_without_the_group_never_gets_a_restricted_document(restricted_settings) -> None:
    outsider = Viewer(frozenset({"van-phong"}))
    for viewer in (PUBLIC, outsider):
        lc = BcdRetriever.from_settings(restricted_settings, k=100, viewer=viewer)
        for query in (SECRET_QUERY, "Hải Đăng Tám", "731 tỷ đồng", "kế hoạch mật"):
            documents = lc.invoke(query)
            assert documents and all(d.metadata["doc_id"] != SECRET_DOC for d in documents)
            assert all("Hải Đăng" not in d.page_content for d in documents)
        assert lc.batch([SECRET_QUERY])[0] == lc.invoke(SECRET_QUERY)
    for viewer in (Viewer(frozenset({"lanh-dao"})), TRUSTED):  # the document is there, for those who may read it
        lc = BcdRetriever.from_settings(restricted_settings, k=3, viewer=viewer)
        assert lc.invoke(SECRET_QUERY)[0].metadata["doc_id"] == SECRET_DOC
