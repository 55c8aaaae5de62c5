"""Eligibility before ranking: closed calls and passed deadlines out; applicant type and region checked only
when both the call and the member state them. Every check, passed or not, is reported for the explanation.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

CLOSED_STATUSES = frozenset({"closed", "cancelled"})

# Which member types a call's applicant type admits: a call for "enterprise" admits SMEs and large firms, a
# call for "research_org" admits universities (Czech law counts them as research organisations).
ADMITS: dict[str, frozenset[str]] = {
    "enterprise": frozenset({"enterprise", "sme", "large_enterprise"}),
    "sme": frozenset({"sme", "enterprise"}),  # an "enterprise" member of unstated size gets the benefit
    "large_enterprise": frozenset({"large_enterprise", "enterprise"}),
    "research_org": frozenset({"research_org", "university"}),
    "university": frozenset({"university"}),
    "public_body": frozenset({"public_body", "municipality"}),
    "municipality": frozenset({"municipality"}),
    "ngo": frozenset({"ngo"}),
    "individual": frozenset({"individual"}),
}


@dataclass(frozen=True)
class Check:
    name: str  # status, deadline, applicant_type, region
    passed: bool
    detail: str

    def as_dict(self) -> dict[str, Any]:
        return {"name": self.name, "passed": self.passed, "detail": self.detail}


def _parse(value: str) -> datetime | None:
    try:
        parsed = datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def call_checks(call: dict[str, Any], now: datetime) -> list[Check]:
    """The checks that depend on the call alone: status and deadline."""
    status = str(call.get("status") or "unknown")
    checks = [
        Check("status", status not in CLOSED_STATUSES, f"status {status}"),
    ]
    deadlines = sorted(d for d in (_parse(v) for v in call.get("deadlines") or []) if d is not None)
    if not deadlines:
        checks.append(Check("deadline", True, "no deadline stated"))
    else:
        upcoming = [d for d in deadlines if d >= now]
        if upcoming:
            checks.append(Check("deadline", True, f"next deadline {upcoming[0].isoformat()}"))
        else:
            checks.append(Check("deadline", False, f"last deadline {deadlines[-1].isoformat()} has passed"))
    return checks


def _regions_compatible(call_region: str, member_region: str) -> bool:
    if call_region == "EU":
        return True
    if call_region == "CZ":
        return member_region.startswith("CZ") or member_region == "EU"
    # NUTS codes nest by prefix: CZ07 (Střední Morava) contains CZ071 (Olomoucký kraj).
    return call_region.startswith(member_region) or member_region.startswith(call_region)


def member_checks(call: dict[str, Any], profile: dict[str, Any]) -> list[Check]:
    """Applicant type and region, each decided only when both sides state it."""
    checks: list[Check] = []
    call_types = [str(t) for t in call.get("applicants") or []]
    member_types = [str(t) for t in profile.get("applicant_types") or []]
    if call_types and member_types:
        admitted = set().union(*(ADMITS.get(t, frozenset({t})) for t in call_types))
        fit = sorted(set(member_types) & admitted)
        detail = (
            f"{', '.join(fit)} may apply"
            if fit
            else f"call is for {', '.join(call_types)}; member is {', '.join(member_types)}"
        )
        checks.append(Check("applicant_type", bool(fit), detail))
    else:
        checks.append(Check("applicant_type", True, "not stated by both sides"))
    call_region = str(call.get("region") or "")
    member_region = str(profile.get("region") or "")
    if call_region and member_region:
        ok = _regions_compatible(call_region, member_region)
        checks.append(Check("region", ok, f"call region {call_region}, member region {member_region}"))
    else:
        checks.append(Check("region", True, "not stated by both sides"))
    return checks


def all_passed(checks: list[Check]) -> bool:
    return all(c.passed for c in checks)
