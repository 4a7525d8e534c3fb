"""Smoothed rates, ETAs and throttled progress events for a running job."""

from __future__ import annotations

import threading
import time

from echouploader.core.transfer.model import (
    FINISHED_STATES,
    Job,
    ProgressCallback,
    ProgressEvent,
    Transfer,
)

SAMPLE_SECONDS = 0.25  # how often a rate is re-estimated
EMIT_SECONDS = 0.1  # at most this often per file for byte updates
SMOOTHING = 0.3  # weight of the newest sample (exponential moving average)


class RateMeter:
    """Bytes per second as an exponential moving average over ~quarter-second samples."""

    def __init__(self, clock: float | None = None) -> None:
        self._t = clock if clock is not None else time.monotonic()
        self._bytes = 0
        self._total = 0
        self.rate = 0.0

    def add(self, n: int, now: float | None = None) -> float:
        now = time.monotonic() if now is None else now
        self._total += n
        dt = now - self._t
        if dt >= SAMPLE_SECONDS:
            inst = (self._total - self._bytes) / dt
            self.rate = inst if self.rate == 0 else SMOOTHING * inst + (1 - SMOOTHING) * self.rate
            self._t, self._bytes = now, self._total
        return self.rate


def eta(remaining: int, rate: float) -> float | None:
    if remaining <= 0:
        return 0.0
    return remaining / rate if rate > 0 else None


class JobProgress:
    """Tracks a job's bytes; calls ``on_progress`` serially (callers need not be thread-safe)."""

    def __init__(self, job: Job, on_progress: ProgressCallback | None) -> None:
        self.job = job
        self._cb = on_progress
        self._lock = threading.Lock()
        self._job_meter = RateMeter()
        self._meters: dict[str, RateMeter] = {}
        self._last_emit: dict[str, float] = {}
        self.connections = 0

    def sent(self, t: Transfer, n: int) -> None:
        """``n`` more bytes of ``t`` went out (``t.bytes_done`` already updated)."""
        now = time.monotonic()
        with self._lock:
            self._job_meter.add(n, now)
            meter = self._meters.setdefault(t.transfer_id, RateMeter(now))
            meter.add(n, now)
            if now - self._last_emit.get(t.transfer_id, 0.0) < EMIT_SECONDS:
                return
            self._last_emit[t.transfer_id] = now
            self._emit_locked(t)

    def changed(self, t: Transfer | None) -> None:
        """A state change: always reported."""
        with self._lock:
            self._emit_locked(t)

    def _emit_locked(self, t: Transfer | None) -> None:
        if self._cb is None:
            return
        job = self.job
        done_bytes = sum(
            x.size if x.state in FINISHED_STATES else x.bytes_done for x in job.transfers
        )
        total = job.total_bytes
        files_done = sum(1 for x in job.transfers if x.state in FINISHED_STATES)
        job_rate = self._job_meter.rate
        if t is not None:
            rate = self._meters[t.transfer_id].rate if t.transfer_id in self._meters else 0.0
            event = ProgressEvent(
                job_id=job.job_id,
                transfer_id=t.transfer_id,
                file=t.relpath,
                state=str(t.state),
                bytes_done=t.bytes_done,
                bytes_total=t.size,
                rate=rate,
                eta=eta(t.size - t.bytes_done, rate),
                job_bytes_done=done_bytes,
                job_bytes_total=total,
                job_rate=job_rate,
                job_eta=eta(total - done_bytes, job_rate),
                files_done=files_done,
                files_total=len(job.transfers),
                connections=self.connections,
            )
        else:
            event = ProgressEvent(
                job_id=job.job_id,
                transfer_id="",
                file="",
                state="job",
                bytes_done=0,
                bytes_total=0,
                rate=0.0,
                eta=None,
                job_bytes_done=done_bytes,
                job_bytes_total=total,
                job_rate=job_rate,
                job_eta=eta(total - done_bytes, job_rate),
                files_done=files_done,
                files_total=len(job.transfers),
                connections=self.connections,
            )
        self._cb(event)
