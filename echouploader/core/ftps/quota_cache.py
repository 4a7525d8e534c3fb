"""The last measured use of a server's shared disk, per site, with the bytes sent to it since.

Walking a 20,000-file tree costs a second on a fast line and much more on a slow one; the figure
changes mostly through our own uploads. So a walk's result is kept in the data folder
(``quota.sqlite3``, one row per server, account and quota root) and every upload adds what it
sent (:func:`count_sent`). Within :data:`FRESH_SECONDS` the next upload, the exam dialog and
``echouploader quota`` read ``used + sent since`` instead of walking again. Bytes sent are
counted in full, partial files and replaced files too, so the figure errs on the full side; a
refusal for space is never made from it (see ``quota.RoomCheck``). SQLite, because several
processes (the window, the command line) write it at once.
"""

from __future__ import annotations

import contextlib
import logging
import posixpath
import sqlite3
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from echouploader.core import paths
from echouploader.core.ftps.target import Endpoint

log = logging.getLogger("echouploader.quota")

FRESH_SECONDS = 600.0  # other sites upload too: after ten minutes the disk is walked again
FILE_NAME = "quota.sqlite3"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS quota (
    host TEXT NOT NULL, port INTEGER NOT NULL, user TEXT NOT NULL, root TEXT NOT NULL,
    used INTEGER NOT NULL, method TEXT NOT NULL, measured_at REAL NOT NULL,
    sent_since INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (host, port, user, root)
)
"""


@dataclass(frozen=True)
class Cached:
    used: int  # what the walk found
    method: str
    measured_at: float  # seconds since the epoch
    sent_since: int  # bytes this machine sent to the server since

    @property
    def age(self) -> float:
        return time.time() - self.measured_at

    @property
    def used_now(self) -> int:
        return self.used + self.sent_since


def _path() -> Path:
    return paths.data_dir() / FILE_NAME


@contextlib.contextmanager
def _db() -> Iterator[sqlite3.Connection]:
    db = sqlite3.connect(_path(), timeout=15.0, isolation_level=None)
    try:
        db.execute(_SCHEMA)
        yield db
    finally:
        db.close()


def _key(ep: Endpoint, root: str) -> tuple[str, int, str, str]:
    return (ep.host.lower(), ep.port, ep.user, posixpath.normpath("/" + root.strip("/")))


def get(ep: Endpoint, root: str, max_age: float = FRESH_SECONDS) -> Cached | None:
    """The figure for ``root`` on ``ep`` if it was measured less than ``max_age`` seconds ago."""
    try:
        with _db() as db:
            row = db.execute(
                "SELECT used, method, measured_at, sent_since FROM quota"
                " WHERE host=? AND port=? AND user=? AND root=?",
                _key(ep, root),
            ).fetchone()
    except sqlite3.Error as exc:
        log.warning("the quota cache cannot be read: %s", exc, extra={"event": "quota"})
        return None
    if row is None:
        return None
    hit = Cached(int(row[0]), str(row[1]), float(row[2]), int(row[3]))
    return hit if 0 <= hit.age < max_age else None  # a clock set back: measure again


def put(ep: Endpoint, root: str, used: int, method: str, measured_at: float) -> None:
    """A new walk's result (nothing sent since ``measured_at``, when the walk started)."""
    try:
        with _db() as db:
            db.execute(
                "INSERT OR REPLACE INTO quota VALUES (?, ?, ?, ?, ?, ?, ?, 0)",
                (*_key(ep, root), int(used), method, measured_at),
            )
    except sqlite3.Error as exc:
        log.warning("the quota cache cannot be written: %s", exc, extra={"event": "quota"})


def count_sent(ep: Endpoint, remote_folder: str, n: int) -> None:
    """``n`` bytes went to ``remote_folder`` on ``ep``: add them to every root above it."""
    if n <= 0:
        return
    folder = _key(ep, remote_folder)[3]
    try:
        with _db() as db:
            rows = db.execute(
                "SELECT root FROM quota WHERE host=? AND port=? AND user=?", _key(ep, "/")[:3]
            ).fetchall()
            for (root,) in rows:
                if root == "/" or folder == root or folder.startswith(root + "/"):
                    db.execute(
                        "UPDATE quota SET sent_since = sent_since + ?"
                        " WHERE host=? AND port=? AND user=? AND root=?",
                        (int(n), *_key(ep, root)),
                    )
    except sqlite3.Error as exc:
        log.warning("the quota cache cannot be written: %s", exc, extra={"event": "quota"})


def forget(ep: Endpoint) -> None:
    """The figures for ``ep`` are wrong (the server said its disk is full, files were deleted)."""
    try:
        with _db() as db:
            db.execute("DELETE FROM quota WHERE host=? AND port=? AND user=?", _key(ep, "/")[:3])
    except sqlite3.Error as exc:
        log.warning("the quota cache cannot be written: %s", exc, extra={"event": "quota"})
