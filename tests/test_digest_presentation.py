"""Presentation of codes in the digests: region names, applicant types, pillar plurals, check wording, and the
MS2021+ open-data link that is not a call page (QA pass)."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine

from digests.compose import compose_member
from digests.formatting import NBSP, is_open_data_record
from digests.i18n import (
    APPLICANT_NAMES,
    REGION_NAMES,
    TEXTS,
    applicant_name,
    check_detail,
    check_label,
    link_label,
    pillars_label,
    region_name,
    status_name,
)
from digests.links import LinkMaker
from digests.render import render_member
from digests.samples import PILLARS, SCENARIO_NOW, add_call, add_match, add_member
from grantradar.config import Config
from matcher.eligibility import call_checks, member_checks
from store.db import session_scope

MS21_URL = "https://ms21opendata.mssf.cz/SeznamVyzev_21_27.xml#01_26_015"
NUTS3 = {
    "CZ010": "Hlavní město Praha",
    "CZ020": "Středočeský kraj",
    "CZ031": "Jihočeský kraj",
    "CZ032": "Plzeňský kraj",
    "CZ041": "Karlovarský kraj",
    "CZ042": "Ústecký kraj",
    "CZ051": "Liberecký kraj",
    "CZ052": "Královéhradecký kraj",
    "CZ053": "Pardubický kraj",
    "CZ063": "Kraj Vysočina",
    "CZ064": "Jihomoravský kraj",
    "CZ071": "Olomoucký kraj",
    "CZ072": "Zlínský kraj",
    "CZ080": "Moravskoslezský kraj",
}


# --- regions -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "lang", "expected"),
    [
        ("CZ071", "cs", "Olomoucký kraj"),
        ("CZ071", "en", "Olomouc Region"),
        ("CZ064", "cs", "Jihomoravský kraj"),
        ("CZ064", "en", "South Moravian Region"),
        ("CZ", "cs", "Česko"),
        ("CZ", "en", "Czechia"),
        ("EU", "cs", "EU"),
        ("EU", "en", "EU"),
        (" cz080 ", "en", "Moravian-Silesian Region"),  # stored codes are upper-case; be lenient anyway
        ("CZ07", "cs", "CZ07"),  # NUTS 2 and anything else unknown: as given
        ("DE212", "en", "DE212"),
        ("", "cs", ""),
        (None, "en", ""),
    ],
)
def test_region_names(code: str | None, lang: str, expected: str) -> None:
    assert region_name(code, lang) == expected


def test_every_czech_nuts3_region_has_a_name_in_both_languages() -> None:
    assert {code: region_name(code, "cs") for code in NUTS3} == NUTS3
    assert set(REGION_NAMES) == set(NUTS3) | {"CZ", "EU"}
    for code in NUTS3:
        assert region_name(code, "en") not in {"", code, NUTS3[code]}


# --- applicant types, statuses, pillars ---------------------------------------------------------------------


def test_applicant_names_are_one_mapping_taken_from_the_digest_words() -> None:
    assert set(APPLICANT_NAMES["cs"]) == set(APPLICANT_NAMES["en"])
    assert {"enterprise", "sme", "research_org", "university"} <= set(APPLICANT_NAMES["en"])
    for lang in ("cs", "en"):
        for code, name in APPLICANT_NAMES[lang].items():
            assert TEXTS[lang][f"app_{code}"] == name
    assert applicant_name("sme", "en") == "SMEs"
    assert applicant_name("research_org", "cs") == "výzkumné organizace"
    assert applicant_name("consortium", "en") == "consortium"


def test_status_names() -> None:
    assert status_name("open", "cs") == "otevřená"
    assert status_name("forthcoming", "en") == "forthcoming"
    assert status_name("weird", "cs") == "weird"


@pytest.mark.parametrize(
    ("n", "cs", "en"),
    [(1, "pilíř", "pillar"), (2, "pilíře", "pillars"), (4, "pilíře", "pillars"), (5, "pilířů", "pillars")],
)
def test_pillars_label_plural(n: int, cs: str, en: str) -> None:
    assert (pillars_label(n, "cs"), pillars_label(n, "en")) == (cs, en)


# --- eligibility checks in words ------------------------------------------------------------------------------

NOW = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


def _details(call: dict[str, object], profile: dict[str, object]) -> dict[str, str]:
    """The details the matcher really stores, by check name."""
    return {c.name: c.detail for c in call_checks(call, NOW) + member_checks(call, profile)}


def test_matcher_check_details_read_as_words_in_english() -> None:
    call = {"status": "open", "deadlines": ["2027-04-30T11:00:00+02:00"], "applicants": ["sme"], "region": "CZ071"}
    details = _details(call, {"applicant_types": ["sme", "university"], "region": "CZ"})
    words = {name: check_detail(name, detail, "en") for name, detail in details.items()}
    assert words == {
        "status": "open",
        "deadline": f"next deadline 30{NBSP}April 2027, 11:00",
        "applicant_type": "SMEs may apply",
        "region": "call region Olomouc Region, member region Czechia",
    }


def test_matcher_check_details_read_as_words_in_czech() -> None:
    call = {"status": "closed", "deadlines": ["2026-01-15T23:59:59+01:00"], "applicants": ["university"]}
    details = _details(call, {"applicant_types": ["sme"], "region": "CZ064"})
    words = {name: check_detail(name, detail, "cs") for name, detail in details.items()}
    assert words == {
        "status": "uzavřená",
        "deadline": f"poslední uzávěrka 15.{NBSP}ledna 2026 už minula",
        "applicant_type": "výzva je pro: vysoké školy; člen je: malé a střední podniky",
        "region": "neuvedeno na obou stranách",
    }


def test_check_detail_of_an_unknown_shape_is_shown_as_stored() -> None:
    assert check_detail("status", "open", "en") == "open"
    assert check_detail("region", "CZ", "en") == "CZ"
    assert check_detail("deadline", "next deadline not-a-date", "en") == "next deadline not-a-date"
    assert check_detail("deadline", "no deadline stated", "cs") == "uzávěrka neuvedena"
    assert check_label("applicant_type", "en") == "applicant type"
    assert check_label("budget_fit", "en") == "budget fit"


# --- the MS2021+ open-data link ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (MS21_URL, True),
        ("https://MS21OPENDATA.mssf.cz/SeznamVyzev_21_27.xml", True),
        ("https://dotaceeu.cz/cs/jak-ziskat-dotaci/vyzvy/01_26_015", False),
        ("https://ms21opendata.mssf.cz.evil.example/x", False),
        (None, False),
        ("", False),
    ],
)
def test_open_data_record_is_detected_by_host(url: str | None, expected: bool) -> None:
    assert is_open_data_record(url) is expected


def test_link_label() -> None:
    assert link_label(MS21_URL, "cs") == "Záznam v otevřených datech MS2021+"
    assert link_label(MS21_URL, "en") == "MS2021+ open-data record"
    assert link_label("https://tacr.gov.cz/vyzva", "cs") == "Stránka výzvy"
    assert link_label("https://tacr.gov.cz/vyzva", "en") == "Call page"


# --- a rendered member digest ---------------------------------------------------------------------------------


def _render(engine: Engine, tmp_path: Path, lang: str) -> tuple[str, str]:
    config = Config(secret_key="s", base_url="https://radar.example.org", outbox=str(tmp_path))
    with session_scope(engine) as s:
        member = add_member(s, "Meopta", "info@meopta.example.cz", language=lang)
        deadline = (SCENARIO_NOW + timedelta(days=40)).isoformat()
        ms21 = add_call(
            s, "ms2021:01_26_015", "OP TAK Inovace", now=SCENARIO_NOW, url=MS21_URL, region="CZ064",
            deadlines=[deadline], applicants=["sme", "large_enterprise"],
        )  # fmt: skip
        page = add_call(s, "tacr:C1", "Laserové svařování", now=SCENARIO_NOW, region="CZ071", deadlines=[deadline])
        s.flush()
        add_match(s, ms21, member, pillars=["industrial-consumer-optics", "lasers"])
        add_match(s, page, member, pillars=["lasers"])
        content = compose_member(
            s, member, config, SCENARIO_NOW, PILLARS, LinkMaker(config.base_url, config.secret_key)
        )
        rendered = render_member(content, PILLARS, config.timezone, config.contact_email)
    return rendered.text, rendered.html


def _link(html: str, href: str, label: str) -> bool:
    """Whether the HTML links `label` to `href` (the inlined CSS adds a style attribute to every link)."""
    return re.search(rf'<a href="{re.escape(href)}"[^>]*>{re.escape(label)}</a>', html) is not None


def _card(text: str, title: str) -> str:
    """The text card of one call (from its title line to the next card)."""
    start = text.index(f"* {title}")
    end = text.find("\n* ", start + 1)
    return text[start : end if end != -1 else len(text)]


def test_member_digest_in_czech_names_regions_plurals_and_the_open_data_link(engine: Engine, tmp_path: Path) -> None:
    text, html = _render(engine, tmp_path, "cs")
    ms21 = _card(text, "OP TAK Inovace")
    assert "Stav: otevřená · Jihomoravský kraj" in ms21
    assert "Kdo může žádat: malé a střední podniky, velké podniky" in ms21
    assert "Proč se hodí: pilíře Průmyslová a spotřební optika, Laserové technologie a aplikace;" in ms21
    assert f"Záznam v otevřených datech MS2021+: {MS21_URL}" in ms21
    assert "Stránka výzvy" not in ms21
    page = _card(text, "Laserové svařování")
    assert "Stav: otevřená · Olomoucký kraj" in page
    assert "Proč se hodí: pilíř Laserové technologie a aplikace;" in page
    assert "Stránka výzvy: https://tacr.example.cz/calls/C1" in page
    assert "CZ064" not in text and "CZ071" not in text
    # In HTML the open-data file is not behind the title (a reader expects a page there), only behind its label.
    assert not _link(html, MS21_URL, "OP TAK Inovace")
    assert _link(html, MS21_URL, "Záznam v otevřených datech MS2021+")
    assert _link(html, "https://tacr.example.cz/calls/C1", "Laserové svařování")
    assert "Jihomoravský kraj" in html and "CZ064" not in html


def test_member_digest_in_english(engine: Engine, tmp_path: Path) -> None:
    text, _ = _render(engine, tmp_path, "en")
    ms21 = _card(text, "OP TAK Inovace")
    assert "Status: open · South Moravian Region" in ms21
    assert "Why it matched: pillars Industrial and consumer optics, Laser technologies and applications;" in ms21
    assert f"MS2021+ open-data record: {MS21_URL}" in ms21 and "Call page" not in ms21
    assert "Why it matched: pillar Laser technologies and applications;" in _card(text, "Laserové svařování")
