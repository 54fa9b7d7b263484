"""The analyst's main path in Chromium, keyboard only: open the queue, take the most urgent
report, grade it, raise an action, confirm a duplicate, close it."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser import LiveServer
from tests.factories.auth import PASSWORD
from tests.workspace.conftest import World

pytestmark = pytest.mark.browser


def tab_to(pg: Any, selector: str, limit: int = 250) -> None:
    """Press Tab until the element matching ``selector`` has the focus."""
    for _ in range(limit):
        if pg.evaluate("s => document.activeElement === document.querySelector(s)", selector):
            return
        pg.keyboard.press("Tab")
    raise AssertionError(f"could not reach {selector} with Tab")


def test_main_path_keyboard_only(live_server: LiveServer, page: Any, world: World) -> None:
    page.goto(f"{live_server.url}/login")
    tab_to(page, "#username")
    page.keyboard.type("asha")
    tab_to(page, "#password")
    page.keyboard.type(PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")

    page.goto(f"{live_server.url}/workspace/queue")
    page.wait_for_load_state("load")
    assert page.locator("a.row-link").count() > 0, page.url
    assert "/login" not in page.url, page.content()[:500]
    page.keyboard.press("j")  # the first row: the most urgent report
    assert page.evaluate("document.activeElement.textContent") == world.beds
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/workspace/reports/{world.beds}")

    tab_to(page, "#source_grade")
    page.keyboard.type("1")
    tab_to(page, "#intel_grade")
    page.keyboard.type("B")
    tab_to(page, "#grade button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_selector('[data-grade="1BP"]')

    tab_to(page, "#action-title")
    page.keyboard.type("Check ANPR for AB12CDE")
    tab_to(page, "#actions ~ form button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_selector('[data-action-state="open"]')

    tab_to(page, "button[data-decision=confirm]")
    page.keyboard.press("Enter")
    page.wait_for_selector(f"text=Duplicate {world.beds_dup}")

    tab_to(page, "#closed_reason")
    page.keyboard.type("no")
    tab_to(page, "#close button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_selector('[data-state="closed"]')
    assert "no further action" in page.text_content('[data-state="closed"]')
