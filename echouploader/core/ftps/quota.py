"""How full is the core lab's shared disk (300 GB for every site), and does this upload fit?

The server is asked first when it says it can answer (``AVBL`` in ``FEAT``; ProFTPD's
``SITE QUOTA``). Otherwise the sizes under the quota root are added up from listings, one level
of folders at a time: over the control connection with pipelined ``STAT <folder>`` commands when
the server gives listings that way (vsftpd, pyftpdlib, ProFTPD: a batch of folders costs one
round trip and no data connection), else with ``MLSD`` (or ``LIST``) over a few connections in
parallel. A walk's result is kept per site with the bytes sent since (:mod:`.quota_cache`), so
the next upload within ten minutes needs no walk at all.
"""

from __future__ import annotations

import contextlib
import ftplib
import logging
import posixpath
import re
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

from echouploader.core.errors import QuotaExceeded
from echouploader.core.ftps import quota_cache
from echouploader.core.ftps.listing import ListedEntry, list_folder_without_stat, stat_many
from echouploader.core.ftps.pool import SessionPool
from echouploader.core.ftps.session import FTPSSession, SessionFactory, translated
from echouploader.core.ftps.target import Endpoint
from echouploader.core.i18n import _

log = logging.getLogger("echouploader.quota")

DEFAULT_QUOTA_BYTES = 300_000_000_000  # the core lab's shared disk (a site may set its own)
WARN_FRACTION = 0.9
LIST_CONNECTIONS = 4  # connections that list in parallel when a folder needs a data connection
WALKED = frozenset({"STAT", "MLSD", "LIST"})  # the methods that walk the tree (and are cached)


@dataclass(frozen=True)
class QuotaReport:
    used_bytes: int
    quota_bytes: int
    free_bytes: int
    method: str  # "AVBL", "SITE QUOTA", "STAT", "MLSD" or "LIST"
    age_seconds: float = 0.0  # how long ago the tree was walked (0: just now)
    sent_since_bytes: int = 0  # counted in used_bytes: what this machine sent since the walk

    @property
    def fraction_used(self) -> float:
        return self.used_bytes / self.quota_bytes if self.quota_bytes else 1.0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def human(n: float) -> str:
    for unit in ("bytes", "kB", "MB", "GB", "TB"):
        if abs(n) < 1000 or unit == "TB":
            return f"{n:.0f} {unit}" if unit == "bytes" else f"{n:.1f} {unit}"
        n /= 1000
    return f"{n:.1f} TB"  # pragma: no cover


def forget_cached(endpoint: Endpoint) -> None:
    """The cached figures for this server are wrong (its disk said full, files were deleted)."""
    quota_cache.forget(endpoint)


def cached(
    factory: SessionFactory, *, root: str = "/", quota_bytes: int = DEFAULT_QUOTA_BYTES
) -> QuotaReport | None:
    """The figure from the last walk (plus what was sent since), if it is fresh."""
    hit = quota_cache.get(factory.endpoint, root)
    if hit is None:
        return None
    used = hit.used_now
    return QuotaReport(
        used,
        quota_bytes,
        max(0, quota_bytes - used),
        hit.method,
        age_seconds=round(hit.age, 1),
        sent_since_bytes=hit.sent_since,
    )


def measure(
    factory: SessionFactory,
    *,
    root: str = "/",
    quota_bytes: int = DEFAULT_QUOTA_BYTES,
    session: FTPSSession | None = None,
    use_cache: bool = True,
    ignore: frozenset[str] = frozenset(),
) -> QuotaReport:
    """Used/free space under ``root`` on the server; ``session`` is used if given, else opened.

    ``use_cache``: a walk less than ten minutes old answers (with the bytes sent since).
    Files whose path is in ``ignore`` are not counted (an upload's own temporary files, when the
    space is measured while it sends)."""
    if use_cache and (hit := cached(factory, root=root, quota_bytes=quota_bytes)) is not None:
        return hit
    own = session is None
    s = session or factory()
    try:
        report, kept = _measure_on(factory, s, root, quota_bytes, ignore)
    finally:
        if own:
            _quit(s)
    if own and kept is not None and kept is not s:
        _quit(kept)
    return report


def _quit(s: FTPSSession) -> None:
    try:
        s.quit()
    except Exception:  # noqa: BLE001 - the answer is in already
        s.close()


def _measure_on(
    factory: SessionFactory,
    s: FTPSSession,
    root: str,
    quota_bytes: int,
    ignore: frozenset[str],
) -> tuple[QuotaReport, FTPSSession | None]:
    """Measure over ``s`` (and, for a parallel walk, more sessions); the report and a session
    still logged in (``s``, or one of the walk's when ``s`` broke), for other work."""
    started = time.time()
    kept: FTPSSession | None = s
    with translated(factory.endpoint):
        report = _ask_server(s, root, quota_bytes)
        if report is None:
            used, method, kept = tree_used(factory, root, s, ignore)
            report = QuotaReport(used, quota_bytes, max(0, quota_bytes - used), method)
    log.info(
        "%s used of %s (%s)",
        human(report.used_bytes),
        human(report.quota_bytes),
        report.method,
        extra={"event": "quota", "site": factory.endpoint.site, **report.to_dict()},
    )
    if report.method in WALKED:
        quota_cache.put(factory.endpoint, root, report.used_bytes, report.method, started)
    return report, kept


_SITE_QUOTA = re.compile(r"uploaded bytes:\s*([\d.]+)\s*/\s*([\d.]+|unlimited)", re.I)


def _ask_server(s: FTPSSession, root: str, quota: int) -> QuotaReport | None:
    if "AVBL" in {f.split(" ")[0] for f in s.features()}:
        try:
            resp = s.sendcmd(f"AVBL {root}")
            if resp.startswith("213"):
                free = min(int(resp[3:].strip().split()[0]), quota)
                return QuotaReport(max(0, quota - free), quota, free, "AVBL")
        except (ftplib.Error, ValueError):
            pass
    try:
        resp = s.sendcmd("SITE QUOTA")
    except ftplib.Error:
        return None
    m = _SITE_QUOTA.search(resp)
    if not m:
        return None
    used = int(float(m.group(1)))
    limit = quota if m.group(2).lower() == "unlimited" else min(quota, int(float(m.group(2))))
    return QuotaReport(used, limit, max(0, limit - used), "SITE QUOTA")


def tree_used(
    factory: SessionFactory,
    root: str,
    s: FTPSSession,
    ignore: frozenset[str] = frozenset(),
    *,
    pipelined: bool = True,
    connections: int = LIST_CONNECTIONS,
) -> tuple[int, str, FTPSSession | None]:
    """The bytes in the regular files under ``root``, how they were listed, and a session still
    logged in. One level of folders at a time: pipelined ``STAT`` over ``s`` when the server
    answers it (and ``pipelined``), else ``MLSD``/``LIST`` over up to ``connections`` sessions
    (``s`` among them) in parallel."""
    root = posixpath.normpath("/" + root.strip("/"))
    level = [root]
    total = 0
    method = "STAT"
    pool: SessionPool | None = None
    try:
        while level:
            listings = stat_many(s, level) if pool is None and pipelined else None
            if listings is None:
                if pool is None:
                    method = "MLSD" if any(f.startswith("MLST") for f in s.features()) else "LIST"
                    pool = SessionPool(factory, connections)
                    pool.adopt(s)
                listings = pool.run(
                    level, list_folder_without_stat, cancelled=_("The quota was not measured.")
                )
            level, size = _next_level(level, listings, ignore)
            total += size
        kept = pool.keep_one() if pool is not None else s
    finally:
        if pool is not None:
            pool.close()
    return total, method, kept


def _next_level(
    folders: list[str], listings: list[list[ListedEntry]], ignore: frozenset[str]
) -> tuple[list[str], int]:
    below: list[str] = []
    size = 0
    for folder, entries in zip(folders, listings, strict=True):
        for e in entries:
            if e.is_dir:
                below.append(posixpath.join(folder, e.name))
            elif not ignore or posixpath.join(folder, e.name) not in ignore:
                size += e.size
    return below, size


class RoomCheck:
    """The space checked for an upload without delaying its first byte.

    A walk less than ten minutes old (plus what was sent since) answers at once, with no
    connection. Otherwise, and whenever that figure says the upload does not fit (a refusal is
    only ever made from a new measurement), the space is measured in a background thread while
    the upload starts. ``wait()`` (called before the first file gets its final name) returns the
    warning sentence or raises :class:`QuotaExceeded` (or the error that stopped the
    measurement), so a refusal still comes before anything is renamed to a final name.

    ``hand_over`` gets the measuring session once the measurement is done (still logged in, to
    become one more upload worker), or None when there is none to give; it is called exactly
    once.
    """

    def __init__(
        self,
        factory: SessionFactory,
        needed: int,
        *,
        root: str = "/",
        quota_bytes: int = DEFAULT_QUOTA_BYTES,
        label: str = "the server",
        ignore: frozenset[str] = frozenset(),
        hand_over: Callable[[FTPSSession | None], None] | None = None,
    ) -> None:
        self.report: QuotaReport | None = None
        self._warning: str | None = None
        self._error: BaseException | None = None
        self._thread: threading.Thread | None = None
        give = hand_over or (lambda s: _quit(s) if s is not None else None)

        hit = cached(factory, root=root, quota_bytes=quota_bytes)
        if hit is not None:
            with contextlib.suppress(QuotaExceeded):
                self._warning = check_room(hit, needed, label=label)
                self.report = hit
                give(None)
                return

        def run() -> None:
            kept: FTPSSession | None = None
            try:
                s = factory()
                kept = s
                try:
                    self.report, kept = _measure_on(factory, s, root, quota_bytes, ignore)
                except BaseException:
                    _quit(s)
                    kept = None
                    raise
                self._warning = check_room(self.report, needed, label=label)
            except BaseException as exc:  # noqa: BLE001 - handed to the waiting thread
                self._error = exc
            finally:
                give(kept)

        self._thread = threading.Thread(target=run, name="echouploader-quota", daemon=True)
        self._thread.start()

    @property
    def from_cache(self) -> bool:
        return self._thread is None

    def wait(self) -> str | None:
        if self._thread is not None:
            self._thread.join()
        if self._error is not None:
            raise self._error
        return self._warning


def check_room(report: QuotaReport, job_bytes: int, *, label: str = "the server") -> str | None:
    """Raise :class:`QuotaExceeded` if ``job_bytes`` do not fit; a warning sentence above 90%."""
    if job_bytes > report.free_bytes:
        raise QuotaExceeded(
            _(
                "This upload needs {needed} but only {free} of {quota} are free on "
                "{label} ({used} used); nothing was left on the server. Ask the core "
                "lab to free space."
            ).format(
                needed=human(job_bytes),
                free=human(report.free_bytes),
                quota=human(report.quota_bytes),
                label=label,
                used=human(report.used_bytes),
            )
        )
    after = (report.used_bytes + job_bytes) / report.quota_bytes if report.quota_bytes else 1.0
    if after > WARN_FRACTION:
        return _(
            "The shared disk on {label} will be {after:.0%} full after this upload "
            "({used} of {quota})."
        ).format(
            label=label,
            after=after,
            used=human(report.used_bytes + job_bytes),
            quota=human(report.quota_bytes),
        )
    return None
