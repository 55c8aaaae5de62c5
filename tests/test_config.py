"""Configuration: file, environment overrides, secrets refused in files, clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from grantradar.config import Config, ConfigError, load_config


def test_defaults_without_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    config = load_config(env={})
    assert config == Config()
    assert config.database_url == "sqlite:///var/grantradar.db"
    assert config.outbox == "var/outbox"
    assert config.smtp_url is None


def test_file_then_environment(tmp_path: Path) -> None:
    path = tmp_path / "g.toml"
    path.write_text(
        'database_url = "sqlite:///x.db"\nreview_required = false\nsources = ["tacr", "sedia"]\n'
        "match_threshold = 0.4\nolkraj_year = 2027\n"
    )
    config = load_config(path, env={"GRANTRADAR_DATABASE_URL": "postgresql://db/x", "GRANTRADAR_SOURCES": "jmk"})
    assert config.database_url == "postgresql://db/x"
    assert config.review_required is False
    assert config.sources == ("jmk",)
    assert config.match_threshold == 0.4 and config.olkraj_year == 2027


def test_grantradar_table_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "g.toml"
    path.write_text('[grantradar]\noutbox = "mail"\n')
    assert load_config(path, env={}).outbox == "mail"


def test_config_path_from_environment(tmp_path: Path) -> None:
    path = tmp_path / "g.toml"
    path.write_text('outbox = "from-env-file"\n')
    assert load_config(env={"GRANTRADAR_CONFIG": str(path)}).outbox == "from-env-file"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('smtp_url = "smtp://u:p@h"\n', "secret"),
        ('secret_key = "x"\n', "secret"),
        ("review_required = 'maybe'\n", "true or false"),
        ("olkraj_year = 'next'\n", "integer"),
        ("database_url = [\n", "not valid TOML"),
        ('databse_url = "sqlite:///x.db"\n', "unknown key 'databse_url'"),
    ],
)
def test_bad_files(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "g.toml"
    path.write_text(text)
    with pytest.raises(ConfigError, match=message):
        load_config(path, env={})


def test_explicit_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="does not exist"):
        load_config(tmp_path / "none.toml", env={})


def test_secrets_from_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    config = load_config(env={"GRANTRADAR_SMTP_URL": "smtp://u:p@h:25", "GRANTRADAR_SECRET_KEY": "k"})
    assert config.smtp_url == "smtp://u:p@h:25" and config.secret_key == "k" and config.smtp_configured
