"""The Gradio page in a real headless Chromium (system package, driven by Playwright), at desktop (1280 px)
and phone (390 px) width: ask, watch the streamed answer arrive, open a source card, check the highlighted
quote; every visible word Vietnamese; the documents table and filters; an upload seen by the filters."""

import os
import re
import shutil
import time
from pathlib import Path

import pytest

from tests.questions import GOLD_PRICE, LAO_CAI_SECTORS, NAM_DINH_HEAD

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(),
                                reason="system Chromium not installed (apt-get install chromium; .ci/run does)")

# What Gradio shows unless told otherwise (its drop zone, its footer): none of it may reach an official.
ENGLISH = ["Drop File Here", "Click to Upload", "- or -", "Use via API", "Built with Gradio", "Settings", "Runs",
           "Upload", "Loading", "Error", "Clear", "Submit"]


def open_page(p, url: str, width: int):  # type: ignore[no-untyped-def]
    browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
    page = browser.new_page(viewport={"width": width, "height": 1100}, locale="vi-VN")
    page.goto(url + "/", wait_until="load")
    page.locator("#question textarea").wait_for(timeout=60_000)
    return browser, page


def save_screenshot(page, tmp_path: Path, name: str) -> None:  # type: ignore[no-untyped-def]
    shot = tmp_path / name
    page.screenshot(path=str(shot), full_page=True)
    if os.environ.get("BCD_SCREENSHOT_DIR"):
        shutil.copy(shot, Path(os.environ["BCD_SCREENSHOT_DIR"]) / shot.name)


def dropdown_options(page, name: str, waiting_for: str | None = None) -> list[str]:  # type: ignore[no-untyped-def]
    """The labels the dropdown `name` offers, read from its own list in one go, then the dropdown closed.

    A closed Gradio dropdown fades its list out (100 ms) and leaves the list's options in the page meanwhile,
    so options are never read page-wide (right after another dropdown closes that mixes both lists, and the
    closing one's options vanish while they are read); the list closed here is waited out. `waiting_for` is an
    option that must be offered: after a (re)load the page refreshes the choices (uploads since start-up), and
    the option is waited for rather than the list read before the refresh arrives (a timeout fails the test)."""
    from playwright.sync_api import expect

    box = page.get_by_role("combobox", name=name)
    box.click()
    expect(box).to_have_attribute("aria-expanded", "true")
    listbox = page.locator(f"[role=listbox][id='{box.get_attribute('aria-controls')}']")
    if waiting_for is not None:
        listbox.get_by_role("option", name=waiting_for, exact=True).wait_for(timeout=10_000)
    options = listbox.get_by_role("option")
    options.first.wait_for(timeout=10_000)
    labels = options.evaluate_all("options => options.map(o => o.getAttribute('aria-label') || '')")
    page.keyboard.press("Escape")
    expect(box).to_have_attribute("aria-expanded", "false")
    listbox.wait_for(state="detached", timeout=10_000)
    return labels


def document_options(page, waiting_for: str | None = None) -> list[str]:  # type: ignore[no-untyped-def]
    """The titles the document filter offers."""
    page.get_by_role("tab", name="Hỏi đáp").click()
    return dropdown_options(page, "Văn bản", waiting_for)


def upload_on_page(page, path: Path) -> None:  # type: ignore[no-untyped-def]
    """Upload `path` through the "Tài liệu" tab's file chooser and wait until the job says it is done."""
    page.get_by_role("tab", name="Tài liệu").click()
    with page.expect_file_chooser() as chooser:
        page.locator("#upload").click()
    chooser.value.set_files(str(path))
    page.wait_for_function(
        "() => (document.querySelector('#upload-status')?.innerText || '').includes('hoàn tất')",
        timeout=120_000)


def test_ask_in_the_browser_and_check_the_quoted_source(server, tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        page = browser.new_page(viewport={"width": 1280, "height": 1100}, locale="vi-VN")
        page.goto(server.url + "/", wait_until="load")
        page.locator("#question textarea").wait_for(timeout=60_000)
        assert page.get_by_text("Trợ lý hỏi đáp văn bản Ban Chỉ đạo").is_visible()
        page.locator("#question textarea").fill(NAM_DINH_HEAD)
        page.locator("#send").click()
        page.wait_for_function(
            "() => (document.querySelector('#chatbot')?.innerText || '').includes('Đặng Khánh Toàn')",
            timeout=60_000)
        card = page.locator("#sources details.source-card").first
        card.wait_for(timeout=60_000)
        card.locator("summary").click()
        quote = card.locator("mark").inner_text()
        assert "Đặng Khánh Toàn" in quote and "Bí thư Tỉnh ủy" in quote
        assert "Nam Định" in card.locator(".source-meta").inner_text()
        assert card.locator(".source-where").inner_text().startswith("Đoạn ")  # which part of the document
        details = card.locator(".source-meta").inner_text()
        assert "20/03/2025" in details and "corpus" not in details and "/" not in details.replace("20/03/2025", "")
        save_screenshot(page, tmp_path, "ui-answer-with-sources.png")
        page.locator("#thumbs-up").click()
        page.get_by_text("Cảm ơn, đánh giá đã được lưu.").wait_for(timeout=10_000)
        page.locator("#question textarea").fill(GOLD_PRICE)
        page.locator("#send").click()
        page.wait_for_function(
            "() => (document.querySelector('#chatbot')?.innerText || '').includes('không đề cập đến nội dung này')",
            timeout=60_000)
        assert page.locator("#sources details.source-card").count() == 0  # a refusal cites nothing
        browser.close()


# Each change of the latest answer's text on the page: (milliseconds since the observer started, text).
WATCH_ANSWER = """() => {
  window.__answer = [];
  const chat = document.querySelector('#chatbot');
  new MutationObserver(() => {
    const bots = chat.querySelectorAll('[data-testid=bot]');
    const text = bots.length ? bots[bots.length - 1].innerText : '';
    const log = window.__answer;
    if (!log.length || log[log.length - 1][1] !== text) log.push([performance.now(), text]);
  }).observe(chat, {subtree: true, childList: true, characterData: true});
}"""


def test_a_long_answer_is_shown_as_it_is_checked_without_a_pause_per_word(server) -> None:
    """The page shows the answer a piece of checked text at a time (the whole answer at once when it is
    extractive), never word by word with a pause between words. Measured structurally: the answer's text on
    the page changes at most once per sentence of the answer (word by word it would change once per word),
    and from its first to its last change takes no longer than the API takes to answer the same question
    (a pause of even 10 ms a word would take longer than that)."""
    import httpx
    from playwright.sync_api import sync_playwright

    def normal(text: str) -> str:
        return " ".join(text.split())

    with sync_playwright() as p:
        browser, page = open_page(p, server.url, 1280)
        page.evaluate(WATCH_ANSWER)
        page.locator("#question textarea").fill(LAO_CAI_SECTORS)
        page.locator("#send").click()
        page.locator("#sources details.source-card").first.wait_for(timeout=60_000)
        changes = page.evaluate("() => window.__answer")
        browser.close()
    api_times = []
    for _ in range(2):  # warm: the API's own time to answer, retrieval and check included
        started = time.monotonic()
        answer = httpx.post(f"{server.url}/api/chat", json={"message": LAO_CAI_SECTORS}, timeout=120).json()
        api_times.append(time.monotonic() - started)
    expected = normal(answer["answer"])
    words, sentences = len(expected.split()), len(re.findall(r"[.!?…](?:\s|$)", expected))
    assert not answer["refused"] and words >= 30 and sentences >= 1, expected  # long enough to tell
    # the states the answer went through on its way to the final text (Gradio's "Loading content" is not one)
    shown = [(ms, normal(text)) for ms, text in changes if normal(text) and expected.startswith(normal(text))]
    assert shown and shown[-1][1] == expected, changes
    assert len(shown) <= sentences + 1, f"{len(shown)} updates for {sentences} sentence(s), {words} words"
    span_s = (shown[-1][0] - shown[0][0]) / 1000
    assert span_s <= min(api_times), f"first to last update {span_s:.2f} s; the API answers in {min(api_times):.2f} s"


@pytest.mark.parametrize("width", [1280, 390])
def test_every_visible_word_is_vietnamese_and_the_documents_fit(server, tmp_path: Path, width: int) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser, page = open_page(p, server.url, width)
        page.add_style_tag(content=".sr-only {display: none !important;}")  # what is shown, not what is read out
        page.locator("#question textarea").fill(NAM_DINH_HEAD)
        page.locator("#send").click()
        page.locator("#sources details.source-card").first.wait_for(timeout=60_000)
        page.locator("#sources summary").first.click()
        chat_text = page.locator("body").inner_text()
        save_screenshot(page, tmp_path, f"ui-chat-{width}.png")
        page.get_by_role("tab", name="Tài liệu").click()
        page.wait_for_timeout(1000)
        for text in (chat_text, page.locator("body").inner_text()):
            assert not [word for word in ENGLISH if word in text], text
        table = page.locator("#documents table")
        table.wait_for(timeout=10_000)
        save_screenshot(page, tmp_path, f"ui-documents-{width}.png")
        assert page.evaluate("document.documentElement.scrollWidth") <= width  # nothing runs off the screen
        rows = table.locator("tbody tr")
        assert rows.count() == 5
        first = rows.first.inner_text()
        assert "Phát triển khoa học công nghệ" in first and "Lào Cai" in first and "17/11/2025" in first
        font = rows.first.locator("td").first.evaluate("e => getComputedStyle(e).fontFamily")
        assert "mono" not in font.lower()
        if width == 1280:  # all four columns side by side, inside the window
            headers = table.locator("th")
            assert headers.all_inner_texts() == ["Tiêu đề", "Tỉnh", "Ngày", "Số đoạn"]
            boxes = [h.bounding_box() for h in headers.all()]
            assert all(b is not None and b["x"] + b["width"] <= width for b in boxes)
            assert len({round(b["y"]) for b in boxes if b}) == 1
        options = document_options(page)
        assert "Quyết tâm tạo đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số" in options
        assert not any(o.startswith(("nam-dinh", "lao-cai", "bac-kan")) for o in options)  # titles, not file slugs
        browser.close()


def test_a_question_the_service_rejects_gets_a_vietnamese_reason(server) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser, page = open_page(p, server.url, 1280)
        page.locator("#question textarea").fill("Trưởng Ban Chỉ đạo là ai? " * 100)
        page.locator("#send").click()
        page.wait_for_function("() => (document.querySelector('#chatbot')?.innerText || '').includes('⚠️')",
                               timeout=60_000)
        shown = page.locator("#chatbot").inner_text()
        assert "Câu hỏi dài 2599 ký tự, vượt quá giới hạn 2000 ký tự" in shown
        assert "characters" not in shown and "limit" not in shown
        browser.close()


PLAN = """ỦY BAN NHÂN DÂN TỈNH CAO BẰNG
Số: 215/KH-UBND
Ngày 01/12/2025
KẾ HOẠCH
Triển khai chuyển đổi số năm 2026
Căn cứ Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị;
Sở Khoa học và Công nghệ tỉnh Cao Bằng chủ trì xây dựng nền tảng số dùng chung của tỉnh.
"""
PLAN_TITLE = "Kế hoạch số 215/KH-UBND: Triển khai chuyển đổi số năm 2026"


def test_an_upload_shows_in_the_filters_and_the_table_also_after_a_reload(own_server, tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    plan = tmp_path / "ke-hoach-215.txt"
    plan.write_text(PLAN, encoding="utf-8")
    with sync_playwright() as p:
        browser, page = open_page(p, own_server.url, 1280)
        assert PLAN_TITLE not in document_options(page)
        upload_on_page(page, plan)
        assert "Tiến độ: 1/1 tệp (hoàn tất)" in page.locator("#upload-status").inner_text()
        row = page.locator("#documents tbody tr", has_text=PLAN_TITLE)
        row.wait_for(timeout=10_000)
        assert "Cao Bằng" in row.inner_text() and "01/12/2025" in row.inner_text()
        assert PLAN_TITLE in document_options(page)  # without a reload: the job's end refreshed the filters
        page.reload(wait_until="load")
        page.locator("#question textarea").wait_for(timeout=60_000)
        # the page as first served predates the upload: its load-time refresh brings the new choices
        assert PLAN_TITLE in document_options(page, waiting_for=PLAN_TITLE)
        provinces = dropdown_options(page, "Tỉnh", waiting_for="Cao Bằng")
        assert provinces[0] == "Tất cả" and provinces.count("Cao Bằng") == 1
        page.get_by_role("combobox", name="Văn bản").click()
        page.get_by_role("option", name=PLAN_TITLE).click()
        page.locator("#question textarea").fill("Cơ quan nào chủ trì xây dựng nền tảng số dùng chung?")
        page.locator("#send").click()
        card = page.locator("#sources details.source-card").first
        card.wait_for(timeout=60_000)
        assert "Kế hoạch 215/KH-UBND" in card.locator("summary").inner_text()  # its official name
        card.locator("summary").click()
        details = card.locator(".source-meta").inner_text()
        assert PLAN_TITLE in details
        assert "ke-hoach-215.txt" in details and "uploads" not in details and str(own_server.data_dir) not in details
        browser.close()


def test_a_document_uploaded_through_the_api_is_offered_after_a_reload(own_server) -> None:
    import httpx
    from playwright.sync_api import sync_playwright

    from tests.conftest import wait_for_job

    title = "Kế hoạch số 31/KH-UBND: Phát triển hạ tầng số tỉnh Hà Giang"
    text = PLAN.replace("CAO BẰNG", "HÀ GIANG").replace("Cao Bằng", "Hà Giang").replace("215", "31").replace(
        "Triển khai chuyển đổi số năm 2026", "Phát triển hạ tầng số tỉnh Hà Giang")
    with sync_playwright() as p:
        browser, page = open_page(p, own_server.url, 1280)  # opened before the upload
        with httpx.Client(base_url=own_server.url, timeout=60) as client:
            job = client.post("/api/documents", files=[("files", ("ke-hoach-31.txt", text.encode()))]).json()
            assert wait_for_job(client, job["job_id"])["status"] == "done"
        page.reload(wait_until="load")
        page.locator("#question textarea").wait_for(timeout=60_000)
        assert title in document_options(page, waiting_for=title)
        page.get_by_role("combobox", name="Tỉnh").click()
        # the list re-renders as it opens: wait for the option itself (a timeout fails the test)
        page.get_by_role("option", name="Hà Giang", exact=True).wait_for(timeout=10_000)
        browser.close()
