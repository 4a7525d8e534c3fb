"""clean_file writes the same file as clean_dataset would, holding one frame at a time."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import numpy as np
import pydicom
import pytest
from pydicom.uid import (
    ExplicitVRLittleEndian,
    ImplicitVRLittleEndian,
    JPEGBaseline8Bit,
    JPEGLSLossless,
    RLELossless,
)

from echouploader.core.privacy.pixels.mask import FrameMask
from echouploader.core.privacy.pixels.writers import (
    PixelCleaningError,
    clean_dataset,
    clean_file,
    iter_frames,
)
from tests.conftest import DICOM_SAMPLES, require
from tests.core.privacy.pixels.builder import build_us_file

CASES = [
    ("RGB", ExplicitVRLittleEndian),
    ("YBR_FULL_422", ExplicitVRLittleEndian),
    ("MONOCHROME2", ImplicitVRLittleEndian),
    ("YBR_FULL_422", JPEGBaseline8Bit),
    ("RGB", RLELossless),
    ("MONOCHROME2", JPEGLSLossless),
]


def same_file_as_in_memory(src: Path, tmp_path: Path, mask: FrameMask) -> pydicom.Dataset:
    out = tmp_path / "streamed.dcm"
    streamed = clean_file(src, out, mask)
    ds = pydicom.dcmread(src)
    in_memory = clean_dataset(ds, mask)
    assert streamed == in_memory
    got = pydicom.dcmread(out)
    assert got.file_meta.TransferSyntaxUID == ds.file_meta.TransferSyntaxUID
    for old, new in zip(iter_frames(ds), iter_frames(got), strict=True):
        assert np.array_equal(old, new)
    expected = {e.tag: e.value for e in ds if e.tag != 0x7FE00010 and e.tag.element}
    assert {e.tag: e.value for e in got if e.tag != 0x7FE00010 and e.tag.element} == expected
    assert not list(tmp_path.glob("*.part"))
    return got


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c[0]}-{c[1].name}".replace(" ", "_"))
def test_streamed_file_equals_the_in_memory_clean(tmp_path: Path, case: tuple[str, str]) -> None:
    photometric, ts = case
    built = build_us_file(
        tmp_path / "src.dcm",
        photometric=photometric,
        transfer_syntax=ts,
        frames=3,
        annotation_text="HR 72",
    )
    mask = FrameMask.build(
        built.rows, built.cols, [built.banner_band, built.annotation_rect or (0, 0, 0, 0)]
    )
    got = same_file_as_in_memory(built.path, tmp_path, mask)
    if ts != ImplicitVRLittleEndian:
        assert got[0x7FE1, 0x1010].value == pydicom.dcmread(built.path)[0x7FE1, 0x1010].value


def test_the_header_edit_is_applied_and_a_lossy_step_is_recorded(tmp_path: Path) -> None:
    built = build_us_file(
        tmp_path / "src.dcm", transfer_syntax=JPEGBaseline8Bit, frames=2, progressive=True
    )
    out = tmp_path / "out.dcm"

    def edit(ds: pydicom.Dataset) -> None:
        ds.PatientName = "STUDY^0001"

    result = clean_file(
        built.path, out, FrameMask.build(built.rows, built.cols, [built.banner_band]), edit=edit
    )
    got = pydicom.dcmread(out)
    assert result.lossy and got.LossyImageCompression == "01"
    assert str(got.PatientName) == "STUDY^0001"
    assert len(list(iter_frames(got))) == 2


def test_a_multi_frame_clip_is_never_held_whole(tmp_path: Path) -> None:
    built = build_us_file(
        tmp_path / "src.dcm",
        photometric="RGB",
        frames=40,
        rows=480,
        cols=640,
        transfer_syntax=ExplicitVRLittleEndian,
    )
    pixel_bytes = 480 * 640 * 3 * 40  # 36.9 MB
    mask = FrameMask.build(480, 640, [built.banner_band])
    tracemalloc.start()
    try:
        clean_file(built.path, tmp_path / "out.dcm", mask)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < pixel_bytes / 4, f"peak {peak / 1e6:.1f} MB for {pixel_bytes / 1e6:.1f} MB"


def test_a_broken_source_leaves_no_output(tmp_path: Path) -> None:
    built = build_us_file(
        tmp_path / "src.dcm", photometric="RGB", frames=3, transfer_syntax=ExplicitVRLittleEndian
    )
    data = built.path.read_bytes()
    folder = tmp_path / "in"
    folder.mkdir()
    cut = folder / "cut.dcm"
    cut.write_bytes(data[: len(data) // 2])
    with pytest.raises(PixelCleaningError, match="cut.dcm"):
        clean_file(
            cut, folder / "out.dcm", FrameMask.build(built.rows, built.cols, [built.banner_band])
        )
    assert [p.name for p in folder.iterdir()] == ["cut.dcm"]


@pytest.mark.parametrize(
    "name",
    [
        "hp-sonos-echo-multiframe-jpeg.dcm",
        "philips-us-palette-implicit-vr.dcm",
        "mindray-us-rle-burned-in.dcm",
    ],
)
def test_real_files_stream_like_they_clean_in_memory(tmp_path: Path, name: str) -> None:
    path = DICOM_SAMPLES / name
    require(path.is_file(), f"the real sample {path} is absent")
    ds = pydicom.dcmread(path, stop_before_pixels=True)
    mask = FrameMask.build(ds.Rows, ds.Columns, [(0, 0, ds.Columns, ds.Rows // 10)])
    same_file_as_in_memory(path, tmp_path, mask)
