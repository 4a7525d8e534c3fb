"""Reading the structured log back: every file oldest first, filters, following new lines.

Used by ``echouploader logs``, the log viewer and the support bundle; the files are the JSON lines
:mod:`~echouploader.core.support.logs` writes (``echouploader.jsonl``, rotated ``.1`` … ``.9``).
"""

from __future__ import annotations

import collections
import datetime as dt
import json
import logging
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from echouploader.core import paths
from echouploader.core.errors import UsageError
from echouploader.core.i18n import _

LOG_FILE = "echouploader.jsonl"
LEVELS = ("debug", "info", "warning", "error", "critical")

_SINCE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(s|sec|m|min|h|hour|hours|d|day|days|w|week|weeks)\s*$")
_UNITS = {
    "s": 1,
    "sec": 1,
    "m": 60,
    "min": 60,
    "h": 3600,
    "hour": 3600,
    "hours": 3600,
    "d": 86400,
    "day": 86400,
    "days": 86400,
    "w": 604800,
    "week": 604800,
    "weeks": 604800,
}


def parse_since(text: str, now: dt.datetime | None = None) -> dt.datetime:
    """``2h``, ``30m``, ``7d``, ``2026-11-20`` or an ISO time (UTC unless it says) → UTC time."""
    now = now or dt.datetime.now(dt.UTC)
    m = _SINCE.match(text.lower())
    if m:
        return now - dt.timedelta(seconds=float(m.group(1)) * _UNITS[m.group(2)])
    try:
        when = dt.datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        raise UsageError(
            _(
                "'{text}' is not a time: use an age such as 30m, 2h or 7d, or a date "
                "such as 2026-11-20."
            ).format(text=text)
        ) from None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return when.astimezone(dt.UTC)


def _level_number(level: str) -> int:
    name = level.strip().upper()
    number = logging.getLevelName(name)
    if name.lower() not in LEVELS or not isinstance(number, int):
        raise UsageError(
            _("'{level}' is not a log level: use one of {levels}.").format(
                level=level, levels=", ".join(LEVELS)
            )
        )
    return number


def log_files(log_dir: Path | None = None) -> list[Path]:
    """The log files, oldest first (``.9`` … ``.1``, then the current one)."""
    directory = log_dir or paths.log_dir(create=False)
    if not directory.is_dir():
        return []
    out: list[tuple[int, Path]] = []
    for p in directory.glob(LOG_FILE + "*"):
        suffix = p.name[len(LOG_FILE) :]
        if suffix == "":
            out.append((0, p))
        elif suffix[1:].isdigit() and suffix[0] == ".":
            out.append((int(suffix[1:]), p))
    return [p for _k, p in sorted(out, key=lambda t: -t[0])]


def _parse_line(line: str) -> dict[str, Any] | None:
    line = line.strip()
    if not line:
        return None
    try:
        rec = json.loads(line)
    except ValueError:
        return None
    return rec if isinstance(rec, dict) and "ts" in rec else None


def record_time(rec: dict[str, Any]) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(str(rec["ts"]).replace("Z", "+00:00"))
    except (KeyError, ValueError):
        return None


class RecordFilter:
    """The filters of ``echouploader logs`` and the viewer, as one predicate."""

    def __init__(
        self,
        *,
        since: dt.datetime | str | None = None,
        level: str | None = None,
        site: str | None = None,
        exam: str | None = None,
        text: str | None = None,
    ) -> None:
        self.since = parse_since(since) if isinstance(since, str) else since
        self.min_level = _level_number(level) if level else None
        self.site = site.lower() if site else None
        self.exam = exam.lower() if exam else None
        self.text = text.lower() if text else None

    def __call__(self, rec: dict[str, Any]) -> bool:
        if self.since is not None:
            when = record_time(rec)
            if when is None or when < self.since:
                return False
        if self.min_level is not None:
            number = logging.getLevelName(str(rec.get("level", "")).upper())
            if not isinstance(number, int) or number < self.min_level:
                return False
        if self.site is not None and str(rec.get("site") or "").lower() != self.site:
            return False
        if self.exam is not None and str(rec.get("exam") or "").lower() != self.exam:
            return False
        if self.text is not None:
            return self.text in json.dumps(rec, ensure_ascii=False).lower()
        return True


def iter_records(
    log_dir: Path | None = None, since: dt.datetime | None = None
) -> Iterator[dict[str, Any]]:
    """Every parseable record of every log file, oldest first (damaged lines skipped).

    With ``since``, files last written before it are not read at all.
    """
    for path in log_files(log_dir):
        try:
            if since is not None and path.stat().st_mtime < since.timestamp():
                continue
            with path.open(encoding="utf-8", errors="replace") as fh:
                for line in fh:
                    rec = _parse_line(line)
                    if rec is not None:
                        yield rec
        except FileNotFoundError:  # rotated away while reading
            continue


def read_records(
    *,
    since: dt.datetime | str | None = None,
    level: str | None = None,
    site: str | None = None,
    exam: str | None = None,
    text: str | None = None,
    log_dir: Path | None = None,
    limit: int | None = None,
) -> list[dict[str, Any]]:
    """Records matching every given filter, oldest first (the last ``limit`` if given)."""
    keep = RecordFilter(since=since, level=level, site=site, exam=exam, text=text)
    matching = (r for r in iter_records(log_dir, keep.since) if keep(r))
    if limit is not None:
        return list(collections.deque(matching, maxlen=limit))
    return list(matching)


class LogFollower:
    """New records of the current log file since the last :meth:`poll` (rotation handled)."""

    def __init__(self, keep: RecordFilter | None = None, log_dir: Path | None = None) -> None:
        self.keep = keep or RecordFilter()
        self.path = (log_dir or paths.log_dir(create=False)) / LOG_FILE
        self._inode, self._offset = self._identity()
        self._partial = ""

    def _identity(self) -> tuple[int | None, int]:
        try:
            st = self.path.stat()
        except FileNotFoundError:
            return None, 0
        return st.st_ino, st.st_size

    def poll(self) -> list[dict[str, Any]]:
        inode, size = self._identity()
        if inode is None:
            return []
        if inode != self._inode or size < self._offset:  # rotated or truncated: start over
            self._inode, self._offset, self._partial = inode, 0, ""
        if size == self._offset:
            return []
        with self.path.open("rb") as fh:
            fh.seek(self._offset)
            chunk = fh.read(size - self._offset)
        self._offset += len(chunk)
        text = self._partial + chunk.decode("utf-8", errors="replace")
        lines = text.split("\n")
        self._partial = lines.pop()  # an unfinished last line waits for the next poll
        out = []
        for line in lines:
            rec = _parse_line(line)
            if rec is not None and self.keep(rec):
                out.append(rec)
        return out


def format_record(rec: dict[str, Any]) -> str:
    """One readable line: the message, with the server's reply code when there is one."""
    msg = str(rec.get("msg", ""))
    code = rec.get("code")
    if code and str(code) not in msg:
        msg = f"{msg} [{code}]"
    return msg


def records_sites(records: Iterable[dict[str, Any]]) -> list[str]:
    return sorted({str(r["site"]) for r in records if r.get("site")})
