"""Storing call records: upsert by (source, native_id), one identity per call across sources, change history.

Identity rule (documented in README "One call, several sources"):
1. a record already stored under its (source, native_id) stays with its call;
2. otherwise it joins the call of another source with the same call code (`01_26_015` from ms2021, optak and
   dotaceeu), or failing that with the same public URL (a TA ČR feed entry pointing at the competition page);
3. otherwise it starts a new call whose id is the record's id.

Field rule: for every field, the value of the most specific source that has one wins (SOURCE_PRECEDENCE, the
source's own detail page before aggregators and feeds); empty values never overwrite filled ones.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from sqlalchemy import select
from sqlalchemy.orm import Session

from store.base import utcnow
from store.models import RECORD_FIELDS, Call, CallChange, CallRecord

# Most specific first: a source's own detail page beats an aggregator, which beats a feed entry.
SOURCE_PRECEDENCE: tuple[str, ...] = (
    "optak",
    "tacr",
    "olkraj",
    "jmk",
    "gacr",
    "sedia",
    "dotaceeu",
    "ms2021",
    "feeds",
)


_ESCAPE = re.compile(r"%[0-9a-fA-F]{2}")


# Exact times: MS2021+ gives the closing time to the second ("13:00"), dotaceeu.cz only the day, so for the
# window fields the open-data file outranks the portal page.
FIELD_PRECEDENCE: dict[str, tuple[str, ...]] = {
    name: (*tuple(s for s in SOURCE_PRECEDENCE if s not in {"dotaceeu", "feeds"}), "dotaceeu", "feeds")
    for name in ("opens_at", "deadlines")
}


def _rank(source: str, field: str | None = None) -> int:
    order = FIELD_PRECEDENCE.get(field or "", SOURCE_PRECEDENCE)
    try:
        return order.index(source)
    except ValueError:
        return len(order)


def content_hash(record: dict[str, Any]) -> str:
    """A hash of the record's content fields (not fetched_at), to skip unchanged records cheaply."""
    payload = {name: record.get(name) for name in RECORD_FIELDS}
    return hashlib.sha256(json.dumps(payload, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def normalise_url(url: str) -> str:
    """Scheme and host lower-cased, `www.` and trailing slash dropped, fragment removed; path kept verbatim
    except that percent-escapes are upper-cased (RFC 3986 §6.2.2.1): TA ČR slugs carry `%e2%81%a0`, which a
    page or a URL library may write as `%E2%81%A0`, and both must join the same call."""
    parts = urlsplit(url.strip())
    host = parts.netloc.lower().removeprefix("www.")
    path = _ESCAPE.sub(lambda m: m.group(0).upper(), parts.path.rstrip("/"))
    return urlunsplit(("https", host, path, parts.query, ""))


def url_key(url: str) -> str:
    """The key records are joined by across sources: the normalised URL, cut to the column's 700 characters."""
    return normalise_url(url)[: CallRecord.url_key.type.length]


def parse_iso(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def next_deadline(deadlines: list[str], now: datetime) -> datetime | None:
    """The first deadline not yet passed, else the last one (so closed calls still sort by their end)."""
    parsed = sorted(d for d in (parse_iso(v) for v in deadlines or []) if d is not None)
    for deadline in parsed:
        if deadline >= now:
            return deadline
    return parsed[-1] if parsed else None


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


@dataclass
class UpsertResult:
    call_id: str
    outcome: str  # new, changed, unchanged, joined
    changed_fields: tuple[str, ...] = ()


def _find_call_to_join(session: Session, record: dict[str, Any]) -> Call | None:
    code = record.get("call_code")
    if code:
        call = session.scalars(
            select(Call).where(Call.call_code == code, Call.source != record["source"]).limit(1)
        ).first()
        if call is not None:
            return call
    url = record.get("url")
    if url:
        candidate = session.scalars(
            select(CallRecord).where(CallRecord.url_key == url_key(url), CallRecord.source != record["source"]).limit(1)
        ).first()
        if candidate is not None:
            return candidate.call
    return None


def merged_fields(records: list[CallRecord]) -> dict[str, Any]:
    """Merge the records of one call, field by field, most specific source first."""
    ordered = sorted(records, key=lambda r: (_rank(r.source), r.id or 0))
    merged: dict[str, Any] = {}
    for name in RECORD_FIELDS:
        merged[name] = None
        by_field = sorted(records, key=lambda r: (_rank(r.source, name), r.id or 0))
        for rec in by_field:
            value = rec.data.get(name)
            if not _empty(value):
                merged[name] = value
                break
    if merged["title"] is None:
        merged["title"] = ordered[0].data.get("title", "")
    for name, default in (
        ("description", ""),
        ("deadlines", []),
        ("applicants", []),
        ("documents", []),
        ("keywords", []),
        ("language", "cs"),
        ("funder", ""),
        ("region", "CZ"),
        ("status", "unknown"),
    ):
        if merged[name] is None:
            merged[name] = default
    return merged


def upsert_record(
    session: Session, record: dict[str, Any], run_id: int | None = None, now: datetime | None = None
) -> UpsertResult:
    """Store one call record; the caller commits. Never deletes or closes anything."""
    now = now or utcnow()
    digest = content_hash(record)
    existing = session.scalars(
        select(CallRecord).where(CallRecord.source == record["source"], CallRecord.native_id == record["native_id"])
    ).first()

    if existing is not None:
        existing.last_seen = now
        existing.last_run_id = run_id
        call = existing.call
        call.last_seen = now
        if existing.content_hash == digest:
            return UpsertResult(call.id, "unchanged")
        existing.data = record
        existing.url = record["url"]
        existing.url_key = url_key(record["url"])
        existing.content_hash = digest
        outcome = "changed"
    else:
        call = _find_call_to_join(session, record)
        outcome = "joined" if call is not None else "new"
        if call is None:
            call = Call(
                id=record["id"],
                source=record["source"],
                native_id=record["native_id"],
                url=record["url"],
                title=record["title"],
                fetched_at=record["fetched_at"],
                first_seen=now,
                last_seen=now,
                changed_at=now,
            )
            session.add(call)
        call.last_seen = now
        existing = CallRecord(
            record_id=record["id"],
            source=record["source"],
            native_id=record["native_id"],
            call=call,
            url=record["url"],
            url_key=url_key(record["url"]),
            data=record,
            content_hash=digest,
            first_seen=now,
            last_seen=now,
            last_run_id=run_id,
        )
        session.add(existing)
        session.flush()

    merged = merged_fields(list(call.records))
    winner = min(call.records, key=lambda r: (_rank(r.source), r.id or 0))
    call.source = winner.source
    call.native_id = winner.native_id
    call.fetched_at = record["fetched_at"]
    changed: list[str] = []
    for name, value in merged.items():
        old = getattr(call, name)
        if old != value:
            # A source joining a call teaches us more about it; the call itself did not change, so no history
            # (digests would otherwise announce "changes" that are only a second source's wording).
            if outcome == "changed":
                session.add(
                    CallChange(
                        call_id=call.id,
                        field=name,
                        old_value=old,
                        new_value=value,
                        source=record["source"],
                        changed_at=now,
                    )
                )
            setattr(call, name, value)
            changed.append(name)
    call.next_deadline = next_deadline(call.deadlines, now)
    if changed and outcome != "new":
        call.changed_at = now
    if outcome == "changed" and not changed:
        outcome = "unchanged"
    return UpsertResult(call.id, outcome, tuple(changed) if outcome != "new" else ())
