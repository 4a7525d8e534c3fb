"""Frames with text drawn by Pillow, for the OCR tests that need no DICOM file around them."""

from __future__ import annotations

import subprocess
from functools import lru_cache

import numpy as np
from PIL import Image, ImageDraw, ImageFont


@lru_cache(maxsize=8)
def font(size: int = 16) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """DejaVu Sans (installed on CI), else Pillow's own scalable font."""
    try:
        path = subprocess.run(
            ["fc-match", "-f", "%{file}", "DejaVu Sans"], capture_output=True, text=True, timeout=10
        ).stdout.strip()
        if path:
            return ImageFont.truetype(path, size)
    except (OSError, subprocess.SubprocessError):
        pass
    return ImageFont.load_default(size)


def echo_frame(
    rows: int = 480,
    columns: int = 640,
    lines: tuple[tuple[int, int, str], ...] = (),
    seed: int = 0,
    colour: bool = True,
) -> np.ndarray:
    """A dark frame with a speckled sector and the given text lines ``(x, y, text)`` in white."""
    rng = np.random.default_rng(seed)
    yy, xx = np.mgrid[0:rows, 0:columns]
    apex = rows // 8
    sector = ((xx - columns / 2) ** 2 + (yy - apex) ** 2 < (rows * 0.8) ** 2) & (
        np.abs(xx - columns / 2) < (yy - apex) * 0.8
    )
    grey = np.zeros((rows, columns), np.uint8)
    grey[sector] = rng.integers(0, 150, int(sector.sum()), dtype=np.uint8)
    image = Image.fromarray(np.stack([grey] * 3, axis=2) if colour else grey)
    draw = ImageDraw.Draw(image)
    for x, y, text in lines:
        draw.text((x, y), text, font=font(16), fill=(255, 255, 255) if colour else 255)
    return np.array(image)
