"""Digests: one row per (kind, recipient, period), written before sending and updated after."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from store.base import Base, utcnow

DIGEST_STATES = ("composed", "sending", "sent", "failed")


class Digest(Base):
    __tablename__ = "digests"
    __table_args__ = (UniqueConstraint("kind", "recipient", "period", name="uq_digests_kind_recipient_period"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(20))  # member, pillar, manager, reminder
    recipient: Mapped[str] = mapped_column(String(320))
    member_id: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="SET NULL"), index=True)
    period: Mapped[str] = mapped_column(String(20))  # ISO week (2026-W47); a local date for reminders
    state: Mapped[str] = mapped_column(String(20), default="composed", index=True)
    message_id: Mapped[str] = mapped_column(String(300))
    subject: Mapped[str] = mapped_column(Text)
    call_ids: Mapped[list[Any]] = mapped_column(JSON, default=list)
    # What each part of the digest told, e.g. {"new": [call ids], "changed": [...], "reminders": [...]} for a
    # member, {"pending": [match ids]} for the manager: later digests never repeat what was told.
    sections: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    path: Mapped[str | None] = mapped_column(Text)  # the .eml written to the outbox
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    composed_at: Mapped[datetime] = mapped_column(default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column()
