"""Ruled tables in scanned pages: the grid found from the rules (a group row across the columns, a lead
agency merged over two rows), and the scanned table read back through `load()` as one line per row with its
column names, as the text PDF's table reads. Real reportlab pages rasterised by pypdfium2, real Tesseract."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
import pytest
from PIL import Image

from bcd import vietnamese as vn
from bcd.settings import Settings
from eval.bench.ocr_bench import (TABLE_AFTER, TABLE_BEFORE, TABLE_HEADER, TABLE_MERGES, TABLE_ROWS,
                                  character_error_rate, render_page, scan_pdf, write_table_pdf)
from ingest import ocr, ocr_tables
from ingest.loaders import load

needs_tesseract = pytest.mark.skipif(
    ocr.unavailable_reason("tesseract", "vie") is not None,
    reason="Tesseract with Vietnamese not installed (apt-get install tesseract-ocr tesseract-ocr-vie)")
SHIPPED_SCAN = Path(__file__).resolve().parents[2] / "corpus" / "samples" / \
    "mau-thong-bao-ket-luan-15-tb-bcd-phien-hop-thu-hai-ban-quet.pdf"
ANGLE = 0.6  # degrees: a scanner's tilt, as the shipped samples have


@pytest.fixture(scope="module")
def table_pdfs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The task table page as a text PDF and as its noisy, tilted 300-dpi scan (image-only PDF)."""
    folder = tmp_path_factory.mktemp("table")
    text = write_table_pdf(folder / "bang-nhiem-vu.pdf")
    return text, scan_pdf(text, folder / "bang-nhiem-vu-ban-quet.pdf", noise=12.0, angle=ANGLE)


def _page(path: Path, index: int = 0) -> Image.Image:
    document = pdfium.PdfDocument(str(path))
    try:
        return document[index].render(scale=300 / 72, grayscale=True).to_pil()
    finally:
        document.close()


def _fold(text: str) -> str:
    return " ".join(vn.normalize(text).casefold().split())


def test_grid_of_a_tilted_scan_has_the_group_rows_and_the_merged_agency(table_pdfs: tuple[Path, Path]) -> None:
    image, tables = ocr_tables.find_tables(_page(table_pdfs[1]), 300)
    assert len(tables) == 1
    table = tables[0]
    assert (len(table.ys) - 1, len(table.xs) - 1) == (len(TABLE_ROWS) + 1, len(TABLE_HEADER))
    spans = {(r, c): (rowspan, colspan) for r, c, rowspan, colspan in table.spans}
    for r, row in enumerate(TABLE_ROWS, start=1):
        if row[0].startswith("^"):  # a group row: its label, then one cell across the other columns
            assert spans[r, 0] == (1, 1) and spans[r, 1] == (1, len(TABLE_HEADER) - 1)
    for col, first, last in TABLE_MERGES:
        assert spans[first, col] == (last - first + 1, 1)
        assert all((r, col) not in spans for r in range(first + 1, last + 1))
    # every grid position is covered by exactly one cell
    covered = sorted((r + dr, c + dc) for r, c, rowspan, colspan in table.spans
                     for dr in range(rowspan) for dc in range(colspan))
    assert covered == [(r, c) for r in range(len(table.ys) - 1) for c in range(len(table.xs) - 1)]
    # the tilt is found from the rules (and the page turned back by it)
    scanned = np.asarray(_page(table_pdfs[1]))
    assert abs(ocr_tables._skew(ocr_tables._runs(scanned < 140, 45, axis=1)) + ANGLE) < 0.05
    assert image.size == scanned.shape[::-1]


def test_a_page_without_a_ruled_table_is_left_as_it_is() -> None:
    page = render_page(["^ỦY BAN NHÂN DÂN TỈNH", "^Số: 99/KH-UBND", "^______________",
                        "1. Sở Tài chính chủ trì — bố trí kinh phí — trước ngày 31/12/2026."],
                       page_in=(8.27, None), noise=10.0, angle=0.5)
    image, tables = ocr_tables.find_tables(page, 300)
    assert tables == [] and image is page


@pytest.mark.slow
@needs_tesseract
def test_scanned_table_rows_carry_their_column_names_and_cell_values(
        table_pdfs: tuple[Path, Path], tmp_path: Path) -> None:
    document = load(table_pdfs[1], Settings(data_dir=tmp_path))
    lines = document.text.split("\n")
    rows = [row for row in TABLE_ROWS if not row[0].startswith("^")]
    names = TABLE_HEADER[1:]
    for row in rows:
        line = next((x for x in lines if x.startswith(f"{row[0]}. ")), None)
        assert line is not None, f"no line for row {row[0]}: {document.text}"
        fields = [part.split(": ", 1) for part in line.removeprefix(f"{row[0]}. ").split("; ")]
        assert [len(f) for f in fields] == [2] * len(names), line
        for (name, value), want_name, want_value in zip(fields, names, row[1:]):
            assert character_error_rate(_fold(want_name), _fold(name)) <= 0.05, (want_name, line)
            assert character_error_rate(_fold(want_value), _fold(value)) <= 0.05, (want_value, line)
    groups = [row for row in TABLE_ROWS if row[0].startswith("^")]
    for group in groups:
        assert any(character_error_rate(_fold(f"{group[0][1:]}. {group[1]}"), _fold(x)) <= 0.05 for x in lines), \
            (group, document.text)
    # the table stands between the text before and after it, and its words are in no other line
    first_row = next(i for i, x in enumerate(lines) if re.match(r"^1\. ", x))
    before = next(i for i, x in enumerate(lines) if character_error_rate(_fold(TABLE_BEFORE), _fold(x)) <= 0.05)
    after = next(i for i, x in enumerate(lines) if character_error_rate(_fold(TABLE_AFTER), _fold(x)) <= 0.05)
    assert before < first_row < after
    table_lines = set(lines[before + 1: after])
    assert len(table_lines) == len(TABLE_ROWS)
    outside = " ".join(x for x in lines if x not in table_lines)
    for word in ("học bạ", "bệnh án", "Bảo hiểm"):
        assert word not in outside


@pytest.mark.slow
@needs_tesseract
def test_scanned_table_reads_as_the_text_pdf_table(table_pdfs: tuple[Path, Path], tmp_path: Path) -> None:
    text_lines = load(table_pdfs[0]).text.split("\n")
    scan_lines = load(table_pdfs[1], Settings(data_dir=tmp_path)).text.split("\n")
    assert len(scan_lines) == len(text_lines)
    for want, got in zip(text_lines, scan_lines):
        assert character_error_rate(_fold(want), _fold(got)) <= 0.05, (want, got)


@pytest.mark.slow
@needs_tesseract
def test_shipped_scan_without_a_table_is_read_as_before() -> None:
    """No ruled table is found on the shipped scan's pages, so each is read exactly as before tables were
    looked for (the image Tesseract gets is the rendered page itself)."""
    document = pdfium.PdfDocument(str(SHIPPED_SCAN))
    try:
        count = len(document)
    finally:
        document.close()
    for index in range(count):
        page = _page(SHIPPED_SCAN, index)
        image, tables = ocr_tables.find_tables(page, 300)
        assert tables == [] and image is page
