"""Details of a question that decide what answers it: the body a post belongs to, the part of a whole asked for, a
number that only names something, a level or district named in lower case, each province of a list compared, a
follow-up that sets its own occasion. Each is read by the analysis, not matched against an example."""

from __future__ import annotations

import pytest

from bcd import vietnamese as vn
from chat.evidence import _local_units
from chat.facts import fact_spans
from chat.generators.base import Turn
from chat.memory import place_parts, question_parts, standalone_question
from retrieval.asked import read_asked, roles_in
from retrieval.committees import asked_committee
from retrieval.question import analyse_question


def test_the_office_of_a_party_committee_is_not_the_office_of_the_people_s_committee() -> None:
    """"Chánh Văn phòng" heads an office, and whose office it is tells two posts apart; "Chánh Văn" is no name."""
    party, people = roles_in("Chánh Văn phòng Tỉnh ủy Sơn La là ai?"), roles_in(
        "Bà Lê Thị Hoa, Chánh Văn phòng Ủy ban nhân dân tỉnh")
    assert party == {("chanh van phong", ("tinh", "uy"))} and people == {("chanh van phong", ("uy", "ban"))}
    assert roles_in("Chủ tịch tỉnh là ai") == {("chu tich", ())}  # a place still ends a post
    assert vn.person_names("Chánh Văn phòng Ủy ban nhân dân tỉnh và Giám đốc các sở thi hành") == []
    assert vn.person_names("Bà Lê Thị Hoa, Chánh Văn phòng") == ["Lê Thị Hoa"]


def test_a_number_in_a_quoted_name_counts_nothing_unless_the_name_is_asked() -> None:
    sentence = "Đồng chí Bí thư ví chương trình như một “cú hích 3” cho cả tỉnh và giao 12 sở thực hiện."
    assert fact_spans("count", sentence, "Tổ công tác gồm bao nhiêu người?") == ["12 sở thực"]
    assert "3" in fact_spans("count", sentence, "Chương trình được ví như cú hích mấy?")


def test_a_count_s_unit_may_put_a_word_or_two_between_its_head_and_what_is_counted() -> None:
    asked = "Sở tổ chức bao nhiêu lớp ngoại ngữ cho giáo viên?"
    assert fact_spans("count", "Mở 8 lớp tập huấn ngoại ngữ cho giáo viên.", asked) == ["8 lớp tập"]
    assert fact_spans("count", "Mở 8 lớp tập huấn tin học cho giáo viên.", asked) == []


@pytest.mark.parametrize(("question", "units"), [
    ("có mấy điểm wifi miễn phí ở huyện kỳ sơn", ["ky son"]),  # typed in lower case: the two syllables after it
    ("huyện tân lạc chậm nộp báo cáo nào", ["tan lac"]),
    ("cấp huyện đạt bao nhiêu", []),  # a level, a plural, a count, a line of service: no name
    ("các xã vùng cao còn mấy thôn", []),
    ("12 huyện thành phố đã kết nối", []),
    ("bệnh viện tuyến huyện phải xong năm nào", []),
    ("huyen ky son co may diem", []),  # typed without diacritics, a function word cannot be told from a name
])
def test_a_district_named_in_lower_case_is_read_as_a_name(question: str, units: list[str]) -> None:
    assert _local_units(question) == units


def test_what_a_question_asks_by_cues_typed_half_with_diacritics() -> None:
    assert analyse_question("trưởng bcđ 57 của tỉnh tên la gì").kind == "person"
    assert analyse_question("bộ máy của tỉnh gồm những ai").kind == "person"  # ("bộ máy" is no "mấy")
    assert asked_committee("trưởng bcđ 57 của tỉnh tên là gì")  # its name ends before what is asked of it


@pytest.mark.parametrize(("question", "deadline"), [
    ("Việc lắp camera phải xong trong tháng nào?", True), ("Việc lắp camera có hạn hoàn thành là bao giờ?", True),
    ("camera lắp xong khi nào?", True), ("Trục liên thông phải làm xong vào quý nào?", True),
    ("Hội nghị sơ kết diễn ra khi nào?", False), ("Đề án 05 ban hành năm nào?", False)])
def test_a_deadline_is_asked_by_when_a_thing_must_be_done(question: str, deadline: bool) -> None:
    assert read_asked(question).deadline is deadline


def test_the_same_body_before_each_province_of_a_list_makes_one_question_each() -> None:
    assert place_parts("Bí thư Tỉnh ủy Sơn La, Bí thư Tỉnh ủy Lai Châu và Bí thư Tỉnh ủy Yên Bái là ai?") == [
        ("Sơn La", "Bí thư Tỉnh ủy Sơn La là ai?"), ("Lai Châu", "Bí thư Tỉnh ủy Lai Châu là ai?"),
        ("Yên Bái", "Bí thư Tỉnh ủy Yên Bái là ai?")]


def test_each_province_compared_keeps_its_own_bracket_and_a_doubtful_name_beside_a_sure_one_is_a_place() -> None:
    """"so sánh X giữa A (…) và B (…)" compares each one's X; "hòa bình" in lower case may be "peace", but compared
    side by side with "lào cai" it is the province."""
    assert place_parts("so sánh số trạm 5G giữa hòa bình (theo kế hoạch 99) và lào cai (năm 2025)") == [
        ("Hòa Bình", "số trạm 5G hòa bình (theo kế hoạch 99)"), ("Lào Cai", "số trạm 5G lào cai (năm 2025)")]
    assert place_parts("Hợp tác giữa Lào Cai và Hà Giang thế nào?") == []  # a matter between them


def test_a_later_part_asked_at_a_meeting_of_its_own_carries_what_the_first_counts_not_its_document() -> None:
    parts = question_parts("Sơn La: theo đề án 05 còn bao nhiêu bản chưa có điện lưới, đến hội nghị sơ kết tháng "
                           "6/2026 còn bao nhiêu")
    assert len(parts) == 2 and "bản chưa có điện lưới" in parts[1] and "05" not in parts[1], parts


def test_a_follow_up_naming_its_own_meeting_drops_the_earlier_month() -> None:
    history = [Turn("user", "Ở Sơn La, số hóa tài liệu đến cuối tháng 9/2025 đạt bao nhiêu?"),
               Turn("assistant", "70% — … [1]")]
    rewritten = standalone_question("Còn ở Lai Châu, cấp xã đạt bao nhiêu theo kết luận hội nghị sơ kết?", history)
    assert "số hóa tài liệu" in rewritten and "9/2025" not in rewritten and "tháng" not in rewritten.split("(")[1]


def test_a_follow_up_asking_another_column_of_the_task_keeps_the_task() -> None:
    """"… và hạn hoàn thành khi nào?" asks columns of the task the conversation is on ("hạn hoàn thành" is one, as
    "thời hạn" is), not a question of its own set only where the earlier one was."""
    history = [Turn("user", "Kế hoạch 41 của Sơn La có nhiệm vụ lắp camera giám sát giao thông không?"),
               Turn("assistant", "- Nhiệm vụ: Lắp camera giám sát giao thông; Cơ quan chủ trì: Công an tỉnh … [1]")]
    rewritten = standalone_question("Thế còn cơ quan phối hợp gồm ai, hạn hoàn thành là bao giờ?", history)
    assert "camera" in rewritten


def test_the_same_question_of_another_province_may_repeat_the_earlier_one_s_words() -> None:
    history = [Turn("user", "Ai là Trưởng Ban Chỉ đạo tỉnh Sơn La, chủ trì hội nghị sơ kết?"),
               Turn("assistant", "Nguyễn Văn A — … [1]")]
    assert standalone_question("còn hội nghị ở Lai Châu thì sao?", history) == (
        "Ai là Trưởng Ban Chỉ đạo tỉnh Lai Châu, chủ trì hội nghị sơ kết?")


def test_two_subjects_opening_with_the_same_words_ask_the_same_of_each() -> None:
    assert question_parts("Số lượng trạm 5G của Sơn La theo Đề án 05 và số lượng trạm 4G nêu tại hội nghị sơ kết là "
                          "bao nhiêu?") == ["Số lượng trạm 5G của Sơn La theo Đề án 05 là bao nhiêu?",
                                           "Số lượng trạm 4G nêu tại hội nghị sơ kết là bao nhiêu?"]
    assert question_parts("Tổ trưởng và tổ phó của tổ công tác số là những ai?") == [
        "Tổ trưởng và tổ phó của tổ công tác số là những ai?"]


def test_comparing_one_document_s_figure_with_another_s_asks_each_of_its_own() -> None:
    assert question_parts("So sánh số xã có wifi của Sơn La năm 2024 (Nghị quyết 09) với số xã có wifi nêu trong "
                          "Thông báo 31 năm 2026.") == [
        "Số xã có wifi của Sơn La năm 2024 (Nghị quyết 09) là bao nhiêu?",
        "Số xã có wifi nêu trong Thông báo 31 năm 2026 là bao nhiêu?"]
