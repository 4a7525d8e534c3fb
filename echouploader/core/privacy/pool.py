"""Spread the privacy gate's per-file work over the machine's cores.

The check and de-identification do the same thing to every file, in pure Python (pydicom) and
in OCR, so one process is held to one core. Here a folder's files are cut into runs of
neighbouring files, each run goes to a worker process, and the results come back in the order
of the files: merged, they are what one process would have produced.

Workers are started with ``spawn`` on every platform (a forked copy of a process that runs Qt
or threads is not safe), so they import only what the gate needs; the packaged app calls
``multiprocessing.freeze_support()`` at start-up so its executable can be a worker too. What a
worker logs is sent back with its result and logged here, through this process's handlers and
their redaction. Small folders stay in this process: a worker's start-up costs about as much
as a few dozen small files.
"""

from __future__ import annotations

import logging
import os
import threading
import traceback
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, TypeVar

from echouploader.core import i18n
from echouploader.core.errors import Cancelled, PrivacyBlocked
from echouploader.core.i18n import _
from echouploader.core.privacy.pixels import frame_pool

log = logging.getLogger("echouploader.privacy")
PROGRAM_LOGGER = "echouploader"

T = TypeVar("T")
R = TypeVar("R")

# Below this many files (and this many bytes) the gate stays in one process. A worker's
# start-up (imports, an OCR engine) costs about 0.7 s of CPU: the work of some 100 files whose
# frames are planned and read, or of some 400 when only headers are cleaned.
MIN_FILES = 48
MIN_FILES_HEADERS_ONLY = 400
MIN_BYTES = 64 << 20
# At most this many worker processes (memory: each may hold an OCR engine and a clip).
MAX_WORKERS = 4
ENV_WORKERS = "ECHOUPLOADER_GATE_WORKERS"  # 1: never start workers (e.g. a constrained host)

_records: list[logging.LogRecord] = []
_state: dict[str, Any] = {}


def worker_count(files: int, total_bytes: int, pixels: bool = True) -> int:
    """How many processes to use for ``files`` files of ``total_bytes`` bytes (1: none);
    ``pixels``: their frames are planned or cleaned too, not only their headers."""
    try:
        wanted = int(os.environ.get(ENV_WORKERS, "0"))
    except ValueError:
        wanted = 0
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    workers = wanted if wanted > 0 else min(cores or 1, MAX_WORKERS)
    least = MIN_FILES if pixels else MIN_FILES_HEADERS_ONLY
    if files < 2 or (files < least and total_bytes < MIN_BYTES):
        return 1
    return max(1, min(workers, files))


def chunks(items: Sequence[T], workers: int, total_bytes: int = 0) -> list[list[T]]:
    """Runs of neighbouring items, a few per worker so that a slow run does not hold the end."""
    if workers <= 1:
        return [list(items)]
    count = min(len(items), workers * 4)
    size = -(-len(items) // count)
    return [list(items[i : i + size]) for i in range(0, len(items), size)]


class _Collect(logging.Handler):
    def emit(self, record: logging.LogRecord) -> None:
        # Made picklable: the message formatted, the traceback as text.
        if record.exc_info:
            record.exc_text = "".join(traceback.format_exception(*record.exc_info))
            record.exc_info = None
        record.msg = record.getMessage()
        record.args = None
        _records.append(record)


def _init(setup: Callable[..., Any], args: tuple[Any, ...], level: int, language: str) -> None:
    # These processes already spread the files over the cores: no frame workers of their own.
    os.environ[frame_pool.WORKERS_VARIABLE] = "1"
    i18n.set_language(language)  # sentences in the language of the program that started it
    root = logging.getLogger()
    root.handlers[:] = [_Collect()]
    root.setLevel(logging.WARNING)  # other libraries: what Python shows by default
    # The program's own records at the level this process logs them (a debug record costs).
    logging.getLogger(PROGRAM_LOGGER).setLevel(level)
    _state["value"] = setup(*args)


def _run(work: Callable[[Any, Any], Any], chunk: Any) -> tuple[Any, list[logging.LogRecord]]:
    _records.clear()
    try:
        return work(_state["value"], chunk), list(_records)
    finally:
        _records.clear()


def run_in_workers(
    setup: Callable[..., Any],
    setup_args: tuple[Any, ...],
    work: Callable[[Any, Any], R],
    runs: Sequence[Any],
    workers: int,
    cancel: threading.Event | None = None,
    cancelled: str = "Cancelled.",
) -> Iterator[R]:
    """``work(setup(*setup_args), run)`` for every run, in worker processes; results in order.

    ``setup``, ``work`` and their arguments must be picklable (module-level functions), and
    ``work`` raises only project errors (picklable). The first run that raised has its error
    raised here; the other runs are cancelled and the workers waited for before it propagates,
    so nothing is still writing when the caller cleans up. ``cancel`` is looked at while
    waiting and raises ``Cancelled(cancelled)``. A worker that dies (killed, out of memory)
    blocks the exam: the gate cannot say the files are clean.
    """
    import multiprocessing
    from concurrent.futures.process import BrokenProcessPool

    context = multiprocessing.get_context("spawn")
    executor = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=context,
        initializer=_init,
        initargs=(
            setup,
            setup_args,
            logging.getLogger(PROGRAM_LOGGER).getEffectiveLevel(),
            i18n.language(),
        ),
    )
    try:
        futures: list[Future[tuple[R, list[logging.LogRecord]]]] = [
            executor.submit(_run, work, run) for run in runs
        ]
        for future in futures:
            while True:
                if cancel is not None and cancel.is_set():
                    raise Cancelled(cancelled)
                try:
                    result, records = future.result(timeout=0.2)
                    break
                except TimeoutError:
                    continue
            for record in records:
                logging.getLogger(record.name).handle(record)
            yield result
    except BrokenProcessPool as exc:
        executor.shutdown(wait=True, cancel_futures=True)
        log.error("a privacy gate worker stopped: %r", exc, extra={"event": "gate-worker"})
        raise PrivacyBlocked(
            _(
                "The privacy check stopped unexpectedly (a worker process ended), so the exam "
                "was not sent; the details are in the log."
            )
        ) from None
    except BaseException:
        executor.shutdown(wait=True, cancel_futures=True)
        raise
    else:
        executor.shutdown(wait=True)
