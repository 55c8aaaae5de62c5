"""Sessions, CSRF, login and response headers of the review app.

CSRF: one random token per session (stored in Flask's signed session cookie), sent back in a hidden field of
every form and compared in constant time on every state-changing request. Endpoints whose credential is a
signed token in the URL (one-click unsubscribe per RFC 8058, feedback from an email) are exempted explicitly
with `csrf_exempt`: a forged cross-site POST there can only do what the holder of that link can do anyway.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
import time
from collections import deque
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar
from urllib.parse import urlsplit

from flask import abort, current_app, g, redirect, request, session, url_for
from werkzeug.security import check_password_hash, generate_password_hash

CSRF_FIELD = "csrf_token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# scrypt is werkzeug's default and memory-hard; spelled out so a werkzeug change cannot weaken it silently.
PASSWORD_METHOD = "scrypt"
MIN_PASSWORD_LENGTH = 10
# Checked against when the e-mail is unknown, so a failed login costs the same time either way.
_DUMMY_HASH = generate_password_hash("not a real password", method=PASSWORD_METHOD)

F = TypeVar("F", bound=Callable[..., Any])


def hash_password(password: str) -> str:
    return generate_password_hash(password, method=PASSWORD_METHOD)


def verify_password(password_hash: str | None, password: str) -> bool:
    """True when `password` matches; always does one full hash check (no timing hint for unknown users)."""
    if not password_hash:
        check_password_hash(_DUMMY_HASH, password)
        return False
    return check_password_hash(password_hash, password)


def password_problem(password: str) -> str | None:
    """Why a new password is not acceptable, or None."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return f"the password must have at least {MIN_PASSWORD_LENGTH} characters"
    if password.strip() != password:
        return "the password must not start or end with white space"
    return None


def session_binding(password_hash: str) -> str:
    """A short fingerprint of the password hash kept in the session: changing the password ends old sessions."""
    return hashlib.sha256(password_hash.encode()).hexdigest()[:16]


# --- CSRF -----------------------------------------------------------------------------------------------


def csrf_token() -> str:
    """The session's CSRF token (created on first use); templates call it for every form."""
    token = session.get(CSRF_FIELD)
    if not isinstance(token, str) or len(token) < 32:
        token = secrets.token_urlsafe(32)
        session[CSRF_FIELD] = token
    return token


def csrf_exempt(view: F) -> F:
    """Mark a view whose credential is a signed token in its URL rather than the session."""
    view.csrf_exempt = True  # type: ignore[attr-defined]
    return view


def check_csrf() -> None:
    """before_request hook: every unsafe request carries the session's token, or it is refused (400)."""
    if request.method in SAFE_METHODS:
        return
    view = current_app.view_functions.get(request.endpoint or "")
    if view is not None and getattr(view, "csrf_exempt", False):
        return
    expected = session.get(CSRF_FIELD)
    sent = request.form.get(CSRF_FIELD) or request.headers.get("X-CSRF-Token")
    if not expected or not sent or not hmac.compare_digest(str(expected), str(sent)):
        abort(400, description="csrf")


# --- login ----------------------------------------------------------------------------------------------


def login_required(view: F) -> F:
    """Send anonymous visitors to the login page, remembering where they wanted to go."""

    @wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if g.get("user") is None:
            if request.method in SAFE_METHODS:
                return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
            return redirect(url_for("auth.login"))
        return view(*args, **kwargs)

    return wrapper  # type: ignore[return-value]


def safe_next(target: str | None, default: str) -> str:
    """A redirect target only when it is a path on this site (no scheme, no host, no `//evil`)."""
    if not target:
        return default
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return default
    return target


# --- log-in throttle -------------------------------------------------------------------------------------

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


# --- response headers -------------------------------------------------------------------------------------

# No script at all; styles only from our own stylesheet; forms only to ourselves; never framed by others.
CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
    "frame-src 'self'; frame-ancestors 'none'; base-uri 'none'"
)
# The digest preview is email HTML with inlined styles: shown sandboxed (no script, no forms) in our own frame.
PREVIEW_CSP = "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'"


def security_headers(response: Any) -> Any:
    response.headers.setdefault("Content-Security-Policy", CSP)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    if "frame-ancestors 'self'" in response.headers.get("Content-Security-Policy", ""):
        response.headers.setdefault("X-Frame-Options", "SAMEORIGIN")
    else:
        response.headers.setdefault("X-Frame-Options", "DENY")
    if request.endpoint != "static" and (g.get("user") is not None or request.endpoint == "auth.login"):
        # Pages of a logged-in manager hold member data: not for shared caches or the back button after logout.
        response.headers.setdefault("Cache-Control", "no-store")
    return response
