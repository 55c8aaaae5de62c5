"""Consortium hint: for a call, the few members whose profiles together cover it.

The call's "needs" are its strongest features (words, bigrams, concepts) and the pillars it scores in. Members
are picked greedily, each time the one that covers the most still-uncovered weight (a member's own score breaks
ties), until three are picked or nobody adds enough. Greedy set cover is within 1 - 1/e of the best cover.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

MAX_MEMBERS = 3
MIN_GAIN = 0.08  # share of the call's need weight a further member must add


@dataclass(frozen=True)
class ConsortiumPick:
    position: int  # the member's index in the profile list
    covers: tuple[str, ...]  # needs this member covers that earlier picks did not


def suggest(
    needs: dict[str, float],
    member_covers: dict[int, set[str]],
    member_scores: dict[int, float],
    max_members: int = MAX_MEMBERS,
    min_gain: float = MIN_GAIN,
) -> list[ConsortiumPick]:
    """Greedy weighted cover of `needs` (name -> weight) by members (position -> names they cover)."""
    total = sum(needs.values())
    if total <= 0:
        return []
    uncovered = dict(needs)
    picks: list[ConsortiumPick] = []
    candidates = sorted(member_covers)
    while len(picks) < max_members and uncovered:
        best: tuple[float, float, int] | None = None
        for position in candidates:
            if any(p.position == position for p in picks):
                continue
            gain = sum(w for name, w in uncovered.items() if name in member_covers[position])
            key = (gain, member_scores.get(position, 0.0), -position)
            if best is None or key > best:
                best = key
        if best is None or best[0] / total < min_gain:
            break
        position = -best[2]
        covered = tuple(sorted((n for n in uncovered if n in member_covers[position]), key=lambda n: -needs[n]))
        picks.append(ConsortiumPick(position, covered))
        for name in covered:
            del uncovered[name]
    return picks


def top_needs(features: np.ndarray, weights: np.ndarray, limit: int = 12) -> dict[str, float]:
    """The `limit` heaviest features of a call row (names and weights), heaviest first."""
    order = np.argsort(-weights, kind="stable")[:limit]
    return {str(features[i]): float(weights[i]) for i in order if weights[i] > 0}
