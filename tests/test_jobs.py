"""Unattended runs: planning, recording, a failing source, overlapping runs, SIGTERM mid-run.

Crawls go through the real `grantradar.crawl.run_crawl`, each source a real subprocess; only the command it
starts is swapped for FAKE_CRAWL below, a stand-in for `scrapy crawl` that writes the store the way the
project's pipeline and RunRecorder do (a committed `running` CrawlRun, the records in one transaction, then
the verdict), fails for sources named `broken*`, and can pause at a chosen point so a test can act mid-run.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from grantradar import crawl, jobs
from grantradar.config import Config
from grantradar.jobs import plan, run_cycle
from store.db import session_scope
from store.locks import DbLock, LockHeld, read_lock
from store.models import Call, CrawlRun, JobRun

ROOT = Path(__file__).resolve().parent.parent

FAKE_CRAWL = textwrap.dedent(
    """
    import os, sys, time
    from pathlib import Path
    from store.base import utcnow
    from store.calls import upsert_record
    from store.db import make_engine, session_scope
    from store.models import CrawlRun

    source, url = sys.argv[1], sys.argv[2]
    pause_source, _, pause_phase = os.environ.get("FAKE_CRAWL_PAUSE", "").partition(":")

    def pause(phase):
        if (source, phase) != (pause_source, pause_phase):
            return
        Path(os.environ["FAKE_CRAWL_FLAG"]).write_text(str(os.getpid()))
        go = Path(os.environ["FAKE_CRAWL_GO"])
        deadline = time.monotonic() + 60
        while not go.exists() and time.monotonic() < deadline:
            time.sleep(0.05)

    if source.startswith("broken"):
        print("boom: the source refused the connection", file=sys.stderr)
        sys.exit(1)
    engine = make_engine(url)
    with session_scope(engine) as session:
        run = CrawlRun(source=source, status="running")
        session.add(run)
        session.flush()
        run_id = run.id
    pause("download")
    with session_scope(engine) as session:
        for i in range(3):
            record = {
                "id": f"{source}:{i}", "source": source, "native_id": str(i),
                "url": f"https://{source}.example.org/calls/{i}", "title": f"Call {i} of {source}",
                "description": "", "language": "cs", "funder": "Funder", "programme": None, "call_code": None,
                "status": "open", "opens_at": None, "deadlines": [], "budget_total": None, "grant_min": None,
                "grant_max": None, "funding_rate_max": None, "applicants": [], "eligibility_text": None,
                "region": "CZ", "documents": [], "keywords": [], "fetched_at": utcnow().isoformat(),
            }
            upsert_record(session, record, run_id=run_id)
            session.flush()
            if i == 1:
                pause("transaction")
        run = session.get(CrawlRun, run_id)
        run.status, run.items_stored, run.finished_at = "ok", 3, utcnow()
    """
)


def install_fakes(script: str, sources: list[str], match: str = "real") -> None:
    """Point run_crawl at FAKE_CRAWL for `sources`; with match="slow", the match step is a slow transaction."""
    crawl.available_spiders = lambda: sorted(sources)  # type: ignore[assignment]
    crawl._command = lambda source, config, mirror: [sys.executable, script, source, config.database_url]  # type: ignore[assignment]
    if match == "slow":

        def slow_match(ctx: jobs.StepContext) -> jobs.StepOutcome:
            with session_scope(ctx.engine) as session:
                session.add(CrawlRun(source="probe", status="ok"))
                session.flush()
                Path(os.environ["FAKE_CRAWL_FLAG"]).write_text(str(os.getpid()))
                time.sleep(60)
            return jobs.StepOutcome(True)

        jobs.MATCH_STEP = jobs.Step("match", slow_match)


@pytest.fixture
def fake_crawl(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    script = tmp_path / "fake_crawl.py"
    script.write_text(FAKE_CRAWL)
    monkeypatch.setattr(crawl, "available_spiders", lambda: ["alpha", "broken", "gamma"])
    monkeypatch.setattr(
        crawl, "_command", lambda source, config, mirror: [sys.executable, str(script), source, config.database_url]
    )
    monkeypatch.setenv("PYTHONPATH", str(ROOT))
    yield script


def make_config(engine: Engine, tmp_path: Path, **overrides: object) -> Config:
    url = engine.url.render_as_string(hide_password=False)
    return Config(database_url=url, outbox=str(tmp_path / "outbox"), **overrides)  # type: ignore[arg-type]


def names(steps: list[jobs.Step]) -> list[str]:
    return [step.name for step in steps]


# -- planning ----------------------------------------------------------------------------------------------


def test_daily_crawls_every_enabled_source_then_matches(
    engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(crawl, "available_spiders", lambda: ["alpha", "beta", "gamma"])
    assert names(plan("daily", make_config(engine, tmp_path), engine)) == [
        "crawl:alpha",
        "crawl:beta",
        "crawl:gamma",
        "match",
    ]
    only_beta = make_config(engine, tmp_path, sources=("beta",))
    assert names(plan("daily", only_beta, engine)) == ["crawl:beta", "match"]
    assert names(plan("digests", only_beta, engine)) == ["digests"]
    with pytest.raises(ValueError, match="unknown run kind"):
        plan("hourly", only_beta, engine)


def test_weekly_crawls_only_what_did_not_succeed_today_in_prague(
    engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(crawl, "available_spiders", lambda: ["alpha", "beta", "gamma", "delta"])
    now = datetime(2026, 11, 23, 6, 0, tzinfo=UTC)  # Monday 07:00 in Prague
    with session_scope(engine) as session:
        session.add_all(
            [
                CrawlRun(source="alpha", status="ok", started_at=datetime(2026, 11, 23, 4, 10, tzinfo=UTC)),
                CrawlRun(source="beta", status="failed", started_at=datetime(2026, 11, 23, 4, 11, tzinfo=UTC)),
                # 23:30 on Sunday in Prague: yesterday there, so gamma is crawled again
                CrawlRun(source="gamma", status="ok", started_at=datetime(2026, 11, 22, 22, 30, tzinfo=UTC)),
                # 00:30 on Monday in Prague although still Sunday in UTC: today, not crawled again
                CrawlRun(source="delta", status="ok", started_at=datetime(2026, 11, 22, 23, 30, tzinfo=UTC)),
            ]
        )
    steps = plan("weekly", make_config(engine, tmp_path), engine, now=now)
    assert names(steps) == ["crawl:beta", "crawl:gamma", "match", "digests"]


# -- recording and failures --------------------------------------------------------------------------------


def test_failing_source_does_not_stop_the_others_and_is_recorded(
    engine: Engine, tmp_path: Path, fake_crawl: Path
) -> None:
    result = run_cycle(make_config(engine, tmp_path), "crawl", engine=engine)

    assert [(step.name, step.status) for step in result.steps] == [
        ("crawl:alpha", "ok"),
        ("crawl:broken", "failed"),
        ("crawl:gamma", "ok"),  # ran after the failure
    ]
    assert result.status == "failed" and result.exit_code == 1
    assert "exited with code 1" in (result.steps[1].error or "")
    assert "refused the connection" in (result.steps[1].error or "")
    with session_scope(engine) as session:
        parent = session.get(JobRun, result.run_id)
        assert parent is not None
        assert (parent.job, parent.status, parent.error) == ("crawl", "failed", "failed: crawl:broken")
        assert parent.finished_at is not None
        assert parent.summary["steps"] == {"crawl:alpha": "ok", "crawl:broken": "failed", "crawl:gamma": "ok"}
        steps = session.scalars(select(JobRun).where(JobRun.parent_id == parent.id).order_by(JobRun.id)).all()
        assert [(s.job, s.status) for s in steps] == [
            ("crawl:alpha", "ok"),
            ("crawl:broken", "failed"),
            ("crawl:gamma", "ok"),
        ]
        assert steps[0].summary["items"] == 3
        assert all(s.finished_at is not None for s in steps)
        broken_run = session.scalars(select(CrawlRun).where(CrawlRun.source == "broken")).one()
        assert broken_run.status == "failed"
        stored = session.scalars(select(Call.source).order_by(Call.id)).all()
        assert stored == ["alpha"] * 3 + ["gamma"] * 3
    assert read_lock(engine, jobs.CYCLE_LOCK) is None


def test_run_is_refused_and_recorded_while_another_holds_the_lock(engine: Engine, tmp_path: Path) -> None:
    holder = DbLock(engine, jobs.CYCLE_LOCK, ttl=30)
    holder.acquire()
    try:
        with pytest.raises(LockHeld) as caught:
            run_cycle(make_config(engine, tmp_path, sources=("alpha",)), "match", engine=engine)
    finally:
        holder.release()
    assert caught.value.holder == holder.holder
    with session_scope(engine) as session:
        row = session.scalars(select(JobRun)).one()
        assert (row.job, row.status) == ("match", "failed")
        assert holder.holder in (row.error or "")


def test_runs_left_running_by_a_dead_process_are_closed(engine: Engine, tmp_path: Path, fake_crawl: Path) -> None:
    with session_scope(engine) as session:
        session.add(JobRun(job="daily", status="running", started_at=datetime.now(UTC) - timedelta(hours=3)))
    result = run_cycle(make_config(engine, tmp_path), "crawl", engine=engine, sources=["alpha"])
    assert result.status == "ok"
    with session_scope(engine) as session:
        old = session.scalars(select(JobRun).where(JobRun.job == "daily")).one()
        assert old.status == "failed" and "abandoned" in (old.error or "")
        assert session.scalar(select(func.count()).select_from(JobRun).where(JobRun.status == "running")) == 0


# -- whole processes ---------------------------------------------------------------------------------------

CLI = textwrap.dedent(
    """
    import sys
    import tests.test_jobs as t
    t.install_fakes(sys.argv.pop(1), sys.argv.pop(1).split(","), match=sys.argv.pop(1))
    from grantradar.cli import main
    main(prog_name="grantradar")
    """
)


@pytest.fixture
def cli_store(engine: Engine, tmp_path: Path) -> Iterator[dict[str, str]]:
    """The environment of a `grantradar` process on this test's store (stamped as migrated)."""
    from alembic import command

    from store.db import alembic_config

    command.stamp(alembic_config(engine), "head")
    script = tmp_path / "fake_crawl.py"
    script.write_text(FAKE_CRAWL)
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "GRANTRADAR_DATABASE_URL": engine.url.render_as_string(hide_password=False),
        "GRANTRADAR_OUTBOX": str(tmp_path / "outbox"),
        "GRANTRADAR_CONFIG": str(tmp_path / "none.toml"),
        "GRANTRADAR_SECRET_KEY": "test-secret-for-signed-links",
        "FAKE_CRAWL_SCRIPT": str(script),
        "FAKE_CRAWL_FLAG": str(tmp_path / "paused"),
        "FAKE_CRAWL_GO": str(tmp_path / "go"),
    }
    (tmp_path / "none.toml").write_text("")
    env.pop("GRANTRADAR_SMTP_URL", None)
    yield env


def start_cli(env: dict[str, str], sources: str, *args: str, match: str = "real") -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", CLI, env["FAKE_CRAWL_SCRIPT"], sources, match, *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_for(path: str, child: subprocess.Popen[str], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not Path(path).exists():
        if child.poll() is not None:
            out, err = child.communicate()
            pytest.fail(f"the run ended before pausing (code {child.returncode}): {out}\n{err}")
        if time.monotonic() > deadline:
            child.kill()
            pytest.fail("the run never reached its pause point")
        time.sleep(0.05)


def finish(child: subprocess.Popen[str], timeout: float = 120) -> tuple[int, str, str]:
    try:
        out, err = child.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        child.kill()
        out, err = child.communicate()
        pytest.fail(f"the run did not finish: {out}\n{err}")
    return child.returncode, out, err


def test_two_overlapping_weekly_runs_one_runs_the_other_exits_1(engine: Engine, cli_store: dict[str, str]) -> None:
    env = {**cli_store, "FAKE_CRAWL_PAUSE": "alpha:download"}
    first = start_cli(env, "alpha,gamma", "run", "weekly")
    try:
        wait_for(env["FAKE_CRAWL_FLAG"], first)
        second = start_cli(env, "alpha,gamma", "run", "weekly")
        code, _out, err = finish(second)
        assert code == 1
        assert "weekly run not started: another run is in progress" in err
        assert f":{first.pid}:" in err  # the holder is named: host:pid:token
        assert "since" in err
        assert "Traceback" not in err
    finally:
        Path(env["FAKE_CRAWL_GO"]).touch()
    code, _out, err = finish(first)
    assert code == 0, err
    with session_scope(engine) as session:
        runs = session.scalars(select(JobRun).where(JobRun.parent_id.is_(None)).order_by(JobRun.id)).all()
        assert [(r.job, r.status) for r in runs] == [("weekly", "ok"), ("weekly", "failed")]
        assert "not run" in (runs[1].error or "")
        steps = session.scalars(select(JobRun.job).where(JobRun.parent_id == runs[0].id).order_by(JobRun.id))
        assert list(steps) == ["crawl:alpha", "crawl:gamma", "match", "digests"]


def assert_consistent_after_termination(engine: Engine, step: str) -> None:
    with session_scope(engine) as session:
        assert session.scalar(select(func.count()).select_from(JobRun).where(JobRun.status == "running")) == 0
        parent = session.scalars(select(JobRun).where(JobRun.parent_id.is_(None))).one()
        assert (parent.status, parent.error) == ("failed", "terminated")
        interrupted = session.scalars(select(JobRun).where(JobRun.job == step)).one()
        assert (interrupted.status, interrupted.error) == ("failed", "terminated")
        assert session.scalar(select(func.count()).select_from(CrawlRun).where(CrawlRun.status == "running")) == 0
    assert read_lock(engine, jobs.CYCLE_LOCK) is None


def test_sigterm_during_a_crawl_rolls_back_and_the_next_run_completes(
    engine: Engine, cli_store: dict[str, str]
) -> None:
    env = {**cli_store, "FAKE_CRAWL_PAUSE": "alpha:transaction"}
    child = start_cli(env, "alpha,gamma", "run", "crawl")
    wait_for(env["FAKE_CRAWL_FLAG"], child)  # alpha has written two calls, uncommitted
    child.send_signal(signal.SIGTERM)
    code, _out, err = finish(child)
    assert code == 1
    assert "crawl run terminated (SIGTERM)" in err
    assert "Traceback" not in err

    assert_consistent_after_termination(engine, "crawl:alpha")
    with session_scope(engine) as session:
        assert session.scalar(select(func.count()).select_from(Call)) == 0  # the half batch never landed
        alpha = session.scalars(select(CrawlRun).where(CrawlRun.source == "alpha")).one()
        assert alpha.status == "failed"  # the fake crawl got the forwarded SIGTERM
        assert session.scalars(select(JobRun).where(JobRun.job == "crawl:gamma")).first() is None

    env.pop("FAKE_CRAWL_PAUSE")
    code, _out, err = finish(start_cli(env, "alpha,gamma", "run", "crawl"))
    assert code == 0, err
    with session_scope(engine) as session:
        assert session.scalar(select(func.count()).select_from(Call)) == 6
        last = session.scalars(select(JobRun).where(JobRun.parent_id.is_(None)).order_by(JobRun.id.desc())).first()
        assert last is not None and last.status == "ok"


def test_sigterm_during_an_in_process_step_rolls_back_its_transaction(
    engine: Engine, cli_store: dict[str, str]
) -> None:
    child = start_cli(cli_store, "alpha", "run", "daily", match="slow")
    wait_for(cli_store["FAKE_CRAWL_FLAG"], child)  # crawl done, the match step is inside its transaction
    child.send_signal(signal.SIGTERM)
    code, _out, err = finish(child)
    assert code == 1 and "daily run terminated (SIGTERM)" in err

    assert_consistent_after_termination(engine, "match")
    with session_scope(engine) as session:
        assert session.scalars(select(CrawlRun).where(CrawlRun.source == "probe")).first() is None
        crawl_step = session.scalars(select(JobRun).where(JobRun.job == "crawl:alpha")).one()
        assert crawl_step.status == "ok"  # finished work stays recorded
        assert session.scalar(select(func.count()).select_from(Call)) == 3


def test_run_command_prints_each_step_and_refuses_bad_usage_with_code_2(
    engine: Engine, cli_store: dict[str, str], fake_crawl: Path
) -> None:
    from click.testing import CliRunner

    from grantradar.cli import main

    runner = CliRunner()
    result = runner.invoke(main, ["run", "crawl", "alpha", "broken"], env=cli_store)
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0].startswith("crawl:alpha") and " ok " in lines[0] and "items=3" in lines[0]
    assert lines[1].startswith("crawl:broken") and " failed " in lines[1]
    assert "finished with failures: failed: crawl:broken" in result.output

    unknown = runner.invoke(main, ["run", "crawl", "nosuch"], env=cli_store)
    assert unknown.exit_code == 2 and "unknown source(s) nosuch" in unknown.output
    misplaced = runner.invoke(main, ["run", "match", "alpha"], env=cli_store)
    assert misplaced.exit_code == 2 and "takes no sources" in misplaced.output
    with session_scope(engine) as session:  # bad usage never reaches the store
        assert session.scalar(select(func.count()).select_from(JobRun).where(JobRun.parent_id.is_(None))) == 1


@pytest.mark.parametrize(
    ("step", "service_function", "noun"),
    [
        (jobs.DIGESTS_STEP, "run_digests", "digest"),
        (jobs.REMINDERS_STEP, "run_reminders", "reminder"),
    ],
)
def test_delivery_steps_use_smtp_only_when_configured_and_fail_on_undelivered_mail(
    engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, step: jobs.Step, service_function: str, noun: str
) -> None:
    import digests.service

    calls: list[dict[str, object]] = []

    class Summary:
        def __init__(self, failed: int) -> None:
            self.failed = failed

        def as_dict(self) -> dict[str, object]:
            return {"sent": 5, "failed": self.failed}

    def fake(engine_: Engine, config: Config, **kwargs: object) -> Summary:
        calls.append(kwargs)
        return Summary(failed=2 if config.smtp_configured else 0)

    monkeypatch.setattr(digests.service, service_function, fake)
    now = datetime(2026, 11, 23, 6, 0, tzinfo=UTC)
    outbox_only = step.action(jobs.StepContext(make_config(engine, tmp_path), engine, now))
    assert (outbox_only.ok, outbox_only.error) == (True, None)
    assert outbox_only.summary == {"delivery": "outbox", "sent": 5, "failed": 0}
    assert calls[-1] == {"send": False, "outbox": str(tmp_path / "outbox"), "now": now}

    smtp = make_config(engine, tmp_path, smtp_url="smtp://mail.invalid:25")
    failing = step.action(jobs.StepContext(smtp, engine, now))
    assert (failing.ok, failing.error) == (False, f"2 {noun}(s) could not be delivered")
    assert failing.summary == {"delivery": "smtp", "sent": 5, "failed": 2}
    assert calls[-1]["send"] is True
