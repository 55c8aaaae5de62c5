"""Conditional re-crawl of the bundled demo snapshot: bytes downloaded by a first and a second crawl.

    .venv/bin/python bench/bench_recrawl.py [SOURCE ...]

Serves grantradar/demo/snapshot with the mirror (which sends ETag/Last-Modified and answers 304), runs every
spider (or the named ones) twice as `scrapy crawl` subprocesses sharing one fresh HTTP cache
folder, and prints per source the network bytes (`grantradar/network_bytes`: what crossed the wire, unlike
`downloader/response_bytes`, which also counts bodies answered from the cache), the responses that came back
200 or 304, and whether both crawls yielded the same records. Figures are printed, never asserted.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scrapy.statscollectors import MemoryStatsCollector  # noqa: E402

from grantradar.crawl import available_spiders  # noqa: E402
from grantradar.mirror import DEFAULT_SNAPSHOT, MirrorServer  # noqa: E402
from spiders.httpcache import NETWORK_BYTES_KEY  # noqa: E402


def crawl_command(name: str, mirror: str, cache: Path, out: Path, stats_file: Path) -> list[str]:
    """The `scrapy crawl` command line of one measured crawl (also used by tests/test_httpcache.py)."""
    return [
        sys.executable,
        "-m",
        "scrapy",
        "crawl",
        name,
        "-O",
        str(out),
        "-s",
        f"MIRROR_URL={mirror}",
        "-s",
        f"HTTPCACHE_DIR={cache}",
        "-s",
        "DOWNLOAD_DELAY=0",
        "-s",
        "AUTOTHROTTLE_ENABLED=0",
        "-s",
        "LOG_LEVEL=WARNING",
        "-s",
        "STATS_CLASS=bench.bench_recrawl.DumpingStats",
        "-s",
        f"BENCH_STATS_FILE={stats_file}",
    ]


def crawl(name: str, mirror: str, cache: Path, out: Path) -> dict[str, Any]:
    """One crawl; its final stats (the JSON that `DumpingStats` writes to BENCH_STATS_FILE at the end)."""
    stats_file = out.with_suffix(".stats.json")
    started = time.perf_counter()
    result = subprocess.run(
        crawl_command(name, mirror, cache, out, stats_file),
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    seconds = time.perf_counter() - started
    if result.returncode != 0 or not stats_file.exists():
        return {"error": result.stderr.strip().splitlines()[-1:] or ["no stats"], "seconds": seconds}
    stats = json.loads(stats_file.read_text())
    stats["seconds"] = seconds
    return stats


def records(path: Path) -> list[str]:
    if not path.exists():
        return []
    rows = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    return sorted(json.dumps({k: v for k, v in r.items() if k != "fetched_at"}, sort_keys=True) for r in rows)


def status_count(stats: dict[str, Any], code: int) -> int:
    return int(stats.get(f"grantradar/network_status_count/{code}", 0))


def main(names: list[str]) -> None:
    names = names or available_spiders()
    rows = []
    with tempfile.TemporaryDirectory() as tmp, MirrorServer(DEFAULT_SNAPSHOT) as mirror:
        cache = Path(tmp) / "httpcache"
        for name in names:
            first = crawl(name, mirror.url, cache, Path(tmp) / f"{name}-1.jsonl")
            second = crawl(name, mirror.url, cache, Path(tmp) / f"{name}-2.jsonl")
            same = records(Path(tmp) / f"{name}-1.jsonl") == records(Path(tmp) / f"{name}-2.jsonl")
            rows.append((name, first, second, same))
    print(
        f"{'source':10} {'items':>6} {'1st bytes':>11} {'2nd bytes':>10} {'saved':>6} "
        f"{'2nd 200':>8} {'2nd 304':>8} {'same':>5} {'1st s':>6} {'2nd s':>6}"
    )
    total1 = total2 = 0
    for name, first, second, same in rows:
        if "error" in first or "error" in second:
            print(f"{name:10} failed: {first.get('error') or second.get('error')}")
            continue
        b1, b2 = int(first.get(NETWORK_BYTES_KEY, 0)), int(second.get(NETWORK_BYTES_KEY, 0))
        total1, total2 = total1 + b1, total2 + b2
        saved = f"{100 * (1 - b2 / b1):.0f}%" if b1 else "-"
        print(
            f"{name:10} {int(second.get('item_scraped_count', 0)):>6} {b1:>11,} {b2:>10,} {saved:>6} "
            f"{status_count(second, 200):>8} {status_count(second, 304):>8} {same!s:>5} "
            f"{first['seconds']:>6.1f} {second['seconds']:>6.1f}"
        )
    if total1:
        print(f"{'total':10} {'':>6} {total1:>11,} {total2:>10,} {100 * (1 - total2 / total1):>5.0f}%")
    print("(2nd 200 = responses downloaded again in full: the server gave no validator or the content changed)")


class DumpingStats(MemoryStatsCollector):
    """Scrapy's memory stats collector that also writes the final stats to BENCH_STATS_FILE (JSON)."""

    def _persist_stats(self, stats: dict[str, Any]) -> None:
        super()._persist_stats(stats)
        target = self._crawler.settings.get("BENCH_STATS_FILE")
        if target:
            Path(target).write_text(json.dumps(stats, default=str))


if __name__ == "__main__":
    main(sys.argv[1:])
