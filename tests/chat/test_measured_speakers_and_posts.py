"""Answers read from what a sentence says of the thing asked: the clause stating a figure names what it measures, a
count of a part of the province is not the whole province's, what a person said is his own words, all the posts a
person holds, a line labelled with what is asked, a body's name with the field it is of. Over small documents of
a made-up year in Phú Yên, ingested into a real store."""

from __future__ import annotations

import pytest

from chat.evidence import _another_measure
from chat.generators.base import Turn
from chat.service import ChatService
from tests.services import service_over

RESOLUTION = """NGHỊ QUYẾT
về phát triển khoa học, công nghệ và chuyển đổi số tỉnh Phú Yên đến năm 2030, tầm nhìn đến năm 2045
I. TÌNH HÌNH
Giai đoạn 2021 - 2024, tỉnh đã hoàn thành kết nối mạng truyền số liệu tới 100% xã, phường; tỷ lệ hồ sơ được xử lý \
trực tuyến đạt 61,2%; 15 nhiệm vụ khoa học được nghiệm thu.
Tuy nhiên, tiềm lực khoa học còn hạn chế; chi cho khoa học và công nghệ mới đạt 0,4% tổng chi ngân sách địa phương; \
hạ tầng số ở miền núi còn thiếu.
Đối với hạ tầng số, toàn tỉnh có 2.150 trạm thu phát sóng; hiện có 01 trung tâm dữ liệu của tỉnh.
II. MỤC TIÊU
c) Tầm nhìn đến năm 2045: Phú Yên trở thành tỉnh phát triển khá của khu vực duyên hải, có chính quyền số vận hành \
hiệu quả.
"""

NEWS = """Phú Yên: hội nghị Ban Chỉ đạo về khoa học, công nghệ và chuyển đổi số
Dự hội nghị có các đồng chí: Lê Thị Hoa, Phó Bí thư Thường trực Tỉnh ủy; Trần Văn Bình, Chủ tịch UBND tỉnh.
Phát biểu kết luận hội nghị, đồng chí Nguyễn Văn Hải - Bí thư Tỉnh ủy, Trưởng Ban Chỉ đạo nhấn mạnh phải lấy sản \
phẩm làm thước đo kết quả.
Đồng chí nhấn mạnh, các ý kiến đóng góp cho thấy nhận thức sâu sắc của các ngành về nhiệm vụ của tỉnh.
Từ sự thay đổi cách làm "chuyển từ làm thủ công sang làm trên môi trường số", các ngành thấy rõ tính cấp thiết.
Đồng chí đề nghị thành lập Viện Nghiên cứu về nông nghiệp công nghệ cao và dữ liệu số; giao Sở Khoa học và Công \
nghệ tham mưu.
Đó là chỉ đạo của đồng chí Nguyễn Văn Hải - Ủy viên dự khuyết Ban Chấp hành Trung ương Đảng, Bí thư Tỉnh ủy, Chủ \
tịch HĐND tỉnh, Trưởng Ban Chỉ đạo tỉnh Phú Yên.
"""

PLAN = """KẾ HOẠCH
Triển khai chuyển đổi số tỉnh Phú Yên năm 2026
Xây dựng Nghị quyết của Hội đồng nhân dân tỉnh quy định chính sách hỗ trợ hợp tác xã chuyển đổi số, trình tại kỳ họp \
cuối năm 2026.
Ban Chỉ đạo về khoa học, công nghệ và chuyển đổi số tỉnh theo dõi, đôn đốc; định kỳ 6 tháng báo cáo Tỉnh ủy.
PHỤ LỤC
Nhiệm vụ: Xây dựng Nghị quyết về chính sách hỗ trợ hợp tác xã chuyển đổi số; Cơ quan chủ trì: Sở Nông nghiệp và Môi \
trường; Cơ quan phối hợp: Sở Tài chính; Thời hạn hoàn thành: Tháng 9/2026
Nhiệm vụ: Mở lớp tập huấn kỹ năng số cho hợp tác xã; Cơ quan chủ trì: Liên minh Hợp tác xã tỉnh; Cơ quan phối hợp: \
Sở Nội vụ; Thời hạn hoàn thành: Tháng 11/2026
"""


@pytest.fixture(scope="module")
def phu_yen(tmp_path_factory: pytest.TempPathFactory) -> ChatService:
    return service_over(tmp_path_factory, "phu-yen", {"nghi-quyet-phu-yen.txt": RESOLUTION,
                                                       "tin-hoi-nghi-phu-yen.txt": NEWS,
                                                       "ke-hoach-phu-yen.txt": PLAN})


@pytest.mark.slow
def test_a_figure_is_read_from_the_clause_naming_what_it_measures(phu_yen: ChatService) -> None:
    """The period opens one sentence, whose figures measure other things; what is measured is named in the next."""
    result = phu_yen.answer("Tỷ lệ chi cho khoa học và công nghệ trên tổng chi ngân sách địa phương: Phú Yên giai "
                            "đoạn 2021 - 2024 mới đạt bao nhiêu?")
    assert not result.refused and "0,4%" in result.answer.split("\n")[0]


@pytest.mark.slow
def test_a_count_of_a_part_of_the_province_is_not_the_whole_provinces(phu_yen: ChatService) -> None:
    assert phu_yen.answer("Phú Yên có bao nhiêu trạm thu phát sóng ở các xã ven biển?").refused
    whole = phu_yen.answer("Phú Yên có tất cả bao nhiêu trạm thu phát sóng?")
    assert not whole.refused and "2.150" in whole.answer


@pytest.mark.slow
def test_what_a_person_said_is_not_what_others_said_beside_him(phu_yen: ChatService) -> None:
    """She is only listed among those present: what she said is not in the documents; he spoke."""
    assert phu_yen.answer("Tại hội nghị Ban Chỉ đạo Phú Yên, đồng chí Lê Thị Hoa phát biểu những nội dung gì?").refused
    spoke = phu_yen.answer("Tại hội nghị Ban Chỉ đạo Phú Yên, đồng chí Nguyễn Văn Hải nhấn mạnh điều gì?")
    assert not spoke.refused and "thước đo" in spoke.answer


@pytest.mark.slow
def test_every_post_a_person_holds_is_given(phu_yen: ChatService) -> None:
    """Two sentences name him with a dash before his posts; the one giving all four answers."""
    history = [Turn("user", "Trưởng Ban Chỉ đạo tỉnh Phú Yên năm nay là vị nào?"),
               Turn("assistant", "Nguyễn Văn Hải — Phát biểu kết luận hội nghị, đồng chí Nguyễn Văn Hải - Bí thư "
                                 "Tỉnh ủy, Trưởng Ban Chỉ đạo nhấn mạnh … [1]")]
    result = phu_yen.answer("Ngoài Trưởng Ban Chỉ đạo, ông ấy ở Phú Yên đang giữ những chức gì?", history)
    assert not result.refused
    assert "Ủy viên dự khuyết Ban Chấp hành Trung ương Đảng" in result.answer and "Chủ tịch HĐND" in result.answer


@pytest.mark.slow
def test_a_line_labelled_with_what_is_asked_answers_before_a_title_naming_it(phu_yen: ChatService) -> None:
    result = phu_yen.answer("Tầm nhìn đến năm 2045 của Phú Yên trong nghị quyết là gì?")
    assert not result.refused and "duyên hải" in result.answer.split("\n")[0]


@pytest.mark.slow
def test_a_body_the_question_names_is_answered_with_its_field(phu_yen: ChatService) -> None:
    result = phu_yen.answer("Bí thư Tỉnh ủy Phú Yên đề nghị thành lập viện nghiên cứu nào?")
    assert not result.refused and "nông nghiệp công nghệ cao" in result.answer


@pytest.mark.slow
def test_a_task_row_stating_all_that_is_asked_is_kept_over_a_text_naming_the_task_better(phu_yen: ChatService) -> None:
    """The plan's text names the task with the council, but no body; the appendix row gives both body and month."""
    result = phu_yen.answer("Phụ lục kế hoạch của Phú Yên: nhiệm vụ xây dựng nghị quyết của HĐND tỉnh về chính sách hỗ "
                            "trợ hợp tác xã chuyển đổi số do sở nào chủ trì, hạn tháng mấy?")
    assert not result.refused and "Sở Nông nghiệp và Môi trường" in result.answer and "9/2026" in result.answer


def test_a_measure_of_one_thing_is_not_the_same_measure_of_another() -> None:
    sentence = "Đến năm 2030, tỉnh nằm trong nhóm 15 địa phương dẫn đầu cả nước về chỉ số chuyển đổi số."
    assert _another_measure("nằm trong nhóm bao nhiêu địa phương dẫn đầu về chỉ số đổi mới sáng tạo?", sentence)
    assert not _another_measure("nằm trong nhóm bao nhiêu địa phương dẫn đầu về chỉ số chuyển đổi số?", sentence)


@pytest.mark.slow
def test_whoever_a_sentence_says_oversees_the_plan_answers_who_oversees_it(phu_yen: ChatService) -> None:
    result = phu_yen.answer("Kế hoạch chuyển đổi số năm 2026 của Phú Yên giao ai theo dõi, đôn đốc việc thực hiện?")
    assert not result.refused and result.answer.startswith("Ban Chỉ đạo về khoa học, công nghệ")


@pytest.mark.slow
def test_an_open_question_is_answered_by_a_sentence_holding_the_thing_it_asks_which_of(phu_yen: ChatService) -> None:
    """"… sự thay đổi nào?": not the sentence that only repeats that he stressed something."""
    result = phu_yen.answer("Tại hội nghị Phú Yên, đồng chí Nguyễn Văn Hải nhấn mạnh sự thay đổi nào?")
    assert not result.refused and "chuyển từ làm thủ công" in result.answer.split("\n")[0]
