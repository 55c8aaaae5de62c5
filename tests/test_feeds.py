"""Feeds spider: RSS entries → call records or enrichments of another source's call, under frozen time."""

from __future__ import annotations

import asyncio
import hashlib
from pathlib import Path
from typing import Any

import pytest
from freezegun import freeze_time
from scrapy.http import XmlResponse
from scrapy.utils.test import get_crawler

from spiders.feeds import FeedsSpider, linked_call_pages, native_id_for, owned_call_page
from spiders.health import CONTRACT_KEY, CONTRACT_REASON_KEY
from spiders.markup import html_to_text, strip_feed_trailer
from spiders.validation import problem

FILES = Path(__file__).parent / "files" / "feeds"
CAPTURED = "2026-11-20T07:00:00Z"
TACR_FEED = "https://tacr.gov.cz/kategorie/verejne-souteze/feed/"
OPZ_FEED = "https://www.esfcr.cz/prehled-vyzev-opz-plus/-/asset_publisher/SfUza2tXdZGm/rss"
FOREST = "https://tacr.gov.cz/soutez/forest/call-2026-4/"
SIGMA = (
    "https://tacr.gov.cz/soutez/program-sigma/osmnacta-verejna-soutez-%e2%81%a0%e2%81%a0%e2%81%a0%e2%81%a0"
    "%e2%81%a0%e2%81%a0-dilci-cil-1-podpora-komercializace-vavai/"
)
OPZ_085 = "https://www.esfcr.cz/prehled-vyzev-opz-plus/-/asset_publisher/SfUza2tXdZGm/content/id/22436366"
OPZ_116 = "https://www.esfcr.cz/prehled-vyzev-opz-plus/-/asset_publisher/SfUza2tXdZGm/content/id/22629120"


def make_spider(feeds: str = f"{TACR_FEED},{OPZ_FEED}") -> FeedsSpider:
    return FeedsSpider.from_crawler(get_crawler(FeedsSpider), feeds=feeds)


def read(name: str, url: str, spider: FeedsSpider | None = None) -> list[dict[str, Any]]:
    spider = spider or make_spider()
    response = XmlResponse(
        url=url,
        body=(FILES / name).read_bytes(),
        encoding="utf-8",
        headers={"Content-Type": "application/rss+xml; charset=UTF-8"},
    )
    with freeze_time(CAPTURED):
        return [dict(item) for item in spider.parse(response)]


@pytest.fixture(scope="module")
def tacr() -> dict[str, dict[str, Any]]:
    return {item["url"]: item for item in read("tacr_verejne_souteze.xml", TACR_FEED)}


@pytest.fixture(scope="module")
def opz() -> dict[str, dict[str, Any]]:
    return {item["url"]: item for item in read("opz_vyzvy.xml", OPZ_FEED)}


def test_entries_pointing_at_competitions_carry_the_competition_url(tacr: dict[str, dict[str, Any]]) -> None:
    # The FOREST news post links the competition page; the SIGMA entry is the page itself (U+2060 kept encoded).
    assert sorted(tacr) == [FOREST, SIGMA]


def test_skipped_entries_are_counted() -> None:
    spider = make_spider()
    read("tacr_verejne_souteze.xml", TACR_FEED, spider)
    stats = spider.crawler.stats.get_stats()
    assert stats["grantradar/feeds/skipped_not_a_call"] == 2  # results post, fair post
    assert stats["grantradar/feeds/repeated"] == 1  # the reminder about FOREST


def test_native_id_is_a_stable_hash_of_the_url(tacr: dict[str, dict[str, Any]]) -> None:
    assert tacr[FOREST]["native_id"] == "tacr.gov.cz-" + hashlib.sha1(FOREST.encode()).hexdigest()[:12]
    assert tacr[FOREST]["id"] == "feeds:" + tacr[FOREST]["native_id"]
    assert native_id_for(FOREST) == tacr[FOREST]["native_id"]


def test_title(tacr: dict[str, dict[str, Any]], opz: dict[str, dict[str, Any]]) -> None:
    assert tacr[FOREST]["title"] == "TA ČR vyhlašuje FOREST Call 2026"
    assert opz[OPZ_085]["title"] == "Podpora služeb pro ohrožené děti, rodiny a mladé dospělé (4)"


def test_description_is_content_encoded_without_trailer(tacr: dict[str, dict[str, Any]]) -> None:
    assert tacr[FOREST]["description"] == (
        "Technologická agentura ČR se zapojuje do první výzvy evropského partnerství pro lesní sektor FOREST. "
        "Národní alokace činí 500 000 EUR, maximální podpora na projekt 170 000 EUR při intenzitě 80 %.\n"
        "Uchazeči: výzkumná organizace, podnik, organizační složky státu. Podrobnosti najdete na stránce "
        "FOREST Call 2026."
    )


def test_keywords_from_categories(tacr: dict[str, dict[str, Any]]) -> None:
    assert tacr[FOREST]["keywords"] == ["Veřejné soutěže", "Mezinárodní spolupráce"]
    assert tacr[SIGMA]["keywords"] == ["Veřejné soutěže", "SIGMA"]


def test_funder_language_region(tacr: dict[str, dict[str, Any]], opz: dict[str, dict[str, Any]]) -> None:
    assert (tacr[FOREST]["funder"], tacr[FOREST]["language"], tacr[FOREST]["region"]) == ("TA ČR", "cs", "CZ")
    assert opz[OPZ_085]["funder"] == "Ministerstvo práce a sociálních věcí (OPZ+)"
    assert opz[OPZ_085]["language"] == "cs"  # cs-CZ


def test_status_unknown_without_labelled_dates(tacr: dict[str, dict[str, Any]]) -> None:
    assert (tacr[FOREST]["status"], tacr[FOREST]["deadlines"], tacr[FOREST]["opens_at"]) == ("unknown", [], None)


def test_labelled_dates_and_status(opz: dict[str, dict[str, Any]]) -> None:
    assert opz[OPZ_085]["opens_at"] == "2026-06-29T12:00:00+02:00"
    assert opz[OPZ_085]["deadlines"] == ["2026-09-14T12:00:00+02:00"]
    assert opz[OPZ_085]["status"] == "closed"
    assert opz[OPZ_116]["deadlines"] == ["2026-11-23T12:00:00+01:00"]
    assert opz[OPZ_116]["status"] == "open"


def test_call_code_programme_and_allocation(opz: dict[str, dict[str, Any]], tacr: dict[str, dict[str, Any]]) -> None:
    assert (opz[OPZ_085]["call_code"], opz[OPZ_085]["programme"]) == ("03_25_085", "OPZ+")
    assert opz[OPZ_085]["budget_total"] == {"amount": 180000000, "currency": "CZK"}
    assert (tacr[FOREST]["call_code"], tacr[FOREST]["programme"], tacr[FOREST]["budget_total"]) == (None, None, None)


def test_invariants(tacr: dict[str, dict[str, Any]], opz: dict[str, dict[str, Any]]) -> None:
    items = list(tacr.values()) + list(opz.values())
    assert len(items) == 4
    for item in items:
        assert problem(item) is None
        assert item["url"].startswith(("https://tacr.gov.cz/", "https://www.esfcr.cz/"))
        assert item["fetched_at"] == "2026-11-20T07:00:00+00:00"


def test_malformed_feed_is_reported_not_crashed_on() -> None:
    spider = make_spider()
    assert read("malformed.xml", OPZ_FEED, spider) == []
    stats = spider.crawler.stats.get_stats()
    assert stats[CONTRACT_KEY] == 1
    assert "malformed feed" in stats[CONTRACT_REASON_KEY] and OPZ_FEED in stats[CONTRACT_REASON_KEY]
    # The next feed of the same run is still read.
    assert len(read("opz_vyzvy.xml", OPZ_FEED, spider)) == 2


def test_slightly_broken_feed_is_read() -> None:
    spider = make_spider()
    items = read("truncated.xml", "https://tacr.gov.cz/kategorie/aktuality/feed/", spider)
    assert [i["title"] for i in items] == ["Vyhlášení 9. veřejné soutěže programu TREND & co."]
    assert spider.crawler.stats.get_value("grantradar/feeds/bozo_tolerated") == 1
    assert spider.crawler.stats.get_value(CONTRACT_KEY) is None


def test_feeds_argument_and_start_requests() -> None:
    spider = make_spider(f" {TACR_FEED} ,{OPZ_FEED}")

    async def collect() -> list[str]:
        return [request.url async for request in spider.start()]

    assert asyncio.run(collect()) == [TACR_FEED, OPZ_FEED]
    with pytest.raises(ValueError, match="http"):
        make_spider("file:///etc/passwd")


def test_default_feeds_come_from_the_config(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GRANTRADAR_FEEDS", "https://example.org/a.xml,https://example.org/b.xml")
    spider = FeedsSpider.from_crawler(get_crawler(FeedsSpider))
    assert spider.feed_urls == ["https://example.org/a.xml", "https://example.org/b.xml"]


def test_owned_pages_and_links() -> None:
    assert owned_call_page(FOREST) and owned_call_page(SIGMA)
    assert not owned_call_page("https://tacr.gov.cz/program/program-trend/")
    html = f'<p><a href="{FOREST}">a</a> <a href="/soutez/forest/call-2026-4/">b</a> <a href="javascript:x">c</a></p>'
    assert linked_call_pages(html, "https://tacr.gov.cz/post/") == [FOREST]


def test_markup_helpers() -> None:
    assert html_to_text("<p>a <b>b</b></p><ul><li>c</li><li>d</li></ul><script>x()</script>") == "a b\nc\nd"
    assert html_to_text("plain\n\n text ") == "plain\ntext"
    assert html_to_text("") == ""
    assert strip_feed_trailer("Body.\nThe post X appeared first on Y.") == "Body."
