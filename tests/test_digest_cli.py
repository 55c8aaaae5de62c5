"""`grantradar digest` and `grantradar digest preview` from the command line."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command as alembic_command
from click.testing import CliRunner
from freezegun import freeze_time

from digests.samples import SCENARIO_NOW, add_call, add_match, add_member
from grantradar.cli import main
from store.base import Base
from store.db import alembic_config, make_engine, session_scope


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    """A store with one member and one approved match, marked as migrated (tables from the models)."""
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    engine = make_engine(url)
    Base.metadata.create_all(engine)
    alembic_command.stamp(alembic_config(engine), "head")
    with session_scope(engine) as s:
        member = add_member(s, "Meopta", "info@meopta.example.cz")
        call = add_call(s, "tacr:C1", "Laserové svařování", now=SCENARIO_NOW, deadlines=["2026-03-27T23:59:59+01:00"])
        s.flush()
        add_match(s, call, member, pillars=["lasers"])
    engine.dispose()
    (tmp_path / "none.toml").write_text("", encoding="utf-8")
    return {
        "GRANTRADAR_CONFIG": str(tmp_path / "none.toml"),
        "GRANTRADAR_DATABASE_URL": url,
        "GRANTRADAR_SECRET_KEY": "cli-secret",
        "GRANTRADAR_OUTBOX": str(tmp_path / "outbox"),
        "GRANTRADAR_SMTP_URL": "",
    }


def run(env: dict[str, str], *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), env=env, catch_exceptions=False)
    return result.exit_code, result.output


def test_digest_writes_the_outbox_and_prints_counts(env: dict[str, str], tmp_path: Path) -> None:
    with freeze_time(SCENARIO_NOW):
        code, out = run(env, "digest")
        assert code == 0, out
        assert out.startswith("week 2026-W10: 2 written, 0 sent, 0 failed, 0 already done")
        files = sorted(p.name for p in (tmp_path / "outbox").glob("*.eml"))
        assert [f.rsplit("-", 1)[0] for f in files] == [
            "2026-W10-manager-manager-example-org",
            "2026-W10-member-info-meopta-example-cz",
        ]
        assert (tmp_path / "outbox" / "feeds").is_dir()
        code, out = run(env, "digest", "--outbox", str(tmp_path / "outbox"))
        assert code == 0 and "0 written" in out and "2 already done" in out
        assert sorted(p.name for p in (tmp_path / "outbox").glob("*.eml")) == files


def test_send_without_smtp_url_is_a_usage_error(env: dict[str, str]) -> None:
    code, out = run(env, "digest", "--send")
    assert code == 2 and "GRANTRADAR_SMTP_URL" in out


def test_preview_by_email_and_by_id(env: dict[str, str], tmp_path: Path) -> None:
    target = tmp_path / "p" / "preview.html"
    with freeze_time(SCENARIO_NOW):
        code, out = run(env, "digest", "preview", "INFO@meopta.example.cz", "--output", str(target))
        assert code == 0, out
        html = target.read_text(encoding="utf-8")
        assert "Laserové svařování" in html and "Nové výzvy (1)" in html
        code, _ = run(env, "digest", "preview", "1", "-o", str(tmp_path / "by-id.html"))
        assert code == 0 and (tmp_path / "by-id.html").read_text(encoding="utf-8") == html
    # A preview records nothing: the real run still composes the digest.
    with freeze_time(SCENARIO_NOW):
        assert "2 written" in run(env, "digest")[1]


def test_preview_of_unknown_member(env: dict[str, str]) -> None:
    code, out = run(env, "digest", "preview", "nobody@example.cz")
    assert code == 2 and "no member 'nobody@example.cz'" in out


def test_help_texts() -> None:
    runner = CliRunner()
    assert "--send" in runner.invoke(main, ["digest", "--help"]).output
    assert "MEMBER" in runner.invoke(main, ["digest", "preview", "--help"]).output


def test_preview_default_file_is_the_one_the_help_names(
    env: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    help_text = " ".join(CliRunner().invoke(main, ["digest", "preview", "--help"]).output.split())
    assert "MEMBER.html" not in help_text
    assert "digest-preview-<member id>.html" in help_text and "Missing folders are created" in help_text
    monkeypatch.chdir(tmp_path)
    with freeze_time(SCENARIO_NOW):
        code, out = run(env, "digest", "preview", "info@meopta.example.cz")
    assert code == 0, out
    written = tmp_path / "digest-preview-1.html"
    assert "Laserové svařování" in written.read_text(encoding="utf-8")
    assert str(written.name) in out
