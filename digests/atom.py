"""A member's matches as an Atom feed (RFC 4287), newest first; served by the review app at `/feeds/<token>.atom`.

Built with ElementTree, which escapes every text; characters XML 1.0 forbids (control characters scraped along
with a title) are removed first, so the feed always parses.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import UTC, datetime

from sqlalchemy.orm import Session

from digests.compose import upcoming_deadline, visible_matches
from digests.formatting import format_deadline, format_money
from digests.i18n import member_language, translator
from digests.links import safe_url, tag_domain
from digests.render import oneline
from grantradar.config import Config
from store.base import utcnow
from store.models import Call, Member, MemberMatch

ATOM_NS = "http://www.w3.org/2005/Atom"
MAX_ENTRIES = 100
_XML_FORBIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(value: object) -> str:
    return _XML_FORBIDDEN.sub("", str(value or ""))


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM_NS}}}{tag}", attrs)
    if text is not None:
        element.text = _clean(text)
    return element


def member_feed(
    session: Session,
    member: Member,
    config: Config,
    now: datetime | None = None,
    matches: list[tuple[MemberMatch, Call]] | None = None,
) -> str:
    """The Atom XML of the member's visible matches."""
    now = now or utcnow()
    lang = member_language(member.language)
    t = translator(lang)
    domain = tag_domain(config.mail_from)
    ET.register_namespace("", ATOM_NS)
    feed = ET.Element(f"{{{ATOM_NS}}}feed")
    _sub(feed, "title", f"grantradar · {oneline(member.name)}")
    _sub(feed, "id", f"tag:{domain},2026:grantradar/member/{member.id}")
    _sub(_sub(feed, "author"), "name", "grantradar")

    rows = []
    for match, call in matches if matches is not None else visible_matches(session, member, config):
        updated = max(d for d in (match.updated_at, match.created_at, call.changed_at) if d is not None)
        rows.append((updated, match, call))
    rows.sort(key=lambda r: (r[0], r[2].id), reverse=True)
    _sub(feed, "updated", _iso(rows[0][0] if rows else now))
    for updated, match, call in rows[:MAX_ENTRIES]:
        entry = _sub(feed, "entry")
        _sub(entry, "title", oneline(call.title))
        _sub(entry, "id", f"tag:{domain},2026:grantradar/member/{member.id}/call/{call.id}")
        _sub(entry, "updated", _iso(updated))
        url = safe_url(call.url)
        if url:
            _sub(entry, "link", rel="alternate", href=url)
        deadline = upcoming_deadline(call.deadlines, now)
        parts = [x for x in (call.funder, call.programme, call.call_code) if x]
        if deadline:
            parts.append(f"{t('deadline')}: {format_deadline(deadline, lang, config.timezone)}")
        money = format_money(call.budget_total, lang)
        if money:
            parts.append(f"{t('budget')}: {money}")
        terms = (match.explanation or {}).get("terms", []) if isinstance(match.explanation, dict) else []
        if terms:
            parts.append(f"{t('why')}: " + ", ".join(str(x) for x in terms[:8]))
        _sub(entry, "summary", oneline(" · ".join(parts)), type="text")
    return ET.tostring(feed, encoding="unicode", xml_declaration=True) + "\n"
