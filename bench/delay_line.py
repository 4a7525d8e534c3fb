"""A WAN delay line between two tun devices: every packet is held for a fixed one-way delay.

``python -m bench.delay_line NAME_A NAME_B DELAY_MS`` creates the tun devices ``NAME_A`` and
``NAME_B`` (the caller moves each into its network namespace), prints ``ready`` and then copies
every packet read from one to the other ``DELAY_MS`` after it arrived, until stdin closes.

The kernel here has no ``netem``; this is the same thing in user space, with real TCP at both
ends, so slow start, handshakes and the congestion window cost what they cost on a real link.
The devices use the virtio-net header with TSO offload (as a VM's tap does): TCP still counts its
window in 1,448-byte segments, but the delay line moves up to 64 kB per read, so one Python
process keeps up with several hundred MB/s. Queues are FIFO (a constant delay keeps the order).
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import selectors
import struct
import sys
import threading
import time
from collections import deque

TUNSETIFF = 0x400454CA
TUNSETOFFLOAD = 0x400454D0
IFF_TUN = 0x0001
IFF_NO_PI = 0x1000
IFF_VNET_HDR = 0x4000
TUN_F_CSUM = 0x01
TUN_F_TSO4 = 0x02
TUN_F_TSO6 = 0x04
READ_SIZE = 70_000  # a 64 kB GSO packet plus its virtio-net header
MAX_QUEUED = 256 << 20  # bytes held per direction before packets are dropped (a router would)


def open_tun(name: str) -> int:
    fd = os.open("/dev/net/tun", os.O_RDWR | os.O_NONBLOCK)
    ifr = struct.pack("16sH", name.encode(), IFF_TUN | IFF_NO_PI | IFF_VNET_HDR)
    fcntl.ioctl(fd, TUNSETIFF, ifr)
    fcntl.ioctl(fd, TUNSETOFFLOAD, TUN_F_CSUM | TUN_F_TSO4 | TUN_F_TSO6)
    return fd


class Direction:
    def __init__(self, src: int, dst: int) -> None:
        self.src, self.dst = src, dst
        self.queue: deque[tuple[float, bytes]] = deque()
        self.queued = 0


def run(name_a: str, name_b: str, delay: float, stop: threading.Event) -> None:
    a, b = open_tun(name_a), open_tun(name_b)
    try:  # a link does not wait for the CPU: hold packets for the delay, not for a time slice
        os.sched_setscheduler(0, os.SCHED_FIFO, os.sched_param(10))
    except (OSError, AttributeError):
        with contextlib.suppress(OSError):
            os.nice(-10)
    dirs = {a: Direction(a, b), b: Direction(b, a)}
    sel = selectors.DefaultSelector()
    sel.register(a, selectors.EVENT_READ)
    sel.register(b, selectors.EVENT_READ)
    print("ready", flush=True)
    while not stop.is_set():
        now = time.monotonic()
        due = [d.queue[0][0] for d in dirs.values() if d.queue]
        timeout = max(0.0, min(due) - now) if due else 0.2
        for key, _ in sel.select(timeout):
            d = dirs[key.fd]
            arrived = time.monotonic() + delay
            for _ in range(64):
                try:
                    pkt = os.read(d.src, READ_SIZE)
                except BlockingIOError:
                    break
                if d.queued + len(pkt) > MAX_QUEUED:
                    continue
                d.queue.append((arrived, pkt))
                d.queued += len(pkt)
        now = time.monotonic()
        for d in dirs.values():
            q = d.queue
            while q and q[0][0] <= now:
                _, pkt = q.popleft()
                d.queued -= len(pkt)
                # the far end down or its queue full: the packet is lost, as on a real link
                with contextlib.suppress(OSError):
                    os.write(d.dst, pkt)


def main() -> None:
    name_a, name_b, delay_ms = sys.argv[1], sys.argv[2], float(sys.argv[3])
    stop = threading.Event()

    def watch_stdin() -> None:
        sys.stdin.read()
        stop.set()

    threading.Thread(target=watch_stdin, daemon=True).start()
    run(name_a, name_b, delay_ms / 1000, stop)


if __name__ == "__main__":
    main()
