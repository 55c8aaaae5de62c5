"""What the manager (and a member through an emailed link) can change, as plain functions over a session.

Every function records a ReviewAction (who, what, when) and, where it says something about relevance, a
Feedback row the matcher learns from. The caller commits, so one request is one transaction.

Feedback rules, chosen so that the matcher's reading of Feedback stays simple:
- the manager has at most one Feedback per (call, member) (origin "manager"): approving after a rejection
  turns the earlier "not_relevant" into "relevant" instead of leaving a contradiction the matcher would obey
  (a not_relevant feedback means "never propose again");
- a member likewise has one (origin "member"), updated by a later click;
- "irrelevant for everyone" is the Call.irrelevant flag (the matcher skips such calls): it adds no per-member
  feedback, because it says the call is out of scope, not that these members' interests changed.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from store.base import utcnow
from store.models import Call, CallNote, Feedback, Member, MemberMatch, ReviewAction, User

VERDICTS = ("relevant", "not_relevant")
MAX_NOTE_LENGTH = 4000


class ActionError(ValueError):
    """The action cannot be done (unknown call or match, empty note...); the message is shown to the user."""


def _record(
    session: Session,
    user: User | None,  # None: a member acting through a signed link
    action: str,
    call_id: str | None = None,
    member_id: int | None = None,
    note: str | None = None,
    now: datetime | None = None,
) -> ReviewAction:
    row = ReviewAction(
        user_id=user.id if user else None,
        action=action,
        call_id=call_id,
        member_id=member_id,
        note=note,
        created_at=now or utcnow(),
    )
    session.add(row)
    return row


def set_feedback(
    session: Session, call_id: str, member_id: int, verdict: str, origin: str, now: datetime | None = None
) -> Feedback:
    """The one Feedback of this origin for (call, member), created or updated to `verdict`."""
    if verdict not in VERDICTS:
        raise ActionError(f"unknown verdict {verdict!r}")
    row = session.scalars(
        select(Feedback).where(Feedback.call_id == call_id, Feedback.member_id == member_id, Feedback.origin == origin)
    ).first()
    if row is None:
        row = Feedback(call_id=call_id, member_id=member_id, origin=origin, verdict=verdict)
        session.add(row)
    row.verdict = verdict
    row.created_at = now or utcnow()
    return row


def _get_call(session: Session, call_id: str) -> Call:
    call = session.get(Call, call_id)
    if call is None:
        raise ActionError(f"no call {call_id!r}")
    return call


def review_match(
    session: Session, match_id: int, decision: str, user: User, now: datetime | None = None
) -> MemberMatch:
    """Approve or reject one match: state, reviewer, audit row and the manager's feedback."""
    if decision not in {"approve", "reject"}:
        raise ActionError(f"unknown decision {decision!r}")
    match = session.get(MemberMatch, match_id)
    if match is None:
        raise ActionError(f"no match #{match_id} (it may have been removed by a newer match run)")
    now = now or utcnow()
    match.review_state = "approved" if decision == "approve" else "rejected"
    match.reviewed_at = now
    match.reviewed_by = user.id
    _record(session, user, decision, match.call_id, match.member_id, now=now)
    set_feedback(
        session,
        match.call_id,
        match.member_id,
        "relevant" if decision == "approve" else "not_relevant",
        "manager",
        now,
    )
    return match


def annotate_call(session: Session, call_id: str, text: str, user: User, now: datetime | None = None) -> CallNote:
    """Add the manager's note to a call ("cluster coordinates a consortium", a contact)."""
    text = text.strip()
    if not text:
        raise ActionError("the note is empty")
    if len(text) > MAX_NOTE_LENGTH:
        raise ActionError(f"the note is longer than {MAX_NOTE_LENGTH} characters")
    _get_call(session, call_id)
    now = now or utcnow()
    note = CallNote(call_id=call_id, user_id=user.id, text=text, created_at=now)
    session.add(note)
    _record(session, user, "annotate", call_id, note=text, now=now)
    return note


def route_call(
    session: Session, call_id: str, member_ids: Iterable[int], user: User, now: datetime | None = None
) -> list[MemberMatch]:
    """Send a call to more members (e.g. a consortium): approved, routed matches plus 'relevant' feedback.

    A member the call already matched gets that match approved (and marked routed) instead of a second row.
    Returns the matches touched.
    """
    call = _get_call(session, call_id)
    ids = sorted({int(m) for m in member_ids})
    if not ids:
        raise ActionError("choose at least one member to route the call to")
    members = {m.id: m for m in session.scalars(select(Member).where(Member.id.in_(ids)))}
    unknown = [m for m in ids if m not in members]
    if unknown:
        raise ActionError(f"no member with id {', '.join(map(str, unknown))}")
    now = now or utcnow()
    existing = {
        m.member_id: m
        for m in session.scalars(
            select(MemberMatch).where(MemberMatch.call_id == call.id, MemberMatch.member_id.in_(ids))
        )
    }
    touched: list[MemberMatch] = []
    for member_id in ids:
        match = existing.get(member_id)
        if match is None:
            # The matcher did not propose it, so there is no score of its own: 0 keeps "score" honest.
            match = MemberMatch(
                call_id=call.id,
                member_id=member_id,
                score=0.0,
                explanation={"terms": [], "pillars": [], "checks": [], "score_parts": {}, "routed_by": user.email},
                eligible=True,
                created_at=now,
            )
            session.add(match)
        match.routed = True
        match.review_state = "approved"
        match.reviewed_at = now
        match.reviewed_by = user.id
        _record(session, user, "route", call.id, member_id, now=now)
        set_feedback(session, call.id, member_id, "relevant", "manager", now)
        touched.append(match)
    session.flush()
    return touched


def set_irrelevant(session: Session, call_id: str, irrelevant: bool, user: User, now: datetime | None = None) -> Call:
    """Mark a call irrelevant for everyone (never proposed again), or undo that."""
    call = _get_call(session, call_id)
    call.irrelevant = irrelevant
    _record(session, user, "irrelevant" if irrelevant else "relevant_again", call.id, now=now)
    return call


def unsubscribe_member(session: Session, member: Member, now: datetime | None = None) -> bool:
    """Stop the member's digests (from the emailed link). Returns False when already unsubscribed."""
    if member.unsubscribed_at is not None and member.digest == "off":
        return False
    now = now or utcnow()
    member.unsubscribed_at = member.unsubscribed_at or now
    member.digest = "off"
    _record(session, None, "unsubscribe", member_id=member.id, now=now)
    return True


def member_feedback(
    session: Session, member: Member, call_id: str, verdict: str, now: datetime | None = None
) -> Feedback:
    """A member's 'relevant' / 'not relevant' click, recorded for the matcher and in the audit trail."""
    _get_call(session, call_id)
    now = now or utcnow()
    row = set_feedback(session, call_id, member.id, verdict, "member", now)
    _record(session, None, f"member_{verdict}", call_id, member.id, now=now)
    return row


def record_member_edit(session: Session, member: Member, user: User, what: str, now: datetime | None = None) -> None:
    _record(session, user, what, member_id=member.id, note=member.email, now=now)


def record_member_edit_bulk(
    session: Session, user: User, filename: str, added: int, updated: int, now: datetime | None = None
) -> None:
    _record(session, user, "import_members", note=f"{filename}: {added} added, {updated} updated", now=now)
