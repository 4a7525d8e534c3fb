"""Unexpected exceptions: logged with the traceback, shown as one sentence."""

from __future__ import annotations

import sys
import threading
from typing import Any

import pytest

from echouploader.core.errors import StorageFull  # noqa: E402
from echouploader.core.support import logs  # noqa: E402
from echouploader.ui import excepthook  # noqa: E402

pytestmark = pytest.mark.gui


@pytest.fixture
def shown(qtbot: Any, isolated_dirs) -> list[str]:
    logs.setup()
    seen: list[str] = []
    excepthook.install(seen.append)
    yield seen
    excepthook.uninstall()


def _raise_in_hook(exc: BaseException) -> None:
    try:
        raise exc
    except BaseException as caught:  # noqa: BLE001
        sys.excepthook(type(caught), caught, caught.__traceback__)


def test_unexpected_exception_is_logged_and_shown_as_one_sentence(
    qtbot: Any, shown: list[str]
) -> None:
    logs.add_redactions(["DOE^JANE"])
    _raise_in_hook(ValueError("bad header in /exams/Jane Doe/IM1"))
    qtbot.waitUntil(lambda: bool(shown), timeout=5000)
    assert shown == ["An unexpected error occurred (ValueError); details were saved to the log."]
    [rec] = logs.read_records(level="error")
    assert rec["error"] == "ValueError"
    assert "Traceback" in rec["traceback"] and "_raise_in_hook" in rec["traceback"]
    assert "/exams/[redacted]/IM1" in rec["traceback"] and "Jane" not in rec["traceback"]


def test_project_error_keeps_its_sentence(qtbot: Any, shown: list[str]) -> None:
    _raise_in_hook(StorageFull("The server's storage is full (552).", reply="552 full"))
    qtbot.waitUntil(lambda: bool(shown), timeout=5000)
    assert shown == ["The server's storage is full (552); details were saved to the log."]


def test_exception_in_a_thread_reaches_the_gui_thread(qtbot: Any, shown: list[str]) -> None:
    def boom() -> None:
        raise RuntimeError("worker broke")

    t = threading.Thread(target=boom, name="echouploader-test-boom")
    t.start()
    t.join()
    qtbot.waitUntil(lambda: bool(shown), timeout=5000)
    assert shown == ["An unexpected error occurred (RuntimeError); details were saved to the log."]
    assert logs.read_records(level="error")[0]["error"] == "RuntimeError"


def test_uninstall_restores_the_previous_hooks(qtbot: Any) -> None:
    before = sys.excepthook, threading.excepthook
    excepthook.install(lambda s: None)
    assert sys.excepthook is not before[0]
    excepthook.uninstall()
    assert (sys.excepthook, threading.excepthook) == before


def test_default_shows_a_message_box(qtbot: Any, isolated_dirs) -> None:
    from PySide6.QtWidgets import QApplication, QMessageBox

    excepthook.install()
    try:
        _raise_in_hook(KeyError("x"))

        def boxes() -> list[QMessageBox]:
            return [
                w
                for w in QApplication.topLevelWidgets()
                if isinstance(w, QMessageBox) and w.isVisible()
            ]

        qtbot.waitUntil(lambda: bool(boxes()), timeout=5000)
        [b] = boxes()
        assert b.text() == "An unexpected error occurred (KeyError); details were saved to the log."
        b.close()
    finally:
        excepthook.uninstall()
