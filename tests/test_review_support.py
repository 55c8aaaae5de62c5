"""Shared builders for the review app tests: a small, realistic store and a logged-in client.

No tests here; the review test modules import from it. Deadlines are relative to the real clock, because
the app compares them with the time of the request.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import Engine

from grantradar.config import Config
from review.app import create_app
from review.security import hash_password
from store.base import utcnow
from store.db import session_scope
from store.models import Call, CallRecord, CrawlRun, Member, MemberMatch, PillarScore, User

SECRET = "test-secret-key-0123456789abcdef"
MANAGER = "manager@example.org"
PASSWORD = "correct horse battery"
HOSTILE_TITLE = '<script>document.title="pwned"</script><img src=x onerror="document.title=\'pwned\'">Výzva'


@functools.cache
def _password_hash() -> str:
    return hash_password(PASSWORD)


def make_config(**changes: Any) -> Config:
    base = {"secret_key": SECRET, "base_url": "http://127.0.0.1:8000", "review_required": True}
    base.update(changes)
    return Config(**base)


def _call(call_id: str, title: str, source: str, days: int | None, **fields: Any) -> Call:
    now = utcnow()
    deadline = now + timedelta(days=days) if days is not None else None
    native = call_id.split(":", 1)[1]
    call = Call(
        id=call_id,
        source=source,
        native_id=native,
        url=fields.pop("url", f"https://{source}.example.org/{native}"),
        title=title,
        description=fields.pop("description", ""),
        language=fields.pop("language", "cs"),
        funder=fields.pop("funder", "TA ČR"),
        status=fields.pop("status", "open"),
        deadlines=[deadline.isoformat()] if deadline else [],
        next_deadline=deadline,
        applicants=fields.pop("applicants", ["sme", "research_org"]),
        region="CZ",
        fetched_at=now.isoformat(),
        **fields,
    )
    call.records = [
        CallRecord(
            record_id=call_id,
            source=source,
            native_id=native,
            url=call.url,
            url_key=call.url,
            data={},
            content_hash="x",
        )
    ]
    return call


def _explanation(terms: list[str], pillars: list[str], region_ok: bool = True) -> dict[str, Any]:
    return {
        "terms": terms,
        "pillars": pillars,
        "checks": [
            {"name": "status", "passed": True, "detail": "open"},
            {"name": "region", "passed": region_ok, "detail": "CZ"},
        ],
        "score_parts": {"text": 0.4, "pillar": 0.2},
    }


@dataclass
class Seeded:
    member_ids: dict[str, int]
    match_ids: dict[str, int]
    user_id: int


def seed(engine: Engine) -> Seeded:
    """Four calls, four members, matches in every review state, crawl runs in every health state."""
    now = utcnow()
    with session_scope(engine) as s:
        laser = Member(
            name="Laser Works s.r.o.",
            email="laser@example.org",
            description="Laserové svařování a řezání.",
            language="cs",
            pillars=["lasers"],
        )
        optron = Member(
            name="Optronics Institute",
            email="optron@example.org",
            description="Night vision and thermal imaging.",
            language="en",
            pillars=["military-optics"],
        )
        micro = Member(
            name="Mikroskopie a.s.",
            email="micro@example.org",
            description="Elektronová mikroskopie.",
            language="cs",
            pillars=["electron-microscopy"],
        )
        lamp = Member(name="Svítidla Olomouc", email="lamp@example.org", description="LED svítidla.", language="cs")
        s.add_all([laser, optron, micro, lamp])
        s.add_all(
            [
                _call(
                    "tacr:SS07",
                    "Laserové svařování v průmyslu",
                    "tacr",
                    20,
                    description="Podpora výzkumu laserového svařování a laserových technologií.",
                    budget_total={"amount": 150_000_000, "currency": "CZK"},
                    grant_max={"amount": 10_000_000, "currency": "CZK"},
                    funding_rate_max=70,
                    call_code="SS07",
                ),
                _call(
                    "sedia:EDF-2026-NV",
                    "Night vision optronics for soldiers",
                    "sedia",
                    60,
                    language="en",
                    funder="European Commission",
                    programme="EDF",
                    description="Develop next-generation night vision and optronics.",
                    budget_total={"amount": 25_000_000, "currency": "EUR"},
                ),
                _call("feeds:hostile", HOSTILE_TITLE, "feeds", 10, url="javascript:alert(1)"),
                _call("jmk:old", "Staré dotace na mikroskopy", "jmk", -30, status="closed", funder="JMK"),
                _call("olkraj:led", "Úsporné osvětlení obcí", "olkraj", None, funder="Olomoucký kraj"),
            ]
        )
        s.flush()
        s.add_all(
            [
                PillarScore(call_id="tacr:SS07", pillar="lasers", score=0.71),
                PillarScore(call_id="tacr:SS07", pillar="industrial-consumer-optics", score=0.3),
                PillarScore(call_id="tacr:SS07", pillar="lighting", score=0.05),
                PillarScore(call_id="sedia:EDF-2026-NV", pillar="military-optics", score=0.66),
                PillarScore(call_id="jmk:old", pillar="electron-microscopy", score=0.5),
                PillarScore(call_id="olkraj:led", pillar="lighting", score=0.55),
            ]
        )
        matches = {
            "laser": MemberMatch(
                call_id="tacr:SS07",
                member_id=laser.id,
                score=0.62,
                explanation=_explanation(["laserové svařování", "laser"], ["lasers"]),
                created_at=now - timedelta(hours=3),
            ),
            "laser_optron": MemberMatch(
                call_id="tacr:SS07",
                member_id=optron.id,
                score=0.27,
                explanation=_explanation(["optika"], ["lasers"], region_ok=False),
                created_at=now - timedelta(hours=3),
            ),
            "nv": MemberMatch(
                call_id="sedia:EDF-2026-NV",
                member_id=optron.id,
                score=0.58,
                explanation=_explanation(["night vision", "optronics"], ["military-optics"]),
                created_at=now - timedelta(hours=1),
            ),
            "hostile": MemberMatch(
                call_id="feeds:hostile",
                member_id=laser.id,
                score=0.41,
                explanation=_explanation(["<b>bold</b>"], ["lasers"]),
                created_at=now - timedelta(hours=2),
            ),
            "old": MemberMatch(
                call_id="jmk:old",
                member_id=micro.id,
                score=0.5,
                explanation=_explanation(["mikroskop"], ["electron-microscopy"]),
                review_state="approved",
                created_at=now - timedelta(days=40),
            ),
            "led": MemberMatch(
                call_id="olkraj:led",
                member_id=lamp.id,
                score=0.45,
                explanation=_explanation(["osvětlení"], ["lighting"]),
                review_state="rejected",
                created_at=now - timedelta(days=2),
            ),
        }
        s.add_all(matches.values())
        s.add_all(
            [
                CrawlRun(
                    source="tacr",
                    started_at=now - timedelta(hours=5),
                    finished_at=now - timedelta(hours=5) + timedelta(minutes=2),
                    status="ok",
                    items_scraped=12,
                    items_stored=12,
                ),
                CrawlRun(
                    source="sedia",
                    started_at=now - timedelta(days=1, hours=5),
                    finished_at=now - timedelta(days=1, hours=4),
                    status="ok",
                    items_scraped=40,
                    items_stored=40,
                ),
                CrawlRun(
                    source="sedia",
                    started_at=now - timedelta(hours=4),
                    finished_at=now - timedelta(hours=4),
                    status="failed",
                    errors=3,
                    reason="HTTP 503 from ec.europa.eu (3 retries)",
                ),
                CrawlRun(
                    source="jmk",
                    started_at=now - timedelta(days=5),
                    finished_at=now - timedelta(days=5),
                    status="ok",
                    items_scraped=3,
                    items_stored=3,
                ),
            ]
        )
        # The hash is computed once per test run: scrypt costs ~0.1 s, and almost every test seeds a store.
        user = User(email=MANAGER, password_hash=_password_hash())
        s.add(user)
        s.flush()
        return Seeded(
            member_ids={"laser": laser.id, "optron": optron.id, "micro": micro.id, "lamp": lamp.id},
            match_ids={k: m.id for k, m in matches.items()},
            user_id=user.id,
        )


def make_app(engine: Engine, **config: Any) -> Flask:
    app = create_app(make_config(**config), engine)
    app.config["TESTING"] = True
    return app


def csrf_of(client: FlaskClient) -> str:
    """The session's CSRF token (what every form of the session carries)."""
    client.get("/login")
    with client.session_transaction() as sess:
        token = sess.get("csrf_token")
    if token is None:  # logged in: /login redirected before any form was rendered
        client.get("/")
        with client.session_transaction() as sess:
            token = sess["csrf_token"]
    return str(token)


def login(client: FlaskClient, email: str = MANAGER, password: str = PASSWORD) -> Any:
    token = csrf_of(client)
    return client.post("/login", data={"email": email, "password": password, "csrf_token": token})


def post(client: FlaskClient, url: str, data: dict[str, Any] | None = None, **kwargs: Any) -> Any:
    """POST with the session's CSRF token, as the app's forms do."""
    with client.session_transaction() as sess:
        token = sess.get("csrf_token")
    if token is None:
        token = csrf_of(client)
    return client.post(url, data={**(data or {}), "csrf_token": token}, **kwargs)
