"""Explanations: the terms that carried a score, written as the call wrote them, the pillar, the checks.

MemberMatch.explanation = {"terms": [...], "pillars": [slug, ...], "checks": [{name, passed, detail}],
"score_parts": {...}}; PillarScore.explanation = {"terms": [...], "negative": [...]}.
"""

from __future__ import annotations

from typing import Any

import scipy.sparse as sp

from matcher.documents import Doc
from matcher.eligibility import Check

MAX_TERMS = 8


def _dedupe(terms: list[str], limit: int = MAX_TERMS) -> list[str]:
    seen: set[str] = set()
    out: list[str] = []
    for term in terms:
        key = term.lower()
        if key and key not in seen:
            seen.add(key)
            out.append(term)
        if len(out) >= limit:
            break
    return out


def pillar_terms(doc: Doc, slug: str, negative: bool = False, skip: frozenset[int] = frozenset()) -> list[str]:
    """The call's words that matched the pillar's concepts, heaviest concept first, title before body.

    `skip`: token positions that gave no evidence (words of web addresses, example lists), so not shown either."""
    ranked: list[tuple[float, int, str]] = []
    for order, hit in enumerate(doc.concepts):
        if hit.start in skip:
            continue
        for ref in hit.payloads:
            if ref.pillar == slug and ref.concept.negative == negative:
                ranked.append((-(ref.concept.weight + (0.5 if hit.in_title else 0.0)), order, hit.surface))
    return _dedupe([surface for _, _, surface in sorted(ranked)])


def row_weights(row: sp.csr_matrix) -> dict[int, float]:
    """A sparse row as {column: weight}; explanations intersect these (cheaper than sparse products)."""
    return dict(zip(row.indices.tolist(), row.data.tolist(), strict=True))


def _shared_word_terms(
    doc: Doc, call_words: dict[int, float], member_words: dict[int, float], feature_names: Any, limit: int = 5
) -> list[str]:
    """Words the call and the member profile share, by their contribution to the cosine similarity."""
    if feature_names is None:
        return []
    small, large = sorted((call_words, member_words), key=len)
    shared = sorted(((-w * large[j], j) for j, w in small.items() if j in large), key=lambda x: (x[0], x[1]))
    terms: list[str] = []
    for _, j in shared:
        surface = doc.surfaces.get(str(feature_names[j]))  # concept features map to the call's own words too
        if surface:
            terms.append(surface)
        if len(terms) >= limit:
            break
    return terms


def member_explanation(
    doc: Doc,
    call_words: dict[int, float],
    member_words: dict[int, float],
    feature_names: Any,
    member_pillars: list[str],
    pillar_scores: dict[str, float],
    keyword_hits: dict[str, str],
    checks: list[Check],
    parts: dict[str, float],
    call_pillar_terms: dict[str, list[str]],
) -> dict[str, Any]:
    """`call_pillar_terms`: `pillar_terms` of the call per pillar slug (the same for every member of a call, so
    computed once per call by the caller)."""
    pillars = sorted(
        (slug for slug in member_pillars if pillar_scores.get(slug, 0.0) >= 0.1),
        key=lambda slug: -pillar_scores[slug],
    )
    terms: list[str] = []
    for slug in pillars:
        terms += call_pillar_terms[slug][:4]
    terms += list(keyword_hits.values())
    terms += _shared_word_terms(doc, call_words, member_words, feature_names)
    return {
        "terms": _dedupe(terms),
        "pillars": pillars,
        "checks": [c.as_dict() for c in checks],
        "score_parts": {
            **{k: round(v, 4) for k, v in parts.items()},
            "keywords_matched": sorted(keyword_hits),
        },
    }


def why_lines(explanation: dict[str, Any]) -> list[str]:
    """The short human list `grantradar score` prints as "why": terms first, then the pillars."""
    return list(explanation.get("terms", [])) + [f"pillar: {slug}" for slug in explanation.get("pillars", [])]
