"""Screenshots for the README, rendered by the real widgets against a real local server.

They are written to a temporary folder; with ``ECHOUPLOADER_SCREENSHOT_DIR=docs/screenshots`` they
replace the ones in the repository.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from echouploader.core.demo import DemoServer, make_demo_exam
from echouploader.ui.dialogs.certificate import CertificateDialog, ChangedCertificateDialog
from echouploader.ui.main_window import MainWindow
from tests.gui.conftest import wait_dialog

pytestmark = pytest.mark.gui


def _save(widget: QWidget, name: str, tmp_path: Path) -> Path:
    if widget.isWindow() and widget.height() < widget.sizeHint().height():
        # The offscreen screen is 800x600; a real one fits the dialog at its natural size.
        widget.resize(
            widget.width(), widget.heightForWidth(widget.width()) or widget.sizeHint().height()
        )
    folder = Path(os.environ.get("ECHOUPLOADER_SCREENSHOT_DIR") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / name
    assert widget.grab().save(str(target))
    assert target.stat().st_size > 5_000
    return target


def test_screenshots_of_the_window_and_certificate_dialogs(qtbot: Any, tmp_path: Path) -> None:
    with DemoServer() as demo:
        exam = make_demo_exam(tmp_path / "exams")
        (demo.root / "1017_1").mkdir(exist_ok=True)
        (demo.root / "1017_2").mkdir(exist_ok=True)
        win = MainWindow(demo=demo, demo_exam=exam)
        qtbot.addWidget(win)
        win.resize(1280, 800)
        win.show()
        try:
            win.quick_connect()
            dialog = wait_dialog(qtbot, CertificateDialog)
            qtbot.wait(100)
            _save(dialog, "certificate-dialog.png", tmp_path)
            qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
            qtbot.waitUntil(lambda: "1017_2" in win.remote_model.entry_names("/"), timeout=10000)
            qtbot.wait(200)
            _save(win, "main-window.png", tmp_path)

            changed = ChangedCertificateDialog(dialog.info, ":".join(["3F"] * 32), parent=win)
            changed.show()
            qtbot.wait(100)
            _save(changed, "changed-certificate-dialog.png", tmp_path)
            changed.close()
        finally:
            win.shutdown()
