"""The emulated WAN link with real TCP: two network namespaces joined by a delay line.

The client namespace and the server namespace each hold one end (a tun device) of
``bench.delay_line``, which holds every packet for the one-way delay. A second vsftpd, with the
same home, user and certificate as the loopback server, listens in the server namespace; the
clients run in the client namespace (``ip netns exec``). Nothing ends TCP in between, so every
data connection pays its handshake and its slow start as it would on a hospital uplink — the
relay (``bench.relay``) ended TCP locally and buffered without limit, which hid both.

An uplink cap is a ``tc tbf`` qdisc on the client's device (token bucket: bytes on the wire,
headers included, as a provider's shaper counts them). Traffic never leaves this machine.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path
from types import TracebackType

from bench.servers import VSFTPD, BenchServer, ServerAddress, vsftpd_conf, wait_port_in

CLIENT_ADDR = "10.231.0.1"
SERVER_ADDR = "10.231.0.2"
REPO = Path(__file__).resolve().parents[1]


def netns_missing() -> str | None:
    """Why a namespace link cannot be built here, or None."""
    if os.geteuid() != 0:
        return "network namespaces need root"
    if shutil.which("ip") is None or shutil.which("tc") is None:
        return "iproute2 (ip, tc) is not installed"
    if not os.path.exists("/dev/net/tun"):
        return "there is no /dev/net/tun"
    return None


def _ip(*args: str) -> None:
    subprocess.run(["ip", *args], check=True, capture_output=True)


class NetnsLink:
    """``with NetnsLink(server, delay_ms=15, cap_mb_s=25) as link: link.address``"""

    kind = "namespaces"

    def __init__(self, server: BenchServer, delay_ms: float, cap_mb_s: float | None) -> None:
        self.server = server
        self.delay_ms = delay_ms
        self.cap_mb_s = cap_mb_s
        tag = secrets.token_hex(3)
        self.client_ns, self.server_ns = f"eub-c-{tag}", f"eub-s-{tag}"
        self.client_dev, self.server_dev = f"eubc{tag}", f"eubs{tag}"
        self.line: subprocess.Popen[str] | None = None
        self.vsftpd: subprocess.Popen[bytes] | None = None
        self._sent_at_start = 0

    @property
    def address(self) -> ServerAddress:
        a = self.server.address
        return replace(a, host=SERVER_ADDR, netns=self.client_ns)

    @property
    def bytes_up(self) -> int:
        """Bytes the client namespace sent into the link (IP packets, so a little more than
        the payload)."""
        out = subprocess.run(
            ["ip", "-n", self.client_ns, "-s", "-j", "link", "show", self.client_dev],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        return int(json.loads(out)[0]["stats64"]["tx"]["bytes"])

    def describe(self) -> str:
        cap = f", uplink capped at {self.cap_mb_s:g} MB/s (tc tbf)" if self.cap_mb_s else ""
        return (
            f"real TCP between two network namespaces through a delay line of "
            f"{self.delay_ms:g} ms each way{cap}"
        )

    def __enter__(self) -> NetnsLink:
        try:
            self._build()
        except BaseException:
            self._tear_down()
            raise
        return self

    def _build(self) -> None:
        _ip("netns", "add", self.client_ns)
        _ip("netns", "add", self.server_ns)
        self.line = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "bench.delay_line",
                self.client_dev,
                self.server_dev,
                str(self.delay_ms),
            ],
            cwd=REPO,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.line.stdout is not None
        if self.line.stdout.readline().strip() != "ready":
            raise RuntimeError("the delay line did not start")
        for ns, dev, mine, peer in (
            (self.client_ns, self.client_dev, CLIENT_ADDR, SERVER_ADDR),
            (self.server_ns, self.server_dev, SERVER_ADDR, CLIENT_ADDR),
        ):
            _ip("link", "set", dev, "netns", ns)
            _ip("-n", ns, "addr", "add", mine, "peer", peer, "dev", dev)
            _ip("-n", ns, "link", "set", dev, "up")
            _ip("-n", ns, "link", "set", "lo", "up")
        if self.cap_mb_s:
            rate_bit = int(self.cap_mb_s * 8e6)
            subprocess.run(
                [
                    "tc",
                    "-n",
                    self.client_ns,
                    "qdisc",
                    "replace",
                    "dev",
                    self.client_dev,
                    "root",
                    "tbf",
                    "rate",
                    f"{rate_bit}bit",
                    "burst",
                    "64kb",
                    "latency",
                    "40ms",
                ],
                check=True,
                capture_output=True,
            )
        self.vsftpd = self._start_server()
        self._sent_at_start = self.bytes_up

    def _start_server(self) -> subprocess.Popen[bytes]:
        s = self.server
        conf = s.base / f"vsftpd-{self.server_ns}.conf"
        conf.write_text(
            vsftpd_conf(
                port=s.port,
                pasv_ports=s.pasv_ports,
                cert=s.cert,
                key=s.key,
                log_file=s.base / f"vsftpd-{self.server_ns}.log",
                pasv_address=SERVER_ADDR,
                listen_address=SERVER_ADDR,
            )
        )
        assert VSFTPD is not None
        proc = subprocess.Popen(
            ["ip", "netns", "exec", self.server_ns, VSFTPD, str(conf)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        try:
            wait_port_in(self.server_ns, SERVER_ADDR, s.port)
        except RuntimeError:
            proc.kill()
            err = proc.stderr.read().decode() if proc.stderr else ""
            raise RuntimeError(
                f"vsftpd failed to start in {self.server_ns}: {err.strip()}"
            ) from None
        return proc

    def __exit__(
        self, t: type[BaseException] | None, e: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._tear_down()

    def _tear_down(self) -> None:
        if self.vsftpd is not None:
            self.vsftpd.terminate()
            try:
                self.vsftpd.wait(5)
            except subprocess.TimeoutExpired:
                self.vsftpd.kill()
                self.vsftpd.wait(5)
        if self.line is not None:
            if self.line.stdin is not None:
                self.line.stdin.close()
            try:
                self.line.wait(5)
            except subprocess.TimeoutExpired:
                self.line.kill()
                self.line.wait(5)
        for ns in (self.client_ns, self.server_ns):
            subprocess.run(["ip", "netns", "del", ns], capture_output=True)
