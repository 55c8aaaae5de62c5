"""`grantradar status`: the last runs with their steps, and per-source health with stale sources flagged."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from click.testing import CliRunner
from sqlalchemy import Engine

from grantradar import crawl
from grantradar.cli import main
from grantradar.cli.status import format_duration, last_runs, render, source_health
from store.db import session_scope
from store.models import CrawlRun, JobRun

NOW = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)


def seed(engine: Engine, now: datetime = NOW) -> None:
    """Runs relative to `now`: alpha fine, beta failing, gamma stale, `retired` no longer configured."""
    with session_scope(engine) as session:
        session.add_all(
            [
                CrawlRun(source="alpha", status="ok", items_stored=5, started_at=now - timedelta(hours=1)),
                CrawlRun(source="beta", status="ok", items_stored=7, started_at=now - timedelta(days=4)),
                CrawlRun(
                    source="beta",
                    status="failed",
                    items_stored=0,
                    reason="HTTP 503 on the listing page",
                    started_at=now - timedelta(hours=3),
                ),
                CrawlRun(source="gamma", status="ok", items_stored=2, started_at=now - timedelta(days=3)),
                CrawlRun(source="retired", status="ok", items_stored=1, started_at=now - timedelta(hours=2)),
            ]
        )
        daily = JobRun(
            job="daily",
            status="failed",
            error="failed: crawl:beta",
            started_at=now - timedelta(hours=3),
            finished_at=now - timedelta(hours=3) + timedelta(minutes=4, seconds=5),
        )
        session.add(daily)
        session.flush()
        session.add_all(
            [
                JobRun(
                    job="crawl:beta",
                    parent_id=daily.id,
                    status="failed",
                    error="HTTP 503 on the listing page",
                    started_at=daily.started_at,
                    finished_at=daily.started_at + timedelta(seconds=30),
                ),
                JobRun(
                    job="match",
                    parent_id=daily.id,
                    status="ok",
                    summary={"calls_scored": 12, "matches": 4},
                    started_at=daily.started_at + timedelta(seconds=31),
                    finished_at=daily.started_at + timedelta(seconds=40),
                ),
            ]
        )
        session.add(
            JobRun(job="weekly", status="running", started_at=now - timedelta(minutes=5)),
        )


def test_source_health_flags_failed_and_stale_sources(engine: Engine) -> None:
    seed(engine)
    with session_scope(engine) as session:
        health = {h.source: h for h in source_health(session, ["alpha", "beta", "gamma", "never"], NOW)}

    assert list(health) == ["alpha", "beta", "gamma", "never", "retired"]  # configured or seen, sorted
    assert health["alpha"].healthy and health["alpha"].items == 5
    beta = health["beta"]
    assert (beta.status, beta.reason, beta.stale) == ("failed", "HTTP 503 on the listing page", False)
    assert beta.last_ok == NOW - timedelta(days=4)
    assert not beta.healthy
    assert health["gamma"].status == "ok" and health["gamma"].stale and not health["gamma"].healthy
    assert health["never"].status == "never" and health["never"].stale


def test_last_runs_newest_first_with_their_steps(engine: Engine) -> None:
    seed(engine)
    with session_scope(engine) as session:
        runs = last_runs(session, 10)
        assert [(r.job, r.status) for r in runs] == [("weekly", "running"), ("daily", "failed")]
        assert [(s.job, s.status) for s in runs[1].steps] == [("crawl:beta", "failed"), ("match", "ok")]
        assert [r.job for r in last_runs(session, 1)] == ["weekly"]


def test_render_is_a_readable_table(engine: Engine) -> None:
    seed(engine)
    with session_scope(engine) as session:
        text = render(
            last_runs(session, 10),
            source_health(session, ["alpha", "beta", "gamma", "never"], NOW),
            ZoneInfo("Europe/Prague"),
            NOW,
        )
    lines = text.splitlines()
    assert lines[0] == "Last runs (times Europe/Prague)"
    daily = next(line for line in lines if " daily " in line)
    assert "2026-11-23 06:00" in daily  # 05:00 UTC is 06:00 in Prague
    assert "4m 05s" in daily and "failed: crawl:beta" in daily
    assert any("crawl:beta" in line and "HTTP 503" in line for line in lines)
    assert any(" match " in line and "calls_scored=12 matches=4" in line for line in lines)
    assert any(" weekly " in line and "running" in line for line in lines)
    beta = next(line for line in lines if line.strip().startswith("beta"))
    assert "FAILED" in beta and "HTTP 503" in beta
    gamma = next(line for line in lines if line.strip().startswith("gamma"))
    assert "STALE: last run 3 days ago" in gamma
    never = next(line for line in lines if line.strip().startswith("never"))
    assert "STALE: never crawled" in never
    # columns line up: every source row starts its status column at the same offset
    header = next(line for line in lines if line.strip().startswith("source"))
    offset = header.index("status")
    for name in ("alpha", "beta", "gamma"):
        row = next(line for line in lines if line.strip().startswith(name))
        assert row[offset:].split()[0] in {"ok", "FAILED"}


@pytest.mark.parametrize(("seconds", "text"), [(0.4, "0.4s"), (59.94, "59.9s"), (65, "1m 05s"), (3600 + 120, "1h 02m")])
def test_format_duration(seconds: float, text: str) -> None:
    assert format_duration(NOW, NOW + timedelta(seconds=seconds)) == text
    assert format_duration(NOW, None) == "running"


@pytest.fixture
def cli_env(engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    from alembic import command

    from store.db import alembic_config

    command.stamp(alembic_config(engine), "head")
    (tmp_path / "none.toml").write_text("")
    monkeypatch.setattr(crawl, "available_spiders", lambda: ["alpha", "beta", "gamma"])
    return {
        "GRANTRADAR_CONFIG": str(tmp_path / "none.toml"),
        "GRANTRADAR_DATABASE_URL": engine.url.render_as_string(hide_password=False),
    }


def test_status_command_prints_tables_and_check_fails_on_unhealthy_sources(
    engine: Engine, cli_env: dict[str, str]
) -> None:
    seed(engine, datetime.now(UTC))
    runner = CliRunner()
    result = runner.invoke(main, ["status"], env=cli_env)
    assert result.exit_code == 0, result.output
    assert "Last runs" in result.output and "Sources" in result.output
    assert "HTTP 503" in result.output

    checked = runner.invoke(main, ["status", "--check"], env=cli_env)
    assert checked.exit_code == 1
    assert "unhealthy: beta, gamma" in checked.output  # gamma: last run more than 2 days ago
    assert "last run #" not in checked.output  # the newest run is still running, not failed

    as_json = runner.invoke(main, ["status", "--json", "-n", "1"], env=cli_env)
    payload = json.loads(as_json.output)
    assert [run["job"] for run in payload["runs"]] == ["weekly"]
    assert {s["source"] for s in payload["sources"]} == {"alpha", "beta", "gamma", "retired"}


def test_status_on_an_empty_store(engine: Engine, cli_env: dict[str, str]) -> None:
    result = CliRunner().invoke(main, ["status"], env=cli_env)
    assert result.exit_code == 0
    assert "no runs recorded yet" in result.output
    assert "STALE: never crawled" in result.output
