"""Questions asked in one breath, as officials type them between meetings: several sentences each closed by its
"?" (however short, a yes/no one among them), a purpose opening them, a heading naming the province, an aside of
the asker's or their own note put in doubt; what a speech likens a resolution to; the bodies a notice gives tasks
to; a final review that the documents only plan half-way; a figure and the year the user set it in (made-up
documents, a real store)."""

from __future__ import annotations

import pytest

from bcd import vietnamese as vn
from chat.memory import question_parts
from chat.preamble import without_request
from chat.premise import asks_yes_or_no, premise, unconfirmed
from chat.service import ChatService
from retrieval.acronyms import AcronymReader
from retrieval.asked import asked_roles, counted_words
from retrieval.committees import asked_committee
from retrieval.question import analyse_question, asked_kind
from tests.services import service_over


def test_sentences_each_closed_by_its_question_mark_are_each_asked() -> None:
    assert question_parts("Thời hạn là ngày nào? Còn Sở Tư pháp được giao việc gì?") == [
        "Thời hạn là ngày nào?", "Sở Tư pháp được giao việc gì?"]
    assert question_parts("Bà ấy giữ chức gì? Còn Chánh Văn phòng Sở Tư pháp tên gì?") == [
        "Bà ấy giữ chức gì?", "Chánh Văn phòng Sở Tư pháp tên gì?"]
    # a yes/no question asks too, and a part naming another kind of document is not of the first one's
    assert question_parts("Người ký Quyết định 402/QĐ-UBND có đúng là người chủ trì hội nghị sơ kết không? Còn "
                          "Thông báo kết luận phiên thứ ba do ai ký?") == [
        "Người ký Quyết định 402/QĐ-UBND có đúng là người chủ trì hội nghị sơ kết không?",
        "Thông báo kết luận phiên thứ ba do ai ký?"]
    assert question_parts("GL triển khai NQ57: CTr của TU số mấy? KH của UBND số mấy?")[1] == \
        "GL triển khai NQ57: KH của UBND số mấy?"


def test_the_province_a_second_sentence_points_back_at_may_be_the_conversation_s() -> None:
    """"… tỉnh đó" after a first question naming no province points at the conversation's: each is asked in it;
    after one naming a province, at that one."""
    assert len(question_parts("Ai báo cáo kết quả từ đầu năm? Chủ tịch UBND tỉnh đó góp ý chuyện gì?")) == 2
    assert len(question_parts("Gia Lai báo cáo kết quả gì? Chủ tịch UBND tỉnh đó góp ý chuyện gì?")) == 1


def test_a_field_asked_after_of_the_same_document_stays_one_question() -> None:
    """"… số mấy? Ký ngày nào?" asks two fields of the one programme, not the date of the resolution it cites."""
    question = "Chương trình hành động thực hiện Nghị quyết 57 của Gia Lai số mấy? Ký ngày nào?"
    assert question_parts(question) == [question]


def test_a_second_part_saying_what_it_measures_is_not_given_the_first_s_noun() -> None:
    assert question_parts("Gia Lai còn bao nhiêu làng chưa có sóng và tốc độ đường truyền cấp xã tối thiểu là bao "
                          "nhiêu?")[1] == "Tốc độ đường truyền cấp xã tối thiểu là bao nhiêu ở Gia Lai?"


def test_three_questions_in_one_sentence_are_three() -> None:
    parts = question_parts("Thông báo 7/TB-BCĐ ký ngày nào, nêu kết luận của cuộc họp nào, và cuộc họp đó do "
                           "ai chủ trì?")
    assert len(parts) == 3 and parts[0] == "Thông báo 7/TB-BCĐ ký ngày nào?", parts


def test_a_purpose_opening_the_question_carries_its_place_to_each_part() -> None:
    parts = question_parts("Nhằm đánh giá tiến độ chính quyền số ở Gia Lai, tỷ lệ hồ sơ trực tuyến năm 2024 nêu trong "
                           "Nghị quyết 9 và tỷ lệ trực tuyến toàn trình nêu tại phiên họp thứ ba là bao nhiêu?")
    assert len(parts) == 2 and all(p.endswith("(Gia Lai)") and p[0].isupper() for p in parts), parts
    assert "đánh giá" not in " ".join(parts)  # (why they ask is theirs)


def test_the_subject_carried_to_a_verb_is_not_cut_at_a_comma_inside_it() -> None:
    parts = question_parts("Nghị quyết của Tỉnh ủy Gia Lai về khoa học, công nghệ và chuyển đổi số xác định chi cho "
                           "khoa học hiện mới đạt bao nhiêu phần trăm, và đặt mục tiêu nâng lên mức nào vào năm 2030?")
    assert len(parts) == 2 and not parts[1].startswith("Công nghệ"), parts


def test_asides_and_notes_of_the_asker_are_read_as_what_they_ask() -> None:
    assert without_request("Giám đốc Sở Y tế Gia Lai là ai vậy, tui quên mất tiêu rồi?") == \
        "Giám đốc Sở Y tế Gia Lai là ai vậy?"
    assert without_request("Kể tên nhiệm vụ, tôi được giao những gì?") == "Kể tên nhiệm vụ, tôi được giao những gì?"
    assert without_request("Hội nghị họp ngày nào, tôi nhớ là 13/01?") == "Hội nghị họp ngày nào, tôi nhớ là 13/01?"
    assert without_request("Kế hoạch giao 40 lớp bồi dưỡng đến năm 2026, tôi ghi như vậy có đúng không?") == \
        "Kế hoạch giao 40 lớp bồi dưỡng đến năm 2026 đúng không?"
    assert without_request("nghị quyết 9 nêu những quan điểm gì, tóm ý chính") == "nghị quyết 9 nêu những quan điểm gì?"
    assert asks_yes_or_no("Người ký có đúng là người chủ trì không?")
    assert not asks_yes_or_no("Ai ký quyết định?")


def test_why_the_asker_asks_is_set_aside_its_province_kept() -> None:
    assert without_request("Nhằm đánh giá bộ máy ở Gia Lai, Giám đốc Sở Tư pháp là ai?") == \
        "Gia Lai: Giám đốc Sở Tư pháp là ai?"
    assert without_request("Để chuẩn bị báo cáo, cho tôi hỏi Nghị quyết 9 của Tỉnh ủy Gia Lai có hiệu lực từ lúc "
                           "nào?") == "Nghị quyết 9 của Tỉnh ủy Gia Lai có hiệu lực từ lúc nào?"
    # (a purpose the documents speak of is what is asked)
    assert without_request("Để phát triển hạ tầng số, Gia Lai cần làm gì?") == \
        "Để phát triển hạ tầng số, Gia Lai cần làm gì?"


def test_a_doubt_put_in_the_middle_and_every_figure_stated_is_checked() -> None:
    doubted = premise("Quyết định lập tổ công tác dữ liệu Gia Lai có đúng là do ông Rơ Châm Luân ký không?")
    assert doubted is not None and doubted.kind == "name" and \
        doubted.asked == "Quyết định lập tổ công tác dữ liệu Gia Lai do ai ký?"
    doubted = premise("Gia Lai đầu tư 120 tỷ đồng cho khoa học, chiếm 2% tổng chi ngân sách đúng không?")
    assert doubted is not None and doubted.figures == ("120", "2%")
    assert unconfirmed(doubted, "Mức đầu tư đạt 120 tỷ đồng, chiếm 1,2% tổng chi.") == ["2%"]
    assert unconfirmed(doubted, "Mức đầu tư đạt 120 tỷ đồng, chiếm 2% tổng chi.") == []
    # two figures alike, neither said to be the doubted one: the first is asked, a "yes" holds both
    doubted = premise("Tỉnh đạt 20% năm 2025 và 30% năm 2030 phải không?")
    assert doubted is not None and doubted.stated == "20%" and doubted.figures == ("20%", "30%")


def test_the_year_beside_a_doubted_figure_may_be_asked_away() -> None:
    doubted = premise("Kế hoạch giao bồi dưỡng cho 300 cán bộ đến năm 2026 phải không?")
    assert doubted is not None and doubted.stated == "300" and doubted.year == "đến năm 2026"
    assert doubted.unyeared == "Kế hoạch giao bồi dưỡng cho bao nhiêu cán bộ?"


def test_shorthand_the_south_and_english_words_read_as_meant() -> None:
    assert vn.spoken_question_words("Bên Sở Tư pháp mấy ủy viên là ai vậy?") == \
        "Bên Sở Tư pháp các ủy viên là ai vậy?"
    assert vn.spoken_question_words("Bên Sở Tư pháp có mấy ủy viên, là ai?") == \
        "Bên Sở Tư pháp có mấy ủy viên, là ai?"
    assert vn.expand_abbreviations("họp ngày nào, có live trên kênh nào ko?", loose=True) == \
        "họp ngày nào, có truyền hình trực tiếp trên kênh nào không?"
    assert counted_words("Gia Lai số hóa hồ sơ được bao nhiêu phần trăm rồi nè?", phrase=True) == "phần trăm"
    assert asked_committee("Trưởng Ban Chỉ đạo về khoa học công nghệ, chuyển đổi số bên Gia Lai là ai?") == \
        asked_committee("Trưởng Ban Chỉ đạo về khoa học công nghệ, chuyển đổi số tỉnh Gia Lai là ai?")
    assert asked_kind("Kế hoạch 31/KH-UBND: cơ quan thường trực là ai?") == "organisation"
    assert ("giam doc", ()) in asked_roles("Thủ trưởng Trung tâm Phục vụ hành chính công là ai?")  # (its head)
    reader = AcronymReader(["Gia Lai triển khai nghị quyết."], provinces=["Gia Lai", "Kon Tum"])
    assert reader.spell_out("GL triển khai NQ57: CTr số mấy?").startswith("Gia Lai triển khai")
    assert reader.spell_out("Theo GL 13 thì sao?") == "Theo GL 13 thì sao?"  # (a number follows: no setting)


def test_a_likeness_is_asked_by_ví_and_coi_như() -> None:
    for asked in ("Chủ tịch tỉnh đã ví chương trình chuyển đổi số giống cái gì?", "Nghị quyết 57 được coi như gì?",
                  "Bí thư đã dùng những hình ảnh ẩn dụ nào?", "bi thu vi nghi quyet 57 nhu cai gi"):
        assert analyse_question(asked).kind == "likeness", asked
    assert analyse_question("So sánh với năm 2024 thì tăng bao nhiêu?").kind == "count"


SPEECH = """Gia Lai quán triệt Nghị quyết 57
Sáng 12/3/2026, Ban Chỉ đạo phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số tỉnh Gia Lai họp \
phiên thứ nhất.
Phát biểu chỉ đạo, đồng chí Rơ Châm Luân, Bí thư Tỉnh ủy, khẳng định Nghị quyết 57-NQ/TW được coi như "đòn bẩy \
vàng" của tỉnh; là "mạch máu" của nền kinh tế số.
Văn phòng Tỉnh ủy chủ trì, phối hợp với Sở Khoa học và Công nghệ tham mưu sơ kết chương trình vào quý IV năm 2027.
Chi cho khoa học và công nghệ của tỉnh hiện mới đạt 0,8% tổng chi ngân sách địa phương; đến năm 2030 đạt 2%.
Tỉnh phấn đấu bồi dưỡng kỹ năng số cho 900 cán bộ cấp xã đến năm 2028.
"""

NOTICE = """UBND TỈNH GIA LAI
BAN CHỈ ĐẠO CHUYỂN ĐỔI SỐ
Số: 7/TB-BCĐ
Gia Lai, ngày 20 tháng 3 năm 2026
THÔNG BÁO
Kết luận của Trưởng Ban Chỉ đạo chuyển đổi số tỉnh tại phiên họp thứ ba năm 2026
Ban Chỉ đạo yêu cầu:
a) Sở Tư pháp rà soát quy chế chia sẻ dữ liệu trước ngày 30/6/2026.
b) Công an tỉnh tổ chức diễn tập an toàn thông tin mạng trong tháng 5/2026.
Ban Chỉ đạo thông báo để các cơ quan, đơn vị, địa phương biết, thực hiện./.
"""


@pytest.fixture(scope="module")
def speech(tmp_path_factory: pytest.TempPathFactory) -> ChatService:
    return service_over(tmp_path_factory, "breath", {"gia-lai-quan-triet-nq57.txt": SPEECH,
                                                     "thong-bao-7-tb-bcd-gia-lai.txt": NOTICE})


@pytest.mark.slow
def test_what_a_resolution_is_likened_to_is_the_quoted_figure(speech: ChatService) -> None:
    result = speech.answer("Bí thư Tỉnh ủy Gia Lai ví Nghị quyết 57 như cái gì?")
    assert not result.refused and result.answer.startswith("đòn bẩy vàng"), result.answer
    # (a notice likening nothing to anything: no sentence of it answers)
    assert speech.answer("Thông báo 7/TB-BCĐ ví an toàn thông tin mạng như cái gì?").refused


@pytest.mark.slow
def test_the_bodies_a_notice_gives_tasks_are_its_tasks_lead_bodies(speech: ChatService) -> None:
    result = speech.answer("Thông báo 7/TB-BCĐ giao nhiệm vụ cho những cơ quan nào?")
    assert "Sở Tư pháp" in result.answer and "Công an tỉnh" in result.answer, result.answer


@pytest.mark.slow
def test_a_final_review_is_not_the_half_way_one(speech: ChatService) -> None:
    assert speech.answer("Tỉnh Gia Lai tổng kết chương trình vào năm nào?").refused
    assert "quý IV năm 2027" in speech.answer("Tỉnh Gia Lai sơ kết chương trình vào năm nào?").answer


@pytest.mark.slow
def test_what_stands_now_is_the_share_now(speech: ChatService) -> None:
    result = speech.answer("Mức chi cho khoa học và công nghệ của Gia Lai hiện mới đạt bao nhiêu phần trăm tổng chi "
                           "ngân sách địa phương?")
    assert "0,8%" in result.answer, result.answer


@pytest.mark.slow
def test_a_figure_doubted_in_the_wrong_year_is_denied(speech: ChatService) -> None:
    result = speech.answer("Gia Lai phấn đấu bồi dưỡng kỹ năng số cho 900 cán bộ cấp xã đến năm 2026 phải không?")
    assert result.answer.startswith("Không") and "2028" in result.answer, result.answer
    result = speech.answer("Gia Lai phấn đấu bồi dưỡng kỹ năng số cho 700 cán bộ cấp xã đến năm 2026 phải không?")
    assert result.answer.startswith("Không, không phải 700") and "900" in result.answer, result.answer


@pytest.mark.slow
def test_a_yes_for_one_figure_is_no_yes_for_another_stated_beside_it(speech: ChatService) -> None:
    result = speech.answer("Chi cho khoa học và công nghệ của Gia Lai hiện mới đạt 0,8% tổng chi ngân sách địa phương "
                           "và đến năm 2030 đạt 3%, tôi ghi như vậy có đúng không?")
    assert result.answer.startswith("Không, không phải 3%"), result.answer


@pytest.mark.slow
def test_a_city_the_documents_never_speak_of_is_refused(speech: ChatService) -> None:
    assert speech.answer("BCĐ của TP.HCM họp phiên thứ nhất khi nào?").refused
