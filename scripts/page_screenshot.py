"""Take docs/page.png: the page of the shipped graph in headless Chromium, a relation open.

    python scripts/page_screenshot.py [FRAGMENT]

Needs Chromium at /usr/bin/chromium (or $CHROMIUM) and Playwright's Python package (the test
extra). FRAGMENT is the page state to show (default: Russia's veto of October 2023 selected).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).parents[1]
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
DEFAULT = "#sel=r:russia-israel-veto-2023"


def main(fragment: str) -> None:
    from playwright.sync_api import sync_playwright

    import relgraph
    from relgraph.export import export

    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        page_file = Path(tmp) / "graph.html"
        export(relgraph.load(ROOT / "data"), path=page_file)
        browser = playwright.chromium.launch(
            executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"), args=ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 860})
        page.goto(page_file.as_uri() + fragment)
        page.wait_for_selector("body[data-ready]")
        page.screenshot(path=str(ROOT / "docs" / "page.png"))
        browser.close()
    print("wrote docs/page.png")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else DEFAULT)
