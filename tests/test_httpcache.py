"""Conditional requests: the cache policy revalidates, keys on the real URL, never hides a failing source,
and an unchanged re-crawl through the mirror costs 304s only."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest
from scrapy import Request, Spider
from scrapy.http import Response
from scrapy.settings import Settings
from scrapy.utils.test import get_crawler

from bench.bench_recrawl import crawl_command
from grantradar.mirror import MirrorServer, snapshot_path
from spiders.httpcache import (
    NETWORK_BYTES_KEY,
    HonestHttpCacheMiddleware,
    MirrorAwareFingerprinter,
    NetworkBytesMiddleware,
    RevalidatingPolicy,
)
from spiders.middlewares import ORIGINAL_URL, mirror_url_for
from spiders.ms2021 import FILE_URL

ROOT = Path(__file__).resolve().parent.parent
FILES = Path(__file__).parent / "files"
MIRROR = "http://127.0.0.1:8771"
LAST_MODIFIED = "Thu, 01 Jan 2026 00:00:00 GMT"
DATE = "Sat, 21 Nov 2026 12:00:00 GMT"


def cached(headers: dict[str, str]) -> Response:
    return Response(FILE_URL, status=200, body=b"<x/>", headers={"Date": DATE, **headers})


def test_no_heuristic_freshness_so_every_run_revalidates() -> None:
    policy = RevalidatingPolicy(Settings())
    request = Request(FILE_URL)
    # Stock RFC2616Policy would call this fresh for ~32 days (10 % of the time since Last-Modified).
    assert not policy.is_cached_response_fresh(cached({"Last-Modified": LAST_MODIFIED, "ETag": '"abc"'}), request)
    assert request.headers["If-None-Match"] == b'"abc"'
    assert request.headers["If-Modified-Since"] == LAST_MODIFIED.encode()


def test_stated_lifetime_is_honoured() -> None:
    policy = RevalidatingPolicy(Settings())
    assert policy.is_cached_response_fresh(cached({"Cache-Control": "max-age=86400"}), Request(FILE_URL))


def test_only_304_validates_a_stored_copy() -> None:
    policy = RevalidatingPolicy(Settings())
    stored = cached({"ETag": '"abc"'})
    request = Request(FILE_URL)
    assert policy.is_cached_response_valid(stored, Response(FILE_URL, status=304), request)
    # Stock policy answers a 5xx with the stored copy: the run would look healthy on a dead source.
    assert not policy.is_cached_response_valid(stored, Response(FILE_URL, status=503), request)
    assert not policy.is_cached_response_valid(stored, Response(FILE_URL, status=200), request)


def test_network_errors_are_not_answered_from_the_cache() -> None:
    crawler = get_crawler(Spider, {"HTTPCACHE_ENABLED": True})
    middleware = HonestHttpCacheMiddleware.from_crawler(crawler)
    request = Request(FILE_URL, meta={"cached_response": cached({})})
    assert middleware.process_exception(request, TimeoutError()) is None
    assert "cached_response" not in request.meta


def test_fingerprint_of_a_mirrored_request_is_the_real_urls() -> None:
    fingerprinter = MirrorAwareFingerprinter(get_crawler(Spider))
    real = Request(FILE_URL)
    mirrored = Request(mirror_url_for(FILE_URL, MIRROR), meta={ORIGINAL_URL: FILE_URL})
    elsewhere = Request(mirror_url_for(FILE_URL, "http://127.0.0.1:9999"), meta={ORIGINAL_URL: FILE_URL})
    assert fingerprinter.fingerprint(mirrored) == fingerprinter.fingerprint(real)
    assert fingerprinter.fingerprint(elsewhere) == fingerprinter.fingerprint(real)
    assert fingerprinter.fingerprint(Request(FILE_URL + "?x=1")) != fingerprinter.fingerprint(real)
    post = Request(FILE_URL, method="POST", body=b"a")
    assert fingerprinter.fingerprint(post) != fingerprinter.fingerprint(Request(FILE_URL, method="POST", body=b"b"))


def test_network_bytes_counted() -> None:
    crawler = get_crawler(Spider)
    crawler.stats.open_spider()
    middleware = NetworkBytesMiddleware.from_crawler(crawler)
    middleware.process_response(Request(FILE_URL), Response(FILE_URL, status=304, headers={"ETag": '"a"'}))
    middleware.process_response(Request(FILE_URL), Response(FILE_URL, body=b"x" * 100))
    assert crawler.stats.get_value("grantradar/network_responses") == 2
    assert 100 < crawler.stats.get_value(NETWORK_BYTES_KEY) < 160
    assert crawler.stats.get_value("grantradar/network_status_count/304") == 1


# ------------------------------------------------------------------------------------- real crawls


def crawl(mirror: str, cache: Path, out: Path, stats_file: Path) -> dict[str, Any]:
    env = dict(os.environ, GRANTRADAR_HTTPCACHE="1")
    result = subprocess.run(
        crawl_command("ms2021", mirror, cache, out, stats_file),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return json.loads(stats_file.read_text())


@pytest.fixture
def snapshot(tmp_path: Path) -> Path:
    root = tmp_path / "snap"
    target = snapshot_path(root, "ms21opendata.mssf.cz", "/SeznamVyzev_21_27.xml")
    target.parent.mkdir(parents=True)
    target.write_bytes((FILES / "ms2021" / "SeznamVyzev_sample.xml").read_bytes())
    return root


def test_unchanged_recrawl_costs_a_304_and_gives_the_same_items(snapshot: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    with MirrorServer(snapshot) as first_mirror:
        first = crawl(first_mirror.url, cache, tmp_path / "1.jsonl", tmp_path / "1.json")
    # Another port: the cache keys on the real URL, so the second mirror is still asked conditionally.
    with MirrorServer(snapshot) as second_mirror:
        second = crawl(second_mirror.url, cache, tmp_path / "2.jsonl", tmp_path / "2.json")
    assert first["grantradar/network_status_count/200"] == 1
    assert second.get("grantradar/network_status_count/200", 0) == 0
    assert second["grantradar/network_status_count/304"] == 1
    body = (FILES / "ms2021" / "SeznamVyzev_sample.xml").stat().st_size
    assert first[NETWORK_BYTES_KEY] - second[NETWORK_BYTES_KEY] >= body  # the file's body was not sent again
    assert second["item_scraped_count"] == first["item_scraped_count"] == 6

    def strip(path: Path) -> list[str]:
        rows = [json.loads(line) for line in path.read_text().splitlines()]
        return sorted(json.dumps({k: v for k, v in r.items() if k != "fetched_at"}, sort_keys=True) for r in rows)

    assert strip(tmp_path / "1.jsonl") == strip(tmp_path / "2.jsonl")

    # A changed file is downloaded again and parsed afresh.
    target = snapshot_path(snapshot, "ms21opendata.mssf.cz", "/SeznamVyzev_21_27.xml")
    target.write_bytes(target.read_bytes().replace(b"Investice do akvakultury", b"Investice do akvakultury II"))
    with MirrorServer(snapshot) as third_mirror:
        third = crawl(third_mirror.url, cache, tmp_path / "3.jsonl", tmp_path / "3.json")
    assert third["grantradar/network_status_count/200"] == 1
    assert "Investice do akvakultury II" in (tmp_path / "3.jsonl").read_text()
