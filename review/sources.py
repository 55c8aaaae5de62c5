"""Source health for the manager: each source's state, its last runs and their errors, from CrawlRun rows."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from store.base import utcnow
from store.models import CallRecord, CrawlRun

# The spiders of CONTRACTS.md §3, shown even before their first run so a never-run source is visible.
KNOWN_SOURCES = ("sedia", "tacr", "ms2021", "optak", "olkraj", "jmk", "gacr", "dotaceeu", "feeds")
# Crawls run daily; a source without a successful run for longer than this is silently broken.
STALE_AFTER = timedelta(days=2)
RUNS_SHOWN = 10


@dataclass
class SourceHealth:
    source: str
    state: str  # ok, failing, stale, running, never
    last_run: CrawlRun | None
    last_ok: CrawlRun | None
    runs: list[CrawlRun] = field(default_factory=list)
    calls: int = 0

    @property
    def problem(self) -> str | None:
        """One line saying what is wrong, for the overview."""
        if self.state == "failing" and self.last_run is not None:
            return self.last_run.reason or "the last run failed"
        if self.state == "stale":
            return "no successful run for more than two days"
        if self.state == "never":
            return "never run"
        return None


def classify(last_run: CrawlRun | None, last_ok: CrawlRun | None, now: datetime) -> str:
    """The health state of a source from its last run and its last successful run."""
    if last_run is None:
        return "never"
    if last_run.status == "failed":
        return "failing"
    if last_run.status == "running" and last_ok is None:
        return "running"
    finished = (last_ok.finished_at or last_ok.started_at) if last_ok else None
    if finished is None or now - finished > STALE_AFTER:
        return "stale"
    return "running" if last_run.status == "running" else "ok"


def source_health(session: Session, configured: Sequence[str] = (), now: datetime | None = None) -> list[SourceHealth]:
    """Health of every configured (or known) source plus any other source that has runs, problems first."""
    now = now or utcnow()
    seen = set(session.scalars(select(CrawlRun.source).distinct()))
    names = sorted(set(configured or KNOWN_SOURCES) | seen)
    counts = dict(
        session.execute(select(CallRecord.source, func.count(CallRecord.id)).group_by(CallRecord.source)).all()
    )
    result = []
    for name in names:
        runs = list(
            session.scalars(
                select(CrawlRun)
                .where(CrawlRun.source == name)
                .order_by(CrawlRun.started_at.desc(), CrawlRun.id.desc())
                .limit(RUNS_SHOWN)
            )
        )
        last_ok = session.scalars(
            select(CrawlRun)
            .where(CrawlRun.source == name, CrawlRun.status == "ok")
            .order_by(CrawlRun.started_at.desc(), CrawlRun.id.desc())
            .limit(1)
        ).first()
        last_run = runs[0] if runs else None
        result.append(
            SourceHealth(name, classify(last_run, last_ok, now), last_run, last_ok, runs, counts.get(name, 0))
        )
    order = {"failing": 0, "stale": 1, "never": 2, "running": 3, "ok": 4}
    result.sort(key=lambda h: (order[h.state], h.source))
    return result
