"""A heading's section: what answers a question whose best match is a heading.

Official documents state their lists under headings ("2. Tồn tại, hạn chế", "Điều 2. Nhiệm vụ, quyền hạn của Ban
Chỉ đạo"), and a heading shares more words with "… có những tồn tại, hạn chế gì?" than any line under it. The
heading itself states nothing: the answer is the lines it heads, up to the next heading of its rank; when the
question names one of the section's own parts ("2. Quyền hạn:" under "Nhiệm vụ, quyền hạn"), that part alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from bcd import vietnamese as vn

HEADING_WORDS = 12  # a heading is short: a line of more words is a sentence that ends without a full stop
MAX_SECTION_LINES = 10  # items quoted of one section at most (the headings of its parts besides)

# the number that opens a line, by rank: an article or part ("Điều 2.", "Phần thứ hai."), a Roman numeral, "2." /
# "2.1.", "a)", a dash
_NUMBERING = (re.compile(r"(?:Điều|Chương|Mục|Phần|ĐIỀU|CHƯƠNG|MỤC|PHẦN)\s+(?:[\dIVXLC]+|(?:thứ|THỨ)\s+\w+)[.:]?\s+"),
              re.compile(r"[IVXLC]+[.)]\s+"),
              re.compile(r"\d+[.)]\s+"),
              re.compile(r"\d+\.\d+(?:\.\d+)*[.)]?\s+"),
              re.compile(r"[a-zđ][)]\s+"),
              re.compile(r"[-–•+*]\s+"))
UNNUMBERED = len(_NUMBERING)


@dataclass(frozen=True)
class Line:
    start: int
    end: int
    rank: int  # of its numbering (UNNUMBERED for none)
    body: str  # the line without its number

    @property
    def is_heading(self) -> bool:
        """Numbered, short and not ended as a sentence is ("2. Quyền hạn:" announces what follows, "… định kỳ."
        states; "a) …" is an item, and an unnumbered short line may be a name or a signature); or, of any length,
        ended by a colon ("Điều 1. Thành lập Ban Chỉ đạo …, gồm các thành viên sau:" announces the lines after)."""
        body = self.body.rstrip()
        return body.endswith(":") or (0 < len(body.split()) <= HEADING_WORDS and body[-1:] not in ".;!?"
                                      and self.rank < 4)


@lru_cache(maxsize=64)  # a passage's lines are read for each of its sentences a question ranks
def lines(text: str) -> list[Line]:
    found, offset = [], 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        rank, body = UNNUMBERED, stripped
        for level, pattern in enumerate(_NUMBERING):
            if m := pattern.match(stripped):
                rank, body = level, stripped[m.end():]
                break
        if stripped:
            found.append(Line(offset, offset + len(raw), rank, body))
        offset += len(raw) + 1
    return found


def section(text: str, start: int, question_tokens: set[str], whole: bool = False) -> tuple[int, int] | None:
    """(start, end) in `text` of what the heading line holding offset `start` heads — None when that line is
    no heading or heads nothing; narrowed to the one part the question names when the section has parts
    (`question_tokens`: the question's words, lower-cased, with their diacritics); its first MAX_SECTION_LINES
    lines unless `whole`."""
    all_lines = lines(text)
    at = _line_at(all_lines, start)
    if at is None or not all_lines[at].is_heading:
        return None
    return _span(all_lines, at, question_tokens, MAX_SECTION_LINES if not whole else len(all_lines))


def heading_at(text: str, start: int) -> bool:
    """Whether the line holding offset `start` is a heading."""
    all_lines = lines(text)
    at = _line_at(all_lines, start)
    return at is not None and all_lines[at].is_heading


def items_between(text: str, start: int, end: int) -> int:
    """How many lines from offset `start` to `end` are items, not headings (a line of two sentences is one)."""
    return sum(not line.is_heading for line in lines(text) if start <= line.end and line.start < end)


def _line_at(all_lines: list[Line], start: int) -> int | None:
    return next((i for i, line in enumerate(all_lines) if line.start <= start < line.end + 1), None)


def named_heading(text: str, start: int, question_tokens: set[str], asked: tuple[str, ...] = ()) -> bool:
    """Whether the line holding offset `start` is a heading of two content words or more, every one of them a
    word of the question ("2. Tồn tại, hạn chế" for "… chỉ ra những tồn tại, hạn chế nào?"), or opening with
    the things a list question asks for (`asked`: "1. Kết quả đạt được" for "… ghi nhận những kết quả nào?")."""
    return bool(naming_words(text, start, question_tokens, asked))


def naming_words(text: str, start: int, question_tokens: set[str], asked: tuple[str, ...] = ()) -> set[str]:
    """The question's words that name the heading on the line holding offset `start` (see `named_heading`), or
    the one part of its section that the question names; empty when it names neither."""
    all_lines = lines(text)
    at = _line_at(all_lines, start)
    if at is None or not all_lines[at].is_heading or len(vn.content_tokens(all_lines[at].body)) < 2:
        return set()
    if words := _naming(all_lines[at].body, question_tokens):
        return words
    if opens_with(text, start, asked):
        return set(asked)
    # or one of its parts: "Nhiệm vụ, quyền hạn của Ban Chỉ đạo" heads "1. Nhiệm vụ:" that "nhiệm vụ … là gì?" names
    parts = _named_parts(all_lines, at, question_tokens)
    return _naming(all_lines[parts[0]].body, question_tokens) if len(parts) == 1 else set()


def opens_with(text: str, start: int, asked: tuple[str, ...]) -> bool:
    """Whether the line holding offset `start` is a heading whose words open with `asked` (content words, lower
    case): "I. Nhóm nhiệm vụ về thể chế" opens with ("nhóm",)."""
    all_lines = lines(text)
    at = _line_at(all_lines, start)
    return bool(asked) and at is not None and all_lines[at].is_heading and tuple(
        vn.content_tokens(all_lines[at].body)[:len(asked)]) == asked


def line_start(text: str, start: int) -> int:
    """Where the line holding offset `start` begins: two sentences of one line ("Phần thứ hai." and "CÁC CHỈ TIÊU
    CHỦ YẾU") are one heading."""
    all_lines = lines(text)
    at = _line_at(all_lines, start)
    return start if at is None else all_lines[at].start


def rank_at(text: str, start: int) -> int:
    """The rank of the numbering of the line holding offset `start` (UNNUMBERED for none)."""
    all_lines = lines(text)
    at = _line_at(all_lines, start)
    return UNNUMBERED if at is None else all_lines[at].rank


def _span(all_lines: list[Line], at: int, question_tokens: set[str], limit: int) -> tuple[int, int] | None:
    body = all_lines[at + 1:_end(all_lines, at)]
    if not body:
        return None
    # narrowed to the one part the question names, unless it names the whole ("thành viên" of "…, gồm các thành viên
    # sau:" and of its "2. Các thành viên:")
    named = [] if _named(all_lines[at].body, question_tokens) else _named_parts(all_lines, at, question_tokens)
    if len(named) == 1 and (narrow := _span(all_lines, named[0], question_tokens, limit)):
        return narrow
    # (the limit counts items: the headings of a section's parts, "a) Hạ tầng viễn thông:", come with them)
    items = [i for i, line in enumerate(body) if not line.is_heading]
    return body[0].start, body[items[limit - 1] if len(items) > limit else -1].end


def _end(all_lines: list[Line], at: int) -> int:
    """The index past the last line the heading at `at` heads."""
    return _extent(all_lines, at + 1, all_lines[at].rank)


def _extent(all_lines: list[Line], first: int, rank: int) -> int:
    """The index past the last line, from `first` on, under a heading of `rank`."""
    end = first
    # an unnumbered line heads the numbered lines after it ("… có các nhiệm vụ sau:" then "1. …", "- …"); after
    # numbered items, an unnumbered line is the text going on ("Ban Chỉ đạo thông báo để … thực hiện./."), but under
    # a numbered part that is a heading itself it is that part's text ("1. Nâng cao nhận thức …" then its paragraph;
    # "… kết luận như sau:" heads "1. Kết quả đạt được", its paragraph, "2. Tồn tại, hạn chế", its paragraph …)
    items = part = False
    while end < len(all_lines) and (all_lines[end].rank > rank if rank < UNNUMBERED
                                    else all_lines[end].rank < UNNUMBERED or part):
        if items and all_lines[end].rank == UNNUMBERED:
            break
        if all_lines[end].rank < UNNUMBERED:
            items, part = not all_lines[end].is_heading, all_lines[end].is_heading
        end += 1
    return end


def heading_ends(text: str, start: int) -> bool:
    """Whether the line holding offset `start` is a heading with nothing after it in `text` (a chunk ending "…
    Trưởng Ban Chỉ đạo kết luận như sau:"): what it heads opens the document's next chunk."""
    all_lines = lines(text)
    at = _line_at(all_lines, start)
    return at is not None and all_lines[at].is_heading and not text[all_lines[at].end:].strip()


def opening(following: str, rank: int) -> tuple[int, int] | None:
    """(start, end) in `following` — the next chunk — of the lines a heading of `rank` that ended the chunk before
    heads; None when it opens with none."""
    after = lines(following)
    end = _extent(after, 0, rank)
    return (after[0].start, after[end - 1].end) if end else None


def continued(text: str, span: tuple[int, int], following: str) -> tuple[int, int] | None:
    """(start, end) in `following` — the next chunk of the document — of the lines that go on the section `span` of
    `text` when the section runs to the end of `text` (a list a chunk's end cut: "1. … 5." here, "6. …" there);
    None when it does not."""
    all_lines = lines(text)
    at = _line_at(all_lines, span[0])
    if text[span[1]:].strip() or at is None or at == 0:
        return None
    rank = all_lines[at - 1].rank  # of the heading (or part) the section is under
    after = lines(following)
    end = _extent(after, 0, rank)
    return (after[0].start, after[end - 1].end) if end else None


def _named_parts(all_lines: list[Line], at: int, question_tokens: set[str]) -> list[int]:
    """The lines heading the section's own parts that the question names, when it has several parts ("4. Các Ủy
    viên:" beside "1. Trưởng ban: Ông …", a part that heads nothing)."""
    end = _end(all_lines, at)
    if end == at + 1:
        return []
    top = min(line.rank for line in all_lines[at + 1:end])  # the rank of the section's own parts
    parts = [i for i in range(at + 1, end) if all_lines[i].rank == top]
    named = [i for i in parts if all_lines[i].is_heading and _named(all_lines[i].body, question_tokens)]
    return named if len(parts) > 1 else []


def heading_above(text: str, start: int) -> str:
    """The body of the nearest heading the line holding offset `start` is under ("Các Ủy viên:" for "- Ông …"),
    "" for none: what the line is a case of."""
    return next(iter(headings_above(text, start)), "")


def headings_above(text: str, start: int, outer: str = "") -> list[str]:
    """The bodies of the headings the line holding offset `start` is under, nearest first ("Dữ liệu số:", "Phát
    triển hạ tầng số, dữ liệu số", "NHIỆM VỤ, GIẢI PHÁP" for "- Xây dựng Kho dữ liệu dùng chung …"): what a plan's
    line is about, which the line itself does not repeat. `outer` holds the headings above the text's own start
    ("II. NHIỆM VỤ › 2. Phát triển hạ tầng số", a chunk's): those no line of the text closes count too."""
    all_lines = lines(text)
    at = _line_at(all_lines, start)
    if at is None:
        return []
    rank, found = all_lines[at].rank, []
    for line in reversed(all_lines[:at]):
        if line.rank < rank:
            if line.is_heading:
                found.append(line.body)
            rank = line.rank  # an item above it ranks higher: its heading must rank higher still
    for line in reversed(lines("\n".join(outer.split(" › "))) if outer else []):
        if line.rank < rank:  # ("3. …" in the text closes the outer "2. …": both rank 2)
            found.append(line.body)
            rank = line.rank
    return found


def _named(heading: str, question_tokens: set[str]) -> bool:
    """Whether every content word of a part's heading is one the question uses ("Quyền hạn" in "… có những
    quyền hạn gì?")."""
    return bool(_naming(heading, question_tokens))


def _naming(heading: str, question_tokens: set[str]) -> set[str]:
    words = set(vn.content_tokens(heading))  # with their diacritics: folded, "Nơi nhận" is in "kết nối … nhân dân"
    if (announced := _ANNOUNCED.search(heading)) and (kind := set(vn.content_tokens(announced["kind"]))):
        words = kind  # what a line announcing a list calls its items names it: "…, gồm các thành viên sau:"
    return words if words <= question_tokens else set()


# the items a line announces, by their kind: "…, gồm các thành viên sau:", "… có những nhiệm vụ sau đây:"
_ANNOUNCED = re.compile(r"(?<!\w)(?:các|những)\s+(?P<kind>[^,;:()]{2,40}?)\s+(?:sau|sau đây|như sau)\s*:\s*$",
                        re.IGNORECASE)
