"""Text of scanned pages (PDF pages without a text layer, image files) through Tesseract's Vietnamese model.

Tesseract's layout output (blocks, paragraphs, lines with their boxes) rebuilds the paragraphs the rest of
ingest expects, one per line: lines that wrap at the right margin are joined, while headings, list items and
short centered lines (the official header) keep their own lines, because the header and structure parsers
read lines. Page numbers and the running header/footer repeated on most pages are dropped; the text is put
in the one Vietnamese form (`bcd.vietnamese.normalize`).
"""

from __future__ import annotations

import math
import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import Image
from tqdm import tqdm

from bcd import vietnamese as vn
from bcd.settings import Settings

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
    bar = tqdm(total=count, desc=f"OCR {path.name}", unit="page", leave=False,
               disable=not sys.stderr.isatty())  # as ingest's own bar: no bar in a log file
    try:
        for number, image, dpi in images:
            try:
                data = pytesseract.image_to_data(
                    image, lang=settings.ocr_lang, config=f"{TESSERACT_CONFIG} --dpi {dpi}",
                    output_type=pytesseract.Output.DICT, timeout=PAGE_TIMEOUT_S)
            except (RuntimeError, pytesseract.TesseractError) as exc:  # RuntimeError: the timeout
                failed.append(OcrPage(number, "", math.nan, error=str(exc).strip() or type(exc).__name__))
                continue
            finally:
                bar.update()
            lines, confidence = _lines(data)
            read.append((number, paragraphs(lines), confidence))
    finally:
        bar.close()
    cleaned = clean_pages([lines for _, lines, _ in read])
    pages = [OcrPage(number, "\n".join(lines), confidence)
             for (number, _, confidence), lines in zip(read, cleaned)]
    return sorted(pages + failed, key=lambda page: page.number)


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


def _lines(data: dict[str, list]) -> tuple[list[OcrLine], float]:  # type: ignore[type-arg]
    """Words grouped into Tesseract's lines (reading order kept), and the mean word confidence."""
    lines: dict[tuple[int, int, int], OcrLine] = {}
    confidences = []
    for i, word in enumerate(data["text"]):
        word = word.strip()
        if not word:
            continue
        confidence = float(data["conf"][i])
        if confidence >= 0:
            confidences.append(confidence)
        key = (data["block_num"][i], data["par_num"][i], data["line_num"][i])
        left, right = data["left"][i], data["left"][i] + data["width"][i]
        line = lines.get(key)
        if line is None:
            lines[key] = OcrLine(key[0], key[1], word, left, right, right - left)
        else:
            line.text += " " + word
            line.left, line.right = min(line.left, left), max(line.right, right)
    mean = sum(confidences) / len(confidences) if confidences else math.nan
    return list(lines.values()), mean


# A line that starts its own paragraph: "I.", "II.", "1.", "1.2.", "2)", "a)", "đ)", "-", "+", "•",
# "Điều 3.", "Chương II", "Mục 1", "Phần I", "Khoản 2", and the header's "Số:", "Kính gửi:", "Nơi nhận:".
_ITEM = re.compile(
    r"^(?:[IVXLC]+\.\s|\d+(?:\.\d+)*\.(?:\s|$)|\d+\)\s|[a-zđ]\)\s|[-–—+•*]\s"
    r"|(?:Điều|Chương|Mục|Phần|Khoản)\s+(?:thứ\s+)?[\dIVXLC]+\b|PHẦN\s|CHƯƠNG\s"
    r"|(?:Số|Kính gửi|Nơi nhận|Căn cứ)\b)")
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
    edges: dict[int, tuple[int, int]] = {}
    for line in lines:
        left, right = edges.get(line.block, (line.left, line.right))
        edges[line.block] = (min(left, line.left), max(right, line.right))
    result: list[str] = []
    previous: OcrLine | None = None
    for line in lines:
        text = " ".join(line.text.split())
        if previous is not None and _continues(previous, line, text, edges[line.block]):
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
    return (previous.block == line.block and previous.par == line.par
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
