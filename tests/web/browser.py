"""Headless Chromium for the browser tests: the system's browser and driver, or a skip.

Playwright's own browser build cannot be downloaded here, so Selenium drives Debian's
`chromium` with its `chromium-driver` (`.ci/run` installs both). Screenshots of every page go
to SCREENSHOTS (`build/screenshots/`, or $DRAFTER_SCREENSHOTS).
"""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from werkzeug.serving import make_server

from tests.web.conftest import ROOT

SCREENSHOTS = Path(os.environ.get("DRAFTER_SCREENSHOTS") or ROOT / "build" / "screenshots")
AXE = Path(__file__).parent / "vendor" / "axe.min.js"
BROWSERS = ("chromium", "chromium-browser", "google-chrome")
DRIVERS = ("chromedriver",)


def _found(names: tuple[str, ...]) -> str | None:
    return next((path for name in names if (path := shutil.which(name))), None)


def chromium(downloads: Path) -> Any:
    """A headless Chromium that saves downloads in the folder; skips the test without one."""
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed")
    browser, driver = _found(BROWSERS), _found(DRIVERS)
    if not browser or not driver:
        pytest.skip(
            "browser tests need Chromium and its driver: apt-get install chromium chromium-driver"
        )
    options = webdriver.ChromeOptions()
    options.binary_location = browser
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage"):
        options.add_argument(argument)
    options.add_argument("--window-size=1280,900")
    options.add_experimental_option("prefs", {"download.default_directory": str(downloads)})
    service = webdriver.ChromeService(executable_path=driver)
    chrome = webdriver.Chrome(options=options, service=service)
    chrome.execute_cdp_cmd(
        "Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)}
    )
    return chrome


@contextmanager
def serving(app: Flask) -> Iterator[str]:
    """The app on a free port of this machine, for as long as the block runs; yields its URL."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join()


def screenshot(driver: Any, name: str) -> Path:
    """Save the whole page as SCREENSHOTS/<name>.png."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    height = driver.execute_script("return document.documentElement.scrollHeight")
    driver.set_window_size(1280, max(900, int(height)))
    path = SCREENSHOTS / f"{name}.png"
    driver.save_screenshot(str(path))
    driver.set_window_size(1280, 900)
    return path


def accessibility_violations(driver: Any) -> list[str]:
    """What axe-core finds wrong with the page, one line per rule and element."""
    driver.execute_script(AXE.read_text(encoding="utf-8"))
    found = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document).then((result) => done(result.violations));"
    )
    return [
        f"{violation['id']} ({violation['impact']}): {node['target']}"
        for violation in found
        for node in violation["nodes"]
    ]
