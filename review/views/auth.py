"""Log in and log out. Failed attempts are throttled per client address and e-mail."""

from __future__ import annotations

import threading
import time
from collections import deque
from typing import Any

from flask import Blueprint, abort, flash, g, redirect, render_template, request, session, url_for

from review.app import db
from review.security import safe_next, session_binding
from review.users import authenticate

bp = Blueprint("auth", __name__)

MAX_FAILURES = 10
FAILURE_WINDOW = 15 * 60.0


class Throttle:
    """At most MAX_FAILURES failed log-ins per (address, e-mail) within FAILURE_WINDOW seconds.

    In memory, per process: enough against password guessing through one app server; a restart resets it.
    """

    def __init__(self) -> None:
        self._failures: dict[tuple[str, str], deque[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, key: tuple[str, str], now: float) -> deque[float]:
        times = self._failures.setdefault(key, deque())
        while times and now - times[0] > FAILURE_WINDOW:
            times.popleft()
        return times

    def blocked(self, key: tuple[str, str]) -> bool:
        with self._lock:
            return len(self._recent(key, time.monotonic())) >= MAX_FAILURES

    def fail(self, key: tuple[str, str]) -> None:
        with self._lock:
            self._recent(key, time.monotonic()).append(time.monotonic())

    def clear(self, key: tuple[str, str]) -> None:
        with self._lock:
            self._failures.pop(key, None)


throttle = Throttle()


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
        if throttle.blocked(key):
            abort(429)
        user = authenticate(db(), email, password)
        if user is None:
            throttle.fail(key)
            error = "The e-mail or the password is wrong."
        else:
            throttle.clear(key)
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
