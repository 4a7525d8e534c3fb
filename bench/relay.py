"""A TCP relay on loopback for fault injection and WAN emulation in front of an FTPS server.

The server listens on ``127.0.0.1``; the relay listens on a second loopback address (default
``127.0.0.2``) on the **same port numbers**: the control port and every port of the server's passive
range. The client connects to ``127.0.0.2:CONTROL``; since it ignores the address in the ``227``
reply and uses the control connection's peer address (as FileZilla does), its data connections go
to ``127.0.0.2:P`` and are relayed too. TLS passes through untouched (the relay sees bytes only).

API::

    from bench.relay import Relay

    relay = Relay(
        ports=[control_port, *passive_ports],  # the server's ports (same numbers on both sides)
        target_host="127.0.0.1",               # where the server listens (loopback only)
        listen_host="127.0.0.2",               # where clients connect (loopback only)
        drop_after=(100_000, 2_000_000),       # cut each connection after a random number of
                                               # bytes in this range (or an int: exactly that);
                                               # None: never cut
        max_drops=25,                          # stop cutting after this many cuts (None: no limit)
        drop_ports=None,                       # only cut connections on these ports (None: all)
        delay=0.015,                           # one-way delay in seconds, both directions
        delay_up=None, delay_down=None,        # per-direction override of ``delay``
        uplink_rate=None,                      # bytes/s shared by all client→server traffic
        seed=1,                                # for reproducible cut points
    )
    relay.start()            # listening when it returns; runs in a background thread
    ...                      # connect to relay.listen_host:control_port
    relay.drops              # how many connections were cut
    relay.connections        # how many connections were relayed
    relay.bytes_up, relay.bytes_down
    relay.stop()             # closes everything, joins the thread (also: ``with Relay(...)``)

A delay is applied per chunk as a delivery time (arrival + delay), so a stream is shifted by the
delay without being slowed: a 15 ms one-way delay adds 30 ms to each round trip, not a stall per
chunk. Buffers are bounded (``buffer_bytes`` per direction of each connection) so a slow side holds
the other back instead of filling memory. A cut resets both sides (``SO_LINGER`` 0), as a broken
NAT or Wi-Fi does.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import ipaddress
import random
import socket
import struct
import threading
import time
from collections.abc import Iterable

READ_SIZE = 64 * 1024


def _loopback(host: str) -> str:
    if not ipaddress.ip_address(host).is_loopback:
        raise ValueError(f"the relay only works on loopback addresses, not {host}")
    return host


class _TokenBucket:
    """A shared rate cap (bytes per second)."""

    def __init__(self, rate: float) -> None:
        self.rate = rate
        self.capacity = max(READ_SIZE, rate * 0.05)
        self.tokens = self.capacity
        self.stamp = time.monotonic()

    async def take(self, n: int) -> None:
        while True:
            now = time.monotonic()
            self.tokens = min(self.capacity, self.tokens + (now - self.stamp) * self.rate)
            self.stamp = now
            if self.tokens >= n or self.tokens >= self.capacity:
                self.tokens -= n
                return
            await asyncio.sleep((n - self.tokens) / self.rate)


class Relay:
    def __init__(
        self,
        ports: Iterable[int],
        *,
        target_host: str = "127.0.0.1",
        listen_host: str = "127.0.0.2",
        drop_after: tuple[int, int] | int | None = None,
        max_drops: int | None = None,
        drop_ports: Iterable[int] | None = None,
        delay: float = 0.0,
        delay_up: float | None = None,
        delay_down: float | None = None,
        uplink_rate: float | None = None,
        buffer_bytes: int = 4 * 1024 * 1024,
        seed: int | None = None,
    ) -> None:
        self.ports = sorted(set(ports))
        self.target_host = _loopback(target_host)
        self.listen_host = _loopback(listen_host)
        if isinstance(drop_after, int):
            drop_after = (drop_after, drop_after)
        self.drop_after = drop_after
        self.max_drops = max_drops
        self.drop_ports = set(drop_ports) if drop_ports is not None else None
        self.delay_up = delay if delay_up is None else delay_up
        self.delay_down = delay if delay_down is None else delay_down
        self.uplink_rate = uplink_rate
        self.buffer_bytes = buffer_bytes
        self._random = random.Random(seed)
        self.drops = 0
        self.connections = 0
        self.bytes_up = 0
        self.bytes_down = 0
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._servers: list[asyncio.base_events.Server] = []
        self._tasks: set[asyncio.Task[None]] = set()
        self._ready = threading.Event()
        self._error: BaseException | None = None
        self._bucket: _TokenBucket | None = None

    # --- lifecycle ------------------------------------------------------------------------------

    def start(self) -> Relay:
        self._thread = threading.Thread(target=self._main, name="echouploader-relay", daemon=True)
        self._thread.start()
        self._ready.wait(10)
        if self._error is not None:
            self.stop()
            raise self._error
        return self

    def stop(self) -> None:
        loop, thread = self._loop, self._thread
        if loop is not None and thread is not None and thread.is_alive():
            fut = asyncio.run_coroutine_threadsafe(self._shutdown(), loop)
            with contextlib.suppress(Exception):
                fut.result(10)
            loop.call_soon_threadsafe(loop.stop)
        if thread is not None:
            thread.join(10)
        self._thread = None

    def __enter__(self) -> Relay:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _main(self) -> None:
        loop = asyncio.new_event_loop()
        self._loop = loop
        try:
            loop.run_until_complete(self._listen())
        except BaseException as exc:  # noqa: BLE001 - reported to start()
            self._error = exc
            self._ready.set()
            loop.close()
            return
        self._ready.set()
        try:
            loop.run_forever()
        finally:
            loop.run_until_complete(loop.shutdown_asyncgens())
            loop.close()

    async def _listen(self) -> None:
        if self.uplink_rate:
            self._bucket = _TokenBucket(self.uplink_rate)
        for port in self.ports:
            server = await asyncio.start_server(
                functools.partial(self._spawn, port=port),
                self.listen_host,
                port,
                reuse_address=True,
            )
            self._servers.append(server)

    async def _shutdown(self) -> None:
        for server in self._servers:
            server.close()
        for task in list(self._tasks):
            task.cancel()
        if self._tasks:
            await asyncio.gather(*self._tasks, return_exceptions=True)
        for server in self._servers:
            with contextlib.suppress(Exception):
                await server.wait_closed()

    # --- relaying -------------------------------------------------------------------------------

    def _spawn(
        self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, *, port: int
    ) -> None:
        task = asyncio.get_running_loop().create_task(self._connection(reader, writer, port))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def _budget(self, port: int) -> float:
        if self.drop_after is None:
            return float("inf")
        if self.drop_ports is not None and port not in self.drop_ports:
            return float("inf")
        if self.max_drops is not None and self.drops >= self.max_drops:
            return float("inf")
        lo, hi = self.drop_after
        return float(self._random.randint(lo, hi))

    async def _connection(
        self, c_reader: asyncio.StreamReader, c_writer: asyncio.StreamWriter, port: int
    ) -> None:
        self.connections += 1
        try:
            s_reader, s_writer = await asyncio.open_connection(self.target_host, port)
        except OSError:
            _reset(c_writer)
            return
        state = {"budget": self._budget(port), "moved": 0.0, "cut": False}
        cut = asyncio.Event()
        up = asyncio.ensure_future(self._pipe(c_reader, s_writer, True, state, cut))
        down = asyncio.ensure_future(self._pipe(s_reader, c_writer, False, state, cut))
        waiter = asyncio.ensure_future(cut.wait())
        try:
            # Until both directions end (EOF) or the connection is cut.
            pipes = {up, down}
            while pipes and not waiter.done():
                done, _ = await asyncio.wait(pipes | {waiter}, return_when=asyncio.FIRST_COMPLETED)
                pipes -= done
        finally:
            for t in (up, down, waiter):
                t.cancel()
            await asyncio.gather(up, down, waiter, return_exceptions=True)
            if state["cut"]:
                _reset(c_writer)
                _reset(s_writer)
            else:
                for w in (c_writer, s_writer):
                    w.close()

    async def _pipe(
        self,
        reader: asyncio.StreamReader,
        writer: asyncio.StreamWriter,
        uplink: bool,
        state: dict[str, float | bool],
        cut: asyncio.Event,
    ) -> None:
        delay = self.delay_up if uplink else self.delay_down
        queue: asyncio.Queue[tuple[float, bytes] | None] = asyncio.Queue()
        room = asyncio.Condition()
        queued = [0]
        sender = (
            asyncio.ensure_future(self._deliver(queue, writer, room, queued)) if delay else None
        )
        try:
            while True:
                data = await reader.read(READ_SIZE)
                if not data:
                    break
                left = float(state["budget"]) - float(state["moved"])
                if len(data) >= left:
                    data = data[: int(max(0, left))]
                    if self.max_drops is None or self.drops < self.max_drops:
                        self.drops += 1
                        state["cut"] = True
                    else:
                        state["budget"] = float("inf")
                state["moved"] = float(state["moved"]) + len(data)
                if uplink:
                    self.bytes_up += len(data)
                    if self._bucket is not None:
                        await self._bucket.take(len(data))
                else:
                    self.bytes_down += len(data)
                if sender is None:
                    writer.write(data)
                    await writer.drain()
                else:
                    async with room:
                        await room.wait_for(lambda: queued[0] < self.buffer_bytes)
                        queued[0] += len(data)
                    queue.put_nowait((time.monotonic() + delay, data))
                if state["cut"]:
                    if sender is not None:
                        await asyncio.sleep(delay)
                    cut.set()
                    return
            if sender is not None:
                queue.put_nowait(None)
                await sender
                sender = None
            with contextlib.suppress(OSError):
                if writer.can_write_eof():
                    writer.write_eof()
        except (OSError, asyncio.IncompleteReadError):
            cut.set()
        finally:
            if sender is not None:
                sender.cancel()

    @staticmethod
    async def _deliver(
        queue: asyncio.Queue[tuple[float, bytes] | None],
        writer: asyncio.StreamWriter,
        room: asyncio.Condition,
        queued: list[int],
    ) -> None:
        while (item := await queue.get()) is not None:
            due, data = item
            wait = due - time.monotonic()
            if wait > 0:
                await asyncio.sleep(wait)
            writer.write(data)
            await writer.drain()
            async with room:
                queued[0] -= len(data)
                room.notify_all()


def _reset(writer: asyncio.StreamWriter) -> None:
    """Close with RST (no FIN): what a broken network looks like."""
    sock = writer.get_extra_info("socket")
    if sock is not None:
        with contextlib.suppress(OSError):
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    writer.transport.abort()


def free_port_range(count: int, host: str = "127.0.0.1", also: str = "127.0.0.2") -> range:
    """``count`` consecutive ports free on both addresses (for a passive range)."""
    rng = random.Random()
    for _ in range(200):
        start = rng.randrange(20000, 60000 - count)
        socks: list[socket.socket] = []
        try:
            for p in range(start, start + count):
                for h in (host, also):
                    s = socket.socket()
                    socks.append(s)
                    s.bind((h, p))
            return range(start, start + count)
        except OSError:
            continue
        finally:
            for s in socks:
                s.close()
    raise RuntimeError("no free port range found")
