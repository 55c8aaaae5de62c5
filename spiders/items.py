"""The normalized call record (CONTRACTS.md §3): every spider yields exactly these fields."""

from __future__ import annotations

from typing import Any

import scrapy

from store.models.calls import RECORD_FIELDS
from store.vocabulary import APPLICANT_TYPES, STATUSES

__all__ = ["APPLICANT_TYPES", "CALL_FIELDS", "STATUSES", "CallItem", "empty_record"]

# The record's fields in their contract order: identity, the tracked content fields, then fetched_at.
CALL_FIELDS: tuple[str, ...] = ("id", "source", "native_id", *RECORD_FIELDS, "fetched_at")


class CallItem(scrapy.Item):
    """A call record. Build it with `spiders.base.CallSpider.make_call`, which fills every field."""

    id = scrapy.Field()
    source = scrapy.Field()
    native_id = scrapy.Field()
    url = scrapy.Field()
    title = scrapy.Field()
    description = scrapy.Field()
    language = scrapy.Field()
    funder = scrapy.Field()
    programme = scrapy.Field()
    call_code = scrapy.Field()
    status = scrapy.Field()
    opens_at = scrapy.Field()
    deadlines = scrapy.Field()
    budget_total = scrapy.Field()
    grant_min = scrapy.Field()
    grant_max = scrapy.Field()
    funding_rate_max = scrapy.Field()
    applicants = scrapy.Field()
    eligibility_text = scrapy.Field()
    region = scrapy.Field()
    documents = scrapy.Field()
    keywords = scrapy.Field()
    fetched_at = scrapy.Field()


def empty_record() -> dict[str, Any]:
    return {
        "description": "",
        "programme": None,
        "call_code": None,
        "status": "unknown",
        "opens_at": None,
        "deadlines": [],
        "budget_total": None,
        "grant_min": None,
        "grant_max": None,
        "funding_rate_max": None,
        "applicants": [],
        "eligibility_text": None,
        "documents": [],
        "keywords": [],
    }
