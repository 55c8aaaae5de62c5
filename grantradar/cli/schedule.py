"""`grantradar schedule`: the APScheduler process in the foreground, stopped cleanly by SIGTERM or Ctrl-C."""

from __future__ import annotations

import signal
import threading
from types import FrameType

import click

from grantradar.cli.common import AppContext, JobFailed, UserError, pass_app

SCHEDULER_LOCK = "scheduler"


@click.command(name="schedule")
@click.option("--list", "list_only", is_flag=True, help="Print the jobs and their triggers, then exit.")
@pass_app
def command(app: AppContext, list_only: bool) -> None:
    """Run the scheduler in the foreground: daily crawls and match, weekly digests, daily closing-soon reminders.

    Jobs live in the project's database (table apscheduler_jobs), so runs missed while the scheduler was
    down are made up once when it comes back. Only one scheduler may run per database: a second one exits
    with code 1 naming the first. On SIGTERM or Ctrl-C the running job is told to stop (it records itself
    as terminated), the lock is released and the process exits 0.
    """
    from scheduler import build_scheduler, start_scheduler, stop_children
    from store.locks import DbLock, LockHeld

    config = app.config
    engine = app.engine()
    try:
        scheduler = build_scheduler(config, app.config_path, engine=engine)
    except ValueError as exc:  # a bad crawl_time/digest_time/digest_day or an unknown source
        raise UserError(str(exc)) from None
    if list_only:
        click.echo(f"jobs (times in {config.timezone}):")
        for job in scheduler.get_jobs():
            click.echo(f"{job.id:<20} {job.trigger}")
        return

    lock = DbLock(engine, SCHEDULER_LOCK)
    try:
        lock.acquire()
    except LockHeld as exc:
        raise JobFailed(f"another scheduler is running on this database; {exc}") from None
    stop = threading.Event()
    received: list[str] = []

    def on_signal(signum: int, _frame: FrameType | None) -> None:
        received.append(signal.Signals(signum).name)
        stop.set()

    previous = {sig: signal.signal(sig, on_signal) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        start_scheduler(scheduler)
        for job in scheduler.get_jobs():
            click.echo(f"{job.id:<20} next run {job.next_run_time:%Y-%m-%d %H:%M %Z}")
        click.echo("scheduler running; SIGTERM or Ctrl-C stops it")
        while not stop.wait(1.0):
            if lock.lost:
                raise JobFailed("the scheduler lost its database lock to another process; stopping")
        click.echo(f"received {received[0]}: stopping the running job, if any")
    finally:
        if scheduler.running:
            scheduler.pause()  # no new job starts while we stop the running one
            stop_children(signal.SIGTERM)
            scheduler.shutdown(wait=True)
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        lock.release()
    click.echo("scheduler stopped")
