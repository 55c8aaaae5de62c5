"""The tacr spider on fixture pages (tests/files/tacr/, see its manifest.json), field by field, under frozen time."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from freezegun import freeze_time
from scrapy.http import HtmlResponse
from scrapy.utils.test import get_crawler

from spiders.health import CONTRACT_KEY, CONTRACT_REASON_KEY
from spiders.items import CALL_FIELDS, CallItem
from spiders.tacr import TacrSpider, programme_from_slug, programme_name
from spiders.validation import problem
from spiders.wordpress import looks_like_login
from tests.crawl_run import crawl, runs_and_calls, seed_store, write_snapshot

FILES = Path(__file__).parent / "files" / "tacr"
CAPTURED = "2026-09-18T13:25:00+00:00"  # the capture of the real values (15:25 in Prague)

SIGMA18_PATH = (
    "/soutez/program-sigma/osmnacta-verejna-soutez-%e2%81%a0%e2%81%a0%e2%81%a0%e2%81%a0%e2%81%a0%e2%81%a0"
    "-dilci-cil-1-podpora-komercializace-vavai/"
)
SIGMA18_URL = "https://tacr.gov.cz" + SIGMA18_PATH
FOREST_URL = "https://tacr.gov.cz/soutez/forest/call-2026-4/"


def page(name: str, url: str) -> HtmlResponse:
    return HtmlResponse(url=url, body=(FILES / name).read_bytes(), encoding="utf-8")


@pytest.fixture
def spider() -> TacrSpider:
    return TacrSpider.from_crawler(get_crawler(TacrSpider))


def competition(spider: TacrSpider, name: str, url: str, label: str | None, when: str = CAPTURED) -> list[Any]:
    with freeze_time(when):
        return list(spider.parse_competition(page(name, url), programme_label=label))


@pytest.fixture
def sigma(spider: TacrSpider) -> dict[str, Any]:
    (item,) = competition(spider, "soutez_sigma18.html", SIGMA18_URL, "Program SIGMA")
    return dict(item)


@pytest.fixture
def forest(spider: TacrSpider) -> dict[str, Any]:
    (item,) = competition(spider, "soutez_forest.html", FOREST_URL, "FOREST")
    return dict(item)


# ---------------------------------------------------------------------------------------------- SIGMA 18 DC1


def test_id_keeps_percent_encoded_slug_verbatim(sigma: dict[str, Any]) -> None:
    native = SIGMA18_PATH.removeprefix("/soutez/").rstrip("/")
    assert sigma["native_id"] == native
    assert sigma["id"] == f"tacr:{native}"
    assert "%e2%81%a0" in sigma["id"]


def test_url_is_the_real_page(sigma: dict[str, Any]) -> None:
    assert sigma["url"] == SIGMA18_URL


def test_title_is_programme_label_and_h1(sigma: dict[str, Any]) -> None:
    assert sigma["title"] == "Program SIGMA: Osmnáctá veřejná soutěž – Dílčí cíl 1: Podpora komercializace VaVaI+"


def test_constants(sigma: dict[str, Any]) -> None:
    assert (sigma["source"], sigma["funder"], sigma["language"], sigma["region"]) == ("tacr", "TA ČR", "cs", "CZ")


def test_programme(sigma: dict[str, Any]) -> None:
    assert sigma["programme"] == "SIGMA"


def test_call_code_absent(sigma: dict[str, Any]) -> None:
    assert sigma["call_code"] is None


def test_opens_at_takes_the_time_from_the_prose(sigma: dict[str, Any]) -> None:
    assert sigma["opens_at"] == "2026-09-10T09:00:00+02:00"


def test_deadline_is_the_proposal_time_not_the_documents_time(sigma: dict[str, Any]) -> None:
    # 16:29:59 for the proposal in SISTA (23:59:59 is for eligibility documents); winter time by then.
    assert sigma["deadlines"] == ["2026-10-27T16:29:59+01:00"]


def test_status_from_the_window(sigma: dict[str, Any]) -> None:
    assert sigma["status"] == "open"


def test_budget_total(sigma: dict[str, Any]) -> None:
    assert sigma["budget_total"] == {"amount": 10_000_000, "currency": "CZK"}


def test_grant_limits(sigma: dict[str, Any]) -> None:
    assert sigma["grant_min"] is None
    assert sigma["grant_max"] == {"amount": 730_000, "currency": "CZK"}


def test_funding_rate(sigma: dict[str, Any]) -> None:
    assert sigma["funding_rate_max"] == 70


def test_applicants_mapped(sigma: dict[str, Any]) -> None:
    assert sigma["applicants"] == ["enterprise", "sme"]
    assert sigma["eligibility_text"] == "Malý podnik"


def test_description_is_the_prose(sigma: dict[str, Any]) -> None:
    lines = sigma["description"].split("\n")
    assert lines[0] == (
        "Technologická agentura ČR vyhlásila dne 9. 9. 2026 osmnáctou veřejnou soutěž programu SIGMA, "
        "Dílčí cíl 1: Podpora komercializace VaVaI+."
    )
    assert "deeptech" in sigma["description"]
    assert "Základní informace" not in sigma["description"]  # the infobox is not prose
    assert "Úvodní stránka" not in sigma["description"]  # nor the menu


def test_documents(sigma: dict[str, Any]) -> None:
    prefix = "https://tacr.gov.cz/wp-content/uploads/documents/2026/09/09/"
    assert sigma["documents"] == [
        {
            "title": "Zadávací dokumentace",
            "url": prefix + "1788940800_Zad%C3%A1vac%C3%AD%20dokumentace%20SIGMA%20DC1%2018.%20VS.pdf",
        },
        {"title": "Všeobecné podmínky v8", "url": prefix + "1788940801_V%C5%A1eobecn%C3%A9%20podm%C3%ADnky%20v8.pdf"},
        {
            "title": "Příloha č. 1 – Hodnoticí proces",
            "url": prefix + "1788940802_P%C5%99%C3%ADloha%201%20Hodnotic%C3%AD%20proces.pdf",
        },
    ]


def test_keywords_empty(sigma: dict[str, Any]) -> None:
    assert sigma["keywords"] == []


def test_fetched_at_is_now(sigma: dict[str, Any]) -> None:
    assert sigma["fetched_at"] == "2026-09-18T13:25:00+00:00"


@pytest.mark.parametrize(
    ("when", "status"),
    [
        ("2026-09-10T06:59:59+00:00", "forthcoming"),
        ("2026-10-27T15:29:59+00:00", "open"),
        ("2026-10-27T15:30:00+00:00", "closed"),
        ("2026-11-21T12:00:00+00:00", "closed"),
    ],
)
def test_status_follows_the_clock_not_the_label(spider: TacrSpider, when: str, status: str) -> None:
    (item,) = competition(spider, "soutez_sigma18.html", SIGMA18_URL, "Program SIGMA", when)
    assert item["status"] == status


# ---------------------------------------------------------------------------------------------- FOREST (EUR)


def test_forest_title_and_programme(forest: dict[str, Any]) -> None:
    assert forest["title"] == "FOREST: Call 2026"
    assert forest["programme"] == "FOREST"
    assert forest["native_id"] == "forest/call-2026-4"


def test_forest_window_without_prose_times(forest: dict[str, Any]) -> None:
    # No SISTA timing prose on an international call: the infobox dates, opening 00:00, deadline 23:59:59.
    assert forest["opens_at"] == "2026-09-15T00:00:00+02:00"
    assert forest["deadlines"] == ["2026-12-02T23:59:59+01:00"]


def test_forest_money_in_eur(forest: dict[str, Any]) -> None:
    assert forest["budget_total"] == {"amount": 500_000, "currency": "EUR"}
    assert forest["grant_max"] == {"amount": 170_000, "currency": "EUR"}
    assert forest["funding_rate_max"] == 80


def test_forest_applicants(forest: dict[str, Any]) -> None:
    assert forest["applicants"] == ["enterprise", "research_org", "public_body"]
    assert forest["eligibility_text"] == "výzkumná organizace, podnik, organizační složky státu"


def test_programme_from_breadcrumb_when_not_reached_from_the_home_box(spider: TacrSpider) -> None:
    (item,) = competition(spider, "soutez_forest.html", FOREST_URL, None)
    assert item["programme"] == "FOREST"
    assert item["title"] == "FOREST: Call 2026"


# ---------------------------------------------------------------------------------------------- listings


def test_home_box_requests_running_competitions(spider: TacrSpider) -> None:
    requests = list(spider.parse_home(page("home.html", "https://tacr.gov.cz/")))
    assert [r.url for r in requests] == [
        SIGMA18_URL,
        FOREST_URL,
        "https://tacr.gov.cz/soutez/partnerstvi-pro-biodiverzitu/call-2026-3/",
    ]
    assert [r.cb_kwargs["programme_label"] for r in requests] == [
        "Program SIGMA",
        "FOREST",
        "Partnerství pro biodiverzitu",
    ]
    assert all(r.callback == spider.parse_competition for r in requests)


def test_programmes_in_preparation_are_forthcoming(spider: TacrSpider) -> None:
    with freeze_time(CAPTURED):
        output = list(
            spider.parse_programmes(page("programy_a_souteze.html", "https://tacr.gov.cz/programy-a-souteze/"))
        )
    assert all(isinstance(o, CallItem) for o in output)  # programme cards are not followed
    items = [dict(o) for o in output]
    assert [(i["id"], i["title"], i["programme"], i["status"]) for i in items] == [
        ("tacr:program-theta-2", "Program THÉTA 2", "THÉTA 2", "forthcoming"),
        ("tacr:program-trend", "Program TREND", "TREND", "forthcoming"),
    ]
    assert items[1]["url"] == "https://tacr.gov.cz/program/program-trend/"
    assert items[1]["description"].startswith("Výsledky s potenciálem pro konkurenceschopnost")
    assert (items[1]["opens_at"], items[1]["deadlines"]) == (None, [])


def test_programme_names() -> None:
    assert programme_name("Program SIGMA") == "SIGMA"
    assert programme_name("Partnerství pro biodiverzitu") == "Partnerství pro biodiverzitu"
    assert programme_from_slug("program-sigma/x") == "SIGMA"
    assert programme_from_slug("forest/call-2026-4") == "FOREST"


# ---------------------------------------------------------------------------------------------- contract


def contract(spider: TacrSpider) -> tuple[Any, Any]:
    stats = spider.crawler.stats
    return stats.get_value(CONTRACT_KEY), stats.get_value(CONTRACT_REASON_KEY)


@pytest.mark.parametrize(
    ("callback", "name", "url", "reason"),
    [
        ("parse_home", "home_changed.html", "https://tacr.gov.cz/", "Aktuální možnosti podpory"),
        (
            "parse_programmes",
            "home_changed.html",
            "https://tacr.gov.cz/programy-a-souteze/",
            "Aktuální možnosti podpory",
        ),
        ("parse_competition", "soutez_changed.html", SIGMA18_URL, "Lhůta pro podání návrhů projektů"),
        ("parse_competition", "login.html", SIGMA18_URL, "login"),
        ("parse_home", "login.html", "https://tacr.gov.cz/", "login"),
    ],
)
def test_changed_layout_breaks_the_contract_and_yields_nothing(
    spider: TacrSpider, callback: str, name: str, url: str, reason: str
) -> None:
    with freeze_time(CAPTURED):
        output = list(getattr(spider, callback)(page(name, url)))
    assert output == []
    count, why = contract(spider)
    assert count == 1
    assert reason in why and url in why


@pytest.mark.parametrize(
    ("html", "stand_in"),
    [
        ('<form action="/wp-login.php" method="post"><input name="log"></form>', True),
        ('<label>Heslo <input type="password" name="pwd"></label>', True),
        ("<script>location.href='/my.policy'</script>", True),
        ("<title>Access denied | tacr.gov.cz</title>", True),
        ('<script src="https://www.google.com/recaptcha/api.js"></script><h1>Call 2026</h1>', False),
        ("<p>Přihlášení do SISTA probíhá přes portál.</p>", False),
    ],
)
def test_login_and_firewall_pages_are_recognised(html: str, stand_in: bool) -> None:
    assert looks_like_login(f"<html><head></head><body>{html}</body></html>") is stand_in


def test_good_pages_keep_the_contract(spider: TacrSpider, sigma: dict[str, Any]) -> None:
    list(spider.parse_home(page("home.html", "https://tacr.gov.cz/")))
    assert contract(spider) == (None, None)


# ---------------------------------------------------------------------------------------------- invariants


def all_items() -> Iterator[dict[str, Any]]:
    spider = TacrSpider.from_crawler(get_crawler(TacrSpider))
    with freeze_time(CAPTURED):
        for name, url, label in (
            ("soutez_sigma18.html", SIGMA18_URL, "Program SIGMA"),
            ("soutez_forest.html", FOREST_URL, "FOREST"),
        ):
            yield from (dict(i) for i in spider.parse_competition(page(name, url), programme_label=label))
        for output in spider.parse_programmes(
            page("programy_a_souteze.html", "https://tacr.gov.cz/programy-a-souteze/")
        ):
            if isinstance(output, CallItem):
                yield dict(output)


ITEMS = list(all_items())


def test_fixture_items_count() -> None:
    assert len(ITEMS) == 4


@pytest.mark.parametrize("item", ITEMS, ids=[i["id"] for i in ITEMS])
def test_invariants(item: dict[str, Any]) -> None:
    assert problem(item) is None
    assert tuple(item) == CALL_FIELDS or set(item) == set(CALL_FIELDS)
    assert item["url"].startswith("https://tacr.gov.cz/")
    assert all(d["url"].startswith("https://tacr.gov.cz/wp-content/uploads/") for d in item["documents"])
    for value in [item["opens_at"], *item["deadlines"]]:
        if value is not None:
            assert datetime.fromisoformat(value).tzinfo is not None


# ---------------------------------------------------------------------------------------------- source health


def test_redesigned_site_fails_the_run_and_keeps_stored_calls(tmp_path: Path) -> None:
    """A real crawl against a redesigned site: a failed CrawlRun with its reason; the stored call untouched."""
    db_url = f"sqlite:///{tmp_path / 'store.db'}"
    seed_spider = TacrSpider.from_crawler(get_crawler(TacrSpider))
    with freeze_time(CAPTURED):
        (stored,) = seed_spider.parse_competition(page("soutez_forest.html", FOREST_URL), programme_label="FOREST")
    seed_store(db_url, [dict(stored)])
    changed = (FILES / "home_changed.html").read_bytes()
    write_snapshot(
        tmp_path / "snap", {"https://tacr.gov.cz/": changed, "https://tacr.gov.cz/programy-a-souteze/": changed}
    )
    result = crawl("tacr", tmp_path / "snap", db_url, tmp_path)
    assert result.returncode == 0, result.stderr[-2000:]
    runs, calls = runs_and_calls(db_url)
    assert [(r.source, r.status) for r in runs] == [("tacr", "failed")]
    assert "content contract broken on 2 page(s)" in runs[0].reason
    assert "no items" in runs[0].reason
    assert [(c.id, c.status, c.deadlines) for c in calls] == [
        ("tacr:forest/call-2026-4", "open", ["2026-12-02T23:59:59+01:00"])
    ]


def test_spider_module_documents_its_source() -> None:
    import spiders.tacr as module

    assert TacrSpider.name == "tacr"
    assert all(section in (module.__doc__ or "") for section in ("Domain", "Caveats", "Spider arguments"))
