"""`grantradar status`: the last runs with their steps, and each source's health, as readable tables."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import click
from sqlalchemy import select
from sqlalchemy.orm import Session

from grantradar.cli.common import AppContext, JobFailed, pass_app
from grantradar.cli.run import summary_figures
from grantradar.config import Config
from store.base import utcnow
from store.models import CrawlRun, JobRun

STALE_AFTER = timedelta(days=2)  # a daily source not run for longer has silently stopped


@dataclass
class SourceHealth:
    source: str
    last_run: datetime | None
    status: str  # ok, failed, running, never
    items: int
    reason: str | None
    last_ok: datetime | None
    stale: bool

    @property
    def healthy(self) -> bool:
        return self.status in {"ok", "running"} and not self.stale


@dataclass
class RunRow:
    id: int
    job: str
    started_at: datetime
    finished_at: datetime | None
    status: str
    error: str | None
    summary: dict[str, Any]
    steps: list[RunRow] = field(default_factory=list)


def configured_sources(config: Config) -> list[str]:
    """The enabled sources; the configured list alone when the spiders cannot be listed."""
    try:
        from grantradar.crawl import resolve_sources

        return resolve_sources(config, None)
    except Exception:  # an unknown name in config.sources or no Scrapy project here: still show what we know
        return list(config.sources)


def source_health(session: Session, sources: list[str], now: datetime) -> list[SourceHealth]:
    """The latest crawl of every source named in `sources` or found in the runs, alphabetically."""
    names = sorted(set(sources) | set(session.scalars(select(CrawlRun.source).distinct())))
    health = []
    for name in names:
        last = session.scalars(
            select(CrawlRun).where(CrawlRun.source == name).order_by(CrawlRun.started_at.desc(), CrawlRun.id.desc())
        ).first()
        last_ok = session.scalars(
            select(CrawlRun.started_at)
            .where(CrawlRun.source == name, CrawlRun.status == "ok")
            .order_by(CrawlRun.started_at.desc())
        ).first()
        if last is None:
            health.append(SourceHealth(name, None, "never", 0, None, None, True))
            continue
        stale = now - last.started_at > STALE_AFTER
        health.append(SourceHealth(name, last.started_at, last.status, last.items_stored, last.reason, last_ok, stale))
    return health


def last_runs(session: Session, limit: int) -> list[RunRow]:
    """The latest `limit` runs (newest first), each with its steps in order."""

    def row(run: JobRun) -> RunRow:
        return RunRow(run.id, run.job, run.started_at, run.finished_at, run.status, run.error, run.summary or {})

    parents = [
        row(run)
        for run in session.scalars(
            select(JobRun).where(JobRun.parent_id.is_(None)).order_by(JobRun.id.desc()).limit(limit)
        )
    ]
    by_id = {run.id: run for run in parents}
    if by_id:
        for step in session.scalars(select(JobRun).where(JobRun.parent_id.in_(list(by_id))).order_by(JobRun.id)):
            by_id[step.parent_id].steps.append(row(step))  # type: ignore[index]
    return parents


def format_duration(start: datetime, end: datetime | None) -> str:
    if end is None:
        return "running"
    seconds = max(0.0, (end - start).total_seconds())
    if seconds < 60:
        return f"{seconds:.1f}s"
    minutes, secs = divmod(round(seconds), 60)
    if minutes < 60:
        return f"{minutes}m {secs:02d}s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h {minutes:02d}m"


def format_age(then: datetime, now: datetime) -> str:
    days = (now - then).total_seconds() / 86400
    return f"{days:.0f} days" if days >= 2 else f"{days * 24:.0f} hours"


def _table(headers: list[str], rows: list[list[str]]) -> list[str]:
    """Left-aligned columns, two spaces apart; the last column is not padded."""
    widths = [max(len(str(cell)) for cell in column) for column in zip(headers, *rows, strict=False)]
    lines = []
    for cells in [headers, *rows]:
        padded = [str(cell).ljust(width) for cell, width in zip(cells[:-1], widths, strict=False)]
        lines.append("  ".join([*padded, str(cells[-1])]).rstrip())
    return lines


def _one_line(text: str | None, width: int = 90) -> str:
    flat = " ".join((text or "").split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def render(runs: list[RunRow], health: list[SourceHealth], tz: ZoneInfo, now: datetime) -> str:
    """Both tables as text; times in the configured zone."""

    def when(moment: datetime | None) -> str:
        return "-" if moment is None else moment.astimezone(tz).strftime("%Y-%m-%d %H:%M")

    lines = [f"Last runs (times {tz.key})"]
    if not runs:
        lines.append("  no runs recorded yet")
    else:
        rows: list[list[str]] = []
        for run in runs:
            rows.append(
                [
                    str(run.id),
                    run.job,
                    when(run.started_at),
                    format_duration(run.started_at, run.finished_at),
                    run.status,
                    _one_line(run.error),
                ]
            )
            for step in run.steps:
                detail = step.error or summary_figures(step.summary)
                rows.append(
                    [
                        "",
                        f"  {step.job}",
                        when(step.started_at),
                        format_duration(step.started_at, step.finished_at),
                        step.status,
                        _one_line(detail),
                    ]
                )
        lines += ["  " + line for line in _table(["#", "job", "started", "took", "status", "detail"], rows)]

    lines += ["", f"Sources (stale = not crawled for more than {STALE_AFTER.days} days)"]
    if not health:
        lines.append("  no sources configured or crawled yet")
    else:
        rows = []
        for item in health:
            notes = []
            if item.stale:
                notes.append(
                    "STALE: never crawled"
                    if item.last_run is None
                    else f"STALE: last run {format_age(item.last_run, now)} ago"
                )
            if item.status == "failed":
                notes.append(_one_line(item.reason, 70) or "failed")
            rows.append(
                [
                    item.source,
                    when(item.last_run),
                    item.status.upper() if item.status == "failed" else item.status,
                    str(item.items) if item.last_run else "-",
                    when(item.last_ok),
                    "; ".join(notes),
                ]
            )
        lines += ["  " + line for line in _table(["source", "last run", "status", "calls", "last ok", "note"], rows)]
    return "\n".join(lines)


@click.command(name="status")
@click.option("-n", "--limit", type=click.IntRange(min=1), default=10, show_default=True, help="How many runs.")
@click.option("--json", "as_json", is_flag=True, help="Print the same data as JSON.")
@click.option(
    "--check",
    is_flag=True,
    help="Exit 1 when a source is failing or stale or the last run failed (for monitoring).",
)
@pass_app
def command(app: AppContext, limit: int, as_json: bool, check: bool) -> None:
    """Show the last runs (with each step: how long, what it produced, what failed) and each source's health."""
    from store.db import session_scope

    config = app.config
    now = utcnow()
    with session_scope(app.engine()) as session:
        runs = last_runs(session, limit)
        health = source_health(session, configured_sources(config), now)
    if as_json:
        payload = {"runs": [asdict(run) for run in runs], "sources": [asdict(item) for item in health]}
        click.echo(json.dumps(payload, default=str, ensure_ascii=False, indent=2))
    else:
        click.echo(render(runs, health, ZoneInfo(config.timezone), now))
    if check:
        problems = [item.source for item in health if not item.healthy]
        if runs and runs[0].status == "failed":
            problems.append(f"last run #{runs[0].id} ({runs[0].job})")
        if problems:
            raise JobFailed(f"unhealthy: {', '.join(problems)}")
