"""The normalized call record (CONTRACTS.md §3): every spider yields exactly these fields."""

from __future__ import annotations

from typing import Any

import scrapy

CALL_FIELDS: tuple[str, ...] = (
    "id",
    "source",
    "native_id",
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
    "fetched_at",
)

STATUSES = ("forthcoming", "open", "closed", "cancelled", "unknown")
APPLICANT_TYPES = (
    "enterprise",
    "sme",
    "large_enterprise",
    "research_org",
    "university",
    "public_body",
    "municipality",
    "ngo",
    "individual",
)


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
