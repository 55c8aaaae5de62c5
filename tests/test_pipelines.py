"""Validation (invalid items dropped and counted) and storage pipelines."""

from __future__ import annotations

from typing import Any

import pytest
from scrapy import Spider
from scrapy.exceptions import DropItem
from scrapy.utils.test import get_crawler
from sqlalchemy import Engine, func, select

from spiders.items import CALL_FIELDS, CallItem
from spiders.pipelines import StorePipeline, ValidationPipeline
from spiders.validation import problem
from store.db import session_scope
from store.models import Call, CallRecord
from tests.test_store import record


def test_valid_record_passes() -> None:
    assert problem(record()) is None
    assert set(record()) == set(CALL_FIELDS)


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"title": "  "}, "no_title"),
        ({"id": "tacr:other"}, "bad_id"),
        ({"url": "/soutez/x/"}, "bad_url"),
        ({"url": "javascript:alert(1)"}, "bad_url"),
        ({"status": "running"}, "bad_status"),
        ({"language": "de"}, "bad_language"),
        ({"deadlines": ["2026-12-02T23:59:59"]}, "bad_deadlines"),
        ({"deadlines": ["2027-01-02T00:00:00+01:00", "2026-12-02T00:00:00+01:00"]}, "deadlines_not_ascending"),
        ({"opens_at": "15. 9. 2026"}, "bad_opens_at"),
        ({"budget_total": {"amount": "10 mil. Kč", "currency": "CZK"}}, "bad_budget_total"),
        ({"grant_max": {"amount": 1, "currency": "USD"}}, "bad_grant_max"),
        ({"funding_rate_max": 170}, "bad_funding_rate"),
        ({"applicants": ["startup"]}, "bad_applicants"),
        ({"region": "Olomouc"}, "bad_region"),
        ({"region": "cz071"}, "bad_region"),
        ({"region": "CZ1"}, "bad_region"),
        ({"url": "https:///soutez/x/"}, "bad_url"),
        ({"documents": [{"title": "x", "url": "ftp://x"}]}, "bad_documents"),
        ({"keywords": [1]}, "bad_keywords"),
        ({"fetched_at": "yesterday"}, "bad_fetched_at"),
    ],
)
def test_invalid_records(change: dict[str, Any], reason: str) -> None:
    assert problem(record(**change)) == reason


@pytest.mark.parametrize("region", ["EU", "CZ", "CZ07", "CZ071", "CZ064", "CZ010"])
def test_region_codes_accepted(region: str) -> None:
    assert problem(record(region=region)) is None


def test_missing_and_extra_fields() -> None:
    rec = record()
    del rec["keywords"]
    assert problem(rec) == "missing_fields"
    assert problem(record(raw="x")) == "extra_fields"


def test_mirror_urls_are_refused() -> None:
    rec = record(url="http://127.0.0.1:8765/tacr.gov.cz/soutez/forest/call-2026-4/")
    assert problem(rec, "http://127.0.0.1:8765") == "mirror_url"


def test_validation_pipeline_drops_and_counts() -> None:
    crawler = get_crawler(Spider)
    crawler.stats.open_spider()
    pipeline = ValidationPipeline.from_crawler(crawler)
    good = CallItem(**record())
    assert pipeline.process_item(good) is good
    with pytest.raises(DropItem):
        pipeline.process_item(CallItem(**record()))  # the same id again within a run
    with pytest.raises(DropItem):
        pipeline.process_item(CallItem(**record(id="tacr:x2", native_id="x2", status="??")))
    assert crawler.stats.get_value("grantradar/dropped/duplicate") == 1
    assert crawler.stats.get_value("grantradar/dropped/bad_status") == 1


def test_store_pipeline_off_by_default() -> None:
    pipeline = StorePipeline.from_crawler(get_crawler(Spider))
    assert not isinstance(pipeline, StorePipeline)
    item = CallItem(**record())
    assert pipeline.process_item(item) is item


def test_store_pipeline_upserts_in_batches(engine: Engine) -> None:
    url = engine.url.render_as_string(hide_password=False)
    crawler = get_crawler(
        Spider, {"GRANTRADAR_STORE": True, "GRANTRADAR_DATABASE_URL": url, "GRANTRADAR_STORE_BATCH": 2}
    )
    crawler.stats.open_spider()
    pipeline = StorePipeline.from_crawler(crawler)
    for n in range(3):
        pipeline.process_item(
            CallItem(**record(id=f"tacr:c{n}", native_id=f"c{n}", url=f"https://tacr.gov.cz/soutez/c{n}/"))
        )
    # Two were committed by the first batch before the spider closed.
    with session_scope(engine) as session:
        assert session.scalar(select(func.count()).select_from(CallRecord)) == 2
    pipeline.close_spider()
    with session_scope(engine) as session:
        assert session.scalar(select(func.count()).select_from(Call)) == 3
    assert crawler.stats.get_value("grantradar/stored/new") == 3
