"""What the window does around uploads: results as notifications, the quota, resuming the queue.

Jobs left unfinished (the window was closed, the computer crashed) stay in the persisted queue;
at start they are listed, and when the user connects to their server the window offers to resume
them.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QMessageBox

from echouploader.core.errors import EchoUploaderError
from echouploader.core.ftps import quota
from echouploader.core.ftps.remote_fs import RemoteConnection
from echouploader.core.ftps.target import Endpoint
from echouploader.ui.dialogs.file_exists import FileExistsDialog
from echouploader.ui.workers import error_sentence

if TYPE_CHECKING:
    from echouploader.ui.main_window import MainWindow

log = logging.getLogger("echouploader.ui")


class QueueFlow(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        window.transfers.finished.connect(self.job_finished)
        window.transfers.failed.connect(self.job_failed)
        window.transfers.conflicts.asked.connect(self.ask_conflict)

    def ask_conflict(self, transfer: Any, answer: Any) -> FileExistsDialog:
        """The engine waits for this answer (or for the job to be cancelled)."""
        dialog = FileExistsDialog(transfer, self.window)

        def answered(_r: int) -> None:
            policy = dialog.policy()
            answer.set(policy)
            self.window.log_status(
                self.tr("%1 exists on the server: %2.")
                .replace("%1", transfer.remote_path)
                .replace("%2", str(policy))
            )
            dialog.deleteLater()

        dialog.finished.connect(answered)
        dialog.open()
        return dialog

    def measure_quota(self) -> None:
        w = self.window
        factory = w.session_factory()
        if factory is None:
            return
        size = w.quota_bytes()

        def shown(q: Any) -> None:
            w.quota_label.setText(
                self.tr("Quota: %1 used of %2")
                .replace("%1", quota.human(q.used_bytes))
                .replace("%2", quota.human(q.quota_bytes))
            )

        w.pool.start(
            lambda _e, _c: quota.measure(factory, quota_bytes=size, use_cache=False),
            "quota",
            on_success=shown,
            on_error=lambda exc: log.info("quota not measured: %s", exc),
        )

    def job_finished(self, job: Any, result: Any) -> None:
        w = self.window
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
        self.window.notify(self.tr("Upload failed"), f"{exam}: {error_sentence(exc)}")
        self.window.show_error(exc)

    def offer_unfinished(self) -> None:
        w = self.window
        try:
            left = w.transfers.unfinished()
        except EchoUploaderError as exc:
            w.show_error(exc)
            return
        if left:
            w.queue.show_unfinished(left)
            w.log_status(
                self.tr(
                    "%1 upload(s) from an earlier session are not finished; connect to their "
                    "server to resume them."
                ).replace("%1", str(len(left)))
            )

    def offer_resume(self, conn: RemoteConnection) -> QMessageBox | None:
        w = self.window
        mine = [j for j in w.transfers.unfinished() if same_server(j, conn.endpoint)]
        if not mine or w.transfers.busy():
            return None
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Resume uploads"),
            self.tr(
                "%1 unfinished upload(s) to this server are in the queue. Resume them now?"
            ).replace("%1", str(len(mine))),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            w,
        )
        box.setObjectName("resume-question")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def answered(_r: int) -> None:
            if box.standardButton(box.clickedButton()) == QMessageBox.StandardButton.Yes:
                for j in mine:
                    w.transfers.resume(j["job_id"], conn.factory)

        box.finished.connect(answered)
        box.open()
        return box


def same_server(job: dict[str, Any], ep: Endpoint) -> bool:
    """Is this queued job (a queue-store summary) for the server and user of ``ep``?"""
    if job.get("site") and ep.site:
        return bool(job["site"] == ep.site)
    target = str(job.get("target", ""))
    return target.startswith(ep.url("/").rstrip("/"))
