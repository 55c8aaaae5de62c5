"""Template filters: dates in the cluster's zone, money, days left, checked links."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from flask import Flask

from digests.formatting import days_left, format_days_left, format_deadline, format_money, local

# Scraped links are only ever rendered through this check (http/https, no whitespace or control characters).
from digests.links import safe_url
from grantradar.config import Config
from store.base import utcnow


def register(app: Flask, config: Config) -> None:
    tz = config.timezone

    def when(value: datetime | None) -> str:
        """A moment for the audit trail and run lists: `2026-11-16 07:00` in the cluster's zone."""
        return local(value, tz).strftime("%Y-%m-%d %H:%M") if value else "—"

    def deadline(value: datetime | None, lang: str = "en") -> str:
        return format_deadline(value, lang, tz) if value else "no deadline given"

    def left(value: datetime | None, lang: str = "en") -> str:
        return format_days_left(days_left(value, utcnow(), tz), lang) if value else ""

    def days(value: datetime | None) -> int | None:
        return days_left(value, utcnow(), tz) if value else None

    def money(value: Any, lang: str = "en") -> str:
        return format_money(value, lang) or ""

    def score(value: float | None) -> str:
        return f"{value:.2f}" if value is not None else "—"

    app.jinja_env.filters.update(
        when=when, deadline=deadline, days_left=left, days=days, money=money, score=score, safe_url=safe_url
    )
