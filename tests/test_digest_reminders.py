"""Closing-soon reminders (digests/reminders.py): golden files, composition rules, SMTP delivery, CLI and jobs.

The store scenario is `digests.samples.scenario` (week 2026-W10; the W09 member digest told the "changed" call
and the "closing" call, the latter closing on 12 March 2026 at 12:00 Prague time) plus what each test adds.
Regenerate the golden files with `GRANTRADAR_UPDATE_GOLDEN=1 pytest tests/test_digest_reminders.py`.
"""

from __future__ import annotations

import dataclasses
import email
from datetime import UTC, datetime, timedelta
from email import policy
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest
from alembic import command as alembic_command
from click.testing import CliRunner
from freezegun import freeze_time
from sqlalchemy import Engine, select

from digests.links import LinkMaker
from digests.reminders import compose_reminder, reminder_period
from digests.render import render_reminder
from digests.samples import PILLARS, SCENARIO_NOW, add_call, add_change, add_match, add_member, scenario
from digests.service import DigestError, run_digests, run_reminders
from digests.tokens import read_token
from grantradar.cli import main
from grantradar.config import Config
from grantradar.jobs import plan
from store.base import Base, utcnow
from store.db import alembic_config, make_engine, session_scope
from store.models import Call, Digest, Feedback, Member, MemberMatch
from tests.test_digest_golden import check
from tests.test_digest_smtp import Recorder, smtp  # noqa: F401  (the aiosmtpd fixture)

NOW = SCENARIO_NOW  # Monday 2 March 2026, 09:00 in Prague: the W10 weekly digest
MONDAY_9 = datetime(2026, 3, 9, 7, 0, tzinfo=UTC)  # 08:00 in Prague, the default reminder time
TUESDAY_10 = MONDAY_9 + timedelta(days=1)
SECRET = "reminder-secret"
CLOSING = "olkraj:2026-inovace"
NBSP = "\u00a0"


def config(tmp_path: Path, **changes: Any) -> Config:
    base = Config(secret_key=SECRET, base_url="https://radar.example.org", outbox=str(tmp_path / "outbox"))
    return dataclasses.replace(base, **changes)


def links() -> LinkMaker:
    return LinkMaker("https://radar.example.org", SECRET)


def member_by_email(session: Any, address: str) -> Member:
    return session.scalars(select(Member).where(Member.email == address)).one()


def reminder_rows(engine: Engine) -> list[Digest]:
    with session_scope(engine) as s:
        rows = list(s.scalars(select(Digest).where(Digest.kind == "reminder").order_by(Digest.period, Digest.id)))
        s.expunge_all()
    return rows


def told_in_digest(session: Any, member: Member, period: str, call_ids: list[str], composed_at: datetime) -> None:
    """A member digest of `period` that told `call_ids` (sent)."""
    session.add(
        Digest(
            kind="member",
            recipient=member.email,
            member_id=member.id,
            period=period,
            state="sent",
            message_id=f"<{period}.{member.id}@example.org>",
            subject=period,
            call_ids=call_ids,
            sections={"new": call_ids},
            composed_at=composed_at,
            sent_at=composed_at,
        )
    )


# -- golden files ------------------------------------------------------------------------------------------

GOLDEN_NOW = TUESDAY_10


def golden_world(session: Any) -> dict[str, Any]:
    """The scenario, plus a call closing today told in W08, and a reminder (8 March) of the closing call's
    former deadline (11 March), which has since moved to 12 March."""
    rows = scenario(session)
    today = add_call(
        session,
        "tacr:SS05010001",
        "Prostředí pro život: fotonika pro monitorování ovzduší",
        now=NOW,
        programme="Prostředí pro život",
        call_code="SS05010001",
        deadlines=["2026-03-10T16:00:00+01:00"],
    )
    session.flush()
    for member in rows["members"].values():
        add_match(session, today, member, score=0.55, terms=["fotonika"], pillars=["industrial-consumer-optics"])
        told_in_digest(session, member, "2026-W08", [today.id], NOW - timedelta(days=14))
        session.add(
            Digest(
                kind="reminder",
                recipient=member.email,
                member_id=member.id,
                period="2026-03-08",
                state="sent",
                message_id=f"<r.{member.id}@example.org>",
                subject="reminder",
                call_ids=[CLOSING],
                sections={"reminders": [CLOSING], "deadlines": {CLOSING: "2026-03-11T11:00:00+00:00"}},
                composed_at=datetime(2026, 3, 8, 7, 0, tzinfo=UTC),
            )
        )
    session.flush()
    return rows


@pytest.mark.parametrize("lang", ["cs", "en"])
def test_golden(sqlite_engine: Engine, tmp_path: Path, lang: str) -> None:
    with freeze_time(GOLDEN_NOW), session_scope(sqlite_engine) as s:
        rows = golden_world(s)
        cfg = config(tmp_path)
        content = compose_reminder(s, rows["members"][lang], cfg, GOLDEN_NOW, links())
        rendered = render_reminder(content, PILLARS, cfg.timezone, cfg.contact_email)
    check(f"reminder_{lang}.txt", f"Subject: {rendered.subject}\n\n{rendered.text}")
    check(f"reminder_{lang}.html", rendered.html)
    # What the golden files must show, stated here too so that a regenerated file cannot silently lose it.
    assert [e.call.id for e in content.entries] == ["tacr:SS05010001", CLOSING]  # nearest deadline first
    moved = {
        "cs": "uzávěrka posunuta z 11. 3. na 12. 3. (o 1 den později)",
        "en": "deadline moved from 11. 3. to 12. 3. (1 day later)",
    }
    assert [n.replace(NBSP, " ") for n in content.entries[1].changes] == [moved[lang]]
    assert content.entries[0].changes == []
    assert "<style" not in rendered.html and 'class="card closing"' in rendered.html
    assert content.links["unsubscribe"] in rendered.html and content.links["unsubscribe"] in rendered.text


def test_subject_of_a_single_reminder_names_the_call(sqlite_engine: Engine, tmp_path: Path) -> None:
    with session_scope(sqlite_engine) as s:
        scenario(s)
        cfg = config(tmp_path)
        subjects = {}
        for address in ("info@meopta.example.cz", "contact@fzu.example.cz"):
            content = compose_reminder(s, member_by_email(s, address), cfg, MONDAY_9, links())
            subjects[address] = render_reminder(content, PILLARS, cfg.timezone, cfg.contact_email).subject
    assert subjects["info@meopta.example.cz"].replace(NBSP, " ") == (
        "grantradar: připomínka · Inovační vouchery Olomouckého kraje · zbývají 3 dny"
    )
    assert subjects["contact@fzu.example.cz"].replace(NBSP, " ") == (
        "grantradar: reminder · Inovační vouchery Olomouckého kraje · 3 days left"
    )


# -- composition rules -------------------------------------------------------------------------------------


def test_told_before_is_reminded_once(engine: Engine, tmp_path: Path) -> None:
    cfg = config(tmp_path)
    with session_scope(engine) as s:
        scenario(s)
    run_digests(engine, cfg, now=NOW, pillars=PILLARS)  # W10 digest (its own 14-day "closing soon" section)

    # 8 March: the closing call is 4 days away, outside the 3-day window.
    early = run_reminders(engine, cfg, now=MONDAY_9 - timedelta(days=1), pillars=PILLARS)
    assert (early.written, early.empty) == (0, 2)

    first = run_reminders(engine, cfg, now=MONDAY_9, pillars=PILLARS)
    assert (first.period, first.written, first.empty, first.failed) == ("2026-03-09", 2, 0, 0)
    rows = reminder_rows(engine)
    assert sorted(r.recipient for r in rows) == ["contact@fzu.example.cz", "info@meopta.example.cz"]
    for row in rows:
        assert (row.period, row.state, row.call_ids) == ("2026-03-09", "composed", [CLOSING])
        assert row.sections == {"reminders": [CLOSING], "deadlines": {CLOSING: "2026-03-12T11:00:00+00:00"}}
        assert Path(row.path or "").name.startswith("2026-03-09-reminder-")
    files = sorted(p.name for p in (tmp_path / "outbox").glob("*-reminder-*.eml"))
    assert len(files) == 2

    again = run_reminders(engine, cfg, now=MONDAY_9 + timedelta(hours=6), pillars=PILLARS)
    assert (again.written, again.skipped) == (0, 2)
    later = run_reminders(engine, cfg, now=TUESDAY_10, pillars=PILLARS)  # same deadline: said already
    assert (later.written, later.empty) == (0, 2)
    assert sorted(p.name for p in (tmp_path / "outbox").glob("*-reminder-*.eml")) == files


def test_moved_deadline_is_reminded_again_and_says_so(engine: Engine, tmp_path: Path) -> None:
    cfg = config(tmp_path)
    with session_scope(engine) as s:
        scenario(s)
    assert run_reminders(engine, cfg, now=MONDAY_9, pillars=PILLARS).written == 2
    with session_scope(engine) as s:
        call = s.get(Call, CLOSING)
        assert call is not None
        old = list(call.deadlines)
        add_change(s, call, "deadlines", old, ["2026-03-13T12:00:00+01:00"], MONDAY_9 + timedelta(hours=10))
    with session_scope(engine) as s:
        content = compose_reminder(s, member_by_email(s, "info@meopta.example.cz"), cfg, TUESDAY_10, links())
        assert [e.call.id for e in content.entries] == [CLOSING]
        assert [n.replace(NBSP, " ") for n in content.entries[0].changes] == [
            "uzávěrka posunuta z 12. 3. na 13. 3. (o 1 den později)"
        ]
    second = run_reminders(engine, cfg, now=TUESDAY_10, pillars=PILLARS)
    assert second.written == 2
    latest = [r for r in reminder_rows(engine) if r.period == "2026-03-10"]
    assert {r.sections["deadlines"][CLOSING] for r in latest} == {"2026-03-13T11:00:00+00:00"}
    assert run_reminders(engine, cfg, now=TUESDAY_10 + timedelta(days=1), pillars=PILLARS).written == 0


def test_next_stage_of_a_multi_stage_call_is_a_new_reminder_not_a_move(engine: Engine, tmp_path: Path) -> None:
    cfg = config(tmp_path)
    with session_scope(engine) as s:
        member = add_member(s, "M", "m@example.cz")
        call = add_call(
            s,
            "sedia:TWO-STAGE",
            "Two stages",
            now=NOW,
            deadlines=["2026-03-05T17:00:00+01:00", "2026-03-20T17:00:00+01:00"],
        )
        s.flush()
        add_match(s, call, member)
        told_in_digest(s, member, "2026-W09", [call.id], NOW - timedelta(days=7))
    assert run_reminders(engine, cfg, now=NOW + timedelta(days=1), pillars=[]).written == 1  # 5 March
    assert run_reminders(engine, cfg, now=NOW + timedelta(days=2), pillars=[]).written == 0
    with session_scope(engine) as s:
        member = member_by_email(s, "m@example.cz")
        content = compose_reminder(s, member, cfg, datetime(2026, 3, 18, 7, 0, tzinfo=UTC), links())
        assert [(e.call.id, e.call.days_left, e.changes) for e in content.entries] == [("sedia:TWO-STAGE", 2, [])]


def test_not_told_before_gets_no_reminder_and_a_call_told_today_waits_a_day(engine: Engine, tmp_path: Path) -> None:
    cfg = config(tmp_path)
    with session_scope(engine) as s:
        member = add_member(s, "M", "m@example.cz")
        call = add_call(s, "tacr:SOON", "Closes soon", now=NOW, deadlines=["2026-03-04T23:59:59+01:00"])
        s.flush()
        add_match(s, call, member)
    # Visible and closing in two days, but never told: a reminder never introduces a call.
    assert run_reminders(engine, cfg, now=NOW - timedelta(minutes=30), pillars=[]).written == 0
    # The weekly digest tells it at 09:00 Prague; the reminder run of the same day does not repeat it.
    assert run_digests(engine, cfg, now=NOW, pillars=[]).written == 2  # the member's and the manager's
    same_day = run_reminders(engine, cfg, now=NOW + timedelta(hours=1), pillars=[])
    assert (same_day.written, same_day.skipped, same_day.empty) == (0, 0, 1)
    next_day = run_reminders(engine, cfg, now=NOW + timedelta(days=1), pillars=[])
    assert next_day.written == 1
    assert [r.call_ids for r in reminder_rows(engine)] == [["tacr:SOON"]]


def test_not_relevant_irrelevant_and_rejected_calls_are_never_reminded(engine: Engine, tmp_path: Path) -> None:
    cfg = config(tmp_path)
    with session_scope(engine) as s:
        rows = scenario(s)
        cs, en = rows["members"]["cs"], rows["members"]["en"]
        s.add(Feedback(call_id=CLOSING, member_id=cs.id, verdict="not_relevant", origin="member"))
        cs_id, en_id = cs.id, en.id
    with session_scope(engine) as s:
        assert compose_reminder(s, s.get(Member, cs_id), cfg, MONDAY_9, links()).is_empty  # type: ignore[arg-type]
        assert not compose_reminder(s, s.get(Member, en_id), cfg, MONDAY_9, links()).is_empty  # type: ignore[arg-type]
        match = s.scalars(select(MemberMatch).where(MemberMatch.member_id == en_id, MemberMatch.call_id == CLOSING))
        match.one().review_state = "rejected"
    with session_scope(engine) as s:
        assert compose_reminder(s, s.get(Member, en_id), cfg, MONDAY_9, links()).is_empty  # type: ignore[arg-type]
        for match in s.scalars(select(MemberMatch).where(MemberMatch.call_id == CLOSING)):
            match.review_state = "approved"
        call = s.get(Call, CLOSING)
        assert call is not None
        call.irrelevant = True
    summary = run_reminders(engine, cfg, now=MONDAY_9, pillars=PILLARS)
    assert (summary.written, summary.empty) == (0, 2)
    assert reminder_rows(engine) == []


def test_without_review_the_threshold_decides(engine: Engine, tmp_path: Path) -> None:
    with session_scope(engine) as s:
        scenario(s)  # the closing call's match scores 0.4, pending review would not matter without review
        member = member_by_email(s, "info@meopta.example.cz")
        low = compose_reminder(
            s, member, config(tmp_path, review_required=False, match_threshold=0.5), MONDAY_9, links()
        )
        high = compose_reminder(
            s, member, config(tmp_path, review_required=False, match_threshold=0.3), MONDAY_9, links()
        )
    assert low.is_empty
    assert [e.call.id for e in high.entries] == [CLOSING]


def test_window_is_counted_in_calendar_days_in_prague(sqlite_engine: Engine, tmp_path: Path) -> None:
    with session_scope(sqlite_engine) as s:
        member = add_member(s, "M", "m@example.cz")
        ids = []
        for day in (9, 10, 12, 13):  # 0, 1, 3 and 4 days after Monday 9 March
            call = add_call(s, f"tacr:D{day}", f"Day {day}", now=NOW, deadlines=[f"2026-03-{day:02d}T23:59:59+01:00"])
            ids.append(call.id)
        passed = add_call(s, "tacr:PASSED", "Closed this morning", now=NOW, deadlines=["2026-03-09T06:00:00+01:00"])
        s.flush()
        for call_id in [*ids, passed.id]:
            add_match(s, s.get(Call, call_id), member)  # type: ignore[arg-type]
        told_in_digest(s, member, "2026-W10", [*ids, passed.id], NOW)
        s.flush()

        def due(days: int) -> list[tuple[str, int | None]]:
            content = compose_reminder(s, member, config(tmp_path, reminder_days=days), MONDAY_9, links())
            return [(e.call.id, e.call.days_left) for e in content.entries]

        assert due(3) == [("tacr:D9", 0), ("tacr:D10", 1), ("tacr:D12", 3)]
        assert due(0) == [("tacr:D9", 0)]
    # 23:30 UTC on Sunday is already Monday in Prague: the period is the local date.
    assert reminder_period(datetime(2026, 3, 8, 23, 30, tzinfo=UTC)) == "2026-03-09"
    assert reminder_period(datetime(2026, 3, 8, 22, 30, tzinfo=UTC)) == "2026-03-08"


def test_nothing_due_means_no_email_and_no_row(engine: Engine, tmp_path: Path) -> None:
    cfg = config(tmp_path)
    with session_scope(engine) as s:
        scenario(s)
    summary = run_reminders(engine, cfg, now=NOW, pillars=PILLARS)  # the closing call is 10 days away
    assert (summary.written, summary.empty, summary.feeds) == (0, 2, 0)
    assert reminder_rows(engine) == []
    assert not (tmp_path / "outbox").exists() or not list((tmp_path / "outbox").iterdir())


def test_digest_off_and_unsubscribed_members_get_nothing(engine: Engine, tmp_path: Path) -> None:
    with session_scope(engine) as s:
        rows = scenario(s)
        rows["members"]["en"].unsubscribed_at = NOW
        rows["members"]["cs"].digest = "off"
    summary = run_reminders(engine, config(tmp_path), now=MONDAY_9, pillars=PILLARS)
    assert (summary.written, summary.empty) == (0, 0)
    assert reminder_rows(engine) == []


def test_refused_without_key_or_with_a_negative_window(sqlite_engine: Engine, tmp_path: Path) -> None:
    with pytest.raises(DigestError, match="SECRET_KEY"):
        run_reminders(sqlite_engine, config(tmp_path, secret_key=None), now=NOW, pillars=[])
    with pytest.raises(DigestError, match="reminder_days"):
        run_reminders(sqlite_engine, config(tmp_path, reminder_days=-1), now=NOW, pillars=[])
    with pytest.raises(DigestError, match="SMTP_URL"):
        run_reminders(sqlite_engine, config(tmp_path), send=True, now=NOW, pillars=[])


# -- SMTP --------------------------------------------------------------------------------------------------


def smtp_config(tmp_path: Path, port: int) -> Config:
    return config(tmp_path, smtp_url=f"smtp://127.0.0.1:{port}?timeout=10", smtp_retries=1, smtp_backoff=0.01)


def test_delivered_once_by_smtp_with_the_member_links(
    engine: Engine,
    tmp_path: Path,
    smtp: tuple[Recorder, int],  # noqa: F811
) -> None:
    server, port = smtp
    cfg = smtp_config(tmp_path, port)
    with session_scope(engine) as s:
        rows = scenario(s)
        member_id = rows["members"]["cs"].id
    summary = run_reminders(engine, cfg, send=True, now=MONDAY_9, pillars=PILLARS)
    assert (summary.written, summary.sent, summary.failed) == (2, 2, 0)
    by_rcpt = {rcpts[0]: email.message_from_bytes(raw, policy=policy.default) for rcpts, raw in server.messages}
    assert set(by_rcpt) == {"info@meopta.example.cz", "contact@fzu.example.cz"}
    msg = by_rcpt["info@meopta.example.cz"]
    assert [p.get_content_type() for p in msg.iter_parts()] == ["text/plain", "text/html"]  # type: ignore[attr-defined]
    assert str(msg["Subject"]).replace(NBSP, " ") == (
        "grantradar: připomínka · Inovační vouchery Olomouckého kraje · zbývají 3 dny"
    )
    assert msg["List-Id"] == "grantradar <reminder.grantradar.example.org>"
    assert msg["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    https = str(msg["List-Unsubscribe"]).split(",")[0].strip().strip("<>")
    claims = read_token(SECRET, unquote(https.rsplit("/", 1)[1]), "unsubscribe", None)
    assert claims["member_id"] == member_id
    text = msg.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    feedback = next(line.split(": ", 1)[1] for line in text.splitlines() if line.strip().startswith("Není pro"))
    claims = read_token(SECRET, unquote(feedback.rsplit("/", 1)[1]), "feedback-not-relevant", None)
    assert (claims["member_id"], claims["call_id"]) == (member_id, CLOSING)
    with session_scope(engine) as s:
        row = s.scalars(select(Digest).where(Digest.kind == "reminder", Digest.member_id == member_id)).one()
        assert (row.state, row.attempts, row.message_id) == ("sent", 1, msg["Message-ID"])

    again = run_reminders(engine, cfg, send=True, now=MONDAY_9 + timedelta(hours=3), pillars=PILLARS)
    tomorrow = run_reminders(engine, cfg, send=True, now=TUESDAY_10, pillars=PILLARS)
    assert (again.sent, again.skipped, tomorrow.sent, tomorrow.written) == (0, 2, 0, 0)
    assert len(server.messages) == 2


def test_yesterdays_unsent_reminders_are_finished_unless_their_deadline_passed(
    sqlite_engine: Engine,
    tmp_path: Path,
    smtp: tuple[Recorder, int],  # noqa: F811
) -> None:
    server, port = smtp
    cfg = smtp_config(tmp_path, port)
    with session_scope(sqlite_engine) as s:
        ahead = add_member(s, "Ahead", "ahead@example.cz")
        passed = add_member(s, "Passed", "passed@example.cz")
        later = add_call(s, "tacr:LATER", "Closes Thursday", now=NOW, deadlines=["2026-03-12T23:59:59+01:00"])
        today = add_call(s, "tacr:TODAY", "Closes Monday noon", now=NOW, deadlines=["2026-03-09T12:00:00+01:00"])
        s.flush()
        add_match(s, later, ahead)
        add_match(s, today, passed)
        told_in_digest(s, ahead, "2026-W10", [later.id], NOW)
        told_in_digest(s, passed, "2026-W10", [today.id], NOW)
    # Monday: composed into the outbox, the process died before sending (outbox-only run stands in for it).
    assert run_reminders(sqlite_engine, cfg, send=False, now=MONDAY_9, pillars=[]).written == 2
    tuesday = run_reminders(sqlite_engine, cfg, send=True, now=TUESDAY_10, pillars=[])
    assert (tuesday.written, tuesday.sent) == (0, 1)
    assert [rcpts for rcpts, _ in server.messages] == [["ahead@example.cz"]]
    states = {r.recipient: (r.state, r.last_error) for r in reminder_rows(sqlite_engine)}
    assert states["ahead@example.cz"] == ("sent", None)
    assert states["passed@example.cz"][0] == "failed" and "passed" in (states["passed@example.cz"][1] or "")


def test_hostile_title_cannot_reach_the_headers(
    sqlite_engine: Engine,
    tmp_path: Path,
    smtp: tuple[Recorder, int],  # noqa: F811
) -> None:
    server, port = smtp
    with session_scope(sqlite_engine) as s:
        member = add_member(s, "M", "m@example.cz", language="en")
        call = add_call(
            s,
            "feeds:evil",
            '<script>alert("x")</script>\r\nBcc: victim@example.org',
            now=NOW,
            url="javascript:alert(1)",
            deadlines=["2026-03-10T23:59:59+01:00"],
        )
        s.flush()
        add_match(s, call, member)
        told_in_digest(s, member, "2026-W10", [call.id], NOW)
    assert run_reminders(sqlite_engine, smtp_config(tmp_path, port), send=True, now=MONDAY_9, pillars=[]).sent == 1
    raw = server.messages[0][1]
    headers = raw.split(b"\r\n\r\n", 1)[0]
    assert b"Bcc" not in headers and b"victim" not in headers
    msg = email.message_from_bytes(raw, policy=policy.default)
    html = msg.get_body(("html",)).get_content()  # type: ignore[union-attr]
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "javascript:" not in html


# -- command line and jobs ---------------------------------------------------------------------------------


@pytest.fixture
def cli_env(tmp_path: Path) -> dict[str, str]:
    """A migrated store (real time) where one member was told a call closing in two days."""
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    engine = make_engine(url)
    Base.metadata.create_all(engine)
    alembic_command.stamp(alembic_config(engine), "head")
    now = utcnow()
    deadline = (now + timedelta(days=2)).replace(microsecond=0).isoformat()
    with session_scope(engine) as s:
        member = add_member(s, "Meopta", "info@meopta.example.cz")
        call = add_call(s, "tacr:C1", "Laserové svařování", now=now, deadlines=[deadline])
        s.flush()
        add_match(s, call, member)
        told_in_digest(s, member, "2000-W01", [call.id], now - timedelta(days=3))
    engine.dispose()
    (tmp_path / "none.toml").write_text("", encoding="utf-8")
    return {
        "GRANTRADAR_CONFIG": str(tmp_path / "none.toml"),
        "GRANTRADAR_DATABASE_URL": url,
        "GRANTRADAR_SECRET_KEY": "cli-secret",
        "GRANTRADAR_OUTBOX": str(tmp_path / "outbox"),
        "GRANTRADAR_SMTP_URL": "",
    }


def invoke(env: dict[str, str], *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), env=env)
    return result.exit_code, result.output


def test_digest_reminders_command(cli_env: dict[str, str], tmp_path: Path) -> None:
    code, out = invoke(cli_env, "digest", "--reminders")
    assert code == 0, out
    assert out.startswith(f"reminders {reminder_period(utcnow())}: 1 written, 0 sent, 0 failed, 0 already done")
    assert [p.name.split("-reminder-")[0] for p in (tmp_path / "outbox").glob("*.eml")] == [reminder_period(utcnow())]
    assert not (tmp_path / "outbox" / "feeds").exists()  # the weekly run writes the feeds, not reminders
    code, out = invoke(cli_env, "digest", "--reminders")
    assert code == 0 and "0 written" in out and "1 already done" in out
    assert "--reminders" in invoke(cli_env, "digest", "--help")[1]


def test_run_reminders_exit_codes(cli_env: dict[str, str], tmp_path: Path) -> None:
    code, out = invoke(cli_env, "run", "reminders")
    assert code == 0, out
    assert out.splitlines()[0].startswith("reminders") and "written=1" in out and "delivery=outbox" in out
    code, out = invoke(cli_env, "run", "reminders", "--json")
    assert code == 0 and '"skipped": 1' in out
    # The run happened and its step failed (no signing key): 1, with the reason.
    code, out = invoke({**cli_env, "GRANTRADAR_SECRET_KEY": ""}, "run", "reminders")
    assert code == 1 and "SECRET_KEY" in out and "finished with failures: failed: reminders" in out
    # Bad usage: 2.
    code, out = invoke(cli_env, "run", "reminders", "tacr")
    assert code == 2 and "takes no sources" in out
    assert "reminders" in invoke(cli_env, "run", "--help")[1]


def test_reminders_is_a_cycle_of_one_step(sqlite_engine: Engine, tmp_path: Path) -> None:
    assert [step.name for step in plan("reminders", config(tmp_path), sqlite_engine)] == ["reminders"]
