"""One way to show things in every pane: times in the user's locale and time zone."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDateTime, QLocale


def local_time(timestamp: float) -> str:
    """A file time in the user's locale, the same way in both panes."""
    when = QDateTime.fromSecsSinceEpoch(int(timestamp))
    return QLocale().toString(when, QLocale.FormatType.ShortFormat)


def utc_time(when: dt.datetime) -> str:
    """A server's (UTC) time shown in the user's locale and time zone."""
    return local_time(when.replace(tzinfo=when.tzinfo or dt.UTC).timestamp())
