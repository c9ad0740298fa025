"""What a question asks of its fact, read once from the question."""

from __future__ import annotations

import pytest

from retrieval.asked import read_asked
from retrieval.question import analyse_question
from retrieval.restore import DiacriticRestorer


@pytest.mark.parametrize(("question", "amount"), [
    ("Mỗi hợp tác xã được hỗ trợ bao nhiêu tiền?", True),
    ("Quỹ đầu tư của tỉnh có vốn điều lệ bao nhiêu vậy?", True),
    ("Kinh phí thực hiện kế hoạch năm 2026 là bao nhiêu?", True),
    ("lao cai chi bao nhieu tien cho khcn", True),
    ("Chi cho khoa học chiếm bao nhiêu phần trăm ngân sách?", False),  # a share of it
    ("Tỷ lệ chi ngân sách là bao nhiêu?", False),
    ("Tỉnh có bao nhiêu doanh nghiệp?", False),
    ("Giá điện sinh hoạt hiện nay là bao nhiêu?", True),  # a price
    ("Số đảng viên tham gia là bao nhiêu?", False),  # "tham gia", no price
    ("Hội đồng đánh giá bao nhiêu đề tài?", False),
    ("Nhà máy xử lý rác có tổng mức đầu tư bao nhiêu?", True),
    ("Tuyến đường tránh được bố trí bao nhiêu tỷ đồng?", True),  # its unit asked
    ("cau treo xay het may ty", True),
    ("Mỗi học sinh được thưởng bao nhiêu đồng?", True),
    ("Có bao nhiêu đồng chí dự hội nghị?", False),  # "đồng chí" is no money
    ("Huyện có mấy triệu cây xanh?", False),  # a count in millions
    ("Tiến độ số hóa hồ sơ của huyện đạt bao nhiêu?", False),  # "tiến độ" folds to no "tiền"
    ("tien do so hoa ho so dat bao nhieu", False),
    ("Tiền thưởng cho mỗi sáng kiến là bao nhiêu?", True),
])
def test_an_amount_of_money_is_asked_before_or_after_bao_nhieu(question: str, amount: bool) -> None:
    assert read_asked(question).amount is amount


def test_what_is_asked_is_read_once_per_question() -> None:
    question = analyse_question("Giám đốc Sở Y tế tỉnh có bao nhiêu doanh nghiệp công nghệ số?")
    assert question.asked is question.asked  # kept, not re-read
    assert question.asked.counted == ("doanh", "nghiep", "cong")
    assert ("giam doc", ("so", "y")) in question.asked.roles


@pytest.mark.parametrize(("question", "event"), [
    ("Phiên họp thường kỳ của tổ công tác diễn ra ngày nào?", True),
    ("Hội nghị toàn quốc quán triệt Nghị quyết 57-NQ/TW được tổ chức ngày nào?", True),
    ("Chương trình 54-CTr/TU của Tỉnh ủy ra đời hôm nào?", False),  # the programme's own date
    ("Nghị quyết 57-NQ/TW ban hành ngày nào?", False),
    ("Khi nào tỉnh sơ kết việc thực hiện Nghị quyết 57-NQ/TW?", True),  # a review is an event too
])
def test_an_event_s_date_is_asked_even_when_a_document_is_named(question: str, event: bool) -> None:
    assert analyse_question(question).asks_event_date is event


@pytest.mark.parametrize(("question", "event"), [
    ("hoi nghi quan triet nghi quyet 57-NQ/TW to chuc ngay nao", True),
    ("nghi quyet 57-NQ/TW ban hanh ngay nao", False),
])
def test_a_question_typed_without_diacritics_asks_an_event_s_date_the_same_way(question: str, event: bool) -> None:
    restorer = DiacriticRestorer(["Hội nghị quán triệt Nghị quyết 57-NQ/TW được tổ chức ngày 13/01/2025.",
                                  "Nghị quyết được ban hành ngày 22/12/2024."], prior_weight=0)
    assert analyse_question(question, restorer).asks_event_date is event


def test_which_time_counts_nothing_and_a_team_leader_is_a_role() -> None:
    assert read_asked("Nghị quyết được hội nghị lần thứ mấy thông qua?").counted is None
    assert read_asked("Hội nghị có mấy đại biểu?").counted == ("dai", "bieu")
    # units of an administrative level are counted as that level's ("10 huyện, thành phố")
    assert read_asked("Dữ liệu đất đai hoàn thành cho bao nhiêu đơn vị cấp huyện?").counted == ("huyen",)
    assert read_asked("Có bao nhiêu đơn vị hành chính cấp xã có cáp quang?").counted == ("xa",)
    assert ("to truong", ("to", "cong")) in read_asked("Tổ công tác do ai làm tổ trưởng?").roles  # of that team
    # the noun counted may open the question ("Số X … là bao nhiêu?"), not the years a "mấy" names
    assert read_asked("Số xã chưa có sóng di động theo kế hoạch là bao nhiêu?").counted == \
        read_asked("Có bao nhiêu xã chưa có sóng di động theo kế hoạch?").counted == ("xa", "chua")
    assert read_asked("Tổng số đại biểu dự hội nghị là bao nhiêu?").counted == ("dai", "bieu", "du")
    assert read_asked("Số hóa hồ sơ đất đai của huyện đạt bao nhiêu?").counted is None  # to digitise counts nothing
    assert read_asked("Trong mấy năm 2021 - 2024 tỉnh lập bao nhiêu hợp tác xã?").counted == ("hop", "tac", "xa")
    assert read_asked("Kim ngạch xuất khẩu tăng bình quân bao nhiêu mỗi năm?").counted is None  # a rate, no years


@pytest.mark.parametrize(("question", "amount"), [
    ("Ngân sách dành cho đề án chuyển đổi số cấp huyện trong giai đoạn tới là bao nhiêu?", True),
    ("Tổng kinh phí của đề án giai đoạn 2026-2030 là bao nhiêu?", True),
    ("Kinh phí được bố trí từ những nguồn nào?", False),  # where it comes from, no amount
    ("Vốn đầu tư công chiếm bao nhiêu phần trăm?", False),  # a share
    ("Kinh phí hoạt động của tổ công tác được bố trí bao nhiêu (họp định kỳ quý)", True),  # a follow-up's own words
])
def test_a_question_opening_with_money_asks_its_amount_however_long_it_is(question: str, amount: bool) -> None:
    assert read_asked(question).amount is amount


@pytest.mark.parametrize(("question", "day"), [
    ("Lễ ký kết diễn ra vào ngày nào?", True),
    ("Đoàn công tác đến hôm nào?", True),
    ("le ky ket dien ra ngay nao", True),  # typed without diacritics
    ("Hội nghị tổ chức năm nào?", False),
    ("Khi nào hội nghị sơ kết diễn ra?", False),  # a year or a month may answer it
])
def test_which_day_is_asked_apart_from_when(question: str, day: bool) -> None:
    assert read_asked(question).day is day


@pytest.mark.parametrize(("question", "current"), [
    ("Theo thực trạng nêu trong báo cáo, tỷ lệ hộ dùng internet là bao nhiêu?", True),
    ("Hiện nay tỉnh có bao nhiêu trạm 5G?", True),
    ("ty le ho dung internet moi dat bao nhieu", True),  # typed without diacritics
    ("Đến năm 2030 tỷ lệ hộ dùng internet phải đạt bao nhiêu?", False),
])
def test_how_things_stand_is_asked_apart_from_a_target(question: str, current: bool) -> None:
    assert read_asked(question).current is current


@pytest.mark.parametrize(("question", "goal"), [
    ("Mục tiêu đến năm 2030 chi cho khoa học đạt bao nhiêu phần trăm?", True),
    ("Đến năm 2027 tỉnh phải có bao nhiêu doanh nghiệp số?", True),
    ("Kế hoạch đặt bao nhiêu xã có cáp quang?", True),
    ("Chi cho giáo dục chiếm bao nhiêu phần trăm ngân sách?", False),  # ("giáo" is no "giao")
    ("Năm 2024 tỉnh có bao nhiêu xã chia sẻ dữ liệu?", False),  # (a year behind, "chia sẻ" is no "sẽ")
])
def test_a_target_is_asked_apart_from_a_figure(question: str, goal: bool) -> None:
    assert read_asked(question).goal is goal


def test_what_a_rate_measures_is_carried_to_a_part_that_asks_how_much_of_nothing() -> None:
    """"Tỷ lệ hồ sơ … là bao nhiêu, còn kế hoạch đặt mục tiêu bao nhiêu?" asks the second of the same rate; a rate
    alone is still no noun counted."""
    from chat.memory import question_parts

    first, second = question_parts("Tỷ lệ hồ sơ nộp trực tuyến ở Sơn La năm 2024 là bao nhiêu, còn kế hoạch năm "
                                   "2026 của tỉnh đặt mục tiêu bao nhiêu?")
    assert first.startswith("Tỷ lệ hồ sơ") and "tỷ lệ hồ sơ nộp trực tuyến" in second, second
    assert read_asked("Tỷ lệ hồ sơ nộp trực tuyến là bao nhiêu?").counted is None


def test_a_role_of_an_abbreviated_committee_is_its_role() -> None:
    """"phó trưởng ban BCĐ" spelled out is "phó trưởng ban Ban Chỉ đạo": the role of the committee, one "ban"."""
    from retrieval.asked import roles_in

    assert roles_in("pho truong ban BCĐ tinh la ai") == roles_in("Phó Trưởng Ban Chỉ đạo tỉnh là ai")


def test_roles_joined_by_a_word_are_two_roles_each_without_it() -> None:
    """"trưởng ban với các phó trưởng ban": "với" joins two roles as "và" does; it is no word of the first one's."""
    from retrieval.asked import roles_in

    joined = roles_in("trưởng ban với các phó trưởng ban là những ai")
    assert joined == roles_in("trưởng ban và các phó trưởng ban là những ai") == {
        ("truong", ("ban",)), ("pho truong", ("ban",))}


def test_a_role_asked_of_a_body_is_that_body_s() -> None:
    """"<body> do ai làm <role>" asks for the role of that body; a place is no body."""
    from retrieval.asked import asked_roles

    assert asked_roles("Hội đồng thẩm định đề tài cấp tỉnh do ai làm chủ tịch?") == {("chu tich", ("hoi", "dong"))}
    assert asked_roles("Cho hỏi Trung tâm Dữ liệu do ai giữ chức giám đốc vậy?") == {("giam doc", ("trung", "tam"))}
    assert asked_roles("tinh son la do ai lam chu tich") == {("chu tich", ())}
    assert asked_roles("Ai là chủ tịch?") == {("chu tich", ())}


def test_a_noun_counted_is_told_from_a_dimension_by_its_diacritics_when_it_was_typed_with_them() -> None:
    """"bao nhiêu sở, ngành" counts departments ("sở" folds to the "so" of "số", a dimension); "bao nhieu tien"
    typed without diacritics measures money whatever the restorer gives back for "tien"."""
    assert read_asked("Phần mềm này đã kết nối với bao nhiêu sở, ngành?").counted == ("so",)
    assert read_asked("Tỉnh chi bao nhiêu tiền?").counted is None
    assert read_asked("tinh chi bao nhieu tiễn", plain=True).counted is None


def test_the_kind_asked_is_read_from_the_question_spelled_out() -> None:
    assert analyse_question("Hà Nam có bn điểm cầu?").kind == "count"
    assert analyse_question("ha nam co bao nhiu diem cau z").kind == "count"
    assert analyse_question("Sở nào chủ trì, đv nào phối hợp?").kind == "organisation"


def test_a_secretary_is_a_role_asked_for() -> None:
    """"Ai là thư ký Ban Chỉ đạo?" asks for someone in that role: the head of the committee is no answer."""
    assert any(role == "thu ky" for role, _ in read_asked("Ai là thư ký Ban Chỉ đạo tỉnh?").roles)


def test_a_follow_up_typed_without_diacritics_is_restored_beside_its_accented_carried_topic() -> None:
    """"quyet dinh so may?" carrying the earlier question's accented words: the user typed it without diacritics,
    so it is restored and asks a decision's number, not any document's."""
    restorer = DiacriticRestorer(["Tại phiên họp đã công bố Quyết định số 88-QĐ/TU thành lập Ban Chỉ đạo."],
                                 prior_weight=0)
    question = analyse_question("tai phien hop do cong bo quyet dinh so may? (Ban Chỉ đạo tỉnh Yên Bái họp)",
                                restorer)
    assert question.kind == "doc_number" and question.asked.document_type == "quyết định"


def test_a_role_the_question_sets_aside_is_no_role_asked() -> None:
    """"Tại phiên họp …, ngoài Chủ tịch UBND huyện còn những lãnh đạo nào phát biểu?" asks for the others: a
    sentence about the chairman states no fact asked; one asked without "ngoài" keeps the role."""
    from retrieval.asked import asked_roles

    assert asked_roles("Tại phiên họp ở Mường Tè, ngoài Chủ tịch UBND huyện còn những lãnh đạo nào phát biểu?") == set()
    assert asked_roles("Tại phiên họp ở Mường Tè, Chủ tịch UBND huyện phát biểu gì?")


@pytest.mark.parametrize(("question", "deadline"), [
    ("Bí thư yêu cầu bổ sung thành viên Ban Chỉ đạo trước thời hạn nào?", True),
    ("Sở Nội vụ bố trí biên chế cán bộ chuyên trách, hạn chót?", True),
    ("so noi vu bo tri bien che han khi nao", True),
    ("Văn phòng UBND tỉnh phải hoàn thành trước ngày nào?", True),
    ("Hội nghị đôn đốc diễn ra ngày nào?", False),  # when a meeting took place
    ("Nghị quyết 12 ban hành khi nào?", False),
])
def test_a_deadline_is_asked_apart_from_when_something_took_place(question: str, deadline: bool) -> None:
    assert read_asked(question).deadline is deadline


def test_what_was_already_reached_is_asked_as_what_stands() -> None:
    """"đã kết nối với bao nhiêu …" asks how things stand, which a task due by a date does not say."""
    assert read_asked("Hệ thống thông tin báo cáo đã kết nối được với bao nhiêu UBND cấp xã?").current
    assert not read_asked("Hệ thống thông tin báo cáo phải kết nối với bao nhiêu UBND cấp xã?").current
