from pathlib import Path

import pytest

from ingest.loaders import LoadError, load

TEXT = "Ban Chỉ đạo tỉnh họp phiên thứ nhất. Toàn tỉnh có 4.607 trạm thu phát sóng."


def test_txt_utf8(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    assert load(path).text == TEXT


def test_txt_legacy_vietnamese_encoding(tmp_path: Path) -> None:
    path = tmp_path / "legacy.txt"
    path.write_bytes((TEXT + "\n") .encode("utf-16"))
    assert "Ban Chỉ đạo" in load(path).text


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_txt_utf16_without_byte_order_mark(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "no-bom.txt"  # as some Windows tools save it: NUL bytes, yet text
    path.write_bytes((TEXT + "\r\n").encode(encoding))
    assert load(path).text.strip() == TEXT


def test_markdown_loses_markup(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text(f"# Tiêu đề họp\n\n**{TEXT}**\n\n- mục một\n", encoding="utf-8")
    doc = load(path)
    assert doc.title == "Tiêu đề họp"
    assert TEXT in doc.text and "**" not in doc.text and "#" not in doc.text


def test_html_title_is_the_pages_og_title_before_its_h1_and_title(tmp_path: Path) -> None:
    path = tmp_path / "a.html"
    path.write_text(
        '<html><head><title>Tin họp - Báo Tỉnh</title><meta property="og:title" content="Tỉnh họp Ban Chỉ đạo 57"/>'
        f"</head><body><h1>Báo Tỉnh</h1><p>{TEXT}</p></body></html>", encoding="utf-8")
    assert load(path).title == "Tỉnh họp Ban Chỉ đạo 57"


def test_html_keeps_article_drops_scripts_and_reads_url(tmp_path: Path) -> None:
    path = tmp_path / "a.html"
    path.write_text(
        '<html><head><title>Tin họp</title><link rel="canonical" href="https://example.vn/tin-1"/>'
        "<script>var x = 1;</script></head><body><nav>Trang chủ</nav><h1>Họp BCĐ</h1>"
        f"<p>{TEXT}</p><footer>Bản quyền</footer></body></html>", encoding="utf-8")
    doc = load(path)
    assert doc.url == "https://example.vn/tin-1" and doc.title == "Họp BCĐ"
    assert TEXT in doc.text
    assert "var x" not in doc.text and "Trang chủ" not in doc.text and "Bản quyền" not in doc.text


def _pdf(path: Path, lines: list[str]) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    font = "Helvetica"
    for candidate in ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",):
        if Path(candidate).exists():
            pdfmetrics.registerFont(TTFont("DejaVu", candidate))
            font = "DejaVu"
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont(font, 11)
    y = 800
    for line in lines:
        c.drawString(50, y, line)
        y -= 16
    c.showPage()
    c.save()


def test_pdf_text_layer_and_unwrapped_lines(tmp_path: Path) -> None:
    path = tmp_path / "a.pdf"
    _pdf(path, ["Ban Chi dao tinh hop phien thu nhat va", "thong qua quy che lam viec.", "Cau thu hai."])
    doc = load(path)
    assert "hop phien thu nhat va thong qua quy che lam viec." in doc.text
    assert doc.warnings == []


def test_scanned_pdf_without_text_warns(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    _pdf(path, [])
    doc = load(path)
    assert doc.text.strip() == ""
    assert doc.warnings and "no text layer" in doc.warnings[0] and str(path) in doc.warnings[0]


def test_broken_pdf_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.4\n\x00\x01garbage" * 10)
    with pytest.raises(LoadError, match="broken.pdf"):
        load(path)


def test_password_protected_pdf_is_a_clear_error(tmp_path: Path) -> None:
    from pypdf import PdfWriter

    plain = tmp_path / "plain.pdf"
    _pdf(plain, ["Ban Chi dao tinh hop phien thu nhat."])
    writer = PdfWriter(clone_from=plain)
    writer.encrypt("mat-khau")
    path = tmp_path / "locked.pdf"
    writer.write(path)
    with pytest.raises(LoadError, match="locked.pdf: the PDF is password-protected"):
        load(path)


def test_docx_paragraphs_and_tables(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.core_properties.title = "Kế hoạch số 29/UBND-KH"
    document.add_paragraph(TEXT)
    table = document.add_table(rows=1, cols=2)
    table.style = "Table Grid"  # ruled: a borderless table lays out text and is read as plain lines
    table.rows[0].cells[0].text = "Chỉ tiêu"
    table.rows[0].cells[1].text = "84,2%"
    path = tmp_path / "a.docx"
    document.save(str(path))
    doc = load(path)
    assert doc.title == "Kế hoạch số 29/UBND-KH"
    assert TEXT in doc.text and "Chỉ tiêu | 84,2%" in doc.text


@pytest.mark.parametrize(("name", "content", "message"), [
    ("image.png", b"\x89PNG\r\n", "image.png: cannot be read as .png"),  # a broken image, not a crash
    ("sheet.xlsx", b"PK\x03\x04", "unsupported file type '.xlsx'"),
    ("noext", b"abc", "unsupported file type"),
    ("binary.txt", b"\x00\x01\x02\x03" * 100, "binary"),
    ("control.txt", b"\x00\x01" * 100, "binary"),  # NULs on one parity, but not characters anyone writes
    ("empty.txt", b"", "empty file"),
    ("fake.docx", b"not a zip file", "not a valid .docx"),
])
def test_bad_files_raise_errors_naming_the_file(tmp_path: Path, name: str, content: bytes, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(LoadError, match=message) as info:
        load(path)
    assert name in str(info.value)
