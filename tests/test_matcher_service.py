"""run_match against the store (SQLite and PostgreSQL): rows written, review states kept, feedback obeyed."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine, select

from grantradar.config import Config
from matcher.service import run_match
from store.calls import upsert_record
from store.db import session_scope
from store.members import import_members, load_members_file
from store.models import Call, Feedback, Member, MemberMatch, Pillar, PillarScore
from tests.conftest import FILES

NOW = datetime(2026, 9, 20, 8, tzinfo=UTC)
CONFIG = Config(match_threshold=0.25)


def _record(raw: dict) -> dict:
    native = raw["id"]
    return {
        "id": f"tacr:{native}",
        "source": "tacr",
        "native_id": native,
        "url": f"https://tacr.gov.cz/{native}",
        "title": raw["title"],
        "description": raw.get("description", ""),
        "language": raw.get("language", "cs"),
        "funder": "TA ČR",
        "programme": None,
        "call_code": None,
        "status": raw.get("status", "open"),
        "opens_at": None,
        "deadlines": [],
        "budget_total": None,
        "grant_min": None,
        "grant_max": None,
        "funding_rate_max": None,
        "applicants": raw.get("applicants", []),
        "eligibility_text": None,
        "region": raw.get("region", "CZ"),
        "documents": [],
        "keywords": [],
        "fetched_at": "2026-09-19T10:00:00+00:00",
    }


def _load(engine: Engine) -> None:
    lines = (FILES / "matcher" / "calls.jsonl").read_text(encoding="utf-8").splitlines()
    with session_scope(engine) as session:
        for line in lines:
            upsert_record(session, _record(json.loads(line)))
        import_members(session, load_members_file(FILES / "matcher" / "members.yaml"))


def _matches(engine: Engine) -> dict[tuple[str, str], MemberMatch]:
    with session_scope(engine) as session:
        rows = session.execute(select(MemberMatch, Member.email).join(Member)).all()
        return {(m.call_id, email): m for m, email in rows}


def test_run_match_writes_pillars_and_matches(engine: Engine) -> None:
    _load(engine)
    summary = run_match(engine, CONFIG, now=NOW)
    assert summary.calls_scored == 10 and summary.members == 5 and summary.full
    assert summary.matches == summary.matches_created > 0
    with session_scope(engine) as session:
        assert {p.slug for p in session.scalars(select(Pillar))} == {
            "industrial-consumer-optics",
            "military-optics",
            "lighting",
            "lasers",
            "electron-microscopy",
        }
        score = session.scalars(
            select(PillarScore).where(PillarScore.call_id == "tacr:cz-laser", PillarScore.pillar == "lasers")
        ).one()
        assert score.score > 0.6 and score.explanation["terms"]
    matches = _matches(engine)
    laser = matches[("tacr:cz-laser", "laser@example.org")]
    assert laser.review_state == "pending" and laser.score >= 0.25
    assert set(laser.explanation) >= {"terms", "pillars", "checks", "score_parts"}
    assert not any(call_id == "tacr:cz-social" for call_id, _ in matches)
    assert not any(call_id == "tacr:cz-closed-laser" for call_id, _ in matches)
    assert summary.as_dict()["calls_scored"] == 10


def test_second_run_scores_only_changed_calls_and_keeps_review_state(engine: Engine) -> None:
    _load(engine)
    run_match(engine, CONFIG, now=NOW)
    with session_scope(engine) as session:
        row = session.scalars(
            select(MemberMatch)
            .join(Member)
            .where(MemberMatch.call_id == "tacr:cz-laser", Member.email == "laser@example.org")
        ).one()
        row.review_state = "approved"
    assert run_match(engine, CONFIG, now=NOW + timedelta(hours=1)).calls_scored == 0
    with session_scope(engine) as session:
        upsert_record(
            session,
            _record(
                {"id": "cz-laser", "title": "Laserové svařování a laserové značení", "description": "Vláknové lasery."}
            ),
        )
    summary = run_match(engine, CONFIG, now=NOW + timedelta(hours=3))
    assert summary.calls_scored == 1 and not summary.full
    assert _matches(engine)[("tacr:cz-laser", "laser@example.org")].review_state == "approved"


def test_not_relevant_feedback_and_irrelevant_calls(engine: Engine) -> None:
    _load(engine)
    run_match(engine, CONFIG, now=NOW)
    with session_scope(engine) as session:
        member = session.scalars(select(Member).where(Member.email == "svitidla@example.org")).one()
        session.add(
            Feedback(call_id="tacr:en-luminaires", member_id=member.id, verdict="not_relevant", origin="member")
        )
        session.get(Call, "tacr:en-nightvision").irrelevant = True
    summary = run_match(engine, CONFIG, now=NOW + timedelta(hours=1))
    assert summary.full  # feedback arrived: every call is re-scored for the new profile
    matches = _matches(engine)
    assert ("tacr:en-luminaires", "svitidla@example.org") not in matches
    assert not any(call_id == "tacr:en-nightvision" for call_id, _ in matches)
    run_match(engine, CONFIG, now=NOW + timedelta(hours=2), full=True)
    assert ("tacr:en-luminaires", "svitidla@example.org") not in _matches(engine)


def test_empty_store(engine: Engine) -> None:
    summary = run_match(engine, CONFIG, now=NOW)
    assert summary.calls_scored == 0 and summary.matches == 0
