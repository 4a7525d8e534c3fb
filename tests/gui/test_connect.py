"""Quick-connect against a real in-process FTPS server: certificate dialogs, then the tree."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from echouploader.core.ftps.trust_store import TrustStore
from echouploader.ui.dialogs.certificate import CertificateDialog, ChangedCertificateDialog
from echouploader.ui.main_window import MainWindow
from tests.gui.conftest import fake_certificate, fill_quickconnect, find_dialog, wait_dialog

pytestmark = pytest.mark.gui


def _connect(qtbot: Any, win: MainWindow, srv: Any) -> None:
    fill_quickconnect(win, srv.host, srv.port, srv.user, srv.password)
    qtbot.mouseClick(win.quickconnect_button, Qt.MouseButton.LeftButton)


def _wait_listed(qtbot: Any, win: MainWindow, name: str) -> None:
    qtbot.waitUntil(lambda: name in win.remote_model.entry_names("/"), timeout=10000)


def test_first_use_dialog_then_listing_then_no_dialog(
    qtbot: Any, window: MainWindow, implicit_server: Any
) -> None:
    (implicit_server.root / "1042_1").mkdir()
    (implicit_server.root / "notes.txt").write_bytes(b"x" * 1234)
    _connect(qtbot, window, implicit_server)

    dialog = wait_dialog(qtbot, CertificateDialog)
    assert dialog.info.sha256 == implicit_server.fingerprint
    assert "PASS" not in implicit_server.commands()  # nothing sent before the answer
    assert dialog.always.isChecked()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    _wait_listed(qtbot, window, "1042_1")
    assert "notes.txt" in window.remote_model.entry_names("/")
    assert (
        TrustStore().get(implicit_server.host, implicit_server.port).sha256
        == implicit_server.fingerprint
    )
    assert "Connected to" in window.connection_label.text()

    # Second connection: the certificate is known, no dialog.
    window.disconnect_from_server()
    _connect(qtbot, window, implicit_server)
    _wait_listed(qtbot, window, "1042_1")
    assert find_dialog(CertificateDialog) is None


def test_cancelled_certificate_sends_no_password(
    qtbot: Any, window: MainWindow, implicit_server: Any
) -> None:
    _connect(qtbot, window, implicit_server)
    dialog = wait_dialog(qtbot, CertificateDialog)
    dialog.reject()
    qtbot.waitUntil(lambda: "Not connected" in window.connection_label.text())
    assert "USER" not in implicit_server.commands()
    assert "PASS" not in implicit_server.commands()
    assert TrustStore().get(implicit_server.host, implicit_server.port) is None


def test_changed_certificate_warns_and_needs_the_fingerprint(
    qtbot: Any, window: MainWindow, make_server: Any, other_cert: Any, tmp_path: Any
) -> None:
    first = make_server(implicit=True)
    _connect(qtbot, window, first)
    qtbot.mouseClick(wait_dialog(qtbot, CertificateDialog).ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.connection is not None, timeout=10000)
    window.disconnect_from_server()
    port = first.port
    first.server.stop()

    # The same host and port now present another certificate (a swap, or a man in the middle).
    impostor = make_server(implicit=True, cert=other_cert, port=port, root=tmp_path / "impostor")
    _connect(qtbot, window, impostor)
    dialog = wait_dialog(qtbot, ChangedCertificateDialog)
    assert find_dialog(CertificateDialog) is None or not isinstance(
        find_dialog(CertificateDialog), CertificateDialog
    )
    assert "USER" not in impostor.commands() and "PASS" not in impostor.commands()
    assert not dialog.accept_button.isEnabled()  # no simple OK
    dialog.fingerprint_edit.setText(first.fingerprint)  # the old one: refused
    assert not dialog.accept_button.isEnabled()
    dialog.fingerprint_edit.setText("SHA256:" + other_cert.fingerprint.replace(":", "").lower())
    assert dialog.accept_button.isEnabled()
    qtbot.mouseClick(dialog.accept_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.connection is not None, timeout=10000)
    assert TrustStore().get(impostor.host, port).sha256 == other_cert.fingerprint


def test_changed_certificate_declined_sends_nothing(
    qtbot: Any, window: MainWindow, make_server: Any, other_cert: Any, tmp_path: Any
) -> None:
    srv = make_server(implicit=True, cert=other_cert)
    TrustStore().trust(fake_certificate(srv.host, srv.port))
    _connect(qtbot, window, srv)
    dialog = wait_dialog(qtbot, ChangedCertificateDialog)
    dialog.reject()
    qtbot.waitUntil(lambda: "Not connected" in window.connection_label.text())
    assert "PASS" not in srv.commands() and "USER" not in srv.commands()
    assert window.connection is None


def test_wrong_password_shows_the_core_sentence(
    qtbot: Any, window: MainWindow, implicit_server: Any
) -> None:
    TrustStore().trust(
        fake_certificate(implicit_server.host, implicit_server.port, implicit_server.fingerprint)
    )
    fill_quickconnect(
        window, implicit_server.host, implicit_server.port, implicit_server.user, "wrong"
    )
    window.quick_connect()
    box = wait_dialog(qtbot, QMessageBox)
    assert "refused the user name or password" in box.text()
    assert "refused the user name or password" in window.message_log.toPlainText()
    box.close()


def test_port_21_means_explicit_tls(window: MainWindow) -> None:
    fill_quickconnect(window, "lab.example.org", 21, "site07", "")
    assert window.endpoint_from_fields().implicit is False
    fill_quickconnect(window, "lab.example.org", 990, "site07", "")
    assert window.endpoint_from_fields().implicit is True
    fill_quickconnect(window, "ftp://lab.example.org", 21, "site07", "")
    with pytest.raises(Exception, match="unencrypted"):
        window.endpoint_from_fields()
