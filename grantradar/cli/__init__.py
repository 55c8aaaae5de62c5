"""The `grantradar` console script (CONTRACTS.md §8): one click group, one module per command group."""

from __future__ import annotations

import importlib
import logging

import click

from grantradar import __version__
from grantradar.cli.common import AppContext

# Each module defines `command` (a click command or group). Order is the order of `grantradar --help`.
COMMAND_MODULES = (
    "db",
    "crawl",
    "match",
    "digest",
    "score",
    "members",
    "mirror",
    "demo",
    "run",
    "schedule",
    "status",
    "serve",
    "users",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.option(
    "--config",
    "config_path",
    envvar="GRANTRADAR_CONFIG",
    type=click.Path(dir_okay=False),
    help="Configuration file (default ./grantradar.toml if present). Env: GRANTRADAR_CONFIG.",
)
@click.option("-v", "--verbose", is_flag=True, help="Log more (debug level).")
@click.version_option(__version__, prog_name="grantradar")
@click.pass_context
def main(ctx: click.Context, config_path: str | None, verbose: bool) -> None:
    """grantradar: subsidy calls found, matched to the Czech Optical Cluster's members, and sent as digests."""
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    ctx.obj = AppContext(config_path=config_path)


for _name in COMMAND_MODULES:
    main.add_command(importlib.import_module(f"grantradar.cli.{_name}").command)
