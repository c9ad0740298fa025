"""Fact finders: the forms a fact takes in real sentences, and never what the question already says."""

from __future__ import annotations

import pytest

from chat.facts import fact_spans, has_fact


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Đế quốc Đức được tuyên bố thành lập ngày 18 tháng 1 năm 1871 tại Versailles.", "ngày 18 tháng 1 năm 1871"),
    ("Hội nghị diễn ra sáng 13/01/2025 tại Hà Nam.", "sáng 13/01/2025"),
    ("Trận đánh diễn ra năm 1815.", "năm 1815"),
    ("Kiến trúc này phát triển vào thế kỷ XIX.", "thế kỷ XIX"),
    ("Kết quả được công bố trong tháng 10/2025.", "tháng 10/2025"),
])
def test_dates_in_their_usual_forms(sentence: str, expected: str) -> None:
    assert expected in fact_spans("date", sentence)


def test_quantities_are_not_dates_or_document_numbers() -> None:
    assert fact_spans("count", "Theo Nghị quyết 57-NQ/TW ngày 22/12/2024, tỉnh lắp đặt 4.607 trạm phát sóng.") == [
        "4.607 trạm phát"]
    assert not has_fact("count", "Nghị quyết 57-NQ/TW ban hành ngày 22/12/2024.")
    assert fact_spans("count", "Tỷ lệ đạt 84,2% so với kế hoạch.")[0].startswith("84,2%")


def test_names_foreign_and_vietnamese() -> None:
    assert "Otto von Bismarck" in fact_spans("person", "Thủ tướng lúc đó là Otto von Bismarck.")
    assert "Đặng Khánh Toàn" in fact_spans("person", "Đồng chí Đặng Khánh Toàn, Bí thư Tỉnh ủy, chủ trì.")


def test_the_question_own_words_are_not_the_answer() -> None:
    sentence = "Đồng chí Đặng Khánh Toàn, Trưởng Ban Chỉ đạo, chủ trì hội nghị."
    assert "Đặng Khánh Toàn" not in fact_spans("person", sentence, "Ông Đặng Khánh Toàn giữ chức vụ gì?")
    assert fact_spans(None, sentence) == []


def test_a_cited_document_s_own_date_not_the_next_one() -> None:
    sentence = ("Tỉnh đã triển khai Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị, Nghị quyết số "
                "03/NQ-CP ngày 09/01/2025 của Chính phủ")
    assert fact_spans("date", sentence, "Nghị quyết 03/NQ-CP ban hành ngày nào?", ["3nqcp"]) == ["ngày 09/01/2025"]
    assert fact_spans("date", sentence, "Nghị quyết 57-NQ/TW ban hành ngày nào?", ["57nqtw"]) == ["ngày 22/12/2024"]
    other = "Triển khai Nghị quyết số 57 NQ/TW, Tỉnh ủy đã ban hành Chương trình hành động số 54-CTr/TU, ngày 24/02/2025"
    assert fact_spans("date", other, "Nghị quyết 57-NQ/TW ban hành ngày nào?", ["57nqtw"]) == []
    assert fact_spans("date", other, "Chương trình hành động ban hành ngày nào?") == ["ngày 24/02/2025"]
