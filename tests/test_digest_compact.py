"""Fewer, better member emails: full cards for the best `digest_max_cards` new calls, the rest one line each.

Which calls become cards and which compact lines, that both count as told (never repeated), that the subject
still counts every new call, and how the compact lines look in text and HTML, Czech and English.
"""

from __future__ import annotations

import dataclasses
import re
from datetime import datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Engine, select

from digests.compose import CallView, Entry, MemberContent, compose_member, pick_cards
from digests.links import LinkMaker
from digests.render import render_member
from digests.samples import PILLARS, SCENARIO_NOW, add_call, add_change, add_match, add_member, scenario
from digests.service import run_digests
from grantradar.config import Config, load_config
from store.db import session_scope
from store.models import Call, Digest, Member

NOW = SCENARIO_NOW
LINKS = LinkMaker("https://radar.example.org", "test-secret")
PRAGUE = ZoneInfo("Europe/Prague")
MS21_URL = "https://ms21opendata.mssf.cz/SeznamVyzev_21_27.xml#01_26_099"


def config(tmp_path: Path, **changes: object) -> Config:
    return dataclasses.replace(
        Config(secret_key="test-secret", base_url="https://radar.example.org", outbox=str(tmp_path / "outbox")),
        **changes,
    )


def entry(call_id: str, score: float | None, days: int | None) -> Entry:
    deadline = NOW + timedelta(days=days) if days is not None else None
    view = CallView(
        id=call_id, title=call_id, url=None, funder="", programme=None, call_code=None, status="open",
        language="cs", deadline=deadline, days_left=days, opens_at=None, budget_total=None, grant_min=None,
        grant_max=None, funding_rate_max=None, applicants=[], region="",
    )  # fmt: skip
    return Entry(call=view, score=score)


def ids(entries: list[Entry]) -> list[str]:
    return [e.call.id for e in entries]


# --- the choice, pure -----------------------------------------------------------------------------------------


def test_best_scores_become_cards_ties_by_nearer_deadline() -> None:
    entries = [
        entry("low", 0.30, 5),
        entry("tie-far", 0.70, 60),
        entry("best", 0.90, 90),
        entry("tie-undated", 0.70, None),
        entry("tie-near", 0.70, 20),
        entry("mid", 0.50, 10),
        entry("unscored", None, 1),
    ]
    cards, more = pick_cards(entries, 3)
    assert ids(cards) == ["best", "tie-near", "tie-far"]
    # The rest in deadline order (undated last), like every other list of the digest.
    assert ids(more) == ["unscored", "low", "mid", "tie-undated"]


@pytest.mark.parametrize("limit", [0, -3])
def test_no_cards_when_the_limit_is_zero_or_less(limit: int) -> None:
    cards, more = pick_cards([entry("a", 0.9, 30), entry("b", 0.8, 3)], limit)
    assert cards == [] and ids(more) == ["b", "a"]


def test_routed_calls_are_cards_whatever_their_score() -> None:
    routed = entry("routed", 0.0, 40)
    routed.routed = True
    cards, more = pick_cards([entry("a", 0.9, 30), entry("b", 0.8, 3), routed], 2)
    assert ids(cards) == ["routed", "a"] and ids(more) == ["b"]


def test_nothing_compact_when_everything_fits() -> None:
    cards, more = pick_cards([entry("a", 0.4, 30), entry("b", 0.8, 3)], 8)
    assert ids(cards) == ["b", "a"] and more == []


def test_config_default_and_environment() -> None:
    assert Config().digest_max_cards == 8
    assert load_config(env={"GRANTRADAR_DIGEST_MAX_CARDS": "3"}).digest_max_cards == 3


# --- composed from the store ------------------------------------------------------------------------------------


def closes_in(days: int) -> str:
    """A date-only deadline (as the spiders store one: 23:59:59 local) `days` days after NOW."""
    return datetime.combine((NOW + timedelta(days=days)).date(), time(23, 59, 59), tzinfo=PRAGUE).isoformat()


def many_calls(session, member: Member) -> dict[str, float]:  # type: ignore[no-untyped-def]
    """Six new calls for `member`: id → score. Pillars differ so the cards stay grouped."""
    plan = [
        ("tacr:A", "Laserové svařování", 0.91, 40, "lasers", None),
        ("tacr:B", "Optické senzory", 0.85, 25, "industrial-consumer-optics", None),
        ("tacr:C", "Osvětlení veřejných budov", 0.80, 60, "lighting", None),
        ("tacr:D", "Mikroobrábění laserem", 0.55, 12, "lasers", None),
        ("ms2021:E", "OP TAK Inovace", 0.50, 30, "industrial-consumer-optics", MS21_URL),
        ("tacr:F", "Elektronová mikroskopie", 0.45, 90, "electron-microscopy", None),
    ]
    scores: dict[str, float] = {}
    for call_id, title, score, days, pillar, url in plan:
        call = add_call(session, call_id, title, now=NOW, url=url, deadlines=[closes_in(days)])
        session.flush()
        add_match(session, call, member, score=score, pillars=[pillar], terms=["laser"])
        scores[call_id] = score
    session.flush()
    return scores


def test_compose_splits_cards_and_lines(engine: Engine, tmp_path: Path) -> None:
    with session_scope(engine) as s:
        member = add_member(s, "Lasertech", "laser@example.cz")
        many_calls(s, member)
        content = compose_member(s, member, config(tmp_path, digest_max_cards=3), NOW, PILLARS, LINKS)
    # The three best, still grouped by pillar in pillar order.
    assert [(g.pillar.slug if g.pillar else None, ids(g.entries)) for g in content.groups] == [
        ("industrial-consumer-optics", ["tacr:B"]),
        ("lighting", ["tacr:C"]),
        ("lasers", ["tacr:A"]),
    ]
    assert ids(content.more) == ["tacr:D", "ms2021:E", "tacr:F"]  # by deadline
    assert all(e.links["not_relevant"].startswith("https://radar.example.org/feedback/") for e in content.more)
    assert content.new_count == 6
    # Both kinds are recorded as told.
    assert sorted(content.sections()["new"]) == ["ms2021:E", "tacr:A", "tacr:B", "tacr:C", "tacr:D", "tacr:F"]


def test_compact_lines_count_as_told_and_are_not_repeated(engine: Engine, tmp_path: Path) -> None:
    cfg = config(tmp_path, digest_max_cards=2)
    with session_scope(engine) as s:
        member = add_member(s, "Lasertech", "laser@example.cz")
        member_id = member.id
        many_calls(s, member)
    run_digests(engine, cfg, now=NOW, pillars=PILLARS)
    with session_scope(engine) as s:
        digest = s.scalars(select(Digest).where(Digest.kind == "member", Digest.member_id == member_id)).one()
        assert sorted(digest.sections["new"]) == ["ms2021:E", "tacr:A", "tacr:B", "tacr:C", "tacr:D", "tacr:F"]
        member = s.get(Member, member_id)
        assert member is not None
        week = NOW + timedelta(days=7)
        compact = s.get(Call, "tacr:F")  # a compact line last week (score 0.45, the lowest)
        assert compact is not None
        budget = {"amount": 20_000_000, "currency": "CZK"}
        add_change(s, compact, "budget_total", None, budget, week - timedelta(days=1))
        s.flush()
        later = compose_member(s, member, cfg, week, PILLARS, LINKS)
    # Nothing is new again; a compact line's call is followed like any call told earlier: its change is a notice,
    # its near deadline (D: 12 days → 5) a reminder, both as cards.
    assert later.new_ids == [] and later.more == [] and later.groups == []
    assert ids(later.changed) == ["tacr:F"] and later.changed[0].changes
    assert ids(later.closing) == ["tacr:D"]


def test_changes_and_reminders_stay_cards(engine: Engine, tmp_path: Path) -> None:
    with session_scope(engine) as s:
        rows = scenario(s)
        content = compose_member(s, rows["members"]["cs"], config(tmp_path, digest_max_cards=0), NOW, PILLARS, LINKS)
    assert content.groups == []
    assert sorted(ids(content.more)) == ["optak:01_26_015", "sedia:HORIZON-CL4-2026-01-12", "tacr:TN02000001"]
    assert ids(content.changed) == ["tacr:FW09000002"] and ids(content.closing) == ["olkraj:2026-inovace"]


# --- rendered ---------------------------------------------------------------------------------------------------


def rendered(engine: Engine, tmp_path: Path, lang: str, max_cards: int):  # type: ignore[no-untyped-def]
    cfg = config(tmp_path, digest_max_cards=max_cards)
    with session_scope(engine) as s:
        member = add_member(s, "Lasertech", "laser@example.cz", language=lang)
        many_calls(s, member)
        hostile = add_call(
            s, "feeds:x", "<b>Hostile</b>\r\nBcc: x@example.org", now=NOW, url="javascript:alert(1)",
            deadlines=[closes_in(70)],
        )  # fmt: skip
        s.flush()
        add_match(s, hostile, member, score=0.3, pillars=["lasers"])
        s.flush()
        content = compose_member(s, member, cfg, NOW, PILLARS, LINKS)
        return content, render_member(content, PILLARS, cfg.timezone, cfg.contact_email)


def line_items(html: str) -> list[str]:
    block = html.split('<ul class="more"', 1)[1].split("</ul>", 1)[0]
    return re.findall(r"<li[^>]*>(.*?)</li>", block, re.S)


def test_html_cards_and_compact_lines_czech(sqlite_engine: Engine, tmp_path: Path) -> None:
    _, out = rendered(sqlite_engine, tmp_path, "cs", 3)
    assert out.subject.startswith("grantradar: 7 nových výzev")  # all new calls, not only the cards
    assert "Nové výzvy (7)" in out.html
    assert out.html.count('class="card') == 3
    assert "Další odpovídající výzvy (4)" in out.html
    items = line_items(out.html)
    assert len(items) == 4
    by_title = {re.sub(r"<[^>]+>", "", i).split(" · ")[0]: i for i in items}
    assert set(by_title) == {"Mikroobrábění laserem", "OP TAK Inovace", "Elektronová mikroskopie",
                             "&lt;b&gt;Hostile&lt;/b&gt; Bcc: x@example.org"}  # fmt: skip
    # A call page is linked; an open-data record and a javascript: URL are not.
    assert '<a href="https://tacr.example.cz/calls/D"' in by_title["Mikroobrábění laserem"]
    assert MS21_URL not in out.html
    assert "javascript" not in out.html
    for item in items:
        assert item.count("https://radar.example.org/feedback/") == 1 and "Není pro nás" in item
    assert "uzávěrka 14. března 2026 (zbývá 12 dní)" in by_title["Mikroobrábění laserem"].replace("&nbsp;", " ")


def test_text_compact_lines_english(sqlite_engine: Engine, tmp_path: Path) -> None:
    _, out = rendered(sqlite_engine, tmp_path, "en", 3)
    assert out.subject.startswith("grantradar: 7 new calls")
    assert "## New calls (7)" in out.text and "More matching calls (4)" in out.text
    assert "More matching calls (4)" in out.html
    assert out.text.count("\n* ") == 3  # cards
    lines = out.text.split("More matching calls (4)", 1)[1].split("\n\n## ", 1)[0]
    assert re.findall(r"^- (.*?) · ", lines, re.M) == [
        "Mikroobrábění laserem",
        "OP TAK Inovace",
        "<b>Hostile</b> Bcc: x@example.org",  # one line: no CR/LF from the source
        "Elektronová mikroskopie",
    ]
    assert lines.count("Not relevant: https://radar.example.org/feedback/") == 4
    assert "https://tacr.example.cz/calls/D" in lines and MS21_URL not in lines and "javascript" not in lines
    assert "- Mikroobrábění laserem · deadline 14 March 2026 (12 days left)\n" in lines.replace("\u00a0", " ")


def test_no_cards_no_sub_heading(sqlite_engine: Engine, tmp_path: Path) -> None:
    _, out = rendered(sqlite_engine, tmp_path, "cs", 0)
    assert "Nové výzvy (7)" in out.html and 'class="card' not in out.html
    assert "Další odpovídající" not in out.html and "Další odpovídající" not in out.text
    assert len(line_items(out.html)) == 7


def test_default_shows_only_cards_when_few(sqlite_engine: Engine, tmp_path: Path) -> None:
    content, out = rendered(sqlite_engine, tmp_path, "en", Config().digest_max_cards)
    assert isinstance(content, MemberContent) and content.more == []
    assert out.html.count('class="card') == 7 and "More matching calls" not in out.html
