"""Matching on a small corpus: expected rankings, Czech ⇄ English, negative cues, eligibility, properties,
feedback and the consortium hint. No network, no database."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest

from matcher.scoring import Matcher
from store.members import load_members_file
from tests.conftest import FILES

NOW = datetime(2026, 9, 20, tzinfo=UTC)
SLUGS = ["industrial-consumer-optics", "military-optics", "lighting", "lasers", "electron-microscopy"]


def load_calls() -> list[dict[str, Any]]:
    lines = (FILES / "matcher" / "calls.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


@pytest.fixture(scope="module")
def calls() -> list[dict[str, Any]]:
    return load_calls()


@pytest.fixture(scope="module")
def profiles() -> list[dict[str, Any]]:
    return load_members_file(FILES / "matcher" / "members.yaml")


@pytest.fixture(scope="module")
def results(calls: list[dict[str, Any]], profiles: list[dict[str, Any]]) -> dict[str, Any]:
    matcher = Matcher().fit(calls, profiles)
    return {r.call_id: r for r in matcher.score(calls, now=NOW, min_score=0.0, consortium=True)}


def ranking(results: dict[str, Any], slug: str) -> list[str]:
    return sorted(results, key=lambda cid: (-results[cid].pillars[slug], cid))


@pytest.mark.parametrize(
    ("slug", "expected_top"),
    [
        ("lasers", {"cz-laser", "cz-closed-laser"}),
        ("military-optics", {"en-nightvision"}),
        ("lighting", {"cz-lighting", "en-luminaires"}),
        ("electron-microscopy", {"cz-em"}),
        ("industrial-consumer-optics", {"en-optics"}),
    ],
)
def test_expected_pillar_rankings(results: dict[str, Any], slug: str, expected_top: set[str]) -> None:
    top = ranking(results, slug)[: len(expected_top)]
    assert set(top) == expected_top
    for call_id in expected_top:
        assert results[call_id].pillars[slug] >= 0.5


def test_czech_laser_welding_scores_for_lasers_only(results: dict[str, Any]) -> None:
    pillars = results["cz-laser"].pillars
    assert pillars["lasers"] > 0.6
    assert max(v for k, v in pillars.items() if k != "lasers") < 0.2
    assert "Laserové svařování" in results["cz-laser"].pillar_terms["lasers"]


def test_english_night_vision_scores_for_military_optics(results: dict[str, Any]) -> None:
    assert results["en-nightvision"].pillars["military-optics"] > 0.6
    terms = results["en-nightvision"].pillar_terms["military-optics"]
    assert "Night vision" in terms and "optronics" in terms


def test_negative_cues_keep_laser_cut_furniture_and_broadband_low(results: dict[str, Any]) -> None:
    assert results["en-furniture"].pillars["lasers"] < 0.2
    assert results["en-broadband"].pillars["industrial-consumer-optics"] < 0.2
    assert results["en-furniture"].pillars["lasers"] < results["cz-laser"].pillars["lasers"] / 3


def test_czech_call_reaches_english_profile_and_back(results: dict[str, Any], profiles: list[dict[str, Any]]) -> None:
    def members_of(call_id: str) -> list[str]:
        return [profiles[m.position]["name"] for m in results[call_id].members if m.score >= 0.25]

    assert members_of("cz-laser")[0] == "LaserWeld Olomouc"  # Czech call, English profile
    assert members_of("en-nightvision")[0] == "Optronika a.s."  # English call, Czech profile
    assert members_of("cz-em")[0] == "Institute of Scientific Instruments"
    assert "Svítidla Morava s.r.o." in members_of("en-luminaires")


def test_cross_language_keyword_counts(results: dict[str, Any], profiles: list[dict[str, Any]]) -> None:
    laser = next(m for m in results["cz-laser"].members if profiles[m.position]["name"] == "LaserWeld Olomouc")
    assert "laser welding" in laser.explanation["score_parts"]["keywords_matched"]
    assert laser.explanation["pillars"] == ["lasers"]


def test_irrelevant_calls_match_nobody_above_threshold(results: dict[str, Any]) -> None:
    for call_id in ("cz-social", "en-broadband", "en-furniture"):
        assert all(m.score < 0.25 for m in results[call_id].members), call_id


def test_closed_call_gets_no_members_and_says_why(results: dict[str, Any]) -> None:
    closed = results["cz-closed-laser"]
    assert not closed.eligible and closed.members == []
    assert any(c.name == "status" and not c.passed for c in closed.call_checks)


def test_passed_deadline_and_member_eligibility(calls: list[dict[str, Any]], profiles: list[dict[str, Any]]) -> None:
    call = dict(calls[0], id="old", deadlines=["2026-01-31T23:59:59+01:00"])
    matcher = Matcher().fit([call], profiles)
    result = matcher.score([call], now=NOW)[0]
    assert not result.eligible
    assert next(c.detail for c in result.call_checks if c.name == "deadline").startswith("last deadline")
    # Applicant type: the lighting call is for municipalities; the SME luminaire maker may not apply.
    lighting = next(c for c in calls if c["id"] == "cz-lighting")
    result = Matcher().fit([lighting], profiles).score([lighting], now=NOW)[0]
    assert all(profiles[m.position]["name"] != "Svítidla Morava s.r.o." for m in result.members)


def test_explanation_shape(results: dict[str, Any]) -> None:
    member = results["cz-laser"].members[0]
    explanation = member.explanation
    assert set(explanation) >= {"terms", "pillars", "checks", "score_parts"}
    assert {c["name"] for c in explanation["checks"]} == {"status", "deadline", "applicant_type", "region"}
    assert all(isinstance(t, str) for t in explanation["terms"])
    # Terms in the call's language: Czech words from a Czech call for an English profile.
    assert any("svařování" in t for t in explanation["terms"])


def test_scores_in_unit_interval_and_deterministic(calls: list[dict[str, Any]], profiles: list[dict[str, Any]]) -> None:
    def run() -> list[tuple[str, dict[str, float], list[tuple[int, float]]]]:
        matcher = Matcher().fit(calls, profiles)
        return [
            (r.call_id, r.pillars, [(m.position, m.score) for m in r.members]) for r in matcher.score(calls, now=NOW)
        ]

    first, second = run(), run()
    assert first == second
    for _, pillars, members in first:
        assert all(0.0 <= v <= 1.0 for v in pillars.values())
        assert all(0.0 <= s <= 1.0 for _, s in members)


def test_empty_and_huge_inputs(profiles: list[dict[str, Any]]) -> None:
    empty = {"id": "empty", "title": ""}
    huge = {"id": "huge", "title": "Laser " * 5000, "description": "optika laser svítidla " * 100_000}
    matcher = Matcher().fit([empty, huge], profiles)
    by_id = {r.call_id: r for r in matcher.score([empty, huge], now=NOW)}
    assert all(v == 0.0 for v in by_id["empty"].pillars.values())
    assert by_id["empty"].members == []
    assert all(0.0 <= v <= 1.0 for v in by_id["huge"].pillars.values())


def test_empty_profile_gets_nothing(calls: list[dict[str, Any]]) -> None:
    blank = [{"name": "Blank", "email": "b@example.org", "description": "", "keywords": [], "pillars": []}]
    matcher = Matcher().fit(calls, blank)
    assert all(r.members == [] for r in matcher.score(calls, now=NOW, min_score=0.01))


def test_no_members_no_calls() -> None:
    assert Matcher().fit([], []).score([], now=NOW) == []


def test_feedback_changes_the_next_score(calls: list[dict[str, Any]], profiles: list[dict[str, Any]]) -> None:
    optics = next(i for i, p in enumerate(profiles) if p["name"] == "Meopta-like Optics")
    judged = {"id": "judged", "title": "Optical coatings for space telescopes", "description": "Thin film coatings."}
    similar = {"id": "similar", "title": "Optical coatings for space telescopes", "description": "Coatings for optics."}

    def score_of_similar(feedback: dict[int, dict[str, list[dict[str, Any]]]] | None) -> float:
        matcher = Matcher().fit([*calls, judged, similar], profiles)
        if feedback:
            matcher.set_feedback(feedback)
        result = matcher.score([similar], now=NOW)[0]
        return next(m.score for m in result.members if m.position == optics)

    before = score_of_similar(None)
    after_no = score_of_similar({optics: {"not_relevant": [judged]}})
    after_yes = score_of_similar({optics: {"relevant": [judged]}})
    assert after_no < before * 0.7
    assert after_yes >= before


def test_excluded_pairs_are_never_proposed(calls: list[dict[str, Any]], profiles: list[dict[str, Any]]) -> None:
    matcher = Matcher().fit(calls, profiles)
    result = matcher.score(calls[:1], now=NOW, excluded={("cz-laser", 0)})[0]
    assert all(m.position != 0 for m in result.members)


def test_consortium_hint_picks_complementary_members(profiles: list[dict[str, Any]]) -> None:
    call = {
        "id": "mixed",
        "title": "Laser welding cells with machine vision and precision optics",
        "description": "A consortium developing laser welding and optical coatings, precision optics for inspection.",
        "language": "en",
        "status": "open",
    }
    matcher = Matcher().fit([call], profiles)
    result = matcher.score([call], now=NOW, consortium=True)[0]
    names = [profiles[p.position]["name"] for p in result.consortium]
    assert {"LaserWeld Olomouc", "Meopta-like Optics"} <= set(names)
    assert len(names) <= 3
