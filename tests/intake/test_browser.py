"""The public form in Debian's Chromium: photo, 999, follow-up, keyboard only, axe, the map."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tests.browser import LiveServer
from tests.factories.intake import jpeg_with_gps
from vigil.intake.models import Attachment, Report, ReportFollowup
from vigil.reference.models import RefForce

pytestmark = pytest.mark.browser

#: axe impacts that fail the test. "moderate" and "minor" are reported, not failed.
BLOCKING = ("serious", "critical")


def scan(pg: Any) -> list[str]:
    """Inject axe-core (bundled with axe-playwright-python, offline) and run it on the page."""
    from axe_playwright_python.sync_playwright import Axe  # noqa: PLC0415

    results = Axe().run(pg)
    return [
        f"{pg.url}: {v['id']} ({v['impact']}): {v['help']} -> {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v.get("impact") in BLOCKING
    ]


@pytest.fixture
def axe_page(browser: Any) -> Iterator[Any]:
    """A page whose CSP does not block the injected axe script (the app's own scripts are
    tested under the real CSP by the map test)."""
    context = browser.new_context(viewport={"width": 1200, "height": 900}, bypass_csp=True)
    pg = context.new_page()
    pg.set_default_timeout(10_000)
    yield pg
    context.close()


def _choose(pg: Any, name: str, value: str) -> None:
    pg.check(f"input[name={name}][value={value}]")


def _continue(pg: Any) -> None:
    pg.click("form button.button[type=submit]:not([name])")
    pg.wait_for_load_state()


def test_a_full_anonymous_report_with_a_photo_passes_axe_on_every_page(
    live_server: LiveServer,
    axe_page: Any,
    db: Session,
    tmp_path: Path,
) -> None:
    pg, base = axe_page, live_server.url
    problems: list[str] = []
    pg.goto(f"{base}/report")
    problems += scan(pg)
    _choose(pg, "emergency_now", "no")
    _continue(pg)
    assert pg.url.endswith("/report/type")
    problems += scan(pg)
    _choose(pg, "report_type", "suspicious_activity")
    _continue(pg)
    problems += scan(pg)
    pg.fill("#description", "A man photographing the barriers at the station entrance for twenty minutes.")
    _continue(pg)
    problems += scan(pg)  # when
    pg.fill("#observed_date", "2026-11-20")
    pg.fill("#observed_time", "14:30")
    _continue(pg)
    problems += scan(pg)  # where (with the map)
    pg.fill("#location_text", "Bedford station")
    pg.fill("#postcode", "MK40 1AA")
    _continue(pg)
    problems += scan(pg)  # who
    pg.fill("#people_text", "White man, 40s, grey coat")
    _continue(pg)
    problems += scan(pg)  # files
    photo = tmp_path / "holiday.jpg"
    photo.write_bytes(jpeg_with_gps())
    pg.set_input_files("#files", str(photo))
    pg.click("button[name=action][value=upload]")
    pg.wait_for_load_state()
    assert "holiday.jpg" in pg.inner_text(".file-list")
    problems += scan(pg)  # files, with one added
    _continue(pg)
    problems += scan(pg)  # contact
    _continue(pg)
    assert pg.url.endswith("/report/check")
    problems += scan(pg)
    assert "Bedford station" in pg.content() and "holiday.jpg" in pg.content()
    _continue(pg)
    reference = pg.inner_text("#reference")
    assert reference.startswith("VGL-")
    problems += scan(pg)  # confirmation
    pg.goto(f"{base}/report/followup")
    problems += scan(pg)
    assert problems == [], "\n".join(problems)
    db.expire_all()
    report = db.scalar(select(Report).where(Report.reference == reference))
    assert report is not None and report.channel == "web"
    assert (
        db.scalar(select(func.count()).select_from(Attachment).where(Attachment.report_id == report.id)) == 1
    )


def test_yes_to_danger_interrupts_with_999_and_then_the_follow_up_code_works(
    live_server: LiveServer,
    axe_page: Any,
    db: Session,
) -> None:
    pg, base = axe_page, live_server.url
    pg.goto(f"{base}/report")
    _choose(pg, "emergency_now", "yes")
    _continue(pg)
    assert pg.url.endswith("/report/emergency")
    assert "Call 999" in pg.inner_text("h1")
    assert scan(pg) == []
    pg.click("text=Continue with your report")
    assert pg.url.endswith("/report/type")
    assert "call 999" in pg.inner_text(".emergency-strip")
    _choose(pg, "report_type", "suspicious_activity")
    _continue(pg)
    pg.fill("#description", "A rucksack left under a bench by the main doors, nobody near it.")
    for _ in ("details", "when", "where", "who", "files", "contact", "check"):
        _continue(pg)
    reference, code = pg.inner_text("#reference"), pg.inner_text("#followup-code")
    assert "999" in pg.content()
    pg.click("text=add it to your report")
    pg.fill("#reference", reference)
    pg.fill("#code", code)
    pg.fill("#text", "The bag was blue with a red strap.")
    _continue(pg)
    assert "VGL-" not in pg.content() and "rucksack" not in pg.content()  # nothing read back
    assert scan(pg) == []
    db.expire_all()
    assert db.scalar(select(ReportFollowup.text)) == "The bag was blue with a red strap."


def _tab_to(pg: Any, css: str, limit: int = 60) -> None:
    for _ in range(limit):
        pg.keyboard.press("Tab")
        if pg.evaluate("(css) => document.activeElement && document.activeElement.matches(css)", css):
            return
    raise AssertionError(f"could not reach {css} with the Tab key")


def _radio_by_keyboard(pg: Any, name: str, value: str) -> None:
    _tab_to(pg, f"input[name={name}]")
    pg.keyboard.press("Space")
    for _ in range(20):
        if pg.is_checked(f"input[name={name}][value={value}]"):
            return
        pg.keyboard.press("ArrowDown")
    raise AssertionError(f"could not select {name}={value} with the keyboard")


def _submit_by_keyboard(pg: Any) -> str:
    """Tab to the main button and press Enter; return the focused button's outline (visible focus)."""
    _tab_to(pg, "form button.button[type=submit]:not([name])")
    outline = str(pg.evaluate("() => getComputedStyle(document.activeElement).outlineStyle"))
    with pg.expect_navigation():
        pg.keyboard.press("Enter")
    return outline


def test_the_form_can_be_completed_with_the_keyboard_alone(
    live_server: LiveServer,
    page: Any,
    db: Session,
) -> None:
    pg = page
    pg.goto(f"{live_server.url}/report")
    _radio_by_keyboard(pg, "emergency_now", "no")
    _submit_by_keyboard(pg)
    _radio_by_keyboard(pg, "report_type", "suspicious_activity")
    _submit_by_keyboard(pg)
    _tab_to(pg, "#description")
    pg.keyboard.type("Two people filming the gates of the army reserve centre from a parked car.")
    _submit_by_keyboard(pg)
    outlines = {_submit_by_keyboard(pg) for _ in ("when", "where", "who", "files", "contact", "check")}
    assert "none" not in outlines  # the focused control is visibly marked
    assert pg.inner_text("#reference").startswith("VGL-")
    db.expire_all()
    assert db.scalar(select(func.count()).select_from(Report)) == 1


SQUARE = {
    "type": "Polygon",
    "coordinates": [[[-0.7, 51.9], [-0.2, 51.9], [-0.2, 52.3], [-0.7, 52.3], [-0.7, 51.9]]],
}


def test_the_map_draws_force_areas_without_a_tile_server_and_fills_the_fields(
    live_server: LiveServer,
    page: Any,
    db: Session,
) -> None:
    db.add(
        RefForce(
            slug="bedfordshire",
            pfa_code="E23000026",
            name="Bedfordshire Police",
            area_name="Bedfordshire",
            country="England",
            ct_region="eastern",
            ct_unit="Eastern CT Policing",
            polygon_geojson=json.dumps(SQUARE),
        )
    )
    db.commit()
    outside: list[str] = []
    errors: list[str] = []
    # Chromium's own /favicon.ico probe logs a console 404 that is not a page request; real
    # failed requests are caught by the response listener below.
    page.on(
        "console",
        lambda m: (
            errors.append(m.text)
            if m.type == "error" and not m.text.startswith("Failed to load resource")
            else None
        ),
    )
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("response", lambda r: errors.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(live_server.url) else None)
    page.goto(f"{live_server.url}/report")
    page.check("input[name=emergency_now][value=no]")
    _continue(page)
    page.goto(f"{live_server.url}/report/where")
    page.wait_for_selector("#map:not([hidden]) path.leaflet-interactive")
    assert page.locator("#map path.leaflet-interactive").count() >= 1  # the force area drawn
    assert page.locator("#map img.leaflet-tile").count() == 0
    box = page.locator("#map").bounding_box()
    assert box is not None and box["height"] > 100
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    assert page.input_value("#latitude") and page.input_value("#longitude")
    assert float(page.input_value("#latitude")) == pytest.approx(54.5, abs=3)
    assert outside == [], f"requests outside the server: {outside}"
    assert errors == [], errors


def test_the_form_works_with_javascript_off(
    live_server: LiveServer,
    browser: Any,
    db: Session,
) -> None:
    context = browser.new_context(java_script_enabled=False)
    pg = context.new_page()
    try:
        base = live_server.url
        pg.goto(f"{base}/report")
        _choose(pg, "emergency_now", "no")
        _continue(pg)
        _choose(pg, "report_type", "suspicious_activity")
        _continue(pg)
        pg.fill("#description", "A van parked on the kerb by the stadium gates all afternoon.")
        _continue(pg)
        _continue(pg)
        assert pg.url.endswith("/report/where")
        assert pg.locator("#map").is_hidden()  # no map without JS; the fields stand alone
        pg.fill("#latitude", "52.13")
        pg.fill("#longitude", "-0.47")
        for _ in ("where", "who", "files", "contact", "check"):
            _continue(pg)
        assert pg.inner_text("#reference").startswith("VGL-")
    finally:
        context.close()
    db.expire_all()
    report = db.scalar(select(Report))
    assert report is not None and report.latitude == pytest.approx(52.13)


def test_the_scan_itself_catches_a_serious_violation(axe_page: Any) -> None:
    axe_page.set_content(
        '<html lang="en"><head><title>t</title></head><body><main><img src="x.png"></main></body></html>'
    )
    assert any("image-alt" in problem for problem in scan(axe_page))
