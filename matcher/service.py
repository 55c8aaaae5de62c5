"""`run_match`: score new and changed calls from the store and write PillarScore and MemberMatch rows.

Per run: sync the Pillar table from the pillar file; fit the model once over every stored call and profile;
score the calls that are new or changed since they were last scored (all calls when a member profile, the
feedback or the pillar table changed since the last run, or with `full=True`); upsert the rows.

Rules kept here: a review state the manager set is never reset; a "not relevant" feedback deletes and never
recreates its match; a call marked irrelevant gets no matches; ineligible or below-threshold matches that
nobody reviewed are removed, reviewed or routed ones are kept and marked.
"""

from __future__ import annotations

import logging
import time
from collections import defaultdict
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, delete, func, select
from sqlalchemy.orm import Session

from grantradar.config import Config
from matcher.pillars import PillarSet, load_pillar_set
from matcher.scoring import CallResult, Matcher
from store.base import utcnow
from store.db import session_scope
from store.models import Call, Feedback, Member, MemberMatch, Pillar, PillarScore

log = logging.getLogger(__name__)


@dataclass
class MatchSummary:
    calls_total: int = 0
    calls_scored: int = 0
    members: int = 0
    matches: int = 0  # member matches written (created or updated) in this run
    matches_created: int = 0
    matches_removed: int = 0
    full: bool = False
    seconds: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def sync_pillars(session: Session, pillar_set: PillarSet) -> bool:
    """Make the Pillar table equal to the pillar file; True when anything changed."""
    existing = {p.slug: p for p in session.scalars(select(Pillar))}
    changed = False
    for pillar in pillar_set.pillars:
        row = existing.pop(pillar.slug, None)
        values = {
            "number": pillar.number,
            "name_cs": pillar.name_cs,
            "name_en": pillar.name_en,
            "guarantor_email": pillar.guarantor_email,
        }
        if row is None:
            session.add(Pillar(slug=pillar.slug, **values))
            changed = True
        elif any(getattr(row, k) != v for k, v in values.items()):
            for key, value in values.items():
                setattr(row, key, value)
            changed = True
    for row in existing.values():
        session.delete(row)
        session.execute(delete(PillarScore).where(PillarScore.pillar == row.slug))
        changed = True
    return changed


def _last_run(session: Session) -> datetime | None:
    return session.scalar(select(func.max(PillarScore.updated_at)))


def _calls_to_score(session: Session, calls: list[Call], since: datetime | None, full: bool) -> list[Call]:
    if full or since is None:
        return calls
    scored_at = dict(
        session.execute(
            select(PillarScore.call_id, func.min(PillarScore.updated_at)).group_by(PillarScore.call_id)
        ).all()
    )
    return [c for c in calls if c.id not in scored_at or c.changed_at > scored_at[c.id]]


def run_match(engine: Engine, config: Config, now: datetime | None = None, full: bool = False) -> MatchSummary:
    """Score new and changed calls against pillars and members; see the module docstring."""
    started = time.monotonic()
    # `now` judges deadlines; bookkeeping (what was scored when) always uses the wall clock, like the
    # timestamps of calls, members and feedback it is compared with.
    stamp = utcnow()
    now = now or stamp
    pillar_set = load_pillar_set(config.pillars_file)
    summary = MatchSummary()
    with session_scope(engine) as session:
        pillars_changed = sync_pillars(session, pillar_set)
        since = _last_run(session)
        calls = list(session.scalars(select(Call).order_by(Call.id)))
        members = list(session.scalars(select(Member).order_by(Member.id)))
        feedback = list(session.scalars(select(Feedback).order_by(Feedback.id)))
        members_changed = since is not None and (
            any(m.updated_at > since for m in members) or any(f.created_at > since for f in feedback)
        )
        full = full or pillars_changed or members_changed or since is None
        summary.full = full
        summary.calls_total = len(calls)
        summary.members = len(members)

        # Irrelevant calls: never proposed again, to anybody.
        irrelevant = [c.id for c in calls if c.irrelevant]
        if irrelevant:
            summary.matches_removed += _delete_matches(session, MemberMatch.call_id.in_(irrelevant))
        live = [c for c in calls if not c.irrelevant]

        profiles = [m.as_profile() for m in members]
        position = {m.id: i for i, m in enumerate(members)}
        matcher = Matcher(pillar_set).fit([c.as_record() for c in live], profiles)

        by_id = {c.id: c for c in calls}
        judged: dict[int, dict[str, list[dict[str, Any]]]] = defaultdict(lambda: defaultdict(list))
        excluded: set[tuple[str, int]] = set()
        for fb in feedback:
            if fb.member_id not in position or fb.call_id not in by_id:
                continue
            verdict = "relevant" if fb.verdict == "relevant" else "not_relevant"
            judged[position[fb.member_id]][verdict].append(by_id[fb.call_id].as_record())
            if verdict == "not_relevant":
                excluded.add((fb.call_id, position[fb.member_id]))
        if judged:
            matcher.set_feedback({k: dict(v) for k, v in judged.items()})
        for call_id, pos in excluded:
            summary.matches_removed += _delete_matches(
                session, (MemberMatch.call_id == call_id) & (MemberMatch.member_id == members[pos].id)
            )

        todo = _calls_to_score(session, live, since, full)
        # One result at a time: the run never holds the explanations of every call at once.
        results = matcher.iter_score(
            [c.as_record() for c in todo], now=now, min_score=0.0, excluded=excluded, consortium=True
        )
        threshold = config.match_threshold
        for result in results:
            summary.calls_scored += 1
            _write_pillars(session, result, stamp)
            created, written, removed = _write_matches(session, result, members, threshold, stamp, matcher)
            summary.matches_created += created
            summary.matches += written
            summary.matches_removed += removed
    summary.seconds = round(time.monotonic() - started, 3)
    log.info("match: %s", summary.as_dict())
    return summary


def _delete_matches(session: Session, condition: Any) -> int:
    """Delete the matching rows except those the manager rejected (kept as a record of the decision)."""
    result = session.execute(delete(MemberMatch).where(condition, MemberMatch.review_state != "rejected"))
    return int(result.rowcount or 0)


def _write_pillars(session: Session, result: CallResult, now: datetime) -> None:
    rows = {r.pillar: r for r in session.scalars(select(PillarScore).where(PillarScore.call_id == result.call_id))}
    for slug, score in result.pillars.items():
        explanation = {"terms": result.pillar_terms.get(slug, [])}
        row = rows.get(slug)
        if row is None:
            session.add(
                PillarScore(call_id=result.call_id, pillar=slug, score=score, explanation=explanation, updated_at=now)
            )
        else:
            row.score = score
            row.explanation = explanation
            row.updated_at = now  # marks the call as scored now, even when the score did not move


def _write_matches(
    session: Session,
    result: CallResult,
    members: list[Member],
    threshold: float,
    now: datetime,
    matcher: Matcher,
) -> tuple[int, int, int]:
    existing = {
        m.member_id: m for m in session.scalars(select(MemberMatch).where(MemberMatch.call_id == result.call_id))
    }
    consortium = [
        {"member_id": members[p.position].id, "covers": [_surface(matcher, result.call_id, n) for n in p.covers]}
        for p in result.consortium
    ]
    created = written = removed = 0
    kept: set[int] = set()
    for member_result in result.members:
        if member_result.score < threshold:
            continue
        member = members[member_result.position]
        explanation = dict(member_result.explanation)
        if consortium:
            explanation["consortium"] = consortium
        row = existing.get(member.id)
        if row is None:
            session.add(
                MemberMatch(
                    call_id=result.call_id,
                    member_id=member.id,
                    score=member_result.score,
                    explanation=explanation,
                    eligible=True,
                    review_state="pending",
                    created_at=now,
                    updated_at=now,
                )
            )
            created += 1
        else:
            # Score and explanation follow the call; the manager's review state and routing stay as set.
            row.score = member_result.score
            row.explanation = explanation
            row.eligible = True
            row.updated_at = now
        written += 1
        kept.add(member.id)
    for member_id, row in existing.items():
        if member_id in kept:
            continue
        if row.review_state == "pending" and not row.routed:
            session.delete(row)
            removed += 1
        elif not result.eligible:
            row.eligible = False  # reviewed or routed: kept as the manager's record, but marked
    return created, written, removed


def _surface(matcher: Matcher, call_id: str, need: str) -> str:
    return need if need.startswith("pillar:") else matcher.surface(call_id, need)
