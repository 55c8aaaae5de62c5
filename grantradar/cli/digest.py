"""`grantradar digest [--reminders] [--send] [--outbox DIR]` and `grantradar digest preview MEMBER [--output FILE]`."""

from __future__ import annotations

from pathlib import Path

import click

from grantradar.cli.common import AppContext, JobFailed, UserError, pass_app


@click.group(name="digest", invoke_without_command=True)
@click.option("--send", is_flag=True, help="Also deliver by SMTP (needs GRANTRADAR_SMTP_URL).")
@click.option(
    "--outbox",
    type=click.Path(file_okay=False),
    help="Folder for the .eml files and HTML previews (default: config outbox, var/outbox).",
)
@click.option(
    "--reminders",
    is_flag=True,
    help="Only today's closing-soon reminders (calls told earlier whose deadline is at most reminder_days away).",
)
@click.pass_context
def command(ctx: click.Context, send: bool, outbox: str | None, reminders: bool) -> None:
    """Compose this week's due digests (members, pillar guarantors, manager) and deliver them.

    Every digest is written to the outbox as .eml plus an .html preview; with --send it is also sent by SMTP.
    Running it again in the same week composes nothing twice and sends only what was not sent yet.
    Member calendars (.ics) and Atom feeds are written to OUTBOX/feeds/.

    With --reminders, only the daily closing-soon reminders: one short email per member and day, reminding of
    each call's deadline once; running it again the same day composes nothing twice.
    """
    if ctx.invoked_subcommand is not None:
        return
    app = ctx.find_object(AppContext) or ctx.ensure_object(AppContext)
    from digests.delivery import SmtpConfigError
    from digests.service import DigestError, run_digests, run_reminders

    config = app.config
    if send and not config.smtp_url:
        raise UserError("--send needs GRANTRADAR_SMTP_URL (smtp://user:pass@host:port?starttls=1)")
    engine = app.engine()
    if reminders:
        try:
            summary = run_reminders(engine, config, send=send, outbox=outbox)
        except (DigestError, SmtpConfigError, ValueError) as exc:
            raise UserError(str(exc)) from None
        click.echo(
            f"reminders {summary.period}: {summary.written} written, {summary.sent} sent, {summary.failed} failed, "
            f"{summary.skipped} already done, {summary.empty} with nothing due"
        )
        _report(summary.errors, summary.failed)
        return
    try:
        summary = run_digests(engine, config, send=send, outbox=outbox)
    except (DigestError, SmtpConfigError, ValueError) as exc:
        raise UserError(str(exc)) from None
    click.echo(
        f"week {summary.period}: {summary.written} written, {summary.sent} sent, {summary.failed} failed, "
        f"{summary.skipped} already done, {summary.empty} with nothing new; "
        f"{summary.feeds} member feeds in {Path(outbox or config.outbox) / 'feeds'}"
    )
    _report(summary.errors, summary.failed)


def _report(errors: list[str], failed: int) -> None:
    for error in errors:
        click.echo(f"  failed: {error}", err=True)
    if failed:
        raise JobFailed(f"{failed} digest(s) failed")


# One pattern for the default file name, so the help text and what is written cannot drift apart again.
PREVIEW_NAME = "digest-preview-{member_id}.html"


@command.command()
@click.argument("member")
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False),
    help=f"HTML file to write (default: {PREVIEW_NAME.format(member_id='<member id>')} in the current folder). "
    "Missing folders are created.",
)
@pass_app
def preview(app: AppContext, member: str, output: str | None) -> None:
    """Write the HTML of MEMBER's next digest to a file (MEMBER = email or id). Records and sends nothing.

    The file is digest-preview-<member id>.html in the current folder unless --output names another;
    missing folders on the way are created.
    """
    from sqlalchemy import func, select

    from digests.preview import render_member_preview
    from store.db import session_scope
    from store.models import Member

    engine = app.engine()
    with session_scope(engine) as session:
        if member.isdigit():
            found = session.get(Member, int(member))
        else:
            found = session.scalars(select(Member).where(func.lower(Member.email) == member.strip().lower())).first()
        if found is None:
            raise UserError(f"no member {member!r} (give an email address or a numeric id)")
        html = render_member_preview(session, found, app.config)
        target = Path(output or PREVIEW_NAME.format(member_id=found.id))
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")
    except OSError as exc:
        raise UserError(f"cannot write {target}: {exc}") from None
    click.echo(f"preview of {found.email}'s next digest written to {target}")
