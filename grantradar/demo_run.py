"""The demo: members imported, the snapshot crawled through a loopback mirror, matched, digests written."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine, func, select

from grantradar.config import Config
from grantradar.mirror import DEFAULT_SNAPSHOT, MirrorServer
from store.db import session_scope
from store.members import import_members, load_members_file
from store.models import Call, CallRecord, MemberMatch

DEMO_MEMBERS = Path(__file__).parent / "demo" / "members.csv"


@dataclass
class DemoSummary:
    members: tuple[int, int] = (0, 0)
    crawls: list[tuple[str, str, int, str | None]] = field(default_factory=list)
    records_per_source: dict[str, int] = field(default_factory=dict)
    calls_total: int = 0
    calls_scored: int = 0
    matches: int = 0
    digests: dict[str, object] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)

    def render(self) -> str:
        lines = ["grantradar demo summary", "======================="]
        lines.append(f"members: {self.members[0]} added, {self.members[1]} updated")
        lines.append("calls per source (this crawl; stored in total):")
        for source, status, items, reason in self.crawls:
            stored = self.records_per_source.get(source, 0)
            note = "" if status == "ok" else f"  FAILED: {reason}"
            lines.append(f"  {source:<10} {items:>5} crawled  {stored:>5} stored{note}")
        lines.append(f"calls in the store (one per call across sources): {self.calls_total}")
        lines.append(f"matches: {self.matches} member matches ({self.calls_scored} calls scored this run)")
        d = self.digests
        lines.append(
            f"digests written: {d.get('written', 0)} this run for week {d.get('period')} "
            f"({d.get('skipped', 0)} already written earlier this week, {d.get('empty', 0)} recipients with nothing "
            f"new, {d.get('failed', 0)} failed); member calendar/Atom feeds: {d.get('feeds', 0)}"
        )
        return "\n".join(lines)


def run_demo(
    config: Config, engine: Engine, progress: Callable[[str], None] | None = None, snapshot: Path = DEFAULT_SNAPSHOT
) -> DemoSummary:
    from digests.service import run_digests
    from grantradar.crawl import run_crawl
    from matcher.service import run_match

    say = progress or (lambda _msg: None)
    summary = DemoSummary()
    rows = load_members_file(DEMO_MEMBERS)
    with session_scope(engine) as session:
        summary.members = import_members(session, rows)
    say(f"demo members: {len(rows)}")

    with MirrorServer(snapshot) as mirror:
        say(f"mirror of the bundled snapshot at {mirror.url}")
        outcomes = run_crawl(config, None, mirror.url, progress=say)
    for outcome in outcomes:
        summary.crawls.append((outcome.source, outcome.status, outcome.items, outcome.reason))
        if outcome.status != "ok":
            summary.failures.append(f"{outcome.source}: {outcome.reason}")

    say("matching ...")
    match_summary = run_match(engine, config)
    summary.calls_scored = match_summary.calls_scored

    say("composing digests ...")
    digest_summary = run_digests(engine, config, send=False, outbox=config.outbox)
    summary.digests = digest_summary.as_dict()
    if digest_summary.failed:
        summary.failures.append(f"{digest_summary.failed} digest(s) failed: " + "; ".join(digest_summary.errors[:3]))

    with session_scope(engine) as session:
        summary.records_per_source = dict(
            session.execute(select(CallRecord.source, func.count()).group_by(CallRecord.source)).all()
        )
        summary.calls_total = session.scalar(select(func.count()).select_from(Call)) or 0
        summary.matches = session.scalar(select(func.count()).select_from(MemberMatch)) or 0
    return summary
