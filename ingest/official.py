"""The header and signature block of an official document (Nghị định 30/2020/NĐ-CP; Hướng dẫn 36-HD/VPTW for
Party documents), read into fields a user asks about: who issued it, its number, where and when, its kind and
subject (trích yếu), what it is based on (its "Căn cứ …" lines), who signed it and as what, and who receives it.

The layout is fixed but arrives scrambled: a Word file types the header as a two-column table (the issuer on
the left, the national motto and the date on the right), a PDF's text layer or OCR may give the columns one
after the other or line by line interleaved, and may run both columns into one line. So fields are recognised
by what they look like wherever they are among the first lines (the number by "Số", the date by "ngày … tháng …
năm", the kind by its name alone on a line), and the motto is cut out of any line that carries it; the
signature is read backwards from the end: the signer's name is the last name-shaped line, the position the
capitalised lines above it, the recipients the "-" lines under "Nơi nhận". Every field keeps the character span
of the line it came from, so an answer can quote it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from bcd import vietnamese as vn

Span = tuple[int, int]

HEADER_LINES = 30  # the header sits in the first lines; its fields are never looked for further down
SIGNATURE_LINES = 40  # the signature block and the recipients, counted from the end

_MOTTOS = re.compile(r"cộng hòa xã hội chủ nghĩa việt nam|độc lập\s*[-–]\s*tự do\s*[-–]\s*hạnh phúc|"
                     r"đảng cộng sản việt nam", re.IGNORECASE)
_SEPARATOR = re.compile(r"^[-_=*.·•\s]*$")
# "Số: 99/KH-UBND", "Số 12-NQ/TU": capitalised, on a short line (a sentence citing "Nghị quyết số 57-NQ/TW"
# is not a header)
_NUMBER = re.compile(r"(?<!\w)(?:Số|SỐ)\s*:?\s*(?P<number>\d{1,5}\s*[-/]\s*[\w/Đđ&-]+)")
MAX_NUMBER_LINE = 100
_PLACE_WORD = r"[A-ZĐÀ-Ỹ][a-zđà-ỹ]*\.?"
_DATE = re.compile(rf"(?:(?<!\S)(?P<place>(?:{_PLACE_WORD}\s+){{0,4}}{_PLACE_WORD})\s*,\s*)?ngày\s+"
                   + vn.LONG_DATE_PATTERN)
# what a trích yếu never is: the legal bases, the address, the authority that decides, the first section
_BODY = re.compile(r"^(?:căn cứ|kính gửi|[IVX]+\s*[.)]\s|\d+\s*[.)]\s|điều\s+\d|phần\s|chương\s)", re.IGNORECASE)
_ADMIN_UNIT = r"tỉnh|thành phố|huyện|quận|thị xã|xã|phường|thị trấn"
# matched on folded text (OCR may misplace the capitals' diacritics): "TỈNH HÒA BÌNH", not "TỈNH ỦY"
_UNIT_FOLDED = vn.fold(_ADMIN_UNIT)
_PLACE_IN = re.compile(rf"(?<!\w)(?:{_UNIT_FOLDED})\s+(?!uy(?!\w))(?P<place>\S.*)$", re.IGNORECASE)
_STARTS_WITH_UNIT = re.compile(rf"^(?:{_UNIT_FOLDED})\s+(?!uy(?!\w))", re.IGNORECASE)
# "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "T/M TỈNH ỦY", "TL. GIÁM ĐỐC": signing for someone else
_AUTHORITY = re.compile(r"^(?:t/m|tm|kt|tl|tuq|q|t\.m)\s*[.:/]?\s+\S", re.IGNORECASE)
_NOT_SIGNATURE = re.compile(r"^\(.*\)$|^\[.*\]$|đã ký|ký tên|đóng dấu|chữ ký", re.IGNORECASE)
_APPENDIX = re.compile(r"^PHỤ LỤC(?:\s+[IVX\d]+)?\s*$")
_RECIPIENTS = re.compile(r"^nơi nhận\s*:?\s*", re.IGNORECASE)
_BASIS = re.compile(r"^căn cứ\s+", re.IGNORECASE)
# a body that opens on what it carries out instead ("Thực hiện Nghị quyết số 57-NQ/TW …, Hội nghị … ban hành …",
# "Để cụ thể hóa Nghị quyết …, Ban Thường vụ Tỉnh ủy ban hành …"): those documents are its basis
_CARRIES_OUT = re.compile(r"^(?:để\s+)?(?:thực hiện|cụ thể hóa|cụ thể hoá|triển khai)\s+", re.IGNORECASE)
# where a basis that opens the body's first sentence ends: "Căn cứ …-CTr/TU ngày 28/4/2025 của Tỉnh ủy, Ủy ban nhân
# dân tỉnh ban hành Kế hoạch …" (the issuer acting, after the comma)
_ACTING = re.compile(r",\s+(?=[^,;]*(?<!\w)(?:ban hành|quyết định|thông báo|kết luận|chỉ đạo)(?!\w))")
BASES_AFTER_HEADER = 15  # lines past the kind and trích yếu where the legal bases are looked for
_ARCHIVE = re.compile(r"^lưu\s*:?", re.IGNORECASE)
_NAME_WORD = re.compile(r"^[A-ZĐÀ-Ỹ][a-zđà-ỹ]+$")
_KIND_NAMES = sorted(vn.DOC_TYPES, key=len, reverse=True)  # "chương trình hành động" before "chương trình"
_KIND_BY_CODE = {vn.fold(code).lower(): name for name, code in reversed(list(vn.DOC_TYPES.items()))}


@dataclass
class OfficialHeader:
    doc_type: str | None = None  # "Kế hoạch"
    number: str | None = None  # "99/KH-UBND"
    issuer: str | None = None  # "Ủy ban nhân dân tỉnh Hòa Bình"
    superior: str | None = None  # the body above the issuer, when the header names one ("Đảng bộ tỉnh Hòa Bình")
    place: str | None = None
    issued: date | None = None
    subject: str | None = None  # the trích yếu
    signer: str | None = None
    position: str | None = None  # "Phó Chủ tịch"
    authority: str | None = None  # signing on behalf of: "KT. Chủ tịch", "TM. Ủy ban nhân dân"
    recipients: list[str] = field(default_factory=list)
    bases: list[str] = field(default_factory=list)  # "Luật Tổ chức chính quyền địa phương ngày 19 tháng 02 năm 2025"
    spans: dict[str, Span] = field(default_factory=dict)  # field → span of the line(s) it was read from

    @property
    def name(self) -> str | None:
        """How a citation names the document: "Kế hoạch 99/KH-UBND"."""
        if self.doc_type and self.number:
            return f"{self.doc_type} {self.number}"
        return self.doc_type and self.subject and f"{self.doc_type} {self.subject}"


def pack_spans(spans: dict[str, Span]) -> str:
    """Header spans as one flat string for chunk metadata: "signer:812-825|date:40-78"."""
    return "|".join(f"{name}:{start}-{end}" for name, (start, end) in spans.items())


def unpack_spans(packed: str) -> dict[str, Span]:
    spans = {}
    for item in (packed or "").split("|"):
        name, _, span = item.partition(":")
        start, _, end = span.partition("-")
        if start.isdigit() and end.isdigit():
            spans[name] = (int(start), int(end))
    return spans


@dataclass(frozen=True)
class _Line:
    text: str
    start: int
    end: int


def _lines(text: str) -> list[_Line]:
    found, offset = [], 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            start = offset + raw.index(stripped)
            found.append(_Line(stripped, start, start + len(stripped)))
        offset += len(raw) + 1
    return found


def read_header(text: str) -> OfficialHeader | None:
    """The official header of a cleaned document (one paragraph per line), None when it has none: a document
    is official when its first lines give both its number ("Số: …") and either its kind on a line of its own
    or the place-and-date line."""
    lines = _lines(text)
    head = lines[:HEADER_LINES]
    header = OfficialHeader()
    number_at = _read_number(head, header)
    date_at = _read_date(head, header)
    kind_at = _read_kind(head, header, after=max(number_at or 0, date_at or 0))
    if number_at is None or (date_at is None and kind_at is None):
        return None
    if header.doc_type is None and header.number:
        code = re.split(r"[-/]", header.number)[1] if re.search(r"[-/]", header.number) else ""
        kind = _KIND_BY_CODE.get(vn.fold(code).lower())
        header.doc_type = kind.capitalize() if kind else None
    _read_issuer(head[: min(i for i in (number_at, date_at, kind_at) if i is not None) + 1], header)
    # the signature closes the body: an appendix (PHỤ LỤC, a task table) may follow it
    end = next((i for i in range((kind_at or number_at) + 1, len(lines)) if _APPENDIX.match(lines[i].text)),
               len(lines))
    _read_signature(lines[max(end - SIGNATURE_LINES, (kind_at or number_at) + 1):end], header)
    body = lines[(kind_at or number_at) + 1:(kind_at or number_at) + 1 + BASES_AFTER_HEADER]
    subject_end = header.spans.get("subject", (0, 0))[1]
    _read_bases([line for line in body if line.start >= subject_end], header)  # (a trích yếu "thực hiện NQ …" is none)
    return header


def _read_bases(body: list[_Line], header: OfficialHeader) -> None:
    """The consecutive "Căn cứ …;" lines that open the body: the documents this one is issued on; without them, the
    documents a first line opening "Thực hiện …"/"Để cụ thể hóa …" carries out."""
    found: list[_Line] = []
    for line in body:
        if _BASIS.match(line.text):
            found.append(line)
        elif found:
            break
    opener = _BASIS
    if not found and (first := next((line for line in body if _CARRIES_OUT.match(line.text)
                                     and vn.find_doc_numbers(line.text)), None)) is not None:
        found, opener = [first], _CARRIES_OUT
    for line in found:
        basis = _ACTING.split(opener.sub("", line.text), maxsplit=1)[0].rstrip(" ;.,:")
        if basis:
            header.bases.append(basis)
    if found:
        header.spans["bases"] = (found[0].start, found[-1].end)


def _read_number(head: list[_Line], header: OfficialHeader) -> int | None:
    for i, line in enumerate(head):
        if not (len(line.text) <= MAX_NUMBER_LINE and (match := _NUMBER.search(line.text))):
            continue
        written = re.sub(r"\s*([-/])\s*", r"\1", match.group("number"))
        if vn.find_doc_numbers(written):
            header.number = written  # as written ("08-NQ/TU"); vn.doc_number_key compares it
            header.spans["number"] = (line.start + match.start(), line.start + match.end())
            return i
    return None


def _read_date(head: list[_Line], header: OfficialHeader) -> int | None:
    for i, line in enumerate(head):
        if match := _DATE.search(line.text):
            try:
                header.issued = date(int(match.group("y")), int(match.group("m")), int(match.group("d")))
            except ValueError:
                continue
            place = (match.group("place") or "").strip()
            header.place = place or None
            header.spans["date"] = (line.start + match.start(), line.start + match.end())
            return i
    return None


def _read_kind(head: list[_Line], header: OfficialHeader, after: int) -> int | None:
    """The kind stands alone on a line after the number and the date (an issuer such as "BAN CHỈ ĐẠO" may
    hold a kind's words above them); the trích yếu follows it, at most three short lines."""
    for i in range(after, len(head)):
        lowered = _without_mottos(head[i].text).lower().rstrip(" :")
        kind = next((k for k in _KIND_NAMES if lowered == k or lowered.startswith(k + " ")), None)
        if kind is None or not head[i].text.isupper():
            continue
        header.doc_type = kind.capitalize()
        subject: list[_Line] = []
        rest = lowered[len(kind):].strip()
        if rest:  # "THÔNG BÁO KẾT LUẬN CỦA ..." on one line
            subject.append(_Line(head[i].text[len(head[i].text) - len(rest):], head[i].end - len(rest), head[i].end))
        for line in head[i + 1 :]:
            if (len(subject) == 3 or _SEPARATOR.match(line.text) or _BODY.match(line.text)
                    or (subject and (len(line.text) > 160 or line.text.endswith((".", ":", ";"))))
                    # "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH" deciding, under a decision's trích yếu
                    or (subject and line.text.isupper() and not subject[-1].text.isupper())):
                break
            if line.text.endswith(":"):
                break
            subject.append(line)
        if subject:
            words = " ".join(s.text.lower() if s.text.isupper() else s.text for s in subject)
            header.subject = words[:1].upper() + words[1:]
            header.spans["subject"] = (subject[0].start, subject[-1].end)
        header.spans["doc_type"] = (head[i].start, head[i].end)
        return i
    return None


def _read_issuer(head: list[_Line], header: OfficialHeader) -> None:
    """The capitalised lines above the number: one name broken over two lines ("ỦY BAN NHÂN DÂN" / "TỈNH HÒA
    BÌNH"), or the superior body then the issuer ("ĐẢNG BỘ TỈNH HÒA BÌNH" / "TỈNH ỦY")."""
    parts: list[tuple[str, _Line]] = []
    for line in head:
        text = _NUMBER.split(_without_mottos(line.text))[0]
        text = _capitalised_prefix(_DATE.split(text)[0]).strip(" *-–_,")
        if text and text.isupper() and not _SEPARATOR.match(text) and vn.fold(text).lower() not in {
                vn.fold(k) for k in vn.DOC_TYPES}:
            parts.append((text, line))
    if not parts:
        return
    names = [text for text, _ in parts]
    if len(names) >= 2 and _STARTS_WITH_UNIT.match(vn.fold(names[1])) and not _PLACE_IN.search(vn.fold(names[0])):
        names = [f"{names[0]} {names[1]}", *names[2:]]  # one name on two lines
    names = [vn.expand_abbreviations(n) for n in names]  # "UBND TỈNH …": the name, not its short form
    issuer = " ".join(names[1:]) if len(names) > 1 else names[0]
    superior = names[0] if len(names) > 1 else None
    named = ""
    if superior and not _PLACE_IN.search(vn.fold(issuer)) and (place := _PLACE_IN.search(vn.fold(superior))):
        # "BAN CHỈ ĐẠO" under "UBND TỈNH HÒA BÌNH"; "TỈNH ỦY" under "ĐẢNG BỘ TỈNH HÒA BÌNH" is "Tỉnh ủy Hòa Bình"
        if vn.fold(issuer).lower().split()[-1:] == ["uy"]:
            named = _canonical_words(superior[place.start("place"):])
        else:
            issuer = f"{issuer} {superior[place.start():]}"
    header.issuer = " ".join(filter(None, [_organisation_case(issuer), named]))
    header.superior = _organisation_case(superior) if superior else None
    header.spans["issuer"] = (parts[0][1].start, parts[-1][1].end)


def _read_signature(tail: list[_Line], header: OfficialHeader) -> None:
    tail = [part for line in tail for part in _split_columns(line)]
    name_at = next((i for i in range(len(tail) - 1, -1, -1) if _is_name(tail[i].text)), None)
    if name_at is not None:
        header.signer = tail[name_at].text
        header.spans["signer"] = (tail[name_at].start, tail[name_at].end)
        titles = []
        for line in reversed(tail[:name_at]):
            text = line.text
            if _NOT_SIGNATURE.search(text) or text.startswith(("-", "+")) or _RECIPIENTS.match(text):
                continue
            if not text.isupper():
                break
            titles.insert(0, line)
            if len(titles) == 4:  # "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH" at most
                break
        positions = [t for t in titles if not _AUTHORITY.match(t.text) and not _ARCHIVE.match(t.text)]
        authorities = [t for t in titles if _AUTHORITY.match(t.text)]
        if positions:
            header.position = _organisation_case(positions[-1].text)
            header.spans["position"] = (positions[-1].start, positions[-1].end)
        elif authorities:  # "T/M TỈNH ỦY" / "BÍ THƯ" split otherwise; a lone "KT. CHỦ TỊCH" is a deputy
            header.position = _organisation_case(re.sub(r"^\S+\s+", "", authorities[-1].text))
        if authorities:
            header.authority = " ".join(_authority_case(a.text) for a in authorities)
    opened = next((i for i, line in enumerate(tail) if _RECIPIENTS.match(line.text)), None)
    if opened is not None:
        first = _RECIPIENTS.sub("", tail[opened].text)
        last = tail[opened]
        inline = [_Line(first, tail[opened].end - len(first), tail[opened].end)] if first else []
        for line in inline + tail[opened + 1:]:
            if line.text.startswith(("-", "+")):
                item = line.text.lstrip("-+ ").rstrip(" ;.,")
                if item and not _ARCHIVE.match(item):
                    header.recipients.append(item)
                    last = line
        if header.recipients:
            header.spans["recipients"] = (tail[opened].start, last.end)


# a recipient and a signature title run into one line ("- Thường trực Tỉnh ủy; PHÓ CHỦ TỊCH")
_CLAUSE_END = re.compile(r"[;:,.]\s+")


def _split_columns(line: _Line) -> list[_Line]:
    if not (line.text.startswith(("-", "+")) or _RECIPIENTS.match(line.text)) or \
            _ARCHIVE.match(line.text.lstrip("-+ ")):
        return [line]
    for match in _CLAUSE_END.finditer(line.text):
        right = line.text[match.end():]
        if right.isupper() and len(right.split()) >= 2:
            left = line.text[: match.start() + 1]
            return [_Line(left, line.start, line.start + len(left)), _Line(right, line.end - len(right), line.end)]
    return [line]


def _is_name(text: str) -> bool:
    """A signer's name: two to five capitalised words, the first a family name or at least not a title."""
    words = text.split()
    return (2 <= len(words) <= 5 and all(_NAME_WORD.match(w) for w in words)
            and words[0].lower() not in {"nơi", "ngày", "văn", "trân", "kính", "ủy", "uỷ", "ban", "sở"})


def _without_mottos(text: str) -> str:
    return " ".join(_MOTTOS.sub(" ", vn.normalize(text)).split())


# The closed vocabulary of headers and signature blocks. OCR reads the diacritics of capitals badly ("TĨNH",
# "TÌNH UY" for "TỈNH ỦY"); compared folded, these words and the province names are written back correctly.
_HEADER_WORDS = ("ủy ban nhân dân", "hội đồng nhân dân", "ủy ban mặt trận tổ quốc", "tỉnh ủy", "thành ủy",
                 "huyện ủy", "đảng ủy", "đảng bộ", "Ban Chỉ đạo", "Ban Thường vụ", "Ban Chấp hành", "Ban Bí thư",
                 "Bộ Chính trị", "Trung ương", "văn phòng", "thành phố", "thị xã", "thị trấn", "tỉnh", "huyện",
                 "quận", "xã", "phường", "sở", "ban", "phó", "trưởng ban", "thường trực", "Chủ tịch", "bí thư",
                 "giám đốc", "chánh văn phòng", "ủy viên", "chính quyền số", "chuyển đổi số", "khoa học",
                 "công nghệ", "đổi mới sáng tạo", "nhân dân")


@lru_cache(maxsize=1)
def _vocabulary() -> dict[tuple[str, ...], str]:
    words = {tuple(vn.fold(w).lower().split()): w for w in _HEADER_WORDS}
    for name, _ in vn.province_patterns():
        words[tuple(vn.fold(name).lower().split())] = name
    return words


def _canonical_words(text: str) -> str:
    """Lower-case words, each run that folds to a vocabulary entry written as the entry (longest first)."""
    words = text.lower().split()
    folded = [vn.fold(w) for w in words]
    vocabulary = _vocabulary()
    longest = max(len(k) for k in vocabulary)
    out, i = [], 0
    while i < len(words):
        for size in range(min(longest, len(words) - i), 0, -1):
            if (entry := vocabulary.get(tuple(folded[i:i + size]))) is not None:
                out.append(entry)
                i += size
                break
        else:
            out.append(words[i])
            i += 1
    return " ".join(out)


def _organisation_case(text: str) -> str:
    """"ỦY BAN NHÂN DÂN TỈNH HÒA BÌNH" → "Ủy ban nhân dân tỉnh Hòa Bình": lower case but the first letter, the
    province, and the fixed names of Party and State bodies (also when OCR garbled their diacritics)."""
    cased = _canonical_words(text)
    return cased[:1].upper() + cased[1:]


def _capitalised_prefix(text: str) -> str:
    """The line up to its first word in lower case (OCR noise after a capitalised header line: 'SỐ "a Í')."""
    kept = []
    for word in text.split():
        if any(c.islower() for c in word):
            break
        kept.append(word)
    return " ".join(kept)


def _authority_case(text: str) -> str:
    prefix, _, rest = text.partition(" ")
    return f"{prefix.upper()} {_organisation_case(rest)}"
