"""OCR of scanned PDFs and images with the real Tesseract (vie) on pages rendered here with Pillow.

Pages are short (a few paragraphs, A4 width, as tall as their text) so each costs a second or two of OCR.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from bcd.settings import Settings
from eval.bench.ocr_bench import (character_error_rate, page_paragraphs, render_page, source_text,
                                  write_scanned_pdf, write_text_pdf)
from ingest import ocr
from ingest.loaders import load
from ingest.pipeline import prepare

INSTALL = "apt-get install tesseract-ocr tesseract-ocr-vie"
needs_tesseract = pytest.mark.skipif(
    ocr.unavailable_reason("tesseract", "vie") is not None,
    reason=f"Tesseract with Vietnamese not installed ({INSTALL}; .ci/run does)")
SHORT = (8.27, None)  # A4 wide, as tall as the text

# Official-document text with every tone mark, numbers, dates and a document number.
HEADER_PAGE = [
    "^ỦY BAN NHÂN DÂN TỈNH HÒA BÌNH",
    "^Số: 99/KH-UBND",
    "^Hòa Bình, ngày 01 tháng 12 năm 2025",
    "^KẾ HOẠCH",
    "I. MỤC ĐÍCH, YÊU CẦU",
    "1. Quán triệt đầy đủ, sâu sắc quan điểm, mục tiêu, nhiệm vụ và giải pháp của Nghị quyết số 57-NQ/TW; "
    "bảo đảm sự lãnh đạo thống nhất của cấp ủy, chính quyền các cấp trong tổ chức thực hiện.",
    "2. Phấn đấu đến ngày 31/12/2026 có ít nhất 85% hồ sơ thủ tục hành chính được xử lý trực tuyến; kinh "
    "phí 12.500 triệu đồng do Sở Tài chính bố trí, hướng dẫn, kiểm tra và đôn đốc thực hiện.",
    "a) Sở Khoa học và Công nghệ chủ trì, phối hợp với các huyện Lạc Sơn, Mai Châu, Đà Bắc tổng hợp kết quả, "
    "báo cáo Ban Chỉ đạo tỉnh trước ngày 15/01/2027.",
]


@pytest.fixture(scope="module")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return Settings(data_dir=tmp_path_factory.mktemp("ocr"))


@pytest.fixture(scope="module")
def two_pages() -> list[list[str]]:
    """Two short pages of a plan (the second starts with its page number, "- 2 -")."""
    return [page[:4] + page[-2:] if n == 0 else page[:4] for n, page in enumerate(page_paragraphs(2))]


@pytest.fixture(scope="module")
def scanned_pdf(tmp_path_factory: pytest.TempPathFactory, two_pages: list[list[str]]) -> Path:
    images = [render_page(page, page_in=SHORT, noise=20.0, angle=0.4, seed=n)
              for n, page in enumerate(two_pages)]
    return write_scanned_pdf(images, tmp_path_factory.mktemp("scan") / "ke-hoach-ban-quet.pdf")


def _lines(text: str) -> list[str]:
    return text.split("\n")


@pytest.mark.slow
@needs_tesseract
def test_clean_300_dpi_render_reads_within_3_percent_cer_and_keeps_the_header_lines(
        tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / "ke-hoach.png"
    render_page(HEADER_PAGE, page_in=SHORT).save(path, dpi=(300, 300))
    document = load(path, settings)
    assert character_error_rate(source_text(HEADER_PAGE), document.text) <= 0.03, document.text
    lines = _lines(document.text)
    # the header parser and the structure parser read lines: each header line and each item is its own line,
    # and the wrapped lines of one paragraph are joined into one
    for expected in ("Số: 99/KH-UBND", "Hòa Bình, ngày 01 tháng 12 năm 2025", "KẾ HOẠCH"):
        assert expected in lines
    assert len(lines) == len(HEADER_PAGE), lines
    assert [line.split()[0] for line in lines[4:]] == ["I.", "1.", "2.", "a)"]
    assert document.warnings == []


@pytest.mark.slow
@needs_tesseract
def test_noisy_tilted_scan_stays_readable(tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / "ke-hoach.jpg"
    scan = render_page(HEADER_PAGE, page_in=SHORT, noise=30.0, angle=0.7, seed=3)
    scan.convert("RGB").save(path, quality=60)
    document = load(path, settings)
    assert character_error_rate(source_text(HEADER_PAGE), document.text) <= 0.05, document.text
    assert "Số: 99/KH-UBND" in _lines(document.text)


@pytest.mark.slow
@needs_tesseract
def test_image_only_pdf_of_two_pages_loads_its_text(scanned_pdf: Path, two_pages: list[list[str]],
                                                    settings: Settings) -> None:
    document = load(scanned_pdf, settings)
    reference = "\n".join(source_text(page, page_number=False) for page in two_pages)
    assert character_error_rate(reference, document.text) <= 0.03, document.text
    assert "- 2 -" not in document.text and "2" not in _lines(document.text)  # the page number is dropped
    assert document.warnings == []


@pytest.mark.slow
@needs_tesseract
def test_the_pipeline_reads_a_scanned_pdf_into_chunks(scanned_pdf: Path, settings: Settings) -> None:
    prepared = prepare(scanned_pdf, "ke-hoach-ban-quet", str(scanned_pdf), settings)
    assert prepared is not None
    cleaned, _, chunks = prepared
    assert "Ban Chỉ đạo tỉnh" in cleaned.text and chunks


@pytest.mark.slow
@needs_tesseract
def test_mixed_pdf_keeps_its_text_page_and_reads_its_scanned_page(tmp_path: Path, two_pages: list[list[str]],
                                                                  settings: Settings) -> None:
    from pypdf import PdfWriter

    text_page = write_text_pdf([HEADER_PAGE], tmp_path / "text.pdf")
    scanned_page = write_scanned_pdf([render_page(two_pages[1], page_in=SHORT)], tmp_path / "scan.pdf")
    writer = PdfWriter()
    writer.append(str(text_page))
    writer.append(str(scanned_page))
    path = tmp_path / "mixed.pdf"
    writer.write(str(path))
    document = load(path, settings)
    assert "báo cáo Ban Chỉ đạo tỉnh trước ngày 15/01/2027." in document.text  # the text layer, verbatim
    assert character_error_rate(source_text(two_pages[1], page_number=False),
                                document.text.split("15/01/2027.", 1)[1]) <= 0.03, document.text
    assert document.warnings == []


@pytest.mark.slow
@needs_tesseract
def test_multi_page_tiff_reads_every_page(tmp_path: Path, two_pages: list[list[str]],
                                          settings: Settings) -> None:
    first, second = (render_page(page, page_in=SHORT) for page in two_pages)
    path = tmp_path / "ke-hoach.tiff"
    first.save(path, save_all=True, append_images=[second], dpi=(300, 300), compression="tiff_lzw")
    with Image.open(path) as image:
        assert image.n_frames == 2
    document = load(path, settings)
    reference = "\n".join(source_text(page, page_number=False) for page in two_pages)
    assert character_error_rate(reference, document.text) <= 0.03, document.text


@pytest.mark.slow
@needs_tesseract
def test_page_numbers_and_running_footer_are_removed(tmp_path: Path, settings: Settings) -> None:
    pages = [[f"^- {n} -", *body] for n, body in enumerate(
        [HEADER_PAGE[5:6], HEADER_PAGE[6:7], HEADER_PAGE[7:8]], start=1)]
    images = [render_page(page, page_in=SHORT, footer=f"Kế hoạch 99/KH-UBND - Trang {n}/3")
              for n, page in enumerate(pages, start=1)]
    document = load(write_scanned_pdf(images, tmp_path / "ba-trang.pdf"), settings)
    assert "Trang" not in document.text and "- 2 -" not in document.text, document.text
    assert character_error_rate("\n".join(HEADER_PAGE[5:8]), document.text) <= 0.03, document.text


@pytest.mark.slow
@needs_tesseract
def test_low_confidence_pages_are_warned_about(scanned_pdf: Path, settings: Settings) -> None:
    strict = settings.model_copy(update={"ocr_min_confidence": 99.9})
    document = load(scanned_pdf, strict)
    assert document.text  # the text is kept, and each page is flagged
    assert [w.split(": ")[1] for w in document.warnings] == ["page 1", "page 2"]
    assert all("OCR confidence" in w and str(scanned_pdf) in w for w in document.warnings)


@pytest.mark.slow
def test_without_tesseract_a_scan_is_a_clear_warning_not_a_crash(tmp_path: Path, settings: Settings) -> None:
    missing = settings.model_copy(update={"tesseract_cmd": str(tmp_path / "no-such-tesseract")})
    pdf = write_scanned_pdf([render_page(HEADER_PAGE[:4], page_in=SHORT)], tmp_path / "scan.pdf")
    document = load(pdf, missing)
    assert document.text == ""
    assert len(document.warnings) == 1
    assert "no text layer" in document.warnings[0] and str(pdf) in document.warnings[0]
    assert INSTALL in document.warnings[0]
    image = tmp_path / "scan.png"
    render_page(HEADER_PAGE[:1], page_in=SHORT).save(image)
    assert INSTALL in load(image, missing).warnings[0]
    # through the pipeline: skipped with the warning (no chunks, no exception)
    assert prepare(pdf, "scan", str(pdf), missing) is None
    off = load(pdf, settings.model_copy(update={"ocr": False}))
    assert off.text == "" and "BCD_OCR=false" in off.warnings[0]


def test_clean_pages_drops_page_numbers_and_running_lines_only_at_page_edges() -> None:
    pages = [
        ["UBND TỈNH HÒA BÌNH", "Kế hoạch số 99", "Nội dung trang một.", "Bảng: 2", "Trang 1/3"],
        ["- 2 -", "CÔNG BÁO TỈNH", "Nội dung trang hai.", "2", "Kế hoạch 99/KH-UBND, trang 2"],
        ["3", "CÔNG BÁO TỈNH", "Nội dung trang ba.", "Dòng cuối.", "Kế hoạch 99/KH-UBND, trang 3"],
    ]
    cleaned = ocr.clean_pages(pages)
    assert cleaned == [
        ["UBND TỈNH HÒA BÌNH", "Kế hoạch số 99", "Nội dung trang một.", "Bảng: 2"],
        ["Nội dung trang hai."],  # "2" here sits among the page's last two lines: a page number
        ["Nội dung trang ba.", "Dòng cuối."],
    ]
    # page numbers as Tesseract misreads them between their dashes
    assert ocr.clean_pages([["_2-", "Nội dung.", "-'Í-"], ["_ TH _", "Nội dung khác.", "2/5"]]) == [
        ["Nội dung."], ["Nội dung khác."]]
    # a long line is text even where each page ends with the same item with other numbers
    items = [[f"{title} là nội dung chính.", f"- Tổ chức hội nghị sơ kết vào quý {n} năm 202{n}; kịp thời "
              "biểu dương, khen thưởng tập thể, cá nhân có thành tích xuất sắc."]
             for n, title in ((1, "Mục tiêu"), (2, "Nhiệm vụ"), (3, "Giải pháp"))]
    assert ocr.clean_pages(items) == items
    middle = ocr.clean_pages([["Đầu trang.", "Số liệu:", "2", "tiếp theo", "Cuối trang."]])
    assert middle == [["Đầu trang.", "Số liệu:", "2", "tiếp theo", "Cuối trang."]]  # a "2" mid-page stays


def test_ocr_text_is_put_in_one_vietnamese_form() -> None:
    decomposed = "Hoa\u0300 Bi\u0300nh, thuy\u0301"  # NFD, with the tone on the second vowel ("hoà", "thuý")
    assert ocr.clean_pages([[decomposed]]) == [["Hòa Bình, thúy"]]


def _layout(*rows: tuple[int, str, int, int]) -> list[ocr.OcrLine]:
    """Lines of one block and paragraph: (paragraph, text, left, right); a word is 100 px wide."""
    return [ocr.OcrLine(1, par, text, left, right, 100) for par, text, left, right in rows]


def test_paragraphs_join_wrapped_lines_and_keep_headings_items_and_header_lines() -> None:
    lines = _layout(
        (1, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 300, 2200),  # upper case: a line of its own
        (1, "Độc lập - Tự do - Hạnh phúc", 700, 1800),
        (1, "Số: 99/KH-UBND", 900, 1500),
        (1, "I. MỤC ĐÍCH", 200, 900),
        (1, "1. Quán triệt đầy đủ quan điểm, mục tiêu của Nghị quyết, bảo đảm sự lãnh đạo của", 200, 2250),
        (1, "cấp ủy; tổ chức thực hiện nghiêm túc, hiệu quả, phù hợp với tình hình thực", 200, 2180),
        (1, "tế địa phương.", 200, 700),  # the line above ended 120 px short: less than this word and a space
        (1, "a) Xây dựng hệ thống thông tin dùng chung, kết nối với các hệ thống chuyên", 200, 2240),
        (1, "ngành trong toàn tỉnh.", 200, 900),
        (1, "Dòng ngắn kết thúc đoạn.", 200, 900),  # after a short line: a new paragraph
        (1, "- Cơ quan chủ trì xây dựng cơ sở dữ liệu, bảo đảm an toàn trên mạng In-", 200, 2250),
        (1, "ternet của tỉnh theo Kế hoạch số 99/KH-", 200, 2240),  # a word broken by a hyphen is rejoined,
        (1, "UBND ngày 01/12/2025.", 200, 800),  # a compound keeps its hyphen
        (1, "Điều 3. Chánh Văn phòng Ủy ban nhân dân tỉnh, Thủ trưởng các sở chịu trách", 200, 2250),
        (2, "Nơi nhận:", 200, 500),  # another Tesseract paragraph
        (2, "- Như Điều 3;", 200, 500),
    )
    assert ocr.paragraphs(lines) == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 99/KH-UBND",
        "I. MỤC ĐÍCH",
        "1. Quán triệt đầy đủ quan điểm, mục tiêu của Nghị quyết, bảo đảm sự lãnh đạo của cấp ủy; tổ chức "
        "thực hiện nghiêm túc, hiệu quả, phù hợp với tình hình thực tế địa phương.",
        "a) Xây dựng hệ thống thông tin dùng chung, kết nối với các hệ thống chuyên ngành trong toàn tỉnh.",
        "Dòng ngắn kết thúc đoạn.",
        "- Cơ quan chủ trì xây dựng cơ sở dữ liệu, bảo đảm an toàn trên mạng Internet của tỉnh theo "
        "Kế hoạch số 99/KH-UBND ngày 01/12/2025.",
        "Điều 3. Chánh Văn phòng Ủy ban nhân dân tỉnh, Thủ trưởng các sở chịu trách",
        "Nơi nhận:",
        "- Như Điều 3;",
    ]


def test_an_upper_case_line_goes_on_a_sentence_left_open() -> None:
    lines = _layout((1, "tháo gỡ khó khăn, vướng mắc phát sinh ở cơ", 200, 2250), (1, "SỞ.", 200, 300),
                    (1, "và báo cáo kết quả trước ngày 15/01/2027", 200, 2250), (1, "KẾ HOẠCH", 900, 1300))
    assert ocr.paragraphs(lines) == ["tháo gỡ khó khăn, vướng mắc phát sinh ở cơ SỞ.",
                                     "và báo cáo kết quả trước ngày 15/01/2027", "KẾ HOẠCH"]



def _tesseract_data(*rows: list[tuple[str, int, int]], height: int = 50) -> dict[str, list[object]]:
    """image_to_data's columns for rows of (word, left, width), one Tesseract block, a line per row."""
    keys = ("text", "conf", "block_num", "par_num", "line_num", "left", "width", "height")
    data: dict[str, list[object]] = {key: [] for key in keys}
    for number, row in enumerate(rows, start=1):
        for word, left, width in row:
            speck = word in ("`", "_~")
            values = (word, 20 if speck else 95, 1, 1, number, left, width, 6 if speck else height)
            for key, value in zip(keys, values):
                data[key].append(value)
    return data


def test_side_by_side_columns_are_read_one_after_the_other_and_specks_dropped() -> None:
    data = _tesseract_data(
        [("ỦY", 200, 60), ("BAN", 280, 90), ("NHÂN", 390, 120), ("DÂN", 530, 90),  # a 130 px gap: two columns
         ("CỘNG", 750, 120), ("HÒA", 890, 90), ("VIỆT", 1000, 100), ("NAM", 1120, 90)],
        [("TỈNH", 250, 100), ("HÒA", 370, 90), ("BÌNH", 480, 100),
         ("Độc", 800, 80), ("lập", 900, 60), ("-", 980, 20), ("Tự", 1020, 50), ("do", 1090, 50)],
        [("`", 820, 10), ("_~", 900, 300)],  # the rule under the motto
        [("Số:", 260, 70), ("99/KH-UBND", 350, 250)],  # under the left column only
        [("Hòa", 770, 80), ("Bình,", 870, 100), ("ngày", 990, 90), ("01/12/2025", 1100, 200)],
        [("KẾ", 560, 60), ("HOẠCH", 640, 150)],  # centred: crosses the gap, the columns end
    )
    lines, confidence = ocr.layout_lines(data)
    assert ocr.paragraphs(lines) == ["ỦY BAN NHÂN DÂN", "TỈNH HÒA BÌNH", "Số: 99/KH-UBND",
                                     "CỘNG HÒA VIỆT NAM", "Độc lập - Tự do", "Hòa Bình, ngày 01/12/2025",
                                     "KẾ HOẠCH"]
    assert confidence == 95
