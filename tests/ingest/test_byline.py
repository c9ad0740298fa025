"""A news article's byline: its last line when it credits a writer, never a closing sentence."""

from __future__ import annotations

import pytest

from ingest.byline import read_byline


@pytest.mark.parametrize(("last_line", "credited"), [
    ("Tin: Trần Minh, Ảnh: Lò Hà", True),
    ("Bài và ảnh: Quàng Thị Hoa", True),
    ("Theo Báo Sơn La", True),
    ("Trung tâm Truyền thông tỉnh Yên Bái", True),
    ("Phòng Thông tin - Tuyên truyền, Ban Tuyên giáo Huyện ủy", True),
    ("Toàn cảnh buổi làm việc.", False),  # a caption closes as a sentence does
    ("Ban Chỉ đạo cần rà soát các nhiệm vụ còn chậm", False),  # a sentence left unclosed, not a body's name
    ("Đồng chí Giám đốc Sở phát biểu kết luận", False),
    ("Theo đó các xã hoàn thành trong tháng 6", False),  # "Theo" opening a sentence, no source named
])
def test_the_last_line_is_a_byline_only_when_it_credits_a_writer(last_line: str, credited: bool) -> None:
    text = f"Sáng 12/5, Ban Chỉ đạo họp phiên thứ ba.\n\n{last_line}\n"
    found = read_byline(text)
    assert (found is not None) == credited
    if found is not None:
        assert text[found[0]:found[1]] == last_line


def test_an_empty_text_has_no_byline() -> None:
    assert read_byline("") is None and read_byline("\n \n") is None
