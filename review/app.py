"""The review app's factory: configuration, security hooks, the store session per request, blueprints."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any
from urllib.parse import urlsplit

from flask import Flask, current_app, g, render_template, request, session
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker
from werkzeug.exceptions import HTTPException

from digests.compose import PillarInfo, pillar_infos
from grantradar.config import Config
from review import filters
from review.security import Throttle, check_csrf, csrf_token, security_headers, session_binding
from store.db import make_engine, session_factory
from store.models import User

SESSION_LIFETIME = timedelta(hours=12)
MAX_UPLOAD_BYTES = 2 * 1024 * 1024  # a members file of a few thousand rows fits easily


@dataclass
class ReviewState:
    """What every request needs, kept on the app (not in globals, so tests can run several apps)."""

    config: Config
    engine: Engine
    sessions: sessionmaker[Session]
    throttle: Throttle = field(default_factory=Throttle)
    _pillars: list[PillarInfo] | None = field(default=None, repr=False)

    @property
    def pillars(self) -> list[PillarInfo]:
        """The pillar set of `config.pillars_file` (the matcher's default file when unset), in pillar order."""
        if self._pillars is None:
            with self.sessions() as session:  # read only when the matcher package is not installed
                self._pillars = pillar_infos(session, self.config)
        return self._pillars

    @property
    def pillar_min(self) -> float:
        """A call is shown under a pillar when its pillar score reaches the match threshold."""
        return self.config.match_threshold


def state() -> ReviewState:
    return current_app.extensions["grantradar"]  # type: ignore[no-any-return]


def db() -> Session:
    """The request's store session, opened on first use and closed when the request ends."""
    if "db" not in g:
        g.db = state().sessions()
    return g.db  # type: ignore[no-any-return]


def _close_db(_exc: BaseException | None) -> None:
    session_ = g.pop("db", None)
    if session_ is not None:
        session_.close()


def _load_user() -> None:
    """Put the logged-in manager on `g.user`; a session whose password changed since login is ended."""
    g.user = None
    uid = session.get("uid")
    if not isinstance(uid, int):
        return
    user = db().get(User, uid)
    if user is None or session.get("pwb") != session_binding(user.password_hash):
        session.clear()
        return
    g.user = user


ERROR_TEXT = {
    400: ("Bad request", "The request could not be understood."),
    403: ("Forbidden", "You may not do this."),
    404: ("Not found", "There is nothing at this address."),
    405: ("Method not allowed", "This address does not accept that kind of request."),
    413: ("Too large", "The uploaded file is too large (at most 2 MB)."),
    429: ("Too many attempts", "Too many failed log-ins; wait a few minutes and try again."),
    500: ("Something went wrong", "The error was logged; try again or tell the operator."),
}


def _handle_http_error(exc: HTTPException) -> Any:
    code = exc.code or 500
    title, text = ERROR_TEXT.get(code, (exc.name, exc.description or ""))
    if code == 400 and exc.description == "csrf":
        title = "Form expired or not sent from this site"
        text = (
            "The form did not carry this session's security token, so nothing was changed. "
            "Go back, reload the page and send the form again."
        )
    return render_template("error.html", title=title, text=text, code=code), code


def create_app(config: Config, engine: Engine | None = None) -> Flask:
    """The review web app for `config`; uses `engine` when given (tests), else one for config.database_url."""
    if not config.secret_key:
        raise ValueError("the review app needs a secret key: set GRANTRADAR_SECRET_KEY")
    app = Flask(__name__)
    # Every template is escaped, whatever its file name: call titles and texts are scraped from the web.
    app.jinja_options = {**app.jinja_options, "autoescape": True}
    secure = urlsplit(config.base_url).scheme == "https"
    app.config.update(
        SECRET_KEY=config.secret_key,
        SESSION_COOKIE_NAME="grantradar_session",
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=secure,
        PERMANENT_SESSION_LIFETIME=SESSION_LIFETIME,
        MAX_CONTENT_LENGTH=MAX_UPLOAD_BYTES,
        PREFERRED_URL_SCHEME="https" if secure else "http",
    )
    engine = engine or make_engine(config.database_url)
    app.extensions["grantradar"] = ReviewState(config, engine, session_factory(engine))

    app.before_request(_load_user)
    app.before_request(check_csrf)
    app.after_request(security_headers)
    app.teardown_appcontext(_close_db)
    app.register_error_handler(HTTPException, _handle_http_error)
    app.jinja_env.globals.update(csrf_token=csrf_token)
    filters.register(app, config)

    @app.context_processor
    def _inject() -> dict[str, Any]:
        return {"current_user": g.get("user"), "endpoint": request.endpoint or ""}

    from review.views import auth, calls, exports, members, public, sources

    for module in (auth, calls, members, sources, exports, public):
        app.register_blueprint(module.bp)
    return app
