"""The log viewer: the transfer log as a filterable table, for the user and for support staff.

Filters (level, site, exam, text) apply the core's :class:`~.support.logs.RecordFilter`;
new lines appear while the dialog is open. *Copy* puts the selected lines on the clipboard as
tab-separated text, *Open log folder* shows the folder in the file manager, and *Create support
bundle…* writes the zip on a worker thread.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QThread,
    QTimer,
    QUrl,
    Signal,
    qVersion,
)
from PySide6.QtGui import QColor, QDesktopServices, QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from echouploader.core import paths
from echouploader.core.diagnostics import support_bundle
from echouploader.core.errors import EchoUploaderError
from echouploader.core.support import logs

log = logging.getLogger("echouploader.ui")

# Marked for the catalogue here, translated where they are shown (headerData, the level menu).
COLUMNS = (
    QT_TRANSLATE_NOOP("LogTableModel", "Time (UTC)"),
    QT_TRANSLATE_NOOP("LogTableModel", "Level"),
    QT_TRANSLATE_NOOP("LogTableModel", "Site"),
    QT_TRANSLATE_NOOP("LogTableModel", "Exam"),
    QT_TRANSLATE_NOOP("LogTableModel", "File"),
    QT_TRANSLATE_NOOP("LogTableModel", "Message"),
)
LEVEL_CHOICES = (
    ("info", QT_TRANSLATE_NOOP("LogViewerDialog", "Info and worse")),
    ("warning", QT_TRANSLATE_NOOP("LogViewerDialog", "Warning and worse")),
    ("error", QT_TRANSLATE_NOOP("LogViewerDialog", "Error and worse")),
)
COL_MESSAGE = 5
FOLLOW_MS = 1000
MAX_ROWS = 20000
_ANY = ""

Index = QModelIndex | QPersistentModelIndex


def file_name(rec: dict[str, Any]) -> str:
    """The file a transfer's line is about (its de-identified name), shown next to its id."""
    path = str(rec.get("path") or rec.get("remote") or "")
    return path.rsplit("/", 1)[-1]


class LogTableModel(QAbstractTableModel):
    """Records (dicts from the log) as rows: time, level, site, exam, message."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.records: list[dict[str, Any]] = []

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.records)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return QCoreApplication.translate("LogTableModel", COLUMNS[section])
        return None

    @staticmethod
    def cells(rec: dict[str, Any]) -> list[str]:
        return [
            str(rec.get("ts", ""))[:19].replace("T", " "),
            str(rec.get("level", "")),
            str(rec.get("site") or ""),
            str(rec.get("exam") or ""),
            file_name(rec),
            logs.format_record(rec),
        ]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        rec = self.records[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.cells(rec)[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == COL_MESSAGE:
            return logs.format_record(rec)
        if role == Qt.ItemDataRole.ForegroundRole and rec.get("level") in ("error", "critical"):
            return QColor("#b00020")
        return None

    def set_records(self, records: list[dict[str, Any]]) -> None:
        self.beginResetModel()
        self.records = records[-MAX_ROWS:]
        self.endResetModel()

    def append(self, records: list[dict[str, Any]]) -> None:
        if not records:
            return
        first = len(self.records)
        self.beginInsertRows(QModelIndex(), first, first + len(records) - 1)
        self.records.extend(records)
        self.endInsertRows()


class BundleWorker(QThread):
    """Writes the support bundle off the GUI thread."""

    succeeded = Signal(str)
    failed = Signal(str)

    def __init__(self, out: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.out = out
        self.setObjectName("echouploader-support-bundle")

    def run(self) -> None:
        try:
            result = support_bundle.create(self.out, qt_version=qVersion())
        except EchoUploaderError as exc:
            self.failed.emit(str(exc))
        except Exception as exc:  # noqa: BLE001 - reported as one sentence, detail in the log
            log.exception("support bundle failed", extra={"event": "error"})
            self.failed.emit(
                f"The support bundle could not be written ({type(exc).__name__}); "
                "details were saved to the log."
            )
        else:
            self.succeeded.emit(str(result.path))


class LogViewerDialog(QDialog):
    """Filters, a table of log lines, the selected line in full, and the support actions."""

    bundle_created = Signal(str)
    bundle_failed = Signal(str)

    def __init__(self, parent: QWidget | None = None, *, log_dir: Path | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Transfer log"))
        self.resize(1000, 600)
        self.log_dir = log_dir or paths.log_dir()
        self._all: list[dict[str, Any]] = []
        self._worker: BundleWorker | None = None

        layout = QVBoxLayout(self)
        layout.addLayout(self._build_filters())
        layout.addWidget(self._build_table(), 1)
        layout.addLayout(self._build_buttons())

        self.level_combo.currentIndexChanged.connect(self.apply_filters)
        self.site_combo.currentIndexChanged.connect(self.apply_filters)
        self.exam_edit.textChanged.connect(self.apply_filters)
        self.search_edit.textChanged.connect(self.apply_filters)
        self.table.selectionModel().selectionChanged.connect(self._show_details)
        self.copy_button.clicked.connect(self.copy_selected)
        self.folder_button.clicked.connect(self.open_log_folder)
        self.bundle_button.clicked.connect(self.create_support_bundle)
        QShortcut(QKeySequence.StandardKey.Copy, self.table, self.copy_selected)

        self._follower: logs.LogFollower | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(FOLLOW_MS)
        self._timer.timeout.connect(self._poll)
        self.reload()
        self._timer.start()

    # --- layout -------------------------------------------------------------------------------

    def _build_filters(self) -> QHBoxLayout:
        """Level, site, exam and text: the core's record filter."""
        self.level_combo = QComboBox()
        self.level_combo.addItem(self.tr("All levels"), _ANY)
        for level, label in LEVEL_CHOICES:
            self.level_combo.addItem(QCoreApplication.translate("LogViewerDialog", label), level)
        self.level_combo.setAccessibleName(self.tr("Level"))
        self.site_combo = QComboBox()
        self.site_combo.setAccessibleName(self.tr("Site"))
        self.exam_edit = QLineEdit()
        self.exam_edit.setPlaceholderText(self.tr("Exam"))
        self.exam_edit.setAccessibleName(self.tr("Exam"))
        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText(self.tr("Search"))
        self.search_edit.setAccessibleName(self.tr("Search"))
        self.search_edit.setClearButtonEnabled(True)

        filters = QHBoxLayout()
        for label, widget in (
            (self.tr("&Level:"), self.level_combo),
            (self.tr("&Site:"), self.site_combo),
            (self.tr("E&xam:"), self.exam_edit),
            (self.tr("Sea&rch:"), self.search_edit),
        ):
            lab = QLabel(label)
            lab.setBuddy(widget)
            filters.addWidget(lab)
            filters.addWidget(widget, 1)
        return filters

    def _build_table(self) -> QSplitter:
        """The log lines above, the selected line in full below."""
        self.model = LogTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for col, width in enumerate((150, 70, 90, 120, 140)):
            self.table.setColumnWidth(col, width)
        self.table.setAccessibleName(self.tr("Log lines"))
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.details.setAccessibleName(self.tr("Selected line in full"))
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.details)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 1)
        return splitter

    def _build_buttons(self) -> QHBoxLayout:
        self.copy_button = QPushButton(self.tr("&Copy selected"))
        self.folder_button = QPushButton(self.tr("&Open log folder"))
        self.bundle_button = QPushButton(self.tr("Create support &bundle…"))
        self.status = QLabel()
        self.status.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        for b in (self.copy_button, self.folder_button, self.bundle_button):
            row.addWidget(b)
        row.addWidget(self.status, 1)
        row.addWidget(buttons)
        return row

    # --- data ---------------------------------------------------------------------------------

    def reload(self) -> None:
        """Read every log file again (the follower starts from here)."""
        self._follower = logs.LogFollower(log_dir=self.log_dir)
        self._all = logs.read_records(log_dir=self.log_dir)
        self._fill_sites()
        self.apply_filters()

    def _fill_sites(self) -> None:
        current = self.site_combo.currentData()
        self.site_combo.blockSignals(True)
        self.site_combo.clear()
        self.site_combo.addItem(self.tr("All sites"), _ANY)
        for site in logs.records_sites(self._all):
            self.site_combo.addItem(site, site)
        found = self.site_combo.findData(current) if current else 0
        self.site_combo.setCurrentIndex(max(found, 0))
        self.site_combo.blockSignals(False)

    def current_filter(self) -> logs.RecordFilter:
        return logs.RecordFilter(
            level=self.level_combo.currentData() or None,
            site=self.site_combo.currentData() or None,
            exam=self.exam_edit.text().strip() or None,
            text=self.search_edit.text().strip() or None,
        )

    def apply_filters(self) -> None:
        keep = self.current_filter()
        self.model.set_records([r for r in self._all if keep(r)])
        self.table.scrollToBottom()
        self.details.clear()

    def _poll(self) -> None:
        if self._follower is None:
            return
        new = self._follower.poll()
        if not new:
            return
        self._all.extend(new)
        known = {self.site_combo.itemData(i) for i in range(self.site_combo.count())}
        if any(r.get("site") and r["site"] not in known for r in new):
            self._fill_sites()
        keep = self.current_filter()
        at_bottom = (
            self.table.verticalScrollBar().value() >= self.table.verticalScrollBar().maximum()
        )
        self.model.append([r for r in new if keep(r)])
        if at_bottom:
            self.table.scrollToBottom()

    def selected_records(self) -> list[dict[str, Any]]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.model.records[r] for r in rows]

    def _show_details(self) -> None:
        selected = self.selected_records()
        if len(selected) == 1:
            self.details.setPlainText(json.dumps(selected[0], indent=2, ensure_ascii=False))
        else:
            self.details.clear()

    # --- actions ------------------------------------------------------------------------------

    def copy_selected(self) -> str:
        """Selected lines as tab-separated text on the clipboard (returned for convenience)."""
        lines = ["\t".join(LogTableModel.cells(r)) for r in self.selected_records()]
        text = "\n".join(lines)
        if text:
            QGuiApplication.clipboard().setText(text)
            self.status.setText(self.tr("%n line(s) copied.", "", len(lines)))
        return text

    def open_log_folder(self) -> bool:
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.log_dir)))

    def ask_bundle_path(self) -> Path | None:
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M")
        default = Path.home() / f"echouploader-support-{stamp}.zip"
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save support bundle"), str(default), self.tr("Zip files (*.zip)")
        )
        return Path(name) if name else None

    def create_support_bundle(self) -> None:
        if self._worker is not None:
            return
        out = self.ask_bundle_path()
        if out is None:
            return
        if out.suffix.lower() != ".zip":
            out = out.with_name(out.name + ".zip")
        self.bundle_button.setEnabled(False)
        self.status.setText(self.tr("Writing the support bundle…"))
        worker = BundleWorker(out, self)
        worker.succeeded.connect(self._bundle_done)
        worker.failed.connect(self._bundle_failed)
        worker.finished.connect(self._worker_finished)
        self._worker = worker
        worker.start()

    def _bundle_done(self, path: str) -> None:
        self.status.setText(
            self.tr(
                "Support bundle saved to %1. It contains no password, key code or DICOM."
            ).replace("%1", path)
        )
        self.bundle_created.emit(path)

    def _bundle_failed(self, sentence: str) -> None:
        self.status.setText(sentence)
        self.bundle_failed.emit(sentence)

    def _worker_finished(self) -> None:
        if self._worker is not None:
            self._worker.wait()
            self._worker.deleteLater()
        self._worker = None
        self.bundle_button.setEnabled(True)

    def done(self, result: int) -> None:
        self._timer.stop()
        if self._worker is not None:
            self._worker.wait()
        super().done(result)
