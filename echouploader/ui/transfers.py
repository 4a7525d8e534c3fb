"""The window's uploads: one job at a time, in a worker, from the persisted queue.

Like Vorta's job manager: jobs wait in line and run one after the other (two jobs never fight
over one server's connection limit). Each exam goes through the same path as the command line's
upload (:func:`~.exam_upload.prepare_exam_upload`: the privacy gate, then the
plan), is recorded in the queue store *before* anything is sent, and is run by the transfer engine
with a progress callback and a cancel Event. The engine's progress
events arrive here as Qt signals (queued to the GUI thread).
"""

from __future__ import annotations

import logging
import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from echouploader.core.ftps.session import SessionFactory
from echouploader.core.ftps.target import Target
from echouploader.core.privacy.exam_identity import ExamIdentity
from echouploader.core.privacy.reports.attach import Attachments
from echouploader.core.transfer.engine import Engine
from echouploader.core.transfer.exam_upload import SiteRules, prepare_exam_upload
from echouploader.core.transfer.model import (
    DEFAULT_CONNECTIONS,
    ConflictPolicy,
    Job,
    JobResult,
    ProgressEvent,
    Transfer,
)
from echouploader.core.transfer.queue_store import QueueStore
from echouploader.core.transfer.rate_limit import limit_for
from echouploader.ui.workers import Worker, WorkerPool

log = logging.getLogger("echouploader.ui")


@dataclass(frozen=True)
class Preparing:
    """Progress before the upload: the privacy check and de-identification."""

    exam: str
    done: int
    total: int


@dataclass(frozen=True)
class Submitted:
    """The job is planned and recorded in the queue; its transfers can be shown."""

    job: Job


Step = Callable[[Callable[[Any], None], threading.Event], JobResult]

UPDATE_MS = 100  # progress reaches the window at most this often


class ProgressMailbox:
    """The latest progress per file, written by any thread, taken by the GUI thread's timer.

    A file's byte counts and states replace each other (only the newest matters); different
    files keep the order they first reported in. Preparing keeps its last report of each half
    (checking, then de-identifying: the queue shows both phases even for an exam that takes
    less than a tick), and a job's ``Submitted`` is never replaced: it comes out after what was
    reported before it and before anything reported after it."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._latest: dict[str, object] = {}

    def put(self, key: str, item: object) -> None:
        with self._lock:
            self._latest[key] = item

    def put_preparing(self, item: Preparing) -> None:
        # The first half of the steps is the check, the second the de-identification.
        half = "check" if item.done < max(item.total // 2, 1) else "clean"
        self.put(f"preparing:{item.exam}:{half}", item)

    def put_submitted(self, item: Submitted) -> None:
        self.put(f"submitted:{item.job.job_id}", item)

    def take(self) -> list[object]:
        with self._lock:
            items = list(self._latest.values())
            self._latest.clear()
        return items


class ConflictQuestion(QObject):
    """The engine's ``on_conflict``: ask the window, wait (cancellably) for the answer.

    Called on an engine thread when a *different* file already has a transfer's final name
    (same-size files count as already uploaded and are never asked about). The question is
    handed to the GUI thread as a queued signal; without an answer the engine thread waits, and
    a cancelled job answers "fail" so the thread can end.
    """

    asked = Signal(object, object)  # Transfer, ConflictAnswer

    def ask(self, transfer: Transfer, cancel: threading.Event) -> ConflictPolicy:
        answer = ConflictAnswer()
        self.asked.emit(transfer, answer)
        while not answer.given.wait(0.2):
            if cancel.is_set():
                return ConflictPolicy.FAIL
        return answer.policy


class ConflictAnswer:
    def __init__(self) -> None:
        self.given = threading.Event()
        self.policy = ConflictPolicy.FAIL

    def set(self, policy: ConflictPolicy) -> None:
        self.policy = policy
        self.given.set()


class TransferController(QObject):
    waiting = Signal(str)  # exam name: in line, nothing done yet (shown at once)
    preparing = Signal(object)  # Preparing
    submitted = Signal(object)  # Job
    progress = Signal(object)  # ProgressEvent
    finished = Signal(object, object)  # Job | None, JobResult
    failed = Signal(str, object)  # exam name, exception (nothing was sent, or the job broke)

    def __init__(
        self, pool: WorkerPool, store: QueueStore | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.pool = pool
        self.store = store or QueueStore()
        self._waiting: deque[tuple[str, Step]] = deque()
        self._current: Worker | None = None
        self._current_name = ""
        self._current_job: Job | None = None
        self._forget_when_stopped: set[str] = set()
        self.paused = False
        self.conflicts = ConflictQuestion(self)
        self._mailbox = ProgressMailbox()
        self._ticker = QTimer(self)
        self._ticker.setInterval(UPDATE_MS)
        self._ticker.timeout.connect(self._deliver)

    def _engine(self, factory: SessionFactory, cancel: threading.Event) -> Engine:
        return Engine(
            factory,
            store=self.store,
            on_conflict=lambda t: self.conflicts.ask(t, cancel),
            rate_limit=limit_for(factory.endpoint),  # the site's and IT's speed limit
        )

    # --- what the window asks ----------------------------------------------------------------

    def upload_exam(
        self,
        folder: Path,
        identity: ExamIdentity,
        target: Target,
        factory: SessionFactory,
        *,
        rules: SiteRules,
        target_text: str,
        connections: int = DEFAULT_CONNECTIONS,
        attachments: Attachments | None = None,
    ) -> None:
        """Prepare, record and upload one exam folder (queued behind any running job).

        ``target`` is the remote folder the exam folder goes into; ``target_text`` is how the
        queue reaches it again after a restart (``site:NAME//PATH`` or the URL, no password).
        """
        exam = rules.rule.exam_id(identity)
        store = self.store

        def step(emit: Callable[[Any], None], cancel: threading.Event) -> JobResult:
            def prep_progress(done: int, total: int, _name: str) -> None:
                emit(Preparing(exam, done, total))

            upload = prepare_exam_upload(
                folder,
                target,
                identity,
                rules,
                target_text=target_text,
                connections=connections,
                on_progress=prep_progress,
                cancel=cancel,
                attachments=attachments,
            )
            try:
                store.submit(upload.job)
            except BaseException:
                upload.discard()
                raise
            emit(Submitted(upload.job))
            return self._engine(factory, cancel).run(upload.job, emit, cancel)

        self.waiting.emit(exam)
        self._enqueue(exam, step)

    def resume(self, job_id: str, factory: SessionFactory) -> None:
        """Finish a job left in the queue (after a quit or a crash)."""
        store = self.store

        def step(emit: Callable[[Any], None], cancel: threading.Event) -> JobResult:
            job = store.load(job_id)
            emit(Submitted(job))
            return self._engine(factory, cancel).run(job, emit, cancel)

        if self.is_queued(job_id):
            return
        self._enqueue(job_id, step)

    def unfinished(self) -> list[dict[str, Any]]:
        return self.store.summary(pending_only=True)

    def busy(self) -> bool:
        return self._current is not None or bool(self._waiting)

    def running_job(self) -> str:
        """The job id being uploaded ('' while preparing or idle)."""
        job = self._current_job
        return job.job_id if self._current is not None and job is not None else ""

    def is_queued(self, job_id: str) -> bool:
        """Running or waiting in line."""
        return self.running_job() == job_id or any(n == job_id for n, _ in self._waiting)

    def cancel_all(self) -> None:
        self._waiting.clear()
        if self._current is not None:
            self._current.cancel()

    def pause(self) -> None:
        """Stop the running job (it stays in the queue, resumable); start nothing new."""
        self.paused = True
        if self._current is not None:
            self._current.cancel()

    def start(self) -> None:
        """Run the line again after :meth:`pause`."""
        self.paused = False
        self._next()

    def cancel_job(self, job_id: str) -> None:
        """Take a job out of the queue for good (files already on the server stay there)."""
        self._waiting = deque((n, s) for n, s in self._waiting if n != job_id)
        if self.running_job() == job_id and self._current is not None:
            self._forget_when_stopped.add(job_id)
            self._current.cancel()
            return
        self.store.forget(job_id)

    # --- the line ------------------------------------------------------------------------------

    def _enqueue(self, name: str, step: Step) -> None:
        self._waiting.append((name, step))
        self._next()

    def _next(self) -> None:
        if self._current is not None or not self._waiting or self.pool.closed or self.paused:
            return
        name, step = self._waiting.popleft()
        self._current_name = name
        self._current_job = None

        mailbox = self._mailbox

        def on_progress(item: object) -> None:  # in the worker's and the engine's threads
            if isinstance(item, ProgressEvent):
                mailbox.put(item.transfer_id or "job", item)
            elif isinstance(item, Preparing):
                mailbox.put_preparing(item)
            elif isinstance(item, Submitted):
                mailbox.put_submitted(item)

        def done(result: JobResult) -> None:
            self._deliver()  # the last states before the summary
            self._ticker.stop()
            self._current = None
            job = self._current_job
            if job is not None and job.job_id in self._forget_when_stopped:
                self._forget_when_stopped.discard(job.job_id)
                self.store.forget(job.job_id)
            self.finished.emit(job, result)
            self._next()

        def error(exc: BaseException) -> None:
            self._deliver()
            self._ticker.stop()
            self._current = None
            self.failed.emit(name, exc)
            self._next()

        def run(_emit: Callable[[Any], None], cancel: threading.Event) -> JobResult:
            return step(on_progress, cancel)  # progress goes through the mailbox, not signals

        self._current = self.pool.start(run, "upload", on_success=done, on_error=error)
        self._ticker.start()

    def _deliver(self) -> None:
        """On the GUI thread: hand on what the engine left since the last tick."""
        for item in self._mailbox.take():
            self._dispatch(item)

    def _dispatch(self, item: object) -> None:
        if isinstance(item, Submitted):
            self._current_job = item.job
            self.submitted.emit(item.job)
        elif isinstance(item, Preparing):
            self.preparing.emit(item)
        elif isinstance(item, ProgressEvent):
            self.progress.emit(item)

    def close(self) -> None:
        self._ticker.stop()
        self.store.close()
