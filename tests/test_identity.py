"""One identity per call: the same call from two sources is stored once, with each source's provenance.

The rule (store/calls.py): a record joins the call of another source with the same call code (ms2021 and
optak share `01_26_091`), else with the same normalised public URL (a TA ČR feed entry pointing at the
competition page the tacr spider reads). For every field the most specific source with a value wins
(SOURCE_PRECEDENCE: optak, tacr, … sedia, dotaceeu, ms2021, feeds); empty values never overwrite. Records
here come from the ms2021 and feeds spiders run on their fixtures, and from literals shaped as the optak and
tacr spiders yield them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from freezegun import freeze_time
from scrapy.http import XmlResponse
from scrapy.utils.test import get_crawler
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from spiders.feeds import FeedsSpider
from spiders.ms2021 import FILE_URL, Ms2021Spider
from spiders.validation import problem
from store.calls import upsert_record
from store.models import Call, CallRecord

FILES = Path(__file__).parent / "files"
FETCHED = "2026-11-20T07:00:00+00:00"
FOREST = "https://tacr.gov.cz/soutez/forest/call-2026-4/"
SIGMA = (
    "https://tacr.gov.cz/soutez/program-sigma/osmnacta-verejna-soutez-%e2%81%a0%e2%81%a0%e2%81%a0%e2%81%a0"
    "%e2%81%a0%e2%81%a0-dilci-cil-1-podpora-komercializace-vavai/"
)
OPTAK_URL = "https://apiagentura.gov.cz/cs/podporovane-aktivity-optak/poradenstvi-optak/poradenstvi-vyzva-iii/"


def ms2021_record(code: str) -> dict[str, Any]:
    spider = Ms2021Spider.from_crawler(get_crawler(Ms2021Spider))
    response = XmlResponse(url=FILE_URL, body=(FILES / "ms2021" / "SeznamVyzev_sample.xml").read_bytes())
    with freeze_time(FETCHED):
        items = {item["native_id"]: dict(item) for item in spider.parse(response)}
    return items[code]


def feeds_record(url: str) -> dict[str, Any]:
    feed = "https://tacr.gov.cz/kategorie/verejne-souteze/feed/"
    spider = FeedsSpider.from_crawler(get_crawler(FeedsSpider), feeds=feed)
    body = (FILES / "feeds" / "tacr_verejne_souteze.xml").read_bytes()
    with freeze_time(FETCHED):
        items = {item["url"]: dict(item) for item in spider.parse(XmlResponse(url=feed, body=body))}
    return items[url]


def base_record(source: str, native_id: str, url: str, title: str, **fields: Any) -> dict[str, Any]:
    record = {
        "id": f"{source}:{native_id}",
        "source": source,
        "native_id": native_id,
        "url": url,
        "title": title,
        "description": "",
        "language": "cs",
        "funder": "",
        "programme": None,
        "call_code": None,
        "status": "unknown",
        "opens_at": None,
        "deadlines": [],
        "budget_total": None,
        "grant_min": None,
        "grant_max": None,
        "funding_rate_max": None,
        "applicants": [],
        "eligibility_text": None,
        "region": "CZ",
        "documents": [],
        "keywords": [],
        "fetched_at": FETCHED,
    }
    record.update(fields)
    assert problem(record) is None
    return record


def optak_record() -> dict[str, Any]:
    """Shaped as spiders/optak.py yields the Poradenství III detail page (native_id = URL slug)."""
    return base_record(
        "optak",
        "poradenstvi-vyzva-iii",
        OPTAK_URL,
        "Poradenství – výzva III",
        description="Podpora poradenských služeb pro malé a střední podniky.",
        funder="MPO / Agentura API",
        programme="OP TAK",
        call_code="01_26_091",
        status="open",
        opens_at="2026-09-04T10:00:00+02:00",
        deadlines=["2027-02-01T10:00:00+01:00"],
        grant_max={"amount": 1000000, "currency": "CZK"},
        funding_rate_max=50.0,
        applicants=["enterprise", "sme"],
        documents=[
            {"title": "Text výzvy (pdf)", "url": "https://apiagentura.gov.cz/wp-content/uploads/2026/08/vyzva.pdf"}
        ],
    )


def tacr_record(url: str, native_id: str, title: str) -> dict[str, Any]:
    """Shaped as spiders/tacr.py yields a competition page (native_id = URL slug)."""
    return base_record(
        "tacr",
        native_id,
        url,
        title,
        description="Mezinárodní výzva evropského partnerství.",
        funder="TA ČR",
        programme="FOREST",
        status="open",
        opens_at="2026-09-15T00:00:00+02:00",
        deadlines=["2026-12-02T23:59:59+01:00"],
        budget_total={"amount": 500000, "currency": "EUR"},
        grant_max={"amount": 170000, "currency": "EUR"},
        funding_rate_max=80.0,
        applicants=["enterprise", "research_org", "public_body"],
    )


def store(session: Session, *records: dict[str, Any]) -> list[str]:
    outcomes = [upsert_record(session, record).outcome for record in records]
    session.commit()
    return outcomes


def only_call(session: Session) -> Call:
    assert session.scalar(select(func.count()).select_from(Call)) == 1
    return session.scalars(select(Call)).one()


@pytest.mark.parametrize("order", ["ms2021 first", "optak first"])
def test_same_code_from_ms2021_and_optak_is_one_call(session: Session, order: str) -> None:
    ms2021, optak = ms2021_record("01_26_091"), optak_record()
    records = (ms2021, optak) if order == "ms2021 first" else (optak, ms2021)
    assert store(session, *records) == ["new", "joined"]
    call = only_call(session)
    assert sorted((r.source, r.native_id) for r in call.records) == [
        ("ms2021", "01_26_091"),
        ("optak", "poradenstvi-vyzva-iii"),
    ]
    # The agency's own page wins where it has a value…
    assert (call.source, call.title, call.url) == ("optak", "Poradenství – výzva III", OPTAK_URL)
    assert (call.funder, call.applicants, call.funding_rate_max) == ("MPO / Agentura API", ["enterprise", "sme"], 50.0)
    # …and the open-data file fills what the page lacks.
    assert call.budget_total == {"amount": 4900000, "currency": "CZK"}
    assert call.call_code == "01_26_091"
    assert call.deadlines == ["2027-02-01T10:00:00+01:00"]


def test_recrawl_keeps_one_call(session: Session) -> None:
    store(session, ms2021_record("01_26_091"), optak_record())
    assert store(session, ms2021_record("01_26_091"), optak_record()) == ["unchanged", "unchanged"]
    assert only_call(session).source == "optak"
    assert session.scalar(select(func.count()).select_from(CallRecord)) == 2


@pytest.mark.parametrize("order", ["feed first", "tacr first"])
def test_feed_entry_and_competition_page_are_one_call(session: Session, order: str) -> None:
    feed, tacr = feeds_record(FOREST), tacr_record(FOREST, "call-2026-4", "FOREST Call 2026")
    records = (feed, tacr) if order == "feed first" else (tacr, feed)
    assert store(session, *records) == ["new", "joined"]
    call = only_call(session)
    assert sorted(r.source for r in call.records) == ["feeds", "tacr"]
    assert (call.source, call.title, call.url, call.status) == ("tacr", "FOREST Call 2026", FOREST, "open")
    assert call.description == "Mezinárodní výzva evropského partnerství."
    # The feed adds what the competition page has not: its categories.
    assert call.keywords == ["Veřejné soutěže", "Mezinárodní spolupráce"]


def test_percent_escapes_in_either_case_join(session: Session) -> None:
    """A competition slug with U+2060 written `%E2%81%A0` by one source and `%e2%81%a0` by the other."""
    tacr = tacr_record(SIGMA.replace("%e2%81%a0", "%E2%81%A0"), "sigma-18-dc1", "SIGMA – 18. veřejná soutěž")
    assert store(session, feeds_record(SIGMA), tacr) == ["new", "joined"]
    assert only_call(session).source == "tacr"


def test_different_calls_stay_apart(session: Session) -> None:
    other = ms2021_record("08_26_036")
    assert store(session, ms2021_record("01_26_091"), optak_record(), other, feeds_record(FOREST)) == [
        "new",
        "joined",
        "new",
        "new",
    ]
    assert session.scalar(select(func.count()).select_from(Call)) == 3
