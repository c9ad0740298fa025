"""Read a file into plain text, one paragraph per line, whatever its format.

Each loader leans on a well-kept parser (pypdf, python-docx, BeautifulSoup, markdown-it). A file that
cannot be read raises `LoadError` naming the file, so a folder ingest reports it and carries on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from charset_normalizer import from_bytes

from bcd.settings import Settings, get_settings

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff")  # read by OCR (ingest/ocr.py)
SUPPORTED_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".pdf", ".docx") + IMAGE_SUFFIXES


class LoadError(Exception):
    """A file that cannot be turned into text; the message names the file and the reason."""


@dataclass
class LoadedDocument:
    path: Path
    text: str
    title: str | None = None
    url: str | None = None
    warnings: list[str] = field(default_factory=list)


def load(path: Path, settings: Settings | None = None) -> LoadedDocument:
    """Load one file; raises `LoadError` for unsupported, binary, broken or empty files. `settings` (default:
    `get_settings()`) holds the OCR options for scanned PDF pages and images."""
    suffix = path.suffix.lower()
    loader = _LOADERS.get(suffix) or _SCAN_LOADERS.get(suffix)
    if loader is None:
        raise LoadError(
            f"{path}: unsupported file type '{suffix or '(none)'}' (supported: {', '.join(SUPPORTED_SUFFIXES)})"
        )
    if not path.is_file():
        raise LoadError(f"{path}: not a file")
    if path.stat().st_size == 0:
        raise LoadError(f"{path}: empty file")
    try:
        if suffix in _SCAN_LOADERS:
            document = _SCAN_LOADERS[suffix](path, settings or get_settings())
        else:
            document = _LOADERS[suffix](path)
    except LoadError:
        raise
    except Exception as exc:  # a parser's own exception types vary; the user needs the file name
        raise LoadError(f"{path}: cannot be read as {suffix} ({type(exc).__name__}: {exc})") from exc
    if not document.text.strip() and not document.warnings:
        raise LoadError(f"{path}: no text found")
    return document


def decode_text(data: bytes, path: Path) -> str:
    """UTF-8 first (with or without BOM), else the encoding charset-normalizer finds (e.g. cp1258)."""
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = _utf16_without_bom(data)
        if text is None:
            raise LoadError(f"{path}: looks like a binary file, not text")
        return text
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is None:
        raise LoadError(f"{path}: text encoding not recognised")
    return str(best)


def _utf16_without_bom(data: bytes) -> str | None:
    """Text saved as UTF-16 by an editor that writes no byte-order mark: its NUL bytes (the high byte of every
    ASCII letter, space and digit) fall on one parity only, which a binary file's do not; it is text only when
    it decodes cleanly to printable characters."""
    head = data[:8192]
    if len(data) % 2:
        return None
    for encoding, zeros in (("utf-16-le", head[1::2]), ("utf-16-be", head[0::2])):
        other = head[0::2] if encoding == "utf-16-le" else head[1::2]
        if zeros.count(0) < len(zeros) // 4 or other.count(0):
            continue
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            return None
        printable = sum(ch.isprintable() or ch in "\r\n\t" for ch in text)
        return text.lstrip("\ufeff") if printable >= 0.98 * len(text) else None
    return None


def _load_txt(path: Path) -> LoadedDocument:
    return LoadedDocument(path, decode_text(path.read_bytes(), path))


def _load_html_text(path: Path, html: str) -> LoadedDocument:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    url = None
    canonical = soup.find("link", rel="canonical") or soup.find("meta", property="og:url")
    if canonical is not None:
        url = canonical.get("href") or canonical.get("content")
    # the page's own headline: og:title, else the first <h1>, else <title> (which often ends in the site's name)
    og_title = soup.find("meta", property="og:title")
    title_tag = soup.find("h1") or soup.find("title")
    title = ((og_title.get("content") if og_title is not None else None)
             or (title_tag.get_text(" ", strip=True) if title_tag else None))
    for tag in soup(["script", "style", "noscript", "nav", "footer", "aside", "header", "form", "iframe"]):
        tag.decompose()
    body = soup.body or soup
    blocks = [block.get_text(" ", strip=True) for block in body.find_all(_BLOCK_TAGS)]
    if not blocks:
        blocks = body.get_text("\n", strip=True).splitlines()
    text = "\n".join(b for b in blocks if b)
    return LoadedDocument(path, text, title=title, url=str(url) if url else None)


_BLOCK_TAGS = ["h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "figcaption", "blockquote", "td", "pre"]


def _load_html(path: Path) -> LoadedDocument:
    return _load_html_text(path, decode_text(path.read_bytes(), path))


def _load_markdown(path: Path) -> LoadedDocument:
    from markdown_it import MarkdownIt

    text = decode_text(path.read_bytes(), path)
    return _load_html_text(path, MarkdownIt("commonmark").render(text))


def _load_pdf(path: Path, settings: Settings) -> LoadedDocument:
    """Each page's text layer as laid out (`ingest.pdf_layout`: ruled tables as rows, two-column blocks one
    column after the other, wrapped lines rejoined); pages without one go to OCR."""
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect
    from pdfplumber.utils.exceptions import PdfminerException

    from ingest.pdf_layout import Carry, join_pages, page_text

    try:
        with pdfplumber.open(path) as pdf:
            carry = Carry()  # a table running on to the next page keeps its column names
            pages = [page_text(page, carry) for page in pdf.pages]
            title = pdf.metadata.get("Title")
    except PdfminerException as exc:
        cause = exc.args[0] if exc.args else exc
        if isinstance(cause, PDFPasswordIncorrect):
            raise LoadError(f"{path}: the PDF is password-protected") from exc
        raise LoadError(f"{path}: broken PDF ({cause})") from exc
    texts, warnings = _ocr_textless_pages(path, pages, settings)
    text = join_pages([t for t in texts if t])
    title = title if isinstance(title, str) and title.strip() else None
    return LoadedDocument(path, text, title=title, warnings=warnings)


MIN_TEXT_LAYER_CHARS = 16  # fewer letters/digits than this: a scanned page (a stamp or a page number at most)


def _ocr_textless_pages(path: Path, pages: list[str], settings: Settings) -> tuple[list[str], list[str]]:
    """The PDF's page texts, each page without a text layer replaced by its OCR (a mixed PDF keeps its text
    pages), and warnings: pages OCR could not read or read poorly, or why OCR did not run."""
    textless = [i for i, page in enumerate(pages) if len(re.findall(r"\w", page)) < MIN_TEXT_LAYER_CHARS]
    if not textless:
        return pages, []
    which = (f"{len(pages)} page(s)" if len(textless) == len(pages)
             else "page(s) " + ", ".join(str(i + 1) for i in textless))
    reason = _ocr_unavailable(settings)
    if reason:
        return pages, [f"{path}: no text layer in {which} — probably a scanned PDF; not read: {reason}"]
    from ingest import ocr

    read = ocr.ocr_pdf_pages(path, textless, settings)
    pages = list(pages)
    for page in read:
        pages[page.number - 1] = page.text
    warnings = ocr.page_warnings(path, read, settings.ocr_min_confidence)
    if not any(page.text for page in read):
        warnings.append(f"{path}: no text layer in {which}, and OCR found no text in them")
    return pages, warnings


def _ocr_unavailable(settings: Settings) -> str | None:
    if not settings.ocr:
        return "OCR is turned off (BCD_OCR=false)"
    from ingest import ocr

    return ocr.unavailable_reason(settings.tesseract_cmd, settings.ocr_lang)


def _load_image(path: Path, settings: Settings) -> LoadedDocument:
    """A scanned page as an image (every page of a multi-page TIFF) through OCR."""
    reason = _ocr_unavailable(settings)
    if reason:
        return LoadedDocument(path, "", warnings=[f"{path}: an image is read by OCR; not read: {reason}"])
    from ingest import ocr

    pages = ocr.ocr_image_file(path, settings)
    return LoadedDocument(path, "\n".join(page.text for page in pages if page.text),
                          warnings=ocr.page_warnings(path, pages, settings.ocr_min_confidence))


MAX_UNZIPPED_BYTES = 200 * 1024 * 1024
MAX_COMPRESSION_RATIO = 200


def _check_zip(path: Path) -> None:
    """Refuse a .docx whose parts would expand to an absurd size (a zip bomb) before parsing it."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
    except zipfile.BadZipFile as exc:
        raise LoadError(f"{path}: not a valid .docx (not a zip archive)") from exc
    unzipped = sum(p.file_size for p in parts)
    packed = max(sum(p.compress_size for p in parts), 1)
    if unzipped > MAX_UNZIPPED_BYTES or unzipped / packed > MAX_COMPRESSION_RATIO:
        raise LoadError(f"{path}: refused, it would expand to {unzipped // (1024 * 1024)} MB "
                        f"(compression ratio {unzipped // packed}:1) — a zip bomb?")


def _load_docx(path: Path) -> LoadedDocument:
    """Paragraphs and tables in the order the body holds them; tables through `ingest.tables`."""
    import docx

    _check_zip(path)
    document = docx.Document(str(path))
    blocks = _docx_blocks(document.element.body, document)
    title = document.core_properties.title or None
    return LoadedDocument(path, "\n".join(b for b in blocks if b.strip()), title=title)


_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


def _docx_blocks(container, parent) -> list[str]:  # type: ignore[no-untyped-def]
    """The lines of a body (or of a content control's content) in order. Unlike python-docx's
    `iter_inner_content`, content controls (w:sdt) are read, not skipped, and so are text boxes a paragraph
    anchors (a header is sometimes laid out in them); Word's fallback copy of a text box is not read twice."""
    from docx.oxml.ns import qn
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    blocks: list[str] = []
    for child in container.iterchildren():
        if child.tag == qn("w:p"):
            blocks.append(Paragraph(child, parent).text)
            for box in child.iter(qn("w:txbxContent")):
                if not any(a.tag == _MC_FALLBACK for a in box.iterancestors()):
                    blocks.extend(_docx_blocks(box, parent))
        elif child.tag == qn("w:tbl"):
            blocks.extend(_docx_table_lines(Table(child, parent)))
        elif child.tag == qn("w:sdt"):
            for content in child.iterchildren(qn("w:sdtContent")):
                blocks.extend(_docx_blocks(content, parent))
    return blocks


def _docx_table_lines(table) -> list[str]:  # type: ignore[no-untyped-def]
    """Read the table's own XML: a gridSpan cell counted once, a vMerge="continue" cell extending the one
    above it (python-docx's `row.cells` repeats merged cells, which would double every merged value)."""
    from ingest.tables import Cell, table_lines

    cells: list[Cell] = []
    above: dict[int, int] = {}  # grid column -> index in `cells` of the cell covering it in the previous row
    for r, tr in enumerate(table._tbl.tr_lst):
        col = tr.grid_before
        current: dict[int, int] = {}
        for tc in tr.tc_lst:
            span = tc.grid_span
            if tc.vMerge == "continue" and col in above:
                index = above[col]
                cell = cells[index]
                cells[index] = Cell(cell.row, cell.col, cell.text, r - cell.row + 1, cell.colspan)
            else:
                index = len(cells)
                cells.append(Cell(r, col, "\n".join(_docx_blocks(tc, table)), 1, span))  # nested tables too
            for c in range(col, col + span):
                current[c] = index
            col += span
        above = current
    return table_lines(cells, ruled=_docx_ruled(table))


def _docx_ruled(table) -> bool:  # type: ignore[no-untyped-def]
    """Whether the table draws grid lines: borders on the table, its style (or a style it is based on) or
    its cells. A table typed without them lays out the official header or the signature block."""
    from docx.oxml.ns import qn

    def drawn(borders) -> bool:  # type: ignore[no-untyped-def]
        return borders is not None and any(
            edge.get(qn("w:val")) not in (None, "nil", "none") for edge in borders)

    tbl_pr = table._tbl.tblPr
    own = tbl_pr.find(qn("w:tblBorders")) if tbl_pr is not None else None
    if own is not None:
        return drawn(own)
    style = table.style
    while style is not None:
        borders = style.element.find(f"{qn('w:tblPr')}/{qn('w:tblBorders')}")
        if borders is not None:
            return drawn(borders)
        style = style.base_style
    return any(drawn(tc_pr.find(qn("w:tcBorders"))) for tc_pr in table._tbl.iter(qn("w:tcPr")))


_LOADERS: dict[str, Callable[[Path], LoadedDocument]] = {
    ".txt": _load_txt,
    ".md": _load_markdown,
    ".markdown": _load_markdown,
    ".html": _load_html,
    ".htm": _load_html,
    ".docx": _load_docx,
}
# Formats that may need OCR: their loaders take the settings that hold its options.
_SCAN_LOADERS: dict[str, Callable[[Path, Settings], LoadedDocument]] = {
    ".pdf": _load_pdf,
    **{suffix: _load_image for suffix in IMAGE_SUFFIXES},
}
