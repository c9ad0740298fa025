"""Text of scanned pages (PDF pages without a text layer, image files) through Tesseract's Vietnamese model.

Tesseract's layout output (blocks, paragraphs, lines with their word boxes) rebuilds the paragraphs the rest
of ingest expects, one per line: lines that wrapped are joined, while headings, list items and the short
centred lines of the official header keep their own lines, because the header and structure parsers read
lines; side-by-side columns (the header's issuing body beside the national motto, the "Nơi nhận" list beside
the signature) are read left column first, as the text layer of the same document reads. Page numbers and the
running header/footer repeated on most pages are dropped; the text is put in the one Vietnamese form
(`bcd.vietnamese.normalize`). Ruled tables are found from their rules (`ingest.ocr_tables`: the page is then
straightened, read around its tables, and the cells cut out and read in one strip) and give one line per row
with its column names, at the table's place, as the text layer's tables do; a page without a ruled table is
read as it is.
"""

from __future__ import annotations

import math
import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache, partial
from pathlib import Path

from PIL import Image
from tqdm import tqdm

from bcd import vietnamese as vn
from bcd.settings import Settings
from ingest import ocr_tables

INSTALL_HINT = "apt-get install tesseract-ocr tesseract-ocr-vie"
# LSTM engine, automatic page segmentation (psm 3 keeps the header's two columns apart; psm 6 would merge
# them line by line). Measured by `python -m eval.bench.ocr_bench`.
TESSERACT_CONFIG = "--oem 1 --psm 3"
PAGE_TIMEOUT_S = 180  # one page that takes longer is reported and skipped, not waited on forever
# Tesseract's OpenMP threads fight each other on a small shared machine: one thread per page was faster on
# 2 cores (see eval/bench/out/ocr.json). A value the user set is kept.
THREADS = "1"


@dataclass
class OcrPage:
    number: int  # 1-based, in the file
    text: str  # cleaned, one paragraph per line
    confidence: float  # mean word confidence 0-100; nan when the page has no words
    error: str = ""  # why Tesseract could not read the page (the text is then empty)


@lru_cache(maxsize=8)
def unavailable_reason(cmd: str = "tesseract", lang: str = "vie") -> str | None:
    """Why OCR cannot run with this binary and language (None when it can); asked once per pair."""
    binary = shutil.which(cmd)
    if binary is None:
        return f"Tesseract not found ('{cmd}'); install it: {INSTALL_HINT}"
    try:
        listed = subprocess.run([binary, "--list-langs"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError) as exc:
        return f"Tesseract ('{binary}') does not run ({exc}); reinstall it: {INSTALL_HINT}"
    languages = {line.strip() for line in (listed.stdout + listed.stderr).splitlines()[1:]}
    missing = [part for part in lang.split("+") if part not in languages]
    if missing:
        return (f"Tesseract has no language data for {'+'.join(missing)}; install it: "
                f"apt-get install {' '.join('tesseract-ocr-' + m.lower() for m in missing)}")
    return None


def available(settings: Settings) -> bool:
    """Whether the configured Tesseract binary and language data exist (cached)."""
    return unavailable_reason(settings.tesseract_cmd, settings.ocr_lang) is None


# --- reading pages -------------------------------------------------------------------------------------


def ocr_pdf_pages(path: Path, indices: list[int], settings: Settings) -> list[OcrPage]:
    """OCR the given 0-based pages of a PDF, rendered at settings.ocr_dpi."""
    import pypdfium2 as pdfium

    def images() -> Iterator[tuple[int, Image.Image, int]]:
        pdf = pdfium.PdfDocument(str(path))
        try:
            for index in indices:
                page = pdf[index]
                try:
                    bitmap = page.render(scale=settings.ocr_dpi / 72, grayscale=True)
                    yield index + 1, bitmap.to_pil(), settings.ocr_dpi
                finally:
                    page.close()
        finally:
            pdf.close()

    return ocr_images(path, images(), len(indices), settings)


def ocr_image_file(path: Path, settings: Settings) -> list[OcrPage]:
    """OCR an image file, every frame of a multi-page TIFF."""
    from PIL import ImageSequence

    with Image.open(path) as image:
        frames = getattr(image, "n_frames", 1)

        def images() -> Iterator[tuple[int, Image.Image, int]]:
            for number, frame in enumerate(ImageSequence.Iterator(image), start=1):
                dpi = frame.info.get("dpi", (0, 0))[0]
                yield number, frame.convert("L"), int(round(dpi)) if dpi and dpi >= 72 else settings.ocr_dpi

        return ocr_images(path, images(), frames, settings)


def ocr_images(path: Path, images: Iterable[tuple[int, Image.Image, int]], count: int,
               settings: Settings) -> list[OcrPage]:
    """OCR (page number, image, dpi) in turn with a per-page progress bar, then clean across the pages.
    A page Tesseract fails on comes back empty with its error, so the other pages are kept."""
    import pytesseract

    pytesseract.pytesseract.tesseract_cmd = settings.tesseract_cmd
    # the tesseract process's environment only (pytesseract passes this module global to Popen): the limit
    # set in os.environ would also cap torch's OpenMP threads in this process
    pytesseract.pytesseract.environ = {**os.environ,
                                       "OMP_THREAD_LIMIT": os.environ.get("OMP_THREAD_LIMIT", THREADS)}
    read: list[tuple[int, list[str], float]] = []
    failed: list[OcrPage] = []
    names: list[str] = []  # the column names of a table that ends the previous page, for its continuation
    bar = tqdm(total=count, desc=f"OCR {path.name}", unit="page", leave=False,
               disable=not sys.stderr.isatty())  # as ingest's own bar: no bar in a log file
    try:
        for number, image, dpi in images:
            image, tables = ocr_tables.find_tables(image, dpi)  # straightened, rules painted over, if any
            try:
                data = pytesseract.image_to_data(
                    ocr_tables.without_tables(image, tables) if tables else image,
                    lang=settings.ocr_lang, config=f"{TESSERACT_CONFIG} --dpi {dpi}",
                    output_type=pytesseract.Output.DICT, timeout=PAGE_TIMEOUT_S)
            except (RuntimeError, pytesseract.TesseractError) as exc:  # RuntimeError: the timeout
                failed.append(OcrPage(number, "", math.nan, error=str(exc).strip() or type(exc).__name__))
                continue
            finally:
                bar.update()
            lines, confidence = layout_lines(data)
            if tables:
                text, names = page_with_tables(data, tables, names, image,
                                               partial(_read_cells, lang=settings.ocr_lang, dpi=dpi))
            else:
                text, names = paragraphs(lines), []
            read.append((number, text, confidence))
    finally:
        bar.close()
    cleaned = clean_pages([lines for _, lines, _ in read])
    pages = [OcrPage(number, "\n".join(lines), confidence)
             for (number, _, confidence), lines in zip(read, cleaned)]
    return sorted(pages + failed, key=lambda page: page.number)


def _read_cells(strip: Image.Image, lang: str, dpi: int) -> dict[str, list]:  # type: ignore[type-arg]
    """A strip of cut-out table cells, each a line or a few (one uniform block); nothing when it fails (the
    cells stay empty, the page is kept)."""
    import pytesseract

    try:
        return pytesseract.image_to_data(  # type: ignore[no-any-return]
            strip, lang=lang, config=f"--oem 1 --psm 6 --dpi {dpi}", output_type=pytesseract.Output.DICT,
            timeout=PAGE_TIMEOUT_S)
    except (RuntimeError, pytesseract.TesseractError):
        return {"text": []}


def page_warnings(path: Path, pages: list[OcrPage], threshold: float) -> list[str]:
    """One warning per page that could not be read or whose text is unreliable (low mean confidence)."""
    warnings = []
    for page in pages:
        if page.error:
            warnings.append(f"{path}: page {page.number}: OCR failed ({page.error[:300]})")
        elif page.confidence < threshold:  # nan (no words at all) compares false: a blank page is no warning
            warnings.append(f"{path}: page {page.number}: OCR confidence {page.confidence:.0f}% is below "
                            f"{threshold:.0f}% — the scan may be too poor for reliable text")
    return warnings


# --- layout → paragraphs -------------------------------------------------------------------------------


@dataclass
class OcrLine:
    """One line as Tesseract's layout gives it: its block and paragraph numbers and its box's x extent."""

    block: int
    par: int
    text: str
    left: int
    right: int
    first_word: int  # width of its first word: had it fitted at the end of the line above, it would be there
    column: int = 0  # 1 or 2 in a run of side-by-side columns (the official header, the signature block)


COLUMN_GAP = 1.5  # a gap between two words wider than this many word heights separates two columns
# Rules and specks (the line under the header's motto, a stamp's edge) come back as tiny "words": "`", "_",
# "—K#..". A word lower than this share of the page's median word height goes, unless it is punctuation.
SPECK_HEIGHT = 0.35


def layout_lines(data: dict[str, list]) -> tuple[list[OcrLine], float]:  # type: ignore[type-arg]
    """Words grouped into Tesseract's lines (reading order kept, specks dropped), side-by-side columns read
    one after the other, and the mean word confidence."""
    found = [i for i, word in enumerate(data["text"]) if word.strip()]
    heights = sorted(data["height"][i] for i in found)
    median = heights[len(heights) // 2] if heights else 0
    words: dict[tuple[int, int, int], list[tuple[int, int, int, str]]] = {}
    confidences = []
    for i in found:
        word, height, confidence = data["text"][i].strip(), data["height"][i], float(data["conf"][i])
        if height < SPECK_HEIGHT * median and not _PUNCTUATION.fullmatch(word) or (
                confidence < 50 and not any(c.isalnum() for c in word)):
            continue
        if confidence >= 0:
            confidences.append(confidence)
        key = (data["block_num"][i], data["par_num"][i], data["line_num"][i])
        left = data["left"][i]
        words.setdefault(key, []).append((left, left + data["width"][i], height, word))
    rows = [_segments(key, line) for key, line in words.items()]
    mean = sum(confidences) / len(confidences) if confidences else math.nan
    return _unfold_columns(rows), mean


_PUNCTUATION = re.compile(r"[-–—+•.,;:]+")


def _segments(key: tuple[int, int, int], words: list[tuple[int, int, int, str]]) -> list[OcrLine]:
    """One Tesseract line cut where a gap between words is as wide as a column gap (Tesseract reads the
    header's two columns, "ỦY BAN NHÂN DÂN   CỘNG HÒA XÃ HỘI...", as one line)."""
    gap = COLUMN_GAP * sorted(height for *_, height, _ in words)[len(words) // 2]
    segments: list[OcrLine] = []
    previous_right = None
    for left, right, _, word in words:
        if previous_right is None or left - previous_right > gap:
            segments.append(OcrLine(key[0], key[1], word, left, right, right - left))
        else:
            segment = segments[-1]
            segment.text += " " + word
            segment.left, segment.right = min(segment.left, left), max(segment.right, right)
        previous_right = right
    return segments


def _unfold_columns(rows: list[list[OcrLine]]) -> list[OcrLine]:
    """A run of rows cut in two, with the one-sided rows among and after them (a list that goes on under one
    column only), is read as its left column and then its right column, the order of the text layer."""
    result: list[OcrLine] = []
    i = 0
    while i < len(rows):
        if len(rows[i]) != 2:
            result.append(_whole(rows[i]))
            i += 1
            continue
        left_ends, right_starts = rows[i][0].right, rows[i][1].left
        columns: tuple[list[OcrLine], list[OcrLine]] = ([], [])
        while i < len(rows):
            row = rows[i]
            if len(row) == 2:
                left_ends, right_starts = max(left_ends, row[0].right), min(right_starts, row[1].left)
                columns[0].append(row[0])
                columns[1].append(row[1])
            elif len(row) == 1 and (row[0].right < right_starts or row[0].left > left_ends):
                columns[row[0].right >= right_starts].append(row[0])
            else:
                break
            i += 1
        for number, column in enumerate(columns, start=1):
            for line in column:
                line.column = number
            result += column
    return result


def _whole(segments: list[OcrLine]) -> OcrLine:
    line = segments[0]
    for segment in segments[1:]:
        line.text += " " + segment.text
        line.right = segment.right
    return line


def page_with_tables(data: dict[str, list], tables: list[ocr_tables.Table],  # type: ignore[type-arg]
                     names: list[str], image: Image.Image | None = None,
                     read: Callable[[Image.Image], dict[str, list]] | None = None  # type: ignore[type-arg]
                     ) -> tuple[list[str], list[str]]:
    """A page's lines with its ruled tables read cell by cell, each table's lines where the table stands: a
    word inside a table goes to its cell (never to the text), the words around the tables are read as on any
    page, the text above, between and below the tables in turn. `names`: the column names of a table that
    ended the previous page, for a table opening this one without a header of its own; returns the page's
    lines and the names to hand the next page."""
    found = [i for i, word in enumerate(data["text"]) if word.strip()]
    heights = sorted(data["height"][i] for i in found)
    median = heights[len(heights) // 2] if heights else 0
    parts: list[list[int]] = [[] for _ in range(len(tables) + 1)]  # word indices above each table, then below
    for i in found:
        left, top, width, height = (data[key][i] for key in ("left", "top", "width", "height"))
        cx, cy = left + width / 2, top + height / 2
        table = next((t for t in tables if t.contains(cx, cy)), None)
        if table is None:
            parts[sum((t.box[1] + t.box[3]) / 2 < cy for t in tables)].append(i)
            continue
        word = data["text"][i].strip()
        if height < SPECK_HEIGHT * median and not _PUNCTUATION.fullmatch(word) or (
                float(data["conf"][i]) < 50 and not any(c.isalnum() for c in word)):
            continue  # a speck, or what is left of a rule
        table.add_word(left, top, width, height, word)
    if image is not None and read is not None:
        ocr_tables.read_cells(image, tables, read)  # the cells the page's pass left empty (all, when blanked)
    texts = [paragraphs(layout_lines({key: [values[i] for i in part] for key, values in data.items()})[0])
             for part in parts]
    lines = list(texts[0])
    opening = not any(line and not _PAGE_NUMBER.match(line) for line in texts[0])
    for n, table in enumerate(tables):
        continued = names if n == 0 and opening else []
        lines += table.lines(continued)
        names = table.column_names() or continued
        lines += texts[n + 1]
    if any(line and not _PAGE_NUMBER.match(line) for line in texts[-1]):
        names = []  # the page does not end in a table: a table on the next page is a new one
    return lines, names


# A line that starts its own paragraph: "I.", "II.", "1.", "1.2.", "2)", "a)", "đ)", "-", "+", "•",
# "Điều 3.", "Chương II", "Mục 1", "Phần I", "Khoản 2", and the header's "Số:", "Kính gửi:", "Nơi nhận:".
_ITEM = re.compile(
    r"^(?:[IVXLC]+\.\s|\d{1,3}(?:\.\d{1,3})*\.\s|\d{1,3}\)\s|[a-zđ]\)\s|[-–—+•*]\s"
    r"|(?:Điều|Chương|Mục|Phần|Khoản)\s+(?:thứ\s+)?[\dIVXLC]+\b|PHẦN\s|CHƯƠNG\s"
    r"|Số\s*:|Số\s+\d|(?:Kính gửi|Nơi nhận|Căn cứ)\b)")
SPACE_SHARE = 0.02  # room for the space before a word, as a share of the block's width


def _is_upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def paragraphs(lines: list[OcrLine]) -> list[str]:
    """Join the lines of one paragraph: a line is continued by the next one when the next one's first word
    would not have fitted at its end (it wrapped there; ragged or justified), both sit in the same Tesseract
    paragraph, the next one starts no list item or heading, and neither is an upper-case line (the header,
    titles; an upper-case line goes on a sentence left open with a lower-case word or a comma). A word broken
    by a hyphen at the line end is rejoined."""
    edges: dict[tuple[int, int], tuple[int, int]] = {}
    for line in lines:
        left, right = edges.get((line.block, line.column), (line.left, line.right))
        edges[line.block, line.column] = (min(left, line.left), max(right, line.right))
    result: list[str] = []
    previous: OcrLine | None = None
    for line in lines:
        text = " ".join(line.text.split())
        if previous is not None and _continues(previous, line, text, edges[line.block, line.column]):
            last = result[-1]
            if re.search(r"\w-$", last) and text[:1].isalpha():
                result[-1] = last[:-1] + text if text[:1].islower() else last + text
            else:
                result[-1] = f"{last} {text}"
        else:
            result.append(text)
        previous = line
    return result


def _continues(previous: OcrLine, line: OcrLine, text: str, edge: tuple[int, int]) -> bool:
    left, right = edge
    return (previous.block == line.block and previous.par == line.par and previous.column == line.column
            and right - previous.right < line.first_word + SPACE_SHARE * (right - left)
            and not _ITEM.match(text) and not _is_upper(previous.text)
            and not (_is_upper(text) and not _open_sentence(previous.text)))


def _open_sentence(text: str) -> bool:
    return text[-1:].islower() or text.endswith(",")


# --- cleaning across pages -----------------------------------------------------------------------------

# "2", "- 2 -", "Trang 2/5", "2/5", and a page number between dashes that Tesseract misread ("_2-", "_ TH _")
_PAGE_NUMBER = re.compile(
    r"^[-–—_~.'\s]*\d{1,4}[-–—_~.'\s]*$|^[-–—_~]\s*\S{1,3}\s*[-–—_~]$"
    r"|^(?:trang|page)\s*\d{1,4}(?:\s*(?:/|trên|of)\s*\d{1,4})?$|^\d{1,4}\s*/\s*\d{1,4}$", re.IGNORECASE)
EDGE_LINES = 2  # page numbers and running headers/footers are looked for among a page's first and last lines
RUNNING_SHARE = 0.6  # a line at the same edge of at least this share of the pages (and two) is running text
RUNNING_MAX_CHARS = 100  # longer lines are text, however alike (an item repeated with other numbers)


def clean_pages(pages: list[list[str]]) -> list[list[str]]:
    """Normalise every line (NFC, one tone placement, single spaces) and drop page-number lines and the
    running header/footer (a short line at the same edge of most pages, its digits aside) from each page."""
    pages = [[" ".join(vn.normalize(line).split()) for line in lines] for lines in pages]
    pages = [[line for i, line in enumerate(lines)
              if line and not (_edges(i, len(lines)) and _PAGE_NUMBER.match(line))] for lines in pages]
    seen = Counter(key for lines in pages for key in {k for i, line in enumerate(lines)
                                                      for k in _running_keys(line, i, len(lines))})
    needed = max(2, math.ceil(RUNNING_SHARE * len(pages)))
    running = {key for key, count in seen.items() if count >= needed}
    return [[line for i, line in enumerate(lines)
             if not running.intersection(_running_keys(line, i, len(lines)))] for lines in pages]


def _edges(index: int, count: int) -> list[str]:
    """Which edges of its page a line is near: "top", "bottom", both (a short page) or none."""
    return ["top"] * (index < EDGE_LINES) + ["bottom"] * (index >= count - EDGE_LINES)


def _running_keys(line: str, index: int, count: int) -> list[tuple[str, str]]:
    """(edge, the line with its digits blanked, so "Trang 2" and "Trang 3" of one footer match)."""
    if len(line) > RUNNING_MAX_CHARS:
        return []
    key = re.sub(r"\d+", "#", vn.fold(line).casefold())
    return [(edge, key) for edge in _edges(index, count)]
