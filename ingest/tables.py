"""Turn a table into lines a reader (and the retriever) can use on their own: one line per data row that
carries its column headers, so a question about one task finds and cites that task's row.

Both loaders (python-docx, pdfplumber) resolve a table into `Cell`s with their spans; everything about what
the grid means is decided here, once, for both formats:

- a *data table* (ruled, with a header row) gives one line per row, "3. Nhiệm vụ: ...; Cơ quan chủ trì: ...":
  the header is the first row, or the first two when the first has merged cells ("Thời hạn - Bắt đầu"); the
  TT/STT value becomes the line's number; a row that is one merged value across the table ("I | Nhóm nhiệm
  vụ về thể chế") is a group heading line; a vertically merged cell gives its value to every row it spans;
  empty cells are skipped; a cell's own line breaks become spaces.
- a *layout table* (no borders, unless it has three columns or more under a header row; or one or two
  ruled columns without column names holding the official header or the signature block) is plain text:
  row by row, the left cell's lines, then the right cell's.
- any other table without a recognisable header keeps each row's cells side by side, "a | b".
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Cell:
    """One (possibly merged) cell: its top-left grid position, its spans and its text (line breaks kept)."""

    row: int
    col: int
    text: str
    rowspan: int = 1
    colspan: int = 1


_TT_HEADER = re.compile(r"^(?:s[ốo]\s*|s\.?\s*)?t\.?\s*t\.?$|^s[ốo] thứ tự$", re.IGNORECASE)
# A column-number row under the header: "1 | 2 | 3" or "(1) | (2) | (3)".
_COLUMN_NUMBER = re.compile(r"^\(?\d{1,2}\)?$")
_NUMBER_ONLY = re.compile(r"^[\d.,%/\s-]+$")
_GROUP_LABEL = re.compile(r"^(?:[IVXLC]+|[A-ZĐ])\.?$")
# Text of the official header and signature block, never a column name.
_OFFICIAL_BLOCK = re.compile(
    r"^(?:số\s*:|nơi nhận|kính gửi|kt\.|tm\.|t/m|q\.|tl\.|cộng hòa|cộng hoà|độc lập|đảng cộng sản|"
    r"ủy ban|uỷ ban|ubnd|"
    r"chủ tịch|bí thư|(?:tỉnh|huyện|thành|đảng) ủy|(?:tỉnh|huyện|thành|đảng) uỷ|ban chấp hành|ban thường vụ)|"
    r"ngày .* tháng",
    re.IGNORECASE)


def table_lines(cells: list[Cell], ruled: bool = True, names: list[str] | None = None) -> list[str]:
    """The table's lines in reading order (see the module docstring for which kind of table gives what).
    `names`: the column names of the table this one continues (a table broken across PDF pages whose header
    row is not repeated), used when this part has no header of its own and as many columns."""
    titles, cells = _titles(cells)
    grid = _grid(cells)
    return titles + (_lines(grid, cells, ruled, names) if grid else [])


def _titles(cells: list[Cell]) -> tuple[list[str], list[Cell]]:
    """Title rows across the whole table ("BẢNG PHÂN CÔNG NHIỆM VỤ") above its header, and the rest."""
    titles: list[str] = []
    grid = _grid(cells)
    while len(grid) > 2 and len(grid[0]) > 1 and len(first := _distinct(grid[0])) == 1 \
            and first[0].rowspan == 1:
        if text := _flat(first[0].text):
            titles.append(text)
        cells = [Cell(c.row - 1, c.col, c.text, c.rowspan, c.colspan) for c in cells if c.row > 0]
        grid = _grid(cells)
    return titles, cells


def _lines(grid: list[list[Cell | None]], cells: list[Cell], ruled: bool,
           names: list[str] | None) -> list[str]:
    header_rows = _header_rows(grid)
    if not header_rows and names and len(names) == len(grid[0]) and ruled:
        return _data_lines(grid, 0, names)
    data_without_borders = len(grid[0]) >= 3 and header_rows > 0  # "TT | Nhiệm vụ | ..." is data anyway
    if (not ruled and not data_without_borders) or (
            len(grid[0]) <= 2 and not header_rows and _official_block(cells)):
        return _layout_lines(cells)
    if not header_rows:
        return [" | ".join(texts) for row in range(len(grid)) if (texts := _row_texts(grid, row))]
    return _data_lines(grid, header_rows, _column_names(grid, header_rows))


def column_names(cells: list[Cell]) -> list[str]:
    """The table's column names ([] when it has no header row), for a continuation on the next page."""
    grid = _grid(_titles(cells)[1])
    header_rows = _header_rows(grid) if grid else 0
    return _column_names(grid, header_rows) if header_rows else []


def _data_lines(grid: list[list[Cell | None]], header_rows: int, names: list[str]) -> list[str]:
    lines: list[str] = []
    for row in range(header_rows, len(grid)):
        if row == header_rows > 0 and all(_COLUMN_NUMBER.match(_flat(c.text)) for c in _distinct(grid[row])):
            continue
        heading = _group_heading(grid, row)
        if heading is not None:
            lines.append(heading)
            continue
        line = _data_line(grid, row, names)
        if line:
            lines.append(line)
    return lines


def _grid(cells: list[Cell]) -> list[list[Cell | None]]:
    """Every grid position holds the cell covering it, so merged cells repeat where they span."""
    if not cells:
        return []
    rows = max(c.row + c.rowspan for c in cells)
    cols = max(c.col + c.colspan for c in cells)
    grid: list[list[Cell | None]] = [[None] * cols for _ in range(rows)]
    for cell in cells:
        for r in range(cell.row, cell.row + cell.rowspan):
            for c in range(cell.col, cell.col + cell.colspan):
                grid[r][c] = cell
    return grid


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _distinct(row: list[Cell | None]) -> list[Cell]:
    """The row's cells, a horizontally merged one counted once."""
    seen: list[Cell] = []
    for cell in row:
        if cell is not None and (not seen or seen[-1] is not cell):
            seen.append(cell)
    return seen


def _row_texts(grid: list[list[Cell | None]], row: int) -> list[str]:
    return [text for cell in _distinct(grid[row]) if (text := _flat(cell.text))]


def _looks_like_column_name(text: str) -> bool:
    """A label: one short line, not a number ("84,2%", "4.607" are values) nor a piece of the header."""
    text = _flat(text)  # a narrow column wraps its name: "Thời hạn\nhoàn thành"
    return (bool(text) and len(text) <= 80 and not _NUMBER_ONLY.match(text)
            and not _OFFICIAL_BLOCK.search(text))


def _header_rows(grid: list[list[Cell | None]]) -> int:
    """How many rows the header takes: 0 (none recognised), 1, or 2 when the first row has merged cells
    ("Thời hạn" over "Bắt đầu | Kết thúc", or "TT" spanning two rows)."""
    if len(grid) < 2:
        return 0
    first = _distinct(grid[0])
    named = [c for c in first if _flat(c.text)]  # a corner cell may be left empty
    if len(named) < 2 or 2 * len(named) < len(first) \
            or not all(_looks_like_column_name(c.text) for c in named):
        return 0
    cols = len(grid[0])
    merged = any(c.rowspan > 1 or 1 < c.colspan < cols for c in first)
    if merged and len(grid) > 2 and all(_looks_like_column_name(c.text) for c in _distinct(grid[1])):
        return 2
    return 1


def _column_names(grid: list[list[Cell | None]], header_rows: int) -> list[str]:
    names = []
    for col in range(len(grid[0])):
        parts: list[str] = []
        for row in range(header_rows):
            cell = grid[row][col]
            text = _flat(cell.text) if cell is not None else ""
            if text and (not parts or parts[-1] != text):
                parts.append(text)
        names.append(" - ".join(parts))
    return names


def _group_heading(grid: list[list[Cell | None]], row: int) -> str | None:
    """A row that is one value across the table (with or without its TT label) is a heading, not data."""
    cols = len(grid[row])
    if cols < 3:
        return None
    cells = _distinct(grid[row])
    if any(c.row != row for c in cells):  # a value continued from the row above: this row is data
        return None
    filled = [c for c in cells if _flat(c.text)]
    if not filled or len(filled) > 2:
        return None
    body = filled[-1]
    label = _flat(filled[0].text) if len(filled) == 2 else ""
    rest = cols - (filled[0].colspan if label else 0)
    spans_rest = body.col + body.colspan == cols and body.colspan >= rest
    if not (spans_rest and body.colspan > 1) and not (label and _GROUP_LABEL.match(label)):
        return None
    text = _flat(body.text)
    return f"{label.rstrip('.')}. {text}" if label else text


def _data_line(grid: list[list[Cell | None]], row: int, names: list[str]) -> str:
    number = ""
    fields: list[str] = []
    for cell in _distinct(grid[row]):
        text = _flat(cell.text)
        if not text:
            continue
        name = names[cell.col]
        if _TT_HEADER.match(name) or (cell.col == 0 and not name):  # the TT column, named or not
            number = text.rstrip(".")
            continue
        fields.append(f"{name}: {text}" if name else text)
    if not fields:
        return ""  # a numbered row left empty
    return (f"{number}. " if number else "") + "; ".join(fields)


def _official_block(cells: list[Cell]) -> bool:
    """Whether a ruled one- or two-column table without column names holds the header or the signature
    block (cells of several lines, "Số:", "Nơi nhận", "KT. CHỦ TỊCH", a date) rather than pairs of values."""
    return any("\n" in c.text.strip() or _OFFICIAL_BLOCK.search(_flat(c.text)) for c in cells)


def _layout_lines(cells: list[Cell]) -> list[str]:
    """Row by row, the left cell's own lines, then the right cell's, as they are."""
    lines: list[str] = []
    for cell in sorted(cells, key=lambda c: (c.row, c.col)):
        lines.extend(line for raw in cell.text.splitlines() if (line := _flat(raw)))
    return lines
