"""What every command shares: the configuration, the store, one-line errors with the contract's exit codes."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import click
from sqlalchemy import Engine

from grantradar.config import Config, ConfigError, load_config


class UserError(click.ClickException):
    """Bad usage or bad input: one clear line on stderr, exit code 2 (CONTRACTS.md §8)."""

    exit_code = 2


class JobFailed(click.ClickException):
    """The job ran and something failed (reported): exit code 1."""

    exit_code = 1


@dataclass
class AppContext:
    config_path: str | None = None
    _config: Config | None = None
    _engine: Engine | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def config(self) -> Config:
        if self._config is None:
            try:
                self._config = load_config(self.config_path)
            except ConfigError as exc:
                raise UserError(str(exc)) from None
        return self._config

    def engine(self, migrate: bool = False) -> Engine:
        """The store's engine. With `migrate`, bring the schema to head; else insist it is already there."""
        if self._engine is None:
            from store.db import is_up_to_date, make_engine, upgrade

            try:
                engine = make_engine(self.config.database_url)
            except Exception as exc:  # a malformed URL or a missing driver
                raise UserError(f"cannot use database {self.config.database_url!r}: {exc}") from None
            try:
                if migrate:
                    upgrade(engine)
                elif not is_up_to_date(engine):
                    raise UserError("the database is not initialised or not up to date: run `grantradar db upgrade`")
            except UserError:
                raise
            except Exception as exc:
                raise JobFailed(f"database {engine.url.render_as_string()} is not usable: {_one_line(exc)}") from None
            self._engine = engine
        return self._engine


def _one_line(exc: Exception) -> str:
    """The driver's own message on one line, without SQLAlchemy's SQL echo and "Background on this error" link."""
    from sqlalchemy.exc import DBAPIError

    message = str(exc.orig) if isinstance(exc, DBAPIError) else str(exc)
    return " ".join(message.split())


pass_app = click.make_pass_decorator(AppContext, ensure=True)


@contextmanager
def cycle_lock(app: AppContext, what: str) -> Iterator[None]:
    """Hold the lock of the unattended runs (`grantradar run ...`) while a hand-started job works, so that a
    manual crawl or match never overlaps a cron or scheduler run; a held lock is one line and exit code 1."""
    from grantradar.jobs import CYCLE_LOCK
    from store.locks import DbLock, LockHeld

    lock = DbLock(app.engine(), CYCLE_LOCK)
    try:
        lock.acquire()
    except LockHeld as exc:
        raise JobFailed(f"{what} not started: {exc}") from None
    try:
        yield
    finally:
        lock.release()
