"""End to end in headless Chromium: the review app served by werkzeug in a thread, driven by Playwright.

Screenshots of the main pages go to the test's tmp dir and, when GRANTRADAR_SCREENSHOTS names a folder, there
too (so a person can look at them). Skips without Chromium, fails with CI=true (tests/browser.py).
"""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select
from werkzeug.serving import make_server

from digests.tokens import make_token
from store.db import session_scope
from store.models import Feedback, MemberMatch, ReviewAction
from tests.browser import launch_browser, require_chromium
from tests.test_review_support import HOSTILE_TITLE, MANAGER, PASSWORD, SECRET, Seeded, make_app, seed

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def browser() -> Iterator[Any]:
    """System Chromium through Playwright (skips without it, fails with CI=true: tests/browser.py)."""
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        launched = launch_browser(pw)
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture
def live(sqlite_engine: Engine) -> Iterator[tuple[str, Seeded, Engine]]:
    """The app on 127.0.0.1 with a free port, over a seeded SQLite store."""
    seeded = seed(sqlite_engine)
    app = make_app(sqlite_engine)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}", seeded, sqlite_engine
    finally:
        server.shutdown()
        thread.join(timeout=10)


class Shots:
    """Saves full-page screenshots into tmp_path and $GRANTRADAR_SCREENSHOTS."""

    def __init__(self, tmp_path: Path) -> None:
        self.dirs = [tmp_path / "screenshots"]
        extra = os.environ.get("GRANTRADAR_SCREENSHOTS")
        if extra:
            self.dirs.append(Path(extra))
        for d in self.dirs:
            d.mkdir(parents=True, exist_ok=True)

    def __call__(self, page: Any, name: str) -> Path:
        first = self.dirs[0] / f"review-{name}.png"
        page.screenshot(path=str(first), full_page=True)
        for d in self.dirs[1:]:
            shutil.copyfile(first, d / first.name)
        assert first.stat().st_size > 5_000, f"screenshot {name} looks empty"
        return first


@pytest.fixture
def shots(tmp_path: Path) -> Shots:
    return Shots(tmp_path)


def _login(page: Any, base: str) -> None:
    page.goto(f"{base}/")
    assert "/login" in page.url, "a logged-out visitor is sent to the login page"
    page.get_by_label("E-mail").fill(MANAGER)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{base}/")


def test_logged_out_pages_redirect_to_login(browser: Any, live: Any, shots: Shots) -> None:
    base, seeded, _ = live
    page = browser.new_page()
    for path in ("/", "/members", "/sources", "/export", f"/members/{seeded.member_ids['laser']}/preview"):
        page.goto(base + path)
        assert page.url.startswith(f"{base}/login"), path
        assert page.get_by_role("heading", name="Log in").is_visible()
    shots(page, "login")
    page.get_by_label("E-mail").fill(MANAGER)
    page.get_by_label("Password").fill("wrong password!")
    page.get_by_role("button", name="Log in").click()
    assert page.get_by_role("alert").inner_text() == "The e-mail or the password is wrong."


def test_login_filter_approve_and_see_it_in_the_digest_preview(browser: Any, live: Any, shots: Shots) -> None:
    base, seeded, engine = live
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    _login(page, base)
    # The default inbox lists the calls with pending matches: three of them.
    assert page.locator("article.call").count() == 3
    shots(page, "inbox")

    page.get_by_label("Pillar").select_option("lasers")
    page.get_by_label("Search").fill("svařování")
    page.get_by_role("button", name="Apply").click()
    page.wait_for_url("**/?*pillar=lasers*")
    cards = page.locator("article.call")
    assert cards.count() == 1
    assert "Laserové svařování v průmyslu" in cards.first.inner_text()
    shots(page, "inbox-filtered")

    preview_url = f"{base}/members/{seeded.member_ids['laser']}/preview.html"
    assert "Laserové svařování v průmyslu" not in page.request.get(preview_url).text()  # review is required
    page.get_by_role("button", name="Approve Laser Works s.r.o.").click()
    assert "Approved: Laser Works s.r.o." in page.get_by_role("status").first.inner_text()
    with session_scope(engine) as s:
        match = s.get(MemberMatch, seeded.match_ids["laser"])
        assert match is not None and match.review_state == "approved"
        assert match.reviewed_by == seeded.user_id
        assert s.scalars(select(Feedback).where(Feedback.call_id == "tacr:SS07")).one().verdict == "relevant"
        assert [a.action for a in s.scalars(select(ReviewAction))] == ["approve"]

    page.goto(f"{base}/members/{seeded.member_ids['laser']}/preview")
    assert page.get_by_role("heading", name="Next digest for Laser Works s.r.o.").is_visible()
    frame = page.frame_locator("iframe.preview")
    frame.get_by_text("Laserové svařování v průmyslu").first.wait_for()
    shots(page, "member-preview")

    # The approved match is on the shortlist, ready to forward.
    page.goto(f"{base}/export/newsletter.html?lang=cs")
    assert page.get_by_role("heading", name="Laserové svařování v průmyslu").is_visible()
    shots(page, "newsletter")


def test_post_without_csrf_token_is_rejected(browser: Any, live: Any) -> None:
    base, seeded, engine = live
    page = browser.new_page()
    _login(page, base)
    # A same-session POST that lacks the token (what a forged cross-site form would send).
    response = page.request.post(f"{base}/matches/{seeded.match_ids['nv']}/approve", form={"next": "/"})
    assert response.status == 400
    assert "Form expired or not sent from this site" in response.text()
    # And one with a wrong token.
    response = page.request.post(f"{base}/matches/{seeded.match_ids['nv']}/approve", form={"csrf_token": "forged" * 8})
    assert response.status == 400
    with session_scope(engine) as s:
        assert s.get(MemberMatch, seeded.match_ids["nv"]).review_state == "pending"  # type: ignore[union-attr]
        assert s.scalars(select(ReviewAction)).first() is None


def test_forged_token_links_are_rejected(browser: Any, live: Any, shots: Shots) -> None:
    base, seeded, engine = live
    page = browser.new_page()
    good = make_token(SECRET, "unsubscribe", seeded.member_ids["laser"])
    forged = make_token("another secret entirely", "unsubscribe", seeded.member_ids["laser"])
    for url in (f"/unsubscribe/{forged}", f"/unsubscribe/{good[:-3]}xyz", f"/feedback/{good}", f"/feeds/{good}.ics"):
        response = page.goto(base + url)
        assert response is not None and response.status == 400, url
        assert page.get_by_role("heading", name="Odkaz není platný").is_visible()
        assert page.get_by_role("heading", name="This link is not valid").is_visible()
    shots(page, "forged-token")

    page.goto(f"{base}/unsubscribe/{good}")
    page.get_by_role("button", name="Odhlásit odběr").click()
    assert "laser@example.org" in page.get_by_role("status").inner_text()
    shots(page, "unsubscribed")
    with session_scope(engine) as s:
        from store.models import Member

        assert s.get(Member, seeded.member_ids["laser"]).unsubscribed_at is not None  # type: ignore[union-attr]


def test_hostile_call_titles_are_shown_inert(browser: Any, live: Any, shots: Shots) -> None:
    base, _, _ = live
    page = browser.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    _login(page, base)
    card = page.locator("article.call", has_text="Výzva")
    # The markup is shown as text, nothing ran, no element was injected, the javascript: URL is not linked.
    assert HOSTILE_TITLE in card.locator("h2").inner_text()
    assert page.title() != "pwned"
    assert card.locator("script, img").count() == 0
    page.goto(f"{base}/calls/feeds:hostile")
    assert page.title() != "pwned" and not dialogs
    assert page.locator("a[href^='javascript']").count() == 0
    assert page.locator("h1").inner_text() == HOSTILE_TITLE
    shots(page, "hostile-call")


def test_main_pages_on_a_phone(browser: Any, live: Any, shots: Shots) -> None:
    base, seeded, _ = live
    page = browser.new_page(viewport=PHONE)
    _login(page, base)
    for name, path in (
        ("phone-inbox", "/"),
        ("phone-call", "/calls/tacr:SS07"),
        ("members", "/members"),
        ("member-edit", f"/members/{seeded.member_ids['optron']}/edit"),
        ("sources", "/sources"),
        ("export", "/export"),
    ):
        page.goto(base + path)
        # Nothing wider than the screen: no sideways scrolling on a phone.
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], f"{path} is {width}px wide"
        shots(page, name)
    page.set_viewport_size({"width": 1280, "height": 900})
    for name, path in (("call", "/calls/tacr:SS07"), ("sources-wide", "/sources"), ("members-wide", "/members")):
        page.goto(base + path)
        shots(page, name)
