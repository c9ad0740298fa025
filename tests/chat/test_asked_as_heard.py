"""Questions as officials ask them aloud or in haste, read as asked: "có mấy nhóm …, là những nhóm nào" asks which;
"những cơ sở nào" asks for no "Sở"; a request to the one asked ("Cháu liệt kê …", "…, chỉ cần tên thôi cũng được")
and a worry of the asker's are set aside, what they remember of a document is kept; "đồng chí đó" leans on the
answer before; "Có đúng là … 50 tỷ đồng …" doubts the sum; a fact asked with the meeting it was adopted at and the
document's fields; a count or a measure carried to an elliptic second part typed in shorthand; and what the
documents do not say is refused: a figure "hiện" (now) where only targets are set, one year's figure where a
period's is given, a commune's health stations where only the province's and district's hospitals are named, a sum
no sentence states (made-up documents, a real store)."""

from __future__ import annotations

import pytest

from bcd import vietnamese as vn
from chat.memory import place_parts, question_parts, refers_to_answer
from chat.premise import premise
from chat.preamble import without_preamble, without_request
from chat.service import ChatService
from retrieval.asked import asked_institution, counted_noun, read_asked
from retrieval.question import asked_kind
from tests.services import service_over


def test_how_many_then_which_of_the_same_things_asks_which() -> None:
    for asked in ("Nghị quyết 08 có mấy nhóm nhiệm vụ giải pháp, là những nhóm nào?",
                  "nghi quyet 08 co may nhom nhiem vu, la nhung nhom nao"):
        assert asked_kind(asked) is None, asked
        assert counted_noun(asked) is None, asked
    assert asked_kind("Nghị quyết 08 có mấy nhóm nhiệm vụ giải pháp?") == "count"  # (how many alone)


def test_facilities_asked_are_no_department() -> None:
    assert asked_institution("Kon Tum hiện có những cơ sở nào?") is None
    assert asked_institution("Kon Tum giao sở nào đôn đốc các xã?") == "so"
    assert asked_kind("Về đào tạo, Kon Tum hiện có những cơ sở nào?") is None


def test_a_request_to_the_one_asked_is_set_aside() -> None:
    assert without_request("Liệt kê tên các nhóm nhiệm vụ của Kế hoạch 31, chỉ cần tên thôi cũng được.") == \
        "Liệt kê tên các nhóm nhiệm vụ của Kế hoạch 31."
    assert without_request("Cháu liệt kê giúp tôi các nhóm nhiệm vụ của Kế hoạch 31") == \
        "Liệt kê giúp tôi các nhóm nhiệm vụ của Kế hoạch 31"
    assert without_request("Kế hoạch 31 có ba nhóm. Em kể tên các nhóm ấy giúp anh.") == \
        "Kế hoạch 31 có ba nhóm. Kể tên các nhóm ấy giúp anh."
    assert without_request("Em bé được tiêm chủng ở đâu?") == "Em bé được tiêm chủng ở đâu?"  # (no verb of telling)


def test_a_worry_of_the_asker_is_set_aside_what_they_remember_is_kept() -> None:
    asked = "Toàn tỉnh Kon Tum hiện có bao nhiêu trạm thu phát sóng?"
    assert without_preamble(f"Kon Tum là tỉnh biên giới, tôi vẫn lo chỗ bà con sóng yếu. {asked}") == asked
    remembered = "Tôi nhớ Kon Tum có Kế hoạch 31/KH-UBND về chuyển đổi số. Cho tôi hỏi kế hoạch ấy ký ngày nào?"
    assert "31/KH-UBND" in without_preamble(remembered)


def test_a_comrade_pointed_back_at_is_the_answer_before() -> None:
    assert refers_to_answer("đồng chí đó được phân công nhiệm vụ gì?")
    assert refers_to_answer("vị đó phát biểu tại phiên thứ mấy?")
    assert not refers_to_answer("đồng chí Trưởng ban giữ chức vụ gì?")


def test_the_sum_is_what_a_yes_no_question_doubts_beside_a_count() -> None:
    doubted = premise("Có đúng là Kế hoạch 31 dành 50 tỷ đồng cho việc phủ sóng 25 thôn không?")
    assert doubted is not None and doubted.stated == "50" and "bao nhiêu tỷ đồng" in doubted.asked, doubted
    assert premise("Có đúng là Kon Tum có 4.607 trạm phát sóng không?") is not None


def test_a_fact_of_a_document_then_its_fields_are_two_questions() -> None:
    parts = question_parts("Nghị quyết số 08-NQ/TU được thông qua tại Hội nghị lần thứ mấy, ngày nào và do ai ký?")
    assert parts == ["Nghị quyết số 08-NQ/TU được thông qua tại Hội nghị lần thứ mấy?",
                     "Nghị quyết số 08-NQ/TU ngày nào và do ai ký?"], parts


def test_what_the_first_counts_or_measures_is_carried_to_a_shorthand_second() -> None:
    counted = question_parts("lúc ra kh 31 kon tum còn bn thôn chưa có sóng, tới phiên họp thứ hai thì còn bn")
    assert len(counted) == 2 and "thôn chưa có sóng" in counted[1], counted
    measured = question_parts("tỷ lệ hồ sơ trực tuyến ở kon tum giai đoạn 2021-2025 là bn, còn tới tháng 11/2026 thì "
                              "lên bn")
    assert len(measured) == 2 and "hồ sơ trực tuyến" in measured[1], measured


def test_now_is_asked_by_hien_before_a_verb() -> None:
    assert read_asked("Kinh tế số hiện chiếm bao nhiêu phần trăm GRDP?").current
    assert not read_asked("Kế hoạch thực hiện có bao nhiêu nhiệm vụ?").current


def test_which_of_two_provinces_asks_each_ones() -> None:
    parts = place_parts("Giữa Kon Tum và Gia Lai, tỉnh nào ban hành kế hoạch chuyển đổi số sớm hơn?")
    assert [p for p, _ in parts] == ["Kon Tum", "Gia Lai"], parts
    assert parts[0][1].startswith("Kon Tum, tỉnh nào"), parts
    assert place_parts("Hợp tác giữa Kon Tum và Gia Lai ra sao?") == []  # (a matter between them)


def test_who_heads_each_of_two_provinces_bodies_is_two_questions() -> None:
    assert question_parts("Bí thư Tỉnh ủy Kon Tum và Chủ tịch UBND tỉnh Gia Lai là những ai?") == [
        "Bí thư Tỉnh ủy Kon Tum là ai?", "Chủ tịch UBND tỉnh Gia Lai là ai?"]
    one = "Trưởng ban của Kon Tum và Gia Lai là ai?"  # (the second names a place only: asked of each by place)
    assert question_parts(one) == [one]


def test_both_said_with_voi_are_each_asked() -> None:
    parts = question_parts("tổng bí thư với bí thư kon tum đều nói năm 2026 phải chọn những vấn đề gì, mỗi người "
                           "nói sao")
    assert len(parts) == 2 and parts[0].lower().startswith("tổng bí thư nói"), parts
    assert parts[1].lower().startswith("bí thư kon tum nói"), parts


def test_shorthand_of_an_action_programme() -> None:
    assert vn.expand_abbreviations("chương trình hđ 25", loose=True) == "chương trình hành động 25"
    assert vn.expand_abbreviations("ctr hđ 25", loose=True) == "Chương trình hành động 25"


PLAN = """ỦY BAN NHÂN DÂN TỈNH KON TUM
Số: 31/KH-UBND
Kon Tum, ngày 05 tháng 1 năm 2026
KẾ HOẠCH
Chuyển đổi số tỉnh Kon Tum năm 2026
I. KẾT QUẢ
Giai đoạn 2021 - 2025, tỉnh đã nghiệm thu 31 nhiệm vụ khoa học và công nghệ cấp tỉnh.
II. MỤC TIÊU
Đến năm 2030: kinh tế số chiếm 18% GRDP của tỉnh; 100% thôn có sóng di động băng rộng.
Triển khai bệnh án điện tử tại 100% bệnh viện tuyến tỉnh trong năm 2026 và tuyến huyện trong năm 2027.
III. NHIỆM VỤ, GIẢI PHÁP
1. Hoàn thiện thể chế
Ban hành quy chế quản lý dữ liệu dùng chung của tỉnh.
2. Phát triển hạ tầng số
Phủ sóng di động cho 25 thôn còn vùng lõm sóng trong năm 2026; Sở Khoa học và Công nghệ chủ trì.
3. Phát triển nhân lực số
Bồi dưỡng kỹ năng số cho 2.000 cán bộ, công chức, viên chức.
IV. BAN CHỈ ĐẠO
Ban Chỉ đạo chuyển đổi số tỉnh gồm:
1. Trưởng ban: Ông Y Ngọc, Chủ tịch Ủy ban nhân dân tỉnh.
2. Các Ủy viên:
- Ông Nguyễn Văn Hòa, Giám đốc Sở Y tế;
- Ông Trần Minh Quân, Giám đốc Viễn thông Kon Tum.
"""


NOTICE = """UBND TỈNH KON TUM
BAN CHỈ ĐẠO CHUYỂN ĐỔI SỐ
Số: 9/TB-BCĐ
Kon Tum, ngày 20 tháng 3 năm 2026
THÔNG BÁO
Kết luận của Trưởng Ban Chỉ đạo chuyển đổi số tỉnh tại phiên họp thứ ba năm 2026
Ngày 18 tháng 3 năm 2026, đồng chí Y Ngọc, Chủ tịch Ủy ban nhân dân tỉnh, Trưởng Ban Chỉ đạo chủ trì phiên họp thứ ba.
1. Kết quả đạt được
Tỷ lệ hồ sơ giải quyết trực tuyến toàn trình đạt 70,1%.
2. Nhiệm vụ thời gian tới
a) Sở Khoa học và Công nghệ hoàn thành phủ sóng di động cho 12 thôn còn lại trước ngày 30/6/2026.
b) Công an tỉnh tổ chức diễn tập ứng cứu sự cố an toàn thông tin mạng trong tháng 5/2026.
"""


@pytest.fixture(scope="module")
def plan(tmp_path_factory: pytest.TempPathFactory) -> ChatService:
    return service_over(tmp_path_factory, "heard", {"ke-hoach-31-kh-ubnd-kon-tum.txt": PLAN,
                                                    "thong-bao-9-tb-bcd-kon-tum.txt": NOTICE})


@pytest.mark.slow
def test_what_the_documents_do_not_say_is_refused(plan: ChatService) -> None:
    for unsaid in ("Theo Kế hoạch 31/KH-UBND, kinh tế số hiện chiếm bao nhiêu phần trăm GRDP của tỉnh Kon Tum?",
                   "Riêng trong năm 2025, Kon Tum nghiệm thu bao nhiêu nhiệm vụ khoa học và công nghệ cấp tỉnh?",
                   "Theo Kế hoạch 31/KH-UBND, các trạm y tế xã phải triển khai bệnh án điện tử xong trong năm nào?",
                   "Có đúng là Kế hoạch 31/KH-UBND dành 50 tỷ đồng cho việc phủ sóng di động 25 thôn không?"):
        result = plan.answer(unsaid)
        assert result.refused, (unsaid, result.answer)
    for said, fact in (("Giai đoạn 2021 - 2025, Kon Tum nghiệm thu bao nhiêu nhiệm vụ khoa học và công nghệ cấp tỉnh?",
                        "31 nhiệm vụ"),
                       ("Theo Kế hoạch 31/KH-UBND, bệnh viện tuyến huyện phải triển khai bệnh án điện tử trong năm "
                        "nào?", "2027"),
                       ("Có đúng là Kế hoạch 31/KH-UBND giao phủ sóng di động cho 25 thôn không?", "25 thôn")):
        result = plan.answer(said)
        assert not result.refused and fact in result.answer, (said, result.answer)


@pytest.mark.slow
def test_a_member_is_named_by_the_heading_listing_him(plan: ChatService) -> None:
    result = plan.answer("Trong Kế hoạch 31/KH-UBND, ủy viên Ban Chỉ đạo của Viễn thông Kon Tum là ai?")
    assert "Trần Minh Quân" in result.answer, result.answer


@pytest.mark.slow
def test_how_many_groups_and_which_are_listed(plan: ChatService) -> None:
    result = plan.answer("Kế hoạch 31/KH-UBND có mấy nhóm nhiệm vụ giải pháp, là những nhóm nào?")
    assert not result.refused, result.answer
    assert all(group in result.answer for group in ("Hoàn thiện thể chế", "Phát triển hạ tầng số",
                                                   "Phát triển nhân lực số")), result.answer


@pytest.mark.slow
def test_the_bodies_a_notice_tasks_are_its_sections_lines_not_its_title(plan: ChatService) -> None:
    """The title names "Trưởng Ban Chỉ đạo": one body, not a list of the bodies asked for."""
    result = plan.answer("Thông báo kết luận phiên thứ ba giao nhiệm vụ thời gian tới cho những cơ quan nào vậy?")
    assert "Sở Khoa học và Công nghệ" in result.answer and "Công an tỉnh" in result.answer, result.answer
