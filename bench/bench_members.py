"""Member-level evaluation of the matcher: does a member's ranking put the calls worth its attention first?

Scores every real dev-set call (matcher/devset/devset.jsonl.gz, splits `tune` and `holdout`) for the 12 demo members
(grantradar/demo/members.csv) and the 8 evaluation members (matcher/devset/members_eval.yaml) with the current
matcher, then measures it against the hand labels in matcher/devset/member_labels.csv. In the same run, a BM25
baseline (rank-bm25) ranks the calls by the member's description.

How the labelled pool was drawn (the `pool` column): per member, the top 15 calls by `grantradar score` member
score (`top`), 10 random calls from the rest (`random`, seed 20260), and the BM25 baseline's top 10 not already
labelled (`bm25`). Calls outside the pool are unjudged, so every metric is computed on the member's labelled
pool only ("condensed" lists: unjudged calls are dropped, not counted as misses).

Printed per member: number of labelled relevant calls, precision@5, precision@10 and average precision (AP) of
both systems over the pool, and how many labelled-relevant calls grantradar scores below the threshold. Then the
means over members that have at least one relevant call, for all members, Czech-described and English-described
members, and with the pool restricted to `tune` or `holdout` calls. Last, the worst false positives (highest
grantradar scores on calls labelled not relevant) with the terms the explanation gives.

With --unlabelled K, instead lists per member the top K calls of each system that have no label yet (to extend
the labels); with --set NAME=VALUE, a constant of matcher.scoring.Settings is overridden for this run.
Prints figures; asserts nothing.

Usage: .venv/bin/python bench/bench_members.py [--threshold 0.25] [--worst 10] [--set member_keywords=0.2]
       .venv/bin/python bench/bench_members.py --unlabelled 10
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import sys
import time
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
from rank_bm25 import BM25Okapi

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench_matcher import parse_settings, simple_tokens  # noqa: E402  (same --set and BM25 tokens)

from matcher.pillars import load_pillar_set  # noqa: E402
from matcher.scoring import Matcher, Settings  # noqa: E402
from store.members import load_members_file  # noqa: E402

DEVSET = ROOT / "matcher" / "devset" / "devset.jsonl.gz"
LABELS = ROOT / "matcher" / "devset" / "member_labels.csv"
MEMBER_FILES = (ROOT / "grantradar" / "demo" / "members.csv", ROOT / "matcher" / "devset" / "members_eval.yaml")
SPLITS = ("tune", "holdout")
# Deadlines are not in the dev set, so "now" only has to be fixed for the run to be repeatable.
NOW = datetime(2026, 6, 1, tzinfo=UTC)


@dataclass(frozen=True)
class Label:
    member: str
    call_id: str
    relevant: bool
    reason: str
    pool: str


def load_calls() -> list[dict[str, Any]]:
    """The real dev-set calls, reduced to what `grantradar score --input` is given."""
    calls = []
    with gzip.open(DEVSET, "rt", encoding="utf-8") as handle:
        for line in handle:
            item = json.loads(line)
            if item["split"] in SPLITS:
                calls.append({k: item[k] for k in ("id", "title", "description", "language", "split")})
    return calls


def load_profiles() -> list[dict[str, Any]]:
    return [row for path in MEMBER_FILES for row in load_members_file(path)]


def load_labels(path: Path = LABELS) -> list[Label]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [
            Label(r["member"], r["call_id"], r["relevant"] == "1", r["reason"], r.get("pool", ""))
            for r in csv.DictReader(handle)
        ]


# ---- the two systems ---------------------------------------------------------------------------------------


def grantradar_scores(
    calls: list[dict[str, Any]], profiles: list[dict[str, Any]], settings: Settings
) -> tuple[np.ndarray, dict[tuple[int, int], list[str]]]:
    """Member scores (calls × members) as `grantradar score --min-score 0` gives them, and the explanation terms."""
    matcher = Matcher(load_pillar_set(), settings).fit(calls, profiles)
    results = matcher.score(calls, now=NOW, min_score=0.0)
    scores = np.zeros((len(calls), len(profiles)))
    terms: dict[tuple[int, int], list[str]] = {}
    for row, result in enumerate(results):
        for member in result.members:
            scores[row, member.position] = member.score
            terms[(row, member.position)] = [str(t) for t in member.explanation.get("terms", [])]
    return scores, terms


def bm25_scores(calls: list[dict[str, Any]], profiles: list[dict[str, Any]]) -> np.ndarray:
    """BM25 of each call (title + description) for the member's description as the query."""
    bm25 = BM25Okapi([simple_tokens(f"{c['title']} {c.get('description') or ''}") for c in calls])
    return np.column_stack([bm25.get_scores(simple_tokens(p["description"])) for p in profiles])


# ---- metrics -----------------------------------------------------------------------------------------------


def ranked_truth(scores: np.ndarray, truth: np.ndarray, ids: list[str]) -> np.ndarray:
    """Truth values in descending score order; ties broken by call id so that the order is repeatable."""
    order = sorted(range(len(ids)), key=lambda i: (-scores[i], ids[i]))
    return truth[order]


def precision_at(ranked: np.ndarray, k: int) -> float:
    return float(ranked[:k].sum()) / k


def average_precision(ranked: np.ndarray) -> float:
    hits = np.flatnonzero(ranked)
    if not len(hits):
        return float("nan")
    return float(np.mean([(n + 1) / (pos + 1) for n, pos in enumerate(hits)]))


@dataclass
class MemberRow:
    email: str
    language: str
    n: int
    relevant: int
    ours: tuple[float, float, float]
    bm25: tuple[float, float, float]
    missed: int  # labelled relevant, grantradar score below the threshold


def evaluate(
    profiles: list[dict[str, Any]],
    calls: list[dict[str, Any]],
    labels: list[Label],
    ours: np.ndarray,
    bm25: np.ndarray,
    threshold: float,
    split: str | None,
) -> list[MemberRow]:
    row_of = {c["id"]: i for i, c in enumerate(calls)}
    by_member: dict[str, list[Label]] = defaultdict(list)
    for label in labels:
        if split is None or calls[row_of[label.call_id]]["split"] == split:
            by_member[label.member].append(label)
    out = []
    for position, profile in enumerate(profiles):
        pool = by_member.get(profile["email"], [])
        if not pool:
            continue
        ids = [label.call_id for label in pool]
        rows = [row_of[i] for i in ids]
        truth = np.array([label.relevant for label in pool])
        figures = []
        for system in (ours, bm25):
            ranked = ranked_truth(system[rows, position], truth, ids)
            figures.append((precision_at(ranked, 5), precision_at(ranked, 10), average_precision(ranked)))
        missed = int(((ours[rows, position] < threshold) & truth).sum())
        out.append(
            MemberRow(
                profile["email"], profile["language"], len(pool), int(truth.sum()), figures[0], figures[1], missed
            )
        )
    return out


def means(rows: list[MemberRow]) -> str:
    """Mean P@5, P@10, AP of both systems over the members that have a relevant labelled call."""
    judged = [r for r in rows if r.relevant]
    if not judged:
        return "no member with a relevant labelled call"
    ours = np.mean([r.ours for r in judged], axis=0)
    base = np.mean([r.bm25 for r in judged], axis=0)
    rel = sum(r.relevant for r in judged)
    missed = sum(r.missed for r in judged)
    return (
        f"{len(judged):>2} members, {rel:>3} relevant | grantradar P@5 {ours[0]:.3f} P@10 {ours[1]:.3f} "
        f"AP {ours[2]:.3f} | bm25 P@5 {base[0]:.3f} P@10 {base[1]:.3f} AP {base[2]:.3f} | "
        f"relevant below threshold {missed}/{rel}"
    )


def fmt(values: tuple[float, float, float]) -> str:
    ap = "  n/a" if np.isnan(values[2]) else f"{values[2]:.3f}"
    return f"{values[0]:.2f} {values[1]:.2f} {ap}"


def print_report(
    profiles: list[dict[str, Any]],
    calls: list[dict[str, Any]],
    labels: list[Label],
    ours: np.ndarray,
    bm25: np.ndarray,
    terms: dict[tuple[int, int], list[str]],
    threshold: float,
    worst: int,
) -> None:
    rows = evaluate(profiles, calls, labels, ours, bm25, threshold, None)
    print(f"== per member (labelled pool; threshold {threshold})")
    head = f"{'member':38} {'lang':4} {'pool':>4} {'rel':>3}"
    print(f"{head}  {'grantradar P@5 P@10 AP':>22}  {'bm25 P@5 P@10 AP':>17}  below")
    for r in rows:
        line = f"{r.email:38} {r.language:4} {r.n:>4} {r.relevant:>3}"
        print(f"{line}  {fmt(r.ours):>22}  {fmt(r.bm25):>17}  {r.missed:>5}")
    print("\n== means over members with at least one relevant labelled call")
    print(f"{'all members':28} {means(rows)}")
    for lang, name in (("cs", "Czech-described members"), ("en", "English-described members")):
        print(f"{name:28} {means([r for r in rows if r.language == lang])}")
    for split in SPLITS:
        split_rows = evaluate(profiles, calls, labels, ours, bm25, threshold, split)
        print(f"{split + ' calls only':28} {means(split_rows)}")

    row_of = {c["id"]: i for i, c in enumerate(calls)}
    pos_of = {p["email"]: i for i, p in enumerate(profiles)}
    rel = [lab for lab in labels if lab.relevant]
    above = sum(ours[row_of[lab.call_id], pos_of[lab.member]] >= threshold for lab in rel)
    fps = [lab for lab in labels if not lab.relevant]
    fp_above = sum(ours[row_of[lab.call_id], pos_of[lab.member]] >= threshold for lab in fps)
    print(
        f"\npooled at threshold {threshold}: {above}/{len(rel)} relevant pairs reach it; "
        f"{fp_above}/{len(fps)} not-relevant pairs reach it (precision {above / max(1, above + fp_above):.2f})"
    )

    print(f"\n== {worst} worst false positives (labelled not relevant, highest grantradar score)")
    fps.sort(key=lambda lab: (-ours[row_of[lab.call_id], pos_of[lab.member]], lab.member, lab.call_id))
    for lab in fps[:worst]:
        row, pos = row_of[lab.call_id], pos_of[lab.member]
        title = calls[row]["title"][:60]
        print(f"{ours[row, pos]:.3f}  {lab.member:36} {lab.call_id:48} {title}")
        print(f"       terms: {', '.join(terms.get((row, pos), [])[:8])}  | label: {lab.reason}")


def print_unlabelled(
    profiles: list[dict[str, Any]],
    calls: list[dict[str, Any]],
    labels: list[Label],
    systems: dict[str, np.ndarray],
    k: int,
) -> None:
    """Per member, each system's top k calls that have no label: candidates to label next."""
    done = {(lab.member, lab.call_id) for lab in labels}
    for position, profile in enumerate(profiles):
        for name, scores in systems.items():
            order = sorted(range(len(calls)), key=lambda i: (-scores[i, position], calls[i]["id"]))
            for i in order[:k]:
                if (profile["email"], calls[i]["id"]) not in done:
                    score = scores[i, position]
                    print(f"{profile['email']}\t{calls[i]['id']}\t{name}\t{score:.3f}\t{calls[i]['title'][:90]}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--threshold", type=float, default=0.25, help="match threshold (config default 0.25)")
    parser.add_argument("--worst", type=int, default=10, help="how many worst false positives to print")
    parser.add_argument("--unlabelled", type=int, default=0, metavar="K", help="list unlabelled top-K calls")
    parser.add_argument("--set", action="append", default=[], metavar="NAME=VALUE", help="override a Setting")
    args = parser.parse_args(argv)

    calls, profiles, labels = load_calls(), load_profiles(), load_labels()
    started = time.perf_counter()
    ours, terms = grantradar_scores(calls, profiles, parse_settings(args.set))
    took = time.perf_counter() - started
    base = bm25_scores(calls, profiles)
    if args.unlabelled:
        print_unlabelled(profiles, calls, labels, {"grantradar": ours, "bm25": base}, args.unlabelled)
        return
    print(
        f"{len(calls)} calls × {len(profiles)} members scored in {took:.1f} s; "
        f"{len(labels)} labels ({sum(lab.relevant for lab in labels)} relevant)\n"
    )
    print_report(profiles, calls, labels, ours, base, terms, args.threshold, args.worst)


if __name__ == "__main__":
    main()
