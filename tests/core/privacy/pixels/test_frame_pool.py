"""JPEG Baseline clips blanked in worker processes give the same bytes as in this process."""

from __future__ import annotations

from pathlib import Path

import pydicom
import pytest
from pydicom.uid import JPEGBaseline8Bit

from echouploader.core.privacy.pixels import frame_pool
from echouploader.core.privacy.pixels.mask import FrameMask
from echouploader.core.privacy.pixels.writers import clean_dataset, clean_file, iter_frames
from tests.core.privacy.pixels.builder import build_us_file


@pytest.mark.slow
def test_workers_blank_every_frame_in_order_like_one_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    frames = frame_pool.MIN_FRAMES + 4
    built = build_us_file(tmp_path / "src.dcm", transfer_syntax=JPEGBaseline8Bit, frames=frames)
    mask = FrameMask.build(built.rows, built.cols, [built.banner_band])

    monkeypatch.setenv(frame_pool.WORKERS_VARIABLE, "1")
    alone = pydicom.dcmread(built.path)
    one = clean_dataset(alone, mask)
    clean_file(built.path, tmp_path / "alone.dcm", mask)

    monkeypatch.setenv(frame_pool.WORKERS_VARIABLE, "2")
    try:
        pooled = pydicom.dcmread(built.path)
        two = clean_dataset(pooled, mask)
        clean_file(built.path, tmp_path / "pooled.dcm", mask)
        assert frame_pool._pool is not None  # the workers did the blanking
    finally:
        frame_pool.shutdown()
    assert two == one and two.method == "jpeg-dct" and two.frames == frames
    assert pooled.PixelData == alone.PixelData
    assert (tmp_path / "pooled.dcm").read_bytes() == (tmp_path / "alone.dcm").read_bytes()
    x, y, w, h = built.banner_band
    for frame in iter_frames(pydicom.dcmread(tmp_path / "pooled.dcm")):
        assert int(frame[y : y + h, x : x + w].max()) <= 8  # every frame's banner is black
