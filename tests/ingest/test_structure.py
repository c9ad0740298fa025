"""The numbered structure of directives: which heading each line sits under, and the label a citation shows."""

from pathlib import Path

import pytest

from ingest.clean import clean
from ingest.structure import citation_label, label_in, pack_sections, parse, section_heading

PLAN = """ỦY BAN NHÂN DÂN TỈNH HÒA BÌNH
Số: 99/KH-UBND
Hòa Bình, ngày 01 tháng 12 năm 2025
KẾ HOẠCH
Triển khai chuyển đổi số năm 2026
Căn cứ Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị;
I. MỤC ĐÍCH, YÊU CẦU
1. Mục đích
- Hoàn thành 100% nhiệm vụ chuyển đổi số của tỉnh.
2. Yêu cầu
- Bám sát thực tiễn của từng huyện.
II. NHIỆM VỤ VÀ GIẢI PHÁP
1. Hoàn thiện thể chế
a) Rà soát các văn bản không còn phù hợp.
b) Ban hành quy chế quản lý dữ liệu.
- Sở Tư pháp chủ trì thẩm định.
+ Thời hạn: quý I năm 2026.
2. Phát triển nhân lực số
Mỗi năm tổ chức 12 lớp bồi dưỡng.
3. Phát triển hạ tầng số
a) Phủ sóng 5G đến 100% xã.
1.200 người dân được hỗ trợ cài đặt ứng dụng.
b) Xây dựng trung tâm dữ liệu của tỉnh tại thành phố Hòa Bình.
III. TỔ CHỨC THỰC HIỆN
1. Nhiệm vụ: Xây dựng nền tảng số; Cơ quan chủ trì: Sở Khoa học và Công nghệ; Thời hạn: 2026
2. Nhiệm vụ: Đào tạo kỹ năng số; Cơ quan chủ trì: Sở Nội vụ; Thời hạn: 2027
Nơi nhận:
- Như trên;
KT. CHỦ TỊCH"""

DECISION = """QUYẾT ĐỊNH
Về việc thành lập Ban Chỉ đạo chuyển đổi số tỉnh
CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH
Căn cứ Luật Tổ chức chính quyền địa phương;
QUYẾT ĐỊNH:
Điều 1. Thành lập Ban Chỉ đạo
1. Trưởng ban: Chủ tịch Ủy ban nhân dân tỉnh.
2. Các thành viên gồm:
a) Giám đốc Sở Khoa học và Công nghệ;
b) Giám đốc Sở Tài chính;
c) Giám đốc Sở Nội vụ;
d) Giám đốc Công an tỉnh;
đ) Giám đốc Sở Thông tin và Truyền thông.
Điều 2. Nhiệm vụ của Ban Chỉ đạo
1. Chỉ đạo triển khai Nghị quyết số 57-NQ/TW.
2. Kiểm tra, đôn đốc các sở, ngành.
Điều 3. Quyết định này có hiệu lực kể từ ngày ký."""

RESOLUTION = """NGHỊ QUYẾT
PHẦN THỨ NHẤT
ĐÁNH GIÁ TÌNH HÌNH
1. Kết quả đạt được
Năm 2025 tỉnh hoàn thành 18/20 chỉ tiêu.
2. Hạn chế
PHẦN II. MỤC TIÊU, NHIỆM VỤ
Chương I
QUY ĐỊNH CHUNG
Điều 5. Đối tượng áp dụng
1. Cơ quan nhà nước các cấp.
1.1. Cấp tỉnh.
1.2. Cấp xã.
Điều 6: Giải thích từ ngữ"""

NEWS = """Quang cảnh hội nghị.
Sáng 17/11, tỉnh Lào Cai tổ chức hội nghị đôn đốc nhiệm vụ trọng tâm năm 2025.
1.200 người dự tại 150 điểm cầu.
3. Đồng chí Bí thư Tỉnh ủy nhấn mạnh ba nhiệm vụ.
Ngày 01/12/2025 tỉnh sẽ tổng kết.
15.12 Hội nghị tổng kết được tổ chức.
Phần lớn các xã đã hoàn thành.
Điều 5 của Luật quy định rõ trách nhiệm.
- Các đại biểu thống nhất cao."""


def labels(text: str) -> dict[str, str]:
    """Each line that opens a heading or item → its citation label."""
    return {text[ln.start:ln.end]: citation_label(ln.path) for ln in parse(text).lines if ln.opens}


def label_of(text: str, words: str) -> str:
    return parse(text).label_at(text.index(words))


def test_a_plan_nests_roman_numbers_letters_and_bullets() -> None:
    found = labels(PLAN)
    assert found["I. MỤC ĐÍCH, YÊU CẦU"] == "mục I"
    assert found["2. Yêu cầu"] == "mục I.2"
    assert found["1. Hoàn thiện thể chế"] == "mục II.1"
    assert found["b) Ban hành quy chế quản lý dữ liệu."] == "mục II.1.b"
    assert found["3. Phát triển hạ tầng số"] == "mục II.3"
    assert found["b) Xây dựng trung tâm dữ liệu của tỉnh tại thành phố Hòa Bình."] == "mục II.3.b"
    # bullets are items under the item above them; they have no number of their own to cite
    assert label_of(PLAN, "+ Thời hạn") == label_of(PLAN, "- Sở Tư pháp") == "mục II.1.b"
    path = parse(PLAN).path_at(PLAN.index("+ Thời hạn"))
    assert [h.kind for h in path] == ["roman", "number", "letter", "dash", "plus"]
    assert [(h.label, h.text) for h in path[:2]] == [("II", "NHIỆM VỤ VÀ GIẢI PHÁP"), ("1", "Hoàn thiện thể chế")]


def test_a_plain_paragraph_is_under_the_item_above_it_and_the_header_under_none() -> None:
    assert label_of(PLAN, "Mỗi năm tổ chức") == "mục II.2"
    assert label_of(PLAN, "Căn cứ Nghị quyết") == "" and parse(PLAN).path_at(0) == ()
    assert label_of(PLAN, "Nơi nhận") == "" and label_of(PLAN, "KT. CHỦ TỊCH") == ""


def test_numbers_inside_sentences_are_not_items() -> None:
    # "1.200 người" is a number; the line stays in item II.3.a instead of opening item 1
    assert "1.200 người dân được hỗ trợ cài đặt ứng dụng." not in labels(PLAN)
    assert label_of(PLAN, "1.200 người") == "mục II.3.a"


def test_table_rows_are_items_labelled_by_their_number() -> None:
    assert label_of(PLAN, "2. Nhiệm vụ: Đào tạo") == "mục III, STT 2"
    assert label_of(PLAN, "Sở Nội vụ; Thời hạn") == "mục III, STT 2"


def test_a_decision_has_articles_clauses_and_points() -> None:
    found = labels(DECISION)
    assert found["Điều 1. Thành lập Ban Chỉ đạo"] == "Điều 1"
    assert found["2. Các thành viên gồm:"] == "Điều 1 khoản 2"
    assert found["đ) Giám đốc Sở Thông tin và Truyền thông."] == "Điều 1 khoản 2 điểm đ"
    assert label_of(DECISION, "Kiểm tra, đôn đốc") == "Điều 2 khoản 2"
    assert label_of(DECISION, "có hiệu lực") == "Điều 3"
    assert label_of(DECISION, "Căn cứ Luật") == ""
    dieu = parse(DECISION).path_at(DECISION.index("Điều 2."))[0]
    assert (dieu.kind, dieu.label, dieu.text) == ("dieu", "2", "Nhiệm vụ của Ban Chỉ đạo")


def test_a_resolution_with_parts_chapters_and_decimal_numbering() -> None:
    assert label_of(RESOLUTION, "Năm 2025 tỉnh") == "Phần thứ nhất, mục 1"
    assert label_of(RESOLUTION, "QUY ĐỊNH CHUNG") == "Phần II, Chương I"
    assert label_of(RESOLUTION, "Cấp xã") == "Phần II, Chương I, Điều 5 khoản 1.2"
    assert label_of(RESOLUTION, "Giải thích từ ngữ") == "Phần II, Chương I, Điều 6"
    # a heading whose title is on the next line takes it
    phan = parse(RESOLUTION).path_at(RESOLUTION.index("Năm 2025"))[0]
    assert (phan.kind, phan.label, phan.text) == ("phan", "thứ nhất", "ĐÁNH GIÁ TÌNH HÌNH")


def test_a_news_article_has_no_items() -> None:
    structure = parse(NEWS)
    assert not structure.structured
    assert not [ln for ln in structure.lines if ln.opens and ln.path[-1].kind != "dash"]
    assert section_heading(NEWS, NEWS.index("Điều 5")) is None


def test_the_shipped_news_articles_have_no_structure(corpus_dir: Path) -> None:
    for path in sorted(corpus_dir.glob("*.txt")):
        assert not parse(clean(path.read_text(encoding="utf-8")).text).structured, path.name


def test_markdown_heading_marks_are_read_through() -> None:
    text = "# I. MỤC TIÊU\nNội dung.\n## 1. Chỉ tiêu\n**Điều 1.** Phạm vi\n2. Hai"
    assert label_of(text, "Nội dung") == "mục I" and label_of(text, "Chỉ tiêu") == "mục I.1"
    assert label_of(text, "Phạm vi") == "Điều 1"


@pytest.mark.parametrize("offset_words, expected", [
    ("Phủ sóng 5G", "mục II.3.a"), ("Xây dựng trung tâm", "mục II.3.b"), ("3. Phát triển hạ tầng", "mục II.3")])
def test_path_at_any_offset_of_a_line(offset_words: str, expected: str) -> None:
    start = PLAN.index(offset_words)
    line_end = PLAN.index("\n", start)
    structure = parse(PLAN)
    assert {structure.label_at(o) for o in range(start, line_end + 1)} == {expected}  # its newline too


def test_the_source_card_heading_path() -> None:
    assert section_heading(PLAN, PLAN.index("Phủ sóng 5G")) == (
        "II. NHIỆM VỤ VÀ GIẢI PHÁP › 3. Phát triển hạ tầng số › a) Phủ sóng 5G đến 100% xã")
    # what ingest/metadata.py's section_heading answered before, still answered
    plan = "KẾ HOẠCH\nI. MỤC ĐÍCH, YÊU CẦU\nHoàn thành 100%.\nII. NHIỆM VỤ\nSở Khoa học chủ trì."
    assert section_heading(plan, plan.index("Sở Khoa học")) == "II. NHIỆM VỤ"
    assert section_heading(plan, plan.index("Hoàn thành")) == "I. MỤC ĐÍCH, YÊU CẦU"
    assert section_heading("Quang cảnh.\nĐoạn một.\nĐoạn hai.", 20) is None


def test_a_label_is_found_from_a_chunks_packed_sections() -> None:
    structure = parse(PLAN)
    start, end = PLAN.index("3. Phát triển hạ tầng"), PLAN.index("III.")
    packed = pack_sections(structure.headings_between(start + 1, end))
    section = structure.label_at(start)
    for words in ("Phủ sóng 5G", "1.200 người", "Xây dựng trung tâm", "3. Phát triển hạ tầng"):
        offset = PLAN.index(words) + 3
        assert label_in(section, packed, offset) == structure.label_at(offset)


def test_an_appendix_after_the_signature_numbers_its_own_groups_and_rows() -> None:
    text = PLAN + "\n" + "\n".join([
        "PHỤ LỤC", "DANH MỤC NHIỆM VỤ TRIỂN KHAI NĂM 2026", "(Kèm theo Kế hoạch số 99/KH-UBND ngày 01/12/2025)",
        "I. Nhóm nhiệm vụ về thể chế",
        "1. Nhiệm vụ: Ban hành quy chế dữ liệu; Cơ quan chủ trì: Sở Tư pháp; Thời hạn: Quý I/2026",
        "II. Nhóm nhiệm vụ về hạ tầng số",
        "2. Nhiệm vụ: Phủ sóng 5G; Cơ quan chủ trì: Sở Khoa học và Công nghệ; Thời hạn: Quý III/2026"])
    assert label_of(text, "DANH MỤC NHIỆM VỤ") == "Phụ lục"
    assert label_of(text, "II. Nhóm nhiệm vụ") == "Phụ lục, mục II"
    assert label_of(text, "Phủ sóng 5G;") == "Phụ lục, mục II, STT 2"
    appendix = parse(text).path_at(text.index("Phủ sóng 5G;"))[0]
    assert (appendix.kind, appendix.text) == ("phuluc", "DANH MỤC NHIỆM VỤ TRIỂN KHAI NĂM 2026")


def test_the_recipients_list_is_no_list_of_items() -> None:
    recipients = [ln for ln in parse(PLAN).lines if ln.start > PLAN.index("Nơi nhận")]
    assert recipients and not any(ln.opens for ln in recipients)


def test_a_signature_block_ends_the_body_without_a_recipients_list() -> None:
    text = "I. MỤC TIÊU\n1. Chỉ tiêu một\n2. Chỉ tiêu hai\nT/M TỈNH ỦY\nBÍ THƯ\nNguyễn Văn A"
    assert label_of(text, "Chỉ tiêu hai") == "mục I.2" and label_of(text, "BÍ THƯ") == ""
