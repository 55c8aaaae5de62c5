"""Signed tokens for the links in emails: unsubscribe, feedback, personal feeds.

A token carries the member (and the call, for feedback) signed with the installation's secret key and a salt per
purpose, so a feedback token can never be replayed as an unsubscribe token. Tokens are URL-safe and carry their
creation time, so the review app may refuse old ones (`max_age`); unsubscribe links must keep working, so the
caller decides.
"""

from __future__ import annotations

from typing import Any

from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

PURPOSES = frozenset({"unsubscribe", "feedback-relevant", "feedback-not-relevant", "feed"})


class BadToken(ValueError):
    """The token is forged, damaged, expired, or made for another purpose."""


def _serializer(secret: str, purpose: str) -> URLSafeTimedSerializer:
    if not secret:
        raise ValueError("a secret key is required to sign tokens (set GRANTRADAR_SECRET_KEY)")
    if purpose not in PURPOSES:
        raise ValueError(f"unknown token purpose {purpose!r}")
    return URLSafeTimedSerializer(secret, salt=f"grantradar.{purpose}")


def make_token(secret: str, purpose: str, member_id: int, call_id: str | None = None) -> str:
    """A signed token for `purpose` naming a member (and a call for feedback)."""
    payload: dict[str, Any] = {"m": int(member_id)}
    if call_id is not None:
        payload["c"] = call_id
    return str(_serializer(secret, purpose).dumps(payload))


def read_token(secret: str, token: str, purpose: str, max_age: int | None = None) -> dict[str, Any]:
    """`{"purpose", "member_id", "call_id"}` of a valid token; raises `BadToken` otherwise."""
    try:
        payload = _serializer(secret, purpose).loads(token, max_age=max_age)
    except SignatureExpired:
        raise BadToken("the link has expired") from None
    except BadSignature:
        raise BadToken("the link is not valid") from None
    if not isinstance(payload, dict) or not isinstance(payload.get("m"), int):
        raise BadToken("the link is not valid")
    call_id = payload.get("c")
    if call_id is not None and not isinstance(call_id, str):
        raise BadToken("the link is not valid")
    return {"purpose": purpose, "member_id": payload["m"], "call_id": call_id}
