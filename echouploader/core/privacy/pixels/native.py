"""Blank rectangles in uncompressed pixel data, in place, frame by frame.

Works on the stored bytes through numpy views, so a multi-frame file is changed without a decoded
copy of all its frames: interleaved and planar colour (PlanarConfiguration 0 and 1), YBR_FULL_422
as stored (Y Y Cb Cr per pair of pixels, blanked in whole pairs), and grey or palette samples of
8 to 32 bits. Also :func:`blank_array` for frames decoded from a compressed syntax.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import numpy as np

from echouploader.core.i18n import _

from .frames import PixelLayout, UnsupportedPixels
from .mask import FrameMask, Rect


def _dtype(layout: PixelLayout) -> np.dtype[np.generic]:
    if layout.bits_allocated not in (8, 16, 32):
        raise UnsupportedPixels(
            _("{bits_allocated}-bit pixel data cannot be cleaned here").format(
                bits_allocated=layout.bits_allocated
            )
        )
    kind = "i" if layout.signed else "u"
    return np.dtype(f"<{kind}{layout.bits_allocated // 8}")


def frame_bytes(layout: PixelLayout) -> int:
    if layout.photometric == "YBR_FULL_422":
        return layout.rows * layout.columns * 2 * layout.bits_allocated // 8
    return layout.rows * layout.columns * layout.samples * layout.bits_allocated // 8


def blank_native(
    buffer: bytearray, layout: PixelLayout, mask: FrameMask, black: Sequence[int]
) -> tuple[Rect, ...]:
    """Blank ``mask`` in every frame of ``buffer``; returns the rectangles blanked in all frames."""
    if layout.transfer_syntax == "1.2.840.10008.1.2.2" and layout.bits_allocated > 8:
        raise UnsupportedPixels(_("big-endian pixel data cannot be cleaned here"))
    size = frame_bytes(layout)
    if len(buffer) < size * layout.frames:
        raise UnsupportedPixels(_("the pixel data is shorter than its rows, columns and frames"))
    dtype = _dtype(layout)
    blanked = mask.rects
    if layout.photometric == "YBR_FULL_422":
        blanked = tuple(_pair_aligned(r, layout.columns) for r in mask.rects)
    for index in range(layout.frames):
        rects = mask.rects_for(index)
        if not rects:
            continue
        view = np.frombuffer(buffer, dtype=dtype, count=size // dtype.itemsize, offset=index * size)
        if layout.photometric == "YBR_FULL_422":
            pairs = view.reshape(layout.rows, layout.columns // 2, 4)
            for x, y, w, h in (_pair_aligned(r, layout.columns) for r in rects):
                region = pairs[y : y + h, x // 2 : (x + w) // 2]
                region[..., 0:2] = black[0]
                region[..., 2] = black[1]
                region[..., 3] = black[2]
            continue
        frame: np.ndarray
        if layout.samples == 1:
            frame = view.reshape(layout.rows, layout.columns)
        elif layout.planar == 1:
            frame = view.reshape(layout.samples, layout.rows, layout.columns).transpose(1, 2, 0)
        else:
            frame = view.reshape(layout.rows, layout.columns, layout.samples)
        blank_array(frame, rects, black)
    return blanked


def blank_array(frame: np.ndarray, rects: Sequence[Rect], black: Sequence[int]) -> None:
    """Set every rectangle of ``frame`` (rows × columns [× samples]) to ``black``, in place."""
    value = black[0] if frame.ndim == 2 else np.asarray(black, dtype=frame.dtype)
    for x, y, w, h in rects:
        frame[y : y + h, x : x + w] = value


def _pair_aligned(rect: Rect, columns: int) -> Rect:
    x, y, w, h = rect
    x0 = x - (x % 2)
    x1 = min(columns - columns % 2, x + w + ((x + w) % 2))
    return (x0, y, max(0, x1 - x0), h)


def native_frames(buffer: bytes, layout: PixelLayout) -> Iterator[np.ndarray]:
    """Each frame of uncompressed pixel data as rows × columns [× samples], as stored.

    YBR_FULL_422 comes back with its chroma repeated over each pair of pixels.
    """
    if layout.transfer_syntax == "1.2.840.10008.1.2.2" and layout.bits_allocated > 8:
        raise UnsupportedPixels(_("big-endian pixel data cannot be read here"))
    size = frame_bytes(layout)
    if len(buffer) < size * layout.frames:
        raise UnsupportedPixels(_("the pixel data is shorter than its rows, columns and frames"))
    dtype = _dtype(layout)
    for index in range(layout.frames):
        view = np.frombuffer(buffer, dtype=dtype, count=size // dtype.itemsize, offset=index * size)
        if layout.photometric == "YBR_FULL_422":
            pairs = view.reshape(layout.rows, layout.columns // 2, 4)
            out = np.empty((layout.rows, layout.columns, 3), dtype=dtype)
            out[:, 0::2, 0] = pairs[..., 0]
            out[:, 1::2, 0] = pairs[..., 1]
            out[..., 1] = np.repeat(pairs[..., 2], 2, axis=1)
            out[..., 2] = np.repeat(pairs[..., 3], 2, axis=1)
            yield out
        elif layout.samples == 1:
            yield view.reshape(layout.rows, layout.columns)
        elif layout.planar == 1:
            yield view.reshape(layout.samples, layout.rows, layout.columns).transpose(1, 2, 0)
        else:
            yield view.reshape(layout.rows, layout.columns, layout.samples)
