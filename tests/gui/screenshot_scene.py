"""The scene the README's screenshots are taken in: the real widgets during a real upload.

Run by ``test_screenshots.py`` in a mount namespace of its own, where ``/home`` is an empty
tmpfs and ``/home/sonographer`` a home folder like a sonographer's (Desktop, Documents,
Downloads, an exam export ``Exports/1042_1``): the pictures show that folder, never a test's
temporary path. It writes to ``ECHOUPLOADER_SCREENSHOT_DIR`` (``docs/screenshots`` to replace
the repository's pictures).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QPlainTextEdit, QTextEdit, QWidget

from echouploader.core.ftps.demo import make_demo_exam
from echouploader.ui.dialogs.certificate import CertificateDialog, ChangedCertificateDialog
from echouploader.ui.dialogs.exam import ExamDialog
from echouploader.ui.main_window import MainWindow
from tests.gui.conftest import drop_on_remote, fill_quickconnect, wait_dialog

pytestmark = pytest.mark.gui


def shown_texts(widget: QWidget) -> list[str]:
    """Every text a person can read in ``widget``: fields, labels, the message log."""
    texts = [w.text() for w in widget.findChildren(QLineEdit) + widget.findChildren(QLabel)]
    texts += [w.toPlainText() for w in widget.findChildren(QPlainTextEdit)]
    texts += [w.toPlainText() for w in widget.findChildren(QTextEdit)]
    return texts


def _save(widget: QWidget, name: str, tmp_path: Path) -> Path:
    leaked = [t for t in shown_texts(widget) if str(tmp_path) in t or "pytest-of" in t]
    assert leaked == [], f"a test's temporary path would be in {name}"
    if widget.isWindow() and widget.height() < widget.sizeHint().height():
        # The offscreen screen is 800x600; a real one shows the dialog at its natural size.
        height = widget.heightForWidth(widget.width()) or widget.sizeHint().height()
        widget.resize(widget.width(), height)
    folder = Path(os.environ["ECHOUPLOADER_SCREENSHOT_DIR"])
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / name
    assert widget.grab().save(str(target))
    assert target.stat().st_size > 5_000
    return target


def test_scene(
    qtbot: Any, make_server: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pyftpdlib.handlers import ThrottledDTPHandler, TLS_DTPHandler

    slow = type("SlowDTP", (TLS_DTPHandler, ThrottledDTPHandler), {"read_limit": 1024 * 1024})
    srv = make_server(extra={"dtp_handler": slow})
    for name in ("1017_1", "1017_2", "1023_1"):
        (srv.root / name).mkdir()
        (srv.root / name / "SHA256SUMS").write_text("")
    home = Path(os.environ["ECHOUPLOADER_SCREENSHOT_HOME"])
    assert home.is_dir() and not home.is_relative_to(tmp_path)
    for name in ("Desktop", "Documents", "Downloads"):
        (home / name).mkdir(parents=True, exist_ok=True)
    exam = make_demo_exam(home / "Exports", frames=600)  # a 5.5 MB clip: seconds at 1 MB/s

    monkeypatch.setenv("HOME", str(home))  # a home folder in the picture, with its places
    win = MainWindow()
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    win.local_pane.show_folder(exam.parent)
    try:
        fill_quickconnect(win, srv.host, srv.port, srv.user, srv.password)
        win.quick_connect()
        dialog = wait_dialog(qtbot, CertificateDialog)
        qtbot.wait(100)
        _save(dialog, "certificate-dialog.png", tmp_path)
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: "1023_1" in win.remote_model.entry_names("/"), timeout=10000)

        changed = ChangedCertificateDialog(dialog.info, ":".join(["3F"] * 32), parent=win)
        changed.show()
        qtbot.wait(100)
        _save(changed, "changed-certificate-dialog.png", tmp_path)
        changed.close()

        drop_on_remote(win, [exam])
        exam_dialog = wait_dialog(qtbot, ExamDialog)
        qtbot.waitUntil(exam_dialog.start_button.isEnabled, timeout=180000)
        qtbot.waitUntil(lambda: "after this exam" in exam_dialog.quota_label.text(), timeout=10000)
        exam_dialog.resize(780, 640)
        qtbot.wait(100)
        _save(exam_dialog, "exam-dialog.png", tmp_path)
        qtbot.mouseClick(exam_dialog.start_button, Qt.MouseButton.LeftButton)

        def mid_upload() -> bool:
            queued, _failed, done = win.queue.counts()
            return done >= 2 and queued >= 1

        qtbot.waitUntil(mid_upload, timeout=30000)
        qtbot.wait(2500)  # rates and progress bars have values
        assert win.local_pane.path_edit.text() == str(home / "Exports")
        _save(win, "main-window.png", tmp_path)
    finally:
        win.shutdown()
