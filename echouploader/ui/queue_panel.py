"""The transfer queue at the bottom of the window: Queued files · Failed · Successful transfers.

A view only: from the moment Start is pressed each exam has a row in *Queued files* with its phase
(checking, de-identifying n of N, uploading, verifying), total size, rate and time left; its files
sit below it, keyed by the transfer's id, and move to *Successful* or *Failed* when they end.
"""

from __future__ import annotations

import math
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionProgressBar,
    QStyleOptionViewItem,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from echouploader.core.ftps.quota import human as human_size

# Columns: file, exam, size, progress, rate, time left, status.
COL_FILE, COL_SIZE, COL_PROGRESS, COL_RATE, COL_ETA, COL_STATUS = 0, 2, 3, 4, 5, 6
PROGRESS_ROLE = Qt.ItemDataRole.UserRole + 10
JOB_ROLE = Qt.ItemDataRole.UserRole + 11
SIZE_ROLE = Qt.ItemDataRole.UserRole + 12


class ProgressDelegate(QStyledItemDelegate):
    """Paints a progress bar from the percentage stored in the cell."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        value = index.data(PROGRESS_ROLE)
        if value is None:
            super().paint(painter, option, index)
            return
        bar = QStyleOptionProgressBar()
        # Enabled, with the view's palette and font: otherwise the style paints the text in the
        # disabled colour, grey on the bar's blue.
        bar.state = (
            option.state | QStyle.StateFlag.State_Enabled | QStyle.StateFlag.State_Horizontal
        )
        bar.palette = option.palette
        bar.fontMetrics = option.fontMetrics
        bar.textAlignment = Qt.AlignmentFlag.AlignCenter
        bar.rect = option.rect.adjusted(2, 2, -2, -2)
        bar.minimum, bar.maximum = 0, 100
        bar.progress = int(value)
        bar.text = f"{int(value)}%"
        bar.textVisible = True
        style = option.widget.style() if option.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ProgressBar, bar, painter)


def format_eta(seconds: float | None) -> str:
    """``mm:ss`` (``h:mm:ss`` past an hour), rounded up: a file not yet done never reads 00:00."""
    if seconds is None or seconds < 0:
        return "--:--"
    s = math.ceil(seconds)
    return (
        f"{s // 3600}:{s % 3600 // 60:02d}:{s % 60:02d}"
        if s >= 3600
        else f"{s // 60:02d}:{s % 60:02d}"
    )


class QueuePanel(QTabWidget):
    """Queued files (one row per exam, its files below it) · Failed · Successful transfers."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Transfer queue"))
        self.queued = self._table()
        self.queued.setRootIsDecorated(True)
        self.queued.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.failed = self._table()
        self.succeeded = self._table()
        for t in (self.queued, self.failed, self.succeeded):
            t.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.addTab(self.queued, "")
        self.addTab(self.failed, "")
        self.addTab(self.succeeded, "")
        self._rows: dict[str, QTreeWidgetItem] = {}  # transfer id → file row
        self._exams: dict[str, QTreeWidgetItem] = {}  # job id (or "prepare:EXAM") → exam row
        self._update_titles()

    def _headers(self) -> list[str]:
        return [
            self.tr("File"),
            self.tr("Exam"),
            self.tr("Size"),
            self.tr("Progress"),
            self.tr("Rate"),
            self.tr("Time left"),
            self.tr("Status"),
        ]

    def retranslate(self) -> None:
        self.setAccessibleName(self.tr("Transfer queue"))
        for t in (self.queued, self.failed, self.succeeded):
            t.setHeaderLabels(self._headers())
        self._update_titles()

    def _table(self) -> QTreeWidget:
        t = QTreeWidget()
        t.setRootIsDecorated(False)
        t.setUniformRowHeights(True)
        t.setHeaderLabels(self._headers())
        t.setItemDelegateForColumn(COL_PROGRESS, ProgressDelegate(t))
        t.setColumnWidth(COL_FILE, 260)
        t.setColumnWidth(COL_PROGRESS, 140)
        return t

    def _update_titles(self) -> None:
        queued, failed, succeeded = self.counts()
        self.setTabText(0, self.tr("Queued files (%1)").replace("%1", str(queued)))
        self.setTabText(1, self.tr("Failed transfers (%1)").replace("%1", str(failed)))
        self.setTabText(2, self.tr("Successful transfers (%1)").replace("%1", str(succeeded)))

    # --- exam rows ------------------------------------------------------------------------------

    def exam_row(self, key: str, exam: str, job_id: str = "") -> QTreeWidgetItem:
        """The exam's row in *Queued files* (made on first use); its files go below it."""
        item = self._exams.get(key)
        if item is None:
            item = QTreeWidgetItem([exam, exam, "", "", "", "", self.tr("Waiting")])
            item.setData(COL_PROGRESS, PROGRESS_ROLE, 0)
            item.setTextAlignment(
                COL_SIZE, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
            )
            font = item.font(COL_FILE)
            font.setBold(True)
            item.setFont(COL_FILE, font)
            self.queued.addTopLevelItem(item)
            item.setExpanded(True)
            self._exams[key] = item
        if job_id:
            item.setData(COL_FILE, JOB_ROLE, job_id)
        return item

    def rekey_exam(self, old: str, new: str, job_id: str) -> QTreeWidgetItem | None:
        item = self._exams.pop(old, None)
        if item is not None:
            self._exams[new] = item
            item.setData(COL_FILE, JOB_ROLE, job_id)
        return item

    def set_exam_state(
        self,
        key: str,
        *,
        status: str,
        done: int = 0,
        total: int = 0,
        size: int | None = None,
        rate: float | None = None,
        eta: float | None = None,
    ) -> None:
        item = self._exams.get(key)
        if item is None:
            return
        pct = 0 if total <= 0 else min(100, int(done * 100 / total))
        item.setData(COL_PROGRESS, PROGRESS_ROLE, pct)
        if size is not None:
            item.setText(COL_SIZE, human_size(size))
        item.setText(COL_RATE, f"{human_size(int(rate))}/s" if rate else "")
        item.setText(COL_ETA, format_eta(eta) if rate and eta is not None else "")
        item.setText(COL_STATUS, status)

    def remove_exam(self, key: str) -> None:
        item = self._exams.pop(key, None)
        if item is None:
            return
        for i in range(item.childCount()):
            for k, row in list(self._rows.items()):
                if row is item.child(i):
                    del self._rows[k]
        self.queued.takeTopLevelItem(self.queued.indexOfTopLevelItem(item))
        self._update_titles()

    def exam_keys(self) -> list[str]:
        return list(self._exams)

    def job_of(self, item: QTreeWidgetItem) -> str:
        top = item if item.parent() is None else item.parent()
        return str(top.data(COL_FILE, JOB_ROLE) or "")

    def selected_jobs(self) -> list[str]:
        """Job ids of the exams selected (or whose files are selected) in *Queued files*."""
        jobs = [self.job_of(i) for i in self.queued.selectedItems()]
        return list(dict.fromkeys(j for j in jobs if j))

    def failed_jobs(self) -> list[str]:
        jobs = [
            self.job_of(self.failed.topLevelItem(i)) for i in range(self.failed.topLevelItemCount())
        ]
        return list(dict.fromkeys(j for j in jobs if j))

    def drop_failed_rows(self, job_id: str) -> None:
        """The failed rows of a job that is tried again (its files come back under its exam)."""
        rows = [
            self.failed.topLevelItem(i)
            for i in range(self.failed.topLevelItemCount())
            if self.job_of(self.failed.topLevelItem(i)) == job_id
        ]
        self.remove_rows(rows)

    def selected_finished_rows(self) -> list[QTreeWidgetItem]:
        tree = self.currentWidget()
        if tree is self.queued or not isinstance(tree, QTreeWidget):
            return []
        return tree.selectedItems()

    # --- file rows ------------------------------------------------------------------------------

    def add(
        self, key: str, file: str, exam: str, size: int, status: str = "", job_id: str = ""
    ) -> None:
        if key in self._rows:
            return
        item = QTreeWidgetItem(
            [file, exam, human_size(size), "", "", "", status or self.tr("Queued")]
        )
        item.setData(COL_PROGRESS, PROGRESS_ROLE, 0)
        item.setData(COL_SIZE, SIZE_ROLE, size)
        item.setData(COL_FILE, JOB_ROLE, job_id)
        item.setTextAlignment(COL_SIZE, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        parent = self.exam_row(job_id or f"exam:{exam}", exam, job_id)
        parent.addChild(item)
        self._rows[key] = item
        self._update_titles()

    def update_row(
        self,
        key: str,
        *,
        done: int,
        size: int,
        rate: float | None = None,
        eta: float | None = None,
        status: str | None = None,
    ) -> None:
        item = self._rows.get(key)
        if item is None:
            return
        pct = 100 if size <= 0 else min(100, int(done * 100 / size))
        item.setData(COL_PROGRESS, PROGRESS_ROLE, pct)
        item.setText(COL_RATE, f"{human_size(int(rate))}/s" if rate else "")
        item.setText(COL_ETA, format_eta(eta) if rate else "")
        if status is not None:
            item.setText(COL_STATUS, status)

    def finish(self, key: str, ok: bool, status: str) -> None:
        item = self._rows.get(key)
        if item is None:
            return
        parent = item.parent()
        if parent is not None:
            parent.removeChild(item)
        else:
            tree = item.treeWidget()
            if tree is not None:
                tree.takeTopLevelItem(tree.indexOfTopLevelItem(item))
        item.setText(COL_STATUS, status)
        item.setText(COL_RATE, "")
        item.setText(COL_ETA, "")
        if ok:
            item.setData(COL_PROGRESS, PROGRESS_ROLE, 100)
        (self.succeeded if ok else self.failed).addTopLevelItem(item)
        self._update_titles()

    def _queued_files(self) -> int:
        return sum(self._exams[k].childCount() for k in self._exams)

    def pending_count(self) -> int:
        return self._queued_files()

    def counts(self) -> tuple[int, int, int]:
        """Files queued, failed and successful (exam rows are not counted)."""
        return (
            self._queued_files(),
            self.failed.topLevelItemCount(),
            self.succeeded.topLevelItemCount(),
        )

    def clear_finished(self) -> None:
        for key in [k for k, it in self._rows.items() if it.treeWidget() is not self.queued]:
            del self._rows[key]
        self.failed.clear()
        self.succeeded.clear()
        self._update_titles()

    def remove_rows(self, items: list[QTreeWidgetItem]) -> None:
        """Finished rows the user removed from the list (the files on the server stay)."""
        for item in items:
            tree = item.treeWidget()
            if tree is None or tree is self.queued:
                continue
            for k, row in list(self._rows.items()):
                if row is item:
                    del self._rows[k]
            tree.takeTopLevelItem(tree.indexOfTopLevelItem(item))
        self._update_titles()

    def remove(self, key: str) -> None:
        item = self._rows.pop(key, None)
        if item is None:
            return
        parent = item.parent()
        if parent is not None:
            parent.removeChild(item)
        else:
            tree = item.treeWidget()
            if tree is not None:
                tree.takeTopLevelItem(tree.indexOfTopLevelItem(item))
        self._update_titles()

    def state_text(self, state: str) -> str:
        return {
            "queued": self.tr("Queued"),
            "active": self.tr("Transferring"),
            "done": self.tr("Verified"),
            "skipped": self.tr("Skipped (already on the server)"),
            "failed": self.tr("Failed, will retry"),
            "waiting-for-space": self.tr("Waiting for space on the server"),
            "cancelled": self.tr("Cancelled"),
        }.get(state, state)

    # --- fed by the transfer controller ---------------------------------------------------------

    def bind(self, transfers: Any) -> None:
        """Show a :class:`~echouploader.ui.transfers.TransferController`'s jobs."""
        transfers.waiting.connect(self._waiting)
        transfers.preparing.connect(self._preparing)
        transfers.submitted.connect(self._submitted)
        transfers.progress.connect(self._progress)
        transfers.finished.connect(self._finished)
        transfers.failed.connect(self._failed)

    def show_unfinished(self, summaries: list[dict[str, Any]]) -> None:
        """Jobs left from an earlier session, waiting to be resumed."""
        for job in summaries:
            exam = job.get("exam_id") or ""
            self.exam_row(job["job_id"], exam, job["job_id"])
            for t in job["transfers"]:
                if t["state"] in ("done", "skipped"):
                    continue
                self.add(
                    t["transfer_id"],
                    t["remote_path"].rsplit("/", 1)[-1],
                    exam,
                    int(t["size"]),
                    self.tr("Waiting to resume"),
                    job_id=job["job_id"],
                )
                self.update_row(
                    t["transfer_id"], done=int(t.get("bytes_done") or 0), size=int(t["size"])
                )
            self.set_exam_state(
                job["job_id"],
                status=self.tr("Waiting to resume"),
                done=int(job.get("bytes_done") or 0),
                total=int(job.get("bytes") or 0),
                size=int(job.get("bytes") or 0),
            )

    def show_on_server(self, job_id: str, on_server: dict[str, int]) -> None:
        """What the server really holds of a kept job: ``{transfer id: bytes there}``."""
        item = self._exams.get(job_id)
        if item is None:
            return
        total = done = 0
        for key, there in on_server.items():
            row = self._rows.get(key)
            if row is None:
                continue
            size = int(row.data(COL_SIZE, SIZE_ROLE) or 0)
            self.update_row(
                key,
                done=there,
                size=size,
                status=self.tr("%1 on the server").replace("%1", human_size(there)),
            )
            total, done = total + size, done + min(there, size)
        if total:
            self.set_exam_state(
                job_id,
                status=self.tr("Waiting to resume: %1 of %2 on the server")
                .replace("%1", human_size(done))
                .replace("%2", human_size(total)),
                done=done,
                total=total,
            )

    def _waiting(self, exam: str) -> None:
        self.setCurrentWidget(self.queued)  # what was just started is in view, whatever tab was
        self.exam_row(f"prepare:{exam}", exam)
        self._update_titles()

    def _preparing(self, p: Any) -> None:
        key = f"prepare:{p.exam}"
        self.exam_row(key, p.exam)
        half = max(p.total // 2, 1)
        if p.done < half:
            status = (
                self.tr("Checking %1 of %2").replace("%1", str(p.done)).replace("%2", str(half))
            )
        else:
            status = (
                self.tr("De-identifying %1 of %2")
                .replace("%1", str(p.done - half))
                .replace("%2", str(half))
            )
        self.set_exam_state(key, status=status, done=p.done, total=max(p.total, 1))

    def _submitted(self, job: Any) -> None:
        key = job.job_id
        exam = job.exam_id or ""
        if self.rekey_exam(f"prepare:{exam}", key, key) is None:
            self.exam_row(key, exam, key)
        for t in job.transfers:
            if t.transfer_id in self._rows:  # shown from the kept queue: under this job now
                self.remove(t.transfer_id)
            self.add(t.transfer_id, t.relpath, exam, t.size, job_id=key)
            if str(t.state) in ("done", "skipped"):
                self.finish(t.transfer_id, True, self.state_text(str(t.state)))
        self.set_exam_state(
            key,
            status=self.tr("Uploading"),
            done=sum(t.bytes_done for t in job.transfers),
            total=job.total_bytes,
            size=job.total_bytes,
        )

    def _progress(self, ev: Any) -> None:
        if ev.job_bytes_total and ev.job_bytes_done >= ev.job_bytes_total:
            phase = self.tr("Verifying")
        else:
            phase = (
                self.tr("Uploading %1 of %2 files")
                .replace("%1", str(ev.files_done))
                .replace("%2", str(ev.files_total))
            )
        self.set_exam_state(
            ev.job_id,
            status=phase,
            done=ev.job_bytes_done,
            total=ev.job_bytes_total,
            size=ev.job_bytes_total,
            rate=ev.job_rate,
            eta=ev.job_eta,
        )
        if not ev.transfer_id:
            return
        if ev.state in ("done", "skipped"):
            self.finish(ev.transfer_id, True, self.state_text(ev.state))
        else:
            self.update_row(
                ev.transfer_id,
                done=ev.bytes_done,
                size=ev.bytes_total,
                rate=ev.rate,
                eta=ev.eta,
                status=self.state_text(ev.state),
            )

    def _finished(self, job: Any, result: Any) -> None:
        if job is None:
            return
        why = dict(result.failures)
        for t in job.transfers:
            item = self._rows.get(t.transfer_id)
            if item is None or item.treeWidget() is not self.queued:
                continue
            if result.cancelled:
                self.update_row(
                    t.transfer_id,
                    done=t.bytes_done,
                    size=max(t.size, 1),
                    status=self.tr("Stopped; kept in the queue"),
                )
                continue
            sentence = why.get(t.relpath) or (str(result.error) if result.error else "")
            self.finish(t.transfer_id, False, sentence or self.state_text(str(t.state)))
        if result.complete:
            self.remove_exam(job.job_id)
        elif result.cancelled:
            self.set_exam_state(
                job.job_id,
                status=self.tr("Paused; kept in the queue"),
                done=sum(t.bytes_done for t in job.transfers),
                total=job.total_bytes,
            )
        else:
            self.set_exam_state(job.job_id, status=self.tr("Failed; see Failed transfers"))
        self._update_titles()

    def _failed(self, exam: str, exc: Any) -> None:
        self.remove_exam(f"prepare:{exam}")
