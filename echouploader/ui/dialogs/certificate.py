"""The two certificate dialogs: a first-use one (like FileZilla's) and a changed-certificate one.

FileZilla shows the same friendly dialog again when a certificate changes; here a changed
certificate gets its own dialog that explains the risk, has no simple OK, and can only be accepted
by typing or pasting the new fingerprint (which the core lab must have sent).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from echouploader.core.errors import UsageError
from echouploader.core.ftps.certinfo import CertificateInfo, normalize_fingerprint
from echouploader.core.ftps.trust_store import Decision


def _mono(text: str) -> QLabel:
    label = QLabel(text)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setStyleSheet("font-family: monospace;")
    return label


def _wrap_fingerprint(fp: str) -> str:
    parts = fp.split(":")
    half = (len(parts) + 1) // 2
    return ":".join(parts[:half]) + ":\n" + ":".join(parts[half:]) if len(parts) > 16 else fp


class CertificateDetails(QWidget):
    """Fingerprints, validity, subject, issuer, key, signature, host name, session."""

    def __init__(self, info: CertificateInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

        cert_box = QGroupBox(self.tr("Certificate"))
        form = QFormLayout(cert_box)
        form.addRow(self.tr("Fingerprint (SHA-256):"), _mono(_wrap_fingerprint(info.sha256)))
        form.addRow(self.tr("Fingerprint (SHA-1):"), _mono(info.sha1))
        validity = self.tr("From %1 to %2").replace("%1", info.not_before[:19].replace("T", " "))
        validity = validity.replace("%2", info.not_after[:19].replace("T", " "))
        if info.expired:
            validity += "  " + self.tr("(EXPIRED)")
        if info.not_yet_valid:
            validity += "  " + self.tr("(NOT YET VALID)")
        form.addRow(self.tr("Validity period:"), QLabel(validity))
        form.addRow(self.tr("Subject:"), _mono(info.subject))
        issuer = (
            self.tr("Same as subject, certificate is self-signed")
            if info.self_signed
            else info.issuer
        )
        form.addRow(self.tr("Issuer:"), _mono(issuer))
        form.addRow(self.tr("Serial:"), _mono(info.serial))
        key = (
            self.tr("%1 with %2 bits")
            .replace("%1", info.key_type)
            .replace("%2", str(info.key_bits))
        )
        form.addRow(self.tr("Public key algorithm:"), QLabel(key))
        sig = info.signature_algorithm
        if info.weak_signature:
            sig += "  " + self.tr("(WEAK)")
        form.addRow(self.tr("Signature algorithm:"), QLabel(sig))
        layout.addWidget(cert_box)

        session_box = QGroupBox(self.tr("Session details"))
        sform = QFormLayout(session_box)
        sform.addRow(self.tr("Host:"), QLabel(f"{info.host}:{info.port}"))
        match = (
            self.tr("matches the certificate")
            if info.hostname_matches
            else self.tr(
                "does NOT match the certificate (usual for an IP address and a "
                "self-signed certificate)"
            )
        )
        sform.addRow(self.tr("Host name:"), QLabel(match))
        sform.addRow(self.tr("Protocol:"), QLabel(info.tls_version or "?"))
        sform.addRow(self.tr("Cipher:"), QLabel(info.cipher or "?"))
        layout.addWidget(session_box)


class CertificateDialog(QDialog):
    """First use: 'Is this the core lab's certificate?' — OK (once or always) or Cancel."""

    def __init__(self, info: CertificateInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.info = info
        self.setWindowTitle(self.tr("Unknown certificate"))
        self.setAccessibleName(self.tr("Unknown certificate"))
        layout = QVBoxLayout(self)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        intro = QLabel(
            self.tr(
                "The server's certificate is unknown. Please carefully examine the certificate "
                "to make sure the server can be trusted."
            )
        )
        intro.setWordWrap(True)
        advice = QLabel(
            self.tr(
                "<b>Compare the SHA-256 fingerprint below with the one the core lab sent you</b> "
                "(by e-mail or letter). If they differ, press Cancel and call the core lab."
            )
        )
        advice.setWordWrap(True)
        layout.addWidget(intro)
        layout.addWidget(advice)
        layout.addWidget(CertificateDetails(info))
        layout.addWidget(QLabel(self.tr("Trust the server certificate and carry on connecting?")))
        self.always = QCheckBox(self.tr("&Always trust this certificate in future sessions."))
        self.always.setChecked(True)
        layout.addWidget(self.always)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setDefault(True)
        layout.addWidget(self.buttons)

    @property
    def ok_button(self) -> QPushButton:
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def decision(self) -> Decision:
        if self.result() != QDialog.DialogCode.Accepted:
            return Decision.REJECT
        return Decision.ALWAYS if self.always.isChecked() else Decision.ONCE


class ChangedCertificateDialog(QDialog):
    """The certificate is not the one trusted before: explain, advise, and make accepting hard."""

    def __init__(
        self,
        info: CertificateInfo,
        previous_fingerprint: str,
        *,
        pinned: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.info = info
        self.setWindowTitle(self.tr("WARNING: the server certificate has changed"))
        self.setAccessibleName(self.tr("Changed certificate warning"))
        layout = QVBoxLayout(self)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        head = QLabel(
            self.tr(
                "<h3 style='color:#b00020'>The server's certificate has CHANGED</h3>"
                "<p>The server at %1 presented a different certificate from the one you trusted "
                "before. This can mean that someone is intercepting the connection to read the "
                "password and the patient data. It can also mean that the core lab replaced its "
                "certificate.</p>"
                "<p><b>No password was sent.</b> Do not continue on your own: contact the core lab "
                "or your IT department and ask whether the server's certificate was changed, and "
                "for its new SHA-256 fingerprint.</p>"
            ).replace("%1", f"{info.host}:{info.port}")
        )
        head.setWordWrap(True)
        layout.addWidget(head)
        prev = QFormLayout()
        prev.addRow(
            self.tr("Trusted before (SHA-256):"), _mono(_wrap_fingerprint(previous_fingerprint))
        )
        layout.addLayout(prev)
        layout.addWidget(CertificateDetails(info))
        self.fingerprint_edit = QLineEdit()
        self.fingerprint_edit.setAccessibleName(self.tr("New fingerprint"))
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.accept_button = QPushButton(self.tr("Trust the new certificate"))
        self.accept_button.setEnabled(False)
        self.accept_button.setAutoDefault(False)
        close = QPushButton(self.tr("Disconnect"))
        close.setDefault(True)
        self.buttons = QDialogButtonBox()
        self.buttons.addButton(close, QDialogButtonBox.ButtonRole.RejectRole)
        if pinned:
            note = QLabel(
                self.tr(
                    "Your IT department pinned the certificate for this site; only they can "
                    "change it."
                )
            )
            note.setWordWrap(True)
            layout.addWidget(note)
        else:
            layout.addWidget(
                QLabel(
                    self.tr(
                        "Only if the core lab confirmed the change: type or paste the new "
                        "SHA-256 fingerprint they sent you:"
                    )
                )
            )
            layout.addWidget(self.fingerprint_edit)
            layout.addWidget(self.status)
            self.buttons.addButton(self.accept_button, QDialogButtonBox.ButtonRole.AcceptRole)
            self.fingerprint_edit.textChanged.connect(self._check)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def _check(self, text: str) -> None:
        ok = False
        if text.strip():
            try:
                ok = normalize_fingerprint(text) == self.info.sha256
            except UsageError:
                ok = False
            self.status.setText(
                self.tr("The fingerprint matches the server's new certificate.")
                if ok
                else self.tr("This does not match the certificate the server presented.")
            )
        else:
            self.status.clear()
        self.accept_button.setEnabled(ok)

    def decision(self) -> Decision:
        if self.result() == QDialog.DialogCode.Accepted and self.accept_button.isEnabled():
            return Decision.ALWAYS
        return Decision.REJECT
