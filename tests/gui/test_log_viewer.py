"""The log viewer dialog driven like a person would: filter, select, copy, open the folder,
create a support bundle."""

from __future__ import annotations

import logging
import zipfile
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt, QUrl  # noqa: E402
from PySide6.QtGui import QDesktopServices, QGuiApplication  # noqa: E402

from echouploader.core.support import logs  # noqa: E402
from echouploader.ui.dialogs.log_viewer import LogViewerDialog  # noqa: E402

pytestmark = pytest.mark.gui

log = logging.getLogger("echouploader.transfer")


@pytest.fixture
def logged(isolated_dirs) -> Path:
    logs.setup()
    log.info(
        "uploaded 12 files",
        extra={"event": "transfer_done", "site": "site01", "exam": "S01-0001-V1"},
    )
    log.warning(
        "connection dropped, retrying",
        extra={"event": "retry", "site": "site02", "exam": "S02-0001-V1"},
    )
    log.error(
        "The server refused the user name or password for site02.",
        extra={"event": "error", "site": "site02", "code": "530"},
    )
    return isolated_dirs["log"]


@pytest.fixture
def dialog(qtbot: Any, logged: Path) -> LogViewerDialog:
    dlg = LogViewerDialog()
    qtbot.addWidget(dlg)
    dlg.show()
    yield dlg
    dlg.reject()


def messages(dlg: LogViewerDialog) -> list[str]:
    return [dlg.model.cells(r)[5] for r in dlg.model.records if r.get("event") != "start"]


def test_shows_time_level_site_exam_file_message(dialog: LogViewerDialog) -> None:
    assert [
        dialog.model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
        for c in range(6)
    ] == ["Time (UTC)", "Level", "Site", "Exam", "File", "Message"]
    assert messages(dialog) == [
        "uploaded 12 files",
        "connection dropped, retrying",
        "The server refused the user name or password for site02. [530]",
    ]
    last = dialog.model.rowCount() - 1
    row = [dialog.model.index(last, c).data() for c in range(6)]
    assert row[1:5] == ["error", "site02", "", ""]


def test_filters(qtbot: Any, dialog: LogViewerDialog) -> None:
    dialog.level_combo.setCurrentIndex(dialog.level_combo.findData("warning"))
    assert messages(dialog) == [
        "connection dropped, retrying",
        "The server refused the user name or password for site02. [530]",
    ]
    dialog.level_combo.setCurrentIndex(0)
    assert [dialog.site_combo.itemText(i) for i in range(dialog.site_combo.count())] == [
        "All sites",
        "site01",
        "site02",
    ]
    dialog.site_combo.setCurrentIndex(dialog.site_combo.findData("site01"))
    assert messages(dialog) == ["uploaded 12 files"]
    dialog.site_combo.setCurrentIndex(0)
    qtbot.keyClicks(dialog.exam_edit, "S02-0001-V1")
    assert messages(dialog) == ["connection dropped, retrying"]
    dialog.exam_edit.clear()
    qtbot.keyClicks(dialog.search_edit, "REFUSED")
    assert messages(dialog) == ["The server refused the user name or password for site02. [530]"]


def test_new_lines_appear_while_open(qtbot: Any, dialog: LogViewerDialog) -> None:
    log.warning("a new site speaks", extra={"event": "retry", "site": "site03"})
    qtbot.waitUntil(lambda: "a new site speaks" in messages(dialog), timeout=5000)
    assert dialog.site_combo.findData("site03") > 0


def test_copy_selected_and_details(qtbot: Any, dialog: LogViewerDialog) -> None:
    sel = dialog.table.selectionModel()
    last = dialog.model.rowCount() - 1
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    sel.select(dialog.model.index(last, 0), flags)
    assert '"code": "530"' in dialog.details.toPlainText()
    sel.select(dialog.model.index(last - 1, 0), flags)
    text = dialog.copy_selected()
    assert QGuiApplication.clipboard().text() == text
    lines = text.splitlines()
    assert len(lines) == 2
    assert lines[0].split("\t")[1:] == [
        "warning",
        "site02",
        "S02-0001-V1",
        "",
        "connection dropped, retrying",
    ]
    assert lines[1].endswith("\tThe server refused the user name or password for site02. [530]")
    assert dialog.status.text() == "2 line(s) copied."


def test_open_log_folder(dialog: LogViewerDialog, logged: Path, monkeypatch) -> None:
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    dialog.folder_button.click()
    assert [u.toLocalFile() for u in opened] == [str(logged)]


def test_create_support_bundle(
    qtbot: Any, dialog: LogViewerDialog, tmp_path: Path, monkeypatch
) -> None:
    out = tmp_path / "for-support"
    monkeypatch.setattr(dialog, "ask_bundle_path", lambda: out)
    with qtbot.waitSignal(dialog.bundle_created, timeout=20000) as blocker:
        dialog.bundle_button.click()
        assert not dialog.bundle_button.isEnabled()
    assert blocker.args == [str(tmp_path / "for-support.zip")]
    with zipfile.ZipFile(tmp_path / "for-support.zip") as zf:
        assert "README.txt" in zf.namelist()
        versions = zf.read("versions.json").decode()
    from PySide6.QtCore import qVersion

    assert f'"qt": "{qVersion()}"' in versions
    assert "Support bundle saved to" in dialog.status.text()
    qtbot.waitUntil(dialog.bundle_button.isEnabled, timeout=5000)


def test_support_bundle_failure_is_one_sentence(
    qtbot: Any, dialog: LogViewerDialog, tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.setattr(dialog, "ask_bundle_path", lambda: tmp_path / "missing" / "b.zip")
    with qtbot.waitSignal(dialog.bundle_failed, timeout=20000) as blocker:
        dialog.bundle_button.click()
    assert "does not exist" in blocker.args[0]
    assert dialog.status.text() == blocker.args[0]
    qtbot.waitUntil(dialog.bundle_button.isEnabled, timeout=5000)


def test_cancelled_file_dialog_does_nothing(dialog: LogViewerDialog, monkeypatch) -> None:
    monkeypatch.setattr(dialog, "ask_bundle_path", lambda: None)
    dialog.bundle_button.click()
    assert dialog.bundle_button.isEnabled() and dialog.status.text() == ""


def test_empty_log(qtbot: Any, isolated_dirs) -> None:
    dlg = LogViewerDialog()
    qtbot.addWidget(dlg)
    assert dlg.model.rowCount() == 0
    assert dlg.copy_selected() == ""
    dlg.reject()


def test_a_transfer_line_names_its_file_next_to_its_id(qtbot: Any, isolated_dirs) -> None:
    logs.setup()
    log.info(
        "transfer %s: uploaded and verified",
        "t-0007",
        extra={
            "event": "transfer_done",
            "site": "site01",
            "exam": "S01-0001-V1",
            "transfer": "t-0007",
            "path": "S01-0001-V1/IM00003.dcm",
            "remote": "/incoming/S01-0001-V1/IM00003.dcm",
        },
    )
    dlg = LogViewerDialog()
    qtbot.addWidget(dlg)
    last = dlg.model.rowCount() - 1
    cells = [dlg.model.index(last, c).data() for c in range(6)]
    assert cells[4] == "IM00003.dcm"
    assert cells[5] == "transfer t-0007: uploaded and verified"
    dlg.reject()


@pytest.mark.parametrize(
    ("lang", "headers", "levels"),
    [
        (
            "de",
            ["Zeit (UTC)", "Stufe", "Server", "Untersuchung", "Datei", "Meldung"],
            ["Alle Stufen", "Info und schwerer", "Warnung und schwerer", "Fehler und schwerer"],
        ),
        (
            "sv",
            ["Tid (UTC)", "Nivå", "Plats", "Undersökning", "Fil", "Meddelande"],
            [
                "Alla nivåer",
                "Info och allvarligare",
                "Varning och allvarligare",
                "Fel och allvarligare",
            ],
        ),
    ],
)
def test_column_headers_and_levels_are_translated(
    qtbot: Any, logged: Path, lang: str, headers: list[str], levels: list[str]
) -> None:
    from PySide6.QtWidgets import QApplication

    from echouploader.ui import resources

    app = QApplication.instance()
    assert resources.install_translator(app, lang) == lang
    try:
        dlg = LogViewerDialog()
        qtbot.addWidget(dlg)
        shown = [
            dlg.model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
            for c in range(dlg.model.columnCount())
        ]
        assert shown == headers
        assert [dlg.level_combo.itemText(i) for i in range(dlg.level_combo.count())] == levels
        dlg.reject()
    finally:
        resources.install_translator(app, "en")
