"""The emulated WAN link: ``bench.relay.Relay`` in front of the server's control and passive ports."""

from __future__ import annotations

from bench.servers import BenchServer, ServerAddress


def link_missing() -> str | None:
    try:
        from bench import relay  # noqa: F401
    except ImportError:
        return "the WAN relay (bench/relay.py) is not in this build yet"
    return None


class Link:
    def __init__(self, server: BenchServer, delay_ms: float, cap_mb_s: float | None) -> None:
        raise NotImplementedError

    @property
    def address(self) -> ServerAddress:
        raise NotImplementedError

    def __enter__(self) -> "Link":
        return self

    def __exit__(self, *exc: object) -> None:
        pass
