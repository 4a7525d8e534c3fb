"""The structured transfer log support staff read: JSON lines, rotated, redacted, searchable.

Code logs through stdlib logging (``logging.getLogger("echouploader.<area>")``) with structured
fields in ``extra={"event": "transfer_done", "site": ..., "exam": ..., "bytes": ..., ...}``.
:func:`setup` sends those records to ``echouploader.jsonl`` in the log folder (10 MB × 10 files,
UTC timestamps), each record passed through the redaction filter first: patient identifiers that
the privacy check registered become ``[redacted]``, password fields are dropped and ``PASS`` lines
masked. :func:`read_records` and :class:`LogFollower` read the files back for ``echouploader logs``
and the log viewer.
"""

from __future__ import annotations

import collections
import contextlib
import datetime as dt
import json
import logging
import logging.handlers
import os
import platform
import re
import sys
import threading
import traceback
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from echouploader import __version__
from echouploader.core import paths
from echouploader.core.errors import EchoUploaderError, ServerError, UsageError
from echouploader.core.redaction import (
    SECRET_FIELDS,
    add_redactions,
    add_secret,
    clear_redactions,
    redactor,
)

__all__ = [
    "LOG_FILE",
    "LogFollower",
    "add_redactions",
    "add_secret",
    "clear_redactions",
    "log_error",
    "log_files",
    "parse_since",
    "read_records",
    "session_records",
    "setup",
    "shutdown",
]

LOG_FILE = "echouploader.jsonl"
MAX_BYTES = 10 * 1024 * 1024
BACKUP_COUNT = 9  # the current file and nine older ones: 10 files
SESSION_LINES = 2000

ROOT_LOGGER = "echouploader"
log = logging.getLogger("echouploader.logs")

# Attributes every LogRecord has; anything else came in through ``extra``.
_STANDARD = set(logging.LogRecord("", 0, "", 0, "", None, None).__dict__) | {
    "message",
    "asctime",
    "taskName",
    "_eu_redacted",
}
_NOT_REDACTED = {"event", "job", "transfer", "bytes", "duration", "rate", "port", "attempt"}

LEVELS = ("debug", "info", "warning", "error", "critical")


# --- writing ----------------------------------------------------------------------------------


class RedactionFilter(logging.Filter):
    """Applied by every handler we install: message, arguments, traceback and every extra field."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "_eu_redacted", False):
            return True
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a bad format string must not lose the record
            message = f"{record.msg!r} {record.args!r}"
        record.msg = redactor.redact(message)
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = "".join(traceback.format_exception(*record.exc_info)).rstrip()
        if record.exc_text:
            record.exc_text = redactor.redact(record.exc_text)
        record.exc_info = None  # the redacted text is what any formatter prints
        if record.stack_info:
            record.stack_info = redactor.redact(record.stack_info)
        for key in list(record.__dict__):
            if key in _STANDARD:
                continue
            if key.lower() in SECRET_FIELDS:
                delattr(record, key)
            elif key not in _NOT_REDACTED:
                setattr(record, key, redactor.redact_value(record.__dict__[key]))
        record._eu_redacted = True
        return True


def _utc(created: float) -> str:
    stamp = dt.datetime.fromtimestamp(created, dt.UTC)
    return stamp.strftime("%Y-%m-%dT%H:%M:%S.") + f"{stamp.microsecond // 1000:03d}Z"


def record_to_dict(record: logging.LogRecord) -> dict[str, Any]:
    """The JSON object of one (already redacted) record."""
    out: dict[str, Any] = {
        "ts": _utc(record.created),
        "level": record.levelname.lower(),
        "logger": record.name,
        "event": getattr(record, "event", None)
        or ("error" if record.levelno >= logging.ERROR else "log"),
        "msg": record.getMessage(),
    }
    for key, value in record.__dict__.items():
        if key in _STANDARD or key == "event" or value is None:
            continue
        out[key] = value if isinstance(value, (str, int, float, bool, list, dict)) else str(value)
    if record.exc_text:
        out["traceback"] = record.exc_text
    if record.stack_info:
        out["stack"] = record.stack_info
    return out


class JSONLinesFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return json.dumps(record_to_dict(record), ensure_ascii=False, default=str)


def _start_record() -> logging.LogRecord:
    return log.makeRecord(
        log.name,
        logging.INFO,
        __file__,
        0,
        "EchoUploader %s started (Python %s, %s)",
        (__version__, platform.python_version(), platform.platform(terse=True)),
        None,
        extra={
            "event": "start",
            "version": __version__,
            "python": platform.python_version(),
            "os": platform.platform(),
            "pid": os.getpid(),
        },
    )


class _LogFileHandler(logging.handlers.RotatingFileHandler):
    """The rotating JSON-lines file; the program's version goes in once, before its first line.

    Writing the version lazily keeps commands that log nothing (``echouploader logs``) from
    filling the log with start lines.
    """

    def __init__(self, path: Path) -> None:
        super().__init__(
            path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8", delay=True
        )
        self._started = False

    def emit(self, record: logging.LogRecord) -> None:
        if not self._started:
            self._started = True
            start = _start_record()
            start.created, start.msecs = record.created, record.msecs
            if self.filter(start):
                super().emit(start)
        super().emit(record)


class _ConsoleFormatter(logging.Formatter):
    def __init__(self) -> None:
        super().__init__("echouploader: %(levelname)s: %(name)s: %(message)s")


class _StderrHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Always the current ``sys.stderr`` (tests and GUIs swap it)."""

    def __init__(self) -> None:
        super().__init__(sys.stderr)

    @property
    def stream(self) -> Any:
        return sys.stderr

    @stream.setter
    def stream(self, _value: Any) -> None:
        pass


class _SessionHandler(logging.Handler):
    """This process's records, for the main window's message strip and the viewer."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.records: collections.deque[dict[str, Any]] = collections.deque(maxlen=SESSION_LINES)
        self.listeners: list[Callable[[dict[str, Any]], None]] = []

    def emit(self, record: logging.LogRecord) -> None:
        try:
            item = record_to_dict(record)
        except Exception:  # noqa: BLE001
            self.handleError(record)
            return
        self.records.append(item)
        for listener in list(self.listeners):
            with contextlib.suppress(Exception):  # a broken listener must not break logging
                listener(item)


class _State:
    lock = threading.RLock()
    file_handler: logging.handlers.RotatingFileHandler | None = None
    file_path: Path | None = None
    console_handler: logging.Handler | None = None
    session_handler: _SessionHandler | None = None


def setup(verbose: bool = False, *, console: bool = False, log_dir: Path | None = None) -> Path:
    """Log to the rotating JSON-lines file (and stderr with ``verbose`` or ``console``).

    Idempotent: calling it again adjusts levels, and moves the file when the log folder changed
    (tests give each test its own ``ECHOUPLOADER_LOG_DIR``). Returns the log file's path. With
    ``verbose``, debug records (the protocol trace, ``PASS`` masked) are written too; the console
    shows records only with ``verbose`` (everything) or ``console`` (warnings and worse). The
    program's version, Python and OS are written once, before the first line of the process.
    """
    directory = log_dir or paths.log_dir()
    path = directory / LOG_FILE
    root = logging.getLogger(ROOT_LOGGER)
    level = logging.DEBUG if verbose else logging.INFO
    with _State.lock:
        root.setLevel(level)
        if _State.file_path != path or _State.file_handler is None:
            if _State.file_handler is not None:
                root.removeHandler(_State.file_handler)
                _State.file_handler.close()
            directory.mkdir(parents=True, exist_ok=True)
            handler = _LogFileHandler(path)
            handler.addFilter(RedactionFilter())
            handler.setFormatter(JSONLinesFormatter())
            root.addHandler(handler)
            _State.file_handler, _State.file_path = handler, path
        _State.file_handler.setLevel(level)

        want_console = verbose or console
        if want_console and _State.console_handler is None:
            ch = _StderrHandler()
            ch.addFilter(RedactionFilter())
            ch.setFormatter(_ConsoleFormatter())
            root.addHandler(ch)
            _State.console_handler = ch
        if _State.console_handler is not None:
            if want_console:
                _State.console_handler.setLevel(logging.DEBUG if verbose else logging.WARNING)
            else:
                root.removeHandler(_State.console_handler)
                _State.console_handler = None

        if _State.session_handler is None:
            sh = _SessionHandler()
            sh.addFilter(RedactionFilter())
            root.addHandler(sh)
            _State.session_handler = sh
    return path


def shutdown() -> None:
    """Remove and close every handler :func:`setup` installed."""
    root = logging.getLogger(ROOT_LOGGER)
    with _State.lock:
        for h in (_State.file_handler, _State.console_handler, _State.session_handler):
            if h is not None:
                root.removeHandler(h)
                h.close()
        _State.file_handler = _State.console_handler = _State.session_handler = None
        _State.file_path = None


def current_log_file() -> Path | None:
    return _State.file_path


def session_records() -> list[dict[str, Any]]:
    """This process's records (INFO and up, redacted), oldest first."""
    sh = _State.session_handler
    return list(sh.records) if sh is not None else []


def add_session_listener(callback: Callable[[dict[str, Any]], None]) -> Callable[[], None]:
    """Call ``callback(record)`` for every new record of this process; returns the remover.

    The callback runs on the logging thread: a GUI must hand the record over to its own thread.
    """
    with _State.lock:
        if _State.session_handler is None:
            sh = _SessionHandler()
            sh.addFilter(RedactionFilter())
            logging.getLogger(ROOT_LOGGER).addHandler(sh)
            _State.session_handler = sh
        handler = _State.session_handler
        handler.listeners.append(callback)

    def remove() -> None:
        if callback in handler.listeners:
            handler.listeners.remove(callback)

    return remove


def log_error(
    logger: logging.Logger, exc: BaseException, *, message: str | None = None, **fields: Any
) -> None:
    """One clear error line: the sentence the user saw, the server's reply code, the detail.

    Unexpected exceptions (not project errors) are logged with their traceback.
    """
    extra: dict[str, Any] = {"event": "error", "error": type(exc).__name__, **fields}
    if isinstance(exc, EchoUploaderError):
        if exc.detail:
            extra["detail"] = exc.detail
        if isinstance(exc, ServerError) and exc.reply:
            extra["code"] = exc.code
            extra["reply"] = exc.reply.strip()
        for attr in ("fingerprint", "previous_fingerprint"):
            if getattr(exc, attr, ""):
                extra[attr] = getattr(exc, attr)
        extra["exit_code"] = int(exc.exit_code)
        logger.error("%s", message or str(exc), extra=extra)
    else:
        logger.error("%s", message or f"unexpected error: {exc!r}", extra=extra, exc_info=exc)


# --- reading ----------------------------------------------------------------------------------

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
            f"'{text}' is not a time: use an age such as 30m, 2h or 7d, or a date such as "
            "2026-11-20."
        ) from None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return when.astimezone(dt.UTC)


def _level_number(level: str) -> int:
    name = level.strip().upper()
    number = logging.getLevelName(name)
    if name.lower() not in LEVELS or not isinstance(number, int):
        raise UsageError(f"'{level}' is not a log level: use one of {', '.join(LEVELS)}.")
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
    return [p for _, p in sorted(out, key=lambda t: -t[0])]


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
