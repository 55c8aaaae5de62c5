"""Running the spiders into the store: each one as its own `scrapy crawl` subprocess.

A Twisted reactor cannot be restarted in one process, and one broken source must not take the others down, so
every crawl is a fresh process; its CrawlRun row (written by spiders.extensions.RunRecorder) says how it went.
When the process dies before it could record its verdict, the run is recorded here as failed.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from datetime import timedelta

from sqlalchemy import select

from grantradar.config import Config
from store.base import utcnow
from store.db import make_engine, session_scope
from store.models import CrawlRun

DEFAULT_TIMEOUT = 3600  # seconds; a source that hangs longer is killed and its run failed
PARALLEL = 2  # crawls at once; each is polite per host anyway


@dataclass
class CrawlOutcome:
    source: str
    status: str  # ok, failed
    items: int
    reason: str | None
    run_id: int | None
    seconds: float

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def available_spiders() -> list[str]:
    """Names of every spider of the project, as `scrapy list` shows them."""
    from scrapy.spiderloader import SpiderLoader
    from scrapy.utils.project import get_project_settings

    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "spiders.settings")
    return sorted(SpiderLoader.from_settings(get_project_settings()).list())


def resolve_sources(config: Config, requested: list[str] | None) -> list[str]:
    """The sources to crawl: those asked for, else those enabled in config, else all; unknown names raise."""
    known = available_spiders()
    wanted = list(requested or config.sources or known)
    unknown = [s for s in wanted if s not in known]
    if unknown:
        raise ValueError(f"unknown source(s) {', '.join(unknown)}; known: {', '.join(known)}")
    return wanted


def _command(source: str, config: Config, mirror_url: str | None) -> list[str]:
    cmd = [
        sys.executable,
        "-m",
        "scrapy",
        "crawl",
        source,
        "-s",
        "GRANTRADAR_STORE=1",
        "-s",
        f"GRANTRADAR_DATABASE_URL={config.database_url}",
        "-s",
        "LOG_LEVEL=WARNING",
    ]
    if mirror_url:
        # A local snapshot needs no politeness delay; the real sources keep the settings' defaults.
        cmd += ["-s", f"MIRROR_URL={mirror_url}", "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=0"]
    return cmd


def crawl_one(
    source: str, config: Config, mirror_url: str | None = None, timeout: float = DEFAULT_TIMEOUT
) -> CrawlOutcome:
    """Crawl one source in a subprocess and return its recorded outcome."""
    engine = make_engine(config.database_url)
    started = utcnow() - timedelta(seconds=1)
    env = dict(os.environ, SCRAPY_SETTINGS_MODULE="spiders.settings")
    env["GRANTRADAR_CONTACT_EMAIL"] = config.contact_email
    clock = time.monotonic()
    try:
        proc = subprocess.run(
            _command(source, config, mirror_url),
            env=env,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        code, stderr = proc.returncode, proc.stderr
    except subprocess.TimeoutExpired as exc:
        code, stderr = -1, f"killed after {timeout:.0f} s: {exc.stderr or ''}"
    seconds = time.monotonic() - clock
    with session_scope(engine) as session:
        run = session.scalars(
            select(CrawlRun)
            .where(CrawlRun.source == source, CrawlRun.started_at >= started)
            .order_by(CrawlRun.id.desc())
            .limit(1)
        ).first()
        if run is None or run.status == "running":
            tail = " | ".join(line for line in (stderr or "").strip().splitlines()[-3:] if line)
            reason = f"crawl process exited with code {code}" + (f": {tail[-400:]}" if tail else "")
            if run is None:
                run = CrawlRun(source=source, started_at=started)
                session.add(run)
            run.status = "failed"
            run.reason = reason
            run.finished_at = utcnow()
            session.flush()
        outcome = CrawlOutcome(source, run.status, run.items_stored, run.reason, run.id, round(seconds, 2))
    engine.dispose()
    return outcome


def run_crawl(
    config: Config,
    sources: list[str] | None = None,
    mirror_url: str | None = None,
    progress: Callable[[str], None] | None = None,
    parallel: int = PARALLEL,
) -> list[CrawlOutcome]:
    """Crawl the sources (all enabled by default), `parallel` at a time; one failing never stops the others."""
    names = resolve_sources(config, sources)
    mirror = mirror_url or config.mirror_url
    say = progress or (lambda _msg: None)

    def job(name: str) -> CrawlOutcome:
        say(f"crawling {name} ...")
        outcome = crawl_one(name, config, mirror)
        detail = f"{outcome.items} calls" if outcome.status == "ok" else f"FAILED: {outcome.reason}"
        say(f"  {name}: {detail} ({outcome.seconds:.1f} s)")
        return outcome

    with ThreadPoolExecutor(max_workers=max(1, parallel)) as pool:
        return list(pool.map(job, names))
