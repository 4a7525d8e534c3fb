"""vsftpd for the benchmarks: loopback, implicit TLS, session reuse required, a passive port range.

The server is configured as the core labs run it (and as ``tests/servers.py`` runs it), with a
throwaway local user of its own so that a benchmark never disturbs a test run on the same machine.
The user's home (what the server stores into) is normally in ``/dev/shm`` so that the clients, not
the disk, are measured.
"""

from __future__ import annotations

import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from echouploader.core.ftps.server import make_self_signed

VSFTPD = shutil.which("vsftpd") or (
    "/usr/sbin/vsftpd" if os.path.exists("/usr/sbin/vsftpd") else None
)
# One throwaway user per benchmark process: two runs on one machine (a benchmark and the test
# suite's quick run, say) would otherwise reset each other's password mid-run.
BENCH_USER = f"eu-bench-{secrets.token_hex(4)}"
PASV_PORTS = 200  # size of the passive range: enough for many short transfers and parallel streams


def vsftpd_missing() -> str | None:
    """Why vsftpd cannot run here, or None when it can."""
    if VSFTPD is None:
        return "vsftpd is not installed (apt-get install vsftpd)"
    if os.geteuid() != 0:
        return "vsftpd needs root (a throwaway local user is created)"
    return None


def free_port_range(count: int, host: str = "127.0.0.1", start: int = 20000) -> int:
    """The first port of ``count`` consecutive ports that are free on ``host`` (and 127.0.0.2)."""
    port = start + secrets.randbelow(20000)
    for _ in range(200):
        if all(_port_free(p) for p in range(port, port + count)):
            return port
        port = start + secrets.randbelow(20000)
    raise RuntimeError(f"no {count} consecutive free ports found")


def _port_free(port: int) -> bool:
    for host in ("127.0.0.1", "127.0.0.2"):
        with socket.socket() as s:
            try:
                s.bind((host, port))
            except OSError:
                return False
    return True


def wait_port(host: str, port: int, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection((host, port), 0.5):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"nothing listens on {host}:{port}")


def wait_port_in(netns: str, host: str, port: int, timeout: float = 10.0) -> None:
    """``wait_port`` inside a network namespace."""
    probe = (
        "import socket,sys,time\n"
        f"end=time.monotonic()+{timeout}\n"
        "while time.monotonic()<end:\n"
        "    try:\n"
        f"        socket.create_connection(({host!r},{port}),0.5).close(); sys.exit(0)\n"
        "    except OSError: time.sleep(0.05)\n"
        "sys.exit(1)\n"
    )
    done = subprocess.run(["ip", "netns", "exec", netns, sys.executable, "-c", probe])
    if done.returncode != 0:
        raise RuntimeError(f"nothing listens on {host}:{port} in {netns}")


def ensure_user(user: str, home: Path, password: str) -> None:
    """A local system user with this home and password, for vsftpd's PAM login."""
    if subprocess.run(["id", user], capture_output=True).returncode != 0:
        subprocess.run(["useradd", "-M", "-d", str(home), "-s", "/bin/sh", user], check=True)
    else:
        subprocess.run(["usermod", "-d", str(home), user], check=True)
    subprocess.run(["chpasswd"], input=f"{user}:{password}", text=True, check=True)


def vsftpd_conf(
    *,
    port: int,
    pasv_ports: range,
    cert: Path,
    key: Path,
    log_file: Path,
    implicit: bool = True,
    pasv_address: str = "127.0.0.1",
    listen_address: str = "127.0.0.1",
    max_per_ip: int = 0,
    log_protocol: bool = False,
) -> str:
    """vsftpd configured as core labs run it: TLS forced for logins and data, session reuse
    required, loopback only, chrooted local users, a passive port range."""
    lines = [
        "listen=YES",
        "listen_ipv6=NO",
        f"listen_address={listen_address}",
        f"listen_port={port}",
        "background=NO",
        "anonymous_enable=NO",
        "local_enable=YES",
        "write_enable=YES",
        "local_umask=022",
        "chroot_local_user=YES",
        "allow_writeable_chroot=YES",
        "pam_service_name=vsftpd",
        "secure_chroot_dir=/var/run/vsftpd/empty",
        "seccomp_sandbox=NO",
        "isolate=NO",
        "isolate_network=NO",
        "ssl_enable=YES",
        f"implicit_ssl={'YES' if implicit else 'NO'}",
        f"rsa_cert_file={cert}",
        f"rsa_private_key_file={key}",
        "force_local_logins_ssl=YES",
        "force_local_data_ssl=YES",
        "require_ssl_reuse=YES",
        "ssl_ciphers=HIGH",
        "pasv_enable=YES",
        f"pasv_address={pasv_address}",
        f"pasv_min_port={pasv_ports.start}",
        f"pasv_max_port={pasv_ports.stop - 1}",
        "max_clients=0",
        f"max_per_ip={max_per_ip}",
        f"xferlog_enable={'YES' if log_protocol else 'NO'}",
        "xferlog_std_format=NO",
        f"log_ftp_protocol={'YES' if log_protocol else 'NO'}",
        f"vsftpd_log_file={log_file}",
        "use_localtime=NO",
    ]
    Path("/var/run/vsftpd/empty").mkdir(parents=True, exist_ok=True)
    return "\n".join(lines) + "\n"


@dataclass
class ServerAddress:
    """Where a client connects: the server itself or the relay in front of it."""

    host: str
    port: int
    user: str
    password: str
    fingerprint: str
    netns: str | None = None  # the network namespace a client must run in to reach it

    def wrap(self, argv: list[str]) -> list[str]:
        """``argv`` run in the client namespace when there is one."""
        return ["ip", "netns", "exec", self.netns, *argv] if self.netns else list(argv)

    def url(self, path: str = "/") -> str:
        path = path if path.startswith("/") else "/" + path
        return f"ftps://{self.user}@{self.host}:{self.port}{path}"


class BenchServer:
    """A vsftpd process with its own user, home, certificate and passive range.

    ``pasv_address`` is what the server announces in its 227 replies; put the relay's address
    there when every client must go through the relay whatever it does with that reply.
    """

    def __init__(self, base: Path, *, storage: Path | None = None, pasv_address: str = "127.0.0.1"):
        missing = vsftpd_missing()
        if missing:
            raise RuntimeError(missing)
        self.base = base
        base.mkdir(parents=True, exist_ok=True)
        os.chmod(base, 0o755)
        storage_root = storage if storage is not None else base
        storage_root.mkdir(parents=True, exist_ok=True)
        self._storage_base = Path(storage_root / f"eu-bench-home-{secrets.token_hex(4)}")
        self._storage_base.mkdir()
        os.chmod(self._storage_base, 0o755)
        self.home = self._storage_base / "home"
        self.home.mkdir()
        self.password = "Bench-" + secrets.token_urlsafe(12)
        ensure_user(BENCH_USER, self.home, self.password)
        shutil.chown(self.home, BENCH_USER, BENCH_USER)
        cert, key = base / "bench-server.crt", base / "bench-server.key"
        self.cert, self.key = cert, key
        self.fingerprint = make_self_signed(cert, key)
        first = free_port_range(PASV_PORTS + 1)
        self.port = first
        self.pasv_ports = range(first + 1, first + 1 + PASV_PORTS)
        self.log_file = base / "vsftpd.log"
        self.conf = base / "vsftpd.conf"
        self.conf.write_text(
            vsftpd_conf(
                port=self.port,
                pasv_ports=self.pasv_ports,
                cert=cert,
                key=key,
                log_file=self.log_file,
                pasv_address=pasv_address,
            )
        )
        self.proc = subprocess.Popen(
            [VSFTPD, str(self.conf)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
        try:
            wait_port("127.0.0.1", self.port)
        except RuntimeError:
            self.proc.kill()
            err = self.proc.stderr.read().decode() if self.proc.stderr else ""
            self._remove_storage()
            raise RuntimeError(f"vsftpd failed to start: {err.strip()}") from None

    @property
    def address(self) -> ServerAddress:
        return ServerAddress("127.0.0.1", self.port, BENCH_USER, self.password, self.fingerprint)

    def clear(self) -> None:
        """Empty the home folder (between runs: every run uploads into a clean server)."""
        for child in self.home.iterdir():
            if child.is_dir() and not child.is_symlink():
                shutil.rmtree(child)
            else:
                child.unlink()

    def populate(self, relative: str, files: int, per_folder: int = 100) -> int:
        """A tree of ``files`` small files under ``relative``, written straight to the disk."""
        root = self.home / relative
        written = 0
        folder_no = 0
        while written < files:
            folder = root / f"exam-{folder_no:05d}"
            folder.mkdir(parents=True, exist_ok=True)
            for i in range(min(per_folder, files - written)):
                (folder / f"IM{i:05d}.dcm").write_bytes(b"\0" * (128 + (i * 37) % 4096))
                written += 1
            folder_no += 1
        subprocess.run(["chown", "-R", f"{BENCH_USER}:{BENCH_USER}", str(root)], check=True)
        return written

    def stored_bytes(self) -> int:
        total = 0
        for dirpath, _dirs, files in os.walk(self.home):
            for name in files:
                total += os.lstat(os.path.join(dirpath, name)).st_size
        return total

    def _remove_storage(self) -> None:
        shutil.rmtree(self._storage_base, ignore_errors=True)

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(5)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(5)
        self._remove_storage()
        subprocess.run(["userdel", "-f", BENCH_USER], capture_output=True)

    def __enter__(self) -> BenchServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
