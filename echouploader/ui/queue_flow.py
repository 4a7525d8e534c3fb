"""What the window does around uploads: results as notifications, the quota, resuming the queue.

Jobs left unfinished (the window was closed, the computer crashed) stay in the persisted queue;
at start they are listed, and when the user connects to their server the window offers to resume
them.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

from echouploader.core.errors import EchoUploaderError
from echouploader.core.ftps import quota
from echouploader.core.ftps.remote_fs import RemoteConnection
from echouploader.core.ftps.target import Endpoint
from echouploader.ui.dialogs.file_exists import FileExistsDialog
from echouploader.ui.queue_panel import QueuePanel
from echouploader.ui.shell import QueueHost
from echouploader.ui.transfers import TransferController
from echouploader.ui.workers import WorkerPool, error_sentence

log = logging.getLogger("echouploader.ui")


class QueueFlow(QObject):
    def __init__(
        self,
        host: QueueHost,
        pool: WorkerPool,
        transfers: TransferController,
        queue: QueuePanel,
        quota_label: QLabel,
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self.host = host
        self.pool = pool
        self.transfers = transfers
        self.queue = queue
        self.quota_label = quota_label
        self.dialog_parent = parent
        transfers.finished.connect(self.job_finished)
        transfers.failed.connect(self.job_failed)
        transfers.conflicts.asked.connect(self.ask_conflict)

    def ask_conflict(self, transfer: Any, answer: Any) -> FileExistsDialog:
        """The engine waits for this answer (or for the job to be cancelled)."""
        dialog = FileExistsDialog(transfer, self.dialog_parent)

        def answered(_r: int) -> None:
            policy = dialog.policy()
            answer.set(policy)
            self.host.log_status(
                self.tr("%1 exists on the server: %2.")
                .replace("%1", transfer.remote_path)
                .replace("%2", str(policy))
            )
            dialog.deleteLater()

        dialog.finished.connect(answered)
        dialog.open()
        return dialog

    def measure_quota(self) -> None:
        factory = self.host.session_factory()
        if factory is None:
            return
        size = self.host.quota_bytes()

        def shown(q: Any) -> None:
            self.quota_label.setText(
                self.tr("Quota: %1 used of %2")
                .replace("%1", quota.human(q.used_bytes))
                .replace("%2", quota.human(q.quota_bytes))
            )

        self.pool.start(
            lambda _e, _c: quota.measure(factory, quota_bytes=size, use_cache=False),
            "quota",
            on_success=shown,
            on_error=lambda exc: log.info("quota not measured: %s", exc),
        )

    def job_finished(self, job: Any, result: Any) -> None:
        w = self.host
        exam = (job.exam_id if job is not None else "") or self.tr("upload")
        if result.complete:
            w.notify(
                self.tr("Exam uploaded"),
                self.tr("%1: all %2 files are on the server and verified.")
                .replace("%1", exam)
                .replace("%2", str(result.files_total)),
            )
        elif result.cancelled:
            w.log_status(self.tr("%1: stopped; it stays in the queue.").replace("%1", exam))
        else:
            reason = str(result.error) if result.error else ""
            if not reason and result.failures:
                reason = result.failures[0][1]
            w.notify(
                self.tr("Upload failed"),
                self.tr("%1 was not completely uploaded: %2")
                .replace("%1", exam)
                .replace("%2", reason),
            )
            if result.error is not None:
                w.show_error(result.error)
        w.refresh_remote()
        self.measure_quota()

    def job_failed(self, exam: str, exc: BaseException) -> None:
        self.host.notify(self.tr("Upload failed"), f"{exam}: {error_sentence(exc)}")
        self.host.show_error(exc)

    def offer_unfinished(self) -> None:
        try:
            left = self.transfers.unfinished()
        except EchoUploaderError as exc:
            self.host.show_error(exc)
            return
        if left:
            self.queue.show_unfinished(left)
            self.host.log_status(
                self.tr(
                    "%1 upload(s) from an earlier session are not finished; connect to their "
                    "server to resume them."
                ).replace("%1", str(len(left)))
            )

    def offer_resume(self, conn: RemoteConnection) -> QMessageBox | None:
        transfers = self.transfers
        mine = [j for j in transfers.unfinished() if same_server(j, conn.endpoint)]
        if not mine or transfers.busy():
            return None
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Resume uploads"),
            self.tr(
                "%1 unfinished upload(s) to this server are in the queue. Resume them now?"
            ).replace("%1", str(len(mine))),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self.dialog_parent,
        )
        box.setObjectName("resume-question")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def answered(_r: int) -> None:
            if box.standardButton(box.clickedButton()) == QMessageBox.StandardButton.Yes:
                for j in mine:
                    transfers.resume(j["job_id"], conn.factory)

        box.finished.connect(answered)
        box.open()
        return box


def same_server(job: dict[str, Any], ep: Endpoint) -> bool:
    """Is this queued job (a queue-store summary) for the server and user of ``ep``?"""
    if job.get("site") and ep.site:
        return bool(job["site"] == ep.site)
    target = str(job.get("target", ""))
    return target.startswith(ep.url("/").rstrip("/"))
