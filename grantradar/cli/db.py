"""`grantradar db upgrade`: create or migrate the database with Alembic."""

from __future__ import annotations

import click

from grantradar.cli.common import AppContext, pass_app


@click.group(name="db")
def command() -> None:
    """Database schema management."""


@command.command()
@pass_app
def upgrade(app: AppContext) -> None:
    """Create the database or migrate it to the latest schema."""
    from store.db import current_revision

    engine = app.engine(migrate=True)
    click.echo(f"database {engine.url.render_as_string()} at revision {current_revision(engine)}")
