"""`grantradar demo`: the whole job offline on the bundled snapshot (what `make demo` runs)."""

from __future__ import annotations

import dataclasses
import secrets
from pathlib import Path

import click

from grantradar.cli.common import AppContext, JobFailed, pass_app


@click.command(name="demo")
@click.option("--outbox", type=click.Path(file_okay=False), help="Where digests are written (default: config outbox).")
@pass_app
def command(app: AppContext, outbox: str | None) -> None:
    """Serve the bundled snapshot on loopback, crawl every source through it, match, and write digests.

    Uses the configured database (default SQLite under var/). Running it again adds no duplicate calls and
    writes no duplicate digests. Review is off in the demo, so matches above the threshold reach the digests.
    """
    from grantradar.demo_run import run_demo

    config = app.config
    changes: dict[str, object] = {"review_required": False}
    if outbox:
        changes["outbox"] = outbox
    if not config.secret_key:
        # Links in demo mails need a signing key; without one configured, a throwaway key is used.
        changes["secret_key"] = secrets.token_urlsafe(32)
    config = dataclasses.replace(config, **changes)
    app._config = config
    engine = app.engine(migrate=True)
    summary = run_demo(config, engine, progress=click.echo)
    click.echo("")
    click.echo(summary.render())
    click.echo(f"digests and previews in {Path(config.outbox).resolve()}")
    if summary.failures:
        raise JobFailed("demo finished with failures: " + "; ".join(summary.failures))
