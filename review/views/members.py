"""Members: list, add and edit profiles, import a members file, export, preview the next digest."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, abort, flash, g, redirect, render_template, request, url_for
from sqlalchemy import case, func, select

from review import actions
from review.app import db, state
from review.inbox import like_pattern
from review.memberform import form_values, parse_member_form
from review.security import PREVIEW_CSP, login_required
from store.base import utcnow
from store.members import APPLICANT_TYPES, MembersFileError, export_members, import_members, parse_members
from store.models import Member, MemberMatch

bp = Blueprint("members", __name__, url_prefix="/members")


@bp.get("")
@login_required
def index() -> Any:
    q = " ".join((request.args.get("q") or "").split())[:200]
    counts = (
        select(
            MemberMatch.member_id.label("member_id"),
            func.sum(case((MemberMatch.review_state == "approved", 1), else_=0)).label("approved"),
            func.sum(case((MemberMatch.review_state == "pending", 1), else_=0)).label("pending"),
        )
        .group_by(MemberMatch.member_id)
        .subquery()
    )
    stmt = (
        select(Member, counts.c.approved, counts.c.pending)
        .outerjoin(counts, counts.c.member_id == Member.id)
        .order_by(func.lower(Member.name), Member.id)
    )
    if q:
        pattern = like_pattern(q)
        stmt = stmt.where(Member.name.ilike(pattern, escape="\\") | Member.email.ilike(pattern, escape="\\"))
    rows = db().execute(stmt).all()
    return render_template("members.html", rows=rows, q=q, pillar_names=_pillar_names())


def _pillar_names() -> dict[str, str]:
    return {p.slug: p.name_en for p in state().pillars}


def _get_member(member_id: int) -> Member:
    member = db().get(Member, member_id)
    if member is None:
        abort(404)
    return member


def _edit(member: Member | None) -> Any:
    pillars = state().pillars
    errors: dict[str, str] = {}
    values: Any = (
        form_values(member)
        if member
        else {"language": "cs", "digest": "weekly", "pillars": [], "applicant_types": [], "keywords": []}
    )
    if request.method == "POST":
        values, errors = parse_member_form(request.form, [p.slug for p in pillars])
        clash = db().scalars(select(Member).where(Member.email == values["email"])).first()
        if clash is not None and clash is not member:
            errors["email"] = f"Another member ({clash.name}) has this e-mail."
        if not errors:
            created = member is None
            if member is None:
                member = Member(email=values["email"])
                db().add(member)
            for key, value in values.items():
                setattr(member, key, value)
            if request.form.get("resubscribe") == "1":
                member.unsubscribed_at = None
            # Profile changes make the matcher re-score everything for this member on its next run.
            member.updated_at = utcnow()
            db().flush()
            actions.record_member_edit(db(), member, g.user, "add_member" if created else "edit_member")
            db().commit()
            flash(f"Member {member.name} {'added' if created else 'saved'}.")
            return redirect(url_for("members.index"))
        db().rollback()
    status = 422 if errors else 200
    return (
        render_template(
            "member_edit.html",
            member=member,
            v=values,
            errors=errors,
            pillars=pillars,
            applicant_types=APPLICANT_TYPES,
        ),
        status,
    )


@bp.route("/new", methods=["GET", "POST"])
@login_required
def new() -> Any:
    return _edit(None)


@bp.route("/<int:member_id>/edit", methods=["GET", "POST"])
@login_required
def edit(member_id: int) -> Any:
    return _edit(_get_member(member_id))


@bp.route("/import", methods=["GET", "POST"])
@login_required
def import_file() -> Any:
    errors: list[tuple[int, str]] = []
    filename = None
    if request.method == "POST":
        upload = request.files.get("file")
        filename = upload.filename if upload and upload.filename else None
        if upload is None or not filename:
            errors = [(0, "Choose a .csv or .yaml file to import.")]
        else:
            try:
                text = upload.read().decode("utf-8")
            except UnicodeDecodeError as exc:
                errors = [(0, f"the file is not UTF-8 ({exc.reason} at byte {exc.start})")]
            else:
                try:
                    rows = parse_members(text, filename, [p.slug for p in state().pillars])
                except MembersFileError as exc:
                    errors = exc.errors
                else:
                    added, updated = import_members(db(), rows)
                    actions.record_member_edit_bulk(db(), g.user, filename, added, updated)
                    db().commit()
                    flash(f"Imported {filename}: {added} added, {updated} updated.")
                    return redirect(url_for("members.index"))
    status = 422 if errors else 200
    return render_template("member_import.html", errors=errors, filename=filename), status


@bp.get("/export.csv")
@login_required
def export_csv() -> Any:
    members = db().scalars(select(Member).order_by(Member.email))
    return Response(
        export_members(members),
        mimetype="text/csv",
        headers={"Content-Disposition": 'attachment; filename="members.csv"'},
    )


@bp.get("/<int:member_id>/preview")
@login_required
def preview(member_id: int) -> Any:
    return render_template("member_preview.html", member=_get_member(member_id))


@bp.get("/<int:member_id>/preview.html")
@login_required
def preview_html(member_id: int) -> Any:
    """The member's next digest as the digests component renders it, framed by the preview page."""
    from digests.preview import render_member_preview

    html = render_member_preview(db(), _get_member(member_id), state().config)
    return Response(html, mimetype="text/html", headers={"Content-Security-Policy": PREVIEW_CSP})
