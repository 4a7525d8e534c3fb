"""A small pool of logged-in FTPS sessions that works through a list of tasks in parallel.

Each worker thread holds one session (one login) and takes the next task when it is free, so a
slow folder or a big file never holds up the others. A dropped connection is reopened and the
task tried again; a refused login, an untrusted certificate or a cancel stops everything.
"""

from __future__ import annotations

import contextlib
import logging
import queue
import threading
from collections.abc import Callable, Sequence
from typing import TypeVar

from echouploader.core import errors as E
from echouploader.core.ftps.session import FTPSSession, SessionFactory, unwrap_ftputil
from echouploader.core.i18n import _

log = logging.getLogger("echouploader.ftps")

T = TypeVar("T")
R = TypeVar("R")
_MISSING = object()

#: Errors no new connection can cure: stop at once.
FATAL = (
    E.LoginRefused,
    E.CertificateError,
    E.InsecureRefused,
    E.WrongTLSMode,
    E.HostNotFound,
    E.CredentialsError,
    E.TLSProblem,
    E.PermissionDenied,
    E.Cancelled,
)
RETRIES = 3


class TaskFailed(E.EchoUploaderError):
    """A task raised an error of its own (not the connection's): not retried."""


class SessionPool:
    """Run ``task(session, item)`` for every item over at most ``size`` sessions."""

    def __init__(self, factory: SessionFactory, size: int) -> None:
        self.factory = factory
        self.size = max(1, size)
        self._idle: list[FTPSSession] = []
        self._lock = threading.Lock()
        self.logins = 0
        self._open_sessions = 0

    def _open(self) -> FTPSSession:
        try:
            try:
                s = self.factory()
            except E.SessionReuseRefused:
                if not self.factory.fall_back_to_tls12():
                    raise
                s = self.factory()
        except E.EchoUploaderError:
            raise
        except Exception as exc:
            raise unwrap_ftputil(exc, self.factory.endpoint) from exc
        with self._lock:
            self.logins += 1
            self._open_sessions += 1
        return s

    def adopt(self, s: FTPSSession) -> None:
        """A session logged in elsewhere works for the pool too (and is closed with it)."""
        with self._lock:
            self._idle.append(s)
            self._open_sessions += 1

    def keep_one(self) -> FTPSSession | None:
        """Take one idle session out of the pool, still logged in, for other work."""
        with self._lock:
            if not self._idle:
                return None
            self._open_sessions -= 1
            return self._idle.pop(0)

    def _borrow(self) -> FTPSSession:
        with self._lock:
            if self._idle:
                return self._idle.pop()
        return self._open()

    def _give_back(self, s: FTPSSession) -> None:
        with self._lock:
            self._idle.append(s)

    def run(
        self,
        items: Sequence[T],
        task: Callable[[FTPSSession, T], R],
        *,
        cancel: threading.Event | None = None,
        cancelled: str | None = None,
    ) -> list[R]:
        """The results in the order of ``items``; the first fatal error is raised."""
        results: list[object] = [_MISSING] * len(items)
        if not items:
            return []
        todo: queue.Queue[int] = queue.Queue()
        for i in range(len(items)):
            todo.put(i)
        errors: list[BaseException] = []
        stop = threading.Event()

        def worker() -> None:
            s: FTPSSession | None = None
            try:
                while not stop.is_set():
                    if cancel is not None and cancel.is_set():
                        raise E.Cancelled(cancelled or _("The download was cancelled."))
                    try:
                        i = todo.get_nowait()
                    except queue.Empty:
                        return
                    tries = 0
                    while True:
                        if s is None:
                            try:
                                s = self._borrow()
                            except E.TooManyConnections:
                                if self._live() == 0:
                                    raise
                                todo.put(i)  # the server allows fewer: the others go on
                                return
                        try:
                            results[i] = task(s, items[i])
                            break
                        except FATAL:
                            raise
                        except TaskFailed:
                            raise
                        except Exception as exc:  # a dropped connection: reopen and retry
                            err = exc if isinstance(exc, E.EchoUploaderError) else None
                            self._discard(s)
                            s = None
                            tries += 1
                            if tries >= RETRIES or (cancel is not None and cancel.is_set()):
                                raise
                            log.info(
                                "connection problem, retrying: %s",
                                err or repr(exc),
                                extra={"event": "retry", "site": self.factory.endpoint.site},
                            )
            except BaseException as exc:  # noqa: BLE001 - handed to the caller's thread
                errors.append(exc)
                stop.set()
            finally:
                if s is not None:
                    self._give_back(s)

        threads = [
            threading.Thread(target=worker, name=f"echouploader-pool-{n}", daemon=True)
            for n in range(min(self.size, len(items)))
        ]
        for th in threads:
            th.start()
        for th in threads:
            th.join()
        if errors:
            first = next((e for e in errors if isinstance(e, FATAL)), errors[0])
            if isinstance(first, E.EchoUploaderError):
                raise first
            raise unwrap_ftputil(first, self.factory.endpoint) from first
        left = [i for i, r in enumerate(results) if r is _MISSING]
        if left:  # handed back by a worker the server refused a connection to
            again = self.run([items[i] for i in left], task, cancel=cancel, cancelled=cancelled)
            for i, r in zip(left, again, strict=True):
                results[i] = r
        return results  # type: ignore[return-value]

    def _live(self) -> int:
        with self._lock:
            return self._open_sessions

    def _discard(self, s: FTPSSession) -> None:
        with contextlib.suppress(Exception):
            s.close()
        with self._lock:
            self._open_sessions -= 1

    def close(self) -> None:
        with self._lock:
            idle, self._idle = self._idle, []
        for s in idle:
            self._discard(s)

    def __enter__(self) -> SessionPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
