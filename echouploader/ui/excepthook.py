"""Unexpected exceptions in the window: the traceback goes to the log, the user reads one sentence.

Qt swallows exceptions raised in slots after printing them; :func:`install` replaces
``sys.excepthook`` (and ``threading.excepthook`` for worker threads) so each one is logged with its
traceback (redacted like every log line) and shown as one sentence ending "details were saved to
the log". The sentence is handed to the GUI thread through a queued signal.
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable
from types import TracebackType

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QApplication, QMessageBox

from echouploader.core.errors import EchoUploaderError

log = logging.getLogger("echouploader.ui")


def sentence_for(exc: BaseException) -> str:
    """One sentence for the user, whatever went wrong."""
    if isinstance(exc, EchoUploaderError):
        return f"{str(exc).rstrip('.')}; details were saved to the log."
    return f"An unexpected error occurred ({type(exc).__name__}); details were saved to the log."


_open_boxes: set[QMessageBox] = set()  # a box without a parent lives as long as a reference


def show_message_box(sentence: str) -> None:
    """The default: a non-blocking error box over the active window."""
    box = QMessageBox(QApplication.activeWindow())
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle("EchoUploader")
    box.setText(sentence)
    _open_boxes.add(box)
    box.finished.connect(lambda _result: _open_boxes.discard(box))
    box.open()


class _Notifier(QObject):
    """Lives in the GUI thread; ``error`` emitted from any thread is delivered there."""

    error = Signal(str)


class ExceptHook:
    def __init__(self, show_error: Callable[[str], None] | None) -> None:
        self.show_error = show_error or show_message_box
        self.notifier = _Notifier()
        self.notifier.error.connect(self._show, Qt.ConnectionType.QueuedConnection)
        self._previous = sys.excepthook
        self._previous_thread = threading.excepthook
        self._busy = threading.local()

    def __call__(
        self,
        exc_type: type[BaseException],
        exc: BaseException,
        tb: TracebackType | None,
    ) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            self._previous(exc_type, exc, tb)
            return
        if getattr(self._busy, "active", False):  # an error while reporting an error
            self._previous(exc_type, exc, tb)
            return
        self._busy.active = True
        try:
            log.error(
                "unexpected error: %r",
                exc,
                exc_info=(exc_type, exc, tb),
                extra={"event": "error", "error": exc_type.__name__},
            )
            self.notifier.error.emit(sentence_for(exc))
        finally:
            self._busy.active = False

    def thread_hook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None:
            return
        self(args.exc_type, args.exc_value, args.exc_traceback)

    def _show(self, sentence: str) -> None:
        try:
            self.show_error(sentence)
        except Exception:  # noqa: BLE001 - showing must not raise back into the hook
            log.exception("could not show an error to the user", extra={"event": "error"})

    def uninstall(self) -> None:
        if sys.excepthook is self:
            sys.excepthook = self._previous
        if threading.excepthook == self.thread_hook:
            threading.excepthook = self._previous_thread


_installed: ExceptHook | None = None


def install(show_error: Callable[[str], None] | None = None) -> ExceptHook:
    """Log unexpected exceptions with their traceback and show ``show_error(sentence)``.

    Call from the GUI thread once the QApplication exists. Without ``show_error`` a
    non-blocking error box is shown. Installing again replaces the previous hook.
    """
    global _installed
    if _installed is not None:
        _installed.uninstall()
    hook = ExceptHook(show_error)
    sys.excepthook = hook
    threading.excepthook = hook.thread_hook
    _installed = hook
    return hook


def uninstall() -> None:
    global _installed
    if _installed is not None:
        _installed.uninstall()
        _installed = None
