"""FTPS sessions that work against the servers core labs run (vsftpd, ProFTPD, FileZilla Server).

``ftplib.FTP_TLS`` alone cannot: it has no implicit TLS, it does not resume the control
connection's TLS session on data connections (vsftpd: ``522 session reuse required``), and its
``unwrap()`` can hang. :class:`FTPSSession` fixes those, checks the server certificate against the
trust store *before* ``USER``/``PASS``, insists on ``PROT P``, and is usable as an ftputil session
factory (see :func:`open_host`).
"""

from __future__ import annotations

import contextlib
import ftplib
import logging
import socket
import ssl
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import IO, Any, TypeVar

from echouploader.core import errors as E
from echouploader.core.ftps.certinfo import CertificateInfo, describe
from echouploader.core.ftps.target import Endpoint
from echouploader.core.ftps.trust_store import TrustStore, UnknownCertificateCallback
from echouploader.core.i18n import _
from echouploader.core.support.redaction import add_secret

T = TypeVar("T")

log = logging.getLogger("echouploader.ftps")
trace_log = logging.getLogger("echouploader.ftps.protocol")

#: What the network, TLS and the server raise; anything else is a bug and is not translated.
NETWORK_ERRORS = (OSError, EOFError, ftplib.Error, UnicodeDecodeError)

BLOCK_SIZE = 1 << 20  # 1 MiB: 1.6x faster than ftplib's 8 KiB on one file (measured)
CONNECT_TIMEOUT = 20.0
UNWRAP_TIMEOUT = 5.0
PROBE_TIMEOUT = 5.0


def tls_context(max_tls12: bool = False) -> ssl.SSLContext:
    """TLS >= 1.2; the certificate is checked by fingerprint (trust store), not by public CAs."""
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    if max_tls12:
        ctx.maximum_version = ssl.TLSVersion.TLSv1_2
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    return ctx


class TrustCheck:
    """What a session does with the certificate it is shown: the store, IT pins, a callback."""

    def __init__(
        self,
        store: TrustStore | None = None,
        on_unknown: UnknownCertificateCallback | None = None,
        *,
        replace: bool = False,
    ) -> None:
        self.store = store or TrustStore()
        self.on_unknown = on_unknown
        self.replace = replace

    def __call__(self, info: CertificateInfo, endpoint: Endpoint) -> None:
        self.store.verify(
            info,
            pinned=endpoint.pinned_fingerprints,
            on_unknown=self.on_unknown,
            replace=self.replace,
            site=endpoint.site,
        )


class FTPSSession(ftplib.FTP_TLS):
    """One logged-in FTPS control connection with encrypted, session-resumed data connections."""

    #: Resume the control connection's TLS session on data connections (servers require it).
    reuse_tls_session = True

    def __init__(
        self,
        endpoint: Endpoint,
        password: str,
        *,
        trust: Callable[[CertificateInfo, Endpoint], None],
        timeout: float = CONNECT_TIMEOUT,
        max_tls12: bool = False,
        login: bool = True,
    ) -> None:
        super().__init__(context=tls_context(max_tls12), timeout=timeout, encoding="utf-8")
        self.endpoint = endpoint
        self.certificate: CertificateInfo | None = None
        self.tls_version = ""
        self.cipher = ""
        self.data_sessions_reused = 0
        self.data_sessions_fresh = 0
        self._trust = trust
        add_secret(password)  # masked in any log line, should it ever reach one
        self._certificate_checked = False
        self._features: set[str] | None = None
        self._type = ""  # the transfer type the server has ("I" or "A"), to send TYPE only once
        self._pasv_ahead = False  # a PASV was sent whose 227 reply has not been read yet
        #: The server answered SIZE with "not implemented": sizes come from listings.
        self.no_size_command = False
        #: The server's file hash command (HASH, XSHA256, XMD5, XCRC); "" none; None not asked.
        self.hash_command: str | None = None
        try:
            self._open()
            if login:
                self._login(password)
        except BaseException:
            self.close()
            raise

    # --- connection ---------------------------------------------------------------------------

    def _open(self) -> None:
        ep = self.endpoint
        log.info(
            "connecting to %s:%s (%s)",
            ep.host,
            ep.port,
            ep.mode_name,
            extra={"event": "connect", "site": ep.site, "host": ep.host, "port": ep.port},
        )
        try:
            self.connect(ep.host, ep.port, self.timeout or CONNECT_TIMEOUT)
        except E.EchoUploaderError:
            raise
        except NETWORK_ERRORS as exc:
            raise translate(exc, ep, stage="connect") from exc

    def connect(
        self, host: str = "", port: int = 0, timeout: float = -999, source_address: Any = None
    ) -> str:
        ep = self.endpoint
        self.host, self.port = host, port
        if timeout != -999:
            self.timeout = timeout
        self.sock = socket.create_connection((host, port), self.timeout)
        self.af = self.sock.family
        if ep.implicit:
            try:
                self.sock = self.context.wrap_socket(self.sock, server_hostname=host)
            except (ssl.SSLError, OSError) as exc:
                self.sock.close()
                raise _diagnose_tls_failure(exc, ep) from exc
            self._check_certificate()
            self.file = self.sock.makefile("r", encoding=self.encoding)
            self.welcome = self.getresp()
        else:
            self.file = self.sock.makefile("r", encoding=self.encoding)
            self.sock.settimeout(min(self.timeout or PROBE_TIMEOUT, PROBE_TIMEOUT))
            try:
                self.welcome = self.getresp()
            except (TimeoutError, EOFError, UnicodeDecodeError) as exc:
                self.sock.close()
                raise _diagnose_no_banner(exc, ep) from exc
            self.sock.settimeout(self.timeout)
            try:
                self.auth()
            except ftplib.error_perm as exc:
                raise E.TLSNotOffered(
                    _(
                        "The server at {host}:{port} does not offer TLS (it answered "
                        "'{reply}'); EchoUploader never sends passwords or patient data "
                        "unencrypted."
                    ).format(host=ep.host, port=ep.port, reply=_reply(exc)),
                    detail=str(exc),
                ) from exc
            except (ssl.SSLError, OSError) as exc:
                raise _tls_failed(exc, ep) from exc
            self._check_certificate()
        return self.welcome

    def _check_certificate(self) -> None:
        ep = self.endpoint
        assert isinstance(self.sock, ssl.SSLSocket)
        der = self.sock.getpeercert(binary_form=True)
        if not der:
            raise E.TLSProblem(
                _("The server at {host}:{port} presented no certificate.").format(
                    host=ep.host, port=ep.port
                )
            )
        cipher = self.sock.cipher()
        self.tls_version = self.sock.version() or ""
        self.cipher = cipher[0] if cipher else ""
        self.certificate = describe(der, ep.host, ep.port, self.tls_version, self.cipher)
        log.info(
            "%s %s, certificate %s",
            self.tls_version,
            self.cipher,
            self.certificate.sha256,
            extra={"event": "tls", "site": ep.site, "fingerprint": self.certificate.sha256},
        )
        self._trust(self.certificate, ep)  # raises before any USER/PASS
        self._certificate_checked = True

    def _login(self, password: str) -> None:
        ep = self.endpoint
        if not self._certificate_checked:  # pragma: no cover - guarded by construction
            raise E.TLSProblem(_("The server certificate was not checked; refusing to log in."))
        try:
            self.login(ep.user, password)
        except ftplib.error_perm as exc:
            if _reply(exc).startswith("530") and not _too_many(_reply(exc)):
                raise E.LoginRefused(
                    _("The server refused the user name or password for {label}.").format(
                        label=ep.label()
                    ),
                    reply=_reply(exc),
                ) from exc
            raise translate(exc, ep, stage="login") from exc
        except ftplib.error_temp as exc:
            raise translate(exc, ep, stage="login") from exc
        except E.EchoUploaderError:
            raise
        except NETWORK_ERRORS as exc:
            raise translate(exc, ep, stage="login") from exc
        log.info("logged in as %s", ep.user, extra={"event": "login", "site": ep.site})
        # PBSZ, PROT, FEAT and TYPE go back to back and their replies are read in order (RFC 959
        # servers read commands in order): one round trip instead of four on a real link.
        for cmd in ("PBSZ 0", "PROT P", "FEAT", "TYPE I"):
            self.putcmd(cmd)
        replies: list[str | ftplib.Error] = []
        for _n in range(4):
            try:
                replies.append(self.getresp())
            except ftplib.Error as exc:
                replies.append(exc)
        for reply in replies[:2]:
            if isinstance(reply, ftplib.Error) or not reply.startswith("2"):
                raise E.InsecureRefused(
                    _(
                        "The server at {host} refused to encrypt file transfers (PROT P: "
                        "'{reply}'); EchoUploader will not send files in clear text."
                    ).format(
                        host=ep.host,
                        reply=_reply(reply) if isinstance(reply, ftplib.Error) else reply,
                    ),
                    detail=str(reply),
                )
        self._prot_p = True
        feat = replies[2]
        self._features = set() if isinstance(feat, ftplib.Error) else _feature_lines(feat)
        self._type = "I" if isinstance(replies[3], str) and replies[3].startswith("2") else ""
        if "UTF8" in self.features():
            with contextlib.suppress(ftplib.Error):
                self.sendcmd("OPTS UTF8 ON")

    def login(self, user: str = "", passwd: str = "", acct: str = "", secure: bool = True) -> str:
        # ftplib's FTP_TLS.login would send AUTH again; we are already encrypted here.
        if not isinstance(self.sock, ssl.SSLSocket):
            raise E.InsecureRefused(
                _("Refusing to send a password over an unencrypted connection.")
            )
        return ftplib.FTP.login(self, user, passwd, acct)

    def features(self) -> set[str]:
        """The server's FEAT lines, upper-cased (``REST STREAM``, ``MLST …``, ``UTF8`` …)."""
        if self._features is None:
            try:
                self._features = _feature_lines(self.sendcmd("FEAT"))
            except ftplib.Error:
                self._features = set()
        return self._features

    def supports_rest(self) -> bool:
        return "REST STREAM" in self.features()

    def binary(self) -> None:
        """``TYPE I``, unless the server is in binary mode already."""
        if self._type != "I":
            self.voidcmd("TYPE I")
            self._type = "I"

    # --- pipelining ---------------------------------------------------------------------------

    def prefetch_pasv(self) -> None:
        """Send ``PASV`` for the next transfer now (before the current one's ``226`` is read):
        the next data connection's port is known one round trip earlier. Any other command
        first reads the pending ``227``."""
        if self.passiveserver and not self._pasv_ahead:
            ftplib.FTP.putcmd(self, "PASV")
            self._pasv_ahead = True

    def putcmd(self, line: str) -> None:
        if self._pasv_ahead:
            self._pasv_ahead = False
            with contextlib.suppress(ftplib.Error):
                self.getresp()  # the prefetched 227, unused
        super().putcmd(line)

    def makepasv(self) -> tuple[str, int]:
        if not self._pasv_ahead:
            return super().makepasv()
        self._pasv_ahead = False
        untrusted_host, port = ftplib.parse227(self.getresp())
        if self.trust_server_pasv_ipv4_address:
            return untrusted_host, port
        return self.sock.getpeername()[0], port

    # --- protocol trace (debug level; PASS masked) --------------------------------------------

    def putline(self, line: str) -> None:
        if trace_log.isEnabledFor(logging.DEBUG):
            shown = "PASS ****" if line[:5].upper() == "PASS " else line
            trace_log.debug("> %s", shown, extra={"event": "protocol", "site": self.endpoint.site})
        super().putline(line)

    def getline(self) -> str:
        line = super().getline()
        if trace_log.isEnabledFor(logging.DEBUG):
            trace_log.debug("< %s", line, extra={"event": "protocol", "site": self.endpoint.site})
        return line

    # --- data connections ---------------------------------------------------------------------

    def ntransfercmd(
        self, cmd: str, rest: int | str | None = None
    ) -> tuple[socket.socket, int | None]:
        if not self._prot_p:  # type: ignore[attr-defined]
            raise E.InsecureRefused(_("Refusing an unencrypted data connection (PROT P not set)."))
        conn, size = self._open_data(cmd, rest)
        assert isinstance(self.sock, ssl.SSLSocket)
        try:
            tls_conn = self.context.wrap_socket(
                conn,
                server_hostname=self.host,
                session=self.sock.session if self.reuse_tls_session else None,
            )
        except (ssl.SSLError, OSError) as exc:
            conn.close()
            reply = ""
            try:
                reply = self.getresp()
            except ftplib.Error as err:
                reply = _reply(err)
            except Exception:  # noqa: BLE001 - the control connection may be gone too
                pass
            if reply.startswith("522") or "reuse" in reply.lower():
                raise E.SessionReuseRefused(
                    _(
                        "The server refused the encrypted data connection ({reply}); it "
                        "requires TLS session reuse, which this connection could not provide."
                    ).format(reply=reply.strip()),
                    detail=repr(exc),
                ) from exc
            raise E.ConnectionLost(
                _("The encrypted data connection to {host} failed ({exc}).").format(
                    host=self.endpoint.host, exc=exc
                ),
                detail=reply,
            ) from exc
        if tls_conn.session_reused:
            self.data_sessions_reused += 1
        else:
            self.data_sessions_fresh += 1
            if self.data_sessions_fresh == 1:
                log.info(
                    "the server did not resume the TLS session on a data connection",
                    extra={"event": "tls", "site": self.endpoint.site},
                )
        return tls_conn, size

    def _open_data(self, cmd: str, rest: int | str | None) -> tuple[socket.socket, int | None]:
        """ftplib's passive ``ntransfercmd``, one round trip shorter: the command goes out
        while the data connection is being connected (the server waits for that connection
        before it answers ``150``, and refuses with ``4xx``/``5xx`` first if it will not)."""
        if not self.passiveserver:
            return ftplib.FTP.ntransfercmd(self, cmd, rest)
        host, port = self.makepasv()
        if rest is not None:
            self.sendcmd(f"REST {rest}")
        self.putcmd(cmd)
        conn = socket.create_connection(
            (host, port), self.timeout, source_address=self.source_address
        )
        try:
            resp = self.getresp()
            if resp[0] == "2":
                resp = self.getresp()
            if resp[0] != "1":
                raise ftplib.error_reply(resp)
        except BaseException:
            conn.close()
            raise
        size = ftplib.parse150(resp) if resp[:3] == "150" else None
        return conn, size

    @staticmethod
    def _close_data(conn: socket.socket) -> None:
        """Send close_notify, but never hang on a server that does not answer it."""
        if isinstance(conn, ssl.SSLSocket):
            try:
                conn.settimeout(UNWRAP_TIMEOUT)
                conn.unwrap()
            except (OSError, ValueError, ssl.SSLError) as exc:
                log.debug("data connection unwrap: %r (harmless; the 226 reply decides)", exc)

    def storbinary(  # type: ignore[override]
        self,
        cmd: str,
        fp: IO[bytes],
        blocksize: int = BLOCK_SIZE,
        callback: Callable[[bytes], Any] | None = None,
        rest: int | str | None = None,
    ) -> str:
        self.binary()
        with self.transfercmd(cmd, rest) as conn:
            while buf := fp.read(blocksize):
                conn.sendall(buf)
                if callback:
                    callback(buf)
            self._close_data(conn)
        return self.voidresp()

    def retrbinary(
        self,
        cmd: str,
        callback: Callable[[bytes], Any],
        blocksize: int = BLOCK_SIZE,
        rest: int | str | None = None,
    ) -> str:
        self.binary()
        with self.transfercmd(cmd, rest) as conn:
            while data := conn.recv(blocksize):
                callback(data)
            self._close_data(conn)
        return self.voidresp()

    def retrlines(self, cmd: str, callback: Callable[[str], Any] | None = None) -> str:
        if callback is None:
            callback = print
        self.sendcmd("TYPE A")
        self._type = "A"
        with self.transfercmd(cmd) as conn, conn.makefile("r", encoding=self.encoding) as fp:
            while line := fp.readline(ftplib.MAXLINE + 1):
                callback(line.rstrip("\r\n"))
            self._close_data(conn)
        return self.voidresp()

    def close(self) -> None:
        with contextlib.suppress(Exception):  # closing must not raise
            super().close()


def _feature_lines(resp: str) -> set[str]:
    lines = resp.splitlines()[1:-1]
    return {line.strip().upper() for line in lines if line.strip()}


# --- error translation -------------------------------------------------------------------------


def _too_many(reply: str) -> bool:
    """A refusal for the number of connections, not for the password."""
    low = reply.lower()
    return "too many" in low or "maximum number" in low or "connections" in low


def _reply(exc: BaseException) -> str:
    return str(exc.args[0]) if exc.args else str(exc)


def _tls_failed(exc: BaseException, ep: Endpoint) -> E.EchoUploaderError:
    return E.TLSProblem(
        _("The secure connection to {host}:{port} failed during the TLS handshake ({exc}).").format(
            host=ep.host, port=ep.port, exc=exc
        ),
        detail=repr(exc),
    )


def _plain_greeting(host: str, port: int) -> bytes:
    """What the server says in clear text right after connecting (b"" if nothing)."""
    try:
        with socket.create_connection((host, port), PROBE_TIMEOUT) as s:
            s.settimeout(PROBE_TIMEOUT)
            return s.recv(512)
    except OSError:
        return b""


def _answers_tls(host: str, port: int) -> bool:
    try:
        with (
            socket.create_connection((host, port), PROBE_TIMEOUT) as s,
            tls_context().wrap_socket(s, server_hostname=host),
        ):
            return True
    except (OSError, ssl.SSLError):
        return False


def _diagnose_tls_failure(exc: BaseException, ep: Endpoint) -> E.EchoUploaderError:
    """Implicit TLS failed: a server that greets in plain text wants explicit TLS."""
    if isinstance(exc, (TimeoutError, socket.timeout)):
        return E.ConnectionTimeout(
            _("The server at {host}:{port} did not complete the TLS handshake in time.").format(
                host=ep.host, port=ep.port
            ),
            detail=repr(exc),
        )
    greeting = _plain_greeting(ep.host, ep.port)
    if greeting.startswith(b"421"):
        reply = greeting.decode("utf-8", "replace").strip()
        return translate(ftplib.error_temp(reply), ep)
    if greeting.startswith(b"220"):
        return E.WrongTLSMode(
            _(
                "The server at {host}:{port} expects explicit TLS (FTPES, usually port "
                "21), not implicit TLS; use ftpes://{user}@{host}:{port}/ or set the "
                "site's protocol to explicit."
            ).format(host=ep.host, port=ep.port, user=ep.user),
            detail=repr(exc),
        )
    return _tls_failed(exc, ep)


def _diagnose_no_banner(exc: BaseException, ep: Endpoint) -> E.EchoUploaderError:
    """Explicit TLS got no greeting: a server that waits for a TLS handshake wants implicit TLS."""
    if _answers_tls(ep.host, ep.port):
        return E.WrongTLSMode(
            _(
                "The server at {host}:{port} expects implicit TLS (FTPS, usually port "
                "990), not explicit TLS; use ftps://{user}@{host}:{port}/ or set the "
                "site's protocol to implicit."
            ).format(host=ep.host, port=ep.port, user=ep.user),
            detail=repr(exc),
        )
    return E.ConnectionTimeout(
        _("The server at {host}:{port} did not send an FTP greeting.").format(
            host=ep.host, port=ep.port
        ),
        detail=repr(exc),
    )


def translate(exc: BaseException, ep: Endpoint, *, stage: str = "") -> E.EchoUploaderError:
    """Turn an ftplib / ssl / socket exception into the project's error with a user sentence."""
    if isinstance(exc, E.EchoUploaderError):
        return exc
    where = f"{ep.host}:{ep.port}"
    detail = f"{stage}: {exc!r}" if stage else repr(exc)
    if isinstance(exc, ftplib.Error):
        reply = _reply(exc)
        code = reply[:3]
        text = reply[4:].strip() or reply
        if code == "530" and _too_many(reply):
            # ProFTPD's MaxClientsPerUser / MaxClientsPerHost answer the password with 530.
            return E.TooManyConnections(
                _(
                    "The server allows no more connections for this account right now ({text})."
                ).format(text=text),
                reply=reply,
            )
        if code == "530":
            return E.LoginRefused(
                _("The server refused the user name or password for {label}.").format(
                    label=ep.label()
                ),
                reply=reply,
            )
        if code in ("452", "552"):
            return E.StorageFull(
                _(
                    "The server's storage is full ({reply}); the core lab must free space "
                    "before more can be uploaded."
                ).format(reply=reply.strip()),
                reply=reply,
            )
        if code == "421":
            if "too many" in reply.lower() or "connections" in reply.lower():
                return E.TooManyConnections(
                    _("The server has too many connections right now ({text}).").format(text=text),
                    reply=reply,
                )
            return E.ServerClosing(
                _("The server closed the connection ({text}).").format(text=text), reply=reply
            )
        if code == "522":
            return E.SessionReuseRefused(
                _(
                    "The server refused the encrypted data connection ({reply}): it "
                    "requires TLS session reuse."
                ).format(reply=reply.strip()),
                reply=reply,
            )
        if code == "550":
            return E.PermissionDenied(
                _(
                    "The server refused: {text} (550); check the folder name and your permissions."
                ).format(text=text),
                reply=reply,
            )
        return E.ServerError(
            _("The server answered '{reply}'.").format(reply=reply.strip()), reply=reply
        )
    if isinstance(exc, socket.gaierror):
        return E.HostNotFound(
            _(
                "The server name '{host}' could not be found; check the host name and "
                "your network connection."
            ).format(host=ep.host),
            detail=detail,
        )
    if isinstance(exc, ConnectionRefusedError):
        return E.ConnectionRefused(
            _(
                "The server at {where} refused the connection; check the host and "
                "port, or the server may be down."
            ).format(where=where),
            detail=detail,
        )
    if isinstance(exc, (TimeoutError, socket.timeout)):
        return E.ConnectionTimeout(
            _(
                "The server at {where} did not answer in time; check your network connection."
            ).format(where=where),
            detail=detail,
        )
    if isinstance(exc, ssl.SSLError):
        return _tls_failed(exc, ep)
    if isinstance(exc, (EOFError, ConnectionError, OSError)):
        return E.ConnectionLost(
            _("The connection to {where} was lost ({kind}).").format(
                where=where, kind=type(exc).__name__
            ),
            detail=detail,
        )
    # Not the network's doing: a bug of ours, named as one (and never retried as a dropped line).
    return E.InternalError(
        _(
            "An internal error stopped the work with {where} ({kind}: {exc}); the "
            "details are in the log."
        ).format(where=where, kind=type(exc).__name__, exc=exc),
        detail=detail,
    )


# --- opening sessions --------------------------------------------------------------------------


class SessionFactory:
    """Creates logged-in sessions for one endpoint; pass it to ftputil as ``session_factory``.

    A server that refuses TLS session reuse over TLS 1.3 (the ticket arrives after the handshake
    and some servers mishandle it) is retried once capped at TLS 1.2, and remembered.
    """

    def __init__(
        self,
        endpoint: Endpoint,
        password: str,
        trust: Callable[[CertificateInfo, Endpoint], None] | None = None,
        *,
        timeout: float = CONNECT_TIMEOUT,
    ) -> None:
        self.endpoint = endpoint
        self._password = password
        self.trust = trust or TrustCheck()
        self.timeout = timeout
        self.max_tls12 = False
        self._lock = threading.Lock()

    def __call__(self, *args: Any, **kwargs: Any) -> FTPSSession:
        return FTPSSession(
            self.endpoint,
            self._password,
            trust=self.trust,
            timeout=self.timeout,
            max_tls12=self.max_tls12,
        )

    def fall_back_to_tls12(self) -> bool:
        """After a 522 on TLS 1.3: use TLS 1.2 from now on. False if already there."""
        with self._lock:
            if self.max_tls12:
                return False
            self.max_tls12 = True
        log.warning(
            "the server refused TLS session reuse over TLS 1.3; using TLS 1.2 for %s",
            self.endpoint.host,
            extra={"event": "tls", "site": self.endpoint.site},
        )
        return True

    def __repr__(self) -> str:  # never show the password
        return f"SessionFactory({self.endpoint.url()})"


def with_tls12_fallback(factory: SessionFactory, action: Callable[[], T]) -> T:
    """Run ``action`` (which opens sessions from ``factory``); if the server refuses session
    reuse, cap the factory at TLS 1.2 and run it once more."""
    try:
        return action()
    except E.SessionReuseRefused:
        if not factory.fall_back_to_tls12():
            raise
        return action()


def open_host(factory: SessionFactory) -> Any:
    """An ``ftputil.FTPHost`` over our sessions, for listing, stat, makedirs and walking."""
    import ftputil

    try:
        host = ftputil.FTPHost(session_factory=factory)
    except ftputil.error.FTPError as exc:
        raise unwrap_ftputil(exc, factory.endpoint) from exc
    host.set_time_shift(0.0)  # listings are read as UTC
    return host


def unwrap_ftputil(exc: BaseException, ep: Endpoint) -> E.EchoUploaderError:
    """ftputil wraps our errors and ftplib's; get back to a project error."""
    seen: set[int] = set()
    cur: BaseException | None = exc
    while cur is not None and id(cur) not in seen:
        seen.add(id(cur))
        if isinstance(cur, E.EchoUploaderError):
            return cur
        if isinstance(cur, (ftplib.Error, OSError, EOFError, ssl.SSLError)) and not _is_ftputil(
            cur
        ):
            return translate(cur, ep)
        cur = cur.__cause__ or cur.__context__
    import ftputil.error

    if isinstance(exc, ftputil.error.FTPError):
        errno = getattr(exc, "errno", None)
        strerror = getattr(exc, "strerror", None) or str(exc)
        reply = f"{errno} {strerror}" if errno else strerror
        return translate(ftplib.error_perm(reply), ep)
    return translate(exc, ep)


@contextmanager
def translated(ep: Endpoint) -> Iterator[None]:
    """Run a block of ftplib/ftputil calls; any failure comes out as a project error."""
    try:
        yield
    except E.EchoUploaderError:
        raise
    except Exception as exc:
        raise unwrap_ftputil(exc, ep) from exc


def _is_ftputil(exc: BaseException) -> bool:
    return type(exc).__module__.startswith("ftputil")


def probe_certificate(endpoint: Endpoint, timeout: float = CONNECT_TIMEOUT) -> CertificateInfo:
    """Connect, complete the TLS handshake and return the certificate, without logging in."""
    seen: list[CertificateInfo] = []

    def capture(info: CertificateInfo, _ep: Endpoint) -> None:
        seen.append(info)

    session = FTPSSession(endpoint, "", trust=capture, timeout=timeout, login=False)
    session.close()
    return seen[0]
