"""The numbered structure of a directive: which heading or item each line of a cleaned document sits under.

Legal documents nest Phần > Chương > Mục > Điều > khoản (1.) > điểm (a)); plans, programmes and resolutions
nest I. > 1. > 1.1. > a) > - > +. Which numbering nests inside which is decided by the order in which the
kinds first appear (a plan that opens with "A." puts "I." under it), except that the legal kinds always
rank above plan numbering and bullets always rank below numbered items. A line counts as an item only when
it really is one: its marker is followed by a capitalised title (a news article's "1.200 người dự" is a
number, not item 1), and a numbered item must start its list (1, I, a) or follow the previous one of its
kind, so a stray "3. Ông ..." in an article stays a sentence. Rows of a task table arrive as one line each
("3. Nhiệm vụ: ...; Cơ quan chủ trì: ...") and are items of their own kind, labelled "STT 3".

Each line gets its path (the headings above it, outermost first) and a short citation label: "mục II.3.b"
for plan numbering, "Điều 2 khoản 1 điểm a" for legal articles, "Phần I, mục 2" when both occur.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cached_property
from typing import NamedTuple

# Legal kinds rank above everything else, in this fixed order; "muc" is the legal "Mục 1" (a group of Điều);
# an appendix ("PHỤ LỤC", after the signature) opens a numbering of its own.
LEGAL_KINDS = ("phuluc", "phan", "chuong", "muc", "dieu")
BULLET_KINDS = ("dash", "plus", "dot")
_LEGAL_NAMES = {"phuluc": "Phụ lục", "phan": "Phần", "chuong": "Chương", "muc": "Mục", "dieu": "Điều"}
_ORDINALS = {"nhất", "hai", "ba", "tư", "bốn", "năm", "sáu", "bảy", "tám", "chín", "mười"}
# Letters of điểm in Vietnamese order (no f, j, w, z); Latin order is accepted too.
_VIET_LETTERS = "abcdđeghiklmnopqrstuvxy"
_LATIN_LETTERS = "abcdefghijklmnopqrstuvwxyz"
_HEADING_TEXT_MAX = 90

_LEGAL = re.compile(r"^(?P<word>phần|chương|mục|điều)\s+(?P<num>thứ\s+\w+|[IVXLC]+\b|\d{1,3}[a-z]?\b)"
                    r"(?P<rest>.*)$", re.IGNORECASE)
_APPENDIX = re.compile(r"^phụ\s+lục(?:\s+(?:số\s+)?(?P<num>[IVXL]+|\d{1,2}))?(?P<rest>\s*(?:[.:\-–].*)?)$",
                       re.IGNORECASE)
_ROMAN = re.compile(r"^(?P<num>[IVXL]+)\s*(?:[.)/]|\s-|-)\s*(?P<rest>\S.*)$")
_ALPHA = re.compile(r"^(?P<num>[A-ZĐ])\s*[.)]\s+(?P<rest>\S.*)$")
_DECIMAL = re.compile(r"^(?P<num>\d{1,3}(?:\.\d{1,2}){1,3})\.?\s+(?P<rest>\S.*)$")
_NUMBER = re.compile(r"^(?P<num>\d{1,3})(?P<sep>[.)])\s+(?P<rest>\S.*)$")
_LETTER = re.compile(r"^(?P<num>[a-zđ])\s*[).]\s+(?P<rest>\S.*)$")
_BULLET = re.compile(r"^(?P<num>[-–—+•*])\s*(?P<rest>.*\w.*)$")
# A task table's row as the table reader writes it: "Name: value; Name: value".
_ROW_FIELDS = re.compile(r"^[^:;]{1,60}:\s*\S.*;\s*[^:;]{1,60}:\s*\S")
_MARKDOWN = re.compile(r"^#{1,6}\s+|\*\*|__")
# Where the body ends: the recipients list, the signature's "KT./TM. ..." line.
_CLOSING = re.compile(r"^(?:nơi nhận\s*:|(?:(?:kt|tm|q|tl|tuq)\.|t/m)\s+\S)", re.IGNORECASE)
_ROMAN_NUMERAL = re.compile(r"^(?=[IVXL])L?X{0,3}(?:IX|IV|V?I{0,3})$")


class Heading(NamedTuple):
    """One heading or item on a line's path: its kind ("roman", "number", "dieu", ...), its label as
    numbered ("II", "3", "1.2", "b", "5" for Điều 5; "" for bullets), its heading text (the line without
    its marker, cut to a phrase) and the offset of its line."""

    kind: str
    label: str
    text: str
    start: int


@dataclass(frozen=True)
class Line:
    start: int
    end: int
    path: tuple[Heading, ...]
    opens: bool  # this line opens path[-1] (it is a heading or item line)


@dataclass(frozen=True)
class Structure:
    lines: list[Line]

    @cached_property
    def structured(self) -> bool:
        """Whether the text has numbered structure at all: a legal heading or two numbered items (bullets
        alone do not make a news article structured)."""
        numbered = [ln.path[-1] for ln in self.lines if ln.opens and ln.path[-1].kind not in BULLET_KINDS]
        return any(h.kind in LEGAL_KINDS for h in numbered) or len(numbered) >= 2

    @cached_property
    def _starts(self) -> list[int]:
        return [ln.start for ln in self.lines]

    def line_at(self, offset: int) -> Line | None:
        if not self.lines:
            return None
        return self.lines[max(bisect.bisect_right(self._starts, offset) - 1, 0)]

    def path_at(self, offset: int) -> tuple[Heading, ...]:
        """The headings above the character at `offset`, outermost first (() outside any)."""
        line = self.line_at(offset)
        return line.path if line else ()

    def label_at(self, offset: int) -> str:
        return citation_label(self.path_at(offset))

    def headings_between(self, start: int, end: int) -> list[tuple[int, str]]:
        """(offset, label) of each line inside [start, end) where the label changes: a numbered heading or
        item opens there, or the body ends ("Nơi nhận:", label "")."""
        found: list[tuple[int, str]] = []
        label = self.label_at(start - 1) if start > 0 else ""
        first = bisect.bisect_left(self._starts, start)
        for ln in self.lines[first:bisect.bisect_left(self._starts, end)]:
            if (here := citation_label(ln.path)) != label:
                found.append((ln.start, here))
                label = here
        return found


def parse(text: str) -> Structure:
    """The structure of a cleaned document (one paragraph per line)."""
    parser = _Parser()
    lines: list[Line] = []
    offset = 0
    raws = text.split("\n")
    for i, raw in enumerate(raws):
        following = raws[i + 1].strip() if i + 1 < len(raws) else ""
        heading = parser.feed(_plain(raw), offset + len(raw) - len(raw.lstrip()), _plain(following))
        lines.append(Line(offset, offset + len(raw), tuple(h for h, _ in parser.stack), heading is not None))
        offset += len(raw) + 1
    return Structure(lines)


def _plain(line: str) -> str:
    """The line without Markdown's heading marks and bold ("# I. MỤC ĐÍCH", "**Điều 1.** Thành lập")."""
    return _MARKDOWN.sub("", line.strip()).strip()


def citation_label(path: tuple[Heading, ...] | list[Heading]) -> str:
    """"mục II.3.b", "Điều 2 khoản 1 điểm a", "Phần I, mục 2", "Chương II, Điều 5 khoản 1", "mục III, STT 4"
    ("" outside any numbered heading). Bullets add nothing: they have no number to cite."""
    parts: list[str] = []
    chain: list[str] = []  # plan numbering under the last legal heading (or from the top)
    in_article = False

    def close_chain() -> None:
        if chain:
            parts.append("mục " + ".".join(chain))
            chain.clear()

    for h in path:
        if h.kind in BULLET_KINDS:
            continue
        if h.kind in LEGAL_KINDS:
            close_chain()
            parts.append(f"{_LEGAL_NAMES[h.kind]} {h.label}".strip())
            in_article = h.kind == "dieu"
        elif h.kind == "row":
            close_chain()
            parts.append(f"STT {h.label}")
        elif in_article and h.kind == "decimal" and parts[-1].endswith(f" khoản {h.label.rsplit('.', 1)[0]}"):
            parts[-1] = parts[-1].rsplit(" ", 1)[0] + f" {h.label}"
        elif in_article and h.kind in ("number", "number_paren", "decimal"):
            parts[-1] += f" khoản {h.label}"
        elif in_article and h.kind == "letter":
            parts[-1] += f" điểm {h.label}"
        elif h.kind == "decimal" and chain and h.label.startswith(chain[-1] + "."):
            chain[-1] = h.label  # "1.2" under "1." replaces it: II.1.2, not II.1.1.2
        else:
            chain.append(h.label)
    close_chain()
    return ", ".join(parts)


def heading_line(h: Heading) -> str:
    """A heading as a reader would write it: "II. NHIỆM VỤ", "Điều 2. Tổ chức thực hiện", "a) Sở ..."."""
    if h.kind in LEGAL_KINDS:
        head = f"{_LEGAL_NAMES[h.kind]} {h.label}".strip()
        return f"{head}. {h.text}" if h.text else head
    if h.kind in BULLET_KINDS:
        return f"- {h.text}"
    return f"{h.label}{')' if h.kind in ('letter', 'number_paren') else '.'} {h.text}".strip()


def section_heading(text: str, offset: int) -> str | None:
    """The headings of the numbered sections holding `offset` in a cleaned document ("II. NHIỆM VỤ › 3. Phát
    triển hạ tầng số"), as a source card shows them; None in a news article, which has none."""
    structure = parse(text)
    if not structure.structured:
        return None
    return " › ".join(heading_line(h) for h in structure.path_at(offset) if h.kind not in BULLET_KINDS) or None


def pack_sections(headings: list[tuple[int, str]]) -> str:
    """Chroma keeps flat scalars: "offset:label|offset:label"."""
    return "|".join(f"{offset}:{label.replace('|', '/')}" for offset, label in headings)


def label_in(section: str, sections: str, offset: int) -> str:
    """The label at document `offset` inside a chunk whose metadata holds `section` (the label at its start)
    and `sections` (see `pack_sections`): no need to read the document again."""
    label = section
    for entry in (sections or "").split("|"):
        at, _, name = entry.partition(":")
        if at.isdigit() and int(at) <= offset:
            label = name
    return label


# --- Parsing ----------------------------------------------------------------------------------------


def _heading_text(rest: str) -> str:
    """The title part of a heading line: the whole rest when short, else its first phrase."""
    rest = rest.strip(" .:-–")
    if len(rest) <= _HEADING_TEXT_MAX:
        return rest
    head = re.split(r"(?<=[^\d\s])[.:;](?=\s)", rest, maxsplit=1)[0]
    if len(head) > _HEADING_TEXT_MAX:
        head = head[:_HEADING_TEXT_MAX].rsplit(" ", 1)[0] + "…"
    return head


def _capitalised(rest: str) -> bool:
    """Whether the text after a marker starts like a title: a capital letter or a figure ("100% xã")."""
    first = next((ch for ch in rest if ch.isalnum()), "")
    return first.isupper() or first.isdigit()


def _roman_value(label: str) -> int:
    values = {"I": 1, "V": 5, "X": 10, "L": 50}
    total = 0
    for a, b in zip(label, label[1:] + " "):
        total += -values[a] if values.get(b, 0) > values[a] else values[a]
    return total


def _letter_steps(prev: str, label: str) -> set[int]:
    """How many letters after `prev` `label` comes, in the Vietnamese and the Latin alphabet."""
    return {alphabet.index(label) - alphabet.index(prev) for alphabet in (_VIET_LETTERS, _LATIN_LETTERS)
            if label in alphabet and prev in alphabet}


def _first(kind: str, label: str) -> bool:
    return {"roman": label == "I", "alpha": label == "A", "letter": label == "a",
            "decimal": label.endswith(".1")}.get(kind, label == "1")


def _follows(kind: str, prev: str, label: str) -> bool:
    """`label` comes one (or two: a line lost to OCR) after `prev` in a list of `kind`."""
    if kind == "roman":
        return _roman_value(label) - _roman_value(prev) in (1, 2)
    if kind in ("letter", "alpha"):
        return bool(_letter_steps(prev.lower(), label.lower()) & {1, 2})
    if kind == "decimal":
        a, b = prev.split("."), label.split(".")
        if len(a) != len(b):
            return False
        return a[:-1] == b[:-1] and int(b[-1]) - int(a[-1]) in (1, 2) or (
            len(a) == 2 and int(b[0]) - int(a[0]) == 1 and b[-1] == "1")
    return label.isdigit() and prev.isdigit() and int(label) - int(prev) in (1, 2)


class _Parser:
    """Reads lines in order, keeping the stack of open headings and the rank of each kind seen."""

    def __init__(self) -> None:
        self.stack: list[tuple[Heading, int]] = []  # (heading, id of its parent's line or -1)
        self.order: list[str] = []  # non-legal kinds, outermost first, as they first appeared
        self.last_child: dict[tuple[int, str], str] = {}  # (parent line, kind) -> last label under it
        self.last_any: dict[str, str] = {}  # kind -> last label anywhere (lists numbered across sections)
        self.closed = False  # past the recipients list or the signature

    def rank(self, kind: str) -> int:
        return LEGAL_KINDS.index(kind) if kind in LEGAL_KINDS else len(LEGAL_KINDS) + self.order.index(kind)

    def feed(self, line: str, start: int, following: str = "") -> Heading | None:
        """The heading `line` opens, if any; `following` (the next line) is the title of a heading that has
        none on its own line ("PHẦN THỨ NHẤT" / "ĐÁNH GIÁ TÌNH HÌNH")."""
        if _CLOSING.match(line):  # the recipients and signature after the body are under no heading,
            self.stack, self.closed = [], True  # and their "- Như trên;" lines are no items
            return None
        for kind, label, rest in self._candidates(line):
            if self.closed and kind not in LEGAL_KINDS:
                continue  # after the signature only an appendix (or a part of one) opens a heading
            if not rest.strip(" .:-–") and following and len(following) <= 120 and not self._candidates(following):
                rest = following
            heading = self._accept(kind, label, rest, start)
            if heading is not None:
                return heading
        return None

    def _candidates(self, line: str) -> list[tuple[str, str, str]]:
        """Every reading of the line's marker that its form allows, most likely first ("C." may be the third
        capital letter or, were it roman, never is; "I." is roman unless an "H." came before)."""
        if not line:
            return []
        found: list[tuple[str, str, str]] = []
        if (m := _APPENDIX.match(line)) and line[0].isupper():
            return [("phuluc", (m.group("num") or "").upper(), m.group("rest"))]
        if m := _LEGAL.match(line):
            word, num, rest = m.group("word").lower(), m.group("num"), m.group("rest")
            kind = {"phần": "phan", "chương": "chuong", "mục": "muc", "điều": "dieu"}[word]
            ordinal = num.lower().startswith("thứ")
            if line[0].isupper() and (not ordinal or num.lower().split()[-1] in _ORDINALS) and (
                    kind == "dieu" and re.match(r"\s*[.:]", rest)
                    or kind != "dieu" and (not rest.strip() or re.match(r"\s*[.:\-–]", rest) or _capitalised(rest))):
                label = num.lower() if ordinal else num.upper() if not num.isdigit() else num
                return [(kind, label, rest)]
        if m := _DECIMAL.match(line):
            return [("row" if _ROW_FIELDS.match(m.group("rest")) else "decimal", m.group("num"), m.group("rest"))]
        if m := _NUMBER.match(line):
            if _ROW_FIELDS.match(m.group("rest")):
                return [("row", m.group("num"), m.group("rest"))]
            return [("number" if m.group("sep") == "." else "number_paren", m.group("num"), m.group("rest"))]
        if (m := _ALPHA.match(line)) and m.group("num") in "ABCDEFGH":
            found.append(("alpha", m.group("num"), m.group("rest")))
        if (m := _ROMAN.match(line)) and _ROMAN_NUMERAL.match(m.group("num")):
            found.append(("roman", m.group("num"), m.group("rest")))
        if (m := _ALPHA.match(line)) and m.group("num") not in "ABCDEFGH":
            found.append(("alpha", m.group("num"), m.group("rest")))
        if m := _LETTER.match(line):
            found.append(("letter", m.group("num"), m.group("rest")))
        if (m := _BULLET.match(line)) and not re.match(r"^[-–—+*•\s]+$", line):
            mark = m.group("num")
            found.append(({"+": "plus", "•": "dot", "*": "dot"}.get(mark, "dash"), "", m.group("rest")))
        return found

    def _accept(self, kind: str, label: str, rest: str, start: int) -> Heading | None:
        numbered = kind not in BULLET_KINDS and kind not in LEGAL_KINDS and kind != "row"
        if numbered and kind != "letter" and not _capitalised(rest):
            return None  # "1.20 người ..." is a number in a sentence; a heading's title is capitalised
        order = self.order
        if kind not in LEGAL_KINDS and kind not in self.order:
            self.order = self._inserted(kind)  # kept only if the line is accepted
        rank = self.rank(kind)
        keep = [entry for entry in self.stack if self.rank(entry[0].kind) < rank]
        parent = keep[-1][0].start if keep else -1
        if numbered:
            prev = self.last_child.get((parent, kind))
            if not (prev is None and _first(kind, label) or prev is not None and _follows(kind, prev, label)
                    or kind in self.last_any and _follows(kind, self.last_any[kind], label)):
                self.order = order
                return None
        heading = Heading(kind, label, _heading_text(rest), start)
        self.closed = False
        self.stack = [*keep, (heading, parent)]
        self.last_child[(parent, kind)] = label
        self.last_any[kind] = label
        return heading

    def _inserted(self, kind: str) -> list[str]:
        """The ranks with a kind seen for the first time: just below the innermost open numbered heading (its
        parent here); bullets below every numbered kind, table rows just above bullets."""
        order = list(self.order)
        lowest = next((i for i, k in enumerate(order) if k in BULLET_KINDS), len(order))
        if kind in BULLET_KINDS:
            return [*order, kind]
        if kind == "row":
            order.insert(lowest, kind)
            return order
        rows = next((i for i, k in enumerate(order) if k == "row"), lowest)
        open_numbered = [h.kind for h, _ in self.stack if h.kind in order and h.kind not in BULLET_KINDS
                         and h.kind != "row"]
        at = order.index(open_numbered[-1]) + 1 if open_numbered else 0
        order.insert(min(at, rows), kind)
        return order
