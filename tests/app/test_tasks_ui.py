"""The task tab's table without a browser: escaping, the overdue mark, the download links' filters, and the
export layout (partners joined, yes/no cells), from rows made by the same code the API uses."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path
from urllib.parse import parse_qs

import pytest

from app.task_list import COLUMNS, SourceTexts, TaskFilters, parse_day, task_row, to_csv
from app.ui_tasks import download_query, tasks_table
from ingest.tasks import Task

TEXT = "1. Sở Tài chính chủ trì <b>bố trí</b> kinh phí, hoàn thành trước ngày 30/6/2026.\n"
TODAY = date(2026, 7, 1)


def rows(tmp_path: Path) -> list[dict]:
    (tmp_path / "kh-1.txt").write_text(TEXT, encoding="utf-8")
    late = Task(task_id="kh-1:a", doc_id="kh-1", doc_name="Kế hoạch 1/KH-UBND", text="bố trí <b>kinh phí</b>",
                lead="Sở Tài chính", lead_as_written="Sở Tài chính", partners=["Sở Văn hóa, Thể thao và Du lịch",
                                                                               "Công an tỉnh"],
                deadline_text="trước ngày 30/6/2026", due=date(2026, 6, 30), start=0, end=len(TEXT) - 1)
    ongoing = Task(task_id="kh-1:b", doc_id="kh-1", doc_name="Kế hoạch 1/KH-UBND", text="theo dõi",
                   lead=None, deadline_text="thường xuyên", recurring=True, start=5, end=500)  # span past the text
    sources = SourceTexts(tmp_path)
    return [task_row(late, TODAY, sources), task_row(ongoing, TODAY, sources)]


def test_rows_carry_overdue_and_the_quoted_source_row(tmp_path: Path) -> None:
    late, ongoing = rows(tmp_path)
    assert late["overdue"] and not ongoing["overdue"]
    assert late["citation"] == {"doc_id": "kh-1", "start": 0, "end": len(TEXT) - 1, "quote": TEXT.strip()}
    assert ongoing["citation"]["quote"] == "theo dõi"  # the stored text no longer spans it: the task's own text


def test_the_table_escapes_document_text_and_marks_overdue_rows(tmp_path: Path) -> None:
    page = tasks_table(rows(tmp_path), TaskFilters(), TODAY)
    assert "<b>" not in page and "&lt;b&gt;kinh phí&lt;/b&gt;" in page
    assert page.count('class="overdue"') == 1 and page.count("overdue-mark") == 1
    assert "2 nhiệm vụ · 1 quá hạn (tính đến ngày 01/07/2026)" in page
    assert 'href="api/tasks.csv"' in page and 'href="api/tasks.xlsx"' in page
    assert "api/tasks" not in tasks_table(rows(tmp_path), TaskFilters(), TODAY, downloads=False)
    assert "Không có nhiệm vụ nào" in tasks_table([], TaskFilters(), TODAY)


def test_the_download_links_carry_the_filters(tmp_path: Path) -> None:
    filters = TaskFilters(agency="Sở KH&CN", role="any", due_after=date(2026, 1, 1), doc_id="kh-1", overdue=True)
    assert parse_qs(download_query(filters)) == {"agency": ["Sở KH&CN"], "role": ["any"],
                                                 "due_after": ["2026-01-01"], "doc_id": ["kh-1"],
                                                 "overdue": ["true"]}
    assert download_query(TaskFilters()) == ""
    page = tasks_table(rows(tmp_path), filters, TODAY)
    assert "api/tasks.csv?agency=S%E1%BB%9F+KH%26CN&amp;role=any" in page


def test_csv_columns(tmp_path: Path) -> None:
    table = list(csv.DictReader(io.StringIO(to_csv(rows(tmp_path)))))
    assert list(table[0]) == [header for _, header in COLUMNS]
    assert table[0]["Phối hợp"] == "Sở Văn hóa, Thể thao và Du lịch; Công an tỉnh"
    assert [t["Quá hạn"] for t in table] == ["Có", ""] and [t["Thường xuyên"] for t in table] == ["", "Có"]
    assert [t["Hạn (ngày)"] for t in table] == ["2026-06-30", ""] and table[1]["Chủ trì"] == ""


def test_days_as_documents_and_iso_write_them() -> None:
    assert parse_day("30/6/2026") == parse_day("2026-06-30") == date(2026, 6, 30)
    for bad in ("31/02/2026", "2026-13-01", "tháng 6", ""):
        with pytest.raises(ValueError, match="not a date"):
            parse_day(bad)
