"""The member profile form: validated with the same rules as the members file (CONTRACTS.md §7)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Protocol

from store.members import APPLICANT_TYPES, DIGEST_VALUES, EMAIL_RE, LANGUAGES, REGION_RE

FIELDS = ("name", "email", "description", "language", "pillars", "keywords", "applicant_types", "region", "digest")
MAX_TEXT = 20_000


class FormData(Protocol):
    def get(self, key: str, default: Any = None) -> Any: ...
    def getlist(self, key: str) -> list[str]: ...


def parse_member_form(form: FormData, pillar_slugs: Sequence[str]) -> tuple[dict[str, Any], dict[str, str]]:
    """(values, errors by field) from a submitted profile form; values are what would be stored."""
    errors: dict[str, str] = {}
    values: dict[str, Any] = {}
    for key in ("name", "email"):
        values[key] = " ".join(str(form.get(key) or "").split())
        if not values[key]:
            errors[key] = f"{key.capitalize()} is required."
    values["email"] = values["email"].lower()
    if values["email"] and not EMAIL_RE.match(values["email"]):
        errors["email"] = "This is not an e-mail address."
    description = str(form.get("description") or "").strip()
    values["description"] = description
    if not description:
        errors["description"] = "The description is what matching reads: it is required."
    elif len(description) > MAX_TEXT:
        errors["description"] = f"At most {MAX_TEXT} characters."
    values["language"] = str(form.get("language") or "")
    if values["language"] not in LANGUAGES:
        errors["language"] = "Choose Czech or English."
    values["pillars"] = [p for p in form.getlist("pillars") if p]
    if any(p not in pillar_slugs for p in values["pillars"]):
        errors["pillars"] = "Unknown pillar."
    values["applicant_types"] = [a for a in form.getlist("applicant_types") if a]
    if any(a not in APPLICANT_TYPES for a in values["applicant_types"]):
        errors["applicant_types"] = "Unknown applicant type."
    keywords = str(form.get("keywords") or "")
    values["keywords"] = list(dict.fromkeys(k.strip() for k in keywords.replace("\n", ";").split(";") if k.strip()))
    region = str(form.get("region") or "").strip().upper()
    values["region"] = region or None
    if region and not REGION_RE.match(region):
        errors["region"] = "EU, CZ or a NUTS 3 code such as CZ071."
    values["digest"] = str(form.get("digest") or "")
    if values["digest"] not in DIGEST_VALUES:
        errors["digest"] = "Choose weekly or off."
    return values, errors


def form_values(member: Any) -> Mapping[str, Any]:
    """A stored member as form values (for the edit page)."""
    return {name: getattr(member, name) for name in FIELDS}
