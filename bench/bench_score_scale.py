"""`grantradar score` on N calls × M members (default 10 000 × 1 000), against the bare baseline.

The baseline is what any TF-IDF matcher must do at least: TfidfVectorizer fit on the same call and member
texts, transform both, one sparse product calls × members. Both run as subprocesses so that each one's peak
memory (max RSS) is its own. Prints wall time, the ratio, and peak memory; asserts nothing.

Usage: .venv/bin/python bench/bench_score_scale.py [--calls N] [--members M] [--inputs DIR] [--no-baseline]
(the older positional form `bench_score_scale.py CALLS MEMBERS` still works). `--inputs DIR` keeps the generated
calls.jsonl and members.csv in DIR (for profiling, or as reference inputs when checking that output is unchanged).
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import random
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEVSET = ROOT / "matcher" / "devset" / "devset.jsonl.gz"

BASELINE = r"""
import csv, json, sys, time
from sklearn.feature_extraction.text import TfidfVectorizer
calls = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
members = list(csv.DictReader(open(sys.argv[2], encoding="utf-8")))
t = time.perf_counter()
call_texts = [c["title"] + " " + c.get("description", "") for c in calls]
member_texts = [m["description"] + " " + m["keywords"] for m in members]
vec = TfidfVectorizer(sublinear_tf=True).fit(call_texts + member_texts)
product = vec.transform(call_texts) @ vec.transform(member_texts).T
print(json.dumps({"seconds": time.perf_counter() - t, "nnz": int(product.nnz)}))
"""


def make_inputs(n_calls: int, n_members: int, folder: Path) -> tuple[Path, Path]:
    rng = random.Random(42)
    with gzip.open(DEVSET, "rt", encoding="utf-8") as handle:
        items = [json.loads(line) for line in handle if line.strip()]
    calls_path = folder / "calls.jsonl"
    with calls_path.open("w", encoding="utf-8") as fh:
        for i in range(n_calls):
            item = items[i % len(items)]
            # Vary texts so that the vocabulary grows as in a real store: mix in a sentence of another item.
            other = items[rng.randrange(len(items))]
            description = f"{item['description'][:3000]} {other['description'][:400]}"
            call = {
                "id": f"c{i}",
                "title": item["title"],
                "description": description,
                "language": item["language"],
                "status": "open",
            }
            fh.write(json.dumps(call, ensure_ascii=False) + "\n")
    # Members like real ones: a pillar's description and vocabulary in their language, plus their own words.
    sys.path.insert(0, str(ROOT))
    from matcher.pillars import load_pillars

    pillars = load_pillars()
    words = " ".join(i["title"] for i in items).split()
    members_path = folder / "members.csv"
    with members_path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["name", "email", "description", "language", "pillars", "keywords"])
        for j in range(n_members):
            pillar = pillars[j % len(pillars)]
            lang = rng.choice(["cs", "en"])
            own = " ".join(rng.choice(words) for _ in range(15))
            description = f"{pillar.description_cs if lang == 'cs' else pillar.description_en} {own}"
            terms = [t for c in pillar.vocabulary for t in c.terms[lang]]
            keywords = ";".join(rng.sample(terms, 3))
            writer.writerow([f"Member {j}", f"m{j}@example.org", description, lang, pillar.slug, keywords])
    return calls_path, members_path


# Each command runs under its own small wrapper process, so RUSAGE_CHILDREN there is that command's alone.
WRAPPER = (
    "import json, resource, subprocess, sys, time; t = time.perf_counter(); "
    "p = subprocess.run(sys.argv[1:], check=True, capture_output=True, text=True); "
    "print(json.dumps({'s': time.perf_counter() - t, 'rss': resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, "
    "'out': p.stdout}))"
)


def run(cmd: list[str]) -> tuple[float, int, str]:
    out = subprocess.run([sys.executable, "-c", WRAPPER, *cmd], check=True, capture_output=True, text=True, cwd=ROOT)
    data = json.loads(out.stdout)
    return data["s"], data["rss"], data["out"]


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, help=argparse.SUPPRESS)  # old form: CALLS [MEMBERS]
    parser.add_argument("--calls", type=int, default=None, help="number of calls (default 10000)")
    parser.add_argument("--members", type=int, default=None, help="number of members (default 1000)")
    parser.add_argument("--inputs", type=Path, default=None, help="write the generated inputs here and keep them")
    parser.add_argument("--no-baseline", action="store_true", help="time grantradar score only")
    args = parser.parse_args(argv)
    sizes = [*args.sizes, None, None]
    args.calls = args.calls or sizes[0] or 10_000
    args.members = args.members or sizes[1] or 1_000
    return args


def main() -> None:
    args = parse_args()
    n_calls, n_members = args.calls, args.members
    python = sys.executable
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.inputs or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        calls, members = make_inputs(n_calls, n_members, folder)
        out = Path(tmp) / "out.jsonl"
        if not args.no_baseline:
            base_s, base_rss, base_out = run([python, "-c", BASELINE, str(calls), str(members)])
        ours_s, ours_rss, _ = run(
            [
                str(Path(python).parent / "grantradar"),
                "score",
                "--input",
                str(calls),
                "--members",
                str(members),
                "--output",
                str(out),
            ]
        )
        listed = sum(len(json.loads(line)["members"]) for line in out.read_text(encoding="utf-8").splitlines())
    print(f"{n_calls} calls x {n_members} members")
    if not args.no_baseline:
        base_inner = json.loads(base_out)["seconds"]
        print(
            f"baseline TfidfVectorizer fit+transform+product: {base_s:.1f} s wall ({base_inner:.1f} s inside), "
            f"peak RSS {base_rss / 1024:.0f} MiB"
        )
    print(
        f"grantradar score (whole command, incl. JSON I/O and explanations of {listed} listed matches): "
        f"{ours_s:.1f} s, peak RSS {ours_rss / 1024:.0f} MiB"
    )
    if not args.no_baseline:
        print(f"ratio grantradar / baseline (wall): {ours_s / base_s:.1f}x")


if __name__ == "__main__":
    main()
