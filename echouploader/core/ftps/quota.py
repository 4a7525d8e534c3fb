"""How full is the core lab's shared disk (300 GB for every site), and does this upload fit?

The server is asked first when it says it can answer (``AVBL`` in ``FEAT``; ProFTPD's
``SITE QUOTA``); otherwise the sizes under the quota root are added up from a recursive ``MLSD``
listing, or from ``LIST`` through ftputil when the server has no ``MLSD`` (vsftpd). Results are
cached for a minute, so the GUI can show the figure often without walking the tree each time.
"""

from __future__ import annotations

import ftplib
import logging
import posixpath
import re
import stat
import threading
import time
from dataclasses import asdict, dataclass
from typing import Any

from echouploader.core.errors import QuotaExceeded
from echouploader.core.ftps.session import FTPSSession, SessionFactory, open_host, translated
from echouploader.core.ftps.target import Endpoint
from echouploader.core.i18n import _

log = logging.getLogger("echouploader.quota")

DEFAULT_QUOTA_BYTES = 300_000_000_000  # the core lab's shared disk (a site may set its own)
CACHE_SECONDS = 60.0
WARN_FRACTION = 0.9

_cache: dict[tuple[str, int, str, str, int], tuple[float, QuotaReport]] = {}
_cache_lock = threading.Lock()


@dataclass(frozen=True)
class QuotaReport:
    used_bytes: int
    quota_bytes: int
    free_bytes: int
    method: str  # "AVBL", "SITE QUOTA", "MLSD" or "LIST"

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


def _key(ep: Endpoint, root: str, quota: int) -> tuple[str, int, str, str, int]:
    return (ep.host, ep.port, ep.user, root, quota)


def forget_cached(endpoint: Endpoint) -> None:
    """After an upload the figure is stale."""
    with _cache_lock:
        for k in [k for k in _cache if k[:3] == (endpoint.host, endpoint.port, endpoint.user)]:
            del _cache[k]


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

    Files whose path is in ``ignore`` are not counted (an upload's own temporary files, when the
    space is measured while it sends)."""
    key = _key(factory.endpoint, root, quota_bytes)
    if use_cache:
        with _cache_lock:
            hit = _cache.get(key)
        if hit and time.monotonic() - hit[0] < CACHE_SECONDS:
            return hit[1]
    own = session is None
    s = session or factory()
    try:
        with translated(factory.endpoint):
            report = _ask_server(s, root, quota_bytes)
            if report is None:
                # RFC 3659: a server listing MLST in FEAT also answers MLSD.
                if {f.split(" ")[0] for f in s.features()} & {"MLST", "MLSD"}:
                    used = _mlsd_total(s, root, ignore)
                    method = "MLSD"
                else:
                    used = _list_total(factory, root, ignore)
                    method = "LIST"
                report = QuotaReport(used, quota_bytes, max(0, quota_bytes - used), method)
    finally:
        if own:
            try:
                s.quit()
            except Exception:  # noqa: BLE001 - the answer is in already
                s.close()
    log.info(
        "%s used of %s (%s)",
        human(report.used_bytes),
        human(report.quota_bytes),
        report.method,
        extra={"event": "quota", "site": factory.endpoint.site, **report.to_dict()},
    )
    with _cache_lock:
        _cache[key] = (time.monotonic(), report)
    return report


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


def _mlsd_total(s: FTPSSession, root: str, ignore: frozenset[str] = frozenset()) -> int:
    total = 0
    stack = [root]
    while stack:
        folder = stack.pop()
        for name, facts in s.mlsd(folder, facts=["type", "size"]):
            kind = facts.get("type", "").lower()
            if kind == "dir":
                stack.append(posixpath.join(folder, name))
            elif kind == "file" and posixpath.join(folder, name) not in ignore:
                total += int(facts.get("size", 0) or 0)
    return total


def _list_total(factory: SessionFactory, root: str, ignore: frozenset[str] = frozenset()) -> int:
    total = 0
    with open_host(factory) as host:
        # ftputil's stat cache scans every entry to evict one once it is full (5,000 entries by
        # default): on a 20,000-file tree that scan was 80% of the time. A cache that never
        # fills keeps each lstat a lookup; a file's entry is dropped once counted, so the cache
        # holds folders (walk needs them) and one folder's files, not the whole tree.
        host.stat_cache.resize(1 << 30)
        for folder, _dirs, files in host.walk(root):
            for name in files:
                path = posixpath.join(folder, name)
                st = host.lstat(path)
                if stat.S_ISREG(st.st_mode) and path not in ignore:
                    total += int(st.st_size)
                host.stat_cache.invalidate(host.path.abspath(path))
    return total


class RoomCheck:
    """The space measured in a background thread while an upload already starts.

    ``wait()`` (called before the first file gets its final name) returns the warning sentence
    or raises :class:`QuotaExceeded` (or the error that stopped the measurement), so no full
    listing of the server delays the first byte, and a refusal still comes before anything is
    renamed to a final name.
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
    ) -> None:
        self.report: QuotaReport | None = None
        self._warning: str | None = None
        self._error: BaseException | None = None

        def run() -> None:
            try:
                self.report = measure(
                    factory, root=root, quota_bytes=quota_bytes, use_cache=False, ignore=ignore
                )
                self._warning = check_room(self.report, needed, label=label)
            except BaseException as exc:  # noqa: BLE001 - handed to the waiting thread
                self._error = exc

        self._thread = threading.Thread(target=run, name="echouploader-quota", daemon=True)
        self._thread.start()

    def wait(self) -> str | None:
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
