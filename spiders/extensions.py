"""RunRecorder: one CrawlRun row per spider run, with the health verdict of spiders.health at the end."""

from __future__ import annotations

import logging
from typing import Any

from scrapy import Spider, signals
from scrapy.crawler import Crawler

from spiders.health import assess
from store.base import utcnow

logger = logging.getLogger(__name__)


class RunRecorder:
    """Records the run in the store when GRANTRADAR_STORE is on; logs the verdict either way."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.store = crawler.settings.getbool("GRANTRADAR_STORE")
        self.url = crawler.settings.get("GRANTRADAR_DATABASE_URL")
        self.run_id: int | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RunRecorder:
        ext = cls(crawler)
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def spider_opened(self, spider: Spider) -> None:
        if not self.store:
            return
        from store.db import make_engine, session_scope
        from store.models import CrawlRun

        engine = make_engine(self.url)
        with session_scope(engine) as session:
            run = CrawlRun(source=spider.name, started_at=utcnow(), status="running")
            session.add(run)
            session.flush()
            self.run_id = run.id
        engine.dispose()
        self.crawler.stats.set_value("grantradar/run_id", self.run_id)

    def spider_closed(self, spider: Spider, reason: str) -> None:
        stats: dict[str, Any] = dict(self.crawler.stats.get_stats())
        stats.setdefault("finish_reason", reason)
        status, why = assess(stats)
        self.crawler.stats.set_value("grantradar/health", status)
        if status == "failed":
            logger.error("source %s FAILED: %s", spider.name, why)
        else:
            logger.info("source %s ok: %s items", spider.name, stats.get("item_scraped_count", 0))
        if not self.store or self.run_id is None:
            return
        from store.db import make_engine, session_scope
        from store.models import CrawlRun

        engine = make_engine(self.url)
        with session_scope(engine) as session:
            run = session.get(CrawlRun, self.run_id)
            if run is not None:
                run.finished_at = utcnow()
                run.status = status
                run.reason = why
                run.items_scraped = int(stats.get("item_scraped_count", 0))
                run.items_dropped = int(stats.get("item_dropped_count", 0))
                run.items_stored = sum(int(v) for k, v in stats.items() if k.startswith("grantradar/stored/"))
                run.errors = int(stats.get("log_count/ERROR", 0))
                # What crossed the network (spiders.httpcache); Scrapy's own counter includes cache hits.
                run.bytes_downloaded = int(
                    stats.get("grantradar/network_bytes", stats.get("downloader/response_bytes", 0))
                )
                run.stats = {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in stats.items()}
        engine.dispose()
