"""``echouploader --demo`` and ``--smoke``: it starts on a fresh machine; the demo works."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from echouploader.core.ftps.demo import FAKE_PATIENT_NAME, DemoServer, make_demo_exam
from echouploader.ui.dialogs.certificate import CertificateDialog
from echouploader.ui.main_window import MainWindow
from tests.gui.conftest import wait_dialog

pytestmark = pytest.mark.gui

ROOT = Path(__file__).resolve().parents[2]


def test_smoke_demo_starts_and_exits_0(tmp_path: Path) -> None:
    shot = tmp_path / "smoke.png"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run(
        [sys.executable, "-m", "echouploader", "--smoke", "--demo", "--screenshot", str(shot)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 0, out.stderr
    assert shot.stat().st_size > 10_000
    data_dir = Path(env["ECHOUPLOADER_DATA_DIR"])
    assert (data_dir / "demo" / "demo-server.crt").exists()  # made on first run, in the data dir
    assert "Traceback" not in out.stderr


def test_smoke_reports_a_bad_screenshot_path_in_one_sentence(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run(
        [sys.executable, "-m", "echouploader", "--smoke", "--screenshot", str(blocker / "x.png")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode != 0
    assert "Traceback" not in out.stderr
    assert out.stderr.strip().splitlines()[-1].startswith("echouploader: ")


def test_demo_exam_has_a_fake_patient_in_its_headers(tmp_path: Path) -> None:
    import pydicom

    exam = make_demo_exam(tmp_path)
    assert exam.name == "1042_1"
    files = sorted(exam.glob("*.dcm"))
    assert len(files) == 3
    assert str(pydicom.dcmread(files[0]).PatientName) == FAKE_PATIENT_NAME


def test_demo_flow_through_the_widgets(qtbot: Any, tmp_path: Path) -> None:
    """What a trainer shows: connect to the demo site, drag the demo exam, check, upload, verify."""
    from echouploader.core.ftps.demo import DEMO_SITE
    from echouploader.core.sites.store import SiteStore
    from echouploader.ui.dialogs.exam import ExamDialog
    from tests.gui.conftest import drop_on_remote

    with DemoServer() as demo:
        exam = make_demo_exam(tmp_path)
        win = MainWindow(demo=demo, demo_exam=exam)
        qtbot.addWidget(win)
        win.show()
        try:
            win.sites.connect_site(SiteStore().get(DEMO_SITE))
            dialog = wait_dialog(qtbot, CertificateDialog)
            assert dialog.info.self_signed
            qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
            qtbot.waitUntil(lambda: win.connection is not None, timeout=10000)
            assert "Connected to " + DEMO_SITE in win.connection_label.text()

            drop_on_remote(win, [exam])
            exam_dialog = wait_dialog(qtbot, ExamDialog)
            qtbot.waitUntil(exam_dialog.start_button.isEnabled, timeout=20000)
            qtbot.mouseClick(exam_dialog.start_button, Qt.MouseButton.LeftButton)
            qtbot.waitUntil(lambda: win.queue.counts()[2] == 3, timeout=30000)
            qtbot.waitUntil(lambda: not win.transfers.busy(), timeout=30000)
            assert "verified" in win.message_log.toPlainText()
            received = demo.root / "1042_1"
            assert (received / "SHA256SUMS").exists() and (received / "upload.json").exists()
            assert all(
                FAKE_PATIENT_NAME.encode() not in f.read_bytes() for f in received.glob("*.dcm")
            )
            qtbot.waitUntil(lambda: "1042_1" in win.remote_model.entry_names("/"), timeout=10000)
            assert win.close()  # nothing pending: quits without a question
        finally:
            win.shutdown()
