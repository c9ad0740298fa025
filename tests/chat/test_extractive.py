"""The offline answerer on the shipped corpus: facts in the answer text, citations quoting the source."""

import pytest

NAM_DINH = "nam-dinh-ban-chi-dao-hop-phien-dau-tien"


@pytest.mark.parametrize(("question", "fact"), [
    ("Ai là Trưởng Ban Chỉ đạo tỉnh Nam Định?", "Đặng Khánh Toàn"),
    ("Lào Cai có bao nhiêu trạm thu phát sóng?", "4.607"),
    ("Hội nghị toàn quốc về khoa học, công nghệ diễn ra ngày nào?", "13/01/2025"),
    ("Kế hoạch của UBND tỉnh Nam Định thực hiện chương trình hành động có số hiệu gì?", "29/UBND-KH"),
    ("Mức đầu tư cho khoa học công nghệ của Lào Cai đạt bao nhiêu?", "574 tỷ đồng"),
    ("Hà Nam có bao nhiêu điểm cầu tham dự hội nghị?", "252"),
    ("Giám đốc Sở Khoa học và Công nghệ Bắc Kạn là ai?", "Hoàng Văn Thiên"),
])
def test_factoid_answers_contain_the_fact(service, question: str, fact: str) -> None:
    result = service.answer(question)
    assert not result.refused
    assert fact in result.answer
    assert any(fact in c.quote for c in result.citations)


def test_citations_quote_the_cleaned_document_exactly(service, indexed_settings) -> None:
    result = service.answer("Ai là Trưởng Ban Chỉ đạo tỉnh Nam Định?")
    assert result.citations and "[1]" in result.answer
    for c in result.citations:
        text = (indexed_settings.data_dir / "documents" / f"{c.doc_id}.txt").read_text("utf-8")
        assert text[c.start:c.end] == c.quote
        assert c.source.endswith(".txt") and c.title and c.chunk_id.startswith(c.doc_id)
    assert result.citations[0].doc_id == NAM_DINH
    assert [c.n for c in result.citations] == list(range(1, len(result.citations) + 1))


@pytest.mark.parametrize("question", [
    "Giá vàng hôm nay là bao nhiêu?",
    "Thủ đô của Pháp là gì?",
    "Ai là Trưởng Ban Chỉ đạo tỉnh Hà Giang?",
    "Đội tuyển bóng đá Việt Nam vô địch năm nào?",
])
def test_unrelated_questions_are_refused(service, question: str) -> None:
    result = service.answer(question)
    assert result.refused and result.citations == []
    assert "không đề cập" in result.answer


def test_question_without_diacritics_is_answered(service) -> None:
    result = service.answer("ai la truong ban chi dao tinh nam dinh")
    assert not result.refused and "Đặng Khánh Toàn" in result.answer


def test_follow_up_uses_the_history(service) -> None:
    from chat.generators.base import Turn

    history = [Turn("user", "Ai là Trưởng Ban Chỉ đạo tỉnh Nam Định?"),
               Turn("assistant", "Đồng chí Đặng Khánh Toàn [1]")]
    result = service.answer("Ông ấy giữ chức vụ gì?", history=history)
    assert "Đặng Khánh Toàn" in result.standalone_question
    assert not result.refused and "Bí thư Tỉnh ủy" in result.answer
    assert result.citations[0].doc_id == NAM_DINH
    follow = service.answer("Còn tỉnh Lào Cai thì sao?", history=history)
    assert "Trưởng Ban Chỉ đạo" in follow.standalone_question and "Lào Cai" in follow.standalone_question
    assert not follow.refused and "Trịnh Việt Hùng" in follow.answer


@pytest.mark.parametrize("question", ["", "   \n\t "])
def test_empty_question_is_rejected(service, question: str) -> None:
    from chat.service import InvalidQuestionError

    with pytest.raises(InvalidQuestionError, match="empty"):
        service.answer(question)


def test_too_long_question_is_rejected(service) -> None:
    from chat.service import InvalidQuestionError

    with pytest.raises(InvalidQuestionError, match="limit"):
        service.answer("Ban Chỉ đạo " * 1000)
