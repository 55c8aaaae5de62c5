"""DotaceeuSpider on fixtures of www.dotaceeu.cz (tests/files/dotaceeu/, see its manifest.json), frozen time."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from freezegun import freeze_time
from scrapy.http import HtmlResponse
from scrapy.utils.test import get_crawler

from spiders.dotaceeu import (
    LISTING_URL,
    Change,
    DotaceeuSpider,
    latest_allocation,
    latest_objectives,
    map_state,
    parse_change_log,
)
from spiders.health import CONTRACT_KEY, CONTRACT_REASON_KEY
from spiders.validation import problem

FILES = Path(__file__).parent / "files" / "dotaceeu"
MANIFEST = {entry["path"]: entry for entry in json.loads((FILES / "manifest.json").read_text())["files"]}
CAPTURED = "2026-09-14T11:02:48+00:00"
# REAL-DERIVED page texts copied into the fixtures (see manifest.json), so a fresh clone runs the test too.
PRAUT = json.loads((FILES / "praut_dotaceeu_detail_text_records.json").read_text(encoding="utf-8"))["items"]
# The REAL visible text of the 50. výzva OP AMIF page (shared/data/sources/dotaceeu/), for the log parser.
AMIF_50_TEXT = (
    "Stav výzvy: Otevřená Informace o výzvě Aktuality 29.08.2026 Změna datumu otevření: na 28.08.2026 "
    "29.08.2026 Změna datumu uzavření: na 16.10.2026 29.08.2026 Změna datumu zpřístupnění: na 28.08.2026 "
    "29.08.2026 Změna stavu: na Otevřená 29.08.2026 Změna kódu stavu: na VP31 29.08.2026 Změna cílů: na Posílit "
    "a rozvíjet způsoby legální migrace do členských států v souladu s jejich ekonomickými a sociálními potřebami "
    "a podporovat účinnou integraci a sociální začleňování státních příslušníků třetích zemí a přispívat k nim "
    "29.08.2026 Změna cílů: na OP AMIF Odebírejte aktualizace této stránky X Pro odběr aktualizací musíte být "
    "přihlášeni."
)


def response(name: str) -> HtmlResponse:
    return HtmlResponse(url=MANIFEST[name]["sourceUrl"], body=(FILES / name).read_bytes(), encoding="utf-8")


def make_spider() -> DotaceeuSpider:
    return DotaceeuSpider.from_crawler(get_crawler(DotaceeuSpider))


@pytest.fixture(scope="module")
def crawl() -> dict[str, Any]:
    spider = make_spider()
    by_url = {
        e["sourceUrl"]: name
        for name, e in MANIFEST.items()
        if name.startswith("detail_") and name != "detail_changed.html"
    }
    with freeze_time(CAPTURED):
        requests = list(spider.parse(response("listing.html")))
        items = [
            dict(item)
            for request in requests
            for item in request.callback(response(by_url[request.url]), **request.cb_kwargs)
        ]
    return {"requests": requests, "items": {item["native_id"]: item for item in items}, "spider": spider}


def test_listing_requests_every_detail_with_listing_data(crawl: dict[str, Any]) -> None:
    assert len(crawl["requests"]) == 6
    first = crawl["requests"][0]
    assert first.url == MANIFEST["detail_12_26_050.html"]["sourceUrl"]
    assert first.cb_kwargs == {
        "listed_title": "50. výzva OP AMIF - Podpora poskytování informací cizincům II",
        "listed_state": "Otevřená",
        "listed_programme": "OP AMIF",
        "listed_window": "Termín pro podání žádosti: 28. 8. 2026 - 16. 10. 2026",
    }
    assert crawl["spider"].crawler.stats.get_value(CONTRACT_KEY) is None


def test_ids_and_call_codes(crawl: dict[str, Any]) -> None:
    items = crawl["items"]
    assert sorted(items) == [
        "01_26_091",
        "12_26_050",
        "12_26_052",
        "13_26_015",
        "14_26_021",
        "FuseNet-Call-for-the-Organisation-of-Mini-Workshop",
    ]
    assert items["12_26_050"]["id"] == "dotaceeu:12_26_050"
    assert items["12_26_050"]["call_code"] == "12_26_050"
    assert items["FuseNet-Call-for-the-Organisation-of-Mini-Workshop"]["call_code"] is None


def test_title(crawl: dict[str, Any]) -> None:
    assert crawl["items"]["13_26_015"]["title"] == "15. výzva OP FVB – Specifická akce SIENA"
    assert crawl["items"]["01_26_091"]["title"] == "Poradenství - výzva III."


def test_dates(crawl: dict[str, Any]) -> None:
    items = crawl["items"]
    assert items["12_26_050"]["opens_at"] == "2026-08-28T00:00:00+02:00"
    assert items["12_26_050"]["deadlines"] == ["2026-10-16T23:59:59+02:00"]
    assert items["01_26_091"]["deadlines"] == ["2027-02-01T23:59:59+01:00"]  # winter offset
    assert items["FuseNet-Call-for-the-Organisation-of-Mini-Workshop"]["opens_at"] == "2026-02-18T00:00:00+01:00"


def test_status(crawl: dict[str, Any]) -> None:
    items = crawl["items"]
    assert items["12_26_050"]["status"] == "open"
    assert items["13_26_015"]["status"] == "open"  # deadline 14. 9. 23:59:59, captured at 13:02
    # "Plánovaná"/"Rozpracovaná" while the window has begun: the dates win over the lagging state.
    assert items["14_26_021"]["status"] == "open"
    assert items["12_26_052"]["status"] == "open"


def test_status_forthcoming_and_closed_by_dates() -> None:
    spider = make_spider()
    with freeze_time("2026-08-01T10:00:00+02:00"):
        (item,) = spider.parse_detail(response("detail_14_26_021.html"))
    assert item["status"] == "forthcoming"
    with freeze_time("2026-10-17T00:00:00+02:00"):
        (item,) = spider.parse_detail(response("detail_14_26_021.html"))
    assert item["status"] == "closed"


@pytest.mark.parametrize(
    ("state", "expected"),
    [
        ("Otevřená", "open"),
        ("Plánovaná", "forthcoming"),
        ("Rozpracovaná", "forthcoming"),
        ("Uzavřená", "closed"),
        ("Zrušená", "cancelled"),
        ("Pozastavená", None),
        ("", None),
    ],
)
def test_map_state(state: str, expected: str | None) -> None:
    assert map_state(state) == expected


def test_cancelled_state_wins_over_dates() -> None:
    page = (
        (FILES / "detail_12_26_050.html").read_text().replace("<strong>Otevřená</strong>", "<strong>Zrušená</strong>")
    )
    spider = make_spider()
    with freeze_time(CAPTURED):
        (item,) = spider.parse_detail(
            HtmlResponse(url=MANIFEST["detail_12_26_050.html"]["sourceUrl"], body=page.encode(), encoding="utf-8")
        )
    assert item["status"] == "cancelled"


def test_suspended_state_is_said_in_description() -> None:
    page = (
        (FILES / "detail_12_26_050.html")
        .read_text()
        .replace("<strong>Otevřená</strong>", "<strong>Pozastavená</strong>")
    )
    spider = make_spider()
    with freeze_time(CAPTURED):
        (item,) = spider.parse_detail(
            HtmlResponse(url=MANIFEST["detail_12_26_050.html"]["sourceUrl"], body=page.encode(), encoding="utf-8")
        )
    assert item["status"] == "open"
    assert item["description"].startswith("Stav výzvy: Pozastavená")


def test_funder_and_programme(crawl: dict[str, Any]) -> None:
    items = crawl["items"]
    assert (items["12_26_050"]["funder"], items["12_26_050"]["programme"]) == ("MV", "OP AMIF")
    assert (items["01_26_091"]["funder"], items["01_26_091"]["programme"]) == ("MPO", "OP TAK")
    eu = items["FuseNet-Call-for-the-Organisation-of-Mini-Workshop"]
    assert (eu["funder"], eu["programme"], eu["region"], eu["language"]) == (
        "European Commission",
        "EURATOM",
        "EU",
        "en",
    )
    assert (items["12_26_050"]["region"], items["12_26_050"]["language"]) == ("CZ", "cs")


def test_budget_from_change_log(crawl: dict[str, Any]) -> None:
    assert crawl["items"]["13_26_015"]["budget_total"] == {"amount": 9400000, "currency": "CZK"}
    assert crawl["items"]["12_26_050"]["budget_total"] is None


def test_description_objectives_axis_and_log(crawl: dict[str, Any]) -> None:
    description = crawl["items"]["01_26_091"]["description"]
    assert description.startswith(
        "Cíl výzvy: Poradenství\n\nPrioritní osa: Rozvoj podnikání a konkurenceschopnosti MSP\n\nAktuality:\n"
        "05.09.2026 Změna kódu stavu: na VP31\n05.09.2026 Změna stavu: na Otevřená\n"
    )
    assert description.endswith("24.04.2026 Změna datumu otevření: na 26.10.2026")
    assert crawl["items"]["12_26_050"]["description"].startswith(
        "Cíl výzvy: Posílit a rozvíjet způsoby legální migrace do členských států"
    )
    assert crawl["items"]["14_26_021"]["description"] == ""  # no log, axis absent


def test_applicants(crawl: dict[str, Any]) -> None:
    items = crawl["items"]
    assert items["01_26_091"]["eligibility_text"] == "MSP"
    assert items["01_26_091"]["applicants"] == ["enterprise", "sme"]
    assert items["12_26_052"]["applicants"] == ["research_org", "university", "public_body", "municipality", "ngo"]
    assert items["FuseNet-Call-for-the-Organisation-of-Mini-Workshop"]["eligibility_text"] is None


def test_documents_and_keywords(crawl: dict[str, Any]) -> None:
    assert crawl["items"]["01_26_091"]["documents"] == [
        {
            "title": "Více informací: apiagentura.gov.cz",
            "url": "https://apiagentura.gov.cz/cs/podporovane-aktivity-optak/poradenstvi/poradenstvi-vyzva-iii/",
        }
    ]
    assert crawl["items"]["14_26_021"]["documents"] == []
    assert crawl["items"]["01_26_091"]["keywords"] == ["Průběžná"]
    assert crawl["items"]["12_26_050"]["fetched_at"] == "2026-09-14T11:02:48+00:00"


@pytest.mark.parametrize(
    "native_id",
    [
        "01_26_091",
        "12_26_050",
        "12_26_052",
        "13_26_015",
        "14_26_021",
        "FuseNet-Call-for-the-Organisation-of-Mini-Workshop",
    ],
)
def test_invariants(crawl: dict[str, Any], native_id: str) -> None:
    item = crawl["items"][native_id]
    assert problem(item) is None
    assert item["url"].startswith("https://www.dotaceeu.cz/Jak-ziskat-dotaci/Vyzvy/")
    for value in [item["opens_at"], *item["deadlines"]]:
        assert datetime.fromisoformat(value).tzinfo is not None


def test_changed_layout_breaks_contract() -> None:
    spider = make_spider()
    with freeze_time(CAPTURED):
        assert list(spider.parse_detail(response("detail_changed.html"))) == []
    stats = spider.crawler.stats.get_stats()
    assert stats[CONTRACT_KEY] == 1
    assert "Operační program" in stats[CONTRACT_REASON_KEY] and "Stav výzvy" in stats[CONTRACT_REASON_KEY]


def test_postback_only_listing_breaks_contract() -> None:
    spider = make_spider()
    assert list(spider.parse(response("listing_postback.html"))) == []
    assert spider.crawler.stats.get_value(CONTRACT_KEY) == 1
    assert LISTING_URL in spider.crawler.stats.get_value(CONTRACT_REASON_KEY)


def test_change_log_parser_on_real_text() -> None:
    changes = parse_change_log(AMIF_50_TEXT)
    assert [c.what for c in changes] == [
        "Změna datumu otevření",
        "Změna datumu uzavření",
        "Změna datumu zpřístupnění",
        "Změna stavu",
        "Změna kódu stavu",
        "Změna cílů",
        "Změna cílů",
    ]
    assert changes[0] == Change("29.08.2026", "Změna datumu otevření", "na 28.08.2026")
    assert changes[-1].new_value == "OP AMIF"  # the subscription box is not part of the last entry
    assert latest_objectives(changes, ("OP AMIF",)).startswith("Posílit a rozvíjet způsoby legální migrace")


def test_change_log_parser_on_every_real_record() -> None:
    """Every REAL record with Aktuality yields entries whose dates are real dates and whose kinds are changes."""
    for record in PRAUT:
        changes = parse_change_log(record["text"])
        if "Aktuality" not in record["text"]:
            assert changes == []
            continue
        assert changes, record["title"]
        for change in changes:
            datetime.strptime(change.date, "%d.%m.%Y")
            assert change.what.startswith("Změna ")
    siena = parse_change_log(next(r["text"] for r in PRAUT if "13_26_015" in r["text"]))
    assert latest_allocation(siena) == 9400000
