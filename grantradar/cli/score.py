"""`grantradar score`: score calls from a JSONL file, without database or network (CONTRACTS.md §6)."""

from __future__ import annotations

import os
import sys

import click

from grantradar.cli.common import AppContext, UserError, pass_app


@click.command(name="score")
@click.option(
    "--input",
    "input_path",
    required=True,
    type=click.Path(dir_okay=False, allow_dash=True),
    help="Calls as JSON Lines (at least id and title per line); '-' reads standard input.",
)
@click.option("--members", "members_path", type=click.Path(dir_okay=False), help="Members file (CSV or YAML, §7).")
@click.option(
    "--output", "output_path", type=click.Path(dir_okay=False), help="Write JSON Lines here (default stdout)."
)
@click.option(
    "--min-score",
    type=click.FloatRange(0.0, 1.0),
    default=None,
    help="List only members scoring at least this (default: the configured match_threshold).",
)
@click.option("--pillars", "pillars_path", type=click.Path(dir_okay=False), help="Pillar file (default: shipped).")
@pass_app
def command(
    app: AppContext,
    input_path: str,
    members_path: str | None,
    output_path: str | None,
    min_score: float | None,
    pillars_path: str | None,
) -> None:
    """Score calls against the pillars (and members) and print one JSON object per call, in input order.

    Output: {"id", "pillars": {slug: score}, "members": [{"member", "score", "why"}]}; scores in [0, 1];
    the same input gives the same output. Closed calls and passed deadlines get no members.
    """
    from matcher.cli_io import InputError, output_lines, read_calls
    from matcher.pillars import PillarFileError, load_pillar_set
    from matcher.scoring import Matcher

    try:
        if input_path == "-":
            calls = read_calls(sys.stdin, "stdin")
        else:
            with open(input_path, encoding="utf-8") as handle:
                calls = read_calls(handle, input_path)
    except OSError as exc:
        raise UserError(f"cannot read {input_path}: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise UserError(f"{input_path}: not UTF-8 text") from None
    except InputError as exc:
        raise UserError(str(exc)) from None

    profiles: list[dict] = []
    if members_path:
        from store.members import MembersFileError, load_members_file

        try:
            profiles = load_members_file(members_path)
        except MembersFileError as exc:
            raise UserError(str(exc)) from None
        except OSError as exc:
            raise UserError(f"cannot read {members_path}: {exc.strerror or exc}") from None
    try:
        pillar_set = load_pillar_set(pillars_path or app.config.pillars_file)
    except PillarFileError as exc:
        raise UserError(str(exc)) from None

    threshold = app.config.match_threshold if min_score is None else min_score
    matcher = Matcher(pillar_set).fit(calls, profiles)
    # "now" is the run's wall clock: deadlines are judged against it, as for a stored call.
    # Results are written as they are computed, so that a large run never holds all explanations at once.
    lines = output_lines(matcher.iter_score(calls, min_score=threshold), profiles)
    if output_path:
        # Written beside the target and renamed at the end: a run that fails half-way leaves no partial file.
        partial = f"{output_path}.partial"
        try:
            with open(partial, "w", encoding="utf-8") as handle:
                for line in lines:
                    handle.write(f"{line}\n")
            os.replace(partial, output_path)
        except OSError as exc:
            raise UserError(f"cannot write {output_path}: {exc.strerror or exc}") from None
        finally:
            if os.path.exists(partial):
                os.unlink(partial)
    else:
        for line in lines:
            click.echo(line)
