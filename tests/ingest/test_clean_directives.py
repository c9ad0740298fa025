"""A plain-text directive is not a crawled page because it quotes a link: crawl-noise removal needs a page's
furniture, and even on a crawled page a repeated sentence of the body stays."""

from pathlib import Path

import pytest

from ingest.clean import clean, looks_crawled

DIRECTIVE_WITH_LINK = [
    "KẾ HOẠCH TRIỂN KHAI DỊCH VỤ CÔNG TRỰC TUYẾN TOÀN TRÌNH NĂM 2026.",
    "I. MỤC ĐÍCH, YÊU CẦU.",
    "Hồ sơ nộp tại https://dichvucong.gov.vn trước ngày 30/6/2026.",
    "Các sở, ngành bảo đảm hồ sơ được tiếp nhận và trả kết quả đúng hạn cho người dân.",
    "II. NHIỆM VỤ, GIẢI PHÁP.",
    "Nguồn kinh phí: ngân sách tỉnh",
    "Xem thêm",
    "Sở Khoa học và Công nghệ chủ trì, phối hợp với các sở, ngành.",
    "I. MỤC ĐÍCH, YÊU CẦU.",
    "Các sở, ngành bảo đảm hồ sơ được tiếp nhận và trả kết quả đúng hạn cho người dân.",
    "Theo dõi, đôn đốc việc thực hiện hằng quý.",
]


@pytest.mark.parametrize("suffix", [".txt", ".md"])
def test_a_text_directive_with_a_link_in_a_sentence_keeps_every_body_line(tmp_path: Path,
                                                                          suffix: str) -> None:
    from bcd.settings import Settings
    from ingest.pipeline import prepare

    path = tmp_path / f"ke-hoach-dich-vu-cong{suffix}"
    path.write_text("\n".join(DIRECTIVE_WITH_LINK) + "\n", encoding="utf-8")
    cleaned, _, _ = prepare(path, "ke-hoach", str(path), Settings(data_dir=tmp_path))
    lines = cleaned.text.splitlines()
    assert lines == DIRECTIVE_WITH_LINK  # every line, in order, repeats and "Xem thêm" included
    assert cleaned.url is None  # a link in a sentence is not the document's address


@pytest.mark.parametrize("text", [
    "Hồ sơ nộp tại https://dichvucong.gov.vn trước ngày 30/6/2026.\nXem thêm\nDòng cuối.",
    "Tra cứu văn bản (https://vanban.chinhphu.vn/?docid=212345) và báo cáo trước ngày 15/7.",
    "CHƯƠNG TRÌNH HỘI NGHỊ\n8:00\nKhai mạc hội nghị.\n8:30 / 9:00 nghỉ giải lao",
    "Dòng một.\nDòng một.\nXem thêm\nDòng cuối.",
])
def test_links_times_and_repeats_alone_do_not_make_a_crawled_page(text: str) -> None:
    assert not looks_crawled(text)
    assert clean(text).text == text


@pytest.mark.parametrize("text", [
    "URL: https://baolaocai.vn/bai-viet-1\nBài viết chính có nội dung.",
    "Nguồn: https://baonamdinh.vn/tin-nong/bai-viet-2\nBài viết chính có nội dung.",
    "https://baohanam.vn/bai-viet-3\nBài viết chính có nội dung.",
    "Bài viết chính có nội dung.\nanh-1.jpg\nChú thích ảnh.",
    "Bài viết chính có nội dung.\n0:00 / 0:00\n0:00",
    "Bài viết chính có nội dung.\nfb yt zl tw",
])
def test_a_page_s_furniture_makes_a_crawled_page(text: str) -> None:
    assert looks_crawled(text)
    assert clean(text).text.splitlines()[0] == "Bài viết chính có nội dung."


def test_the_crawler_s_leading_address_becomes_the_url_not_text() -> None:
    result = clean("URL: https://baolaocai.vn/bai-viet-1\nBài viết chính có nội dung.")
    assert result.url == "https://baolaocai.vn/bai-viet-1" and result.text == "Bài viết chính có nội dung."


@pytest.mark.parametrize("name", ["lao-cai-hoi-nghi-don-doc-nhiem-vu-trong-tam-2025.txt",
                                  "nam-dinh-ban-chi-dao-hop-phien-dau-tien.txt"])
def test_the_shipped_crawled_news_files_are_still_crawled_pages(corpus_dir: Path, name: str) -> None:
    assert looks_crawled((corpus_dir / name).read_text(encoding="utf-8"))


def test_a_crawled_page_keeps_a_repeated_sentence_and_drops_repeated_captions() -> None:
    sentence = "Các sở, ngành bảo đảm hồ sơ được tiếp nhận và trả kết quả đúng hạn cho người dân."
    caption = "Đồng chí Phạm Đình Nghị, Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh phát biểu tại hội nghị."
    page = "\n".join([
        "Toàn cảnh hội nghị.", "anh-1.jpg", "Toàn cảnh hội nghị.",  # a short caption, twice
        sentence,
        caption, "", caption,  # a long caption the template printed twice in a row
        "Phần tiếp theo của bài viết.",
        sentence,  # the body says it again, elsewhere: a sentence, not a caption
    ])
    text = clean(page, crawled=True).text
    assert text.splitlines() == ["Toàn cảnh hội nghị.", sentence, caption, "Phần tiếp theo của bài viết.",
                                 sentence]
