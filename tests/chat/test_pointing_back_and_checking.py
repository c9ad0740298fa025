"""Questions that point back, check a guess or ask of two at once, read as asked: "trưởng ban đó" is the committee
the last answer named; "Có phải … không?" after "… là ai?" only checks the answer; "A và B đều …" asks each; a
meeting named by its number sets a part of its own; a part about the one a refused part would have named is refused
too; a day the documents never write is not answered by another's report (made-up documents, a real store)."""

from __future__ import annotations

import pytest

from chat.generators.base import Turn
from chat.memory import question_parts, standalone_question
from chat.preamble import without_preamble, without_request
from chat.service import ChatService
from retrieval.asked import roles_in
from tests.services import service_over


def test_a_word_pointing_back_or_what_the_holder_does_ends_a_role() -> None:
    assert roles_in("Ai giữ chức trưởng ban đó?") == {("truong", ("ban",))}
    assert roles_in("Vị phó trưởng ban còn lại của tổ công tác tên gì?") == {("pho truong", ("ban",))}
    assert roles_in("đồng chí Trưởng ban yêu cầu Sở Nội vụ làm gì") == {("truong", ("ban",))}
    assert roles_in("Trưởng Ban Chỉ đạo tỉnh Yên Bái là ai") == {("truong", ("ban", "chi"))}  # (a body's own words)


def test_the_committee_pointed_back_at_is_the_one_the_last_answer_named() -> None:
    history = [Turn("user", "Hội nghị ở Sơn La công bố thành lập ban chỉ đạo nào?"),
               Turn("assistant", "Ban Chỉ đạo Chuyển đổi số tỉnh — Hội nghị công bố quyết định thành lập Ban Chỉ đạo "
                                 "Chuyển đổi số tỉnh. [1]")]
    asked = standalone_question("Người đứng đầu ban đó tên gì?", history)
    assert "Ban Chỉ đạo Chuyển đổi số tỉnh" in asked and "ban đó" not in asked, asked


def test_a_guess_put_to_be_checked_after_a_question_is_no_part_of_it() -> None:
    assert without_preamble("Người ký quyết định thành lập tổ công tác ở Yên Bái là ai? Có phải Giám đốc Sở Nội vụ "
                            "không?") == "Người ký quyết định thành lập tổ công tác ở Yên Bái là ai?"
    assert without_preamble("Ai ký? Là ông Khang đúng không ạ?") == "Ai ký?"
    # a guess asked alone is the question; a second question stays
    assert without_preamble("Tổ công tác họp ngày 3/4 phải không?") == "Tổ công tác họp ngày 3/4 phải không?"
    assert without_preamble("Ai ký? Ký ngày nào?") == "Ai ký? Ký ngày nào?"


def test_a_request_opening_the_question_is_not_what_is_asked() -> None:
    assert without_request("Xin hỏi về mạng di động ở Yên Bái: còn bao nhiêu bản chưa có sóng?") == \
        "Về mạng di động ở Yên Bái: còn bao nhiêu bản chưa có sóng?"
    assert without_request("cho toi hoi quy che co may chuong") == "quy che co may chuong"
    for question in ("Cho Hội Nông dân bao nhiêu tiền?", "Xin hỏi ạ?", "Ai ký quy chế?"):
        assert without_request(question) == question


def test_two_subjects_said_to_do_the_same_are_each_asked_of() -> None:
    parts = question_parts("Tỉnh ủy Sơn La và Tỉnh ủy Yên Bái đều ban hành kế hoạch về dữ liệu số, kế hoạch của mỗi "
                           "nơi mang số hiệu gì?")
    assert [p.split(" ban hành")[0] for p in parts] == ["Tỉnh ủy Sơn La", "Tỉnh ủy Yên Bái"], parts
    # (a heading before a colon over two questions of their own: tests/chat/test_memory.py)


def test_a_meeting_named_by_its_number_sets_a_part_of_its_own() -> None:
    parts = question_parts("Bản chưa có điện ở Yên Bái: theo Nghị quyết 8 là bao nhiêu, đến phiên họp thứ ba của tổ "
                           "công tác còn bao nhiêu?")
    assert len(parts) == 2 and "phiên họp thứ ba" in parts[1] and "Nghị quyết 8" not in parts[1], parts
    # a comma listing two nouns after the question word ends no question
    assert len(question_parts("Nghị quyết 8 nói còn bao nhiêu bản, làng chưa có điện, tới phiên họp thứ ba thì còn "
                              "bao nhiêu?")) == 1


def test_a_question_asked_after_another_is_set_in_the_document_it_cites() -> None:
    first, second = question_parts("Kế hoạch 41/KH-UBND giao lập quy chế trong tháng nào? Tổ công tác báo cáo "
                                   "UBND tỉnh bao lâu một lần?")
    assert "41/KH-UBND" in second, second


REPORT = """Yên Bái: Tổ công tác chuyển đổi số họp phiên thứ nhất
Tại phiên họp, tổ công tác nghe dự thảo quy chế làm việc và chương trình công tác năm 2026.
Đồng chí Vàng A Sình, Bí thư Huyện ủy Mù Cang Chải, tham gia ý kiến về việc phủ sóng di động cho các bản vùng cao.
Tỉnh ủy Yên Bái đã ban hành Chương trình hành động số 41-CTr/TU về chuyển đổi số trên địa bàn tỉnh.
"""

SECOND = """Sơn La: hội nghị triển khai chuyển đổi số năm 2026
Sáng 9/3/2026, Tỉnh ủy Sơn La tổ chức hội nghị triển khai chuyển đổi số năm 2026.
Tỉnh ủy Sơn La đã ban hành Chương trình hành động số 52-CTr/TU về chuyển đổi số.
Phát biểu tại hội nghị, đồng chí Bí thư Tỉnh ủy Sơn La lưu ý phải hoàn thành cơ sở dữ liệu dân cư trong năm 2026.
"""


NOTICE = """ỦY BAN NHÂN DÂN TỈNH YÊN BÁI
TỔ CÔNG TÁC CHUYỂN ĐỔI SỐ
Số: 7/TB-TCT
THÔNG BÁO
Kết luận của Tổ trưởng Tổ công tác chuyển đổi số tại phiên họp thứ nhất năm 2026
Nhiệm vụ thời gian tới:
a) Sở Công Thương phối hợp với các ngân hàng mở rộng thanh toán không dùng tiền mặt, xong trước ngày 30/6/2026.
b) Sở Y tế chủ trì triển khai bệnh án điện tử tại các bệnh viện tuyến huyện trước ngày 31/8/2026.
c) Ủy ban nhân dân các huyện rà soát danh sách bản chưa có điện lưới, báo cáo trong quý III/2026.
"""


COMMITTEE = ("Lai Châu: Ban Chỉ đạo chuyển đổi số tỉnh họp phiên đầu tiên\n"
             "Dự phiên họp có các đồng chí: Lò Văn Thắm, Bí thư Tỉnh ủy, Trưởng BCĐ; Giàng A Lử, Phó Bí thư Tỉnh ủy, "
             "Chủ tịch UBND tỉnh, Phó Trưởng ban Thường trực BCĐ; các đồng chí Ủy viên Ban Thường vụ Tỉnh ủy.\n") + """\
Đồng chí Giàng A Lử, Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh phát biểu về việc đào tạo nhân lực số.
Toàn tỉnh có 136 điểm cầu, trong đó 01 điểm cầu cấp tỉnh và 135 điểm cầu cấp xã.
"""


@pytest.fixture(scope="module")
def provinces(tmp_path_factory: pytest.TempPathFactory) -> ChatService:
    return service_over(tmp_path_factory, "pointing-back", {"to-cong-tac-yen-bai.txt": REPORT,
                                                            "hoi-nghi-son-la.txt": SECOND,
                                                            "thong-bao-7-tb-tct.txt": NOTICE,
                                                            "ban-chi-dao-lai-chau.txt": COMMITTEE})


@pytest.mark.slow
def test_a_line_named_by_its_letter_answers(provinces: ChatService) -> None:
    """"nhiệm vụ b)" is the line lettered b), whichever line shares more words with the question; a follow-up's own
    letter counts, not the one of the question before it."""
    second = provinces.answer("Theo Thông báo 7/TB-TCT, nhiệm vụ b) giao cho cơ quan nào?")
    assert not second.refused and second.answer.startswith("Sở Y tế"), second.answer
    history = [Turn("user", "Theo Thông báo 7/TB-TCT, nhiệm vụ b) giao cho cơ quan nào?"),
               Turn("assistant", second.answer)]
    first = provinces.answer("Còn mục a giao cho cơ quan nào, hạn khi nào?", history)
    assert "Sở Công Thương" in first.answer and "30/6/2026" in first.answer, first.answer


@pytest.mark.slow
def test_a_day_no_document_writes_is_not_answered(provinces: ChatService) -> None:
    """The Yên Bái report dates its meeting nowhere: "… họp sáng 14/2 phải không?" is not confirmed by it."""
    result = provinces.answer("Tổ công tác chuyển đổi số Yên Bái họp phiên thứ nhất sáng 14/2 phải không?")
    assert result.refused, result.answer
    dated = provinces.answer("Hội nghị triển khai chuyển đổi số của Tỉnh ủy Sơn La ngày 9/3/2026 do ai tổ chức?")
    assert not dated.refused, dated.answer


@pytest.mark.slow
def test_a_part_about_whom_a_refused_part_would_name_is_refused(provinces: ChatService) -> None:
    """No document names the chairman of Yên Bái's People's Committee: what "người đó" said is not Vàng A Sình's."""
    result = provinces.answer("Chủ tịch UBND tỉnh Yên Bái là ai và người đó phát biểu gì tại phiên họp?")
    assert result.refused, result.answer


@pytest.mark.slow
def test_each_of_two_committees_said_to_do_the_same_is_answered(provinces: ChatService) -> None:
    result = provinces.answer("Tỉnh ủy Yên Bái và Tỉnh ủy Sơn La đều có chương trình hành động về chuyển đổi số, "
                              "số hiệu của mỗi chương trình là gì?")
    assert "41-CTr/TU" in result.answer and "52-CTr/TU" in result.answer, result.answer


@pytest.mark.slow
def test_what_a_speaker_says_must_be_done_within_a_year_is_not_a_task_table(provinces: ChatService) -> None:
    result = provinces.answer("Bí thư Tỉnh ủy Sơn La lưu ý việc gì phải làm xong trong năm 2026?")
    assert "cơ sở dữ liệu dân cư" in result.answer, result.answer


@pytest.mark.slow
def test_a_post_asked_within_a_committee_is_the_post_held_in_it(provinces: ChatService) -> None:
    """"… giữ vai trò gì trong Ban Chỉ đạo?" is answered by his post in the committee, not by a sentence giving only
    his posts elsewhere ("Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh")."""
    result = provinces.answer("Ông Giàng A Lử giữ vai trò gì trong Ban Chỉ đạo chuyển đổi số tỉnh Lai Châu?")
    assert "Phó Trưởng ban Thường trực" in result.answer, result.answer


@pytest.mark.slow
def test_how_many_in_all_counts_what_a_sentence_counts(provinces: ChatService) -> None:
    result = provinces.answer("Lai Châu có tổng cộng bao nhiêu điểm cầu?")
    assert result.answer.startswith("136 điểm cầu"), result.answer


def test_each_of_the_places_compared_is_no_unit_a_figure_is_given_per() -> None:
    from chat.evidence import _each_unit
    from retrieval.question import analyse_question

    assert _each_unit(analyse_question("Mỗi tỉnh chi bao nhiêu phần trăm ngân sách cho khoa học?")) is None
    assert _each_unit(analyse_question("Mỗi hợp tác xã được hỗ trợ bao nhiêu tiền?")) == "hợp"
