"""Fixtures for the window tests: offscreen Qt, a window that is always shut down, and a check
that no worker thread outlives its test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any, TypeVar

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl  # noqa: E402
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent  # noqa: E402
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


def drop_on_remote(win: MainWindow, paths: list[Path]) -> None:
    """What the system's file manager does: a drop with file URLs on the remote tree."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    viewport = win.remote_view.viewport()
    point = viewport.rect().center()  # drag events take a QPoint, the drop a QPointF
    args = (
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    enter = QDragEnterEvent(point, *args)
    QApplication.sendEvent(viewport, enter)
    assert enter.isAccepted()
    QApplication.sendEvent(viewport, QDragMoveEvent(point, *args))
    QApplication.sendEvent(viewport, QDropEvent(QPointF(point), *args))


def fake_certificate(host: str, port: int, sha256: str | None = None) -> Any:
    from echouploader.core.ftps.certinfo import CertificateInfo

    fp = sha256 or ":".join(["AA"] * 32)
    return CertificateInfo(
        host=host,
        port=port,
        sha256=fp,
        sha1=":".join(["BB"] * 20),
        subject="CN=old",
        issuer="CN=old",
        self_signed=True,
        not_before="2024-01-01T00:00:00+00:00",
        not_after="2034-01-01T00:00:00+00:00",
        expired=False,
        not_yet_valid=False,
        serial="1",
        key_type="RSA",
        key_bits=2048,
        signature_algorithm="sha256WithRSAEncryption",
        weak_signature=False,
        hostname_matches=True,
        tls_version="TLSv1.3",
        cipher="X",
    )
