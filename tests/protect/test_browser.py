"""In Debian's Chromium: start a programme, work a review to closed, see the progress update."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser import LiveServer, sign_in
from tests.factories.auth import PASSWORD
from tests.protect.conftest import World

pytestmark = pytest.mark.browser


def _move(page: Any, state: str) -> None:
    page.click(f"button[data-to={state}]")
    page.wait_for_load_state()
    assert page.get_attribute("#review-state", "data-state") == state


def test_a_programme_is_started_and_a_review_worked_to_closed(
    page: Any,
    live_server: LiveServer,
    world: World,
) -> None:
    sign_in(page, live_server, "olive", PASSWORD)
    page.goto(f"{live_server.url}/protect/programmes")
    page.fill("#name", "Contact every Bedfordshire MP")
    page.select_option("#target_kind", "mps_in_force")
    page.fill("#target_param", "bedfordshire")
    page.click("form[action='/protect/programmes'] button[type=submit]")
    page.wait_for_load_state()
    assert page.inner_text("h1") == "Contact every Bedfordshire MP"
    assert page.inner_text("[data-count=total]") == "1"
    assert page.inner_text("[data-count=closed]") == "0"
    assert page.locator("svg rect[data-series=closed]").count() >= 1
    programme_url = page.url

    page.click("tr[data-review] a")
    page.wait_for_load_state()
    for state in ("offered", "accepted", "assessment_booked"):
        _move(page, state)
    page.select_option("#physical_rating", "needs_improvement")
    page.fill("#physical_findings", "No door entry system")
    page.click("#assessment-form button[type=submit]")
    page.wait_for_load_state()
    assert "No door entry system" in page.content()
    _move(page, "assessed")
    page.fill("#rec_text", "Fit a door entry system")
    page.select_option("#rec_owner", "parliament_security")
    page.click("#recommendation-form button[type=submit]")
    page.wait_for_load_state()
    for state in ("recommendations_issued", "measures_in_place", "closed"):
        _move(page, state)
    assert page.locator("button[data-to]").count() == 0

    page.goto(programme_url)
    assert page.inner_text("[data-count=closed]") == "1"
    assert page.inner_text("[data-count=assessed]") == "1"
    assert page.inner_text("[data-count=contacted_in_time]") == "1"
    assert page.get_attribute("svg rect[data-series=closed][data-group=CTPE]", "data-pct") == "100"
    assert "OFFICIAL-SENSITIVE" in page.inner_text(".marking-banner >> nth=0")
