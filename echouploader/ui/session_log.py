"""This session's log lines as a Qt signal, for the main window's message strip.

Records come from :func:`~.support.logs.add_session_listener` (already redacted, INFO and
worse) on whatever thread logged them; :class:`SessionLog` re-emits each one in the GUI thread.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt, Signal

from echouploader.core.support import logs


class SessionLog(QObject):
    """``line(record)`` for every new record; ``text(record)`` is what a strip shows."""

    line = Signal(dict)
    _incoming = Signal(dict)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._incoming.connect(self.line.emit, Qt.ConnectionType.QueuedConnection)
        self._remove = logs.add_session_listener(self._incoming.emit)

    @staticmethod
    def records() -> list[dict[str, Any]]:
        """The lines logged so far in this session, oldest first."""
        return logs.session_records()

    @staticmethod
    def text(record: dict[str, Any]) -> str:
        time = str(record.get("ts", ""))[11:19]
        level = str(record.get("level", ""))
        prefix = f"{time} " + (
            f"{level.upper()}: " if level in ("warning", "error", "critical") else ""
        )
        return prefix + logs.format_record(record)

    def close(self) -> None:
        """Stop listening (call before the window goes away)."""
        self._remove()
