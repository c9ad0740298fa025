"""The task list the command line, the API and the web page show (issue 15): one filter model, one row
shape, one CSV and one Excel layout, so `bcd tasks --csv`, `GET /api/tasks.csv` and the page's download hold
the same rows in the same columns.

A task's row carries `overdue` relative to a given day (its deadline passed and it is not recurring: a
"thường xuyên" task is never late) and a citation of its source row (the span in the stored cleaned text and
the text there), so a reader can open the row the task was read from.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Collection, Iterable
from datetime import date
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, model_validator

from bcd import vietnamese as vn
from bcd.settings import Settings
from ingest.tasks import Task, TaskStore
from retrieval.filters import Viewer

# (row key, column header): the order of the CSV and Excel columns and of the page's table
COLUMNS: tuple[tuple[str, str], ...] = (
    ("doc_name", "Văn bản"),
    ("section", "Mục"),
    ("text", "Nhiệm vụ"),
    ("lead", "Chủ trì"),
    ("partners", "Phối hợp"),
    ("output", "Sản phẩm"),
    ("deadline_text", "Thời hạn"),
    ("due", "Hạn (ngày)"),
    ("recurring", "Thường xuyên"),
    ("overdue", "Quá hạn"),
    ("doc_id", "Mã văn bản"),
    ("task_id", "Mã nhiệm vụ"),
)
PARTNER_SEPARATOR = "; "  # agency names hold commas ("Sở Văn hóa, Thể thao và Du lịch")
YES = "Có"


class TaskFilters(BaseModel):
    """The filters every surface offers; all optional, all combined."""

    agency: str | None = None
    role: Literal["lead", "any"] = "lead"  # the agency leads the task, or leads or partners it
    due_after: date | None = None
    due_before: date | None = None
    doc_id: str | None = None
    overdue: bool = False

    @model_validator(mode="after")
    def _range_in_order(self) -> "TaskFilters":
        if self.due_after and self.due_before and self.due_after > self.due_before:
            raise ValueError(f"due_after {self.due_after} is after due_before {self.due_before}")
        return self


_ISO_DAY = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_VN_DAY = re.compile(vn.FULL_DATE_PATTERN)


def parse_day(text: str) -> date:
    """A day written YYYY-MM-DD or as Vietnamese documents write it (30/6/2026); ValueError saying which
    forms are read otherwise."""
    text = text.strip()
    iso, vn_day = _ISO_DAY.fullmatch(text), _VN_DAY.fullmatch(text)
    try:
        if iso:
            return date(int(iso[1]), int(iso[2]), int(iso[3]))
        if vn_day:
            return date(int(vn_day["y"]), int(vn_day["m"]), int(vn_day["d"]))
    except ValueError as exc:
        raise ValueError(f"{text!r} is not a date: {exc}") from exc
    raise ValueError(f"{text!r} is not a date (write YYYY-MM-DD or DD/MM/YYYY)")


def is_overdue(task: Task, today: date) -> bool:
    return task.due is not None and task.due < today and not task.recurring


def visible_documents(documents: dict[str, dict[str, Any]], viewer: Viewer) -> set[str] | None:
    """The documents whose tasks a viewer may read: those of the index they may see (None: every one).
    An explicit set even when nothing is restricted, so a task whose document the index does not hold (yet,
    or any more) is never shown to a network caller."""
    if viewer.everything:
        return None
    return {doc_id for doc_id, meta in documents.items() if viewer.may_see(meta.get("groups") or [])}


def find_tasks(store: TaskStore, filters: TaskFilters, today: date,
               allowed: Collection[str] | None = None) -> list[Task]:
    """The stored tasks passing the filters, among the `allowed` documents (None: all)."""
    doc_ids: set[str] | None = None if allowed is None else set(allowed)
    if filters.doc_id is not None:
        doc_ids = {filters.doc_id} if doc_ids is None else doc_ids & {filters.doc_id}
    if doc_ids is not None and not doc_ids:
        return []
    tasks = store.query(agency=filters.agency or None, role=filters.role, due_after=filters.due_after,
                        due_before=filters.due_before, doc_ids=doc_ids)
    return [t for t in tasks if is_overdue(t, today)] if filters.overdue else tasks


class SourceTexts:
    """The stored cleaned texts (`data/documents/<doc_id>.txt`), each read once, for the tasks' quotes."""

    def __init__(self, directory: Path) -> None:
        self.directory, self._texts = directory, {}  # type: ignore[var-annotated]

    def quote(self, task: Task) -> str:
        """The text at the task's span; the task's own text when the stored text is gone or shorter (the
        document changed after extraction: the store is repaired at the next ingest)."""
        if task.doc_id not in self._texts:
            try:
                self._texts[task.doc_id] = (self.directory / f"{task.doc_id}.txt").read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                self._texts[task.doc_id] = ""
        text: str = self._texts[task.doc_id]
        return text[task.start:task.end] if 0 <= task.start < task.end <= len(text) else task.text


def task_row(task: Task, today: date, sources: SourceTexts) -> dict[str, Any]:
    """A task as the API returns it: its fields, `overdue`, and a citation of its source row."""
    return {"task_id": task.task_id, "doc_id": task.doc_id, "doc_name": task.doc_name, "text": task.text,
            "lead": task.lead, "lead_as_written": task.lead_as_written, "partners": list(task.partners),
            "output": task.output, "deadline_text": task.deadline_text,
            "due": task.due.isoformat() if task.due else None, "recurring": task.recurring,
            "section": task.section, "overdue": is_overdue(task, today),
            "citation": {"doc_id": task.doc_id, "start": task.start, "end": task.end,
                         "quote": sources.quote(task)}}


def task_rows(settings: Settings, filters: TaskFilters, today: date,
              allowed: Collection[str] | None = None) -> list[dict[str, Any]]:
    """The filtered tasks of the settings' store as rows (see `task_row`)."""
    sources = SourceTexts(settings.data_dir / "documents")
    found = find_tasks(TaskStore(settings.tasks_db), filters, today, allowed)
    return [task_row(t, today, sources) for t in found]


def _cell(row: dict[str, Any], key: str) -> str:
    value = row[key]
    if key == "partners":
        return PARTNER_SEPARATOR.join(value)
    if isinstance(value, bool):
        return YES if value else ""
    return "" if value is None else str(value)


def flat_rows(rows: Iterable[dict[str, Any]]) -> list[list[str]]:
    """The rows as the export's cells, in `COLUMNS` order (partners joined, yes/no as "Có"/"")."""
    return [[_cell(row, key) for key, _ in COLUMNS] for row in rows]


def to_csv(rows: Iterable[dict[str, Any]], bom: bool = False) -> str:
    """CSV with a header row. With `bom` it starts with U+FEFF, which Excel needs to read the file as UTF-8
    (a download); a pipe gets none."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([header for _, header in COLUMNS])
    writer.writerows(flat_rows(rows))
    return ("\ufeff" if bom else "") + out.getvalue()


def to_xlsx(rows: Iterable[dict[str, Any]], today: date) -> bytes:
    """An Excel workbook: one sheet of tasks with a frozen, filterable header; deadlines as real dates (so
    Excel sorts them) and overdue rows filled red."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = "Nhiệm vụ"
    sheet.append([header for _, header in COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    due_column = [key for key, _ in COLUMNS].index("due")
    overdue_fill = PatternFill("solid", fgColor="FDDCDC")
    wrap = Alignment(wrap_text=True, vertical="top")
    for row in rows:
        cells: list[Any] = [_cell(row, key) for key, _ in COLUMNS]
        cells[due_column] = date.fromisoformat(row["due"]) if row["due"] else None
        sheet.append(cells)
        sheet.cell(sheet.max_row, due_column + 1).number_format = "DD/MM/YYYY"
        for cell in sheet[sheet.max_row]:
            cell.alignment = wrap
            if row["overdue"]:
                cell.fill = overdue_fill
    widths = {"doc_name": 40, "section": 14, "text": 70, "lead": 30, "partners": 40, "output": 30,
              "deadline_text": 22, "due": 12, "recurring": 12, "overdue": 10, "doc_id": 30, "task_id": 20}
    for n, (key, _) in enumerate(COLUMNS, 1):
        sheet.column_dimensions[get_column_letter(n)].width = widths[key]
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    book.properties.title = f"Nhiệm vụ (tính quá hạn đến ngày {today.isoformat()})"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
