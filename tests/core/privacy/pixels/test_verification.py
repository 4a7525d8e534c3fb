"""OCR verification of cleaned frames: a mask that misses the banner blocks the file.

If the cleaning skipped reading its own output, a wrong mask (a table row for the wrong layout)
would let the patient's name leave; this test makes that mistake and expects the block.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pydicom.uid import ExplicitVRLittleEndian

from echouploader.core.privacy.pixels import clean
from echouploader.core.privacy.pixels.mask import FrameMask
from echouploader.core.privacy.pixels.matching import IdentifyingValues
from tests.core.privacy.pixels.builder import build_us_file, read


def _plan(built, rects) -> clean.PixelPlan:  # type: ignore[no-untyped-def]
    return clean.PixelPlan(
        action=clean.CLEAN,
        mask=FrameMask.build(built.rows, built.cols, rects),
        sources=["table row: a wrong layout"],
        frames=built.frames,
        frames_read=clean.sample_indices(built.frames),
    )


def test_a_mask_that_misses_the_banner_is_caught_by_reading_the_cleaned_frames(
    tmp_path: Path,
) -> None:
    built = build_us_file(
        tmp_path / "IM1", photometric="RGB", transfer_syntax=ExplicitVRLittleEndian, frames=3
    )
    ds = read(built.path)
    values = IdentifyingValues.from_dataset(ds)
    x, y, w, h = built.banner_band
    wrong = _plan(built, [(x, y + h + 4, w, 6)])  # a band just below the banner
    with pytest.raises(clean.PixelsBlocked) as err:
        clean.clean_dataset(ds, wrong, values, "IM1")
    assert "IM1" in str(err.value) and "frame" in str(err.value)
    assert not wrong.verified
    # The right mask passes the same reading, and only then is the plan verified.
    ds = read(built.path)
    right = _plan(built, [built.banner_band])
    clean.clean_dataset(ds, right, values, "IM1")
    assert right.verified
