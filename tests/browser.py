"""Browser-test support: a live Vigil server on a free loopback port and Debian's Chromium.

The fixtures are registered once, in ``tests/conftest.py``: do not import them into test
modules (pytest would make a session-scoped ``browser`` per importing module, and a second
Playwright cannot start inside the first).

Chromium comes from Debian (``scripts/setup-browser``); Playwright never downloads a browser.
Without ``/usr/bin/chromium`` the tests skip, unless ``VIGIL_REQUIRE_BROWSER=1`` (set by CI),
when they fail.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import uvicorn

from vigil.app import create_app
from vigil.config import Settings

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class LiveServer:
    url: str
    settings: Settings


@contextmanager
def serve(settings: Settings) -> Iterator[LiveServer]:
    """Vigil served over real HTTP on 127.0.0.1 with ``settings`` (http, so cookies are not
    ``Secure`` here), for as long as the block runs."""
    live_settings = settings.model_copy(update={"secure_cookies": False})
    app = create_app(live_settings, start_workers=False)
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("live server did not start")
        time.sleep(0.02)
    try:
        yield LiveServer(url=f"http://127.0.0.1:{port}", settings=live_settings)
    finally:
        server.should_exit = True
        thread.join(5)


@pytest.fixture
def live_server(settings: Settings) -> Iterator[LiveServer]:
    """Vigil served over real HTTP on 127.0.0.1 (http, so cookies are not ``Secure`` here)."""
    with serve(settings) as live:
        yield live


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        if os.environ.get("VIGIL_REQUIRE_BROWSER") == "1":
            pytest.fail("Debian's chromium is required (VIGIL_REQUIRE_BROWSER=1): run scripts/setup-browser")
        pytest.skip("Debian's chromium is not installed (scripts/setup-browser installs it)")
    from playwright.sync_api import sync_playwright  # noqa: PLC0415

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    pg = context.new_page()
    pg.set_default_timeout(10_000)
    yield pg
    context.close()


def sign_in(page: Any, server: LiveServer, username: str, password: str) -> None:
    page.goto(f"{server.url}/login")
    page.fill("#username", username)
    page.fill("#password", password)
    page.click("button[type=submit]")
    page.wait_for_load_state()
