"""Diacritic restoration of a question typed without diacritics."""

from __future__ import annotations

from retrieval.restore import DiacriticRestorer

NEWS = ["Báo cáo nhiều nội dung về chuyển đổi số của tỉnh.", "Ban Chỉ đạo tỉnh họp phiên đầu tiên.",
        "Tỉnh có nhiều trạm thu phát sóng."]


def test_interrogative_words_are_restored_against_news_words() -> None:
    restorer = DiacriticRestorer(NEWS)
    assert restorer.restore("tinh co bao nhieu tram") == "tỉnh có bao nhiêu trạm"
    assert restorer.restore("ban chi dao tinh hop khi nao") == "ban chỉ đạo tỉnh họp khi nào"


def test_no_question_phrasing_of_our_own_set_is_built_in() -> None:
    """Only the interrogative word class is known beyond the corpus: phrases that our Q&A set happens to use
    ("giữ chức vụ gì", "số hiệu gì", "tỷ lệ") are not restored from an empty corpus (issue 19)."""
    restorer = DiacriticRestorer([])
    assert restorer.restore("giu chuc vu gi") == "giu chuc vu gì"
    assert restorer.restore("so hieu gi ty le") == "so hieu gì ty le"
    assert DiacriticRestorer([], interrogative_weight=0).restore("bao nhieu") == "bao nhieu"
