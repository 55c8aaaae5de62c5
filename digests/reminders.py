"""Closing-soon reminders: a short email of their own, on any day, once per call and deadline (issue 7).

Rules (a member gets a reminder of a call when all hold):
- the match is *visible* (`compose.visible_matches`: review state, threshold, "not relevant" feedback, calls marked
  irrelevant), and the member wants digests (`compose.active_members`: digest "weekly", not unsubscribed);
- the call was told to the member in a member digest (any of its sections) composed before today: a reminder
  only ever follows up, it never introduces a call, and it never repeats the morning's weekly digest;
- the call's next deadline is at most `config.reminder_days` calendar days away (Europe/Prague: 0 = closes today);
- no earlier reminder of this member named that call *with that deadline*: a moved deadline, or the next stage of
  a multi-stage call, is reminded again, and the reminder says the deadline moved.

The period of a reminder is the local date (`2026-03-09`), so the unique (kind, recipient, period) row of `Digest`
allows at most one reminder email per member per day, and `digests.service` delivers it exactly once as it does
the weekly digests. Its sections record what was reminded: `{"reminders": [call ids], "deadlines": {call id:
deadline in UTC ISO 8601}}`. The member digest's own 14-day "closing soon" section is independent of these.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from digests.changes import describe
from digests.compose import Entry, _entry, _sort_key, is_open, visible_matches
from digests.formatting import local
from digests.i18n import member_language
from digests.links import LinkMaker
from grantradar.config import Config
from store.calls import parse_iso
from store.models import Digest, Member

KIND = "reminder"
# Sections of a member digest that show a call to the member (see `MemberContent.sections`).
TOLD_SECTIONS = ("new", "changed", "reminders")


def reminder_period(now: datetime, tz: str = "Europe/Prague") -> str:
    """The local date of `now`, e.g. `2026-03-09`: at most one reminder email per member per day."""
    return local(now, tz).date().isoformat()


def previous_reminder_period(now: datetime, tz: str = "Europe/Prague") -> str:
    return (local(now, tz).date() - timedelta(days=1)).isoformat()


def start_of_day(now: datetime, tz: str = "Europe/Prague") -> datetime:
    """Midnight of `now`'s local day, as an aware datetime."""
    return local(now, tz).replace(hour=0, minute=0, second=0, microsecond=0)


def deadline_key(deadline: datetime) -> str:
    """One deadline as recorded in a reminder's sections: the instant in UTC, so zone spellings compare equal."""
    return deadline.astimezone(UTC).isoformat()


@dataclass
class ReminderContent:
    member_id: int
    name: str
    email: str
    language: str
    period: str  # the local date, ISO
    entries: list[Entry]
    links: dict[str, str] = field(default_factory=dict)

    @property
    def day(self) -> date:
        return date.fromisoformat(self.period)

    @property
    def is_empty(self) -> bool:
        return not self.entries

    def sections(self) -> dict[str, object]:
        """What the Digest row records: the calls reminded and the deadline each reminder was about."""
        return {
            "reminders": [e.call.id for e in self.entries],
            "deadlines": {e.call.id: deadline_key(e.call.deadline) for e in self.entries if e.call.deadline},
        }


def told_before(session: Session, member_id: int, before: datetime) -> set[str]:
    """Call ids shown to the member in member digests composed before `before` (failed ones never reached them)."""
    rows = session.scalars(
        select(Digest).where(
            Digest.kind == "member",
            Digest.member_id == member_id,
            Digest.state != "failed",
            Digest.composed_at < before,
        )
    )
    told: set[str] = set()
    for digest in rows:
        sections = digest.sections or {}
        if not sections:  # a row without sections: its call_ids are what it told
            told.update(i for i in digest.call_ids or [] if isinstance(i, str))
        for name in TOLD_SECTIONS:
            told.update(i for i in sections.get(name, []) if isinstance(i, str))
    return told


def reminded_before(session: Session, member_id: int, period: str) -> dict[str, set[str]]:
    """Call id → the deadlines (UTC ISO) earlier reminder emails of the member were about."""
    rows = session.scalars(
        select(Digest).where(
            Digest.kind == KIND,
            Digest.member_id == member_id,
            Digest.state != "failed",
            Digest.period < period,  # ISO dates sort as text
        )
    )
    reminded: dict[str, set[str]] = defaultdict(set)
    for digest in rows:
        deadlines = (digest.sections or {}).get("deadlines", {})
        if isinstance(deadlines, dict):
            for call_id, deadline in deadlines.items():
                if isinstance(deadline, str):
                    reminded[str(call_id)].add(deadline)
    return reminded


def compose_reminder(
    session: Session, member: Member, config: Config, now: datetime, links: LinkMaker
) -> ReminderContent:
    """The member's reminder email for the day of `now` (possibly empty); reads the store, writes nothing."""
    tz = config.timezone
    lang = member_language(member.language)
    period = reminder_period(now, tz)
    told = told_before(session, member.id, start_of_day(now, tz))
    reminded = reminded_before(session, member.id, period) if told else {}

    entries: list[Entry] = []
    for match, call in visible_matches(session, member, config):
        if call.id not in told or not is_open(call, now):
            continue
        entry = _entry(match, call, now, tz, links, member.id)
        deadline, left = entry.call.deadline, entry.call.days_left
        if deadline is None or left is None or not 0 <= left <= config.reminder_days:
            continue
        earlier = reminded.get(call.id, set())
        if deadline_key(deadline) in earlier:
            continue
        entry.changes = _moved(earlier, call.deadlines or [], deadline, lang, now, tz)
        entries.append(entry)

    return ReminderContent(
        member_id=member.id,
        name=member.name,
        email=member.email,
        language=lang,
        period=period,
        entries=sorted(entries, key=_sort_key),
        links=links.member_links(member.id),
    )


def _moved(earlier: set[str], deadlines: list[str], deadline: datetime, lang: str, now: datetime, tz: str) -> list[str]:
    """A "deadline moved from … to …" notice when the member was reminded of a deadline the call no longer has.

    A reminded deadline the call still lists is a passed stage of a multi-stage call: the next stage is news of
    its own, not a move.
    """
    current = {deadline_key(d) for d in (parse_iso(v) for v in deadlines if isinstance(v, str)) if d is not None}
    gone = sorted(d for d in earlier if d not in current)
    if not gone:
        return []
    return describe("deadlines", [gone[-1]], [deadline.isoformat()], lang, now, tz)
