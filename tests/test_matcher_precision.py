"""Precision rules at the member threshold (matcher/devset/TUNING.md, round "precision 2"): boilerplate removal,
a lone keyword on a weak pillar, keyword → concept expansion, and defence words as context only."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from matcher import boilerplate
from matcher.scoring import Matcher

NOW = datetime(2026, 9, 20, tzinfo=UTC)
MENU = (
    "Domů Portál Výzvy Statistiky Podporované aktivity Aplikace Inovace Potenciál Laserové technologie "
    "Inovační vouchery Služby infrastruktury Spolupráce Technologické platformy Úspory energie"
)
TOPICS = [
    "zemědělství půda voda",
    "cestovní ruch hotely",
    "sociální služby senioři",
    "školství učitelé žáci",
    "doprava silnice mosty",
    "kultura divadla muzea",
    "zdravotnictví nemocnice",
    "sport mládež kluby",
    "lesnictví dřevo těžba",
    "rybníky rybářství",
    "vinařství vinice sklepy",
    "knihovny čtenáři",
    "hasiči technika požáry",
    "obce náměstí chodníky",
    "bydlení byty nájem",
    "odpady recyklace sběr",
    "archivy dokumenty",
    "včelařství medovina",
    "jezdectví koně stáje",
    "pekárny chléb mouka",
    "zoologické zahrady",
    "kina filmy festivaly",
]


def profile(keywords: list[str], pillars: list[str], description: str = "", language: str = "cs") -> dict[str, Any]:
    return {
        "name": "Member",
        "email": "member@example.org",
        "description": description,
        "language": language,
        "pillars": pillars,
        "keywords": keywords,
        "applicant_types": [],
        "region": None,
        "digest": "weekly",
    }


def call(call_id: str, title: str, description: str, language: str = "cs") -> dict[str, Any]:
    return {"id": call_id, "title": title, "description": description, "language": language, "status": "open"}


def portal_calls(n: int) -> list[dict[str, Any]]:
    """`n` calls of one portal: the menu (which names laser technologies) and then each call's own text."""
    return [call(f"c{i}", f"Výzva {TOPICS[i]}", f"{MENU} Výzva podporuje {TOPICS[i]} v regionu.") for i in range(n)]


# ---- boilerplate -------------------------------------------------------------------------------------------


def keys(text: str) -> list[str]:
    return text.lower().split()


def test_long_run_shared_by_many_documents_is_boilerplate() -> None:
    menu = keys("home calls statistics supported activities applications innovation potential vouchers")
    bodies = [menu + keys(f"a{i} b{i} c{i} d{i} e{i} f{i} g{i} h{i}") for i in range(25)]
    repeated = boilerplate.repeated_shingles(bodies)
    assert boilerplate.covered(bodies[0], repeated) == set(range(len(menu)))


def test_short_shared_phrase_small_batch_and_duplicates_are_kept() -> None:
    phrase = keys("laser material processing of metals")  # five words: shorter than a shingle
    bodies = [phrase + keys(f"a{i} b{i} c{i} d{i} e{i} f{i} g{i} h{i}") for i in range(25)]
    assert not boilerplate.covered(bodies[0], boilerplate.repeated_shingles(bodies))
    menu = keys("home calls statistics supported activities applications innovation potential vouchers")
    few = [menu + keys(f"own text {i}") for i in range(boilerplate.MIN_BATCH - 1)]
    assert boilerplate.repeated_shingles(few) == frozenset()
    # The same call stored 30 times is one document, not 30 that share their whole text.
    assert boilerplate.repeated_shingles([menu + keys("one call")] * 30) == frozenset()


def test_menu_words_give_no_pillar_evidence_and_no_terms() -> None:
    member = profile(["laserové technologie"], ["lasers"])
    calls = portal_calls(22)
    results = Matcher().fit(calls, [member]).score(calls, now=NOW, min_score=0.0)
    for result in results:
        assert result.pillars["lasers"] < 0.1
        assert result.pillar_terms["lasers"] == []
        assert all("Laserové" not in " ".join(m.explanation["terms"]) for m in result.members)
    # Below MIN_BATCH documents nothing is judged boilerplate, so the same text still shows its laser words.
    small = portal_calls(boilerplate.MIN_BATCH - 1)
    few = Matcher().fit(small, [member]).score(small, now=NOW, min_score=0.0)
    assert few[0].pillar_terms["lasers"]


def test_boilerplate_removal_is_deterministic_and_applies_to_calls_scored_later() -> None:
    calls = portal_calls(22)
    first = Matcher().fit(calls, []).score(calls, now=NOW)
    second = Matcher().fit(list(reversed(calls)), []).score(calls, now=NOW)
    assert [r.pillars for r in first] == [r.pillars for r in second]
    matcher = Matcher().fit(calls, [])
    later = call("late", "Výzva pivovary", f"{MENU} Výzva podporuje pivovary.")
    assert matcher.score([later], now=NOW)[0].pillar_terms["lasers"] == []


# ---- member keywords ---------------------------------------------------------------------------------------


KEYWORD_CALLS = [
    call("one", "Dotace pro firmy", "Program nabízí vouchery pro malé firmy v kraji."),
    call("two", "Dotace pro firmy", "Program nabízí vouchery a poradenství pro malé firmy v kraji."),
    call("laser", "Laserové svařování", "Výzva podporuje laserové svařování a vláknové lasery; vouchery."),
]


@pytest.fixture(scope="module")
def keyword_parts() -> dict[str, dict[str, Any]]:
    """Score parts of one member (keywords "vouchery", "poradenství"; pillar lasers) per call."""
    matcher = Matcher().fit(KEYWORD_CALLS, [profile(["vouchery", "poradenství"], ["lasers"])])
    results = matcher.score(KEYWORD_CALLS, now=NOW, min_score=0.0)
    return {r.call_id: r.members[0].explanation["score_parts"] for r in results}


def test_one_keyword_on_a_weak_pillar_counts_as_none(keyword_parts: dict[str, dict[str, Any]]) -> None:
    lone = keyword_parts["one"]
    assert lone["pillar"] < 0.25
    assert lone["keywords_matched"] == ["vouchery"]
    assert lone["keywords"] == 0.0


def test_two_keywords_or_a_strong_pillar_still_count(keyword_parts: dict[str, dict[str, Any]]) -> None:
    assert keyword_parts["two"]["keywords"] == pytest.approx(0.75)
    strong = keyword_parts["laser"]
    assert strong["pillar"] >= 0.25
    assert strong["keywords"] == pytest.approx(0.5)


def test_keyword_stands_for_a_concept_only_when_it_is_a_concept_term() -> None:
    members = [profile(["X-ray optics"], [], language="en"), profile(["optics"], [], language="en")]
    matcher = Matcher().fit([call("x", "Optics", "Optics for cameras.", "en")], members)
    expanded = {position for entries in matcher.keyword_concepts.values() for position, _ in entries}
    assert 1 in expanded
    assert 0 not in expanded
    result = matcher.score([call("y", "Optická výroba", "Podpora optiky a optických komponent.", "cs")], now=NOW)
    hits = {m.position: m.explanation["score_parts"]["keywords_matched"] for m in result[0].members}
    assert hits.get(0, []) == []


# ---- defence words as context --------------------------------------------------------------------------------


def military(matcher: Matcher, description: str) -> float:
    # The description as the id: the matcher caches analysed calls by id.
    return matcher.score([call(description, "Call for proposals", description, "en")], now=NOW)[0].pillars[
        "military-optics"
    ]


def test_defence_words_alone_do_not_carry_military_optics() -> None:
    matcher = Matcher().fit([], [])
    # Railway works for military mobility, soil damaged by military actions: no optics at all.
    railway = "Upgrading railway lines for military mobility and defence, dual use corridors."
    assert military(matcher, railway) < 0.25
    evidence, _ = matcher._evidence(matcher.doc(call("r", "Call for proposals", railway, "en")))
    slugs = matcher.slugs
    # Only the shared R&D lift, which every pillar gets alike, is left.
    assert evidence[slugs.index("military-optics")] == evidence[slugs.index("lighting")]
    with_optics = military(matcher, "Thermal imaging for the armed forces: defence and military thermal cameras.")
    optics_only = military(matcher, "Thermal imaging: thermal cameras.")
    assert with_optics > optics_only >= 0.25


def test_defence_concept_is_context_in_the_pillar_file() -> None:
    matcher = Matcher()
    concepts = {c.id: c for p in matcher.pillar_set.pillars for c in p.vocabulary}
    assert concepts["defence"].context
    assert not concepts["thermal-imaging"].context
