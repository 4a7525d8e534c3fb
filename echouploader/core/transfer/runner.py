"""Submitting jobs to the persisted queue and finishing what is pending (after a crash too)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from echouploader.core.ftps import quota
from echouploader.core.ftps.quota import QuotaReport
from echouploader.core.ftps.session import SessionFactory
from echouploader.core.transfer.engine import Engine, SessionOpener
from echouploader.core.transfer.model import DEFAULT_QUOTA_BYTES, Job, JobResult, ProgressCallback
from echouploader.core.transfer.queue_store import QueueStore, job_claim


def check_quota(
    factory: SessionFactory,
    job: Job,
    *,
    quota_bytes: int = DEFAULT_QUOTA_BYTES,
    root: str = "/",
) -> tuple[QuotaReport, str | None]:
    """Before a job starts: raises QuotaExceeded (exit 5) if it does not fit; else a warning."""
    report = quota.measure(factory, root=root, quota_bytes=quota_bytes, use_cache=False)
    remaining = sum(t.size - t.bytes_done for t in job.pending())
    return report, quota.check_room(report, remaining, label=job.endpoint.label())


def submit(store: QueueStore, job: Job) -> Job:
    """Record the job (all transfers queued) before anything is sent."""
    store.submit(job)
    return job


def run_job(
    store: QueueStore,
    job: Job,
    open_session: SessionOpener,
    on_progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
    **engine_options: Any,
) -> JobResult:
    return Engine(open_session, store=store, **engine_options).run(job, on_progress, cancel)


def run_pending(
    store: QueueStore,
    opener_for: Callable[[Job], SessionOpener],
    on_progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
    **engine_options: Any,
) -> list[JobResult]:
    """Run every unfinished job, oldest first. ``opener_for(job)`` gives its session factory."""
    cancel = cancel or threading.Event()
    results = []
    for job_id in store.unfinished_job_ids():
        if cancel.is_set():
            break
        if store.holder(job_claim(job_id)) is not None:
            continue  # another process is sending it right now
        job = store.load(job_id)
        results.append(run_job(store, job, opener_for(job), on_progress, cancel, **engine_options))
    return results
