"""OCR ingest speed and accuracy, beside text PDFs of the same pages.

    python -m eval.bench.ocr_bench [--pages 6] [--sweep-pages 2] [--sweep-rounds 2]
                                   [--out eval/bench/out/ocr.json]
    python -m eval.bench.ocr_bench --table-only  # the table page alone (eval/bench/out/ocr_table.json)

Renders N A4 pages of directive-style Vietnamese text (every tone mark, numbers, dates, "Số: 99/KH-UBND"),
writes them as a text PDF (reportlab) and as image-only "scanned" PDFs (300 and 200 dpi, clean, and noisy
with a slight tilt), and times `ingest.loaders.load()` of each: pages/s (wall) and CPU seconds per page (this
process and its tesseract processes: the steadier figure on a shared machine, where wall time follows the
load average, which is printed beside). Character error rate (edit distance over the NFC, whitespace-
normalised text) of what `load()` returns. A sweep times Tesseract alone under the options that matter on a
small CPU (OpenMP threads, engine, page segmentation, two pages at once) on the first pages, the option sets
taking turns. A ruled task table page (group rows, a merged cell) is timed as text PDF and as a scan read with
and without its table found (what reading tables cell by cell costs). The page renderers and the CER are also
the OCR tests' fixtures (tests/ingest/test_ocr.py, tests/ingest/test_ocr_tables.py).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import tempfile
import time
import unicodedata
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from bcd.settings import Settings
from eval.report import markdown_table

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")
A4_IN = (8.27, 11.69)
CENTER = "^"  # a paragraph starting with it is centred (the header's lines, titles)

# --- fixtures ----------------------------------------------------------------------------------------------


def page_paragraphs(pages: int) -> list[list[str]]:
    """`pages` pages of a steering-committee plan; page 2 on starts with its page number ("- 2 -"), which
    ingest must drop. Every page's text differs (numbers, units), as a real document's do."""
    units = ["Sở Khoa học và Công nghệ", "Sở Thông tin và Truyền thông", "Sở Tài chính", "Sở Nội vụ",
             "Sở Giáo dục và Đào tạo", "Sở Y tế", "Ủy ban nhân dân huyện Lạc Sơn",
             "Ủy ban nhân dân huyện Mai Châu"]
    roman = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
    result = []
    for p in range(pages):
        unit, other = units[p % len(units)], units[(p + 3) % len(units)]
        paragraphs = [] if p == 0 else [f"{CENTER}- {p + 1} -"]
        if p == 0:
            paragraphs += [f"{CENTER}ỦY BAN NHÂN DÂN TỈNH HÒA BÌNH", f"{CENTER}Số: 99/KH-UBND",
                           f"{CENTER}Hòa Bình, ngày 01 tháng 12 năm 2025", f"{CENTER}KẾ HOẠCH",
                           f"{CENTER}Triển khai Nghị quyết số 57-NQ/TW về phát triển khoa học, công nghệ, "
                           "đổi mới sáng tạo và chuyển đổi số"]
        paragraphs += [
            f"{roman[p]}. NHIỆM VỤ VÀ GIẢI PHÁP TRỌNG TÂM NĂM {2026 + p}",
            f"{p + 1}. {unit} chủ trì, phối hợp với {other} rà soát, hoàn thiện cơ chế, chính sách; "
            f"bảo đảm đến ngày {10 + p}/{p % 12 + 1}/{2026 + p} hoàn thành {40 + 7 * p} nhiệm vụ được giao, "
            "báo cáo kết quả về Ban Chỉ đạo tỉnh trước khi tổng kết.",
            f"a) Đẩy mạnh ứng dụng công nghệ số trong quản lý; phấn đấu {85 + p % 10}% hồ sơ thủ tục hành "
            f"chính được xử lý trực tuyến toàn trình, giảm ít nhất {20 + p}% thời gian giải quyết so với năm "
            "trước.",
            f"b) Bố trí kinh phí {12 + p}.{500 + 25 * p} triệu đồng từ nguồn ngân sách tỉnh và nguồn xã hội "
            "hóa hợp pháp; không để xảy ra lãng phí, thất thoát, tiêu cực trong quá trình thực hiện.",
            f"- Tổ chức hội nghị sơ kết vào quý {p % 4 + 1} năm {2026 + p}; kịp thời biểu dương, khen "
            "thưởng tập thể, cá nhân có thành tích xuất sắc; xử lý nghiêm trường hợp chậm trễ, né tránh "
            "trách nhiệm.",
            f"{p + 2}. Các cơ quan, đơn vị xây dựng kế hoạch chi tiết, gửi {unit} trước ngày "
            f"{5 + p}/{(p + 2) % 12 + 1}/{2026 + p} để tổng hợp; thường xuyên theo dõi, đôn đốc, kiểm tra và "
            "hướng dẫn tháo gỡ khó khăn, vướng mắc phát sinh ở cơ sở.",
        ]
        result.append(paragraphs)
    return result


def source_text(paragraphs: list[str], page_number: bool = True) -> str:
    """What OCR should give back: the paragraphs without their markup (and without the page number line
    when `page_number` is false, as ingest drops it)."""
    lines = [p.removeprefix(CENTER) for p in paragraphs]
    if not page_number:
        lines = [line for line in lines if not (line.startswith("- ") and line.endswith(" -")
                                                and line[2:-2].isdigit())]
    return "\n".join(lines)


def render_page(paragraphs: list[str], dpi: int = 300, noise: float = 0.0, angle: float = 0.0, seed: int = 0,
                font: Path = FONT, size_pt: float = 13.0, page_in: tuple[float, float | None] = A4_IN,
                footer: str | None = None) -> Image.Image:
    """A grayscale page image: paragraphs wrapped between 0.8" margins at `size_pt`, centred ones centred;
    `noise` (grey levels of Gaussian noise, with speckles and a scanner's blur) and `angle` (degrees) make
    it a scan. `page_in` height None: as tall as the text."""
    pixels_per_pt = dpi / 72
    face = ImageFont.truetype(str(font), round(size_pt * pixels_per_pt))
    width = round(page_in[0] * dpi)
    margin = round(0.8 * dpi)
    line_height = round(size_pt * pixels_per_pt * 1.5)
    probe = ImageDraw.Draw(Image.new("L", (1, 1)))
    placed: list[tuple[str, bool]] = []
    for paragraph in paragraphs:
        centred = paragraph.startswith(CENTER)
        wrapped = _wrap(probe, paragraph.removeprefix(CENTER), face, width - 2 * margin)
        placed += [(line, centred) for line in wrapped]
    extra = 2 * line_height if footer else 0
    height = round(page_in[1] * dpi) if page_in[1] else len(placed) * line_height + 2 * margin + extra
    image = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(image)
    y = margin
    for line, centred in placed:
        x = (width - draw.textlength(line, font=face)) / 2 if centred else margin
        draw.text((x, y), line, font=face, fill=0)
        y += line_height
    if footer:
        x = (width - draw.textlength(footer, font=face)) / 2
        draw.text((x, height - margin), footer, font=face, fill=0)
    if noise:
        rng = np.random.default_rng(seed)
        grey = np.asarray(image.filter(ImageFilter.GaussianBlur(0.6)), dtype=np.float32)
        grey += rng.normal(0, noise, grey.shape)
        speckle = rng.random(grey.shape)
        grey[speckle < 0.001], grey[speckle > 0.999] = 0, 255
        image = Image.fromarray(np.clip(grey, 0, 255).astype(np.uint8), "L")
    if angle:
        image = image.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255)
    return image


def _wrap(draw: ImageDraw.ImageDraw, text: str, face: ImageFont.FreeTypeFont, width: int) -> list[str]:
    lines, current = [], ""
    for word in text.split():
        candidate = f"{current} {word}".strip()
        if current and draw.textlength(candidate, font=face) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    return lines + [current] if current else lines


def write_scanned_pdf(images: list[Image.Image], path: Path, dpi: int = 300) -> Path:
    """An image-only PDF (no text layer), as a scanner writes it."""
    images[0].save(path, "PDF", resolution=dpi, save_all=True, append_images=images[1:])
    return path


def write_text_pdf(pages: list[list[str]], path: Path, font: Path = FONT) -> Path:
    """The same pages with a text layer (reportlab, the Vietnamese font embedded)."""
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import inch
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate

    pdfmetrics.registerFont(TTFont("BenchSerif", str(font)))
    body = ParagraphStyle("body", fontName="BenchSerif", fontSize=13, leading=19.5)
    centred = ParagraphStyle("centred", parent=body, alignment=TA_CENTER)
    story: list = []  # type: ignore[type-arg]
    for number, paragraphs in enumerate(pages):
        if number:
            story.append(PageBreak())
        story += [Paragraph(p.removeprefix(CENTER), centred if p.startswith(CENTER) else body)
                  for p in paragraphs]
    SimpleDocTemplate(str(path), pagesize=A4, leftMargin=0.8 * inch, rightMargin=0.8 * inch,
                      topMargin=0.8 * inch, bottomMargin=0.8 * inch, invariant=1).build(story)
    return path


# A page of a plan's task table (held out from the samples): a group row across the columns, a lead agency
# merged over two rows; the text before and after it. "^" in the first cell marks a group row.
TABLE_HEADER = ["TT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời hạn hoàn thành"]
TABLE_ROWS = [
    ["^I", "Nhóm nhiệm vụ về chuyển đổi số trong giáo dục"],
    ["1", "Số hóa học bạ điện tử cho các trường trung học cơ sở", "Sở Giáo dục và Đào tạo", "Sở Tài chính",
     "Quý III/2026"],
    ["2", "Tập huấn sử dụng sổ điểm điện tử cho giáo viên", "Sở Giáo dục và Đào tạo", "UBND các xã, phường",
     "Tháng 9/2026"],
    ["^II", "Nhóm nhiệm vụ về y tế số"],
    ["3", "Triển khai bệnh án điện tử tại bệnh viện tuyến tỉnh", "Sở Y tế", "Bảo hiểm xã hội tỉnh",
     "Trước ngày 31/12/2026"],
    ["4", "Kết nối dữ liệu khám chữa bệnh với Cổng dịch vụ công", "Sở Y tế", "Công an tỉnh", "Năm 2027"],
]
TABLE_MERGES = [(2, 2, 3), (2, 5, 6)]  # (column, first row, last row) counted from the header row 0
TABLE_BEFORE = "Để tổ chức thực hiện Kế hoạch, Ủy ban nhân dân tỉnh giao nhiệm vụ cụ thể như sau:"
TABLE_AFTER = "Các cơ quan chủ trì báo cáo kết quả thực hiện về Văn phòng Ủy ban nhân dân tỉnh hằng quý."


def write_table_pdf(path: Path, font: Path = FONT) -> Path:
    """The task table page as a text PDF: ruled (0.75 pt grid), cells wrapped, spans as the rows say."""
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import inch
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    pdfmetrics.registerFont(TTFont("BenchSerif", str(font)))
    body = ParagraphStyle("body", fontName="BenchSerif", fontSize=13, leading=19.5)
    cell = ParagraphStyle("cell", parent=body, fontSize=11, leading=14)
    centred = ParagraphStyle("cell_centred", parent=cell, alignment=TA_CENTER)
    rows = [[Paragraph(t, centred) for t in TABLE_HEADER]]
    commands = [("GRID", (0, 0), (-1, -1), 0.75, colors.black), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
    for r, row in enumerate(TABLE_ROWS, start=1):
        if row[0].startswith("^"):
            rows.append([Paragraph(row[0][1:], centred), Paragraph(row[1], cell)] + [""] * 3)
            commands.append(("SPAN", (1, r), (-1, r)))
        else:
            merged = any(c == 2 and first < r <= last for c, first, last in TABLE_MERGES)
            values = ["" if merged and c == 2 else t for c, t in enumerate(row[2:], 2)]
            rows.append([Paragraph(row[0], centred), Paragraph(row[1], cell)]
                        + [Paragraph(t, centred) for t in values])
    commands += [("SPAN", (c, first), (c, last)) for c, first, last in TABLE_MERGES]
    widths = [0.5 * inch, 2.3 * inch, 1.5 * inch, 1.3 * inch, 1.1 * inch]
    table = Table(rows, colWidths=widths, style=TableStyle(commands))
    story = [Paragraph(TABLE_BEFORE, body), Spacer(1, 10), table, Spacer(1, 10), Paragraph(TABLE_AFTER, body)]
    SimpleDocTemplate(str(path), pagesize=A4, leftMargin=0.8 * inch, rightMargin=0.8 * inch,
                      topMargin=0.8 * inch, bottomMargin=0.8 * inch, invariant=1).build(story)
    return path


def scan_pdf(text_pdf: Path, path: Path, dpi: int = 300, noise: float = 0.0, angle: float = 0.0,
             seed: int = 0) -> Path:
    """A text PDF printed and scanned: each page rasterised (pypdfium2), blurred and noisy, tilted."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(text_pdf))
    images = []
    try:
        for index in range(len(document)):
            image = document[index].render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
            if noise:
                rng = np.random.default_rng(seed + index)
                grey = np.asarray(image.filter(ImageFilter.GaussianBlur(0.6)), dtype=np.float32) * 0.93 + 10
                grey += rng.normal(0, noise, grey.shape)
                dust = rng.random(grey.shape) < 0.0002
                grey[dust] = rng.uniform(40, 140, int(dust.sum()))
                image = Image.fromarray(np.clip(grey, 0, 255).astype(np.uint8), "L")
            if angle:
                paper = int(np.median(np.asarray(image)))
                image = image.rotate(angle, resample=Image.Resampling.BILINEAR, fillcolor=paper)
            images.append(image)
    finally:
        document.close()
    return write_scanned_pdf(images, path, dpi)


# --- measures ----------------------------------------------------------------------------------------------


def normalise(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance, one numpy row per character of `a` (the insertion chain is a running minimum)."""
    if not a or not b:
        return len(a) + len(b)
    other = np.array([ord(c) for c in b])
    index = np.arange(len(b) + 1)
    row = index.copy()
    for i, char in enumerate(a, start=1):
        best = np.empty(len(b) + 1, dtype=np.int64)
        best[0] = i
        best[1:] = np.minimum(row[1:] + 1, row[:-1] + (other != ord(char)))
        row = np.minimum.accumulate(best - index) + index
    return int(row[-1])


def character_error_rate(reference: str, hypothesis: str) -> float:
    """Edits per reference character, on NFC text with whitespace collapsed (line breaks are layout)."""
    reference, hypothesis = normalise(reference), normalise(hypothesis)
    return edit_distance(reference, hypothesis) / max(len(reference), 1)


def _cpu_seconds() -> float:
    """CPU time of this process and of its finished children (the tesseract processes pytesseract runs)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _load_timed(path: Path, settings: Settings) -> tuple[str, float, float, list[str]]:
    """load()'s text, wall seconds, CPU seconds (on a shared machine the CPU time is the steadier figure)."""
    from ingest.loaders import load

    started, cpu = time.perf_counter(), _cpu_seconds()
    document = load(path, settings)
    return document.text, time.perf_counter() - started, _cpu_seconds() - cpu, document.warnings


def _tesseract(image: Image.Image, config: str, threads: str | None) -> str:
    import pytesseract

    environment = {k: v for k, v in os.environ.items() if k != "OMP_THREAD_LIMIT"}
    pytesseract.pytesseract.environ = (environment if threads is None
                                       else {**environment, "OMP_THREAD_LIMIT": threads})
    return pytesseract.image_to_string(image, lang="vie", config=config)


SWEEP = [  # (name, tesseract config, OMP_THREAD_LIMIT (None: OpenMP's default), pages at once)
    ("oem1 psm3, 1 thread (ingest's)", "--oem 1 --psm 3", "1", 1),
    ("oem1 psm3, OpenMP default threads", "--oem 1 --psm 3", None, 1),
    ("oem1 psm3, 1 thread, 2 pages at once", "--oem 1 --psm 3", "1", 2),
    ("default oem, psm3, 1 thread", "--psm 3", "1", 1),
    ("oem1 psm6, 1 thread", "--oem 1 --psm 6", "1", 1),
    ("oem1 psm4, 1 thread", "--oem 1 --psm 4", "1", 1),
]


def sweep(images: list[Image.Image], references: list[str], rounds: int) -> list[dict[str, object]]:
    """Tesseract alone under each option set, the sets taking turns for `rounds` rounds (so a load that
    changes meanwhile hits them alike): median wall and mean CPU seconds per page, CER of the raw output."""
    walls: dict[str, list[float]] = {name: [] for name, *_ in SWEEP}
    cpus: dict[str, list[float]] = {name: [] for name, *_ in SWEEP}
    cers: dict[str, float] = {}
    for _ in range(rounds):
        for name, config, threads, parallel in SWEEP:
            started, cpu = time.perf_counter(), _cpu_seconds()
            with ThreadPoolExecutor(parallel) as pool:  # pytesseract runs one tesseract process per page
                texts = list(pool.map(lambda im: _tesseract(im, f"{config} --dpi 300", threads), images))
            walls[name].append((time.perf_counter() - started) / len(images))
            cpus[name].append((_cpu_seconds() - cpu) / len(images))
            cers[name] = character_error_rate("\n".join(references), "\n".join(texts))
    rows = []
    for name, *_ in SWEEP:
        rows.append({"options": name, "wall_s_per_page": round(statistics.median(walls[name]), 2),
                     "cpu_s_per_page": round(statistics.mean(cpus[name]), 2), "cer": round(cers[name], 4)})
    return rows


SCANS = [("300dpi_clean", 300, 0.0, 0.0), ("300dpi_noisy", 300, 30.0, 0.6),
         ("200dpi_clean", 200, 0.0, 0.0), ("200dpi_noisy", 200, 30.0, 0.6)]


def table_page_rows(folder: Path, settings: Settings, rounds: int = 2) -> list[dict[str, object]]:
    """The task table page (`write_table_pdf`) as text PDF, and scanned (noisy, tilted 0.6°) read with its
    table found and read cell by cell, and read as any page (table finding off: what tables cost)."""
    from unittest import mock

    from ingest import ocr_tables

    text_pdf = write_table_pdf(folder / "table.pdf")
    scan = scan_pdf(text_pdf, folder / "table-scan.pdf", noise=12.0, angle=0.6)
    reference = _load_timed(text_pdf, settings)[0]
    runs: dict[str, list[tuple[str, float, float]]] = {}
    for _ in range(rounds):  # taking turns, so a change in the machine's load touches both alike
        for name, path, tables in (("text PDF", text_pdf, True), ("scan, tables read", scan, True),
                                   ("scan, tables not looked for", scan, False)):
            off = mock.patch.object(ocr_tables, "find_tables", lambda image, dpi: (image, []))
            if tables:
                runs.setdefault(name, []).append(_load_timed(path, settings)[:3])
            else:
                with off:
                    runs.setdefault(name, []).append(_load_timed(path, settings)[:3])
    return [{"file": name, "wall_s_per_page": round(statistics.median(r[1] for r in read), 2),
             "cpu_s_per_page": round(statistics.median(r[2] for r in read), 2),
             "cer_vs_text_pdf": round(character_error_rate(reference, read[-1][0]), 4),
             "load_average_1min": round(os.getloadavg()[0], 1)} for name, read in runs.items()]


def _table_only(rounds: int, out: Path = Path("eval/bench/out/ocr_table.json")) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        rows = table_page_rows(Path(tmp), Settings(data_dir=Path(tmp) / "data"), rounds)
    print(f"A ruled task table page, median of {rounds} rounds ({os.cpu_count()} CPUs):")
    print(markdown_table(rows, list(rows[0])))
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"table_page": rows}, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {out}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=6)
    parser.add_argument("--sweep-pages", type=int, default=2,
                        help="pages timed under each Tesseract option set (0: no sweep)")
    parser.add_argument("--sweep-rounds", type=int, default=2)
    parser.add_argument("--out", type=Path, default=Path("eval/bench/out/ocr.json"))
    parser.add_argument("--table-only", action="store_true",
                        help="only the table page, written to eval/bench/out/ocr_table.json")
    args = parser.parse_args(argv)
    if args.table_only:
        _table_only(args.sweep_rounds)
        return
    pages = page_paragraphs(args.pages)
    whole = "\n".join(source_text(p, page_number=False) for p in pages)
    version = subprocess.run(["tesseract", "--version"], capture_output=True, text=True)
    result: dict[str, object] = {
        "pages": args.pages, "tesseract": version.stdout.split("\n")[0], "cpus": os.cpu_count(),
        "load_average_1min_start": round(os.getloadavg()[0], 1)}
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        settings = Settings(data_dir=folder)
        files = [("text PDF", write_text_pdf(pages, folder / "text.pdf"), settings, 0.0, 0.0)]
        for name, dpi, noise, angle in SCANS:
            images = [render_page(p, dpi=dpi, noise=noise, angle=angle, seed=i) for i, p in enumerate(pages)]
            files.append((f"scanned PDF {name}", write_scanned_pdf(images, folder / f"{name}.pdf", dpi),
                          settings.model_copy(update={"ocr_dpi": dpi}), noise, angle))
        for name, path, file_settings, noise, angle in files:
            text, wall, cpu, warnings = _load_timed(path, file_settings)
            rows.append({"file": name, "pages_per_s": round(args.pages / wall, 3),
                         "cpu_s_per_page": round(cpu / args.pages, 2),
                         "cer": round(character_error_rate(whole, text), 4),
                         "noise": noise, "angle": angle, "warnings": len(warnings),
                         "load_average_1min": round(os.getloadavg()[0], 1)})
            print(markdown_table(rows[-1:], list(rows[-1])).split("\n")[-1], flush=True)
        result["load"] = rows
        result["table_page"] = table_page_rows(folder, settings)
        if args.sweep_pages:
            first = pages[:args.sweep_pages]
            images = [render_page(p, noise=30.0, angle=0.6, seed=i) for i, p in enumerate(first)]
            references = [source_text(p) for p in first]
            result["tesseract_options"] = sweep(images, references, args.sweep_rounds)
    result["load_average_1min_end"] = round(os.getloadavg()[0], 1)
    print(f"\nload() of {args.pages} pages (load average {result['load_average_1min_start']} at the start, "
          f"{result['load_average_1min_end']} at the end, {os.cpu_count()} CPUs):")
    print(markdown_table(rows, list(rows[0])))
    print("\nA ruled task table page (group rows, a merged cell), CER against the text PDF's text:")
    print(markdown_table(result["table_page"], list(result["table_page"][0])))  # type: ignore[index]
    if args.sweep_pages:
        print(f"\nTesseract alone, {args.sweep_pages} noisy 300-dpi pages, {args.sweep_rounds} rounds:")
        print(markdown_table(result["tesseract_options"],  # type: ignore[arg-type]
                             ["options", "wall_s_per_page", "cpu_s_per_page", "cer"]))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
