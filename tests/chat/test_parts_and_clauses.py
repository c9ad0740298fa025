"""A compound question's later parts keep what the first measures; a heading, a month, a clause's own time and
a founding decision's province are read as the question means them (made-up provinces and figures)."""

from __future__ import annotations

from chat.evidence import (ScoredSentence, _dated_in_another_clause, _named_as_phrase, meets_requirements, select,
                           support)
from chat.generators.base import Passage
from chat.memory import question_parts
from retrieval.asked import asked_document_type
from retrieval.hybrid import Hit
from retrieval.question import analyse_question


def _sentence(text: str, score: float, doc_id: str = "doc", **metadata) -> ScoredSentence:
    hit = Hit(f"{doc_id}:0", doc_id, text, 1.0, {"chunk_index": 0, **metadata})
    return ScoredSentence(text, Passage(1, hit), 0.5, score, True, 0, (1.0,))


def test_a_figure_asked_again_at_another_time_level_or_by_who_requires_it_is_of_the_first_parts_thing() -> None:
    """"…; đến tháng 9/2025 cấp huyện mới đạt bao nhiêu và Ban Chỉ đạo yêu cầu mức nào trong quý III/2026?" asks
    both figures of what the first part names, not of its document or its deadline; the first part's own question
    stays as typed."""
    first, *rest = question_parts(
        "Kế hoạch của UBND tỉnh Sơn La yêu cầu kết nối mạng truyền số liệu chuyên dùng tới các xã trước ngày nào; "
        "đến tháng 9/2025 cấp huyện mới đạt bao nhiêu và Ban Chỉ đạo yêu cầu đạt mức nào trong quý III/2026?")
    assert first.endswith("trước ngày nào?") and len(rest) == 2
    for part in rest:
        assert "truyền số liệu chuyên dùng" in part, part
        assert "trước ngày" not in part and "kế hoạch" not in part.lower(), part  # (the thing, not its source)


def test_a_figure_asked_of_another_document_is_still_of_the_thing_measured() -> None:
    """"…, còn Yên Bái theo kế hoạch 40 mới đạt bao nhiêu %?" names a document and a place, nothing measured."""
    parts = question_parts("Sơn La chi cho chuyển đổi số chiếm bao nhiêu % tổng chi ngân sách, còn Yên Bái theo "
                           "kế hoạch 40 mới đạt bao nhiêu %?")
    assert len(parts) == 2 and "tổng chi ngân sách" in parts[1]


def test_a_request_opening_a_compound_question_heads_none_of_its_parts() -> None:
    parts = question_parts("so sánh giúp: Sơn La chi cho chuyển đổi số chiếm bao nhiêu % tổng chi ngân sách, còn "
                           "Yên Bái mới đạt bao nhiêu %?")
    assert len(parts) == 2 and parts[1].startswith("Yên Bái"), parts
    assert "giúp" not in parts[1] and "tổng chi ngân sách" in parts[1], parts


def test_a_parenthesis_the_user_closes_a_question_with_is_its_own_not_a_topic_for_every_part() -> None:
    parts = question_parts("Ai đứng đầu Ban Chỉ đạo ở Sơn La (Ban Chỉ đạo 57) và ở Yên Bái (Ban Chỉ đạo chính "
                           "quyền số)?")
    assert len(parts) == 2
    assert "chính quyền số" not in parts[0] and "Yên Bái (Ban Chỉ đạo chính quyền số)" in parts[1]


def test_a_comma_among_the_places_a_number_is_asked_of_ends_no_question() -> None:
    question = "Số hiệu kế hoạch thực hiện chương trình ở Sơn La, Yên Bái và Lai Châu lần lượt là gì?"
    assert question_parts(question) == [question]
    assert asked_document_type(question) == "kế hoạch"  # (the kind it opens with: "Số hiệu kế hoạch …")
    assert asked_document_type("Số hiệu Nghị quyết 57 là gì?") is None  # (a numbered one is what it cites)


def test_a_heading_is_named_by_its_words_together_not_scattered_over_the_question() -> None:
    named = analyse_question("Báo cáo chỉ ra những tồn tại, hạn chế nào của tỉnh Sơn La?")
    assert _named_as_phrase(named, {"tồn", "tại", "hạn", "chế"})
    scattered = analyse_question("Kết quả số hóa hồ sơ thủ tục hành chính cấp xã của Sơn La đạt bao nhiêu?")
    assert not _named_as_phrase(scattered, {"kết", "quả", "đạt"})


def test_a_year_of_another_clause_does_not_date_the_one_asked() -> None:
    sentence = ("Ứng dụng công nghệ vào y tế: triển khai hồ sơ sức khỏe điện tử tại các trạm y tế trong năm 2026; "
                "mỗi trường tiểu học có ít nhất một thư viện số.")
    assert _dated_in_another_clause(analyse_question("Mỗi trường tiểu học có thư viện số vào năm nào?"), sentence)
    assert not _dated_in_another_clause(
        analyse_question("Hồ sơ sức khỏe điện tử tại trạm y tế triển khai năm nào?"), sentence)
    opening = "Đến hết năm 2027, 100% xã có điểm Wi-Fi công cộng; 90% hộ gia đình có cáp quang."
    assert not _dated_in_another_clause(analyse_question("Bao giờ 90% hộ gia đình có cáp quang?"), opening)


def test_a_month_pinned_is_met_by_a_sentence_of_a_document_of_that_month_only() -> None:
    """"đến phiên họp tháng 9/2025 còn bao nhiêu xã …?": the notice of a meeting held then, not a resolution's
    earlier count dated by nothing of that month; the notice's sentence is preferred though it ranks lower."""
    question = analyse_question("Đến phiên họp tháng 9/2025 tỉnh Sơn La còn bao nhiêu xã chưa có cáp quang?")
    resolution = _sentence("Hạ tầng còn thiếu, còn 30 xã chưa có cáp quang băng rộng.", 0.9, "nq",
                           issued_date="2025-03-14")
    notice = _sentence("Còn 12 xã chưa có cáp quang.", 0.7, "tb", event_date="2025-09-06")
    assert not meets_requirements(question, [resolution]) and meets_requirements(question, [notice])
    assert select(question, [resolution, notice], 3)[0] is notice


def test_a_sentence_writing_the_task_asked_is_preferred_to_a_row_matching_by_its_column_names() -> None:
    """"… đặt hạn hoàn thành Trung tâm dữ liệu tỉnh khi nào?": the row of another task ("Kho dữ liệu dùng chung")
    shares "thời hạn hoàn thành" through its column names; the sentence writing "Trung tâm dữ liệu tỉnh" is the
    one asked of, and the row stays the answer for its own task."""
    row = _sentence("Nhiệm vụ: Xây dựng Kho dữ liệu dùng chung của tỉnh; Cơ quan chủ trì: Trung tâm Phục vụ hành chính "
                    "công tỉnh; Cơ quan phối hợp: Công an tỉnh; Thời hạn hoàn thành: Tháng 11/2026", 0.95, "kh")
    stated = _sentence("Xây dựng Trung tâm dữ liệu tỉnh, hoàn thành trước năm 2027; kết nối, chia sẻ dữ liệu dân cư "
                       "giữa các sở, ngành.", 0.93, "nq")
    question = analyse_question("Tây Ninh đặt hạn hoàn thành Trung tâm dữ liệu tỉnh khi nào?")
    assert select(question, [row, stated], 3)[0] is stated
    named = analyse_question("Tây Ninh đặt hạn hoàn thành Kho dữ liệu dùng chung của tỉnh khi nào?")
    assert select(named, [row, stated], 3)[0] is row


def test_what_an_open_question_asks_about_is_held_by_a_rows_cells_not_its_column_names() -> None:
    """"Cơ quan nào chủ trì giám sát …?": every task row's "Cơ quan chủ trì" holds "cơ quan … chủ trì"; the
    sentence naming who supervises holds what is asked."""
    question = analyse_question("Cơ quan nào chủ trì giám sát việc thực hiện nghị quyết của Tỉnh ủy Tây Ninh?")
    stated = _sentence("Ủy ban Kiểm tra Tỉnh ủy chủ trì giám sát việc thực hiện Nghị quyết.", 0.95, "nq")
    row = _sentence("Nhiệm vụ: Bảo đảm an toàn thông tin; Cơ quan chủ trì: Công an tỉnh; Cơ quan phối hợp: Sở Khoa "
                    "học và Công nghệ; Sản phẩm: Hệ thống được giám sát 24/7", 0.93, "kh")
    assert select(question, [stated, row], 3)[0] is stated


def test_a_figure_asked_per_recipient_is_answered_only_by_a_sentence_giving_it_per_recipient() -> None:
    """"Mỗi hợp tác xã … được hỗ trợ bao nhiêu?" is not answered by a plan's whole budget for them; "mỗi năm" asks a
    period, which a text words many ways, and is left to the other checks."""
    question = analyse_question("Mỗi hợp tác xã ở Sơn La được hỗ trợ bao nhiêu tiền để chuyển đổi số?")
    whole = _sentence("Kinh phí hỗ trợ hợp tác xã chuyển đổi số năm 2026 là 12 tỷ đồng.", 0.9, province="Sơn La")
    each = _sentence("Mỗi hợp tác xã được hỗ trợ tối đa 50 triệu đồng để chuyển đổi số.", 0.9, province="Sơn La")
    assert support(question, [whole]) == 0.0 and support(question, [each]) > 0.5
    yearly = analyse_question("Sơn La mỗi năm bồi dưỡng kỹ năng số cho bao nhiêu cán bộ?")
    assert support(yearly, [_sentence("Hằng năm bồi dưỡng kỹ năng số cho 2.000 cán bộ.", 0.9, province="Sơn La")]) > 0.5


def test_what_else_someone_holds_is_asked_of_their_posts_not_of_the_words_asking_for_more() -> None:
    """"Ngoài bí thư ra ông Lò Văn Tiến còn kiêm gì nữa?" asks his other posts: a role asked of someone named, and
    "nữa" (more) is no word a stating sentence writes."""
    question = analyse_question("Ngoài bí thư ra ông Lò Văn Tiến còn kiêm gì nữa?")
    assert question.kind == "role" and "nua" not in question.key.weights
    stated = _sentence("Đồng chí Lò Văn Tiến, Ủy viên Ban Chấp hành Trung ương Đảng, Bí thư Tỉnh ủy, Trưởng đoàn "
                       "ĐBQH tỉnh phát biểu kết luận.", 0.9)
    assert support(question, [stated]) > 0.0


def test_a_row_asked_for_one_of_its_columns_holds_what_the_question_asks_by_that_column() -> None:
    """"Sản phẩm của nhiệm vụ đó là gì?": the row of that task holds "nhiệm vụ" in its column name; a heading of a
    group of tasks, which holds it in its words, is not what is asked."""
    question = analyse_question("Sản phẩm yêu cầu của nhiệm vụ đó là gì? (kế hoạch 40 Sơn La an toàn thông tin)")
    row = _sentence("Nhiệm vụ: Bảo đảm an toàn thông tin cho các hệ thống của tỉnh; Cơ quan chủ trì: Công an tỉnh; "
                    "Sản phẩm: Hệ thống được giám sát liên tục", 0.93, "kh")
    heading = _sentence("Nhóm nhiệm vụ về nhân lực và doanh nghiệp", 0.3, "kh")
    assert select(question, [row, heading], 3)[0] is row
