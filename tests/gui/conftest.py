"""Fixtures for the window tests: offscreen Qt, a window that is always shut down, and a check
that no worker thread outlives its test."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, TypeVar

import pytest

pytest.importorskip("PySide6.QtWidgets")
pytest.importorskip("pytestqt")

from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from echouploader.ui.main_window import MainWindow  # noqa: E402
from echouploader.ui.workers import running_workers  # noqa: E402

W = TypeVar("W", bound=QWidget)


@pytest.fixture(autouse=True)
def no_running_workers() -> Iterator[None]:
    yield
    left = running_workers()
    for w in left:
        w.wait(5000)
    still = [w.name for w in left if w.isRunning()]
    assert not still, f"worker threads left running: {still}"


@pytest.fixture
def window(qtbot: Any) -> Iterator[MainWindow]:
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    yield win
    win.shutdown()


def find_dialog(kind: type[W]) -> W | None:
    for w in QApplication.topLevelWidgets():
        if isinstance(w, kind) and w.isVisible():
            return w
    return None


def wait_dialog(qtbot: Any, kind: type[W], timeout: int = 10000) -> W:
    found: list[W] = []

    def check() -> None:
        d = find_dialog(kind)
        assert d is not None
        found.append(d)

    qtbot.waitUntil(check, timeout=timeout)
    return found[-1]


def fill_quickconnect(win: MainWindow, host: str, port: int, user: str, password: str) -> None:
    win.host_edit.setText(host)
    win.port_edit.setText(str(port))
    win.user_edit.setText(user)
    win.password_edit.setText(password)


Waiter = Callable[..., Any]
