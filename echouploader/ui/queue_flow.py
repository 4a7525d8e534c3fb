"""What the window does around uploads: results as notifications, the quota, resuming the queue.

Jobs left unfinished (the window was closed, the computer crashed) stay in the persisted queue;
at start they are listed, and when the user connects to their server the window offers to resume
them.
"""

from __future__ import annotations

import logging
import posixpath
from typing import Any

from PySide6.QtCore import QObject, QPoint, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QMenu, QMessageBox, QTreeWidget, QWidget

from echouploader.core.errors import EchoUploaderError
from echouploader.core.ftps import quota
from echouploader.core.ftps.remote_fs import RemoteConnection
from echouploader.core.ftps.target import Endpoint
from echouploader.core.transfer.remote_files import part_name
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
        self.actions = self._make_actions()
        for tree in (queue.queued, queue.failed, queue.succeeded):
            tree.customContextMenuRequested.connect(
                lambda pos, t=tree: self.menu(t, pos)  # type: ignore[misc]
            )
        transfers.waiting.connect(lambda _e: self.update_actions())
        transfers.finished.connect(lambda *_a: self.update_actions())
        transfers.failed.connect(lambda *_a: self.update_actions())
        self.update_actions()

    # --- Start, Pause, Resume, Cancel, Retry failed, Remove -------------------------------------

    def _action_texts(self) -> dict[str, str]:
        return {
            "start": self.tr("&Start the queue"),
            "pause": self.tr("&Pause"),
            "resume": self.tr("&Resume"),
            "cancel": self.tr("&Cancel selected"),
            "retry": self.tr("Re&try failed"),
            "remove": self.tr("Re&move from the list"),
        }

    def retranslate(self) -> None:
        for key, text in self._action_texts().items():
            self.actions[key].setText(text)

    def _make_actions(self) -> dict[str, QAction]:
        made: dict[str, QAction] = {}
        texts = self._action_texts()
        for key, slot, keys in [
            ("start", self.start_queue, ""),
            ("pause", self.pause_queue, ""),
            ("resume", self.resume_jobs, ""),
            ("cancel", self.cancel_selected, ""),
            ("retry", self.retry_failed, ""),
            ("remove", self.remove_selected, "Del"),
        ]:
            action = QAction(texts[key], self)
            action.triggered.connect(lambda _c=False, f=slot: f())
            if keys:
                action.setShortcut(QKeySequence(keys))
                action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
                self.queue.addAction(action)
            made[key] = action
        return made

    def update_actions(self) -> None:
        a, t = self.actions, self.transfers
        connected = self.host.session_factory() is not None
        kept = self._resumable()
        a["start"].setEnabled(t.paused or (connected and bool(kept)))
        a["pause"].setEnabled(t.busy() and not t.paused)
        a["resume"].setEnabled(connected and bool(kept))
        a["cancel"].setEnabled(bool(self.queue.exam_keys()))
        a["retry"].setEnabled(connected and bool(self.queue.failed_jobs()))
        a["remove"].setEnabled(True)

    def menu(self, tree: QTreeWidget, pos: QPoint) -> QMenu:
        self.update_actions()
        menu = QMenu(tree)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        for key in ("start", "pause", "resume", "cancel", "retry", "remove"):
            if key == "cancel":
                menu.addSeparator()
            menu.addAction(self.actions[key])
        menu.popup(tree.viewport().mapToGlobal(pos))
        return menu

    def _resumable(self, only: list[str] | None = None) -> list[dict[str, Any]]:
        """Kept jobs for the server connected to, not already running or in line."""
        factory = self.host.session_factory()
        if factory is None:
            return []
        try:
            kept = self.transfers.unfinished()
        except EchoUploaderError:
            return []
        return [
            j
            for j in kept
            if same_server(j, factory.endpoint)
            and not self.transfers.is_queued(j["job_id"])
            and (only is None or j["job_id"] in only)
        ]

    def start_queue(self) -> None:
        """Run the line again, and everything kept for this server."""
        self.transfers.start()
        self.resume_jobs(selected_only=False)

    def pause_queue(self) -> None:
        self.transfers.pause()
        self.host.log_status(self.tr("Paused: the queue is kept; Start or Resume continues it."))
        self.update_actions()

    def resume_jobs(self, *, selected_only: bool = True) -> int:
        """Resume the selected kept exams (all kept ones for this server when none is chosen)."""
        factory = self.host.session_factory()
        if factory is None:
            self.host.show_error(self.tr("Connect to the server first, then resume."))
            return 0
        chosen = self.queue.selected_jobs() if selected_only else []
        jobs = self._resumable(chosen or None)
        self.transfers.paused = False
        for j in jobs:
            self.transfers.resume(j["job_id"], factory)
        self.update_actions()
        return len(jobs)

    def cancel_selected(self) -> None:
        """Take the selected exams out of the queue (what is already on the server stays)."""
        for job_id in self.queue.selected_jobs():
            self.transfers.cancel_job(job_id)
            self.queue.remove_exam(job_id)
            self.host.log_status(self.tr("Removed from the queue: %1.").replace("%1", job_id))
        self.update_actions()

    def retry_failed(self) -> None:
        factory = self.host.session_factory()
        if factory is None:
            self.host.show_error(self.tr("Connect to the server first, then retry."))
            return
        for job_id in self.queue.failed_jobs():
            self.queue.drop_failed_rows(job_id)
            self.transfers.paused = False
            self.transfers.resume(job_id, factory)
        self.update_actions()

    def remove_selected(self) -> None:
        """Finished rows leave the list; selected exams that are not running leave the queue."""
        rows = self.queue.selected_finished_rows()
        if rows:
            self.queue.remove_rows(rows)
        else:
            running = self.transfers.running_job()
            for job_id in self.queue.selected_jobs():
                if job_id == running:
                    self.host.log_status(
                        self.tr("%1 is being uploaded: Pause or Cancel it first.").replace(
                            "%1", job_id
                        )
                    )
                    continue
                self.transfers.cancel_job(job_id)
                self.queue.remove_exam(job_id)
        self.update_actions()

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

    def show_on_server(self, conn: RemoteConnection, jobs: list[dict[str, Any]]) -> None:
        """Ask the server what it really holds of the kept jobs; their rows show it."""
        queue = self.queue

        def job(_e: Any, cancel: Any) -> dict[str, dict[str, int]]:
            return {j["job_id"]: bytes_on_server(conn, j) for j in jobs if not cancel.is_set()}

        def shown(found: dict[str, dict[str, int]]) -> None:
            for job_id, there in found.items():
                queue.show_on_server(job_id, there)

        self.pool.start(
            job,
            "list",
            on_success=shown,
            on_error=lambda exc: log.info("kept uploads not measured: %s", exc),
        )

    def offer_resume(self, conn: RemoteConnection) -> QMessageBox | None:
        transfers = self.transfers
        mine = [j for j in transfers.unfinished() if same_server(j, conn.endpoint)]
        self.update_actions()
        if mine:
            self.show_on_server(conn, mine)
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


def bytes_on_server(conn: RemoteConnection, job: dict[str, Any]) -> dict[str, int]:
    """``{transfer id: bytes}`` the server holds of a kept job's files (final name or partial)."""
    folders: dict[str, dict[str, int]] = {}
    out: dict[str, int] = {}
    for t in job["transfers"]:
        if t["state"] in ("done", "skipped"):
            continue
        folder, name = posixpath.split(t["remote_path"])
        if folder not in folders:
            conn.forget(folder)
            try:
                folders[folder] = {e.name: e.size for e in conn.list(folder) if not e.is_dir}
            except EchoUploaderError:
                folders[folder] = {}  # not created yet: nothing there
        sizes = folders[folder]
        if sizes.get(name) == int(t["size"]):
            out[t["transfer_id"]] = int(t["size"])
        else:
            # the engine's temporary name for it (eu-<hash>.echouploader-part), not name + suffix
            out[t["transfer_id"]] = sizes.get(posixpath.basename(part_name(t["remote_path"])), 0)
    return out


def same_server(job: dict[str, Any], ep: Endpoint) -> bool:
    """Is this queued job (a queue-store summary) for the server and user of ``ep``?"""
    if job.get("site") and ep.site:
        return bool(job["site"] == ep.site)
    target = str(job.get("target", ""))
    return target.startswith(ep.url("/").rstrip("/"))
