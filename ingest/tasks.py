"""Assigned tasks (who must do what by when) read out of directive documents, and their store.

Officials ask for complete lists ("Sở KH&CN chủ trì những nhiệm vụ nào?", "nhiệm vụ nào đến hạn trong tháng
12/2025?"), which top-k retrieval cannot give; so tasks are extracted once at ingest into a SQLite table kept
beside the index (the ingest pipeline replaces a document's tasks whenever its text changes) and queried
exactly.

Two sources of tasks in the cleaned text (one paragraph per line; ingest/tables.py, ingest/structure.py):
- task-table rows, which arrive as "3. Nhiệm vụ: ...; Cơ quan chủ trì: ...; Thời hạn: ..." with their column
  names; a table counts when it has a lead-agency or a deadline column;
- numbered or bulleted paragraphs that assign work: "a) Sở Nội vụ tham mưu ..., hoàn thành trong tháng
  02/2026", "2. Sở Tài chính chủ trì, phối hợp với ...". Such a paragraph is a task when an agency is its
  subject (or "X chủ trì" names the lead) or it sets a deadline, and it is not under a heading that states
  aims, targets, results or budget ("Mục tiêu", "Chỉ tiêu", "Tồn tại, hạn chế", "Kinh phí"...). A clause
  after ";" with an agency of its own ("...; giao Ban Tuyên giáo chủ trì ...") is a task of its own.
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Literal

from bcd import vietnamese as vn
from ingest.structure import BULLET_KINDS, parse


@dataclass
class Task:
    """One assigned task, with the span of its row/paragraph in the stored cleaned text."""

    task_id: str
    doc_id: str
    doc_name: str
    text: str
    lead: str | None = None
    lead_as_written: str | None = None
    partners: list[str] = field(default_factory=list)
    output: str | None = None
    deadline_text: str | None = None
    due: date | None = None
    recurring: bool = False
    section: str | None = None
    start: int = 0
    end: int = 0

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready fields (the due date as YYYY-MM-DD)."""
        row = asdict(self)
        row["due"] = self.due.isoformat() if self.due else None
        return row


# --- Extraction -----------------------------------------------------------------------------------

# Column names, folded: which field a task-table column holds. Checked in order ("Thời gian thực hiện" is
# a deadline, "Đơn vị thực hiện" the lead).
_COLUMNS: list[tuple[str, re.Pattern[str]]] = [
    ("partners", re.compile(r"phoi hop")),
    ("lead", re.compile(r"chu tri")),
    ("deadline", re.compile(r"thoi han|thoi gian|tien do|han hoan thanh|thoi diem|han (?:trinh|nop)")),
    ("output", re.compile(r"san pham|ket qua|hinh thuc")),
    ("lead", re.compile(r"co quan|don vi|trach nhiem|thuc hien")),
    ("text", re.compile(r"nhiem vu|noi dung|cong viec|ten |de an|giai phap|hoat dong")),
]
_START_COLUMN = re.compile(r"bat dau|tu ngay|khoi cong")  # "Thời hạn - Bắt đầu": not the deadline
_FIELD_SPLIT = re.compile(r";\s+(?=[^:;]{1,60}:\s)")
_MARKER = re.compile(r"^\s*(?:#{1,6}\s+)?(?:\*\*)?(?:(?:Điều|điều)\s+\d+[a-z]?\s*[.:]|"
                     r"\d{1,3}(?:\.\d{1,2}){0,3}[.)]|"
                     r"[a-zđ]\s*[).]|[-–—+•*])\s*(?:\*\*)?\s*")
# Headings whose items state aims, results or money, not assignments
_NOT_TASKS = re.compile(r"muc dich|yeu cau|muc tieu|chi tieu|quan diem|tinh hinh|ket qua dat duoc|"
                        r"ket qua thuc hien|ton tai|han che|nguyen nhan|kinh phi|can cu|danh gia|"
                        r"boi canh|thanh phan|quyen han|y nghia")
# A line that only finishes the item above it ("2027.", "thành phố."): OCR can leave a wrapped item's
# last word or two alone; a sentence of its own starts with a capital and is longer
_CONTINUATION = re.compile(r"^\s*(?:[a-zđà-ỹ0-9][^\s]*)(?:\s+\S+){0,3}\s*[.;,]?\s*$")
_CLOSING = re.compile(r"^\s*(?:\*\*)?nơi nhận\s*:", re.IGNORECASE)
_REOPENS = re.compile(r"^\s*(?:\*\*)?(?:phụ lục|PHỤ LỤC)")
# Lower-case words that end an agency's name when it is a sentence's subject ("Sở Tài chính chủ trì").
# Names capitalise each part ("Ban Quản lý ..."), so only lower-case words stop.
_VERBS = ("chủ trì", "phối hợp", "là", "thực hiện", "tham mưu", "chỉ đạo", "lãnh đạo", "tổ chức", "xây dựng",
          "hoàn thành", "hoàn thiện", "theo dõi", "chịu trách nhiệm", "có trách nhiệm", "triển khai",
          "rà soát",
          "ban hành", "hướng dẫn", "kiểm tra", "giám sát", "báo cáo", "tổng hợp", "đôn đốc", "nghiên cứu",
          "đề xuất", "trình", "bố trí", "bảo đảm", "đảm bảo", "tăng cường", "đẩy mạnh", "đẩy nhanh",
          "khẩn trương", "quán triệt", "tiếp tục", "cập nhật", "nâng cấp", "hỗ trợ", "phụ trách", "họp",
          "cung cấp", "quản lý", "mở", "tuyên truyền", "chủ động", "phân công", "duy trì", "vận hành",
          "ứng dụng", "số hóa", "kết nối", "tiếp nhận", "xử lý", "giải quyết", "phát động", "đánh giá",
          "thẩm định", "điều phối", "giúp", "thống nhất", "tập trung", "ưu tiên", "tiếp thu", "lập",
          "xác định", "thành lập", "sửa đổi", "bổ sung", "cử", "điều chỉnh", "lựa chọn", "soạn thảo",
          "dự thảo", "ký", "phê duyệt", "chuẩn bị", "rà", "phổ biến", "vận động", "sắp xếp", "làm",
          "được", "cần", "phải", "sớm", "nghiêm túc", "căn cứ", "theo", "với", "đã", "sẽ", "đang", "tự",
          "cùng", "nắm", "khảo sát", "tích cực", "chịu", "đề nghị", "thường xuyên", "định kỳ", "trước",
          "trong", "đến", "hằng", "hàng", "mỗi", "có", "giao", "đôn", "tiến hành", "gửi", "nộp")
_VERB = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(v) for v in sorted(_VERBS, key=len, reverse=True))
                   + r")(?!\w)")
_ASSIGN = re.compile(r"^(?:giao\s+cho|giao|đề nghị|yêu cầu|đồng ý|chỉ đạo)\s+", re.IGNORECASE)
_TITLES = re.compile(r"^(?:giám đốc|chủ tịch|thủ trưởng|chánh văn phòng|chánh thanh tra|trưởng ban|"
                     r"trưởng|người đứng đầu|lãnh đạo|bí thư|tổng giám đốc)\s+(?:các\s+)?", re.IGNORECASE)
_PARTNER = re.compile(r"(?:phối hợp(?:\s+chặt chẽ)?(?:\s+với)?|cùng với)\s+", re.IGNORECASE)
_LEAD_MARK = re.compile(r"\s+(?:chủ trì|là cơ quan chủ trì|là cơ quan thường trực)")
_DOC_YEAR = re.compile(r"ngày\s+" + vn.LONG_DATE_PATTERN)


def extract_tasks(text: str, doc_id: str, doc_name: str) -> list[Task]:
    """The tasks of one document's cleaned text (table rows and numbered task paragraphs), in order."""
    year_match = _DOC_YEAR.search(text[:3000])
    default_year = int(year_match.group("y")) if year_match and 1900 <= int(year_match.group("y")) < 2100 else None
    structure = parse(text)
    tasks: list[Task] = []
    closing = False
    lines = structure.lines
    for index, line in enumerate(lines):
        raw = text[line.start:line.end]
        if _CLOSING.match(raw):
            closing = True
            continue
        if closing and (_REOPENS.match(raw) or (line.path and line.path[-1].kind == "row")):
            closing = False
        if closing or not raw.strip():
            continue
        if line.opens and line.path[-1].kind == "row":
            task = _row_task(raw, line.start, default_year)
            found = [task] if task else []
        elif line.opens and line.path[-1].kind not in ("roman", "alpha", "phuluc", "phan", "chuong", "muc"):
            if any(_NOT_TASKS.search(vn.fold(h.text).lower()) for h in line.path[:-1]):
                continue
            end = line.end
            for following in lines[index + 1:]:  # an OCR'd item's last words left on a line of their own
                if not _CONTINUATION.match(text[following.start:following.end]) or following.opens:
                    break
                end = following.end
            if raw.rstrip().endswith(":") and index + 1 < len(lines) and lines[index + 1].opens and \
                    len(lines[index + 1].path) > len(line.path):
                continue  # "1. Sở Nội vụ chủ trì các nhiệm vụ sau:" heads its items, which inherit the agency
            found = _paragraph_tasks(text[line.start:end].replace("\n", " "), line.start, default_year,
                                     _heading_agency(text, line.path[:-1]))
        else:
            continue
        for task in found:
            task.doc_id, task.doc_name = doc_id, doc_name
            task.section = structure.label_at(task.start) or None
            tasks.append(task)
    seen: dict[str, int] = {}
    for task in tasks:  # stable ids: the document and the task's own words (a repeat gets a suffix)
        digest = hashlib.sha1(vn.normalize(text[task.start:task.end]).encode()).hexdigest()[:12]
        seen[digest] = seen.get(digest, 0) + 1
        task.task_id = f"{doc_id}:{digest}" + (f"-{seen[digest]}" if seen[digest] > 1 else "")
    return tasks


def _row_task(line: str, offset: int, default_year: int | None) -> Task | None:
    """A task-table row: "N. Column: value; Column: value; ..." (None when the table assigns nothing)."""
    marker = _MARKER.match(line)
    body = line[marker.end():] if marker else line
    cells: dict[str, str] = {}
    first_other: str | None = None
    for part in _FIELD_SPLIT.split(body):
        name, sep, value = part.partition(":")
        value = value.strip().rstrip(";").strip()
        if not sep or not value:
            continue
        folded = vn.fold(name).lower()
        kind = None if _START_COLUMN.search(folded) else next(
            (k for k, p in _COLUMNS if p.search(folded)), None)
        if kind is None:
            first_other = first_other or value
        elif kind not in cells:
            cells[kind] = value
    if "lead" not in cells and "deadline" not in cells:
        return None
    task_text = cells.get("text") or first_other
    if not task_text:
        return None
    leads = split_agencies(cells["lead"]) if "lead" in cells else []
    partners = [vn.canonical_agency(p) for p in split_agencies(cells.get("partners", ""))]
    partners += [vn.canonical_agency(p) for p in leads[1:]]
    deadline = vn.parse_deadline(cells["deadline"], default_year) if "deadline" in cells else None
    return Task(task_id="", doc_id="", doc_name="", text=task_text,
                lead=vn.canonical_agency(leads[0]) if leads else None,
                lead_as_written=leads[0] if leads else None,
                partners=_unique(partners), output=cells.get("output"),
                deadline_text=cells.get("deadline"), due=deadline.due if deadline else None,
                recurring=deadline.recurring if deadline else False,
                start=offset, end=offset + len(line.rstrip()))


def _heading_agency(text: str, path: tuple[Any, ...]) -> str | None:
    """The agency an item inherits from the numbered heading it sits under when that heading names only an
    agency ("2. Sở Y tế:") or assigns the items below it ("1. Sở Nội vụ chủ trì các nhiệm vụ sau:")."""
    for heading in reversed(path):
        if heading.kind in BULLET_KINDS or heading.kind == "row":
            continue
        name = heading.text.strip(" :.;")
        if vn.is_agency_start(name) and _VERB.search(name) is None and len(name.split()) <= 15:
            return name
        line = text[heading.start:text.find("\n", heading.start) % (len(text) + 1)].rstrip()
        marker = _MARKER.match(line)
        if line.endswith(":") and marker:
            subject = _subject(line[marker.end():])
            return subject[0] if subject else None
        return None
    return None


def _paragraph_tasks(line: str, offset: int, default_year: int | None,
                     inherited: str | None = None) -> list[Task]:
    """The tasks a numbered paragraph assigns: one, or one per clause that names its own agency. An item
    without an agency of its own takes `inherited`, the agency its heading names."""
    marker = _MARKER.match(line)
    if not marker:
        return []
    body_start = marker.end()
    body = line[body_start:].rstrip()
    body = re.sub(r"\*\*", "  ", body)  # bold marks kept out, offsets kept
    # clauses: (start, end) inside body, split at ";" outside parentheses
    clauses: list[tuple[int, int]] = []
    depth, start = 0, 0
    for i, ch in enumerate(body):
        depth += ch == "("
        depth -= ch == ")" and depth > 0
        if ch == ";" and depth == 0:
            clauses.append((start, i))
            start = i + 1
    clauses.append((start, len(body)))
    subjects = [_subject(body[a:b]) for a, b in clauses]
    # groups of clauses: a new task starts at a clause with its own subject once the first has one
    groups: list[tuple[int, int, tuple[str, int, int] | None]] = []
    for (a, b), subject in zip(clauses, subjects):
        if groups and (subject is None or groups[0][2] is None):
            ga, _, gs = groups[-1]
            groups[-1] = (ga, b, gs or subject)
        else:
            groups.append((a, b, subject))
    tasks: list[Task] = []
    for a, b, subject in groups:
        while a < b and body[a] in " ;":
            a += 1
        segment = body[a:b].rstrip(" ;.")
        words = len(segment.split()) - (len(subject[0].split()) if subject else 0)
        if words < 2:  # "2. Sở Y tế:" heads the items below it, which inherit it
            continue
        spans = vn.deadline_spans(segment, default_year, in_sentence=True)
        if subject is None and inherited:
            subject = (inherited, 0, 0)
        if subject is None and not spans:
            continue
        lead_written = subject[0] if subject else None
        leads = split_agencies(lead_written) if lead_written else []
        lead = vn.canonical_agency(leads[0]) if leads else None
        partners = [vn.canonical_agency(p) for p in leads[1:]] + _partners(segment)
        deadline_text, due, recurring = _deadline(segment, spans, default_year)
        tasks.append(Task(task_id="", doc_id="", doc_name="", text=segment,
                          lead=lead, lead_as_written=leads[0] if leads else None,
                          partners=_unique(p for p in partners if p != lead),
                          output=None, deadline_text=deadline_text, due=due, recurring=recurring,
                          start=offset + body_start + a, end=offset + body_start + a + len(segment)))
    return tasks


def _subject(clause: str) -> tuple[str, int, int] | None:
    """The agency a clause assigns work to, as written, with its span: its subject ("Sở Nội vụ tham mưu",
    "giao Ban Tuyên giáo chủ trì", "Giám đốc Sở Y tế chỉ đạo") or the agency named before "chủ trì"."""
    lead = len(clause) - len(clause.lstrip())
    rest = clause[lead:]
    assign = _ASSIGN.match(rest)
    if assign:
        rest, lead = rest[assign.end():], lead + assign.end()
    title = _TITLES.match(rest)
    if title and vn.is_agency_start(rest[title.end():]):
        rest, lead = rest[title.end():], lead + title.end()
    if vn.is_agency_start(rest):
        name = _name_until_verb(rest)
        if name:
            # "UBND tỉnh giao Sở Xây dựng chủ trì ...": the agency given the work leads it
            after = rest[len(name):].lstrip(" ,:")
            handed = _ASSIGN.match(after)
            if handed and handed.group(0).strip().lower() != "chỉ đạo":
                inner = _subject(after)
                if inner:
                    offset = lead + len(rest) - len(after)
                    return inner[0], offset + inner[1], offset + inner[2]
            return name, lead, lead + len(name)
    mark = _LEAD_MARK.search(clause)
    if mark:  # "...; Văn phòng Tỉnh ủy chủ trì thực hiện" handled above; "trong đó X chủ trì"
        head = clause[:mark.start()]
        for m in re.finditer(r"(?:^|[,:]\s*|\s)(?=[A-ZĐỦ])", head):
            candidate = head[m.end():]
            if vn.is_agency_start(candidate) and _VERB.search(candidate) is None:
                return candidate.strip(), m.end(), mark.start()
    return None


def _name_until_verb(text: str) -> str | None:
    """An agency's name at the start of `text`: a listed agency (the longest that fits), else the words
    up to the first lower-case verb (at most 20 words)."""
    known = _listed_prefix(text)
    if known:  # "các sở, ngành liên quan cân đối ...": a listed name ends there, unless a list goes on
        more = re.match(r"\s*(?:,|và)\s*", text[len(known):])
        if not (more and vn.is_agency_start(text[len(known) + more.end():])):
            return known
    verb = _VERB.search(text)
    end = verb.start() if verb else None
    for stop in (":", "(", "\n"):
        at = text.find(stop)
        if at >= 0 and (end is None or at < end):
            end = at
    if end is None:
        return None
    name = text[:end].strip(" ,;")
    return name if name and len(name.split()) <= 20 else None


def _listed_prefix(text: str) -> str | None:
    """The longest beginning of `text` (whole words, up to 15) that is a listed agency's name."""
    words = list(re.finditer(r"\S+", text[:200]))
    for n in range(min(len(words), 15), 0, -1):
        candidate = text[:words[n - 1].end()].rstrip(" ,;.:")
        if words[n - 1].group(0).strip(",;.:") not in ("và", "&") and vn.known_agency(candidate):
            return candidate
    return None


def _partners(segment: str) -> list[str]:
    """Agencies named after "phối hợp với" / "cùng với", up to the next verb."""
    found: list[str] = []
    for m in _PARTNER.finditer(segment):
        rest = segment[m.end():]
        if not vn.is_agency_start(rest[:1].upper() + rest[1:]):
            continue
        name = _name_until_verb(rest + " là")  # a partner list may end the sentence
        if name:
            found += [vn.canonical_agency(p) for p in split_agencies(name)]
    return found


def _deadline(segment: str, spans: list[vn.DeadlineSpan],
              default_year: int | None) -> tuple[str | None, date | None, bool]:
    """The deadline as written in a sentence (with its "trước"/"trong"/"đến"...), the latest due date, and
    whether it recurs. A date and a recurrence side by side ("trước ngày 15 tháng 12 hằng năm") are one."""
    if not spans:
        return None, None, False
    recurring = any(s.recurring for s in spans)
    dated = [s for s in spans if s.due is not None]
    chosen = max(dated, key=lambda s: s.due) if dated else spans[0]  # type: ignore[arg-type, return-value]
    start, end = chosen.start, chosen.end
    for s in spans:  # join neighbours: "trước ngày 15 tháng 12" + "hằng năm"
        if s is not chosen and (0 <= s.start - end <= 2 or 0 <= start - s.end <= 2):
            start, end = min(start, s.start), max(end, s.end)
    lead = re.search(r"(?:(?:hoàn thành|xong)\s+)?(?:trước|trong|đến|vào|chậm nhất(?:\s+là)?|hoàn thành|xong)"
                     r"\s+(?:ngày\s+)?$", segment[max(0, start - 30):start], re.IGNORECASE)
    if lead:
        start -= len(lead.group(0))
    due = chosen.due
    if recurring and not re.search(r"(?:19|20)\d\d", segment[start:end]):
        due = None  # "trước ngày 15 tháng 12 hằng năm": every year, no single date
    return segment[start:end].strip(), due, recurring


def split_agencies(text: str) -> list[str]:
    """Agencies listed in one cell or phrase, as written: "Sở KH&CN, Công an tỉnh" → two; "Sở Văn hóa, Thể
    thao và Du lịch" or "UBND các huyện, thành phố" stay one (a listed name, or a part that does not begin
    like an agency, belongs to the name before it)."""
    text = " ".join(text.split()).strip(" ,;.")
    if not text:
        return []
    pieces = [p.strip() for p in re.split(r"[,;]", text) if p.strip()]
    names: list[str] = []
    i = 0
    while i < len(pieces):
        for j in range(len(pieces), i, -1):  # the longest run of pieces that is a listed agency
            joined = ", ".join(pieces[i:j])
            if j > i + 1 and vn.known_agency(joined):
                names.append(joined)
                i = j
                break
        else:
            piece = pieces[i]
            # a part in lower case ("ban", "thành phố") or not shaped like a name continues the one before
            if names and not (vn.is_agency_start(piece) or vn.known_agency(piece) and piece[:1].isupper()):
                names[-1] = f"{names[-1]}, {piece}"
            else:
                names.append(piece)
            i += 1
    result: list[str] = []
    for name in names:  # "Sở Tài chính và Sở Tư pháp": two; "Sở Khoa học và Công nghệ": one
        parts = re.split(r"\s+(?:và|cùng)\s+", name)
        if (len(parts) > 1 and not vn.known_agency(name)
                and all(vn.is_agency_start(p[:1].upper() + p[1:]) for p in parts[1:])):
            result.extend(parts)
        else:
            result.append(name)
    return result


def _unique(names: Iterator[str] | list[str]) -> list[str]:
    return list(dict.fromkeys(n for n in names if n))


# --- Store ----------------------------------------------------------------------------------------

_SCHEMA = """
CREATE TABLE IF NOT EXISTS tasks (
    task_id TEXT PRIMARY KEY, doc_id TEXT NOT NULL, seq INTEGER NOT NULL, doc_name TEXT NOT NULL,
    text TEXT NOT NULL, lead TEXT, lead_as_written TEXT, partners TEXT NOT NULL, output TEXT,
    deadline_text TEXT, due TEXT, recurring INTEGER NOT NULL, section TEXT, start INTEGER NOT NULL,
    "end" INTEGER NOT NULL, lead_key TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS tasks_doc ON tasks(doc_id, seq);
CREATE INDEX IF NOT EXISTS tasks_lead ON tasks(lead_key);
CREATE INDEX IF NOT EXISTS tasks_due ON tasks(due);
CREATE TABLE IF NOT EXISTS task_agencies (
    task_id TEXT NOT NULL, key TEXT NOT NULL, role TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS task_agencies_key ON task_agencies(key);
CREATE INDEX IF NOT EXISTS task_agencies_task ON task_agencies(task_id);
CREATE TABLE IF NOT EXISTS task_documents (doc_id TEXT PRIMARY KEY, text_hash TEXT);
"""
_COLUMNS_SQL = ("task_id, doc_id, doc_name, text, lead, lead_as_written, partners, output, deadline_text, "
                "due, "
                'recurring, section, start, "end"')


class TaskStore:
    """SQLite store of tasks in the data directory (WAL: readers never wait for a writer, and several
    processes — the API, a CLI ingest — may write; each write is one transaction)."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._connect() as db:
            db.execute("PRAGMA journal_mode=WAL")
            db.executescript(_SCHEMA)

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        # one short-lived connection per call: safe across threads and forked workers
        db = sqlite3.connect(self.path, timeout=60, isolation_level=None)
        try:
            db.execute("PRAGMA busy_timeout=60000")
            yield db
        finally:
            db.close()

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        with self._connect() as db:
            db.execute("BEGIN IMMEDIATE")
            try:
                yield db
            except BaseException:
                db.execute("ROLLBACK")
                raise
            db.execute("COMMIT")

    def replace(self, doc_id: str, tasks: list[Task], text_hash: str | None = None) -> None:
        """Replace all tasks of one document atomically; `text_hash` records which text they were read
        from, so an ingest can tell a document whose tasks lag behind its text (`text_hash`)."""
        with self._write() as db:
            self._drop(db, doc_id)
            for seq, task in enumerate(tasks):
                sql = f"INSERT INTO tasks (seq, lead_key, {_COLUMNS_SQL}) VALUES ({', '.join('?' * 16)})"
                db.execute(sql, (
                    seq, vn.agency_key(task.lead) if task.lead else "", task.task_id, doc_id, task.doc_name,
                    task.text, task.lead, task.lead_as_written, json.dumps(task.partners, ensure_ascii=False),
                    task.output, task.deadline_text, task.due.isoformat() if task.due else None,
                    int(task.recurring), task.section, task.start, task.end))
                keys = [("lead", task.lead)] if task.lead else []
                keys += [("partner", p) for p in task.partners]
                db.executemany("INSERT INTO task_agencies (task_id, key, role) VALUES (?, ?, ?)",
                               [(task.task_id, vn.agency_key(name), role) for role, name in keys])
            db.execute("INSERT OR REPLACE INTO task_documents (doc_id, text_hash) VALUES (?, ?)",
                       (doc_id, text_hash))

    def delete(self, doc_id: str) -> None:
        """Drop a document's tasks (and its record)."""
        with self._write() as db:
            self._drop(db, doc_id)
            db.execute("DELETE FROM task_documents WHERE doc_id = ?", (doc_id,))

    def clear(self) -> None:
        """Drop every task (the index was reset)."""
        with self._write() as db:
            for table in ("tasks", "task_agencies", "task_documents"):
                db.execute(f"DELETE FROM {table}")

    @staticmethod
    def _drop(db: sqlite3.Connection, doc_id: str) -> None:
        db.execute("DELETE FROM task_agencies WHERE task_id IN (SELECT task_id FROM tasks WHERE doc_id = ?)",
                   (doc_id,))
        db.execute("DELETE FROM tasks WHERE doc_id = ?", (doc_id,))

    def text_hashes(self) -> dict[str, str | None]:
        """doc_id → hash of the text its tasks were read from, for every document extracted."""
        with self._connect() as db:
            return dict(db.execute("SELECT doc_id, text_hash FROM task_documents").fetchall())

    def query(self, agency: str | None = None, role: Literal["lead", "any"] = "lead",
              due_after: date | None = None, due_before: date | None = None,
              doc_ids: Collection[str] | None = None, recurring: bool | None = None) -> list[Task]:
        """Tasks matching every given filter, by document and position. `agency` is matched by its
        canonical name, so "Sở KH&CN", "so khoa hoc va cong nghe" and the full name find the same tasks; a
        name not listed matches agencies whose name contains it ("trường đại học"). `role="any"` also
        finds the tasks it is a partner in. The due bounds are inclusive; tasks without a due date are
        left out when a bound is given."""
        where: list[str] = []
        args: list[Any] = []
        if agency is not None and agency.strip():
            known = vn.known_agency(agency)
            key = vn.agency_key(known or agency)
            match = "key = ?" if known else "(' ' || key || ' ') LIKE ?"
            value = key if known else f"% {key} %"
            roles = "" if role == "any" else " AND role = 'lead'"
            where.append(f"task_id IN (SELECT task_id FROM task_agencies WHERE {match}{roles})")
            args.append(value)
        if due_after is not None:
            where.append("due >= ?")
            args.append(due_after.isoformat())
        if due_before is not None:
            where.append("due <= ?")
            args.append(due_before.isoformat())
        if doc_ids is not None:
            ids = list(doc_ids)
            if not ids:
                return []
            where.append(f"doc_id IN ({', '.join('?' * len(ids))})")
            args.extend(ids)
        if recurring is not None:
            where.append("recurring = ?")
            args.append(int(recurring))
        sql = f"SELECT {_COLUMNS_SQL} FROM tasks"
        if where:
            sql += " WHERE " + " AND ".join(where)
        with self._connect() as db:
            rows = db.execute(sql + " ORDER BY doc_id, seq", args).fetchall()
        return [_task(row) for row in rows]

    def agencies(self) -> list[str]:
        """Every canonical agency named as lead or partner, sorted."""
        with self._connect() as db:
            rows = db.execute("SELECT lead, partners FROM tasks").fetchall()
        names = {lead for lead, _ in rows if lead}
        names.update(p for _, partners in rows for p in json.loads(partners))
        return sorted(names, key=lambda n: vn.fold(n).casefold())

    def count(self) -> int:
        """Number of tasks stored."""
        with self._connect() as db:
            return int(db.execute("SELECT count(*) FROM tasks").fetchone()[0])


def _task(row: tuple[Any, ...]) -> Task:
    (task_id, doc_id, doc_name, text, lead, lead_as_written, partners, output, deadline_text, due, recurring,
     section, start, end) = row
    return Task(task_id=task_id, doc_id=doc_id, doc_name=doc_name, text=text, lead=lead,
                lead_as_written=lead_as_written, partners=json.loads(partners), output=output,
                deadline_text=deadline_text, due=date.fromisoformat(due) if due else None,
                recurring=bool(recurring), section=section, start=start, end=end)
