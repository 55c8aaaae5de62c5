"""Normalisation: case and diacritics folded for matching, lemmas/stems meeting, acronyms, boilerplate."""

from __future__ import annotations

import pytest

from matcher.text import analyse, clean_text, detect_language, fix_mojibake, fold, phrase_keys


def keys(text: str, lang: str) -> list[str]:
    return [t.key for t in analyse(text, lang)]


def test_fold_strips_case_and_diacritics() -> None:
    assert fold("Světelná TECHNIKA") == "svetelna technika"


@pytest.mark.parametrize(
    ("a", "b", "lang"),
    [
        ("laserové", "laser", "cs"),
        ("laserového svařování", "laserové svařování", "cs"),
        ("svítidla", "svítidlo", "cs"),
        ("optický", "optika", "cs"),
        ("elektronovým mikroskopem", "elektronový mikroskop", "cs"),
        ("lasers", "laser", "en"),
        ("optical", "optics", "en"),
        ("luminaires", "luminaire", "en"),
    ],
)
def test_inflected_forms_meet(a: str, b: str, lang: str) -> None:
    assert keys(a, lang) == keys(b, lang)


def test_surface_form_is_kept_for_display() -> None:
    tokens = analyse("Laserové svařování", "cs")
    assert [t.surface for t in tokens] == ["Laserové", "svařování"]


def test_acronyms_keep_case_and_do_not_meet_ordinary_words() -> None:
    assert "LED" in keys("LED svítidla", "cs")
    assert "LED" not in keys("a housing-led approach", "en")
    assert "SEM" in keys("mikroskop SEM", "cs")
    assert "SEM" not in keys("Pojďte sem", "cs")


def test_all_capitals_text_is_folded_not_treated_as_acronyms() -> None:
    assert keys("LASER WELDING FOR SME", "en") == keys("laser welding for sme", "en")


def test_lighting_is_not_reduced_to_light() -> None:
    assert keys("lighting", "en") != keys("light", "en")


def test_stop_words_dropped_in_both_languages() -> None:
    assert keys("the and of with", "en") == []
    assert keys("a v na pro se", "cs") == []


def test_clean_text_removes_html_and_feed_boilerplate() -> None:
    raw = "<p>Laser <b>welding</b> &amp; cutting.</p><script>x()</script> The post Call X appeared first on TA ČR."
    assert clean_text(raw) == "Laser welding & cutting."


def test_clean_text_cuts_eu_legalese_tail() -> None:
    body = "Photonics for industry. " * 20 + "General conditions1. Admissibility conditions: described in Annex A"
    cleaned = clean_text(body)
    assert "Photonics" in cleaned
    assert "Admissibility" not in cleaned


def test_mojibake_repaired() -> None:
    assert fix_mojibake("beneficiariesâ€™ costs") == "beneficiaries’ costs"
    assert fix_mojibake("plain text") == "plain text"


def test_detect_language() -> None:
    assert detect_language("Podpora výzkumu a vývoje v oblasti optiky pro podniky") == "cs"
    assert detect_language("Support for research and development of optics for companies") == "en"


def test_phrase_keys_match_text_keys() -> None:
    assert phrase_keys("laserové svařování", "cs") == tuple(keys("laserovým svařováním", "cs"))


def test_empty_and_symbol_only_text() -> None:
    assert analyse("", "cs") == []
    assert analyse("12 345 — %%% ###", "en") == []
