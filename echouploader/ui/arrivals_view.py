"""The core lab's Arrivals view: every exam folder on the server, its state, and Download….

A table (sortable; filtered by subject, site and state) over the core's arrivals listing, and a
download of the selected rows, or of the rows of a report spreadsheet, into one verified package.
Listing and downloading run in the window's workers through the core; this view only shows.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from echouploader.core.corelab.arrivals import STATES, Arrival, scan
from echouploader.core.corelab.download import DownloadProgress
from echouploader.core.corelab.package import (
    DownloadRequest,
    DownloadResult,
    default_name,
    download_package,
)
from echouploader.core.errors import Cancelled
from echouploader.core.ftps.quota import human
from echouploader.ui.workers import Worker, error_sentence

if TYPE_CHECKING:
    from echouploader.ui.remote_pane import RemoteModel
    from echouploader.ui.shell import ArrivalsHost

SORT_ROLE = Qt.ItemDataRole.UserRole + 10
ARRIVALS_CONNECTIONS = 4
DOWNLOAD_CONNECTIONS = 4

Index = QModelIndex | QPersistentModelIndex


class ArrivalsModel(QAbstractTableModel):
    """The rows of ``echouploader arrivals``: exam, subject, echo, files, size, uploaded, site,
    state."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[Arrival] = []
        self.headers = [
            self.tr("Exam"),
            self.tr("Subject"),
            self.tr("Echo"),
            self.tr("Files"),
            self.tr("Size"),
            self.tr("Uploaded (UTC)"),
            self.tr("Site"),
            self.tr("State"),
        ]

    def set_rows(self, rows: list[Arrival]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt API
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt API
        return 0 if parent.isValid() else len(self.headers)

    def headerData(  # noqa: N802 - Qt API
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        a = self.rows[index.row()]
        col = index.column()
        values: list[Any] = [
            a.exam,
            a.subject or "",
            a.echo or "",
            a.files,
            a.bytes,
            a.uploaded_utc or "",
            a.site or "",
            a.state,
        ]
        if role == SORT_ROLE:
            return values[col]
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 4:
                return human(a.bytes)
            return str(values[col])
        if role == Qt.ItemDataRole.ToolTipRole and col == 7 and a.problems:
            return "\n".join(a.problems[:10])
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (3, 4):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class ArrivalsFilter(QSortFilterProxyModel):
    """Subject (text contained), site and state (exact, empty for all)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.subject = ""
        self.site = ""
        self.state = ""
        self.setSortRole(SORT_ROLE)

    def set_filters(self, subject: str, site: str, state: str) -> None:
        if not hasattr(self, "beginFilterChange"):  # Qt before 6.9
            self.subject, self.site, self.state = subject.strip().casefold(), site, state
            self.invalidateFilter()
            return
        self.beginFilterChange()
        self.subject, self.site, self.state = subject.strip().casefold(), site, state
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, row: int, parent: Index) -> bool:  # noqa: N802 - Qt API
        model = self.sourceModel()
        assert isinstance(model, ArrivalsModel)
        a = model.rows[row]
        if self.subject and self.subject not in (a.subject or "").casefold():
            return False
        if self.site and (a.site or "") != self.site:
            return False
        return not (self.state and a.state != self.state)


class ArrivalsDialog(QDialog):
    """What has arrived under one folder of the connected server, and Download…."""

    def __init__(self, window: ArrivalsHost, folder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.window_ = window
        self.folder = folder
        self.setWindowTitle(self.tr("Arrivals in %1").replace("%1", folder))
        self.resize(900, 520)
        self.model = ArrivalsModel(self)
        self.proxy = ArrivalsFilter(self)
        self.proxy.setSourceModel(self.model)
        self.worker: Worker | None = None
        self.last_result: DownloadResult | None = None
        self.last_error = ""

        self.subject_edit = QLineEdit()
        self.subject_edit.setPlaceholderText(self.tr("Subject"))
        self.site_combo = QComboBox()
        self.state_combo = QComboBox()
        self.state_combo.addItem(self.tr("All states"), "")
        for s in STATES:
            self.state_combo.addItem(s, s)
        self.refresh_button = QPushButton(self.tr("&Refresh"))
        filters = QHBoxLayout()
        for label, w in (
            (self.tr("&Subject:"), self.subject_edit),
            (self.tr("S&ite:"), self.site_combo),
            (self.tr("S&tate:"), self.state_combo),
        ):
            lab = QLabel(label)
            lab.setBuddy(w)
            filters.addWidget(lab)
            filters.addWidget(w)
        filters.addStretch(1)
        filters.addWidget(self.refresh_button)

        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setAccessibleName(self.tr("Exams on the server"))

        self.download_button = QPushButton(self.tr("&Download…"))
        self.report_button = QPushButton(self.tr("Download from &report…"))
        self.cancel_button = QPushButton(self.tr("&Cancel"))
        self.cancel_button.setEnabled(False)
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.status = QLabel()
        self.status.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.download_button)
        buttons.addWidget(self.report_button)
        buttons.addWidget(self.progress, 1)
        buttons.addWidget(self.cancel_button)

        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.status)

        self.subject_edit.textChanged.connect(self._filter)
        self.site_combo.currentIndexChanged.connect(self._filter)
        self.state_combo.currentIndexChanged.connect(self._filter)
        self.refresh_button.clicked.connect(self.refresh)
        self.download_button.clicked.connect(self.ask_download)
        self.report_button.clicked.connect(self.ask_report)
        self.cancel_button.clicked.connect(self.cancel)
        self._set_busy(False)

    # --- listing --------------------------------------------------------------------------------

    def _filter(self) -> None:
        self.proxy.set_filters(
            self.subject_edit.text(),
            str(self.site_combo.currentData() or ""),
            str(self.state_combo.currentData() or ""),
        )

    def refresh(self) -> None:
        factory = self.window_.session_factory()
        if factory is None:
            self.status.setText(self.tr("Connect to the server first."))
            return
        rule = self.window_.exam_rule()
        folder = self.folder
        self.status.setText(self.tr("Listing the exams in %1…").replace("%1", folder))

        def job(progress: Callable[[Any], None], cancel: threading.Event) -> list[Arrival]:
            return scan(
                factory,
                folder,
                rule=rule,
                connections=ARRIVALS_CONNECTIONS,
                on_progress=lambda d, t: progress((d, t)),
                cancel=cancel,
            )

        self._start(job, "arrivals", self._listed)

    def _listed(self, rows: list[Arrival]) -> None:
        self._set_busy(False)
        self.model.set_rows(rows)
        current = self.site_combo.currentData()
        self.site_combo.blockSignals(True)
        self.site_combo.clear()
        self.site_combo.addItem(self.tr("All sites"), "")
        for site in sorted({a.site for a in rows if a.site}):
            self.site_combo.addItem(site, site)
        i = self.site_combo.findData(current)
        self.site_combo.setCurrentIndex(max(i, 0))
        self.site_combo.blockSignals(False)
        self._filter()
        counts = {s: sum(a.state == s for a in rows) for s in STATES}
        self.status.setText(
            self.tr("%1 exam folder(s): %2 complete, %3 incomplete, %4 uploading.")
            .replace("%1", str(len(rows)))
            .replace("%2", str(counts["complete"]))
            .replace("%3", str(counts["incomplete"]))
            .replace("%4", str(counts["uploading"]))
        )

    def selected_exams(self) -> list[str]:
        rows = {self.proxy.mapToSource(i).row() for i in self.table.selectionModel().selectedRows()}
        return sorted(self.model.rows[r].exam for r in rows)

    # --- downloading ----------------------------------------------------------------------------

    def _default_out(self) -> str:
        study = self.window_.site.study_name() if self.window_.site else "study"
        return str(Path.home() / default_name(study))

    def ask_download(self) -> None:
        exams = self.selected_exams()
        if not exams:
            self.status.setText(self.tr("Select the exams to download first."))
            return
        out, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the package as"), self._default_out(), "ZIP (*.zip)"
        )
        if out:
            self.download(Path(out), exams=exams)

    def ask_report(self) -> None:
        report, _ = QFileDialog.getOpenFileName(
            self, self.tr("Report"), str(Path.home()), self.tr("Reports (*.csv *.xlsx)")
        )
        if not report:
            return
        out, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the package as"), self._default_out(), "ZIP (*.zip)"
        )
        if out:
            self.download(Path(out), report=Path(report))

    def download(
        self, out: Path, *, exams: list[str] | None = None, report: Path | None = None
    ) -> None:
        """Download the exams (or the report's rows) into ``out``, verified, in a worker."""
        w = self.window_
        factory = w.session_factory()
        if factory is None:
            self.status.setText(self.tr("Connect to the server first."))
            return
        request = DownloadRequest(
            root=self.folder,
            exams=exams or [],
            report=report,
            site_study=w.site.study_name() if w.site else "study",
            out=out,
            connections=DOWNLOAD_CONNECTIONS,
            rule=w.exam_rule(),
        )
        self.last_result = None
        self.last_error = ""
        self.progress.setValue(0)
        self.status.setText(self.tr("Downloading…"))

        def job(progress: Callable[[Any], None], cancel: threading.Event) -> DownloadResult:
            return download_package(factory, request, on_progress=progress, cancel=cancel)

        self._start(job, "download", self._downloaded)

    def _on_progress(self, ev: Any) -> None:
        if isinstance(ev, DownloadProgress):
            self.progress.setValue(int(1000 * ev.bytes_done / max(ev.bytes_total, 1)))
            eta = "--:--" if ev.eta is None else f"{int(ev.eta) // 60}:{int(ev.eta) % 60:02d}"
            self.status.setText(
                self.tr("%1 of %2 files, %3 of %4, %5/s, ETA %6")
                .replace("%1", str(ev.files_done))
                .replace("%2", str(ev.files_total))
                .replace("%3", human(ev.bytes_done))
                .replace("%4", human(ev.bytes_total))
                .replace("%5", human(ev.rate))
                .replace("%6", eta)
            )
        elif isinstance(ev, tuple):
            done, total = ev
            self.status.setText(
                self.tr("Listing the exams: %1 of %2 folders…")
                .replace("%1", str(done))
                .replace("%2", str(total))
            )

    def _downloaded(self, result: DownloadResult) -> None:
        self._set_busy(False)
        self.last_result = result
        self.progress.setValue(1000)
        text = (
            self.tr("Verified: %1 files of %2 exam(s) in %3 series, saved as %4.")
            .replace("%1", str(result.files))
            .replace("%2", str(len(result.exams)))
            .replace("%3", str(result.series))
            .replace("%4", str(result.path))
        )
        if result.warnings:
            text += "\n\n" + self.tr("Not downloaded:") + "\n" + "\n".join(result.warnings)
        self.status.setText(text)
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("Download complete"), text)
        box.setParent(self, box.windowFlags())
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.last_error = error_sentence(exc)
        self.status.setText(self.tr("Failed: %1").replace("%1", self.last_error))
        if not isinstance(exc, Cancelled):
            self.window_.show_error(exc, self.tr("Download failed"))

    # --- workers --------------------------------------------------------------------------------

    def _start(self, job: Any, name: str, on_success: Callable[[Any], object]) -> None:
        if self.worker is not None:
            self.status.setText(self.tr("Wait until the current task has finished."))
            return
        self._set_busy(True)
        worker = self.window_.pool.start(
            job,
            name,
            on_success=on_success,
            on_error=self._failed,
            on_progress=self._on_progress,
        )
        worker.finished.connect(self._worker_done)
        self.worker = worker

    def _worker_done(self) -> None:
        self.worker = None
        self._set_busy(False)

    def busy(self) -> bool:
        return self.worker is not None

    def _set_busy(self, on: bool) -> None:
        for b in (self.download_button, self.report_button, self.refresh_button):
            b.setEnabled(not on)
        self.cancel_button.setEnabled(on)

    def cancel(self) -> None:
        if self.worker is not None:
            self.worker.cancel()

    def done(self, result: int) -> None:
        self.cancel()
        super().done(result)


def open_arrivals(window: ArrivalsHost, folder: str, parent: QWidget) -> ArrivalsDialog:
    """The window's View → Arrivals: the exam folders under ``folder``, listed at once."""
    dialog = ArrivalsDialog(window, folder, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    if window.session_factory() is not None:
        dialog.refresh()
    else:
        dialog.status.setText(dialog.tr("Connect to the server first."))
    return dialog


def arrival_tooltip(a: Arrival) -> str:
    if a.state == "complete":
        text = QCoreApplication.translate("Arrivals", "Complete: %1 files, %2").replace(
            "%1", str(a.files)
        )
        text = text.replace("%2", human(a.bytes))
        if a.uploaded_utc:
            text += QCoreApplication.translate("Arrivals", ", uploaded %1").replace(
                "%1", a.uploaded_utc
            )
        return text
    if a.state == "incomplete":
        return QCoreApplication.translate("Arrivals", "Incomplete: %1").replace(
            "%1", "; ".join(a.problems[:3])
        )
    return QCoreApplication.translate("Arrivals", "Still uploading: %1").replace(
        "%1", "; ".join(a.problems[:1])
    )


def mark_arrivals(window: ArrivalsHost, model: RemoteModel, folder: str) -> Worker | None:
    """List the states of the exam folders in ``folder`` and mark them in the remote pane."""
    factory = window.session_factory()
    if factory is None:
        return None
    rule = window.exam_rule()

    def job(_progress: Any, cancel: threading.Event) -> list[Arrival]:
        return scan(factory, folder, rule=rule, connections=2, cancel=cancel)

    def done(rows: list[Arrival]) -> None:
        for a in rows:
            model.mark_exam(a.folder, a.state, arrival_tooltip(a))

    def failed(exc: BaseException) -> None:
        window.log_status(error_sentence(exc), "error")

    return window.pool.start(job, "arrival-marks", on_success=done, on_error=failed)
