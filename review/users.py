"""Manager accounts: create, change password, authenticate. Used by `grantradar users` and the login page."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from review.security import hash_password, password_problem, verify_password
from store.base import utcnow
from store.members import EMAIL_RE
from store.models import User


class AccountError(ValueError):
    """The account cannot be created or changed; the message says why in one line."""


def normalise_email(email: str) -> str:
    return email.strip().lower()


def find_user(session: Session, email: str) -> User | None:
    return session.scalars(select(User).where(func.lower(User.email) == normalise_email(email))).first()


def add_user(session: Session, email: str, password: str, replace: bool = False) -> tuple[User, bool]:
    """Create a manager account, or with `replace` set a new password on an existing one.

    Returns (user, created). The caller commits.
    """
    email = normalise_email(email)
    if not EMAIL_RE.match(email):
        raise AccountError(f"{email!r} is not an e-mail address")
    problem = password_problem(password)
    if problem:
        raise AccountError(problem)
    user = find_user(session, email)
    if user is not None and not replace:
        raise AccountError(f"user {email} already exists (use --reset-password to set a new password)")
    created = user is None
    if user is None:
        user = User(email=email, password_hash="")
        session.add(user)
    user.password_hash = hash_password(password)
    session.flush()
    return user, created


def authenticate(session: Session, email: str, password: str) -> User | None:
    """The user when e-mail and password match; records the login time. The caller commits."""
    user = find_user(session, email) if email else None
    if not verify_password(user.password_hash if user else None, password):
        return None
    assert user is not None
    user.last_login_at = utcnow()
    return user


def list_users(session: Session) -> list[User]:
    return list(session.scalars(select(User).order_by(User.email)))
