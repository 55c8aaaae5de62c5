"""`grantradar users add EMAIL` / `users list`: manager accounts of the review app."""

from __future__ import annotations

import getpass
import sys

import click

from grantradar.cli.common import AppContext, UserError, pass_app


def read_password(stream: object = None) -> str:
    """The new password: asked twice without echo on a terminal, else the first line of standard input."""
    stdin = stream or sys.stdin
    if getattr(stdin, "isatty", lambda: False)():
        first = getpass.getpass("Password: ")
        second = getpass.getpass("Password again: ")
        if first != second:
            raise UserError("the two passwords differ")
        return first
    line = stdin.readline()  # type: ignore[attr-defined]
    if not line:
        raise UserError("no password on standard input")
    return str(line).rstrip("\r\n")


@click.group(name="users")
def command() -> None:
    """Manager accounts of the review web app."""


@command.command(name="add")
@click.argument("email")
@click.option("--reset-password", is_flag=True, help="Set a new password if the account exists already.")
@pass_app
def add(app: AppContext, email: str, reset_password: bool) -> None:
    """Add a manager account; the password is read from standard input.

    On a terminal it is asked twice and not echoed; piped, the first line is the password
    (e.g. `printf '%s\\n' "$PW" | grantradar users add manager@example.org`). At least 10 characters.
    """
    from review.users import AccountError, add_user
    from store.db import session_scope

    engine = app.engine()
    password = read_password()
    try:
        with session_scope(engine) as session:
            user, created = add_user(session, email, password, replace=reset_password)
            address = user.email
    except AccountError as exc:
        raise UserError(str(exc)) from None
    click.echo(f"{'added' if created else 'password changed for'} {address}")


@command.command(name="list")
@pass_app
def list_(app: AppContext) -> None:
    """List the manager accounts and their last log-in."""
    from review.users import list_users
    from store.db import session_scope

    with session_scope(app.engine()) as session:
        users = list_users(session)
        if not users:
            click.echo("no manager accounts; add one with `grantradar users add EMAIL`")
            return
        for user in users:
            last = user.last_login_at.strftime("%Y-%m-%d %H:%M UTC") if user.last_login_at else "never logged in"
            click.echo(f"{user.email}\t{last}")
