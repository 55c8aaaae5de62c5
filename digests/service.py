"""`run_digests`: compose the week's digests, record them, write them to the outbox, and send them exactly once.

Each digest is a `Digest` row, unique per (kind, recipient, ISO week in Europe/Prague):
1. *composed*: the message (with its fixed Message-ID) is written to the outbox as `.eml` + `.html`, then the row
   is committed. A crash before the commit leaves at most a file that the next run overwrites with the same
   message; a crash after it leaves a row the next run finds, so it is never composed twice.
2. *sending*: committed just before the SMTP transaction; *sent* committed just after the server accepted it.
3. A run skips rows that are *sent*; it (re)sends *composed*, *failed* and *sending* rows of this week, and
   *composed* and *sending* rows of last week (a run that crashed on a Sunday night is finished on Monday).

A *sending* row found at the start of a run was left by a process that died mid-transaction (runs hold the
`digests` database lock, so no live process owns it). The server may or may not have accepted that message
(the window is between the server's final reply and our commit: milliseconds). We re-send it rather than
skip it: a member must never lose a digest, and the re-sent copy is byte-identical, with the same Message-ID,
so receivers that de-duplicate by Message-ID (Gmail and most mail stores and clients) keep one. The other
choice, never re-sending, would silently drop a digest whenever the crash came before the server had it.

Outbox-only runs (no `--send`) leave rows *composed*: the `.eml` files are the delivery, and a later run with
`--send` in the same week sends them.

`run_reminders` does the same for the daily closing-soon reminders (`digests.reminders`): period = local date, it
finishes today's unsent reminders and yesterday's *composed*/*sending* ones, unless the deadlines they remind of
have passed meanwhile (a reminder that arrives after the deadline is noise, not help).
"""

from __future__ import annotations

import logging
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, and_, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from digests.atom import member_feed
from digests.calendar import member_calendar
from digests.compose import (
    PillarInfo,
    PillarLike,
    active_members,
    compose_manager,
    compose_member,
    compose_pillar,
    guarantors,
    period_key,
    pillar_infos,
    visible_matches,
)
from digests.delivery import (
    DeliveryAborted,
    DeliveryFailed,
    SmtpSender,
    outbox_name,
    parse_smtp_url,
    write_atomic,
    write_outbox,
)
from digests.links import LinkMaker
from digests.mail import MailParts, as_bytes, build_message, envelope_sender, message_id, split_from
from digests.reminders import KIND as REMINDER
from digests.reminders import compose_reminder, previous_reminder_period, reminder_period
from digests.render import Rendered, render_manager, render_member, render_pillar, render_reminder
from grantradar.config import Config
from store.base import utcnow
from store.calls import parse_iso
from store.db import session_scope
from store.locks import DbLock, LockHeld
from store.models import Digest, Member

log = logging.getLogger(__name__)
UNSENT = ("composed", "sending", "failed")


class DigestError(RuntimeError):
    """The digests cannot run at all (no signing key, no SMTP URL for --send, another run in progress)."""


@dataclass
class DigestSummary:
    period: str
    written: int = 0  # composed and written to the outbox by this run
    sent: int = 0
    failed: int = 0
    skipped: int = 0  # already composed earlier this week
    empty: int = 0  # recipients with nothing to be told
    feeds: int = 0  # member .ics/.atom files written
    errors: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class _Job:
    """One digest to compose: which row it would be and how to fill it."""

    kind: str
    recipient: str
    member_id: int | None = None
    slugs: list[str] = field(default_factory=list)


def run_digests(
    engine: Engine,
    config: Config,
    send: bool = False,
    outbox: str | None = None,
    now: datetime | None = None,
    *,
    pillars: list[PillarLike] | None = None,
    sender: SmtpSender | None = None,
    lock_ttl: float = 120.0,
    lock_wait: float = 0.0,
) -> DigestSummary:
    """Compose the due digests of the week of `now`, write them to `outbox`, and with `send` deliver them.

    `pillars` overrides the pillar file (tests); `sender` overrides the SMTP sender built from
    `config.smtp_url`. Raises DigestError when nothing can run; per-digest failures are counted, not raised.
    """
    now = now or utcnow()
    links = _links(config, send, sender, "digests")
    out_dir = Path(outbox or config.outbox).resolve()
    period = period_key(now, config.timezone)
    summary = DigestSummary(period=period)

    lock = _acquire(engine, lock_ttl, lock_wait)
    try:
        with session_scope(engine) as session:
            pillar_list = pillar_infos(session, config, pillars)
            jobs = _plan(session, config, pillar_list)
        for job in jobs:
            _compose_one(engine, config, job, now, period, pillar_list, links, out_dir, summary)
        summary.feeds = _write_feeds(engine, config, now, out_dir / "feeds")
        if send:
            if sender is None:
                sender = _smtp_sender(config)
            with sender:
                _deliver(engine, config, now, sender, summary)
    finally:
        lock.release()
    return summary


def _links(config: Config, send: bool, sender: SmtpSender | None, what: str) -> LinkMaker:
    """The checks before a run records anything (signing key, SMTP URL, sender address), and the link maker."""
    if not config.secret_key:
        raise DigestError(
            f"GRANTRADAR_SECRET_KEY is not set: the links in {what} (unsubscribe, feedback) must be signed"
        )
    if send and sender is None and not config.smtp_url:
        raise DigestError("sending needs GRANTRADAR_SMTP_URL (smtp://user:pass@host:port?starttls=1)")
    links = LinkMaker(config.base_url, config.secret_key)
    split_from(config.mail_from)  # a bad sender address stops the run before anything is recorded
    return links


def _acquire(engine: Engine, ttl: float, wait: float) -> DbLock:
    """The `digests` lock (weekly digests and daily reminders never run at once), or DigestError."""
    lock = DbLock(engine, "digests", ttl=ttl)
    try:
        lock.acquire(wait=wait, poll=min(1.0, max(wait / 4, 0.05)))
    except LockHeld as exc:
        raise DigestError(f"another digest run is in progress: {exc}") from None
    return lock


def _smtp_sender(config: Config) -> SmtpSender:
    settings = parse_smtp_url(config.smtp_url or "")
    return SmtpSender(settings, retries=config.smtp_retries, backoff=config.smtp_backoff)


def _plan(session: Session, config: Config, pillars: list[PillarInfo]) -> list[_Job]:
    jobs = [_Job("member", m.email.strip().lower(), member_id=m.id) for m in active_members(session)]
    jobs += [_Job("pillar", email, slugs=slugs) for email, slugs in guarantors(pillars).items()]
    jobs.append(_Job("manager", config.manager_email.strip().lower()))
    return jobs


def _compose_one(
    engine: Engine,
    config: Config,
    job: _Job,
    now: datetime,
    period: str,
    pillars: list[PillarInfo],
    links: LinkMaker,
    out_dir: Path,
    summary: DigestSummary,
) -> None:
    """Compose, write and record one digest in its own transaction (nothing if it exists or says nothing)."""
    try:
        with session_scope(engine) as session:
            existing = session.scalars(
                select(Digest.id).where(
                    Digest.kind == job.kind, Digest.recipient == job.recipient, Digest.period == period
                )
            ).first()
            if existing is not None:
                summary.skipped += 1
                return
            built = _build(session, config, job, now, pillars, links)
            if built is None:
                summary.empty += 1
                return
            rendered, sections, unsubscribe = built
            domain = split_from(config.mail_from)[1].partition("@")[2]
            mid = message_id(job.kind, job.recipient, period, domain)
            raw = as_bytes(
                build_message(
                    MailParts(
                        mail_from=config.mail_from,
                        recipient=job.recipient,
                        subject=rendered.subject,
                        text=rendered.text,
                        html=rendered.html,
                        message_id=mid,
                        date=now,
                        list_id=f"grantradar <{job.kind}.grantradar.{domain}>",
                        unsubscribe_url=unsubscribe,
                        unsubscribe_mailto=config.contact_email,
                    )
                )
            )
            path = write_outbox(out_dir, outbox_name(period, job.kind, job.recipient), raw, rendered.html)
            lists = (ids for ids in sections.values() if isinstance(ids, list))  # not a reminder's deadline map
            call_ids = sorted({i for ids in lists for i in ids if isinstance(i, str)})
            session.add(
                Digest(
                    kind=job.kind,
                    recipient=job.recipient,
                    member_id=job.member_id,
                    period=period,
                    state="composed",
                    message_id=mid,
                    subject=rendered.subject,
                    call_ids=call_ids,
                    sections=sections,
                    path=str(path),
                    composed_at=now,
                )
            )
        summary.written += 1
    except IntegrityError:
        # Another process recorded the same digest between our check and our insert: it is theirs.
        summary.skipped += 1
    except Exception as exc:  # one bad recipient (a malformed address) must not cost the others their digest
        log.exception("digest %s for %s could not be composed", job.kind, job.recipient)
        summary.failed += 1
        summary.errors.append(f"{job.kind} {job.recipient}: {exc.__class__.__name__}: {exc}")


def _build(
    session: Session, config: Config, job: _Job, now: datetime, pillars: list[PillarInfo], links: LinkMaker
) -> tuple[Rendered, dict[str, list[Any]], str | None] | None:
    tz, contact = config.timezone, config.contact_email
    if job.kind == REMINDER:
        member = session.get(Member, job.member_id)
        if member is None:
            return None
        reminder = compose_reminder(session, member, config, now, links)
        if reminder.is_empty:
            return None
        return render_reminder(reminder, pillars, tz, contact), reminder.sections(), reminder.links["unsubscribe"]
    if job.kind == "member":
        member = session.get(Member, job.member_id)
        if member is None:
            return None
        content = compose_member(session, member, config, now, pillars, links)
        if content.is_empty:
            return None
        return render_member(content, pillars, tz, contact), content.sections(), content.links["unsubscribe"]
    if job.kind == "pillar":
        pillar_content = compose_pillar(session, job.recipient, job.slugs, config, now, pillars, config.staff_language)
        if pillar_content.is_empty:
            return None
        return render_pillar(pillar_content, pillars, tz, contact), pillar_content.sections(), None
    manager = compose_manager(session, config, now, links, config.staff_language)
    return render_manager(manager, pillars, tz, contact), manager.sections(), None


def _write_feeds(engine: Engine, config: Config, now: datetime, feeds_dir: Path) -> int:
    """Each active member's .ics and .atom files (rewritten every run; the review app serves the same text)."""
    written = 0
    with session_scope(engine) as session:
        for member in active_members(session):
            matches = visible_matches(session, member, config)
            name = outbox_name("feed", "member", f"{member.id}-{member.email}")
            ics = member_calendar(session, member, config, now, matches=matches).encode()
            atom = member_feed(session, member, config, now, matches=matches).encode()
            write_atomic(feeds_dir / f"{name}.ics", ics, durable=False)
            write_atomic(feeds_dir / f"{name}.atom", atom, durable=False)
            written += 1
    return written


def _previous_period(now: datetime, tz: str) -> str:
    return period_key(now - timedelta(days=7), tz)


def _deliver(
    engine: Engine,
    config: Config,
    now: datetime,
    sender: SmtpSender,
    summary: DigestSummary,
    *,
    previous: str | None = None,
    kind: str | None = None,
) -> None:
    """Send every unsent digest of this and the previous period (default: last week), one row at a time,
    recording before and after; `kind` limits it to one kind of digest."""
    envelope = envelope_sender(config.mail_from)
    periods = [summary.period, previous or _previous_period(now, config.timezone)]
    with session_scope(engine) as session:
        # Last week's digests are finished if never started or cut off by a crash; a last-week digest that
        # *failed* is not retried: this week's digest was composed treating its calls as untold, and carries them.
        stmt = select(Digest.id).where(
            or_(
                and_(Digest.period == periods[0], Digest.state.in_(UNSENT)),
                and_(Digest.period == periods[1], Digest.state.in_(("composed", "sending"))),
            )
        )
        if kind is not None:
            stmt = stmt.where(Digest.kind == kind)
        ids = list(session.scalars(stmt.order_by(Digest.period, Digest.id)))
    for position, digest_id in enumerate(ids):
        with session_scope(engine) as session:
            digest = session.get(Digest, digest_id)
            if digest is None or digest.state == "sent":
                continue
            if digest.state == "sending":
                log.warning(
                    "digest %s to %s was left mid-send by a dead run; sending it again with the same Message-ID %s",
                    digest.kind,
                    digest.recipient,
                    digest.message_id,
                )
            try:
                raw = Path(digest.path or "").read_bytes()
            except OSError as exc:
                digest.state = "failed"
                digest.last_error = f"message file unreadable: {exc}"
                summary.failed += 1
                summary.errors.append(f"{digest.kind} {digest.recipient}: {digest.last_error}")
                continue
            recipient = digest.recipient
            digest.state = "sending"
            digest.attempts = (digest.attempts or 0) + 1
        # committed: the row says "sending" before the first byte goes to the server
        try:
            tries = sender.send(raw, envelope, recipient)
        except DeliveryAborted as exc:
            _finish(engine, digest_id, "failed", str(exc))
            remaining = len(ids) - position
            summary.failed += remaining
            summary.errors.append(f"delivery stopped, {remaining} digest(s) not sent: {exc}")
            return
        except DeliveryFailed as exc:
            _finish(engine, digest_id, "failed", str(exc))
            summary.failed += 1
            summary.errors.append(f"{recipient}: {exc}")
            continue
        _finish(engine, digest_id, "sent", None, extra_attempts=tries - 1)
        summary.sent += 1


def _finish(engine: Engine, digest_id: int, state: str, error: str | None, extra_attempts: int = 0) -> None:
    with session_scope(engine) as session:
        digest = session.get(Digest, digest_id)
        if digest is None:
            return
        digest.state = state
        digest.last_error = error
        digest.attempts = (digest.attempts or 0) + extra_attempts
        if state == "sent":
            digest.sent_at = utcnow()


def run_reminders(
    engine: Engine,
    config: Config,
    send: bool = False,
    outbox: str | None = None,
    now: datetime | None = None,
    *,
    pillars: list[PillarLike] | None = None,
    sender: SmtpSender | None = None,
    lock_ttl: float = 120.0,
    lock_wait: float = 0.0,
) -> DigestSummary:
    """Compose today's closing-soon reminders (`digests.reminders`), write them to `outbox`, and with `send`
    deliver them, exactly once each, through the same ledger, outbox and SMTP sender as `run_digests`.

    Members with nothing due get no email (counted in `empty`); a second run on the same day composes nothing.
    Raises DigestError when nothing can run.
    """
    now = now or utcnow()
    links = _links(config, send, sender, "reminders")
    if config.reminder_days < 0:
        raise DigestError(f"reminder_days must be 0 or more, got {config.reminder_days}")
    out_dir = Path(outbox or config.outbox).resolve()
    period = reminder_period(now, config.timezone)
    summary = DigestSummary(period=period)

    lock = _acquire(engine, lock_ttl, lock_wait)
    try:
        with session_scope(engine) as session:
            pillar_list = pillar_infos(session, config, pillars)
            jobs = [_Job(REMINDER, m.email.strip().lower(), member_id=m.id) for m in active_members(session)]
        for job in jobs:
            _compose_one(engine, config, job, now, period, pillar_list, links, out_dir, summary)
        if send:
            previous = previous_reminder_period(now, config.timezone)
            _drop_stale_reminders(engine, previous, now)
            if sender is None:
                sender = _smtp_sender(config)
            with sender:
                _deliver(engine, config, now, sender, summary, previous=previous, kind=REMINDER)
    finally:
        lock.release()
    return summary


def _drop_stale_reminders(engine: Engine, period: str, now: datetime) -> int:
    """Mark yesterday's unsent reminders failed when every deadline they remind of has passed."""
    dropped = 0
    with session_scope(engine) as session:
        rows = session.scalars(
            select(Digest).where(
                Digest.kind == REMINDER, Digest.period == period, Digest.state.in_(("composed", "sending"))
            )
        )
        for digest in rows:
            deadlines = (digest.sections or {}).get("deadlines", {})
            values = deadlines.values() if isinstance(deadlines, dict) else []
            ahead = [d for d in (parse_iso(v) for v in values if isinstance(v, str)) if d is not None and d >= now]
            if not ahead:
                digest.state = "failed"
                digest.last_error = "not sent: the deadlines it reminds of passed before it could be sent"
                dropped += 1
    return dropped
