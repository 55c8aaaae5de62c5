"""Calls: the canonical call, each source's record of it (provenance), and its change history."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Float, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from store.base import Base, utcnow

# The fields of the call record (CONTRACTS.md §3) that a call carries and whose changes are tracked.
RECORD_FIELDS: tuple[str, ...] = (
    "url",
    "title",
    "description",
    "language",
    "funder",
    "programme",
    "call_code",
    "status",
    "opens_at",
    "deadlines",
    "budget_total",
    "grant_min",
    "grant_max",
    "funding_rate_max",
    "applicants",
    "eligibility_text",
    "region",
    "documents",
    "keywords",
)


class Call(Base):
    """One call, whatever number of sources report it. `id` is the id of the first record that created it."""

    __tablename__ = "calls"

    id: Mapped[str] = mapped_column(String(300), primary_key=True)
    source: Mapped[str] = mapped_column(String(40), index=True)  # the source whose fields win
    native_id: Mapped[str] = mapped_column(String(300))
    url: Mapped[str] = mapped_column(Text)
    title: Mapped[str] = mapped_column(Text)
    description: Mapped[str] = mapped_column(Text, default="")
    language: Mapped[str] = mapped_column(String(2), default="cs")
    funder: Mapped[str] = mapped_column(String(200), default="")
    programme: Mapped[str | None] = mapped_column(String(200))
    call_code: Mapped[str | None] = mapped_column(String(200), index=True)
    status: Mapped[str] = mapped_column(String(20), default="unknown", index=True)
    opens_at: Mapped[str | None] = mapped_column(String(40))
    deadlines: Mapped[list[Any]] = mapped_column(JSON, default=list)
    # The next deadline as a real timestamp, for sorting and "closing soon" queries.
    next_deadline: Mapped[datetime | None] = mapped_column(index=True)
    budget_total: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    grant_min: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    grant_max: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    funding_rate_max: Mapped[float | None] = mapped_column(Float)
    applicants: Mapped[list[Any]] = mapped_column(JSON, default=list)
    eligibility_text: Mapped[str | None] = mapped_column(Text)
    region: Mapped[str] = mapped_column(String(10), default="CZ")
    documents: Mapped[list[Any]] = mapped_column(JSON, default=list)
    keywords: Mapped[list[Any]] = mapped_column(JSON, default=list)
    fetched_at: Mapped[str] = mapped_column(String(40))
    first_seen: Mapped[datetime] = mapped_column(default=utcnow)
    last_seen: Mapped[datetime] = mapped_column(default=utcnow)
    # Bumped on every change of a record field; the matcher re-scores calls changed after its last run.
    changed_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    # The manager marked the call irrelevant for everyone: never proposed again.
    irrelevant: Mapped[bool] = mapped_column(Boolean, default=False)

    records: Mapped[list[CallRecord]] = relationship(back_populates="call", order_by="CallRecord.id")
    changes: Mapped[list[CallChange]] = relationship(back_populates="call", order_by="CallChange.id")

    def as_record(self) -> dict[str, Any]:
        """The call as a CONTRACTS.md §3 record (what the matcher and `score` consume)."""
        record: dict[str, Any] = {"id": self.id, "source": self.source, "native_id": self.native_id}
        for name in RECORD_FIELDS:
            record[name] = getattr(self, name)
        record["fetched_at"] = self.fetched_at
        return record


class CallRecord(Base):
    """What one source said about a call at its last crawl: the provenance of a call."""

    __tablename__ = "call_records"
    __table_args__ = (UniqueConstraint("source", "native_id", name="uq_call_records_source_native_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    record_id: Mapped[str] = mapped_column(String(300), unique=True)  # "<source>:<native_id>"
    source: Mapped[str] = mapped_column(String(40), index=True)
    native_id: Mapped[str] = mapped_column(String(300))
    call_id: Mapped[str] = mapped_column(ForeignKey("calls.id", ondelete="CASCADE"), index=True)
    url: Mapped[str] = mapped_column(Text)
    url_key: Mapped[str] = mapped_column(String(700), index=True)  # normalised URL, for joining across sources
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    content_hash: Mapped[str] = mapped_column(String(64))
    first_seen: Mapped[datetime] = mapped_column(default=utcnow)
    last_seen: Mapped[datetime] = mapped_column(default=utcnow)
    last_run_id: Mapped[int | None] = mapped_column(ForeignKey("crawl_runs.id", ondelete="SET NULL"))

    call: Mapped[Call] = relationship(back_populates="records")


class CallChange(Base):
    """One changed field of a call: old value, new value, when, and which source said so."""

    __tablename__ = "call_changes"
    __table_args__ = (Index("ix_call_changes_call_id_changed_at", "call_id", "changed_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    call_id: Mapped[str] = mapped_column(ForeignKey("calls.id", ondelete="CASCADE"))
    field: Mapped[str] = mapped_column(String(40))
    old_value: Mapped[Any] = mapped_column(JSON, nullable=True)
    new_value: Mapped[Any] = mapped_column(JSON, nullable=True)
    source: Mapped[str] = mapped_column(String(40))
    changed_at: Mapped[datetime] = mapped_column(default=utcnow)

    call: Mapped[Call] = relationship(back_populates="changes")
