"""Turn a loaded text into what is indexed: normalised, one paragraph per line, web noise removed.

The noise is what a real news crawl carries and what no official wants quoted back: image file names,
media-player remnants, repeated captions, related-news lists, share buttons and the trailing source line.
It is removed only where a crawl produced the text (HTML, and text files that look like a crawled page):
a directive in PDF or DOCX repeats headings and phrases legitimately, says "Nguồn kinh phí: ..." and may
contain "Xem thêm", and every line of it stays. Every sentence of the body stays, in order, in any case.
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
_SOURCE_LINE = re.compile(r"^(?:nguồn|theo)\b[^\n]{0,120}?:?\s*(?P<url>https?://\S+)?\s*$", re.IGNORECASE)
# "Nguồn: baohanam.vn" (a source credit) — but not "Nguồn kinh phí: ngân sách tỉnh bố trí." (a sentence)
_SOURCE_CREDIT = re.compile(r"^nguồn\s*:\s*[^!?]{0,59}[^.!?\s]$", re.IGNORECASE)


@dataclass(frozen=True)
class CleanedText:
    text: str
    url: str | None


def looks_crawled(raw: str) -> bool:
    """A text file saved from a web page: it carries a page's furniture (a link, an image file name, a
    media-player time or a share bar; a "Xem thêm" line alone proves nothing)."""
    lines = [re.sub(r"\s+", " ", line).strip() for line in normalize(raw).splitlines()]
    return any(_URL.search(line) or _IMAGE_FILE.match(line) or _MEDIA_PLAYER.match(line) or _is_share_bar(line)
               for line in lines if line)


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
        if _URL.fullmatch(line):
            url = url or line
            continue
        if line in seen:  # repeated captions: the same line printed twice by the page template
            continue
        seen.add(line)
        kept.append(line)
    return CleanedText("\n".join(kept), url)


def _is_share_bar(line: str) -> bool:
    words = line.lower().split()
    return 0 < len(words) <= 8 and all(w in _SHARE_WORDS for w in words)
