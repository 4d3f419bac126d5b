"""The shared Chromium fixture works: a local page loads, runs its script, and is photographed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.browser import console_errors


def test_chromium_loads_a_local_page_and_takes_a_screenshot(chromium: Any, screenshots: Path, tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        '<!doctype html><meta charset="utf-8"><p id="x">表三</p><script>document.getElementById("x").textContent += "✓"</script>',
        encoding="utf-8",
    )
    chromium.get(page.as_uri())
    assert chromium.find_element("id", "x").text == "表三✓"
    assert console_errors(chromium) == []
    shot = screenshots / "browser-smoke.png"
    assert chromium.save_screenshot(str(shot)) and shot.stat().st_size > 0


def test_console_errors_are_reported(chromium: Any, tmp_path: Path) -> None:
    page = tmp_path / "broken.html"
    page.write_text("<!doctype html><script>undefinedFunction()</script>", encoding="utf-8")
    chromium.get(page.as_uri())
    assert any("undefinedFunction" in message for message in console_errors(chromium))
