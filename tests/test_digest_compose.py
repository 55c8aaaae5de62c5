"""What each digest contains, on SQLite and PostgreSQL: review rules, feedback, no repeats, changes, reminders."""

from __future__ import annotations

import dataclasses
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, select

from digests.compose import compose_manager, compose_member, compose_pillar, period_key
from digests.links import LinkMaker
from digests.samples import PILLARS, SCENARIO_NOW, add_call, add_match, add_member, scenario
from digests.service import DigestError, run_digests
from grantradar.config import Config
from store.db import session_scope
from store.models import Digest, Member

NOW = SCENARIO_NOW
LINKS = LinkMaker("https://radar.example.org", "test-secret")


def config(tmp_path: Path, **changes: object) -> Config:
    return dataclasses.replace(
        Config(secret_key="test-secret", base_url="https://radar.example.org", outbox=str(tmp_path / "outbox")),
        **changes,
    )


def titles(content) -> list[str]:  # type: ignore[no-untyped-def]
    return [e.call.title for g in content.groups for e in g.entries]


def test_period_is_the_iso_week_in_prague() -> None:
    assert period_key(NOW) == "2026-W10"
    # Sunday 23:30 UTC is already Monday in Prague: the next week.
    assert period_key(NOW.replace(day=1, hour=23, minute=30)) == "2026-W10"
    assert period_key(NOW.replace(day=1, hour=22, minute=30)) == "2026-W09"


def test_member_digest_sections(engine: Engine, tmp_path: Path) -> None:
    with session_scope(engine) as s:
        rows = scenario(s)
        content = compose_member(s, rows["members"]["cs"], config(tmp_path), NOW, PILLARS, LINKS)
    # New: approved, open, not told before; grouped by pillar in pillar order.
    assert [(g.pillar.slug if g.pillar else None, [e.call.id for e in g.entries]) for g in content.groups] == [
        ("industrial-consumer-optics", ["sedia:HORIZON-CL4-2026-01-12"]),
        ("lighting", ["optak:01_26_015"]),
        ("lasers", ["tacr:TN02000001"]),
    ]
    # Never: rejected match, "not relevant" feedback, call irrelevant for everyone, closed call.
    for absent in ("tacr:TK01", "gacr:GA27", "jmk:zdrav", "tacr:OLD"):
        assert absent not in content.new_ids
    assert [e.call.id for e in content.changed] == ["tacr:FW09000002"]
    assert [n.replace("\u00a0", " ") for n in content.changed[0].changes] == [
        "uzávěrka posunuta z 12. 3. na 2. 4. (o 3 týdny později)",
        "alokace změněna z 50 mil. Kč na 65 mil. Kč",
    ]
    assert [e.call.id for e in content.closing] == ["olkraj:2026-inovace"]
    assert content.closing[0].call.days_left == 10


def test_review_on_only_approved_review_off_threshold(engine: Engine, tmp_path: Path) -> None:
    with session_scope(engine) as s:
        member = add_member(s, "M", "m@example.cz")
        low = add_call(s, "tacr:LOW", "Low score", now=NOW, deadlines=["2026-05-01T23:59:59+02:00"])
        high = add_call(s, "tacr:HIGH", "High score", now=NOW, deadlines=["2026-05-01T23:59:59+02:00"])
        ineligible = add_call(s, "tacr:INEL", "Not eligible", now=NOW, deadlines=["2026-05-01T23:59:59+02:00"])
        approved = add_call(s, "tacr:APPR", "Approved", now=NOW, deadlines=["2026-05-01T23:59:59+02:00"])
        rejected = add_call(s, "tacr:REJ", "Rejected high", now=NOW, deadlines=["2026-05-01T23:59:59+02:00"])
        s.flush()
        add_match(s, low, member, score=0.1, review_state="pending")
        add_match(s, high, member, score=0.9, review_state="pending")
        add_match(s, ineligible, member, score=0.9, review_state="pending", eligible=False)
        add_match(s, approved, member, score=0.1, review_state="approved")
        add_match(s, rejected, member, score=0.95, review_state="rejected")
        s.flush()
        on = compose_member(s, member, config(tmp_path, review_required=True), NOW, PILLARS, LINKS)
        off = compose_member(
            s, member, config(tmp_path, review_required=False, match_threshold=0.5), NOW, PILLARS, LINKS
        )
    assert sorted(on.new_ids) == ["tacr:APPR"]
    assert sorted(off.new_ids) == ["tacr:HIGH"]


def test_nothing_new_means_no_email_and_no_row(engine: Engine, tmp_path: Path) -> None:
    with session_scope(engine) as s:
        add_member(s, "Nobody matched", "none@example.cz")
    summary = run_digests(engine, config(tmp_path), now=NOW, pillars=[])
    assert (summary.written, summary.empty) == (1, 1)  # the manager's report only
    with session_scope(engine) as s:
        assert [d.kind for d in s.scalars(select(Digest))] == ["manager"]
    assert not list((tmp_path / "outbox").glob("*member*"))


def test_second_run_same_week_writes_nothing_new(engine: Engine, tmp_path: Path) -> None:
    with session_scope(engine) as s:
        scenario(s)
    first = run_digests(engine, config(tmp_path), now=NOW, pillars=PILLARS)
    files = sorted(p.name for p in (tmp_path / "outbox").iterdir())
    second = run_digests(engine, config(tmp_path), now=NOW + timedelta(hours=5), pillars=PILLARS)
    assert first.written == 5 and first.failed == 0  # 2 members, 2 guarantors, the manager
    assert (second.written, second.skipped) == (0, 5)
    assert sorted(p.name for p in (tmp_path / "outbox").iterdir()) == files
    assert len([f for f in files if f.endswith(".eml")]) == 5


def test_next_week_repeats_nothing_but_changes_and_reminders(engine: Engine, tmp_path: Path) -> None:
    cfg = config(tmp_path)
    with session_scope(engine) as s:
        rows = scenario(s)
        member_id = rows["members"]["cs"].id
    run_digests(engine, cfg, now=NOW, pillars=PILLARS)
    later = NOW + timedelta(days=14)
    with session_scope(engine) as s:
        member = s.get(Member, member_id)
        assert member is not None
        content = compose_member(s, member, cfg, later, PILLARS, LINKS)
        # The laser call (told last week) now closes within 14 days: one reminder; nothing else is new.
        assert content.new_ids == []
        assert content.changed == []
        assert [e.call.id for e in content.closing] == ["tacr:TN02000001"]
        fresh = add_call(s, "tacr:NEW2", "Fresh call", now=later, deadlines=["2026-06-01T23:59:59+02:00"])
        s.flush()
        add_match(s, fresh, member)
        s.flush()
        assert compose_member(s, member, cfg, later, PILLARS, LINKS).new_ids == ["tacr:NEW2"]
    run_digests(engine, cfg, now=later, pillars=PILLARS)
    with session_scope(engine) as s:
        member = s.get(Member, member_id)
        assert member is not None
        # The laser reminder went out in W12: W13 does not repeat it, but reminds of the call whose deadline
        # (moved to 2 April) now comes within 14 days.
        closing = compose_member(s, member, cfg, later + timedelta(days=7), PILLARS, LINKS).closing
        assert [e.call.id for e in closing] == ["tacr:FW09000002"]


def test_unsubscribed_and_digest_off_members_get_nothing(engine: Engine, tmp_path: Path) -> None:
    with session_scope(engine) as s:
        rows = scenario(s)
        rows["members"]["en"].unsubscribed_at = NOW - timedelta(days=1)
    run_digests(engine, config(tmp_path), now=NOW, pillars=PILLARS)
    with session_scope(engine) as s:
        recipients = sorted(
            d.recipient for d in s.scalars(select(Digest).where(Digest.kind == "member", Digest.period == "2026-W10"))
        )
    assert recipients == ["info@meopta.example.cz"]


def test_pillar_digest_per_guarantor(engine: Engine, tmp_path: Path) -> None:
    with session_scope(engine) as s:
        scenario(s)
        lasers = compose_pillar(
            s, "lasery@example.org", ["lasers", "electron-microscopy"], config(tmp_path), NOW, PILLARS, "cs"
        )
        optics = compose_pillar(
            s, "optika@example.org", ["industrial-consumer-optics"], config(tmp_path), NOW, PILLARS, "en"
        )
    assert lasers.new_ids == ["tacr:TN02000001", "sedia:HORIZON-CL4-2026-01-12"]
    assert optics.new_ids == ["sedia:HORIZON-CL4-2026-01-12"]


def test_manager_digest_lists_pending_matches_and_failed_sources(engine: Engine, tmp_path: Path) -> None:
    with session_scope(engine) as s:
        rows = scenario(s)
        content = compose_manager(s, config(tmp_path), NOW, LINKS, "cs")
    assert [e.call.id for e in content.pending] == [rows["pending"].id]
    assert content.pending[0].members == [("Meopta – optika, s.r.o.", 0.58)]
    assert [(f.source, f.reason.split(":")[0]) for f in content.failed] == [("optak", "0 items")]
    health = {h.source: h for h in content.health}
    assert health["optak"].last_status == "failed" and health["optak"].stale_days == 6
    assert health["tacr"].stale_days is None
    assert content.counts["pending"] == 1


def test_without_secret_key_nothing_runs(engine: Engine, tmp_path: Path) -> None:
    with pytest.raises(DigestError, match="SECRET_KEY"):
        run_digests(engine, config(tmp_path, secret_key=None), now=NOW, pillars=[])
    with pytest.raises(DigestError, match="SMTP_URL"):
        run_digests(engine, config(tmp_path), send=True, now=NOW, pillars=[])
