"""A PDF page's text layer read as the page is laid out: ruled tables as rows with their headers, the
two-column blocks of an official document (issuer | national motto, Nơi nhận | signature) one column after
the other, and lines rejoined into paragraphs only where the layout says a line wraps.

pdfplumber gives words with their positions; the rest is geometry:
- a wide horizontal gap near the middle of a line splits it into a left and a right part; consecutive such
  lines (with the one-sided lines around them) form a two-column region, read left column then right, each
  visual line its own line (a header's lines are separate fields, never one sentence);
- a line continues the previous one when that line runs to (near) the right margin of the text block, the new
  line is not indented and does not start a heading or list item ("I.", "1.", "a)", "-", "Điều 2."), or when
  the new line starts in lower case after a line that does not end a sentence (a centred trích yếu wraps so);
- tables found by pdfplumber (ruled) become lines through `ingest.tables`, at their place among the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ingest.tables import Cell, column_names, table_lines

# A line that starts a heading or list item never continues the line above it.
HEADING_START = re.compile(
    r"^(?:[IVXLC]+[.)]\s|\d+(?:\.\d+)*[.)]\s|[a-zđ][.)]\s|[-–—•+]|"
    r"(?:điều|chương|mục|phần|khoản)\s+[\dIVXLC]+\b|(?:phần|chương|mục) thứ\s)",
    re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?:;…]$")
_PAGE_NUMBER = re.compile(r"^(?:[-–]\s*)?(?:trang\s+)?\d{1,4}(?:\s*[-–])?$", re.IGNORECASE)

GAP_EM = 1.5  # a horizontal gap wider than this many font sizes separates two columns (a space is ~0.3)
MARGIN_SHARE = 0.1  # a line ending within this share of the block width from the right margin wraps
SIDE_SHARE = 0.15  # a column split must fall within this share of the block width around its middle


@dataclass
class _Segment:
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    text: str


@dataclass
class _Line:
    top: float
    segments: list[_Segment]
    table: list[str] = field(default_factory=list)  # set for a table, which takes the place of a line

    @property
    def x0(self) -> float:
        return self.segments[0].x0

    @property
    def x1(self) -> float:
        return self.segments[-1].x1

    @property
    def size(self) -> float:
        return max(s.size for s in self.segments)

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.segments)


@dataclass
class Carry:
    """What one page hands the next: the column names of a table that ends the page, for its continuation."""

    names: list[str] = field(default_factory=list)


def page_text(page: Any, carry: Carry | None = None) -> str:
    """The page's text layer (a pdfplumber page), one paragraph or table row per line, in reading order.
    Pass the same `carry` for every page of a document so a table that runs on without repeating its header
    row keeps its column names."""
    carry = carry if carry is not None else Carry()
    tables = page.find_tables()
    boxes = [t.bbox for t in tables]

    def outside_tables(obj: dict[str, Any]) -> bool:
        if obj.get("object_type") != "char":
            return True
        cx, cy = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
        return not any(x0 <= cx <= x1 and top <= cy <= bottom for x0, top, x1, bottom in boxes)

    words = page.filter(outside_tables).extract_words(extra_attrs=["size"]) if boxes else \
        page.extract_words(extra_attrs=["size"])
    lines = _lines(words)
    _drop_page_numbers(lines)
    first_top = min((line.top for line in lines), default=float("inf"))
    items = list(lines)
    tables = sorted(tables, key=lambda t: t.bbox[1])
    for table in tables:
        cells = _cells(table)
        continued = carry.names if table.bbox[1] <= first_top else []  # a table opening the page
        items.append(_Line(table.bbox[1], [], table=table_lines(cells, names=continued)))
        carry.names = column_names(cells) or continued
    if not tables or any(line.top > tables[-1].bbox[3] for line in lines):
        carry.names = []  # the page does not end in a table: a table on the next page is a new one
    items.sort(key=lambda item: item.top)
    return "\n".join(_read(items))


def join_pages(texts: list[str]) -> str:
    """Pages one after the other; a paragraph that runs on to the next page (the new page starts in lower
    case, not with a heading, after a line that does not end a sentence) is rejoined."""
    out: list[str] = []
    for text in texts:
        lines = text.splitlines()
        if out and lines and _continues_lowercase(out[-1], lines[0]):
            out[-1] += " " + lines.pop(0)
        out.extend(lines)
    return "\n".join(out)


def _cells(table: Any) -> list[Cell]:
    """pdfplumber's table as spanned cells: a merged cell's bbox covers several row tops / column lefts."""
    tops = sorted({cell[1] for cell in table.cells})
    lefts = sorted({cell[0] for cell in table.cells})
    texts = table.extract()
    cells = []
    for r, row in enumerate(table.rows):
        for c, bbox in enumerate(row.cells):
            if bbox is None:
                continue
            x0, top, x1, bottom = bbox
            rowspan = sum(1 for t in tops if top - 0.5 <= t < bottom - 0.5)
            colspan = sum(1 for x in lefts if x0 - 0.5 <= x < x1 - 0.5)
            cells.append(Cell(r, c, texts[r][c] or "", max(rowspan, 1), max(colspan, 1)))
    return cells


def _lines(words: list[dict[str, Any]]) -> list[_Line]:
    """Words grouped into visual lines (by their top), each cut into segments at wide gaps."""
    lines: list[list[dict[str, Any]]] = []
    for word in sorted(words, key=lambda w: (w["top"], w["x0"])):
        if lines and abs(word["top"] - lines[-1][0]["top"]) <= 0.5 * word["size"]:
            lines[-1].append(word)
        else:
            lines.append([word])
    result = []
    for group in lines:
        group.sort(key=lambda w: w["x0"])
        segments: list[_Segment] = []
        for w in group:
            last = segments[-1] if segments else None
            if last is not None and w["x0"] - last.x1 <= GAP_EM * max(w["size"], last.size):
                last.x1, last.text = w["x1"], f"{last.text} {w['text']}"
                last.bottom, last.size = max(last.bottom, w["bottom"]), max(last.size, w["size"])
            else:
                segments.append(_Segment(w["x0"], w["x1"], w["top"], w["bottom"], w["size"], w["text"]))
        result.append(_Line(min(s.top for s in segments), segments))
    return result


def _drop_page_numbers(lines: list[_Line]) -> None:
    for index in (-1, 0):
        if lines and len(lines[index].segments) == 1 and _PAGE_NUMBER.match(lines[index].text):
            lines.pop(index)


def _split(line: _Line, left: float, right: float) -> tuple[_Segment, _Segment] | None:
    """The line's left and right column parts, when its widest gap falls near the middle of the block."""
    if line.table or len(line.segments) < 2:
        return None
    gaps = [(line.segments[i + 1].x0 - line.segments[i].x1, i) for i in range(len(line.segments) - 1)]
    _, i = max(gaps)
    middle, slack = (left + right) / 2, SIDE_SHARE * (right - left)
    lhs, rhs = line.segments[: i + 1], line.segments[i + 1:]
    if lhs[-1].x1 > middle + slack or rhs[0].x0 < middle - slack:
        return None
    return _merge(lhs), _merge(rhs)


def _merge(segments: list[_Segment]) -> _Segment:
    return _Segment(segments[0].x0, segments[-1].x1, min(s.top for s in segments),
                    max(s.bottom for s in segments), max(s.size for s in segments),
                    " ".join(s.text for s in segments))


def _read(items: list[_Line]) -> list[str]:
    text_lines = [item for item in items if not item.table]
    if not text_lines:
        return [line for item in items for line in item.table]
    left = min(line.x0 for line in text_lines)
    right = max(line.x1 for line in text_lines)
    regions = _regions(items, left, right)
    out: list[str] = []
    previous: _Line | None = None  # the last physical line of the paragraph being built
    first: _Line | None = None  # and its first
    i = 0
    while i < len(items):
        item = items[i]
        if i in regions:
            end, lefts, rights = regions[i]
            out.extend(lefts + rights)
            previous, i = None, end
            continue
        if item.table:
            out.extend(item.table)
            previous = None
        elif previous is not None and first is not None and _continues(first, previous, item, left, right):
            out[-1] += " " + item.text
            previous = item
        else:
            out.append(item.text)
            previous = first = item
        i += 1
    return out


def _regions(items: list[_Line], left: float, right: float) -> dict[int, tuple[int, list[str], list[str]]]:
    """Two-column regions by their first index: (index after the region, left column lines, right column
    lines). A region grows from a split line up and down through lines that keep to one side of it (a
    signature block set lower on the left starts on the right, and its signer's name sits far below), and
    ends at a line that crosses the gap or is centred on the page (a title, a body line), a table, or a wide
    vertical gap; upwards it also stops at a short line under a full-width one (the tail of a paragraph)."""
    splits = [_split(item, left, right) for item in items]
    middle = (left + right) / 2
    regions: dict[int, tuple[int, list[str], list[str]]] = {}
    i = 0
    while i < len(items):
        split = splits[i]
        if split is None:
            i += 1
            continue
        column = _Columns(split[0].x1, split[1].x0, middle, right - left)
        start = i
        while start > 0 and splits[start - 1] is None \
                and (side := column.side(items[start - 1], items[start])):
            if side < 0 and start >= 2 and splits[start - 2] is None \
                    and not column.side(items[start - 2], items[start - 1]):
                break  # the last line of the paragraph above
            start -= 1
        lefts: list[str] = []
        rights: list[str] = []
        for j in range(start, i):
            (rights if column.side(items[j], items[j + 1]) > 0 else lefts).append(items[j].text)
        end = i
        while end < len(items):
            if (parts := splits[end]) is not None:
                lefts.append(parts[0].text)
                rights.append(parts[1].text)
                column.widen(parts)
            elif side := column.side(items[end], items[end - 1]):
                (rights if side > 0 else lefts).append(items[end].text)
            else:
                break
            end += 1
        regions[start] = (end, _rejoin(lefts), _rejoin(rights))
        i = end
    return regions


@dataclass
class _Columns:
    """A two-column region's geometry: where its left column ends and its right one begins."""

    left_end: float
    gap_start: float
    middle: float
    width: float

    def widen(self, parts: tuple[_Segment, _Segment]) -> None:
        self.left_end, self.gap_start = max(self.left_end, parts[0].x1), min(self.gap_start, parts[1].x0)

    def side(self, item: _Line, anchor: _Line) -> int:
        """-1 left, 1 right, 0 not in the region: a line on one side, close to the region's line next to it
        (a signer's name far below only when well inside the right column); never a table or a line centred
        on the page (the document's title)."""
        if item.table or abs((item.x0 + item.x1) / 2 - self.middle) <= 0.06 * self.width:
            return 0
        distance = abs(item.top - anchor.top)
        close = distance <= 1.8 * max(item.size, anchor.size)
        far_right = item.x0 >= self.gap_start - item.size and distance <= 8 * item.size
        if item.x0 >= self.left_end + 0.5 * item.size and (close or far_right):
            return 1
        if item.x1 <= self.gap_start - 0.5 * item.size and close:
            return -1
        return 0


def _rejoin(column: list[str]) -> list[str]:
    """A column's lines, each its own (a header's lines are separate fields), except a line in lower case that
    continues one not ending a sentence (a recipient wrapped in the narrow Nơi nhận column)."""
    out: list[str] = []
    for line in column:
        if out and _continues_lowercase(out[-1], line):
            out[-1] += " " + line
        else:
            out.append(line)
    return out


def _continues(first: _Line, previous: _Line, line: _Line, left: float, right: float) -> bool:
    """Whether `line` continues the paragraph that began with `first` and so far ends with `previous`."""
    if HEADING_START.match(line.text):
        return False
    if _continues_lowercase(previous.text, line.text):
        return True
    if _SENTENCE_END.search(previous.text) and line.text[0].isupper():
        return False  # a paragraph may end at the margin; splitting at a sentence's end loses nothing
    slack = max(line.size, 0.02 * (right - left))
    middle = (left + right) / 2
    if line.x0 > left + slack and abs((line.x0 + line.x1) / 2 - middle) <= slack:
        # a centred line continues a centred one above (a trích yếu wraps without reaching a margin): mixed
        # case both, close together
        close = line.top - previous.top <= 1.6 * max(line.size, previous.size)
        return (abs((previous.x0 + previous.x1) / 2 - middle) <= slack and not previous.text.isupper()
                and not line.text.isupper() and close)
    wraps = previous.x1 >= right - MARGIN_SHARE * (right - left)
    indented = line.x0 > max(left, previous.x0) + 0.5 * line.size
    hanging = HEADING_START.match(first.text) is not None and line.x0 <= first.x0 + 3 * line.size
    return wraps and (not indented or hanging)


def _continues_lowercase(previous: str, line: str) -> bool:
    """A line in lower case after one that neither ends a sentence nor is a title in capitals."""
    return (bool(line) and line[0].islower() and not HEADING_START.match(line)
            and not _SENTENCE_END.search(previous) and not previous.isupper())

