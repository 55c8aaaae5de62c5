"""`grantradar score` on N calls × M members (default 10 000 × 1 000), against the bare baseline.

The baseline is what any TF-IDF matcher must do at least: TfidfVectorizer fit on the same call and member
texts, transform both, one sparse product calls × members. Both run as subprocesses so that each one's peak
memory (max RSS) is its own. Prints wall time, the ratio, and peak memory; asserts nothing.

Usage: .venv/bin/python bench/bench_score_scale.py [CALLS] [MEMBERS]
"""

from __future__ import annotations

import csv
import json
import random
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEVSET = ROOT / "matcher" / "devset" / "devset.jsonl"
PILLARS = ["industrial-consumer-optics", "military-optics", "lighting", "lasers", "electron-microscopy"]

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
    items = [json.loads(line) for line in DEVSET.read_text(encoding="utf-8").splitlines() if line.strip()]
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
    import sys as _sys

    _sys.path.insert(0, str(ROOT))
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


def main() -> None:
    n_calls = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    n_members = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000
    python = sys.executable
    with tempfile.TemporaryDirectory() as tmp:
        calls, members = make_inputs(n_calls, n_members, Path(tmp))
        out = Path(tmp) / "out.jsonl"
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
    base_inner = json.loads(base_out)["seconds"]
    print(f"{n_calls} calls x {n_members} members")
    print(
        f"baseline TfidfVectorizer fit+transform+product: {base_s:.1f} s wall ({base_inner:.1f} s inside), "
        f"peak RSS {base_rss / 1024:.0f} MiB"
    )
    print(
        f"grantradar score (whole command, incl. JSON I/O and explanations of {listed} listed matches): "
        f"{ours_s:.1f} s, peak RSS {ours_rss / 1024:.0f} MiB"
    )
    print(f"ratio grantradar / baseline (wall): {ours_s / base_s:.1f}x")


if __name__ == "__main__":
    main()
