"""The speed limit: its arithmetic with an injected clock (nothing here is timed), and the engine
sharing one bucket across all its connections during a real upload."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from echouploader.core.errors import Cancelled, UsageError
from echouploader.core.transfer import engine as engine_module
from echouploader.core.transfer.rate_limit import TokenBucket, effective_limit, parse_rate
from tests.core.transfer.helpers import assert_same_tree, make_job, make_tree, run


class FakeClock:
    """Time that passes only when someone waits."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.waited = 0.0
        self.lock = threading.Lock()

    def __call__(self) -> float:
        with self.lock:
            return self.now

    def wait(self, seconds: float) -> None:
        assert seconds > 0
        with self.lock:
            self.now += seconds
            self.waited += seconds


@pytest.mark.parametrize(
    ("text", "rate"),
    [("5M", 5_000_000), ("500K", 500_000), ("2.5m", 2_500_000), ("1G", 10**9), ("750", 750)],
)
def test_rates_are_read_as_bytes_per_second(text: str, rate: int) -> None:
    assert parse_rate(text) == rate


@pytest.mark.parametrize("text", ["fast", "5X", "-1M", ""])
def test_a_bad_rate_is_one_clear_sentence(text: str) -> None:
    with pytest.raises(UsageError, match="is not a rate"):
        parse_rate(text)


def test_the_lowest_limit_that_is_set_applies() -> None:
    assert effective_limit(0, 5_000_000, 2_000_000) == 2_000_000
    assert effective_limit(None, 0, 0) == 0
    assert effective_limit(7, None) == 7


def test_bucket_grants_exactly_the_rate_after_its_burst() -> None:
    clock = FakeClock()
    bucket = TokenBucket(100_000, burst=10_000, clock=clock, wait=clock.wait)
    for _ in range(600):  # 6 MB at 100 kB/s: a minute
        bucket.take(10_000)
    # The first 10 kB came from the full bucket; every other byte waited its turn.
    assert clock.waited == pytest.approx((6_000_000 - 10_000) / 100_000, rel=1e-9)
    assert bucket.taken == 6_000_000


def test_blocks_larger_than_the_burst_still_average_to_the_rate() -> None:
    clock = FakeClock()
    bucket = TokenBucket(50_000, burst=5_000, clock=clock, wait=clock.wait)
    for _ in range(30):
        bucket.take(100_000)  # each block is 20 bursts: the bucket goes into debt
    # A block goes once the bucket is full and leaves the bucket in debt, so each block after
    # the first waits for exactly its own bytes.
    assert clock.waited == pytest.approx(29 * 100_000 / 50_000, rel=1e-9)


def test_idle_time_does_not_bank_more_than_one_burst() -> None:
    clock = FakeClock()
    bucket = TokenBucket(1_000, burst=500, clock=clock, wait=clock.wait)
    clock.now += 3600  # an hour idle
    bucket.take(500)
    assert clock.waited == 0  # one burst was banked...
    bucket.take(500)
    assert clock.waited == pytest.approx(0.5)  # ...and only one


def test_threads_share_one_rate() -> None:
    clock = FakeClock()
    bucket = TokenBucket(200_000, burst=20_000, clock=clock, wait=clock.wait)

    def send() -> None:
        for _ in range(50):
            bucket.take(20_000)

    threads = [threading.Thread(target=send) for _ in range(4)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert bucket.taken == 4_000_000
    assert clock.waited == pytest.approx((4_000_000 - 20_000) / 200_000, rel=1e-9)


def test_cancel_ends_a_wait() -> None:
    bucket = TokenBucket(1, burst=1)
    bucket.take(1)
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(Cancelled):
        bucket.take(1_000, cancel)


def test_engine_sends_every_byte_through_one_shared_bucket(
    implicit_server, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = FakeClock()
    buckets: list[TokenBucket] = []

    def bucket_on_fake_clock(rate: float) -> TokenBucket:
        b = TokenBucket(rate, clock=clock, wait=clock.wait)
        buckets.append(b)
        return b

    monkeypatch.setattr(engine_module, "TokenBucket", bucket_on_fake_clock)
    sizes = {f"f/clip{i}.dcm": 400_000 + i * 1_000 for i in range(6)}
    folder = make_tree(tmp_path / "l", sizes) / "f"
    job = make_job(implicit_server.endpoint, [folder], "/in", connections=3)
    rate = 1_000_000
    result, _ = run(implicit_server, job, rate_limit=rate)
    assert result.complete, result.error
    assert result.connections_used > 1
    assert_same_tree(folder, implicit_server.root / "in")
    assert len(buckets) == 1  # one bucket for all three connections
    total = sum(sizes.values())
    assert buckets[0].taken == total
    burst = rate * 0.25
    # Only the first burst went without waiting (blocks are rate/20, inside the burst).
    assert clock.waited == pytest.approx((total - burst) / rate, abs=1e-6)


def test_without_a_limit_no_bucket_is_made(
    implicit_server, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made: list[float] = []
    monkeypatch.setattr(engine_module, "TokenBucket", lambda rate: made.append(rate))
    folder = make_tree(tmp_path / "l", {"f/a.dcm": 1000}) / "f"
    result, _ = run(implicit_server, make_job(implicit_server.endpoint, [folder], "/in"))
    assert result.complete and made == []
