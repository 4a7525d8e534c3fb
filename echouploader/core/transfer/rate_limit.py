"""A speed limit for uploads: one token bucket shared by every connection of a job.

Hospital IT often asks that uploads leave room on the uplink during clinic hours. A limit comes
from the run (``--limit-rate 5M``), the site (``rate_limit`` in its profile) or the machine-wide
policy (``policy.rate_limit`` in ``managed-sites.json``); the lowest that is set applies.

Every connection takes tokens (bytes) from the same bucket before it sends a block, so the job as
a whole holds the rate, however many connections it has. The bucket starts full with a small
burst (a quarter of a second of bytes, at least one block), so over a minute the average stays
within a fraction of a percent of the limit. The clock and the wait are injectable, which lets
a test check the accounting without timing anything.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable

from echouploader.core import errors as E
from echouploader.core.ftps.target import Endpoint
from echouploader.core.i18n import _

BURST_SECONDS = 0.25

_RATE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmg]?)(?:b|b/s|/s)?\s*$", re.I)
_UNITS = {"": 1, "k": 1_000, "m": 1_000_000, "g": 1_000_000_000}


def parse_rate(text: str) -> int:
    """``"5M"`` → 5,000,000 bytes per second (K, M, G are thousands, millions, billions, as the
    progress line shows MB/s); ``"0"`` means no limit. A bad value is a usage error."""
    m = _RATE.match(text)
    if not m:
        raise E.UsageError(
            _(
                "'{text}' is not a rate: give bytes per second, e.g. 500K, 5M or 2.5M "
                "(0: no limit)."
            ).format(text=text)
        )
    return int(float(m.group(1)) * _UNITS[m.group(2).lower()])


def effective_limit(*limits: int | None) -> int:
    """The lowest of the limits that are set (0 or None: not set); 0 when none is."""
    set_ = [int(x) for x in limits if x]
    return min(set_) if set_ else 0


def limit_for(endpoint: Endpoint, asked: int = 0) -> int:
    """The limit for an upload to ``endpoint``: the lowest of ``asked`` (the run's), its site's
    ``rate_limit`` and IT's ``policy.rate_limit``; 0 when none is set."""
    from echouploader.core.sites.store import SiteStore

    store = SiteStore()
    try:
        site = store.find(endpoint.site) if endpoint.site else None
        policy = store.policy().rate_limit
    except E.EchoUploaderError:  # an unreadable sites file is reported where sites are read
        site, policy = None, 0
    return effective_limit(asked, site.rate_limit if site else 0, policy)


class TokenBucket:
    """``take(n)`` blocks until ``n`` bytes may be sent at ``rate`` bytes per second.

    Thread-safe: callers take their turn in the order they come. ``cancel`` ends a wait early
    (:class:`~echouploader.core.errors.Cancelled`).
    """

    def __init__(
        self,
        rate: float,
        *,
        burst: float | None = None,
        clock: Callable[[], float] = time.monotonic,
        wait: Callable[[float], None] | None = None,
    ) -> None:
        if rate <= 0:
            raise ValueError("a token bucket needs a positive rate")
        self.rate = float(rate)
        self.burst = float(burst if burst is not None else rate * BURST_SECONDS)
        self.clock = clock
        self._wait = wait
        self._tokens = self.burst
        self._stamp = clock()
        self._lock = threading.Lock()
        self.taken = 0  # bytes granted so far (for tests and logs)

    def take(self, n: int, cancel: threading.Event | None = None) -> None:
        """Take ``n`` tokens, waiting for them if the bucket holds fewer. A request larger than
        the burst is granted once the bucket is full and leaves it in debt, so the average
        still holds."""
        with self._lock:  # one at a time: the waiting caller holds the turn
            self._refill()
            need = min(float(n), self.burst)
            while self._tokens < need - 1e-6:  # (a rounding error is not worth a wait)
                delay = (need - self._tokens) / self.rate
                self._sleep(delay, cancel)
                self._refill()
            self._tokens -= n
            self.taken += n

    def _refill(self) -> None:
        now = self.clock()
        self._tokens = min(self.burst, self._tokens + (now - self._stamp) * self.rate)
        self._stamp = now

    def _sleep(self, seconds: float, cancel: threading.Event | None) -> None:
        if self._wait is not None:
            self._wait(seconds)
        elif cancel is not None:
            if cancel.wait(seconds):
                raise E.Cancelled()
        else:
            time.sleep(seconds)
        if cancel is not None and cancel.is_set():
            raise E.Cancelled()
