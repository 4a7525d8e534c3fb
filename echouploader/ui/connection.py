"""Connecting the window to a site: a worker logs in, certificate questions go to dialogs.

A first connection is tried with a trust check that refuses unknown certificates (so nothing is
sent before the certificate is settled); the certificate it saw is shown in a dialog, and after the
user's answer the connection is tried again accepting exactly that fingerprint. A changed
certificate gets the changed-certificate dialog and is replaced only when the user typed the new
fingerprint. No password leaves the computer before the certificate is trusted.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from echouploader.core.errors import CertificateChanged, CertificateNotTrusted
from echouploader.core.ftps.certinfo import CertificateInfo
from echouploader.core.ftps.remote_fs import RemoteConnection
from echouploader.core.ftps.session import SessionFactory, TrustCheck
from echouploader.core.ftps.target import Endpoint
from echouploader.core.ftps.trust_store import Decision, TrustStore
from echouploader.ui.dialogs.certificate import CertificateDialog, ChangedCertificateDialog
from echouploader.ui.workers import WorkerPool

log = logging.getLogger("echouploader.ui")


class _Approved:
    """Accept exactly one fingerprint with one decision; anything else is refused."""

    def __init__(self, fingerprint: str, decision: Decision) -> None:
        self.fingerprint = fingerprint
        self.decision = decision

    def __call__(self, info: CertificateInfo) -> Decision:
        return self.decision if info.sha256 == self.fingerprint else Decision.REJECT


class ConnectionController(QObject):
    status = Signal(str)  # a line for the message log
    connected = Signal(object, str)  # RemoteConnection, start folder
    failed = Signal(object)  # exception
    cancelled = Signal(str)  # the user declined a certificate
    dialog_shown = Signal(object)  # the certificate dialog (for tests and screenshots)

    def __init__(self, pool: WorkerPool, store: TrustStore, parent_widget: QWidget) -> None:
        super().__init__(parent_widget)
        self.pool = pool
        self.store = store
        self.parent_widget = parent_widget
        self.connection: RemoteConnection | None = None
        self.certificate: CertificateInfo | None = None  # of the current connection
        self.busy = False

    # --- the flow -------------------------------------------------------------------------------

    def connect_to(self, endpoint: Endpoint, password: str) -> None:
        if self.busy:
            return
        self.disconnect_current()
        self.status.emit(
            self.tr("Connecting to %1 (%2)…")
            .replace("%1", f"{endpoint.host}:{endpoint.port}")
            .replace("%2", endpoint.mode_name)
        )
        self._attempt(endpoint, password, None, replace=False)

    def _attempt(
        self, endpoint: Endpoint, password: str, approved: _Approved | None, *, replace: bool
    ) -> None:
        self.busy = True
        seen: list[CertificateInfo] = []
        check = TrustCheck(self.store, approved, replace=replace)

        def trust(info: CertificateInfo, ep: Endpoint) -> None:
            seen.append(info)
            check(info, ep)

        # Later sessions (browsing, transfers) use the plain store check: the certificate is
        # trusted by then (always, or once in this run of the program).
        factory = SessionFactory(endpoint, password, trust)
        conn = RemoteConnection(factory)

        def job(_progress: Any, _cancel: Any) -> str:
            return conn.open()

        def done(start: object) -> None:
            self.busy = False
            factory.trust = TrustCheck(self.store)
            self.connection = conn
            info = seen[-1] if seen else None
            self.certificate = info
            if info is not None:
                self.status.emit(
                    self.tr("TLS connection established: %1, %2.")
                    .replace("%1", info.tls_version)
                    .replace("%2", info.cipher)
                )
            self.status.emit(self.tr("Logged in as %1.").replace("%1", endpoint.user))
            self.connected.emit(conn, str(start))

        def error(exc: BaseException) -> None:
            self.busy = False
            conn.close()
            info = seen[-1] if seen else None
            if isinstance(exc, CertificateChanged) and info is not None:
                self._ask_changed(endpoint, password, info, exc)
            elif isinstance(exc, CertificateNotTrusted) and info is not None and approved is None:
                self._ask_first_use(endpoint, password, info)
            else:
                self.failed.emit(exc)

        self.pool.start(job, "connect", on_success=done, on_error=error)

    def _ask_first_use(self, endpoint: Endpoint, password: str, info: CertificateInfo) -> None:
        self.status.emit(
            self.tr("The server's certificate is not known yet; waiting for your answer.")
        )
        dialog = CertificateDialog(info, self.parent_widget)
        self.busy = True  # until the question is answered

        def answered(_result: int) -> None:
            self.busy = False
            decision = dialog.decision()
            dialog.deleteLater()
            if decision is Decision.REJECT:
                self.status.emit(self.tr("Certificate not trusted; disconnected."))
                self.cancelled.emit("certificate")
                return
            self._attempt(endpoint, password, _Approved(info.sha256, decision), replace=False)

        dialog.finished.connect(answered)
        dialog.open()
        self.dialog_shown.emit(dialog)

    def _ask_changed(
        self, endpoint: Endpoint, password: str, info: CertificateInfo, exc: CertificateChanged
    ) -> None:
        self.status.emit(str(exc))
        dialog = ChangedCertificateDialog(
            info,
            exc.previous_fingerprint,
            pinned=bool(endpoint.pinned_fingerprints),
            parent=self.parent_widget,
        )
        self.busy = True  # until the question is answered

        def answered(_result: int) -> None:
            self.busy = False
            decision = dialog.decision()
            dialog.deleteLater()
            if decision is not Decision.ALWAYS:
                self.status.emit(self.tr("The changed certificate was not accepted; disconnected."))
                self.cancelled.emit("certificate-changed")
                return
            self.status.emit(self.tr("The new certificate was confirmed by its fingerprint."))
            self._attempt(endpoint, password, _Approved(info.sha256, decision), replace=True)

        dialog.finished.connect(answered)
        dialog.open()
        self.dialog_shown.emit(dialog)

    def disconnect_current(self) -> None:
        conn, self.connection = self.connection, None
        if conn is not None:
            self.pool.start(lambda _p, _c: conn.close(), "disconnect")
