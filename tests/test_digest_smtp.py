"""Delivery against a real SMTP server started in the test (aiosmtpd on loopback).

Covers: multipart structure and list headers; the unsubscribe token round trip; a server that refuses and then
accepts (retried, delivered once); a permanent refusal; a batch process SIGKILLed mid-send and run again (every
recipient ends up with exactly one digest, counted by Message-ID at the server); hostile titles made inert.
"""

from __future__ import annotations

import asyncio
import dataclasses
import email
import os
import signal
import socket
import subprocess
import sys
import textwrap
import threading
import time
from collections import defaultdict
from collections.abc import Iterator
from email import policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import Engine, select

from digests.delivery import SmtpSender, parse_smtp_url
from digests.samples import PILLARS, SCENARIO_NOW, add_call, add_match, add_member, scenario
from digests.service import run_digests
from digests.tokens import read_token
from grantradar.config import Config
from store.db import session_scope
from store.models import Digest

REPO = Path(__file__).resolve().parents[1]
NOW = SCENARIO_NOW
SECRET = "smtp-test-secret"


class Recorder:
    """An SMTP handler that keeps every accepted message; it can refuse the first N, or stall each reply."""

    def __init__(self) -> None:
        self.messages: list[tuple[list[str], bytes]] = []
        self.refuse_next = 0
        self.refuse_code = "451 4.3.0 Try again later"
        self.delay = 0.0
        self.refused = 0
        self.lock = threading.Lock()

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        with self.lock:
            if self.refuse_next > 0:
                self.refuse_next -= 1
                self.refused += 1
                return self.refuse_code
            self.messages.append((list(envelope.rcpt_tos), bytes(envelope.original_content or envelope.content)))
        if self.delay:
            # The message is in the mailbox but the "250" is late: the client may be killed while waiting.
            await asyncio.sleep(self.delay)
        return "250 2.0.0 OK queued"

    def parsed(self) -> list[EmailMessage]:
        with self.lock:
            return [email.message_from_bytes(raw, policy=policy.default) for _, raw in self.messages]  # type: ignore[misc]

    def ids_by_recipient(self) -> dict[str, set[str]]:
        out: dict[str, set[str]] = defaultdict(set)
        with self.lock:
            items = list(self.messages)
        for rcpts, raw in items:
            msg = email.message_from_bytes(raw, policy=policy.default)
            for rcpt in rcpts:
                out[rcpt].add(str(msg["Message-ID"]))
        return out


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def smtp() -> Iterator[tuple[Recorder, int]]:
    recorder = Recorder()
    port = free_port()
    controller = Controller(recorder, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield recorder, port
    finally:
        controller.stop()


def make_config(tmp_path: Path, port: int, **changes: Any) -> Config:
    base = Config(
        secret_key=SECRET,
        base_url="https://radar.example.org",
        outbox=str(tmp_path / "outbox"),
        smtp_url=f"smtp://127.0.0.1:{port}?timeout=10",
        smtp_retries=3,
        smtp_backoff=0.01,
    )
    return dataclasses.replace(base, **changes)


def test_multipart_structure_headers_and_unsubscribe_round_trip(
    engine: Engine, tmp_path: Path, smtp: tuple[Recorder, int]
) -> None:
    server, port = smtp
    with session_scope(engine) as s:
        rows = scenario(s)
        member_id = rows["members"]["cs"].id
    summary = run_digests(engine, make_config(tmp_path, port), send=True, now=NOW, pillars=PILLARS)
    assert (summary.written, summary.sent, summary.failed) == (5, 5, 0)

    by_rcpt = {rcpts[0]: email.message_from_bytes(raw, policy=policy.default) for rcpts, raw in server.messages}
    assert set(by_rcpt) == {
        "info@meopta.example.cz",
        "contact@fzu.example.cz",
        "lasery@example.org",
        "optika@example.org",
        "manager@example.org",
    }
    msg = by_rcpt["info@meopta.example.cz"]
    assert msg.get_content_type() == "multipart/alternative"
    parts = [p.get_content_type() for p in msg.iter_parts()]  # type: ignore[attr-defined]
    assert parts == ["text/plain", "text/html"]
    assert msg["Subject"] == "grantradar: 3 nové výzvy, 1 změna, 1 brzy končí · týden 10/2026"
    assert msg["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    with session_scope(engine) as s:
        row = s.scalars(
            select(Digest).where(Digest.recipient == "info@meopta.example.cz", Digest.period == "2026-W10")
        ).one()
        assert (row.state, row.attempts, row.message_id) == ("sent", 1, msg["Message-ID"])
        assert row.sent_at is not None

    unsubscribe = str(msg["List-Unsubscribe"])
    https = unsubscribe.split(",")[0].strip().strip("<>")
    assert https.startswith("https://radar.example.org/unsubscribe/")
    assert "mailto:grantradar@example.org" in unsubscribe
    token = unquote(https.rsplit("/", 1)[1])
    assert read_token(SECRET, token, "unsubscribe") == {
        "purpose": "unsubscribe",
        "member_id": member_id,
        "call_id": None,
    }
    # The same link is in the footer of both parts; feedback links name the member and the call.
    html = msg.get_body(("html",)).get_content()  # type: ignore[union-attr]
    text = msg.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert https in html and https in text
    feedback = next(line.split(": ", 1)[1] for line in text.splitlines() if line.strip().startswith("Není pro"))
    claims = read_token(SECRET, unquote(feedback.rsplit("/", 1)[1]), "feedback-not-relevant")
    assert claims["member_id"] == member_id and claims["call_id"] == "sedia:HORIZON-CL4-2026-01-12"

    # Staff digests have no member token: only the mailto unsubscribe, and no one-click header.
    manager = by_rcpt["manager@example.org"]
    assert manager["List-Unsubscribe"] == "<mailto:grantradar@example.org?subject=unsubscribe>"
    assert manager["List-Unsubscribe-Post"] is None

    # A second run in the same week sends nothing.
    again = run_digests(engine, make_config(tmp_path, port), send=True, now=NOW, pillars=PILLARS)
    assert (again.sent, again.skipped) == (0, 5)
    assert len(server.messages) == 5


def test_refused_then_accepted_is_retried_and_delivered_once(
    sqlite_engine: Engine, tmp_path: Path, smtp: tuple[Recorder, int]
) -> None:
    server, port = smtp
    with session_scope(sqlite_engine) as s:
        member = add_member(s, "M", "m@example.cz")
        call = add_call(s, "tacr:X1", "Call", now=NOW, deadlines=["2026-05-01T23:59:59+02:00"])
        s.flush()
        add_match(s, call, member)
    server.refuse_next = 2  # 451 twice, then 250
    summary = run_digests(sqlite_engine, make_config(tmp_path, port), send=True, now=NOW, pillars=[])
    assert (summary.sent, summary.failed) == (2, 0)  # the member's and the manager's
    assert server.refused == 2
    assert [rcpts for rcpts, _ in server.messages].count(["m@example.cz"]) == 1
    with session_scope(sqlite_engine) as s:
        first = s.scalars(select(Digest).order_by(Digest.id)).first()
        assert first is not None and (first.state, first.attempts) == ("sent", 3)


def test_permanent_refusal_fails_without_retrying_and_a_rerun_tries_again(
    sqlite_engine: Engine, tmp_path: Path, smtp: tuple[Recorder, int]
) -> None:
    server, port = smtp
    with session_scope(sqlite_engine) as s:
        member = add_member(s, "M", "m@example.cz")
        call = add_call(s, "tacr:X1", "Call", now=NOW, deadlines=["2026-05-01T23:59:59+02:00"])
        s.flush()
        add_match(s, call, member)
    server.refuse_next, server.refuse_code = 1, "550 5.1.1 No such user"
    summary = run_digests(sqlite_engine, make_config(tmp_path, port), send=True, now=NOW, pillars=[])
    assert (summary.sent, summary.failed) == (1, 1) and server.refused == 1
    assert "550" in summary.errors[0]
    with session_scope(sqlite_engine) as s:
        states = {d.recipient: (d.state, d.attempts) for d in s.scalars(select(Digest))}
    assert states["m@example.cz"] == ("failed", 1)
    rerun = run_digests(sqlite_engine, make_config(tmp_path, port), send=True, now=NOW, pillars=[])
    assert (rerun.sent, rerun.failed, rerun.skipped) == (1, 0, 2)
    assert [rcpts for rcpts, _ in server.messages].count(["m@example.cz"]) == 1


def test_unreachable_server_gives_up_after_retries(sqlite_engine: Engine, tmp_path: Path) -> None:
    with session_scope(sqlite_engine) as s:
        add_member(s, "M", "m@example.cz")
    sleeps: list[float] = []
    sender = SmtpSender(
        parse_smtp_url(f"smtp://127.0.0.1:{free_port()}?timeout=2"), retries=3, backoff=0.5, sleep=sleeps.append
    )
    summary = run_digests(sqlite_engine, make_config(tmp_path, 1), send=True, now=NOW, pillars=[], sender=sender)
    assert (summary.sent, summary.failed) == (0, 1)
    assert sleeps == [0.5, 1.0, 2.0]  # exponential backoff between the 4 attempts
    assert "gave up after 4 attempts" in summary.errors[0]


def test_hostile_titles_are_inert(sqlite_engine: Engine, tmp_path: Path, smtp: tuple[Recorder, int]) -> None:
    server, port = smtp
    with session_scope(sqlite_engine) as s:
        member = add_member(s, 'Evil "Corp"\r\nBcc: victim@example.org', "m@example.cz", language="en")
        call = add_call(
            s,
            "feeds:evil",
            '<script>alert("x")</script><img src=x onerror=alert(1)>\r\nBcc: victim@example.org',
            now=NOW,
            url="javascript:alert(document.cookie)",
            funder="<b>Funder</b>\r\nX-Injected: 1",
            deadlines=["2026-05-01T23:59:59+02:00"],
        )
        s.flush()
        add_match(s, call, member, terms=["<i>term</i>"])
    summary = run_digests(sqlite_engine, make_config(tmp_path, port), send=True, now=NOW, pillars=[])
    assert summary.sent == 2
    assert sorted(rcpts[0] for rcpts, _ in server.messages) == ["m@example.cz", "manager@example.org"]
    _rcpts, raw = next(m for m in server.messages if m[0] == ["m@example.cz"])
    msg = email.message_from_bytes(raw, policy=policy.default)
    header_block = raw.split(b"\r\n\r\n", 1)[0]
    assert b"Bcc" not in header_block and b"X-Injected" not in header_block and b"victim" not in header_block
    assert msg["Bcc"] is None and msg["X-Injected"] is None
    html = msg.get_body(("html",)).get_content()  # type: ignore[union-attr]
    assert "<script>" not in html and "<img" not in html and "<b>Funder" not in html and "<i>term" not in html
    assert '&lt;script&gt;alert("x")&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;' in html
    assert "javascript:" not in html
    text = msg.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    title_line = next(line for line in text.splitlines() if "alert" in line)
    assert "Bcc: victim@example.org" in title_line  # still there, but on the title's own line, as text
    assert "javascript:" not in text


CHILD = textwrap.dedent(
    """
    import sys
    from grantradar.config import Config
    from digests.service import run_digests
    from digests.samples import SCENARIO_NOW
    from store.db import make_engine

    url, port, outbox = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    config = Config(secret_key="smtp-test-secret", base_url="https://radar.example.org", outbox=outbox,
                    smtp_url=f"smtp://127.0.0.1:{port}?timeout=30", smtp_retries=0)
    run_digests(make_engine(url), config, send=True, now=SCENARIO_NOW, pillars=[], lock_ttl=1.0)
    print("finished", flush=True)
    """
)


def test_killed_mid_batch_then_rerun_delivers_each_digest_exactly_once(
    engine: Engine, tmp_path: Path, smtp: tuple[Recorder, int]
) -> None:
    server, port = smtp
    members = 6
    with session_scope(engine) as s:
        call = add_call(s, "tacr:K1", "Call", now=NOW, deadlines=["2026-05-01T23:59:59+02:00"])
        for i in range(members):
            member = add_member(s, f"Member {i}", f"m{i}@example.cz")
            add_match(s, call, member)
    server.delay = 0.5
    url = engine.url.render_as_string(hide_password=False)
    log = (tmp_path / "child.log").open("w")
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, url, str(port), str(tmp_path / "outbox")],
        cwd=REPO,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 60
    while not server.messages and time.monotonic() < deadline and child.poll() is None:
        time.sleep(0.01)
    assert server.messages, (tmp_path / "child.log").read_text()
    # The first message is in the mailbox and its "250" is still on the way: kill the batch right there.
    os.kill(child.pid, signal.SIGKILL)
    child.wait(timeout=30)
    log.close()
    assert child.returncode == -signal.SIGKILL

    with session_scope(engine) as s:
        states = sorted(d.state for d in s.scalars(select(Digest)))
    assert "sending" in states  # the interrupted one
    assert states.count("sent") < members + 1  # the batch really was cut short

    server.delay = 0.0
    summary = run_digests(
        engine, make_config(tmp_path, port), send=True, now=NOW, pillars=[], lock_ttl=1.0, lock_wait=10.0
    )
    assert summary.failed == 0 and summary.written == 0  # nothing composed twice
    ids = server.ids_by_recipient()
    expected = {f"m{i}@example.cz" for i in range(members)} | {"manager@example.org"}
    assert set(ids) == expected
    assert all(len(message_ids) == 1 for message_ids in ids.values()), ids
    # Only the message in flight at the kill may have been transmitted twice (same bytes, same Message-ID).
    assert len(server.messages) <= len(expected) + 1
    with session_scope(engine) as s:
        assert {d.state for d in s.scalars(select(Digest))} == {"sent"}


def self_signed(tmp_path: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1 (and its key), made for this test only."""
    import datetime as dt
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(hours=1))
        .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), True)
        .sign(key, hashes.SHA256())
    )
    cert_file, key_file = tmp_path / "cert.pem", tmp_path / "key.pem"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    return cert_file, key_file


def test_starttls_and_login(sqlite_engine: Engine, tmp_path: Path) -> None:
    import ssl

    from aiosmtpd.smtp import AuthResult, LoginPassword

    cert_file, key_file = self_signed(tmp_path)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert_file, key_file)
    logins: list[tuple[bytes, bytes]] = []

    def authenticator(server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> AuthResult:
        assert session.ssl is not None, "credentials must only travel over TLS"
        if isinstance(data, LoginPassword):
            logins.append((data.login, data.password))
            ok = data.login == b"radar" and data.password == b"p@ss word"
            return AuthResult(success=ok, handled=False)  # handled=False: aiosmtpd sends the 535 itself
        return AuthResult(success=False, handled=False)

    recorder = Recorder()
    port = free_port()
    controller = Controller(
        recorder,
        hostname="127.0.0.1",
        port=port,
        tls_context=context,
        require_starttls=True,
        authenticator=authenticator,
        auth_required=True,
    )
    controller.start()
    try:
        with session_scope(sqlite_engine) as s:
            add_member(s, "M", "m@example.cz")
        url = f"smtp://radar:p%40ss%20word@127.0.0.1:{port}?starttls=1&timeout=5&cafile={cert_file}"
        summary = run_digests(sqlite_engine, make_config(tmp_path, port, smtp_url=url), send=True, now=NOW, pillars=[])
        assert (summary.sent, summary.failed) == (1, 0), summary.errors
        assert logins == [(b"radar", b"p@ss word")]
        assert [rcpts for rcpts, _ in recorder.messages] == [["manager@example.org"]]

        # Wrong password: the batch stops with one clear reason, and the digest stays to be sent later.
        bad = f"smtp://radar:wrong@127.0.0.1:{port}?starttls=1&timeout=5&cafile={cert_file}"
        with session_scope(sqlite_engine) as s:
            for digest in s.scalars(select(Digest)):
                digest.state = "composed"
        refused = run_digests(sqlite_engine, make_config(tmp_path, port, smtp_url=bad), send=True, now=NOW, pillars=[])
        assert refused.failed == 1 and "login refused" in refused.errors[0]
    finally:
        controller.stop()


def test_smtp_url_forms() -> None:
    s = parse_smtp_url("smtp://u%40x:p%3Ass@mail.example.org:2525?starttls=1&timeout=5")
    assert (s.host, s.port, s.username, s.password, s.starttls, s.implicit_tls, s.timeout) == (
        "mail.example.org",
        2525,
        "u@x",
        "p:ss",
        True,
        False,
        5.0,
    )
    assert "p:ss" not in repr(s)
    tls = parse_smtp_url("smtps://u:p@mail.example.org")
    assert (tls.port, tls.implicit_tls) == (465, True)
    assert parse_smtp_url("smtp://relay?starttls=1").port == 587
    with pytest.raises(ValueError):
        parse_smtp_url("http://mail.example.org")


def test_outbox_now_send_later_finishes_last_weeks_digests(
    sqlite_engine: Engine, tmp_path: Path, smtp: tuple[Recorder, int]
) -> None:
    from datetime import timedelta

    server, port = smtp
    with session_scope(sqlite_engine) as s:
        member = add_member(s, "M", "m@example.cz")
        call = add_call(s, "tacr:X1", "Call", now=NOW, deadlines=["2026-05-01T23:59:59+02:00"])
        s.flush()
        add_match(s, call, member)
    outbox_only = run_digests(sqlite_engine, make_config(tmp_path, port), now=NOW, pillars=[])
    assert (outbox_only.written, outbox_only.sent) == (2, 0) and not server.messages
    later = run_digests(sqlite_engine, make_config(tmp_path, port), send=True, now=NOW + timedelta(days=7), pillars=[])
    # W10's two (composed, never sent) go out; W11 has only the manager's report (the call was told in W10).
    assert (later.written, later.sent, later.empty) == (1, 3, 1)
    assert sorted(r[0] for r, _ in server.messages) == ["m@example.cz", "manager@example.org", "manager@example.org"]
