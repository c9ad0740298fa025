from datetime import date
from pathlib import Path

import pytest

from ingest.clean import clean
from ingest.metadata import extract_metadata, is_caption

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


PLAN = """ỦY BAN NHÂN DÂN
TỈNH CAO BẰNG
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 215/KH-UBND
Ngày 01/12/2025
KẾ HOẠCH
Triển khai thực hiện Nghị quyết số 57-NQ/TW về đột phá phát triển khoa học, công nghệ năm 2026
Căn cứ Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị;
I. MỤC ĐÍCH, YÊU CẦU
Hoàn thành 100% nhiệm vụ chuyển đổi số của tỉnh Cao Bằng.
II. NHIỆM VỤ
Sở Khoa học và Công nghệ tỉnh Cao Bằng chủ trì xây dựng nền tảng số dùng chung."""


def test_an_official_plan_gets_its_kind_number_and_trich_yeu_as_title_and_its_date() -> None:
    meta = extract_metadata(PLAN, doc_id="p", source="/srv/bcd/data/uploads/0a1b2c.txt")
    assert meta.title == ("Kế hoạch số 215/KH-UBND: Triển khai thực hiện Nghị quyết số 57-NQ/TW về đột phá "
                          "phát triển khoa học, công nghệ năm 2026")
    assert meta.event_date == date(2025, 12, 1) and date(2025, 12, 1) in meta.dates
    assert meta.province == "Cao Bằng"


@pytest.mark.parametrize("line", ["Ngày 01/12/2025", "Cao Bằng, ngày 01 tháng 12 năm 2025",
                                  "Hà Nội, ngày 1/12/2025"])
def test_the_date_line_of_a_document_is_its_date(line: str) -> None:
    meta = extract_metadata(f"KẾ HOẠCH\nChuyển đổi số\n{line}\nNội dung kế hoạch.", doc_id="p", source="p.txt")
    assert meta.event_date == date(2025, 12, 1)


def test_a_date_inside_a_sentence_is_not_the_document_date() -> None:
    meta = extract_metadata("Tỉnh triển khai Nghị quyết số 57-NQ/TW, ngày 22/12/2024 của Bộ Chính trị.",
                            doc_id="p", source="p.txt")
    assert meta.event_date is None and meta.dates == [date(2024, 12, 22)]


@pytest.mark.parametrize("caption", ["Quang cảnh cuộc họp.", "Quang cảnh hội nghị",
                                     "Đồng chí Nguyễn Văn A, Bí thư Tỉnh ủy phát biểu tại phiên họp",
                                     "Các đại biểu dự hội nghị tại điểm cầu tỉnh",
                                     "Lãnh đạo tỉnh tham quan gian trưng bày (Ảnh: Minh Anh)"])
def test_a_photo_caption_is_never_the_title(caption: str) -> None:
    text = (f"{caption}\nTại phiên họp, Ban Chỉ đạo tỉnh đã nghe báo cáo tình hình thực hiện Nghị quyết "
            "số 57-NQ/TW; các đại biểu thảo luận.\nĐoạn sau của bài viết.")
    meta = extract_metadata(text, doc_id="p", source="p.txt")
    assert meta.title == "Tại phiên họp, Ban Chỉ đạo tỉnh đã nghe báo cáo tình hình thực hiện Nghị quyết số 57-NQ/TW"


def test_titles_of_the_shipped_articles_are_headings_or_whole_clauses_never_captions(corpus_dir: Path) -> None:
    titles = {}
    for path in sorted(corpus_dir.glob("*.txt")):
        cleaned = clean(path.read_text(encoding="utf-8"))
        titles[path.stem] = extract_metadata(cleaned.text, doc_id=path.stem, source=str(path)).title
    assert titles["bac-kan-hop-ban-chi-dao-bao-cao-thuc-hien-nq57"] == (
        "Tại cuộc họp, đại biểu nghe và cho ý kiến vào dự thảo Báo cáo tình hình triển khai thực hiện Nghị quyết "
        "số 57-NQ/TW")  # was the caption "Quang cảnh cuộc họp." skipped for a cut first sentence
    assert titles["dien-bien-phien-hop-thu-nhat-ban-chi-dao-57"].startswith("Tại phiên họp thứ nhất, thành viên")
    assert titles["lao-cai-hoi-nghi-don-doc-nhiem-vu-trong-tam-2025"] == (
        "Phát triển khoa học công nghệ, đổi mới sáng tạo và chuyển đổi số phải phát huy hiệu quả cao trên thực tế")
    assert len(set(titles.values())) == len(titles)
    assert not any(is_caption(t) for t in titles.values())


def test_a_file_name_written_with_diacritics_names_a_document_without_a_heading() -> None:
    text = "Quang cảnh buổi làm việc.\nSáng nay đoàn công tác đã làm việc với Sở Khoa học và Công nghệ tỉnh."
    meta = extract_metadata(text, doc_id="x", source="Báo cáo kết quả chuyển đổi số quý 3.docx")
    assert meta.title == "Báo cáo kết quả chuyển đổi số quý 3"
    assert extract_metadata(text, doc_id="x", source="bao-cao-quy-3.docx").title.startswith("Sáng nay đoàn")


def test_a_placeholder_title_from_the_file_metadata_is_ignored() -> None:
    meta = extract_metadata(PLAN, doc_id="p", source="p.docx", title="Microsoft Word - ke hoach 215.doc")
    assert meta.title.startswith("Kế hoạch số 215/KH-UBND")


def test_a_report_s_lead_clause_is_the_event_it_reports_and_an_official_document_has_none() -> None:
    """Its later paragraphs ("Tại hội nghị đã công bố …") never name the meeting again; the lead does, past the
    heading and a photo caption. An official document says what it is about in its trích yếu instead."""
    report = ("Bứt phá phát triển hạ tầng số của tỉnh\n\nQuang cảnh hội nghị.\n\n"
              "Chiều 5/6, Ban Chỉ đạo chuyển đổi số tỉnh Sơn La tổ chức hội nghị sơ kết; đồng chí A chủ trì. "
              "Hội nghị đánh giá kết quả sáu tháng.\n\nTại hội nghị đã công bố quy chế làm việc.")
    assert extract_metadata(report, doc_id="r", source="r.txt").lead == (
        "Chiều 5/6, Ban Chỉ đạo chuyển đổi số tỉnh Sơn La tổ chức hội nghị sơ kết")
    plan = ("ỦY BAN NHÂN DÂN\nTỈNH HÒA BÌNH\n\nSố: 99/KH-UBND\n\nKẾ HOẠCH\nTriển khai thực hiện Nghị quyết số 57-NQ/TW"
            "\n\nI. MỤC ĐÍCH, YÊU CẦU\n\n1. Mục đích\n\nTriển khai kịp thời, đồng bộ, hiệu quả các nhiệm vụ của tỉnh.")
    assert extract_metadata(plan, doc_id="p", source="p.txt").lead == ""
