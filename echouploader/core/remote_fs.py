"""Browsing the server as plain data: one folder's entries, new folders; for the remote pane.

:class:`RemoteConnection` keeps one ftputil host (one logged-in control connection) for a site and
serialises the calls made on it, so a window can list folders from worker threads one at a time.
"""

from __future__ import annotations

import datetime as dt
import logging
import posixpath
import threading
from dataclasses import dataclass
from typing import Any

from echouploader.core.ftps import SessionFactory, open_host, translated
from echouploader.core.target import Endpoint, normalize_remote_path

log = logging.getLogger("echouploader.remote")


@dataclass(frozen=True)
class RemoteEntry:
    name: str
    is_dir: bool
    size: int
    modified: dt.datetime | None  # UTC, as the server lists it (minute precision on old servers)

    def path_in(self, folder: str) -> str:
        return posixpath.join(folder, self.name)


class RemoteConnection:
    """One site's browsing connection: opened on first use, closed by :meth:`close`."""

    def __init__(self, factory: SessionFactory) -> None:
        self.factory = factory
        self._host: Any = None
        self._lock = threading.Lock()

    @property
    def endpoint(self) -> Endpoint:
        return self.factory.endpoint

    def _ensure(self) -> Any:
        if self._host is None:
            self._host = open_host(self.factory)
        return self._host

    def open(self) -> str:
        """Log in (if not yet) and return the folder the server starts in."""
        with self._lock, translated(self.endpoint):
            return str(self._ensure().getcwd())

    def list(self, path: str) -> list[RemoteEntry]:
        """The entries of one folder, folders first, then by name (case-insensitive)."""
        path = normalize_remote_path(path)
        with self._lock, translated(self.endpoint):
            host = self._ensure()
            out: list[RemoteEntry] = []
            for name in host.listdir(path):
                st = host.lstat(posixpath.join(path, name))
                is_dir = host.path.isdir(posixpath.join(path, name))
                modified = dt.datetime.fromtimestamp(st.st_mtime, dt.UTC) if st.st_mtime else None
                out.append(RemoteEntry(name, is_dir, 0 if is_dir else int(st.st_size), modified))
        out.sort(key=lambda e: (not e.is_dir, e.name.casefold()))
        return out

    def make_dir(self, path: str) -> str:
        """Create a folder (and missing parents); returns its normalised path."""
        path = normalize_remote_path(path)
        with self._lock, translated(self.endpoint):
            host = self._ensure()
            host.makedirs(path, exist_ok=True)
            host.stat_cache.invalidate(posixpath.dirname(path))
        log.info("created remote folder", extra={"event": "mkdir", "site": self.endpoint.site})
        return path

    def forget(self, path: str) -> None:
        """Drop cached listings under ``path`` so the next :meth:`list` asks the server."""
        with self._lock:
            if self._host is not None:
                self._host.stat_cache.clear()

    def close(self) -> None:
        with self._lock:
            host, self._host = self._host, None
        if host is not None:
            try:
                host.close()
            except Exception as exc:  # noqa: BLE001 - closing must not raise
                log.debug("closing the browsing connection: %r", exc)
