"""From a dropped exam folder to a queued upload: the exam dialog fed by workers.

The privacy check (``check_exam``), the quota measurement and the cleaning of attached reports
run in workers while the dialog is open; Start hands the folder, the identity, the attachments and
the site's rule and profile to the transfer controller, which prepares (de-identifies) and
uploads it.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject

from echouploader.core.errors import EchoUploaderError
from echouploader.core.ftps import quota
from echouploader.core.ftps.target import Target
from echouploader.core.privacy.check import check_exam
from echouploader.core.privacy.deidentify.profile import PrivacyProfile
from echouploader.core.privacy.exam_identity import ExamRule
from echouploader.core.privacy.reports.attach import Attachments, clean_attachments, exam_values
from echouploader.core.transfer.exam_upload import SiteRules
from echouploader.ui.dialogs.exam import ExamDialog
from echouploader.ui.workers import error_sentence

if TYPE_CHECKING:
    from echouploader.ui.main_window import MainWindow

log = logging.getLogger("echouploader.ui")


class ExamFlow(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window

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
        w = self.window
        rule: ExamRule = w.exam_rule()
        profile: PrivacyProfile = w.privacy_profile()
        dialog = ExamDialog(
            folder,
            remote_parent,
            rule,
            deidentification=self.describe_deidentification(profile),
            parent=w,
        )
        state: dict[str, Any] = {"report": None, "quota": None, "closed": False}

        def quota_text() -> None:
            q, report = state["quota"], state["report"]
            if q is None or state["closed"]:
                return
            used = self.tr("%1 used of %2").replace("%1", quota.human(q.used_bytes))
            used = used.replace("%2", quota.human(q.quota_bytes))
            if report is None:
                dialog.set_quota(used, True)
                return
            try:
                warning = quota.check_room(q, report.bytes, label=w.server_label())
            except EchoUploaderError as exc:
                dialog.set_quota(str(exc), False)
                return
            after = self.tr("%1; after this exam: %2 (%3%)")
            after = after.replace("%1", used).replace(
                "%2", quota.human(q.used_bytes + report.bytes)
            )
            pct = 100 * (q.used_bytes + report.bytes) / q.quota_bytes if q.quota_bytes else 100
            after = after.replace("%3", f"{pct:.1f}")
            dialog.set_quota(after + (f" — {warning}" if warning else ""), True)

        def clean_reports() -> None:
            """Clean the attached reports (again) once the check has found the values."""
            report, reports = state["report"], dialog.attachments.reports()
            state["generation"] = generation = state.get("generation", 0) + 1
            if report is None or not reports or state["closed"]:
                return
            values = exam_values(report.identifying_strings, dialog.identity())

            def done(cleaned: Any) -> None:
                if not state["closed"] and state["generation"] == generation:
                    dialog.attachments.set_cleaned(cleaned)

            def failed(exc: BaseException) -> None:
                if not state["closed"] and state["generation"] == generation:
                    dialog.attachments.set_clean_failed(error_sentence(exc))

            state["cleaning"] = w.pool.start(
                lambda _e, _c: clean_attachments(
                    Attachments(tuple(reports)), values, keep_going=True
                ),
                "reports",
                on_success=done,
                on_error=failed,
            )

        dialog.attachments.reports_changed.connect(clean_reports)

        def checked(report: Any) -> None:
            state["report"] = report
            if state["closed"]:
                return
            dialog.set_report(report)
            quota_text()
            clean_reports()

        def measured(q: Any) -> None:
            state["quota"] = q
            quota_text()

        def check_failed(exc: BaseException) -> None:
            if not state["closed"]:
                dialog.set_check_failed(error_sentence(exc))

        def check_progress(p: tuple[int, int]) -> None:
            if not state["closed"]:
                dialog.set_check_progress(*p)

        def quota_failed(exc: BaseException) -> None:
            if not state["closed"]:
                dialog.set_quota(
                    self.tr("The used space could not be measured: %1").replace(
                        "%1", error_sentence(exc)
                    ),
                    True,
                )

        check = w.pool.start(
            lambda emit, cancel: check_exam(
                folder, profile, None, lambda d, t, _n: emit((d, t)), cancel
            ),
            "check",
            on_success=checked,
            on_error=check_failed,
            on_progress=check_progress,
        )
        factory = w.session_factory()
        if factory is not None:
            quota_bytes = w.quota_bytes()
            w.pool.start(
                lambda _e, _c: quota.measure(factory, quota_bytes=quota_bytes),
                "quota",
                on_success=measured,
                on_error=quota_failed,
            )

        def finished(result: int) -> None:
            state["closed"] = True
            check.cancel()
            if state.get("cleaning") is not None:
                state["cleaning"].cancel()
            identity = dialog.identity()
            if result != ExamDialog.DialogCode.Accepted or identity is None or factory is None:
                dialog.deleteLater()
                return
            w.transfers.upload_exam(
                folder,
                identity,
                Target(factory.endpoint, remote_parent),
                factory,
                rules=SiteRules(rule, profile),
                target_text=w.target_text(remote_parent),
                attachments=dialog.attachments.attachments(),
            )
            w.log_status(
                self.tr("Exam %1 queued for upload.").replace("%1", rule.exam_id(identity))
            )
            dialog.deleteLater()

        dialog.finished.connect(finished)
        dialog.open()
        return dialog
