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
MAX_SECTION_LINES = 10  # lines quoted of one section at most

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


def section(text: str, start: int, question_tokens: set[str]) -> tuple[int, int] | None:
    """(start, end) in `text` of what the heading line holding offset `start` heads — None when that line is
    no heading or heads nothing; narrowed to the one part the question names when the section has parts
    (`question_tokens`: the question's words, lower-cased, with their diacritics)."""
    all_lines = lines(text)
    at = next((i for i, line in enumerate(all_lines) if line.start <= start < line.end + 1), None)
    if at is None or not all_lines[at].is_heading:
        return None
    return _span(all_lines, at, question_tokens)


def named_heading(text: str, start: int, question_tokens: set[str]) -> bool:
    """Whether the line holding offset `start` is a heading of two content words or more, every one of them a
    word of the question ("2. Tồn tại, hạn chế" for "… chỉ ra những tồn tại, hạn chế nào?")."""
    line = next((line for line in lines(text) if line.start <= start < line.end + 1), None)
    return line is not None and line.is_heading and len(vn.content_tokens(line.body)) >= 2 and \
        _named(line.body, question_tokens)


def _span(all_lines: list[Line], at: int, question_tokens: set[str]) -> tuple[int, int] | None:
    heading, end = all_lines[at], at + 1
    # an unnumbered line heads the numbered lines after it ("… có các nhiệm vụ sau:" then "1. …", "- …"); after
    # numbered items, an unnumbered line is the text going on ("Ban Chỉ đạo thông báo để … thực hiện./.")
    items = False
    while end < len(all_lines) and (all_lines[end].rank > heading.rank if heading.rank < UNNUMBERED
                                    else all_lines[end].rank < UNNUMBERED):
        if items and all_lines[end].rank == UNNUMBERED:
            break
        items = items or all_lines[end].rank < UNNUMBERED
        end += 1
    body = all_lines[at + 1:end]
    if not body:
        return None
    top = min(line.rank for line in body)  # the rank of the section's own parts
    parts = [i for i in range(at + 1, end) if all_lines[i].rank == top and all_lines[i].is_heading]
    named = [i for i in parts if _named(all_lines[i].body, question_tokens)]
    if len(parts) > 1 and len(named) == 1 and (narrow := _span(all_lines, named[0], question_tokens)):
        return narrow
    return body[0].start, body[min(len(body), MAX_SECTION_LINES) - 1].end


def _named(heading: str, question_tokens: set[str]) -> bool:
    """Whether every content word of a part's heading is one the question uses ("Quyền hạn" in "… có những
    quyền hạn gì?")."""
    words = set(vn.content_tokens(heading))  # with their diacritics: folded, "Nơi nhận" is in "kết nối … nhân dân"
    return bool(words) and words <= question_tokens
