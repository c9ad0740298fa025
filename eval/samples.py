"""Sample directive documents rendered as they arrive: DOCX, text PDF and scanned (image-only) PDF.

    python -m eval.samples OUT_DIR [--formats docx,pdf,scan] [--only mau-ke-hoach...] [--ship]

The five sources in eval/data/samples/*.txt are written for this project (fictitious numbers and officials of
Hòa Bình province) in the layout of Nghị định 30/2020/NĐ-CP (state bodies) and Hướng dẫn 36-HD/VPTW (Party
bodies). They are samples, and say so: file names start with "mau-", the title metadata starts with
"Văn bản mẫu" and every document ends with SAMPLE_NOTE. `--ship` writes each document once, in the format its
source names (`ship:`), into corpus/samples/ — one copy per document, because `bcd ingest corpus` reads
everything under corpus/ and three copies of one text would crowd each other out of the answers (a README
there would be ingested too, hence this docstring). eval/data/samples_qa.jsonl asks questions about them and
`python -m eval.bench.formats_bench` answers it from each format.

Source format: `key: value` lines, a `---` line, then the body, one paragraph per line.
    file      output name without extension (starts with "mau-")
    ship      the format shipped under corpus/samples/: docx, pdf or scan
    style     party (header motto "ĐẢNG CỘNG SẢN VIỆT NAM") or state (the national motto)
    left      the issuing body's lines, " / " between lines; right: the motto's lines
    number    "Số 12-NQ/TU" or "Số: 99/KH-UBND", under the issuing body
    date      place and date, under the motto
    type      the document type (NGHỊ QUYẾT, KẾ HOẠCH, ...); summary: the trích yếu (" / " between lines)
    title     the DOCX/PDF title metadata (starts with "Văn bản mẫu")
Body lines: `# ` a bold heading (I., Phần ...), `## ` a bold sub-heading (1. ...), `= ` centred bold, `~ `
centred italic, `_ ` an italic paragraph (Căn cứ ...), `**bold**` at a line's start bolds that part, any other
line a paragraph. `@pagebreak` starts a page. `@table W1 W2 ...` (relative column widths) opens a table ended
by `@end`: cells split by " | ", the first row is the header; a row of two cells in a wider table is a group
row whose second cell spans the rest; a cell "^" is merged into the cell above it. `@sign` opens the signature
block: the "Nơi nhận" lines, then `@right`, the signature lines (position lines, then the signer's name, with
room to sign left above it), then `@end`.

Output is deterministic: fixed seeds for the scan's noise and tilt, reportlab's `invariant=1`, fixed DOCX
timestamps, so regenerating changes no byte.
"""

from __future__ import annotations

import argparse
import io
import random
import re
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

SOURCES = Path(__file__).resolve().parent / "data" / "samples"
SHIP_DIR = Path(__file__).resolve().parents[1] / "corpus" / "samples"
FORMATS = ("docx", "pdf", "scan")
SAMPLE_NOTE = "(Văn bản mẫu dùng để minh họa, không phải văn bản thật.)"
TITLE_PREFIX = "Văn bản mẫu"
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
SCAN_DPI = 300
SCAN_JPEG_QUALITY = 40  # a dense text page at 300 dpi stays under ~400 KB
FIXED_DATE = (2025, 12, 1, 8, 0, 0)  # DOCX timestamps, zip entries included
HEADER_KEYS = ("file", "ship", "style", "left", "number", "right", "date", "type", "summary", "title")


class SampleError(ValueError):
    """A source file that cannot be read; the message names the file and line."""


@dataclass
class Block:
    kind: str  # heading, subheading, center, center_italic, italic, para, pagebreak
    text: str = ""


@dataclass
class Table:
    widths: list[float]
    rows: list[list[str]]

    def spans(self) -> tuple[list[int], list[tuple[int, int, int]]]:
        """Group rows (indices whose second cell spans to the last column) and vertical merges
        (column, first row, last row), read from the source's two-cell rows and "^" cells."""
        groups = [r for r, row in enumerate(self.rows) if len(row) == 2 and len(self.widths) > 2]
        merges = []
        for c in range(len(self.widths)):
            r = 1
            while r < len(self.rows):
                if r in groups or c >= len(self.rows[r]) or self.rows[r][c] != "^":
                    r += 1
                    continue
                end = r
                while end + 1 < len(self.rows) and end + 1 not in groups and self.rows[end + 1][c] == "^":
                    end += 1
                merges.append((c, r - 1, end))
                r = end + 1
        return groups, merges


@dataclass
class Signature:
    left: list[str]
    right: list[str]


@dataclass
class Sample:
    source: Path
    file: str
    ship: str
    style: str
    left: list[str]
    number: str
    right: list[str]
    date: str
    type: str
    summary: list[str]
    title: str
    body: list[Block | Table | Signature] = field(default_factory=list)


def _lines(value: str) -> list[str]:
    return [part.strip() for part in value.split(" / ")]


def parse(path: Path) -> Sample:
    """Read one source (format in the module docstring)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    try:
        split = lines.index("---")
    except ValueError:
        raise SampleError(f"{path}: no '---' line ending the header") from None
    header: dict[str, str] = {}
    for number, line in enumerate(lines[:split], 1):
        key, sep, value = line.partition(":")
        if not sep or key.strip() not in HEADER_KEYS:
            raise SampleError(f"{path}:{number}: expected 'key: value' with a key among {HEADER_KEYS}")
        header[key.strip()] = value.strip()
    missing = [k for k in HEADER_KEYS if k not in header]
    if missing:
        raise SampleError(f"{path}: header lacks {', '.join(missing)}")
    if not header["file"].startswith("mau-") or not header["title"].startswith(TITLE_PREFIX):
        raise SampleError(f"{path}: a sample's file starts with 'mau-' and its title with {TITLE_PREFIX!r}")
    if header["ship"] not in FORMATS or header["style"] not in ("party", "state"):
        raise SampleError(f"{path}: ship is one of {FORMATS}, style party or state")
    sample = Sample(path, header["file"], header["ship"], header["style"], _lines(header["left"]),
                    header["number"], _lines(header["right"]), header["date"], header["type"],
                    _lines(header["summary"]), header["title"])
    body = iter(enumerate(lines[split + 1:], split + 2))
    for number, line in body:
        line = line.strip()
        if not line:
            continue
        if line.startswith("@table"):
            widths = [float(w) for w in line.split()[1:]]
            rows = [[c.strip() for c in row.split(" | ")] for _, row in _until_end(body, path, number)]
            bad = [r for r in rows if len(r) not in (2, len(widths))]
            if not widths or not rows or bad:
                raise SampleError(f"{path}:{number}: a table needs widths and rows of {len(widths)} cells "
                                  f"(or 2 for a group row); {bad[:1]}")
            sample.body.append(Table(widths, rows))
        elif line == "@sign":
            part = [row for _, row in _until_end(body, path, number)]
            if "@right" not in part:
                raise SampleError(f"{path}:{number}: a signature block needs an '@right' line")
            cut = part.index("@right")
            sample.body.append(Signature(part[:cut], part[cut + 1:]))
        elif line == "@pagebreak":
            sample.body.append(Block("pagebreak"))
        else:
            for prefix, kind in (("## ", "subheading"), ("# ", "heading"), ("= ", "center"),
                                 ("~ ", "center_italic"), ("_ ", "italic")):
                if line.startswith(prefix):
                    sample.body.append(Block(kind, line[len(prefix):].strip()))
                    break
            else:
                sample.body.append(Block("para", line))
    return sample


def _until_end(body, path: Path, opened: int) -> list[tuple[int, str]]:  # type: ignore[no-untyped-def]
    taken = []
    for number, line in body:
        if line.strip() == "@end":
            return taken
        if line.strip():
            taken.append((number, line.strip()))
    raise SampleError(f"{path}:{opened}: no '@end' closing the block opened here")


def load_samples(sources: Path = SOURCES) -> list[Sample]:
    samples = [parse(p) for p in sorted(sources.glob("*.txt"))]
    if not samples:
        raise SampleError(f"{sources}: no sample sources (*.txt)")
    return samples


BOLD = re.compile(r"\*\*(.+?)\*\*")


def plain(text: str) -> str:
    return BOLD.sub(r"\1", text)


def plain_text(sample: Sample) -> str:
    """The document's words in reading order, one paragraph per line (table rows as cells joined by " | "):
    what a perfect loader would read. The Q&A set's evidence spans are checked against it."""
    out = [*map(plain, sample.left), sample.number, *map(plain, sample.right), sample.date, sample.type,
           *sample.summary]
    for block in sample.body:
        if isinstance(block, Table):
            out += [" | ".join(row) for row in block.rows]
        elif isinstance(block, Signature):
            out += [plain(x) for x in block.left + block.right]
        elif block.text:
            out.append(plain(block.text))
    out.append(SAMPLE_NOTE)
    return "\n".join(out)


# ---------------------------------------------------------------- DOCX (python-docx)

def write_docx(sample: Sample, path: Path) -> Path:
    """Typed as an office types it: borderless header and signature tables, a gridded appendix table with
    real merged cells (gridSpan for group rows, vMerge for a lead agency over two rows)."""
    import datetime

    import docx
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
    from docx.shared import Cm, Pt

    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin, section.right_margin = Cm(3), Cm(2)
    section.top_margin, section.bottom_margin = Cm(2), Cm(2)
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = "Times New Roman", Pt(13)
    width = Cm(16)

    def runs(paragraph, text: str, bold: bool = False, italic: bool = False, size: float | None = None):
        parts = BOLD.split(text)  # odd indices were inside ** **
        for i, part in enumerate(parts):
            if part:
                run = paragraph.add_run(part)
                run.bold = bold or i % 2 == 1
                run.italic = italic
                if size:
                    run.font.size = Pt(size)
        return paragraph

    def lines_into(cell, lines: list[str], align, size: float = 13, italic_last: bool = False) -> None:
        cell.paragraphs[0].text = ""
        for i, line in enumerate(lines):
            paragraph = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
            paragraph.alignment = align
            paragraph.paragraph_format.space_after = Pt(0)
            runs(paragraph, line, italic=italic_last and i == len(lines) - 1, size=size)

    center = WD_ALIGN_PARAGRAPH.CENTER
    header = document.add_table(rows=1, cols=2)
    header.alignment = WD_TABLE_ALIGNMENT.CENTER
    lines_into(header.cell(0, 0), [*sample.left, sample.number], center)
    lines_into(header.cell(0, 1), [*sample.right, "", sample.date], center, italic_last=True)
    _widths(header, [Cm(6.5), Cm(9.5)])

    paragraph = document.add_paragraph()
    paragraph.alignment = center
    paragraph.paragraph_format.space_before = Pt(12)
    runs(paragraph, sample.type, bold=True, size=14)
    for line in sample.summary:
        paragraph = document.add_paragraph()
        paragraph.alignment = center
        runs(paragraph, line, bold=True)

    for block in sample.body:
        if isinstance(block, Table):
            _docx_table(document, block, width)
        elif isinstance(block, Signature):
            sign = document.add_table(rows=1, cols=2)
            lines_into(sign.cell(0, 0), block.left, WD_ALIGN_PARAGRAPH.LEFT, size=11)
            right = [*block.right[:-1], "", "", "", block.right[-1]]
            lines_into(sign.cell(0, 1), right, center)
            _widths(sign, [Cm(8), Cm(8)])
        elif block.kind == "pagebreak":
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        else:
            paragraph = document.add_paragraph()
            paragraph.paragraph_format.space_after = Pt(4)
            if block.kind in ("center", "center_italic"):
                paragraph.alignment = center
            else:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
                if block.kind in ("para", "italic"):
                    paragraph.paragraph_format.first_line_indent = Cm(1)
            runs(paragraph, block.text, bold=block.kind in ("heading", "subheading", "center"),
                 italic=block.kind in ("italic", "center_italic"))
    paragraph = document.add_paragraph()
    paragraph.alignment = center
    runs(paragraph, SAMPLE_NOTE, italic=True, size=11)

    when = datetime.datetime(*FIXED_DATE, tzinfo=datetime.timezone.utc)
    properties = document.core_properties
    properties.title, properties.author = sample.title, "Văn bản mẫu - bcd-assistant"
    properties.subject = f"{sample.type} {sample.number}"
    properties.created = properties.modified = when
    properties.last_modified_by, properties.revision = "bcd-assistant", 1
    buffer = io.BytesIO()
    document.save(buffer)
    path.write_bytes(_fixed_zip(buffer.getvalue()))
    return path


def _widths(table, widths) -> None:  # type: ignore[no-untyped-def]
    table.autofit = False
    for row in table.rows:
        for cell, width in zip(row.cells, widths):
            cell.width = width


def _docx_table(document, table: Table, width) -> None:  # type: ignore[no-untyped-def]
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    columns = len(table.widths)
    grid = document.add_table(rows=len(table.rows), cols=columns)
    grid.style = "Table Grid"
    groups, merges = table.spans()
    total = sum(table.widths)
    _widths(grid, [int(width * w / total) for w in table.widths])
    for r, row in enumerate(table.rows):
        for c, text in enumerate(row):
            if text == "^":
                continue
            paragraph = grid.cell(r, c).paragraphs[0]
            paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT if c == 1 else WD_ALIGN_PARAGRAPH.CENTER
            run = paragraph.add_run(text)
            run.font.size = Pt(11)
            run.bold = r == 0 or r in groups
    for r in groups:
        grid.cell(r, 1).merge(grid.cell(r, columns - 1))
    for c, first, last in merges:
        grid.cell(first, c).merge(grid.cell(last, c))


def _fixed_zip(data: bytes) -> bytes:
    """The same archive with every entry dated FIXED_DATE (zip entries otherwise carry the time of saving)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=FIXED_DATE)
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()


# ---------------------------------------------------------------- text PDF (reportlab)

def _fonts() -> str:
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    family = "DejaVuSerif"
    if family not in pdfmetrics.getRegisteredFontNames():
        for suffix, bold, italic in (("", 0, 0), ("-Bold", 1, 0), ("-Italic", 0, 1), ("-BoldItalic", 1, 1)):
            name = family + suffix
            pdfmetrics.registerFont(TTFont(name, str(FONT_DIR / f"{name}.ttf")))
            addMapping(family, bold, italic, name)
    return family


def _markup(text: str) -> str:
    from xml.sax.saxutils import escape

    return BOLD.sub(r"<b>\1</b>", escape(text))


def write_pdf(sample: Sample, path: Path) -> Path:
    """A4, DejaVu Serif, the two-column header and signature as borderless tables, the appendix table with
    grid lines and real spans (SPAN over a group row, over a lead agency's two rows)."""
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import cm
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer
    from reportlab.platypus import Table as PdfTable
    from reportlab.platypus import TableStyle

    font = _fonts()
    body = ParagraphStyle("body", fontName=font, fontSize=12, leading=16, alignment=TA_JUSTIFY,
                          firstLineIndent=1 * cm, spaceAfter=4)
    centred = ParagraphStyle("centred", parent=body, alignment=TA_CENTER, firstLineIndent=0, spaceAfter=0)
    heading = ParagraphStyle("heading", parent=body, firstLineIndent=0, spaceBefore=4)
    small = ParagraphStyle("small", parent=body, fontSize=10, leading=13, alignment=TA_LEFT, firstLineIndent=0,
                           spaceAfter=0)
    cell_style = ParagraphStyle("cell", parent=small, fontSize=9, leading=11)
    cell_centred = ParagraphStyle("cell_centred", parent=cell_style, alignment=TA_CENTER)
    head = ParagraphStyle("head", parent=centred, fontSize=11, leading=14)
    width = A4[0] - 5 * cm

    def column(lines: list[str], style: ParagraphStyle) -> list:  # type: ignore[type-arg]
        return [Paragraph(_markup(line) or "&nbsp;", style) for line in lines]

    story: list = []  # type: ignore[type-arg]
    left = column([*sample.left, sample.number], head)
    right = column(sample.right, head) + [Spacer(1, 6), Paragraph(f"<i>{_markup(sample.date)}</i>", head)]
    story.append(_borderless(PdfTable([[left, right]], colWidths=[0.37 * width, 0.63 * width])))
    story.append(Spacer(1, 14))
    story.append(Paragraph(f"<b>{_markup(sample.type)}</b>", ParagraphStyle("type", parent=centred, fontSize=14,
                                                                              leading=18)))
    story += [Paragraph(f"<b>{_markup(line)}</b>", centred) for line in sample.summary]
    story.append(Spacer(1, 12))
    for block in sample.body:
        if isinstance(block, Table):
            groups, merges = block.spans()
            total = sum(block.widths)
            rows = []
            for r, row in enumerate(block.rows):
                cells = [Paragraph(("<b>%s</b>" if r == 0 or r in groups else "%s") % _markup("" if t == "^" else t),
                                   cell_style if c == 1 and r != 0 else cell_centred) for c, t in enumerate(row)]
                rows.append(cells + [""] * (len(block.widths) - len(cells)))
            commands = [("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                        ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2)]
            commands += [("SPAN", (1, r), (-1, r)) for r in groups]
            commands += [("SPAN", (c, first), (c, last)) for c, first, last in merges]
            story.append(PdfTable(rows, colWidths=[width * w / total for w in block.widths], repeatRows=1,
                                  style=TableStyle(commands)))
            story.append(Spacer(1, 8))
        elif isinstance(block, Signature):
            left_column = column(block.left, small)
            right_column = column(block.right[:-1], head) + [Spacer(1, 50)] + column(block.right[-1:], head)
            story.append(Spacer(1, 8))
            story.append(_borderless(PdfTable([[left_column, right_column]], colWidths=[0.45 * width, 0.55 * width])))
        elif block.kind == "pagebreak":
            story.append(PageBreak())
        else:
            style = {"heading": heading, "subheading": heading, "center": centred, "center_italic": centred,
                     "italic": body, "para": body}[block.kind]
            text = _markup(block.text)
            if block.kind in ("heading", "subheading", "center"):
                text = f"<b>{text}</b>"
            elif block.kind in ("italic", "center_italic"):
                text = f"<i>{text}</i>"
            story.append(Paragraph(text, style))
    story += [Spacer(1, 16), Paragraph(f"<i>{_markup(SAMPLE_NOTE)}</i>", ParagraphStyle(
        "note", parent=centred, fontSize=10))]
    document = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=3 * cm, rightMargin=2 * cm,
                                 topMargin=2 * cm, bottomMargin=2 * cm, title=sample.title,
                                 author="Văn bản mẫu - bcd-assistant", subject=f"{sample.type} {sample.number}",
                                 creator="bcd-assistant eval.samples", invariant=1)
    document.build(story)
    return path


def _borderless(table):  # type: ignore[no-untyped-def]
    from reportlab.platypus import TableStyle

    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 2),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 2)]))
    return table


# ---------------------------------------------------------------- scanned PDF (pypdfium2 + Pillow)

def write_scan(sample: Sample, path: Path, text_pdf: Path | None = None, seed: int | None = None) -> Path:
    """The text PDF printed and scanned: each page rendered at 300 dpi in grayscale, tilted by 0.3-0.8°,
    lightly speckled and noisy, saved as JPEG images in a PDF with no text layer."""
    import numpy as np
    import pypdfium2 as pdfium
    from PIL import Image, ImageFilter

    if text_pdf is None:
        text_pdf = write_pdf(sample, path.with_name(path.stem + ".text.pdf"))
        remove = True
    else:
        remove = False
    rng = random.Random(sample.file if seed is None else seed)
    pages = []
    document = pdfium.PdfDocument(str(text_pdf))
    try:
        for index in range(len(document)):
            bitmap = document[index].render(scale=SCAN_DPI / 72, grayscale=True)
            image = bitmap.to_pil().convert("L").filter(ImageFilter.GaussianBlur(0.6))  # the scanner's optics
            noise = np.random.default_rng(rng.randrange(2**32))
            pixels = np.asarray(image, dtype=np.float32)
            pixels = pixels * 0.93 + 10  # paper is never white, ink never black
            pixels += noise.standard_normal(pixels.shape, dtype=np.float32) * 1.5
            dust = int(pixels.size * 0.0001)
            rows, columns = noise.integers(0, pixels.shape[0], dust), noise.integers(0, pixels.shape[1], dust)
            pixels[rows, columns] = noise.uniform(40, 140, dust)
            image = Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8), "L")
            angle = rng.uniform(0.3, 0.8) * rng.choice((-1, 1))
            pages.append(image.rotate(angle, resample=Image.Resampling.BILINEAR, fillcolor=235))
    finally:
        document.close()
        if remove:
            text_pdf.unlink()
    when = time.struct_time((*FIXED_DATE, 0, 335, 0))
    pages[0].save(path, "PDF", save_all=True, append_images=pages[1:], resolution=SCAN_DPI,
                  quality=SCAN_JPEG_QUALITY, title=sample.title, author="Văn bản mẫu - bcd-assistant",
                  subject=f"{sample.type} {sample.number} (bản quét)", creationDate=when, modDate=when)
    return path


def render(sample: Sample, out_dir: Path, formats: tuple[str, ...] = FORMATS) -> dict[str, Path]:
    """Write the sample in each format; the scan is named "<file>-ban-quet.pdf" beside "<file>.pdf"."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written: dict[str, Path] = {}
    if "docx" in formats:
        written["docx"] = write_docx(sample, out_dir / f"{sample.file}.docx")
    if "pdf" in formats:
        written["pdf"] = write_pdf(sample, out_dir / f"{sample.file}.pdf")
    if "scan" in formats:
        written["scan"] = write_scan(sample, out_dir / f"{sample.file}-ban-quet.pdf", written.get("pdf"))
    return written


def parse_formats(value: str) -> tuple[str, ...]:
    formats = tuple(f.strip() for f in value.split(",") if f.strip())
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        raise argparse.ArgumentTypeError(f"formats are a comma-separated choice of {', '.join(FORMATS)}")
    return formats


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", type=Path, nargs="?", help="where to write (omit with --ship)")
    parser.add_argument("--formats", type=parse_formats, default=FORMATS, help="docx,pdf,scan (default all)")
    parser.add_argument("--only", nargs="+", help="file names (or their beginnings) to render")
    parser.add_argument("--ship", action="store_true", help=f"write each sample's shipped format into {SHIP_DIR}")
    args = parser.parse_args(argv)
    if args.out_dir is None and not args.ship:
        parser.error("give OUT_DIR or --ship")
    samples = [s for s in load_samples() if not args.only or any(s.file.startswith(o) for o in args.only)]
    for sample in samples:
        if args.ship:
            written = render(sample, SHIP_DIR, (sample.ship,))
        else:
            written = render(sample, args.out_dir, args.formats)
        for path in written.values():
            print(path)


if __name__ == "__main__":
    main()
