"""End to end through the bundled demo snapshot: `scrapy crawl X -O` per source, and `grantradar demo` twice."""

from __future__ import annotations

import email
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from grantradar.crawl import available_spiders
from grantradar.mirror import MirrorServer
from spiders.items import CALL_FIELDS
from spiders.validation import problem
from store.db import make_engine, session_scope
from store.models import Call, CallRecord, Digest, Member, MemberMatch

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def mirror():
    with MirrorServer() as server:
        yield server.url


@pytest.mark.parametrize("source", available_spiders())
def test_scrapy_crawl_through_mirror_writes_contract_records(source: str, mirror: str, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "scrapy",
            "crawl",
            source,
            "-s",
            f"MIRROR_URL={mirror}",
            "-s",
            "DOWNLOAD_DELAY=0",
            "-s",
            "AUTOTHROTTLE_ENABLED=0",
            "-s",
            "HTTPCACHE_ENABLED=0",
            "-s",
            "LOG_LEVEL=WARNING",
            "-O",
            str(out),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert records, f"{source} wrote no records: {proc.stderr[-2000:]}"
    for rec in records:
        assert list(rec) == list(CALL_FIELDS) or set(rec) == set(CALL_FIELDS)
        assert rec["source"] == source
        assert problem(rec, mirror) is None, (problem(rec, mirror), rec["id"])
        assert "127.0.0.1" not in rec["url"]
        assert all("127.0.0.1" not in d["url"] for d in rec["documents"])


def test_demo_twice_is_idempotent(tmp_path: Path) -> None:
    env = dict(
        os.environ,
        GRANTRADAR_DATABASE_URL=f"sqlite:///{tmp_path / 'demo.db'}",
        GRANTRADAR_OUTBOX=str(tmp_path / "outbox"),
        GRANTRADAR_CONFIG="",
    )
    env.pop("GRANTRADAR_SMTP_URL", None)
    cli = [sys.executable, "-c", "from grantradar.cli import main; main()", "demo"]
    first = subprocess.run(cli, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=900, check=False)
    assert first.returncode == 0, first.stdout[-3000:] + first.stderr[-3000:]
    for source in available_spiders():
        assert source in first.stdout
    assert "matches:" in first.stdout and "digests written:" in first.stdout

    engine = make_engine(env["GRANTRADAR_DATABASE_URL"])
    with session_scope(engine) as session:
        calls = session.scalar(select(func.count()).select_from(Call))
        records = session.scalar(select(func.count()).select_from(CallRecord))
        digests = session.scalar(select(func.count()).select_from(Digest))
        matched_members = set(session.scalars(select(MemberMatch.member_id).distinct()).all())
        emails = {m.id: m.email for m in session.scalars(select(Member)).all()}
    emls = sorted((tmp_path / "outbox").rglob("*.eml"))
    assert calls > 0 and records >= calls and digests > 0
    recipients = {email.message_from_bytes(p.read_bytes())["To"] for p in emls}
    assert any(emails[m] in " ".join(recipients) for m in matched_members)

    second = subprocess.run(cli, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=900, check=False)
    assert second.returncode == 0, second.stdout[-3000:] + second.stderr[-3000:]
    with session_scope(engine) as session:
        assert session.scalar(select(func.count()).select_from(Call)) == calls
        assert session.scalar(select(func.count()).select_from(CallRecord)) == records
        assert session.scalar(select(func.count()).select_from(Digest)) == digests
    assert sorted((tmp_path / "outbox").rglob("*.eml")) == emls
    engine.dispose()
