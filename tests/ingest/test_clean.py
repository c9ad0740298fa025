"""The cleaner on the shipped crawl: every noise kind from the issue is gone, every article line stays."""

from pathlib import Path

import pytest

from bcd.vietnamese import normalize
from ingest.clean import clean

RELATED_MARKERS = ("Có thể bạn quan tâm", "Tin cùng chuyên mục")


def _article_lines(raw: str) -> list[str]:
    """The raw file up to its related-news block, as whitespace-collapsed lines of 8+ words."""
    for marker in RELATED_MARKERS:
        raw = raw.split(f"\n{marker}\n")[0]
    lines = [" ".join(normalize(line).split()) for line in raw.splitlines()]
    return [line for line in lines if len(line.split()) >= 8 and "http" not in line]


def test_every_article_line_is_kept(corpus_dir: Path) -> None:
    checked = 0
    for path in sorted(corpus_dir.glob("*.txt")):
        raw = path.read_text(encoding="utf-8")
        cleaned = clean(raw).text
        for line in _article_lines(raw):
            assert line in cleaned, f"{path.name}: lost {line[:80]!r}"
            checked += 1
    assert checked > 40


@pytest.mark.parametrize("noise", [
    "060a3664.jpg", "baolaocai-tl_060a3669.jpg", "0:00 / 0:00", "Có thể bạn quan tâm", "Tin cùng chuyên mục",
    "Thủ tướng Phạm Minh Chính và Phu nhân bắt đầu chuyến thăm", "Giải đua xe đạp quốc tế", "fb yt zl tw",
])
def test_noise_of_the_lao_cai_crawl_is_removed(corpus_dir: Path, noise: str) -> None:
    raw = (corpus_dir / "lao-cai-hoi-nghi-don-doc-nhiem-vu-trong-tam-2025.txt").read_text(encoding="utf-8")
    assert noise in raw
    assert noise not in clean(raw).text


def test_source_line_share_word_and_repeated_captions(corpus_dir: Path) -> None:
    raw = (corpus_dir / "nam-dinh-ban-chi-dao-hop-phien-dau-tien.txt").read_text(encoding="utf-8")
    result = clean(raw)
    assert result.url and result.url.startswith("https://baonamdinh.vn/")
    assert "Nguồn Nam Định" not in result.text and "baonamdinh.vn" not in result.text
    assert not any(line.strip() == "Zalo" for line in result.text.splitlines())
    caption = "Các đồng chí Thường trực Tỉnh ủy chủ trì hội nghị."
    assert raw.count(caption) == 2 and result.text.count(caption) == 1


def test_media_player_and_tone_marks_normalised() -> None:
    result = clean("Tin họp\n0:00\n1:23 / 4:56\nẢnh.png\nVăn hoá và thuỷ lợi được quan tâm.\n")
    assert result.text == "Tin họp\nVăn hóa và thủy lợi được quan tâm."


def test_whitespace_collapsed_and_blank_lines_dropped() -> None:
    assert clean("  Dòng   một  \n\n\n\tDòng hai\n").text == "Dòng một\nDòng hai"


DIRECTIVE = [
    "KẾ HOẠCH THỰC HIỆN CHƯƠNG TRÌNH HÀNH ĐỘNG SỐ 35-CTr/TU.",
    "I. MỤC ĐÍCH, YÊU CẦU.",
    "Triển khai đồng bộ các nhiệm vụ chuyển đổi số trong năm 2026.",
    "II. NHIỆM VỤ, GIẢI PHÁP.",
    "Nguồn kinh phí: ngân sách tỉnh bố trí.",
    "Xem thêm",
    "Sở Khoa học và Công nghệ chủ trì, phối hợp với các sở, ngành.",
    "I. MỤC ĐÍCH, YÊU CẦU.",
    "Theo dõi, đôn đốc việc thực hiện hằng quý.",
]


@pytest.mark.parametrize("suffix", [".docx", ".pdf", ".txt"])
def test_every_line_of_a_directive_survives(tmp_path: Path, suffix: str) -> None:
    """No crawl-noise rule touches a document that no crawl produced: a "Nguồn kinh phí" sentence, a heading
    repeated on purpose and a "Xem thêm" line all stay, in PDF, DOCX and a plain text file."""
    from bcd.settings import Settings
    from ingest.pipeline import prepare
    from tests.ingest.test_loaders import _pdf

    path = tmp_path / f"ke-hoach{suffix}"
    if suffix == ".docx":
        import docx

        document = docx.Document()
        for line in DIRECTIVE:
            document.add_paragraph(line)
        document.save(str(path))
    elif suffix == ".pdf":
        _pdf(path, DIRECTIVE)
    else:
        path.write_text("\n".join(DIRECTIVE), encoding="utf-8")
    cleaned, _, _ = prepare(path, "ke-hoach", str(path), Settings(data_dir=tmp_path))
    text = " ".join(cleaned.text.split())
    for line in DIRECTIVE:
        assert line in text, f"{suffix}: lost {line!r}"
    assert text.count("I. MỤC ĐÍCH, YÊU CẦU.") == 2


def test_crawl_noise_rules_apply_to_crawled_text_only() -> None:
    crawled = "Bài viết chính có nội dung.\nanh-1.jpg\nNguồn: baohanam.vn\nNguồn kinh phí: ngân sách tỉnh bố trí."
    result = clean(crawled).text  # an image file name: a crawled page
    assert "anh-1.jpg" not in result and "baohanam.vn" not in result
    assert "Nguồn kinh phí: ngân sách tỉnh bố trí." in result  # a sentence of the body, even in a crawl
    plain = "Dòng một.\nDòng một.\nXem thêm\nDòng cuối."
    assert clean(plain).text == plain  # nothing looks crawled: nothing is removed
    assert clean(plain, crawled=True).text == "Dòng một."
