"""Item pipelines: validation (invalid items dropped and counted), then storage (upsert + history).

Spiders only collect; everything that writes lives here (kingfisher-collect's rule).
"""

from __future__ import annotations

import logging
from typing import Any

from itemadapter import ItemAdapter
from scrapy import Spider
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from spiders.validation import problem

logger = logging.getLogger(__name__)


class ValidationPipeline:
    """Drops records that break CONTRACTS.md §3, and duplicates within a run; counts each reason in stats
    as `grantradar/dropped/<reason>`."""

    def __init__(self, crawler: Crawler) -> None:
        self.stats = crawler.stats
        self.mirror_url = crawler.settings.get("MIRROR_URL")
        self.seen: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ValidationPipeline:
        return cls(crawler)

    def process_item(self, item: Any, spider: Spider | None = None) -> Any:
        record = ItemAdapter(item).asdict()
        reason = problem(record, self.mirror_url)
        if reason is None and record["id"] in self.seen:
            reason = "duplicate"
        if reason is not None:
            self.stats.inc_value(f"grantradar/dropped/{reason}")
            raise DropItem(f"{reason}: {record.get('id')!r}")
        self.seen.add(record["id"])
        return item


class _PassThrough:
    """The storage pipeline when storing is off: items go on untouched."""

    def process_item(self, item: Any, spider: Spider | None = None) -> Any:
        return item


class StorePipeline:
    """Upserts each valid record into the store by (source, native_id), recording changes as history.

    Enabled by GRANTRADAR_STORE (set by `grantradar crawl`). Commits every GRANTRADAR_STORE_BATCH items, so
    a killed crawl keeps what it stored; it never deletes or closes calls the run did not see.
    """

    def __init__(self, crawler: Crawler, url: str, batch: int) -> None:
        from store.db import make_engine, session_factory

        self.crawler = crawler
        self.engine = make_engine(url)
        self.session = session_factory(self.engine)()
        self.batch = batch
        self.pending = 0

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StorePipeline | _PassThrough:
        if not crawler.settings.getbool("GRANTRADAR_STORE"):
            # Not NotConfigured: Scrapy would log a WARNING on every plain `scrapy crawl X -O out.jsonl`.
            return _PassThrough()
        return cls(
            crawler,
            crawler.settings.get("GRANTRADAR_DATABASE_URL"),
            crawler.settings.getint("GRANTRADAR_STORE_BATCH", 25),
        )

    def process_item(self, item: Any, spider: Spider | None = None) -> Any:
        from store.calls import upsert_record

        run_id = self.crawler.stats.get_value("grantradar/run_id")
        result = upsert_record(self.session, ItemAdapter(item).asdict(), run_id=run_id)
        self.crawler.stats.inc_value(f"grantradar/stored/{result.outcome}")
        self.pending += 1
        if self.pending >= self.batch:
            self._commit()
        return item

    def _commit(self) -> None:
        self.session.commit()
        self.pending = 0

    def close_spider(self, spider: Spider | None = None) -> None:
        try:
            self._commit()
        finally:
            self.session.close()
            self.engine.dispose()
