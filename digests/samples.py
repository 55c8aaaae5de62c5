"""Sample store content for digests: calls, members, matches — used by the tests, the benchmark and previews.

Everything is built from arguments (no randomness), so a test states exactly what it expects.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session

from digests.compose import PillarInfo
from store.models import Call, CallChange, CrawlRun, Digest, Feedback, Member, MemberMatch, PillarScore

PILLARS = [
    PillarInfo(
        "industrial-consumer-optics",
        1,
        "Průmyslová a spotřební optika",
        "Industrial and consumer optics",
        "optika@example.org",
    ),
    PillarInfo("military-optics", 2, "Vojenská optika", "Military optics", "obrana@example.org"),
    PillarInfo("lighting", 3, "Světelná technika", "Lighting technology", None),
    PillarInfo(
        "lasers", 4, "Laserové technologie a aplikace", "Laser technologies and applications", "lasery@example.org"
    ),
    PillarInfo("electron-microscopy", 5, "Elektronová mikroskopie", "Electron microscopy", "lasery@example.org"),
]


def add_call(
    session: Session,
    call_id: str,
    title: str,
    *,
    now: datetime,
    language: str = "cs",
    deadlines: list[str] | None = None,
    status: str = "open",
    funder: str = "TA ČR",
    programme: str | None = "SIGMA",
    call_code: str | None = None,
    url: str | None = None,
    budget: float | None = None,
    currency: str = "CZK",
    grant_max: float | None = None,
    funding_rate_max: float | None = None,
    applicants: list[str] | None = None,
    region: str = "CZ",
    first_seen: datetime | None = None,
) -> Call:
    source, _, native = call_id.partition(":")
    call = Call(
        id=call_id,
        source=source,
        native_id=native,
        url=url if url is not None else f"https://{source}.example.cz/calls/{native}",
        title=title,
        description="",
        language=language,
        funder=funder,
        programme=programme,
        call_code=call_code,
        status=status,
        deadlines=deadlines or [],
        budget_total={"amount": budget, "currency": currency} if budget is not None else None,
        grant_max={"amount": grant_max, "currency": currency} if grant_max is not None else None,
        funding_rate_max=funding_rate_max,
        applicants=applicants if applicants is not None else ["sme", "research_org"],
        region=region,
        fetched_at=now.isoformat(),
        first_seen=first_seen or now - timedelta(days=2),
        last_seen=now,
        changed_at=first_seen or now - timedelta(days=2),
    )
    session.add(call)
    return call


def add_member(
    session: Session, name: str, email: str, *, language: str = "cs", pillars: list[str] | None = None
) -> Member:
    member = Member(
        name=name,
        email=email,
        description=f"{name}: optics",
        language=language,
        pillars=pillars or [],
        applicant_types=["sme"],
        region="CZ071",
    )
    session.add(member)
    session.flush()
    return member


def add_match(
    session: Session,
    call: Call,
    member: Member,
    *,
    score: float = 0.6,
    review_state: str = "approved",
    terms: list[str] | None = None,
    pillars: list[str] | None = None,
    eligible: bool = True,
    created_at: datetime | None = None,
) -> MemberMatch:
    explanation: dict[str, Any] = {
        "terms": terms or [],
        "pillars": pillars or [],
        "checks": [
            {"name": "status", "passed": True, "detail": "open"},
            {"name": "applicant_type", "passed": eligible, "detail": "sme"},
        ],
        "score_parts": {},
    }
    match = MemberMatch(
        call_id=call.id,
        member_id=member.id,
        score=score,
        explanation=explanation,
        eligible=eligible,
        review_state=review_state,
    )
    if created_at is not None:
        match.created_at = created_at
        match.updated_at = created_at
    session.add(match)
    return match


def add_pillar_score(session: Session, call: Call, pillar: str, score: float, terms: list[str]) -> PillarScore:
    row = PillarScore(call_id=call.id, pillar=pillar, score=score, explanation={"terms": terms})
    session.add(row)
    return row


def add_change(session: Session, call: Call, field: str, old: Any, new: Any, at: datetime) -> CallChange:
    change = CallChange(call_id=call.id, field=field, old_value=old, new_value=new, source=call.source, changed_at=at)
    setattr(call, field, new)
    call.changed_at = at
    session.add(change)
    return change


SCENARIO_NOW = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)  # Monday of ISO week 2026-W10


def scenario(session: Session, now: datetime = SCENARIO_NOW) -> dict[str, Any]:
    """A week with every kind of content: new calls in two pillars, one call changed and one closing soon (both
    told the week before), and calls that must never appear (rejected, not relevant, irrelevant, closed).

    Two members with the same matches, one Czech and one English; returns the rows by name.
    """
    cs = add_member(session, "Meopta – optika, s.r.o.", "info@meopta.example.cz", language="cs")
    en = add_member(session, "Institute of Physics", "contact@fzu.example.cz", language="en")
    add_member(session, "Quiet Member", "quiet@example.cz").digest = "off"
    week_ago = now - timedelta(days=7)
    calls = {
        "laser": add_call(
            session,
            "tacr:TN02000001",
            "Laserové svařování a mikroobrábění pro výrobu",
            now=now,
            call_code="TN02000001",
            deadlines=["2026-03-27T23:59:59+01:00"],
            budget=10_000_000,
            grant_max=1_500_000_000,
            funding_rate_max=70,
            applicants=["sme", "research_org"],
        ),
        "photonics": add_call(
            session,
            "sedia:HORIZON-CL4-2026-01-12",
            "Photonics for advanced manufacturing",
            now=now,
            language="en",
            funder="European Commission",
            programme="HORIZON",
            call_code="HORIZON-CL4-2026-01-12",
            deadlines=["2026-04-15T17:00:00+02:00"],
            budget=2_500_000,
            currency="EUR",
            applicants=["enterprise", "university"],
            region="EU",
        ),
        "lighting": add_call(
            session,
            "optak:01_26_015",
            "Úsporné osvětlení výrobních hal",
            now=now,
            funder="MPO / Agentura API",
            programme="OP TAK",
            call_code="01_26_015",
            status="forthcoming",
            deadlines=["2026-06-30T23:59:59+02:00"],
            grant_max=730_000,
            applicants=["sme"],
        ),
        "changed": add_call(
            session,
            "tacr:FW09000002",
            "Trend: optické senzory",
            now=now,
            deadlines=["2026-03-12T23:59:59+01:00"],
            budget=50_000_000,
            first_seen=week_ago,
        ),
        "closing": add_call(
            session,
            "olkraj:2026-inovace",
            "Inovační vouchery Olomouckého kraje",
            now=now,
            funder="Olomoucký kraj",
            programme=None,
            deadlines=["2026-03-12T12:00:00+01:00"],
            grant_max=200_000,
            region="CZ071",
            first_seen=week_ago,
        ),
        "rejected": add_call(
            session, "tacr:TK01", "Doprava budoucnosti", now=now, deadlines=["2026-05-01T23:59:59+02:00"]
        ),
        "not_relevant": add_call(
            session,
            "gacr:GA27",
            "Standardní projekty GA ČR",
            now=now,
            funder="GA ČR",
            deadlines=["2026-04-01T23:59:59+02:00"],
        ),
        "irrelevant": add_call(
            session,
            "jmk:zdrav",
            "Zdravotnictví JMK",
            now=now,
            funder="Jihomoravský kraj",
            deadlines=["2026-04-01T23:59:59+02:00"],
        ),
        "closed": add_call(
            session, "tacr:OLD", "Uzavřená soutěž", now=now, status="closed", deadlines=["2026-02-01T23:59:59+01:00"]
        ),
    }
    calls["irrelevant"].irrelevant = True
    session.flush()
    for member in (cs, en):
        add_match(
            session,
            calls["laser"],
            member,
            score=0.81,
            terms=["laserové svařování", "mikroobrábění"],
            pillars=["lasers"],
        )
        add_match(
            session,
            calls["photonics"],
            member,
            score=0.64,
            terms=["photonics", "manufacturing"],
            pillars=["industrial-consumer-optics", "lasers"],
        )
        add_match(session, calls["lighting"], member, score=0.52, terms=["osvětlení"], pillars=["lighting"])
        add_match(
            session,
            calls["changed"],
            member,
            score=0.7,
            terms=["optické senzory"],
            pillars=["industrial-consumer-optics"],
            created_at=week_ago,
        )
        add_match(session, calls["closing"], member, score=0.4, terms=["inovace"], pillars=[], created_at=week_ago)
        add_match(session, calls["rejected"], member, review_state="rejected")
        add_match(session, calls["not_relevant"], member)
        add_match(session, calls["irrelevant"], member)
        add_match(session, calls["closed"], member)
        session.add(
            Feedback(call_id=calls["not_relevant"].id, member_id=member.id, verdict="not_relevant", origin="member")
        )
        session.add(
            Digest(
                kind="member",
                recipient=member.email,
                member_id=member.id,
                period="2026-W09",
                state="sent",
                message_id=f"<w09.{member.id}@example.org>",
                subject="W09",
                call_ids=[calls["changed"].id, calls["closing"].id],
                sections={"new": [calls["changed"].id, calls["closing"].id]},
                composed_at=week_ago,
                sent_at=week_ago,
            )
        )
    add_change(
        session,
        calls["changed"],
        "deadlines",
        ["2026-03-12T23:59:59+01:00"],
        ["2026-04-02T23:59:59+02:00"],
        now - timedelta(days=2),
    )
    add_change(
        session,
        calls["changed"],
        "budget_total",
        {"amount": 50_000_000, "currency": "CZK"},
        {"amount": 65_000_000, "currency": "CZK"},
        now - timedelta(days=2),
    )
    # Pillar scores (the guarantors' digests) and a pending match plus source runs (the manager's digest).
    add_pillar_score(session, calls["laser"], "lasers", 0.77, ["laserové svařování"])
    add_pillar_score(session, calls["photonics"], "industrial-consumer-optics", 0.58, ["photonics"])
    add_pillar_score(session, calls["photonics"], "lasers", 0.31, ["photonics"])
    add_pillar_score(session, calls["lighting"], "lighting", 0.66, ["osvětlení"])
    add_pillar_score(session, calls["rejected"], "military-optics", 0.1, [])
    pending = add_call(
        session,
        "sedia:EDF-2026-RA-SENS",
        "EDF: night vision sensors",
        now=now,
        language="en",
        funder="European Commission",
        programme="EDF",
        deadlines=["2026-05-20T17:00:00+02:00"],
        budget=30_000_000,
        currency="EUR",
        applicants=["enterprise"],
        region="EU",
    )
    session.flush()
    add_match(
        session,
        pending,
        cs,
        score=0.58,
        review_state="pending",
        terms=["night vision"],
        pillars=["military-optics"],
        created_at=now - timedelta(days=1),
    )
    session.add_all(
        [
            CrawlRun(
                source="tacr",
                started_at=now - timedelta(days=1),
                finished_at=now - timedelta(days=1),
                status="ok",
                items_scraped=40,
            ),
            CrawlRun(
                source="optak",
                started_at=now - timedelta(days=6),
                finished_at=now - timedelta(days=6),
                status="ok",
                items_scraped=12,
            ),
            CrawlRun(
                source="optak",
                started_at=now - timedelta(days=1),
                finished_at=now - timedelta(days=1),
                status="failed",
                reason="0 items: the listing page changed (no table.vyzvy)",
            ),
        ]
    )
    session.flush()
    return {"members": {"cs": cs, "en": en}, "calls": calls, "pending": pending}
