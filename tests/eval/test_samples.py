"""The sample generator writes each document as a real DOCX (merged table cells included), a text PDF whose
text layer holds the header, and a scanned PDF that holds only page images; all marked as samples."""

from pathlib import Path

import pytest
from pypdf import PdfReader

from eval.samples import SAMPLE_NOTE, TITLE_PREFIX, SampleError, load_samples, parse, render


@pytest.fixture(scope="module")
def plan():
    """The Kế hoạch: the one sample with an appendix table (group rows, a lead agency over two rows)."""
    return next(s for s in load_samples() if s.file.startswith("mau-ke-hoach-99"))


@pytest.fixture(scope="module")
def written(plan, tmp_path_factory) -> dict[str, Path]:
    return render(plan, tmp_path_factory.mktemp("samples"))


def test_every_format_is_written_and_named_as_a_sample(written) -> None:
    assert set(written) == {"docx", "pdf", "scan"}
    assert all(p.name.startswith("mau-") and p.stat().st_size > 0 for p in written.values())


def test_the_docx_has_the_header_and_signature_tables_and_a_table_with_merged_cells(written) -> None:
    import docx

    document = docx.Document(str(written["docx"]))
    assert document.core_properties.title.startswith(TITLE_PREFIX)
    header, signature, appendix = document.tables
    assert "Số: 99/KH-UBND" in header.cell(0, 0).text
    assert "Hòa Bình, ngày 01 tháng 12 năm 2025" in header.cell(0, 1).text
    assert "Nơi nhận" in signature.cell(0, 0).text and "Đinh Thị Mai Hương" in signature.cell(0, 1).text
    xml = appendix._tbl.xml
    assert "w:gridSpan" in xml and "w:vMerge" in xml
    rows = [[c.text for c in row.cells] for row in appendix.rows]
    group = next(r for r in rows if r[0] == "I")
    assert set(group[1:]) == {"Nhóm nhiệm vụ về thể chế"}  # one cell spanning the row
    upgrade = next(r for r in rows if r[1].startswith("Nâng cấp mạng truyền số liệu"))
    assert upgrade[2] == "Sở Khoa học và Công nghệ"  # the cell merged from the row above
    assert document.paragraphs[-1].text == SAMPLE_NOTE


def test_the_text_pdf_has_a_text_layer_with_the_number_and_the_date(written) -> None:
    reader = PdfReader(written["pdf"])
    assert reader.metadata.title.startswith(TITLE_PREFIX)
    first = reader.pages[0].extract_text()
    assert "99/KH-UBND" in first and "Hòa Bình, ngày 01 tháng 12 năm 2025" in first
    last = " ".join(reader.pages[-1].extract_text().split())
    assert "Văn bản mẫu dùng để minh họa" in last


def test_the_scanned_pdf_is_one_image_per_page_and_no_text(written) -> None:
    text_pages = len(PdfReader(written["pdf"]).pages)
    reader = PdfReader(written["scan"])
    assert reader.metadata.title.startswith(TITLE_PREFIX)
    assert len(reader.pages) == text_pages
    for page in reader.pages:
        assert (page.extract_text() or "").strip() == ""
        assert len(page.images) == 1
    assert written["scan"].stat().st_size / text_pages < 400 * 1024  # JPEG keeps a shipped scan small


def test_rendering_again_gives_the_same_bytes(plan, written, tmp_path: Path) -> None:
    again = render(plan, tmp_path, ("docx", "pdf"))
    for kind, path in again.items():
        assert path.read_bytes() == written[kind].read_bytes(), kind


def test_a_broken_source_is_refused_with_its_name(tmp_path: Path) -> None:
    source = tmp_path / "broken.txt"
    source.write_text("file: ke-hoach\nship: docx\n", encoding="utf-8")
    with pytest.raises(SampleError, match="broken.txt: no '---'"):
        parse(source)
    source.write_text("file: ke-hoach\n---\nx\n", encoding="utf-8")
    with pytest.raises(SampleError, match="broken.txt: header lacks"):
        parse(source)
