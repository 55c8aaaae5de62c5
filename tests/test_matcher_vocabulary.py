"""The general fixes of the dev-set tuning round (matcher/devset/TUNING.md), one test each: mojibake repair,
vocabulary gaps (military laser systems, XR display optics, lithography optics, fibre sensing, EO payloads),
the atom-interferometry phrase and the building-energy negative cue for lighting. Also the dev-set builder's
deterministic split and label-file checks. No network, no database."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

import pytest

from matcher.documents import call_doc, concept_index
from matcher.pillars import load_pillar_set
from matcher.scoring import Matcher
from matcher.text import analyse, clean_text, fix_mojibake

ROOT = Path(__file__).resolve().parent.parent
INDEX = concept_index(load_pillar_set())


def concepts(title: str, body: str, lang: str) -> set[tuple[str, str]]:
    """(pillar slug, concept id) pairs found in a call, negative cues included."""
    doc = call_doc({"id": "t", "title": title, "description": body, "language": lang}, INDEX)
    return {(ref.pillar, ref.concept.id) for hit in doc.concepts for ref in hit.payloads}


def pillar_scores(calls: list[dict[str, Any]]) -> dict[str, dict[str, float]]:
    matcher = Matcher().fit(calls, [])
    return {r.call_id: r.pillars for r in matcher.score(calls)}


# ---- text normalisation -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("broken", "fixed"),
    [
        ("decisionâ€‘making", "decision\u2011making"),  # non-breaking hyphen
        ("NiinistÃ¶ report", "Niinistö report"),
        ("CONVOCATORIA TEMÃ\x81TICA", "CONVOCATORIA TEMÁTICA"),  # byte 0x81 is undefined in cp1252
        ("Skills Hubs of ExcellenceÂ\xa0", "Skills Hubs of Excellence\xa0"),
        # Good non-cp1252 characters (Czech letters) force the per-sequence repair.
        ("Příliš žluťoučký kůň â€“ photonicâ€‘integrated", "Příliš žluťoučký kůň – photonic\u2011integrated"),
    ],
)
def test_mojibake_sequences_repaired(broken: str, fixed: str) -> None:
    assert fix_mojibake(broken) == fixed


def test_genuine_accented_capitals_are_not_repaired() -> None:
    # "É" + no-break space and "Í" + closing quote are valid UTF-8 when re-encoded, but are not mojibake.
    text = "ČESKÉ\xa0REPUBLIKY „ÚSTÍ“ and a stray Ã"
    assert fix_mojibake(text) == text


def test_word_next_to_broken_hyphen_keeps_its_key() -> None:
    tokens = analyse(clean_text("photonicâ€‘integrated circuits"), "en")
    assert tokens[0].key == analyse("photonic", "en")[0].key


# ---- vocabulary -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "body", "lang", "expected"),
    [
        ("Laser rangefinders for armoured vehicles", "", "en", ("lasers", "defence-lasers")),
        ("Laser rangefinders for armoured vehicles", "", "en", ("military-optics", "rangefinders")),
        ("Vývoj laserových dálkoměrů", "", "cs", ("lasers", "defence-lasers")),
        (
            "XR hardware",
            "Lightweight AR glasses and head-mounted displays.",
            "en",
            ("industrial-consumer-optics", "display-optics"),
        ),
        ("Chytré brýle", "Vývoj náhlavních displejů.", "cs", ("industrial-consumer-optics", "display-optics")),
        ("EUV lithography optics", "", "en", ("industrial-consumer-optics", "lithography-optics")),
        (
            "Monitoring of pipelines",
            "Distributed fibre sensing along the route.",
            "en",
            ("industrial-consumer-optics", "optical-sensing"),
        ),
        ("Monitoring potrubí", "Optovláknovými senzory.", "cs", ("industrial-consumer-optics", "optical-sensing")),
        (
            "Small satellites",
            "Earth observation payloads and star trackers.",
            "en",
            ("industrial-consumer-optics", "space-optics"),
        ),
        (
            "Výměna osvětlení",
            "Zateplení budov, výměna oken, osvětlení.",
            "cs",
            ("lighting", "building-energy-measures"),
        ),
    ],
)
def test_new_terms_found_in_both_languages(title: str, body: str, lang: str, expected: tuple[str, str]) -> None:
    assert expected in concepts(title, body, lang)


def test_atom_interferometry_is_not_an_optical_instrument() -> None:
    found = concepts("Quantum gravimetry", "Cold-atom interferometry for inertial navigation.", "en")
    assert ("industrial-consumer-optics", "atom-interferometry") in found
    assert ("industrial-consumer-optics", "optical-instruments") not in found
    # Optical interferometry still is one.
    assert ("industrial-consumer-optics", "optical-instruments") in concepts("Interferometry", "", "en")


def test_laser_rangefinder_call_scores_for_lasers_too() -> None:
    calls = [
        {"id": "rf", "title": "Laser rangefinders and laser designators", "description": "", "language": "en"},
        {"id": "other", "title": "Rail freight logistics", "description": "Wagons and terminals.", "language": "en"},
    ]
    scores = pillar_scores(calls)
    assert scores["rf"]["lasers"] >= 0.5
    assert scores["rf"]["military-optics"] >= 0.5


def test_lighting_in_a_list_of_building_energy_measures_is_damped() -> None:
    lighting_call = {
        "id": "vo",
        "title": "Rekonstrukce veřejného osvětlení",
        "description": "Výměna svítidel veřejného osvětlení za LED svítidla, výměna osvětlení v obcích.",
        "language": "cs",
    }
    loan = {
        "id": "loan",
        "title": "Úvěr na úspory energie",
        "description": "Zateplení budov, výměna oken, výměna osvětlení, kotlů a tepelná čerpadla v podnicích.",
        "language": "cs",
    }
    scores = pillar_scores([lighting_call, loan])
    assert scores["vo"]["lighting"] >= 0.5
    assert scores["loan"]["lighting"] < 0.25 < scores["vo"]["lighting"]


# ---- dev-set builder ----------------------------------------------------------------------------------------


def _builder() -> Any:
    spec = importlib.util.spec_from_file_location("build_devset", ROOT / "dev" / "build_devset.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_split_is_deterministic_and_ignores_case_and_punctuation() -> None:
    build = _builder()
    title = "Preparing demonstration missions for Earth Observation (Space Partnership)"
    assert build.split_of(title) == build.split_of(title.upper().replace("(", " ( "))
    splits = {build.split_of(f"call number {n}") for n in range(40)}
    assert splits == {"tune", "holdout"}


def test_label_file_rejects_unknown_slug(tmp_path: Path) -> None:
    build = _builder()
    bad = tmp_path / "labels.csv"
    bad.write_text("id,labels,label_method,generic,reason\nx:1,optics-ish,read,,why\n", encoding="utf-8")
    with pytest.raises(ValueError, match="bad row"):
        build.read_labels(bad)


def test_shipped_label_file_is_valid() -> None:
    labels = _builder().read_labels(ROOT / "matcher" / "devset" / "labels.csv")
    assert len(labels) >= 1200
    assert all(row["reason"] for row in labels.values())
