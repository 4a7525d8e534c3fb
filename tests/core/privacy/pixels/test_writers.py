"""The pixel writers blank the mask in every frame, every colour model and every encoding.

Files come from the builder (text drawn with a TrueType font into speckled frames, encoded by
libraries other than the ones the writers use) and are compared, after cleaning and a round trip
through disk, with the decoded originals: inside the blanked rectangles the pixels are black,
outside them the imaging area is bit-exact for the lossless encodings and the JPEG DCT path.
"""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pydicom
import pytest
from PIL import Image
from pydicom.encaps import generate_frames
from pydicom.uid import (
    ExplicitVRLittleEndian,
    JPEG2000Lossless,
    JPEGBaseline8Bit,
    JPEGLosslessSV1,
    JPEGLSLossless,
    RLELossless,
)

from echouploader.core.errors import ExitCode
from echouploader.core.privacy.pixels.mask import FrameMask, Rect
from echouploader.core.privacy.pixels.writers import (
    PixelCleaningError,
    clean_dataset,
    frame_count,
    iter_frames,
)
from tests.core.privacy.pixels.builder import BuiltFile, build_us_file

LOSSLESS = [
    ("MONOCHROME2", ExplicitVRLittleEndian, 0, 8),
    ("MONOCHROME2", ExplicitVRLittleEndian, 0, 12),
    ("MONOCHROME1", ExplicitVRLittleEndian, 0, 8),
    ("RGB", ExplicitVRLittleEndian, 0, 8),
    ("RGB", ExplicitVRLittleEndian, 1, 8),
    ("YBR_FULL", ExplicitVRLittleEndian, 0, 8),
    ("YBR_FULL_422", ExplicitVRLittleEndian, 0, 8),
    ("PALETTE COLOR", ExplicitVRLittleEndian, 0, 8),
    ("MONOCHROME2", RLELossless, 0, 8),
    ("RGB", RLELossless, 1, 8),
    ("YBR_FULL", RLELossless, 1, 8),
    ("PALETTE COLOR", RLELossless, 0, 8),
    ("MONOCHROME2", JPEGLSLossless, 0, 12),
    ("RGB", JPEGLSLossless, 0, 8),
    ("MONOCHROME2", JPEG2000Lossless, 0, 8),
    ("RGB", JPEG2000Lossless, 0, 8),
    ("MONOCHROME2", JPEGLosslessSV1, 0, 12),
    ("RGB", JPEGLosslessSV1, 0, 8),
]
DCT = [
    ("YBR_FULL_422", JPEGBaseline8Bit),
    ("YBR_FULL", JPEGBaseline8Bit),
    ("MONOCHROME2", JPEGBaseline8Bit),
]


def _id(case: tuple[object, ...]) -> str:
    return "-".join(str(getattr(c, "name", c)).replace(" ", "_") for c in case)


def reread(ds: pydicom.Dataset) -> pydicom.Dataset:
    buf = io.BytesIO()
    ds.save_as(buf, enforce_file_format=True)
    return pydicom.dcmread(io.BytesIO(buf.getvalue()))


def values(ds: pydicom.Dataset, keyword: str) -> list[str]:
    value = ds.get(keyword)
    return [str(value)] if isinstance(value, str | float | int) else [str(v) for v in value]


def rect_mask(shape: tuple[int, int], rects: tuple[Rect, ...], grow: int = 0) -> np.ndarray:
    out = np.zeros(shape, dtype=bool)
    for x, y, w, h in rects:
        out[max(0, y - grow) : y + h + grow, max(0, x - grow) : x + w + grow] = True
    return out


def imaging(built: BuiltFile) -> np.ndarray:
    return rect_mask((built.rows, built.cols), (built.imaging_rect,))


def assert_cleaned(
    built: BuiltFile, after: pydicom.Dataset, blanked: tuple[Rect, ...], *, edge: int = 0
) -> None:
    """Black inside ``blanked`` in every frame, the imaging area unchanged outside it."""
    before = list(iter_frames(pydicom.dcmread(built.path)))
    frames = list(iter_frames(after))
    assert len(frames) == built.frames == len(before)
    shape = (built.rows, built.cols)
    inside = rect_mask(shape, blanked)
    if edge:  # chroma upsampling may bleed into the outer pixels of a blanked block
        inside &= ~rect_mask(shape, tuple(_outer_edges(blanked, edge, shape)))
    keep = imaging(built) & ~rect_mask(shape, blanked, grow=edge)
    assert keep.sum() > 0.5 * imaging(built).sum()
    for index, (old, new) in enumerate(zip(before, frames, strict=True)):
        assert new.shape == old.shape
        assert int(new[inside].max()) == 0, f"frame {index} still has light pixels in the mask"
        assert np.array_equal(new[keep], old[keep]), f"frame {index} changed outside the mask"


def _outer_edges(rects: tuple[Rect, ...], edge: int, shape: tuple[int, int]) -> list[Rect]:
    """Bands of ``edge`` pixels just inside each rectangle, where chroma upsampling may bleed."""
    rows, cols = shape
    out = []
    for x, y, w, h in rects:
        if y > 0:
            out.append((x, y, w, edge))
        if y + h < rows:
            out.append((x, y + h - edge, w, edge))
        if x > 0:
            out.append((x, y, edge, h))
        if x + w < cols:
            out.append((x + w - edge, y, edge, h))
    return out


def text_mask(built: BuiltFile) -> FrameMask:
    rects = [built.banner_band]
    if built.annotation_rect:
        rects.append(built.annotation_rect)
    return FrameMask.build(built.rows, built.cols, rects)


@pytest.mark.parametrize("case", LOSSLESS, ids=_id)
def test_lossless_encodings_blank_every_frame_and_keep_the_rest_bit_exact(
    tmp_path: Path, case: tuple[str, str, int, int]
) -> None:
    photometric, ts, planar, bits = case
    built = build_us_file(
        tmp_path / "clip.dcm",
        photometric=photometric,
        transfer_syntax=ts,
        planar=planar,
        bits=bits,
        frames=3,
        annotation_text="LV EF 55 %",
        regions=True,
    )
    ds = pydicom.dcmread(built.path)
    raw_group = ds[0x7FE1, 0x1010].value
    mask = text_mask(built)
    result = clean_dataset(ds, mask)
    after = reread(ds)

    assert result.frames == 3
    assert not result.lossy and result.lossy_method is None
    assert result.blanked == mask.rects or photometric == "YBR_FULL_422"
    assert after.file_meta.TransferSyntaxUID == ts
    for keyword in (
        "Rows",
        "Columns",
        "NumberOfFrames",
        "PhotometricInterpretation",
        "BitsAllocated",
        "BitsStored",
        "SamplesPerPixel",
    ):
        assert after.get(keyword) == pydicom.dcmread(built.path).get(keyword), keyword
    assert after.get("PlanarConfiguration") == (
        None if photometric in ("MONOCHROME1", "MONOCHROME2", "PALETTE COLOR") else planar
    )
    assert "LossyImageCompression" not in after
    assert after[0x7FE1, 0x1010].value == raw_group
    assert_cleaned(built, after, result.blanked)


@pytest.mark.parametrize("case", DCT, ids=_id)
def test_jpeg_baseline_blanks_whole_blocks_and_leaves_every_other_block_untouched(
    tmp_path: Path, case: tuple[str, str]
) -> None:
    photometric, ts = case
    built = build_us_file(
        tmp_path / "clip.dcm",
        photometric=photometric,
        transfer_syntax=ts,
        frames=4,
        annotation_text="MV E 0.8 m/s",
    )
    ds = pydicom.dcmread(built.path)
    mask = text_mask(built)
    result = clean_dataset(ds, mask)
    after = reread(ds)

    assert result.method == "jpeg-dct"
    assert not result.lossy and "LossyImageCompressionMethod" not in after
    assert after.file_meta.TransferSyntaxUID == JPEGBaseline8Bit
    mcu_w, mcu_h = (16, 8) if photometric == "YBR_FULL_422" else (8, 8)
    for x, y, w, h in result.blanked:  # whole MCUs, covering the mask
        assert x % mcu_w == 0 and y % mcu_h == 0
        assert (x + w) % mcu_w == 0 or x + w == built.cols
        assert (y + h) % mcu_h == 0 or y + h == built.rows
    assert rect_mask((built.rows, built.cols), result.blanked)[
        rect_mask((built.rows, built.cols), mask.rects)
    ].all()

    # decoded by Pillow (libjpeg-turbo), not by the code under test: the blocks outside the
    # blanked MCUs decode to the same pixels; chroma upsampling reaches one pixel across edges
    edge = 2 if photometric == "YBR_FULL_422" else 0
    old_frames = list(generate_frames(pydicom.dcmread(built.path).PixelData, number_of_frames=4))
    new_frames = list(generate_frames(after.PixelData, number_of_frames=4))
    shape = (built.rows, built.cols)
    keep = ~rect_mask(shape, result.blanked, grow=edge)
    for old, new in zip(old_frames, new_frames, strict=True):
        a = np.asarray(Image.open(io.BytesIO(old)))
        b = np.asarray(Image.open(io.BytesIO(new)))
        assert np.array_equal(a[keep], b[keep])
        assert not np.array_equal(a, b)
    assert_cleaned(built, after, result.blanked, edge=edge)


def test_a_progressive_jpeg_is_encoded_again_at_its_own_quality_and_says_so(
    tmp_path: Path,
) -> None:
    built = build_us_file(
        tmp_path / "clip.dcm",
        photometric="YBR_FULL_422",
        transfer_syntax=JPEGBaseline8Bit,
        frames=2,
        progressive=True,
        quality=85,
    )
    ds = pydicom.dcmread(built.path)
    mask = text_mask(built)
    result = clean_dataset(ds, mask)
    after = reread(ds)

    assert result.method == "jpeg-reencode"
    assert result.lossy and result.lossy_method == "ISO_10918_1" and result.lossy_ratio
    assert after.LossyImageCompression == "01"
    assert values(after, "LossyImageCompressionMethod")[-1] == "ISO_10918_1"
    assert float(values(after, "LossyImageCompressionRatio")[-1]) == pytest.approx(
        result.lossy_ratio
    )
    assert after.file_meta.TransferSyntaxUID == JPEGBaseline8Bit
    before = list(iter_frames(pydicom.dcmread(built.path)))
    frames = list(iter_frames(after))
    shape = (built.rows, built.cols)
    keep = imaging(built) & ~rect_mask(shape, mask.rects, grow=8)
    for old, new in zip(before, frames, strict=True):
        assert int(new[rect_mask(shape, mask.rects)].max()) <= 8
        assert np.abs(old[keep].astype(int) - new[keep]).mean() <= 3
    # the source's own quantisation tables were used
    first_old = next(generate_frames(pydicom.dcmread(built.path).PixelData, number_of_frames=2))
    first_new = next(generate_frames(after.PixelData, number_of_frames=2))
    assert (
        Image.open(io.BytesIO(first_old)).quantization
        == Image.open(io.BytesIO(first_new)).quantization
    )


@pytest.mark.parametrize(
    "case",
    [
        ("RGB", ExplicitVRLittleEndian),
        ("YBR_FULL_422", JPEGBaseline8Bit),
        ("MONOCHROME2", RLELossless),
        ("RGB", JPEGLSLossless),
    ],
    ids=_id,
)
def test_an_empty_mask_leaves_the_pixel_data_byte_identical(
    tmp_path: Path, case: tuple[str, str]
) -> None:
    photometric, ts = case
    built = build_us_file(tmp_path / "c.dcm", photometric=photometric, transfer_syntax=ts)
    ds = pydicom.dcmread(built.path)
    original = ds.PixelData
    result = clean_dataset(ds, FrameMask.build(built.rows, built.cols))
    assert ds.PixelData == original
    assert result.blanked == () and result.frames == 3 and not result.lossy


def test_rectangles_for_one_frame_are_blanked_in_that_frame_only(tmp_path: Path) -> None:
    built = build_us_file(tmp_path / "c.dcm", photometric="RGB", transfer_syntax=RLELossless)
    x, y, w, h = built.imaging_rect
    spot = (x + w // 2 - 20, y + h // 2, 40, 30)  # inside the fan
    ds = pydicom.dcmread(built.path)
    clean_dataset(ds, FrameMask.build(built.rows, built.cols, per_frame={1: [spot]}))
    before = list(iter_frames(pydicom.dcmread(built.path)))
    after = list(iter_frames(reread(ds)))
    area = rect_mask((built.rows, built.cols), (spot,))
    assert np.array_equal(after[0], before[0]) and np.array_equal(after[2], before[2])
    assert after[1][area].max() == 0 and before[1][area].max() > 0


def test_palette_colour_is_blanked_with_the_index_of_black_not_zero(tmp_path: Path) -> None:
    built = build_us_file(
        tmp_path / "c.dcm",
        photometric="PALETTE COLOR",
        frames=2,
        transfer_syntax=ExplicitVRLittleEndian,
    )
    ds = pydicom.dcmread(built.path)
    result = clean_dataset(ds, text_mask(built))
    stored = np.frombuffer(ds.PixelData, dtype=np.uint8).reshape(2, built.rows, built.cols)
    x, y, w, h = result.blanked[0]
    assert (stored[:, y : y + h, x : x + w] == 255).all()  # the builder's palette: 255 is black


def test_monochrome1_is_blanked_with_its_brightest_value_which_displays_black(
    tmp_path: Path,
) -> None:
    built = build_us_file(
        tmp_path / "c.dcm",
        photometric="MONOCHROME1",
        frames=2,
        transfer_syntax=ExplicitVRLittleEndian,
    )
    ds = pydicom.dcmread(built.path)
    result = clean_dataset(ds, text_mask(built))
    stored = np.frombuffer(ds.PixelData, dtype=np.uint8).reshape(2, built.rows, built.cols)
    x, y, w, h = result.blanked[0]
    assert (stored[:, y : y + h, x : x + w] == 255).all()
    assert all(frame[y : y + h, x : x + w].max() == 0 for frame in iter_frames(ds))


def test_iter_frames_gives_displayable_uint8_frames(tmp_path: Path) -> None:
    for photometric, expect in (("YBR_FULL", 3), ("MONOCHROME2", 2), ("PALETTE COLOR", 3)):
        built = build_us_file(
            tmp_path / f"{expect}{photometric}.dcm",
            photometric=photometric,
            transfer_syntax=ExplicitVRLittleEndian,
            frames=2,
        )
        ds = pydicom.dcmread(built.path)
        frames = list(iter_frames(ds))
        assert frame_count(ds) == 2 == len(frames)
        for frame in frames:
            assert frame.dtype == np.uint8 and frame.ndim == expect
        x, y, w, h = built.banner_rect
        assert frames[1][y : y + h, x : x + w].max() >= 200  # the white text reads as white
    rgb = build_us_file(
        tmp_path / "rgb.dcm",
        photometric="YBR_FULL",
        frames=2,
        transfer_syntax=ExplicitVRLittleEndian,
    )
    shown = next(iter_frames(pydicom.dcmread(rgb.path)))
    sx, sy, sw, sh = rgb.imaging_rect
    drawn = rgb.frames_rgb[0][sy : sy + sh, sx : sx + sw].astype(int)
    assert np.abs(shown[sy : sy + sh, sx : sx + sw].astype(int) - drawn).mean() < 1.0


def test_an_encoding_that_cannot_be_written_blocks_with_a_sentence_naming_the_file(
    tmp_path: Path,
) -> None:
    built = build_us_file(
        tmp_path / "IMG0001", photometric="MONOCHROME2", transfer_syntax=JPEGLSLossless
    )
    ds = pydicom.dcmread(built.path)
    ds.file_meta.TransferSyntaxUID = "1.2.840.10008.1.2.4.201"  # HTJ2K Lossless
    with pytest.raises(PixelCleaningError) as err:
        clean_dataset(ds, text_mask(built))
    assert err.value.exit_code == ExitCode.PRIVACY_BLOCKED
    assert "IMG0001" in str(err.value) and "\n" not in str(err.value)


def test_a_mask_for_another_frame_size_is_refused(tmp_path: Path) -> None:
    built = build_us_file(
        tmp_path / "c.dcm", photometric="RGB", transfer_syntax=ExplicitVRLittleEndian
    )
    ds = pydicom.dcmread(built.path)
    with pytest.raises(PixelCleaningError, match="mask is for"):
        clean_dataset(ds, FrameMask.build(built.rows + 8, built.cols, [(0, 0, 10, 10)]))


def test_a_broken_jpeg_frame_blocks_instead_of_passing(tmp_path: Path) -> None:
    built = build_us_file(tmp_path / "c.dcm", transfer_syntax=JPEGBaseline8Bit, frames=1)
    ds = pydicom.dcmread(built.path)
    from pydicom.encaps import encapsulate

    frame = next(generate_frames(ds.PixelData, number_of_frames=1))
    ds.PixelData = encapsulate([frame[:200]])  # cut inside the scan
    with pytest.raises(PixelCleaningError, match="cannot be cleaned"):
        clean_dataset(ds, text_mask(built))


@pytest.mark.parametrize("photometric", ["YBR_FULL_422", "MONOCHROME2"])
def test_jpeg_blocks_blanked_between_untouched_blocks_keep_both_sides_right(
    tmp_path: Path, photometric: str
) -> None:
    """Rectangles in the middle of the speckle: DC predictors change on both sides of each."""
    built = build_us_file(
        tmp_path / "c.dcm",
        photometric=photometric,
        transfer_syntax=JPEGBaseline8Bit,
        frames=2,
        rows=256,
        cols=320,
    )
    sx, sy, sw, sh = built.imaging_rect
    rects = [
        (sx + sw // 2 - 30, sy + sh // 2, 60, 20),
        (sx + sw // 2 + 50, sy + sh // 2 + 30, 9, 9),
    ]
    ds = pydicom.dcmread(built.path)
    result = clean_dataset(ds, FrameMask.build(built.rows, built.cols, rects))
    assert result.method == "jpeg-dct"
    edge = 2 if photometric == "YBR_FULL_422" else 0
    assert_cleaned(built, reread(ds), result.blanked, edge=edge)


@pytest.mark.parametrize(
    "options",
    [{"subsampling": 2}, {"restart_marker_rows": 1}, {"restart_marker_blocks": 7}],
    ids=["4:2:0", "restart-every-row", "restart-every-7-MCUs"],
)
def test_jpeg_with_420_or_restart_markers_takes_the_dct_path(
    tmp_path: Path, options: dict[str, int]
) -> None:
    built = build_us_file(
        tmp_path / "c.dcm",
        photometric="YBR_FULL_422",
        transfer_syntax=JPEGBaseline8Bit,
        frames=2,
        annotation_text="AV Vmax 1.2 m/s",
        jpeg_options=options,
    )
    ds = pydicom.dcmread(built.path)
    result = clean_dataset(ds, text_mask(built))
    assert result.method == "jpeg-dct" and not result.lossy
    assert_cleaned(built, reread(ds), result.blanked, edge=2)


def test_jpeg_with_optimised_huffman_tables_is_cleaned_either_way(tmp_path: Path) -> None:
    """Optimised tables may lack a code a black block needs: then the frame is re-encoded."""
    built = build_us_file(
        tmp_path / "c.dcm",
        photometric="YBR_FULL_422",
        transfer_syntax=JPEGBaseline8Bit,
        frames=2,
        jpeg_options={"optimize": True},
    )
    ds = pydicom.dcmread(built.path)
    result = clean_dataset(ds, text_mask(built))
    after = reread(ds)
    assert result.method in ("jpeg-dct", "jpeg-reencode")
    assert result.lossy == (result.method == "jpeg-reencode")
    shape = (built.rows, built.cols)
    keep = imaging(built) & ~rect_mask(shape, result.blanked, grow=8)
    inside = rect_mask(shape, tuple(r for r in result.blanked))
    for old, new in zip(iter_frames(pydicom.dcmread(built.path)), iter_frames(after), strict=True):
        assert int(new[inside].max()) <= 8
        assert np.abs(old[keep].astype(int) - new[keep]).mean() <= 3


def test_a_huffman_table_without_the_code_for_black_falls_back_to_a_recorded_re_encode(
    tmp_path: Path,
) -> None:
    """A flat grey frame with optimised tables has no DC category for the jump to black."""
    from pydicom.encaps import encapsulate

    from echouploader.core.privacy.pixels import jpeg_dct

    built = build_us_file(tmp_path / "c.dcm", transfer_syntax=JPEGBaseline8Bit, frames=2)
    grey = np.full((built.rows, built.cols, 3), 128, dtype=np.uint8)
    buf = io.BytesIO()
    Image.fromarray(grey).save(buf, "JPEG", quality=90, optimize=True, subsampling=1)
    with pytest.raises(jpeg_dct.NotBaseline, match="lacks a code"):
        jpeg_dct.blank_frame(buf.getvalue(), ((0, 0, 64, 16),))
    ds = pydicom.dcmread(built.path)
    ds.PixelData = encapsulate([buf.getvalue(), buf.getvalue()])
    result = clean_dataset(ds, FrameMask.build(built.rows, built.cols, [(0, 0, 64, 16)]))
    assert result.method == "jpeg-reencode" and result.lossy
    assert ds.LossyImageCompression == "01"
    for frame in iter_frames(reread(ds)):
        assert frame[:16, :64].max() <= 8
        assert abs(int(frame[100, 200].mean()) - 128) <= 3


def test_damaged_encapsulation_blocks_with_a_sentence_for_cleaning_and_reading(
    tmp_path: Path,
) -> None:
    built = build_us_file(
        tmp_path / "IMG0002", photometric="MONOCHROME2", transfer_syntax=RLELossless, frames=2
    )
    ds = pydicom.dcmread(built.path)
    ds.PixelData = b"\x00\x11\x22\x33" * 10  # no item tags at all
    with pytest.raises(PixelCleaningError, match="IMG0002") as err:
        clean_dataset(ds, text_mask(built))
    assert "\n" not in str(err.value)
    with pytest.raises(PixelCleaningError, match="IMG0002"):
        list(iter_frames(ds))
