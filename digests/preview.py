"""The HTML of a member's next digest, without recording or sending anything (CLI `digest preview`, review app)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from digests.compose import PillarLike, compose_member, pillar_infos
from digests.links import LinkMaker
from digests.render import render_member
from grantradar.config import Config
from store.base import utcnow
from store.models import Member


def render_member_preview(
    session: Session,
    member: Member,
    config: Config,
    now: datetime | None = None,
    pillars: list[PillarLike] | None = None,
) -> str:
    """The member's digest for the week of `now` as it would be sent (an "empty" page when nothing is due).

    Links are signed with the configured key when there is one; a preview without a key still renders, with
    links that will not verify (it is never sent).
    """
    now = now or utcnow()
    links = LinkMaker(config.base_url, config.secret_key or "preview-only-links-do-not-verify")
    infos = pillar_infos(session, config, pillars)
    content = compose_member(session, member, config, now, infos, links)
    return render_member(content, infos, config.timezone, config.contact_email).html
