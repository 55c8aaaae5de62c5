"""The review app through Flask's test client: security, pages, actions over HTTP, exports, email links."""

from __future__ import annotations

import csv
import io
import re
from datetime import timedelta
from html import unescape

import pytest
from flask.testing import FlaskClient
from freezegun import freeze_time
from sqlalchemy import Engine, select

from digests.tokens import make_token
from review.app import create_app
from review.security import MAX_FAILURES, safe_next
from review.users import add_user
from store.base import utcnow
from store.db import session_scope
from store.models import Call, CallNote, Feedback, Member, MemberMatch, ReviewAction, User
from tests.conftest import FILES
from tests.test_review_support import (
    MANAGER,
    PASSWORD,
    SECRET,
    Seeded,
    csrf_of,
    login,
    make_app,
    make_config,
    post,
    seed,
)

FIXTURES = FILES / "review"


@pytest.fixture
def seeded(sqlite_engine: Engine) -> Seeded:
    return seed(sqlite_engine)


@pytest.fixture
def client(sqlite_engine: Engine, seeded: Seeded) -> FlaskClient:
    return make_app(sqlite_engine).test_client()


@pytest.fixture
def manager(client: FlaskClient) -> FlaskClient:
    assert login(client).status_code == 302
    return client


# --- security -------------------------------------------------------------------------------------------


def test_app_refuses_to_start_without_a_secret_key(sqlite_engine: Engine) -> None:
    with pytest.raises(ValueError, match="GRANTRADAR_SECRET_KEY"):
        create_app(make_config(secret_key=None), sqlite_engine)


@pytest.mark.parametrize(
    "path", ["/", "/?status=all", "/calls/tacr:SS07", "/members", "/members/1/edit", "/members/new",
             "/members/import", "/members/export.csv", "/members/1/preview", "/members/1/preview.html", "/sources",
             "/export", "/export/shortlist.csv", "/export/newsletter.html"],
)  # fmt: skip
def test_every_page_redirects_to_login_when_logged_out(client: FlaskClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 302
    assert response.location.startswith("/login?next=")


def test_logged_out_post_with_valid_token_still_goes_to_login_and_changes_nothing(
    client: FlaskClient, sqlite_engine: Engine, seeded: Seeded
) -> None:
    response = post(client, f"/matches/{seeded.match_ids['nv']}/approve")
    assert response.status_code == 302 and response.location == "/login"
    with session_scope(sqlite_engine) as s:
        assert s.get(MemberMatch, seeded.match_ids["nv"]).review_state == "pending"  # type: ignore[union-attr]


def test_login_sets_a_hardened_session_cookie_and_logout_ends_it(client: FlaskClient) -> None:
    token = csrf_of(client)
    response = client.post("/login", data={"email": MANAGER.upper(), "password": PASSWORD, "csrf_token": token})
    assert response.status_code == 302 and response.location == "/"
    cookie = response.headers["Set-Cookie"]
    assert "grantradar_session=" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert "Secure" not in cookie  # base_url is http here
    assert client.get("/").status_code == 200
    assert post(client, "/logout").status_code == 302
    assert client.get("/").status_code == 302


def test_cookie_is_secure_when_the_app_is_served_over_https(sqlite_engine: Engine, seeded: Seeded) -> None:
    client = make_app(sqlite_engine, base_url="https://radar.example.org").test_client()
    response = login(client)
    assert "Secure" in response.headers["Set-Cookie"]


def test_wrong_password_and_unknown_user_get_the_same_answer(client: FlaskClient) -> None:
    token = csrf_of(client)
    wrong = client.post("/login", data={"email": MANAGER, "password": "nope nope nope", "csrf_token": token})
    unknown = client.post("/login", data={"email": "who@example.org", "password": "x" * 12, "csrf_token": token})
    for response in (wrong, unknown):
        assert response.status_code == 401
        assert "The e-mail or the password is wrong." in response.get_data(as_text=True)


def test_login_is_throttled_after_repeated_failures(client: FlaskClient) -> None:
    token = csrf_of(client)
    data = {"email": MANAGER, "password": "guess guess guess", "csrf_token": token}
    for _ in range(MAX_FAILURES):
        assert client.post("/login", data=data).status_code == 401
    assert client.post("/login", data=data).status_code == 429
    # Even the right password waits out the window: the guesser must not learn it was right.
    assert client.post("/login", data={**data, "password": PASSWORD}).status_code == 429


def test_posts_without_or_with_a_wrong_csrf_token_are_rejected(
    manager: FlaskClient, sqlite_engine: Engine, seeded: Seeded
) -> None:
    url = f"/matches/{seeded.match_ids['nv']}/approve"
    missing = manager.post(url)
    wrong = manager.post(url, data={"csrf_token": "x" * 43})
    for response in (missing, wrong):
        assert response.status_code == 400
        assert "Form expired or not sent from this site" in response.get_data(as_text=True)
    assert manager.post("/login", data={"email": MANAGER, "password": PASSWORD}).status_code == 400
    with session_scope(sqlite_engine) as s:
        assert s.get(MemberMatch, seeded.match_ids["nv"]).review_state == "pending"  # type: ignore[union-attr]
        assert s.scalars(select(ReviewAction)).first() is None


def test_changing_the_password_ends_existing_sessions(manager: FlaskClient, sqlite_engine: Engine) -> None:
    assert manager.get("/").status_code == 200
    with session_scope(sqlite_engine) as s:
        add_user(s, MANAGER, "a brand new password", replace=True)
    assert manager.get("/").status_code == 302


@pytest.mark.parametrize(
    ("target", "expected"),
    [("/members?q=a", "/members?q=a"), ("//evil.example/", "/"), ("https://evil.example/", "/"),
     ("javascript:alert(1)", "/"), ("/\\evil.example", "/"), ("", "/"), (None, "/")],
)  # fmt: skip
def test_safe_next_only_allows_local_paths(target: str | None, expected: str) -> None:
    assert safe_next(target, "/") == expected


def test_login_redirect_target_is_never_another_site(client: FlaskClient) -> None:
    token = csrf_of(client)
    response = client.post(
        "/login?next=//evil.example/x", data={"email": MANAGER, "password": PASSWORD, "csrf_token": token}
    )
    assert response.location == "/"


def test_security_headers(manager: FlaskClient) -> None:
    response = manager.get("/")
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'none'" in csp and "script-src" not in csp and "frame-ancestors 'none'" in csp
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Cache-Control"] == "no-store"


# --- inbox and actions over HTTP --------------------------------------------------------------------------


def test_hostile_titles_and_links_are_escaped(manager: FlaskClient) -> None:
    for path in ("/", "/calls/feeds:hostile"):
        html = manager.get(path).get_data(as_text=True)
        assert "<script>document" not in html and "<img src=x" not in html
        assert "&lt;script&gt;document.title=" in html
        assert "javascript:" not in html
        assert "&lt;b&gt;bold&lt;/b&gt;" in html  # explanation terms too


def test_inbox_filters_over_http(manager: FlaskClient) -> None:
    html = manager.get("/?pillar=lasers&q=svařování").get_data(as_text=True)
    assert "Laserové svařování v průmyslu" in html and "Night vision" not in html
    assert 'option value="lasers" selected' in html
    html = manager.get("/?status=bogus&pillar=astrology").get_data(as_text=True)
    assert html.count('<article class="call"') == 3


def test_approve_and_reject_over_http(manager: FlaskClient, sqlite_engine: Engine, seeded: Seeded) -> None:
    response = post(manager, f"/matches/{seeded.match_ids['laser']}/approve", {"next": "/?pillar=lasers"})
    assert response.status_code == 302 and response.location == "/?pillar=lasers"
    response = post(manager, f"/matches/{seeded.match_ids['nv']}/reject", {"next": "https://evil.example/"})
    assert response.location == "/calls/sedia:EDF-2026-NV"
    assert "Rejected: Optronics Institute" in manager.get(response.location).get_data(as_text=True)
    with session_scope(sqlite_engine) as s:
        states = {m.id: m.review_state for m in s.scalars(select(MemberMatch))}
        assert states[seeded.match_ids["laser"]] == "approved" and states[seeded.match_ids["nv"]] == "rejected"
        verdicts = sorted((f.call_id, f.verdict) for f in s.scalars(select(Feedback)))
        assert verdicts == [("sedia:EDF-2026-NV", "not_relevant"), ("tacr:SS07", "relevant")]
    response = post(manager, "/matches/99999/approve")
    assert "no match #99999" in manager.get(response.location).get_data(as_text=True)


def test_route_annotate_and_irrelevant_over_http(manager: FlaskClient, sqlite_engine: Engine, seeded: Seeded) -> None:
    micro, lamp = seeded.member_ids["micro"], seeded.member_ids["lamp"]
    post(manager, "/actions/route", {"call_id": "tacr:SS07", "member_id": [str(micro), str(lamp)]})
    post(manager, "/actions/annotate", {"call_id": "tacr:SS07", "text": "Klastr koordinuje konsorcium <b>"})
    post(manager, "/actions/irrelevant", {"call_id": "feeds:hostile", "irrelevant": "1"})
    response = post(manager, "/actions/route", {"call_id": "tacr:SS07", "member_id": "abc"})
    assert "not valid" in manager.get(response.location).get_data(as_text=True)
    html = manager.get("/calls/tacr:SS07").get_data(as_text=True)
    assert "Klastr koordinuje konsorcium &lt;b&gt;" in html
    assert "routed by the manager" in html
    with session_scope(sqlite_engine) as s:
        routed = {m.member_id for m in s.scalars(select(MemberMatch).where(MemberMatch.routed.is_(True)))}
        assert routed == {micro, lamp}
        assert s.scalars(select(CallNote)).one().user_id == seeded.user_id
        assert s.get(Call, "feeds:hostile").irrelevant is True  # type: ignore[union-attr]
        actions = [a.action for a in s.scalars(select(ReviewAction).order_by(ReviewAction.id))]
        assert actions == ["route", "route", "annotate", "irrelevant"]
    assert "Výzva" not in manager.get("/").get_data(as_text=True)


def test_unknown_call_is_a_404_page(manager: FlaskClient) -> None:
    response = manager.get("/calls/nope:nothing")
    assert response.status_code == 404 and "Not found" in response.get_data(as_text=True)


# --- members --------------------------------------------------------------------------------------------


def _profile(**changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "name": "Optronics Institute",
        "email": "optron@example.org",
        "description": "Night vision, thermal imaging and laser rangefinders.",
        "keywords": "termovize; night vision ;; LIDAR",
        "language": "en",
        "pillars": ["military-optics", "lasers"],
        "applicant_types": ["research_org"],
        "region": "cz071",
        "digest": "weekly",
    }
    data.update(changes)
    return data


def test_edit_member_profile(manager: FlaskClient, sqlite_engine: Engine, seeded: Seeded) -> None:
    member_id = seeded.member_ids["optron"]
    response = post(manager, f"/members/{member_id}/edit", _profile())
    assert response.status_code == 302 and response.location == "/members"
    with session_scope(sqlite_engine) as s:
        m = s.get(Member, member_id)
        assert m is not None
        assert m.keywords == ["termovize", "night vision", "LIDAR"]
        assert (m.pillars, m.applicant_types, m.region) == (["military-optics", "lasers"], ["research_org"], "CZ071")
        action = s.scalars(select(ReviewAction)).one()
        assert (action.action, action.member_id, action.user_id) == ("edit_member", member_id, seeded.user_id)


def test_invalid_profile_is_refused_with_errors_per_field(
    manager: FlaskClient, sqlite_engine: Engine, seeded: Seeded
) -> None:
    member_id = seeded.member_ids["optron"]
    response = post(
        manager,
        f"/members/{member_id}/edit",
        _profile(email="laser@example.org", description=" ", region="Moravia", pillars=["astrology"]),
    )
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Another member (Laser Works s.r.o.) has this e-mail." in html
    assert "The description is what matching reads" in html
    assert "EU, CZ or a NUTS 3 code" in html and "Unknown pillar." in html
    assert 'aria-invalid="true" aria-describedby="email-error"' in html
    with session_scope(sqlite_engine) as s:
        assert s.get(Member, member_id).email == "optron@example.org"  # type: ignore[union-attr]


def test_add_member(manager: FlaskClient, sqlite_engine: Engine) -> None:
    response = post(manager, "/members/new", _profile(name="Nový člen", email="novy@example.org"))
    assert response.status_code == 302
    with session_scope(sqlite_engine) as s:
        assert s.scalars(select(Member).where(Member.email == "novy@example.org")).one().name == "Nový člen"


def test_import_with_errors_shows_each_line_and_imports_nothing(manager: FlaskClient, sqlite_engine: Engine) -> None:
    data = (FIXTURES / "members_bad.csv").read_bytes()
    response = post(manager, "/members/import", {"file": (io.BytesIO(data), "members_bad.csv")},
                    content_type="multipart/form-data")  # fmt: skip
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    rows = re.findall(r"<tr><td>(\w+)</td><td>([^<]*)</td></tr>", html)
    assert ("3", "email &#39;not-an-address&#39; is not an e-mail address") in rows
    assert ("4", "unknown pillar(s) astrology (known: electron-microscopy, industrial-consumer-optics, lasers, "
                 "lighting, military-optics)") in rows  # fmt: skip
    assert ("5", "description is required") in rows
    with session_scope(sqlite_engine) as s:
        assert s.scalars(select(Member).where(Member.email == "fine@example.org")).first() is None


def test_import_yaml_adds_and_updates(manager: FlaskClient, sqlite_engine: Engine) -> None:
    data = (FIXTURES / "members_good.yaml").read_bytes()
    response = post(manager, "/members/import", {"file": (io.BytesIO(data), "members.yaml")},
                    content_type="multipart/form-data")  # fmt: skip
    assert response.status_code == 302
    assert "members.yaml: 1 added, 1 updated" in manager.get("/members").get_data(as_text=True)
    with session_scope(sqlite_engine) as s:
        assert s.scalars(select(Member).where(Member.email == "laser@example.org")).one().language == "en"
        assert s.scalars(select(Member).where(Member.email == "new.member@example.org")).one().pillars == ["lighting"]
        assert s.scalars(select(ReviewAction)).one().action == "import_members"


def test_import_rejects_non_utf8_and_missing_file(manager: FlaskClient) -> None:
    response = post(manager, "/members/import", {"file": (io.BytesIO(b"name,email\n\xff\xfe"), "m.csv")},
                    content_type="multipart/form-data")  # fmt: skip
    assert response.status_code == 422 and "not UTF-8" in response.get_data(as_text=True)
    response = post(manager, "/members/import", {}, content_type="multipart/form-data")
    assert response.status_code == 422 and "Choose a .csv or .yaml file" in response.get_data(as_text=True)


def test_members_list_search_and_export(manager: FlaskClient) -> None:
    html = manager.get("/members?q=LASER").get_data(as_text=True)
    assert "Laser Works s.r.o." in html and "Optronics Institute" not in html
    exported = manager.get("/members/export.csv").get_data(as_text=True)
    assert exported.splitlines()[0].startswith("name,email,description")
    assert len(exported.splitlines()) == 5


# --- sources and exports ----------------------------------------------------------------------------------


def test_sources_page_shows_health_and_errors(manager: FlaskClient) -> None:
    html = manager.get("/sources").get_data(as_text=True)
    assert "HTTP 503 from ec.europa.eu (3 retries)" in html
    assert html.index(">sedia<") < html.index(">jmk<") < html.index(">tacr<")  # failing, stale, ..., ok
    assert "no successful run for more than two days" in html


def test_shortlist_csv_contains_approved_open_calls_with_formula_guard(
    manager: FlaskClient, sqlite_engine: Engine, seeded: Seeded
) -> None:
    with session_scope(sqlite_engine) as s:
        s.get(Call, "sedia:EDF-2026-NV").title = '=HYPERLINK("http://evil.example","click")'  # type: ignore[union-attr]
    post(manager, f"/matches/{seeded.match_ids['laser']}/approve")
    post(manager, f"/matches/{seeded.match_ids['nv']}/approve")
    response = manager.get("/export/shortlist.csv")
    assert response.mimetype == "text/csv" and "attachment" in response.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    # jmk:old is approved but closed: not on the shortlist. Soonest deadline first.
    assert [r["call_id"] for r in rows] == ["tacr:SS07", "sedia:EDF-2026-NV"]
    assert rows[0]["members"] == "Laser Works s.r.o. <laser@example.org> (0.62)"
    assert rows[0]["pillars"] == "lasers;industrial-consumer-optics"
    assert rows[0]["budget_total"] == "150000000 CZK" and rows[0]["approved_by"] == MANAGER
    assert rows[1]["title"] == '\'=HYPERLINK("http://evil.example","click")'


def test_newsletter_is_self_contained_inlined_and_escaped(
    manager: FlaskClient, sqlite_engine: Engine, seeded: Seeded
) -> None:
    post(manager, f"/matches/{seeded.match_ids['laser']}/approve")
    post(manager, f"/matches/{seeded.match_ids['hostile']}/approve")
    post(manager, "/actions/annotate", {"call_id": "tacr:SS07", "text": "Klastr koordinuje konsorcium."})
    response = manager.get("/export/newsletter.html?lang=cs")
    html = unescape(response.get_data(as_text=True))
    assert "<style>" not in html and 'style="' in html  # inlined for mail clients
    assert "Laserové svařování v průmyslu" in html and "150\u00a0mil.\u00a0Kč" in html
    assert "Laserové technologie a aplikace" in html  # grouped under the pillar's Czech name
    assert "Klastr koordinuje konsorcium." in html
    raw = response.get_data(as_text=True)
    assert "<script>document" not in raw and "javascript:" not in raw and "&lt;script&gt;document" in raw
    assert re.search(r"\d+\.\u00a0(ledna|února|března|dubna|května|června|července|srpna|září|října|listopadu|"
                     r"prosince) \d{4}", html)  # fmt: skip
    assert "sandbox" in response.headers["Content-Security-Policy"]
    english = manager.get("/export/newsletter.html?lang=en&download=1")
    assert "Selected funding calls" in english.get_data(as_text=True)
    assert "attachment" in english.headers["Content-Disposition"]


# --- links from emails ------------------------------------------------------------------------------------


def test_unsubscribe_get_confirms_post_unsubscribes(client: FlaskClient, sqlite_engine: Engine, seeded: Seeded) -> None:
    member_id = seeded.member_ids["optron"]
    token = make_token(SECRET, "unsubscribe", member_id)
    page = client.get(f"/unsubscribe/{token}")
    assert page.status_code == 200 and "Stop the weekly digest" in page.get_data(as_text=True)
    with session_scope(sqlite_engine) as s:
        assert s.get(Member, member_id).unsubscribed_at is None  # type: ignore[union-attr]
    # RFC 8058 one-click: a POST with this body and no cookie, no CSRF token.
    done = client.post(f"/unsubscribe/{token}", data={"List-Unsubscribe": "One-Click"})
    assert done.status_code == 200 and "You are unsubscribed" in done.get_data(as_text=True)
    with session_scope(sqlite_engine) as s:
        member = s.get(Member, member_id)
        assert member is not None and member.unsubscribed_at is not None and member.digest == "off"


def test_feedback_link_records_the_members_verdict(client: FlaskClient, sqlite_engine: Engine, seeded: Seeded) -> None:
    member_id = seeded.member_ids["laser"]
    token = make_token(SECRET, "feedback-not-relevant", member_id, "tacr:SS07")
    page = client.get(f"/feedback/{token}")
    assert "Označit výzvu jako nerelevantní" in page.get_data(as_text=True)  # the member's language
    with session_scope(sqlite_engine) as s:
        assert s.scalars(select(Feedback)).first() is None
    client.post(f"/feedback/{token}")
    relevant = make_token(SECRET, "feedback-relevant", member_id, "sedia:EDF-2026-NV")
    assert "Zaznamenali jsme" in client.post(f"/feedback/{relevant}").get_data(as_text=True)
    with session_scope(sqlite_engine) as s:
        got = sorted((f.call_id, f.verdict, f.origin) for f in s.scalars(select(Feedback)))
        assert got == [("sedia:EDF-2026-NV", "relevant", "member"), ("tacr:SS07", "not_relevant", "member")]


@pytest.mark.parametrize("kind", ["forged", "wrong-purpose", "damaged", "expired", "gone"])
def test_bad_links_get_a_clear_page_and_change_nothing(
    client: FlaskClient, sqlite_engine: Engine, seeded: Seeded, kind: str
) -> None:
    member_id = seeded.member_ids["laser"]
    if kind == "forged":
        url = f"/feedback/{make_token('not-our-secret-at-all', 'feedback-relevant', member_id, 'tacr:SS07')}"
    elif kind == "wrong-purpose":
        url = f"/feedback/{make_token(SECRET, 'unsubscribe', member_id)}"
    elif kind == "damaged":
        url = f"/unsubscribe/{make_token(SECRET, 'unsubscribe', member_id)[:-4]}AAAA"
    elif kind == "expired":
        with freeze_time(utcnow() - timedelta(days=400)):
            url = f"/feedback/{make_token(SECRET, 'feedback-relevant', member_id, 'tacr:SS07')}"
    else:
        url = f"/unsubscribe/{make_token(SECRET, 'unsubscribe', 987654)}"
    for response in (client.get(url), client.post(url)):
        assert response.status_code == (410 if kind == "gone" else 400)
        html = response.get_data(as_text=True)
        assert ("Odkaz není platný" in html and "This link is not valid" in html) or "no longer" in html
    with session_scope(sqlite_engine) as s:
        assert s.scalars(select(Feedback)).first() is None
        assert all(m.unsubscribed_at is None for m in s.scalars(select(Member)))


def test_feeds_are_served_by_token(client: FlaskClient, seeded: Seeded, sqlite_engine: Engine) -> None:
    member_id = seeded.member_ids["micro"]
    with session_scope(sqlite_engine) as s:
        s.get(MemberMatch, seeded.match_ids["old"]).review_state = "approved"  # type: ignore[union-attr]
    token = make_token(SECRET, "feed", member_id)
    ics = client.get(f"/feeds/{token}.ics")
    assert ics.status_code == 200 and ics.mimetype == "text/calendar"
    assert ics.get_data(as_text=True).startswith("BEGIN:VCALENDAR")
    atom = client.get(f"/feeds/{token}.atom")
    assert atom.status_code == 200 and atom.mimetype == "application/atom+xml"
    assert "<feed" in atom.get_data(as_text=True)
    assert "X-WR-CALNAME:grantradar · Mikroskopie a.s.\r\n" in ics.get_data(as_text=True)
    assert "BEGIN:VEVENT" not in ics.get_data(as_text=True)  # the call's only deadline passed 30 days ago
    assert "<entry><title>Staré dotace na mikroskopy</title>" in atom.get_data(as_text=True)
    assert '<link rel="alternate" href="https://jmk.example.org/old" />' in atom.get_data(as_text=True)
    other = make_token(SECRET, "unsubscribe", member_id)
    assert client.get(f"/feeds/{other}.ics").status_code == 400
    assert client.get(f"/feeds/{other}.atom").status_code == 400


def test_user_model_never_stores_the_password(sqlite_engine: Engine, seeded: Seeded) -> None:
    with session_scope(sqlite_engine) as s:
        user = s.scalars(select(User)).one()
        assert PASSWORD not in user.password_hash and user.password_hash.startswith("scrypt:")
