"""From a dropped exam folder to a queued upload: the exam dialog fed by workers.

The privacy check (``check_exam``), the quota measurement and the cleaning of attached reports run
in workers while the dialog is open; Start hands the folder, the identity, the attachments and the
site's rule and profile to the transfer controller, which prepares (de-identifies) and uploads it.
"""

from __future__ import annotations

import logging
import posixpath
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from echouploader.core.corelab.arrivals import COMPLETE, Arrival, examine
from echouploader.core.errors import EchoUploaderError
from echouploader.core.ftps import quota
from echouploader.core.ftps.pool import SessionPool
from echouploader.core.ftps.session import SessionFactory
from echouploader.core.ftps.target import Target
from echouploader.core.privacy.check import check_exam
from echouploader.core.privacy.deidentify.profile import PrivacyProfile
from echouploader.core.privacy.reports.attach import Attachments, clean_attachments, exam_values
from echouploader.core.transfer.exam_upload import SiteRules
from echouploader.ui.dialogs.exam import ExamDialog
from echouploader.ui.pixel_review_flow import PixelReviewFlow
from echouploader.ui.shell import ExamHost
from echouploader.ui.transfers import TransferController
from echouploader.ui.workers import Worker, WorkerPool, error_sentence

log = logging.getLogger("echouploader.ui")


class ExamFlow(QObject):
    def __init__(
        self,
        host: ExamHost,
        pool: WorkerPool,
        transfers: TransferController,
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self.host = host
        self.pool = pool
        self.transfers = transfers
        self.dialog_parent = parent

    def describe_deidentification(self, profile: PrivacyProfile) -> str:
        if profile.gate_off:
            return self.tr(
                "The privacy gate is OFF for this site: files are sent exactly as they are."
            )
        if not profile.deidentify:
            return self.tr(
                "Files are checked but sent unchanged (this site's profile does not de-identify)."
            )
        return self.tr(
            "A de-identified copy is sent (%1): patient names, IDs and birth dates are removed "
            "or replaced by the study ID, other files are left out. Your folder is not changed."
        ).replace("%1", profile.method_text())

    def open(self, folder: Path, remote_parent: str) -> ExamDialog:
        """Show the exam dialog for ``folder``; its check and the quota start right away."""
        rules = SiteRules(self.host.exam_rule(), self.host.privacy_profile())
        dialog = ExamDialog(
            folder,
            remote_parent,
            rules.rule,
            deidentification=self.describe_deidentification(rules.profile),
            parent=self.dialog_parent,
        )
        run = ExamRun(self, dialog, folder, remote_parent, rules)
        review = PixelReviewFlow(
            self.host.current_site, self.host.site_store(), self.host.use_site, dialog
        )
        dialog.review_requested.connect(
            lambda: review.open(run.report, dialog) if run.report is not None else None
        )
        run.start_workers()
        dialog.finished.connect(run.finished)
        dialog.open()
        return dialog


class ExamRun(QObject):
    """One open exam dialog: the results of its workers, and what Start does (owned by it)."""

    def __init__(
        self,
        flow: ExamFlow,
        dialog: ExamDialog,
        folder: Path,
        remote_parent: str,
        rules: SiteRules,
    ) -> None:
        super().__init__(dialog)
        self.flow = flow
        self.host = flow.host
        self.dialog = dialog
        self.folder = folder
        self.remote_parent = remote_parent
        self.rules = rules
        self.report: Any = None
        self.quota: Any = None
        self.closed = False
        self.factory: SessionFactory | None = self.host.session_factory()
        self.check: Worker | None = None
        self.cleaning: Worker | None = None
        self._generation = 0  # which cleaning of the reports the dialog waits for
        dialog.attachments.reports_changed.connect(self.clean_reports)

    # --- the workers ------------------------------------------------------------------------

    def start_workers(self) -> None:
        self.look_on_server()
        folder, profile = self.folder, self.rules.profile
        self.check = self.flow.pool.start(
            lambda emit, cancel: check_exam(
                folder, profile, None, lambda d, t, _n: emit((d, t)), cancel
            ),
            "check",
            on_success=self.checked,
            on_error=self.check_failed,
            on_progress=self.check_progress,
        )
        factory = self.factory
        if factory is not None:
            quota_bytes = self.host.quota_bytes()
            self.flow.pool.start(
                lambda _e, _c: quota.measure(factory, quota_bytes=quota_bytes),
                "quota",
                on_success=self.measured,
                on_error=self.quota_failed,
            )

    def look_on_server(self) -> None:
        """Is this exam already complete on the server? Said before Start, not after."""
        factory, identity = self.factory, self.dialog.identity()
        if factory is None or identity is None:
            return
        rule = self.rules.rule
        folder = posixpath.join(self.remote_parent, rule.folder_name(identity))

        def job(_e: Any, cancel: Any) -> Arrival | None:
            pool = SessionPool(factory, 1)
            try:
                return pool.run([folder], lambda s, f: examine(s, f, rule), cancel=cancel)[0]
            finally:
                pool.close()

        self.flow.pool.start(
            job,
            "list",
            on_success=self.seen_on_server,
            on_error=lambda exc: log.info("exam not looked up on the server: %s", exc),
        )

    def seen_on_server(self, arrival: Arrival | None) -> None:
        if self.closed or arrival is None or arrival.state != COMPLETE:
            return
        privacy = arrival.info.get("deidentification_profile")
        method = privacy.get("method") if isinstance(privacy, dict) else None
        text = (
            self.tr(
                "%1 is already complete on the server: %2 files, %3, uploaded %4 by site %5. "
                "Uploading again sends only files that differ and renews its manifest."
            )
            .replace("%1", arrival.exam)
            .replace("%2", str(arrival.files))
            .replace("%3", quota.human(arrival.bytes))
            .replace("%4", arrival.uploaded_utc or self.tr("at an unknown time"))
            .replace("%5", arrival.site or self.tr("unknown"))
        )
        if method:
            text += " " + self.tr("It was sent with: %1.").replace("%1", str(method))
        self.dialog.set_on_server(text)

    def checked(self, report: Any) -> None:
        self.report = report
        if self.closed:
            return
        self.dialog.set_report(report)
        self.show_quota()
        self.clean_reports()

    def clean_reports(self) -> None:
        """Clean the attached reports (again), once the check has found the exam's values."""
        self._generation += 1
        generation, reports = self._generation, self.dialog.attachments.reports()
        if self.cleaning is not None:
            self.cleaning.cancel()
            self.cleaning = None
        if self.report is None or not reports or self.closed:
            return
        values = exam_values(self.report.identifying_strings, self.dialog.identity())

        def done(cleaned: Any) -> None:
            if not self.closed and generation == self._generation:
                self.dialog.attachments.set_cleaned(cleaned)

        def failed(exc: BaseException) -> None:
            if not self.closed and generation == self._generation:
                self.dialog.attachments.set_clean_failed(error_sentence(exc))

        self.cleaning = self.flow.pool.start(
            lambda _e, _c: clean_attachments(Attachments(tuple(reports)), values, keep_going=True),
            "reports",
            on_success=done,
            on_error=failed,
        )

    def check_failed(self, exc: BaseException) -> None:
        if not self.closed:
            self.dialog.set_check_failed(error_sentence(exc))

    def check_progress(self, p: tuple[int, int]) -> None:
        if not self.closed:
            self.dialog.set_check_progress(*p)

    def measured(self, q: Any) -> None:
        self.quota = q
        self.show_quota()

    def quota_failed(self, exc: BaseException) -> None:
        if not self.closed:
            self.dialog.set_quota(
                self.tr("The used space could not be measured: %1").replace(
                    "%1", error_sentence(exc)
                ),
                True,
            )

    def show_quota(self) -> None:
        q, report = self.quota, self.report
        if q is None or self.closed:
            return
        used = self.tr("%1 used of %2").replace("%1", quota.human(q.used_bytes))
        used = used.replace("%2", quota.human(q.quota_bytes))
        if report is None:
            self.dialog.set_quota(used, True)
            return
        try:
            warning = quota.check_room(q, report.bytes, label=self.host.server_label())
        except EchoUploaderError as exc:
            self.dialog.set_quota(str(exc), False)
            return
        after = self.tr("%1; after this exam: %2 (%3%)")
        after = after.replace("%1", used).replace("%2", quota.human(q.used_bytes + report.bytes))
        pct = 100 * (q.used_bytes + report.bytes) / q.quota_bytes if q.quota_bytes else 100
        after = after.replace("%3", f"{pct:.1f}")
        self.dialog.set_quota(after + (f" — {warning}" if warning else ""), True)

    # --- the answer -------------------------------------------------------------------------

    def finished(self, result: int) -> None:
        self.closed = True
        if self.check is not None:
            self.check.cancel()
        if self.cleaning is not None:
            self.cleaning.cancel()
        identity = self.dialog.identity()
        factory = self.factory
        if result == ExamDialog.DialogCode.Accepted and identity is not None and factory:
            self.flow.transfers.upload_exam(
                self.folder,
                identity,
                Target(factory.endpoint, self.remote_parent),
                factory,
                rules=self.rules,
                target_text=self.host.target_text(self.remote_parent),
                attachments=self.dialog.attachments.attachments(),
            )
            self.host.log_status(
                self.tr("Exam %1 queued for upload.").replace(
                    "%1", self.rules.rule.exam_id(identity)
                )
            )
        self.dialog.deleteLater()
