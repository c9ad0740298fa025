"""Turn a loaded text into what is indexed: normalised, one paragraph per line, web noise removed.

The noise is what a real news crawl carries and what no official wants quoted back: image file names,
media-player remnants, repeated captions, related-news lists, share buttons and the trailing source line.
It is removed only where a crawl produced the text (HTML, and text files that look like a crawled page):
a directive in PDF, DOCX or plain text repeats headings and phrases legitimately, says "Nguồn kinh phí: ..."
and "nộp tại https://...", may contain "Xem thêm", and every line of it stays. Every sentence of the body
stays, in order, in any case: even in a crawl only a short line (a caption, a heading) repeated, or a line
printed twice in a row by the page template, is dropped as a repeat.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bcd.vietnamese import normalize

_IMAGE_FILE = re.compile(r"^[\w.\-]+\.(?:jpe?g|png|gif|webp|bmp|svg)$", re.IGNORECASE)
_MEDIA_PLAYER = re.compile(r"^\d{1,2}:\d{2}(?::\d{2})?(?:\s*/\s*\d{1,2}:\d{2}(?::\d{2})?)?$")
_SHARE_WORDS = {"fb", "yt", "zl", "tw", "zalo", "facebook", "twitter", "youtube", "tiktok", "email", "in",
                "chia", "sẻ", "share", "print", "copy", "link"}
# A standalone heading that starts the site's related-news block: everything after it is not the article.
_RELATED_NEWS = re.compile(
    r"^(?:có thể bạn quan tâm|tin cùng chuyên mục|tin liên quan|bài viết liên quan|tin khác|xem thêm|"
    r"đọc thêm|tin mới nhất|tin nổi bật|bài liên quan)\s*:?$",
    re.IGNORECASE,
)
_URL = re.compile(r"https?://\S+")
# What only a saved web page shows (a directive with a time "8:00" or a link in a sentence shows none of it):
# a media player's bar ("0:00 / 0:00", or its idle "0:00"), and the address the crawler writes on the first
# line ("URL: https://...", "Nguồn: https://..." or the bare address).
_PLAYER_BAR = re.compile(r"^(?:0:00|\d{1,2}:\d{2}(?::\d{2})?\s*/\s*\d{1,2}:\d{2}(?::\d{2})?)$")
_LEADING_ADDRESS = re.compile(r"^(?:(?:url|link|nguồn|source)\s*:\s*)?(?P<url>https?://\S+)$", re.IGNORECASE)
# A repeated line this long is a sentence (a plan repeats them), not a caption the template printed twice.
_SENTENCE_WORDS = 8
_SOURCE_LINE = re.compile(r"^(?:nguồn|theo)\b[^\n]{0,120}?:?\s*(?P<url>https?://\S+)?\s*$", re.IGNORECASE)
# "Nguồn: baohanam.vn" (a source credit) — but not "Nguồn kinh phí: ngân sách tỉnh bố trí." (a sentence)
_SOURCE_CREDIT = re.compile(r"^nguồn\s*:\s*[^!?]{0,59}[^.!?\s]$", re.IGNORECASE)


@dataclass(frozen=True)
class CleanedText:
    text: str
    url: str | None


def looks_crawled(raw: str) -> bool:
    """A text file saved from a web page: it carries a page's furniture (an image file name on its own line,
    a media player's bar, a share bar, or the page's address alone on the first line). A link inside a
    sentence ("Hồ sơ nộp tại https://dichvucong.gov.vn ..."), a time or a "Xem thêm" line proves nothing."""
    lines = [line for line in (re.sub(r"\s+", " ", line).strip() for line in normalize(raw).splitlines())
             if line]
    if lines and _LEADING_ADDRESS.match(lines[0]):
        return True
    return any(_IMAGE_FILE.match(line) or _PLAYER_BAR.match(line) or _is_share_bar(line) for line in lines)


def clean(raw: str, crawled: bool | None = None) -> CleanedText:
    """Normalise, and strip web noise where a crawl produced the text (`crawled`; None: decide with
    `looks_crawled`); returns the text and the source URL if the crawl had one."""
    if crawled is None:
        crawled = looks_crawled(raw)
    if not crawled:
        lines = (re.sub(r"\s+", " ", line).strip() for line in normalize(raw).splitlines())
        return CleanedText("\n".join(line for line in lines if line), None)
    url: str | None = None
    kept: list[str] = []
    seen: set[str] = set()
    for raw_line in normalize(raw).splitlines():
        line = re.sub(r"\s+", " ", raw_line).strip()
        if not line:
            continue
        if _RELATED_NEWS.match(line):
            break
        if _IMAGE_FILE.match(line) or _MEDIA_PLAYER.match(line) or _is_share_bar(line):
            continue
        source = _SOURCE_LINE.match(line)
        if source and (source.group("url") or _SOURCE_CREDIT.match(line)):
            url = url or source.group("url")
            continue
        address = None if kept or url else _LEADING_ADDRESS.match(line)
        if address:  # the page's address, as the crawler writes it on the first line ("URL: https://...")
            url = address.group("url")
            continue
        if _URL.fullmatch(line):
            url = url or line
            continue
        if line in seen and (len(line.split()) < _SENTENCE_WORDS or kept and kept[-1] == line):
            continue  # a repeated caption or heading, or a line the page template printed twice in a row
        seen.add(line)
        kept.append(line)
    return CleanedText("\n".join(kept), url)


def _is_share_bar(line: str) -> bool:
    words = line.lower().split()
    return 0 < len(words) <= 8 and all(w in _SHARE_WORDS for w in words)
