"""Document-level metadata read from the cleaned text: what filters and citations need."""

from __future__ import annotations

import hashlib
import re
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import PurePath

from bcd import vietnamese as vn
from ingest.instructions import instruction_sentences
from ingest.official import OfficialHeader, read_header

_TITLE_MAX = 160


@dataclass
class DocumentMetadata:
    doc_id: str
    title: str
    source: str
    content_hash: str
    province: str | None = None
    event_date: date | None = None
    dates: list[date] = field(default_factory=list)
    doc_numbers: list[str] = field(default_factory=list)
    url: str | None = None
    groups: list[str] = field(default_factory=list)
    instructions: list[str] = field(default_factory=list)  # sentences addressed to the assistant (never evidence)
    header: OfficialHeader | None = None  # an official document's own header and signature block
    lead: str = ""  # a news report's lead clause: the event its later paragraphs never name again

    def to_dict(self) -> dict[str, object]:
        data = asdict(self)
        data["event_date"] = self.event_date.isoformat() if self.event_date else None
        data["dates"] = [d.isoformat() for d in self.dates]
        if self.header is not None:
            data["header"]["issued"] = self.header.issued.isoformat() if self.header.issued else None
        return data


# What ingest reads from a text changes now and then (2: a document's legal bases and its recipients' lines; 3: the
# documents a body opening "Thực hiện …" carries out, as its bases; 4: a closing bracket ends a sentence only after
# a stop, which moves chunk boundaries; 5: a news report's lead; 6: the headings above a chunk's start; 7: more
# abbreviations in bcd/data/abbreviations.tsv, which shape a chunk's lexical terms; 8: departments' short names,
# "Sở NV", "CA tỉnh", and "KT-XH", "UV"; 9: a document's province is one it names as a name, not "hòa bình", peace;
# 10: a quarter in Roman figures, "Quý II/2026", has the lexical term of "quý 2/2026"; 11: "KH-CN" is spelled out
# as "khoa học và công nghệ", not read as "KH", a plan; 12: chat shorthand "yc", "ổng" and English words officials
# type, "deadline", "target", "focal point", have the lexical terms of what they stand for);
# the version is part of the hash, so a store written by an older reader is read again on the next ingest instead
# of being skipped as unchanged with fields missing.
READER_VERSION = 12


def content_hash(text: str) -> str:
    return hashlib.sha256(f"{READER_VERSION}\n{text}".encode("utf-8")).hexdigest()


def extract_metadata(
    text: str, *, doc_id: str, source: str, title: str | None = None, url: str | None = None
) -> DocumentMetadata:
    """Title, province, dates, cited document numbers and hash of one cleaned document."""
    default_year = _year_from_url(url)
    found = vn.find_dates(text, default_year=default_year)
    events = [d.value for d in found if d.is_event]
    issued = document_date(text)
    header = read_header(text)
    return DocumentMetadata(
        doc_id=doc_id,
        title=_given_title(title) or guess_title(text, source),
        source=source,
        content_hash=content_hash(text),
        province=vn.main_province(text),
        event_date=events[0] if events else issued,
        dates=sorted({d.value for d in found} | ({issued} if issued else set())),
        doc_numbers=vn.find_doc_numbers(text),
        url=url,
        instructions=instruction_sentences(text),
        header=header,
        lead="" if header is not None else news_lead(text),
    )


# --- Title ----------------------------------------------------------------------------------------

# Lines of an official document's header that are not its title: the state motto, "Số: 29/KH-UBND", the
# place-and-date line, rules under the issuer's name.
_HEADER_LINE = re.compile(r"^(?:độc lập\W+tự do\W+hạnh phúc|số\s*:|[-_=*.\s]+$)", re.IGNORECASE)
_NUMBER_LINE = re.compile(r"^số\s*:\s*(?P<number>\S+)", re.IGNORECASE)
# The kinds of official document whose name stands alone on a line above the trích yếu (the summary line).
_DOC_KINDS = ("chương trình hành động", "chương trình", "kế hoạch", "quyết định", "nghị quyết", "nghị định",
              "thông báo", "kết luận", "báo cáo", "chỉ thị", "hướng dẫn", "tờ trình", "quy chế", "quy định",
              "công văn", "thông tư", "đề án", "công điện")
# Where the trích yếu ends: the legal bases, the address, the first section.
_BODY_START = re.compile(r"^(?:căn cứ|thực hiện|kính gửi|theo|[IVX]+[.)]\s|\d+[.)]\s|[-_=*.\s]+$)",
                         re.IGNORECASE)
# A photo caption (what a crawl keeps from the pictures) describes a scene or the people in it; compared
# folded and lower-case.
_CAPTION = re.compile(r"^(?:quang canh|toan canh|canh |anh\s*:|anh minh hoa|cac dai bieu|dai bieu |"
                      r"cac dong chi|dong chi |lanh dao |cac thanh vien)|\((?:anh|nguon)\b[^)]*\)\s*$")


def guess_title(text: str, source: str = "") -> str:
    """The title of a document that came without one: an official document's kind, number and trích yếu;
    else a news heading (a short first line without a final full stop that is not a photo caption); else a
    file name written with diacritics (a person typed it); else the main clause of the lead sentence."""
    lines = _lines(text)
    return (_official_title(lines) or _heading(lines) or _title_from_name(source) or _lead_clause(lines))


def is_caption(line: str) -> bool:
    """A photo caption: "Quang cảnh cuộc họp.", "Đồng chí X phát biểu tại hội nghị", "… (Ảnh: Y)"."""
    return bool(_CAPTION.search(vn.fold(line).lower().strip()))


def _given_title(title: str | None) -> str | None:
    """The loader's title (HTML, PDF or DOCX metadata) unless it is a file name or a word processor's
    placeholder ("Microsoft Word - x.doc")."""
    title = " ".join(vn.normalize(title or "").split())
    if not title or re.search(r"^microsoft \w+ -|\.(?:docx?|pdf|txt|html?)$", title, re.IGNORECASE):
        return None
    return title


def _official_title(lines: list[str]) -> str | None:
    head = lines[:20]
    for i, line in enumerate(head):
        kind = next((k for k in _DOC_KINDS if line.lower() == k), None)
        if kind is None:
            continue
        summary: list[str] = []
        for following in head[i + 1 :]:
            if _BODY_START.match(following) or len(summary) == 3:
                break
            summary.append(following)
        if not summary:
            return None
        number = next((m.group("number") for n in head[:i] if (m := _NUMBER_LINE.match(n))), None)
        name = kind.capitalize() + (f" số {number}" if number else "")
        return _shorten(f"{name}: {' '.join(summary)}")
    return None


def _heading(lines: list[str]) -> str | None:
    for line in [line for line in lines if not _is_header_line(line)][:3]:
        if (len(line) <= _TITLE_MAX and not line.endswith((".", "…", ":", ";")) and len(line.split()) >= 4
                and not is_caption(line)):
            return line
    return None


def _is_header_line(line: str) -> bool:
    """A line of an official header: the motto, the number, the place and date, an issuer in capitals."""
    return bool(_HEADER_LINE.match(line) or _DATE_LINE.match(line) or (line.isupper() and len(line) <= 80))


def _title_from_name(source: str) -> str | None:
    name = re.sub(r"[_\s]+", " ", PurePath(source.replace("\\", "/")).stem).strip()
    return name if vn.has_diacritics(name) and len(name.split()) >= 3 else None


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


LEAD_MIN_WORDS = 12  # of a lead sentence's line: shorter ones are headings, captions, bylines


def _lead_clause(lines: list[str]) -> str:
    """The first clause of the lead sentence (ended at a semicolon or colon), past captions and header."""
    body = [line for line in lines if not is_caption(line) and not _is_header_line(line)] or lines
    first = next((line for line in body if len(line.split()) >= LEAD_MIN_WORDS), body[0] if body else "")
    spans = vn.split_sentences(first)
    sentence = first[spans[0][0] : spans[0][1]] if spans else first
    return _shorten(re.split(r"\s*[;:]\s", sentence, maxsplit=1)[0].rstrip(" ."))


def news_lead(text: str) -> str:
    """The first clause of a report's first sentence ("Sáng 20/3, Ban Chỉ đạo … tỉnh tổ chức họp phiên đầu
    tiên"), past its heading and captions: the event every later paragraph reports on without naming it."""
    body = [line for line in _lines(text) if line.endswith((".", "…", "!", "?")) and len(line.split()) >= LEAD_MIN_WORDS
            and not is_caption(line) and not _is_header_line(line)]
    return _lead_clause(body[:1]) if body else ""


def _shorten(title: str) -> str:
    """At most _TITLE_MAX characters, cut after a whole phrase (a comma) or at least a whole word."""
    if len(title) <= _TITLE_MAX:
        return title
    cut = title[:_TITLE_MAX]
    phrase = cut.rsplit(",", 1)[0]
    return (phrase if len(phrase) >= _TITLE_MAX // 2 else cut.rsplit(" ", 1)[0]).rstrip(",;: ") + "…"


# --- Date of an official document -------------------------------------------------------------------

# "Ngày 01/12/2025", "Lào Cai, ngày 01 tháng 12 năm 2025" opening a line: the day the document was issued.
_DATE_LINE = re.compile(r"^(?:[A-ZĐÀ-Ỹ][\w .-]{0,40},\s*)?ngày\s+" + vn.FULL_DATE_PATTERN, re.IGNORECASE)


def document_date(text: str) -> date | None:
    """The date on a line of its own opening ("Ngày 01/12/2025", "Hà Nội, ngày 1 tháng 12 năm 2025"): the
    issue date of a plan or decision; the event date when no "sáng/chiều dd/mm" says otherwise."""
    for line in vn.normalize(text).splitlines():
        match = _DATE_LINE.match(line.strip())
        if match:
            try:
                return date(int(match.group("y")), int(match.group("m")), int(match.group("d")))
            except ValueError:
                continue
    return None


def _year_from_url(url: str | None) -> int | None:
    match = re.search(r"/(20\d{2})(?:0[1-9]|1[0-2])?/", url or "")
    return int(match.group(1)) if match else None
