"""Questions about assigned tasks — "Sở KH&CN chủ trì những nhiệm vụ nào?", "Nhiệm vụ nào đến hạn trong tháng
12/2025?", "Kế hoạch 99 giao UBND các huyện việc gì?" — answered from the task store as a complete list.

Top passages cannot answer these: the answer is every task of an agency or a period, scattered over rows of
several documents. So a question that asks about tasks and says whose, when or from which document is turned
into a store query; every task found is listed, grouped by document and counted, and each cites its own row.
A question that names nothing the store can filter on, or finds nothing, goes on to ordinary retrieval.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from bcd import vietnamese as vn
from chat.citations import Citation, CitedAnswer, section_and_label
from chat.documents import spans_in_chunks
from chat.memory import one_question_each
from chat.prompt import REFUSAL
from ingest.tasks import Task, TaskStore
from retrieval.asked import roles_in
from retrieval.filters import PUBLIC, SearchFilters, Viewer
from retrieval.hybrid import HybridRetriever
from retrieval.question import QUOTED, Question

MAX_LISTED = 60  # a longer list is cut, saying how many more there are
MAX_AGENCY_WORDS = 20  # "Ban Chỉ đạo về phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số tỉnh"

# The answer asked for is tasks themselves: "những nhiệm vụ nào", "bao nhiêu nhiệm vụ", "việc gì", "phải làm
# gì" — not one fact about one task ("cơ quan nào chủ trì việc X?", "việc X hạn khi nào?": retrieval's job).
_WHICH = r"(?:nhiệm vụ|việc|công việc)\s+(?:\w+\s+)?(?:nào|gì)"  # "nhiệm vụ nào", "việc gì"
_TASKS_ASKED = re.compile(r"(?<!\w)(?:(?:những|các|bao nhiêu|mấy|danh sách|danh mục|liệt kê)\s+(?:\w+\s+)?"
                          rf"(?:nhiệm vụ|việc|công việc)|{_WHICH}|làm gì|trách nhiệm gì)(?!\w)")
# what names an agency in a question, known to the store or not: "Sở Y tế", "UBND huyện X", "Công an tỉnh"
# (a steering committee is no agency a task table assigns to: its own duties are written in the text founding it,
# "Nhiệm vụ, quyền hạn của Ban Chỉ đạo", for retrieval to find)
_AGENCY_HEAD = re.compile(r"(?<!\w)(?:Sở|Ban(?!\s+Chỉ\s+đạo)|Ủy ban|UBND|Công an|Văn phòng|Trung tâm|Bộ|Cục|"
                          r"Chi cục|Tỉnh đoàn|Hội|Báo|Đài|Bưu điện|Bệnh viện|Trường|Viện|Kho bạc|Thanh tra)"
                          r"\s+[A-ZĐÀ-Ỹ&]")
_ASSIGNER = re.compile(r"(?<!\w)(?:mà|do)\s+[^,;?]{2,60}?\s+(?:đã\s+)?(?:giao|yêu cầu|đề ra)(?!\w)", re.IGNORECASE)
# "… giao nhiệm vụ cho những cơ quan nào", "… cơ quan nào được giao việc": the bodies tasks are given to
_BODIES_TASKED = re.compile(r"(?<!\w)(?:(?:được\s+)?giao\s+(?:\w+\s+)?(?:nhiệm vụ|việc)|"
                            r"(?:nhiệm vụ|việc)\s+(?:cho|tới))(?!\w)")
_WHICH_TASKS = re.compile(rf"(?<!\w)(?:{_WHICH}|làm gì)(?!\w)")  # ("giao Sở Nội vụ làm gì, hạn bao giờ?")
_DEADLINE = re.compile(r"(?<!\w)(?:thời hạn|hạn hoàn thành|hạn chót|hạn)(?!\w)")
_LEAD = re.compile(r"(?<!\w)(?:chủ trì|phụ trách|chịu trách nhiệm)(?!\w)")
_OVERDUE = re.compile(r"(?<!\w)(?:quá hạn|trễ hạn|chậm tiến độ|đã hết hạn)(?!\w)")
_OVERDUE_FOLDED = re.compile(vn.fold(_OVERDUE.pattern))  # ("nhiem vu nao qua han")
_TASKS_ASKED_FOLDED = re.compile(vn.fold(_TASKS_ASKED.pattern))  # (typed without diacritics, none restored)
_AS_OF = re.compile(r"(?<!\w)(?:tính đến|tinh den|đến|den|tới|toi)\s+(?:hết\s+|het\s+)?(?:ngày\s+|ngay\s+)?"
                    + vn.FULL_DATE_PATTERN)  # "tính đến ngày 31/12/2025": the day overdue is counted on
_RECURRING = re.compile(r"(?<!\w)(?:thường xuyên|hằng năm|hàng năm|định kỳ|thuong xuyen|hang nam|dinh ky)(?!\w)")
_GROUPS_ASKED = re.compile(r"(?<!\w)(?:những|các|bao nhiêu|mấy)\s+(?:nhóm|loại|lĩnh vực)(?!\w)")  # not tasks
_MONTH = re.compile(r"(?<!\w)tháng\s+(\d{1,2})\s*(?:/|năm\s+)(\d{4})")
_QUARTER = re.compile(r"(?<!\w)quý\s+(i{1,3}|iv|[1-4])\s*(?:/|năm\s+)(\d{4})")
_YEAR = re.compile(r"(?<!\w)(?:trong|đến hạn|hạn|hoàn thành|thực hiện)\s+(?:trong\s+)?năm\s+(\d{4})")
_BEFORE = re.compile(r"(?<!\w)(?:trước|chậm nhất|không muộn hơn)\s+ngày\s+" + vn.FULL_DATE_PATTERN)
_APPENDIX = re.compile(r"(?<!\w)phu luc(?!\w)")  # folded
_EITHER = re.compile(r"\S\s+hay\s+\S")
# what someone says the work is ("dặn", "nhấn mạnh"): of a speaker the question names (not "yêu cầu", "giao",
# which a conclusion's assigner does in the task table's own words)
_SAID = re.compile(r"(?<!\w)(?:dặn|nhắc|nói|phát biểu|nhấn mạnh|khẳng định|lưu ý)(?!\w)")


@dataclass(frozen=True)
class TaskQuery:
    """What a task question asks the store for."""

    agency: str | None = None
    lead_only: bool = False
    due_after: date | None = None
    due_before: date | None = None
    overdue: bool = False
    doc_ids: tuple[str, ...] | None = None
    unknown_agency: bool = False  # the question names an agency to which no stored task is assigned
    as_of: date | None = None  # the day "overdue" was counted on
    appendix: bool = False  # the tasks of the documents' appendices ("Phụ lục Kế hoạch 99 có bao nhiêu nhiệm vụ?")
    recurring: bool = False  # the tasks done regularly ("những nhiệm vụ thường xuyên")

    def describe(self) -> str:
        """The question's filters in words, for the answer's opening line."""
        parts = []
        if self.agency:
            parts.append(f"do {self.agency} chủ trì" if self.lead_only else f"giao cho {self.agency}")
        if self.recurring:
            parts.append("thực hiện thường xuyên, định kỳ")
        if self.overdue:
            parts.append(f"đã quá hạn tính đến ngày {_day(self.as_of)} (tài liệu không cho biết việc nào đã hoàn "
                         "thành)" if self.as_of else "đã quá hạn")
        elif self.due_after and self.due_before:
            parts.append(f"có thời hạn từ {_day(self.due_after)} đến {_day(self.due_before)}")
        elif self.due_before:
            parts.append(f"có thời hạn đến {_day(self.due_before)}")
        return ", ".join(parts)


def _day(value: date) -> str:
    return f"{value.day:02d}/{value.month:02d}/{value.year}"


def _period(text: str) -> tuple[date | None, date | None]:
    """The period a question asks about: a month, a quarter, a year, or "before" a day."""
    lowered = text.lower()
    if m := _BEFORE.search(lowered):  # first: "trước ngày 30 tháng 6 năm 2026" names a day, not June
        try:
            return None, date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
        except ValueError:
            return None, None
    if m := _MONTH.search(lowered):
        month, year = int(m.group(1)), int(m.group(2))
        if 1 <= month <= 12:
            return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
    if m := _QUARTER.search(lowered):
        quarter, year = vn.quarter_number(m.group(1)), int(m.group(2))
        last = quarter * 3
        return date(year, last - 2, 1), date(year, last, calendar.monthrange(year, last)[1])
    if m := _YEAR.search(lowered):
        return date(int(m.group(1)), 1, 1), date(int(m.group(1)), 12, 31)
    return None, None


def named_agency(text: str, agencies: list[str], canonical: Callable[[str], str]) -> str | None:
    """The longest run of the question's words that names an agency the store knows."""
    known = {vn.fold(a).lower(): a for a in agencies}
    words = text.replace("?", " ").split()
    best: tuple[int, str] | None = None
    for i in range(len(words)):
        for j in range(min(len(words), i + MAX_AGENCY_WORDS), i, -1):
            found = known.get(vn.fold(canonical(" ".join(words[i:j]).strip(",.;:"))).lower())
            if found and (best is None or j - i > best[0]):
                best = (j - i, found)
                break
    return best[1] if best else None


def agency_spans(text: str, agencies: list[str]) -> list[tuple[int, int, str]]:
    """(start, end, agency) where normalised `text` names an agency the store knows, abbreviated or not ("VP UBND",
    "Sở KH&CN"), typed with diacritics or not, with or without its closing "tỉnh"; longest first, in order, not
    overlapping."""
    words = [(m.start(), m.end()) for m in re.finditer(r"[^\s,;]+", text)]
    spelled, owner = "", []  # each word spelled out and folded, and the word each character of that comes from
    for index, (a, b) in enumerate(words):
        word = vn.fold(vn.expand_abbreviations(text[a:b])).lower() + " "
        spelled += word
        owner += [index] * len(word)
    found: list[tuple[int, int, str]] = []
    for agency in sorted(agencies, key=len, reverse=True):
        name = re.sub(r"\s+tinh$", "", vn.fold(agency).lower())
        for m in re.finditer(rf"(?<!\w){re.escape(name)}(?:\s+tinh)?(?!\w)", spelled):
            first, last = words[owner[m.start()]], words[owner[m.end() - 1]]
            if all(last[1] <= a or b <= first[0] for a, b, _ in found):
                found.append((first[0], last[1], agency))
    return sorted(found)


def agency_parts(question: str, agencies: list[str]) -> list[tuple[str, str]]:
    """(agency, question about it alone) for each of the agencies a question names side by side ("TB 15 giao Sở Nội
    vụ, Công an tỉnh, Văn phòng UBND làm gì?" → one question about each), so each gets its own tasks, labelled;
    [] when it names fewer than two that way, or when they are joined to share one task ("Sở Tài chính phối hợp
    với Sở Tư pháp làm gì?" names them apart)."""
    text = vn.normalize(question).strip()
    return one_question_each(text, agency_spans(text, agencies))


def task_query(question: Question, agencies: list[str], documents: dict[str, dict[str, Any]],
               canonical: Callable[[str], str]) -> TaskQuery | None:
    """The store query a question asks, or None when it is not a question about tasks the store can filter."""
    spelled = vn.expand_abbreviations(question.dense_text)
    lowered = spelled.lower()
    # "TB 15 giao nhiệm vụ cho những cơ quan nào?": the bodies its tasks are given to, each with its tasks
    bodies_tasked = question.kind == "organisation" and question.is_list and bool(_BODIES_TASKED.search(lowered))
    if question.kind not in (None, "count") and not bodies_tasked and not (
            question.kind == "date" and _WHICH_TASKS.search(lowered) and _DEADLINE.search(lowered)):
        return None  # a date, a person, a place … asked about tasks ("hội nghị triển khai các nhiệm vụ … diễn ra
        # khi nào?") is one fact, which retrieval finds: the store lists or counts tasks (with their deadlines:
        # "… chủ trì nhiệm vụ nào, thời hạn khi nào?")
    asked = bodies_tasked or _TASKS_ASKED.search(lowered) or (
        not vn.has_diacritics(lowered) and _TASKS_ASKED_FOLDED.search(lowered))
    if not asked or QUOTED.search(question.text) or _EITHER.search(lowered) or _GROUPS_ASKED.search(lowered):
        return None  # (one task named by its words, "nhiệm vụ có sản phẩm “…” là gì", or asked which of two
        # agencies leads it, "CA tỉnh hay Sở KH&CN chủ trì?", is one fact)
    # "… mà Trưởng Ban Chỉ đạo giao": who assigns is not whom the tasks are assigned to
    agency = named_agency(_ASSIGNER.sub(" ", spelled), agencies, canonical)
    if agency is None and _AGENCY_HEAD.search(_ASSIGNER.sub(" ", question.text)):
        return TaskQuery(unknown_agency=True)  # an agency no stored task names: no task is assigned to it
    due_after, due_before = _period(lowered)
    overdue = bool(_OVERDUE.search(lowered) or _OVERDUE_FOLDED.search(vn.fold(lowered)))
    as_of = None
    if overdue and (day := _AS_OF.search(lowered)):
        try:
            as_of = date(int(day.group("y")), int(day.group("m")), int(day.group("d")))
        except ValueError:
            as_of = None
        if due_before == as_of:
            due_after = due_before = None  # (the day it is counted on, not a deadline)
    recurring = bool(_RECURRING.search(lowered))
    doc_ids = None
    if question.doc_numbers:
        doc_ids = tuple(doc_id for doc_id, meta in documents.items()
                        if vn.doc_number_key(str(meta.get("doc_number") or "")) in question.doc_numbers)
        if not doc_ids:
            return None  # the cited document is not one whose tasks are stored: retrieval answers
    if agency is None and due_before is None and not overdue and doc_ids is None:
        return None
    if agency is None and _SAID.search(lowered) and (roles_in(spelled) or vn.person_names(question.text)):
        return None  # "Bí thư Nam Định dặn việc gì phải làm ngay trong năm 2025?" asks what someone said at a
        # meeting, which the text reporting it holds, not a task table
    return TaskQuery(agency, bool(_LEAD.search(lowered)), due_after, due_before, overdue, doc_ids, as_of=as_of,
                     appendix=bool(_APPENDIX.search(vn.fold(lowered))), recurring=recurring)


def task_answer(question: Question, store: TaskStore, retriever: HybridRetriever,
                filters: SearchFilters | None = None, viewer: Viewer = PUBLIC,
                today: date | None = None,
                section_named: Callable[[], bool] | None = None) -> CitedAnswer | None:
    """Every stored task the question asks for, grouped by document, each citing its row; a refusal (no
    citations) when it asks for the tasks of an agency no stored task names, or that the document it names gives
    none while giving others theirs; None when the question is not
    about tasks or no task matches (the ordinary path answers or refuses), or when it asks for no agency's and
    no deadline's tasks and names a section of a document (`section_named`, asked only then: "… những nhiệm vụ
    trọng tâm nào?" is that section's list, which holds tasks no body leads too)."""
    from bcd.vietnamese import canonical_agency

    documents = retriever.documents()
    agencies = store.agencies()
    if not agencies:  # no task stored (an index built before tasks were read): retrieval answers
        return None
    query = task_query(question, agencies, documents, canonical_agency)
    if query is None:
        return None
    if query.unknown_agency:
        return CitedAnswer(REFUSAL, [], [])
    if query.agency is None and not (query.due_after or query.due_before or query.overdue) and (
            section_named is not None and section_named()):
        return None
    allowed = retriever.allowed_documents(filters, viewer)
    doc_ids = set(query.doc_ids) if query.doc_ids is not None else None
    if allowed is not None:
        doc_ids = allowed if doc_ids is None else doc_ids & allowed
    today = query.as_of or today or date.today()
    tasks = store.query(agency=query.agency, role="lead" if query.lead_only else "any",
                        due_after=query.due_after, due_before=today if query.overdue else query.due_before,
                        doc_ids=doc_ids, recurring=True if query.recurring else False if query.overdue else None)
    tasks = [t for t in tasks if t.doc_id in documents and (not query.overdue or (t.due and t.due < today))
             and _of_named_province(question, documents[t.doc_id])]
    if query.appendix:  # the rows of the appendix, not the plan's own paragraphs that assign work
        tasks = [t for t in tasks if vn.fold(t.section or "").lower().startswith("phu luc")] or tasks
    if not tasks:
        # "TB 15 giao cho Tỉnh đoàn nhiệm vụ gì?": the tasks the named document assigns, read, name no such body
        # (it has tasks in other documents): the document gives it none, its other tasks are no answer
        unfiltered = not (query.due_after or query.due_before or query.overdue or query.appendix)
        named_none = query.agency is not None and doc_ids is not None and unfiltered and any(
            t.doc_id in documents and _of_named_province(question, documents[t.doc_id])
            for t in store.query(role="any", doc_ids=doc_ids))
        return CitedAnswer(REFUSAL, [], []) if named_none else None
    if query.overdue:  # past due by today's date: the documents say nothing of what has been done since
        query = replace(query, as_of=today)
    return _listed(query, tasks, documents, retriever)


def _of_named_province(question: Question, meta: dict[str, Any]) -> bool:
    """A question naming a province asks of its documents' tasks ("Nghị quyết 12 của Tỉnh ủy Quảng Trị …" is not
    Hòa Bình's resolution 12)."""
    province = vn.fold(str(meta.get("province") or "")).lower()
    return not province or not question.provinces or province in question.provinces


def _listed(query: TaskQuery, tasks: list[Task], documents: dict[str, dict[str, Any]],
            retriever: HybridRetriever) -> CitedAnswer | None:
    tasks = _once_each(tasks)
    # an agency's own tasks first, then those it takes part in: what it answers for before what it helps with
    ordered = sorted(tasks, key=lambda t: (t.doc_id, not _leads(t, query), t.start))
    rows = spans_in_chunks(retriever, [(t.doc_id, (t.start, t.end)) for t in ordered])
    # a task, the chunk holding its row, the row's text; a task whose row this process's index does not hold
    # yet (the store is ahead of it) is left out
    cited = [(task, *row) for task, row in zip(ordered, rows) if row is not None]
    if not cited:
        return None
    by_document: dict[str, list[tuple[Task, int, str]]] = {}
    for item in cited:
        by_document.setdefault(item[0].doc_id, []).append(item)
    described = query.describe()
    led = sum(_leads(task, query) for task, _, _ in cited)
    roles = f" (chủ trì {led}, phối hợp {len(cited) - led})" if query.agency and not query.lead_only and \
        0 < led < len(cited) else ""  # "giao cho Sở X" holds both: which it answers for is told apart
    lines = [f"Có {len(cited)} nhiệm vụ{' ' + described if described else ''}{roles}"
             f"{f' trong {len(by_document)} văn bản' if len(by_document) > 1 else ''}:"]
    citations: list[Citation] = []
    for doc_id, own in by_document.items():
        meta = documents[doc_id]
        if len(by_document) > 1 or query.doc_ids is None:
            lines.append(f"Theo {own[0][0].doc_name} ({len(own)} nhiệm vụ):")
        for task, position, quote in own:
            if len(citations) == MAX_LISTED:
                break
            n = len(citations) + 1
            section, label = section_and_label(retriever.metadata(position), task.start)
            citations.append(Citation(n=n, doc_id=doc_id, title=str(meta.get("title", "")),
                                      chunk_id=retriever.ids[position], quote=quote,
                                      source=str(meta.get("source", "")), url=str(meta.get("url") or ""),
                                      start=task.start, end=task.end, section=section, label=label))
            lines.append(f"{n}. {_item(task, query)} [{n}]")
    if len(cited) > MAX_LISTED:
        lines.append(f"… và {len(cited) - MAX_LISTED} nhiệm vụ khác (xem thẻ Nhiệm vụ hoặc lệnh `bcd tasks`).")
    return CitedAnswer("\n".join(lines), citations, [])


def _once_each(tasks: list[Task]) -> list[Task]:
    """Each task once: a plan names a task in its body ("Tổ chức 12 lớp bồi dưỡng … trong năm 2026") and again as
    its appendix's row, which says more (who leads, partners, deadline, output); the row stands for both, and a
    count counts it once. Two entries of one document are one task when one's words open the other's."""
    def words(task: Task) -> str:
        return " ".join(vn.fold(task.text).lower().split()).rstrip(" .;:")

    def said(task: Task) -> int:
        return sum(map(bool, (task.lead, task.partners, task.deadline_text, task.output)))

    kept: list[Task] = []
    for task in sorted(tasks, key=said, reverse=True):
        if not any(other.doc_id == task.doc_id and (words(other).startswith(words(task))
                                                    or words(task).startswith(words(other))) for other in kept):
            kept.append(task)
    return kept


def _leads(task: Task, query: TaskQuery) -> bool:
    """Whether the agency asked about leads the task, not only takes part in it (no agency asked: every task
    counts as its own)."""
    return not query.agency or not task.lead or vn.agency_key(task.lead) == vn.agency_key(query.agency)


def _item(task: Task, query: TaskQuery) -> str:
    details = []
    if task.lead and not (query.agency and _leads(task, query)):
        details.append(f"chủ trì: {task.lead}")
    if task.partners and not query.lead_only:
        details.append(f"phối hợp: {', '.join(task.partners)}")
    if task.deadline_text:
        details.append(f"thời hạn: {task.deadline_text}")
    if task.output:  # what is to be delivered: how the task is checked as done
        details.append(f"sản phẩm: {task.output}")
    return task.text.rstrip(" .;") + (f" ({'; '.join(details)})" if details else "")
