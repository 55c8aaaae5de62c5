"""`grantradar mirror serve [--port N] [DIR]`: serve a snapshot folder for mirror mode."""

from __future__ import annotations

from pathlib import Path

import click

from grantradar.cli.common import UserError
from grantradar.mirror import DEFAULT_PORT, DEFAULT_SNAPSHOT, MirrorServer


@click.group(name="mirror")
def command() -> None:
    """Mirror mode: serve saved snapshots of the sources."""


@command.command()
@click.argument("directory", required=False, type=click.Path(file_okay=False))
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=DEFAULT_PORT, show_default=True, type=click.IntRange(0, 65535))
@click.option("--verbose", is_flag=True, help="Log each request.")
def serve(directory: str | None, host: str, port: int, verbose: bool) -> None:
    """Serve DIRECTORY (default: the bundled demo snapshot) until Ctrl-C.

    Crawl through it with `scrapy crawl SOURCE -s MIRROR_URL=http://HOST:PORT` or GRANTRADAR_MIRROR_URL.
    """
    root = Path(directory) if directory else DEFAULT_SNAPSHOT
    try:
        server = MirrorServer(root, host, port)
    except FileNotFoundError as exc:
        raise UserError(str(exc)) from None
    except OSError as exc:
        raise UserError(f"cannot listen on {host}:{port}: {exc.strerror}") from None
    server.httpd.verbose = verbose  # type: ignore[attr-defined]
    click.echo(f"serving {root} at {server.url} (Ctrl-C to stop)")
    try:
        server.httpd.serve_forever()
    except KeyboardInterrupt:
        click.echo("stopped")
    finally:
        server.httpd.server_close()
