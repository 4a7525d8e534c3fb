"""The exam dialog, opened when an exam folder is dropped on the server side.

It asks which exam this is (subject number and echo, pre-filled when the folder name follows the
site's rule), shows the privacy check's summary and findings, what de-identification will do and
how full the shared disk will be, and offers Start only when nothing blocks the upload. The check
and the quota are measured by the window's workers and handed in with :meth:`set_report` and
:meth:`set_quota`; the dialog itself reads no file and opens no connection.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from echouploader.core.errors import EchoUploaderError
from echouploader.core.ftps.quota import human as human_size
from echouploader.core.privacy import file_kinds
from echouploader.core.privacy.exam_identity import ExamIdentity, ExamRule
from echouploader.core.privacy.reports.attach import exam_values
from echouploader.ui.dialogs.attachments import AttachmentsBox

SEVERITY_ORDER = {"block": 0, "warn": 1, "info": 2}


def identity_fields(rule: ExamRule, parent: QWidget) -> tuple[QLineEdit, QComboBox, QFormLayout]:
    """Subject number and echo (a labelled choice) — shared by the exam and new-folder dialogs."""
    subject = QLineEdit()
    subject.setAccessibleName(parent.tr("Subject number"))
    subject.setPlaceholderText(parent.tr("study subject number, e.g. 1042"))
    echo = QComboBox()
    echo.setAccessibleName(parent.tr("Echo"))
    for code, label in rule.echo_codes.items():
        echo.addItem(f"{code} — {label}" if label else code, code)
    form = QFormLayout()
    subject_label = QLabel(parent.tr("&Subject:"))
    subject_label.setBuddy(subject)
    echo_label = QLabel(parent.tr("&Echo:"))
    echo_label.setBuddy(echo)
    form.addRow(subject_label, subject)
    form.addRow(echo_label, echo)
    return subject, echo, form


def send_summary(report: Any) -> tuple[int, int]:
    """How many files will be sent, and how many of them get their images cleaned."""
    sent = [f for f in report.files if f.usable and f.kind != file_kinds.DICOMDIR]
    cleaned = 0
    for entry in sent:
        pixels = getattr(entry, "pixels", None)
        action = pixels.get("action") if isinstance(pixels, dict) else getattr(pixels, "action", "")
        cleaned += action == "clean"
    return len(sent), cleaned


class ExamDialog(QDialog):
    review_requested = Signal()

    def __init__(
        self,
        folder: Path,
        remote_parent: str,
        rule: ExamRule,
        *,
        deidentification: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.folder = folder
        self.remote_parent = remote_parent
        self.rule = rule
        self.report: Any = None
        self._quota_ok = True
        self._check_error = ""
        self.name_problem = rule.name_problem(folder.name)
        self.on_server = ""  # said when this exam is already complete on the server
        self.setWindowTitle(self.tr("Upload exam"))
        self.setAccessibleName(self.tr("Upload exam"))
        self.resize(760, 860)
        self.setMinimumSize(620, 520)  # findings stay readable, never squeezed to an ellipsis
        layout = QVBoxLayout(self)
        source = QLabel(self.tr("Local folder: %1").replace("%1", str(folder)))
        source.setWordWrap(True)
        layout.addWidget(source)
        layout.addLayout(self._build_identity(folder, rule))
        layout.addWidget(self._build_check(), 1)
        self.attachments = AttachmentsBox(self)  # the report and the comments
        self.attachments.changed.connect(self._update)
        layout.addWidget(self.attachments)
        layout.addLayout(self._build_info(deidentification))
        self.on_server_label = QLabel()
        self.on_server_label.setWordWrap(True)
        self.on_server_label.setStyleSheet("color: #8a5a00;")
        self.on_server_label.setVisible(False)
        layout.addWidget(self.on_server_label)
        self.reason_label = QLabel()
        self.reason_label.setWordWrap(True)
        self.reason_label.setStyleSheet("color: #b00020;")
        layout.addWidget(self.reason_label)
        layout.addWidget(self._build_buttons())
        self._update()

    # --- layout -----------------------------------------------------------------------------

    def _build_identity(self, folder: Path, rule: ExamRule) -> QFormLayout:
        """Subject and echo, pre-filled from the folder name when it follows the rule."""
        self.subject_edit, self.echo_combo, form = identity_fields(rule, self)
        self.target_label = QLabel()
        self.target_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow(self.tr("Server folder:"), self.target_label)
        parsed = rule.parse_folder_name(folder.name)
        if parsed is not None:
            self.subject_edit.setText(parsed.subject)
            self.echo_combo.setCurrentIndex(max(0, self.echo_combo.findData(parsed.echo)))
        else:
            self.echo_combo.setCurrentIndex(-1)
            subject = re.match(r"\d+", folder.name)
            if subject and self.name_problem and "subject" not in self.name_problem:
                self.subject_edit.setText(subject.group(0))
        self.subject_edit.textChanged.connect(self._update)
        self.echo_combo.currentIndexChanged.connect(self._update)
        return form

    def _build_check(self) -> QGroupBox:
        """The privacy check: progress, summary, and the findings by severity."""
        check_box = QGroupBox(self.tr("Privacy check"))
        cl = QVBoxLayout(check_box)
        self.progress = QProgressBar()
        self.progress.setAccessibleName(self.tr("Check progress"))
        self.summary_label = QLabel(self.tr("Checking every file…"))
        self.summary_label.setWordWrap(True)
        self.findings = QTreeWidget()
        self.findings.setRootIsDecorated(False)
        self.findings.setAccessibleName(self.tr("Findings"))
        self.findings.setHeaderLabels([self.tr("Severity"), self.tr("Finding"), self.tr("Files")])
        self.findings.setWordWrap(True)
        self.findings.setUniformRowHeights(False)
        self.findings.setTextElideMode(Qt.TextElideMode.ElideNone)
        header = self.findings.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        cl.addWidget(self.progress)
        cl.addWidget(self.summary_label)
        cl.addWidget(self.findings, 1)
        return check_box

    def _build_info(self, deidentification: str) -> QFormLayout:
        self.deid_label = QLabel(deidentification)
        self.deid_label.setWordWrap(True)
        self.quota_label = QLabel(self.tr("Measuring the space used on the server…"))
        self.quota_label.setWordWrap(True)
        info = QFormLayout()
        info.addRow(self.tr("De-identification:"), self.deid_label)
        info.addRow(self.tr("Shared disk:"), self.quota_label)
        return info

    def _build_buttons(self) -> QDialogButtonBox:
        self.start_button = QPushButton(self.tr("&Start upload"))
        self.start_button.setAccessibleName(self.tr("Start upload"))
        self.review_button = QPushButton(self.tr("&Review images…"))
        self.review_button.setAccessibleName(self.tr("Review images"))
        self.review_button.setEnabled(False)
        self.review_button.clicked.connect(self.review_requested)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.addButton(self.review_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.start_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self._start)
        self.buttons.rejected.connect(self.reject)
        return self.buttons

    # --- identity ---------------------------------------------------------------------------

    def identity(self) -> ExamIdentity | None:
        echo = self.echo_combo.currentData()
        if echo is None:
            return None
        try:
            return self.rule.identity(self.subject_edit.text(), str(echo))
        except EchoUploaderError:
            return None

    def remote_folder(self) -> str | None:
        ident = self.identity()
        if ident is None:
            return None
        return posixpath.join(self.remote_parent, self.rule.folder_name(ident))

    def _identity_problem(self) -> str:
        if self.name_problem and self.identity() is None:
            return (
                self.tr("The folder name %1 almost follows the rule: %2")
                .replace("%1", f"`{self.folder.name}`")
                .replace("%2", self.name_problem)
            )
        echo = self.echo_combo.currentData()
        try:
            self.rule.check_subject(self.subject_edit.text())
        except EchoUploaderError as exc:
            return str(exc)
        if echo is None:
            return self.tr("Choose which echo this exam is.")
        return ""

    # --- results from the workers -----------------------------------------------------------

    def set_check_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def set_report(self, report: Any) -> None:
        """Show a ``CheckReport``: counts, findings by severity, and whether it blocks."""
        self.report = report
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        kinds: dict[str, int] = {}
        for f in report.files:
            kinds[f.kind] = kinds.get(f.kind, 0) + 1
        self.summary_label.setText(
            self.tr("%1 files (%2), %3 · %4 patient(s) · %5 study(ies) · %6 series")
            .replace("%1", str(len(report.files)))
            .replace("%2", ", ".join(f"{n} {k}" for k, n in sorted(kinds.items())))
            .replace("%3", human_size(report.bytes))
            .replace("%4", str(len(report.patients)))
            .replace("%5", str(len(report.studies)))
            .replace("%6", str(len(report.series)))
        )
        self.findings.clear()
        names = {"block": self.tr("BLOCKS"), "warn": self.tr("warning"), "info": self.tr("info")}
        for f in sorted(report.findings, key=lambda f: SEVERITY_ORDER.get(f.severity, 3)):
            item = QTreeWidgetItem([names.get(f.severity, f.severity), f.message, str(f.count)])
            item.setToolTip(1, f.message)
            if f.severity == "block":
                for col in range(3):
                    item.setForeground(col, Qt.GlobalColor.red)
            self.findings.addTopLevelItem(item)
        self.attachments.set_identifying(exam_values(report.identifying_strings, self.identity()))
        self._update()

    def set_check_failed(self, sentence: str) -> None:
        self._check_error = sentence
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.summary_label.setText(sentence)
        self._update()

    def set_quota(self, text: str, ok: bool) -> None:
        self.quota_label.setText(text)
        self._quota_ok = ok
        self._update()

    # --- Start ------------------------------------------------------------------------------

    def blocked_reason(self) -> str:
        """Why Start is disabled ('' when it is enabled)."""
        problem = self._identity_problem()
        if problem:
            return problem
        if self._check_error:
            return self._check_error
        if self.report is None:
            return self.tr("Wait for the check to finish.")
        if self.report.blocked:
            reasons = "; ".join(f.message for f in self.report.findings if f.severity == "block")
            return self.tr("The exam cannot be sent: %1.").replace("%1", reasons)
        if not self.report.dicom_count or not send_summary(self.report)[0]:
            return self.tr(
                "This folder has nothing to send: it holds no DICOM files, so it is not an "
                "echo exam export."
            )
        attached = self.attachments.blocked_reason()
        if attached:
            return attached
        if not self._quota_ok:
            return self.tr("There is not enough space on the server for this exam.")
        return ""

    def set_on_server(self, text: str) -> None:
        """The exam is already complete on the server: said before Start, with what it was."""
        self.on_server = text
        self.on_server_label.setText(text)
        self.on_server_label.setVisible(bool(text))
        self._update()

    def start_text(self) -> str:
        """Start says what will be sent ("Start upload: 120 files, 37 images cleaned")."""
        if self.on_server:
            return self.tr("&Upload again")
        if self.report is None:
            return self.tr("&Start upload")
        sent, cleaned = send_summary(self.report)
        text = self.tr("&Start upload: %1 files").replace("%1", str(sent))
        if cleaned == 1:
            text += self.tr(", 1 image cleaned")
        elif cleaned:
            text += self.tr(", %1 images cleaned").replace("%1", str(cleaned))
        return text

    def _update(self) -> None:
        folder = self.remote_folder()
        self.target_label.setText(folder or "–")
        self.start_button.setText(self.start_text())
        self.review_button.setEnabled(
            self.report is not None
            and any(f.kind == file_kinds.DICOM and f.usable for f in self.report.files)
        )
        reason = self.blocked_reason()
        waiting = self.report is None and not self._check_error and not self._identity_problem()
        if self.report is None and self.name_problem and self._identity_problem():
            waiting = False  # the name's problem is said at once
        self.reason_label.setText("" if waiting else reason)
        self.start_button.setEnabled(not reason)

    def _start(self) -> None:
        if not self.blocked_reason():
            self.accept()


class NewExamFolderDialog(QDialog):
    """Right-click → New exam folder…: the same identity fields; the rule names the folder."""

    folder_chosen = Signal(str)

    def __init__(self, rule: ExamRule, parent_folder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rule = rule
        self.setWindowTitle(self.tr("New exam folder"))
        self.subject_edit, self.echo_combo, form = identity_fields(rule, self)
        self.echo_combo.setCurrentIndex(-1)
        self.name_label = QLabel("–")
        form.addRow(self.tr("Folder name:"), self.name_label)
        form.addRow(self.tr("In:"), QLabel(parent_folder))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.subject_edit.textChanged.connect(self._update)
        self.echo_combo.currentIndexChanged.connect(self._update)
        self.buttons.accepted.connect(self._ok)
        self.buttons.rejected.connect(self.reject)
        self._update()

    def folder_name(self) -> str | None:
        echo = self.echo_combo.currentData()
        if echo is None:
            return None
        try:
            return self.rule.folder_name(self.rule.identity(self.subject_edit.text(), str(echo)))
        except EchoUploaderError:
            return None

    def _update(self) -> None:
        name = self.folder_name()
        self.name_label.setText(name or "–")
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(name is not None)

    def _ok(self) -> None:
        name = self.folder_name()
        if name is not None:
            self.accept()
            self.folder_chosen.emit(name)
