"""Run one real crawl of a spider in a subprocess, against a snapshot folder, into a SQLite store.

Used by the spider tests' source-health cases: a broken layout or error responses must end as a failed
CrawlRun with its reason, and the calls stored earlier from that source must stay as they were. A Twisted
reactor cannot be restarted in one process, hence the subprocess (as `grantradar crawl` does it).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from sqlalchemy import select

from grantradar.mirror import MirrorServer, snapshot_path
from store.base import Base
from store.calls import upsert_record
from store.db import make_engine, session_scope
from store.models import Call, CrawlRun

REPO = Path(__file__).resolve().parents[1]


def write_snapshot(root: Path, pages: dict[str, bytes]) -> None:
    """`pages`: real URL → body, written where the mirror looks for it."""
    from urllib.parse import urlsplit

    for url, body in pages.items():
        parts = urlsplit(url)
        target = snapshot_path(root, parts.netloc, parts.path, parts.query)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(body)


def seed_store(db_url: str, records: list[dict[str, Any]]) -> None:
    engine = make_engine(db_url)
    Base.metadata.create_all(engine)
    with session_scope(engine) as session:
        for record in records:
            upsert_record(session, record)
    engine.dispose()


def crawl(spider: str, snapshot: Path, db_url: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    """`scrapy crawl <spider>` through a mirror of `snapshot`, storing into `db_url`; no cache, no delays."""
    env = dict(os.environ, GRANTRADAR_HTTPCACHE="0", GRANTRADAR_HTTPCACHE_DIR=str(tmp_path / "httpcache"))
    with MirrorServer(snapshot) as mirror:
        return subprocess.run(
            [
                sys.executable,
                "-m",
                "scrapy",
                "crawl",
                spider,
                "-s",
                f"MIRROR_URL={mirror.url}",
                "-s",
                "GRANTRADAR_STORE=1",
                "-s",
                f"GRANTRADAR_DATABASE_URL={db_url}",
                "-s",
                "DOWNLOAD_DELAY=0",
                "-s",
                "AUTOTHROTTLE_ENABLED=0",
                "-s",
                "RETRY_TIMES=0",
                "-s",
                "LOG_LEVEL=WARNING",
            ],
            cwd=REPO,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )


def runs_and_calls(db_url: str) -> tuple[list[CrawlRun], list[Call]]:
    engine = make_engine(db_url)
    with session_scope(engine) as session:
        runs = list(session.scalars(select(CrawlRun).order_by(CrawlRun.id)))
        calls = list(session.scalars(select(Call).order_by(Call.id)))
        session.expunge_all()
    engine.dispose()
    return runs, calls
