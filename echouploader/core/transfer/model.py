"""The transfer's vocabulary: a *job* (one upload request) made of *transfers* (one file each).

Plain dataclasses, so the CLI, the GUI and the queue store share them without knowing each other.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from echouploader.core.ftps.quota import DEFAULT_QUOTA_BYTES as DEFAULT_QUOTA_BYTES  # re-exported
from echouploader.core.ftps.target import Endpoint

# Measured over a 30 ms link (bench P2, real TCP): 8 connections moved the 1.1 GB exam 2.3x
# faster than 2 (FileZilla's default), and as fast as lftp and rclone with 8; a server that allows
# fewer says so (421/530 "too many"), the job goes on with what it got and the site remembers it.
DEFAULT_CONNECTIONS = 8
MAX_CONNECTIONS = 8


class TransferState(StrEnum):
    QUEUED = "queued"
    ACTIVE = "active"
    DONE = "done"  # uploaded (or found complete on the server) and verified by size
    SKIPPED = "skipped"  # a different file of that name exists and the policy said skip
    FAILED = "failed"
    WAITING_FOR_SPACE = "waiting-for-space"
    CANCELLED = "cancelled"


PENDING_STATES = frozenset(
    {
        TransferState.QUEUED,
        TransferState.ACTIVE,
        TransferState.FAILED,
        TransferState.WAITING_FOR_SPACE,
        TransferState.CANCELLED,
    }
)
FINISHED_STATES = frozenset({TransferState.DONE, TransferState.SKIPPED})


class ConflictPolicy(StrEnum):
    """What to do when a *different* file (other size) already has the final name."""

    FAIL = "fail"
    SKIP = "skip"
    OVERWRITE = "overwrite"
    RENAME = "rename"


def new_id() -> str:
    return uuid.uuid4().hex[:16]


@dataclass
class Transfer:
    """One local file going to one remote path."""

    local_path: Path
    remote_path: str  # absolute, final name
    relpath: str  # relative to the job's remote folder (POSIX): the SHA256SUMS name
    size: int
    transfer_id: str = field(default_factory=new_id)
    state: TransferState = TransferState.QUEUED
    bytes_done: int = 0
    attempts: int = 0
    last_error: str | None = None
    sha256: str | None = None


@dataclass
class Job:
    """An upload: files into ``remote_folder`` on ``endpoint``.

    ``target`` is how to reach the server again after a restart (``site:NAME/PATH`` or the URL);
    never a password. ``exam_id``/``profile`` go into ``upload.json``; ``staging_dir`` (a
    de-identified copy) is removed once the whole job is verified.
    """

    endpoint: Endpoint
    remote_folder: str
    transfers: list[Transfer]
    target: str = ""
    job_id: str = field(default_factory=new_id)
    connections: int = DEFAULT_CONNECTIONS
    on_conflict: ConflictPolicy = ConflictPolicy.FAIL
    exam_id: str | None = None
    profile: dict[str, Any] | None = None
    staging_dir: Path | None = None
    created: str = ""
    skipped_local: list[tuple[str, str]] = field(default_factory=list)  # (path, why)

    @property
    def total_bytes(self) -> int:
        return sum(t.size for t in self.transfers)

    def pending(self) -> list[Transfer]:
        return [t for t in self.transfers if t.state in PENDING_STATES]


@dataclass(frozen=True)
class ProgressEvent:
    """Sent while a job runs: one file's progress plus the job's totals.

    ``transfer_id``/``file`` are empty for job-level events (start, manifest, finish).
    Rates are bytes per second, smoothed; ``eta`` is seconds or None when unknown.
    """

    job_id: str
    transfer_id: str
    file: str
    state: str
    bytes_done: int
    bytes_total: int
    rate: float
    eta: float | None
    job_bytes_done: int
    job_bytes_total: int
    job_rate: float
    job_eta: float | None
    files_done: int
    files_total: int
    connections: int


@dataclass
class JobResult:
    job_id: str
    files_total: int
    files_done: int  # uploaded now or found complete
    files_uploaded: int  # actually sent in this run
    files_already_there: int
    files_skipped: int  # conflict policy "skip"
    files_failed: int
    files_waiting_for_space: int
    files_cancelled: int
    bytes_sent: int
    bytes_total: int
    seconds: float
    connections_used: int
    manifest_uploaded: bool
    cancelled: bool = False
    error: Exception | None = None  # a job-level problem (login, certificate, storage full)
    failures: list[tuple[str, str]] = field(default_factory=list)  # (relpath, sentence)
    skipped_local: list[tuple[str, str]] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return self.manifest_uploaded and self.error is None

    @property
    def rate(self) -> float:
        return self.bytes_sent / self.seconds if self.seconds > 0 else 0.0


ProgressCallback = Callable[[ProgressEvent], None]
ConflictCallback = Callable[[Transfer], "ConflictPolicy | str"]
