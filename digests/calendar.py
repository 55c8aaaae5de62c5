"""A member's deadlines as an iCalendar file (RFC 5545): one event per deadline of each call they may be told about.

Served by the review app at `/feeds/<token>.ics`; written to the outbox by `run_digests` until then. A deadline given
as a date only (stored as 23:59:59 Prague time) becomes an all-day event on that day; a deadline with a time is an
event at that time. Each event carries a reminder a week before. Text values are escaped as the RFC says (a title
with a newline or `;` cannot add properties), lines are folded at 75 octets, line ends are CRLF.
"""

from __future__ import annotations

import hashlib
import re
from datetime import UTC, datetime, timedelta

from sqlalchemy.orm import Session

from digests.compose import visible_matches
from digests.formatting import is_date_only, local
from digests.i18n import member_language, translator
from digests.links import safe_url, tag_domain
from grantradar.config import Config
from store.base import utcnow
from store.calls import parse_iso
from store.models import Call, Member, MemberMatch

# Deadlines that passed more than this long ago are dropped from the calendar.
KEEP_PAST = timedelta(days=30)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def escape_text(value: object) -> str:
    """An RFC 5545 TEXT value: backslash, semicolon, comma and newlines escaped, other controls dropped."""
    text = str(value or "").replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text)
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def fold(line: str) -> str:
    """Fold a content line at 75 octets without splitting a UTF-8 character (continuation lines start with a
    space)."""
    out: list[str] = []
    current = ""
    size = 0
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > 75:
            out.append(current)
            current, size = " ", 1
        current += char
        size += width
    out.append(current)
    return "\r\n".join(out)


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def build_calendar(events: list[dict[str, object]], name: str, now: datetime, tz: str = "Europe/Prague") -> str:
    """Serialise events (`uid`, `summary`, `description`, `url`, `start`, `all_day`) as a VCALENDAR."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Czech Optical Cluster//grantradar//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(name)}",
    ]
    for event in events:
        start = event["start"]
        assert isinstance(start, datetime)
        lines += ["BEGIN:VEVENT", f"UID:{event['uid']}", f"DTSTAMP:{_stamp(now)}"]
        if event["all_day"]:
            day = local(start, tz).date()
            lines.append(f"DTSTART;VALUE=DATE:{day:%Y%m%d}")
            lines.append(f"DTEND;VALUE=DATE:{day + timedelta(days=1):%Y%m%d}")
        else:
            lines.append(f"DTSTART:{_stamp(start)}")
        lines.append(f"SUMMARY:{escape_text(event['summary'])}")
        if event.get("description"):
            lines.append(f"DESCRIPTION:{escape_text(event['description'])}")
        if event.get("url"):
            lines.append(f"URL:{event['url']}")
        lines += [
            "TRANSP:TRANSPARENT",
            "BEGIN:VALARM",
            "ACTION:DISPLAY",
            "TRIGGER:-P7D",
            f"DESCRIPTION:{escape_text(event['summary'])}",
            "END:VALARM",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)


def member_calendar(
    session: Session,
    member: Member,
    config: Config,
    now: datetime | None = None,
    matches: list[tuple[MemberMatch, Call]] | None = None,
) -> str:
    """The .ics text of the member's matched deadlines (the same calls the digests may tell them about)."""
    now = now or utcnow()
    lang = member_language(member.language)
    t = translator(lang)
    domain = tag_domain(config.mail_from)
    events: list[dict[str, object]] = []
    for _match, call in matches if matches is not None else visible_matches(session, member, config):
        if call.status == "cancelled":
            continue
        deadlines = sorted(d for d in (parse_iso(v) for v in call.deadlines or [] if isinstance(v, str)) if d)
        for index, deadline in enumerate(deadlines):
            if deadline < now - KEEP_PAST:
                continue
            uid_hash = hashlib.sha256(f"{call.id}\n{index}".encode()).hexdigest()[:24]
            description = " · ".join(x for x in (call.funder, call.programme, call.call_code) if x)
            events.append(
                {
                    "uid": f"{uid_hash}.{member.id}@{domain}",
                    "summary": f"{t('deadline')}: {call.title}",
                    "description": description,
                    "url": safe_url(call.url),
                    "start": deadline,
                    "all_day": is_date_only(local(deadline, config.timezone)),
                }
            )
    events.sort(key=lambda e: (e["start"], e["uid"]))  # type: ignore[arg-type,return-value]
    return build_calendar(events, f"grantradar · {member.name}", now, config.timezone)
