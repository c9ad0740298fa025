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


def _close(want: str, got: str) -> bool:
    """The same text up to OCR's slips: at most 5% of its characters edited (NFC, case, spaces aside)."""
    return character_error_rate(_fold(want), _fold(got)) <= 0.05


def test_grid_of_a_tilted_scan_has_the_group_rows_and_the_merged_agency(
        table_pdfs: tuple[Path, Path]) -> None:
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
            assert _close(want_name, name), (want_name, line)
            assert _close(want_value, value), (want_value, line)
    groups = [row for row in TABLE_ROWS if row[0].startswith("^")]
    for group in groups:
        heading = _fold(f"{group[0][1:]}. {group[1]}")
        assert any(character_error_rate(heading, _fold(x)) <= 0.05 for x in lines), (group, document.text)
    # the table stands between the text before and after it, and its words are in no other line
    first_row = next(i for i, x in enumerate(lines) if re.match(r"^1\. ", x))
    before = next(i for i, x in enumerate(lines) if _close(TABLE_BEFORE, x))
    after = next(i for i, x in enumerate(lines) if _close(TABLE_AFTER, x))
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
        assert _close(want, got), (want, got)


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


def _data(words: list[tuple[str, int, int]]) -> dict[str, list]:  # type: ignore[type-arg]
    """An `image_to_data` dict of words (text, left, top), each its own Tesseract line, 40 px high."""
    n = len(words)
    return {"text": [w for w, _, _ in words], "left": [x for _, x, _ in words], "top": [y for _, _, y in words],
            "width": [20 * len(w) for w, _, _ in words], "height": [40] * n, "conf": [95.0] * n,
            "block_num": list(range(1, n + 1)), "par_num": [1] * n, "line_num": [1] * n}


def _table(header: bool) -> ocr_tables.Table:
    """Two columns, rows 100 px high from y=1000: a header row (TT | Nhiệm vụ) when asked, then two rows."""
    rows = 3 if header else 2
    return ocr_tables.Table(ys=[1000 + 100 * r for r in range(rows + 1)], xs=[100, 300, 1500],
                            spans=[(r, c, 1, 1) for r in range(rows) for c in range(2)])


def test_page_words_go_to_the_table_or_around_it_and_the_names_carry_to_the_next_page() -> None:
    first = _table(header=True)
    words = [("Trên", 100, 500), ("TT", 150, 1030), ("Nhiệm", 400, 1030), ("vụ", 560, 1030),
             ("1", 150, 1130), ("Lập", 400, 1130), ("kế", 500, 1130), ("hoạch", 560, 1130),
             ("2", 150, 1230), ("Báo", 400, 1230), ("cáo", 500, 1230)]
    lines, names = ocr.page_with_tables(_data(words), [first], [])
    assert lines == ["Trên", "1. Nhiệm vụ: Lập kế hoạch", "2. Nhiệm vụ: Báo cáo"]
    assert names == ["TT", "Nhiệm vụ"]  # the page ends in the table
    # the next page opens with the table's rows, its header not repeated: they keep the column names
    following = _table(header=False)
    words = [("3", 150, 1030), ("Tổng", 400, 1030), ("kết", 520, 1030), ("4", 150, 1130), ("Khen", 400, 1130),
             ("Dưới", 100, 1400)]
    lines, names = ocr.page_with_tables(_data(words), [following], names)
    assert lines == ["3. Nhiệm vụ: Tổng kết", "4. Nhiệm vụ: Khen", "Dưới"]
    assert names == []  # text follows the table: a table on the next page is a new one
