from datetime import date
from pathlib import Path

import pytest

from ingest.clean import clean
from ingest.metadata import extract_metadata

EXPECTED = {
    "dien-bien-phien-hop-thu-nhat-ban-chi-dao-57": ("Điện Biên", None, ["57-NQ/TW"]),
    "bac-kan-hop-ban-chi-dao-bao-cao-thuc-hien-nq57": (
        "Bắc Kạn", None, ["57-NQ/TW", "35-CTr/TU", "03/NQ-CP", "18-NQ/TW"]),
    "lao-cai-hoi-nghi-don-doc-nhiem-vu-trong-tam-2025": ("Lào Cai", date(2025, 11, 17), []),
    "ha-nam-hoi-nghi-toan-quoc-dot-pha-khcn-cds": ("Hà Nam", date(2025, 1, 13), ["57-NQ/TW"]),
    "nam-dinh-ban-chi-dao-hop-phien-dau-tien": (
        "Nam Định", date(2025, 3, 20), ["57-NQ/TW", "54-CTr/TU", "29/UBND-KH", "1407-QĐ/TU"]),
}


@pytest.mark.parametrize("stem", sorted(EXPECTED))
def test_metadata_of_each_shipped_document(corpus_dir: Path, stem: str) -> None:
    cleaned = clean((corpus_dir / f"{stem}.txt").read_text(encoding="utf-8"))
    meta = extract_metadata(cleaned.text, doc_id=stem, source=f"corpus/{stem}.txt", url=cleaned.url)
    province, event_date, numbers = EXPECTED[stem]
    assert meta.province == province
    assert meta.event_date == event_date
    assert meta.doc_numbers == numbers
    assert len(meta.content_hash) == 64
    assert meta.title and len(meta.title) <= 161 and "\n" not in meta.title


def test_dates_and_url_of_the_nam_dinh_article(corpus_dir: Path) -> None:
    cleaned = clean((corpus_dir / "nam-dinh-ban-chi-dao-hop-phien-dau-tien.txt").read_text(encoding="utf-8"))
    meta = extract_metadata(cleaned.text, doc_id="nd", source="x", url=cleaned.url)
    assert meta.dates == [date(2025, 2, 21), date(2025, 2, 24), date(2025, 3, 20)]
    assert meta.url and "baonamdinh.vn" in meta.url
    assert meta.title == "Quyết tâm tạo đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số"


def test_hash_changes_with_content() -> None:
    a = extract_metadata("Nội dung một của văn bản.", doc_id="a", source="a")
    b = extract_metadata("Nội dung hai của văn bản.", doc_id="a", source="a")
    assert a.content_hash != b.content_hash
