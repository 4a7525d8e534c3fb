"""An FTPS server in-process (pyftpdlib), implicit or explicit TLS, for ``--demo`` and for tests.

pyftpdlib speaks explicit TLS out of the box; implicit TLS needs the handshake to start as soon as a
client connects and the ``220`` greeting to follow it, which :class:`_ImplicitMixin` does.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import logging
import os
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

log = logging.getLogger("echouploader.server")
# pyftpdlib logs every command (file names included) at INFO: keep it to warnings.
logging.getLogger("pyftpdlib").setLevel(logging.WARNING)


def make_self_signed(
    cert_path: Path,
    key_path: Path,
    *,
    common_name: str = "localhost",
    hosts: Iterable[str] = ("localhost", "127.0.0.1", "::1"),
    days: int = 3650,
) -> str:
    """Write a self-signed certificate and its private key (PEM, key owner-only).

    Returns the certificate's SHA-256 fingerprint in ``AB:CD:…`` form.
    """
    from echouploader.core.ftps.certinfo import sha256_fingerprint

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
    alt: list[x509.GeneralName] = []
    for h in hosts:
        try:
            alt.append(x509.IPAddress(ipaddress.ip_address(h)))
        except ValueError:
            alt.append(x509.DNSName(h))
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=days))
        .add_extension(x509.SubjectAlternativeName(alt), critical=False)
        .sign(key, hashes.SHA256())
    )
    cert_path.parent.mkdir(parents=True, exist_ok=True)
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    os.chmod(key_path, 0o600)
    return sha256_fingerprint(cert.public_bytes(serialization.Encoding.DER))


@dataclass
class ServerOptions:
    """Knobs for tests: each mimics something real servers do."""

    implicit: bool = True
    refuse_prot_p: bool = False  # a server that will not encrypt data
    max_cons: int = 64
    max_cons_per_ip: int = 0  # 0: unlimited; >0: "421 too many connections" beyond it
    storage_limit: int | None = None  # bytes; beyond it STOR fails with 552
    plain: bool = False  # no TLS at all (to prove the client refuses it)
    auth_failed_timeout: float = 3.0  # pyftpdlib's delay after a wrong password
    refuse_data_over_tls13: bool = False  # 522 on data commands while the control uses TLS 1.3
    extra: dict[str, Any] = field(default_factory=dict)  # class attributes for the handler


class FTPSServer:
    """A pyftpdlib FTPS server on a background thread. Use as a context manager or start/stop."""

    def __init__(
        self,
        root: Path,
        user: str,
        password: str,
        *,
        cert_path: Path,
        key_path: Path,
        host: str = "127.0.0.1",
        port: int = 0,
        options: ServerOptions | None = None,
    ) -> None:
        from pyftpdlib.authorizers import DummyAuthorizer
        from pyftpdlib.handlers import TLS_FTPHandler
        from pyftpdlib.servers import FTPServer

        self.options = options or ServerOptions()
        self.root = Path(root)
        self.root.mkdir(parents=True, exist_ok=True)
        self.commands: list[tuple[str, str]] = []  # (command, argument); PASS argument masked
        self._commands_lock = threading.Lock()
        self.stored_bytes = 0
        # Bytes each upload brought, by path under the root ("/in/a.dcm"), every try counted:
        # what a test checks to prove that no byte of a file was sent twice.
        self.received: dict[str, int] = {}

        authorizer = DummyAuthorizer()
        authorizer.add_user(user, password, str(self.root), perm="elradfmwMT")
        server_ref = self
        opts = self.options

        from pyftpdlib.handlers import FTPHandler

        if opts.plain:
            bases: tuple[type, ...] = (FTPHandler,)
        elif opts.implicit:
            bases = (_ImplicitMixin, TLS_FTPHandler)
        else:
            bases = (TLS_FTPHandler,)
        Handler: Any = type("EchoUploaderTestHandler", bases, {})

        Handler.authorizer = authorizer
        Handler.certfile = str(cert_path)
        Handler.keyfile = str(key_path)
        Handler.ssl_context = None  # per server: built from this certificate
        Handler.tls_control_required = not opts.plain
        Handler.tls_data_required = not opts.plain
        Handler.auth_failed_timeout = opts.auth_failed_timeout
        Handler.banner = "EchoUploader test server ready."
        Handler.passive_ports = None
        Handler._server_ref = server_ref
        for k, v in opts.extra.items():
            setattr(Handler, k, v)
        Handler.pre_process_command = _recording_pre_process(TLS_FTPHandler.pre_process_command)
        Handler.log_transfer = _counting_log_transfer(TLS_FTPHandler.log_transfer)
        if opts.refuse_prot_p:
            Handler.ftp_PROT = _refuse_prot
        if opts.refuse_data_over_tls13:
            Handler.process_command = _refuse_data_over_tls13(TLS_FTPHandler.process_command)
        if opts.storage_limit is not None:
            Handler.ftp_STOR = _limited_stor(TLS_FTPHandler.ftp_STOR)
        self._handler = Handler
        self._server = FTPServer((host, port), Handler)
        logging.getLogger("pyftpdlib").setLevel(logging.WARNING)
        self._server.max_cons = opts.max_cons
        self._server.max_cons_per_ip = opts.max_cons_per_ip
        self.host = host
        self.port: int = self._server.socket.getsockname()[1]
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def record(self, cmd: str, arg: str) -> None:
        with self._commands_lock:
            self.commands.append((cmd, "****" if cmd == "PASS" else arg))

    def count_received(self, filename: str, n: int) -> None:
        rel = "/" + Path(os.path.relpath(filename, self.root)).as_posix()
        with self._commands_lock:
            self.received[rel] = self.received.get(rel, 0) + n

    def received_bytes(self) -> dict[str, int]:
        """A copy of :attr:`received`, taken under the lock."""
        with self._commands_lock:
            return dict(self.received)

    def command_names(self) -> list[str]:
        with self._commands_lock:
            return [c for c, _ in self.commands]

    def start(self) -> FTPSServer:
        self._thread = threading.Thread(
            target=self._serve, name="echouploader-ftps-server", daemon=True
        )
        self._thread.start()
        return self

    def _serve(self) -> None:
        while not self._stop.is_set():
            self._server.ioloop.loop(0.05, blocking=False)
        self._server.close_all()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=10)
            self._thread = None

    def __enter__(self) -> FTPSServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


class _ImplicitMixin:
    """Start TLS at once; greet only when the handshake is done."""

    _greeted = False

    def handle(self) -> None:
        self.secure_connection(self.ssl_context)  # type: ignore[attr-defined]

    def handle_ssl_established(self) -> None:
        if not self._greeted:
            self._greeted = True
            from pyftpdlib.handlers import FTPHandler

            FTPHandler.handle(self)


def _recording_pre_process(original: Any) -> Any:
    def pre_process_command(self: Any, line: str, cmd: str, arg: str) -> None:
        self._server_ref.record(cmd, arg)
        original(self, line, cmd, arg)

    return pre_process_command


def _counting_log_transfer(original: Any) -> Any:
    def log_transfer(
        self: Any,
        cmd: str,
        filename: str,
        receive: bool,
        completed: bool,
        elapsed: float,
        bytes: int,  # noqa: A002 - pyftpdlib's name
    ) -> None:
        if receive:
            self._server_ref.count_received(filename, bytes)
        original(self, cmd, filename, receive, completed, elapsed, bytes)

    return log_transfer


def _refuse_prot(self: Any, line: str) -> None:
    self.respond("536 PROT P not supported by this server.")


_DATA_COMMANDS = {"STOR", "RETR", "LIST", "NLST", "MLSD", "APPE", "STOU"}


def _refuse_data_over_tls13(original: Any) -> Any:
    """Mimic servers whose TLS 1.3 session tickets break data-connection resumption."""

    def process_command(self: Any, cmd: str, *args: Any, **kwargs: Any) -> Any:
        version = getattr(self.socket, "get_protocol_version_name", lambda: "")()
        if cmd in _DATA_COMMANDS and version == "TLSv1.3":
            self.respond("522 SSL connection failed: session reuse required")
            if self.data_channel is not None:
                self.data_channel.close()
                self.data_channel = None
            return None
        return original(self, cmd, *args, **kwargs)

    return process_command


def _limited_stor(original: Any) -> Any:
    def ftp_STOR(self: Any, file: str, mode: str = "w") -> Any:
        server = self._server_ref
        used = sum(p.stat().st_size for p in server.root.rglob("*") if p.is_file())
        if used >= server.options.storage_limit:
            self.respond("552 Requested file action aborted. Exceeded storage allocation.")
            return None
        return original(self, file, mode)

    return ftp_STOR
