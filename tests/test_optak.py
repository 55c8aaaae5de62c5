"""The optak spider on fixture pages (tests/files/optak/, see its manifest.json), field by field, under frozen time."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from freezegun import freeze_time
from scrapy.http import HtmlResponse
from scrapy.utils.test import get_crawler

from spiders.czech import PRAGUE
from spiders.health import CONTRACT_KEY, CONTRACT_REASON_KEY
from spiders.optak import LISTING, OptakSpider
from spiders.validation import problem
from tests.crawl_run import crawl, runs_and_calls, seed_store, write_snapshot

FILES = Path(__file__).parent / "files" / "optak"
CAPTURED = "2026-11-20T08:00:00+00:00"  # 09:00 in Prague
BASE = "https://apiagentura.gov.cz/cs/podporovane-aktivity-optak/"
VOUCHERS = BASE + "inovacni-vouchery-optak/inovacni-vouchery-vyzva-iv/"
MARKETING = BASE + "marketing-opak/marketing-vyzva-iii/"
STEP = BASE + "step/vyzkum-a-vyvoj-kritickych-technologii/"
PORADENSTVI = BASE + "poradenstvi-optak/poradenstvi-vyzva-iii/"
UPLOADS = "https://apiagentura.gov.cz/wp-content/uploads/"


def page(name: str, url: str, body: bytes | None = None) -> HtmlResponse:
    return HtmlResponse(url=url, body=body if body is not None else (FILES / name).read_bytes(), encoding="utf-8")


def make_spider(**kwargs: Any) -> OptakSpider:
    return OptakSpider.from_crawler(get_crawler(OptakSpider), **kwargs)


@pytest.fixture
def spider() -> OptakSpider:
    return make_spider()


def call(
    spider: OptakSpider,
    name: str,
    url: str,
    when: str = CAPTURED,
    body: bytes | None = None,
    listed: dict[str, Any] | None = None,
) -> list[Any]:
    with freeze_time(when):
        return [dict(i) for i in spider.parse_call(page(name, url, body), listed=listed)]


@pytest.fixture
def vouchers(spider: OptakSpider) -> dict[str, Any]:
    (item,) = call(spider, "detail_vouchery_iv.html", VOUCHERS, listed={"focus": "Inovační vouchery"})
    return item


# ---------------------------------------------------------------------------------------------- listing


def test_listing_requests_open_and_recently_closed_calls(spider: OptakSpider) -> None:
    with freeze_time(CAPTURED):
        requests = list(spider.parse_listing(page("vsechny_vyzvy.html", LISTING)))
    slugs = [r.url.rstrip("/").rsplit("/", 1)[-1] for r in requests]
    assert slugs == [
        "poradenstvi-vyzva-iii",
        "inovacni-vouchery-vyzva-iv",
        "inovacni-vouchery-ochrana-prav-prumysloveho-vlastnictvi-vyzva-iii",
        "technologie-pro-mas-clld-vyzva-ii",
        "aplikace-mezinarodni-spoluprace",
        "vyzkum-a-vyvoj-kritickych-technologii",
        # closed within 180 days; "Potenciál – výzva III" (closed 17. 2. 2026) is too old to fetch
        "ipcei-mikroelektronika-a-komunikacni-technologie",
        "marketing-vyzva-iii",
        "partnerstvi-znalostniho-transferu-vyzva-iv",
    ]
    assert requests[0].cb_kwargs["listed"] == {
        "title": "Poradenství – výzva III",
        "opens": datetime(2026, 9, 4, 10, 0, tzinfo=PRAGUE),
        "closes": datetime(2027, 2, 1, 10, 0, tzinfo=PRAGUE),
        "focus": "Poradenství",
    }


def test_closed_days_argument(spider: OptakSpider) -> None:
    only_open = make_spider(closed_days="0")
    with freeze_time(CAPTURED):
        requests = list(only_open.parse_listing(page("vsechny_vyzvy.html", LISTING)))
    assert len(requests) == 6


# ---------------------------------------------------------------------------------------------- vouchers IV


def test_ids_and_url(vouchers: dict[str, Any]) -> None:
    assert vouchers["native_id"] == "inovacni-vouchery-vyzva-iv"
    assert vouchers["id"] == "optak:inovacni-vouchery-vyzva-iv"
    assert vouchers["url"] == VOUCHERS


def test_title(vouchers: dict[str, Any]) -> None:
    assert vouchers["title"] == "Inovační vouchery – výzva IV"


def test_constants(vouchers: dict[str, Any]) -> None:
    constants = tuple(vouchers[k] for k in ("source", "funder", "programme", "language", "region"))
    assert constants == ("optak", "MPO / Agentura API", "OP TAK", "cs", "CZ")


def test_call_code_from_cislo_vyzvy(vouchers: dict[str, Any]) -> None:
    assert vouchers["call_code"] == "01_26_080"


def test_window_with_times(vouchers: dict[str, Any]) -> None:
    assert vouchers["opens_at"] == "2026-08-01T10:00:00+02:00"
    assert vouchers["deadlines"] == ["2027-04-30T11:00:00+02:00"]


def test_status(vouchers: dict[str, Any]) -> None:
    assert vouchers["status"] == "open"


def test_budget_total(vouchers: dict[str, Any]) -> None:
    assert vouchers["budget_total"] == {"amount": 200_000_000, "currency": "CZK"}


def test_grant_limits_from_the_real_sentence(vouchers: dict[str, Any]) -> None:
    # "minimálně ve výši 50 000. Kč a maximálně do výše 1 mil. Kč" (REAL text, stray full stop included)
    assert vouchers["grant_min"] == {"amount": 50_000, "currency": "CZK"}
    assert vouchers["grant_max"] == {"amount": 1_000_000, "currency": "CZK"}


def test_funding_rate_is_the_top_of_the_range(vouchers: dict[str, Any]) -> None:
    assert vouchers["funding_rate_max"] == 75


def test_applicants(vouchers: dict[str, Any]) -> None:
    assert vouchers["applicants"] == ["enterprise", "sme"]


def test_eligibility_text_is_applicants_and_limits(vouchers: dict[str, Any]) -> None:
    assert vouchers["eligibility_text"] == (
        "malé a střední podniky (MSP)\n"
        "Projekt musí být realizován na území ČR mimo NUTS II Praha. Dotace je poskytována v režimu de minimis, "
        "tj. max. 300 tis. EUR za 3 roky. Žadatel musí mít uzavřená min. 2 účetní období."
    )


def test_description_is_goal_then_activities(vouchers: dict[str, Any]) -> None:
    goal, activities = vouchers["description"].split("\n")
    assert goal.startswith("Cílem Výzvy je rozvoj komunikace a sdílení poznatků a know-how")
    assert activities.startswith("Nákup poradenských, expertních a podpůrných služeb v oblasti inovací")
    assert "Číslo výzvy" not in vouchers["description"]


def test_documents(vouchers: dict[str, Any]) -> None:
    assert vouchers["documents"] == [
        {
            "title": "Inovační vouchery - výzva IV (pdf) 15. 7. 2026",
            "url": UPLOADS + "2026/07/inovacni-vouchery-vyzva-iv.pdf",
        }
    ]


def test_keywords_are_the_listing_focus(vouchers: dict[str, Any]) -> None:
    assert vouchers["keywords"] == ["Inovační vouchery"]


def test_fetched_at(vouchers: dict[str, Any]) -> None:
    assert vouchers["fetched_at"] == "2026-11-20T08:00:00+00:00"


# ---------------------------------------------------------------------------------------------- other pages


def test_marketing_closed_with_four_files(spider: OptakSpider) -> None:
    (item,) = call(spider, "detail_marketing_iii.html", MARKETING)
    assert item["status"] == "closed"
    assert item["deadlines"] == ["2026-10-19T10:00:00+02:00"]
    assert item["call_code"] == "01_26_070"
    assert item["budget_total"] == {"amount": 204_000_000, "currency": "CZK"}
    assert (item["grant_min"], item["grant_max"]) == (
        {"amount": 200_000, "currency": "CZK"},
        {"amount": 2_450_000, "currency": "CZK"},
    )
    assert [d["url"].rsplit(".", 1)[-1] for d in item["documents"]] == ["pdf", "pdf", "xlsx", "zip"]
    assert item["documents"][0] == {
        "title": "Marketing - výzva III (pdf) 3. 6. 2026",
        "url": UPLOADS + "2026/06/marketing-vyzva-iii.-aktualizace-3.6.2026.pdf",
    }


def test_early_closure_notice_wins_over_future_dates(spider: OptakSpider) -> None:
    (item,) = call(spider, "detail_step_early_closure.html", STEP)
    assert item["deadlines"] == ["2026-12-31T10:00:00+01:00"]  # still in the future
    assert item["status"] == "closed"


def test_without_the_notice_the_same_page_is_open(spider: OptakSpider) -> None:
    body = (FILES / "detail_step_early_closure.html").read_text(encoding="utf-8")
    start = body.index('<div class="notice')
    body = body[:start] + body[body.index("</div>", start) + len("</div>") :]
    (item,) = call(spider, "", STEP, body=body.encode())
    assert item["status"] == "open"


def test_dates_win_over_a_lagging_heading(spider: OptakSpider) -> None:
    (item,) = call(spider, "detail_vouchery_iv.html", VOUCHERS, when="2027-05-02T08:00:00+00:00")
    assert item["status"] == "closed"  # the page still says "Otevřená výzva"


def test_call_code_from_a_file_name_when_not_labelled(spider: OptakSpider) -> None:
    body = (FILES / "detail_marketing_iii.html").read_text(encoding="utf-8")
    body = body.replace("<p><strong>Číslo výzvy: 01_26_070</strong></p>", "")
    body = body.replace("marketing-vyzva-iii.-aktualizace-3.6.2026.pdf", "vyzva-01_26_070-marketing-iii.pdf")
    (item,) = call(spider, "", MARKETING, body=body.encode())
    assert item["call_code"] == "01_26_070"


def test_no_code_anywhere_gives_none(spider: OptakSpider) -> None:
    body = (FILES / "detail_marketing_iii.html").read_text(encoding="utf-8")
    body = body.replace("<p><strong>Číslo výzvy: 01_26_070</strong></p>", "")
    (item,) = call(spider, "", MARKETING, body=body.encode())
    assert item["call_code"] is None


def test_listing_dates_fill_a_page_without_an_opening(spider: OptakSpider) -> None:
    body = (FILES / "detail_poradenstvi_iii.html").read_text(encoding="utf-8")
    body = body.replace("Zahájení příjmu", "Zahájení")
    listed = {"opens": datetime(2026, 9, 4, 10, 0, tzinfo=PRAGUE), "focus": "Poradenství"}
    (item,) = call(spider, "", PORADENSTVI, body=body.encode(), listed=listed)
    assert item["opens_at"] == "2026-09-04T10:00:00+02:00"
    assert item["call_code"] == "01_26_091"


# ---------------------------------------------------------------------------------------------- contract


@pytest.mark.parametrize(
    ("callback", "name", "url", "reason"),
    [
        ("parse_listing", "vsechny_vyzvy_changed.html", LISTING, "Otevřené výzvy"),
        ("parse_call", "detail_changed.html", VOUCHERS, "Ukončení příjmu"),
    ],
)
def test_changed_layout_breaks_the_contract_and_yields_nothing(
    spider: OptakSpider, callback: str, name: str, url: str, reason: str
) -> None:
    with freeze_time(CAPTURED):
        output = list(getattr(spider, callback)(page(name, url)))
    assert output == []
    assert spider.crawler.stats.get_value(CONTRACT_KEY) == 1
    assert reason in spider.crawler.stats.get_value(CONTRACT_REASON_KEY)


def test_firewall_page_breaks_the_contract(spider: OptakSpider) -> None:
    body = b"<html><head><title>Request Rejected</title></head><body>The requested URL was rejected.</body></html>"
    assert list(spider.parse_listing(page("", LISTING, body))) == []
    assert "firewall" in spider.crawler.stats.get_value(CONTRACT_REASON_KEY)


# ---------------------------------------------------------------------------------------------- invariants

DETAILS = [
    ("detail_vouchery_iv.html", VOUCHERS),
    ("detail_marketing_iii.html", MARKETING),
    ("detail_step_early_closure.html", STEP),
    ("detail_poradenstvi_iii.html", PORADENSTVI),
]


def all_items() -> list[dict[str, Any]]:
    spider = make_spider()
    return [item for name, url in DETAILS for item in call(spider, name, url)]


ITEMS = all_items()


@pytest.mark.parametrize("item", ITEMS, ids=[i["id"] for i in ITEMS])
def test_invariants(item: dict[str, Any]) -> None:
    assert problem(item) is None
    assert item["url"].startswith("https://apiagentura.gov.cz/cs/podporovane-aktivity-optak/")
    assert all(d["url"].startswith(UPLOADS) for d in item["documents"])
    assert item["call_code"] is None or item["call_code"].startswith("01_")
    for value in [item["opens_at"], *item["deadlines"]]:
        assert datetime.fromisoformat(value).tzinfo is not None


# ---------------------------------------------------------------------------------------------- source health


def test_redesigned_listing_fails_the_run_and_keeps_stored_calls(tmp_path: Path) -> None:
    db_url = f"sqlite:///{tmp_path / 'store.db'}"
    (stored,) = call(make_spider(), "detail_vouchery_iv.html", VOUCHERS)
    seed_store(db_url, [stored])
    write_snapshot(tmp_path / "snap", {LISTING: (FILES / "vsechny_vyzvy_changed.html").read_bytes()})
    result = crawl("optak", tmp_path / "snap", db_url, tmp_path)
    assert result.returncode == 0, result.stderr[-2000:]
    runs, calls = runs_and_calls(db_url)
    assert [(r.source, r.status) for r in runs] == [("optak", "failed")]
    assert "content contract broken on 1 page(s)" in runs[0].reason
    assert [(c.id, c.status, c.call_code) for c in calls] == [("optak:inovacni-vouchery-vyzva-iv", "open", "01_26_080")]


def test_spider_module_documents_its_source() -> None:
    import spiders.optak as module

    assert OptakSpider.name == "optak"
    assert all(section in (module.__doc__ or "") for section in ("Domain", "Caveats", "Spider arguments"))
