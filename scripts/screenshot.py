"""Take the README's screenshots from a running `make run` (Debian Chromium via Playwright).

.venv/bin/python scripts/screenshot.py --user analyst.beds --password '...'
"""

from __future__ import annotations

import argparse
from pathlib import Path

from playwright.sync_api import sync_playwright

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", default="http://127.0.0.1:8000")
    parser.add_argument("--user", required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--path", default="/workspace/queue")
    parser.add_argument("--out", default="docs/screenshot-queue.png")
    args = parser.parse_args()
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        page.goto(f"{args.url}/login")
        page.fill("#username", args.user)
        page.fill("#password", args.password)
        page.click("button[type=submit]")
        page.wait_for_load_state()
        page.goto(args.url + args.path)
        page.screenshot(path=str(Path(args.out)), full_page=False)
        browser.close()


if __name__ == "__main__":
    main()
