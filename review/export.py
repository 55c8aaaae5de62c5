"""The approved shortlist: as CSV for a spreadsheet, and as newsletter HTML ready to forward.

The shortlist is every call with at least one approved match, not marked irrelevant, still worth applying to:
not closed or cancelled and its deadline not passed (a call without a known deadline stays in).
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from digests.formatting import format_deadline, format_money, format_percent
from store.base import utcnow
from store.models import Call, CallNote, Member, MemberMatch, PillarScore, User

# Spreadsheet programs run a cell starting with these as a formula: scraped titles must stay text.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

CSV_COLUMNS = (
    "call_id", "title", "url", "funder", "programme", "call_code", "status", "next_deadline", "budget_total",
    "grant_max", "funding_rate_max", "applicants", "pillars", "members", "notes", "approved_by", "approved_at",
)  # fmt: skip


@dataclass
class ShortlistItem:
    call: Call
    members: list[tuple[Member, float, bool]]  # member, score, routed
    pillars: list[str]  # best first
    notes: list[str]
    approved_by: list[str]
    approved_at: datetime | None


def load_shortlist(session: Session, pillar_min: float, now: datetime | None = None) -> list[ShortlistItem]:
    """The approved shortlist, soonest deadline first (calls without a deadline last)."""
    now = now or utcnow()
    rows = session.execute(
        select(MemberMatch, Call, Member, User.email)
        .join(Call, Call.id == MemberMatch.call_id)
        .join(Member, Member.id == MemberMatch.member_id)
        .outerjoin(User, User.id == MemberMatch.reviewed_by)
        .where(
            MemberMatch.review_state == "approved",
            Call.irrelevant.is_(False),
            Call.status.not_in(("closed", "cancelled")),
            or_(Call.next_deadline.is_(None), Call.next_deadline >= now),
        )
        .order_by(Call.next_deadline.is_(None), Call.next_deadline, Call.id, MemberMatch.score.desc())
    ).all()
    items: dict[str, ShortlistItem] = {}
    for match, call, member, reviewer in rows:
        item = items.get(call.id)
        if item is None:
            item = items[call.id] = ShortlistItem(call, [], [], [], [], None)
        item.members.append((member, match.score, match.routed))
        if reviewer and reviewer not in item.approved_by:
            item.approved_by.append(reviewer)
        if match.reviewed_at and (item.approved_at is None or match.reviewed_at > item.approved_at):
            item.approved_at = match.reviewed_at
    if not items:
        return []
    ids = list(items)
    for call_id, pillar in session.execute(
        select(PillarScore.call_id, PillarScore.pillar)
        .where(PillarScore.call_id.in_(ids), PillarScore.score >= pillar_min)
        .order_by(PillarScore.score.desc(), PillarScore.pillar)
    ):
        items[call_id].pillars.append(pillar)
    for call_id, text in session.execute(
        select(CallNote.call_id, CallNote.text).where(CallNote.call_id.in_(ids)).order_by(CallNote.created_at)
    ):
        items[call_id].notes.append(text)
    return list(items.values())


def csv_cell(value: Any) -> str:
    """A value as CSV text that a spreadsheet shows verbatim (formula-looking text gets a leading quote)."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def _money_plain(money: Any) -> str:
    if not isinstance(money, dict) or money.get("amount") is None:
        return ""
    return f"{money.get('amount')} {money.get('currency') or ''}".strip()


def shortlist_csv(items: Sequence[ShortlistItem]) -> str:
    """The shortlist as CSV (UTF-8, header row), one row per call; machine-readable values (ISO dates)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for item in items:
        call = item.call
        row = [
            call.id, call.title, call.url, call.funder, call.programme, call.call_code, call.status,
            call.next_deadline.isoformat() if call.next_deadline else "",
            _money_plain(call.budget_total), _money_plain(call.grant_max),
            "" if call.funding_rate_max is None else call.funding_rate_max,
            ";".join(call.applicants or []),
            ";".join(item.pillars),
            "; ".join(f"{m.name} <{m.email}> ({score:.2f}{', routed' if routed else ''})"
                      for m, score, routed in item.members),
            " | ".join(item.notes),
            ";".join(item.approved_by),
            item.approved_at.isoformat() if item.approved_at else "",
        ]  # fmt: skip
        writer.writerow([csv_cell(v) for v in row])
    return out.getvalue()


def group_by_pillar(
    items: Sequence[ShortlistItem], pillar_order: Sequence[str]
) -> list[tuple[str | None, list[ShortlistItem]]]:
    """Items under their best pillar, pillars in the given order, calls without a pillar last (None)."""
    groups: dict[str | None, list[ShortlistItem]] = defaultdict(list)
    for item in items:
        groups[item.pillars[0] if item.pillars else None].append(item)
    ordered: list[tuple[str | None, list[ShortlistItem]]] = [(p, groups[p]) for p in pillar_order if p in groups]
    ordered += [(p, groups[p]) for p in sorted(k for k in groups if k is not None and k not in pillar_order)]
    if None in groups:
        ordered.append((None, groups[None]))
    return ordered


def money_lines(call: Call, lang: str) -> list[str]:
    """Human-readable money facts of a call, in the newsletter's language."""
    labels = {
        "cs": ("Alokace", "Podpora na projekt", "Míra podpory až"),
        "en": ("Budget", "Grant per project", "Funding rate up to"),
    }[lang]
    lines = []
    total = format_money(call.budget_total, lang)
    if total:
        lines.append(f"{labels[0]}: {total}")
    low, high = format_money(call.grant_min, lang), format_money(call.grant_max, lang)
    if low or high:
        lines.append(f"{labels[1]}: {' – '.join(v for v in (low, high) if v)}")
    rate = format_percent(call.funding_rate_max, lang)
    if rate:
        lines.append(f"{labels[2]}: {rate}")
    return lines


def deadline_text(call: Call, lang: str, tz: str) -> str | None:
    return format_deadline(call.next_deadline, lang, tz) if call.next_deadline else None
