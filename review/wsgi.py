"""WSGI entry for a production server, e.g. `gunicorn 'review.wsgi:app'` (configuration from the environment).

`grantradar serve` runs werkzeug's threaded server, enough for one cluster office; a WSGI server behind an
HTTPS reverse proxy is the sturdier set-up.
"""

from __future__ import annotations

from grantradar.config import load_config
from review.app import create_app

app = create_app(load_config())
