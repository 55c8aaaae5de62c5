"""The member digest rendered by headless Chromium: a real page (height, key text visible), no script runs.

Skips with a reason when no Chromium is installed; with CI=true it fails instead (see tests/browser.py).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from freezegun import freeze_time
from sqlalchemy import Engine

from digests.preview import render_member_preview
from digests.samples import PILLARS, SCENARIO_NOW, add_call, add_match, scenario
from grantradar.config import Config
from store.db import session_scope
from tests.browser import chromium_browser  # noqa: F401  (fixture)

pytestmark = pytest.mark.browser


def test_member_digest_renders_in_chromium(sqlite_engine: Engine, tmp_path: Path, chromium_browser: Any) -> None:  # noqa: F811
    config = Config(secret_key="browser-secret", base_url="https://radar.example.org")
    with freeze_time(SCENARIO_NOW), session_scope(sqlite_engine) as s:
        rows = scenario(s)
        member = rows["members"]["cs"]
        hostile = add_call(
            s,
            "feeds:x",
            "<script>window.__pwned = 1</script>Hostile <b>title</b>",
            now=SCENARIO_NOW,
            url="javascript:window.__pwned = 2",
            deadlines=["2026-05-01T23:59:59+02:00"],
        )
        s.flush()
        add_match(s, hostile, member, pillars=["lasers"])
        html = render_member_preview(s, member, config, now=SCENARIO_NOW, pillars=PILLARS)
    page_file = tmp_path / "digest.html"
    page_file.write_text(html, encoding="utf-8")

    page = chromium_browser.new_page(viewport={"width": 800, "height": 900})
    page.goto(page_file.as_uri())
    shot = tmp_path / "digest.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 20_000  # a rendered page, not a blank one

    height = page.evaluate("document.documentElement.scrollHeight")
    assert height > 1500, height  # five calls in three sections
    for text in (
        "Nové výzvy (4)",
        "Laserové svařování a mikroobrábění pro výrobu",
        "Změny ve výzvách",
        "Brzy končí",
        "Odhlásit odběr",
    ):
        assert page.get_by_text(text, exact=False).first.is_visible(), text
    deadline = page.get_by_text("27. března 2026", exact=False).first
    assert deadline.is_visible()
    # The cards are styled (inlined CSS): a coloured left border on each.
    border = page.locator("div.card").first.evaluate("e => getComputedStyle(e).borderLeftWidth")
    assert border == "4px"
    # Hostile title shown as text; nothing it contained ran or became a link.
    assert page.evaluate("window.__pwned === undefined")
    assert page.get_by_text("<script>window.__pwned = 1</script>Hostile <b>title</b>").is_visible()
    assert page.locator("a[href^='javascript']").count() == 0
    assert page.locator("b", has_text="title").count() == 0


def test_compact_list_renders_in_chromium(sqlite_engine: Engine, tmp_path: Path, chromium_browser: Any) -> None:  # noqa: F811
    """With two cards, the other new calls are one visible line each; a hostile one is text, not a link."""
    config = Config(secret_key="browser-secret", base_url="https://radar.example.org", digest_max_cards=2)
    with freeze_time(SCENARIO_NOW), session_scope(sqlite_engine) as s:
        rows = scenario(s)
        member = rows["members"]["cs"]
        hostile = add_call(
            s,
            "feeds:x",
            "<script>window.__pwned = 1</script>Hostile <b>title</b>",
            now=SCENARIO_NOW,
            url="javascript:window.__pwned = 2",
            deadlines=["2026-05-01T23:59:59+02:00"],
        )
        s.flush()
        add_match(s, hostile, member, score=0.1, pillars=["lasers"])
        html = render_member_preview(s, member, config, now=SCENARIO_NOW, pillars=PILLARS)
    page_file = tmp_path / "digest.html"
    page_file.write_text(html, encoding="utf-8")

    page = chromium_browser.new_page(viewport={"width": 800, "height": 900})
    page.goto(page_file.as_uri())
    assert page.get_by_text("Nové výzvy (4)").is_visible()  # the count is of every new call
    assert page.get_by_text("Další odpovídající výzvy (2)", exact=False).is_visible()
    # Two new cards, then the changed and the closing-soon ones as before.
    assert page.locator("div.card").count() == 4
    lines = page.locator("ul.more li")
    assert lines.count() == 2
    for i in range(2):
        item = lines.nth(i)
        assert item.is_visible()
        assert item.locator("a", has_text="Není pro nás").count() == 1
    hostile_line = lines.filter(has_text="Hostile")
    assert hostile_line.locator("a").count() == 1  # only "not relevant": the javascript: URL is not linked
    assert page.evaluate("window.__pwned === undefined")
    assert page.locator("a[href^='javascript']").count() == 0
    lighting = lines.filter(has_text="Úsporné osvětlení výrobních hal")
    assert lighting.locator("a").first.get_attribute("href") == "https://optak.example.cz/calls/01_26_015"
