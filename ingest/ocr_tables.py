"""Ruled tables in a scanned page: their cell grid found from the ruling lines, Tesseract's words put in the
cells, and the grid handed to `ingest.tables` so a scan's table gives the lines its text PDF gives ("3. Nhiệm
vụ: ...; Cơ quan chủ trì: ...").

Geometry with numpy only, on the page's grayscale image:
- ink is what is much darker than the paper; a *rule* is ink on a run at least `RULE_MIN_IN` long, horizontal
  or vertical (a morphological opening done with running sums); letters have no such runs;
- a scan is tilted: the angle is the one that makes the horizontal rules' pixels fall on the fewest rows (a
  sheared projection), and the page is turned back before the grid is read (only on a page with rules);
- a table is a set of horizontal and vertical rules that touch one another, at least two of each (the rule
  under an official header's motto touches nothing and is no table);
- its rows lie between the distinct heights of its horizontal rules, its columns between the distinct
  positions of its vertical rules; two neighbouring grid positions with no rule between them are one merged
  cell (a group row across the columns, a lead agency over two rows);
- the page around the tables is read with the tables painted over; each cell's ink (its rules painted over)
  is cut out and the cells stacked in one strip that Tesseract reads in one call, so no cell's words run into
  its neighbour's; words go back to their cells, read line by line, left to right.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
from PIL import Image

from ingest.tables import Cell, column_names, table_lines

RULE_MIN_IN = 0.15  # a run of ink this long (inches) is a rule, not a letter's stroke (a capital is ~0.13")
TOUCH_IN = 0.04  # rules this close (inches) touch: a corner, a rule meeting another
GAP_IN = 0.03  # a rule broken by less than this (noise, a faint scan) is one rule
BORDER_SHARE = 0.6  # a rule along this share of the side between two grid positions separates them
MAX_SKEW_DEG = 2.0  # tilts searched for; a scanner's is well under a degree
MIN_SKEW_DEG = 0.05  # a smaller tilt is not worth turning the page for
INK_SHARE = 0.6  # darker than this share of the paper's brightness is ink
# the cut-out cells are read as ink and paper from this share of the paper's brightness down (a bold serif
# "III" at a lighter cut joins into "IH")
STRIP_INK_SHARE = 0.6
MISSING_INK_PX = 40  # a cell with fewer ink pixels than this is empty (dust), not text Tesseract missed


@dataclass
class Rule:
    at: int  # y of a horizontal rule, x of a vertical one (its middle)
    first: int  # its band of rows (columns): a rule is a few pixels thick
    last: int
    start: int  # x0 of a horizontal rule, y0 of a vertical one
    end: int
    horizontal: bool


@dataclass
class Table:
    """A ruled table in the (deskewed) page image: the heights of its row rules, the positions of its column
    rules, and its cells as (row, col, rowspan, colspan) on that grid."""

    ys: list[int]
    xs: list[int]
    spans: list[tuple[int, int, int, int]]
    words: dict[int, list[tuple[int, int, int, int, str]]] = field(default_factory=dict)  # span → boxes+text
    rules: list[Rule] = field(default_factory=list, repr=False)  # in the grid's own pixels

    @property
    def box(self) -> tuple[int, int, int, int]:
        return self.xs[0], self.ys[0], self.xs[-1], self.ys[-1]

    def contains(self, x: float, y: float) -> bool:
        left, top, right, bottom = self.box
        return left <= x <= right and top <= y <= bottom

    def add_word(self, left: int, top: int, width: int, height: int, text: str) -> None:
        """Put a word (Tesseract's box) in the cell holding its centre."""
        cx, cy = left + width / 2, top + height / 2
        row = _index(self.ys, cy)
        col = _index(self.xs, cx)
        for n, (r, c, rowspan, colspan) in enumerate(self.spans):
            if r <= row < r + rowspan and c <= col < c + colspan:
                self.words.setdefault(n, []).append((left, top, width, height, text))
                return

    def cells(self) -> list[Cell]:
        """The grid as `ingest.tables` cells, each holding its words line by line; a group row's label read
        as a look-alike of a Roman numeral ("H" for "II") is that numeral."""
        texts = {n: _cell_text(self.words.get(n, [])) for n in range(len(self.spans))}
        labels = self._group_labels()
        roman = any(texts[n].isalpha() for n in labels)  # the labels are Roman: a "1" among them is "I"
        for n in labels:
            if roman or not texts[n].isdigit():
                texts[n] = _ROMAN_LOOKALIKES.get(texts[n], texts[n])
        texts = {n: _QUARTER.sub(lambda m: m[1] + _ROMAN_LOOKALIKES.get(m[2], m[2]), text)
                 for n, text in texts.items()}
        return [Cell(r, c, texts[n], rowspan, colspan)
                for n, (r, c, rowspan, colspan) in enumerate(self.spans)]

    def _group_labels(self) -> list[int]:
        """The label cells of group rows: the first column's cell beside one cell spanning the rest."""
        cols = len(self.xs) - 1
        starts = {(r, c): n for n, (r, c, _, _) in enumerate(self.spans)}
        return [n for n, (r, c, rowspan, colspan) in enumerate(self.spans)
                if c == 0 and colspan == 1 and rowspan == 1 and cols >= 3 and (r, 1) in starts
                and self.spans[starts[r, 1]][3] == cols - 1 and self.spans[starts[r, 1]][2] == 1]

    def lines(self, names: list[str] | None = None) -> list[str]:
        """The table's lines (one per data row with its column names); `names` as in `table_lines`."""
        return table_lines(self.cells(), names=names)

    def column_names(self) -> list[str]:
        return column_names(self.cells())


# What Tesseract makes of a bold serif Roman numeral alone in a cell.
_ROMAN_LOOKALIKES = {"1": "I", "l": "I", "|": "I", "H": "II", "11": "II", "Il": "II", "lI": "II", "ll": "II",
                     "IH": "III", "HI": "III", "111": "III", "Ill": "III", "lll": "III", "IIl": "III",
                     "lV": "IV", "1V": "IV", "V1": "VI", "Vl": "VI", "IHI": "III", "IU": "II", "UI": "II"}
# A quarter's Roman numeral ("Quý III/2026", a deadline), where the look-alikes are read back too.
_QUARTER = re.compile(r"(\b[Qq]uý\s+)([IlH1|U]{1,3})(?=\s*/|\s*$|\s+năm\b)", re.MULTILINE)


def _index(bounds: list[int], value: float) -> int:
    """Which interval between consecutive bounds holds the value (clamped to the table)."""
    return min(max(int(np.searchsorted(bounds, value, side="right")) - 1, 0), len(bounds) - 2)


def _cell_text(words: list[tuple[int, int, int, int, str]]) -> str:
    """Words grouped into lines by their vertical centre, each line left to right, lines top to bottom."""
    if not words:
        return ""
    height = sorted(w[3] for w in words)[len(words) // 2]
    lines: list[list[tuple[int, int, int, int, str]]] = []
    for word in sorted(words, key=lambda w: w[1] + w[3] / 2):
        centre = word[1] + word[3] / 2
        if lines and abs(centre - sum(w[1] + w[3] / 2 for w in lines[-1]) / len(lines[-1])) < 0.5 * height:
            lines[-1].append(word)
        else:
            lines.append([word])
    return "\n".join(" ".join(w[4] for w in sorted(line)) for line in lines)


def read_cells(image: Image.Image, tables: list[Table],
               read: Callable[[Image.Image], dict[str, list]]) -> int:  # type: ignore[type-arg]
    """Read the tables' cells that hold ink and have no words yet: each cell's ink, cut out, is stacked in one
    strip read in one call (`read`: Tesseract on an image, as `image_to_data`'s dict), each word going back
    to its cell. Alone on its own lines of the strip, a cell's words never run into the next cell's (on the
    page, Tesseract reads "Cơ quan chủ trì" and "Cơ quan phối hợp" side by side as one line and garbles
    them) and a lone "1" in a narrow column is not dropped. Returns how many cells were read."""
    gray = np.asarray(image.convert("L"))
    paper = int(np.median(gray[::8, ::8]))
    pieces: list[tuple[Table, int, np.ndarray, int, int]] = []  # table, span, ink crop, its left and top
    for table in tables:
        for n, (r, c, rowspan, colspan) in enumerate(table.spans):
            if n in table.words:
                continue
            inset = 4
            top, bottom = table.ys[r] + inset, table.ys[r + rowspan] - inset
            left, right = table.xs[c] + inset, table.xs[c + colspan] - inset
            if bottom <= top or right <= left:
                continue
            ink = gray[top:bottom, left:right] < INK_SHARE * paper
            if ink.sum() < MISSING_INK_PX:
                continue
            rows, cols = np.flatnonzero(ink.any(axis=1)), np.flatnonzero(ink.any(axis=0))
            y0, y1, x0, x1 = rows[0], rows[-1] + 1, cols[0], cols[-1] + 1
            pieces.append((table, n, gray[top + y0: top + y1, left + x0: left + x1], left + x0, top + y0))
    if not pieces:
        return 0
    pad = 30
    height = sum(p[2].shape[0] + pad for p in pieces) + pad
    width = max(p[2].shape[1] for p in pieces) + 2 * pad
    strip = np.full((height, width), paper, dtype=np.uint8)
    places: list[tuple[int, int]] = []  # each piece's top and bottom in the strip
    y = pad
    for _, _, crop, _, _ in pieces:
        strip[y: y + crop.shape[0], pad: pad + crop.shape[1]] = crop
        places.append((y, y + crop.shape[0]))
        y += crop.shape[0] + pad
    # black on white: Tesseract misreads a lone digit on the scan's grey ("3" as "&)"), not on ink and paper
    data = read(Image.fromarray(np.where(strip < STRIP_INK_SHARE * paper, 0, 255).astype(np.uint8), "L"))
    for i, word in enumerate(data["text"]):
        if not word.strip() or (float(data["conf"][i]) < 50 and not any(ch.isalnum() for ch in word)):
            continue
        centre = data["top"][i] + data["height"][i] / 2
        k = next((k for k, (top, bottom) in enumerate(places) if top - pad / 2 <= centre <= bottom + pad / 2),
                 None)
        if k is None:
            continue
        table, n, _, left, top = pieces[k]
        x, y = data["left"][i] - pad + left, data["top"][i] - places[k][0] + top  # back on the page
        table.words.setdefault(n, []).append((x, y, data["width"][i], data["height"][i], word.strip()))
    return len(pieces)


# --- finding the tables ---------------------------------------------------------------------------------


def find_tables(image: Image.Image, dpi: int) -> tuple[Image.Image, list[Table]]:
    """The page's ruled tables, top to bottom, and the page image they were found on: turned straight and
    with the tables' rules painted over when there are tables; the image itself, untouched, when there are
    none. (`without_tables` gives the page to read around them, `read_cells` reads them.)
    The rules are looked for at about 150 dpi (a 2x2 block with ink is ink: a hairline survives)."""
    factor = max(dpi // 150, 1)
    gray = np.asarray(image.convert("L"))
    paper = int(np.median(gray[::8, ::8]))
    found = _find(gray, paper, dpi / factor, factor)
    if found is None:
        return image, []
    horizontal, tables = found
    angle = _skew(horizontal)
    if abs(angle) >= MIN_SKEW_DEG:  # straighten, then read the grid again
        turned = image.convert("L").rotate(angle, resample=Image.Resampling.BILINEAR, fillcolor=paper)
        gray = np.asarray(turned)
        found = _find(gray, paper, dpi / factor, factor)
        if found is None:
            return image, []
        horizontal, tables = found
    return Image.fromarray(_erase(gray, paper, tables, factor), "L"), tables


def without_tables(image: Image.Image, tables: list[Table]) -> Image.Image:
    """The page with its tables painted over with paper: what Tesseract reads as the page's text."""
    gray = np.asarray(image.convert("L")).copy()
    paper = int(np.median(gray[::8, ::8]))
    for table in tables:
        left, top, right, bottom = table.box
        gray[max(top - 4, 0): bottom + 5, max(left - 4, 0): right + 5] = paper
    return Image.fromarray(gray, "L")


def _find(gray: np.ndarray, paper: int, dpi: float, factor: int) -> tuple[np.ndarray, list[Table]] | None:
    """Horizontal rule pixels and the tables (in the page's own pixels) of a page at `dpi` / `factor`."""
    ink = gray < INK_SHARE * paper
    if factor > 1:
        height, width = (ink.shape[0] // factor) * factor, (ink.shape[1] // factor) * factor
        ink = ink[:height, :width].reshape(height // factor, factor, width // factor, factor).any(axis=(1, 3))
    length = max(int(RULE_MIN_IN * dpi), 8)
    horizontal = _runs(ink, length, axis=1)
    if horizontal.sum() < 4 * length:  # not even two rules' worth: no table
        return None
    vertical = _runs(ink, length, axis=0)
    touch, gap = max(int(TOUCH_IN * dpi), 3), max(int(GAP_IN * dpi), 2)
    rules = _rules(horizontal, True, gap) + _rules(vertical, False, gap)
    tables = [t for group in _touching(rules, touch) if (t := _table(group, horizontal, vertical, touch))]
    if not tables:
        return None
    for table in tables:
        table.ys = [y * factor + factor // 2 for y in table.ys]
        table.xs = [x * factor + factor // 2 for x in table.xs]
    return horizontal, sorted(tables, key=lambda t: t.box[1])


def _erase(gray: np.ndarray, paper: int, tables: list[Table], factor: int) -> np.ndarray:
    """The page with the tables' rules painted over with paper (a rule's band and a pixel around it, where
    the rule runs: the letters near it are kept)."""
    erased = gray.copy()
    for table in tables:
        for rule in table.rules:
            across = slice(max((rule.first - 1) * factor, 0), (rule.last + 2) * factor)
            along = slice(max((rule.start - 1) * factor, 0), (rule.end + 2) * factor)
            erased[(across, along) if rule.horizontal else (along, across)] = paper
    return erased


def _runs(mask: np.ndarray, length: int, axis: int) -> np.ndarray:
    """The pixels lying on a straight run of at least `length` set pixels along the axis (an opening by a
    line: erode with running sums, then dilate back)."""
    m = np.ascontiguousarray(np.moveaxis(mask, axis, -1)).astype(np.int32)
    n = m.shape[-1]
    if n < length:
        return np.zeros_like(mask)
    sums = np.cumsum(np.pad(m, [(0, 0), (1, 0)]), axis=-1, dtype=np.int32)
    starts = (sums[:, length:] - sums[:, :-length]) == length  # a full run starts here (n - length + 1)
    before = np.cumsum(np.pad(starts.astype(np.int32), [(0, 0), (1, 0)]), axis=-1, dtype=np.int32)
    x = np.arange(n)
    # pixel x is covered when a full run starts somewhere in x - length + 1 .. x
    covered = before[:, np.minimum(x, n - length) + 1] - before[:, np.maximum(x - length + 1, 0)] > 0
    return np.moveaxis(covered, -1, axis)


def _skew(horizontal: np.ndarray) -> float:
    """The page's tilt in degrees (the angle PIL's rotate takes to straighten it): the slope that piles the
    horizontal rules' pixels onto the fewest rows, searched coarse then fine."""
    ys, xs = np.nonzero(horizontal)
    if len(ys) > 200_000:
        keep = np.linspace(0, len(ys) - 1, 200_000).astype(np.int64)
        ys, xs = ys[keep], xs[keep]
    xs = xs.astype(np.float64) - xs.mean()

    def sharpness(degrees: float) -> float:
        rows = np.round(ys - xs * math.tan(math.radians(degrees))).astype(np.int64)
        counts = np.bincount(rows - rows.min())
        return float(np.dot(counts, counts))

    best = max(np.arange(-MAX_SKEW_DEG, MAX_SKEW_DEG + 1e-9, 0.1), key=sharpness)
    best = max(np.arange(best - 0.1, best + 0.1 + 1e-9, 0.01), key=sharpness)
    return float(best)


def _rules(mask: np.ndarray, horizontal: bool, gap: int) -> list[Rule]:
    """The rules in a mask of runs: bands of neighbouring rows (columns) holding run pixels, each cut into
    segments where its pixels stop for longer than `gap`."""
    m = mask if horizontal else mask.T
    filled = np.flatnonzero(m.any(axis=1))
    rules: list[Rule] = []
    if not len(filled):
        return rules
    bands = np.split(filled, np.flatnonzero(np.diff(filled) > 1) + 1)
    for band in bands:
        covered = np.flatnonzero(m[band[0]: band[-1] + 1].any(axis=0))
        pieces = np.split(covered, np.flatnonzero(np.diff(covered) > gap) + 1)
        at = int(round((band[0] + band[-1]) / 2))
        rules += [Rule(at, int(band[0]), int(band[-1]), int(p[0]), int(p[-1]), horizontal)
                  for p in pieces if len(p)]
    return rules


def _touching(rules: list[Rule], touch: int) -> list[list[Rule]]:
    """Rules grouped by meeting: a horizontal and a vertical rule meet where each reaches the other."""
    parent = list(range(len(rules)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    across = [i for i, r in enumerate(rules) if r.horizontal]
    down = [i for i, r in enumerate(rules) if not r.horizontal]
    for i in across:
        h = rules[i]
        for j in down:
            v = rules[j]
            if h.start - touch <= v.at <= h.end + touch and v.start - touch <= h.at <= v.end + touch:
                parent[root(i)] = root(j)
    groups: dict[int, list[Rule]] = {}
    for i, rule in enumerate(rules):
        groups.setdefault(root(i), []).append(rule)
    return list(groups.values())


def _positions(values: list[int], touch: int) -> list[int]:
    """Distinct positions: values closer than `touch` are one (the mean)."""
    out: list[list[int]] = []
    for value in sorted(values):
        if out and value - out[-1][-1] <= touch:
            out[-1].append(value)
        else:
            out.append([value])
    return [int(round(sum(group) / len(group))) for group in out]


def _table(rules: list[Rule], horizontal: np.ndarray, vertical: np.ndarray, touch: int) -> Table | None:
    """A group of touching rules as a table grid with its merged cells, or None (too few rules)."""
    across = [r for r in rules if r.horizontal]
    down = [r for r in rules if not r.horizontal]
    if len(across) < 2 or len(down) < 2:
        return None
    ys = _positions([r.at for r in across], touch)
    xs = _positions([r.at for r in down], touch)
    if len(ys) < 2 or len(xs) < 2:
        return None
    rows, cols = len(ys) - 1, len(xs) - 1

    def ruled(mask: np.ndarray, at: int, start: int, end: int, along_x: bool) -> bool:
        """Whether a rule at `at` runs along most of start..end (corners left out)."""
        inner = slice(start + touch, max(end - touch, start + touch + 1))
        band = slice(max(at - touch, 0), at + touch + 1)
        strip = mask[band, inner] if along_x else mask[inner, band]
        seen = strip.any(axis=0 if along_x else 1)
        return bool(seen.size) and seen.mean() >= BORDER_SHARE

    # right[r][c]: a rule between (r, c) and (r, c + 1); below[r][c]: between (r, c) and (r + 1, c)
    right = [[ruled(vertical, xs[c + 1], ys[r], ys[r + 1], False) for c in range(cols - 1)]
             for r in range(rows)]
    below = [[ruled(horizontal, ys[r + 1], xs[c], xs[c + 1], True) for c in range(cols)]
             for r in range(rows - 1)]
    owner = [[-1] * cols for _ in range(rows)]
    spans: list[tuple[int, int, int, int]] = []
    for r in range(rows):
        for c in range(cols):
            if owner[r][c] >= 0:
                continue
            # the merged cell grows right while no rule stops it, then down while its whole width is open
            width = 1
            while c + width < cols and not right[r][c + width - 1] and owner[r][c + width] < 0:
                width += 1
            height = 1
            while r + height < rows and not any(below[r + height - 1][c: c + width]) \
                    and all(owner[r + height][k] < 0 for k in range(c, c + width)):
                height += 1
            for rr in range(r, r + height):
                for cc in range(c, c + width):
                    owner[rr][cc] = len(spans)
            spans.append((r, c, height, width))
    if rows * cols < 2 or len(spans) < 2:
        return None
    return Table(ys, xs, spans, rules=rules)
