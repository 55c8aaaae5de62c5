"""Per-pillar average precision on the labelled development set (matcher/devset/devset.jsonl).

Compares, in one run: grantradar's pillar scores; BM25 (rank-bm25) with the pillar names (Czech + English)
as the query; plain TF-IDF cosine with the pillar names; and BM25 with the whole pillar description, a
stronger baseline. Printed for all items and for the real (non-constructed) items only. Prints figures;
asserts nothing.

Usage: .venv/bin/python bench/bench_matcher.py
"""

from __future__ import annotations

import json
import re
import sys
import time
from pathlib import Path

import numpy as np
from rank_bm25 import BM25Okapi
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import average_precision_score

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from matcher.pillars import load_pillars  # noqa: E402
from matcher.scoring import Matcher  # noqa: E402

DEVSET = ROOT / "matcher" / "devset" / "devset.jsonl"


def simple_tokens(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def main() -> None:
    items = [json.loads(line) for line in DEVSET.read_text(encoding="utf-8").splitlines() if line.strip()]
    pillars = load_pillars()
    slugs = [p.slug for p in pillars]
    texts = [f"{i['title']}\n{i['description']}" for i in items]
    calls = [
        {"id": i["id"], "title": i["title"], "description": i["description"], "language": i["language"]} for i in items
    ]

    started = time.perf_counter()
    matcher = Matcher().fit(calls, [])
    ours = np.array([[r.pillars[s] for s in slugs] for r in matcher.score(calls)])
    ours_seconds = time.perf_counter() - started

    bm25 = BM25Okapi([simple_tokens(t) for t in texts])
    bm25_names = np.array([bm25.get_scores(simple_tokens(f"{p.name_cs} {p.name_en}")) for p in pillars]).T
    bm25_desc = np.array([bm25.get_scores(simple_tokens(p.document("cs") + " " + p.document("en"))) for p in pillars]).T
    tfidf = TfidfVectorizer(sublinear_tf=True).fit(texts)
    doc_m = tfidf.transform(texts)
    name_m = tfidf.transform([f"{p.name_cs} {p.name_en}" for p in pillars])
    tfidf_names = (doc_m @ name_m.T).toarray()

    systems = {
        "grantradar": ours,
        "BM25 names": bm25_names,
        "TF-IDF names": tfidf_names,
        "BM25 descr.": bm25_desc,
    }
    subsets = {
        "all items": [True] * len(items),
        "real items only": [i["source"] != "constructed" for i in items],
    }
    print(
        f"dev set: {len(items)} items, {sum(1 for i in items if i['labels'])} with a pillar label; "
        f"grantradar fit+score {ours_seconds:.2f} s"
    )
    for subset_name, mask in subsets.items():
        mask_a = np.array(mask)
        print(f"\n== average precision, {subset_name} ({int(mask_a.sum())} items)")
        print(f"{'pillar':28} {'pos':>4} " + " ".join(f"{name:>13}" for name in systems))
        means = {name: [] for name in systems}
        for j, slug in enumerate(slugs):
            truth = np.array([slug in i["labels"] for i in items])[mask_a]
            if truth.sum() == 0:
                print(f"{slug:28} {0:>4} " + " ".join(f"{'n/a':>13}" for _ in systems))
                continue
            row = []
            for name, scores in systems.items():
                ap = average_precision_score(truth, scores[mask_a, j])
                means[name].append(ap)
                row.append(f"{ap:13.3f}")
            print(f"{slug:28} {int(truth.sum()):>4} " + " ".join(row))
        print(f"{'mean over pillars':33} " + " ".join(f"{np.mean(v):13.3f}" for v in means.values()))

    # Calibration: how the labelled positives and the rest fall around the default threshold.
    pos = [ours[k, j] for k, i in enumerate(items) for j, s in enumerate(slugs) if s in i["labels"]]
    neg = [ours[k, j] for k, i in enumerate(items) for j, s in enumerate(slugs) if s not in i["labels"]]
    for threshold in (0.2, 0.25, 0.3, 0.4):
        recall = np.mean(np.array(pos) >= threshold)
        false = int(np.sum(np.array(neg) >= threshold))
        print(
            f"pillar score >= {threshold}: recall {recall:.2f} of {len(pos)} positives, {false} false pillar hits "
            f"of {len(neg)}"
        )


if __name__ == "__main__":
    main()
