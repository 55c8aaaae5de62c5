"""The base of every source spider: builds complete call records and reports broken content contracts.

Spiders stay pure: `parse*` methods are functions of a response that yield items and requests, built from
small `_parse_<field>` helpers. Shared parsing (dates, money, applicants) lives in spiders.czech.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

import scrapy
from scrapy.http import Response

from spiders.czech import clean_text, iso, repair_text
from spiders.health import CONTRACT_KEY, CONTRACT_REASON_KEY
from spiders.items import CallItem, empty_record

logger = logging.getLogger(__name__)


def url_slug(url: str) -> str:
    """The last segment of the URL's path, a trailing slash ignored (".../vyzvy/01-26-015/" → "01-26-015")."""
    return urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1]


class CallSpider(scrapy.Spider):
    """Subclasses set `name`, `funder`, `language`, `region` (and `programme` when fixed) as class constants."""

    funder: str = ""
    language: str = "cs"
    region: str = "CZ"
    programme: str | None = None

    def now(self) -> datetime:
        """The current time (UTC); tests freeze it."""
        return datetime.now(UTC)

    def make_call(self, *, native_id: str, url: str, title: str, **fields: Any) -> CallItem:
        """A complete record: class constants and defaults for what the source does not give."""
        record = empty_record()
        record.update(
            {
                "id": f"{self.name}:{native_id}",
                "source": self.name,
                "native_id": native_id,
                "url": url,
                "title": clean_text(title),
                "language": self.language,
                "funder": self.funder,
                "programme": self.programme,
                "region": self.region,
                "fetched_at": iso(self.now().astimezone(UTC)),
            }
        )
        record.update(fields)
        for key in ("description", "eligibility_text"):
            if isinstance(record.get(key), str):
                record[key] = repair_text(record[key]).strip()
        return CallItem(**record)

    def broken_contract(self, response: Response, reason: str) -> None:
        """The page is not what this spider expects (labels missing, a login or firewall page with 200).

        Counted in stats so the run is recorded as failed (spiders.health); no item is yielded from it.
        """
        stats = self.crawler.stats if getattr(self, "crawler", None) else None
        if stats is not None:
            stats.inc_value(CONTRACT_KEY)
            stats.set_value(CONTRACT_REASON_KEY, f"{reason} ({response.url})")
        logger.error("%s: content contract broken at %s: %s", self.name, response.url, reason)
