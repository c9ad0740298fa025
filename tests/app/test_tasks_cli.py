"""`bcd tasks`, run as a user runs it (a subprocess) on an index with tasks (tests/app/conftest.py): the table,
--json and --csv, the filters, and clear errors. Run locally, it lists every document's tasks, restricted ones
included (as `bcd ask` answers from them)."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys

import pytest

from tests.app.conftest import PUBLIC_ID, PUBLIC_TASKS, SECRET_ID, TODAY


def bcd(task_index, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "BCD_DATA_DIR": str(task_index.data_dir)}
    return subprocess.run([sys.executable, "-m", "app.cli", "tasks", *args], capture_output=True, text=True,
                          env=env, timeout=300)


def as_json(task_index, *args: str) -> list[dict]:
    run = bcd(task_index, "--json", "--today", TODAY.isoformat(), *args)
    assert run.returncode == 0, run.stderr
    return [json.loads(line) for line in run.stdout.splitlines()]


def test_the_table_marks_overdue_tasks_and_counts_them(task_index) -> None:
    run = bcd(task_index, "--doc", PUBLIC_ID, "--today", TODAY.isoformat())
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    assert lines[0].split() == ["Hạn", "Chủ", "trì", "Nhiệm", "vụ", "Nguồn"]
    assert len(lines) == 1 + len(PUBLIC_TASKS) + 1
    assert lines[1].startswith("31/03/2026 QUÁ HẠN") and "Sở Khoa học và Công nghệ" in lines[1]
    assert lines[2].startswith("30/06/2026") and "QUÁ HẠN" not in lines[2]
    assert lines[3].startswith("thường xuyên") and "QUÁ HẠN" not in lines[3]
    assert "Kế hoạch 88/KH-UBND, mục I.1" in lines[1]
    assert lines[-1] == f"4 tasks, 1 overdue as of {TODAY}"


def test_json_lists_every_document_restricted_ones_included(task_index) -> None:
    from ingest.tasks import TaskStore

    rows = as_json(task_index)
    assert len(rows) == TaskStore(task_index.settings.tasks_db).count()
    assert {PUBLIC_ID, SECRET_ID, task_index.plan_id} <= {r["doc_id"] for r in rows}
    first = next(r for r in rows if r["doc_id"] == PUBLIC_ID)
    assert first["lead"] == "Sở Khoa học và Công nghệ" and first["partners"] == ["Sở Tài chính"]
    assert first["overdue"] and first["citation"]["quote"].startswith("1. Sở Khoa học và Công nghệ chủ trì")


@pytest.mark.parametrize(("args", "expected"), [
    (["--agency", "So KH&CN"], [1]),
    (["--agency", "Sở Khoa học và Công nghệ", "--any-role"], [1, 4]),
    (["--due-after", "2026-04-01", "--due-before", "2026-12-31"], [2]),
    (["--overdue"], [1]),
    (["--due-before", "30/6/2026"], [1, 2]),  # as documents write a day
])
def test_filters(task_index, args: list[str], expected: list[int]) -> None:
    rows = as_json(task_index, *args)
    assert [r["task_id"] for r in rows if r["doc_id"] == PUBLIC_ID] == [f"{PUBLIC_ID}-{n}" for n in expected]
    if "--overdue" in args:
        assert rows and all(r["overdue"] for r in rows)
        assert SECRET_ID in {r["doc_id"] for r in rows}  # its deadline passed too


def test_csv_is_the_same_rows_with_a_header(task_index) -> None:
    from app.task_list import COLUMNS

    run = bcd(task_index, "--csv", "--doc", PUBLIC_ID, "--today", TODAY.isoformat())
    assert run.returncode == 0, run.stderr
    table = list(csv.DictReader(io.StringIO(run.stdout)))
    assert list(table[0]) == [header for _, header in COLUMNS]
    rows = as_json(task_index, "--doc", PUBLIC_ID)
    assert [t["Mã nhiệm vụ"] for t in table] == [r["task_id"] for r in rows]
    assert [t["Phối hợp"] for t in table][3] == "Sở Khoa học và Công nghệ; Sở Văn hóa, Thể thao và Du lịch"
    assert [t["Quá hạn"] for t in table] == ["Có", "", "", ""]
    assert [t["Thường xuyên"] for t in table] == ["", "", "Có", ""]
    assert [t["Hạn (ngày)"] for t in table] == [due.isoformat() if due else "" for *_, due, _ in PUBLIC_TASKS]


def test_nothing_found_says_so(task_index) -> None:
    run = bcd(task_index, "--agency", "Ban Quản lý Không Tồn Tại")
    assert run.returncode == 0 and run.stdout.strip() == "no tasks match these filters"
    run = bcd(task_index, "--json", "--due-before", "1990-01-01")
    assert run.returncode == 0 and run.stdout == "" and "no tasks match" in run.stderr


@pytest.mark.parametrize(("args", "code", "message"), [
    (["--due-before", "2026-13-01"], 2, "error: --due-before: '2026-13-01' is not a date"),
    (["--due-after", "next week"], 2, "write YYYY-MM-DD or DD/MM/YYYY"),
    (["--due-after", "2026-07-01", "--due-before", "2026-06-01"], 2, "is after"),
    (["--today", "2026-02-30"], 2, "error: --today"),
    (["--doc", "no-such-doc"], 1, "no document with id 'no-such-doc'"),
    (["--doc", "../../etc/passwd"], 1, "no document"),
    (["--json", "--csv"], 2, "not both"),
])
def test_bad_input_is_a_clear_error(task_index, args: list[str], code: int, message: str) -> None:
    run = bcd(task_index, *args)
    assert run.returncode == code and message in run.stderr and run.stdout == ""
