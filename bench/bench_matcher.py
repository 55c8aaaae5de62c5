"""Per-pillar average precision, and precision/recall at the match threshold, on the labelled dev set.

Compares, in one run: grantradar's pillar scores; BM25 (rank-bm25) with the pillar names (Czech + English)
as the query; plain TF-IDF cosine with the pillar names; and BM25 with the whole pillar description, a
stronger baseline. Printed per split of matcher/devset/devset.jsonl.gz (see dev/build_devset.py): `tune` (real
items we may look at while tuning), `holdout` (real items we do not look at), all real items, and the
`constructed` items. Prints figures; asserts nothing.

With --errors, also lists per pillar, for the `tune` and `constructed` items only (never `holdout`), the top
false positives (highest-scored items without the label) and the false negatives below the threshold.

With --set NAME=VALUE (repeatable), a scoring constant of `matcher.scoring.Settings` is overridden for this
run, so that a candidate change can be measured before it becomes the default.

Usage: .venv/bin/python bench/bench_matcher.py [--errors] [--threshold 0.25] [--top 10] [--set first_mention=0.3]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from dataclasses import fields, replace
from pathlib import Path

import numpy as np
from rank_bm25 import BM25Okapi
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import average_precision_score

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from matcher.pillars import load_pillars  # noqa: E402
from matcher.scoring import Matcher, Settings  # noqa: E402

DEVSET = ROOT / "matcher" / "devset" / "devset.jsonl.gz"
SWEEP = (0.2, 0.25, 0.3, 0.35, 0.4)


def parse_settings(pairs: list[str]) -> Settings:
    """Settings with NAME=VALUE overrides, converted to the type of the field's default."""
    kinds = {f.name: type(f.default) for f in fields(Settings)}
    overrides: dict[str, object] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or name not in kinds:
            raise SystemExit(f"--set {pair}: expected NAME=VALUE with NAME one of {', '.join(sorted(kinds))}")
        overrides[name] = kinds[name](value)
    return replace(Settings(), **overrides)


def pooled_pr(items: list[dict], mask: np.ndarray, slugs: list[str], ours: np.ndarray, threshold: float) -> str:
    """Pooled "precision/recall (TP FP FN)" of pillar score >= threshold over all pillars, as one cell."""
    tp = fp = fn = 0
    for j, slug in enumerate(slugs):
        truth = np.array([slug in i["labels"] for i in items])[mask]
        hit = ours[mask, j] >= threshold
        tp, fp, fn = tp + int((hit & truth).sum()), fp + int((hit & ~truth).sum()), fn + int((~hit & truth).sum())
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    return f"{prec:.2f}/{rec:.2f} ({tp:>2} {fp:>2} {fn:>2})"


def simple_tokens(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def ap_table(
    items: list[dict], mask: np.ndarray, slugs: list[str], systems: dict[str, np.ndarray], title: str
) -> float:
    """Print per-pillar AP of every system; return grantradar's mean over the pillars that have positives."""
    print(f"\n== average precision, {title} ({int(mask.sum())} items)")
    print(f"{'pillar':28} {'pos':>4} " + " ".join(f"{name:>13}" for name in systems))
    means: dict[str, list[float]] = {name: [] for name in systems}
    for j, slug in enumerate(slugs):
        truth = np.array([slug in i["labels"] for i in items])[mask]
        if truth.sum() == 0:
            print(f"{slug:28} {0:>4} " + " ".join(f"{'n/a':>13}" for _ in systems))
            continue
        row = []
        for name, scores in systems.items():
            ap = float(average_precision_score(truth, scores[mask, j]))
            means[name].append(ap)
            row.append(f"{ap:13.3f}")
        print(f"{slug:28} {int(truth.sum()):>4} " + " ".join(row))
    print(f"{'mean over pillars with pos.':33} " + " ".join(f"{np.mean(v) if v else 0:13.3f}" for v in means.values()))
    return float(np.mean(means["grantradar"])) if means["grantradar"] else 0.0


def pr_table(
    items: list[dict], mask: np.ndarray, slugs: list[str], ours: np.ndarray, threshold: float, title: str
) -> tuple[float, float]:
    """Precision and recall of "pillar score >= threshold" as a decision, per pillar; return them pooled."""
    print(f"\n-- grantradar at pillar score >= {threshold}, {title}")
    print(f"{'pillar':28} {'pos':>4} {'hits':>5} {'TP':>4} {'FP':>4} {'FN':>4} {'prec.':>6} {'recall':>6}")
    totals = np.zeros(3, dtype=int)
    for j, slug in enumerate(slugs):
        truth = np.array([slug in i["labels"] for i in items])[mask]
        hit = ours[mask, j] >= threshold
        tp, fp, fn = int((hit & truth).sum()), int((hit & ~truth).sum()), int((~hit & truth).sum())
        totals += (tp, fp, fn)
        prec = f"{tp / (tp + fp):6.2f}" if tp + fp else f"{'-':>6}"
        rec = f"{tp / (tp + fn):6.2f}" if tp + fn else f"{'-':>6}"
        print(f"{slug:28} {int(truth.sum()):>4} {int(hit.sum()):>5} {tp:>4} {fp:>4} {fn:>4} {prec} {rec}")
    tp, fp, fn = (int(x) for x in totals)
    prec = f"{tp / (tp + fp):6.2f}" if tp + fp else f"{'-':>6}"
    rec = f"{tp / (tp + fn):6.2f}" if tp + fn else f"{'-':>6}"
    print(f"{'all pillars':28} {tp + fn:>4} {tp + fp:>5} {tp:>4} {fp:>4} {fn:>4} {prec} {rec}")
    return (tp / (tp + fp) if tp + fp else 0.0), (tp / (tp + fn) if tp + fn else 0.0)


def error_listing(items: list[dict], slugs: list[str], ours: np.ndarray, threshold: float, top: int) -> None:
    visible = np.array([i["split"] in ("tune", "constructed") for i in items])
    print(f"\n== errors on tune + constructed items (holdout never shown), threshold {threshold}")
    for j, slug in enumerate(slugs):
        truth = np.array([slug in i["labels"] for i in items])
        negatives = [k for k in np.argsort(-ours[:, j]) if visible[k] and not truth[k] and ours[k, j] > 0]
        misses = [k for k in np.argsort(ours[:, j]) if visible[k] and truth[k] and ours[k, j] < threshold]
        print(f"\n[{slug}] top {top} false positives:")
        for k in negatives[:top]:
            mark = "*" if ours[k, j] >= threshold else " "
            print(f"  {mark}{ours[k, j]:.3f}  {items[k]['id'][:48]:48}  {items[k]['title'][:80]}")
        print(f"[{slug}] false negatives below {threshold}: {len(misses)}")
        for k in misses:
            print(f"   {ours[k, j]:.3f}  {items[k]['id'][:48]:48}  {items[k]['title'][:80]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--errors", action="store_true", help="list false positives/negatives on tune items")
    parser.add_argument("--threshold", type=float, default=0.25, help="pillar score counted as a match")
    parser.add_argument("--top", type=int, default=10, help="false positives listed per pillar")
    parser.add_argument(
        "--set", dest="overrides", action="append", default=[], metavar="NAME=VALUE", help="override a Settings field"
    )
    args = parser.parse_args()
    settings = parse_settings(args.overrides)

    with gzip.open(DEVSET, "rt", encoding="utf-8") as handle:
        items = [json.loads(line) for line in handle if line.strip()]
    pillars = load_pillars()
    slugs = [p.slug for p in pillars]
    texts = [f"{i['title']}\n{i['description']}" for i in items]
    calls = [
        {"id": i["id"], "title": i["title"], "description": i["description"], "language": i["language"]} for i in items
    ]

    started = time.perf_counter()
    matcher = Matcher(settings=settings).fit(calls, [])
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
    split = np.array([i["split"] for i in items])
    subsets = {
        "tune (real)": split == "tune",
        "holdout (real)": split == "holdout",
        "all real items": split != "constructed",
        "constructed items": split == "constructed",
    }
    if args.overrides:
        print("settings overridden: " + ", ".join(args.overrides))
    print(
        f"dev set: {len(items)} items, {sum(1 for i in items if i['labels'])} with a pillar label, "
        f"{sum(1 for i in items if i.get('generic'))} generic R&D calls; grantradar fit+score {ours_seconds:.2f} s"
    )
    means = {title: ap_table(items, mask, slugs, systems, title) for title, mask in subsets.items()}
    pr = {title: pr_table(items, mask, slugs, ours, args.threshold, title) for title, mask in subsets.items()}

    # The threshold is a product decision: show what moving it would do (pooled over pillars).
    print("\n-- pooled precision/recall (TP FP FN) at other thresholds")
    print(f"{'threshold':>9}  " + "  ".join(f"{title:>22}" for title in subsets))
    for threshold in SWEEP:
        cells = [pooled_pr(items, mask, slugs, ours, threshold) for mask in subsets.values()]
        print(f"{threshold:>9.2f}  " + "  ".join(f"{cell:>22}" for cell in cells))

    # Generic R&D calls should rank above unrelated calls without reaching the threshold on their own.
    generic = np.array([bool(i.get("generic")) for i in items])
    unlabelled = np.array([not i["labels"] for i in items])
    if generic.any():
        best = ours.max(axis=1)
        print(
            f"\ngeneric R&D calls: mean best pillar score {best[generic].mean():.3f} "
            f"(other unlabelled {best[unlabelled & ~generic].mean():.3f}); "
            f"{int((best[generic] >= args.threshold).sum())} of {int(generic.sum())} reach the threshold"
        )
    # One line to copy into matcher/devset/TUNING.md.
    print(
        "\nsummary: mean AP "
        + ", ".join(f"{title.split()[0]} {value:.3f}" for title, value in means.items())
        + f"; P/R at {args.threshold} "
        + ", ".join(f"{title.split()[0]} {p:.2f}/{r:.2f}" for title, (p, r) in pr.items())
    )
    if args.errors:
        error_listing(items, slugs, ours, args.threshold, args.top)


if __name__ == "__main__":
    main()
