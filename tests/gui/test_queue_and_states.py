"""Honest states and readable progress: what the exam dialog says before Start, what the queue
shows from the moment Start is pressed, its menu, and uploads kept across a restart."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMenu, QMessageBox

from echouploader.core.ftps.demo import DemoServer, make_demo_exam
from echouploader.core.ftps.trust_store import TrustStore
from echouploader.core.sites.store import Site, SiteStore
from echouploader.core.transfer.plan import PART_SUFFIX
from echouploader.core.transfer.remote_files import part_name
from echouploader.ui.main_window import MainWindow
from echouploader.ui.queue_panel import format_eta
from tests.gui.conftest import fake_certificate, fill_quickconnect, wait_dialog

pytestmark = pytest.mark.gui

SLOW = 180_000  # the privacy check loads its OCR engine: slow on a loaded machine, not wrong


def _connected(qtbot: Any, win: MainWindow, srv: Any) -> None:
    TrustStore().trust(fake_certificate(srv.host, srv.port, srv.fingerprint))
    fill_quickconnect(win, srv.host, srv.port, srv.user, srv.password)
    win.quick_connect()
    qtbot.waitUntil(lambda: win.connection is not None, timeout=10000)


def _upload(qtbot: Any, win: MainWindow, exam: Path) -> None:
    dialog = win.open_exam_dialog(exam, "/")
    qtbot.waitUntil(dialog.start_button.isEnabled, timeout=SLOW)
    qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: win.queue.counts()[2] >= 3, timeout=SLOW)
    qtbot.waitUntil(lambda: not win.transfers.busy(), timeout=SLOW)


# --- the exam dialog says it before Start ------------------------------------------------------


def test_a_folder_with_nothing_to_send_gets_no_start(
    qtbot: Any, window: MainWindow, tmp_path: Path
) -> None:
    photos = tmp_path / "1042_1"  # a name that follows the rule, but holiday photos inside
    photos.mkdir()
    for i in range(3):
        (photos / f"beach{i}.jpg").write_bytes(b"\xff\xd8\xff\xe0" + b"\0" * 200 + b"\xff\xd9")
    dialog = window.open_exam_dialog(photos, "/")
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=SLOW)
    assert not dialog.start_button.isEnabled()
    assert "nothing to send" in dialog.reason_label.text()
    dialog.reject()


def test_a_name_that_almost_follows_the_rule_gets_its_reason(
    qtbot: Any, window: MainWindow, tmp_path: Path
) -> None:
    exam = make_demo_exam(tmp_path)
    almost = exam.rename(tmp_path / "1234_12a")
    dialog = window.open_exam_dialog(almost, "/")
    assert "`12a` is not an echo code; use 1, 1a, 2 or 3" in dialog.reason_label.text()
    assert dialog.subject_edit.text() == "1234"  # the part that was right is kept
    assert not dialog.start_button.isEnabled()
    dialog.reject()


def test_an_exam_complete_on_the_server_is_said_before_start(
    qtbot: Any, window: MainWindow, implicit_server: Any, tmp_path: Path
) -> None:
    exam = make_demo_exam(tmp_path / "exams")
    _connected(qtbot, window, implicit_server)
    _upload(qtbot, window, exam)
    dialog = window.open_exam_dialog(exam, "/")
    qtbot.waitUntil(dialog.on_server_label.isVisible, timeout=SLOW)
    said = dialog.on_server_label.text()
    assert "1042_1 is already complete on the server" in said
    assert "uploaded 20" in said  # the date it was finished
    assert "It was sent with:" in said  # the de-identification chosen then
    assert dialog.start_button.text() == "&Upload again"
    dialog.reject()


# --- the queue ---------------------------------------------------------------------------------


def test_from_start_one_row_per_exam_with_its_phase(
    qtbot: Any, window: MainWindow, implicit_server: Any, tmp_path: Path
) -> None:
    exam = make_demo_exam(tmp_path / "exams")
    _connected(qtbot, window, implicit_server)
    window.queue.setCurrentWidget(window.queue.succeeded)  # where the user last looked
    statuses: list[str] = []
    shown = window.queue.set_exam_state

    def spy(key: str, **kw: Any) -> None:
        statuses.append(kw["status"])
        shown(key, **kw)

    window.queue.set_exam_state = spy  # type: ignore[method-assign]
    dialog = window.open_exam_dialog(exam, "/")
    qtbot.waitUntil(dialog.start_button.isEnabled, timeout=SLOW)
    qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    # At once, before any file is checked: a row for the exam, in view.
    assert window.queue.currentWidget() is window.queue.queued
    top = window.queue.queued.topLevelItem(0)
    assert top is not None and top.text(0) == "1042_1"
    qtbot.waitUntil(lambda: not window.transfers.busy(), timeout=SLOW)
    assert any(s.startswith("Checking ") for s in statuses)
    assert any(s.startswith("De-identifying ") for s in statuses)
    assert any(s.startswith("Uploading") for s in statuses)
    assert window.queue.counts() == (0, 0, 3)


def test_time_left_never_reads_zero_before_the_end() -> None:
    assert format_eta(0.3) == "00:01"
    assert format_eta(0.0) == "00:00"
    assert format_eta(61.2) == "01:02"


def _menu_texts(qtbot: Any) -> list[str]:
    found: list[str] = []

    def shown() -> None:
        menus = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMenu)]
        menus = [m for m in menus if m.isVisible()]
        assert menus
        found[:] = [a.text() for a in menus[-1].actions() if not a.isSeparator()]
        menus[-1].close()

    qtbot.waitUntil(shown)
    return found


def test_the_queue_has_a_menu_and_the_transfer_menu_the_same_actions(
    qtbot: Any, window: MainWindow
) -> None:
    window.queue.queued.customContextMenuRequested.emit(window.queue.queued.rect().center())
    texts = _menu_texts(qtbot)
    assert texts == [
        "&Start the queue",
        "&Pause",
        "&Resume",
        "&Cancel selected",
        "Re&try failed",
        "Re&move from the list",
    ]
    in_menu = [a.text() for a in window.transfer_menu.actions()]
    assert all(t in in_menu for t in texts)


def test_a_kept_upload_shows_the_server_and_resumes_from_the_window(
    qtbot: Any, implicit_server: Any, tmp_path: Path
) -> None:
    """Quit cut an upload off: the next start shows what the server holds, and Resume works."""
    from echouploader.core.ftps.target import Target
    from echouploader.core.privacy.exam_identity import ExamIdentity
    from echouploader.core.transfer.exam_upload import SiteRules, prepare_exam_upload
    from echouploader.core.transfer.model import TransferState
    from echouploader.core.transfer.queue_store import QueueStore

    srv = implicit_server
    site = Site(name="Core lab", host=srv.host, port=srv.port, user=srv.user)
    SiteStore().add(site)
    exam = make_demo_exam(tmp_path / "exams")
    upload = prepare_exam_upload(
        exam,
        Target(site.endpoint(), "/"),
        ExamIdentity("1042", "1"),
        SiteRules.for_site(site),
        target_text="site:Core lab//",
    )
    first = upload.job.transfers[0]
    half = first.size // 2
    part = srv.root / part_name(first.remote_path).lstrip("/")  # the engine's temporary name
    part.parent.mkdir(parents=True)
    content = Path(first.local_path).read_bytes()  # the de-identified copy (removed when done)
    part.write_bytes(content[:half])  # what reached the server before Quit
    with QueueStore() as store:
        store.submit(upload.job)
        first.bytes_done, first.attempts = half, 1
        first.state = TransferState.CANCELLED  # what Quit leaves behind
        store.update(first)

    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    try:
        _connected(qtbot, win, srv)  # quick-connect to the site's server: it is that site
        assert win.site is not None and win.site.name == "Core lab"
        row = win.queue._rows[first.transfer_id]
        qtbot.waitUntil(lambda: "on the server" in row.text(6), timeout=10000)
        assert row.text(6).startswith(f"{half / 1000:.1f} kB")
        box = wait_dialog(qtbot, QMessageBox)  # offered as soon as the site is connected
        assert box.objectName() == "resume-question"
        box.button(QMessageBox.StandardButton.No).click()  # later, from the menu
        win.uploads.update_actions()
        assert win.uploads.actions["resume"].isEnabled()
        win.uploads.actions["resume"].trigger()
        qtbot.waitUntil(lambda: not win.transfers.busy(), timeout=SLOW)
        assert (srv.root / "1042_1" / "SHA256SUMS").exists()
        final = srv.root / first.remote_path.lstrip("/")
        assert final.read_bytes() == content
        assert ("REST", str(half)) in srv.server.commands  # the rest only, not again
        assert leftovers(srv) == []
    finally:
        win.shutdown()


def leftovers(srv: Any) -> list[str]:
    """Temporary upload files on the server: what a listing would show a person."""
    return sorted(str(p.relative_to(srv.root)) for p in srv.root.rglob(f"*{PART_SUFFIX}"))


def test_an_upload_cut_mid_file_by_quit_resumes_and_leaves_no_temporary_file(
    qtbot: Any, implicit_server: Any, tmp_path: Path
) -> None:
    """Start in the window, quit while the clip is half sent, start again, resume, list."""
    srv = implicit_server
    # 200 kB/s for a ~1.1 MB clip: Quit lands in the middle of it.
    SiteStore().add(
        Site(name="Core lab", host=srv.host, port=srv.port, user=srv.user, rate_limit=200_000)
    )
    exam = make_demo_exam(tmp_path / "exams", frames=120)
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    try:
        _connected(qtbot, win, srv)
        assert win.site is not None and win.site.name == "Core lab"
        dialog = win.open_exam_dialog(exam, "/")
        qtbot.waitUntil(dialog.start_button.isEnabled, timeout=SLOW)
        qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)

        def half_sent() -> None:
            parts = [p.stat().st_size for p in srv.root.rglob(f"*{PART_SUFFIX}")]
            assert any(200_000 < size < 900_000 for size in parts)

        qtbot.waitUntil(half_sent, timeout=SLOW)
    finally:
        win.shutdown()  # what Quit → Yes does
    cut = leftovers(srv)
    assert cut, "the upload was not cut mid-file"
    assert not (srv.root / "1042_1" / "SHA256SUMS").exists()

    again = MainWindow()
    qtbot.addWidget(again)
    again.show()
    try:
        _connected(qtbot, again, srv)

        def half_shown() -> None:  # the half-sent clip, as the server holds it
            shown = [r.text(6) for r in again.queue._rows.values()]
            assert any(t.endswith("on the server") and not t.startswith("0 ") for t in shown)

        qtbot.waitUntil(half_shown, timeout=10000)
        box = wait_dialog(qtbot, QMessageBox)
        assert box.objectName() == "resume-question"
        box.button(QMessageBox.StandardButton.Yes).click()
        qtbot.waitUntil(lambda: (srv.root / "1042_1" / "upload.json").exists(), timeout=SLOW)
        qtbot.waitUntil(lambda: not again.transfers.busy(), timeout=SLOW)
        assert any(c == "REST" and int(a) > 0 for c, a in srv.server.commands)
        assert leftovers(srv) == []  # the listing holds the exam and nothing half-sent
        again.refresh_remote("/1042_1")
        qtbot.waitUntil(
            lambda: "SHA256SUMS" in again.remote_model.entry_names("/1042_1"), timeout=10000
        )
        assert not any(n.endswith(PART_SUFFIX) for n in again.remote_model.entry_names("/1042_1"))
    finally:
        again.shutdown()


def test_the_demo_server_keeps_its_port_and_certificate(tmp_path: Path) -> None:
    with DemoServer(base=tmp_path / "demo") as first:
        port = first.port
        cert = first.cert.read_bytes()
    with DemoServer(base=tmp_path / "demo") as again:
        assert again.port == port
        assert again.cert.read_bytes() == cert
