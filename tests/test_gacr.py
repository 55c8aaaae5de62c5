"""The gacr spider on fixture pages (tests/files/gacr/, see its manifest.json), field by field, under frozen time."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from freezegun import freeze_time
from scrapy.http import HtmlResponse
from scrapy.utils.test import get_crawler

from spiders.czech import PRAGUE
from spiders.gacr import LISTING, GacrSpider, parse_deadlines
from spiders.health import CONTRACT_KEY, CONTRACT_REASON_KEY
from spiders.validation import problem
from tests.crawl_run import crawl, runs_and_calls, seed_store, write_snapshot

FILES = Path(__file__).parent / "files" / "gacr"
CAPTURED = "2026-11-10T09:00:00+00:00"
ISRAEL = "https://gacr.cz/vyzva-pro-podavani-izraelsko-ceskych-projektu/"
SWISS = "https://gacr.cz/vyzva-pro-podavani-svycarsko-ceskych-projektu-2027/"


def page(name: str, url: str) -> HtmlResponse:
    return HtmlResponse(url=url, body=(FILES / name).read_bytes(), encoding="utf-8")


def make_spider() -> GacrSpider:
    return GacrSpider.from_crawler(get_crawler(GacrSpider))


@pytest.fixture
def spider() -> GacrSpider:
    return make_spider()


def call(spider: GacrSpider, name: str, url: str, when: str = CAPTURED) -> list[dict[str, Any]]:
    with freeze_time(when):
        return [dict(i) for i in spider.parse_call(page(name, url))]


@pytest.fixture
def israel(spider: GacrSpider) -> dict[str, Any]:
    (item,) = call(spider, "detail_izrael.html", ISRAEL)
    return item


@pytest.fixture
def swiss(spider: GacrSpider) -> dict[str, Any]:
    (item,) = call(spider, "detail_svycarsko.html", SWISS)
    return item


def test_listing_requests_every_call(spider: GacrSpider) -> None:
    requests = list(spider.parse_listing(page("aktualni_vyzvy.html", LISTING)))
    assert [r.url for r in requests] == [
        "https://gacr.cz/vyzva-pro-podavani-slovinsko-ceskych-projektu-2028/",
        "https://gacr.cz/vyzva-pro-podavani-rakousko-ceskych-projektu-2028/",
        ISRAEL,
        SWISS,
    ]


# ---------------------------------------------------------------------------------------------- Israel (ISF)


def test_ids_and_url(israel: dict[str, Any]) -> None:
    assert israel["native_id"] == "vyzva-pro-podavani-izraelsko-ceskych-projektu"
    assert israel["id"] == "gacr:vyzva-pro-podavani-izraelsko-ceskych-projektu"
    assert israel["url"] == ISRAEL


def test_title(israel: dict[str, Any]) -> None:
    assert israel["title"] == "Výzva pro podávání izraelsko-českých projektů"


def test_constants(israel: dict[str, Any]) -> None:
    constants = tuple(israel[k] for k in ("source", "funder", "language", "region", "programme", "call_code"))
    assert constants == ("gacr", "GA ČR", "cs", "CZ", None, None)


def test_opening_from_the_prose(israel: dict[str, Any]) -> None:
    assert israel["opens_at"] == "2026-09-08T00:00:00+02:00"


def test_deadline_is_the_czech_submission_date_only(israel: dict[str, Any]) -> None:
    # Not ISF's 10. 11. 2026 (relative clause) nor the Israeli pre-registration of 28. 10. 2026.
    assert israel["deadlines"] == ["2026-11-18T23:59:59+01:00"]


def test_status(israel: dict[str, Any]) -> None:
    assert israel["status"] == "open"


def test_no_money_and_no_applicant_types(israel: dict[str, Any]) -> None:
    assert [israel[k] for k in ("budget_total", "grant_min", "grant_max", "funding_rate_max")] == [None] * 4
    assert israel["applicants"] == []
    assert israel["eligibility_text"] is None


def test_description_without_the_date(israel: dict[str, Any]) -> None:
    assert israel["description"].startswith(
        "Grantová agentura České republiky (GA ČR) ve spolupráci s izraelskou agenturou Israel Science Foundation"
    )
    assert not israel["description"].startswith("08. 09. 2026")
    assert "GRIS" in israel["description"]


def test_documents(israel: dict[str, Any]) -> None:
    assert israel["documents"] == [
        {
            "title": "Vzor čestného prohlášení pro uchazeče",
            "url": "https://gacr.cz/wp-content/uploads/2026/01/Vzor-cestneho-prohlaseni-pro-zadatele-o-verejnou-podporu.docx",
        },
        {
            "title": "Praktické informace – Mezinárodní projekty – Lead Agency 2027",
            "url": "https://gacr.cz/wp-content/uploads/2026/02/Prakticke_informace_MEZI-LA_2027.pdf",
        },
    ]


def test_keywords_and_fetched_at(israel: dict[str, Any]) -> None:
    assert israel["keywords"] == []
    assert israel["fetched_at"] == "2026-11-10T09:00:00+00:00"


def test_closed_after_the_deadline(spider: GacrSpider) -> None:
    (item,) = call(spider, "detail_izrael.html", ISRAEL, when="2026-11-18T23:00:00+00:00")
    assert item["status"] == "closed"


# ---------------------------------------------------------------------------------------------- Switzerland (SNSF)


def test_two_deadlines_one_written_without_its_year(swiss: dict[str, Any]) -> None:
    # "… tedy do 8. 4. , případně 8. 10. 2026."
    assert swiss["deadlines"] == ["2026-04-08T23:59:59+02:00", "2026-10-08T23:59:59+02:00"]


def test_opening_falls_back_to_the_publication_date(swiss: dict[str, Any]) -> None:
    assert swiss["opens_at"] == "2026-02-09T00:00:00+01:00"


def test_swiss_status_between_cut_offs(spider: GacrSpider, swiss: dict[str, Any]) -> None:
    assert swiss["status"] == "closed"
    (item,) = call(spider, "detail_svycarsko.html", SWISS, when="2026-06-01T10:00:00+00:00")
    assert item["status"] == "open"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Návrhy projektů je možné podávat nejpozději do 15. 4. 2027.", [(2027, 4, 15)]),
        (
            "Upozorňujeme, že izraelský navrhovatel projektu se musí v souladu s pravidly ISF nejpozději do 28. 10. "
            "2026 předregistrovat v aplikaci ISF pro podávání projektů.",
            [],
        ),
        ("Lhůta pro podávání návrhů projektů začíná 8. 9. 2026.", []),
        (
            "Českou část je možné podávat nejpozději do 11. 3. 2027, tedy do 7 dnů po termínu, který FWF stanovila "
            "na 4. 3. 2027.",
            [(2027, 3, 11)],
        ),
    ],
)
def test_parse_deadlines(text: str, expected: list[tuple[int, int, int]]) -> None:
    assert parse_deadlines(text) == [datetime(y, m, d, 23, 59, 59, tzinfo=PRAGUE) for y, m, d in expected]


# ---------------------------------------------------------------------------------------------- contract


@pytest.mark.parametrize(
    ("callback", "name", "url", "reason"),
    [
        ("parse_call", "detail_changed.html", ISRAEL, "publication date"),
        ("parse_listing", "aktualni_vyzvy_changed.html", LISTING, "Aktuální výzvy"),
    ],
)
def test_changed_layout_breaks_the_contract_and_yields_nothing(
    spider: GacrSpider, callback: str, name: str, url: str, reason: str
) -> None:
    with freeze_time(CAPTURED):
        output = list(getattr(spider, callback)(page(name, url)))
    assert output == []
    assert spider.crawler.stats.get_value(CONTRACT_KEY) == 1
    assert reason in spider.crawler.stats.get_value(CONTRACT_REASON_KEY)


# ---------------------------------------------------------------------------------------------- invariants

ITEMS = [
    item
    for name, url in (("detail_izrael.html", ISRAEL), ("detail_svycarsko.html", SWISS))
    for item in call(make_spider(), name, url)
]


@pytest.mark.parametrize("item", ITEMS, ids=[i["id"] for i in ITEMS])
def test_invariants(item: dict[str, Any]) -> None:
    assert problem(item) is None
    assert item["url"].startswith("https://gacr.cz/")
    assert all(d["url"].startswith("https://gacr.cz/wp-content/uploads/") for d in item["documents"])
    for value in [item["opens_at"], *item["deadlines"]]:
        assert datetime.fromisoformat(value).tzinfo is not None


# ---------------------------------------------------------------------------------------------- source health


def test_error_responses_fail_the_run_and_keep_stored_calls(tmp_path: Path) -> None:
    """The listing answers 404 (an empty mirror): a failed run with the error counted; the stored call stays."""
    db_url = f"sqlite:///{tmp_path / 'store.db'}"
    (stored,) = call(make_spider(), "detail_izrael.html", ISRAEL)
    seed_store(db_url, [stored])
    write_snapshot(tmp_path / "snap", {"https://example.org/": b"unrelated"})
    result = crawl("gacr", tmp_path / "snap", db_url, tmp_path)
    assert result.returncode == 0, result.stderr[-2000:]
    runs, calls = runs_and_calls(db_url)
    assert [(r.source, r.status) for r in runs] == [("gacr", "failed")]
    assert "request(s) failed (404" in runs[0].reason
    assert "no items" in runs[0].reason
    assert [(c.id, c.status, c.deadlines) for c in calls] == [
        ("gacr:vyzva-pro-podavani-izraelsko-ceskych-projektu", "open", ["2026-11-18T23:59:59+01:00"])
    ]


def test_spider_module_documents_its_source() -> None:
    import spiders.gacr as module

    assert GacrSpider.name == "gacr"
    assert all(section in (module.__doc__ or "") for section in ("Domain", "Caveats", "Spider arguments"))
