"""Feedback from members and the manager changes that member's later scores.

Two effects, both rebuilt each run from the stored Feedback rows:
1. Rocchio on the member's profile vector: q' = a·q + b·mean(relevant) − c·mean(not relevant), negatives
   clipped, re-normalised. This moves the text part of the score towards what the member liked.
2. A nearest-neighbour factor on the final score: a call very like one the member called "not relevant" is
   pushed down, one like a call they called "relevant" is lifted a little. Rocchio alone cannot push down a
   call that still fits the member's pillars; this can.
A call marked not relevant itself is never proposed again: that is enforced by the service and `score`.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from sklearn.preprocessing import normalize

ALPHA, BETA, GAMMA = 1.0, 0.6, 0.5
# Cosine similarity below this is what unrelated calls share (boilerplate words); it is not evidence.
SIMILARITY_FLOOR = 0.2
LIFT, DROP = 0.25, 0.7
MIN_FACTOR, MAX_FACTOR = 0.25, 1.25


def rocchio(
    profile: sp.csr_matrix, relevant: sp.csr_matrix | None, not_relevant: sp.csr_matrix | None
) -> sp.csr_matrix:
    """The profile row moved towards relevant and away from not-relevant rows (all L2-normalised rows)."""
    vector = np.asarray(profile.todense(), dtype=np.float64).ravel() * ALPHA
    if relevant is not None and relevant.shape[0]:
        vector += BETA * np.asarray(relevant.mean(axis=0)).ravel()
    if not_relevant is not None and not_relevant.shape[0]:
        vector -= GAMMA * np.asarray(not_relevant.mean(axis=0)).ravel()
    vector = np.clip(vector, 0.0, None)
    row = sp.csr_matrix(vector.astype(np.float32))
    return normalize(row) if row.nnz else row


def _max_similarity(calls: sp.csr_matrix, judged: sp.csr_matrix | None) -> np.ndarray:
    if judged is None or judged.shape[0] == 0:
        return np.zeros(calls.shape[0], dtype=np.float64)
    sims = (calls @ judged.T).toarray()
    best = sims.max(axis=1)
    return np.clip((best - SIMILARITY_FLOOR) / (1.0 - SIMILARITY_FLOOR), 0.0, 1.0)


def feedback_factor(
    calls: sp.csr_matrix, relevant: sp.csr_matrix | None, not_relevant: sp.csr_matrix | None
) -> np.ndarray:
    """Per call, the factor (in [MIN_FACTOR, MAX_FACTOR]) that one member's feedback applies to its score."""
    factor = 1.0 + LIFT * _max_similarity(calls, relevant) - DROP * _max_similarity(calls, not_relevant)
    return np.clip(factor, MIN_FACTOR, MAX_FACTOR)
