"""Browsing the server as plain data: one folder's entries, new folders, rename, delete.

:class:`RemoteConnection` keeps one ftputil host (one logged-in control connection) for a site and
serialises the calls made on it, so a window can list folders from worker threads one at a time.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import posixpath
import stat
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from echouploader.core import errors as E
from echouploader.core.ftps.session import (
    SessionFactory,
    open_host,
    translated,
    with_tls12_fallback,
)
from echouploader.core.ftps.target import Endpoint, normalize_remote_path
from echouploader.core.i18n import _

log = logging.getLogger("echouploader.remote")

T = TypeVar("T")


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

    def _run(self, action: Callable[[Any], T]) -> T:
        """Run ``action(host)`` on the browsing connection; a server that refuses TLS session
        reuse over TLS 1.3 gets one more try on a new connection capped at TLS 1.2."""

        def attempt() -> T:
            with translated(self.endpoint):
                try:
                    return action(self._ensure())
                except E.SessionReuseRefused:
                    self._drop()
                    raise

        with self._lock:
            return with_tls12_fallback(self.factory, attempt)

    def _drop(self) -> None:
        host, self._host = self._host, None
        if host is not None:
            with contextlib.suppress(Exception):
                host.close()

    def open(self) -> str:
        """Log in (if not yet) and return the folder the server starts in."""
        return self._run(lambda host: str(host.getcwd()))

    def list(self, path: str) -> list[RemoteEntry]:
        """The entries of one folder, folders first, then by name (case-insensitive)."""
        path = normalize_remote_path(path)

        def listing(host: Any) -> list[RemoteEntry]:
            out: list[RemoteEntry] = []
            for name in host.listdir(path):
                st = host.lstat(posixpath.join(path, name))
                is_dir = stat.S_ISDIR(st.st_mode)
                modified = dt.datetime.fromtimestamp(st.st_mtime, dt.UTC) if st.st_mtime else None
                out.append(RemoteEntry(name, is_dir, 0 if is_dir else int(st.st_size), modified))
            return out

        out = self._run(listing)
        out.sort(key=lambda e: (not e.is_dir, e.name.casefold()))
        return out

    def is_dir(self, path: str) -> bool:
        """Whether ``path`` is a folder on the server."""
        path = normalize_remote_path(path)
        return self._run(lambda host: bool(host.path.isdir(path)))

    def make_dir(self, path: str) -> str:
        """Create a folder (and missing parents); returns its normalised path."""
        path = normalize_remote_path(path)

        def make(host: Any) -> None:
            host.makedirs(path, exist_ok=True)
            host.stat_cache.invalidate(posixpath.dirname(path))

        self._run(make)
        log.info("created remote folder", extra={"event": "mkdir", "site": self.endpoint.site})
        return path

    def rename(self, path: str, new_name: str) -> str:
        """Give the file or folder at ``path`` a new name in the same folder; returns its path.

        Nothing is overwritten: a name already taken there is refused with a sentence.
        """
        path = normalize_remote_path(path)
        new_name = new_name.strip()
        check_entry_name(new_name)
        if path == "/":
            raise E.UsageError(_("The top folder of the server cannot be renamed."))
        parent = posixpath.dirname(path)
        target = posixpath.join(parent, new_name)
        if target == path:
            return path

        def move(host: Any) -> None:
            if host.path.exists(target):
                raise E.UsageError(
                    _(
                        "{folder} already holds something named '{name}'; choose another name."
                    ).format(folder=parent, name=new_name)
                )
            host.rename(path, target)
            host.stat_cache.invalidate(path)
            host.stat_cache.invalidate(target)

        self._run(move)
        log.info(
            "renamed remote entry",
            extra={"event": "rename", "site": self.endpoint.site, "remote": target},
        )
        return target

    def delete(self, path: str) -> None:
        """Remove the file at ``path``, or the folder with everything in it."""
        path = normalize_remote_path(path)
        if path == "/":
            raise E.UsageError(_("The top folder of the server cannot be deleted."))

        def remove(host: Any) -> None:
            if not host.path.exists(path):
                raise E.UsageError(
                    _("{path} is no longer on the server; the listing was out of date.").format(
                        path=path
                    )
                )
            if host.path.isdir(path):
                host.rmtree(path)
            else:
                host.remove(path)
            host.stat_cache.clear()

        self._run(remove)
        log.info(
            "deleted remote entry",
            extra={"event": "delete", "site": self.endpoint.site, "remote": path},
        )

    def forget(self, path: str) -> None:
        """Drop cached listings under ``path`` so the next :meth:`list` asks the server."""
        with self._lock:
            if self._host is not None:
                self._host.stat_cache.clear()

    def close(self) -> None:
        with self._lock:
            self._drop()


def check_entry_name(name: str) -> None:
    """A name for one entry of a folder: not empty, no '/', not '.' or '..'."""
    if not name:
        raise E.UsageError(_("A name cannot be empty."))
    if "/" in name or name in (".", ".."):
        raise E.UsageError(_("A name cannot contain '/' or be '.' or '..'."))
    if any(ord(c) < 32 or ord(c) == 127 for c in name):
        raise E.UsageError(_("A name cannot contain a line break or another control character."))
