"""Eligibility checks on their own: status and deadlines, applicant types and NUTS regions decided only when
both sides state them."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from matcher.eligibility import all_passed, call_checks, member_checks

NOW = datetime(2026, 9, 20, 8, tzinfo=UTC)


def _by_name(checks: list) -> dict[str, bool]:
    return {c.name: c.passed for c in checks}


def test_call_checks_status_and_deadlines() -> None:
    assert _by_name(call_checks({"status": "open"}, NOW)) == {"status": True, "deadline": True}
    assert not all_passed(call_checks({"status": "cancelled"}, NOW))
    checks = call_checks({"deadlines": ["2026-09-01", "2026-10-01T12:00:00+02:00", "not a date", None]}, NOW)
    deadline = next(c for c in checks if c.name == "deadline")
    assert deadline.passed and deadline.detail == "next deadline 2026-10-01T12:00:00+02:00"
    passed = next(c for c in call_checks({"deadlines": ["2026-09-19", "2026-09-01"]}, NOW) if c.name == "deadline")
    assert not passed.passed and passed.detail == "last deadline 2026-09-19T00:00:00+00:00 has passed"


@pytest.mark.parametrize(
    ("call_types", "member_types", "ok"),
    [
        (["enterprise"], ["sme"], True),
        (["sme"], ["large_enterprise"], False),
        (["research_org"], ["university"], True),
        (["university"], ["research_org"], False),
        (["public_body"], ["municipality"], True),
        (["ngo", "sme"], ["enterprise"], True),
        (["consortium"], ["consortium"], True),  # an unknown type admits itself
        ([], ["sme"], True),  # not stated by the call
    ],
)
def test_applicant_types(call_types: list[str], member_types: list[str], ok: bool) -> None:
    checks = _by_name(member_checks({"applicants": call_types}, {"applicant_types": member_types}))
    assert checks == {"applicant_type": ok, "region": True}


@pytest.mark.parametrize(
    ("call_region", "member_region", "ok"),
    [
        ("EU", "CZ071", True),
        ("CZ", "CZ071", True),
        ("CZ", "EU", True),
        ("CZ", "SK", False),
        ("CZ07", "CZ071", True),  # NUTS codes nest by prefix, either way
        ("CZ071", "CZ07", True),
        ("CZ071", "CZ064", False),
        ("", "SK", True),  # not stated by the call
    ],
)
def test_regions(call_region: str, member_region: str, ok: bool) -> None:
    assert _by_name(member_checks({"region": call_region}, {"region": member_region}))["region"] is ok
