"""The four real ultrasound files of shared/testdata clean, and decode after cleaning.

HP Sonos (JPEG Baseline, 34 frames), ATL HDI5000 (JPEG Baseline), Philips ClearVue 650 (palette,
implicit VR) and Mindray DC-30 (RLE, BurnedInAnnotation = YES). The banner band and a spot inside
the image are blanked; every frame must read black there and unchanged elsewhere.
"""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pydicom
import pytest

from echouploader.core.privacy.pixels.frames import PixelLayout, palette_black_index
from echouploader.core.privacy.pixels.mask import FrameMask
from echouploader.core.privacy.pixels.writers import clean_dataset, iter_frames
from tests.conftest import DICOM_SAMPLES, require

FILES = {
    "hp-sonos-echo-multiframe-jpeg.dcm": ("jpeg-dct", 34),
    "atl-us-jpeg-baseline.dcm": ("jpeg-dct", 1),
    "philips-us-palette-implicit-vr.dcm": ("native", 1),
    "mindray-us-rle-burned-in.dcm": ("rle", 1),
}


def sample(name: str) -> Path:
    path = DICOM_SAMPLES / name
    require(path.is_file(), f"the real sample {path} is absent")
    return path


@pytest.mark.parametrize("name", sorted(FILES))
def test_real_file_cleans_in_its_own_encoding_and_decodes_after(name: str) -> None:
    method, frames = FILES[name]
    path = sample(name)
    ds = pydicom.dcmread(path)
    ts = ds.file_meta.TransferSyntaxUID
    rows, cols = ds.Rows, ds.Columns
    private = {e.tag: e.value for e in ds if e.tag.is_private and e.tag.element}
    mask = FrameMask.build(rows, cols, [(0, 0, cols, rows // 10), (cols // 2, rows // 2, 40, 24)])
    result = clean_dataset(ds, mask)
    buf = io.BytesIO()
    ds.save_as(buf)
    after = pydicom.dcmread(io.BytesIO(buf.getvalue()))

    assert result.method == method and result.frames == frames and not result.lossy
    assert after.file_meta.TransferSyntaxUID == ts
    assert (after.Rows, after.Columns, PixelLayout.of(after).frames) == (rows, cols, frames)
    assert {e.tag: e.value for e in after if e.tag.is_private and e.tag.element} == private
    before = list(iter_frames(pydicom.dcmread(path)))
    cleaned = list(iter_frames(after))
    assert len(cleaned) == frames
    inside = np.zeros((rows, cols), dtype=bool)
    grown = np.zeros((rows, cols), dtype=bool)
    for x, y, w, h in result.blanked:
        inside[y + 2 : y + h - 2, x + 2 : x + w - 2] = True
        grown[max(0, y - 2) : y + h + 2, max(0, x - 2) : x + w + 2] = True
    if ds.PhotometricInterpretation == "PALETTE COLOR":
        from pydicom.pixels import apply_color_lut

        index = palette_black_index(after)
        black = apply_color_lut(np.array([[index]], dtype=np.uint8), after)[0, 0] >> 8
    else:
        black = 0
    for old, new in zip(before, cleaned, strict=True):
        assert (new[inside] == black).all()
        assert np.array_equal(old[~grown], new[~grown])
        assert not np.array_equal(old, new)
