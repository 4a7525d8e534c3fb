"""P5: event-loop lateness of the main window while it uploads (run in a child process)."""

from __future__ import annotations


def missing(python: str) -> str | None:
    return "the desktop window (echouploader.ui) is not in this build yet"
