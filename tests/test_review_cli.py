"""`grantradar users` and `grantradar serve`: accounts from standard input, refusing to serve without a key."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from grantradar.cli import main
from grantradar.cli.users import read_password
from store.db import make_engine, session_scope
from store.models import User


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    environment = {"GRANTRADAR_DATABASE_URL": url, "GRANTRADAR_SECRET_KEY": "", "GRANTRADAR_CONFIG": ""}
    result = CliRunner().invoke(main, ["db", "upgrade"], env=environment)
    assert result.exit_code == 0, result.output
    return environment


def _run(env: dict[str, str], args: list[str], stdin: str = "") -> tuple[int, str]:
    result = CliRunner().invoke(main, args, input=stdin, env=env)
    return result.exit_code, result.output


def test_users_add_reads_the_password_from_stdin_and_hashes_it(env: dict[str, str]) -> None:
    code, out = _run(env, ["users", "add", "Manager@Example.org"], "a long enough secret\n")
    assert (code, out.strip()) == (0, "added manager@example.org")
    engine = make_engine(env["GRANTRADAR_DATABASE_URL"])
    with session_scope(engine) as s:
        user = s.scalars(select(User)).one()
        assert user.email == "manager@example.org"
        assert "a long enough secret" not in user.password_hash
    from review.users import authenticate

    with session_scope(engine) as s:
        assert authenticate(s, "manager@example.org", "a long enough secret") is not None
        assert authenticate(s, "manager@example.org", "a long enough secret\n") is None
    engine.dispose()


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        (["users", "add", "manager@example.org"], "short\n", "at least 10 characters"),
        (["users", "add", "not-an-email"], "a long enough secret\n", "is not an e-mail address"),
        (["users", "add", "manager@example.org"], "", "no password on standard input"),
    ],
)
def test_users_add_bad_input_is_one_line_and_exit_2(
    env: dict[str, str], args: list[str], stdin: str, message: str
) -> None:
    code, out = _run(env, args, stdin)
    assert code == 2
    assert message in out and len(out.strip().splitlines()) == 1


def test_existing_user_needs_reset_flag_and_list_shows_accounts(env: dict[str, str]) -> None:
    assert _run(env, ["users", "list"])[1].startswith("no manager accounts")
    assert _run(env, ["users", "add", "a@example.org"], "first password\n")[0] == 0
    code, out = _run(env, ["users", "add", "a@example.org"], "second password\n")
    assert code == 2 and "already exists" in out
    code, out = _run(env, ["users", "add", "--reset-password", "a@example.org"], "second password\n")
    assert (code, out.strip()) == (0, "password changed for a@example.org")
    code, out = _run(env, ["users", "list"])
    assert code == 0 and out.strip() == "a@example.org\tnever logged in"


def test_read_password_from_a_pipe_keeps_inner_spaces() -> None:
    assert read_password(io.StringIO("  pass word  \r\nignored\n")) == "  pass word  "


def test_serve_refuses_to_start_without_a_secret_key(env: dict[str, str]) -> None:
    code, out = _run(env, ["serve", "--port", "0"])
    assert code == 2
    assert out.startswith("Error: GRANTRADAR_SECRET_KEY is not set") and len(out.strip().splitlines()) == 1
    code, out = _run({**env, "GRANTRADAR_SECRET_KEY": "short"}, ["serve"])
    assert code == 2 and "too short" in out


def test_serve_refuses_an_uninitialised_database(tmp_path: Path) -> None:
    env = {"GRANTRADAR_DATABASE_URL": f"sqlite:///{tmp_path / 'empty.db'}",
           "GRANTRADAR_SECRET_KEY": "k" * 32, "GRANTRADAR_CONFIG": ""}  # fmt: skip
    code, out = _run(env, ["serve", "--port", "0"])
    assert code == 2 and "grantradar db upgrade" in out


def test_serve_on_a_taken_port_is_one_line_and_exit_2(env: dict[str, str]) -> None:
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        code, out = _run({**env, "GRANTRADAR_SECRET_KEY": "s" * 32}, ["serve", "--port", str(port)])
    assert code == 2
    assert out.strip() == f"Error: cannot listen on 127.0.0.1:{port}: Address already in use"


def test_help_texts() -> None:
    for args in (["serve", "--help"], ["users", "--help"], ["users", "add", "--help"]):
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 0 and "Usage:" in result.output
    assert "GRANTRADAR_SECRET_KEY" in CliRunner().invoke(main, ["serve", "--help"]).output


def test_serve_serves_the_login_page(env: dict[str, str]) -> None:
    import os
    import socket
    import subprocess
    import sys
    import time
    import urllib.request

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    environment = {**os.environ, **env, "GRANTRADAR_SECRET_KEY": "s" * 32}
    proc = subprocess.Popen(
        [sys.executable, "-c", "from grantradar.cli import main; main()", "serve", "--port", str(port)],
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        body, deadline = "", time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/login", timeout=2) as response:
                    body = response.read().decode()
                    headers = response.headers
                break
            except OSError:
                if proc.poll() is not None:
                    break
                time.sleep(0.2)
        assert "Log in" in body, "the server did not answer with the login page"
        assert "HttpOnly" in headers["Set-Cookie"]
    finally:
        proc.terminate()
        proc.wait(timeout=10)
