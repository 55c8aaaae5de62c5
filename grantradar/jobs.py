"""Unattended runs: the daily and weekly cycles (for cron) and the single jobs the scheduler fires.

A run is a list of steps executed one after the other under the database lock `cycle`, so that a cron run,
a scheduler job and a run on another machine sharing the database never overlap. Every run is recorded as a
JobRun row (job = the run's kind) and each step as a child row (job = the step's name) with its start, end,
status, summary and error, so that `grantradar status` and the manager can see what ran and what failed.

What each kind does:
- `daily`: crawl every enabled source (each a `scrapy crawl` subprocess), then match.
- `weekly`: first crawl the enabled sources that have no successful crawl today (local day in
  `config.timezone`), so that a weekly run started when the daily one was missed still mails fresh calls;
  then match, then the digests (members' digests carry the closing-soon reminders), sent by SMTP when
  `GRANTRADAR_SMTP_URL` is set, else written to the outbox.
- `reminders`: the daily closing-soon reminders (`digests.reminders`), delivered like the digests.
- `crawl` (given sources, default all enabled), `match`, `digests`: one step each; the scheduler uses them.
A failing step never stops the others (a broken source must not cost the members their digest); the run is
`failed` and exits 1 when any step failed.

Stopping: SIGTERM (turned into `Terminated` by the command line) or Ctrl-C interrupts the current step; its
transaction rolls back, the step and the run are recorded as failed with the error "terminated", the lock is
released, and the next run simply does the work again (crawls and matching are idempotent, digests are
exactly-once by their own ledger).
"""

from __future__ import annotations

import logging
import os
import signal
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from types import FrameType
from typing import Any, Literal, get_args
from zoneinfo import ZoneInfo

from sqlalchemy import Engine, select, update

from grantradar.config import Config
from store.base import utcnow
from store.db import make_engine, session_scope
from store.locks import DEFAULT_TTL, DbLock, LockHeld
from store.models import CrawlRun, JobRun

log = logging.getLogger(__name__)

CYCLE_LOCK = "cycle"
Kind = Literal["daily", "weekly", "crawl", "match", "digests", "reminders"]
KINDS: tuple[str, ...] = get_args(Kind)
OK, FAILED, SKIPPED = "ok", "failed", "skipped"


class Terminated(BaseException):
    """Raised in the main thread on SIGTERM; a BaseException so that `except Exception` lets it through."""


@dataclass
class StepOutcome:
    """What a step function returns: whether it worked, what it produced, and why not."""

    ok: bool
    summary: dict[str, Any] = field(default_factory=dict)
    error: str | None = None


@dataclass(frozen=True)
class StepContext:
    config: Config
    engine: Engine
    now: datetime | None


@dataclass(frozen=True)
class Step:
    name: str
    action: Callable[[StepContext], StepOutcome]


@dataclass
class StepResult:
    name: str
    status: str
    summary: dict[str, Any]
    error: str | None
    seconds: float
    run_id: int | None

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "status": self.status,
            "seconds": round(self.seconds, 3),
            "summary": self.summary,
            "error": self.error,
        }


@dataclass
class CycleResult:
    kind: str
    run_id: int | None
    status: str
    steps: list[StepResult]
    error: str | None = None

    @property
    def exit_code(self) -> int:
        """CONTRACTS.md §8: 0 when everything worked, 1 when the run happened and something failed."""
        return 0 if self.status == OK else 1

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "run_id": self.run_id,
            "status": self.status,
            "error": self.error,
            "steps": [step.as_dict() for step in self.steps],
        }


# -- the steps ---------------------------------------------------------------------------------------------


def enabled_sources(config: Config) -> list[str]:
    """The sources a cycle crawls: `config.sources` when set, else every spider of the project."""
    from grantradar.crawl import resolve_sources

    return resolve_sources(config, None)


def crawl_step(source: str) -> Step:
    def action(ctx: StepContext) -> StepOutcome:
        from grantradar.crawl import run_crawl

        outcomes = run_crawl(ctx.config, [source], mirror_url=ctx.config.mirror_url)
        if not outcomes:
            return StepOutcome(False, {"source": source}, f"the crawler returned nothing for {source}")
        outcome = outcomes[0]
        summary = {"source": outcome.source, "items": outcome.items, "crawl_run": outcome.run_id}
        if outcome.status == OK:
            return StepOutcome(True, summary)
        return StepOutcome(False, summary, outcome.reason or "the crawl failed")

    return Step(f"crawl:{source}", action)


def _match(ctx: StepContext) -> StepOutcome:
    from matcher.service import run_match

    summary = run_match(ctx.engine, ctx.config, now=ctx.now)
    return StepOutcome(True, summary.as_dict())


def _deliver(ctx: StepContext, run: Callable[..., Any], noun: str) -> StepOutcome:
    """A digests or reminders step; without SMTP the emails go to the outbox, which the operator can inspect."""
    send = ctx.config.smtp_configured
    summary = run(ctx.engine, ctx.config, send=send, outbox=ctx.config.outbox, now=ctx.now)
    data = {"delivery": "smtp" if send else "outbox", **summary.as_dict()}
    if summary.failed:
        return StepOutcome(False, data, f"{summary.failed} {noun}(s) could not be delivered")
    return StepOutcome(True, data)


def _digests(ctx: StepContext) -> StepOutcome:
    from digests.service import run_digests

    return _deliver(ctx, run_digests, "digest")


def _reminders(ctx: StepContext) -> StepOutcome:
    from digests.service import run_reminders

    return _deliver(ctx, run_reminders, "reminder")


MATCH_STEP = Step("match", _match)
DIGESTS_STEP = Step("digests", _digests)
REMINDERS_STEP = Step("reminders", _reminders)


def local_midnight(now: datetime, tz_name: str) -> datetime:
    """The start of `now`'s day in the configured zone, in UTC."""
    local = now.astimezone(ZoneInfo(tz_name))
    return local.replace(hour=0, minute=0, second=0, microsecond=0).astimezone(UTC)


def sources_crawled_since(engine: Engine, since: datetime) -> set[str]:
    """Sources with a successful crawl started at or after `since`."""
    with session_scope(engine) as session:
        rows = session.scalars(
            select(CrawlRun.source).where(CrawlRun.status == OK, CrawlRun.started_at >= since).distinct()
        )
        return set(rows)


def plan(
    kind: str,
    config: Config,
    engine: Engine,
    now: datetime | None = None,
    sources: Sequence[str] | None = None,
) -> list[Step]:
    """The steps of a run of `kind`. Pure apart from reading which sources already ran today (weekly)."""
    if kind not in KINDS:
        raise ValueError(f"unknown run kind {kind!r}; expected one of {', '.join(KINDS)}")
    if kind == "match":
        return [MATCH_STEP]
    if kind == "digests":
        return [DIGESTS_STEP]
    if kind == "reminders":
        return [REMINDERS_STEP]
    chosen = list(sources) if sources else enabled_sources(config)
    if kind == "crawl":
        return [crawl_step(source) for source in chosen]
    if kind == "daily":
        return [*(crawl_step(source) for source in chosen), MATCH_STEP]
    done = sources_crawled_since(engine, local_midnight(now or utcnow(), config.timezone))
    missing = [source for source in chosen if source not in done]
    return [*(crawl_step(source) for source in missing), MATCH_STEP, DIGESTS_STEP]


# -- recording ---------------------------------------------------------------------------------------------


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or exc.__class__.__name__
    return f"{exc.__class__.__name__}: {text}"[:2000]


def _start_row(engine: Engine, job: str, parent_id: int | None = None, summary: dict[str, Any] | None = None) -> int:
    with session_scope(engine) as session:
        row = JobRun(job=job, parent_id=parent_id, status="running", summary=summary or {}, started_at=utcnow())
        session.add(row)
        session.flush()
        return row.id


def _finish_row(engine: Engine, run_id: int, status: str, summary: dict[str, Any], error: str | None) -> None:
    with session_scope(engine) as session:
        session.execute(
            update(JobRun)
            .where(JobRun.id == run_id)
            .values(status=status, summary=summary, error=error, finished_at=utcnow())
        )


def record_not_started(engine: Engine, kind: str, reason: str) -> int:
    """A run that could not start (lock held, nothing to plan): recorded so that status shows it."""
    now = utcnow()
    with session_scope(engine) as session:
        row = JobRun(
            job=kind,
            status=FAILED,
            summary={"not_started": True},
            error=reason,
            started_at=now,
            finished_at=now,
        )
        session.add(row)
        session.flush()
        return row.id


def close_abandoned_runs(engine: Engine) -> int:
    """Mark as failed the runs still `running` although nobody holds the lock: their process died.

    Only called by the holder of the cycle lock, so no live run can be among them.
    """
    with session_scope(engine) as session:
        result = session.execute(
            update(JobRun)
            .where(JobRun.status == "running")
            .values(status=FAILED, finished_at=utcnow(), error="abandoned: its process ended without finishing")
        )
        return result.rowcount or 0


# -- running -----------------------------------------------------------------------------------------------


def _is_expected(exc: Exception) -> bool:
    """Errors the components raise on purpose, with a message meant for the operator."""
    from digests.service import DigestError
    from grantradar.config import ConfigError

    return isinstance(exc, DigestError | ConfigError)


def _run_step(step: Step, ctx: StepContext, parent_id: int) -> StepResult:
    run_id = _start_row(ctx.engine, step.name, parent_id)
    started = utcnow()
    try:
        outcome = step.action(ctx)
    except Exception as exc:
        if _is_expected(exc):
            # A known condition with a clear message (no signing key, ...): one line, no traceback.
            log.error("step %s failed: %s", step.name, _one_line(exc))
        else:
            log.exception("step %s failed", step.name)
        outcome = StepOutcome(False, {}, _one_line(exc))
    except BaseException as exc:
        # Terminated or Ctrl-C: the step's transaction has rolled back on the way here; record, go on up.
        reason = "terminated" if isinstance(exc, Terminated | KeyboardInterrupt) else _one_line(exc)
        _finish_row(ctx.engine, run_id, FAILED, {}, reason)
        raise
    status = OK if outcome.ok else FAILED
    _finish_row(ctx.engine, run_id, status, outcome.summary, outcome.error)
    seconds = (utcnow() - started).total_seconds()
    return StepResult(step.name, status, outcome.summary, outcome.error, seconds, run_id)


def _parent_summary(steps: Sequence[Step], results: Sequence[StepResult]) -> dict[str, Any]:
    done = {result.name: result.status for result in results}
    return {
        "steps": {step.name: done.get(step.name, SKIPPED) for step in steps},
        "failed": [result.name for result in results if result.status == FAILED],
    }


def execute(
    kind: str,
    steps: Sequence[Step],
    config: Config,
    engine: Engine,
    lock: DbLock,
    now: datetime | None = None,
) -> CycleResult:
    """Run `steps` under the already acquired `lock`, recording the run and each step. Releases nothing."""
    swept = close_abandoned_runs(engine)
    if swept:
        log.warning("marked %d run(s) left running by a dead process as failed", swept)
    parent_id = _start_row(engine, kind, summary={"steps": {step.name: "pending" for step in steps}})
    ctx = StepContext(config, engine, now)
    results: list[StepResult] = []
    try:
        for step in steps:
            if lock.lost:
                error = "lost the run lock to another process; remaining steps not run"
                _finish_row(engine, parent_id, FAILED, _parent_summary(steps, results), error)
                return CycleResult(kind, parent_id, FAILED, results, error)
            results.append(_run_step(step, ctx, parent_id))
    except BaseException as exc:
        reason = "terminated" if isinstance(exc, Terminated | KeyboardInterrupt) else _one_line(exc)
        _finish_row(engine, parent_id, FAILED, _parent_summary(steps, results), reason)
        raise
    failed = [result.name for result in results if result.status == FAILED]
    status = FAILED if failed else OK
    error = f"failed: {', '.join(failed)}" if failed else None
    _finish_row(engine, parent_id, status, _parent_summary(steps, results), error)
    return CycleResult(kind, parent_id, status, results, error)


def run_cycle(
    config: Config,
    kind: Kind | str,
    now: datetime | None = None,
    *,
    engine: Engine | None = None,
    sources: Sequence[str] | None = None,
    wait: float = 0.0,
    lock_ttl: float = DEFAULT_TTL,
) -> CycleResult:
    """Run one cycle of `kind` under the `cycle` lock and return what happened.

    Raises `LockHeld` (after recording the refused run) when another run holds the lock for longer than
    `wait` seconds. `now` is passed to the matcher and the digests (tests freeze it); records use real time.
    """
    if kind not in KINDS:
        raise ValueError(f"unknown run kind {kind!r}; expected one of {', '.join(KINDS)}")
    own_engine = engine is None
    engine = engine or make_engine(config.database_url)
    lock = DbLock(engine, CYCLE_LOCK, ttl=lock_ttl)
    try:
        try:
            lock.acquire(wait=wait)
        except LockHeld as exc:
            record_not_started(engine, kind, f"not run: {exc}")
            raise
        try:
            try:
                steps = plan(kind, config, engine, now=now, sources=sources)
            except Exception as exc:
                log.exception("could not plan the %s run", kind)
                error = f"could not plan the run: {_one_line(exc)}"
                return CycleResult(kind, record_not_started(engine, kind, error), FAILED, [], error)
            return execute(kind, steps, config, engine, lock, now=now)
        finally:
            lock.release()
    finally:
        if own_engine:
            engine.dispose()


def child_pids(parent: int | None = None) -> list[int]:
    """The live child processes of `parent` (default: this process), from /proc; [] without /proc."""
    parent = os.getpid() if parent is None else parent
    pids: list[int] = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            # The command name (2nd field) may contain spaces and parentheses: split after the last ')'.
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue  # the process ended while we looked
        if int(fields[1]) == parent and fields[0] != "Z":
            pids.append(int(stat.parent.name))
    return pids


def forward_signal(signum: int) -> None:
    """Pass a signal on to our child processes (the `scrapy crawl` of the current step), so they stop too."""
    for pid in child_pids():
        with suppress(ProcessLookupError):
            os.kill(pid, signum)


@contextmanager
def terminate_on_sigterm() -> Iterator[None]:
    """Turn the first SIGTERM or SIGINT into `Terminated` in the main thread, so the run unwinds cleanly.

    SIGTERM is also forwarded to our child processes: a crawl subprocess started from a worker thread would
    otherwise keep the run alive until it ends by itself (Scrapy stops gracefully on the first SIGTERM and at
    once on the second). Ctrl-C needs no forwarding: the terminal signals the whole process group. While the
    first signal is being handled, later ones are only forwarded: cleanup (rollback, recording the failed
    step, releasing the lock) must not itself be interrupted.
    """
    fired = False

    def handler(signum: int, _frame: FrameType | None) -> None:
        nonlocal fired
        if signum == signal.SIGTERM:
            forward_signal(signum)
        if fired:
            return
        fired = True
        raise Terminated(signal.Signals(signum).name)

    previous = {sig: signal.signal(sig, handler) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        yield
    finally:
        for sig, old_handler in previous.items():
            signal.signal(sig, old_handler)
