"""What the holder of a post did, asked by the post: answered by the sentence about whoever holds that post of that
body, and refused where the report gives that post of the body to no one (only the same post of another body, or its
deputy's). Over a made-up meeting report ingested into a real store."""

from __future__ import annotations

import pytest

from chat.service import ChatService
from tests.services import service_over

REPORT = """Tuyên Quang: Ban Chỉ đạo về chuyển đổi số tỉnh họp phiên thứ ba
Sáng 12/3, Ban Chỉ đạo về chuyển đổi số tỉnh Tuyên Quang tổ chức phiên họp thứ ba năm 2026.
Đồng chí Lâm Văn Đạt - Chủ tịch HĐND tỉnh phát biểu về việc giám sát các dự án dữ liệu dùng chung.
Đồng chí Mạc Thị Huyền - Phó Chủ tịch Thường trực UBND tỉnh tham gia ý kiến về việc cấp chữ ký số cho cán bộ xã.
Đồng chí Tô Minh Khang - Phó Bí thư Thường trực Tỉnh ủy phát biểu chỉ đạo về đào tạo nhân lực số cho thanh niên.
Giám đốc Sở Khoa học và Công nghệ báo cáo tiến độ xây dựng kho dữ liệu nông nghiệp của tỉnh.
"""


@pytest.fixture(scope="module")
def meeting(tmp_path_factory: pytest.TempPathFactory) -> ChatService:
    return service_over(tmp_path_factory, "tuyen-quang", {"phien-hop-thu-ba-tuyen-quang.txt": REPORT})


@pytest.mark.slow
def test_a_post_only_another_body_s_holder_or_a_deputy_holds_is_refused(meeting: ChatService) -> None:
    """"Chủ tịch UBND tỉnh" is neither the council's chairman nor the committee's standing vice-chairwoman."""
    result = meeting.answer("Tại phiên họp thứ ba, Chủ tịch UBND tỉnh Tuyên Quang phát biểu về vấn đề gì?")
    assert result.refused, result.answer


@pytest.mark.slow
def test_the_post_held_is_answered_whatever_words_stand_between_post_and_body(meeting: ChatService) -> None:
    """"Phó Bí thư Tỉnh ủy" is the "Phó Bí thư Thường trực Tỉnh ủy"; "Chủ tịch HĐND" the council's chairman; a post
    given by its body alone ("Giám đốc Sở KH&CN") is that body's."""
    deputy = meeting.answer("Phó Bí thư Tỉnh ủy Tuyên Quang phát biểu chỉ đạo về nội dung gì tại phiên họp thứ ba?")
    assert not deputy.refused and "đào tạo nhân lực số" in deputy.answer, deputy.answer
    council = meeting.answer("Chủ tịch Hội đồng nhân dân tỉnh Tuyên Quang phát biểu về việc gì ở phiên họp thứ ba?")
    assert not council.refused and "giám sát các dự án dữ liệu" in council.answer, council.answer
    department = meeting.answer("Giám đốc Sở KH&CN Tuyên Quang báo cáo tiến độ việc gì?")
    assert not department.refused and "kho dữ liệu nông nghiệp" in department.answer, department.answer
