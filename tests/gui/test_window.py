"""The window's own behaviour: accessible controls, the remote context menu, quitting."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import QLineEdit, QMessageBox, QPushButton

from echouploader.ui.main_window import MainWindow
from tests.gui.conftest import wait_dialog

pytestmark = pytest.mark.gui


def test_main_controls_have_accessible_names_and_mnemonics(window: MainWindow) -> None:
    for w in (window.host_edit, window.user_edit, window.password_edit, window.port_edit):
        assert isinstance(w, QLineEdit) and w.accessibleName()
    assert window.quickconnect_button.accessibleName() == "Quickconnect"
    assert "&" in window.quickconnect_button.text()
    for w in (window.message_log, window.remote_view, window.local_pane.view, window.queue):
        assert w.accessibleName()
    assert window.password_edit.echoMode() == QLineEdit.EchoMode.Password


def test_keyboard_reaches_the_quickconnect_fields_in_order(qtbot: Any, window: MainWindow) -> None:
    window.host_edit.setFocus()
    qtbot.waitUntil(window.host_edit.hasFocus)
    order = [window.host_edit]
    for _ in range(4):
        window.focusNextChild()
        order.append(window.focusWidget())
    assert order == [
        window.host_edit,
        window.user_edit,
        window.password_edit,
        window.port_edit,
        window.quickconnect_button,
    ]
    assert isinstance(order[-1], QPushButton)


def test_create_folder_on_the_server(qtbot: Any, window: MainWindow, implicit_server: Any) -> None:
    from echouploader.core.ftps.trust_store import TrustStore
    from tests.gui.conftest import fake_certificate, fill_quickconnect

    TrustStore().trust(
        fake_certificate(implicit_server.host, implicit_server.port, implicit_server.fingerprint)
    )
    fill_quickconnect(
        window,
        implicit_server.host,
        implicit_server.port,
        implicit_server.user,
        implicit_server.password,
    )
    window.quick_connect()
    qtbot.waitUntil(lambda: window.connection is not None, timeout=10000)
    window.remote.make_folder("/", "incoming")
    qtbot.waitUntil(lambda: "incoming" in window.remote_model.entry_names("/"), timeout=10000)
    assert (implicit_server.root / "incoming").is_dir()
    # Right-click → New exam folder…: the rule names it from subject and echo.
    from echouploader.ui.dialogs.exam import NewExamFolderDialog

    window.remote.new_exam_folder("/")
    dialog = wait_dialog(qtbot, NewExamFolderDialog)
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    assert not ok.isEnabled()
    dialog.subject_edit.setText("1042")
    dialog.echo_combo.setCurrentIndex(dialog.echo_combo.findData("1a"))
    assert dialog.name_label.text() == "1042_1a"
    ok.click()
    qtbot.waitUntil(lambda: "1042_1a" in window.remote_model.entry_names("/"), timeout=10000)
    assert (implicit_server.root / "1042_1a").is_dir()
    window.remote.make_folder("/", "../escape")
    box = wait_dialog(qtbot, QMessageBox)
    assert "cannot contain '/'" in box.text()
    box.close()


def test_drop_before_connecting_says_what_to_do(
    qtbot: Any, window: MainWindow, tmp_path: Any
) -> None:
    window.handle_drop([tmp_path], "/")
    box = wait_dialog(qtbot, QMessageBox)
    assert "Connect to the core lab's server first" in box.text()
    box.close()


def test_drag_from_the_local_pane_carries_the_folder(
    qtbot: Any, window: MainWindow, tmp_path: Any
) -> None:
    from PySide6.QtCore import QPointF, Qt
    from PySide6.QtGui import QDragEnterEvent, QDropEvent
    from PySide6.QtWidgets import QApplication

    exam = tmp_path / "1042_2"
    exam.mkdir()
    pane = window.local_pane
    pane.show_folder(tmp_path)
    files = pane.files
    row = next(files.topLevelItem(i) for i in range(files.topLevelItemCount()))
    mime = files.mimeData([row])  # what dragging a row in the local pane carries
    viewport = window.remote_view.viewport()
    pos = QPointF(viewport.rect().center())
    args = (
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    with qtbot.waitSignal(window.remote_view.dropped) as dropped:
        QApplication.sendEvent(viewport, QDragEnterEvent(pos.toPoint(), *args))
        QApplication.sendEvent(viewport, QDropEvent(pos, *args))
    assert dropped.args == [[exam], "/"]
    box = wait_dialog(qtbot, QMessageBox)  # not connected yet: it says what to do
    box.close()


def test_help_menu_opens_the_transfer_log(qtbot: Any, window: MainWindow) -> None:
    from echouploader.ui.dialogs.log_viewer import LogViewerDialog

    window.log_viewer_action.trigger()
    dialog = wait_dialog(qtbot, LogViewerDialog)
    dialog.reject()


def test_core_warnings_join_the_message_strip(qtbot: Any, window: MainWindow) -> None:
    import logging

    from echouploader.core.support import logs

    logs.setup()
    logging.getLogger("echouploader.ftps").warning("the server refused TLS session reuse")
    logging.getLogger("echouploader.ftps").info("an ordinary line stays in the log file")
    qtbot.waitUntil(lambda: "refused TLS session reuse" in window.message_log.toPlainText())
    assert "ordinary line" not in window.message_log.toPlainText()


def test_a_first_run_explains_what_to_do(window: MainWindow) -> None:
    hint = window.remote_model.item(0, 0).text()
    assert hint.startswith("Not connected. Enter the server, user name and password")
    assert "drag an exam folder from the left" in hint
    assert window.remote_model.item(0, 0).child(0) is None  # not an empty "Loading…" folder
