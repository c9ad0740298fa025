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
