"""Side-by-side measurement: contenders run in turn (A B A B …), then medians, min/max and ratios.

On shared machines single runs swing by 2×, so a comparison is only made between runs of the
same round: the ratio of a round is ours/anchor from that round, and the reported ratio is the
median of those paired ratios with their min and max.
"""

from __future__ import annotations

import logging
import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from bench.clients import ClientFailed, Run

log = logging.getLogger("bench")


@dataclass
class Spread:
    median: float
    min: float
    max: float
    values: list[float]

    @classmethod
    def of(cls, values: Sequence[float]) -> Spread:
        vals = list(values)
        return cls(statistics.median(vals), min(vals), max(vals), vals)

    def to_dict(self, digits: int = 3) -> dict[str, object]:
        return {
            "median": round(self.median, digits),
            "min": round(self.min, digits),
            "max": round(self.max, digits),
            "values": [round(v, digits) for v in self.values],
        }


@dataclass
class Contender:
    """One program (with its settings) in a comparison."""

    name: str
    run: Callable[[], Run]
    payload_bytes: int = 0  # bytes moved per run, for MB/s
    runs: list[Run] = field(default_factory=list)

    def seconds(self) -> Spread:
        return Spread.of([r.seconds for r in self.runs])

    def mb_per_s(self) -> Spread:
        return Spread.of([self.payload_bytes / r.seconds / 1e6 for r in self.runs])

    def rss_mb(self) -> Spread:
        return Spread.of([r.max_rss_kb / 1024 for r in self.runs])

    def cpu_seconds(self) -> Spread:
        return Spread.of([r.cpu_seconds for r in self.runs])

    def to_dict(self) -> dict[str, object]:
        out: dict[str, object] = {
            "cpu_seconds": self.cpu_seconds().to_dict(),
            "seconds": self.seconds().to_dict(),
            "rss_mb": self.rss_mb().to_dict(),
        }
        if self.payload_bytes:
            out["mb_per_s"] = self.mb_per_s().to_dict(1)
            out["payload_bytes"] = self.payload_bytes
        return out


def alternate(
    contenders: Sequence[Contender],
    rounds: int,
    *,
    before_each: Callable[[], None] | None = None,
    after_each: Callable[[Contender, Run], None] | None = None,
) -> None:
    """Run every contender once per round, in the same order each round (A B C A B C …)."""
    for round_no in range(1, rounds + 1):
        for c in contenders:
            for attempt in (1, 2):
                if before_each is not None:
                    before_each()
                try:
                    run = c.run()
                    if after_each is not None:
                        after_each(c, run)
                    break
                except ClientFailed as exc:
                    # One failed run on a loaded machine (a client giving up after its own
                    # retries) is run again once; a second failure voids the comparison.
                    if attempt == 2:
                        raise
                    log.warning("  %s failed, running it again: %s", c.name, str(exc)[-200:])
            c.runs.append(run)
            rate = f", {c.payload_bytes / run.seconds / 1e6:.1f} MB/s" if c.payload_bytes else ""
            log.info(
                "  round %d/%d %-34s %7.2f s%s, CPU %.2f s, %d MB RSS",
                round_no,
                rounds,
                c.name,
                run.seconds,
                rate,
                run.cpu_seconds,
                run.max_rss_kb // 1024,
            )


def paired_ratio(ours: Contender, anchor: Contender) -> Spread:
    """Per round: anchor seconds / our seconds (> 1 means we are faster); same payload assumed."""
    return Spread.of([a.seconds / o.seconds for o, a in zip(ours.runs, anchor.runs, strict=True)])


def best_of_pair_ratio(ours: Contender, anchors: Sequence[Contender]) -> Spread:
    """Per round: against the faster of the anchors in that same round."""
    ratios = []
    for i, o in enumerate(ours.runs):
        fastest = min(a.runs[i].seconds for a in anchors)
        ratios.append(fastest / o.seconds)
    return Spread.of(ratios)
