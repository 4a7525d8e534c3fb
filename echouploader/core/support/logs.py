"""The structured transfer log support staff read: JSON lines, rotated, redacted, searchable.

Code logs through stdlib logging (``logging.getLogger("echouploader.<area>")``) with structured
fields in ``extra={"event": "transfer_done", "site": ..., "exam": ..., "bytes": ..., ...}``.
:func:`setup` sends those records to ``echouploader.jsonl`` in the log folder (10 MB × 10 files,
UTC timestamps), each record passed through the redaction filter first: patient identifiers that
the privacy check registered become ``[redacted]``, password fields are dropped and ``PASS`` lines
masked. Reading them back (:func:`read_records`, :class:`LogFollower`) lives in
:mod:`echouploader.core.support.log_reader` and is re-exported here.
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
import sys
import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from echouploader import __version__
from echouploader.core import paths
from echouploader.core.errors import EchoUploaderError, ServerError
from echouploader.core.i18n import _
from echouploader.core.support.log_reader import (
    LEVELS,
    LOG_FILE,
    LogFollower,
    RecordFilter,
    format_record,
    iter_records,
    log_files,
    parse_since,
    read_records,
    record_time,
    records_sites,
)
from echouploader.core.support.redaction import (
    SECRET_FIELDS,
    add_redactions,
    add_secret,
    clear_redactions,
    redactor,
)

__all__ = [
    "LEVELS",
    "LOG_FILE",
    "LogFollower",
    "RecordFilter",
    "add_session_listener",
    "current_log_file",
    "format_record",
    "iter_records",
    "record_time",
    "records_sites",
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
        self._write_failed = False

    def _open(self):  # type: ignore[no-untyped-def]
        """The log and each rotated file are the user's alone (0600), like the other files."""
        stream = super()._open()
        with contextlib.suppress(OSError):
            os.chmod(self.baseFilename, 0o600)
        return stream

    def emit(self, record: logging.LogRecord) -> None:
        if not self._started:
            self._started = True
            start = _start_record()
            start.created, start.msecs = record.created, record.msecs
            if self.filter(start):
                super().emit(start)
        super().emit(record)

    def handleError(self, record: logging.LogRecord) -> None:
        """A log file that cannot be written (disk full, locked by another process on Windows)
        must not stop the program or flood the terminal: one sentence, once."""
        if self._write_failed:
            return
        self._write_failed = True
        exc = sys.exc_info()[1]
        reason = f" ({type(exc).__name__}: {exc})" if exc is not None else ""
        with contextlib.suppress(Exception):
            sys.stderr.write(
                _("echouploader: the log file {baseFilename} cannot be written{reason}.\n").format(
                    baseFilename=self.baseFilename, reason=reason
                )
            )


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
