"""The member-level labels are well-formed and refer to real dev-set calls and members; the bench's metrics."""

from __future__ import annotations

import csv
import sys
from collections import Counter
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import bench_members as bm  # noqa: E402


@pytest.fixture(scope="module")
def rows() -> list[dict[str, str]]:
    with bm.LABELS.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        assert reader.fieldnames == ["member", "call_id", "relevant", "reason", "pool"]
        return list(reader)


def test_labels_refer_to_real_calls_and_members(rows: list[dict[str, str]]) -> None:
    # The bench's own reader: the calls it scores (tune and holdout), however the dev set is stored.
    splits = {c["id"]: c["split"] for c in bm.load_calls()}
    emails = {p["email"] for p in bm.load_profiles()}
    assert len(emails) == 20
    for row in rows:
        assert splits.get(row["call_id"]) in bm.SPLITS, row["call_id"]
        assert row["member"] in emails, row["member"]
        assert row["relevant"] in {"0", "1"}
        assert row["reason"].strip() and "\n" not in row["reason"]
        assert row["pool"] in {"top", "random", "bm25"}


def test_every_member_has_its_pool_once(rows: list[dict[str, str]]) -> None:
    pairs = Counter((r["member"], r["call_id"]) for r in rows)
    assert max(pairs.values()) == 1
    per_member = Counter((r["member"], r["pool"]) for r in rows)
    for email in {p["email"] for p in bm.load_profiles()}:
        assert per_member[(email, "top")] == 15
        assert per_member[(email, "random")] == 10


def test_metrics_on_a_known_ranking() -> None:
    ids = ["a", "b", "c", "d"]
    truth = np.array([False, True, False, True])
    ranked = bm.ranked_truth(np.array([0.9, 0.8, 0.8, 0.1]), truth, ids)
    # Tie between b and c is broken by id, so the order is a, b, c, d.
    assert ranked.tolist() == [False, True, False, True]
    assert bm.precision_at(ranked, 2) == 0.5
    assert bm.average_precision(ranked) == pytest.approx((1 / 2 + 2 / 4) / 2)
    assert np.isnan(bm.average_precision(np.array([False, False])))
