"""`grantradar serve`: the manager's review web app (CONTRACTS.md §8)."""

from __future__ import annotations

import socket

import click

from grantradar.cli.common import AppContext, UserError, pass_app

# Shorter keys are refused: the key signs sessions and every link in the emails.
MIN_SECRET_LENGTH = 16


@click.command(name="serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on.")
@pass_app
def command(app: AppContext, host: str, port: int) -> None:
    """Run the review web app: inbox of matches, members, sources, exports, links from the emails.

    Needs GRANTRADAR_SECRET_KEY (signs sessions and email links; keep it stable, or every emailed link breaks)
    and a database brought up to date with `grantradar db upgrade`. Manager accounts: `grantradar users add`.
    Links in emails point to `base_url` from the configuration; put the app behind an HTTPS reverse proxy
    and set base_url to its https:// address (cookies are then sent over HTTPS only).
    """
    config = app.config
    if not config.secret_key:
        raise UserError(
            "GRANTRADAR_SECRET_KEY is not set; generate one with "
            "`python -c 'import secrets; print(secrets.token_urlsafe(32))'` and keep it in the environment"
        )
    if len(config.secret_key) < MIN_SECRET_LENGTH:
        raise UserError(f"GRANTRADAR_SECRET_KEY is too short: use at least {MIN_SECRET_LENGTH} random characters")
    engine = app.engine()

    from werkzeug.serving import make_server

    from review.app import create_app

    web = create_app(config, engine)
    listener = _listen(host, port)
    # Werkzeug reports a failed bind itself (two lines, exit 1); binding first keeps our one-line exit 2.
    server = make_server(host, port, web, threaded=True, fd=listener.fileno())
    bound_port = listener.getsockname()[1]
    click.echo(f"grantradar review app on http://{host}:{bound_port}/ (links in emails use {config.base_url})")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        listener.close()


def _listen(host: str, port: int) -> socket.socket:
    """A listening socket on host:port, or a UserError naming why not (port taken, unknown host)."""
    from werkzeug.serving import get_sockaddr, select_address_family

    family = select_address_family(host, port)
    try:
        sock = socket.socket(family, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(get_sockaddr(host, port, family))
            sock.listen(128)
        except BaseException:
            sock.close()
            raise
    except OSError as exc:
        raise UserError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    return sock
