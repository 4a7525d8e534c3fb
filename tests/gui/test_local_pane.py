"""The local pane holds still: places as roots, a folder tree above a file list, honest sorting,
rows that never move under the pointer, types by extension, Upload exam from the keyboard."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QMenu, QMessageBox

from echouploader.ui.local_pane import COL_NAME, COL_SIZE, COL_TYPE, LocalPane
from echouploader.ui.main_window import MainWindow
from tests.gui.conftest import wait_dialog

pytestmark = pytest.mark.gui


@pytest.fixture
def home(tmp_path: Path) -> Path:
    home = tmp_path / "home" / "sonographer"
    for name in ("Desktop", "Documents", "Downloads"):
        (home / name).mkdir(parents=True)
    exports = home / "Exports"
    for name in ("1042_1", "1042_2", "Holiday photos", "alpha", "Zeta"):
        (exports / name).mkdir(parents=True)
    (exports / "notes.txt").write_text("x" * 10)
    (exports / "big.key").write_bytes(b"k" * 5000)
    (exports / "a.mp4").write_bytes(b"v" * 2000)
    return home


def pane_for(qtbot: Any, home: Path, start: Path | None = None) -> LocalPane:
    pane = LocalPane(start, home=home)
    qtbot.addWidget(pane)
    pane.show()
    return pane


def test_roots_are_home_and_the_places_exports_land(qtbot: Any, home: Path) -> None:
    pane = pane_for(qtbot, home)
    roots = [
        Path(pane.tree.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole + 1))
        for i in range(pane.tree.topLevelItemCount())
    ]
    assert roots[:4] == [home, home / "Desktop", home / "Documents", home / "Downloads"]
    assert not any(str(r).startswith(("/proc", "/sys")) or r == Path("/") for r in roots)
    # The list below holds the chosen folder's files; the tree above holds folders only.
    pane.show_folder(home / "Exports")
    assert "notes.txt" in pane.names()
    tree_item = pane.tree.currentItem()
    assert Path(tree_item.data(0, Qt.ItemDataRole.UserRole + 1)) == home / "Exports"
    assert all(
        Path(tree_item.parent().child(i).data(0, Qt.ItemDataRole.UserRole + 1)).is_dir()
        for i in range(tree_item.parent().childCount())
    )


def test_sorting_is_stable_correct_and_its_arrow_tells_the_truth(qtbot: Any, home: Path) -> None:
    pane = pane_for(qtbot, home, home / "Exports")
    header = pane.files.header()
    folders = ["1042_1", "1042_2", "alpha", "Holiday photos", "Zeta"]
    assert pane.names() == [*folders, "a.mp4", "big.key", "notes.txt"]
    assert header.sortIndicatorSection() == COL_NAME
    assert header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder  # the arrow says A→Z
    pane.files.sortByColumn(COL_NAME, Qt.SortOrder.DescendingOrder)
    assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    assert pane.names() == ["notes.txt", "big.key", "a.mp4", *reversed(folders)]
    pane.files.sortByColumn(COL_SIZE, Qt.SortOrder.AscendingOrder)
    assert pane.names()[-3:] == ["notes.txt", "a.mp4", "big.key"]  # by bytes, not by text
    pane.refresh()
    assert pane.names()[-3:] == ["notes.txt", "a.mp4", "big.key"]  # the same again


def test_rows_never_move_under_the_pointer(qtbot: Any, home: Path) -> None:
    pane = pane_for(qtbot, home, home / "Exports")
    before = pane.names()
    (home / "Exports" / "0000_new").mkdir()  # something changes on disk meanwhile
    os.utime(home / "Exports" / "Zeta", (time.time() + 60, time.time() + 60))
    qtbot.wait(700)  # a file system model would have re-read and re-sorted by now
    assert pane.names() == before
    pane.refresh()  # only when asked
    assert pane.names()[0] == "0000_new"


def test_a_drag_takes_the_row_that_was_pressed(qtbot: Any, home: Path) -> None:
    pane = pane_for(qtbot, home, home / "Exports")
    pane.resize(600, 700)
    qtbot.waitExposed(pane)
    files = pane.files
    target = next(
        files.topLevelItem(i)
        for i in range(files.topLevelItemCount())
        if files.topLevelItem(i).text(COL_NAME) == "1042_2"
    )
    rect = files.visualItemRect(target)
    qtbot.mousePress(files.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseRelease(files.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    mime = files.mimeData(files.selectedItems())
    assert [Path(u.toLocalFile()) for u in mime.urls()] == [home / "Exports" / "1042_2"]


def test_types_by_extension_never_a_guess(qtbot: Any, home: Path) -> None:
    pane = pane_for(qtbot, home, home / "Exports")
    types = {
        pane.files.topLevelItem(i).text(COL_NAME): pane.files.topLevelItem(i).text(COL_TYPE)
        for i in range(pane.files.topLevelItemCount())
    }
    assert types["big.key"] == "KEY file"
    assert types["a.mp4"] == "Video"
    assert types["1042_1"] == "Folder"
    sizes = {
        pane.files.topLevelItem(i).text(COL_NAME): pane.files.topLevelItem(i).text(COL_SIZE)
        for i in range(pane.files.topLevelItemCount())
    }
    assert sizes["big.key"] == "5.0 kB"  # the same units as the remote pane and the quota


def _menu_texts(qtbot: Any) -> list[str]:
    found: list[str] = []

    def shown() -> None:
        menus = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMenu)]
        menus = [m for m in menus if m.isVisible()]
        assert menus
        found[:] = [a.text() for a in menus[-1].actions()]
        menus[-1].close()

    qtbot.waitUntil(shown)
    return found


def test_upload_exam_from_the_keyboard_menus_and_shortcut(
    qtbot: Any, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(home))
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    try:
        pane = win.local_pane
        pane.show_folder(home / "Exports")
        assert win.upload_action.shortcut().toString() == "Ctrl+U"
        assert win.upload_action in win.transfer_menu.actions()
        row = next(
            pane.files.topLevelItem(i)
            for i in range(pane.files.topLevelItemCount())
            if pane.files.topLevelItem(i).text(COL_NAME) == "1042_1"
        )
        rect = pane.files.visualItemRect(row)
        pane.files.customContextMenuRequested.emit(rect.center())
        assert "&Upload exam…" in _menu_texts(qtbot)

        pane.files.setFocus()
        pane.files.setCurrentItem(row)
        with qtbot.waitSignal(pane.upload_requested) as asked:
            qtbot.keyClick(pane.files, Qt.Key.Key_Return)
        assert asked.args == [home / "Exports" / "1042_1"]
        box = wait_dialog(qtbot, QMessageBox)  # not connected: it says what to do first
        assert "Connect to the core lab's server first" in box.text()
        box.close()
        assert pane.files.focusPolicy() & Qt.FocusPolicy.TabFocus
        pane.files.customContextMenuRequested.emit(QPoint(1, 1000))  # below the rows
        assert "&Upload exam…" in _menu_texts(qtbot)
    finally:
        win.shutdown()
