"""A named lock held in the database, so that runs on several machines sharing one PostgreSQL never overlap.

Protocol (the same SQL on SQLite and PostgreSQL, no advisory-lock extensions):
- acquire: INSERT the row `(name, holder, acquired_at, expires_at)`; the primary key makes it atomic. If the
  row exists and has expired, take it over with a compare-and-swap UPDATE (`WHERE holder = <old> AND
  expires_at = <old>`), so that of two processes racing for an expired lock exactly one wins.
- while held, a heartbeat thread pushes `expires_at` forward every `ttl / 4` seconds;
- release: DELETE the row, only if we still hold it.
A holder that dies (SIGKILL, power loss, lost network) stops renewing; its lock expires after `ttl` seconds
and the next run takes it over. Times come from the database server on PostgreSQL, because machines sharing
it may disagree about the time; SQLite is local, so the local clock is the shared one.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from types import TracebackType

from sqlalchemy import Connection, Engine, delete, insert, select, text, update
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from store.models import RunLock

log = logging.getLogger(__name__)

DEFAULT_TTL = 120.0  # seconds; a dead holder blocks others at most this long


class LockHeld(Exception):
    """Another live holder has the lock; the message names it and since when."""

    def __init__(self, name: str, holder: str, acquired_at: datetime, expires_at: datetime) -> None:
        self.name = name
        self.holder = holder
        self.acquired_at = acquired_at
        self.expires_at = expires_at
        super().__init__(
            f"lock {name!r} is held by {holder} since {acquired_at:%Y-%m-%d %H:%M:%S} UTC "
            f"(expires {expires_at:%H:%M:%S} UTC unless its holder renews it)"
        )


def make_holder() -> str:
    """`host:pid:token`: readable by an operator; the token tells two locks of one process apart."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:12]}"


def db_now(conn: Connection) -> datetime:
    """The current time as the database sees it (aware, UTC)."""
    if conn.dialect.name == "postgresql":
        # clock_timestamp(), not now(): now() is frozen at the start of the transaction.
        value = conn.execute(text("SELECT clock_timestamp()")).scalar_one()
        return value.astimezone(UTC)
    return datetime.now(UTC)


@dataclass(frozen=True)
class LockState:
    name: str
    holder: str
    acquired_at: datetime
    expires_at: datetime


def read_lock(engine: Engine, name: str) -> LockState | None:
    """The current row of lock `name`, expired or not (None when nobody holds it)."""
    table = RunLock.__table__
    with engine.connect() as conn:
        row = conn.execute(select(table).where(table.c.name == name)).first()
    if row is None:
        return None
    return LockState(row.name, row.holder, row.acquired_at, row.expires_at)


class DbLock:
    """The lock `name` in the store of `engine`. Use as a context manager or call `acquire` / `release`.

    `lost` turns true when the heartbeat finds the row taken over by someone else (this process was frozen for
    longer than the TTL); work running under the lock should stop at its next checkpoint.
    """

    def __init__(self, engine: Engine, name: str, ttl: float = DEFAULT_TTL, holder: str | None = None) -> None:
        if ttl <= 0:
            raise ValueError("ttl must be positive")
        self.engine = engine
        self.name = name
        self.ttl = ttl
        self.holder = holder or make_holder()
        self.held = False
        self._lost = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    @property
    def lost(self) -> bool:
        return self._lost.is_set()

    # -- acquiring -----------------------------------------------------------------------------------------
    def acquire(self, wait: float = 0.0, poll: float = 2.0) -> None:
        """Take the lock or raise `LockHeld`; with `wait`, keep trying for that many seconds first."""
        deadline = time.monotonic() + wait
        while True:
            current = self._attempt()
            if current is None:
                break
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise LockHeld(current.name, current.holder, current.acquired_at, current.expires_at)
            time.sleep(min(poll, remaining))
        self.held = True
        self._lost.clear()
        self._stop.clear()
        self._thread = threading.Thread(target=self._heartbeat, name=f"lock-{self.name}", daemon=True)
        self._thread.start()

    def _attempt(self) -> LockState | None:
        """One try: None when we now hold the lock, else the live row that stops us."""
        table = RunLock.__table__
        ttl = timedelta(seconds=self.ttl)
        for _ in range(3):  # the row may vanish between our INSERT and SELECT: try again
            try:
                with self.engine.begin() as conn:
                    now = db_now(conn)
                    conn.execute(
                        insert(table).values(name=self.name, holder=self.holder, acquired_at=now, expires_at=now + ttl)
                    )
                return None
            except IntegrityError:
                pass
            with self.engine.begin() as conn:
                now = db_now(conn)
                row = conn.execute(select(table).where(table.c.name == self.name)).first()
                if row is None:
                    continue
                if row.expires_at > now:
                    return LockState(row.name, row.holder, row.acquired_at, row.expires_at)
                taken = conn.execute(
                    update(table)
                    .where(
                        table.c.name == self.name,
                        table.c.holder == row.holder,
                        table.c.expires_at == row.expires_at,
                    )
                    .values(holder=self.holder, acquired_at=now, expires_at=now + ttl)
                )
                if taken.rowcount == 1:
                    log.warning("lock %r: took over from %s, whose lease had expired", self.name, row.holder)
                    return None
        current = read_lock(self.engine, self.name)
        if current is None:  # pragma: no cover - only under a pathological release/insert storm
            raise RuntimeError(f"could not acquire lock {self.name!r}")
        return current

    # -- holding -------------------------------------------------------------------------------------------
    def renew(self) -> bool:
        """Push the expiry forward; False when the row is no longer ours (the lock was lost)."""
        table = RunLock.__table__
        with self.engine.begin() as conn:
            now = db_now(conn)
            result = conn.execute(
                update(table)
                .where(table.c.name == self.name, table.c.holder == self.holder)
                .values(expires_at=now + timedelta(seconds=self.ttl))
            )
        return result.rowcount == 1

    def _heartbeat(self) -> None:
        interval = self.ttl / 4
        while not self._stop.wait(interval):
            try:
                if not self.renew():
                    log.error("lock %r was taken over by another process; stopping the heartbeat", self.name)
                    self._lost.set()
                    return
            except SQLAlchemyError as exc:
                # A busy SQLite file or a network blip: the lease still has 3/4 of its TTL, try next beat.
                log.warning("lock %r: heartbeat failed (%s); will retry", self.name, exc.__class__.__name__)

    # -- releasing -----------------------------------------------------------------------------------------
    def release(self) -> None:
        """Stop the heartbeat and delete the row if it is still ours. Safe to call twice."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=self.ttl)
            self._thread = None
        if not self.held:
            return
        self.held = False
        table = RunLock.__table__
        with self.engine.begin() as conn:
            conn.execute(delete(table).where(table.c.name == self.name, table.c.holder == self.holder))

    def __enter__(self) -> DbLock:
        self.acquire()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.release()
