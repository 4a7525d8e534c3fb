"""Claims in the queue: a file belongs to one run from its first look to its verified rename.

Two runs here stand for two processes: each has its own queue connection (its own SQLite handle on
the same file) and its own owner name, and they send two jobs of the same folder to one server.
The first run's batched size check and rename is held open (``before_rename``, the hook the CLI's
space check uses), so the second run meets every file in that window for certain, not by luck.
The server counts the bytes it received per file: a file sent twice shows at once.
"""

from __future__ import annotations

import logging
import os
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from echouploader.core.transfer import engine as engine_module
from echouploader.core.transfer import queue_store
from echouploader.core.transfer.engine import CLAIM_WAIT_SECONDS, Engine
from echouploader.core.transfer.model import Job, JobResult, ProgressEvent
from echouploader.core.transfer.queue_store import (
    LEASE_SECONDS,
    QueueStore,
    file_claim,
    new_owner,
)
from echouploader.core.transfer.remote_files import part_name
from tests.core.transfer.helpers import assert_same_tree, factory_for, make_job, make_tree
from tests.servers import ServerInfo

SIZES = {f"exam/clip{i}.dcm": 300_000 + i * 1000 for i in range(4)}


def _received(server: ServerInfo, job: Job) -> dict[str, int]:
    assert server.server is not None
    got = server.server.received_bytes()
    return {t.relpath: got.get(part_name(t.remote_path), 0) for t in job.transfers}


def _sizes(job: Job) -> dict[str, int]:
    return {t.relpath: t.size for t in job.transfers}


def _wait(cond: Callable[[], bool], what: str, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not cond():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting until {what}")
        time.sleep(0.02)


class _Waiting(logging.Handler):
    """Set when a run has looked at every file left and found each claimed by another run."""

    def __init__(self, job_id: str) -> None:
        super().__init__()
        self.job_id = job_id
        self.seen = threading.Event()

    def emit(self, record: logging.LogRecord) -> None:
        if getattr(record, "event", "") == "claims" and getattr(record, "job", "") == self.job_id:
            self.seen.set()


class _Run:
    """One engine run on its own thread, with its own connection to the queue."""

    def __init__(self, server: ServerInfo, job: Job, store: QueueStore, **kw: object) -> None:
        self.job = job
        self.result: JobResult | None = None
        self.engine = Engine(factory_for(server), store=store, retry_delay=0.05, **kw)  # type: ignore[arg-type]
        self.watch: Callable[[ProgressEvent], None] | None = None  # called on the run's worker
        self.thread = threading.Thread(target=self._go, name="test-run")

    def _go(self) -> None:
        self.result = self.engine.run(self.job, self._event, threading.Event())

    def _event(self, ev: ProgressEvent) -> None:
        if self.watch is not None:
            self.watch(ev)

    def start(self) -> _Run:
        self.thread.start()
        return self

    def join(self) -> JobResult:
        self.thread.join(120)
        assert not self.thread.is_alive(), "the run did not end"
        assert self.result is not None
        return self.result


@pytest.fixture
def held_batch(implicit_server: ServerInfo, tmp_path: Path, caplog: pytest.LogCaptureFixture):
    """A first run with every file sent and its size checks and renames held open."""
    caplog.set_level(logging.INFO, logger="echouploader.transfer")
    local = make_tree(tmp_path / "local", SIZES) / "exam"
    stores = [QueueStore(), QueueStore()]  # two processes' handles on the one queue file
    sent, release = threading.Event(), threading.Event()

    def hold() -> None:  # the first batch's check waits here; so does every later batch
        sent.set()
        assert release.wait(60)

    def start(*, restart_off: bool = False, **kw: object) -> tuple[_Run, Job, QueueStore]:
        if restart_off:  # a server that cannot resume: taking over a file means sending it again
            stores[0].set_site_fact(implicit_server.endpoint, "restart", "off")
        job = make_job(implicit_server.endpoint, [local], "/in", connections=2)
        stores[0].submit(job)
        first = _Run(implicit_server, job, stores[0], before_rename=hold, **kw).start()
        runs.append(first)
        assert sent.wait(30)
        _wait(lambda: _received(implicit_server, job) == _sizes(job), "every file is sent")
        return first, job, stores[1]

    runs: list[_Run] = []
    try:
        yield start, release, local, runs
    finally:
        release.set()
        for run in runs:
            run.thread.join(60)
        for s in stores:
            s.close()


def _second_run(
    server: ServerInfo, local: Path, store: QueueStore, runs: list[_Run]
) -> tuple[_Run, _Waiting]:
    job = make_job(server.endpoint, [local], "/in", connections=2)
    store.submit(job)
    waiting = _Waiting(job.job_id)
    logging.getLogger("echouploader.transfer").addHandler(waiting)
    runs.append(_Run(server, job, store).start())
    return runs[-1], waiting


@pytest.mark.parametrize("restart", ["resumable", "restart off"])
def test_a_file_waiting_for_its_batched_check_is_never_taken_by_another_run(
    held_batch, implicit_server: ServerInfo, restart: str
) -> None:
    start, release, local, runs = held_batch
    first, job, other_store = start(restart_off=restart == "restart off")
    # Every file is on the server under its temporary name, none renamed: all still claimed.
    for t in job.transfers:
        holder = other_store.holder(file_claim(job.endpoint, t.remote_path))
        assert holder is not None and holder.pid == os.getpid(), t.relpath
    second, waiting = _second_run(implicit_server, local, other_store, runs)
    try:
        assert waiting.seen.wait(30), "the second run never met the first run's claims"
        time.sleep(3 * CLAIM_WAIT_SECONDS)  # let it look again a few times while the batch is held
        assert _received(implicit_server, job) == _sizes(job)  # it sent nothing meanwhile
        assert not (implicit_server.root / "in" / "exam" / "clip0.dcm").exists()
    finally:
        logging.getLogger("echouploader.transfer").removeHandler(waiting)
        release.set()
    a, b = first.join(), second.join()
    assert a.complete and b.complete, (a.error, b.error)
    assert (a.files_uploaded, b.files_uploaded, b.files_already_there) == (4, 0, 4)
    assert _received(implicit_server, job) == _sizes(job)  # each byte arrived once
    assert_same_tree(local, implicit_server.root / "in")


def test_a_file_that_fails_its_batched_check_stays_claimed_while_queued_again(
    held_batch, implicit_server: ServerInfo
) -> None:
    start, release, local, runs = held_batch
    first, job, other_store = start()
    cut = job.transfers[0]
    on_disk = implicit_server.root / part_name(cut.remote_path).lstrip("/")
    with open(on_disk, "r+b") as fh:  # the server lost the end of one file
        fh.truncate(cut.size - 50_000)
    second, waiting = _second_run(implicit_server, local, other_store, runs)
    try:
        assert waiting.seen.wait(30)
    finally:
        logging.getLogger("echouploader.transfer").removeHandler(waiting)
    # When the first run queues the short file again, the claim is still its own (the progress
    # callback runs on the first run's worker, right after "queued" is saved).
    holders: list[object] = []
    claim = file_claim(job.endpoint, cut.remote_path)

    def at_requeue(ev: ProgressEvent) -> None:
        if ev.transfer_id == cut.transfer_id and ev.state == "queued":
            holders.append(other_store.holder(claim))

    first.watch = at_requeue
    release.set()
    a, b = first.join(), second.join()
    assert a.complete and b.complete, (a.error, b.error)
    assert holders and all(h is not None for h in holders), holders
    assert (a.files_uploaded, b.files_uploaded) == (4, 0)
    got = _received(implicit_server, job)
    # The short file was resumed by its own run: only the 50,000 lost bytes came again.
    assert got == {**_sizes(job), cut.relpath: cut.size + 50_000}
    assert_same_tree(local, implicit_server.root / "in")


def test_claims_of_a_held_batch_are_renewed_past_the_lease(
    held_batch, implicit_server: ServerInfo, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A short lease, still many heartbeats long (a commit can take 100 ms on a busy disk).
    monkeypatch.setattr(queue_store, "LEASE_SECONDS", 3.0)
    monkeypatch.setattr(engine_module, "HEARTBEAT_SECONDS", 0.2)
    start, release, local, runs = held_batch
    first, job, other_store = start()
    second, waiting = _second_run(implicit_server, local, other_store, runs)
    try:
        assert waiting.seen.wait(30)
        time.sleep(2.5 * queue_store.LEASE_SECONDS)  # held open longer than two leases
        assert _received(implicit_server, job) == _sizes(job)
    finally:
        logging.getLogger("echouploader.transfer").removeHandler(waiting)
        release.set()
    a, b = first.join(), second.join()
    assert a.complete and b.complete
    assert (a.files_uploaded, b.files_already_there) == (4, 4)
    assert _received(implicit_server, job) == _sizes(job)


# --- the lease itself --------------------------------------------------------------------------


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_a_claim_is_held_until_given_back_and_a_dead_process_frees_it_at_once() -> None:
    with QueueStore() as one, QueueStore() as two:
        a, b = new_owner(), new_owner()
        assert one.claim("file:x", a) is None
        held = two.claim("file:x", b)
        assert held is not None and held.owner == a and held.pid == os.getpid()
        one.release("file:x", a)
        assert two.claim("file:x", b) is None
        dead = f"{socket.gethostname()}:{_dead_pid()}:0000"
        assert one.claim("file:y", dead) is None
        assert two.claim("file:y", b) is None  # its pid is gone: no need to wait for the lease


def test_a_claim_from_another_machine_lasts_while_renewed_then_expires() -> None:
    with QueueStore() as store:
        db = sqlite3.connect(store.path)
        db.execute(
            "INSERT INTO claims (what, owner, host, pid, heartbeat) VALUES (?,?,?,?,?)",
            ("file:z", "elsewhere:1:abcd", "elsewhere", 1, time.time()),
        )
        db.commit()
        assert store.claim("file:z", new_owner()) is not None  # alive: renewed just now
        db.execute("UPDATE claims SET heartbeat=?", (time.time() - LEASE_SECONDS - 1,))
        db.commit()
        db.close()
        assert store.holder("file:z") is None
        assert store.claim("file:z", new_owner()) is None  # its lease ran out: taken over
