"""JmkSpider on fixtures of dotace.kr-jihomoravsky.cz (tests/files/jmk/, see its manifest.json), frozen time."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from freezegun import freeze_time
from scrapy import Request
from scrapy.http import HtmlResponse
from scrapy.utils.test import get_crawler

from spiders.health import CONTRACT_KEY, CONTRACT_REASON_KEY
from spiders.jmk import AREAS_URL, JmkSpider, waf_reason
from spiders.validation import problem

FILES = Path(__file__).parent / "files" / "jmk"
MANIFEST = {entry["path"]: entry for entry in json.loads((FILES / "manifest.json").read_text())["files"]}
CAPTURED = "2026-07-15T10:00:00+02:00"
GRANTS = ("grant_24084.html", "grant_24209.html", "grant_24311.html")


def response(name: str, url: str | None = None) -> HtmlResponse:
    return HtmlResponse(
        url=url or MANIFEST[name]["sourceUrl"],
        body=(FILES / name).read_bytes(),
        encoding="utf-8",
        request=Request(url or MANIFEST[name]["sourceUrl"]),
    )


def make_spider() -> JmkSpider:
    return JmkSpider.from_crawler(get_crawler(JmkSpider))


@pytest.fixture(scope="module")
def crawl() -> dict[str, Any]:
    """Areas → folders → grants through the callbacks, each request answered by its fixture."""
    spider = make_spider()
    by_url = {
        entry["sourceUrl"]: name for name, entry in MANIFEST.items() if name.startswith(("areas", "folder", "grant_2"))
    }
    requests: list[Request] = []
    items: list[dict[str, Any]] = []
    with freeze_time(CAPTURED):
        queue = list(spider.parse_areas(response("areas.html")))
        while queue:
            request = queue.pop(0)
            requests.append(request)
            for result in request.callback(response(by_url[request.url]), **request.cb_kwargs):
                if isinstance(result, Request):
                    queue.append(result)
                else:
                    items.append(dict(result))
    return {"requests": requests, "items": {item["native_id"]: item for item in items}, "spider": spider}


def test_walks_areas_folders_grants(crawl: dict[str, Any]) -> None:
    urls = [r.url for r in crawl["requests"]]
    assert urls[:3] == [MANIFEST[f]["sourceUrl"] for f in ("folder_757.html", "folder_761.html", "folder_770.html")]
    assert urls[3:] == [MANIFEST[g]["sourceUrl"] for g in GRANTS]
    assert crawl["requests"][3].cb_kwargs == {
        "area": "Regionální rozvoj",
        "listed_title": "Rozvoj turistické infrastruktury Jihomoravského kraje 2026",
    }
    assert crawl["spider"].crawler.stats.get_value(CONTRACT_KEY) is None


def test_ids(crawl: dict[str, Any]) -> None:
    assert sorted(crawl["items"]) == ["24084", "24209", "24311"]
    assert crawl["items"]["24084"]["id"] == "jmk:24084"
    assert crawl["items"]["24084"]["call_code"] is None


def test_title(crawl: dict[str, Any]) -> None:
    assert crawl["items"]["24084"]["title"] == "Rozvoj turistické infrastruktury Jihomoravského kraje 2026"
    assert crawl["items"]["24311"]["title"] == (
        "Podpora spolupráce výzkumných organizací a podniků v Jihomoravském kraji 2026"
    )


def test_description_from_misspelt_and_correct_label(crawl: dict[str, Any]) -> None:
    assert crawl["items"]["24084"]["description"] == (  # "Cíl/učel programu"
        "Podpora budování a obnovy turistické infrastruktury (cyklostezky, naučné stezky, odpočívky, rozhledny) "
        "v Jihomoravském kraji."
    )
    assert crawl["items"]["24209"]["description"] == (  # "Cíl/účel programu"
        "Podpora sportovní přípravy talentovaných individuálních sportovců s trvalým pobytem v Jihomoravském kraji."
    )


def test_window_with_times(crawl: dict[str, Any]) -> None:
    items = crawl["items"]
    assert items["24084"]["opens_at"] == "2026-06-30T08:00:00+02:00"
    assert items["24084"]["deadlines"] == ["2026-08-10T14:00:00+02:00"]
    assert items["24311"]["opens_at"] == "2026-06-01T08:00:00+02:00"
    assert items["24311"]["deadlines"] == ["2026-07-31T12:00:00+02:00"]
    assert items["24209"]["deadlines"] == ["2026-09-30T14:00:00+02:00"]


def test_status(crawl: dict[str, Any]) -> None:
    assert [crawl["items"][i]["status"] for i in ("24084", "24209", "24311")] == ["open", "forthcoming", "open"]
    spider = make_spider()
    with freeze_time("2026-08-10T14:00:01+02:00"):
        (item,) = spider.parse_grant(response("grant_24084.html"))
    assert item["status"] == "closed"


def test_money(crawl: dict[str, Any]) -> None:
    item = crawl["items"]["24084"]
    assert item["budget_total"] == {"amount": 16000000, "currency": "CZK"}
    assert item["grant_min"] == {"amount": 100000, "currency": "CZK"}  # "100.000,- Kč"
    assert item["grant_max"] == {"amount": 2000000, "currency": "CZK"}  # "2.000.000,- Kč"
    assert crawl["items"]["24311"]["grant_max"] == {"amount": 1500000, "currency": "CZK"}
    assert crawl["items"]["24209"]["budget_total"] == {"amount": 5000000, "currency": "CZK"}


def test_funding_rate_from_cofinancing(crawl: dict[str, Any]) -> None:
    assert crawl["items"]["24084"]["funding_rate_max"] == 60  # 40 % co-financing
    assert crawl["items"]["24209"]["funding_rate_max"] == 100  # 0 % co-financing
    assert crawl["items"]["24311"]["funding_rate_max"] == 50


def test_applicants(crawl: dict[str, Any]) -> None:
    items = crawl["items"]
    assert items["24084"]["eligibility_text"] == "obce, svazky obcí a spolky působící v cestovním ruchu"
    assert items["24084"]["applicants"] == ["municipality", "ngo"]
    assert items["24209"]["applicants"] == ["individual"]
    assert items["24311"]["applicants"] == ["enterprise", "sme", "research_org"]


def test_documents(crawl: dict[str, Any]) -> None:
    assert crawl["items"]["24084"]["documents"] == [
        {
            "title": "Dotační program 2026.pdf",
            "url": "https://dotace.kr-jihomoravsky.cz/Documents/24084/Dotacni-program-2026.pdf",
        },
        {
            "title": "Žádost o finanční podporu_2026.fo",
            "url": "https://dotace.kr-jihomoravsky.cz/Documents/24084/Zadost-2026.fo",
        },
        {"title": "Rozpočet.xlsx", "url": "https://dotace.kr-jihomoravsky.cz/Documents/24084/Rozpocet.xlsx"},
    ]
    assert [d["title"] for d in crawl["items"]["24311"]["documents"]] == [
        "Dotační program VaVaI 2026.pdf",
        "Žádost VaVaI 2026.fo",
    ]


def test_constants_and_keywords(crawl: dict[str, Any]) -> None:
    item = crawl["items"]["24311"]
    assert (item["funder"], item["region"], item["language"], item["programme"]) == (
        "Jihomoravský kraj",
        "CZ064",
        "cs",
        None,
    )
    assert item["keywords"] == ["Věda, výzkum a inovace"]
    assert item["fetched_at"] == "2026-07-15T08:00:00+00:00"


@pytest.mark.parametrize("native_id", ["24084", "24209", "24311"])
def test_invariants(crawl: dict[str, Any], native_id: str) -> None:
    item = crawl["items"][native_id]
    assert problem(item) is None
    assert item["url"].startswith("https://dotace.kr-jihomoravsky.cz/Grants/")
    for value in [item["opens_at"], *item["deadlines"]]:
        assert datetime.fromisoformat(value).tzinfo is not None
    assert all(d["url"].startswith("https://dotace.kr-jihomoravsky.cz/Documents/") for d in item["documents"])


def test_changed_layout_breaks_contract() -> None:
    spider = make_spider()
    with freeze_time(CAPTURED):
        assert list(spider.parse_grant(response("grant_changed.html"))) == []
    stats = spider.crawler.stats.get_stats()
    assert stats[CONTRACT_KEY] == 1
    assert "Příjem žádostí" in stats[CONTRACT_REASON_KEY]


@pytest.mark.parametrize(
    ("fixture", "url", "reason"),
    [
        ("waf_rejected.html", AREAS_URL, "the requested url was rejected"),
        ("waf_login.html", "https://dotace.kr-jihomoravsky.cz/my.policy", "/my.policy"),
    ],
)
@pytest.mark.parametrize("callback", ["parse_areas", "parse_folder", "parse_grant"])
def test_firewall_page_with_200_breaks_contract(fixture: str, url: str, reason: str, callback: str) -> None:
    spider = make_spider()
    kwargs = {"area": "Regionální rozvoj"} if callback == "parse_folder" else {}
    assert list(getattr(spider, callback)(response(fixture, url), **kwargs)) == []
    stats = spider.crawler.stats.get_stats()
    assert stats[CONTRACT_KEY] == 1
    assert reason in stats[CONTRACT_REASON_KEY]


def test_redirect_to_login_is_recognised_by_history() -> None:
    request = Request(AREAS_URL, meta={"redirect_urls": ["https://dotace.kr-jihomoravsky.cz/my.policy"]})
    page = HtmlResponse(url=AREAS_URL, body=b"<html><body><p>Please wait</p></body></html>", request=request)
    assert waf_reason(page) == "redirected to the F5 login /my.policy"


def test_real_pages_are_not_taken_for_firewall_pages() -> None:
    for name in ("areas.html", "folder_757.html", *GRANTS):
        assert waf_reason(response(name)) is None, name


def test_areas_without_folders_breaks_contract() -> None:
    spider = make_spider()
    empty = HtmlResponse(
        url=AREAS_URL,
        body="<html><body><h1>Údržba</h1></body></html>".encode(),
        encoding="utf-8",
        request=Request(AREAS_URL),
    )
    assert list(spider.parse_areas(empty)) == []
    assert spider.crawler.stats.get_value(CONTRACT_KEY) == 1
