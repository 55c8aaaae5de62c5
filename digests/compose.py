"""What goes into each digest: read from the store, decided here, rendered elsewhere.

Member digest rules (PRODUCT.md, issue 6):
- *visible* matches: with `review_required` only approved ones; otherwise routed ones and eligible ones scoring at
  least `match_threshold`, never rejected ones. Never a call marked irrelevant, never a call the member said was
  not relevant.
- *new*: visible, still open, and not in any earlier digest of that member (so a late approval still arrives, and
  nothing is told twice). Only the best `digest_max_cards` of them (by score, ties: nearer deadline) are full cards
  grouped by pillar; the others are listed one line each (`MemberContent.more`). Both count as told.
- *changed*: calls told earlier whose tracked fields changed since that member's last digest, said in words.
- *closing soon*: calls told earlier whose next deadline is within `CLOSING_SOON_DAYS`, reminded once.
Nothing in all three means no digest.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from sqlalchemy import and_, exists, func, or_, select
from sqlalchemy.orm import Session

from digests.changes import describe_changes
from digests.formatting import days_left
from digests.i18n import member_language
from digests.links import LinkMaker, safe_url
from grantradar.config import Config
from store.calls import parse_iso
from store.models import (
    Call,
    CallChange,
    CrawlRun,
    Digest,
    Feedback,
    Member,
    MemberMatch,
    Pillar,
    PillarScore,
)

CLOSING_SOON_DAYS = 14
CLOSED_STATUSES = frozenset({"closed", "cancelled"})
# A source without a successful run for this long is flagged even if its last run did not fail (a scraper that
# silently stopped running is the failure users fear most).
STALE_AFTER = timedelta(days=3)
# The manager digest lists at most this many new pending matches; the rest wait in the review app.
MAX_PENDING_LISTED = 60


class PillarLike(Protocol):
    slug: str
    number: int
    name_cs: str
    name_en: str
    guarantor_email: str | None


@dataclass(frozen=True)
class PillarInfo:
    slug: str
    number: int
    name_cs: str
    name_en: str
    guarantor_email: str | None = None

    def name(self, lang: str) -> str:
        return self.name_cs if lang == "cs" else self.name_en


def pillar_infos(session: Session, config: Config, pillars: Iterable[PillarLike] | None = None) -> list[PillarInfo]:
    """The pillars, by number: given ones, else the pillar file (the source of truth, via the matcher), else the
    copy the matcher stored at its last run (when the matcher package is not installed)."""
    if pillars is None:
        try:
            from matcher.pillars import load_pillars
        except ImportError:
            pillars = list(session.scalars(select(Pillar)))
        else:
            pillars = load_pillars(config.pillars_file)
    infos = [PillarInfo(p.slug, int(p.number), p.name_cs, p.name_en, (p.guarantor_email or None)) for p in pillars]
    return sorted(infos, key=lambda p: p.number)


def period_key(now: datetime, tz: str = "Europe/Prague") -> str:
    """The ISO week of `now` in the cluster's zone, e.g. `2026-W47`: one digest per recipient per week."""
    year, week, _ = now.astimezone(ZoneInfo(tz)).isocalendar()
    return f"{year}-W{week:02d}"


@dataclass
class CallView:
    """A call as the templates show it: plain values, the URL already checked, the next deadline resolved."""

    id: str
    title: str
    url: str | None
    funder: str
    programme: str | None
    call_code: str | None
    status: str
    language: str
    deadline: datetime | None
    days_left: int | None
    opens_at: datetime | None
    budget_total: dict[str, Any] | None
    grant_min: dict[str, Any] | None
    grant_max: dict[str, Any] | None
    funding_rate_max: float | None
    applicants: list[str]
    region: str

    @classmethod
    def of(cls, call: Call, now: datetime, tz: str) -> CallView:
        deadline = upcoming_deadline(call.deadlines, now)
        return cls(
            id=call.id,
            title=call.title,
            url=safe_url(call.url),
            funder=call.funder or "",
            programme=call.programme,
            call_code=call.call_code,
            status=call.status,
            language=call.language,
            deadline=deadline,
            days_left=days_left(deadline, now, tz) if deadline else None,
            opens_at=parse_iso(call.opens_at),
            budget_total=call.budget_total,
            grant_min=call.grant_min,
            grant_max=call.grant_max,
            funding_rate_max=call.funding_rate_max,
            applicants=[a for a in (call.applicants or []) if isinstance(a, str)],
            region=call.region or "",
        )


@dataclass
class Entry:
    """One call in a digest, with why it is there and (member digests) the member's feedback links."""

    call: CallView
    score: float | None = None
    terms: list[str] = field(default_factory=list)
    pillars: list[str] = field(default_factory=list)
    checks: list[dict[str, Any]] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)
    links: dict[str, str] = field(default_factory=dict)
    members: list[tuple[str, float]] = field(default_factory=list)  # manager digest: who it matched
    routed: bool = False  # the manager sent it to this member by hand


@dataclass
class PillarGroup:
    pillar: PillarInfo | None  # None: calls of no known pillar
    entries: list[Entry]


@dataclass
class MemberContent:
    member_id: int
    name: str
    email: str
    language: str
    period: str
    groups: list[PillarGroup]  # new calls shown as full cards
    changed: list[Entry]
    closing: list[Entry]
    links: dict[str, str]
    more: list[Entry] = field(default_factory=list)  # further new calls, one line each

    @property
    def new_ids(self) -> list[str]:
        return [e.call.id for g in self.groups for e in g.entries] + [e.call.id for e in self.more]

    @property
    def new_count(self) -> int:
        return sum(len(g.entries) for g in self.groups) + len(self.more)

    @property
    def is_empty(self) -> bool:
        return not (self.new_count or self.changed or self.closing)

    def sections(self) -> dict[str, list[str]]:
        """What the Digest row records, so later digests know what this one told."""
        return {
            "new": self.new_ids,
            "changed": [e.call.id for e in self.changed],
            "reminders": [e.call.id for e in self.closing] + [e.call.id for e in self.changed if _closing(e)],
        }


@dataclass
class PillarContent:
    recipient: str
    language: str
    period: str
    groups: list[PillarGroup]

    @property
    def new_ids(self) -> list[str]:
        return [e.call.id for g in self.groups for e in g.entries]

    @property
    def is_empty(self) -> bool:
        return not self.new_ids

    def sections(self) -> dict[str, list[str]]:
        return {"new": self.new_ids}


@dataclass
class SourceHealth:
    source: str
    last_status: str
    last_run_at: datetime | None
    last_ok_at: datetime | None
    stale_days: int | None = None  # days without a successful run, when more than STALE_AFTER


@dataclass
class FailedRun:
    source: str
    started_at: datetime
    reason: str


@dataclass
class ManagerContent:
    recipient: str
    language: str
    period: str
    pending: list[Entry]
    pending_match_ids: list[int]
    pending_more: int
    health: list[SourceHealth]
    failed: list[FailedRun]
    counts: dict[str, int]
    review_url: str

    @property
    def is_empty(self) -> bool:
        # The manager's report doubles as a weekly heartbeat: its absence means the job itself broke.
        return False

    def sections(self) -> dict[str, list[Any]]:
        return {"pending": self.pending_match_ids, "failed_sources": sorted({f.source for f in self.failed})}


def _closing(entry: Entry) -> bool:
    return entry.call.days_left is not None and 0 <= entry.call.days_left <= CLOSING_SOON_DAYS


def upcoming_deadline(deadlines: Sequence[Any] | None, now: datetime) -> datetime | None:
    """The first deadline not yet passed, or None."""
    parsed = sorted(d for d in (parse_iso(v) for v in deadlines or [] if isinstance(v, str)) if d is not None)
    return next((d for d in parsed if d >= now), None)


def is_open(call: Call, now: datetime) -> bool:
    """Still worth telling about: not closed or cancelled, and not past its last deadline."""
    if call.status in CLOSED_STATUSES:
        return False
    return not call.deadlines or upcoming_deadline(call.deadlines, now) is not None


def visible_match_filter(config: Config) -> Any:
    """The SQL condition on MemberMatch for matches a member may be told about (see the module docstring)."""
    if config.review_required:
        return MemberMatch.review_state == "approved"
    return and_(
        MemberMatch.review_state != "rejected",
        or_(
            MemberMatch.routed.is_(True),
            and_(MemberMatch.eligible.is_(True), MemberMatch.score >= config.match_threshold),
        ),
    )


def visible_matches(session: Session, member: Member, config: Config) -> list[tuple[MemberMatch, Call]]:
    not_relevant = exists().where(
        Feedback.call_id == MemberMatch.call_id,
        Feedback.member_id == MemberMatch.member_id,
        Feedback.verdict == "not_relevant",
    )
    rows = session.execute(
        select(MemberMatch, Call)
        .join(Call, Call.id == MemberMatch.call_id)
        .where(
            MemberMatch.member_id == member.id,
            Call.irrelevant.is_(False),
            visible_match_filter(config),
            ~not_relevant,
        )
        .order_by(Call.id)
    ).all()
    return [(m, c) for m, c in rows]


def _earlier_digests(session: Session, kind: str, period: str, **where: Any) -> list[Digest]:
    stmt = select(Digest).where(Digest.kind == kind, Digest.period < period, Digest.state != "failed")
    for name, value in where.items():
        stmt = stmt.where(getattr(Digest, name) == value)
    return list(session.scalars(stmt.order_by(Digest.composed_at)))


def _told(digests: Iterable[Digest], section: str) -> set[str]:
    told: set[str] = set()
    for digest in digests:
        sections = digest.sections or {}
        told.update(sections.get(section, digest.call_ids if section == "new" else []))
    return told


def _explanation(match: MemberMatch) -> tuple[list[str], list[str], list[dict[str, Any]]]:
    expl = match.explanation if isinstance(match.explanation, dict) else {}
    terms = [str(t) for t in expl.get("terms", []) if isinstance(t, str | int | float)][:8]
    pillars = [str(p) for p in expl.get("pillars", []) if isinstance(p, str)]
    checks = [
        {"name": str(c.get("name", "")), "passed": bool(c.get("passed")), "detail": str(c.get("detail", ""))}
        for c in expl.get("checks", [])
        if isinstance(c, dict)
    ]
    return terms, pillars, checks


def _sort_key(entry: Entry) -> tuple[Any, ...]:
    deadline = entry.call.deadline
    return (deadline is None, deadline.timestamp() if deadline else 0.0, -(entry.score or 0.0), entry.call.id)


def _rank_key(entry: Entry) -> tuple[Any, ...]:
    # Calls the manager routed by hand were judged by a person: they get a full card whatever their score.
    deadline = entry.call.deadline
    return (
        not entry.routed,
        -(entry.score or 0.0),
        deadline is None,
        deadline.timestamp() if deadline else 0.0,
        entry.call.id,
    )


def pick_cards(entries: list[Entry], limit: int) -> tuple[list[Entry], list[Entry]]:
    """The best `limit` entries (highest score; ties: nearer deadline, then no deadline) and the rest, the rest in
    deadline order like every other list of the digest. Pure."""
    ranked = sorted(entries, key=_rank_key)
    cut = max(limit, 0)
    return ranked[:cut], sorted(ranked[cut:], key=_sort_key)


def group_by_pillar(
    entries: list[Entry], pillars: list[PillarInfo], best_pillar: dict[str, str] | None = None
) -> list[PillarGroup]:
    """Each entry once, under its first explained pillar (else its best-scoring one), pillars in file order."""
    by_slug = {p.slug: p for p in pillars}
    buckets: dict[str | None, list[Entry]] = defaultdict(list)
    for entry in entries:
        slug = next((s for s in entry.pillars if s in by_slug), None)
        if slug is None and best_pillar:
            slug = best_pillar.get(entry.call.id)
        buckets[slug if slug in by_slug else None].append(entry)
    groups = [PillarGroup(p, sorted(buckets[p.slug], key=_sort_key)) for p in pillars if buckets.get(p.slug)]
    if buckets.get(None):
        groups.append(PillarGroup(None, sorted(buckets[None], key=_sort_key)))
    return groups


def _best_pillars(session: Session, call_ids: Iterable[str], threshold: float) -> dict[str, str]:
    ids = list(call_ids)
    if not ids:
        return {}
    best: dict[str, tuple[float, str]] = {}
    for score in session.scalars(select(PillarScore).where(PillarScore.call_id.in_(ids))):
        if score.score >= threshold and score.score > best.get(score.call_id, (-1.0, ""))[0]:
            best[score.call_id] = (score.score, score.pillar)
    return {call_id: slug for call_id, (_, slug) in best.items()}


def compose_member(
    session: Session,
    member: Member,
    config: Config,
    now: datetime,
    pillars: list[PillarInfo],
    links: LinkMaker,
) -> MemberContent:
    """The member's digest for the week of `now` (possibly empty); reads the store, writes nothing."""
    tz = config.timezone
    lang = member_language(member.language)
    period = period_key(now, tz)
    earlier = _earlier_digests(session, "member", period, member_id=member.id)
    told = _told(earlier, "new")
    reminded = _told(earlier, "reminders")
    last_at = max((d.composed_at for d in earlier), default=None)

    new: list[Entry] = []
    known: dict[str, tuple[MemberMatch, Call]] = {}
    for match, call in visible_matches(session, member, config):
        if call.id in told:
            known[call.id] = (match, call)
        elif is_open(call, now):
            new.append(_entry(match, call, now, tz, links, member.id))

    changes_by_call: dict[str, list[CallChange]] = defaultdict(list)
    if known and last_at is not None:
        rows = session.scalars(
            select(CallChange)
            .where(
                CallChange.call_id.in_(list(known)),
                CallChange.changed_at > last_at,
                CallChange.changed_at <= now,
            )
            .order_by(CallChange.changed_at, CallChange.id)
        )
        for change in rows:
            changes_by_call[change.call_id].append(change)

    changed: list[Entry] = []
    closing: list[Entry] = []
    for call_id, (match, call) in known.items():
        notices = describe_changes(changes_by_call.get(call_id, []), lang, now, tz)
        if notices:
            entry = _entry(match, call, now, tz, links, member.id)
            entry.changes = notices
            changed.append(entry)
        elif call_id not in reminded and is_open(call, now):
            entry = _entry(match, call, now, tz, links, member.id)
            if _closing(entry):
                closing.append(entry)

    cards, more = pick_cards(new, config.digest_max_cards)
    best = _best_pillars(session, [e.call.id for e in cards if not e.pillars], config.match_threshold)
    return MemberContent(
        member_id=member.id,
        name=member.name,
        email=member.email,
        language=lang,
        period=period,
        groups=group_by_pillar(cards, pillars, best),
        changed=sorted(changed, key=_sort_key),
        closing=sorted(closing, key=_sort_key),
        links=links.member_links(member.id),
        more=more,
    )


def _entry(match: MemberMatch, call: Call, now: datetime, tz: str, links: LinkMaker, member_id: int) -> Entry:
    terms, pillars, checks = _explanation(match)
    return Entry(
        call=CallView.of(call, now, tz),
        score=match.score,
        terms=terms,
        pillars=pillars,
        checks=checks,
        routed=bool(match.routed),
        links={
            "relevant": links.feedback(member_id, call.id, relevant=True),
            "not_relevant": links.feedback(member_id, call.id, relevant=False),
        },
    )


def compose_pillar(
    session: Session,
    recipient: str,
    slugs: list[str],
    config: Config,
    now: datetime,
    pillars: list[PillarInfo],
    language: str,
) -> PillarContent:
    """A guarantor's digest: the new calls of their pillars (one email even when they guard several)."""
    tz = config.timezone
    period = period_key(now, tz)
    told = _told(_earlier_digests(session, "pillar", period, recipient=recipient), "new")
    rows = session.execute(
        select(PillarScore, Call)
        .join(Call, Call.id == PillarScore.call_id)
        .where(
            PillarScore.pillar.in_(slugs),
            PillarScore.score >= config.match_threshold,
            Call.irrelevant.is_(False),
        )
        .order_by(PillarScore.score.desc(), Call.id)
    ).all()
    entries: dict[str, Entry] = {}
    for score, call in rows:
        if call.id in told or call.id in entries or not is_open(call, now):
            continue
        expl = score.explanation if isinstance(score.explanation, dict) else {}
        terms = [str(t) for t in expl.get("terms", []) if isinstance(t, str)][:8]
        entries[call.id] = Entry(CallView.of(call, now, tz), score=score.score, terms=terms, pillars=[score.pillar])
    mine = [p for p in pillars if p.slug in slugs]
    return PillarContent(recipient, language, period, group_by_pillar(list(entries.values()), mine))


def compose_manager(session: Session, config: Config, now: datetime, links: LinkMaker, language: str) -> ManagerContent:
    """The manager's weekly report: new matches awaiting review, source health, counts."""
    tz = config.timezone
    period = period_key(now, tz)
    recipient = config.manager_email
    earlier = _earlier_digests(session, "manager", period, recipient=recipient)
    listed: set[int] = set()
    for digest in earlier:
        listed.update(int(i) for i in (digest.sections or {}).get("pending", []))
    since = max((d.composed_at for d in earlier), default=now - timedelta(days=7))

    pending_rows = session.execute(
        select(MemberMatch, Call, Member)
        .join(Call, Call.id == MemberMatch.call_id)
        .join(Member, Member.id == MemberMatch.member_id)
        .where(MemberMatch.review_state == "pending", Call.irrelevant.is_(False))
        .order_by(MemberMatch.score.desc(), MemberMatch.id)
    ).all()
    pending_total = len(pending_rows)
    new_rows = [(m, c, mem) for m, c, mem in pending_rows if m.id not in listed and is_open(c, now)]
    by_call: dict[str, Entry] = {}
    match_ids: list[int] = []
    for match, call, member in new_rows:
        entry = by_call.get(call.id)
        if entry is None:
            if len(by_call) >= MAX_PENDING_LISTED:
                continue
            terms, pillars, checks = _explanation(match)
            entry = by_call[call.id] = Entry(CallView.of(call, now, tz), match.score, terms, pillars, checks)
        entry.members.append((member.name, match.score))
        match_ids.append(match.id)
    listed_calls = len(by_call)
    more = len({c.id for _, c, _ in new_rows}) - listed_calls

    runs = list(session.scalars(select(CrawlRun).where(CrawlRun.started_at <= now).order_by(CrawlRun.started_at)))
    health: dict[str, SourceHealth] = {}
    failed: list[FailedRun] = []
    first_run: dict[str, datetime] = {}
    for run in runs:
        first_run.setdefault(run.source, run.started_at)
        item = health.setdefault(run.source, SourceHealth(run.source, run.status, None, None))
        item.last_status = run.status
        item.last_run_at = run.started_at
        if run.status == "ok":
            item.last_ok_at = run.finished_at or run.started_at
        if run.status == "failed" and run.started_at > since:
            failed.append(FailedRun(run.source, run.started_at, run.reason or "?"))
    for item in health.values():
        reference = item.last_ok_at or first_run[item.source]
        if now - reference > STALE_AFTER:
            item.stale_days = (now - reference).days

    def count(stmt: Any) -> int:
        return session.scalar(select(func.count()).select_from(stmt.subquery())) or 0

    counts = {
        "calls_new": count(select(Call.id).where(Call.first_seen > since, Call.first_seen <= now)),
        "calls_changed": count(
            select(Call.id).where(Call.changed_at > since, Call.changed_at <= now, Call.first_seen <= since)
        ),
        "matches_new": count(
            select(MemberMatch.id).where(MemberMatch.created_at > since, MemberMatch.created_at <= now)
        ),
        "pending": pending_total,
        "members": count(select(Member.id).where(Member.digest == "weekly", Member.unsubscribed_at.is_(None))),
        "failed_runs": len(failed),
    }
    return ManagerContent(
        recipient=recipient,
        language=language,
        period=period,
        pending=sorted(by_call.values(), key=_sort_key),
        pending_match_ids=match_ids,
        pending_more=max(more, 0),
        health=sorted(health.values(), key=lambda h: h.source),
        failed=failed,
        counts=counts,
        review_url=links.app("/"),
    )


def active_members(session: Session) -> list[Member]:
    """Members who want the weekly digest."""
    return list(
        session.scalars(
            select(Member).where(Member.digest == "weekly", Member.unsubscribed_at.is_(None)).order_by(Member.id)
        )
    )


def guarantors(pillars: list[PillarInfo]) -> dict[str, list[str]]:
    """Guarantor address (lower-cased) → the slugs of their pillars, in pillar order."""
    out: dict[str, list[str]] = defaultdict(list)
    for pillar in pillars:
        if pillar.guarantor_email:
            out[pillar.guarantor_email.strip().lower()].append(pillar.slug)
    return dict(out)
