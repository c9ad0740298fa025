"""The page's "Nhiệm vụ" tab in a real headless Chromium (as tests/app/test_ui_browser.py starts it), on an index
with tasks (tests/app/conftest.py): the public tasks and only those, overdue rows marked relative to today,
the agency, date and overdue filters, sorting by a header, the CSV and Excel downloads, a phone's width, and
an upload's tasks appearing once its ingest finishes."""

from __future__ import annotations

import csv
import io
import time
from datetime import date
from pathlib import Path

import httpx
import pytest

from tests.app.conftest import PUBLIC_ID, SECRET_ID, SECRET_WORDS, served_copy
from tests.app.test_ui_browser import CHROMIUM, ENGLISH, FLAGS, save_screenshot, upload_on_page
from tests.conftest import Server

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(),
                                reason="system Chromium not installed (apt-get install chromium; .ci/run does)")


@pytest.fixture(scope="module")
def ui_server(task_index, tmp_path_factory):
    server = Server(served_copy(task_index, tmp_path_factory, "tasks-ui")).start()
    yield server
    server.stop()


def api_tasks(server, **params: str) -> list[dict]:
    data = httpx.get(f"{server.url}/api/tasks", params=params, timeout=60).json()
    assert data["today"] == date.today().isoformat()  # the page counts overdue from the same day
    return data["tasks"]


def open_tasks_tab(p, url: str, width: int = 1280):  # type: ignore[no-untyped-def]
    browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
    page = browser.new_page(viewport={"width": width, "height": 1100}, locale="vi-VN", accept_downloads=True)
    page.goto(url + "/", wait_until="load")
    page.locator("#question textarea").wait_for(timeout=60_000)
    page.get_by_role("tab", name="Nhiệm vụ").click()
    page.locator("#tasks table tbody tr").first.wait_for(timeout=30_000)
    return browser, page


def shown(page) -> list[tuple[str, bool]]:  # type: ignore[no-untyped-def]
    """(task id, marked overdue) of every row, top to bottom."""
    return page.locator("#tasks tbody tr").evaluate_all(
        "rows => rows.map(r => [r.dataset.taskId, r.classList.contains('overdue')"
        " && !!r.querySelector('.overdue-mark')])")


def wait_for_rows(page, expected: list[tuple[str, bool]], timeout_s: float = 30) -> None:  # type: ignore[no-untyped-def]
    """Until the table shows these rows and no re-render is pending (the server re-renders it after each
    filter event, and one event can follow another: a field's blur, then a submit), twice in a row."""
    deadline, settled = time.time() + timeout_s, 0
    while settled < 2:
        assert time.time() < deadline, f"the table shows {shown(page)}, expected {expected}"
        page.wait_for_timeout(300)
        idle = page.locator("#tasks .progress-text").count() == 0
        settled = settled + 1 if idle and [tuple(r) for r in shown(page)] == expected else 0


def rows_of(tasks: list[dict]) -> list[tuple[str, bool]]:
    return [(t["task_id"], t["overdue"]) for t in tasks]


def test_the_public_tasks_with_overdue_marks_filters_sorting_and_downloads(ui_server, tmp_path: Path) -> None:
    from openpyxl import load_workbook
    from playwright.sync_api import sync_playwright

    from app.task_list import COLUMNS, flat_rows

    everything = api_tasks(ui_server)
    assert any(t["overdue"] for t in everything) and not all(t["overdue"] for t in everything)
    with sync_playwright() as p:
        browser, page = open_tasks_tab(p, ui_server.url)
        wait_for_rows(page, rows_of(everything))
        body = page.locator("body").inner_text()
        assert SECRET_WORDS not in body and SECRET_ID not in page.content()
        summary = page.locator("#tasks .tasks-summary").inner_text()
        assert f"{len(everything)} nhiệm vụ · {sum(t['overdue'] for t in everything)} quá hạn" in summary
        assert date.today().strftime("%d/%m/%Y") in summary
        page.add_style_tag(content=".sr-only {display: none !important;}")
        assert not [word for word in ENGLISH if word in page.locator("body").inner_text()]
        save_screenshot(page, tmp_path, "ui-tasks-1280.png")

        page.get_by_role("combobox", name="Cơ quan").click()  # the agency filter
        page.get_by_role("option", name="Sở Tài chính", exact=True).click()
        wait_for_rows(page, rows_of(api_tasks(ui_server, agency="Sở Tài chính")))
        page.get_by_label("Chủ trì hoặc phối hợp").check()
        finance = api_tasks(ui_server, agency="Sở Tài chính", role="any")
        wait_for_rows(page, rows_of(finance))
        assert f"{PUBLIC_ID}-1" in {t["task_id"] for t in finance}  # it partners the first task

        with page.expect_download() as download:  # the CSV holds the rows shown
            page.locator("#tasks-csv").click()
        path = download.value.path()
        assert download.value.suggested_filename == f"nhiem-vu-{date.today()}.csv"
        table = list(csv.reader(io.StringIO(Path(path).read_text(encoding="utf-8-sig"))))
        assert table == [[h for _, h in COLUMNS], *flat_rows(finance)]
        with page.expect_download() as download:
            page.locator("#tasks-xlsx").click()
        download.value.save_as(tmp_path / download.value.suggested_filename)
        assert download.value.suggested_filename == f"nhiem-vu-{date.today()}.xlsx"
        sheet = load_workbook(tmp_path / download.value.suggested_filename).active
        ids = [row[-1] for row in sheet.iter_rows(min_row=2, values_only=True)]
        assert ids == [t["task_id"] for t in finance]

        page.get_by_role("combobox", name="Cơ quan").click()
        page.get_by_role("option", name="Tất cả", exact=True).click()
        page.get_by_label("Chỉ nhiệm vụ quá hạn").check()
        late = [t for t in everything if t["overdue"]]
        wait_for_rows(page, rows_of(late))
        page.get_by_label("Chỉ nhiệm vụ quá hạn").uncheck()
        page.locator("#task-due-from textarea, #task-due-from input").first.fill("01/04/2026")
        page.locator("#task-due-to textarea, #task-due-to input").first.fill("2026-12-31")
        page.keyboard.press("Enter")
        wait_for_rows(page, rows_of(api_tasks(ui_server, due_after="2026-04-01", due_before="2026-12-31")))
        page.locator("#task-due-from textarea, #task-due-from input").first.fill("31/02/2026")
        page.keyboard.press("Enter")
        page.get_by_text("Ngày chưa đúng").wait_for(timeout=30_000)
        page.locator("#task-due-from textarea, #task-due-from input").first.fill("")
        page.locator("#task-due-to textarea, #task-due-to input").first.fill("")
        page.keyboard.press("Enter")
        wait_for_rows(page, rows_of(everything))

        header = page.locator("#tasks th", has_text="Hạn")
        header.locator("button").click()  # sorted by deadline: dated tasks first, soonest first
        dues = sorted((t["due"] or "9999-12-31", t["task_id"]) for t in everything)
        column = "rows => rows.map(r => r.cells[0].dataset.sort)"
        assert page.locator("#tasks tbody tr").evaluate_all(column) == [d for d, _ in dues]
        assert header.get_attribute("aria-sort") == "ascending"
        header.locator("button").click()
        assert page.locator("#tasks tbody tr").evaluate_all(column) == [d for d, _ in reversed(dues)]
        assert header.get_attribute("aria-sort") == "descending"
        page.get_by_label("Chỉ nhiệm vụ quá hạn").check()  # new rows keep the order chosen
        wait_for_rows(page, rows_of(sorted(late, key=lambda t: t["due"], reverse=True)))
        assert header.get_attribute("aria-sort") == "descending"
        page.get_by_label("Chỉ nhiệm vụ quá hạn").uncheck()
        # every row again, latest first, each with its overdue mark
        wait_for_rows(page, rows_of(sorted(everything, key=lambda t: t["due"] or "9999-12-31", reverse=True)))

        row = page.locator(f'#tasks tr[data-task-id="{PUBLIC_ID}-1"]')
        row.locator("summary").click()  # the source row, as the document has it
        assert row.locator(".task-source p").inner_text().startswith("1. Sở Khoa học và Công nghệ chủ trì")
        browser.close()


def test_a_phone_shows_each_task_as_a_block_within_the_screen(ui_server, tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser, page = open_tasks_tab(p, ui_server.url, 390)
        save_screenshot(page, tmp_path, "ui-tasks-390.png")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        assert not page.locator("#tasks thead").is_visible()  # each value labelled instead
        cell = page.locator("#tasks tbody tr").first.locator('td[data-label="Chủ trì"]')
        assert cell.evaluate("e => getComputedStyle(e).display") == "block"
        label = cell.evaluate("e => getComputedStyle(e, '::before').content")
        assert "Chủ trì" in label or "attr(data-label)" in label, label
        browser.close()


UPLOADED = """ỦY BAN NHÂN DÂN TỈNH LAI CHÂU
Số: 41/KH-UBND
Ngày 10/11/2025
KẾ HOẠCH
Phát triển cửa khẩu số năm 2026
II. TỔ CHỨC THỰC HIỆN
1. Sở Công Thương chủ trì, phối hợp với Sở Tài chính xây dựng cổng thông tin cửa khẩu số, hoàn thành trước ngày 30/6/2026.
2. Sở Xây dựng chủ trì nâng cấp hạ tầng giao thông cửa khẩu, hoàn thành trong quý IV/2026.
"""


def test_an_uploads_tasks_appear_when_its_ingest_finishes(task_index, tmp_path_factory, tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    plan = tmp_path / "ke-hoach-41-lai-chau.txt"
    plan.write_text(UPLOADED, encoding="utf-8")
    server = Server(served_copy(task_index, tmp_path_factory, "tasks-upload")).start()
    try:
        with sync_playwright() as p:
            browser, page = open_tasks_tab(p, server.url)
            assert "cửa khẩu số" not in page.locator("#tasks").inner_text()
            upload_on_page(page, plan)
            page.get_by_role("tab", name="Nhiệm vụ").click()  # no reload: the tab followed the upload
            new = api_tasks(server, doc_id="ke-hoach-41-lai-chau")
            assert {t["lead"] for t in new} == {"Sở Công Thương", "Sở Xây dựng"}
            for task in new:
                page.locator(f'#tasks tr[data-task-id="{task["task_id"]}"]').wait_for(timeout=30_000)
            page.get_by_role("combobox", name="Cơ quan").click()
            page.get_by_role("option", name="Sở Xây dựng", exact=True).wait_for(timeout=10_000)
            browser.close()
    finally:
        server.stop()
