"""Hybrid retrieval over the real index of the shipped corpus."""

from datetime import date

import pytest

from retrieval.filters import SearchFilters
from retrieval.question import EmptyQueryError
from tests.questions import LAO_CAI_STATIONS, NAM_DINH_HEAD, NAM_DINH_HEAD_FOLDED

NAM_DINH = "nam-dinh-ban-chi-dao-hop-phien-dau-tien"
LAO_CAI = "lao-cai-hoi-nghi-don-doc-nhiem-vu-trong-tam-2025"
BAC_KAN = "bac-kan-hop-ban-chi-dao-bao-cao-thuc-hien-nq57"


@pytest.mark.parametrize(("query", "doc_id", "must_contain"), [
    (NAM_DINH_HEAD, NAM_DINH, "Đặng Khánh Toàn"),
    (LAO_CAI_STATIONS, LAO_CAI, "4.607"),
    ("Chương trình hành động số 35-CTr/TU", BAC_KAN, "35-CTr/TU"),
    (NAM_DINH_HEAD_FOLDED, NAM_DINH, "Đặng Khánh Toàn"),
])
def test_the_answering_chunk_is_in_the_top_three(retriever, query: str, doc_id: str, must_contain: str) -> None:
    hits = retriever.search(query, k=3)
    assert any(h.doc_id == doc_id and must_contain in h.text for h in hits)


def test_hits_carry_scores_ranks_and_unpacked_metadata(retriever) -> None:
    hits = retriever.search("kinh phí cho khoa học công nghệ", k=5)
    assert len(hits) == 5
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    meta = hits[0].metadata
    assert isinstance(meta["doc_numbers"], list) and "lexical" not in meta
    assert {"title", "source", "province", "start", "end"} <= set(meta)


def test_dense_and_lexical_modes_each_find_results(retriever) -> None:
    dense = retriever.search("số hóa dữ liệu di tích lịch sử", k=3, mode="dense")
    lexical = retriever.search("số hóa dữ liệu di tích lịch sử", k=3, mode="lexical")
    assert dense and lexical
    assert all(h.lexical_rank is None for h in dense) and all(h.dense_rank is None for h in lexical)


@pytest.mark.parametrize(("question", "doc", "holds"), [
    ("số hóa dữ liệu di tích lịch sử", "dien-bien-phien-hop-thu-nhat-ban-chi-dao-57", "di tích"),
    ("trạm phát sóng điện thoại di động", "lao-cai-hoi-nghi-don-doc-nhiem-vu-trong-tam-2025", "4.607"),
])
def test_dense_search_alone_ranks_the_matching_chunk_first(retriever, question: str, doc: str, holds: str) -> None:
    """The embedding side by itself (no BM25, no rerank) puts the chunk that answers a reworded question first."""
    hits = retriever.search(question, k=3, mode="dense", rerank=False)
    assert hits[0].doc_id == doc and holds in hits[0].text and hits[0].dense_rank == 0


def test_province_filter_restricts_every_hit(retriever) -> None:
    hits = retriever.search("Trưởng Ban Chỉ đạo", k=10, filters=SearchFilters(province="lao cai"))
    assert hits and {h.doc_id for h in hits} == {LAO_CAI}


def test_document_number_filter_matches_any_written_form(retriever) -> None:
    for form in ("35-CTr/TU", "35 ctr tu"):
        hits = retriever.search("chương trình hành động", k=10, filters=SearchFilters(doc_number=form))
        assert hits and {h.doc_id for h in hits} == {BAC_KAN}


def test_date_range_filter(retriever) -> None:
    hits = retriever.search("hội nghị", k=20, filters=SearchFilters(date_from=date(2025, 3, 1),
                                                                     date_to=date(2025, 3, 31)))
    assert hits and {h.doc_id for h in hits} == {NAM_DINH}
    assert retriever.search("hội nghị", filters=SearchFilters(date_from=date(2030, 1, 1))) == []


def test_reversed_date_range_is_rejected() -> None:
    with pytest.raises(ValueError, match="after"):
        SearchFilters(date_from=date(2025, 2, 1), date_to=date(2025, 1, 1))


@pytest.mark.parametrize("query", ["", "   ", "?!.,"])
def test_empty_query_is_a_clear_error(retriever, query: str) -> None:
    with pytest.raises(EmptyQueryError):
        retriever.search(query)


def test_province_named_in_the_query_boosts_without_filtering(retriever) -> None:
    hits = retriever.search("Trưởng Ban Chỉ đạo tỉnh Lào Cai", k=10)
    assert hits[0].doc_id == LAO_CAI
    assert len({h.doc_id for h in hits}) > 1
