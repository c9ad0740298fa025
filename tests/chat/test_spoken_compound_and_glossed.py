"""Questions as people type them, read as asked: Southern words ("bữa nào", "ổng"), a gloss in another language in
brackets, a request closing the question, two questions after a bare comma (the second asked of the first's topic),
"và" between two nouns of one head, "còn X thì sao, …" with one more ask, "ra ngày nào" of a document, "mấy X nào"
asking which; a quotation set apart under the caption naming its speaker; a document's subject line is no answer to
what it says; a share asked of what reaches it (made-up documents, a real store)."""

from __future__ import annotations

import pytest

from bcd import vietnamese as vn
from chat.generators.base import Turn
from chat.memory import document_parts, question_parts, standalone_question
from chat.preamble import without_glosses, without_request
from chat.service import ChatService
from chat.speakers import speaker_sentence
from retrieval.asked import counted_noun
from retrieval.question import fields_asked
from tests.services import service_over


def test_southern_words_are_put_as_written() -> None:
    assert vn.spoken_question_words("Tổ công tác họp bữa nào?") == "Tổ công tác họp ngày nào?"
    assert vn.spoken_question_words("Ổng ký hông?") == "Ông ấy ký không?"
    assert vn.spoken_question_words("Bả giữ chức gì?") == "Bà ấy giữ chức gì?"
    # after a number, two of them: no one referred back to
    assert vn.spoken_question_words("hai ổng đều là Bí thư hả?") == "hai ông đều là Bí thư hả?"
    assert vn.spoken_question_words("Bảng số liệu") == "Bảng số liệu"  # (a word that only starts so)


def test_a_gloss_in_another_language_is_set_aside() -> None:
    assert without_glosses("Vùng lõm sóng (dead zones) ở Kon Tum còn bao nhiêu?") == \
        "Vùng lõm sóng ở Kon Tum còn bao nhiêu?"
    assert without_glosses("Nền tảng dùng chung (shared platform) do ai chủ trì?") == \
        "Nền tảng dùng chung do ai chủ trì?"
    for kept in ("Ban Chỉ đạo (BCĐ) họp khi nào?", "Phiên họp (phien hop thu hai) ra sao?",
                 "Kế hoạch (số 12/KH-UBND) ký ngày nào?", "Kết luận (phiên thứ hai) nói gì?"):
        assert without_glosses(kept) == kept


def test_a_request_closing_the_question_is_set_aside() -> None:
    assert without_request("Nghị quyết 08 đặt những mục tiêu gì, nói sơ sơ nghe?") == \
        "Nghị quyết 08 đặt những mục tiêu gì?"
    assert without_request("Kế hoạch 12 giao việc gì, tóm tắt ngắn gọn giúp em") == "Kế hoạch 12 giao việc gì?"
    # what is asked to be told is the question: kept
    assert without_request("Ban Chỉ đạo có những ai, kể tên các thành viên?") == \
        "Ban Chỉ đạo có những ai, kể tên các thành viên?"


def test_a_second_question_after_a_bare_comma_is_asked_of_the_firsts_topic() -> None:
    parts = question_parts("Trưởng Ban Chỉ đạo chuyển đổi số tỉnh Kon Tum là ai, họp lần đầu ngày nào?")
    assert len(parts) == 2 and parts[0].endswith("là ai?"), parts
    assert "Kon Tum" in parts[1] and "ngày nào" in parts[1], parts
    # one question: the question word before the comma is not where the clause ends, the same kind asked again,
    # fields of one document, a column of each task listed
    for one in ("Thông báo 7/TB-TCT giao cơ quan nào đôn đốc, xử lý việc các xã chậm báo cáo, hạn khi nào?",
                "Quỹ hỗ trợ khởi nghiệp của Kon Tum có vốn bao nhiêu, mức hỗ trợ tối đa cho một dự án là bao nhiêu?",
                "Nghị quyết về chuyển đổi số tỉnh Kon Tum là của cơ quan nào, ban hành ngày nào?",
                "Kế hoạch 12/KH-UBND có những nhiệm vụ nào, ai chủ trì?"):
        assert question_parts(one) == [one], question_parts(one)


def test_a_figure_making_precise_how_far_is_one_question_and_a_clause_of_the_document_another() -> None:
    one = "Kon Tum nói chi cho khoa học còn thấp, vậy thấp đến mức nào, chiếm bao nhiêu phần trăm tổng chi?"
    assert question_parts(one) == [one]
    parts = question_parts("Nghị quyết 08-NQ/TU ban hành ngày nào, tại hội nghị Ban Chấp hành lần thứ mấy?")
    assert len(parts) == 2 and "lần thứ mấy" in parts[1], parts
    assert len(question_parts("Kế hoạch 12/KH-UBND do ai ký, với chức vụ gì?")) == 1  # (the signer's post)


def test_on_whose_behalf_a_document_is_signed_is_its_signer_asked() -> None:
    assert fields_asked("Khi ký Thông báo 7 thì ông Hùng ký thay ai?") == ["signer"]


def test_and_between_two_nouns_of_one_head_joins_no_questions() -> None:
    question = "Cơ quan nào nhắc nhở huyện Đắk Hà và huyện Sa Thầy chậm nộp báo cáo, hạn khi nào?"
    assert question_parts(question) == [question]


def test_then_after_a_comma_opens_another_question() -> None:
    parts = question_parts("Bà Y Ngọc giữ chức gì trong Ban Chỉ đạo, rồi bà có ký quyết định nào không?")
    assert len(parts) == 2 and "Y Ngọc" in parts[1], parts


def test_another_body_and_one_more_ask_of_it() -> None:
    history = [Turn("user", "Thông báo 7/TB-TCT giao Sở Y tế làm gì?"),
               Turn("assistant", "Sở Y tế chủ trì triển khai bệnh án điện tử. [1]")]
    asked = standalone_question("còn Sở Công Thương thì sao, hạn khi nào", history)
    assert asked.startswith("Thông báo 7/TB-TCT giao Sở Công Thương làm gì") and asked.endswith("hạn khi nào?"), asked


def test_documents_named_in_lower_case_are_each_asked_of() -> None:
    parts = document_parts("nq 08-nq/tu và ctr 41-ctr/tu ra ngày nào")
    assert [document for document, _ in parts] == ["Nghị quyết 08-NQ/TU", "Chương trình 41-CTr/TU"], parts


def test_issued_as_spoken_and_which_as_spoken() -> None:
    assert fields_asked("Nghị quyết 08 ra ngày nào?") == ["date"]
    assert fields_asked("Kế hoạch 12 ra hồi nào?") == ["date"]
    assert "date" not in fields_asked("Phiên họp diễn ra")
    assert counted_noun("Kinh phí chia ra từ mấy nguồn nào?") is None  # which sources, not how many
    assert counted_noun("Kinh phí chia ra từ mấy nguồn?") == ("nguon",)


NEWS = """Kon Tum: Ban Chỉ đạo chuyển đổi số tỉnh họp phiên đầu tiên
Sáng 12/4/2026, Ban Chỉ đạo chuyển đổi số tỉnh Kon Tum họp phiên đầu tiên tại Hội trường Tỉnh ủy.
Theo quyết định thành lập, đồng chí A Pớt, Bí thư Tỉnh ủy, là Trưởng Ban Chỉ đạo; 14 sở, ngành có thành viên.
Phát biểu kết luận phiên họp, đồng chí A Pớt nhấn mạnh: chuyển đổi số phải lấy người dân làm trung tâm.
Đồng chí A Pớt, Bí thư Tỉnh ủy, Trưởng Ban Chỉ đạo phát biểu kết luận phiên họp.
“Mỗi sở, ngành phải cử một cán bộ đầu mối về dữ liệu và hoàn thành danh mục dữ liệu mở trước tháng 9.”
"""

GIA_LAI = """Gia Lai: sơ kết công tác chuyển đổi số quý I/2026
Để thực hiện, Tỉnh ủy Gia Lai đã ban hành Chương trình hành động số 41-CTr/TU, ngày 10/3/2026; UBND tỉnh ban hành Kế \
hoạch số 15/UBND-KH ngày 18/3/2026 thực hiện Chương trình hành động của Ban Thường vụ Tỉnh ủy.
"""

RESOLUTION = """TỈNH ỦY KON TUM
Số 08-NQ/TU
Kon Tum, ngày 02 tháng 3 năm 2026
NGHỊ QUYẾT
về chuyển đổi số tỉnh Kon Tum đến năm 2030, tầm nhìn đến năm 2045
I. MỤC TIÊU
Đến năm 2027: tỷ lệ dịch vụ công trực tuyến toàn trình đạt 90%; kinh tế số chiếm 15% GRDP của tỉnh.
Đến năm 2030: chi cho khoa học và công nghệ đạt 3% tổng chi ngân sách địa phương.
Tầm nhìn đến năm 2045: Kon Tum trở thành tỉnh có kinh tế số phát triển hàng đầu vùng Tây Nguyên.
T/M TỈNH ỦY
BÍ THƯ
A Pớt
"""


@pytest.fixture(scope="module")
def kon_tum(tmp_path_factory: pytest.TempPathFactory) -> ChatService:
    return service_over(tmp_path_factory, "spoken", {"bcd-kon-tum-phien-dau.txt": NEWS,
                                                     "nghi-quyet-08-nq-tu.txt": RESOLUTION,
                                                     "gia-lai-so-ket-quy-1.txt": GIA_LAI})


def test_a_quotation_under_a_caption_is_its_speakers() -> None:
    quote = NEWS.index("“Mỗi sở")
    span = speaker_sentence(NEWS, quote)
    assert span is not None and NEWS[span[0]:span[1]].startswith("Đồng chí A Pớt"), span
    assert speaker_sentence(NEWS, NEWS.index("Sáng 12/4/2026")) is None  # (a paragraph of its own, no quotation)


@pytest.mark.slow
def test_the_subject_line_of_a_cited_document_answers_only_what_it_is_about(kon_tum: ChatService) -> None:
    result = kon_tum.answer("Nghị quyết 08-NQ/TU tầm nhìn 2045 muốn Kon Tum thành tỉnh thế nào?")
    assert "hàng đầu vùng Tây Nguyên" in result.answer and "về chuyển đổi số" not in result.answer, result.answer
    about = kon_tum.answer("Nghị quyết 08-NQ/TU về vấn đề gì?")
    assert "chuyển đổi số tỉnh Kon Tum" in about.answer, about.answer


@pytest.mark.slow
def test_a_share_asked_of_what_reaches_it_is_not_anothers(kon_tum: ChatService) -> None:
    """2027 sets the shares of online services and of the digital economy, not of spending on science: "chi cho khoa
    học … đến 2027" is not answered by them; 2030's is."""
    for asked in ("Theo Nghị quyết 08-NQ/TU, đến 2027 chi cho khoa học công nghệ phải đạt bao nhiêu % ngân sách?",
                  "nq 08 kon tum đến 2027 chi khcn phải đạt bn % ngân sách"):
        refused = kon_tum.answer(asked)
        assert refused.refused, refused.answer
    answered = kon_tum.answer("Theo Nghị quyết 08-NQ/TU, đến năm 2030 chi cho khoa học và công nghệ phải đạt bao "
                              "nhiêu phần trăm tổng chi ngân sách?")
    assert "3%" in answered.answer, answered.answer


@pytest.mark.slow
def test_two_questions_after_a_comma_are_each_answered(kon_tum: ChatService) -> None:
    result = kon_tum.answer("Trưởng Ban Chỉ đạo chuyển đổi số Kon Tum là ai, họp phiên đầu bữa nào vậy?")
    assert "A Pớt" in result.answer and "12/4/2026" in result.answer, result.answer
    assert len(result.citations) == 2, result.answer  # (each from the sentence that states it)


@pytest.mark.slow
def test_a_date_asked_of_a_document_is_the_one_written_after_its_number(kon_tum: ChatService) -> None:
    result = kon_tum.answer("UBND tỉnh Gia Lai ban hành KH số mấy để thực hiện CTr của BTV Tỉnh ủy, ngày nào?")
    lead = result.answer.split(" — ")[0]
    assert "15/UBND-KH" in lead and "18/3/2026" in lead and "10/3/2026" not in lead, result.answer
