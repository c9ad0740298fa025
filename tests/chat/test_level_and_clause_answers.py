"""Answers read from the part of a sentence the question is about: a thing at the level asked, the part of a whole
asked for, a task with who carries it out in a clause of its own, a count in a passage that shares few of the
question's other words, the holders of the roles a list asks for, a year naming the document asked of. Over small
documents of a made-up province, each set ingested into a real store."""

from __future__ import annotations

import pytest

from chat.service import ChatService
from tests.services import service_over

REPORT = """BÁO CÁO
Kết quả hội nghị trực tuyến về chuyển đổi số của tỉnh Sơn La năm 2026
Hội nghị được tổ chức theo hình thức trực tuyến, kết nối từ Trung ương đến các xã, phường trong toàn tỉnh Sơn La.
Hội nghị được truyền hình trực tiếp để cán bộ, đảng viên theo dõi.
Toàn tỉnh có 120 điểm cầu, trong đó 01 điểm cầu cấp tỉnh (tại Nhà văn hóa tỉnh) và 119 điểm cầu cấp xã với \
9.350 đảng viên tham dự.
I. KẾT QUẢ
Tỷ lệ hồ sơ được giải quyết trực tuyến toàn trình đạt 71,5%, tăng 4 điểm phần trăm so với cùng kỳ.
Việc số hóa kết quả giải quyết thủ tục hành chính tại cấp xã mới đạt 38%; một số xã chưa bố trí cán bộ chuyên trách.
Ủy ban nhân dân các huyện chỉ đạo cấp xã đẩy nhanh số hóa kết quả giải quyết thủ tục hành chính, bảo đảm đạt trên 75% \
trong quý 1/2027.
II. NHIỆM VỤ
1. Số hóa hồ sơ lưu trữ của các sở, ngành: hoàn thành trong năm 2027; Văn phòng Ủy ban nhân dân tỉnh chủ trì thực hiện.
2. Xây dựng trục liên thông văn bản của tỉnh, hoàn thành trong quý II năm 2026.
"""


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> ChatService:
    return service_over(tmp_path_factory, "son-la", {"bao-cao-hoi-nghi-son-la.txt": REPORT})


@pytest.mark.slow
def test_a_thing_asked_at_a_level_is_answered_by_the_sentence_giving_it_at_that_level(report: ChatService) -> None:
    result = report.answer("Khi Sơn La tổ chức hội nghị trực tuyến về chuyển đổi số, điểm cầu cấp tỉnh đặt ở đâu?")
    assert not result.refused and "Nhà văn hóa tỉnh" in result.answer


@pytest.mark.slow
def test_the_part_of_a_whole_asked_for_is_not_the_whole_figure(report: ChatService) -> None:
    """The province's rate names no level: asked "riêng ở cấp huyện", which no sentence gives, it is refused; asked
    for the communes, the sentence about them answers."""
    assert "71,5%" not in report.answer(
        "Tỷ lệ hồ sơ giải quyết trực tuyến toàn trình của Sơn La riêng ở cấp huyện đạt bao nhiêu?").answer
    commune = report.answer("Việc số hóa kết quả giải quyết thủ tục hành chính của Sơn La riêng ở cấp xã đạt bao "
                            "nhiêu?")
    assert not commune.refused and "38%" in commune.answer


@pytest.mark.slow
def test_a_task_with_who_carries_it_out_in_a_clause_of_its_own_is_dated_by_its_own_clause(
        report: ChatService) -> None:
    result = report.answer("Văn phòng Ủy ban nhân dân tỉnh Sơn La chủ trì số hóa hồ sơ lưu trữ, phải hoàn thành trong "
                           "năm nào?")
    assert not result.refused and "2027" in result.answer


@pytest.mark.slow
def test_a_count_of_people_is_read_from_the_passage_counting_them(report: ChatService) -> None:
    """The meeting's other passages share more of the question's words; the one counting party members is still
    read, and its count is the answer's evidence."""
    result = report.answer("Có bao nhiêu đảng viên Sơn La dự hội nghị trực tuyến về chuyển đổi số năm 2026?")
    assert not result.refused and "9.350" in result.answer


DECISION = """ỦY BAN NHÂN DÂN TỈNH SƠN LA
QUYẾT ĐỊNH
Về việc thành lập Ban Chỉ đạo chuyển đổi số tỉnh Sơn La
Điều 1. Thành lập Ban Chỉ đạo chuyển đổi số tỉnh Sơn La, gồm các thành viên sau:
1. Trưởng ban: Ông Nguyễn Văn Bình, Chủ tịch Ủy ban nhân dân tỉnh.
2. Phó Trưởng ban thường trực: Ông Lò Văn Khang, Giám đốc Sở Khoa học và Công nghệ.
3. Phó Trưởng ban: Bà Cầm Thị Lan, Phó Chủ tịch Ủy ban nhân dân tỉnh.
4. Các Ủy viên: Ông Quàng Văn Dũng, Giám đốc Sở Tài chính; Bà Lường Thị Mai, Giám đốc Sở Nội vụ.
Điều 2. Ban Chỉ đạo họp định kỳ 6 tháng một lần.
"""
NEWS = """Tin hoạt động
Chiều 12/11, Ban Chỉ đạo chuyển đổi số tỉnh Sơn La họp phiên thứ hai; dự họp có đồng chí Lò Văn Khang, Phó Trưởng ban \
thường trực Ban Chỉ đạo chuyển đổi số tỉnh, các thành viên Ban Chỉ đạo và lãnh đạo các huyện.
"""


PLAN = """KẾ HOẠCH
Chuyển đổi số năm 2026 của tỉnh Sơn La
I. NHIỆM VỤ
- Hoàn thành cơ sở dữ liệu giáo dục của 12 huyện, thành phố trong năm 2027.
- Cấp chữ ký số cho 100% cán bộ cấp xã.
"""


@pytest.fixture(scope="module")
def committee(tmp_path_factory: pytest.TempPathFactory) -> ChatService:
    return service_over(tmp_path_factory, "son-la-committee", {
        "quyet-dinh-ban-chi-dao.txt": DECISION, "tin-phien-hop.txt": NEWS, "ke-hoach-2026.txt": PLAN})


@pytest.mark.slow
def test_the_holders_of_the_roles_a_list_asks_for_are_the_lines_naming_them(committee: ChatService) -> None:
    """"Trưởng ban và các Phó Trưởng ban gồm những ai?" is the decision's three lines in those roles, each cited (a
    news item naming one of them in passing is not the list); the members in other roles are not listed."""
    result = committee.answer("Trưởng ban và các Phó Trưởng ban của Ban Chỉ đạo chuyển đổi số tỉnh Sơn La gồm những "
                              "ai?")
    assert not result.refused
    for name in ("Nguyễn Văn Bình", "Lò Văn Khang", "Cầm Thị Lan"):
        assert name in result.answer
    assert "Quàng Văn Dũng" not in result.answer and len(result.citations) == 3


@pytest.mark.slow
def test_a_year_naming_the_document_asked_of_is_no_year_of_the_fact(committee: ChatService) -> None:
    """"Theo kế hoạch năm 2026 …" names the plan; its task due in 2027 answers, though no sentence says "năm 2026"."""
    result = committee.answer("Theo kế hoạch năm 2026 của Sơn La, cơ sở dữ liệu giáo dục hoàn thành cho bao nhiêu "
                              "huyện?")
    assert not result.refused and "12 huyện" in result.answer


@pytest.mark.slow
def test_a_target_set_for_a_level_is_not_replaced_by_what_that_level_reached(report: ChatService) -> None:
    """The sentence directing the communes ("chỉ đạo cấp xã … bảo đảm đạt trên 75% trong quý 1/2027") answers the
    target asked for the communes in quý I/2027; the communes' 38% is where they stand, not the target."""
    result = report.answer("Đến quý I/2027, Sơn La phải đưa tỷ lệ số hóa kết quả thủ tục hành chính ở cấp xã lên mức "
                           "nào?")
    assert not result.refused and "75%" in result.answer and "38%" not in result.answer
