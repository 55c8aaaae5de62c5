"""The matcher's whole output on a fixed input, pinned: speed-ups (caches, batching, lazy structures) must not
change a single score, term or check. The input mixes the small corpus with real dev-set calls (Czech and
English, mojibake, EU legalese, web addresses, example lists, closed calls, passed deadlines, applicant types
and regions) and two members files, with feedback, an excluded pair and the consortium hint.

The pinned file was written by the matcher before its performance work. Regenerate it only for an intended
change of behaviour: GRANTRADAR_REGENERATE_PINNED=1 .venv/bin/pytest tests/test_matcher_pinned.py
"""

from __future__ import annotations

import dataclasses
import json
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from matcher.cli_io import output_lines, read_calls
from matcher.scoring import Matcher
from store.members import load_members_file
from tests.conftest import FILES

NOW = datetime(2026, 9, 20, 8, tzinfo=UTC)
PINNED = FILES / "matcher" / "pinned_output.json"
DEMO_MEMBERS = Path(__file__).resolve().parent.parent / "grantradar" / "demo" / "members.csv"


def _inputs() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    calls: list[dict[str, Any]] = []
    for name in ("calls.jsonl", "pinned_calls.jsonl"):
        with (FILES / "matcher" / name).open(encoding="utf-8") as handle:
            calls += read_calls(handle, name)
    profiles = load_members_file(FILES / "matcher" / "members.yaml") + load_members_file(DEMO_MEMBERS)
    return calls, profiles


def snapshot() -> dict[str, Any]:
    """Everything the matcher hands to its callers, as JSON-ready data."""
    calls, profiles = _inputs()
    matcher = Matcher().fit(calls, profiles)
    matcher.set_feedback(
        {
            0: {"relevant": [calls[3]], "not_relevant": [calls[12]]},
            7: {"not_relevant": [calls[0], calls[20]]},
        }
    )
    results = matcher.score(
        calls, now=NOW, min_score=0.15, excluded=[(calls[0]["id"], 1), (calls[15]["id"], 9)], consortium=True
    )
    return {
        "results": [dataclasses.asdict(r) for r in results],
        # What `run_match` stores for the consortium hint: the call's own words for each need.
        "covers": {
            r.call_id: [[matcher.surface(r.call_id, need) for need in pick.covers] for pick in r.consortium]
            for r in results
        },
        "score_lines": list(output_lines(results, profiles)),
    }


def test_output_is_pinned() -> None:
    # A JSON round trip turns tuples into lists; floats survive it exactly (shortest repr).
    actual = json.loads(json.dumps(snapshot(), ensure_ascii=False))
    if os.environ.get("GRANTRADAR_REGENERATE_PINNED") == "1":
        PINNED.write_text(json.dumps(actual, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    expected = json.loads(PINNED.read_text(encoding="utf-8"))
    assert actual["score_lines"] == expected["score_lines"]
    assert actual["covers"] == expected["covers"]
    for got, want in zip(actual["results"], expected["results"], strict=True):
        assert got == want, got["call_id"]
    # The pin is worth something only if the input reaches the interesting paths.
    listed = [m for r in expected["results"] for m in r["members"]]
    assert len(listed) > 50 and any(r["consortium"] for r in expected["results"])
    assert any(not r["eligible"] for r in expected["results"])
    assert any(m["explanation"]["score_parts"]["keywords_matched"] for m in listed)
