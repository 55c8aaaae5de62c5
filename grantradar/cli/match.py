"""`grantradar match`: score new and changed calls against the pillars and the members (CONTRACTS.md §8)."""

from __future__ import annotations

import json

import click

from grantradar.cli.common import AppContext, JobFailed, UserError, cycle_lock, pass_app


@click.command(name="match")
@click.option("--all", "full", is_flag=True, help="Re-score every stored call, not only new and changed ones.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as one JSON object.")
@pass_app
def command(app: AppContext, full: bool, as_json: bool) -> None:
    """Score new and changed calls against pillars and members; write pillar scores and member matches.

    Calls are re-scored when they changed since their last scoring; every call is re-scored when a member
    profile, the feedback or the pillar file changed. Review states set by the manager are kept.
    """
    from matcher.pillars import PillarFileError
    from matcher.service import run_match

    engine = app.engine()
    try:
        with cycle_lock(app, "match"):
            summary = run_match(engine, app.config, full=full)
    except JobFailed:
        raise
    except PillarFileError as exc:
        raise UserError(str(exc)) from None
    except Exception as exc:  # reported as one line; the job failed
        raise JobFailed(f"match failed: {exc.__class__.__name__}: {exc}") from None
    if as_json:
        click.echo(json.dumps(summary.as_dict(), sort_keys=True))
        return
    scope = "all calls" if summary.full else "new and changed calls"
    click.echo(
        f"matched {summary.calls_scored} of {summary.calls_total} calls ({scope}) against {summary.members} members: "
        f"{summary.matches} matches at or above {app.config.match_threshold} "
        f"({summary.matches_created} new, {summary.matches_removed} removed) in {summary.seconds:.1f} s"
    )
