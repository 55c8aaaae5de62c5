"""Log in and log out. Failed attempts are throttled per client address and e-mail."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, flash, g, redirect, render_template, request, session, url_for

from review.app import db, state
from review.security import safe_next, session_binding
from review.users import authenticate

bp = Blueprint("auth", __name__)


@bp.route("/login", methods=["GET", "POST"])
def login() -> Any:
    target = safe_next(request.values.get("next"), url_for("calls.inbox"))
    if g.get("user") is not None:
        return redirect(target)
    error = None
    email = ""
    if request.method == "POST":
        email = (request.form.get("email") or "").strip()
        password = request.form.get("password") or ""
        key = (request.remote_addr or "", email.lower())
        if state().throttle.blocked(key):
            abort(429)
        user = authenticate(db(), email, password)
        if user is None:
            state().throttle.fail(key)
            error = "The e-mail or the password is wrong."
        else:
            state().throttle.clear(key)
            db().commit()
            # A fresh session on login: nothing from the anonymous session (or a planted one) carries over.
            session.clear()
            session.permanent = True
            session["uid"] = user.id
            session["pwb"] = session_binding(user.password_hash)
            return redirect(target)
    status = 401 if error else 200
    return render_template("login.html", error=error, email=email, next=target), status


@bp.post("/logout")
def logout() -> Any:
    session.clear()
    flash("You are logged out.")
    return redirect(url_for("auth.login"))
