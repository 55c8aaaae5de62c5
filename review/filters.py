"""Template filters: dates in the cluster's zone, money, days left, checked links, codes in words.

Region, applicant-type and status names and the wording of eligibility checks come from digests.i18n, the one
place the emails take them from too, so the manager and the members read the same words.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from flask import Flask

from digests.formatting import (
    days_left,
    format_days_left,
    format_deadline,
    format_money,
    is_open_data_record,
    local,
)
from digests.i18n import applicant_names, check_detail, check_label, link_label, region_name, status_name

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

    def check_text(check: Any, lang: str = "en") -> str:
        """One stored eligibility check (`{"name", "passed", "detail"}`) as `label – detail in words`."""
        if not isinstance(check, dict):
            return ""
        name = str(check.get("name") or "")
        detail = check_detail(name, str(check.get("detail") or ""), lang, tz)
        label = check_label(name, lang)
        return f"{label} – {detail}" if detail else label

    def applicants(codes: Any, lang: str = "en") -> str:
        return applicant_names([str(c) for c in codes or []], lang)

    def region(code: str | None, lang: str = "en") -> str:
        return region_name(code, lang)

    def status(code: str | None, lang: str = "en") -> str:
        return status_name(code or "unknown", lang)

    def link(url: str | None, lang: str = "en") -> str:
        return link_label(url, lang)

    app.jinja_env.filters.update(
        when=when,
        deadline=deadline,
        days_left=left,
        days=days,
        money=money,
        score=score,
        safe_url=safe_url,
        region=region,
        applicants=applicants,
        status_name=status,
        check_text=check_text,
        link_label=link,
    )
    app.jinja_env.tests["open_data_record"] = is_open_data_record
