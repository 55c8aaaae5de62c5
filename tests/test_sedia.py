"""SEDIA spider: listing pages → per-identifier descriptions → call records, under frozen time."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import scrapy
from freezegun import freeze_time
from scrapy.http import TextResponse
from scrapy.utils.test import get_crawler
from sqlalchemy import select

from spiders.health import CONTRACT_KEY
from spiders.items import CallItem
from spiders.sedia import (
    BOUNDARY,
    SediaSpider,
    listing_query,
    multipart_body,
    parse_budget_overview,
    search_url,
)
from spiders.validation import problem
from store.base import Base
from store.db import make_engine, session_scope
from store.models import CrawlRun

FILES = Path(__file__).parent / "files" / "sedia"
CAPTURED = "2026-11-20T09:15:00Z"
ROOT = Path(__file__).resolve().parent.parent
TOPIC = "https://ec.europa.eu/info/funding-tenders/opportunities/portal/screen/opportunities/topic-details/"


def make_spider(**kwargs: Any) -> SediaSpider:
    crawler = get_crawler(SediaSpider)
    return SediaSpider.from_crawler(crawler, programmes="HORIZON,DIGITAL", **kwargs)


def answer(request: scrapy.Request, name: str | None, status: int = 200) -> TextResponse:
    body = (FILES / name).read_bytes() if name else b'{"totalResults":0,"results":[]}'
    return TextResponse(url=request.url, body=body, encoding="utf-8", status=status, request=request)


def crawl(spider: SediaSpider) -> list[CallItem]:
    """Drive the callbacks as the engine would, answering from the fixtures."""
    first = spider.listing_request(1)
    page2 = list(spider.parse(answer(first, "search_page1.json"), **first.cb_kwargs))
    assert len(page2) == 1 and page2[0].cb_kwargs == {"page": 2}
    described = list(spider.parse(answer(page2[0], "search_page2_empty.json"), **page2[0].cb_kwargs))
    items: list[CallItem] = []
    for request in described:
        topic = request.cb_kwargs["topic"]
        fixture = FILES / f"description_{topic.identifier}.json"
        response = answer(request, fixture.name if fixture.exists() else None)
        items.extend(request.callback(response, **request.cb_kwargs))
    return items


@pytest.fixture(scope="module")
def parsed() -> dict[str, dict[str, Any]]:
    with freeze_time(CAPTURED):
        spider = make_spider()
        items = crawl(spider)
    return {item["native_id"]: dict(item) for item in items}


def test_kept_topics_and_dropped_rows(parsed: dict[str, dict[str, Any]]) -> None:
    # FAQ row, type-6 row and the repeat under SEDIA_PRD_CENTRICITY are gone; the type-8 cascade call stays.
    assert sorted(parsed) == [
        "DIGITAL-2027-AI-09-INSPECT",
        "HORIZON-CL4-2027-01-MAT-PROD-02",
        "HORIZON-CL5-2024-D2-01-03",
        "HORIZON-JU-CHIPS-2026-FT2-IA",
        "PHOTONHUB-2026-OC3",
    ]


def test_skip_stats() -> None:
    with freeze_time(CAPTURED):
        spider = make_spider()
        crawl(spider)
    stats = spider.crawler.stats.get_stats()
    assert stats["grantradar/sedia/skipped_faq"] == 1
    assert stats["grantradar/sedia/skipped_type_6"] == 1
    assert stats["grantradar/sedia/repeated"] == 1
    assert stats["grantradar/sedia/description_missing"] == 4


def test_title(parsed: dict[str, dict[str, Any]]) -> None:
    title = parsed["HORIZON-JU-CHIPS-2026-FT2-IA"]["title"]
    assert title == "IA Resilience call reinforcing Europe's strength in photonics"
    # No metadata.title: the API's `content` is the title.
    assert parsed["HORIZON-CL5-2024-D2-01-03"]["title"] == (
        "Development of technical and business solutions to optimise logistics for the second use of batteries "
        "(Batt4EU Partnership)"
    )


def test_deadlines_keep_every_cut_off_with_offsets(parsed: dict[str, dict[str, Any]]) -> None:
    assert parsed["HORIZON-JU-CHIPS-2026-FT2-IA"]["deadlines"] == [
        "2026-09-16T17:00:00+02:00",
        "2027-03-16T17:00:00+01:00",
    ]
    assert parsed["HORIZON-CL4-2027-01-MAT-PROD-02"]["deadlines"] == ["2027-02-02T17:00:00+01:00"]


def test_opens_at(parsed: dict[str, dict[str, Any]]) -> None:
    assert parsed["HORIZON-CL4-2027-01-MAT-PROD-02"]["opens_at"] == "2026-12-09T01:00:00+01:00"
    assert parsed["HORIZON-JU-CHIPS-2026-FT2-IA"]["opens_at"] == "2026-05-12T02:00:00+02:00"


def test_status_from_dates_where_the_api_lags(parsed: dict[str, dict[str, Any]]) -> None:
    # Open with a past and a future cut-off: still open.
    assert parsed["HORIZON-JU-CHIPS-2026-FT2-IA"]["status"] == "open"
    # Says Forthcoming, opens in December: forthcoming.
    assert parsed["HORIZON-CL4-2027-01-MAT-PROD-02"]["status"] == "forthcoming"
    # Says Forthcoming, but its only deadline was in 2024: closed.
    assert parsed["HORIZON-CL5-2024-D2-01-03"]["status"] == "closed"
    # Says Forthcoming, opens on the capture day: open.
    assert parsed["DIGITAL-2027-AI-09-INSPECT"]["status"] == "open"


def test_budget_of_the_topics_own_actions(parsed: dict[str, dict[str, Any]]) -> None:
    topic = parsed["HORIZON-CL4-2027-01-MAT-PROD-02"]
    assert topic["budget_total"] == {"amount": 48000000, "currency": "EUR"}
    assert topic["grant_min"] == {"amount": 6000000, "currency": "EUR"}
    assert topic["grant_max"] == {"amount": 8000000, "currency": "EUR"}
    assert parsed["HORIZON-CL5-2024-D2-01-03"]["budget_total"] is None


def test_budget_overview_prefix_is_not_enough() -> None:
    raw = json.dumps(
        {
            "budgetTopicActionMap": {
                "1": [
                    {
                        "action": "X-01-1 - HORIZON-RIA",
                        "budgetYearMap": {"2027": 5},
                        "minContribution": 1,
                        "maxContribution": 2,
                    },
                    {
                        "action": "X-01-12 - HORIZON-RIA",
                        "budgetYearMap": {"2027": 500},
                        "minContribution": 100,
                        "maxContribution": 200,
                    },
                ]
            }
        }
    )
    assert parse_budget_overview(raw, "X-01-1") == {
        "budget_total": {"amount": 5, "currency": "EUR"},
        "grant_min": {"amount": 1, "currency": "EUR"},
        "grant_max": {"amount": 2, "currency": "EUR"},
    }
    assert parse_budget_overview("not json", "X") == {"budget_total": None, "grant_min": None, "grant_max": None}


def test_description_reduced_to_text(parsed: dict[str, dict[str, Any]]) -> None:
    assert parsed["HORIZON-JU-CHIPS-2026-FT2-IA"]["description"] == (
        "Expected Outcome:\n"
        "Proposals submitted to this call are expected to address several of the following elements:\n"
        "Scaling of wafer-level photonic processes for key materials (e.g. SiN, InP, GaAs), including process "
        "integration, yield optimisation, and manufacturability at high volumes.\n"
        "Integration of heterogeneous materials and components, such as on-chip lasers, modulators, and detectors.\n"
        "Scope:\n"
        "Demonstration of system-level functionality through application-relevant use cases."
    )
    assert parsed["HORIZON-CL4-2027-01-MAT-PROD-02"]["description"] == ""


def test_urls_are_portal_pages(parsed: dict[str, dict[str, Any]]) -> None:
    assert parsed["HORIZON-CL4-2027-01-MAT-PROD-02"]["url"] == TOPIC + "horizon-cl4-2027-01-mat-prod-02"
    assert parsed["PHOTONHUB-2026-OC3"]["url"] == (
        "https://ec.europa.eu/info/funding-tenders/opportunities/portal/screen/opportunities/"
        "competitive-calls-cs/35871234"
    )


def test_programme_and_code(parsed: dict[str, dict[str, Any]]) -> None:
    assert parsed["HORIZON-JU-CHIPS-2026-FT2-IA"]["programme"] == "HORIZON"
    assert parsed["DIGITAL-2027-AI-09-INSPECT"]["programme"] == "DIGITAL"
    assert parsed["HORIZON-JU-CHIPS-2026-FT2-IA"]["call_code"] == "HORIZON-JU-CHIPS-2026-FT2-IA"


def test_keywords_tags_and_conditions(parsed: dict[str, dict[str, Any]]) -> None:
    topic = parsed["HORIZON-CL4-2027-01-MAT-PROD-02"]
    assert topic["keywords"] == [
        "Advanced manufacturing",
        "Made in Europe partnership",
        "Industrial automation",
        "Manufacturing engineering",
    ]
    assert topic["eligibility_text"] == (
        "General conditions\n1. Admissibility conditions: described in Annex A and Annex E of the Horizon Europe "
        "Work Programme General Annexes"
    )
    assert parsed["HORIZON-JU-CHIPS-2026-FT2-IA"]["eligibility_text"] is None


def test_fixed_fields(parsed: dict[str, dict[str, Any]]) -> None:
    for item in parsed.values():
        assert (item["language"], item["funder"], item["region"]) == ("en", "European Commission", "EU")
        assert item["fetched_at"] == "2026-11-20T09:15:00+00:00"


@pytest.mark.parametrize(
    "native_id",
    [
        "DIGITAL-2027-AI-09-INSPECT",
        "HORIZON-CL4-2027-01-MAT-PROD-02",
        "HORIZON-CL5-2024-D2-01-03",
        "HORIZON-JU-CHIPS-2026-FT2-IA",
        "PHOTONHUB-2026-OC3",
    ],
)
def test_invariants(parsed: dict[str, dict[str, Any]], native_id: str) -> None:
    item = parsed[native_id]
    assert problem(item) is None
    assert item["id"] == f"sedia:{native_id}"
    assert item["url"].startswith("https://ec.europa.eu/info/funding-tenders/opportunities/portal/screen/")


def test_request_is_multipart_with_json_parts() -> None:
    spider = make_spider()
    request = spider.listing_request(3)
    assert request.method == "POST"
    assert request.url == search_url("***", 3)
    assert "pageSize=100&pageNumber=3" in request.url and "text=***" in request.url
    assert request.headers["Content-Type"] == f"multipart/form-data; boundary={BOUNDARY}".encode()
    body = request.body.decode()
    assert body.count("Content-Type: application/json") == 3
    assert 'name="query"; filename="blob"' in body and 'name="sort"' in body and '"identifier"' in body
    assert '{"terms":{"frameworkProgramme":["43108390","43152860"]}}' in body
    assert body.endswith(f"--{BOUNDARY}--\r\n")
    # Stable: the same request body every run, so the HTTP cache and the mirror recognise it.
    assert spider.listing_request(3).body == request.body


def test_listing_query_without_programmes() -> None:
    assert listing_query([]) == {
        "bool": {
            "must": [
                {"terms": {"type": ["1", "2", "8"]}},
                {"terms": {"status": ["31094501", "31094502"]}},
            ]
        }
    }
    assert multipart_body({"a": [1]}).startswith(f"--{BOUNDARY}\r\n".encode())


def test_unknown_programme_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown SEDIA programme 'ERASMUS'"):
        SediaSpider.from_crawler(get_crawler(SediaSpider), programmes="HORIZON,ERASMUS")


def test_changed_layout_breaks_the_contract() -> None:
    spider = make_spider()
    request = spider.listing_request(1)
    assert list(spider.parse(answer(request, "changed_layout.json"), page=1)) == []
    assert spider.crawler.stats.get_value(CONTRACT_KEY) == 1


def test_failed_listing_page_still_describes_what_was_read() -> None:
    with freeze_time(CAPTURED):
        spider = make_spider()
        first = spider.listing_request(1)
        list(spider.parse(answer(first, "search_page1.json"), page=1))

        class FakeFailure:
            def getErrorMessage(self) -> str:
                return "500 Internal Server Error"

        requests = list(spider.listing_failed(FakeFailure()))  # type: ignore[arg-type]
    assert len(requests) == 5


# ------------------------------------------------------------------------------------- a real run


class _Always500(BaseHTTPRequestHandler):
    hits: list[str] = []

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        type(self).hits.append(f"{self.command} {self.path}")
        body = (FILES / "error_500.json").read_bytes()
        self.send_response(500)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = _answer

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def server_500() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Always500)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_http_500_is_retried_then_the_run_is_recorded_failed(server_500: str, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'run.db'}"
    engine = make_engine(url)
    Base.metadata.create_all(engine)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "scrapy",
            "crawl",
            "sedia",
            "-a",
            "programmes=HORIZON",
            "-s",
            f"MIRROR_URL={server_500}",
            "-s",
            "GRANTRADAR_STORE=1",
            "-s",
            f"GRANTRADAR_DATABASE_URL={url}",
            "-s",
            "DOWNLOAD_DELAY=0",
            "-s",
            "AUTOTHROTTLE_ENABLED=0",
            "-s",
            f"HTTPCACHE_DIR={tmp_path / 'cache'}",
            "-s",
            "LOG_LEVEL=WARNING",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    posts = [h for h in _Always500.hits if h.startswith("POST /api.tech.ec.europa.eu/search-api/prod/rest/search")]
    assert len(posts) == 3  # the first try and RETRY_TIMES = 2 retries
    with session_scope(engine) as session:
        run = session.scalars(select(CrawlRun).where(CrawlRun.source == "sedia")).one()
        assert run.status == "failed"
        assert "500" in (run.reason or "")
        assert run.items_scraped == 0
    engine.dispose()
