"""The machine's own ultrasound regions: everything outside them is blanked, every region stays."""

from __future__ import annotations

import numpy as np
import pytest
from pydicom.dataset import Dataset
from pydicom.sequence import Sequence

from echouploader.core.privacy.pixels.regions import (
    complement,
    declared_regions,
    outside_regions_mask,
    regions_problem,
    regions_result,
)
from tests.conftest import DICOM_SAMPLES, require


def _region(x0: int, y0: int, x1: int, y1: int, fmt: int = 1, data: int = 1) -> Dataset:
    item = Dataset()
    item.RegionLocationMinX0 = x0
    item.RegionLocationMinY0 = y0
    item.RegionLocationMaxX1 = x1
    item.RegionLocationMaxY1 = y1
    item.RegionSpatialFormat = fmt
    item.RegionDataType = data
    return item


def _ds(rows: int, columns: int, *regions: Dataset) -> Dataset:
    ds = Dataset()
    ds.Modality = "US"
    ds.Rows = rows
    ds.Columns = columns
    if regions:
        ds.SequenceOfUltrasoundRegions = Sequence(list(regions))
    return ds


def test_everything_outside_the_sector_and_the_ecg_strip_is_blanked() -> None:
    # A 2D sector and, below it, an ECG trace region: both stay, the banner band goes.
    ds = _ds(600, 800, _region(100, 60, 699, 449), _region(100, 470, 699, 549, fmt=4, data=9))
    mask = outside_regions_mask(ds)
    assert mask is not None and (mask.rows, mask.columns) == (600, 800)
    blanked = mask.as_array()
    kept = ~blanked
    assert kept[60:450, 100:700].all()  # the sector, inclusive corners
    assert kept[470:550, 100:700].all()  # the ECG strip is a region of its own and stays
    assert blanked[:60].all()  # the banner above the regions
    assert blanked[450:470].all() and blanked[550:].all()
    assert blanked[:, :100].all() and blanked[:, 700:].all()
    assert kept.sum() == 600 * 390 + 600 * 80  # exactly the two regions, nothing more
    kinds = [r.kind for r in declared_regions(ds)]
    assert kinds == ["2D tissue", "waveform ECG trace"]


def test_no_regions_means_no_mask_from_here() -> None:
    assert outside_regions_mask(_ds(600, 800)) is None
    assert regions_problem(_ds(600, 800)) is None


def test_a_corner_one_past_the_frame_is_cut_to_the_frame() -> None:
    # As the real Mindray DC-30 file declares it: MaxY1 = Rows.
    mask = outside_regions_mask(_ds(910, 1260, _region(0, 120, 1100, 910)))
    assert mask is not None
    kept = ~mask.as_array()
    assert kept[120:, :1101].all() and not kept[:120].any() and not kept[:, 1101:].any()


@pytest.mark.parametrize(
    ("region", "words"),
    [
        (_region(900, 10, 950, 50), "lies outside the 800×600 frame"),
        (_region(300, 200, 299, 400), "has no area"),
    ],
)
def test_implausible_regions_are_left_out_with_a_reason(region: Dataset, words: str) -> None:
    alone = _ds(600, 800, region)
    assert outside_regions_mask(alone) is None
    problem = regions_problem(alone)
    assert problem is not None and words in problem and problem.endswith(".")
    # Next to a good region it is only left out: the good one still gives the mask.
    both = _ds(600, 800, _region(100, 60, 699, 449), region)
    result = regions_result(both)
    assert result.mask is not None and result.kept == ((100, 60, 600, 390),)
    assert words in (regions_problem(both) or "")


def test_complement_covers_exactly_the_rest() -> None:
    rng = np.random.default_rng(7)
    for _ in range(25):
        kept = []
        for _ in range(int(rng.integers(1, 5))):
            x, y = int(rng.integers(0, 90)), int(rng.integers(0, 70))
            kept.append((x, y, int(rng.integers(1, 40)), int(rng.integers(1, 30))))
        want = np.ones((80, 100), dtype=bool)
        for x, y, w, h in kept:
            want[y : y + h, x : x + w] = False
        got = np.zeros((80, 100), dtype=int)
        for x, y, w, h in complement(kept, 80, 100):
            got[y : y + h, x : x + w] += 1
        assert (got == want).all()  # every outside pixel once, no inside pixel


def test_real_files_declare_regions_that_give_a_mask() -> None:
    import pydicom

    require(DICOM_SAMPLES.is_dir(), f"{DICOM_SAMPLES} (the real ultrasound samples) is absent")
    hp = pydicom.dcmread(DICOM_SAMPLES / "hp-sonos-echo-multiframe-jpeg.dcm")
    regions = declared_regions(hp)
    assert [r.kind for r in regions] == ["2D tissue", "waveform pulse trace"]
    mask = outside_regions_mask(hp)
    assert mask is not None
    kept = ~mask.as_array()
    assert kept[4:354, 42:439].all() and kept[374:407, 40:258].all()
    assert not kept[:4].any()
    mindray = pydicom.dcmread(DICOM_SAMPLES / "mindray-us-rle-burned-in.dcm")
    banner = outside_regions_mask(mindray)
    assert banner is not None and banner.as_array()[12:67, 15:1218].all()  # the measured banner
    assert regions_problem(mindray) is None
