"""The emulated WAN link: ``bench.relay.Relay`` in front of the server's control and passive ports.

The relay listens on 127.0.0.2 on the same port numbers as the server. Every client here uses the
control connection's address for passive data connections (curl by default since 7.74, lftp with
``ftp:ignore-pasv-address``, EchoUploader as CPython's ftplib does), so data goes through the relay
too; ``Link.bytes_up`` lets the harness check that it did.
"""

from __future__ import annotations

from types import TracebackType
from typing import Any

from bench.servers import BenchServer, ServerAddress

RELAY_HOST = "127.0.0.2"


def link_missing() -> str | None:
    try:
        from bench import relay  # noqa: F401
    except ImportError:
        return "the WAN relay (bench/relay.py) is not in this build yet"
    return None


def make_link(server: BenchServer, delay_ms: float, cap_mb_s: float | None) -> Any:
    """The faithful link (real TCP through network namespaces) when this machine allows it,
    else the relay."""
    from bench.netns_link import NetnsLink, netns_missing

    if netns_missing() is None:
        return NetnsLink(server, delay_ms, cap_mb_s)
    return Link(server, delay_ms, cap_mb_s)


class Link:
    """``with Link(server, delay_ms=15, cap_mb_s=25) as link: link.address``"""

    kind = "relay"

    def __init__(self, server: BenchServer, delay_ms: float, cap_mb_s: float | None) -> None:
        from bench.relay import Relay

        self.server = server
        self.delay_ms = delay_ms
        self.cap_mb_s = cap_mb_s
        self.relay = Relay(
            [server.port, *server.pasv_ports],
            target_host="127.0.0.1",
            listen_host=RELAY_HOST,
            delay=delay_ms / 1000,
            uplink_rate=cap_mb_s * 1e6 if cap_mb_s else None,
        )

    @property
    def address(self) -> ServerAddress:
        a = self.server.address
        return ServerAddress(RELAY_HOST, a.port, a.user, a.password, a.fingerprint)

    @property
    def bytes_up(self) -> int:
        return int(self.relay.bytes_up)

    def describe(self) -> str:
        cap = f", uplink capped at {self.cap_mb_s:g} MB/s" if self.cap_mb_s else ""
        return (
            f"a TCP relay on {RELAY_HOST} ending TCP locally, {self.delay_ms:g} ms each way{cap} "
            "(network namespaces were not available)"
        )

    def __enter__(self) -> Link:
        self.relay.start()
        return self

    def __exit__(
        self, t: type[BaseException] | None, e: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.relay.stop()
