"""MS2021+ spider: the namespaced SeznamVyzev_21_27.xml → call records, under frozen time."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from freezegun import freeze_time
from scrapy.http import HtmlResponse, XmlResponse
from scrapy.utils.test import get_crawler

from spiders.health import CONTRACT_KEY
from spiders.ms2021 import FILE_URL, Ms2021Spider, fold, programme_for, read_calls
from spiders.validation import problem

FILES = Path(__file__).parent / "files" / "ms2021"
CAPTURED = "2026-11-20T06:00:00Z"
CODES = ["01_26_091", "02_26_048", "03_25_104", "06_24_116", "08_23_010", "08_26_036"]


def make_spider() -> Ms2021Spider:
    return Ms2021Spider.from_crawler(get_crawler(Ms2021Spider))


def run(name: str, spider: Ms2021Spider | None = None) -> list[dict[str, Any]]:
    spider = spider or make_spider()
    body = (FILES / name).read_bytes()
    cls = HtmlResponse if name.endswith(".html") else XmlResponse
    response = cls(url=FILE_URL, body=body, encoding="utf-8")
    return [dict(item) for item in spider.parse(response)]


@pytest.fixture(scope="module")
def parsed() -> dict[str, dict[str, Any]]:
    with freeze_time(CAPTURED):
        return {item["native_id"]: item for item in run("SeznamVyzev_sample.xml")}


def test_every_complete_call_read(parsed: dict[str, dict[str, Any]]) -> None:
    assert sorted(parsed) == CODES


def test_call_without_code_is_counted_not_yielded() -> None:
    spider = make_spider()
    with freeze_time(CAPTURED):
        run("SeznamVyzev_sample.xml", spider)
    assert spider.crawler.stats.get_value("grantradar/ms2021/incomplete") == 1
    assert spider.crawler.stats.get_value(CONTRACT_KEY) is None


def test_title(parsed: dict[str, dict[str, Any]]) -> None:
    assert parsed["08_26_036"]["title"] == "36. výzva OP Rybářství - Investice do akvakultury"
    assert parsed["01_26_091"]["title"] == "Poradenství - výzva III."


def test_status_mapped_and_reconciled_with_dates(parsed: dict[str, dict[str, Any]]) -> None:
    assert {code: parsed[code]["status"] for code in CODES} == {
        "01_26_091": "open",  # Otevřená
        "02_26_048": "forthcoming",  # Planovana (ASCII-folded), opens in January
        "03_25_104": "cancelled",  # Zrušená, though its window is still running
        "06_24_116": "closed",  # Otevrena, but its end passed two days ago: the dates win
        "08_23_010": "closed",  # Pozastavena: no applications while suspended
        "08_26_036": "closed",  # Uzavrena
    }


def test_dates_keep_summer_and_winter_offsets(parsed: dict[str, dict[str, Any]]) -> None:
    call = parsed["08_26_036"]
    assert call["opens_at"] == "2026-10-20T09:00:00+02:00"
    assert call["deadlines"] == ["2026-11-09T13:00:00+01:00"]
    assert parsed["02_26_048"]["deadlines"] == ["2027-05-31T14:00:00+02:00"]


def test_budget_total_in_czk(parsed: dict[str, dict[str, Any]]) -> None:
    assert parsed["08_26_036"]["budget_total"] == {"amount": 50000000, "currency": "CZK"}
    assert parsed["02_26_048"]["budget_total"] == {"amount": 2000000000, "currency": "CZK"}
    assert parsed["01_26_091"]["grant_max"] is None


def test_programme_and_funder_from_code_prefix(parsed: dict[str, dict[str, Any]]) -> None:
    assert (parsed["01_26_091"]["programme"], parsed["01_26_091"]["funder"]) == (
        "OP TAK",
        "Ministerstvo průmyslu a obchodu",
    )
    assert parsed["02_26_048"]["programme"] == "OP JAK"
    assert parsed["03_25_104"]["programme"] == "OPZ+"
    assert parsed["06_24_116"]["programme"] == "IROP"
    assert parsed["08_26_036"]["programme"] == "OP Rybářství"
    assert programme_for("99_26_001") == (None, "Ministerstvo pro místní rozvoj (MS2021+)")


def test_code_url_and_ids(parsed: dict[str, dict[str, Any]]) -> None:
    call = parsed["01_26_091"]
    assert call["call_code"] == "01_26_091"
    assert call["id"] == "ms2021:01_26_091"
    assert call["url"] == "https://ms21opendata.mssf.cz/SeznamVyzev_21_27.xml#01_26_091"


def test_description_from_kind_rounds_and_publication(parsed: dict[str, dict[str, Any]]) -> None:
    assert parsed["08_26_036"]["description"] == (
        "Kolová výzva, jednokolová. Žádosti zpřístupněny od 13. 10. 2026 09:00."
    )
    assert parsed["01_26_091"]["description"].startswith("Průběžná výzva, jednokolová.")


def test_fixed_fields(parsed: dict[str, dict[str, Any]]) -> None:
    for call in parsed.values():
        assert (call["language"], call["region"], call["applicants"], call["documents"]) == ("cs", "CZ", [], [])
        assert call["fetched_at"] == "2026-11-20T06:00:00+00:00"


@pytest.mark.parametrize("code", CODES)
def test_invariants(parsed: dict[str, dict[str, Any]], code: str) -> None:
    call = parsed[code]
    assert problem(call) is None
    assert call["url"].startswith(FILE_URL)


def test_streaming_reader_is_namespace_agnostic() -> None:
    plain = b"<SeznamVyzev><VYZVA><KOD>01_26_001</KOD><NAZEV>A</NAZEV></VYZVA></SeznamVyzev>"
    other = b'<x:S xmlns:x="urn:other"><x:VYZVA><x:KOD>01_26_002</x:KOD></x:VYZVA></x:S>'
    assert list(read_calls(plain)) == [{"KOD": "01_26_001", "NAZEV": "A"}]
    assert list(read_calls(other)) == [{"KOD": "01_26_002"}]


def test_fold() -> None:
    assert fold(" Otevřená ") == fold("Otevrena") == "otevrena"


@pytest.mark.parametrize("name", ["SeznamVyzev_changed.xml", "maintenance.html"])
def test_changed_layout_breaks_the_contract(name: str) -> None:
    spider = make_spider()
    assert run(name, spider) == []
    assert spider.crawler.stats.get_value(CONTRACT_KEY) == 1
