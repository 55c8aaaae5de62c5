"""Review actions on the store (SQLite and PostgreSQL): state, audit trail and feedback for the matcher."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine, select

from review import actions
from store.db import session_scope
from store.models import Call, CallNote, Feedback, Member, MemberMatch, ReviewAction, User
from tests.test_review_support import seed


def _user(s: object) -> User:
    return s.scalars(select(User)).one()  # type: ignore[attr-defined, no-any-return]


def test_approve_sets_state_reviewer_audit_and_feedback(engine: Engine) -> None:
    seeded = seed(engine)
    with session_scope(engine) as s:
        actions.review_match(s, seeded.match_ids["laser"], "approve", _user(s))
    with session_scope(engine) as s:
        match = s.get(MemberMatch, seeded.match_ids["laser"])
        assert match is not None
        assert match.review_state == "approved"
        assert match.reviewed_by == seeded.user_id
        assert match.reviewed_at is not None
        (action,) = s.scalars(select(ReviewAction)).all()
        assert (action.action, action.user_id, action.call_id, action.member_id) == (
            "approve", seeded.user_id, "tacr:SS07", seeded.member_ids["laser"],
        )  # fmt: skip
        (fb,) = s.scalars(select(Feedback)).all()
        assert (fb.verdict, fb.origin, fb.member_id) == ("relevant", "manager", seeded.member_ids["laser"])


def test_reject_after_approve_leaves_one_manager_feedback_saying_not_relevant(engine: Engine) -> None:
    seeded = seed(engine)
    with session_scope(engine) as s:
        actions.review_match(s, seeded.match_ids["nv"], "approve", _user(s))
    with session_scope(engine) as s:
        actions.review_match(s, seeded.match_ids["nv"], "reject", _user(s))
    with session_scope(engine) as s:
        assert s.get(MemberMatch, seeded.match_ids["nv"]).review_state == "rejected"  # type: ignore[union-attr]
        feedback = s.scalars(select(Feedback)).all()
        assert [(f.verdict, f.origin) for f in feedback] == [("not_relevant", "manager")]
        assert [a.action for a in s.scalars(select(ReviewAction).order_by(ReviewAction.id))] == ["approve", "reject"]


def test_unknown_match_or_decision_is_an_action_error(engine: Engine) -> None:
    seed(engine)
    with session_scope(engine) as s:
        with pytest.raises(actions.ActionError, match="no match"):
            actions.review_match(s, 99999, "approve", _user(s))
        with pytest.raises(actions.ActionError, match="unknown decision"):
            actions.review_match(s, 1, "delete", _user(s))


def test_route_creates_approved_routed_matches_and_approves_existing_ones(engine: Engine) -> None:
    seeded = seed(engine)
    micro, optron = seeded.member_ids["micro"], seeded.member_ids["optron"]
    with session_scope(engine) as s:
        touched = actions.route_call(s, "tacr:SS07", [micro, optron, micro], _user(s))
        assert len(touched) == 2
    with session_scope(engine) as s:
        rows = {m.member_id: m for m in s.scalars(select(MemberMatch).where(MemberMatch.call_id == "tacr:SS07"))}
        assert rows[micro].routed and rows[micro].review_state == "approved" and rows[micro].score == 0.0
        # The member the matcher had proposed keeps its score and explanation, now approved and routed.
        assert rows[optron].routed and rows[optron].review_state == "approved" and rows[optron].score == 0.27
        assert rows[optron].explanation["terms"] == ["optika"]
        assert rows[seeded.member_ids["laser"]].review_state == "pending"
        verdicts = {(f.member_id, f.verdict) for f in s.scalars(select(Feedback))}
        assert verdicts == {(micro, "relevant"), (optron, "relevant")}
        assert sorted(a.member_id for a in s.scalars(select(ReviewAction).where(ReviewAction.action == "route"))) == (
            sorted([micro, optron])
        )


def test_route_refuses_unknown_members_and_empty_choice(engine: Engine) -> None:
    seed(engine)
    with session_scope(engine) as s:
        with pytest.raises(actions.ActionError, match="no member with id 4242"):
            actions.route_call(s, "tacr:SS07", [4242], _user(s))
        with pytest.raises(actions.ActionError, match="at least one member"):
            actions.route_call(s, "tacr:SS07", [], _user(s))
        with pytest.raises(actions.ActionError, match="no call"):
            actions.route_call(s, "nope:1", [1], _user(s))


def test_annotate_and_irrelevant_are_recorded_with_who_and_when(engine: Engine) -> None:
    seeded = seed(engine)
    with session_scope(engine) as s:
        actions.annotate_call(
            s, "sedia:EDF-2026-NV", "  Cluster coordinates a consortium; contact J. Novák  ", _user(s)
        )
        actions.set_irrelevant(s, "jmk:old", True, _user(s))
        with pytest.raises(actions.ActionError, match="empty"):
            actions.annotate_call(s, "sedia:EDF-2026-NV", "   ", _user(s))
    with session_scope(engine) as s:
        (note,) = s.scalars(select(CallNote)).all()
        assert note.text == "Cluster coordinates a consortium; contact J. Novák"
        assert note.user_id == seeded.user_id
        assert s.get(Call, "jmk:old").irrelevant is True  # type: ignore[union-attr]
        got = [(a.action, a.call_id, a.user_id) for a in s.scalars(select(ReviewAction).order_by(ReviewAction.id))]
        assert got == [
            ("annotate", "sedia:EDF-2026-NV", seeded.user_id),
            ("irrelevant", "jmk:old", seeded.user_id),
        ]
        assert all(a.created_at is not None for a in s.scalars(select(ReviewAction)))
    with session_scope(engine) as s:
        actions.set_irrelevant(s, "jmk:old", False, _user(s))
    with session_scope(engine) as s:
        assert s.get(Call, "jmk:old").irrelevant is False  # type: ignore[union-attr]


def test_member_links_unsubscribe_once_and_feedback_is_updated_not_duplicated(engine: Engine) -> None:
    seeded = seed(engine)
    laser = seeded.member_ids["laser"]
    with session_scope(engine) as s:
        member = s.get(Member, laser)
        assert member is not None
        assert actions.unsubscribe_member(s, member) is True
        assert actions.unsubscribe_member(s, member) is False
        actions.member_feedback(s, member, "tacr:SS07", "relevant")
    with session_scope(engine) as s:
        member = s.get(Member, laser)
        assert member is not None and member.unsubscribed_at is not None and member.digest == "off"
        actions.member_feedback(s, member, "tacr:SS07", "not_relevant")
    with session_scope(engine) as s:
        feedback = s.scalars(select(Feedback)).all()
        assert [(f.member_id, f.verdict, f.origin) for f in feedback] == [(laser, "not_relevant", "member")]
        audit = [(a.action, a.user_id) for a in s.scalars(select(ReviewAction).order_by(ReviewAction.id))]
        assert audit == [("unsubscribe", None), ("member_relevant", None), ("member_not_relevant", None)]
