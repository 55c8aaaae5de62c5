"""Configuration: `grantradar.toml`, every key overridable by a `GRANTRADAR_*` environment variable.

Secrets (SMTP password, the signing key) come from the environment only; a value for them found in the file is
refused, so a config file can be committed or shared without leaking anything.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

DEFAULT_CONFIG_FILE = "grantradar.toml"
ENV_PREFIX = "GRANTRADAR_"
SECRET_KEYS = frozenset({"smtp_url", "secret_key"})


class ConfigError(ValueError):
    """The configuration cannot be used; the message says which key and why."""


@dataclass(frozen=True)
class Config:
    database_url: str = "sqlite:///var/grantradar.db"
    smtp_url: str | None = None
    outbox: str = "var/outbox"
    mirror_url: str | None = None
    secret_key: str | None = None
    # Where members' links point (unsubscribe, feedback, feeds): the review app's public address.
    base_url: str = "http://127.0.0.1:8000"
    mail_from: str = "COC grantradar <grantradar@example.org>"
    manager_email: str = "manager@example.org"
    contact_email: str = "grantradar@example.org"
    timezone: str = "Europe/Prague"
    review_required: bool = True
    match_threshold: float = 0.25
    sources: tuple[str, ...] = ()
    pillars_file: str | None = None
    olkraj_year: int = 2026
    feeds: tuple[str, ...] = (
        "https://tacr.gov.cz/kategorie/aktuality/feed/",
        "https://tacr.gov.cz/kategorie/verejne-souteze/feed/",
        "https://www.esfcr.cz/prehled-vyzev-opz-plus/-/asset_publisher/SfUza2tXdZGm/rss",
    )
    sedia_programmes: tuple[str, ...] = ("HORIZON", "DIGITAL", "EDF", "SMP", "I3", "LIFE")
    digest_day: str = "mon"
    digest_time: str = "07:00"
    # Digests (digests/): SMTP retries of one message with exponential backoff (backoff, 2×, 4× ... seconds),
    # and the language of the pillar guarantors' and the manager's digests.
    smtp_retries: int = 4
    smtp_backoff: float = 2.0
    staff_language: str = "cs"
    # When the scheduler starts the daily crawls (local time in `timezone`); match follows them.
    crawl_time: str = "05:00"
    # Closing-soon reminders (their own daily email, kind "reminder"): a call told earlier is reminded once per
    # deadline when that deadline is at most `reminder_days` calendar days away; the scheduler runs them daily.
    reminder_days: int = 3
    reminder_time: str = "08:00"
    # Member digests show full cards for at most this many new calls (the best-scoring ones); the rest of the new
    # calls follow as one line each, so a first digest with twenty matches stays readable (PRODUCT.md: "fewer,
    # better emails"). 0: every new call as a line.
    digest_max_cards: int = 8

    @property
    def smtp_configured(self) -> bool:
        return bool(self.smtp_url)


def _coerce(name: str, raw: Any, target: Any) -> Any:
    """Turn a TOML or environment value into the type of the dataclass default."""
    if isinstance(target, bool):
        if isinstance(raw, bool):
            return raw
        text = str(raw).strip().lower()
        if text in {"1", "true", "yes", "on"}:
            return True
        if text in {"0", "false", "no", "off"}:
            return False
        raise ConfigError(f"{name}: expected true or false, got {raw!r}")
    if isinstance(target, int) and not isinstance(target, bool):
        try:
            return int(raw)
        except (TypeError, ValueError):
            raise ConfigError(f"{name}: expected an integer, got {raw!r}") from None
    if isinstance(target, float):
        try:
            return float(raw)
        except (TypeError, ValueError):
            raise ConfigError(f"{name}: expected a number, got {raw!r}") from None
    if isinstance(target, tuple):
        if isinstance(raw, str):
            return tuple(part.strip() for part in raw.split(",") if part.strip())
        if isinstance(raw, list):
            return tuple(str(part) for part in raw)
        raise ConfigError(f"{name}: expected a list, got {raw!r}")
    return None if raw is None else str(raw)


def load_config(path: str | os.PathLike[str] | None = None, env: dict[str, str] | None = None) -> Config:
    """Read the config file (if any) and apply environment overrides.

    The file is `path`, else `$GRANTRADAR_CONFIG`, else `./grantradar.toml` when it exists. An explicitly named
    file that does not exist is an error; the implicit default is optional.
    """
    env = dict(os.environ if env is None else env)
    explicit = path or env.get(ENV_PREFIX + "CONFIG")
    file_path = Path(explicit) if explicit else Path(DEFAULT_CONFIG_FILE)
    data: dict[str, Any] = {}
    if file_path.exists():
        try:
            data = tomllib.loads(file_path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{file_path}: not valid TOML: {exc}") from None
        except UnicodeDecodeError as exc:
            raise ConfigError(f"{file_path}: not UTF-8 ({exc.reason} at byte {exc.start})") from None
        except OSError as exc:
            raise ConfigError(f"{file_path}: cannot read: {exc.strerror or exc}") from None
        data = data.get("grantradar", data)
    elif explicit:
        raise ConfigError(f"config file {file_path} does not exist")

    known = {f.name: f for f in fields(Config)}
    defaults = Config()
    values: dict[str, Any] = {}
    for key, raw in data.items():
        if key in SECRET_KEYS:
            raise ConfigError(f"{file_path}: {key} is a secret; set {ENV_PREFIX}{key.upper()} in the environment")
        if key in known:
            values[key] = _coerce(key, raw, getattr(defaults, key))
        else:
            # A misspelt key silently ignored is a setting that never applies: refuse it.
            raise ConfigError(f"{file_path}: unknown key {key!r} (known: {', '.join(sorted(known))})")
    for key in known:
        env_value = env.get(ENV_PREFIX + key.upper())
        if env_value is not None and env_value != "":
            values[key] = _coerce(ENV_PREFIX + key.upper(), env_value, getattr(defaults, key))
    return Config(**values)
