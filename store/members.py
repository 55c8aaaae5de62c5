"""The members file (CONTRACTS.md §7): CSV (UTF-8, header row) or YAML, validated whole before anything is stored.

A bad file is rejected whole, with every offending line and its reason; nothing is half-imported.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import select
from sqlalchemy.orm import Session

from store.models import Member
from store.vocabulary import APPLICANT_TYPES, PILLAR_SLUGS, REGION_RE

REQUIRED = ("name", "email", "description")
OPTIONAL = ("language", "pillars", "keywords", "applicant_types", "region", "digest")
LIST_FIELDS = ("pillars", "keywords", "applicant_types")
LANGUAGES = ("cs", "en")
DIGEST_VALUES = ("weekly", "off")
EMAIL_RE = re.compile(r"^[^@\s<>\"',;]+@[^@\s<>\"',;]+\.[A-Za-z]{2,}$")


class MembersFileError(ValueError):
    """The file was rejected; `errors` lists (line, reason), line 0 for the file as a whole."""

    def __init__(self, errors: list[tuple[int, str]]) -> None:
        self.errors = errors
        shown = "; ".join(f"line {line}: {reason}" if line else reason for line, reason in errors[:5])
        more = f" (and {len(errors) - 5} more)" if len(errors) > 5 else ""
        super().__init__(f"members file rejected: {shown}{more}")


def _split(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    return [part.strip() for part in str(value).split(";") if part.strip()]


def _validate(raw: dict[str, Any], line: int, valid_pillars: Iterable[str]) -> tuple[dict[str, Any], list[str]]:
    problems: list[str] = []
    unknown = sorted(k for k in raw if k not in REQUIRED + OPTIONAL)
    if unknown:
        problems.append(f"unknown column(s) {', '.join(unknown)}")
    row: dict[str, Any] = {}
    for key in REQUIRED:
        value = raw.get(key)
        text = "" if value is None else " ".join(str(value).split())
        if not text:
            problems.append(f"{key} is required")
        row[key] = text
    if row["email"] and not EMAIL_RE.match(row["email"]):
        problems.append(f"email {row['email']!r} is not an e-mail address")
    row["email"] = row["email"].lower()
    language = str(raw.get("language") or "cs").strip().lower()
    if language not in LANGUAGES:
        problems.append(f"language {language!r} is not one of cs, en")
    row["language"] = language
    for key in LIST_FIELDS:
        row[key] = _split(raw.get(key))
    allowed_pillars = set(valid_pillars)
    bad = [p for p in row["pillars"] if p not in allowed_pillars]
    if bad:
        problems.append(f"unknown pillar(s) {', '.join(bad)} (known: {', '.join(sorted(allowed_pillars))})")
    bad = [a for a in row["applicant_types"] if a not in APPLICANT_TYPES]
    if bad:
        problems.append(f"unknown applicant type(s) {', '.join(bad)}")
    region = str(raw.get("region") or "").strip().upper() or None
    if region and not REGION_RE.match(region):
        problems.append(f"region {region!r} is not EU, CZ or a NUTS 3 code like CZ071")
    row["region"] = region
    digest = str(raw.get("digest") or "weekly").strip().lower()
    if digest not in DIGEST_VALUES:
        problems.append(f"digest {digest!r} is not one of weekly, off")
    row["digest"] = digest
    row["line"] = line
    return row, problems


def _read_rows(text: str, suffix: str) -> list[tuple[int, dict[str, Any]]]:
    if suffix in {".yaml", ".yml"}:
        try:
            data = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            raise MembersFileError([((mark.line + 1) if mark else 0, f"not valid YAML: {exc}")]) from None
        if isinstance(data, dict) and "members" in data:
            data = data["members"]
        if not isinstance(data, list):
            raise MembersFileError([(0, "YAML must be a list of members (or a mapping with a 'members' list)")])
        rows: list[tuple[int, dict[str, Any]]] = []
        # YAML keeps no line per item once loaded; number items from 1 in file order.
        for index, item in enumerate(data, start=1):
            if not isinstance(item, dict):
                raise MembersFileError([(index, "each member must be a mapping of fields")])
            rows.append((index, item))
        return rows
    reader = csv.DictReader(io.StringIO(text))
    if not reader.fieldnames:
        raise MembersFileError([(1, "empty file: a header row is required")])
    header = [h.strip() for h in reader.fieldnames]
    missing = [h for h in REQUIRED if h not in header]
    if missing:
        raise MembersFileError([(1, f"header lacks required column(s) {', '.join(missing)}")])
    unknown = [h for h in header if h not in REQUIRED + OPTIONAL]
    if unknown:
        raise MembersFileError(
            [(1, f"unknown column(s) {', '.join(unknown)} (known: {', '.join(REQUIRED + OPTIONAL)})")]
        )
    rows = []
    for record in reader:
        if None in record:
            raise MembersFileError([(reader.line_num, "more values than header columns")])
        cleaned = {k.strip(): v for k, v in record.items() if k is not None}
        if not any((v or "").strip() for v in cleaned.values()):
            continue
        rows.append((reader.line_num, cleaned))
    return rows


def parse_members(text: str, filename: str, valid_pillars: Iterable[str] | None = None) -> list[dict[str, Any]]:
    """Validate a whole members file given as text; raise MembersFileError listing every problem."""
    suffix = Path(filename).suffix.lower()
    if suffix not in {".csv", ".yaml", ".yml"}:
        raise MembersFileError([(0, f"{filename}: expected a .csv, .yaml or .yml file")])
    pillars = tuple(valid_pillars) if valid_pillars is not None else PILLAR_SLUGS
    errors: list[tuple[int, str]] = []
    result: list[dict[str, Any]] = []
    seen: dict[str, int] = {}
    for line, raw in _read_rows(text.lstrip("\ufeff"), suffix):
        row, problems = _validate(raw, line, pillars)
        if row["email"] in seen:
            problems.append(f"email {row['email']} already given on line {seen[row['email']]}")
        elif row["email"]:
            seen[row["email"]] = line
        errors.extend((line, p) for p in problems)
        result.append(row)
    if errors:
        raise MembersFileError(errors)
    if not result:
        raise MembersFileError([(0, "the file lists no members")])
    return result


def load_members_file(path: str | Path, valid_pillars: Iterable[str] | None = None) -> list[dict[str, Any]]:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise MembersFileError([(0, f"{path}: no such file")]) from None
    except UnicodeDecodeError as exc:
        raise MembersFileError([(0, f"{path}: not UTF-8 ({exc.reason} at byte {exc.start})")]) from None
    return parse_members(text, path.name, valid_pillars)


PROFILE_FIELDS = ("name", "description", "language", "pillars", "keywords", "applicant_types", "region", "digest")


def import_members(session: Session, rows: list[dict[str, Any]]) -> tuple[int, int]:
    """Add or update members by e-mail; the caller commits. Returns (added, updated); a member whose profile
    is already exactly as in the file counts as neither."""
    added = updated = 0
    for row in rows:
        member = session.scalars(select(Member).where(Member.email == row["email"])).first()
        if member is None:
            member = Member(email=row["email"])
            session.add(member)
            added += 1
        elif any(getattr(member, key) != row[key] for key in PROFILE_FIELDS):
            updated += 1
        else:
            continue
        for key in PROFILE_FIELDS:
            setattr(member, key, row[key])
    session.flush()
    return added, updated


def export_members(members: Iterable[Member]) -> str:
    """Members as CSV in the import format (lists joined by ';'), so export → import round-trips."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(REQUIRED + OPTIONAL)
    for m in members:
        writer.writerow(
            [
                m.name,
                m.email,
                m.description,
                m.language,
                ";".join(m.pillars or []),
                ";".join(m.keywords or []),
                ";".join(m.applicant_types or []),
                m.region or "",
                m.digest,
            ]
        )
    return out.getvalue()
