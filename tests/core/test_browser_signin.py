"""A person signs in with the keyboard in a real browser and reaches the queue."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy.orm import Session

from tests.browser import LiveServer
from tests.factories.auth import PASSWORD, make_personas

pytestmark = pytest.mark.browser


def test_sign_in_with_the_keyboard_reaches_the_queue(db: Session, live_server: LiveServer, page: Any) -> None:
    personas = make_personas(db)
    page.goto(f"{live_server.url}/login")
    page.keyboard.press("Tab")  # skip link
    page.focus("#username")
    page.keyboard.type(personas.owner_analyst)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/workspace/queue")
    assert page.locator("h1").inner_text() == "Triage queue"
    assert "Asha" in page.locator(".who").inner_text()


def test_a_wrong_password_shows_an_error_summary(db: Session, live_server: LiveServer, page: Any) -> None:
    make_personas(db)
    page.goto(f"{live_server.url}/login")
    page.fill("#username", "asha")
    page.fill("#password", "wrong password here")
    page.click("button[type=submit]")
    assert "There is a problem" in page.locator(".error-summary").inner_text()
