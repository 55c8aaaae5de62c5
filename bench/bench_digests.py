"""Time to compose and write 1 000 member digests (outbox mode) on a fresh SQLite store.

Run: `.venv/bin/python bench/bench_digests.py [--members N] [--calls N] [--per-member N]`. Prints figures only;
nothing is asserted. Each member gets `per-member` approved matches among `calls` open calls.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from digests.samples import PILLARS, SCENARIO_NOW, add_call, add_match, add_member
from digests.service import run_digests
from grantradar.config import Config
from store.base import Base
from store.db import make_engine, session_scope

SLUGS = [p.slug for p in PILLARS]


def populate(url: str, members: int, calls: int, per_member: int) -> None:
    engine = make_engine(url)
    Base.metadata.create_all(engine)
    with session_scope(engine) as s:
        rows = [
            add_call(
                s,
                f"tacr:B{i:05d}",
                f"Výzva {i}: laserové technologie a optika pro průmysl",
                now=SCENARIO_NOW,
                deadlines=[(SCENARIO_NOW + timedelta(days=5 + i % 90)).isoformat()],
                budget=10_000_000 + i,
                funding_rate_max=70,
            )
            for i in range(calls)
        ]
        s.flush()
        for m in range(members):
            member = add_member(s, f"Člen {m}", f"member{m}@example.cz", language="cs" if m % 3 else "en")
            for k in range(per_member):
                add_match(
                    s,
                    rows[(m * 7 + k * 13) % calls],
                    member,
                    score=0.5 + k / 100,
                    terms=["laser", "optika"],
                    pillars=[SLUGS[(m + k) % len(SLUGS)]],
                )
    engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=1000)
    parser.add_argument("--calls", type=int, default=300)
    parser.add_argument("--per-member", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'bench.db'}"
        started = time.perf_counter()
        populate(url, args.members, args.calls, args.per_member)
        setup = time.perf_counter() - started
        config = Config(database_url=url, secret_key="bench", outbox=str(Path(tmp) / "outbox"))
        engine = make_engine(url)
        started = time.perf_counter()
        summary = run_digests(engine, config, now=SCENARIO_NOW, pillars=PILLARS)
        elapsed = time.perf_counter() - started
        size = sum(p.stat().st_size for p in (Path(tmp) / "outbox").glob("*.eml"))
        started = time.perf_counter()
        again = run_digests(engine, config, now=SCENARIO_NOW, pillars=PILLARS)
        rerun = time.perf_counter() - started
    print(f"store set-up: {args.members} members, {args.calls} calls, {args.per_member} matches each: {setup:.1f} s")
    print(
        f"compose + render + write: {summary.written} digests ({summary.feeds} member .ics/.atom pairs) "
        f"in {elapsed:.1f} s = {1000 * elapsed / max(summary.written, 1):.1f} ms per digest; "
        f".eml total {size / 1e6:.1f} MB"
    )
    print(f"re-run in the same week: {again.skipped} skipped, {again.written} written, in {rerun:.1f} s")


if __name__ == "__main__":
    main()
