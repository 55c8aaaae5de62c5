"""`grantradar run daily|weekly|reminders`: one unattended cycle for system cron or a systemd timer."""

from __future__ import annotations

import json

import click

from grantradar.cli.common import AppContext, JobFailed, UserError, pass_app
from grantradar.jobs import KINDS

KIND_HELP = """\b
KIND is one of:
  daily    crawl every enabled source, then match
  weekly   crawl the sources not crawled successfully today, match, then the digests
           (sent by SMTP when GRANTRADAR_SMTP_URL is set, else written to the outbox)
  crawl    crawl SOURCE... (default: every enabled source)
  match    score new and changed calls
  digests  compose and deliver the due digests
  reminders
           the daily closing-soon reminders: calls told earlier whose deadline is at most
           reminder_days away, once per deadline (SMTP when configured, else the outbox)
"""


@click.command(name="run", epilog=KIND_HELP)
@click.argument("kind", type=click.Choice(KINDS))
@click.argument("sources", nargs=-1, metavar="[SOURCE]...")
@click.option(
    "--wait",
    type=click.FloatRange(min=0),
    default=0,
    show_default=True,
    metavar="SECONDS",
    help="When another run holds the lock, wait up to this long for it instead of giving up at once.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON instead of a table.")
@pass_app
def command(app: AppContext, kind: str, sources: tuple[str, ...], wait: float, as_json: bool) -> None:
    """Run one cycle of KIND under the database lock, record it, and exit.

    Exit codes: 0 everything worked; 1 something failed (each step's outcome is printed and recorded,
    see `grantradar status`), the run was terminated, or another run holds the lock (the message names
    the holder and since when); 2 bad usage.
    """
    from grantradar.jobs import Terminated, run_cycle, terminate_on_sigterm
    from store.locks import LockHeld

    if sources and kind not in {"crawl", "daily", "weekly"}:
        raise UserError(f"`run {kind}` takes no sources")
    config = app.config
    if sources:
        from grantradar.crawl import resolve_sources

        try:
            resolve_sources(config, list(sources))
        except ValueError as exc:  # an unknown source name is bad usage, not a failed run
            raise UserError(str(exc)) from None
    engine = app.engine()
    try:
        with terminate_on_sigterm():
            result = run_cycle(config, kind, engine=engine, sources=sources or None, wait=wait)
    except LockHeld as exc:
        raise JobFailed(f"{kind} run not started: another run is in progress; {exc}") from None
    except (Terminated, KeyboardInterrupt) as exc:
        signal_name = str(exc) or "interrupt"
        raise JobFailed(
            f"{kind} run terminated ({signal_name}); recorded as failed, the next run redoes the work"
        ) from None

    if as_json:
        click.echo(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))
    else:
        for step in result.steps:
            line = f"{step.name:<18} {step.status:<7} {step.seconds:8.1f} s  {summary_figures(step.summary)}"
            if step.error:
                line += f"  ({step.error})"
            click.echo(line.rstrip())
        click.echo(f"{kind} run #{result.run_id}: {result.status}")
    if result.exit_code:
        raise JobFailed(f"{kind} run #{result.run_id} finished with failures: {result.error}")


def summary_figures(summary: dict[str, object]) -> str:
    """The scalar figures of a step's summary, `key=value` separated by spaces."""
    parts = [f"{key}={value}" for key, value in summary.items() if isinstance(value, int | float | str)]
    return " ".join(parts)
