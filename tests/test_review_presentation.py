"""The review app shows names, not codes: regions, applicant types, statuses, eligibility checks in words, and the
MS2021+ open-data link labelled as what it is (QA pass). Words come from digests.i18n, like the emails'."""

from __future__ import annotations

import re
from datetime import timedelta
from html import unescape

import pytest
from flask.testing import FlaskClient
from sqlalchemy import Engine

from digests.formatting import NBSP, format_deadline
from matcher.eligibility import call_checks, member_checks
from store.base import utcnow
from store.db import session_scope
from store.models import Call, Member, MemberMatch, PillarScore
from tests.test_review_support import Seeded, login, make_app, post, seed

MS21_URL = "https://ms21opendata.mssf.cz/SeznamVyzev_21_27.xml#01_26_015"
CALL_ID = "ms2021:01_26_015"


@pytest.fixture
def seeded(engine: Engine) -> Seeded:
    """The shared store plus one MS2021+ call in Jihomoravský kraj matched with a member, with the checks the
    matcher really writes (ISO deadline, status code, applicant and region codes)."""
    result = seed(engine)
    now = utcnow()
    deadline = (now + timedelta(days=30)).replace(microsecond=0)
    record = {
        "status": "open",
        "deadlines": [deadline.isoformat()],
        "applicants": ["sme", "large_enterprise"],
        "region": "CZ064",
    }
    with session_scope(engine) as s:
        member = s.get(Member, result.member_ids["laser"])
        assert member is not None
        member.applicant_types, member.region = ["sme"], "CZ071"
        s.add(
            Call(
                id=CALL_ID,
                source="ms2021",
                native_id="01_26_015",
                url=MS21_URL,
                title="OP TAK Inovace – výzva I.",
                description="",
                language="cs",
                funder="MPO",
                status="open",
                deadlines=record["deadlines"],
                next_deadline=deadline,
                applicants=record["applicants"],
                region="CZ064",
                fetched_at=now.isoformat(),
            )
        )
        s.flush()
        checks = call_checks(record, now) + member_checks(record, member.as_profile())
        match = MemberMatch(
            call_id=CALL_ID,
            member_id=member.id,
            score=0.55,
            explanation={
                "terms": ["inovace"],
                "pillars": ["lasers"],
                "checks": [c.as_dict() for c in checks],
                "score_parts": {},
            },
        )
        s.add_all([match, PillarScore(call_id=CALL_ID, pillar="lasers", score=0.6)])
        s.flush()
        result.match_ids["ms21"] = match.id
    return result


@pytest.fixture
def manager(engine: Engine, seeded: Seeded) -> FlaskClient:
    client = make_app(engine).test_client()
    assert login(client).status_code == 302
    return client


def _text(html: str) -> str:
    """The page's visible text on one line (tags dropped, entities and no-break spaces as plain characters)."""
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).replace(NBSP, " ").split())


def _deadline_words(engine: Engine) -> str:
    with session_scope(engine) as s:
        call = s.get(Call, CALL_ID)
        assert call is not None and call.next_deadline is not None
        return format_deadline(call.next_deadline, "en").replace(NBSP, " ")


def test_call_page_shows_names_and_readable_checks(manager: FlaskClient, engine: Engine) -> None:
    response = manager.get(f"/calls/{CALL_ID}")
    assert response.status_code == 200
    page = _text(response.get_data(as_text=True))
    assert "Region South Moravian Region" in page
    assert "Who may apply SMEs, large enterprises" in page
    assert "sme" not in page.split() and "large enterprise," not in page
    assert f"deadline – next deadline {_deadline_words(engine)}" in page
    assert "status – open" in page and "status – status open" not in page
    assert "applicant type – SMEs may apply" in page
    assert "region – call region South Moravian Region, member region Olomouc Region" in page
    assert "CZ064" not in page.replace('title="CZ064"', "") and not re.search(r"\d{4}-\d{2}-\d{2}T", page)


def test_open_data_file_is_not_called_the_call_page(manager: FlaskClient) -> None:
    page = unescape(manager.get(f"/calls/{CALL_ID}").get_data(as_text=True))
    assert re.search(rf'<a href="{re.escape(MS21_URL)}"[^>]*>MS2021\+ open-data record</a>', page)
    assert "The call at its source" not in page
    other = manager.get("/calls/tacr:SS07").get_data(as_text=True)
    assert "The call at its source" in other and "open-data record" not in other


def test_inbox_shows_region_and_applicant_names(manager: FlaskClient) -> None:
    page = _text(manager.get("/?status=all").get_data(as_text=True))
    assert "Region South Moravian Region" in page and "Region Czechia" in page
    assert "Who may apply SMEs, research organisations" in page
    assert "sme, research org" not in page  # the codes as the page used to show them


def test_stored_check_details_of_another_shape_are_shown_as_stored(manager: FlaskClient) -> None:
    page = _text(manager.get("/calls/tacr:SS07").get_data(as_text=True))
    assert "status – open" in page and "region – CZ" in page


def test_newsletter_uses_the_shared_applicant_names_and_labels_the_open_data_link(
    manager: FlaskClient, seeded: Seeded
) -> None:
    post(manager, f"/matches/{seeded.match_ids['ms21']}/approve")
    post(manager, f"/matches/{seeded.match_ids['laser']}/approve")
    cs = unescape(manager.get("/export/newsletter.html?lang=cs").get_data(as_text=True))
    assert "Kdo může žádat:</span> malé a střední podniky, velké podniky" in cs
    assert "Kdo může žádat:</span> malé a střední podniky, výzkumné organizace" in cs
    assert re.search(rf'<a href="{re.escape(MS21_URL)}"[^>]*>Záznam v otevřených datech MS2021\+</a>', cs)
    assert not re.search(rf'<a href="{re.escape(MS21_URL)}"[^>]*>OP TAK', cs)  # the title is not that link
    en = unescape(manager.get("/export/newsletter.html?lang=en").get_data(as_text=True))
    assert "SMEs, large enterprises" in en and "MS2021+ open-data record" in en
