"""The core lab's Arrivals view and the remote pane's exam marks, driven offscreen."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from echouploader.core.ftps.trust_store import TrustStore
from echouploader.ui.arrivals_view import ArrivalsDialog
from echouploader.ui.main_window import MainWindow
from echouploader.ui.remote_pane import EXAM_STATE_ROLE
from tests.core.corelab.helpers import (
    INBOX,
    INCOMPLETE,
    UPLOADING,
    tamper_same_size,
    upload_exams,
    zip_members,
)
from tests.gui.conftest import fake_certificate, fill_quickconnect

pytestmark = pytest.mark.gui


def _connect(qtbot: Any, win: MainWindow, srv: Any) -> None:
    TrustStore().trust(fake_certificate(srv.host, srv.port, srv.fingerprint))
    fill_quickconnect(win, srv.host, srv.port, srv.user, srv.password)
    win.quick_connect()
    qtbot.waitUntil(lambda: win.connection is not None, timeout=10000)


def _open(qtbot: Any, win: MainWindow) -> ArrivalsDialog:
    dialog = win.open_arrivals(INBOX)
    assert isinstance(dialog, ArrivalsDialog)
    qtbot.waitUntil(lambda: dialog.model.rowCount() > 0 and not dialog.busy(), timeout=20000)
    return dialog


def _visible(dialog: ArrivalsDialog, column: int = 0) -> list[str]:
    p = dialog.proxy
    return [p.index(r, column).data() for r in range(p.rowCount())]


@pytest.mark.slow
def test_arrivals_view_filters_sorts_and_downloads(
    qtbot: Any, window: MainWindow, implicit_server: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    up = upload_exams(implicit_server, tmp_path / "exports", monkeypatch)
    _connect(qtbot, window, implicit_server)
    dialog = _open(qtbot, window)
    assert dialog.model.rowCount() == 7
    states = dict(zip(_visible(dialog), _visible(dialog, 7), strict=True))
    assert states[INCOMPLETE] == "incomplete" and states[UPLOADING] == "uploading"
    assert sum(s == "complete" for s in states.values()) == 5

    dialog.state_combo.setCurrentIndex(dialog.state_combo.findData("complete"))
    assert len(_visible(dialog)) == 5 and INCOMPLETE not in _visible(dialog)
    dialog.subject_edit.setText("1002")
    assert _visible(dialog) == ["1002_1", "1002_1a"]
    dialog.subject_edit.setText("")
    dialog.state_combo.setCurrentIndex(0)
    dialog.table.sortByColumn(4, Qt.SortOrder.DescendingOrder)  # by size, as numbers
    sizes = [dialog.proxy.index(r, 4).data(Qt.ItemDataRole.UserRole + 10) for r in range(7)]
    assert sizes == sorted(sizes, reverse=True)
    assert dialog.site_combo.itemText(0) == "All sites"

    # select two complete exams and download them
    dialog.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    dialog.table.selectRow(0)
    dialog.table.selectionModel().select(
        dialog.proxy.index(2, 0),
        dialog.table.selectionModel().SelectionFlag.Select
        | dialog.table.selectionModel().SelectionFlag.Rows,
    )
    assert dialog.selected_exams() == ["1001_1", "1002_1"]
    out = tmp_path / "package.zip"
    dialog.download(out, exams=dialog.selected_exams())
    qtbot.waitUntil(lambda: dialog.last_result is not None, timeout=30000)
    assert dialog.progress.value() == 1000
    assert "Verified" in dialog.status.text()
    members = zip_members(out)
    assert {n.split("/")[1] + "_" + n.split("/")[2] for n in members if n.count("/") >= 4} == {
        "1001_1",
        "1002_1",
    }
    qtbot.waitUntil(lambda: not dialog.busy(), timeout=5000)

    # a changed file: the download fails with the sentence naming the exam and the file
    victim = sorted((up.exam_dir("1001_2")).rglob("K2MDI0G4"))[0]
    tamper_same_size(victim)
    dialog.download(tmp_path / "bad.zip", exams=["1001_2"])
    qtbot.waitUntil(lambda: bool(dialog.last_error), timeout=30000)
    assert "1001_2" in dialog.last_error and "K2MDI0G4" in dialog.last_error
    assert not (tmp_path / "bad.zip").exists()
    for box in dialog.window_.findChildren(QMessageBox):
        box.close()
    qtbot.waitUntil(lambda: not dialog.busy(), timeout=5000)

    # a report: its subjects only, unknown ones listed in the summary
    report = tmp_path / "report.csv"
    report.write_text("subject,visit\n1003,1\n7777,\n")
    dialog.download(tmp_path / "report.zip", report=report)
    qtbot.waitUntil(lambda: dialog.last_result is not None, timeout=30000)
    assert dialog.last_result.exams == ["1003_1"]
    assert "7777" in dialog.status.text()
    qtbot.waitUntil(lambda: not dialog.busy(), timeout=5000)
    dialog.close()


@pytest.mark.slow
def test_remote_pane_marks_exam_folders(
    qtbot: Any, window: MainWindow, implicit_server: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    upload_exams(implicit_server, tmp_path / "exports", monkeypatch)
    _connect(qtbot, window, implicit_server)
    model = window.remote_model
    qtbot.waitUntil(lambda: model.item_for(INBOX) is not None, timeout=10000)  # root listed
    window.remote.list_folder(INBOX)

    def marked() -> None:
        for exam in ("1001_1", INCOMPLETE, UPLOADING):
            item = model.item_for(f"{INBOX}/{exam}")
            assert item is not None and item.data(EXAM_STATE_ROLE) is not None

    qtbot.waitUntil(marked, timeout=20000)
    complete = model.item_for(f"{INBOX}/1001_1")
    assert complete.data(EXAM_STATE_ROLE) == "complete"
    assert complete.toolTip().startswith("Complete: 5 files")
    bad = model.item_for(f"{INBOX}/{INCOMPLETE}")
    assert bad.data(EXAM_STATE_ROLE) == "incomplete" and "report.pdf" in bad.toolTip()
    assert model.item_for(f"{INBOX}/{UPLOADING}").data(EXAM_STATE_ROLE) == "uploading"
    assert not complete.icon().isNull()
    qtbot.waitUntil(lambda: not window.pool.active(), timeout=10000)
