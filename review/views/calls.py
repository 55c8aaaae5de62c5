"""The inbox of matches, one call's page, and the review actions (approve, reject, note, route, irrelevant)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for

from review import actions
from review.app import db, state
from review.inbox import (
    CALL_STATUSES,
    DEADLINE_FILTERS,
    REVIEW_FILTERS,
    SORTS,
    known_sources,
    load_call,
    load_inbox,
    members_for_filter,
    parse_filters,
)
from review.security import login_required, safe_next
from store.models import Member

bp = Blueprint("calls", __name__)


@bp.get("/")
@login_required
def inbox() -> Any:
    session = db()
    pillars = state().pillars
    sources = known_sources(session)
    filters = parse_filters(request.args, [p.slug for p in pillars], sources)
    page = load_inbox(session, filters, state().pillar_min)
    return render_template(
        "inbox.html",
        page=page,
        f=page.filters,
        pillars=pillars,
        pillar_names={p.slug: p.name_en for p in pillars},
        sources=sources,
        members=members_for_filter(session),
        review_filters=REVIEW_FILTERS,
        call_statuses=CALL_STATUSES,
        deadline_filters=DEADLINE_FILTERS,
        sorts=SORTS,
        here=request.full_path.rstrip("?"),
    )


@bp.get("/calls/<path:call_id>")
@login_required
def call_detail(call_id: str) -> Any:
    detail = load_call(db(), call_id, state().pillar_min)
    if detail is None:
        abort(404)
    pillars = state().pillars
    return render_template(
        "call.html",
        d=detail,
        c=detail.view.call,
        pillar_names={p.slug: p.name_en for p in pillars},
        here=request.full_path.rstrip("?"),
    )


def _back(call_id: str | None = None) -> Any:
    default = url_for("calls.call_detail", call_id=call_id) if call_id else url_for("calls.inbox")
    return redirect(safe_next(request.form.get("next"), default))


def _done(message: str, call_id: str | None = None) -> Any:
    db().commit()
    flash(message)
    return _back(call_id)


def _failed(exc: actions.ActionError, call_id: str | None = None) -> Any:
    db().rollback()
    flash(str(exc), "error")
    return _back(call_id)


@bp.post("/matches/<int:match_id>/<any(approve, reject):decision>")
@login_required
def review(match_id: int, decision: str) -> Any:
    try:
        match = actions.review_match(db(), match_id, decision, g.user)
    except actions.ActionError as exc:
        return _failed(exc)
    member = db().get(Member, match.member_id)
    verb = "Approved" if decision == "approve" else "Rejected"
    return _done(f"{verb}: {member.name if member else 'member'} for {match.call_id}.", match.call_id)


@bp.post("/actions/annotate")
@login_required
def annotate() -> Any:
    call_id = request.form.get("call_id", "")
    try:
        actions.annotate_call(db(), call_id, request.form.get("text", ""), g.user)
    except actions.ActionError as exc:
        return _failed(exc, call_id or None)
    return _done("Note added.", call_id)


@bp.post("/actions/route")
@login_required
def route() -> Any:
    call_id = request.form.get("call_id", "")
    raw = request.form.getlist("member_id")
    try:
        ids = [int(v) for v in raw]
    except ValueError:
        return _failed(actions.ActionError("the member choice is not valid"), call_id or None)
    try:
        touched = actions.route_call(db(), call_id, ids, g.user)
    except actions.ActionError as exc:
        return _failed(exc, call_id or None)
    return _done(f"Call routed to {len(touched)} member(s).", call_id)


@bp.post("/actions/irrelevant")
@login_required
def irrelevant() -> Any:
    call_id = request.form.get("call_id", "")
    value = request.form.get("irrelevant") == "1"
    try:
        actions.set_irrelevant(db(), call_id, value, g.user)
    except actions.ActionError as exc:
        return _failed(exc, call_id or None)
    message = "Call marked irrelevant for everyone." if value else "Call is relevant again."
    return _done(message, call_id)
