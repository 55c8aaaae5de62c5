"""Members of the cluster, manager accounts, and the pillars as stored for the review app and digests."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from store.base import Base, utcnow


class Member(Base):
    __tablename__ = "members"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(300))
    email: Mapped[str] = mapped_column(String(320), unique=True)
    description: Mapped[str] = mapped_column(Text)
    language: Mapped[str] = mapped_column(String(2), default="cs")
    pillars: Mapped[list[Any]] = mapped_column(JSON, default=list)
    keywords: Mapped[list[Any]] = mapped_column(JSON, default=list)
    applicant_types: Mapped[list[Any]] = mapped_column(JSON, default=list)
    region: Mapped[str | None] = mapped_column(String(10))
    digest: Mapped[str] = mapped_column(String(10), default="weekly")  # weekly, off
    unsubscribed_at: Mapped[datetime | None] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    def as_profile(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "email": self.email,
            "description": self.description,
            "language": self.language,
            "pillars": list(self.pillars or []),
            "keywords": list(self.keywords or []),
            "applicant_types": list(self.applicant_types or []),
            "region": self.region,
        }


class Pillar(Base):
    """A pillar as loaded from the pillar file at the last match run (the file stays the source of truth)."""

    __tablename__ = "pillars"

    slug: Mapped[str] = mapped_column(String(60), primary_key=True)
    number: Mapped[int] = mapped_column(Integer)
    name_cs: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200))
    guarantor_email: Mapped[str | None] = mapped_column(String(320))


class User(Base):
    """A manager account of the review app."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    email: Mapped[str] = mapped_column(String(320), unique=True)
    password_hash: Mapped[str] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column()
