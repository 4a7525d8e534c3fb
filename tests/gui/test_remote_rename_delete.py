"""The remote pane: rename (F2) and delete (Delete, after a confirmation) on a real server; delete
only for this computer's own unfinished uploads (the server is shared by every site)."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QInputDialog, QMessageBox

from echouploader.core.ftps.trust_store import TrustStore
from echouploader.ui.main_window import MainWindow
from tests.core.transfer.helpers import make_job
from tests.gui.conftest import fake_certificate, fill_quickconnect, wait_dialog
from tests.servers import ServerInfo

pytestmark = pytest.mark.gui


def connect(qtbot: Any, window: MainWindow, server: ServerInfo) -> None:
    TrustStore().trust(fake_certificate(server.host, server.port, server.fingerprint))
    fill_quickconnect(window, server.host, server.port, server.user, server.password)
    window.quick_connect()
    qtbot.waitUntil(lambda: window.connection is not None, timeout=10000)
    qtbot.waitUntil(lambda: "notes.txt" in window.remote_model.entry_names("/"), timeout=10000)


def row(window: MainWindow, name: str) -> QModelIndex:
    root = window.remote_model.item_for("/")
    assert root is not None
    for r in range(root.rowCount()):
        if root.child(r, 0).text() == name:
            return root.child(r, 0).index()
    raise AssertionError(f"{name} is not listed")


def choose(qtbot: Any, window: MainWindow, name: str) -> None:
    view = window.remote_view
    view.setCurrentIndex(row(window, name))
    window.activateWindow()
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)


@pytest.fixture
def served(
    qtbot: Any, window: MainWindow, implicit_server: ServerInfo, tmp_path: Any
) -> ServerInfo:
    exam = implicit_server.root / "1234_1"
    exam.mkdir()
    (exam / "IM0001.dcm").write_bytes(b"x" * 100)
    (exam / "IM0002.dcm.echouploader-part").write_bytes(b"x" * 10)
    (implicit_server.root / "notes.txt").write_text("hello")
    # This computer's upload of 1234_1, cut off and kept in the queue: that exam is its own.
    local = tmp_path / "exports" / "1234_1"
    local.mkdir(parents=True)
    (local / "IM0001.dcm").write_bytes(b"x" * 100)
    (local / "IM0002.dcm").write_bytes(b"x" * 100)
    window.transfers.store.submit(make_job(implicit_server.endpoint, [local], "/"))
    window.activateWindow()
    connect(qtbot, window, implicit_server)
    box = wait_dialog(qtbot, QMessageBox)
    assert box.objectName() == "resume-question", box.text()
    box.button(QMessageBox.StandardButton.No).click()  # kept, unfinished
    qtbot.waitUntil(lambda: not box.isVisible())
    return implicit_server


def test_f2_renames_and_the_listing_follows(
    qtbot: Any, window: MainWindow, served: ServerInfo
) -> None:
    choose(qtbot, window, "notes.txt")
    qtbot.keyClick(window.remote_view, Qt.Key.Key_F2)
    dialog = wait_dialog(qtbot, QInputDialog)
    assert dialog.textValue() == "notes.txt"
    dialog.setTextValue("readme.txt")
    dialog.accept()
    qtbot.waitUntil(lambda: "readme.txt" in window.remote_model.entry_names("/"), timeout=10000)
    assert "notes.txt" not in window.remote_model.entry_names("/")
    assert (served.root / "readme.txt").read_text() == "hello"
    assert "Renamed /notes.txt to /readme.txt." in window.message_log.toPlainText()


def test_a_refused_rename_is_one_sentence_and_nothing_moves(
    qtbot: Any, window: MainWindow, served: ServerInfo
) -> None:
    dialog = window.remote.ask_rename(("/notes.txt", False))
    assert dialog is not None
    dialog.setTextValue("1234_1")
    dialog.accept()
    box = wait_dialog(qtbot, QMessageBox)
    assert box.text() == "/ already holds something named '1234_1'; choose another name."
    box.close()
    assert (served.root / "notes.txt").read_text() == "hello"
    assert window.remote_model.entry_names("/") == ["1234_1", "notes.txt"]


def test_delete_asks_first_and_no_keeps_the_exam(
    qtbot: Any, window: MainWindow, served: ServerInfo
) -> None:
    choose(qtbot, window, "1234_1")
    qtbot.keyClick(window.remote_view, Qt.Key.Key_Delete)
    box = wait_dialog(qtbot, QMessageBox)
    assert "Delete the folder /1234_1 and everything in it from the server?" in box.text()
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.No)
    box.button(QMessageBox.StandardButton.No).click()
    qtbot.waitUntil(lambda: not box.isVisible())
    assert (served.root / "1234_1" / "IM0001.dcm").exists()

    qtbot.keyClick(window.remote_view, Qt.Key.Key_Delete)
    box = wait_dialog(qtbot, QMessageBox)
    box.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: "1234_1" not in window.remote_model.entry_names("/"), timeout=10000)
    assert not (served.root / "1234_1").exists()
    assert (served.root / "notes.txt").exists()


def test_the_context_menu_offers_rename_for_a_row_and_delete_for_our_unfinished_upload(
    qtbot: Any, window: MainWindow, served: ServerInfo
) -> None:
    view = window.remote_view
    pos = view.visualRect(row(window, "notes.txt")).center()
    menu = window.remote.menu(pos)
    actions = {a.text(): a for a in menu.actions() if a.text()}
    assert actions["Re&name…"].isEnabled() and actions["Re&name…"].shortcut().toString() == "F2"
    assert not actions["&Delete…"].isEnabled()  # not an upload of ours
    menu.close()
    menu = window.remote.menu(view.visualRect(row(window, "1234_1")).center())
    actions = {a.text(): a for a in menu.actions() if a.text()}
    assert actions["&Delete…"].isEnabled()
    actions["&Delete…"].trigger()
    box = wait_dialog(qtbot, QMessageBox)
    assert box.text().startswith("Delete the folder /1234_1 and everything in it")
    box.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: "1234_1" not in window.remote_model.entry_names("/"), timeout=10000)
    empty = window.remote.menu(view.viewport().rect().bottomLeft())  # below every row
    actions = {a.text(): a for a in empty.actions() if a.text()}
    assert not actions["Re&name…"].isEnabled() and not actions["&Delete…"].isEnabled()
    empty.close()


def test_delete_refuses_what_is_not_our_unfinished_upload(
    qtbot: Any, window: MainWindow, served: ServerInfo
) -> None:
    choose(qtbot, window, "notes.txt")
    qtbot.keyClick(window.remote_view, Qt.Key.Key_Delete)
    qtbot.waitUntil(
        lambda: (
            "/notes.txt is not an unfinished upload of this computer"
            in window.message_log.toPlainText()
        )
    )
    assert window.remote.ask_delete(("/notes.txt", False)) is None  # no question, no delete
    assert (served.root / "notes.txt").read_text() == "hello"
