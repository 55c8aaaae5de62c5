"""The scheduler: jobs and triggers without starting it, a missed weekly run made up once, clean shutdown."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Engine, MetaData, Table, func, inspect, select, update

import scheduler
from grantradar.config import Config
from store.db import session_scope
from store.locks import DbLock, read_lock
from store.models import JobRun
from tests.test_jobs import ROOT, finish, wait_for

PRAGUE = ZoneInfo("Europe/Prague")


def make_config(engine: Engine, **overrides: object) -> Config:
    return Config(database_url=engine.url.render_as_string(hide_password=False), **overrides)  # type: ignore[arg-type]


def quiet_config(engine: Engine) -> Config:
    """Triggers half a day away from now, so that only the runs a test makes due can fire."""
    later = datetime.now(PRAGUE) + timedelta(hours=12)
    return make_config(
        engine,
        crawl_time=later.strftime("%H:%M"),
        digest_time=later.strftime("%H:%M"),
        reminder_time=later.strftime("%H:%M"),
        digest_day=(later + timedelta(days=3)).strftime("%a").lower(),
    )


def test_jobs_and_triggers_are_inspected_without_starting(sqlite_engine: Engine) -> None:
    sched = scheduler.build_scheduler(make_config(sqlite_engine), sources=["tacr", "sedia"])

    assert not sched.running
    assert not inspect(sqlite_engine).has_table(scheduler.JOBSTORE_TABLE)  # nothing touched the store yet
    jobs = {job.id: job for job in sched.get_jobs()}
    assert list(jobs) == ["crawl:tacr", "crawl:sedia", "match", "digests", "reminders"]
    for job in jobs.values():
        assert job.func_ref == "scheduler:run_job"
        assert job.coalesce is True
        assert job.max_instances == 1
    assert jobs["crawl:sedia"].kwargs["run_args"] == ["crawl", "sedia"]
    assert jobs["match"].kwargs["run_args"] == ["match"]
    assert jobs["digests"].kwargs["run_args"] == ["weekly"]
    assert jobs["reminders"].kwargs["run_args"] == ["reminders"]
    assert jobs["crawl:tacr"].misfire_grace_time == scheduler.DAY
    assert jobs["digests"].misfire_grace_time == scheduler.WEEK

    saturday_noon = datetime(2026, 11, 21, 12, 0, tzinfo=PRAGUE)

    def next_fire(job_id: str, after: datetime = saturday_noon) -> datetime:
        return jobs[job_id].trigger.get_next_fire_time(None, after)

    assert next_fire("crawl:tacr") == datetime(2026, 11, 22, 5, 0, tzinfo=PRAGUE)
    assert next_fire("crawl:sedia") == datetime(2026, 11, 22, 5, 1, tzinfo=PRAGUE)
    assert next_fire("match") == datetime(2026, 11, 22, 5, 2, tzinfo=PRAGUE)  # after the last crawl
    # Monday 07:00 in Prague, whether Prague is on winter (UTC+1) or summer (UTC+2) time.
    assert next_fire("digests").astimezone(UTC) == datetime(2026, 11, 23, 6, 0, tzinfo=UTC)
    summer = datetime(2026, 7, 1, 12, 0, tzinfo=PRAGUE)  # a Wednesday
    assert next_fire("digests", summer).astimezone(UTC) == datetime(2026, 7, 6, 5, 0, tzinfo=UTC)


def test_digest_day_and_times_come_from_the_config(sqlite_engine: Engine) -> None:
    config = make_config(sqlite_engine, digest_day="thu", digest_time="08:30", crawl_time="23:59")
    jobs = {job.id: job for job in scheduler.build_scheduler(config, sources=["a", "b"]).get_jobs()}
    monday = datetime(2026, 11, 23, 9, 0, tzinfo=PRAGUE)
    assert jobs["digests"].trigger.get_next_fire_time(None, monday) == datetime(2026, 11, 26, 8, 30, tzinfo=PRAGUE)
    # the crawls wrap past midnight and match still follows them
    assert jobs["crawl:b"].trigger.get_next_fire_time(None, monday) == datetime(2026, 11, 24, 0, 0, tzinfo=PRAGUE)
    assert jobs["match"].trigger.get_next_fire_time(None, monday) == datetime(2026, 11, 24, 0, 1, tzinfo=PRAGUE)


def test_reminders_job_runs_daily_at_reminder_time_in_prague(sqlite_engine: Engine) -> None:
    jobs = {job.id: job for job in scheduler.build_scheduler(make_config(sqlite_engine), sources=["a"]).get_jobs()}
    reminders = jobs["reminders"]
    assert reminders.pending  # registered, not started: waiting for the scheduler to start
    assert (reminders.func_ref, reminders.kwargs["run_args"], reminders.name) == (
        "scheduler:run_job",
        ["reminders"],
        "grantradar run reminders",
    )
    assert (reminders.coalesce, reminders.max_instances, reminders.misfire_grace_time) == (True, 1, scheduler.DAY)
    assert scheduler.job_command(["reminders"], None)[3:] == ["run", "reminders", "--wait", "7200"]

    def fires(job_id: str, after: datetime, n: int = 3) -> list[datetime]:
        out, previous = [], None
        for _ in range(n):
            after = jobs[job_id].trigger.get_next_fire_time(previous, after)
            out.append(after)
            previous, after = after, after + timedelta(seconds=1)
        return out

    # Every day at 08:00 Prague time (the default), weekends too, across the switch to summer time.
    saturday = datetime(2026, 3, 28, 9, 0, tzinfo=PRAGUE)
    assert fires("reminders", saturday) == [
        datetime(2026, 3, 29, 8, 0, tzinfo=PRAGUE),
        datetime(2026, 3, 30, 8, 0, tzinfo=PRAGUE),
        datetime(2026, 3, 31, 8, 0, tzinfo=PRAGUE),
    ]
    assert [d.astimezone(UTC).hour for d in fires("reminders", saturday)] == [6, 6, 6]  # UTC+2 from 29 March
    # On a Monday the weekly digests (07:00) come first.
    monday = datetime(2026, 11, 23, 0, 0, tzinfo=PRAGUE)
    assert fires("digests", monday, 1)[0] < fires("reminders", monday, 1)[0]

    other = make_config(sqlite_engine, reminder_time="17:45")
    jobs = {job.id: job for job in scheduler.build_scheduler(other, sources=[]).get_jobs()}
    assert fires("reminders", monday, 1) == [datetime(2026, 11, 23, 17, 45, tzinfo=PRAGUE)]


@pytest.mark.parametrize("key", ["crawl_time", "digest_time", "reminder_time"])
def test_a_bad_time_is_refused(sqlite_engine: Engine, key: str) -> None:
    with pytest.raises(ValueError, match=key):
        scheduler.build_scheduler(make_config(sqlite_engine, **{key: "25:00"}), sources=[])


class Launches:
    """Stands in for the job process: records each command and signals the test."""

    def __init__(self) -> None:
        self.commands: list[list[str]] = []
        self.event = threading.Event()

    def __call__(self, command: Sequence[str]) -> int:
        self.commands.append(list(command))
        self.event.set()
        return 0

    def run_args(self) -> list[list[str]]:
        return [command[command.index("run") + 1 : command.index("--wait")] for command in self.commands]


@pytest.fixture
def launches(monkeypatch: pytest.MonkeyPatch) -> Launches:
    recorder = Launches()
    monkeypatch.setattr(scheduler, "launch", recorder)
    return recorder


def stored_times(engine: Engine) -> dict[str, datetime | None]:
    return scheduler.stored_next_run_times(engine)


def set_stored_time(engine: Engine, job_id: str, when: datetime) -> None:
    table = Table(scheduler.JOBSTORE_TABLE, MetaData(), autoload_with=engine)
    with engine.begin() as conn:
        conn.execute(update(table).where(table.c.id == job_id).values(next_run_time=when.timestamp()))


def test_missed_weekly_run_executes_once_when_the_scheduler_comes_back(engine: Engine, launches: Launches) -> None:
    config = quiet_config(engine)
    first = scheduler.build_scheduler(config, sources=["alpha"], engine=engine)
    scheduler.start_scheduler(first)
    first.shutdown()
    assert launches.commands == []  # nothing was due
    upcoming = stored_times(engine)["digests"]
    assert upcoming is not None and upcoming > datetime.now(UTC)

    # The scheduler was down for three weeks: three Monday runs missed.
    set_stored_time(engine, "digests", upcoming - timedelta(weeks=3))

    second = scheduler.build_scheduler(config, sources=["alpha"], engine=engine)
    scheduler.start_scheduler(second)
    try:
        assert launches.event.wait(15), "the missed weekly run was not made up"
        time.sleep(1.0)  # room for a wrong second or third run to show up
    finally:
        second.shutdown(wait=True)
    assert launches.run_args() == [["weekly"]]
    assert stored_times(engine)["digests"] == upcoming  # back on the regular weekly rhythm


def test_restart_drops_jobs_of_sources_no_longer_enabled(engine: Engine, launches: Launches) -> None:
    config = quiet_config(engine)
    first = scheduler.build_scheduler(config, sources=["alpha", "beta"], engine=engine)
    scheduler.start_scheduler(first)
    first.shutdown()
    assert set(stored_times(engine)) == {"crawl:alpha", "crawl:beta", "match", "digests", "reminders"}
    second = scheduler.build_scheduler(config, sources=["alpha"], engine=engine)
    scheduler.start_scheduler(second)
    second.shutdown()
    assert set(stored_times(engine)) == {"crawl:alpha", "match", "digests", "reminders"}
    assert launches.commands == []


def test_job_command_carries_the_config_path_and_no_secrets(sqlite_engine: Engine, tmp_path: Path) -> None:
    config = make_config(sqlite_engine, smtp_url="smtp://user:hunter2@mail.example.org:587")
    sched = scheduler.build_scheduler(config, config_path="grantradar.toml", sources=["alpha"])
    job = sched.get_jobs()[0]
    assert job.kwargs["config_path"] == os.path.abspath("grantradar.toml")
    assert "hunter2" not in repr(job.kwargs)
    command = scheduler.job_command(job.kwargs["run_args"], job.kwargs["config_path"])
    assert command[:2] == [sys.executable, "-c"]
    assert command[3:] == ["--config", os.path.abspath("grantradar.toml"), "run", "crawl", "alpha", "--wait", "7200"]


# -- whole processes ---------------------------------------------------------------------------------------

# The scheduler process of the tests: the same CLI, with the crawler's command swapped for the fake crawl
# (tests/test_jobs.py) here and in the job processes it starts.
FAKE_ENTRY = (
    "import os, tests.test_jobs as t; "
    "t.install_fakes(os.environ['FAKE_CRAWL_SCRIPT'], os.environ['FAKE_SOURCES'].split(',')); "
    "import scheduler; scheduler.JOB_ENTRY = os.environ['FAKE_ENTRY']; "
    "from grantradar.cli import main; main(prog_name='grantradar')"
)


@pytest.fixture
def schedule_env(engine: Engine, tmp_path: Path) -> Iterator[dict[str, str]]:
    from alembic import command

    from store.db import alembic_config
    from tests.test_jobs import FAKE_CRAWL

    command.stamp(alembic_config(engine), "head")
    script = tmp_path / "fake_crawl.py"
    script.write_text(FAKE_CRAWL)
    (tmp_path / "none.toml").write_text("")
    later = datetime.now(PRAGUE) + timedelta(hours=12)
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "GRANTRADAR_CONFIG": str(tmp_path / "none.toml"),
        "GRANTRADAR_DATABASE_URL": engine.url.render_as_string(hide_password=False),
        "GRANTRADAR_OUTBOX": str(tmp_path / "outbox"),
        "GRANTRADAR_CRAWL_TIME": later.strftime("%H:%M"),
        "GRANTRADAR_DIGEST_TIME": later.strftime("%H:%M"),
        "GRANTRADAR_REMINDER_TIME": later.strftime("%H:%M"),
        "FAKE_CRAWL_SCRIPT": str(script),
        "FAKE_CRAWL_FLAG": str(tmp_path / "paused"),
        "FAKE_CRAWL_GO": str(tmp_path / "go"),
        "FAKE_SOURCES": "alpha",
        "FAKE_ENTRY": FAKE_ENTRY,
    }
    yield env


def start_schedule(env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", FAKE_ENTRY, "schedule"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_for_line(child: subprocess.Popen[str], text: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    assert child.stdout is not None
    while time.monotonic() < deadline:
        line = child.stdout.readline()
        if text in line:
            return
        if not line and child.poll() is not None:
            break
    child.kill()
    out, err = child.communicate()
    pytest.fail(f"never printed {text!r}: {out}\n{err}")


def test_schedule_is_alone_and_stops_cleanly_on_sigterm(engine: Engine, schedule_env: dict[str, str]) -> None:
    child = start_schedule(schedule_env)
    try:
        wait_for_line(child, "scheduler running")
        code, out, err = finish(start_schedule(schedule_env))
        assert code == 1
        assert "another scheduler is running on this database" in err
        assert f":{child.pid}:" in err
    finally:
        child.send_signal(signal.SIGTERM)
    code, out, err = finish(child)
    assert code == 0, err
    assert "scheduler stopped" in out
    assert read_lock(engine, "scheduler") is None
    assert set(scheduler.stored_next_run_times(engine)) == {"crawl:alpha", "match", "digests", "reminders"}


def test_sigterm_stops_the_running_job_which_records_itself_terminated(
    engine: Engine, schedule_env: dict[str, str], launches: Launches
) -> None:
    # Persist the jobs, then make the crawl due as if the scheduler had been down this morning.
    config = make_config(
        engine,
        crawl_time=schedule_env["GRANTRADAR_CRAWL_TIME"],
        digest_time=schedule_env["GRANTRADAR_DIGEST_TIME"],
        reminder_time=schedule_env["GRANTRADAR_REMINDER_TIME"],
    )
    first = scheduler.build_scheduler(config, sources=["alpha"], engine=engine)
    scheduler.start_scheduler(first)
    first.shutdown()
    set_stored_time(engine, "crawl:alpha", datetime.now(UTC) - timedelta(hours=1))

    env = {**schedule_env, "FAKE_CRAWL_PAUSE": "alpha:transaction"}
    child = start_schedule(env)
    wait_for(env["FAKE_CRAWL_FLAG"], child)  # the crawl job's process is mid-transaction
    child.send_signal(signal.SIGTERM)
    code, _out, err = finish(child)
    assert code == 0, err
    with session_scope(engine) as session:
        assert session.scalar(select(func.count()).select_from(JobRun).where(JobRun.status == "running")) == 0
        step = session.scalars(select(JobRun).where(JobRun.job == "crawl:alpha")).one()
        assert (step.status, step.error) == ("failed", "terminated")
    assert read_lock(engine, "scheduler") is None
    assert read_lock(engine, "cycle") is None


def test_a_job_process_that_fails_raises_and_is_recorded(
    engine: Engine, schedule_env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for key, value in schedule_env.items():
        monkeypatch.setenv(key, value)
    monkeypatch.setattr(scheduler, "LOCK_WAIT", 0)
    with DbLock(engine, "cycle", ttl=30), pytest.raises(scheduler.JobProcessFailed, match="exited with code 1"):
        scheduler.run_job(["match"])
    with session_scope(engine) as session:
        row = session.scalars(select(JobRun)).one()
        assert (row.job, row.status) == ("match", "failed") and "not run" in (row.error or "")


def test_schedule_list_prints_the_triggers_and_starts_nothing(
    engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from alembic import command
    from click.testing import CliRunner

    from grantradar import crawl
    from grantradar.cli import main
    from store.db import alembic_config

    command.stamp(alembic_config(engine), "head")
    monkeypatch.setattr(crawl, "available_spiders", lambda: ["alpha", "beta"])
    (tmp_path / "none.toml").write_text("")
    env = {
        "GRANTRADAR_CONFIG": str(tmp_path / "none.toml"),
        "GRANTRADAR_DATABASE_URL": engine.url.render_as_string(hide_password=False),
    }
    result = CliRunner().invoke(main, ["schedule", "--list"], env=env)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "jobs (times in Europe/Prague):"
    assert [line.split()[0] for line in lines[1:]] == ["crawl:alpha", "crawl:beta", "match", "digests", "reminders"]
    assert "hour='5', minute='1'" in lines[2]  # crawl:beta, one minute after crawl:alpha
    assert "day_of_week='mon', hour='7', minute='0'" in lines[4]
    assert scheduler.stored_next_run_times(engine) == {}  # nothing was started or stored
    assert read_lock(engine, "scheduler") is None

    bad = CliRunner().invoke(main, ["schedule", "--list"], env={**env, "GRANTRADAR_CRAWL_TIME": "25:00"})
    assert bad.exit_code == 2 and "crawl_time: expected HH:MM, got '25:00'" in bad.output
