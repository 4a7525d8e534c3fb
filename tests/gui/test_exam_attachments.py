"""The exam dialog's report and comments: highlighting, Start rules, cleaned pages, upload.

The comments box highlights an identifier as it is typed and Start stays off until it is edited
away. "Add report…" (the file chooser answered by the test) has the window clean the report in a
worker and show each page as it will be sent; Start then uploads it with the comments.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from echouploader.core.ftps.demo import make_demo_exam
from echouploader.core.ftps.trust_store import TrustStore
from echouploader.core.privacy.check import check_exam
from echouploader.core.privacy.exam_identity import ExamRule
from echouploader.ui.dialogs.exam import ExamDialog
from echouploader.ui.main_window import MainWindow
from tests.core.privacy.reports import samples
from tests.gui.conftest import drop_on_remote, fake_certificate, fill_quickconnect, wait_dialog

pytestmark = pytest.mark.gui


def _dialog(qtbot: Any, folder: Path) -> ExamDialog:
    dialog = ExamDialog(folder, "/", ExamRule(), deidentification="PS3.15 E basic")
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_an_identifier_in_the_comments_is_highlighted_and_blocks_start(
    qtbot: Any, tmp_path: Path
) -> None:
    exam = make_demo_exam(tmp_path)
    dialog = _dialog(qtbot, exam)
    dialog.set_report(check_exam(exam))
    assert dialog.start_button.isEnabled()
    box = dialog.attachments

    box.comments.setPlainText("Good windows. Fake patient was calm.")
    assert box.highlighted() == [(14, 26)]
    assert not dialog.start_button.isEnabled()
    assert "F*** *******" in dialog.reason_label.text()
    assert "Fake patient" not in dialog.reason_label.text()

    box.comments.setPlainText("Good windows. Call 070-123 45 67 for the report.")
    assert box.highlighted() == [(19, 32)]
    assert "a phone number" in dialog.reason_label.text()

    box.comments.setPlainText("Good windows, apical 4-chamber view obtained.")
    assert box.highlighted() == []
    assert dialog.start_button.isEnabled()
    assert box.attachments().comments == "Good windows, apical 4-chamber view obtained."


def _connected(qtbot: Any, win: MainWindow, srv: Any) -> None:
    TrustStore().trust(fake_certificate(srv.host, srv.port, srv.fingerprint))
    fill_quickconnect(win, srv.host, srv.port, srv.user, srv.password)
    win.quick_connect()
    qtbot.waitUntil(lambda: win.connection is not None, timeout=10000)


def test_add_report_shows_cleaned_pages_and_uploads_them_with_the_comments(
    qtbot: Any, window: MainWindow, implicit_server: Any, tmp_path: Path
) -> None:
    exam = make_demo_exam(tmp_path / "exams")
    scan = tmp_path / "DEMO_scan.pdf"
    scan.write_bytes(
        samples.scanned_pdf(
            [["Name: Fake Patient", "EF 60 %"], ["Conclusion: normal"]], author="Fake Patient"
        )
    )
    _connected(qtbot, window, implicit_server)
    drop_on_remote(window, [exam])
    dialog = wait_dialog(qtbot, ExamDialog)
    box = dialog.attachments
    box.choose_files = lambda: [str(scan)]  # the file chooser, answered
    qtbot.mouseClick(box.add_button, Qt.MouseButton.LeftButton)
    assert box.reports() == [scan]
    assert not dialog.start_button.isEnabled()  # the report is being cleaned
    qtbot.waitUntil(lambda: box.pages.count() == 2, timeout=120000)
    # "DEMO" is the patient's family name: the file is named by its position only.
    assert box.pages.item(0).text() == "report 1, page 1"
    assert not box.pages.item(0).icon().isNull()
    box.comments.setPlainText("Subcostal window only.")
    qtbot.waitUntil(dialog.start_button.isEnabled, timeout=20000)
    qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: not window.transfers.busy(), timeout=120000)
    remote = implicit_server.root / "1042_1"
    qtbot.waitUntil(lambda: (remote / "upload.json").exists(), timeout=30000)
    info = json.loads((remote / "upload.json").read_text())
    assert info["report_files"] == ["report/report-1.pdf"]
    assert info["comments"] == {"file": "comments.txt", "text": "Subcostal window only."}
    assert (remote / "comments.txt").read_text() == "Subcostal window only.\n"
    sent = (remote / "report" / "report-1.pdf").read_bytes()
    assert sent.startswith(b"%PDF-") and sent.count(b"/Type /Page ") == 2
    assert b"Fake" not in samples.deflate_free(sent)
