"""The mask of one image file: which rectangles of which frames are blanked before it leaves."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import numpy as np

Rect = tuple[int, int, int, int]
"""A rectangle as (x, y, width, height) in the frame's pixel coordinates, CTP's convention."""


def clip(rect: Rect, rows: int, columns: int) -> Rect | None:
    """``rect`` cut to the frame; None when nothing of it lies inside."""
    x, y, w, h = rect
    x0, y0 = max(0, x), max(0, y)
    x1, y1 = min(columns, x + w), min(rows, y + h)
    if x1 <= x0 or y1 <= y0:
        return None
    return (x0, y0, x1 - x0, y1 - y0)


@dataclass(frozen=True)
class FrameMask:
    """Rectangles blanked in every frame, plus rectangles for single frames (0-based)."""

    rows: int
    columns: int
    rects: tuple[Rect, ...] = ()
    per_frame: Mapping[int, tuple[Rect, ...]] = field(default_factory=dict)

    @classmethod
    def build(
        cls,
        rows: int,
        columns: int,
        rects: Iterable[Rect] = (),
        per_frame: Mapping[int, Iterable[Rect]] | None = None,
    ) -> FrameMask:
        """A mask with every rectangle clipped to the frame and the empty ones dropped."""

        def clipped(rs: Iterable[Rect]) -> tuple[Rect, ...]:
            out = (clip(r, rows, columns) for r in rs)
            return tuple(sorted({r for r in out if r is not None}))

        frames = {i: clipped(rs) for i, rs in (per_frame or {}).items()}
        return cls(rows, columns, clipped(rects), {i: r for i, r in frames.items() if r})

    @property
    def empty(self) -> bool:
        return not self.rects and not self.per_frame

    def rects_for(self, frame: int) -> tuple[Rect, ...]:
        return self.rects + tuple(self.per_frame.get(frame, ()))

    def union(self, other: FrameMask) -> FrameMask:
        frames = {
            i: self.per_frame.get(i, ()) + other.per_frame.get(i, ())
            for i in set(self.per_frame) | set(other.per_frame)
        }
        return FrameMask.build(self.rows, self.columns, self.rects + other.rects, frames)

    def as_array(self, frame: int = 0) -> np.ndarray:
        """A ``rows × columns`` boolean array, True where the frame is blanked."""
        out = np.zeros((self.rows, self.columns), dtype=bool)
        for x, y, w, h in self.rects_for(frame):
            out[y : y + h, x : x + w] = True
        return out
