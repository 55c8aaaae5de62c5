"""The schema check of a call record (CONTRACTS.md §3): a pure function returning the first problem found."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from spiders.items import APPLICANT_TYPES, CALL_FIELDS, STATUSES
from store.vocabulary import REGION_RE


def is_http_url(value: Any) -> bool:
    """An absolute http(s) URL (a string with an http/https scheme and a host)."""
    if not isinstance(value, str):
        return False
    parts = urlsplit(value)
    return parts.scheme in {"http", "https"} and bool(parts.netloc)


def _is_aware_iso(value: Any) -> bool:
    if not isinstance(value, str):
        return False
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return False
    return parsed.tzinfo is not None


def _is_money(value: Any) -> bool:
    return value is None or (
        isinstance(value, dict)
        and set(value) == {"amount", "currency"}
        and isinstance(value["amount"], int | float)
        and value["amount"] >= 0
        and value["currency"] in {"CZK", "EUR"}
    )


def problem(record: dict[str, Any], mirror_url: str | None = None) -> str | None:
    """None for a valid record, else a short reason (used as the stats key of the drop)."""
    missing = [f for f in CALL_FIELDS if f not in record]
    if missing:
        return "missing_fields"
    extra = [f for f in record if f not in CALL_FIELDS]
    if extra:
        return "extra_fields"
    if not record["source"] or not record["native_id"]:
        return "no_id"
    if record["id"] != f"{record['source']}:{record['native_id']}":
        return "bad_id"
    if not is_http_url(record["url"]):
        return "bad_url"
    if mirror_url and record["url"].startswith(mirror_url.rstrip("/")):
        return "mirror_url"
    if not isinstance(record["title"], str) or not record["title"].strip():
        return "no_title"
    if not isinstance(record["description"], str):
        return "bad_description"
    if record["language"] not in {"cs", "en"}:
        return "bad_language"
    if not isinstance(record["funder"], str) or not record["funder"]:
        return "no_funder"
    if record["status"] not in STATUSES:
        return "bad_status"
    if record["opens_at"] is not None and not _is_aware_iso(record["opens_at"]):
        return "bad_opens_at"
    deadlines = record["deadlines"]
    if not isinstance(deadlines, list) or not all(_is_aware_iso(d) for d in deadlines):
        return "bad_deadlines"
    parsed = [datetime.fromisoformat(d) for d in deadlines]
    if parsed != sorted(parsed):
        return "deadlines_not_ascending"
    for key in ("budget_total", "grant_min", "grant_max"):
        if not _is_money(record[key]):
            return f"bad_{key}"
    rate = record["funding_rate_max"]
    if rate is not None and not (isinstance(rate, int | float) and 0 < rate <= 100):
        return "bad_funding_rate"
    if not isinstance(record["applicants"], list) or any(a not in APPLICANT_TYPES for a in record["applicants"]):
        return "bad_applicants"
    if not isinstance(record["region"], str) or not REGION_RE.match(record["region"]):
        return "bad_region"
    documents = record["documents"]
    if not isinstance(documents, list) or any(
        not isinstance(d, dict) or set(d) != {"title", "url"} or not is_http_url(d["url"]) for d in documents
    ):
        return "bad_documents"
    if not isinstance(record["keywords"], list) or any(not isinstance(k, str) for k in record["keywords"]):
        return "bad_keywords"
    if not _is_aware_iso(record["fetched_at"]):
        return "bad_fetched_at"
    return None
