"""`grantradar members import FILE` / `members export`: the members file of CONTRACTS.md §7."""

from __future__ import annotations

import sys

import click
from sqlalchemy import select

from grantradar.cli.common import AppContext, UserError, pass_app


@click.group(name="members")
def command() -> None:
    """Import or export the cluster's members."""


@command.command(name="import")
@click.argument("file", type=click.Path(dir_okay=False))
@pass_app
def import_(app: AppContext, file: str) -> None:
    """Import members from FILE (CSV with a header row, or YAML); rejected whole if any line is bad."""
    from store.db import session_scope
    from store.members import MembersFileError, import_members, load_members_file

    try:
        rows = load_members_file(file)
    except MembersFileError as exc:
        for line, reason in exc.errors:
            # File-level reasons already name the file.
            click.echo(f"{file}:{line}: {reason}" if line else reason, err=True)
        raise UserError(f"{file}: rejected, nothing imported ({len(exc.errors)} problem(s))") from None
    with session_scope(app.engine()) as session:
        added, updated = import_members(session, rows)
    unchanged = len(rows) - added - updated
    click.echo(f"{len(rows)} members read: {added} added, {updated} updated, {unchanged} unchanged")


@command.command(name="export")
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="Write to this file instead of stdout.")
@pass_app
def export(app: AppContext, output: str | None) -> None:
    """Export all members as CSV in the import format."""
    from store.db import session_scope
    from store.members import export_members
    from store.models import Member

    with session_scope(app.engine()) as session:
        text = export_members(session.scalars(select(Member).order_by(Member.id)).all())
    if output:
        with open(output, "w", encoding="utf-8") as fh:
            fh.write(text)
    else:
        sys.stdout.write(text)
