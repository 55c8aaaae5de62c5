"""Sources: each source's health, its last runs and their errors."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, render_template

from review.app import db, state
from review.security import login_required
from review.sources import STALE_AFTER, source_health

bp = Blueprint("sources", __name__)


@bp.get("/sources")
@login_required
def index() -> Any:
    health = source_health(db(), state().config.sources)
    return render_template("sources.html", health=health, stale_days=STALE_AFTER.days)
