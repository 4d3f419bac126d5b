"""One headless Chromium for every browser test (the office's HTML report, the `serve` page).

Debian's `chromium` and `chromium-driver` (tests/setup-system.sh installs them as root) driven by
Selenium: no browser is downloaded. Without them the browser tests are skipped, saying why.
Screenshots go to `SCREENSHOTS` (under pytest's base temporary directory unless
`GIOCHECK_SCREENSHOTS` names a folder), and each test's console messages are readable.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

_BROWSERS = ("chromium", "chromium-browser", "google-chrome")


def _program(names: tuple[str, ...]) -> str | None:
    return next((found for name in names if (found := shutil.which(name))), None)


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    """A headless Chromium WebDriver (Selenium), shared by the session; skipped when not installed."""
    browser = _program(_BROWSERS)
    driver_path = _program(("chromedriver",))
    if browser is None or driver_path is None:
        pytest.skip("Chromium or chromedriver not installed (run tests/setup-system.sh as root)")
    webdriver = pytest.importorskip("selenium.webdriver")
    options = webdriver.ChromeOptions()
    options.binary_location = browser
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"):
        options.add_argument(argument)
    options.add_argument("--window-size=1280,1600")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    service = webdriver.ChromeService(executable_path=driver_path)
    driver = webdriver.Chrome(options=options, service=service)
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture(scope="session")
def screenshots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where browser tests save their screenshots."""
    named = os.environ.get("GIOCHECK_SCREENSHOTS")
    folder = Path(named) if named else tmp_path_factory.mktemp("screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def console_errors(driver: Any) -> list[str]:
    """The SEVERE console messages logged since the last call (read once, then cleared by Chromium)."""
    return [entry["message"] for entry in driver.get_log("browser") if entry.get("level") == "SEVERE"]
