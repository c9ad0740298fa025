"""The sentence-level grounding check of generated answers, fed whole and as a token stream."""

import pytest

from chat.generators.base import Passage
from chat.grounding import GroundingChecker, numbers
from retrieval.hybrid import Hit

PASSAGES = [
    Passage(1, Hit("c1", "d1", "Đồng chí Đặng Khánh Toàn, Bí thư Tỉnh ủy, Trưởng Ban Chỉ đạo chủ trì hội nghị. "
                   "Toàn tỉnh có 4.607 trạm thu phát sóng di động.", 1.0,
                   {"title": "Nam Định họp Ban Chỉ đạo", "province": "Nam Định", "event_date": "2025-03-10"})),
    Passage(2, Hit("c2", "d2", "Tỷ lệ hồ sơ trực tuyến toàn trình đạt 84,2% trong quý I.", 0.9,
                   {"title": "Lào Cai đôn đốc nhiệm vụ", "province": "Lào Cai"})),
]


def _checker() -> GroundingChecker:
    return GroundingChecker(PASSAGES, idf=lambda term: 1.0, min_overlap=0.6)


def _run(text: str, piece: int | None = None) -> list:
    checker = _checker()
    if piece is None:
        return checker.feed(text) + checker.finish()
    decided = []
    for i in range(0, len(text), piece):
        decided += checker.feed(text[i:i + piece])
    return decided + checker.finish()


ANSWER = ("Trưởng Ban Chỉ đạo là đồng chí Đặng Khánh Toàn, Bí thư Tỉnh ủy [1]. Toàn tỉnh có 4.607 trạm "
          "thu phát sóng [1]. Hội nghị có 350 đại biểu tham dự [1]. Tỉnh sẽ xây sân bay quốc tế mới [1].\n"
          "Tỷ lệ hồ sơ trực tuyến đạt 84,2% [2]. Đây là kết quả tốt nhất cả nước.")


def test_supported_sentences_kept_invented_numbers_and_facts_removed() -> None:
    checks = _run(ANSWER)
    assert [c.grounded for c in checks] == [True, True, False, False, True, False]
    assert checks[2].missing_numbers == ["350"]
    assert "overlap" in checks[3].reason
    assert checks[5].cited == [2] and not checks[5].grounded  # inherits [2] from its paragraph, still unsupported


@pytest.mark.parametrize("piece", [1, 3, 17])
def test_streamed_in_any_pieces_gives_the_same_decisions(piece: int) -> None:
    whole = [(c.text, c.cited, c.grounded) for c in _run(ANSWER)]
    assert [(c.text, c.cited, c.grounded) for c in _run(ANSWER, piece)] == whole


def test_sentences_are_decided_while_streaming_not_only_at_the_end() -> None:
    checker = _checker()
    first = checker.feed("Trưởng Ban Chỉ đạo là đồng chí Đặng Khánh Toàn [1]. Toàn tỉnh có 4.607 trạm thu ")
    assert first == []  # the first sentence waits: the next one might begin with its markers
    assert [c.grounded for c in checker.feed("phát sóng [1]. Tiếp")] == [True]


def test_markers_after_the_full_stop_and_at_paragraph_end_cover_their_sentences() -> None:
    checks = _run("Trưởng Ban Chỉ đạo là đồng chí Đặng Khánh Toàn. [1] Toàn tỉnh có 4.607 trạm thu phát sóng. "
                  "Đó là số liệu của tỉnh [1].")
    assert [c.cited for c in checks] == [[1], [1], [1]]
    assert checks[0].grounded and checks[1].grounded


def test_uncited_paragraph_and_unknown_passages_are_removed() -> None:
    checks = _run("Đồng chí Đặng Khánh Toàn là Trưởng Ban Chỉ đạo.\nToàn tỉnh có 4.607 trạm [7].")
    assert [c.reason for c in checks] == ["no citation", "cites no retrieved passage"]


def test_an_echoed_question_is_not_an_answer() -> None:
    checks = _run("Ai là Trưởng Ban Chỉ đạo tỉnh Nam Định? [1] Đồng chí Đặng Khánh Toàn là Trưởng Ban Chỉ đạo [1].")
    assert [c.grounded for c in checks] == [False, True] and checks[0].reason.startswith("a question")


def test_header_date_and_title_count_as_the_passage() -> None:
    checks = _run("Ngày 10/3/2025, Nam Định họp Ban Chỉ đạo [1].")
    assert checks[0].grounded


def test_numbers_compare_in_one_form() -> None:
    assert numbers("4.607 trạm, 84,2%, ngày 05/3/2025, Nghị quyết 57-NQ/TW") == {
        "4607", "84.2", "5", "3", "2025", "57"}
    assert numbers("1,000,000 đồng") == {"1000000"} and numbers("84.20") == {"84.2"}
