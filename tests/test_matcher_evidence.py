"""How evidence accumulates: example lists and web addresses, one mention versus a central concept, and
member keywords that must not count one place of a call twice. No network, no database."""

from __future__ import annotations

from typing import Any

from matcher.scoring import Matcher, example_spans, url_spans

ICO = "industrial-consumer-optics"
FILLER = (
    "The action supports collaborative projects of companies and research organisations across Europe, with "
    "pilots in several regions, open data and training for staff. "
)


def call(call_id: str, title: str, description: str) -> dict[str, Any]:
    return {"id": call_id, "title": title, "description": description, "language": "en"}


def score(calls: list[dict[str, Any]], profiles: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    matcher = Matcher().fit(calls, profiles or [])
    return {r.call_id: r for r in matcher.score(calls)}


def test_example_spans_end_at_the_bracket_or_the_sentence() -> None:
    text = "Hubs in key areas (e.g. chip design, photonics). Photonics courses. K nim patří například fotonika."
    spans = [text[a:b] for a, b in example_spans(text)]
    assert spans[0] == " chip design, photonics"
    assert spans[1].strip() == "fotonika"
    link = "see https://example.org/topics/defence/ now"
    assert [link[a:b] for a, b in url_spans(link)] == ["https://example.org/topics/defence/"]


def test_a_concept_given_only_as_an_example_is_not_evidence() -> None:
    # The texts differ only by "e.g.", which the analysis drops, so the TF-IDF part is the same for each pair.
    results = score(
        [
            call("plain", "Skills hubs", FILLER + "The hubs teach key areas (chip design, photonics)."),
            call("example", "Skills hubs", FILLER + "The hubs teach key areas (e.g. chip design, photonics)."),
            call("plain2", "Skills hubs", FILLER + "Areas (photonics). The hubs teach photonics."),
            call("both", "Skills hubs", FILLER + "Areas (e.g. photonics). The hubs teach photonics."),
        ]
    )
    pillar = {key: result.pillars[ICO] for key, result in results.items()}
    assert pillar["example"] < pillar["plain"]
    assert pillar["example"] < pillar["both"] < pillar["plain2"]  # the mention outside the list still counts
    assert "photonics" not in [t.lower() for t in results["example"].pillar_terms[ICO]]
    assert "photonics" in [t.lower() for t in results["plain"].pillar_terms[ICO]]


def test_words_of_a_web_address_are_not_evidence() -> None:
    results = score(
        [
            call("url", "Civil preparedness", FILLER + "Background: https://commission.europa.eu/topics/defence/x"),
            call("prose", "Civil preparedness", FILLER + "Background: the defence of the region."),
        ]
    )
    assert results["url"].pillars["military-optics"] < results["prose"].pillars["military-optics"]


def test_one_mention_is_weaker_than_a_central_concept() -> None:
    results = score(
        [
            call("once", "Battery production", FILLER + "Processes such as laser patterning are in scope."),
            call("twice", "Battery production", FILLER + "Laser patterning and laser drilling of electrodes."),
            call("title", "Laser patterning for batteries", FILLER),
        ]
    )
    once, twice, title = (results[k].pillars["lasers"] for k in ("once", "twice", "title"))
    assert once < twice and once < title
    assert once < 0.35  # one passing mention stays near the threshold, not far above it


def test_one_place_of_a_call_counts_for_one_member_keyword() -> None:
    profiles = [
        {
            "name": "Photonics Ltd",
            "email": "p@example.org",
            "language": "en",
            "description": "",
            "keywords": ["photonics", "fotonika"],  # two keywords naming the same concept
            "pillars": [],
        },
        {
            "name": "Agency",
            "email": "a@example.org",
            "language": "cs",
            "description": "",
            "keywords": ["transfer technologií"],  # names a shared R&D concept, which also covers "inovace"
            "pillars": [],
        },
    ]
    calls = [
        call("once", "Regional call", FILLER + "Projects in photonics are welcome."),
        {
            "id": "cz",
            "title": "Sociální služby",
            "description": "Odbor sociálního začleňování a inovace.",
            "language": "cs",
        },
    ]
    matcher = Matcher().fit(calls, profiles)
    docs = {c["id"]: matcher.doc(c) for c in calls}
    hits = {key: matcher._keyword_hits(doc) for key, doc in docs.items()}
    assert len(hits["once"].get(0, {})) == 1
    assert 1 not in hits["cz"]
