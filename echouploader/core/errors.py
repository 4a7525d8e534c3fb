"""The project's errors: each carries one plain sentence for the user and a process exit code.

Low-level exceptions (``ftplib``, ``ssl``, ``socket``) are translated into these at the edge of the
core, so the CLI prints ``str(error)`` and the GUI shows it in a dialog; the detail goes to the log.
"""

from __future__ import annotations

from enum import IntEnum

from echouploader.core.i18n import _


class ExitCode(IntEnum):
    OK = 0
    FAILURE = 1  # transfer or server error
    USAGE = 2
    PRIVACY_BLOCKED = 3
    CERTIFICATE = 4  # certificate not trusted or changed
    QUOTA = 5
    LOGIN = 6


class EchoUploaderError(Exception):
    """Base class: ``str(err)`` is the sentence shown to the user."""

    exit_code: ExitCode = ExitCode.FAILURE

    def __init__(self, message: str, *, detail: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail

    def __str__(self) -> str:
        return self.message


class UsageError(EchoUploaderError):
    exit_code = ExitCode.USAGE


class ConfigError(EchoUploaderError):
    """A settings file, site file or profile is wrong or unreadable."""

    exit_code = ExitCode.USAGE


# --- connecting -----------------------------------------------------------------------------


class ConnectionProblem(EchoUploaderError):
    """Could not reach the server (DNS, refused, timeout, dropped)."""


class HostNotFound(ConnectionProblem):
    pass


class ConnectionRefused(ConnectionProblem):
    pass


class ConnectionTimeout(ConnectionProblem):
    pass


class ConnectionLost(ConnectionProblem):
    """The connection broke in the middle of something; worth retrying."""


class TLSProblem(EchoUploaderError):
    """The TLS handshake failed (wrong mode, too old a server, a broken certificate)."""


class WrongTLSMode(TLSProblem):
    """The server speaks the other kind of FTPS (implicit vs explicit)."""


class InsecureRefused(EchoUploaderError):
    """Something would have sent data or a password unencrypted; we refuse."""

    exit_code = ExitCode.USAGE


class TLSNotOffered(InsecureRefused):
    """The server speaks only plain FTP: a server problem (exit 1), not bad input."""

    exit_code = ExitCode.FAILURE


# --- certificates ---------------------------------------------------------------------------


class CertificateError(EchoUploaderError):
    exit_code = ExitCode.CERTIFICATE


class CertificateNotTrusted(CertificateError):
    """First connection to this server and nobody has said the certificate is right."""

    def __init__(self, message: str, *, fingerprint: str = "", detail: str | None = None) -> None:
        super().__init__(message, detail=detail)
        self.fingerprint = fingerprint


class CertificateChanged(CertificateError):
    """The server's certificate differs from the one trusted before: possible interception."""

    def __init__(
        self,
        message: str,
        *,
        fingerprint: str = "",
        previous_fingerprint: str = "",
        detail: str | None = None,
    ) -> None:
        super().__init__(message, detail=detail)
        self.fingerprint = fingerprint
        self.previous_fingerprint = previous_fingerprint


# --- the server said no ---------------------------------------------------------------------


class ServerError(EchoUploaderError):
    """The server answered with an error reply."""

    def __init__(self, message: str, *, reply: str = "", detail: str | None = None) -> None:
        super().__init__(message, detail=detail)
        self.reply = reply

    @property
    def code(self) -> str:
        return self.reply[:3]


class SessionReuseRefused(ServerError):
    """The server refused the data connection's TLS session (522)."""


class LoginRefused(ServerError):
    exit_code = ExitCode.LOGIN


class PermissionDenied(ServerError):
    pass


class StorageFull(ServerError):
    exit_code = ExitCode.QUOTA


class ServerClosing(ServerError):
    """421: the server is going away or has too many connections."""


class TooManyConnections(ServerClosing):
    pass


class QuotaExceeded(EchoUploaderError):
    exit_code = ExitCode.QUOTA


class PrivacyBlocked(EchoUploaderError):
    exit_code = ExitCode.PRIVACY_BLOCKED


class CredentialsError(EchoUploaderError):
    """The keyring is locked, missing or failed."""


# --- sites ----------------------------------------------------------------------------------


class SiteNotFound(UsageError):
    """No site has that name."""


class ManagedSiteError(UsageError):
    """A site set up by IT cannot be changed or removed by the user."""


class PolicyRefused(UsageError):
    """The machine-wide policy forbids this (e.g. sites added by the user)."""


class ImportRefused(ConfigError):
    """A site file (FileZilla XML) is malformed, hostile or not a site file: nothing imported."""


class LocalStorageFull(EchoUploaderError):
    """A local folder (staging copy, cache) has no room for what must be written there."""


class InternalError(EchoUploaderError):
    """A bug in EchoUploader itself, not trouble with the network, the server or the input."""


class Cancelled(EchoUploaderError):
    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or _("The operation was cancelled."))
