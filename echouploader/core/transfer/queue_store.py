"""The persisted queue: every job and transfer in SQLite (WAL) in the data folder.

A crash or a reboot loses nothing: a transfer left ``active`` was interrupted and is pending again.
Rows hold the local path, remote path, and how to reach the server (``site:NAME/PATH`` or the
URL) — never a password.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import socket
import sqlite3
import threading
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from echouploader.core import paths
from echouploader.core.ftps.target import Endpoint
from echouploader.core.transfer.model import (
    PENDING_STATES,
    ConflictPolicy,
    Job,
    Transfer,
    TransferState,
)

SCHEMA = """
CREATE TABLE IF NOT EXISTS jobs (
    job_id TEXT PRIMARY KEY,
    target TEXT NOT NULL,
    site TEXT,
    endpoint_json TEXT NOT NULL,
    remote_folder TEXT NOT NULL,
    connections INTEGER NOT NULL,
    on_conflict TEXT NOT NULL,
    exam_id TEXT,
    profile_json TEXT,
    staging_dir TEXT,
    skipped_json TEXT,
    created TEXT NOT NULL,
    finished TEXT,
    manifest_uploaded INTEGER NOT NULL DEFAULT 0,
    last_error TEXT
);
CREATE TABLE IF NOT EXISTS transfers (
    transfer_id TEXT PRIMARY KEY,
    job_id TEXT NOT NULL REFERENCES jobs(job_id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    local_path TEXT NOT NULL,
    remote_path TEXT NOT NULL,
    relpath TEXT NOT NULL,
    size INTEGER NOT NULL,
    state TEXT NOT NULL,
    bytes_done INTEGER NOT NULL DEFAULT 0,
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    sha256 TEXT,
    exam_id TEXT,
    updated TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS transfers_job ON transfers(job_id, seq);
CREATE TABLE IF NOT EXISTS site_facts (
    host TEXT NOT NULL,
    port INTEGER NOT NULL,
    fact TEXT NOT NULL,
    value TEXT NOT NULL,
    updated TEXT NOT NULL,
    PRIMARY KEY (host, port, fact)
);
CREATE TABLE IF NOT EXISTS claims (
    what TEXT PRIMARY KEY,
    owner TEXT NOT NULL,
    host TEXT NOT NULL,
    pid INTEGER NOT NULL,
    heartbeat REAL NOT NULL
);
"""

#: A claim whose owner has not renewed it for this long is free (a process died on another
#: machine sharing the data folder, or hung). On this machine a dead pid frees it at once.
LEASE_SECONDS = 30.0
HEARTBEAT_SECONDS = 5.0
_THIS_HOST = socket.gethostname()


def new_owner() -> str:
    """A claim owner: this process, and which run in it (one process may run several jobs)."""
    return f"{_THIS_HOST}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@dataclass(frozen=True)
class Claim:
    """Who holds a job or a remote file right now."""

    owner: str
    host: str
    pid: int
    heartbeat: float

    def alive(self, now: float) -> bool:
        if now - self.heartbeat > LEASE_SECONDS:
            return False
        return self.host != _THIS_HOST or _pid_alive(self.pid)


def job_claim(job_id: str) -> str:
    return f"job:{job_id}"


def file_claim(ep: Endpoint, remote_path: str) -> str:
    return f"file:{ep.host.lower()}:{ep.port}:{remote_path}"


def _now() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


def default_path() -> Path:
    return paths.data_dir() / "queue.sqlite3"


def _endpoint_json(ep: Endpoint) -> str:
    return json.dumps(
        {
            "host": ep.host,
            "port": ep.port,
            "user": ep.user,
            "implicit": ep.implicit,
            "site": ep.site,
            "pinned_fingerprints": list(ep.pinned_fingerprints),
            "max_connections": ep.max_connections,
            "passive": ep.passive,
        }
    )


def _endpoint_from(text: str) -> Endpoint:
    d = json.loads(text)
    d["pinned_fingerprints"] = tuple(d.get("pinned_fingerprints") or ())
    return Endpoint(**d)


class QueueStore:
    """Thread-safe: the engine's workers update rows from their threads."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or default_path()
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        self._lock = threading.Lock()
        self._db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        # FULL: a state change that returned is on disk, even across a power cut.
        self._db.execute("PRAGMA synchronous=FULL")
        self._db.execute("PRAGMA foreign_keys=ON")
        # Two processes (an upload and a resume) share the file: wait for the other's write.
        self._db.execute("PRAGMA busy_timeout=15000")
        self._db.executescript(SCHEMA)
        with contextlib.suppress(OSError):
            self.path.chmod(0o600)

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def __enter__(self) -> QueueStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _exec(self, sql: str, params: tuple[Any, ...] = ()) -> sqlite3.Cursor:
        with self._lock:
            return self._db.execute(sql, params)

    # --- writing --------------------------------------------------------------------------------

    def submit(self, job: Job) -> None:
        """Record a new job and all its transfers (queued) in one transaction."""
        job.created = job.created or _now()
        with self._lock:
            db = self._db
            db.execute("BEGIN IMMEDIATE")
            try:
                db.execute(
                    "INSERT INTO jobs (job_id, target, site, endpoint_json, remote_folder, "
                    "connections, on_conflict, exam_id, profile_json, staging_dir, skipped_json, "
                    "created) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                    (
                        job.job_id,
                        job.target or job.endpoint.url(job.remote_folder),
                        job.endpoint.site,
                        _endpoint_json(job.endpoint),
                        job.remote_folder,
                        job.connections,
                        str(job.on_conflict),
                        job.exam_id,
                        json.dumps(job.profile) if job.profile is not None else None,
                        str(job.staging_dir) if job.staging_dir else None,
                        json.dumps(job.skipped_local),
                        job.created,
                    ),
                )
                db.executemany(
                    "INSERT INTO transfers (transfer_id, job_id, seq, local_path, remote_path, "
                    "relpath, size, state, bytes_done, attempts, last_error, sha256, exam_id, "
                    "updated) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    [
                        (
                            t.transfer_id,
                            job.job_id,
                            i,
                            str(t.local_path),
                            t.remote_path,
                            t.relpath,
                            t.size,
                            str(t.state),
                            t.bytes_done,
                            t.attempts,
                            t.last_error,
                            t.sha256,
                            job.exam_id,
                            _now(),
                        )
                        for i, t in enumerate(job.transfers)
                    ],
                )
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise

    def update(self, t: Transfer) -> None:
        self._exec(
            "UPDATE transfers SET remote_path=?, relpath=?, state=?, bytes_done=?, attempts=?, "
            "last_error=?, sha256=?, updated=? WHERE transfer_id=?",
            (
                t.remote_path,
                t.relpath,
                str(t.state),
                t.bytes_done,
                t.attempts,
                t.last_error,
                t.sha256,
                _now(),
                t.transfer_id,
            ),
        )

    def update_bytes(self, t: Transfer) -> None:
        self._exec(
            "UPDATE transfers SET bytes_done=?, updated=? WHERE transfer_id=?",
            (t.bytes_done, _now(), t.transfer_id),
        )

    def finish_job(self, job_id: str, *, manifest_uploaded: bool, error: str | None) -> None:
        self._exec(
            "UPDATE jobs SET finished=?, manifest_uploaded=?, last_error=? WHERE job_id=?",
            (_now() if manifest_uploaded else None, int(manifest_uploaded), error, job_id),
        )

    def forget(self, job_id: str) -> None:
        self._exec("DELETE FROM transfers WHERE job_id=?", (job_id,))
        self._exec("DELETE FROM jobs WHERE job_id=?", (job_id,))

    # --- claims: one process sends a job, and a remote file, at a time -------------------------

    def claim(self, what: str, owner: str) -> Claim | None:
        """Take ``what`` for ``owner``; None when done, else the live claim that holds it."""
        now = time.time()
        pid = int(owner.split(":")[-2])
        with self._lock:
            db = self._db
            db.execute("BEGIN IMMEDIATE")
            try:
                row = db.execute(
                    "SELECT owner, host, pid, heartbeat FROM claims WHERE what=?", (what,)
                ).fetchone()
                if row is not None and row[0] != owner:
                    held = Claim(*row)
                    if held.alive(now):
                        db.execute("COMMIT")
                        return held
                db.execute(
                    "INSERT OR REPLACE INTO claims (what, owner, host, pid, heartbeat) "
                    "VALUES (?,?,?,?,?)",
                    (what, owner, _THIS_HOST, pid, now),
                )
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise
        return None

    def release(self, what: str, owner: str) -> None:
        self._exec("DELETE FROM claims WHERE what=? AND owner=?", (what, owner))

    def release_all(self, owner: str) -> None:
        self._exec("DELETE FROM claims WHERE owner=?", (owner,))

    def renew(self, owner: str) -> None:
        """The heartbeat: every claim of ``owner`` is still held."""
        self._exec("UPDATE claims SET heartbeat=? WHERE owner=?", (time.time(), owner))

    def still_held(self, whats: list[str], owner: str) -> list[bool]:
        """Renew ``owner``'s claims, and say for each of ``whats`` whether it is still its own.

        A run asks this right before it renames files: had its heartbeat stalled past the lease
        (a hung machine), another process may have taken a file over, and then that one finishes
        it. One transaction for the whole batch.
        """
        now = time.time()
        with self._lock:
            db = self._db
            db.execute("BEGIN IMMEDIATE")
            try:
                db.execute("UPDATE claims SET heartbeat=? WHERE owner=?", (now, owner))
                mine = []
                for what in whats:
                    row = db.execute("SELECT owner FROM claims WHERE what=?", (what,)).fetchone()
                    mine.append(row is not None and row[0] == owner)
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise
        return mine

    def holder(self, what: str) -> Claim | None:
        """The live claim on ``what``, if any."""
        row = self._exec(
            "SELECT owner, host, pid, heartbeat FROM claims WHERE what=?", (what,)
        ).fetchone()
        if row is None:
            return None
        held = Claim(*row)
        return held if held.alive(time.time()) else None

    # --- what a server turned out to do (learnt once, kept across runs) ------------------------

    def site_fact(self, ep: Endpoint, fact: str) -> str | None:
        """A fact learnt about the server at ``ep`` (e.g. ``restart`` = ``off``), or None."""
        row = self._exec(
            "SELECT value FROM site_facts WHERE host=? AND port=? AND fact=?",
            (ep.host.lower(), ep.port, fact),
        ).fetchone()
        return row[0] if row else None

    def set_site_fact(self, ep: Endpoint, fact: str, value: str) -> None:
        self._exec(
            "INSERT INTO site_facts (host, port, fact, value, updated) VALUES (?,?,?,?,?) "
            "ON CONFLICT(host, port, fact) DO UPDATE SET value=excluded.value, "
            "updated=excluded.updated",
            (ep.host.lower(), ep.port, fact, value, _now()),
        )

    def done_hashes(self, ep: Endpoint, remote_path: str) -> set[str]:
        """SHA-256 of every file a finished transfer put at ``remote_path`` on that server."""
        rows = self._exec(
            "SELECT t.sha256, j.endpoint_json FROM transfers t JOIN jobs j USING (job_id) "
            "WHERE t.remote_path=? AND t.state=? AND t.sha256 IS NOT NULL",
            (remote_path, str(TransferState.DONE)),
        ).fetchall()
        out = set()
        for digest, ep_json in rows:
            other = _endpoint_from(ep_json)
            if other.host.lower() == ep.host.lower() and other.port == ep.port:
                out.add(digest)
        return out

    # --- reading --------------------------------------------------------------------------------

    def load(self, job_id: str) -> Job:
        with self._lock:
            row = self._db.execute("SELECT * FROM jobs WHERE job_id=?", (job_id,)).fetchone()
            if row is None:
                raise KeyError(job_id)
            cols = [c[0] for c in self._db.execute("SELECT * FROM jobs LIMIT 0").description]
            j = dict(zip(cols, row, strict=True))
            cur = self._db.execute(
                "SELECT transfer_id, local_path, remote_path, relpath, size, state, bytes_done, "
                "attempts, last_error, sha256 FROM transfers WHERE job_id=? ORDER BY seq",
                (job_id,),
            )
            rows = cur.fetchall()
        transfers = []
        for tid, lp, rp, rel, size, state, done, attempts, err, sha in rows:
            st = TransferState(state)
            if st is TransferState.ACTIVE:  # interrupted by a crash: pending again
                st = TransferState.QUEUED
            transfers.append(
                Transfer(
                    local_path=Path(lp),
                    remote_path=rp,
                    relpath=rel,
                    size=size,
                    transfer_id=tid,
                    state=st,
                    bytes_done=done,
                    attempts=attempts,
                    last_error=err,
                    sha256=sha,
                )
            )
        return Job(
            endpoint=_endpoint_from(j["endpoint_json"]),
            remote_folder=j["remote_folder"],
            transfers=transfers,
            target=j["target"],
            job_id=j["job_id"],
            connections=j["connections"],
            on_conflict=ConflictPolicy(j["on_conflict"]),
            exam_id=j["exam_id"],
            profile=json.loads(j["profile_json"]) if j["profile_json"] else None,
            staging_dir=Path(j["staging_dir"]) if j["staging_dir"] else None,
            created=j["created"],
            skipped_local=[tuple(x) for x in json.loads(j["skipped_json"] or "[]")],
        )

    def refresh(self, job: Job) -> bool:
        """Bring ``job``'s transfers up to what the queue holds (another process may have sent
        some since ``job`` was read); True when the job is finished (its manifest is up)."""
        with self._lock:
            row = self._db.execute(
                "SELECT manifest_uploaded FROM jobs WHERE job_id=?", (job.job_id,)
            ).fetchone()
            rows = self._db.execute(
                "SELECT transfer_id, remote_path, relpath, state, bytes_done, attempts, "
                "last_error, sha256 FROM transfers WHERE job_id=?",
                (job.job_id,),
            ).fetchall()
        if row is None:
            return False
        stored = {r[0]: r[1:] for r in rows}
        for t in job.transfers:
            got = stored.get(t.transfer_id)
            if got is None:
                continue
            rp, rel, state, done, attempts, err, sha = got
            st = TransferState(state)
            if st is TransferState.ACTIVE:  # its run ended without saying how: pending again
                st = TransferState.QUEUED
            t.remote_path, t.relpath, t.state, t.bytes_done = rp, rel, st, done
            t.attempts, t.last_error, t.sha256 = attempts, err, sha
        return bool(row[0])

    def unfinished_job_ids(self) -> list[str]:
        """Jobs with a pending transfer or whose manifest is not on the server yet, oldest first."""
        pending = ",".join(f"'{s}'" for s in sorted(PENDING_STATES))
        cur = self._exec(
            "SELECT job_id FROM jobs WHERE manifest_uploaded=0 OR job_id IN "
            f"(SELECT job_id FROM transfers WHERE state IN ({pending})) ORDER BY created, rowid"
        )
        return [r[0] for r in cur.fetchall()]

    def summary(self, *, pending_only: bool = True) -> list[dict[str, Any]]:
        """Jobs with counts per state (for ``echouploader queue`` and the GUI's queue panel)."""
        ids = (
            self.unfinished_job_ids()
            if pending_only
            else [
                r[0]
                for r in self._exec("SELECT job_id FROM jobs ORDER BY created, rowid").fetchall()
            ]
        )
        out = []
        for job_id in ids:
            job = self.load(job_id)
            counts: dict[str, int] = {}
            for t in job.transfers:
                counts[str(t.state)] = counts.get(str(t.state), 0) + 1
            row = self._exec(
                "SELECT finished, manifest_uploaded, last_error FROM jobs WHERE job_id=?", (job_id,)
            ).fetchone()
            out.append(
                {
                    "job_id": job.job_id,
                    "target": job.target,
                    "site": job.endpoint.site,
                    "remote_folder": job.remote_folder,
                    "exam_id": job.exam_id,
                    "created": job.created,
                    "finished": row[0],
                    "manifest_uploaded": bool(row[1]),
                    "last_error": row[2],
                    "files": len(job.transfers),
                    "bytes": job.total_bytes,
                    "bytes_done": sum(t.bytes_done for t in job.transfers),
                    "states": counts,
                    "transfers": [
                        {
                            "transfer_id": t.transfer_id,
                            "local_path": str(t.local_path),
                            "remote_path": t.remote_path,
                            "size": t.size,
                            "state": str(t.state),
                            "bytes_done": t.bytes_done,
                            "attempts": t.attempts,
                            "last_error": t.last_error,
                        }
                        for t in job.transfers
                    ],
                }
            )
        return out


def support_summary(limit: int = 50) -> dict[str, Any]:
    """The newest jobs with their counts per state and last error (no file contents)."""
    store = QueueStore()
    try:
        jobs = store.summary(pending_only=False)
    finally:
        store.close()
    return {"jobs": jobs[-limit:], "jobs_total": len(jobs)}
