"""Analysed documents (calls, member profiles, pillars) and the phrase index that finds concepts in them.

A `Doc` is a text analysed once: its tokens (surface + key), the concept and keyword hits, and the features
the TF-IDF model sees (word keys, adjacent-key bigrams, and one token per concept found, which is what lets a
Czech call and an English profile share features).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from matcher.pillars import Concept, PillarSet
from matcher.text import LANGS, Token, analyse, clean_text, detect_language, phrase_keys

P = TypeVar("P")

# Bound the work on hostile or accidental huge inputs: a call's topic is stated long before this.
MAX_TITLE_CHARS = 2_000
MAX_BODY_CHARS = 20_000
CONCEPT_PREFIX = "~"


@dataclass(frozen=True, slots=True)
class Hit(Generic[P]):
    start: int
    end: int
    payloads: tuple[P, ...]
    surface: str
    in_title: bool


class PhraseIndex(Generic[P]):
    """Phrases (key sequences) -> payloads; `find` returns the longest non-overlapping matches, left to right."""

    def __init__(self) -> None:
        self._phrases: dict[tuple[str, ...], list[P]] = {}
        # first key -> longest phrase starting with it: most words start no phrase, so `find` skips them at once.
        self._starts: dict[str, int] = {}
        self.max_len = 0

    def __len__(self) -> int:
        return len(self._phrases)

    def add(self, keys: tuple[str, ...], payload: P) -> None:
        if not keys:
            return
        bucket = self._phrases.setdefault(keys, [])
        if payload not in bucket:
            bucket.append(payload)
        self.max_len = max(self.max_len, len(keys))
        self._starts[keys[0]] = max(self._starts.get(keys[0], 0), len(keys))

    def add_term(self, term: str, payload: P, langs: tuple[str, ...] = LANGS) -> None:
        """Add a written term as text in `langs` would produce it.

        A phrase that lost words to stop-word removal is not added: "targeting pod" must not become "target".
        """
        words = [w for w in re.findall(r"\w+", term) if len(w) > 1]
        for lang in langs:
            keys = phrase_keys(term, lang)
            if len(keys) == len(words):
                self.add(keys, payload)

    def find(self, tokens: list[Token]) -> list[Hit[P]]:
        hits: list[Hit[P]] = []
        keys = [t.key for t in tokens]
        starts = self._starts
        i, n = 0, len(keys)
        while i < n:
            longest = starts.get(keys[i])
            if longest is None:
                i += 1
                continue
            for size in range(min(longest, n - i), 0, -1):
                payloads = self._phrases.get(tuple(keys[i : i + size]))
                if payloads is not None:
                    span = tokens[i : i + size]
                    hits.append(
                        Hit(i, i + size, tuple(payloads), " ".join(t.surface for t in span), span[0].field == "title")
                    )
                    i += size
                    break
            else:
                i += 1
        return hits


@dataclass(frozen=True, slots=True)
class ConceptRef:
    pillar: str  # a pillar slug, or "*" for shared concepts
    concept: Concept

    @property
    def feature(self) -> str:
        return f"{CONCEPT_PREFIX}{self.pillar}.{self.concept.id}"


class ConceptIndex:
    """One phrase index per language: a Czech text is matched against the Czech terms only, an English text
    against the English ones, because stems of the two languages collide ("signatura" ~ "signatures")."""

    def __init__(self, pillars: PillarSet) -> None:
        self.by_lang: dict[str, PhraseIndex[ConceptRef]] = {lang: PhraseIndex() for lang in LANGS}
        refs = [(pillar.slug, c) for pillar in pillars.pillars for c in pillar.vocabulary + pillar.negative]
        refs += [("*", c) for c in pillars.shared]
        for slug, concept in refs:
            for lang, terms in concept.terms.items():
                for term in terms:
                    self.by_lang[lang].add_term(term, ConceptRef(slug, concept), (lang,))

    def find(self, tokens: list[Token], lang: str) -> list[Hit[ConceptRef]]:
        return self.by_lang[lang].find(tokens)


def concept_index(pillars: PillarSet) -> ConceptIndex:
    return ConceptIndex(pillars)


@dataclass
class Doc:
    lang: str
    tokens: list[Token]
    concepts: list[Hit[ConceptRef]] = field(default_factory=list)
    # Built from tokens and concepts when first asked for; `forget_surfaces` drops it again.
    _surfaces: dict[str, str] | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def n_body(self) -> int:
        return sum(1 for t in self.tokens if t.field == "body")

    @property
    def features(self) -> list[str]:
        """What the TF-IDF model sees: the keys, adjacent-key bigrams within a field, and one feature per concept
        found. Built on each use and not kept: these strings are most of a doc's memory, and they are needed
        only when the model is fitted and when the doc is transformed."""
        features: list[str] = []
        previous: Token | None = None
        for token in self.tokens:
            features.append(token.key)
            if previous is not None and previous.field == token.field:
                features.append(f"{previous.key} {token.key}")
            previous = token
        for hit in self.concepts:
            for ref in hit.payloads:
                if not ref.concept.negative:
                    # Title concepts count double: the title states what the call is about.
                    features.extend([ref.feature] * (2 if hit.in_title else 1))
        return features

    @property
    def surfaces(self) -> dict[str, str]:
        """Feature -> how this text wrote it (the first time), for explanations."""
        if self._surfaces is None:
            surfaces: dict[str, str] = {}
            previous: Token | None = None
            for token in self.tokens:
                surfaces.setdefault(token.key, token.surface)
                if previous is not None and previous.field == token.field:
                    surfaces.setdefault(f"{previous.key} {token.key}", f"{previous.surface} {token.surface}")
                previous = token
            for hit in self.concepts:
                for ref in hit.payloads:
                    if not ref.concept.negative:
                        surfaces.setdefault(ref.feature, hit.surface)
            self._surfaces = surfaces
        return self._surfaces

    def forget_surfaces(self) -> None:
        """Drop the surfaces map (rebuilt when asked for again): a run keeps many docs, it needs few maps."""
        self._surfaces = None


def make_doc(title: str, body: str, lang: str | None, index: ConceptIndex) -> Doc:
    """Analyse a title and a body (raw text, HTML allowed) in `lang` (detected when not cs/en)."""
    title = clean_text(title)[:MAX_TITLE_CHARS]
    body = clean_text(body)[:MAX_BODY_CHARS]
    if lang not in LANGS:
        lang = detect_language(f"{title} {body}")
    tokens = analyse(title, lang, "title") + analyse(body, lang, "body")
    return Doc(lang=lang, tokens=tokens, concepts=index.find(tokens, lang))


def _text_list(value: Any) -> list[str]:
    if isinstance(value, list):
        return [str(v) for v in value if v]
    return [str(value)] if value else []


def call_doc(record: dict[str, Any], index: ConceptIndex) -> Doc:
    """A call record (CONTRACTS §3, any subset with a title) as a document: title; description and keywords."""
    body_parts = [str(record.get("description") or "")]
    body_parts += _text_list(record.get("keywords"))
    if record.get("programme"):
        body_parts.append(str(record["programme"]))
    lang = record.get("language")
    return make_doc(str(record.get("title") or ""), "\n".join(body_parts), lang if lang in LANGS else None, index)


def profile_doc(profile: dict[str, Any], index: ConceptIndex) -> Doc:
    """A member profile as a document: name is not topical, so only description and keywords."""
    keywords = _text_list(profile.get("keywords"))
    lang = profile.get("language")
    return make_doc(" ; ".join(keywords), str(profile.get("description") or ""), lang if lang in LANGS else None, index)


def keyword_index(profiles: Iterable[dict[str, Any]]) -> PhraseIndex[tuple[int, str]]:
    """Member keywords as phrases: payload (profile position, the keyword as the member wrote it)."""
    index: PhraseIndex[tuple[int, str]] = PhraseIndex()
    for position, profile in enumerate(profiles):
        for keyword in _text_list(profile.get("keywords")):
            index.add_term(keyword, (position, keyword))
    return index
