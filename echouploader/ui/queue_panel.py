"""The transfer queue at the bottom of the window: Queued files · Failed · Successful transfers.

A view only: rows are added and updated by the window from the transfer engine's progress events
(keyed by the transfer's id); a row moves to *Successful* or *Failed* when its transfer ends.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
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
        bar.rect = option.rect.adjusted(2, 2, -2, -2)
        bar.minimum, bar.maximum = 0, 100
        bar.progress = int(value)
        bar.text = f"{int(value)}%"
        bar.textVisible = True
        style = option.widget.style() if option.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ProgressBar, bar, painter)


def format_eta(seconds: float | None) -> str:
    if seconds is None or seconds < 0:
        return "--:--"
    s = int(seconds)
    return (
        f"{s // 3600}:{s % 3600 // 60:02d}:{s % 60:02d}"
        if s >= 3600
        else f"{s // 60:02d}:{s % 60:02d}"
    )


class QueuePanel(QTabWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Transfer queue"))
        self.queued = self._table()
        self.failed = self._table()
        self.succeeded = self._table()
        self.addTab(self.queued, "")
        self.addTab(self.failed, "")
        self.addTab(self.succeeded, "")
        self._rows: dict[str, QTreeWidgetItem] = {}
        self._update_titles()

    def _table(self) -> QTreeWidget:
        t = QTreeWidget()
        t.setRootIsDecorated(False)
        t.setUniformRowHeights(True)
        t.setHeaderLabels(
            [
                self.tr("File"),
                self.tr("Exam"),
                self.tr("Size"),
                self.tr("Progress"),
                self.tr("Rate"),
                self.tr("Time left"),
                self.tr("Status"),
            ]
        )
        t.setItemDelegateForColumn(COL_PROGRESS, ProgressDelegate(t))
        t.setColumnWidth(COL_FILE, 260)
        t.setColumnWidth(COL_PROGRESS, 140)
        return t

    def _update_titles(self) -> None:
        self.setTabText(
            0, self.tr("Queued files (%1)").replace("%1", str(self.queued.topLevelItemCount()))
        )
        self.setTabText(
            1, self.tr("Failed transfers (%1)").replace("%1", str(self.failed.topLevelItemCount()))
        )
        self.setTabText(
            2,
            self.tr("Successful transfers (%1)").replace(
                "%1", str(self.succeeded.topLevelItemCount())
            ),
        )

    # --- rows -----------------------------------------------------------------------------------

    def add(self, key: str, file: str, exam: str, size: int, status: str = "") -> None:
        if key in self._rows:
            return
        item = QTreeWidgetItem(
            [file, exam, human_size(size), "", "", "", status or self.tr("Queued")]
        )
        item.setData(COL_PROGRESS, PROGRESS_ROLE, 0)
        item.setTextAlignment(COL_SIZE, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.queued.addTopLevelItem(item)
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

    def pending_count(self) -> int:
        return self.queued.topLevelItemCount()

    def counts(self) -> tuple[int, int, int]:
        return (
            self.queued.topLevelItemCount(),
            self.failed.topLevelItemCount(),
            self.succeeded.topLevelItemCount(),
        )

    def clear_finished(self) -> None:
        for key in [k for k, it in self._rows.items() if it.treeWidget() is not self.queued]:
            del self._rows[key]
        self.failed.clear()
        self.succeeded.clear()
        self._update_titles()

    # --- fed by the transfer controller ---------------------------------------------------------

    def remove(self, key: str) -> None:
        item = self._rows.pop(key, None)
        if item is None:
            return
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

    def bind(self, transfers: Any) -> None:
        """Show a :class:`~echouploader.ui.transfers.TransferController`'s jobs."""
        transfers.preparing.connect(self._preparing)
        transfers.submitted.connect(self._submitted)
        transfers.progress.connect(self._progress)
        transfers.finished.connect(self._finished)
        transfers.failed.connect(self._failed)

    def show_unfinished(self, summaries: list[dict[str, Any]]) -> None:
        """Jobs left from an earlier session, waiting to be resumed."""
        for job in summaries:
            for t in job["transfers"]:
                if t["state"] in ("done", "skipped"):
                    continue
                self.add(
                    t["transfer_id"],
                    t["remote_path"].rsplit("/", 1)[-1],
                    job.get("exam_id") or "",
                    int(t["size"]),
                    self.tr("Waiting to resume"),
                )

    def _preparing(self, p: Any) -> None:
        key = f"prepare:{p.exam}"
        self.add(key, self.tr("(checking and de-identifying)"), p.exam, 0, self.tr("Preparing"))
        self.update_row(key, done=p.done, size=max(p.total, 1), status=self.tr("Preparing"))

    def _submitted(self, job: Any) -> None:
        self.remove(f"prepare:{job.exam_id}")
        for t in job.transfers:
            self.add(t.transfer_id, t.relpath, job.exam_id or "", t.size)
            if str(t.state) in ("done", "skipped"):
                self.finish(t.transfer_id, True, self.state_text(str(t.state)))

    def _progress(self, ev: Any) -> None:
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
                    t.transfer_id, done=0, size=1, status=self.tr("Stopped; kept in the queue")
                )
                continue
            sentence = why.get(t.relpath) or (str(result.error) if result.error else "")
            self.finish(t.transfer_id, False, sentence or self.state_text(str(t.state)))

    def _failed(self, exam: str, exc: Any) -> None:
        self.remove(f"prepare:{exam}")
