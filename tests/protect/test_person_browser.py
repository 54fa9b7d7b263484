"""In Debian's Chromium: a protective security officer adds a person with the keyboard alone."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.browser import LiveServer, sign_in
from tests.factories.auth import PASSWORD
from tests.protect.conftest import World

pytestmark = pytest.mark.browser


def test_a_person_is_added_with_the_keyboard(page: Any, live_server: LiveServer, world: World) -> None:
    sign_in(page, live_server, "olive", PASSWORD)
    page.goto(f"{live_server.url}/protect/persons")
    page.focus("#add-person")
    page.keyboard.press("Enter")
    page.wait_for_url("**/protect/persons/new")

    # An empty name comes back with the error summary naming it; the summary's link moves focus.
    page.focus("#name")
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    assert page.inner_text("#error-summary").startswith("There is a problem")
    assert page.locator("#error-summary li[data-error-field=name]").count() == 1
    page.focus("#error-summary li[data-error-field=name] a")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "name"

    page.keyboard.type("Cllr Dee Dunstable")
    page.keyboard.press("Tab")  # role
    assert page.evaluate("document.activeElement.id") == "kind"
    page.keyboard.press("ArrowDown")  # candidate -> councillor
    page.keyboard.press("Tab")  # constituency or ward
    page.keyboard.type("Dunstable Central")
    page.keyboard.press("Tab")  # responsible force, filled with the officer's own
    assert page.evaluate("document.activeElement.value") == "bedfordshire"
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*/protect/persons/\d+$"))
    assert page.inner_text("h1") == "Cllr Dee Dunstable"
    assert "councillor" in page.content() and "Dunstable Central" in page.content()
    assert "OFFICIAL-SENSITIVE" in page.inner_text(".marking-banner >> nth=0")
