"""Real FTPS servers for tests: pyftpdlib in-process (implicit and explicit TLS) and vsftpd.

vsftpd runs as the core labs run it (implicit TLS, ``require_ssl_reuse=YES``, encrypted data
forced) with a throwaway local user; it needs root and the vsftpd binary, which ``.ci/run``
installs, so in CI these tests run and a missing vsftpd is a failure, not a skip.
"""

from __future__ import annotations

import os
import secrets
import shutil
import socket
import subprocess
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from bench.servers import ensure_user, vsftpd_conf
from echouploader.core.ftps.server import FTPSServer, ServerOptions, make_self_signed
from echouploader.core.ftps.target import Endpoint

USER = "sonographer"
PASSWORD = "Corr3ct-h0rse-Battery"


@dataclass
class Cert:
    cert: Path
    key: Path
    fingerprint: str


@dataclass
class ServerInfo:
    """What a test needs to talk to a running server."""

    host: str
    port: int
    user: str
    password: str
    implicit: bool
    root: Path  # the user's home folder on disk: what the server stores
    fingerprint: str
    kind: str  # "pyftpdlib" or "vsftpd"
    server: FTPSServer | None = None
    log_file: Path | None = None
    extra: dict[str, object] = field(default_factory=dict)

    @property
    def endpoint(self) -> Endpoint:
        return Endpoint(self.host, self.port, self.user, implicit=self.implicit)

    def url(self, path: str = "/") -> str:
        return self.endpoint.url(path)

    def commands(self) -> list[str]:
        """Commands the server received, upper-cased (for 'no USER/PASS was sent' checks).

        Each server's own log format is read; a server whose log cannot be read fails the test
        rather than answering ``[]`` (which would make every "was not sent" check pass).
        """
        if self.server is not None:
            return self.server.command_names()
        parse = _LOG_PARSERS.get(self.kind)
        if parse is None or self.log_file is None:
            # pure-ftpd writes its command log only to syslog (/dev/log), which a test cannot
            # read without owning the machine's syslog: ask vsftpd, ProFTPD or pyftpdlib.
            raise AssertionError(f"no way to read the commands {self.kind} received")
        if not self.log_file.exists():
            raise AssertionError(f"{self.kind} wrote no log at {self.log_file}")
        return parse(self.log_file.read_text(errors="replace"))


def _vsftpd_commands(text: str) -> list[str]:
    # Sat Nov  1 10:00:00 2026 [pid 12] [user] FTP command: Client "127.0.0.1", "STOR a.bin"
    out = []
    for line in text.splitlines():
        if 'FTP command: Client "' in line:
            cmd = line.split('", "', 1)[1].split(" ", 1)[0].strip('"')
            out.append(cmd.upper())
    return out


def _proftpd_commands(text: str) -> list[str]:
    # ExtendedLog with LogFormat "%m %J": the command, then its argument (PASS is "(hidden)").
    return [line.split(" ", 1)[0].upper() for line in text.splitlines() if line.strip()]


_LOG_PARSERS: dict[str, Callable[[str], list[str]]] = {
    "vsftpd": _vsftpd_commands,
    "proftpd": _proftpd_commands,
}


def _make_cert(directory: Path, name: str = "server") -> Cert:
    cert, key = directory / f"{name}.crt", directory / f"{name}.key"
    fp = make_self_signed(cert, key)
    return Cert(cert, key, fp)


@pytest.fixture(scope="session")
def server_cert(tmp_path_factory: pytest.TempPathFactory) -> Cert:
    return _make_cert(tmp_path_factory.mktemp("cert"))


@pytest.fixture(scope="session")
def other_cert(tmp_path_factory: pytest.TempPathFactory) -> Cert:
    """A second certificate: a server that was swapped (or a man in the middle)."""
    return _make_cert(tmp_path_factory.mktemp("cert2"), "impostor")


@pytest.fixture
def make_server(tmp_path: Path, server_cert: Cert) -> Iterator[Callable[..., ServerInfo]]:
    """Start pyftpdlib FTPS servers: ``make_server(implicit=True, cert=None, **opts)``."""
    running: list[FTPSServer] = []

    def start(
        implicit: bool = True,
        cert: Cert | None = None,
        root: Path | None = None,
        port: int = 0,
        host: str = "127.0.0.1",
        **opts: object,
    ) -> ServerInfo:
        cert = cert or server_cert
        opts.setdefault("auth_failed_timeout", 0.1)
        root = root or tmp_path / f"server-root-{len(running)}"
        srv = FTPSServer(
            root,
            USER,
            PASSWORD,
            cert_path=cert.cert,
            key_path=cert.key,
            port=port,
            host=host,
            options=ServerOptions(implicit=implicit, **opts),  # type: ignore[arg-type]
        ).start()
        running.append(srv)
        extra = dict(opts.get("extra") or {})  # type: ignore[call-overload]
        return ServerInfo(
            host,
            srv.port,
            USER,
            PASSWORD,
            implicit,
            root,
            cert.fingerprint,
            "pyftpdlib",
            server=srv,
            extra={"passive_ports": extra["passive_ports"]} if "passive_ports" in extra else {},
        )

    yield start
    for srv in running:
        srv.stop()


@pytest.fixture
def implicit_server(make_server: Callable[..., ServerInfo]) -> ServerInfo:
    return make_server(implicit=True)


@pytest.fixture
def explicit_server(make_server: Callable[..., ServerInfo]) -> ServerInfo:
    return make_server(implicit=False)


# --- vsftpd ------------------------------------------------------------------------------------

VSFTPD = shutil.which("vsftpd") or (
    "/usr/sbin/vsftpd" if os.path.exists("/usr/sbin/vsftpd") else None
)
# One throwaway user per test session: two sessions on one machine (a developer running tests
# in two worktrees) would otherwise reset each other's password mid-run.
VSFTPD_USER = f"eu-ftp-{secrets.token_hex(4)}"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_port(port: int, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), 0.5):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"vsftpd did not start listening on {port}")


def vsftpd_available() -> tuple[bool, str]:
    if VSFTPD is None:
        return False, "vsftpd is not installed (apt-get install vsftpd)"
    if os.geteuid() != 0:
        return False, "the vsftpd fixture needs root (to create a throwaway local user)"
    return True, ""


class Vsftpd:
    def __init__(self, base: Path, cert: Cert, password: str, implicit: bool) -> None:
        self.base = base
        self.implicit = implicit
        self.port = _free_port()
        pasv = _free_port()
        self.passive_ports = range(pasv, pasv + 21)
        self.log_file = base / f"vsftpd-{'implicit' if implicit else 'explicit'}.log"
        self.conf = base / f"vsftpd-{'implicit' if implicit else 'explicit'}.conf"
        self.log_file.touch(mode=0o600)  # vsftpd creates it only at the first connection
        self.conf.write_text(
            vsftpd_conf(
                port=self.port,
                pasv_ports=self.passive_ports,
                cert=cert.cert,
                key=cert.key,
                log_file=self.log_file,
                implicit=implicit,
                max_per_ip=20,
                log_protocol=True,  # tests read the log: "no USER/PASS was sent"
            )
        )
        self.proc = subprocess.Popen(
            [VSFTPD, str(self.conf)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
        try:
            _wait_port(self.port)
        except RuntimeError:
            self.proc.kill()
            err = self.proc.stderr.read().decode() if self.proc.stderr else ""
            raise RuntimeError(f"vsftpd failed to start: {err}") from None

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(5)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(5)


@pytest.fixture(scope="session")
def _vsftpd_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    from tests.conftest import require

    ok, why = vsftpd_available()
    require(ok, why)
    # Every folder above the home must be reachable by the throwaway user.
    base = Path("/srv") / f"echouploader-test-{secrets.token_hex(4)}"
    home = base / "home"
    home.mkdir(parents=True)
    os.chmod(base, 0o755)
    password = "Vs-" + secrets.token_urlsafe(12)
    ensure_user(VSFTPD_USER, home, password)
    shutil.chown(home, VSFTPD_USER, VSFTPD_USER)
    yield home, password
    subprocess.run(["userdel", "-f", VSFTPD_USER], capture_output=True)
    shutil.rmtree(base, ignore_errors=True)


def _vsftpd_fixture(
    tmp_path_factory: pytest.TempPathFactory, home_pw: tuple[Path, str], cert: Cert, implicit: bool
) -> Iterator[ServerInfo]:
    home, password = home_pw
    base = tmp_path_factory.mktemp("vsftpd")
    os.chmod(base, 0o755)
    srv = Vsftpd(base, cert, password, implicit)
    yield ServerInfo(
        "127.0.0.1",
        srv.port,
        VSFTPD_USER,
        password,
        implicit,
        home,
        cert.fingerprint,
        "vsftpd",
        log_file=srv.log_file,
        extra={"passive_ports": srv.passive_ports},
    )
    srv.stop()


@pytest.fixture(scope="session")
def vsftpd_implicit(
    tmp_path_factory: pytest.TempPathFactory, _vsftpd_home: tuple[Path, str], server_cert: Cert
) -> Iterator[ServerInfo]:
    yield from _vsftpd_fixture(tmp_path_factory, _vsftpd_home, server_cert, implicit=True)


@pytest.fixture(scope="session")
def vsftpd_explicit(
    tmp_path_factory: pytest.TempPathFactory, _vsftpd_home: tuple[Path, str], server_cert: Cert
) -> Iterator[ServerInfo]:
    yield from _vsftpd_fixture(tmp_path_factory, _vsftpd_home, server_cert, implicit=False)


@pytest.fixture
def vsftpd_clean(vsftpd_implicit: ServerInfo) -> ServerInfo:
    """The implicit vsftpd with an empty home folder."""
    for child in vsftpd_implicit.root.iterdir():
        if child.is_dir():
            shutil.rmtree(child)
        else:
            child.unlink()
    return vsftpd_implicit


# --- pure-ftpd (explicit TLS required, virtual users) ------------------------------------------


def _pureftpd_bin(name: str) -> str | None:
    root = os.environ.get("PUREFTPD_ROOT", "/opt/echouploader-ci/pure-ftpd")
    for candidate in (
        shutil.which(name),
        f"{root}/usr/sbin/{name}",
        f"{root}/usr/bin/{name}",
        f"/usr/sbin/{name}",
    ):
        if candidate and os.path.exists(candidate):
            return candidate
    return None


@pytest.fixture(scope="session")
def pureftpd_explicit(
    tmp_path_factory: pytest.TempPathFactory, server_cert: Cert
) -> Iterator[ServerInfo]:
    """pure-ftpd with ``--tls=2`` (TLS required), a virtual user from pure-pw, chrooted."""
    from tests.conftest import require

    daemon, pw = _pureftpd_bin("pure-ftpd"), _pureftpd_bin("pure-pw")
    require(
        daemon is not None and pw is not None and os.geteuid() == 0,
        "pure-ftpd (unpacked by .ci/run into PUREFTPD_ROOT) and root are needed",
    )
    assert daemon and pw
    base = tmp_path_factory.mktemp("pureftpd")
    os.chmod(base, 0o755)
    home = base / "home"
    home.mkdir()
    shutil.chown(home, "nobody", "nogroup")
    pem = base / "pure-ftpd.pem"
    pem.write_bytes(server_cert.cert.read_bytes() + server_cert.key.read_bytes())
    os.chmod(pem, 0o600)
    password = "Pf-" + secrets.token_urlsafe(12)
    user = "euvirtual"
    subprocess.run(
        [
            pw,
            "useradd",
            user,
            "-u",
            "nobody",
            "-g",
            "nogroup",
            "-d",
            str(home),
            "-f",
            str(base / "pureftpd.passwd"),
            "-m",
            "-F",
            str(base / "pureftpd.pdb"),
        ],
        input=f"{password}\n{password}\n",
        text=True,
        check=True,
        capture_output=True,
    )
    port, pasv = _free_port(), _free_port()
    log = base / "pure-ftpd.log"
    proc = subprocess.Popen(
        [
            daemon,
            "-l",
            f"puredb:{base / 'pureftpd.pdb'}",
            "--tls=2",
            f"--certfile={pem}",
            "-A",
            "-E",
            "-S",
            f"127.0.0.1,{port}",
            "-p",
            f"{pasv}:{pasv + 20}",
            "-d",
        ],
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
    )
    try:
        _wait_port(port)
        yield ServerInfo(
            "127.0.0.1",
            port,
            user,
            password,
            False,
            home,
            server_cert.fingerprint,
            "pure-ftpd",
            log_file=log,
        )
    finally:
        proc.terminate()
        try:
            proc.wait(5)
        except subprocess.TimeoutExpired:
            proc.kill()


# --- ProFTPD (mod_tls; Debian's default AllowStoreRestart off and required session reuse) -------

PROFTPD_ROOT = os.environ.get("PROFTPD_ROOT", "/opt/echouploader-ci/proftpd")


def _proftpd_paths() -> tuple[str, str, str] | None:
    """(daemon, module folder, library folder) of the ProFTPD .ci/run unpacked, or installed."""
    for daemon, modules, libs in (
        (
            f"{PROFTPD_ROOT}/usr/sbin/proftpd",
            f"{PROFTPD_ROOT}/usr/lib/proftpd",
            f"{PROFTPD_ROOT}/usr/lib/x86_64-linux-gnu",
        ),
        ("/usr/sbin/proftpd", "/usr/lib/proftpd", ""),
    ):
        if os.path.exists(daemon) and os.path.exists(f"{modules}/mod_tls.so"):
            return daemon, modules, libs
    return None


def proftpd_conf(
    *,
    port: int,
    pasv: range,
    base: Path,
    cert: Cert,
    modules: str,
    implicit: bool,
    log_file: Path,
) -> str:
    """ProFTPD as Debian ships it where it matters here: no ``AllowStoreRestart`` (so REST+STOR
    is refused with 451), and mod_tls's default of requiring TLS session reuse on data
    connections (no ``TLSOptions NoSessionReuseRequired``)."""
    options = "TLSOptions UseImplicitSSL\n" if implicit else ""
    return f"""ServerType standalone
ServerName "EchoUploader test ProFTPD"
Port {port}
DefaultAddress 127.0.0.1
SocketBindTight on
UseIPv6 off
User nobody
Group nogroup
UseReverseDNS off
WtmpLog off
ScoreboardFile {base}/scoreboard
PidFile {base}/proftpd.pid
DelayTable none
SystemLog {base}/system.log
AuthOrder mod_auth_file.c
AuthUserFile {base}/ftpd.passwd
RequireValidShell off
DefaultRoot ~
PassivePorts {pasv.start} {pasv.stop - 1}
MaxInstances 60
ModulePath {modules}
LoadModule mod_tls.c
TLSEngine on
TLSRequired on
TLSProtocol TLSv1.2 TLSv1.3
TLSRSACertificateFile {cert.cert}
TLSRSACertificateKeyFile {cert.key}
TLSVerifyClient off
TLSLog {base}/tls.log
{options}LogFormat commands "%m %J"
ExtendedLog {log_file} ALL commands
<Directory ~>
  AllowOverwrite on
</Directory>
"""


class Proftpd:
    def __init__(self, base: Path, home: Path, cert: Cert, implicit: bool, password: str) -> None:
        paths = _proftpd_paths()
        assert paths is not None
        daemon, modules, libs = paths
        self.base, self.home = base, home
        self.port = _free_port()
        pasv = _free_port()
        self.passive_ports = range(pasv, pasv + 21)
        self.log_file = base / "commands.log"
        self.log_file.touch(mode=0o600)  # ProFTPD opens it at the first session
        passwd = base / "ftpd.passwd"
        hashed = subprocess.run(
            ["openssl", "passwd", "-6", "-stdin"],
            input=password,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        passwd.write_text(f"{PROFTPD_USER}:{hashed}:65534:65534::{home}:/bin/sh\n")
        os.chmod(passwd, 0o600)
        conf = base / "proftpd.conf"
        conf.write_text(
            proftpd_conf(
                port=self.port,
                pasv=self.passive_ports,
                base=base,
                cert=cert,
                modules=modules,
                implicit=implicit,
                log_file=self.log_file,
            )
        )
        env = dict(os.environ)
        if libs:
            env["LD_LIBRARY_PATH"] = libs
        self.proc = subprocess.Popen(
            [daemon, "-n", "-q", "-c", str(conf)],
            stdout=subprocess.DEVNULL,
            stderr=(base / "stderr.log").open("wb"),
            env=env,
        )
        try:
            _wait_port(self.port)
        except RuntimeError:
            self.proc.kill()
            raise RuntimeError(
                "ProFTPD failed to start: " + (base / "stderr.log").read_text(errors="replace")
            ) from None

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(5)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(5)


PROFTPD_USER = "euproftpd"


def _proftpd_fixture(
    tmp_path_factory: pytest.TempPathFactory, cert: Cert, implicit: bool
) -> Iterator[ServerInfo]:
    from tests.conftest import require

    require(
        _proftpd_paths() is not None and os.geteuid() == 0,
        "ProFTPD with mod_tls (unpacked by .ci/run into PROFTPD_ROOT) and root are needed",
    )
    base = tmp_path_factory.mktemp("proftpd-implicit" if implicit else "proftpd-explicit")
    # ProFTPD checks the home folder as the user: every folder above it must be reachable.
    top = Path("/srv") / f"echouploader-test-proftpd-{secrets.token_hex(4)}"
    home = top / "home"
    home.mkdir(parents=True)
    os.chmod(top, 0o755)
    shutil.chown(home, "nobody", "nogroup")
    password = "Pr-" + secrets.token_urlsafe(12)
    try:
        srv = Proftpd(base, home, cert, implicit, password)
    except BaseException:
        shutil.rmtree(top, ignore_errors=True)
        raise
    try:
        yield ServerInfo(
            "127.0.0.1",
            srv.port,
            PROFTPD_USER,
            password,
            implicit,
            home,
            cert.fingerprint,
            "proftpd",
            log_file=srv.log_file,
            extra={"passive_ports": srv.passive_ports},
        )
    finally:
        srv.stop()
        shutil.rmtree(top, ignore_errors=True)


@pytest.fixture(scope="session")
def proftpd_implicit(
    tmp_path_factory: pytest.TempPathFactory, server_cert: Cert
) -> Iterator[ServerInfo]:
    yield from _proftpd_fixture(tmp_path_factory, server_cert, implicit=True)


@pytest.fixture(scope="session")
def proftpd_explicit(
    tmp_path_factory: pytest.TempPathFactory, server_cert: Cert
) -> Iterator[ServerInfo]:
    yield from _proftpd_fixture(tmp_path_factory, server_cert, implicit=False)


def empty_home(server: ServerInfo) -> ServerInfo:
    """Remove everything from a shared server's home folder (session-scoped servers)."""
    for child in server.root.iterdir():
        if child.is_dir():
            shutil.rmtree(child)
        else:
            child.unlink()
    return server


@pytest.fixture
def proftpd_clean(proftpd_implicit: ServerInfo) -> ServerInfo:
    """The implicit ProFTPD with an empty home folder."""
    return empty_home(proftpd_implicit)
