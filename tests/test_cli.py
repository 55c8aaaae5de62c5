"""The console script: every command of CONTRACTS.md §8 exists and has help; errors are one line with the
contract's exit codes."""

from __future__ import annotations

from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from grantradar.cli import COMMAND_MODULES, main

CONTRACT_COMMANDS = [
    ["db", "upgrade"],
    ["crawl"],
    ["match"],
    ["digest"],
    ["score"],
    ["members", "import"],
    ["members", "export"],
    ["mirror", "serve"],
    ["demo"],
    ["run", "daily"],
    ["run", "weekly"],
    ["schedule"],
    ["status"],
    ["serve"],
    ["users", "add"],
]


def test_every_command_module_is_registered() -> None:
    assert sorted(main.commands) == sorted(COMMAND_MODULES)


@pytest.mark.parametrize("path", CONTRACT_COMMANDS, ids=" ".join)
def test_command_has_help(path: list[str]) -> None:
    result = CliRunner().invoke(main, [*path, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage: main " + " ".join(path) in result.output or "Usage: " in result.output
    # A real description, not just the usage line.
    assert len(result.output.strip().splitlines()) >= 3


def walk(group: click.Group, prefix: list[str]) -> list[list[str]]:
    paths = []
    for name, cmd in group.commands.items():
        paths.append([*prefix, name])
        if isinstance(cmd, click.Group):
            paths.extend(walk(cmd, [*prefix, name]))
    return paths


def test_every_command_has_a_docstring() -> None:
    for path in walk(main, []):
        cmd: click.Command = main
        for part in path:
            cmd = cmd.commands[part]  # type: ignore[attr-defined]
        assert cmd.help and cmd.help.strip(), f"`grantradar {' '.join(path)}` has no help text"


def env(tmp_path: Path) -> dict[str, str]:
    return {"GRANTRADAR_DATABASE_URL": f"sqlite:///{tmp_path / 'g.db'}", "GRANTRADAR_CONFIG": ""}


def test_unknown_command_is_usage_error() -> None:
    result = CliRunner().invoke(main, ["frobnicate"])
    assert result.exit_code == 2


def test_database_not_upgraded_is_one_clear_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["members", "export"], env=env(tmp_path))
    assert result.exit_code == 2
    assert "run `grantradar db upgrade`" in result.output


def test_bad_config_file_is_exit_2(tmp_path: Path) -> None:
    bad = tmp_path / "g.toml"
    bad.write_text("outbox = [\n")
    result = CliRunner().invoke(main, ["--config", str(bad), "members", "export"])
    assert result.exit_code == 2 and "not valid TOML" in result.output


def test_db_upgrade_then_members_round_trip(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    result = runner.invoke(main, ["db", "upgrade"], env=env(tmp_path))
    assert result.exit_code == 0, result.output
    members = tmp_path / "m.csv"
    members.write_text("name,email,description,pillars\nLaser a.s.,a@laser.example.cz,Lasery,lasers\n")
    result = runner.invoke(main, ["members", "import", str(members)], env=env(tmp_path))
    assert result.exit_code == 0 and "1 added" in result.output
    result = runner.invoke(main, ["members", "export"], env=env(tmp_path))
    assert result.exit_code == 0 and "a@laser.example.cz" in result.output


def test_bad_members_file_rejected_with_lines(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    runner.invoke(main, ["db", "upgrade"], env=env(tmp_path))
    members = tmp_path / "m.csv"
    members.write_text("name,email,description\nA,a@b.cz,x\nB,broken,y\n")
    result = runner.invoke(main, ["members", "import", str(members)], env=env(tmp_path))
    assert result.exit_code == 2
    assert "m.csv:3: email 'broken' is not an e-mail address" in result.output
    assert "nothing imported" in result.output
    result = runner.invoke(main, ["members", "export"], env=env(tmp_path))
    assert "a@b.cz" not in result.output


def test_crawl_unknown_source_is_exit_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["crawl", "nosuchsource"], env=env(tmp_path))
    assert result.exit_code == 2 and "unknown source(s) nosuchsource" in result.output


@pytest.mark.parametrize("how", ["option", "env"])
def test_crawl_bad_mirror_url_is_exit_2_and_records_nothing(tmp_path: Path, how: str) -> None:
    environment = env(tmp_path)
    args = ["crawl", "tacr"]
    if how == "option":
        args += ["--mirror", "notaurl"]
    else:
        environment["GRANTRADAR_MIRROR_URL"] = "ftp://127.0.0.1/"
    assert CliRunner().invoke(main, ["db", "upgrade"], env=environment).exit_code == 0
    result = CliRunner().invoke(main, args, env=environment)
    assert result.exit_code == 2
    assert result.output.startswith("Error: mirror URL must be an http(s) URL") and result.output.count("\n") == 1
    from sqlalchemy import func, select

    from store.db import make_engine
    from store.models import CrawlRun

    with make_engine(environment["GRANTRADAR_DATABASE_URL"]).connect() as conn:
        assert conn.scalar(select(func.count()).select_from(CrawlRun)) == 0


def test_config_file_not_utf8_is_one_line_and_exit_2(tmp_path: Path) -> None:
    bad = tmp_path / "g.toml"
    bad.write_bytes(b'outbox = "\xff\xfe"\n')
    result = CliRunner().invoke(main, ["--config", str(bad), "status"])
    assert result.exit_code == 2
    assert result.output == f"Error: {bad}: not UTF-8 (invalid start byte at byte 10)\n"


def test_unreachable_postgresql_is_one_line_without_sqlalchemy_noise(tmp_path: Path) -> None:
    environment = {**env(tmp_path), "GRANTRADAR_DATABASE_URL": "postgresql://u:secret@127.0.0.1:1/db"}
    result = CliRunner().invoke(main, ["status"], env=environment)
    assert result.exit_code == 1
    assert result.output.startswith("Error: database postgresql+psycopg://u:***@127.0.0.1:1/db is not usable: ")
    assert result.output.count("\n") == 1 and "sqlalche.me" not in result.output and "secret" not in result.output


@pytest.mark.parametrize("command", [["crawl", "tacr"], ["match"]])
def test_hand_started_jobs_respect_the_run_lock(command: list[str], tmp_path: Path, monkeypatch) -> None:
    from grantradar.jobs import CYCLE_LOCK
    from store.db import make_engine
    from store.locks import DbLock

    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    assert runner.invoke(main, ["db", "upgrade"], env=env(tmp_path)).exit_code == 0
    engine = make_engine(env(tmp_path)["GRANTRADAR_DATABASE_URL"])
    with DbLock(engine, CYCLE_LOCK, holder="cron-host:4242:abc"):
        result = runner.invoke(main, command, env=env(tmp_path))
    engine.dispose()
    assert result.exit_code == 1
    assert f"{command[0]} not started" in result.output and "cron-host:4242:abc" in result.output
