"""`GET /api/tasks` (and its CSV and Excel downloads) over real HTTP, against `bcd serve` on an index with tasks
(tests/app/conftest.py): filters, overdue relative to the day asked, citations of the source rows, a restricted
document's tasks only for its group, and exports that read back to the same rows."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import httpx
import pytest

from tests.app.conftest import (PUBLIC_ID, PUBLIC_TASKS, SECRET_GROUP, SECRET_ID, SECRET_WORDS, TODAY,
                                served_copy)
from tests.conftest import Server

KEY = "khoa-lanh-dao-0123456789"


@pytest.fixture(scope="module")
def tasks_server(task_index, tmp_path_factory):
    keys = json.dumps([{"key": KEY, "name": "lanh-dao", "admin": False, "groups": [SECRET_GROUP]}])
    server = Server(served_copy(task_index, tmp_path_factory, "tasks-api"), BCD_API_KEYS=keys).start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def client(tasks_server):
    with httpx.Client(base_url=tasks_server.url, timeout=60) as c:
        yield c


def get_tasks(client: httpx.Client, key: str | None = None, **params: object) -> dict:
    response = client.get("/api/tasks", params={"today": TODAY.isoformat(), **params},
                          headers={"X-API-Key": key} if key else {})
    assert response.status_code == 200, response.text
    return response.json()


def test_every_task_with_its_fields_overdue_mark_and_source_row(client, task_index) -> None:
    data = get_tasks(client)
    assert data["today"] == TODAY.isoformat() and data["count"] == len(data["tasks"])
    ours = [t for t in data["tasks"] if t["doc_id"] == PUBLIC_ID]
    assert [t["lead"] for t in ours] == [lead for _, lead, *_ in PUBLIC_TASKS]
    assert [t["partners"] for t in ours] == [partners for _, _, partners, *_ in PUBLIC_TASKS]
    assert [t["due"] for t in ours] == [due and due.isoformat() for *_, due, _ in PUBLIC_TASKS]
    assert [t["overdue"] for t in ours] == [True, False, False, False]  # a recurring task is never late
    assert ours[2]["recurring"] and ours[2]["deadline_text"] == "thường xuyên"
    for task in data["tasks"]:  # every citation quotes its row of the stored text
        stored = (task_index.data_dir / "documents" / f"{task['doc_id']}.txt").read_text(encoding="utf-8")
        citation = task["citation"]
        assert citation["doc_id"] == task["doc_id"]
        assert stored[citation["start"]:citation["end"]] == citation["quote"] and citation["quote"]
        assert task["overdue"] == (task["due"] is not None and task["due"] < TODAY.isoformat()
                                   and not task["recurring"])
    assert ours[0]["citation"]["quote"].startswith("1. Sở Khoa học và Công nghệ chủ trì")


def test_the_shipped_plans_tasks_are_those_the_store_holds(client, task_index) -> None:
    from ingest.tasks import TaskStore

    plan = get_tasks(client, doc_id=task_index.plan_id)["tasks"]
    stored = TaskStore(task_index.settings.tasks_db).query(doc_ids=[task_index.plan_id])
    assert [t["task_id"] for t in plan] == [t.task_id for t in stored]
    appendix = [t for t in plan if (t["section"] or "").startswith("Phụ lục")]
    assert len(appendix) == 12  # the rows of its appendix's task table
    assert all(t["lead"] and t["lead_as_written"] in t["citation"]["quote"] and (t["due"] or t["recurring"])
               for t in appendix)


def test_a_restricted_documents_tasks_only_for_its_group(client) -> None:
    anonymous = get_tasks(client)
    assert SECRET_ID not in {t["doc_id"] for t in anonymous["tasks"]}
    assert SECRET_WORDS not in json.dumps(anonymous, ensure_ascii=False)
    assert get_tasks(client, doc_id=SECRET_ID)["tasks"] == []  # asked by name: nothing, as for a missing one
    assert get_tasks(client, agency="Sở Ngoại vụ")["tasks"] == []
    for ext in ("csv", "xlsx"):
        body = client.get(f"/api/tasks.{ext}", params={"agency": "Sở Ngoại vụ"}).content
        assert SECRET_WORDS.encode() not in body
    member = get_tasks(client, KEY)
    secret = [t for t in member["tasks"] if t["doc_id"] == SECRET_ID]
    assert len(secret) == 1 and SECRET_WORDS in secret[0]["text"] and secret[0]["overdue"]
    assert member["count"] == anonymous["count"] + 1
    assert [t["doc_id"] for t in get_tasks(client, KEY, agency="Sở Ngoại vụ")["tasks"]] == [SECRET_ID]
    wrong = client.get("/api/tasks", headers={"X-API-Key": "not-a-key"})
    assert wrong.status_code == 401


@pytest.mark.parametrize(("params", "expected"), [
    ({"agency": "Sở Khoa học và Công nghệ"}, [1]),
    ({"agency": "Sở KH&CN"}, [1]),  # an abbreviation
    ({"agency": "so khoa hoc va cong nghe"}, [1]),  # no diacritics
    ({"agency": "Sở KH&CN", "role": "any"}, [1, 4]),  # also where it partners
    ({"due_after": "2026-04-01", "due_before": "2026-12-31"}, [2]),
    ({"due_before": "2026-06-30"}, [1, 2]),  # the bounds are in the range
    ({"overdue": "true"}, [1]),
])
def test_filters(client, params: dict, expected: list[int]) -> None:
    found = get_tasks(client, **params)["tasks"]
    assert [t["task_id"] for t in found if t["doc_id"] == PUBLIC_ID] == [f"{PUBLIC_ID}-{n}" for n in expected]
    if "overdue" in params:
        assert found and all(t["overdue"] for t in found)
    if "due_before" in params:
        assert all(t["due"] and t["due"] <= params["due_before"] for t in found)


def test_overdue_counts_from_today_when_no_day_is_given(client) -> None:
    data = client.get("/api/tasks", params={"doc_id": PUBLIC_ID}).json()
    assert data["today"] == date.today().isoformat()
    assert [t["overdue"] for t in data["tasks"]] == [
        due is not None and due < date.today() and not recurring for *_, due, recurring in PUBLIC_TASKS]


@pytest.mark.parametrize(("params", "message"), [
    ({"due_before": "2026-13-01"}, "date"),
    ({"due_after": "31/12/2026"}, "date"),
    ({"due_after": "2026-07-01", "due_before": "2026-06-01"}, "is after"),
    ({"role": "boss"}, "lead"),
])
def test_bad_filters_are_422_saying_why(client, params: dict, message: str) -> None:
    for path in ("/api/tasks", "/api/tasks.csv", "/api/tasks.xlsx"):
        response = client.get(path, params=params)
        assert response.status_code == 422 and message in response.text


def test_csv_and_excel_hold_the_same_rows_as_the_json(client) -> None:
    from openpyxl import load_workbook

    from app.task_list import COLUMNS, flat_rows

    params = {"today": TODAY.isoformat(), "role": "any", "agency": "Sở KH&CN"}
    rows = get_tasks(client, **params)["tasks"]
    expected = [[header for _, header in COLUMNS], *flat_rows(rows)]
    assert len(expected) >= 3
    response = client.get("/api/tasks.csv", params=params)
    assert response.headers["content-type"].startswith("text/csv")
    assert 'filename="nhiem-vu-2026-05-01.csv"' in response.headers["content-disposition"]
    assert response.content.startswith("\ufeff".encode())  # Excel reads it as UTF-8
    assert list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")))) == expected
    response = client.get("/api/tasks.xlsx", params=params)
    assert response.headers["content-type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    sheet = load_workbook(io.BytesIO(response.content)).active
    cells = [["" if v is None else v for v in row] for row in sheet.iter_rows(values_only=True)]
    due = [key for key, _ in COLUMNS].index("due")
    for row in cells[1:]:  # a deadline is a real date in Excel
        row[due] = row[due].date().isoformat() if row[due] else ""
    assert cells == expected
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref


def test_the_endpoints_are_documented(client) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/api/tasks", "/api/tasks.csv", "/api/tasks.xlsx"} <= set(paths)
    names = {p["name"] for p in paths["/api/tasks"]["get"]["parameters"]}
    assert {"agency", "role", "due_after", "due_before", "doc_id", "overdue", "today"} <= names
