"""The inbox: calls with matches, filtered, searched, sorted and paginated; and one call's full picture.

Filters are parsed from the query string by a pure function (unknown values are dropped, never trusted), then
turned into one SELECT that works the same on SQLite and PostgreSQL. Full-text search is a portable
case-insensitive LIKE over title, description, call code, funder and programme.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlencode

from sqlalchemy import ColumnElement, Select, and_, func, or_, select
from sqlalchemy.orm import Session

from store.base import utcnow
from store.models import (
    Call,
    CallChange,
    CallNote,
    CallRecord,
    Feedback,
    Member,
    MemberMatch,
    PillarScore,
    ReviewAction,
    User,
)
from store.vocabulary import STATUSES

PAGE_SIZE = 20
REVIEW_FILTERS = ("pending", "approved", "rejected", "all", "irrelevant")
CALL_STATUSES = STATUSES
DEADLINE_FILTERS = {
    "14": "within 14 days",
    "30": "within 30 days",
    "90": "within 90 days",
    "future": "not passed",
    "passed": "passed",
    "none": "no deadline",
}
SORTS = {"new": "newest match", "deadline": "deadline, soonest first", "score": "best score", "title": "title"}
MAX_QUERY = 200


@dataclass(frozen=True)
class InboxFilters:
    q: str = ""
    pillar: str = ""
    source: str = ""
    member: int | None = None
    deadline: str = ""
    status: str = "pending"
    call_status: str = ""
    sort: str = "new"
    page: int = 1

    def query_args(self, **changes: Any) -> dict[str, str]:
        """The filters as query-string arguments (defaults left out), with `changes` applied."""
        current = replace(self, **changes)
        defaults = InboxFilters()
        args: dict[str, str] = {}
        for name in ("q", "pillar", "source", "member", "deadline", "status", "call_status", "sort", "page"):
            value = getattr(current, name)
            if value != getattr(defaults, name) and value not in (None, ""):
                args[name] = str(value)
        return args

    def query_string(self, **changes: Any) -> str:
        return urlencode(self.query_args(**changes))

    @property
    def active(self) -> bool:
        """True when anything narrows the list beyond the default (pending matches)."""
        return bool(self.query_args(page=1, sort="new"))


def parse_filters(args: Mapping[str, str], pillars: Sequence[str], sources: Sequence[str]) -> InboxFilters:
    """Filters from query-string arguments; values outside the known sets are ignored."""

    def pick(name: str, allowed: Sequence[str] | Mapping[str, str], default: str = "") -> str:
        value = (args.get(name) or "").strip()
        return value if value in allowed else default

    def positive_int(name: str) -> int | None:
        raw = (args.get(name) or "").strip()
        return int(raw) if raw.isdigit() and 0 < int(raw) < 2**31 else None

    return InboxFilters(
        q=" ".join((args.get("q") or "").split())[:MAX_QUERY],
        pillar=pick("pillar", pillars),
        source=pick("source", sources),
        member=positive_int("member"),
        deadline=pick("deadline", DEADLINE_FILTERS),
        status=pick("status", REVIEW_FILTERS, "pending"),
        call_status=pick("call_status", CALL_STATUSES),
        sort=pick("sort", SORTS, "new"),
        page=positive_int("page") or 1,
    )


def like_pattern(term: str) -> str:
    """A LIKE pattern matching `term` literally anywhere (%, _ and the escape character escaped)."""
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def search_condition(q: str) -> ColumnElement[bool]:
    """Every word of `q` must occur in one of the searched fields (case-insensitive).

    SQLite's LOWER folds ASCII only, so a word is also tried as typed, lower-cased and capitalised: "čerpání"
    then finds "Čerpání" on SQLite too; PostgreSQL folds every letter anyway.
    """
    columns = (Call.title, Call.description, Call.call_code, Call.funder, Call.programme, Call.id)
    conditions = []
    for word in q.split():
        variants = {word, word.lower(), word.capitalize(), word.upper()}
        conditions.append(or_(*(col.ilike(like_pattern(v), escape="\\") for col in columns for v in sorted(variants))))
    return and_(*conditions)


def inbox_select(filters: InboxFilters, pillar_min: float, now: datetime) -> Select[Any]:
    """SELECT (Call, best score, newest match time, matches, pending) for the filters, sorted."""
    agg_stmt = select(
        MemberMatch.call_id.label("call_id"),
        func.max(MemberMatch.score).label("best"),
        func.max(MemberMatch.created_at).label("newest"),
        func.count(MemberMatch.id).label("matches"),
    ).group_by(MemberMatch.call_id)
    if filters.status in {"pending", "approved", "rejected"}:
        agg_stmt = agg_stmt.where(MemberMatch.review_state == filters.status)
    if filters.member is not None:
        agg_stmt = agg_stmt.where(MemberMatch.member_id == filters.member)
    agg = agg_stmt.subquery()

    stmt = select(Call, agg.c.best, agg.c.newest, agg.c.matches).join(agg, agg.c.call_id == Call.id)
    stmt = stmt.where(Call.irrelevant.is_(filters.status == "irrelevant"))
    if filters.pillar:
        stmt = stmt.where(
            Call.id.in_(
                select(PillarScore.call_id).where(PillarScore.pillar == filters.pillar, PillarScore.score >= pillar_min)
            )
        )
    if filters.source:
        stmt = stmt.where(Call.id.in_(select(CallRecord.call_id).where(CallRecord.source == filters.source)))
    if filters.call_status:
        stmt = stmt.where(Call.status == filters.call_status)
    if filters.deadline.isdigit():
        stmt = stmt.where(Call.next_deadline >= now, Call.next_deadline <= now + timedelta(days=int(filters.deadline)))
    elif filters.deadline == "future":
        stmt = stmt.where(Call.next_deadline >= now)
    elif filters.deadline == "passed":
        stmt = stmt.where(Call.next_deadline < now)
    elif filters.deadline == "none":
        stmt = stmt.where(Call.next_deadline.is_(None))
    if filters.q:
        stmt = stmt.where(search_condition(filters.q))

    # NULLs last on both databases without dialect-specific syntax: sort on "is null" first.
    if filters.sort == "deadline":
        stmt = stmt.order_by(Call.next_deadline.is_(None), Call.next_deadline, Call.id)
    elif filters.sort == "score":
        stmt = stmt.order_by(agg.c.best.desc(), Call.id)
    elif filters.sort == "title":
        stmt = stmt.order_by(func.lower(Call.title), Call.id)
    else:
        stmt = stmt.order_by(agg.c.newest.desc(), Call.id)
    return stmt


@dataclass
class MatchView:
    match: MemberMatch
    member: Member
    reviewer: str | None
    member_verdict: str | None  # the member's own feedback, if any


@dataclass
class CallView:
    call: Call
    best: float
    pillars: list[tuple[str, float]]  # (slug, score), best first
    matches: list[MatchView]
    notes: list[tuple[CallNote, str | None]] = field(default_factory=list)


@dataclass
class InboxPage:
    filters: InboxFilters
    items: list[CallView]
    total: int
    pages: int

    @property
    def has_prev(self) -> bool:
        return self.filters.page > 1

    @property
    def has_next(self) -> bool:
        return self.filters.page < self.pages


def _pillars_of(session: Session, call_ids: Sequence[str], pillar_min: float) -> dict[str, list[tuple[str, float]]]:
    result: dict[str, list[tuple[str, float]]] = {cid: [] for cid in call_ids}
    if not call_ids:
        return result
    rows = session.execute(
        select(PillarScore.call_id, PillarScore.pillar, PillarScore.score)
        .where(PillarScore.call_id.in_(call_ids), PillarScore.score >= pillar_min)
        .order_by(PillarScore.score.desc(), PillarScore.pillar)
    )
    for call_id, pillar, score in rows:
        result[call_id].append((pillar, score))
    return result


def _matches_of(session: Session, call_ids: Sequence[str]) -> dict[str, list[MatchView]]:
    result: dict[str, list[MatchView]] = {cid: [] for cid in call_ids}
    if not call_ids:
        return result
    verdicts = {
        (f.call_id, f.member_id): f.verdict
        for f in session.scalars(select(Feedback).where(Feedback.call_id.in_(call_ids), Feedback.origin == "member"))
    }
    rows = session.execute(
        select(MemberMatch, Member, User.email)
        .join(Member, Member.id == MemberMatch.member_id)
        .outerjoin(User, User.id == MemberMatch.reviewed_by)
        .where(MemberMatch.call_id.in_(call_ids))
        .order_by(MemberMatch.score.desc(), Member.name)
    )
    for match, member, reviewer in rows:
        result[match.call_id].append(MatchView(match, member, reviewer, verdicts.get((match.call_id, match.member_id))))
    return result


def load_inbox(session: Session, filters: InboxFilters, pillar_min: float, now: datetime | None = None) -> InboxPage:
    now = now or utcnow()
    stmt = inbox_select(filters, pillar_min, now)
    total = session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery())) or 0
    pages = max(1, math.ceil(total / PAGE_SIZE))
    page = min(filters.page, pages)
    filters = replace(filters, page=page)
    rows = session.execute(stmt.limit(PAGE_SIZE).offset((page - 1) * PAGE_SIZE)).all()
    call_ids = [row[0].id for row in rows]
    pillars = _pillars_of(session, call_ids, pillar_min)
    matches = _matches_of(session, call_ids)
    items = [CallView(row[0], row[1] or 0.0, pillars[row[0].id], matches[row[0].id]) for row in rows]
    return InboxPage(filters, items, total, pages)


@dataclass
class CallDetail:
    view: CallView
    history: list[tuple[ReviewAction, str | None, str | None]]  # action, user e-mail, member name
    changes: list[CallChange]
    routable: list[Member]  # members the call is not yet matched with
    sources: list[str]


def load_call(session: Session, call_id: str, pillar_min: float) -> CallDetail | None:
    call = session.get(Call, call_id)
    if call is None:
        return None
    matches = _matches_of(session, [call.id])[call.id]
    notes = list(
        session.execute(
            select(CallNote, User.email)
            .outerjoin(User, User.id == CallNote.user_id)
            .where(CallNote.call_id == call.id)
            .order_by(CallNote.created_at.desc(), CallNote.id.desc())
        ).all()
    )
    view = CallView(
        call,
        max((m.match.score for m in matches), default=0.0),
        _pillars_of(session, [call.id], pillar_min)[call.id],
        matches,
        notes,
    )
    history = list(
        session.execute(
            select(ReviewAction, User.email, Member.name)
            .outerjoin(User, User.id == ReviewAction.user_id)
            .outerjoin(Member, Member.id == ReviewAction.member_id)
            .where(ReviewAction.call_id == call.id)
            .order_by(ReviewAction.created_at.desc(), ReviewAction.id.desc())
        ).all()
    )
    matched = {m.member.id for m in matches}
    routable = [m for m in session.scalars(select(Member).order_by(Member.name)) if m.id not in matched]
    sources = sorted({r.source for r in call.records}) or [call.source]
    return CallDetail(view, history, list(call.changes), routable, sources)


def known_sources(session: Session) -> list[str]:
    """Every source that has stored a record (for the source filter)."""
    return sorted(s for s in session.scalars(select(CallRecord.source).distinct()) if s)


def members_for_filter(session: Session) -> list[tuple[int, str]]:
    return [(m.id, m.name) for m in session.scalars(select(Member).order_by(Member.name))]
