"""Headless Chromium for tests, shared by every browser test (digests, review app).

We never download a browser: Playwright drives the system's Debian `chromium` (installed by `.ci/run`).
With CI=true a missing browser fails the test (CI must run them); elsewhere the test skips and says why.

Usage::

    from tests.browser import launch_browser, require_chromium

    @pytest.mark.browser
    def test_page(tmp_path):
        require_chromium()
        with sync_playwright() as pw:
            browser = launch_browser(pw)
            ...

or take the `chromium_browser` fixture (module-level generator below; import it into the test module).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}

# Where Debian and other distributions put the browser; GRANTRADAR_CHROMIUM overrides them all.
CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")

# No GPU on CI machines, no sandbox when running as root in a container, and nothing fetched in the
# background (component updates, safe-browsing lists): tests stay offline.
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-dev-shm-usage",
]


def chromium_path() -> str | None:
    """The Chromium executable to use, or None when the machine has none."""
    override = os.environ.get("GRANTRADAR_CHROMIUM")
    if override:
        return override if Path(override).is_file() else None
    for candidate in CANDIDATES:
        if Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    return found


def require_chromium() -> str:
    """The Chromium path; skip the test when there is none, or fail it with CI=true."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:  # pragma: no cover - playwright is a test dependency
        reason = "the playwright package is not installed (pip install -e '.[test]')"
        if IN_CI:
            pytest.fail(f"CI=true and {reason}")
        pytest.skip(reason)
    path = chromium_path()
    if path is None:
        reason = (
            "no Chromium found (looked at $GRANTRADAR_CHROMIUM, " + ", ".join(CANDIDATES) + ", $PATH); "
            "install Debian's `chromium` package (what .ci/run does) to run the browser tests"
        )
        if IN_CI:
            pytest.fail(f"CI=true and {reason}")
        pytest.skip(reason)
    return path


def launch_browser(playwright: Any) -> Any:
    """Launch headless system Chromium through a `sync_playwright()` object; the caller closes it."""
    path = require_chromium()
    return playwright.chromium.launch(executable_path=path, headless=True, args=LAUNCH_ARGS)


@pytest.fixture
def chromium_browser() -> Iterator[Any]:
    """A launched Chromium browser for one test (skips or fails as `require_chromium` says)."""
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = launch_browser(pw)
        try:
            yield browser
        finally:
            browser.close()
