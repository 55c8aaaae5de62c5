"""`grantradar crawl [SOURCE ...]`: run the spiders into the store."""

from __future__ import annotations

from urllib.parse import urlsplit

import click

from grantradar.cli.common import AppContext, JobFailed, UserError, cycle_lock, pass_app


@click.command(name="crawl")
@click.argument("sources", nargs=-1)
@click.option("--mirror", "mirror_url", help="Crawl through this mirror (CONTRACTS.md §4). Env: GRANTRADAR_MIRROR_URL.")
@click.option("--list", "list_only", is_flag=True, help="List the available sources and exit.")
@pass_app
def command(app: AppContext, sources: tuple[str, ...], mirror_url: str | None, list_only: bool) -> None:
    """Crawl SOURCES (default: every enabled source), each in its own process, into the store.

    A failing source is recorded as a failed run and leaves what was stored from it untouched; the others go on.
    Exit code 1 when any source failed.
    """
    from grantradar.crawl import available_spiders, resolve_sources, run_crawl

    if list_only:
        click.echo("\n".join(available_spiders()))
        return
    try:
        names = resolve_sources(app.config, list(sources))
    except ValueError as exc:
        raise UserError(str(exc)) from None
    mirror = mirror_url or app.config.mirror_url
    if mirror and urlsplit(mirror).scheme not in ("http", "https"):
        # Caught here, not by each spider process: a typo must not record every source as a failed crawl.
        raise UserError(f"mirror URL must be an http(s) URL like http://127.0.0.1:8765, got {mirror!r}")
    app.engine()  # fail early, with one line, when the database is not ready
    with cycle_lock(app, "crawl"):
        outcomes = run_crawl(app.config, names, mirror_url, progress=click.echo)
    failed = [o for o in outcomes if o.status != "ok"]
    click.echo(f"{len(outcomes) - len(failed)} source(s) ok, {len(failed)} failed")
    if failed:
        raise JobFailed("failed: " + ", ".join(f"{o.source} ({o.reason})" for o in failed))
