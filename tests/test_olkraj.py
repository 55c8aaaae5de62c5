"""OlkrajSpider on fixtures of www.olkraj.cz (tests/files/olkraj/, see its manifest.json), under frozen time."""

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
from spiders.olkraj import (
    OlkrajSpider,
    clean_title,
    code_from_slug,
    list_url,
    window_from_slug,
)
from spiders.validation import problem

FILES = Path(__file__).parent / "files" / "olkraj"
MANIFEST = {entry["path"]: entry for entry in json.loads((FILES / "manifest.json").read_text())["files"]}
CAPTURED = "2026-04-10T08:00:00+02:00"
CURRENT = list_url(2026, "aktualni-dotacni-programy")
CLOSED = list_url(2026, "ukoncene-dotacni-programy")


def response(name: str) -> HtmlResponse:
    return HtmlResponse(url=MANIFEST[name]["sourceUrl"], body=(FILES / name).read_bytes(), encoding="utf-8")


def make_spider() -> OlkrajSpider:
    return OlkrajSpider.from_crawler(get_crawler(OlkrajSpider), year="2026")


@pytest.fixture(scope="module")
def crawl() -> dict[str, Any]:
    """Both lists, then every detail page they link to (fixtures by URL), as the engine would."""
    spider = make_spider()
    by_url = {entry["sourceUrl"]: name for name, entry in MANIFEST.items() if name != "detail_changed.html"}
    with freeze_time(CAPTURED):
        current = list(spider.parse_list(response("aktualni.html"), closed=False))
        closed = list(spider.parse_list(response("ukoncene.html"), closed=True))
        items = []
        for request in current + closed:
            if request.callback == spider.parse_detail:
                items.extend(request.callback(response(by_url[request.url]), **request.cb_kwargs))
    return {"current": current, "closed": closed, "items": {item["native_id"]: dict(item) for item in items}}


def test_lists_request_details_then_the_closed_list(crawl: dict[str, Any]) -> None:
    assert [r.url for r in crawl["current"]] == [
        MANIFEST["detail_06_07.html"]["sourceUrl"],
        MANIFEST["detail_10_04.html"]["sourceUrl"],
        MANIFEST["detail_12_01_04.html"]["sourceUrl"],
        CLOSED,
    ]
    # 06_07 is on both lists: the current list wins, so the closed list only adds 04_05.
    assert [r.url for r in crawl["closed"]] == [MANIFEST["detail_04_05.html"]["sourceUrl"]]
    assert crawl["closed"][0].cb_kwargs["closed"] is True


def test_list_passes_heading_and_area(crawl: dict[str, Any]) -> None:
    first = crawl["current"][0].cb_kwargs
    assert first["heading"] == (
        "06_07 Program na podporu výstavby a rekonstrukcí sportovních zařízení v obcích Olomouckého kraje v roce 2026"
    )
    assert first["area"] == "Sport a tělovýchova"


def test_start_uses_year_argument() -> None:
    import asyncio

    async def first() -> Request:
        async for request in make_spider().start():
            return request
        raise AssertionError("no start request")

    assert asyncio.run(first()).url == CURRENT


def test_year_defaults_to_config(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GRANTRADAR_OLKRAJ_YEAR", "2027")
    spider = OlkrajSpider.from_crawler(get_crawler(OlkrajSpider))
    assert spider.year == 2027


def test_ids(crawl: dict[str, Any]) -> None:
    assert sorted(crawl["items"]) == ["2026-04_05", "2026-06_07", "2026-10_04", "2026-12_01_04"]
    assert crawl["items"]["2026-06_07"]["id"] == "olkraj:2026-06_07"
    assert crawl["items"]["2026-12_01_04"]["call_code"] == "12_01_04"


def test_title(crawl: dict[str, Any]) -> None:
    items = crawl["items"]
    assert items["2026-06_07"]["title"] == (
        "Program na podporu výstavby a rekonstrukcí sportovních zařízení v obcích Olomouckého kraje v roce 2026"
    )
    # "(příjem žádostí od 1. 2. - 28. 2. 2026)" is the window, not the name.
    assert items["2026-12_01_04"]["title"] == "Podpora rozvoje cestovního ruchu"


def test_description(crawl: dict[str, Any]) -> None:
    assert crawl["items"]["2026-06_07"]["description"] == (
        "Investiční dotace na výstavbu a rekonstrukce sportovních zařízení v obcích Olomouckého kraje."
    )
    assert crawl["items"]["2026-12_01_04"]["description"].startswith(
        "Z dotačního titulu 12_01_04_Podpora rozvoje cestovního ruchu lze žádat o finanční podporu"
    )


def test_window_start_without_year(crawl: dict[str, Any]) -> None:
    item = crawl["items"]["2026-06_07"]
    assert item["opens_at"] == "2026-04-07T00:00:00+02:00"
    assert item["deadlines"] == ["2026-04-17T12:00:00+02:00"]


def test_window_falls_back_to_slug(crawl: dict[str, Any]) -> None:
    item = crawl["items"]["2026-10_04"]  # the table says "viz Pravidla …"
    assert item["opens_at"] == "2026-04-01T00:00:00+02:00"
    assert item["deadlines"] == ["2026-04-30T23:59:59+02:00"]


def test_window_with_winter_offset_and_time(crawl: dict[str, Any]) -> None:
    item = crawl["items"]["2026-04_05"]
    assert item["opens_at"] == "2026-01-05T00:00:00+01:00"
    assert item["deadlines"] == ["2026-01-30T14:00:00+01:00"]


def test_status(crawl: dict[str, Any]) -> None:
    items = crawl["items"]
    assert items["2026-06_07"]["status"] == "open"
    assert items["2026-10_04"]["status"] == "open"
    assert items["2026-12_01_04"]["status"] == "closed"  # still on the current list, window over
    assert items["2026-04_05"]["status"] == "closed"


def test_status_closed_list_wins_over_future_window() -> None:
    spider = make_spider()
    with freeze_time("2026-04-01T08:00:00+02:00"):
        item = next(iter(spider.parse_detail(response("detail_06_07.html"), url="", heading="", area="", closed=True)))
    assert item["status"] == "closed"


def test_status_forthcoming_before_window() -> None:
    spider = make_spider()
    with freeze_time("2026-03-01T08:00:00+01:00"):
        item = next(iter(spider.parse_detail(response("detail_06_07.html"), url="", heading="", area="", closed=False)))
    assert item["status"] == "forthcoming"


def test_applicants_and_eligibility(crawl: dict[str, Any]) -> None:
    items = crawl["items"]
    # Eligibility given only as a PDF name: no text, the PDF is a document.
    assert items["2026-06_07"]["eligibility_text"] is None
    assert items["2026-06_07"]["applicants"] == []
    assert items["2026-12_01_04"]["eligibility_text"] == (
        "obce, svazky obcí, spolky a obecně prospěšné společnosti se sídlem v Olomouckém kraji"
    )
    assert items["2026-12_01_04"]["applicants"] == ["municipality", "ngo"]
    assert items["2026-10_04"]["applicants"] == ["individual"]


def test_documents(crawl: dict[str, Any]) -> None:
    assert crawl["items"]["2026-06_07"]["documents"] == [
        {
            "title": "06_07_Okruh oprávněných žadatelů v dotačním programu.pdf",
            "url": "https://www.olkraj.cz/uploads/grant/352/doc/06-07-okruh-opravnenych-zadatelu.pdf",
        },
        {
            "title": "06_07_Pravidla dotačního programu.pdf",
            "url": "https://www.olkraj.cz/uploads/grant/352/doc/06-07-pravidla-dotacniho-programu.pdf",
        },
        {
            "title": "06_07_Vzor žádosti v dotačním programu.pdf",
            "url": "https://www.olkraj.cz/uploads/grant/352/doc/06-07-vzor-zadosti.pdf",
        },
    ]
    assert [d["url"] for d in crawl["items"]["2026-10_04"]["documents"]][-1].endswith("/10-04-zadost-vzor.docx")


def test_constants_and_keywords(crawl: dict[str, Any]) -> None:
    item = crawl["items"]["2026-06_07"]
    assert (item["funder"], item["region"], item["language"], item["programme"]) == (
        "Olomoucký kraj",
        "CZ071",
        "cs",
        None,
    )
    assert item["budget_total"] is None and item["grant_max"] is None and item["funding_rate_max"] is None
    assert item["keywords"] == ["Sport a tělovýchova"]
    assert item["fetched_at"] == "2026-04-10T06:00:00+00:00"


@pytest.mark.parametrize("native_id", ["2026-04_05", "2026-06_07", "2026-10_04", "2026-12_01_04"])
def test_invariants(crawl: dict[str, Any], native_id: str) -> None:
    item = crawl["items"][native_id]
    assert problem(item) is None
    assert item["url"].startswith("https://www.olkraj.cz/dotace-granty-prispevky-krajske-dotacni-programy-2026/")
    for value in [item["opens_at"], *item["deadlines"]]:
        assert datetime.fromisoformat(value).tzinfo is not None
    assert all(d["url"].startswith("https://www.olkraj.cz/uploads/") for d in item["documents"])


def test_changed_layout_breaks_contract() -> None:
    spider = make_spider()
    with freeze_time(CAPTURED):
        items = list(spider.parse_detail(response("detail_changed.html"), url="", heading="", area="", closed=False))
    assert items == []
    stats = spider.crawler.stats.get_stats()
    assert stats[CONTRACT_KEY] == 1
    assert "Název" in stats[CONTRACT_REASON_KEY] and "Termín příjmu žádostí" in stats[CONTRACT_REASON_KEY]


def test_list_without_heading_breaks_contract() -> None:
    spider = make_spider()
    login = HtmlResponse(
        url=CURRENT, body=b"<html><body><form><input type='password'></form></body></html>", encoding="utf-8"
    )
    assert list(spider.parse_list(login, closed=False)) == []
    assert spider.crawler.stats.get_value(CONTRACT_KEY) == 1


@pytest.mark.parametrize(
    ("url", "window", "code"),
    [
        (".../06-07-program-na-podporu-prijem-zadosti-7-4-17-4-2026", "7.4. - 17.4.2026", "06_07"),
        (".../10-04-stipendijni-program-prijem-zadosti-1-4-2026-30-4-2026", "1.4.2026 - 30.4.2026", "10_04"),
        (".../12-01-04-podpora-rozvoje-cestovniho-ruchu", None, "12_01_04"),
        (".../individualni-dotace", None, None),
    ],
)
def test_slug_helpers(url: str, window: str | None, code: str | None) -> None:
    assert window_from_slug("https://www.olkraj.cz/" + url) == window
    assert code_from_slug("https://www.olkraj.cz/" + url) == code


def test_clean_title_keeps_names_without_code() -> None:
    assert clean_title("Individuální dotace") == "Individuální dotace"
    assert clean_title("12_01_04_Podpora rozvoje cestovního ruchu (příjem žádostí 1.2. - 28.2.2022)") == (
        "Podpora rozvoje cestovního ruchu"
    )
