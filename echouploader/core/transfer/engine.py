"""The transfer engine: parallel, resumable, verified uploads.

Log records name transfers by id, never by file or folder name (those can carry a patient's name);
the queue maps ids to paths for support staff.

Each of N worker threads holds one logged-in session and reuses it for file after file. A file is
sent under a temporary name in its final folder (:func:`part_name`), its size on the server is
compared with the local size, and only then is it renamed to its final name: a final name never
shows a partial file. A broken connection is retried with back-off and resumed with ``REST`` from
the temporary file's size when the server offers ``REST STREAM`` (a server that refuses the
restart gets the file from byte 0, and is remembered per site). A file already at its final name
is "done" only when proven to be this one (see :meth:`_JobRun.same_file`). Jobs and remote files
are claimed in the queue, a file from its first look to its verified rename (:mod:`.claims`), so
two processes never send the same file. ``452``/``552`` (storage full)
stops the job and leaves the rest waiting for space. ``421`` at login makes the job go on with the
connections it already has. When every file is verified, each uploaded folder gets its
``SHA256SUMS`` and then its ``upload.json`` (the same way; see :mod:`.manifest`), so the receiver
can tell a complete upload.

Use from a GUI thread worker::

    result = Engine(factory, store=QueueStore()).run(job, on_progress, cancel_event)
"""

from __future__ import annotations

import contextlib
import datetime as dt
import ftplib
import hashlib
import io
import logging
import os
import posixpath
import random
import shutil
import sqlite3
import threading
import time
import zlib
from collections import deque
from collections.abc import Callable
from typing import IO, Any

from echouploader.core import errors as E
from echouploader.core.ftps import quota_cache
from echouploader.core.ftps.session import BLOCK_SIZE, FTPSSession
from echouploader.core.i18n import _
from echouploader.core.transfer import manifest, pipeline
from echouploader.core.transfer.claims import FileClaims
from echouploader.core.transfer.model import (
    FINISHED_STATES,
    MAX_CONNECTIONS,
    PENDING_STATES,
    ConflictCallback,
    ConflictPolicy,
    Job,
    JobResult,
    ProgressCallback,
    Transfer,
    TransferState,
)
from echouploader.core.transfer.progress import JobProgress
from echouploader.core.transfer.queue_store import (
    HEARTBEAT_SECONDS,
    Claim,
    QueueStore,
    job_claim,
    new_owner,
)
from echouploader.core.transfer.rate_limit import TokenBucket
from echouploader.core.transfer.remote_files import (
    FATAL,
    NETWORK_ERRORS,
    JobBusy,
    LocalFileChanged,
    TransferConflict,
    as_storage_full,
    delete_quietly,
    internal_error,
    is_permanent,
    names_in,
    part_name,
    project_error,
    read_small,
    remote_size,
    server_hash,
)

log = logging.getLogger("echouploader.transfer")

DEFAULT_RETRIES = 3
DEFAULT_RETRY_DELAY = 2.0  # seconds; doubles after each failed try of the same file
STORE_BYTES_SECONDS = 2.0  # how often bytes_done is written to the queue while sending
MAX_TRIES_FACTOR = 20  # safety net: at most retries x this many tries per file in one run
CLAIM_WAIT_SECONDS = 0.5  # how often a worker looks again when another process has the files
FINAL_REPLY_SECONDS = 5.0  # how long to wait for the reason after a broken data connection

SessionOpener = Callable[[], FTPSSession]


class _Retire(Exception):
    """This worker could not get a connection (421) while others have one: let them go on."""


class LateSession:
    """A logged-in session another task still uses (the space check beside the upload), promised
    to the job as one more worker: the job opens one connection fewer and takes this one when it
    comes, if files are still waiting; otherwise it is closed. ``give`` is called once, with the
    session or None (nothing to give: the job opens that connection itself when it needs it)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.ready = threading.Event()
        self._session: FTPSSession | None = None
        self._declined = False

    def give(self, s: FTPSSession | None) -> None:
        with self._lock:
            declined = self._declined
            if not declined:
                self._session = s
            self.ready.set()
        if declined and s is not None:
            _quit_quietly(s)

    def take(self) -> FTPSSession | None:
        with self._lock:
            s, self._session = self._session, None
            self._declined = True
            return s

    def decline(self) -> None:
        """The job needs no more connections: close the session now or when it comes."""
        s = self.take()
        if s is not None:
            _quit_quietly(s)

    @property
    def declined(self) -> bool:
        return self._declined

    @property
    def came_empty(self) -> bool:
        """Given already, with nothing in it."""
        with self._lock:
            return self.ready.is_set() and self._session is None


def _quit_quietly(s: FTPSSession) -> None:
    try:
        s.quit()
    except Exception:  # noqa: BLE001 - it is closing anyway
        s.close()


class _RestartRefused(Exception):
    """The server refused ``REST`` or a restarted ``STOR`` (ProFTPD's ``AllowStoreRestart off``)."""


#: Replies to REST or to a STOR after REST that mean "this server does not restart uploads".
RESTART_REFUSALS = ("451", "500", "501", "502", "504", "550", "554")
RESTART_FACT = "restart"  # queue store site fact: "off" once the server refused a restart
CONNECTIONS_FACT = "connections"  # site fact: how many connections the server took at most


class _RetryBudget:
    """How many more tries a file gets after a transient failure.

    A try that started further on than any before shows the file is advancing: it resets the
    count (a long file on a flaky line gets there piece by piece). A server that keeps losing what
    it got does not advance the offset, so that ends; so does a server without REST (every try
    starts at 0). ``MAX_TRIES_FACTOR`` bounds the total either way.
    """

    def __init__(self, retries: int) -> None:
        self.retries = retries
        self.fails = 0
        self.tries = 0
        self.best_offset = -1  # furthest point the server had when a try started

    def another_try(self, offset: int | None) -> bool:
        """Count a failed try that started at ``offset`` (None: it never started sending)."""
        self.tries += 1
        progressed = offset is not None and offset > self.best_offset
        if offset is not None:
            self.best_offset = max(self.best_offset, offset)
        self.fails = 1 if progressed else self.fails + 1
        return self.fails < self.retries and self.tries < self.retries * MAX_TRIES_FACTOR


def _hash_prefix(
    fh: IO[bytes], length: int, hasher: Any, block: int, cancel: threading.Event
) -> None:
    left = length
    while left > 0:
        if cancel.is_set():
            raise E.Cancelled()
        buf = fh.read(min(block, left))
        if not buf:
            raise LocalFileChanged(_("The local file became shorter while it was being uploaded."))
        hasher.update(buf)
        left -= len(buf)


def final_reply(s: FTPSSession, timeout: float = FINAL_REPLY_SECONDS) -> ftplib.Error | None:
    """After a broken data connection: the server's error reply, if it sent one in time."""
    sock = s.sock
    if sock is None:
        return None
    try:
        sock.settimeout(timeout)
        reply = s.getresp()
    except ftplib.Error as err:
        return err
    except (OSError, EOFError):
        return None
    finally:
        with contextlib.suppress(OSError):
            sock.settimeout(s.timeout)
    log.debug("reply after a broken data connection: %s", reply)
    return None


def file_digest(
    path: os.PathLike[str] | str, algo: str, cancel: threading.Event, sha256: str | None = None
) -> str:
    """The local file's digest in the algorithm a server hash command uses (hex)."""
    if algo == "sha256" and sha256 is not None:
        return sha256
    if algo == "crc32":
        crc = 0
        with open(path, "rb") as fh:
            while buf := fh.read(BLOCK_SIZE):
                if cancel.is_set():
                    raise E.Cancelled()
                crc = zlib.crc32(buf, crc)
        return f"{crc:08x}"
    hasher = hashlib.new(algo)
    with open(path, "rb") as fh:
        while buf := fh.read(BLOCK_SIZE):
            if cancel.is_set():
                raise E.Cancelled()
            hasher.update(buf)
    return hasher.hexdigest()


def hash_file(
    path: os.PathLike[str] | str, cancel: threading.Event, block: int = BLOCK_SIZE
) -> str:
    hasher = hashlib.sha256()
    with open(path, "rb") as fh:
        while buf := fh.read(block):
            if cancel.is_set():
                raise E.Cancelled()
            hasher.update(buf)
    return hasher.hexdigest()


class Engine:
    """Runs jobs: ``run(job, on_progress, cancel) -> JobResult``; never raises for a job's failure.

    ``open_session`` is a callable returning a new logged-in :class:`FTPSSession` (a
    :class:`~.ftps.session.SessionFactory`). ``on_conflict`` (for the GUI) is asked,
    one call at a time, what to do when a different file already has a transfer's final name;
    without it the job's policy applies. ``on_progress`` is called from worker threads, serially.
    """

    def __init__(
        self,
        open_session: SessionOpener,
        *,
        store: QueueStore | None = None,
        retries: int = DEFAULT_RETRIES,
        retry_delay: float = DEFAULT_RETRY_DELAY,
        block_size: int = BLOCK_SIZE,
        on_conflict: ConflictCallback | None = None,
        rate_limit: int = 0,
        before_rename: Callable[[], None] | None = None,
        late_session: LateSession | None = None,
    ) -> None:
        self.open_session = open_session
        self.store = store
        self.retries = max(1, retries)
        self.retry_delay = retry_delay
        self.block_size = max(BLOCK_SIZE, block_size)
        self.on_conflict = on_conflict
        self.rate_limit = max(0, int(rate_limit))  # bytes per second for the whole job; 0: none
        # Called once before the first file gets its final name; raising (e.g. QuotaExceeded
        # from a space check running beside the upload) stops the job with nothing renamed.
        self.before_rename = before_rename
        # The space check's session, handed over as one more worker once it has measured.
        self.late_session = late_session

    def run(
        self,
        job: Job,
        on_progress: ProgressCallback | None = None,
        cancel: threading.Event | None = None,
    ) -> JobResult:
        return _JobRun(self, job, on_progress, cancel or threading.Event()).execute()


class _JobRun:
    """The state of one job while it runs (shared by its workers under ``lock``)."""

    def __init__(
        self,
        engine: Engine,
        job: Job,
        on_progress: ProgressCallback | None,
        cancel: threading.Event,
    ) -> None:
        self.engine = engine
        self.job = job
        self.cancel = cancel
        self.progress = JobProgress(job, on_progress)
        self.lock = threading.Lock()
        self.conflict_lock = threading.Lock()
        self.work: deque[Transfer] = deque()
        self.fatal: E.EchoUploaderError | None = None
        self.storage_full: E.StorageFull | None = None
        self.sessions_open = 0
        self.sessions_peak = 0
        self.idle: list[FTPSSession] = []  # sessions handed back by finished workers
        self.uploaded = 0
        self.already_there = 0
        self.bytes_sent = 0
        self.created_dirs: set[str] = set()
        # Folders this run created: empty before, so their files need no SIZE checks (2 round
        # trips per file saved; on a 30 ms line that is most of a small file's time).
        self.fresh_dirs: set[str] = set()
        self.start_offsets: dict[str, int] = {}  # where the current try of a transfer began
        # One retry budget per file for the whole run: a file that arrived short (its batched
        # check failed) and is queued again spends from the same budget, not a fresh one.
        self.budgets: dict[str, _RetryBudget] = {}
        # Sent in full under the temporary name, waiting for the size check and the final rename;
        # these go in batches (two round trips for a batch, not three per file).
        self.unverified: list[Transfer] = []
        self.first_login = threading.Event()
        self.waiting_for_late = False  # one worker waits for the space check's session
        self.refused_more = False  # the server said "too many" to one more connection
        self.rename_gate = threading.Lock()
        self.renames_allowed = engine.before_rename is None
        # One bucket for every connection: the limit holds for the job as a whole.
        self.bucket = TokenBucket(engine.rate_limit) if engine.rate_limit else None
        self.sums_cache: dict[str, dict[str, str]] = {}  # folder -> hashes we recorded there
        self.owner = new_owner()  # this run's name on its claims in the queue
        self.claims = FileClaims(engine.store, job.endpoint, self.owner)
        store = engine.store
        self.restart_off = (
            store is not None and store.site_fact(job.endpoint, RESTART_FACT) == "off"
        )

    def fields(self, t: Transfer | None = None) -> dict[str, Any]:
        """Structured log fields: where and what (names are redacted by the log if identifying)."""
        out: dict[str, Any] = {
            "site": self.job.endpoint.site,
            "exam": self.job.exam_id,
            "job": self.job.job_id,
        }
        if t is not None:
            out.update(transfer=t.transfer_id, path=t.relpath, remote=t.remote_path, size=t.size)
        return out

    # --- sessions -------------------------------------------------------------------------------

    def open(self) -> FTPSSession:
        """A new session; 421 backs off, or retires this worker when others are connected."""
        fails = 0
        while True:
            if self.cancel.is_set():
                raise E.Cancelled()
            try:
                s = self.engine.open_session()
                s.binary()
            except NETWORK_ERRORS as exc:
                err = project_error(exc, self.job)
                if isinstance(err, E.ServerClosing):  # 421 (or 530): too many connections
                    with self.lock:
                        others = self.sessions_open
                    if others > 0:
                        self.refused_more = True
                        log.info(
                            "the server refused another connection (%s); going on with %d",
                            err,
                            others,
                            extra={"event": "connections", **self.fields()},
                        )
                        raise _Retire() from err
                fails += 1
                if isinstance(err, FATAL) or fails >= self.engine.retries:
                    raise err from exc
                self.sleep(fails)
                continue
            with self.lock:
                self.sessions_open += 1
                self.sessions_peak = max(self.sessions_peak, self.sessions_open)
                self.progress.connections = self.sessions_open
            return s

    def known_connection_limit(self) -> int:
        """How many connections this server took at most before (0: no limit seen)."""
        store = self.engine.store
        fact = store.site_fact(self.job.endpoint, CONNECTIONS_FACT) if store else None
        return int(fact) if fact and fact.isdigit() else 0

    def remember_connection_limit(self, n: int) -> None:
        """The server took n connections and refused one more: open no more than n next time."""
        store = self.engine.store
        if store is not None and n > 0:
            known = self.known_connection_limit()
            if not known or n < known:
                store.set_site_fact(self.job.endpoint, CONNECTIONS_FACT, str(n))

    def close(self, s: FTPSSession | None, *, polite: bool = False) -> None:
        if s is None:
            return
        with self.lock:
            self.sessions_open -= 1
            self.progress.connections = self.sessions_open
        if polite:
            with contextlib.suppress(Exception):
                s.quit()
        s.close()

    def close_all(self, sessions: list[FTPSSession]) -> None:
        """QUIT on every connection at once, then read the replies (one round trip for all)."""
        sent = []
        for s in sessions:
            try:
                s.putcmd("QUIT")
                sent.append(s)
            except Exception:  # noqa: BLE001 - it is closing anyway
                self.close(s)
        for s in sent:
            with contextlib.suppress(Exception):
                s.getresp()
            self.close(s)

    def sleep(self, fails: int) -> None:
        delay = self.engine.retry_delay * (2 ** max(0, fails - 1))
        delay *= 0.75 + random.random() / 2  # jitter: parallel workers do not retry in step
        if self.cancel.wait(min(delay, 60.0)):
            raise E.Cancelled()

    def should_stop(self) -> bool:
        return self.cancel.is_set() or self.fatal is not None or self.storage_full is not None

    def save(self, t: Transfer) -> None:
        if self.engine.store is not None:
            self.engine.store.update(t)

    # --- the job --------------------------------------------------------------------------------

    def execute(self) -> JobResult:
        """Claim the job in the queue (one process sends it), run it, give the claims back."""
        store = self.engine.store
        if store is None:
            return self.run_job()
        held = store.claim(job_claim(self.job.job_id), self.owner)
        if held is not None:
            return self.busy(held)
        # What this run was given may be older than the queue: another process may have sent
        # files of this job (or all of it) since it was read, before this claim.
        if store.refresh(self.job):
            store.release_all(self.owner)
            return self.already_finished()
        stop = threading.Event()
        beat = threading.Thread(
            target=self.heartbeat, args=(stop,), name="echouploader-claims", daemon=True
        )
        beat.start()
        try:
            return self.run_job()
        finally:
            stop.set()
            beat.join()
            store.release_all(self.owner)

    def heartbeat(self, stop: threading.Event) -> None:
        """Renew this run's claims, so other processes know it is alive."""
        assert self.engine.store is not None
        while not stop.wait(HEARTBEAT_SECONDS):
            try:
                self.engine.store.renew(self.owner)
            except sqlite3.Error as exc:  # the next beat tries again; the lease is 30 s
                log.warning("could not renew the queue claims: %s", exc, extra=self.fields())

    def already_finished(self) -> JobResult:
        """Another process finished this job (manifest too) after it was read: nothing to do."""
        log.info(
            "job %s: already finished by another run",
            self.job.job_id,
            extra={"event": "job_done", **self.fields(), "bytes": self.job.total_bytes},
        )
        return self.result(time.monotonic(), True, None)

    def busy(self, held: Claim) -> JobResult:
        """Another live process is sending this job: leave it to that one."""
        err = JobBusy(
            _(
                "Another EchoUploader process (pid {pid} on {host}) is sending this "
                "upload; it was left to that one."
            ).format(pid=held.pid, host=held.host),
        )
        log.info("%s", err, extra={"event": "job_busy", **self.fields()})
        return self.result(time.monotonic(), False, err)

    def run_job(self) -> JobResult:
        job = self.job
        started = dt.datetime.now(dt.UTC)
        t0 = time.monotonic()
        for t in job.transfers:
            if t.state in PENDING_STATES:
                t.state = TransferState.QUEUED
                t.last_error = None
                self.work.append(t)
        limit = job.endpoint.max_connections or MAX_CONNECTIONS
        n = max(1, min(job.connections, MAX_CONNECTIONS, limit, max(1, len(self.work))))
        allowed = self.known_connection_limit()
        if allowed:
            n = min(n, allowed)
        log.info(
            "job %s: %d file(s) with %d connection(s)",
            job.job_id,
            len(self.work),
            n,
            extra={"event": "job_start", **self.fields()},
        )
        self.progress.changed(None)
        late = self.engine.late_session
        if late is not None and (n < 2 or late.came_empty):
            late.decline()  # one connection only, or nothing to wait for: open our own
        self.waiting_for_late = late is not None and not late.declined
        own = n - 1 if self.waiting_for_late else n
        # The other connections log in while the first one makes the folders (once the first
        # login has worked: a wrong password is tried once, not once per connection).
        spares = [
            threading.Thread(target=self.open_spare, name=f"echouploader-connect-{i + 2}")
            for i in range(own - 1)
        ]
        for th in spares:
            th.start()
        try:
            try:
                try:
                    first: FTPSSession | None = self.open()
                finally:
                    self.first_login.set()
            except _Retire:  # the server allows fewer: one of the others makes the folders
                for th in spares:
                    th.join()
                with self.lock:
                    first = self.idle.pop() if self.idle else None
            first = self.with_session(first, self.make_folders)
            if first is not None:
                with self.lock:
                    self.idle.append(first)
        except (E.Cancelled, _Retire):
            pass
        except E.EchoUploaderError as err:
            self.fatal = err
        except Exception as exc:  # noqa: BLE001 - a bug of ours: stop the job, say so, log it
            self.stop_for_bug(exc)
        finally:
            self.first_login.set()
            for th in spares:
                th.join()
        # A worker that retired (421) hands its file back; if the others had already finished,
        # another round picks it up (with fewer connections the server is more likely to take).
        rounds = 0
        while (self.work or self.unverified) and not self.should_stop():
            if rounds >= self.engine.retries:
                break
            rounds += 1
            self.run_workers(max(1, min(n, len(self.work))))
        if late is not None:
            late.decline()

        if self.storage_full is not None or isinstance(self.fatal, E.QuotaExceeded):
            self.free_partial_files()
        manifest_ok = False
        if not self.should_stop() and all(t.state in FINISHED_STATES for t in job.transfers):
            try:
                manifest_ok = self.upload_manifest(started)
            except Exception as exc:  # noqa: BLE001 - a bug of ours: stop the job, say so, log it
                self.stop_for_bug(exc)
        self.close_all(self.idle)
        self.idle.clear()
        if self.refused_more:
            self.remember_connection_limit(self.sessions_peak)
        self.finish_states()
        self.count_for_quota()
        if manifest_ok and job.staging_dir is not None:
            shutil.rmtree(job.staging_dir, ignore_errors=True)
        error: E.EchoUploaderError | None = self.fatal or self.storage_full
        if self.engine.store is not None:
            self.engine.store.finish_job(
                job.job_id, manifest_uploaded=manifest_ok, error=str(error) if error else None
            )
        self.progress.changed(None)
        return self.result(t0, manifest_ok, error)

    def count_for_quota(self) -> None:
        """Tell the quota cache what this run put on the server (a full disk: it knows nothing)."""
        ep = self.job.endpoint
        if self.storage_full is not None:
            quota_cache.forget(ep)
        elif not isinstance(self.fatal, E.QuotaExceeded):  # refused: its partial files are gone
            quota_cache.count_sent(ep, self.job.remote_folder, self.bytes_sent)

    def stop_for_bug(self, exc: Exception) -> None:
        """Our own bug (not the network's): stop the job with one sentence, traceback in the log."""
        log.error(
            "internal error: %s",
            exc,
            exc_info=exc,
            extra={"event": "internal_error", **self.fields()},
        )
        with self.lock:
            self.fatal = self.fatal or internal_error(exc)

    def open_spare(self) -> None:
        """Log in one more connection for the workers (a refusal only means fewer of them)."""
        self.first_login.wait()
        if self.should_stop() or self.sessions_open == 0:
            return
        try:
            s = self.open()
        except (E.Cancelled, _Retire, E.EchoUploaderError):
            return
        with self.lock:
            self.idle.append(s)

    def run_workers(self, n: int) -> None:
        """N threads, each with a session (an idle one if there is), until the work is done."""
        threads = []
        late = self.engine.late_session
        if self.waiting_for_late and late is not None and not late.declined and n > 1:
            n -= 1
            threads.append(
                threading.Thread(
                    target=self.late_worker, name=f"echouploader-transfer-{n + 1}", daemon=True
                )
            )
        for i in range(n):
            session = self.idle.pop() if self.idle else None
            threads.append(
                threading.Thread(
                    target=self.worker,
                    args=(session,),
                    name=f"echouploader-transfer-{i + 1}",
                    daemon=True,
                )
            )
        for th in threads:
            th.start()
        for th in threads:
            th.join()

    def late_worker(self) -> None:
        """One more worker, on the session the space check hands over when it has measured."""
        late = self.engine.late_session
        assert late is not None
        while not late.ready.wait(0.05):
            if self.should_stop() or not self.work:
                late.decline()
                return
        s = late.take()
        if self.should_stop() or not self.work:
            if s is not None:
                _quit_quietly(s)
            return
        if s is not None:
            try:
                s.binary()
            except Exception:  # noqa: BLE001 - a broken session: this worker opens its own
                s.close()
                s = None
            else:
                with self.lock:
                    self.sessions_open += 1
                    self.sessions_peak = max(self.sessions_peak, self.sessions_open)
                    self.progress.connections = self.sessions_open
                log.info(
                    "the space check's connection joins the upload",
                    extra={"event": "connections", **self.fields()},
                )
        self.worker(s)

    def finish_states(self) -> None:
        """What did not run: waiting for space, cancelled, or queued again (after a fatal error)."""
        for t in self.job.transfers:
            if t.state in (TransferState.QUEUED, TransferState.ACTIVE):
                if self.storage_full is not None:
                    t.state = TransferState.WAITING_FOR_SPACE
                    t.last_error = str(self.storage_full)
                elif self.cancel.is_set():
                    t.state = TransferState.CANCELLED
                else:
                    t.state = TransferState.QUEUED
                self.save(t)

    def result(self, t0: float, manifest_ok: bool, error: E.EchoUploaderError | None) -> JobResult:
        ts = self.job.transfers

        def count(state: TransferState) -> int:
            return sum(1 for t in ts if t.state is state)

        return JobResult(
            job_id=self.job.job_id,
            files_total=len(ts),
            files_done=count(TransferState.DONE),
            files_uploaded=self.uploaded,
            files_already_there=self.already_there,
            files_skipped=count(TransferState.SKIPPED),
            files_failed=count(TransferState.FAILED),
            files_waiting_for_space=count(TransferState.WAITING_FOR_SPACE),
            files_cancelled=count(TransferState.CANCELLED),
            bytes_sent=self.bytes_sent,
            bytes_total=self.job.total_bytes,
            seconds=time.monotonic() - t0,
            connections_used=self.sessions_peak,
            manifest_uploaded=manifest_ok,
            cancelled=self.cancel.is_set(),
            error=error,
            failures=[
                (t.relpath, t.last_error or "") for t in ts if t.state is TransferState.FAILED
            ],
            skipped_local=list(self.job.skipped_local),
        )

    def with_session(
        self, s: FTPSSession | None, action: Callable[[FTPSSession], None]
    ) -> FTPSSession | None:
        """Run a job-level step (folders, manifest), reconnecting on transient failures."""
        fails = 0
        while True:
            try:
                if s is None:
                    s = self.open()
                action(s)
                return s
            except (E.Cancelled, _Retire):
                raise
            except NETWORK_ERRORS as exc:
                err = project_error(exc, self.job)
                self.close(s)
                s = None
                fails += 1
                if isinstance(err, FATAL) or is_permanent(err) or fails >= self.engine.retries:
                    raise err from exc
                self.sleep(fails)

    def free_partial_files(self) -> None:
        """Storage is full: delete this job's partial files, which hold the space others need."""
        pending = [t for t in self.job.transfers if t.state not in FINISHED_STATES]

        def delete(s: FTPSSession) -> None:
            for t in pending:
                delete_quietly(s, part_name(t.remote_path))

        s = self.idle.pop() if self.idle else None
        try:
            s = self.with_session(s, delete)
        except (E.Cancelled, _Retire):
            return
        except E.EchoUploaderError as err:
            log.warning(
                "could not delete the partial files: %s",
                err,
                extra={"event": "cleanup", **self.fields()},
            )
            return
        if s is not None:
            self.idle.append(s)

    def make_folders(self, s: FTPSSession) -> None:
        folders = {self.job.remote_folder}
        for t in self.work:
            folders.add(posixpath.dirname(t.remote_path))
        needed: set[str] = set()
        for f in folders:
            while f not in ("/", "") and f not in needed:
                needed.add(f)
                f = posixpath.dirname(f)
        todo = sorted(needed - self.created_dirs, key=lambda p: (p.count("/"), p))
        # Parents before children, back to back: the server makes them in order (one round trip).
        for f in todo:
            s.putcmd(f"MKD {f}")
        replies: list[str | ftplib.error_perm] = []
        for _n in todo:
            try:
                replies.append(s.getresp())
            except ftplib.error_perm as exc:
                replies.append(exc)
        for f, reply in zip(todo, replies, strict=True):
            if isinstance(reply, ftplib.error_perm):
                if not str(reply).startswith("550") and not str(reply).startswith("521"):
                    raise reply
            else:
                self.fresh_dirs.add(f)
            self.created_dirs.add(f)

    # --- workers --------------------------------------------------------------------------------

    def next_transfer(self) -> Transfer | None:
        """The next file no other process is sending; waits while every one left is taken."""
        told = False
        while True:
            with self.lock:
                if self.should_stop() or not self.work:
                    return None
                for _n in range(len(self.work)):
                    t = self.work.popleft()
                    if self.claims.take(t):
                        return t
                    self.work.append(t)
                if self.unverified:
                    # Check (and so give back) what this run sent before waiting: the other
                    # process may be waiting for one of those.
                    return None
            if not told:
                told = True
                log.info(
                    "another process is sending the files left; waiting for it",
                    extra={"event": "claims", **self.fields()},
                )
            if self.cancel.wait(CLAIM_WAIT_SECONDS):
                return None

    def worker(self, s: FTPSSession | None) -> None:
        try:
            while True:
                t = self.next_transfer()
                if t is None:
                    if self.cancel.is_set() or self.fatal is not None:
                        break
                    s = self.flush_unverified(s)
                    if not self.work or self.should_stop():
                        break
                    continue  # a file that failed its check is queued again
                s, batched = self.transfer_with_retries(t, s)
                if not batched:  # a batched file keeps its claim until its check: flush_unverified
                    self.claims.release(t)
                if len(self.unverified) >= pipeline.MAX_BATCH // 2:
                    s = self.flush_unverified(s)
        except _Retire:
            s = None
        except Exception as exc:  # noqa: BLE001 - a bug of ours: stop the job, say so, log it
            self.stop_for_bug(exc)
        finally:
            if s is not None:
                with self.lock:
                    self.idle.append(s)

    def budget(self, t: Transfer) -> _RetryBudget:
        with self.lock:
            return self.budgets.setdefault(t.transfer_id, _RetryBudget(self.engine.retries))

    def transfer_with_retries(
        self, t: Transfer, s: FTPSSession | None
    ) -> tuple[FTPSSession | None, bool]:
        """Send one file, retrying transient failures: the session to go on with, and whether
        the file now waits for its batched size check and rename (then it stays claimed)."""
        budget = self.budget(t)
        while True:
            try:
                if s is None:
                    s = self.open_for(t)
                return s, self.send(s, t)
            except _Retire:
                raise
            except E.Cancelled:
                self.close(s)
                t.state = TransferState.CANCELLED
                self.save(t)
                self.progress.changed(t)
                return None, False
            except NETWORK_ERRORS as exc:
                err = self.record_failure(t, exc)
                settled, s = self.settle_failure(t, s, err)
                if settled:
                    return s, False
                # Transient: new connection, back off, resume.
                self.close(s)
                s = None
                if isinstance(err, E.SessionReuseRefused):
                    fallback = getattr(self.engine.open_session, "fall_back_to_tls12", None)
                    if fallback is not None:
                        fallback()
                offset = self.start_offsets.pop(t.transfer_id, None)
                if not budget.another_try(offset) or self.should_stop():
                    t.state = TransferState.FAILED if not self.should_stop() else t.state
                    if t.state is TransferState.ACTIVE:
                        t.state = TransferState.QUEUED
                    self.save(t)
                    self.progress.changed(t)
                    return None, False
                self.sleep(budget.fails)

    def open_for(self, t: Transfer) -> FTPSSession:
        """A session for ``t``; when this worker retires (421), ``t`` goes back to the others."""
        try:
            return self.open()
        except _Retire:
            with self.lock:
                self.work.appendleft(t)
            raise

    def record_failure(self, t: Transfer, exc: Exception) -> E.EchoUploaderError:
        """Count and log a failed try; the project error it amounts to."""
        err = project_error(exc, self.job)
        t.attempts += 1
        t.last_error = str(err)
        log.warning(
            "transfer %s: try %d failed: %s",
            t.transfer_id,
            t.attempts,
            err,
            extra={
                "event": "retry",
                **self.fields(t),
                "attempt": t.attempts,
                "reply": getattr(err, "reply", "") or None,
                "code": getattr(err, "code", "") or None,
                "detail": repr(exc),
            },
        )
        return err

    def settle_failure(
        self, t: Transfer, s: FTPSSession | None, err: E.EchoUploaderError
    ) -> tuple[bool, FTPSSession | None]:
        """Failures a retry cannot help (full storage, fatal, permanent): (True, session).

        (False, s) means the failure is transient and the file should be tried again.
        """
        full = as_storage_full(err)
        if full is not None:
            with self.lock:
                self.storage_full = self.storage_full or full
            if s is not None:  # free the space the partial file takes
                with contextlib.suppress(Exception):
                    delete_quietly(s, part_name(t.remote_path))
            t.state = TransferState.WAITING_FOR_SPACE
            self.save(t)
            self.progress.changed(t)
            return True, s
        if isinstance(err, FATAL):
            with self.lock:
                self.fatal = self.fatal or err
            self.close(s)
            t.state = TransferState.QUEUED
            self.save(t)
            return True, None
        if is_permanent(err):
            t.state = TransferState.FAILED
            self.save(t)
            self.progress.changed(t)
            return True, s
        return False, s

    def flush_unverified(self, s: FTPSSession | None) -> FTPSSession | None:
        """Check the size of every file sent so far and give each its final name (a batch);
        a file the server does not hold in full is queued again (and resumed)."""
        with self.lock:
            batch, self.unverified = self.unverified, []
        if not batch:
            return s
        try:
            self.allow_renames()
        except E.EchoUploaderError as err:
            with self.lock:
                self.unverified.extend(batch)
                self.fatal = self.fatal or err
            return s
        batch = self.hand_back_lost(batch)
        if not batch:
            return s
        try:
            if s is None:
                s = self.open()
            results = self.verify_and_rename(s, batch)
        except (E.Cancelled, _Retire):
            with self.lock:
                self.unverified.extend(batch)  # still complete on the server: checked later
            raise
        except NETWORK_ERRORS as exc:
            with self.lock:
                self.unverified.extend(batch)
            err = project_error(exc, self.job)
            log.warning(
                "checking %d uploaded file(s) failed: %s",
                len(batch),
                err,
                extra={"event": "retry", **self.fields(), "detail": repr(exc)},
            )
            if isinstance(err, FATAL):
                with self.lock:
                    self.fatal = self.fatal or err
            self.close(s)
            return None
        for t, why in zip(batch, results, strict=True):
            self.claims.checked(t)
            if why is None:
                self.mark_done(t, already_there=False)
                self.claims.release(t)  # after "done" is saved: what another process checks
                continue
            # Queued again below, still claimed: no other process may start it in between.
            t.attempts += 1
            t.last_error = _(
                "The server did not keep all of '{relpath}' ({why}); sending it again."
            ).format(relpath=t.relpath, why=why)
            log.warning(
                "transfer %s: check failed: %s",
                t.transfer_id,
                why,
                extra={"event": "retry", **self.fields(t), "attempt": t.attempts},
            )
            # The try sent everything and the server kept less: a failed try that did not
            # advance, counted in the same budget as a broken connection.
            # A try that started further on than any before still advanced the file (the server
            # kept more than it had); one that started where an earlier try did did not.
            started = self.start_offsets.pop(t.transfer_id, None)
            again = self.budget(t).another_try(0 if started is None else started)
            t.state = TransferState.QUEUED if again else TransferState.FAILED
            self.save(t)
            self.progress.changed(t)
            if t.state is TransferState.QUEUED:
                with self.lock:
                    self.work.append(t)
        return s

    def hand_back_lost(self, batch: list[Transfer]) -> list[Transfer]:
        """Drop from ``batch`` the files another process took over (this run's lease ran out
        while it stalled): that process finishes them; here they wait, and are found done."""
        try:
            kept, lost = self.claims.confirm(batch)
        except sqlite3.Error as exc:  # the queue is busy: rename nothing now, look again later
            log.warning("could not confirm the queue claims: %s", exc, extra=self.fields())
            with self.lock:
                self.unverified.extend(batch)
            return []
        for t in lost:
            log.warning(
                "transfer %s: another process took it over; leaving it to that one",
                t.transfer_id,
                extra={"event": "claims", **self.fields(t)},
            )
            t.state = TransferState.QUEUED
            self.save(t)
            self.progress.changed(t)
            with self.lock:
                self.work.append(t)
        return kept

    def allow_renames(self) -> None:
        """Before the first final name: the engine's ``before_rename`` check, once."""
        if self.renames_allowed:
            return
        with self.rename_gate:
            if not self.renames_allowed and self.engine.before_rename is not None:
                self.engine.before_rename()
            self.renames_allowed = True

    def count_sent(self, t: Transfer, n: int) -> None:
        with self.lock:
            self.bytes_sent += n

    # --- one file -------------------------------------------------------------------------------

    def decide_conflict(self, t: Transfer) -> ConflictPolicy:
        cb = self.engine.on_conflict
        if cb is None:
            return self.job.on_conflict
        with self.conflict_lock:
            return ConflictPolicy(cb(t))

    def free_name(self, s: FTPSSession, t: Transfer) -> str:
        """``name (1).ext``, ``name (2).ext``…: the first one free on the server and not claimed
        by another process (which may be about to send its own file there); claimed for ``t``."""
        folder, name = posixpath.split(t.remote_path)
        stem, ext = posixpath.splitext(name)
        for i in range(1, 1000):
            candidate = posixpath.join(folder, f"{stem} ({i}){ext}")
            if not self.claims.take_name(t, candidate):
                continue
            if remote_size(s, candidate) is None and remote_size(s, part_name(candidate)) is None:
                return candidate
        raise TransferConflict(
            _("No free name for '{name}' in {folder}.").format(name=name, folder=folder)
        )

    def send(self, s: FTPSSession, t: Transfer) -> bool:
        """One try at one file: check, settle what is already there, stream; True when it is
        sent in full and waits for its batched size check and rename (:meth:`flush_unverified`)."""
        self.check_local(t)
        t.state = TransferState.ACTIVE
        self.save(t)
        self.progress.changed(t)
        log.info(
            "transfer %s: start (try %d)",
            t.transfer_id,
            t.attempts + 1,
            extra={"event": "transfer_start", **self.fields(t)},
        )
        fresh = (
            t.attempts == 0
            and posixpath.dirname(t.remote_path) in self.fresh_dirs
            and not self.sent_elsewhere(t)
        )
        if not fresh and self.settle_existing(s, t):
            return False
        t.sha256 = self.stream(s, t, fresh)
        self.save(t)  # all bytes sent: the record that proves the file ours after a crash
        # Its size is checked, then it is renamed, in a batch (flush_unverified), maybe by another
        # worker: its claim is held until then, whichever worker takes the batch, however long.
        self.claims.awaiting_check(t)
        with self.lock:
            self.unverified.append(t)
        return True

    def sent_elsewhere(self, t: Transfer) -> bool:
        """Another job (perhaps another process, right now) put a file at ``t``'s final name."""
        if self.claims.was_contended(t):
            return True
        store = self.engine.store
        return store is not None and bool(store.done_hashes(self.job.endpoint, t.remote_path))

    def check_local(self, t: Transfer) -> None:
        """The local file is still there and still the size the upload was planned with."""
        try:
            local_size = os.stat(t.local_path).st_size
        except OSError as exc:
            raise LocalFileChanged(
                _("'{local_path}' cannot be read any more ({strerror}).").format(
                    local_path=t.local_path, strerror=exc.strerror
                )
            ) from exc
        if local_size != t.size:
            raise LocalFileChanged(
                _(
                    "'{local_path}' changed size since the upload was prepared ({size} → "
                    "{local_size} bytes); prepare the upload again."
                ).format(local_path=t.local_path, size=t.size, local_size=local_size)
            )

    def settle_existing(self, s: FTPSSession, t: Transfer) -> bool:
        """A file already has the final name: True when that settles ``t`` (done or skipped).

        Done only when it is proven to be this file (:meth:`same_file`): equal size is not
        enough (re-exported echo files often have equal sizes). Otherwise it is a conflict, for
        ``--on-conflict`` or the window's dialog. False means ``t`` is to be sent (to its own
        name, or a renamed one).
        """
        sent_before = t.sha256 is not None and t.bytes_done == t.size
        existing = remote_size(s, t.remote_path)
        if existing is None:
            return False
        if existing == t.size:
            same = self.same_file(s, t, sent_before)
            if same:
                delete_quietly(s, part_name(t.remote_path))
                self.mark_done(t, already_there=True)
                return True
            what = (
                _("a different file of the same size")
                if same is False
                else _("a file of the same size that cannot be proven to be this one")
            )
        else:
            what = _("a different file ({existing} bytes, local {size})").format(
                existing=existing, size=t.size
            )
        policy = self.decide_conflict(t)
        if policy is ConflictPolicy.FAIL:
            raise TransferConflict(
                _(
                    "'{remote_path}' already exists on the server as {what}; choose "
                    "--on-conflict skip, overwrite or rename."
                ).format(remote_path=t.remote_path, what=what)
            )
        if policy is ConflictPolicy.SKIP:
            t.state = TransferState.SKIPPED
            t.last_error = _("{what} of that name was already there").format(what=what)
            self.save(t)
            self.progress.changed(t)
            return True
        if policy is ConflictPolicy.RENAME:
            t.remote_path = self.free_name(s, t)
            t.relpath = posixpath.relpath(t.remote_path, self.job.remote_folder)
            self.save(t)
        # OVERWRITE: the final rename replaces it atomically.
        return False

    def same_file(self, s: FTPSSession, t: Transfer, sent_before: bool) -> bool | None:
        """Is the file at ``t``'s final name (of ``t``'s size) this local file?

        Proven by, in order: the hash in a ``SHA256SUMS`` we wrote earlier in that folder; the
        server's own hash command; this transfer's record (all bytes sent, then the crash came
        before "done" was saved: no partial file left means the rename happened); a finished
        transfer of this content to this path in the queue. None: nothing proves it either way.
        """
        if t.sha256 is None:
            t.sha256 = hash_file(t.local_path, self.cancel, self.engine.block_size)
        folder, name = manifest.place_of(self.job, t)
        recorded = self.recorded_sums(s, folder).get(name)
        if recorded is not None:
            return recorded == t.sha256
        by_server = server_hash(s, t.remote_path)
        if by_server is not None:
            algo, digest = by_server
            return digest == file_digest(t.local_path, algo, self.cancel, t.sha256)
        if sent_before and remote_size(s, part_name(t.remote_path)) is None:
            return True
        store = self.engine.store
        if store is not None and t.sha256 in store.done_hashes(self.job.endpoint, t.remote_path):
            return True
        return None

    def recorded_sums(self, s: FTPSSession, folder: str) -> dict[str, str]:
        """``name -> sha256`` from the manifests EchoUploader wrote earlier in ``folder``."""
        with self.lock:
            cached = self.sums_cache.get(folder)
        if cached is not None:
            return cached
        found: dict[str, str] = {}
        names = [n for n in names_in(s, folder) if n.startswith(manifest.SUMS_NAME)]
        for sums_name in sorted(names, key=lambda n: (n != manifest.SUMS_NAME, n)):
            if sums_name == manifest.SUMS_NAME:
                info_name = manifest.INFO_NAME
            else:
                info_name = manifest.loose_names(sums_name[len(manifest.SUMS_NAME) + 1 :])[1]
            info = read_small(s, posixpath.join(folder, info_name))
            if info is None or not manifest.written_by_us(info):
                continue
            data = read_small(s, posixpath.join(folder, sums_name))
            for n, digest in manifest.parse_sums(data or b"").items():
                found.setdefault(n, digest)
        with self.lock:
            self.sums_cache[folder] = found
        return found

    def stream(self, s: FTPSSession, t: Transfer, fresh: bool) -> str:
        """Send the file to its temporary name, resuming a partial one; its SHA-256."""
        cancel = self.cancel
        part = part_name(t.remote_path)
        offset = 0
        partial = None if fresh else remote_size(s, part)
        if partial is not None and 0 < partial <= t.size and self.can_restart(s):
            offset = partial
        elif partial is not None:
            delete_quietly(s, part)  # starting again: a server may refuse to overwrite it
            partial = None
        hasher = hashlib.sha256()
        block = self.block_size()
        with open(t.local_path, "rb") as fh:
            if offset:
                log.info(
                    "transfer %s: resuming at %d of %d bytes",
                    t.transfer_id,
                    offset,
                    t.size,
                    extra={"event": "resume", **self.fields(t), "offset": offset},
                )
                _hash_prefix(fh, offset, hasher, block, cancel)
            t.bytes_done = offset
            with self.lock:
                self.start_offsets[t.transfer_id] = offset
            if offset < t.size or partial is None:
                try:
                    self.send_data(s, t, fh, f"STOR {part}", offset, hasher)
                except _RestartRefused as refused:
                    self.restart_refused(s, t, refused)
                    delete_quietly(s, part)
                    fh.seek(0)
                    hasher = hashlib.sha256()
                    t.bytes_done = 0
                    with self.lock:
                        self.start_offsets[t.transfer_id] = 0
                    self.send_data(s, t, fh, f"STOR {part}", 0, hasher)
            elif fh.read(1):
                raise LocalFileChanged(
                    _("'{local_path}' grew while it was being uploaded.").format(
                        local_path=t.local_path
                    )
                )
        if t.bytes_done != t.size:
            raise LocalFileChanged(
                _("'{local_path}' changed while it was being uploaded.").format(
                    local_path=t.local_path
                )
            )
        return hasher.hexdigest()

    def block_size(self) -> int:
        """Bytes per send; small blocks under a speed limit, so no second-long bursts."""
        block = self.engine.block_size
        if self.bucket is not None:
            block = min(block, max(1 << 16, int(self.bucket.rate / 20)))
        return block

    def can_restart(self, s: FTPSSession) -> bool:
        """Resume with REST: the server offers it and has not refused it before."""
        return not self.restart_off and s.supports_rest()

    def restart_refused(self, s: FTPSSession, t: Transfer, refused: _RestartRefused) -> None:
        """Remember (for this site, across runs) that the server does not restart uploads."""
        with self.lock:
            first = not self.restart_off
            self.restart_off = True
        if not first:
            return
        log.warning(
            "the server refused to restart an upload (%s); files are sent again from the start "
            "from now on",
            refused,
            extra={"event": "restart_refused", **self.fields(t)},
        )
        if self.engine.store is not None:
            self.engine.store.set_site_fact(self.job.endpoint, RESTART_FACT, "off")

    def send_data(
        self, s: FTPSSession, t: Transfer, fh: IO[bytes], cmd: str, offset: int, hasher: Any
    ) -> None:
        """One data connection: the rest of ``fh`` from ``offset``, then the server's reply."""
        block = self.block_size()
        last_store = time.monotonic()
        try:
            conn = s.transfercmd(cmd, offset or None)
        except ftplib.Error as exc:
            if offset and str(exc)[:3] in RESTART_REFUSALS:
                raise _RestartRefused(str(exc).strip()) from exc
            raise
        try:
            while buf := fh.read(block):
                if self.cancel.is_set():
                    raise E.Cancelled()
                if self.bucket is not None:
                    self.bucket.take(len(buf), self.cancel)
                try:
                    conn.sendall(buf)
                except OSError as exc:  # ssl.SSLError is an OSError too
                    conn.close()
                    # The server may have closed the data connection on purpose (vsftpd on a
                    # full disk): its reply on the control connection says why.
                    refusal = final_reply(s)
                    if refusal is not None:
                        raise refusal from exc
                    raise E.ConnectionLost(
                        _(
                            "The connection to {host} broke while sending a file ({kind}); it will "
                            "be resumed."
                        ).format(host=self.job.endpoint.host, kind=type(exc).__name__),
                        detail=repr(exc),
                    ) from exc
                hasher.update(buf)
                t.bytes_done += len(buf)
                self.count_sent(t, len(buf))
                self.progress.sent(t, len(buf))
                if time.monotonic() - last_store > STORE_BYTES_SECONDS:
                    last_store = time.monotonic()
                    if self.engine.store is not None:
                        self.engine.store.update_bytes(t)
            s._close_data(conn)
        finally:
            conn.close()
        if self.work and not self.should_stop():
            s.prefetch_pasv()  # the next file's port, while this one's 226 is on its way
        s.voidresp()

    def verify_and_rename(self, s: FTPSSession, batch: list[Transfer]) -> list[str | None]:
        """Files the server holds in full under the temporary name get their final name; for
        each, None or why not (see :mod:`.pipeline`)."""
        return pipeline.verify_and_rename(
            s, [pipeline.Rename(part_name(t.remote_path), t.remote_path, t.size) for t in batch]
        )

    def mark_done(self, t: Transfer, *, already_there: bool) -> None:
        t.state = TransferState.DONE
        t.bytes_done = t.size
        t.last_error = None
        with self.lock:
            if already_there:
                self.already_there += 1
            else:
                self.uploaded += 1
        self.save(t)
        self.progress.changed(t)
        log.info(
            "transfer %s: %s",
            t.transfer_id,
            "already on the server" if already_there else "uploaded and verified",
            extra={"event": "transfer_done", **self.fields(t), "bytes": t.size},
        )

    # --- proof of arrival -----------------------------------------------------------------------

    def upload_manifest(self, started: dt.datetime) -> bool:
        """Each folder's ``SHA256SUMS`` then its ``upload.json`` (see :mod:`.manifest`)."""
        job = self.job
        proofs = manifest.manifests(job)

        def put(s: FTPSSession, final: str, data: bytes) -> None:
            part = part_name(final)
            # Another job of the same folder (another process) writes the same names: one at a
            # time, or both would write into the one temporary file.
            self.claims.wait_for_path(final, self.cancel, CLAIM_WAIT_SECONDS)
            s.storbinary(f"STOR {part}", io.BytesIO(data))
            why = pipeline.verify_and_rename(s, [pipeline.Rename(part, final, len(data))])[0]
            self.claims.release_path(final)
            if why is not None:
                name = posixpath.basename(final)
                raise E.ConnectionLost(
                    _("The server did not store all of {name} ({why}); sending it again.").format(
                        name=name, why=why
                    )
                )

        def write_all(s: FTPSSession) -> None:
            for m in proofs:
                put(s, posixpath.join(m.folder, m.sums_name), manifest.sha256sums(m))
                info = manifest.upload_info(
                    job, m, started=started, finished=dt.datetime.now(dt.UTC)
                )
                # Last: its presence means "this folder is complete".
                put(s, posixpath.join(m.folder, m.info_name), info)

        s = self.idle.pop() if self.idle else None
        try:
            s = self.with_session(s, write_all)
        except (E.Cancelled, _Retire):
            return False
        except E.EchoUploaderError as err:
            if isinstance(err, E.StorageFull):
                self.storage_full = err
            else:
                self.fatal = err
            return False
        if s is not None:
            self.idle.append(s)
        log.info(
            "upload of %d file(s) complete; %d manifest(s) written",
            len(job.transfers),
            len(proofs),
            extra={"event": "job_done", **self.fields(), "bytes": job.total_bytes},
        )
        return True
