"""Fetch the selected exams into the cache, resuming with ``REST``, and check every file.

Files land in an owner-only folder under the cache dir, one per exam folder on the server (never
next to the archive), so a download that was dropped or killed picks up where it stopped: a file
shorter than the listing says is continued with ``REST``, a whole one is hashed again. Every file
must match its ``SHA256SUMS`` line; a file that does not is deleted and stops the download with one
sentence naming the exam and the file. :func:`forget` removes the cache after a good archive.
"""

from __future__ import annotations

import hashlib
import logging
import os
import posixpath
import shutil
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from echouploader.core import errors as E
from echouploader.core import paths
from echouploader.core.corelab.arrivals import Arrival, parse_sha256sums
from echouploader.core.ftps.listing import open_data, read_small, set_type
from echouploader.core.ftps.pool import SessionPool, TaskFailed
from echouploader.core.ftps.session import BLOCK_SIZE, FTPSSession
from echouploader.core.i18n import _
from echouploader.core.transfer.manifest import SUMS_NAME

log = logging.getLogger("echouploader.corelab")

DEFAULT_CONNECTIONS = 4


class ChecksumMismatch(TaskFailed):
    """A downloaded file is not the file that was uploaded (exit 1, no archive)."""


@dataclass(frozen=True)
class RemoteFile:
    exam: Arrival
    relpath: str  # inside the exam folder
    size: int  # from the listing
    sha256: str  # from SHA256SUMS

    @property
    def remote_path(self) -> str:
        return posixpath.join(self.exam.folder, self.relpath)


@dataclass(frozen=True)
class LocalFile:
    remote: RemoteFile
    path: Path  # the verified copy in the cache


@dataclass(frozen=True)
class DownloadProgress:
    bytes_done: int
    bytes_total: int
    files_done: int
    files_total: int
    file: str  # exam/relpath that moved last
    rate: float  # bytes per second since the start
    eta: float | None  # seconds


ProgressFn = Callable[[DownloadProgress], None]


def cache_root() -> Path:
    root = paths.cache_dir() / "downloads"
    root.mkdir(parents=True, exist_ok=True, mode=0o700)
    os.chmod(root, 0o700)
    return root


def exam_cache(exam: Arrival, endpoint_url: str) -> Path:
    """The resume folder of one exam folder on one server (same every run)."""
    key = hashlib.sha256(f"{endpoint_url}\n{exam.folder}".encode()).hexdigest()[:24]
    return cache_root() / key


def forget(folders: list[Path]) -> None:
    """Remove resume data once it has served its purpose."""
    for d in folders:
        shutil.rmtree(d, ignore_errors=True)


def _safe_local(base: Path, relpath: str) -> Path:
    parts = [p for p in relpath.split("/") if p not in ("", ".", "..")]
    if not parts:
        raise TaskFailed(_("SHA256SUMS names an empty path ('{relpath}').").format(relpath=relpath))
    return base.joinpath(*parts)


class _Meter:
    def __init__(self, files: list[RemoteFile], on_progress: ProgressFn | None) -> None:
        self.total = sum(f.size for f in files)
        self.files_total = len(files)
        self.done: dict[int, int] = {}
        self.files_done = 0
        self.on_progress = on_progress
        self.start = time.monotonic()
        self.start_bytes: int | None = None
        self._lock = threading.Lock()
        self._last = 0.0

    def set(self, key: int, value: int, name: str, *, finished: bool = False) -> None:
        with self._lock:
            self.done[key] = value
            if finished:
                self.files_done += 1
            now = time.monotonic()
            if self.on_progress is None or (now - self._last < 0.1 and not finished):
                return
            self._last = now
            done = sum(self.done.values())
            if self.start_bytes is None:
                self.start_bytes = done
            elapsed = max(now - self.start, 1e-6)
            rate = (done - self.start_bytes) / elapsed
            eta = (self.total - done) / rate if rate > 0 else None
            event = DownloadProgress(
                done, self.total, self.files_done, self.files_total, name, rate, eta
            )
        self.on_progress(event)


def read_checksums(
    pool: SessionPool, exams: list[Arrival], cancel: threading.Event | None = None
) -> list[RemoteFile]:
    """Every file to fetch, with its size from the listing and its digest from SHA256SUMS."""

    def sums(s: FTPSSession, exam: Arrival) -> dict[str, str]:
        if exam.sums is not None:
            return exam.sums
        return parse_sha256sums(read_small(s, posixpath.join(exam.folder, SUMS_NAME)))

    files: list[RemoteFile] = []
    for exam, digests in zip(exams, pool.run(exams, sums, cancel=cancel), strict=True):
        exam.sums = digests
        for rel in sorted(digests):
            if rel not in exam.listed:
                raise TaskFailed(
                    _(
                        "The exam {exam} lists {rel} in {SUMS_NAME} but the file is not on the "
                        "server; it was not downloaded."
                    ).format(exam=exam.exam, rel=rel, SUMS_NAME=SUMS_NAME)
                )
            files.append(RemoteFile(exam, rel, exam.listed[rel], digests[rel]))
    return files


def _hash_file(path: Path, h: hashlib._Hash) -> None:
    with path.open("rb") as fh:
        while chunk := fh.read(BLOCK_SIZE):
            h.update(chunk)


def fetch(
    pool: SessionPool,
    files: list[RemoteFile],
    endpoint_url: str,
    *,
    on_progress: ProgressFn | None = None,
    cancel: threading.Event | None = None,
) -> list[LocalFile]:
    """Download (or resume) every file into the cache and check it; raises on the first bad one."""
    meter = _Meter(files, on_progress)
    caches = {id(f.exam): exam_cache(f.exam, endpoint_url) for f in files}
    # Largest first: a big file left for the end would run alone on one connection.
    indexed = sorted(enumerate(files), key=lambda kf: -kf[1].size)

    def one(s: FTPSSession, item: tuple[int, RemoteFile]) -> LocalFile:
        key, rf = item
        label = f"{rf.exam.exam}/{rf.relpath}"
        local = _safe_local(caches[id(rf.exam)], rf.relpath)
        local.parent.mkdir(parents=True, exist_ok=True)
        for fresh in (False, True):
            have = local.stat().st_size if local.exists() else 0
            if have > rf.size or (have and fresh):
                local.unlink()
                have = 0
            if have and have < rf.size and not s.supports_rest():
                local.unlink()
                have = 0
            h = hashlib.sha256()
            if have:
                _hash_file(local, h)
            meter.set(key, have, label)
            if have < rf.size or not local.exists():
                _retrieve(s, rf, local, have, h, lambda n: meter.set(key, n, label), cancel)
            got = local.stat().st_size
            if got != rf.size:
                raise E.ConnectionLost(
                    _(
                        "{label} arrived with {got} of {size} bytes; the connection was lost."
                    ).format(label=label, got=got, size=rf.size)
                )
            if h.hexdigest() == rf.sha256:
                meter.set(key, got, label, finished=True)
                return LocalFile(rf, local)
            if have == 0:
                break  # downloaded in one go and still wrong: the server's copy is not the upload
            log.info("a resumed file did not verify; fetching it again", extra={"event": "verify"})
        local.unlink(missing_ok=True)
        raise ChecksumMismatch(
            _(
                "The file {relpath} of exam {exam} does not match its SHA-256 in "
                "{SUMS_NAME} (it changed on the server after the upload); no archive "
                "was written."
            ).format(relpath=rf.relpath, exam=rf.exam.exam, SUMS_NAME=SUMS_NAME)
        )

    done = pool.run(indexed, one, cancel=cancel)
    by_key = {key: local for (key, _rf), local in zip(indexed, done, strict=True)}
    return [by_key[k] for k in range(len(files))]


def _retrieve(
    s: FTPSSession,
    rf: RemoteFile,
    local: Path,
    offset: int,
    h: hashlib._Hash,
    progress: Callable[[int], None],
    cancel: threading.Event | None,
) -> None:
    set_type(s, "I")
    done = offset
    with local.open("ab" if offset else "wb") as fh:
        conn = open_data(s, f"RETR {rf.remote_path}", rest=offset or None)
        with conn:
            while data := conn.recv(BLOCK_SIZE):
                fh.write(data)
                h.update(data)
                done += len(data)
                progress(done)
                if cancel is not None and cancel.is_set():
                    raise E.Cancelled(_("The download was cancelled."))
            s._close_data(conn)
    s.voidresp()
