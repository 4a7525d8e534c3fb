"""The exam dialog on its own: identity from the folder name, the check report, Start rules."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from echouploader.core.ftps.demo import make_demo_exam
from echouploader.core.privacy.check import check_exam
from echouploader.core.privacy.exam_identity import ExamRule
from echouploader.ui.dialogs.exam import ExamDialog

pytestmark = pytest.mark.gui


def _dialog(qtbot: Any, folder: Path) -> ExamDialog:
    dialog = ExamDialog(folder, "/", ExamRule(), deidentification="PS3.15 E basic")
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_identity_is_read_from_the_folder_name(qtbot: Any, tmp_path: Path) -> None:
    exam = make_demo_exam(tmp_path)
    dialog = _dialog(qtbot, exam)
    assert dialog.subject_edit.text() == "1042"
    assert dialog.echo_combo.currentData() == "1"
    assert "baseline" in dialog.echo_combo.currentText()
    assert dialog.target_label.text() == "/1042_1"
    assert not dialog.start_button.isEnabled()  # the check has not reported yet
    dialog.echo_combo.setCurrentIndex(dialog.echo_combo.findData("1a"))
    assert dialog.target_label.text() == "/1042_1a"


def test_unparsed_folder_needs_subject_and_echo(qtbot: Any, tmp_path: Path) -> None:
    folder = tmp_path / "Export from machine"
    folder.mkdir()
    dialog = _dialog(qtbot, folder)
    assert dialog.subject_edit.text() == ""
    assert dialog.echo_combo.currentIndex() == -1
    dialog.set_report(check_exam(make_demo_exam(tmp_path)))
    assert not dialog.start_button.isEnabled()
    assert "subject number is missing" in dialog.blocked_reason()
    dialog.subject_edit.setText("77")
    assert "Choose which echo" in dialog.blocked_reason()
    dialog.echo_combo.setCurrentIndex(dialog.echo_combo.findData("3"))
    assert dialog.start_button.isEnabled()
    assert dialog.remote_folder() == "/77_3"
    dialog.subject_edit.setText("77x")
    assert not dialog.start_button.isEnabled()
    assert "not a subject number" in dialog.reason_label.text()


def test_report_summary_findings_and_quota(qtbot: Any, tmp_path: Path) -> None:
    exam = make_demo_exam(tmp_path)
    dialog = _dialog(qtbot, exam)
    report = check_exam(exam)
    dialog.set_report(report)
    assert "3 dicom" in dialog.summary_label.text() or "dicom" in dialog.summary_label.text()
    assert "1 patient" in dialog.summary_label.text()
    assert dialog.findings.topLevelItemCount() == len(report.findings)
    assert dialog.start_button.isEnabled()
    dialog.set_quota("This upload needs 2 GB but only 1 GB are free", False)
    assert not dialog.start_button.isEnabled()
    assert "not enough space" in dialog.reason_label.text()
    dialog.set_quota("10 GB used of 300 GB", True)
    assert dialog.start_button.isEnabled()
    if os.environ.get("ECHOUPLOADER_SCREENSHOT_DIR"):
        dialog.resize(760, 620)
        qtbot.wait(100)
        target = Path(os.environ["ECHOUPLOADER_SCREENSHOT_DIR"]) / "exam-dialog.png"
        assert dialog.grab().save(str(target))


def test_blocked_exam_says_why(qtbot: Any, tmp_path: Path) -> None:
    import pydicom

    exam = make_demo_exam(tmp_path)
    other = pydicom.dcmread(exam / "IM00003.dcm")
    other.PatientName, other.PatientID = "OTHER^PERSON", "X-99"
    other.save_as(exam / "IM00003.dcm")
    dialog = _dialog(qtbot, exam)
    dialog.set_report(check_exam(exam))
    assert not dialog.start_button.isEnabled()
    assert "cannot be sent" in dialog.reason_label.text()
    assert "different patients" in dialog.reason_label.text()
    dialog._start()  # Enter or a stray click cannot start it either
    assert dialog.result() != ExamDialog.DialogCode.Accepted
