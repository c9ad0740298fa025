"""The official header read from the layouts it really arrives in: typed as a table (one column after the
other), two columns run into one line (a PDF's text layer), a Party document, a committee under its body."""

from __future__ import annotations

from datetime import date

import pytest

from ingest.official import read_header
from tests.documents import DECISION

STATE_COLUMNS = """ỦY BAN NHÂN DÂN
TỈNH TÂY NINH
Số: 214/KH-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Tây Ninh, ngày 03 tháng 11 năm 2025
KẾ HOẠCH
Chuyển đổi số trong các cơ quan nhà nước
giai đoạn 2026 - 2030
Thực hiện Nghị quyết số 57-NQ/TW, Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:
I. MỤC ĐÍCH
Nội dung của kế hoạch.
Nơi nhận:
- Văn phòng Chính phủ;
- Thường trực Tỉnh ủy;
- Lưu: VT, KGVX.
TM. ỦY BAN NHÂN DÂN
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
(Đã ký)
Lương Thị Ngọc Hân
"""

STATE_RUN_TOGETHER = """ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
TỈNH TÂY NINH Độc lập - Tự do - Hạnh phúc
Số: 214/KH-UBND Tây Ninh, ngày 03 tháng 11 năm 2025
KẾ HOẠCH
Chuyển đổi số trong các cơ quan nhà nước giai đoạn 2026 - 2030
Căn cứ Luật Tổ chức chính quyền địa phương.
Nội dung của kế hoạch.
Nơi nhận: TM. ỦY BAN NHÂN DÂN
- Văn phòng Chính phủ; KT. CHỦ TỊCH
- Thường trực Tỉnh ủy; PHÓ CHỦ TỊCH
- Lưu: VT, KGVX.
Lương Thị Ngọc Hân
"""

PARTY = """ĐẢNG BỘ TỈNH TÂY NINH
TỈNH ỦY
*
Số 08-NQ/TU
ĐẢNG CỘNG SẢN VIỆT NAM
Tây Ninh, ngày 20 tháng 5 năm 2025
NGHỊ QUYẾT
VỀ PHÁT TRIỂN HẠ TẦNG SỐ ĐẾN NĂM 2030
I. TÌNH HÌNH
Nội dung của nghị quyết.
T/M TỈNH ỦY
BÍ THƯ
Phạm Hùng Thái
Nơi nhận:
- Ban Bí thư Trung ương Đảng,
- Lưu Văn phòng Tỉnh ủy.
"""

COMMITTEE = """UBND TỈNH TÂY NINH
BAN CHỈ ĐẠO CHUYỂN ĐỔI SỐ
Số: 31/TB-BCĐ
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Tây Ninh, ngày 09 tháng 10 năm 2025
THÔNG BÁO
Kết luận của Trưởng Ban Chỉ đạo tại phiên họp thứ ba
Ngày 07/10/2025, Ban Chỉ đạo họp phiên thứ ba.
TRƯỞNG BAN
Đoàn Minh Quyết
"""


@pytest.mark.parametrize("text", [STATE_COLUMNS, STATE_RUN_TOGETHER], ids=["columns", "run-together"])
def test_a_state_header_in_either_layout(text: str) -> None:
    header = read_header(text)
    assert header is not None
    assert (header.doc_type, header.number, header.name) == ("Kế hoạch", "214/KH-UBND", "Kế hoạch 214/KH-UBND")
    assert header.issuer == "Ủy ban nhân dân tỉnh Tây Ninh" and header.superior is None
    assert (header.place, header.issued) == ("Tây Ninh", date(2025, 11, 3))
    assert header.subject is not None and header.subject.startswith("Chuyển đổi số trong các cơ quan nhà nước")
    assert (header.signer, header.position, header.authority) == ("Lương Thị Ngọc Hân", "Phó Chủ tịch",
                                                                  "TM. Ủy ban nhân dân KT. Chủ tịch")
    assert header.recipients == ["Văn phòng Chính phủ", "Thường trực Tỉnh ủy"]  # the archive copy is not one


def test_every_field_keeps_the_span_of_the_line_it_was_read_from() -> None:
    header = read_header(STATE_COLUMNS)
    assert header is not None
    quoted = {name: STATE_COLUMNS[start:end] for name, (start, end) in header.spans.items()}
    assert quoted["number"] == "Số: 214/KH-UBND"
    assert quoted["date"] == "Tây Ninh, ngày 03 tháng 11 năm 2025"
    assert quoted["signer"] == "Lương Thị Ngọc Hân" and quoted["position"] == "PHÓ CHỦ TỊCH"
    assert quoted["issuer"] == "ỦY BAN NHÂN DÂN\nTỈNH TÂY NINH"


def test_a_party_header_names_the_committee_with_its_province() -> None:
    header = read_header(PARTY)
    assert header is not None
    assert (header.doc_type, header.number) == ("Nghị quyết", "08-NQ/TU")
    assert (header.issuer, header.superior) == ("Tỉnh ủy Tây Ninh", "Đảng bộ tỉnh Tây Ninh")
    assert header.subject == "Về phát triển hạ tầng số đến năm 2030"
    assert (header.signer, header.position, header.authority) == ("Phạm Hùng Thái", "Bí thư", "T/M Tỉnh ủy")
    assert header.recipients == ["Ban Bí thư Trung ương Đảng"]


def test_a_committee_under_its_body_takes_the_bodys_place_and_abbreviations_are_spelled_out() -> None:
    header = read_header(COMMITTEE)
    assert header is not None
    assert header.issuer == "Ban Chỉ đạo chuyển đổi số tỉnh Tây Ninh"
    assert header.superior == "Ủy ban nhân dân tỉnh Tây Ninh"
    assert (header.signer, header.position, header.authority) == ("Đoàn Minh Quyết", "Trưởng ban", None)
    assert header.subject == "Kết luận của Trưởng Ban Chỉ đạo tại phiên họp thứ ba"


@pytest.mark.parametrize("text", [
    "Sáng 17/11, Ban Chỉ đạo tỉnh họp phiên thứ nhất.\nĐồng chí Nguyễn Văn An chủ trì.\nSố: 5 đại biểu vắng.",
    "Hội nghị quán triệt Nghị quyết số 57-NQ/TW.\nHà Nội, ngày 03 tháng 11 năm 2025, các đại biểu dự họp.",
], ids=["meeting-news", "cites-a-number"])
def test_news_has_no_official_header(text: str) -> None:
    assert read_header(text) is None


def test_the_signature_is_found_above_a_long_appendix() -> None:
    rows = "\n".join(f"{n}. Nhiệm vụ: Việc số {n}; Cơ quan chủ trì: Sở Nội vụ; Thời hạn: Năm 2026"
                     for n in range(1, 80))
    header = read_header(f"{STATE_COLUMNS}PHỤ LỤC\nDANH MỤC NHIỆM VỤ\n{rows}\n")
    assert header is not None and (header.signer, header.position) == ("Lương Thị Ngọc Hân", "Phó Chủ tịch")


PLAN_ON_A_PROGRAMME = """ỦY BAN NHÂN DÂN
TỈNH TÂY NINH
Số: 88/KH-UBND
Tây Ninh, ngày 02 tháng 4 năm 2025
KẾ HOẠCH
Triển khai số hóa hồ sơ
Căn cứ Chương trình hành động số 41-CTr/TU ngày 10/6/2025 của Tỉnh ủy, Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:
I. MỤC ĐÍCH
Nội dung.
"""


def test_the_legal_bases_and_the_recipients_are_read_with_the_lines_they_stand_on() -> None:
    """The "Căn cứ …;" lines that open the body are what the document is issued on ("Theo đề nghị …" is a proposal,
    not a basis); each field keeps the block it was read from, so an answer can quote it."""
    header = read_header(DECISION)
    assert header is not None
    assert header.bases == ["Luật Tổ chức chính quyền địa phương ngày 19 tháng 02 năm 2025",
                            "Kế hoạch số 214/KH-UBND ngày 03/11/2025 của Ủy ban nhân dân tỉnh"]
    assert header.recipients == ["Như Điều 3", "Bộ Khoa học và Công nghệ", "Văn phòng Chính phủ"]
    start, end = header.spans["bases"]
    assert DECISION[start:end].startswith("Căn cứ Luật") and DECISION[start:end].endswith("của Ủy ban nhân dân tỉnh;")
    start, end = header.spans["recipients"]
    assert DECISION[start:end] == "Nơi nhận:\n- Như Điều 3;\n- Bộ Khoa học và Công nghệ;\n- Văn phòng Chính phủ;"


def test_a_basis_opening_the_first_sentence_ends_where_the_issuer_acts() -> None:
    header = read_header(PLAN_ON_A_PROGRAMME)
    assert header is not None and header.bases == ["Chương trình hành động số 41-CTr/TU ngày 10/6/2025 của Tỉnh ủy"]
    # without "Căn cứ" lines, what the body opens by carrying out ("Thực hiện Nghị quyết …, Ủy ban nhân dân …")
    assert read_header(STATE_COLUMNS).bases == ["Nghị quyết số 57-NQ/TW"]


PROGRAMME = """ĐẢNG BỘ TỈNH TÂY NINH
TỈNH ỦY
Số 31-CTr/TU
Tây Ninh, ngày 10 tháng 6 năm 2025
CHƯƠNG TRÌNH HÀNH ĐỘNG
thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị
Để cụ thể hóa Nghị quyết số 57-NQ/TW và Nghị quyết số 08-NQ/TU ngày 02/5/2025 của Ban Chấp hành Đảng bộ tỉnh, Ban \
Thường vụ Tỉnh ủy ban hành Chương trình hành động như sau:
I. MỤC ĐÍCH
"""


def test_a_body_opening_on_what_it_carries_out_takes_those_documents_as_its_bases() -> None:
    """No "Căn cứ" line: the documents the first sentence "Để cụ thể hóa …" names, not the trích yếu's "thực hiện …"."""
    header = read_header(PROGRAMME)
    assert header is not None and header.subject is not None and header.subject.startswith("Thực hiện")
    assert header.bases == ["Nghị quyết số 57-NQ/TW và Nghị quyết số 08-NQ/TU ngày 02/5/2025 của Ban Chấp hành Đảng "
                            "bộ tỉnh"]
