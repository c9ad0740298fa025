"""The byline of a news article: who wrote it, as its last line credits them.

Vietnamese provincial news closes with a credit line rather than opening with one: "Tin: Nguyễn Hương, Ảnh:
Ngọc Ánh", "Bài, ảnh: Minh Phúc", "Theo Báo Hà Nam", or the writing body alone on its line ("Phòng Lý luận
chính trị - Lịch sử, Ban Tuyên giáo Tỉnh ủy"). An official document has no byline: its signature says who
issued it (`ingest.official`). What a line must look like to be a byline is strict, so a closing sentence of
the article is never taken for one.
"""

from __future__ import annotations

import re

MAX_BYLINE_WORDS = 16
NAME_SHARE = 0.4  # of a body's words capitalised ("Phòng Lý luận chính trị - Lịch sử, Ban Tuyên giáo Tỉnh ủy")
# a credit label: "Tin:", "Bài, ảnh:", "Tin và ảnh:", "Nguồn:", "Tác giả:", "Theo …"
_LABELLED = re.compile(r"^(?:(?:tin|bài|ảnh|video|clip)(?:\s*(?:,|và|-|/)\s*(?:ảnh|bài|video))?|nguồn|tác giả|"
                       r"nhóm phóng viên|phóng viên)\s*:\s*\S", re.IGNORECASE)
# the source an article is taken from, every word of its name capitalised: "Theo Báo Lào Cai" ("Theo đó …" is none)
_SOURCE = re.compile(r"^Theo(?:\s+[A-ZĐ][^\s]*)+$")
# a body that writes: "Phòng …, Ban Tuyên giáo Tỉnh ủy", "Trung tâm Truyền thông tỉnh", "Báo Điện Biên Phủ"
_BODY = re.compile(r"^(?:Phòng|Ban|Trung tâm|Báo|Đài|Văn phòng|Sở|Cổng thông tin|Tạp chí|Ủy ban|UBND|Cục|Vụ|Viện)"
                   r"(?:\s+\S+)+$")


def read_byline(text: str) -> tuple[int, int] | None:
    """Where the last non-empty line of `text` credits the article's writer (its start and end), None when it
    does not: a labelled credit, or a body's name alone on its line, short and not closing as a sentence does."""
    lines = [m for m in re.finditer(r"[^\n]+", text) if m.group().strip()]
    if not lines:
        return None
    last = lines[-1]
    line = last.group().strip()
    start = last.start() + last.group().index(line)
    if len(line.split()) > MAX_BYLINE_WORDS or line[-1] in ".?!…:;":
        return None
    words = re.findall(r"\w+", line)
    named = sum(w[0].isupper() for w in words) >= NAME_SHARE * len(words)  # a name, not a sentence left unclosed
    if _LABELLED.match(line) or _SOURCE.match(line) or (_BODY.match(line) and named):
        return start, start + len(line)
    return None
