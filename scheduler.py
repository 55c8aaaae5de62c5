"""The APScheduler process: daily crawls and match, the weekly digests, daily reminders, in the project's database.

`build_scheduler(config)` registers the jobs and returns the scheduler without starting it (tests inspect jobs
and triggers); `start_scheduler(scheduler)` starts it; `grantradar schedule` runs it in the foreground.

Jobs (explicit ids, persistent in the `apscheduler_jobs` table of the project's database):
- `crawl:<source>` for each enabled source, daily at `config.crawl_time`, one minute apart;
- `match`, daily, one minute after the last crawl;
- `digests`, weekly on `config.digest_day` at `config.digest_time` (default Monday 07:00 Europe/Prague): a
  `weekly` run, i.e. the crawls missing today, match, then the digests with their closing-soon reminders;
- `reminders`, daily at `config.reminder_time` (default 08:00): `grantradar run reminders`, the short emails of
  calls told earlier whose deadline is at most `config.reminder_days` away (after the Monday digests by default).
Each job runs `grantradar run <kind>` as a fresh process (a Twisted reactor cannot be restarted, a crash or a
leak in a job never takes the scheduler down, and the run is recorded and locked exactly as under cron). The
executor has a single worker, so jobs run one at a time in the order they fire: match always after the crawls.

Missed runs: every job coalesces (a scheduler down for three weeks sends one weekly digest, not three) and
has a misfire grace time of its whole period, so the latest missed run is always made up when the scheduler
comes back. APScheduler resets a replaced job's next run time to the next future one, which would silently
drop the missed run; `build_scheduler` therefore keeps the stored next run time when it is the earlier one.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.cron import CronTrigger
from sqlalchemy import Engine, MetaData, Table, inspect, select

from grantradar.config import Config
from store.db import make_engine

log = logging.getLogger(__name__)

JOBSTORE_TABLE = "apscheduler_jobs"
JOB_FUNC = "scheduler:run_job"  # a textual reference: the job store pickles the reference, not the function
DAY = 24 * 3600
WEEK = 7 * DAY
CRAWL_SPACING = 1  # minutes between two sources' crawl jobs: fixes their order, the executor serialises them
# What a job process executes: the console script's entry point, whatever its install location.
JOB_ENTRY = "from grantradar.cli import main; main(prog_name='grantradar')"
# A scheduled run waits this long for the run lock (a cron run in progress) before giving up and failing.
LOCK_WAIT = 2 * 3600

# The job processes now running, so that a stopping scheduler can pass SIGTERM on to them.
_children: set[subprocess.Popen[bytes]] = set()
_children_lock = threading.Lock()


class JobProcessFailed(RuntimeError):
    """A job's `grantradar run` process exited non-zero (its own run record says why)."""


@dataclass(frozen=True)
class JobSpec:
    """One job: its id, the arguments of `grantradar run`, its trigger and how late it may still run."""

    id: str
    run_args: tuple[str, ...]
    trigger: CronTrigger
    misfire_grace_time: int

    @property
    def name(self) -> str:
        return f"grantradar run {' '.join(self.run_args)}"


def _hh_mm(value: str, key: str) -> tuple[int, int]:
    try:
        hour, minute = (int(part) for part in value.split(":"))
    except ValueError:
        raise ValueError(f"{key}: expected HH:MM, got {value!r}") from None
    if not (0 <= hour < 24 and 0 <= minute < 60):
        raise ValueError(f"{key}: expected HH:MM, got {value!r}")
    return hour, minute


def job_specs(config: Config, sources: Sequence[str]) -> list[JobSpec]:
    """The jobs for `sources`, with their triggers in `config.timezone`. Pure: no database, no clock."""
    tz = ZoneInfo(config.timezone)
    hour, minute = _hh_mm(config.crawl_time, "crawl_time")
    start = hour * 60 + minute

    def daily(offset: int) -> CronTrigger:
        at = (start + offset) % (24 * 60)
        return CronTrigger(hour=at // 60, minute=at % 60, timezone=tz)

    specs = [
        JobSpec(f"crawl:{source}", ("crawl", source), daily(i * CRAWL_SPACING), DAY) for i, source in enumerate(sources)
    ]
    specs.append(JobSpec("match", ("match",), daily(len(sources) * CRAWL_SPACING), DAY))
    digest_hour, digest_minute = _hh_mm(config.digest_time, "digest_time")
    weekly = CronTrigger(day_of_week=config.digest_day, hour=digest_hour, minute=digest_minute, timezone=tz)
    specs.append(JobSpec("digests", ("weekly",), weekly, WEEK))
    reminder_hour, reminder_minute = _hh_mm(config.reminder_time, "reminder_time")
    reminders = CronTrigger(hour=reminder_hour, minute=reminder_minute, timezone=tz)
    specs.append(JobSpec("reminders", ("reminders",), reminders, DAY))
    return specs


def stored_next_run_times(engine: Engine, table: str = JOBSTORE_TABLE) -> dict[str, datetime | None]:
    """Each stored job's next run time, read without unpickling the jobs ({} before the first start)."""
    if not inspect(engine).has_table(table):
        return {}
    jobs = Table(table, MetaData(), autoload_with=engine)
    with engine.connect() as conn:
        rows = conn.execute(select(jobs.c.id, jobs.c.next_run_time)).all()
    return {
        row.id: None if row.next_run_time is None else datetime.fromtimestamp(row.next_run_time, UTC) for row in rows
    }


def build_scheduler(
    config: Config,
    config_path: str | None = None,
    *,
    engine: Engine | None = None,
    sources: Sequence[str] | None = None,
    now: datetime | None = None,
) -> BackgroundScheduler:
    """A scheduler with every job registered in the project's database, not started.

    `config_path` is handed to the job processes (`grantradar --config PATH run ...`); secrets reach them through
    the environment, never through the job store. `sources` defaults to the enabled sources.
    """
    if sources is None:
        from grantradar.jobs import enabled_sources

        sources = enabled_sources(config)
    engine = engine or make_engine(config.database_url)
    tz = ZoneInfo(config.timezone)
    scheduler = BackgroundScheduler(
        jobstores={"default": SQLAlchemyJobStore(engine=engine, tablename=JOBSTORE_TABLE)},
        # One worker: jobs never overlap (they would only queue on the run lock) and run in firing order.
        executors={"default": ThreadPoolExecutor(max_workers=1)},
        job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": DAY},
        timezone=tz,
    )
    stored = stored_next_run_times(engine)
    now = now or datetime.now(UTC)
    config_file = os.path.abspath(config_path) if config_path else None
    for spec in job_specs(config, sources):
        options = {}
        fresh = spec.trigger.get_next_fire_time(None, now.astimezone(tz))
        kept = stored.get(spec.id)
        if kept is not None and fresh is not None and kept < fresh:
            options["next_run_time"] = kept  # a missed or due run survives the restart
        scheduler.add_job(
            JOB_FUNC,
            trigger=spec.trigger,
            id=spec.id,
            name=spec.name,
            kwargs={"run_args": list(spec.run_args), "config_path": config_file},
            replace_existing=True,
            coalesce=True,
            max_instances=1,
            misfire_grace_time=spec.misfire_grace_time,
            **options,
        )
    return scheduler


def start_scheduler(scheduler: BackgroundScheduler) -> None:
    """Start `scheduler`, dropping stored jobs it no longer has (a source disabled since the last start)."""
    wanted = {job.id for job in scheduler.get_jobs()}  # before start: the jobs build_scheduler registered
    scheduler.start(paused=True)
    for job in scheduler.get_jobs():
        if job.id not in wanted:
            log.info("removing job %s: no longer configured", job.id)
            job.remove()
    scheduler.resume()


def job_command(run_args: Sequence[str], config_path: str | None) -> list[str]:
    """The command line of a job process: this interpreter, the `grantradar` CLI, `run` and its arguments."""
    command = [sys.executable, "-c", JOB_ENTRY]
    if config_path:
        command += ["--config", config_path]
    return [*command, "run", *run_args, "--wait", str(LOCK_WAIT)]


def launch(command: Sequence[str]) -> int:
    """Run a job process to its end and return its exit code; it can be told to stop by `stop_children`."""
    child = subprocess.Popen(list(command))
    with _children_lock:
        _children.add(child)
    try:
        return child.wait()
    finally:
        with _children_lock:
            _children.discard(child)


def run_job(run_args: Sequence[str], config_path: str | None = None) -> int:
    """The function every job calls: `grantradar run ARGS` in a fresh process; raises when it failed."""
    code = launch(job_command(run_args, config_path))
    if code != 0:
        raise JobProcessFailed(f"`grantradar run {' '.join(run_args)}` exited with code {code}")
    return code


def stop_children(signum: int) -> int:
    """Send `signum` to the running job processes; they record themselves as terminated and exit."""
    with _children_lock:
        children = list(_children)
    for child in children:
        if child.poll() is None:
            child.send_signal(signum)
    return len(children)
