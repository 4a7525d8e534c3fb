"""Blank the JPEG Baseline frames of a clip on every core, in order, a few frames at a time.

The DCT-domain blanker (:mod:`.jpeg_dct`) is pure Python, so threads would take turns; worker
processes (started once, with ``spawn``, and kept for the next clip) each blank whole frames.
Only a window of frames per worker is in flight, so memory stays a few frames whatever the
clip's length, and the frames come back in their order. ``ECHOUPLOADER_PIXEL_WORKERS`` sets the
number of workers (1: everything in this process); the default is the number of cores, at most
two (the machine also reads, writes and uploads).
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any

from .mask import Rect

log = logging.getLogger("echouploader.privacy")

WORKERS_VARIABLE = "ECHOUPLOADER_PIXEL_WORKERS"
MAX_WORKERS = 2
IN_FLIGHT = 4  # frames per worker sent ahead
MIN_FRAMES = 8  # shorter clips are blanked here: starting workers costs more than it saves

_pool: ProcessPoolExecutor | None = None
_pool_workers = 0
_lock = threading.Lock()


def workers() -> int:
    """How many worker processes blank frames (1: none, all in this process)."""
    raw = os.environ.get(WORKERS_VARIABLE, "")
    if raw.strip().isdigit():
        return max(1, int(raw))
    return max(1, min(MAX_WORKERS, os.cpu_count() or 1))


def _executor(count: int) -> ProcessPoolExecutor:
    global _pool, _pool_workers
    with _lock:
        if _pool is None or _pool_workers != count:
            if _pool is not None:
                _pool.shutdown(wait=True)
            _pool = ProcessPoolExecutor(count, mp_context=multiprocessing.get_context("spawn"))
            _pool_workers = count
        return _pool


def shutdown() -> None:
    """Stop the workers (they are started again when needed)."""
    global _pool
    with _lock:
        if _pool is not None:
            _pool.shutdown(wait=True)
            _pool = None


def blank_dct(job: tuple[bytes, tuple[Rect, ...], bool]) -> bytes | None:
    """One frame blanked in the DCT domain, or None when it cannot take that path."""
    from . import jpeg_dct

    frame, rects, monochrome1 = job
    try:
        new, _ = jpeg_dct.blank_frame(frame, rects, monochrome1=monochrome1)
    except jpeg_dct.NotBaseline:
        return None
    return new


def blank_in_order(
    jobs: Iterable[tuple[bytes, tuple[Rect, ...], bool]], count: int
) -> Iterator[tuple[bytes, bytes | None]]:
    """``(frame, blank_dct(job))`` for each job, in order; in workers when that pays."""
    n = workers()
    if n < 2 or count < MIN_FRAMES:
        for job in jobs:
            yield job[0], blank_dct(job)
        return
    try:
        pool = _executor(n)
    except (OSError, RuntimeError) as exc:  # no processes here: the frames are blanked here
        log.warning("pixel workers not started", extra={"event": "pixels", "error": repr(exc)})
        for job in jobs:
            yield job[0], blank_dct(job)
        return
    pending: deque[tuple[bytes, Future[Any]]] = deque()
    try:
        for job in jobs:
            pending.append((job[0], pool.submit(blank_dct, job)))
            if len(pending) >= n * IN_FLIGHT:
                frame, future = pending.popleft()
                yield frame, future.result()
        while pending:
            frame, future = pending.popleft()
            yield frame, future.result()
    finally:
        for _frame, future in pending:
            future.cancel()
