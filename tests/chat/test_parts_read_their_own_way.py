"""A question's parts and follow-ups read as typed: a later part naming a document of its own kind or the whole
country keeps no subject or province of the first; "chương trình đó" is the programme the first part was answered
with; a place's bracket may be long; a name a follow-up's rewriting put in leaves the question typed plain; a
province's last word is no cue; "chữ ký số" signs no document; a bracket sets a role aside (made-up documents)."""

from __future__ import annotations

from chat.generators.base import Turn
from chat.memory import place_parts, question_parts, standalone_question
from retrieval.asked import asked_roles
from retrieval.question import _asks_how_it_came_to_be, analyse_question, fields_asked


def test_a_later_part_opening_with_a_long_kind_of_document_has_a_subject_of_its_own() -> None:
    first, second = question_parts("Kế hoạch 31 yêu cầu kết nối mạng chuyên dùng tới các xã trước ngày nào, còn "
                                   "thông báo kết luận phiên họp thứ ba yêu cầu cấp xã đạt bao nhiêu phần trăm?")
    assert first.startswith("Kế hoạch 31") and second.lower().startswith("thông báo kết luận phiên họp thứ ba"), second


def test_a_later_part_about_the_whole_country_keeps_no_province() -> None:
    parts = question_parts("Báo cáo của Sơn La nhắc đến nghị quyết nào của Chính phủ, và tại hội nghị toàn quốc ngày "
                           "05/02/2026 ai phát biểu khai mạc?")
    assert len(parts) == 2 and "Sơn La" not in parts[1], parts


def test_that_programme_is_the_one_the_first_part_was_answered_with() -> None:
    history = [Turn("user", "Kế hoạch 7/KH-UBND căn cứ vào chương trình hành động nào của Tỉnh ủy Sơn La?"),
               Turn("assistant", "31-CTr/TU — Căn cứ Chương trình hành động số 31-CTr/TU ngày 02/3/2026 của Tỉnh ủy "
                                 "Sơn La; [1]")]
    assert "31-CTr/TU" in standalone_question("Chương trình đó cụ thể hóa nghị quyết nào của Tỉnh ủy?", history)


def test_a_places_long_bracket_stays_with_it() -> None:
    parts = place_parts("So sánh mức chi cho khoa học: Sơn La (tính từ đầu năm đến hết tháng 9, gồm cả đổi mới sáng "
                        "tạo và chuyển đổi số) và Điện Biên (theo đánh giá trong nghị quyết) chiếm bao nhiêu "
                        "phần trăm?")
    assert [name for name, _ in parts] == ["Sơn La", "Điện Biên"]
    assert "tháng 9" in parts[0][1] and "tháng 9" not in parts[1][1]


def test_a_name_put_in_by_a_follow_up_leaves_the_question_typed_plain() -> None:
    assert analyse_question("Nguyễn Văn Hải muon tinh ra khoi nhom nao?").folded
    assert not analyse_question("Nguyễn Văn Hải muốn tỉnh ra khỏi nhóm nào?").folded


def test_a_provinces_last_word_is_no_cues_first() -> None:
    """Typed plain, "ha nam bao nhieu …" holds "năm bao nhiêu" (which year) only by accident of folding."""
    assert analyse_question("ha nam bao nhieu can bo du tap huan ngay 12/3").kind == "count"
    assert analyse_question("nghi quyet 12 ban hanh nam bao nhieu").kind == "date"


def test_a_digital_signature_signs_no_document() -> None:
    question = analyse_question("Kế hoạch 31/KH-UBND đặt hạn đến khi nào để mọi cơ quan dùng chữ ký số?")
    assert question.document_field is None and question.kind == "date"


def test_a_cue_read_back_as_part_of_a_longer_word_is_none() -> None:
    """"ky" typed plain: "kỹ năng" where the restored text reads a compound there, "ký" where it does not."""
    typed = "ke hoach 31 giao ai to chuc lop ky nang so"
    assert not _asks_how_it_came_to_be(typed, True, "kế hoạch 31 giao ai tổ chức lớp kỹ năng số")
    assert _asks_how_it_came_to_be("ke hoach 31 ky ngay nao", True, "kế hoạch 31 kỳ ngày nào")


def test_recipients_asked_with_words_between() -> None:
    assert "recipients" in fields_asked("nq 5 gui TW nhung noi nao")
    assert "recipients" in fields_asked("tb 9 gui nhung dau")


def test_a_bracket_sets_a_role_aside() -> None:
    roles = asked_roles("Theo quyết định, ai là Phó Trưởng ban (không phải Phó Trưởng ban thường trực)?")
    assert roles == {("pho truong", ("ban",))}, roles
    question = analyse_question("Theo quyết định 14 của Sơn La, ai giữ chức Phó Trưởng ban (không phải Phó Trưởng ban "
                                "thường trực)?")
    assert question.key.aside >= {"thuong", "truc"}


def test_what_the_holder_of_a_role_does_is_no_part_of_the_role() -> None:
    assert asked_roles("Thế Phó Trưởng ban dự họp tỉnh Sơn La hôm qua tên gì?") == {("pho truong", ("ban",))}


def test_why_the_asker_asks_is_no_part_of_the_question() -> None:
    purposed = analyse_question("Nhằm so sánh các tỉnh với nhau: phiên họp thứ ba của Ban Chỉ đạo tỉnh Sơn La diễn ra "
                                "ngày nào?")
    assert purposed.kind == "date" and "so_sanh" not in purposed.key.weights and "nham" not in purposed.key.weights


def test_a_bare_contrast_drops_the_qualifier_it_leaves_out() -> None:
    """"còn phó trưởng ban thì sao?" after "… phó trưởng ban thường trực … là ai?" asks of the one who is not "thường
    trực"."""
    history = [Turn("user", "Theo quyết định 14 thì phó trưởng ban thường trực Ban Chỉ đạo tỉnh Sơn La là ai?"),
               Turn("assistant", "Lò Văn Mạnh — Phó Trưởng ban thường trực: Ông Lò Văn Mạnh, Giám đốc Sở Nội vụ. [1]")]
    standalone = standalone_question("thế còn phó trưởng ban thì sao?", history)
    assert "thường trực" not in standalone and "Sơn La" in standalone, standalone


def test_a_last_date_asked_for_is_a_date() -> None:
    assert analyse_question("Tỉnh giao hạn chót nào để hoàn chỉnh dự thảo báo cáo?").kind == "date"
    assert analyse_question("tinh giao han chot nao de hoan chinh du thao bao cao").kind == "date"


def test_another_column_of_the_task_just_named_is_one_question() -> None:
    question = "Kế hoạch 31/KH-UBND giao cơ quan nào chủ trì mở 8 lớp tập huấn cho hợp tác xã, hạn tháng mấy?"
    assert question_parts(question) == [question]
