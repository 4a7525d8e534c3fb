"""Building local folders and checking what arrived, for the transfer tests."""

from __future__ import annotations

import hashlib
import os
import threading
from pathlib import Path

from echouploader.core.ftps.session import SessionFactory, TrustCheck
from echouploader.core.ftps.target import Endpoint
from echouploader.core.ftps.trust_store import Decision, TrustStore
from echouploader.core.transfer.engine import Engine
from echouploader.core.transfer.model import ConflictPolicy, Job, ProgressEvent
from echouploader.core.transfer.plan import PART_SUFFIX, is_clutter, plan_upload
from echouploader.core.transfer.queue_store import QueueStore
from tests.servers import ServerInfo


def write_file(path: Path, size: int) -> Path:
    """A file of ``size`` random bytes (incompressible; no two blocks alike)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as fh:
        left = size
        while left > 0:
            piece = os.urandom(min(left, 1 << 20))
            fh.write(piece)
            left -= len(piece)
    return path


def make_tree(root: Path, sizes: dict[str, int]) -> Path:
    for rel, size in sizes.items():
        write_file(root / rel, size)
    return root


def trusting() -> TrustCheck:
    return TrustCheck(TrustStore(), lambda info: Decision.ALWAYS)


def factory_for(server: ServerInfo, endpoint: Endpoint | None = None) -> SessionFactory:
    return SessionFactory(endpoint or server.endpoint, server.password, trusting(), timeout=10)


def make_job(
    endpoint: Endpoint,
    sources: list[Path],
    remote: str,
    *,
    connections: int = 2,
    on_conflict: ConflictPolicy = ConflictPolicy.FAIL,
) -> Job:
    plan = plan_upload(list(sources), remote)
    plan.raise_if_unreadable()
    return Job(
        endpoint=endpoint,
        remote_folder=remote,
        transfers=plan.transfers,
        connections=connections,
        on_conflict=on_conflict,
        skipped_local=plan.skipped,
    )


class Recorder:
    def __init__(self) -> None:
        self.events: list[ProgressEvent] = []
        self.lock = threading.Lock()

    def __call__(self, ev: ProgressEvent) -> None:
        with self.lock:
            self.events.append(ev)


def run(server: ServerInfo, job: Job, store: QueueStore | None = None, **kw: object):
    engine = Engine(factory_for(server, job.endpoint), store=store, retry_delay=0.05, **kw)  # type: ignore[arg-type]
    rec = Recorder()
    return engine.run(job, rec, threading.Event()), rec


def assert_same_tree(local_root: Path, remote_root: Path) -> None:
    """Every local file is on the server, byte for byte; no temporary names left."""
    for p in local_root.rglob("*"):
        if p.is_file() and not is_clutter(p.name):
            rel = p.relative_to(local_root.parent)
            got = remote_root / rel
            assert got.is_file(), f"missing on server: {rel}"
            assert got.stat().st_size == p.stat().st_size, f"size differs: {rel}"
            assert sha256(got) == sha256(p), f"content differs: {rel}"
    leftovers = [str(p) for p in remote_root.rglob(f"*{PART_SUFFIX}")]
    assert not leftovers, f"temporary files left: {leftovers}"


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        while b := fh.read(1 << 20):
            h.update(b)
    return h.hexdigest()
