"""The run lock in the database: exclusive, renewed while held, released by its holder or by its expiry."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import threading
import time
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine, insert, update

from store.locks import DbLock, LockHeld, read_lock
from store.models import RunLock


def test_second_holder_is_refused_with_the_holder_named(engine: Engine) -> None:
    first = DbLock(engine, "cycle", ttl=30)
    first.acquire()
    try:
        with pytest.raises(LockHeld) as caught:
            DbLock(engine, "cycle", ttl=30).acquire()
        assert caught.value.holder == first.holder
        assert first.holder in str(caught.value)
        assert "since" in str(caught.value)
    finally:
        first.release()
    assert read_lock(engine, "cycle") is None


def test_released_lock_can_be_taken_and_names_are_independent(engine: Engine) -> None:
    with DbLock(engine, "cycle", ttl=30), DbLock(engine, "scheduler", ttl=30) as other:
        assert read_lock(engine, "scheduler").holder == other.holder  # type: ignore[union-attr]
    with DbLock(engine, "cycle", ttl=30) as again:
        assert read_lock(engine, "cycle").holder == again.holder  # type: ignore[union-attr]


def test_expired_lock_of_a_dead_holder_is_taken_over(engine: Engine) -> None:
    past = datetime.now(UTC) - timedelta(minutes=5)
    with engine.begin() as conn:
        conn.execute(
            insert(RunLock).values(
                name="cycle", holder="elsewhere:1:dead", acquired_at=past, expires_at=past + timedelta(seconds=60)
            )
        )
    with DbLock(engine, "cycle", ttl=30) as lock:
        assert read_lock(engine, "cycle").holder == lock.holder  # type: ignore[union-attr]


def test_heartbeat_keeps_a_short_lease_alive(engine: Engine) -> None:
    with DbLock(engine, "cycle", ttl=0.6) as lock:
        time.sleep(1.5)  # more than twice the TTL: without renewal the lease would be gone
        with pytest.raises(LockHeld):
            DbLock(engine, "cycle", ttl=0.6).acquire()
        assert not lock.lost


def test_holder_notices_when_its_lock_was_taken_over(engine: Engine) -> None:
    lock = DbLock(engine, "cycle", ttl=0.4)
    lock.acquire()
    try:
        with engine.begin() as conn:
            conn.execute(update(RunLock).where(RunLock.name == "cycle").values(holder="thief:2:x"))
        deadline = time.monotonic() + 5
        while not lock.lost and time.monotonic() < deadline:
            time.sleep(0.05)
        assert lock.lost
    finally:
        lock.release()
    # Releasing a lost lock must not delete the new holder's row.
    assert read_lock(engine, "cycle").holder == "thief:2:x"  # type: ignore[union-attr]


def test_wait_gets_the_lock_once_the_holder_releases(engine: Engine) -> None:
    first = DbLock(engine, "cycle", ttl=30)
    first.acquire()
    timer = threading.Timer(0.5, first.release)
    timer.start()
    second = DbLock(engine, "cycle", ttl=30)
    second.acquire(wait=10, poll=0.1)
    try:
        assert read_lock(engine, "cycle").holder == second.holder  # type: ignore[union-attr]
    finally:
        second.release()
        timer.join()


def test_racing_for_an_expired_lock_has_exactly_one_winner(engine: Engine) -> None:
    past = datetime.now(UTC) - timedelta(minutes=5)
    with engine.begin() as conn:
        conn.execute(insert(RunLock).values(name="cycle", holder="dead:1:x", acquired_at=past, expires_at=past))
    contenders = [DbLock(engine, "cycle", ttl=30) for _ in range(4)]
    barrier = threading.Barrier(len(contenders))
    winners: list[DbLock] = []
    refused: list[LockHeld] = []

    def contend(lock: DbLock) -> None:
        barrier.wait()
        try:
            lock.acquire()
            winners.append(lock)
        except LockHeld as exc:
            refused.append(exc)

    threads = [threading.Thread(target=contend, args=(lock,)) for lock in contenders]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    try:
        assert len(winners) == 1
        assert len(refused) == 3
        assert {exc.holder for exc in refused} == {winners[0].holder}
    finally:
        for lock in winners:
            lock.release()


def test_lock_of_a_killed_process_expires_and_is_taken(engine: Engine) -> None:
    url = engine.url.render_as_string(hide_password=False)
    script = textwrap.dedent(
        f"""
        import sys, time
        from store.db import make_engine
        from store.locks import DbLock
        lock = DbLock(make_engine({url!r}), "cycle", ttl=1.0)
        lock.acquire()
        print(lock.holder, flush=True)
        time.sleep(60)
        """
    )
    child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        holder = child.stdout.readline().strip()  # type: ignore[union-attr]
        assert holder.split(":")[1] == str(child.pid)
        with pytest.raises(LockHeld):
            DbLock(engine, "cycle", ttl=30).acquire()
        child.kill()  # SIGKILL: no finally, no release, the heartbeat dies with it
        child.wait()
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert read_lock(engine, "cycle").holder == holder  # type: ignore[union-attr]
    successor = DbLock(engine, "cycle", ttl=30)
    successor.acquire(wait=10, poll=0.2)
    try:
        assert read_lock(engine, "cycle").holder == successor.holder  # type: ignore[union-attr]
        assert successor.holder.split(":")[1] == str(os.getpid())
    finally:
        successor.release()
