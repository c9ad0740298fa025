"""The Gradio page in a real headless Chromium (system package, driven by Playwright): ask, watch the
streamed answer arrive, open a source card, check the highlighted quote, save a screenshot."""

import os
import shutil
from pathlib import Path

import pytest

from tests.questions import GOLD_PRICE, NAM_DINH_HEAD

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(),
                                reason="system Chromium not installed (apt-get install chromium; .ci/run does)")


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
        shot = tmp_path / "ui-answer-with-sources.png"
        page.screenshot(path=str(shot), full_page=True)
        if os.environ.get("BCD_SCREENSHOT_DIR"):
            shutil.copy(shot, Path(os.environ["BCD_SCREENSHOT_DIR"]) / shot.name)
        assert shot.stat().st_size > 10_000
        page.locator("#thumbs-up").click()
        page.get_by_text("Cảm ơn, đánh giá đã được lưu.").wait_for(timeout=10_000)
        page.locator("#question textarea").fill(GOLD_PRICE)
        page.locator("#send").click()
        page.wait_for_function(
            "() => (document.querySelector('#chatbot')?.innerText || '').includes('không đề cập đến nội dung này')",
            timeout=60_000)
        assert page.locator("#sources details.source-card").count() == 0  # a refusal cites nothing
        browser.close()
