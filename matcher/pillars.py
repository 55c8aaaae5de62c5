"""Pillars as data (CONTRACTS.md §5): load and validate the bilingual pillar file.

The file (default: `matcher/pillars.yaml`) lists pillars with slug, number, Czech and English names and
descriptions, a guarantor address, and a vocabulary of concepts, each written in both languages with a weight;
negative cues lower a pillar's score; `shared` concepts lift every pillar a little. See the file's header.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

DEFAULT_PILLARS_FILE = Path(__file__).with_name("pillars.yaml")
SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,58}$")


class PillarFileError(ValueError):
    """The pillar file cannot be used; the message names the pillar/concept and the problem."""


@dataclass(frozen=True, eq=False)  # identity equality: each concept of the file is one object
class Concept:
    """One idea in both languages: `terms` maps a language to the ways texts say it."""

    id: str
    weight: float
    terms: dict[str, tuple[str, ...]]
    negative: bool = False
    # Context only: adds to its pillar when another concept of the pillar is found, never carries it alone
    # ("military actions" in a soil-health call, "military mobility" of railway works say nothing of optics).
    context: bool = False


@dataclass(frozen=True)
class PillarDef:
    slug: str
    number: int
    name_cs: str
    name_en: str
    guarantor_email: str | None
    description_cs: str = ""
    description_en: str = ""
    vocabulary: tuple[Concept, ...] = ()
    negative: tuple[Concept, ...] = ()

    def name(self, lang: str) -> str:
        return self.name_cs if lang == "cs" else self.name_en

    def document(self, lang: str) -> str:
        """The pillar's text in one language: name, description and every vocabulary term."""
        description = self.description_cs if lang == "cs" else self.description_en
        terms = [t for c in self.vocabulary for t in c.terms.get(lang, ())]
        return "\n".join([self.name(lang), description, ", ".join(terms)])


@dataclass(frozen=True)
class PillarSet:
    pillars: tuple[PillarDef, ...]
    shared: tuple[Concept, ...] = field(default=())

    @property
    def slugs(self) -> list[str]:
        return [p.slug for p in self.pillars]


def _concept(raw: Any, where: str, negative: bool = False) -> Concept:
    if not isinstance(raw, dict):
        raise PillarFileError(f"{where}: a concept must be a mapping with id, weight, cs, en")
    cid = str(raw.get("id") or "").strip()
    if not cid:
        raise PillarFileError(f"{where}: concept without id")
    try:
        weight = float(raw.get("weight", 0.6))
    except (TypeError, ValueError):
        raise PillarFileError(f"{where}/{cid}: weight must be a number") from None
    if not 0 < weight <= 1:
        raise PillarFileError(f"{where}/{cid}: weight must be in (0, 1]")
    terms: dict[str, tuple[str, ...]] = {}
    for lang in ("cs", "en"):
        values = raw.get(lang) or []
        if isinstance(values, str):
            values = [values]
        terms[lang] = tuple(str(v).strip() for v in values if str(v).strip())
    if not terms["cs"] and not terms["en"]:
        raise PillarFileError(f"{where}/{cid}: no terms in cs or en")
    return Concept(cid, weight, terms, negative, bool(raw.get("context", False)))


def parse_pillars(data: Any, origin: str = "pillar file") -> PillarSet:
    """Validate the parsed YAML of a pillar file."""
    if not isinstance(data, dict) or not isinstance(data.get("pillars"), list) or not data["pillars"]:
        raise PillarFileError(f"{origin}: expected a mapping with a non-empty 'pillars' list")
    pillars: list[PillarDef] = []
    seen: set[str] = set()
    for index, raw in enumerate(data["pillars"], 1):
        if not isinstance(raw, dict):
            raise PillarFileError(f"{origin}: pillar #{index} is not a mapping")
        slug = str(raw.get("slug") or "")
        if not SLUG_RE.match(slug):
            raise PillarFileError(f"{origin}: pillar #{index} has no valid slug")
        if slug in seen:
            raise PillarFileError(f"{origin}: slug {slug} appears twice")
        seen.add(slug)
        for key in ("name_cs", "name_en"):
            if not str(raw.get(key) or "").strip():
                raise PillarFileError(f"{origin}: pillar {slug} has no {key}")
        try:
            number = int(raw.get("number", index))
        except (TypeError, ValueError):
            raise PillarFileError(f"{origin}: pillar {slug}: number must be an integer") from None
        vocabulary = tuple(_concept(c, f"{slug}") for c in raw.get("vocabulary") or [])
        if not vocabulary:
            raise PillarFileError(f"{origin}: pillar {slug} has no vocabulary")
        negative = tuple(_concept(c, f"{slug}/negative", True) for c in raw.get("negative") or [])
        pillars.append(
            PillarDef(
                slug=slug,
                number=number,
                name_cs=str(raw["name_cs"]).strip(),
                name_en=str(raw["name_en"]).strip(),
                guarantor_email=(str(raw["guarantor_email"]).strip() or None) if raw.get("guarantor_email") else None,
                description_cs=str(raw.get("description_cs") or "").strip(),
                description_en=str(raw.get("description_en") or "").strip(),
                vocabulary=vocabulary,
                negative=negative,
            )
        )
    shared = tuple(_concept(c, "shared") for c in data.get("shared") or [])
    pillars.sort(key=lambda p: (p.number, p.slug))
    return PillarSet(tuple(pillars), shared)


def load_pillar_set(path: str | Path | None = None) -> PillarSet:
    """The whole pillar file: pillars and shared concepts."""
    file_path = Path(path) if path else DEFAULT_PILLARS_FILE
    try:
        text = file_path.read_text(encoding="utf-8")
    except OSError as exc:
        raise PillarFileError(f"cannot read pillar file {file_path}: {exc.strerror or exc}") from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise PillarFileError(f"{file_path}: not valid YAML: {exc}") from None
    return parse_pillars(data, str(file_path))


def load_pillars(path: str | None = None) -> list[PillarDef]:
    """The pillars of `path` (default: the shipped COC file), ordered by number."""
    return list(load_pillar_set(path).pillars)
