"""The closed vocabularies of the call record (CONTRACTS.md §3, §5, §7), defined once for every component."""

from __future__ import annotations

import re

STATUSES: tuple[str, ...] = ("forthcoming", "open", "closed", "cancelled", "unknown")

APPLICANT_TYPES: tuple[str, ...] = (
    "enterprise",
    "sme",
    "large_enterprise",
    "research_org",
    "university",
    "public_body",
    "municipality",
    "ngo",
    "individual",
)

# The default pillar set of the COC (CONTRACTS.md §5); the pillar file may define others.
PILLAR_SLUGS: tuple[str, ...] = (
    "industrial-consumer-optics",
    "military-optics",
    "lighting",
    "lasers",
    "electron-microscopy",
)

# A call's or a member's region: EU, CZ, or a NUTS 2/3 code such as CZ071.
REGION_RE = re.compile(r"^(EU|CZ|CZ0[0-9]{1,2}[0-9A-Z]?)$")
