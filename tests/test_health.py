"""Source health: `spiders.health.assess` over stats dicts, and a failing source run end to end.

The end-to-end tests run a real `scrapy crawl jmk` subprocess into a temporary SQLite store that already holds a
jmk call, against a local server that answers like a blocked portal (an F5 "Request Rejected" page with 200, or
HTTP 500): the run must be recorded as failed with its reason, and the stored call must stay as it was.
"""

from __future__ import annotations

import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from freezegun import freeze_time
from scrapy import Request
from scrapy.http import HtmlResponse
from scrapy.utils.test import get_crawler
from sqlalchemy import select

import store.models  # noqa: F401  (registers every table)
from grantradar.mirror import MirrorServer, snapshot_path
from spiders.health import CONTRACT_KEY, CONTRACT_REASON_KEY, assess
from spiders.jmk import AREAS_URL, JmkSpider
from store.base import Base
from store.calls import upsert_record
from store.db import make_engine, session_scope
from store.models import Call, CallRecord, CrawlRun

ROOT = Path(__file__).resolve().parents[1]
JMK_FILES = ROOT / "tests" / "files" / "jmk"


def ok_stats(**extra: Any) -> dict[str, Any]:
    stats: dict[str, Any] = {
        "finish_reason": "finished",
        "item_scraped_count": 5,
        "downloader/response_status_count/200": 6,
    }
    stats.update(extra)
    return stats


# ------------------------------------------------------------------------------------------------ assess


def test_healthy_run() -> None:
    assert assess(ok_stats()) == ("ok", None)


def test_robots_txt_404_alone_is_healthy() -> None:
    # robots.txt missing is normal and never reaches the spider (no httperror stats).
    assert assess(ok_stats(**{"downloader/response_status_count/404": 1})) == ("ok", None)


def test_zero_items_fails() -> None:
    assert assess(ok_stats(item_scraped_count=0)) == ("failed", "no items")


def test_zero_items_with_invalid_ones_says_so() -> None:
    status, reason = assess(ok_stats(item_scraped_count=0, item_dropped_count=3))
    assert status == "failed"
    assert reason == "no items (3 dropped as invalid)"


def test_broken_contract_fails_even_with_items() -> None:
    status, reason = assess(ok_stats(**{CONTRACT_KEY: 2, CONTRACT_REASON_KEY: "labels missing: Příjem žádostí (x)"}))
    assert status == "failed"
    assert reason == "content contract broken on 2 page(s): labels missing: Příjem žádostí (x)"


def test_server_errors_after_retries_fail() -> None:
    status, reason = assess(ok_stats(**{"retry/max_reached": 1, "downloader/response_status_count/500": 3}))
    assert status == "failed"
    assert reason == "1 request(s) failed (500×3)"


def test_ignored_http_errors_fail() -> None:
    status, reason = assess(
        ok_stats(**{"httperror/response_ignored_status_count/404": 2, "downloader/response_status_count/404": 2})
    )
    assert (status, reason) == ("failed", "2 request(s) failed (404×2)")


def test_network_errors_without_responses_fail() -> None:
    status, reason = assess(ok_stats(**{"retry/max_reached": 1}))
    assert (status, reason) == ("failed", "1 request(s) failed (network errors)")


def test_parse_errors_fail() -> None:
    status, reason = assess(ok_stats(**{"spider_exceptions/ValueError": 1, "spider_exceptions/KeyError": 2}))
    assert (status, reason) == ("failed", "3 parse error(s)")


@pytest.mark.parametrize("finish", ["shutdown", "closespider_errorcount", "cancelled"])
def test_run_ended_early_fails(finish: str) -> None:
    status, reason = assess(ok_stats(finish_reason=finish))
    assert (status, reason) == ("failed", f"run ended early: {finish}")


def test_every_reason_is_reported() -> None:
    status, reason = assess(
        {
            "finish_reason": "finished",
            "item_scraped_count": 0,
            CONTRACT_KEY: 1,
            CONTRACT_REASON_KEY: "firewall page",
            "retry/max_reached": 1,
            "downloader/response_status_count/503": 3,
        }
    )
    assert status == "failed"
    assert reason == ("content contract broken on 1 page(s): firewall page; 1 request(s) failed (503×3); no items")


def test_spider_contract_break_feeds_assess() -> None:
    """The stats a spider writes on a firewall page are what assess reads."""
    spider = JmkSpider.from_crawler(get_crawler(JmkSpider))
    page = HtmlResponse(
        url=AREAS_URL, body=(JMK_FILES / "waf_rejected.html").read_bytes(), encoding="utf-8", request=Request(AREAS_URL)
    )
    assert list(spider.parse_areas(page)) == []
    stats = dict(spider.crawler.stats.get_stats(), finish_reason="finished")
    status, reason = assess(stats)
    assert status == "failed"
    assert "firewall page" in reason and "no items" in reason


# ------------------------------------------------------------------------------------------------ end to end


@pytest.fixture
def store_with_jmk_call(tmp_path: Path) -> Iterator[tuple[str, dict[str, Any]]]:
    """A SQLite store holding one jmk call (parsed from the grant fixture), and a snapshot of its rows."""
    url = f"sqlite:///{tmp_path / 'store.db'}"
    engine = make_engine(url)
    Base.metadata.create_all(engine)
    grant = "https://dotace.kr-jihomoravsky.cz/Grants/24084-506-Rozvoj%2Bturisticke%2Binfrastruktury%2BJihomoravskeho%2Bkraje%2B2026.aspx"
    spider = JmkSpider.from_crawler(get_crawler(JmkSpider))
    with freeze_time("2026-07-15T10:00:00+02:00"):
        (item,) = spider.parse_grant(
            HtmlResponse(
                url=grant, body=(JMK_FILES / "grant_24084.html").read_bytes(), encoding="utf-8", request=Request(grant)
            )
        )
    with session_scope(engine) as session:
        upsert_record(session, dict(item))
    before = _rows(engine)
    engine.dispose()
    yield url, before


def _rows(engine: Any) -> dict[str, Any]:
    with session_scope(engine) as session:
        calls = [
            (c.id, c.status, c.title, c.deadlines, c.last_seen, c.changed_at, c.as_record())
            for c in session.scalars(select(Call))
        ]
        records = [
            (r.record_id, r.last_seen, r.last_run_id, r.content_hash) for r in session.scalars(select(CallRecord))
        ]
    return {"calls": calls, "records": records}


def _crawl(mirror_url: str, db_url: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "scrapy",
            "crawl",
            "jmk",
            "-s",
            f"MIRROR_URL={mirror_url}",
            "-s",
            "GRANTRADAR_STORE=1",
            "-s",
            f"GRANTRADAR_DATABASE_URL={db_url}",
            "-s",
            "DOWNLOAD_DELAY=0",
            "-s",
            "AUTOTHROTTLE_ENABLED=0",
            "-s",
            "LOG_LEVEL=INFO",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )


def _runs(db_url: str) -> list[CrawlRun]:
    engine = make_engine(db_url)
    with session_scope(engine) as session:
        runs = list(session.scalars(select(CrawlRun)))
        session.expunge_all()
    engine.dispose()
    return runs


def _assert_untouched(db_url: str, before: dict[str, Any]) -> None:
    engine = make_engine(db_url)
    after = _rows(engine)
    engine.dispose()
    assert after == before
    assert [c[1] for c in after["calls"]] == ["open"]  # not closed, not deleted


def test_firewall_page_fails_the_run_and_keeps_stored_calls(
    tmp_path: Path, store_with_jmk_call: tuple[str, dict[str, Any]]
) -> None:
    db_url, before = store_with_jmk_call
    snapshot = tmp_path / "snapshot"
    target = snapshot_path(snapshot, "dotace.kr-jihomoravsky.cz", "/Oblasti.aspx")
    target.parent.mkdir(parents=True)
    target.write_bytes((JMK_FILES / "waf_rejected.html").read_bytes())
    with MirrorServer(snapshot) as mirror:
        result = _crawl(mirror.url, db_url)
    (run,) = _runs(db_url)
    assert (run.source, run.status) == ("jmk", "failed"), result.stderr[-2000:]
    assert "content contract broken" in run.reason and "firewall page" in run.reason
    assert "no items" in run.reason
    assert run.items_scraped == 0 and run.finished_at is not None
    _assert_untouched(db_url, before)


class _Error500(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body = b"<html><body><h1>500 Internal Server Error</h1></body></html>"
        self.send_response(500)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


def test_server_errors_fail_the_run_and_keep_stored_calls(store_with_jmk_call: tuple[str, dict[str, Any]]) -> None:
    db_url, before = store_with_jmk_call
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Error500)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        result = _crawl(f"http://127.0.0.1:{server.server_address[1]}", db_url)
    finally:
        server.shutdown()
        server.server_close()
    (run,) = _runs(db_url)
    assert (run.source, run.status) == ("jmk", "failed"), result.stderr[-2000:]
    assert "request(s) failed (500×" in run.reason and "no items" in run.reason
    _assert_untouched(db_url, before)
