"""Background work for the window: each worker is a QThread calling one core function.

The function has the core's shape ``fn(on_progress, cancel) -> result``; the worker re-emits
progress, the result and any exception as signals (queued to the GUI thread). Every worker can be
cancelled (a ``threading.Event`` the core checks) and a :class:`WorkerPool` joins them all on quit.
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal

from echouploader.core.errors import EchoUploaderError

log = logging.getLogger("echouploader.ui")

Job = Callable[[Callable[[Any], None], threading.Event], Any]

# The window's workers share the GIL with the GUI thread, and Python hands it over only every
# 5 ms by default: a thread that wants it waits up to that long each time, and one repaint of
# the queue takes it once per progress bar. With a de-identification or four uploads running
# that made the window 50-80 ms late; 1 ms costs the workers nothing measurable.
GUI_SWITCH_INTERVAL = 0.001

_running: set[Worker] = set()
_running_lock = threading.Lock()


def running_workers() -> list[Worker]:
    """Workers started and not yet finished (tests assert this is empty after each test)."""
    with _running_lock:
        return [w for w in _running if w.isRunning()]


def error_sentence(exc: BaseException) -> str:
    """What the user reads: the core's sentence, or one plain line for the unexpected."""
    if isinstance(exc, EchoUploaderError):
        return str(exc)
    return QCoreApplication.translate(
        "Worker", "An unexpected error stopped this task (%1); the details were saved to the log."
    ).replace("%1", type(exc).__name__)


class Worker(QThread):
    progress = Signal(object)
    succeeded = Signal(object)
    failed = Signal(object)  # the exception; show error_sentence(exc)

    def __init__(self, job: Job, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.job = job
        self.name = name
        self.cancel_event = threading.Event()
        self.setObjectName(f"echouploader-{name}")

    def run(self) -> None:
        with _running_lock:
            _running.add(self)
        try:
            result = self.job(self.progress.emit, self.cancel_event)
        except EchoUploaderError as exc:
            log.info("%s: %s", self.name, exc, extra={"event": "error", "detail": exc.detail})
            self.failed.emit(exc)
        except Exception as exc:  # noqa: BLE001 - a worker must never die silently
            log.exception("%s failed", self.name, extra={"event": "error"})
            self.failed.emit(exc)
        else:
            self.succeeded.emit(result)
        finally:
            with _running_lock:
                _running.discard(self)

    def cancel(self) -> None:
        self.cancel_event.set()


class WorkerPool(QObject):
    """The window's workers: started here, forgotten when done, all cancelled and joined on quit."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._workers: set[Worker] = set()
        self.closed = False
        if sys.getswitchinterval() > GUI_SWITCH_INTERVAL:
            sys.setswitchinterval(GUI_SWITCH_INTERVAL)

    def start(
        self,
        job: Job,
        name: str,
        *,
        on_success: Callable[[Any], object] | None = None,
        on_error: Callable[[BaseException], object] | None = None,
        on_progress: Callable[[Any], object] | None = None,
    ) -> Worker:
        worker = Worker(job, name, self)
        if on_success is not None:
            worker.succeeded.connect(on_success)
        if on_error is not None:
            worker.failed.connect(on_error)
        if on_progress is not None:
            worker.progress.connect(on_progress)
        worker.finished.connect(lambda w=worker: self._forget(w))
        self._workers.add(worker)
        if not self.closed:
            worker.start()
        return worker

    def _forget(self, worker: Worker) -> None:
        self._workers.discard(worker)
        worker.deleteLater()

    def active(self) -> list[Worker]:
        return [w for w in self._workers if w.isRunning()]

    def shutdown(self, warn_after_ms: int = 15000) -> None:
        """Cancel every worker and wait until each has ended.

        A worker is never left running: its QThread would be destroyed with the window (Qt
        aborts) or while Python finalises (a crash). One that is slow to see its cancel flag
        (a blocking network call waiting for its timeout) is logged and waited for.
        """
        self.closed = True
        for w in list(self._workers):
            w.cancel()
        for w in list(self._workers):
            if not w.wait(warn_after_ms):
                log.warning("worker %s is slow to stop; waiting for it", w.name)
                w.wait()
