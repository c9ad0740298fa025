"""On the whole shipped corpus: questions one detail away from what the documents say (a year, a document's
number, a province, a deadline, what has been reached) are refused, whichever way they would be answered (a
sentence, a document's header, its citations, its task rows), and the question the documents do answer is
answered; the held-out figure is `python -m eval.near_misses` over sets nobody tuned on (README). Also what a
document's header says of who issued it, and a doubt put in the middle of a question."""

from __future__ import annotations

import pytest

from chat.memory import question_parts
from chat.premise import premise
from tests.conftest import CORPUS

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """The whole shipped corpus, the sample directive documents too (their headers, task rows, a scanned notice)."""
    from bcd.settings import Settings
    from chat.service import ChatService
    from ingest.pipeline import Ingestor

    settings = Settings(data_dir=tmp_path_factory.mktemp("shipped"))
    report = Ingestor(settings).ingest([*sorted(CORPUS.glob("*.txt")), *sorted((CORPUS / "samples").iterdir())],
                                       progress=False)
    assert not report.failed, report.failed
    return ChatService(settings)


@pytest.mark.parametrize(("near_miss", "answered", "fact"), [
    # a year the corpus never writes, before a comma
    ("Trong mười tháng đầu năm 2032, tỷ lệ hồ sơ thủ tục hành chính Hòa Bình giải quyết trực tuyến toàn trình là "
     "bao nhiêu phần trăm?", "Tỷ lệ hồ sơ thủ tục hành chính giải quyết trực tuyến toàn trình ở Hòa Bình đạt bao "
     "nhiêu phần trăm?", "74,2%"),
    # a document number no document has, asked of its header or of its citations
    ("Quyết định 1888 thành lập Ban Chỉ đạo xây dựng chính quyền số Hòa Bình do ai ký?",
     "Quyết định 1875 thành lập Ban Chỉ đạo xây dựng chính quyền số Hòa Bình do ai ký?", "Hà Quang Tuấn"),
    # a document of one province asked of another
    ("chuong trinh hanh dong 25 cua tinh uy Lao Cai ban hanh ngay nao",
     "chuong trinh hanh dong 25 cua tinh uy Hoa Binh ban hanh ngay nao", "2025"),
    ("Tỉnh ủy Bạc Liêu ra Chương trình hành động 54 vào hôm nào?",
     "Tỉnh ủy Nam Định ra Chương trình hành động 54 vào hôm nào?", "24/02/2025"),
    # a document told apart by its year
    ("Thông báo kết luận của Trưởng Ban Chỉ đạo xây dựng chính quyền số tỉnh tại phiên họp thứ hai năm 2032 có số "
     "hiệu gì?", "Thông báo kết luận của Trưởng Ban Chỉ đạo xây dựng chính quyền số tỉnh tại phiên họp thứ hai năm "
     "2025 có số hiệu gì?", "15/TB-BCĐ"),
    # a deadline, not when a meeting took place
    ("Hạn chót bổ sung thành viên Ban Chỉ đạo Nghị quyết 57 mà Bí thư Tỉnh ủy Lào Cai đề nghị là lúc nào?",
     "Văn phòng Ủy ban nhân dân tỉnh Hòa Bình hoàn thiện Hệ thống thông tin báo cáo trước ngày nào?", "15/01/2026"),
    # a department no document writes, in any spelling
    ("Kế hoạch 99 yêu cầu Sở Xây dựng báo cáo Ủy ban nhân dân tỉnh chậm nhất ngày nào mỗi năm?",
     "Kế hoạch 99 yêu cầu Sở KH&CN báo cáo Ủy ban nhân dân tỉnh chậm nhất ngày nào mỗi năm?", "15 tháng 12"),
    # a department the corpus writes, but not as the one this is asked of
    ("Việc bố trí biên chế cán bộ chuyên trách công nghệ thông tin của Sở Giáo dục và Đào tạo phải hoàn thành trong "
     "tháng nào?", "Việc bố trí biên chế cán bộ chuyên trách công nghệ thông tin của Sở Nội vụ phải hoàn thành trong "
     "tháng nào?", "02/2026"),
    # what has been reached, not what a task is due to reach
    ("Thông báo 15 nói hệ thống thông tin báo cáo của tỉnh đã kết nối được với bao nhiêu Ủy ban nhân dân cấp xã?",
     "Thông báo 15 nói hệ thống thông tin báo cáo của tỉnh đã kết nối được với bao nhiêu sở, ngành?", "21 sở"),
    # a thing the documents qualify otherwise ("thu nhập cao"), and the question's qualifier nowhere
    ("Theo Bí thư Tỉnh ủy Nam Định, năm nào đất nước trở thành nước phát triển, thu nhập trung bình?",
     "Theo Bí thư Tỉnh ủy Nam Định, năm nào đất nước trở thành nước phát triển, thu nhập cao?", "2045"),
    # a deputy of a body whose head the documents name, and no deputy of it
    ("Trong Ban Chỉ đạo chính quyền số của Hòa Bình, vị Phó Giám đốc Sở Tài chính tên là gì?",
     "Trong Ban Chỉ đạo chính quyền số của Hòa Bình, vị Giám đốc Sở Tài chính tên là gì?", "Bùi Thị Thu Trang"),
])
def test_one_detail_away_is_refused_and_the_real_question_answered(service, near_miss: str, answered: str,  # type: ignore[no-untyped-def]
                                                                   fact: str) -> None:
    assert service.answer(near_miss).refused
    real = service.answer(answered)
    assert not real.refused and fact in real.answer


def test_the_tasks_of_a_document_of_another_province_are_not_listed(service) -> None:  # type: ignore[no-untyped-def]
    asked = "Nghị quyết 12 của Tỉnh ủy {} nói giai đoạn 2021 - 2024 nghiệm thu được mấy nhiệm vụ KHCN cấp tỉnh?"
    assert service.answer(asked.format("Yên Bái")).refused
    assert "27 nhiệm vụ" in service.answer(asked.format("Hòa Bình")).answer


def test_whom_a_task_is_done_with_is_the_group_the_sentence_names(service) -> None:  # type: ignore[no-untyped-def]
    answer = service.answer("Sở KH&CN phối hợp với ai để phủ sóng di động cho các thôn, xóm còn lại?")
    assert answer.answer.startswith("các doanh nghiệp viễn thông")


def test_a_body_signing_on_behalf_of_its_committee_is_the_issuer_said(service) -> None:  # type: ignore[no-untyped-def]
    """"T/M BAN THƯỜNG VỤ" under "TỈNH ỦY HÒA BÌNH": the Standing Committee issued the programme."""
    answer = service.answer("Chương trình hành động số 25-CTr/TU do cơ quan nào ban hành?")
    assert "Ban Thường vụ Tỉnh ủy Hòa Bình" in answer.answer
    assert "Ban Thường vụ" not in service.answer("Kế hoạch 99/KH-UBND do cơ quan nào ban hành?").answer


def test_a_doubt_put_in_the_middle_is_checked(service) -> None:  # type: ignore[no-untyped-def]
    doubted = "Quyết định 1875/QĐ-UBND có phải do bà Đinh Thị Mai Hương ký không?"
    read = premise(doubted)
    assert read is not None and (read.asked, read.stated) == ("Quyết định 1875/QĐ-UBND do ai ký?",
                                                              "Đinh Thị Mai Hương")
    wrong = service.answer(doubted)
    assert wrong.answer.startswith("Không, không phải Đinh Thị Mai Hương") and "Hà Quang Tuấn" in wrong.answer


def test_a_part_opening_with_a_document_keeps_it_as_its_subject() -> None:
    parts = question_parts("KH 99 ưu tiên phủ sóng 4G, 5G ở các xã của những huyện nào, và thông báo 15 đặt hạn "
                           "xong việc phủ sóng 17 thôn, xóm là ngày nào?")
    assert len(parts) == 2 and parts[1].startswith("Thông báo 15 đặt hạn")


def test_a_resolution_names_the_body_it_is_of_in_its_title(service) -> None:  # type: ignore[no-untyped-def]
    """"NGHỊ QUYẾT CỦA BAN CHẤP HÀNH ĐẢNG BỘ TỈNH" under "TỈNH ỦY HÒA BÌNH": the Executive Committee's resolution."""
    answer = service.answer("Nghị quyết 12-NQ/TU do cơ quan nào ban hành?")
    assert "Tỉnh ủy Hòa Bình" in answer.answer and "ban chấp hành đảng bộ tỉnh" in answer.answer.lower()


def test_what_a_deputy_said_is_quoted_not_what_the_head_said(service) -> None:  # type: ignore[no-untyped-def]
    """A role the question names is the one the quoted sentence names: the Phó Chủ tịch Thường trực's remarks, not
    the sentences of the Bí thư, Chủ tịch HĐND, that rank higher."""
    answer = service.answer("Ở hội nghị chiều 17/11 tại Lào Cai, Phó Chủ tịch Thường trực UBND tỉnh nêu ý kiến về "
                            "lĩnh vực nào?")
    assert not answer.refused and "Nguyễn Thế Phước" in answer.answer and "Trịnh Việt Hùng" not in answer.answer
