"""Golden files of every digest template (member, pillar, manager), text and HTML, in Czech and English.

Time is frozen (the links' signed tokens carry a timestamp). After an intended change of a template, regenerate
with `GRANTRADAR_UPDATE_GOLDEN=1 pytest tests/test_digest_golden.py` and review the diff of tests/files/digests/.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from freezegun import freeze_time
from sqlalchemy import Engine

from digests.compose import compose_manager, compose_member, compose_pillar
from digests.links import LinkMaker
from digests.render import Rendered, render_manager, render_member, render_pillar
from digests.samples import PILLARS, SCENARIO_NOW, scenario
from grantradar.config import Config
from store.db import session_scope

GOLDEN = Path(__file__).parent / "files" / "digests"
UPDATE = os.environ.get("GRANTRADAR_UPDATE_GOLDEN") == "1"
# Two cards: the sample member has three new calls, so the goldens also hold the compact "more matching calls" list.
CONFIG = Config(secret_key="golden-secret", base_url="https://radar.example.org", digest_max_cards=2)
LINKS = LinkMaker(CONFIG.base_url, "golden-secret")


def render(engine: Engine, kind: str, lang: str) -> Rendered:
    with freeze_time(SCENARIO_NOW), session_scope(engine) as s:
        rows = scenario(s)
        tz, contact = CONFIG.timezone, CONFIG.contact_email
        if kind == "member":
            content = compose_member(s, rows["members"][lang], CONFIG, SCENARIO_NOW, PILLARS, LINKS)
            return render_member(content, PILLARS, tz, contact)
        if kind == "pillar":
            pillar = compose_pillar(
                s, "lasery@example.org", ["lasers", "electron-microscopy"], CONFIG, SCENARIO_NOW, PILLARS, lang
            )
            return render_pillar(pillar, PILLARS, tz, contact)
        manager = compose_manager(s, CONFIG, SCENARIO_NOW, LINKS, lang)
        return render_manager(manager, PILLARS, tz, contact)


def check(name: str, actual: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
    assert path.exists(), f"missing golden file {path}; run with GRANTRADAR_UPDATE_GOLDEN=1"
    assert actual == path.read_text(encoding="utf-8"), f"{name} differs from its golden file"


@pytest.mark.parametrize("lang", ["cs", "en"])
@pytest.mark.parametrize("kind", ["member", "pillar", "manager"])
def test_golden(sqlite_engine: Engine, kind: str, lang: str) -> None:
    rendered = render(sqlite_engine, kind, lang)
    check(f"{kind}_{lang}.txt", f"Subject: {rendered.subject}\n\n{rendered.text}")
    check(f"{kind}_{lang}.html", rendered.html)


def test_html_has_styles_inlined_and_no_style_block(sqlite_engine: Engine) -> None:
    html = render(sqlite_engine, "member", "cs").html
    assert "<style" not in html
    assert 'class="card' in html and 'style="border: 1px solid' in html


def test_every_word_exists_in_both_languages() -> None:
    from digests.i18n import TEXTS

    assert set(TEXTS["cs"]) == set(TEXTS["en"])
