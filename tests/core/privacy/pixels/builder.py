"""Synthetic ultrasound files with burned-in patient text, in every colour model and encoding.

One call builds one file::

    built = build_us_file(tmp_path / "clip.dcm", photometric="YBR_FULL_422",
                          transfer_syntax=JPEGBaseline8Bit, frames=3)
    built.banner_rect      # where the banner text was drawn, (x, y, w, h)
    built.imaging_rect     # the imaging sector
    built.frames_rgb       # the frames as drawn (RGB uint8), before encoding

Each frame has a black banner at the top with the patient's name, ID and birth date in white
(TrueType DejaVu Sans from fontconfig, else Pillow's own scalable font), a speckled imaging
sector that differs from frame to frame, optionally an annotation drawn inside the imaging area,
and optionally a ``SequenceOfUltrasoundRegions`` for the sector. The encoders used here are
independent of the code under test: Pillow for JPEG Baseline, pydicom's encoders for RLE,
JPEG-LS and JPEG 2000, imagecodecs for JPEG Lossless, PyAV for video.
"""

from __future__ import annotations

import functools
import io
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pydicom
from PIL import Image, ImageDraw, ImageFont
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.encaps import encapsulate
from pydicom.sequence import Sequence
from pydicom.uid import (
    MPEG2MPML,
    UID,
    ExplicitVRLittleEndian,
    ImplicitVRLittleEndian,
    JPEG2000Lossless,
    JPEGBaseline8Bit,
    JPEGLosslessSV1,
    JPEGLSLossless,
    RLELossless,
    generate_uid,
)

Rect = tuple[int, int, int, int]

PATIENT_NAME = "DOE^JANE"
PATIENT_ID = "PID-884213"
BIRTH_DATE = "1971-03-09"
DEFAULT_BANNER = f"DOE, JANE   ID {PATIENT_ID}   DOB {BIRTH_DATE}"

US_MULTIFRAME = "1.2.840.10008.5.1.4.1.1.3.1"
US_IMAGE = "1.2.840.10008.5.1.4.1.1.6.1"


@dataclass(frozen=True)
class BuiltFile:
    """A file the builder wrote, and where its parts are."""

    path: Path
    photometric: str
    transfer_syntax: str
    frames: int
    rows: int
    cols: int
    banner_rect: Rect  # the text of the banner
    banner_band: Rect  # the whole banner band (full width)
    annotation_rect: Rect | None  # the text drawn inside the imaging area
    imaging_rect: Rect  # the speckled sector
    regions: tuple[Rect, ...]  # the SequenceOfUltrasoundRegions written, as (x, y, w, h)
    frames_rgb: tuple[np.ndarray, ...]  # every frame as drawn, H×W×3 uint8


@functools.cache
def font_path() -> str | None:
    """DejaVu Sans (bold) from fontconfig, when fontconfig is installed."""
    if shutil.which("fc-match") is None:
        return None
    out = subprocess.run(
        ["fc-match", "-f", "%{file}", "DejaVu Sans:bold"], capture_output=True, text=True
    )
    path = out.stdout.strip()
    return path if out.returncode == 0 and path.endswith((".ttf", ".otf")) else None


def font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    path = font_path()
    if path:
        return ImageFont.truetype(path, size)
    return ImageFont.load_default(size)


def render_frames(
    *,
    frames: int,
    rows: int,
    cols: int,
    banner_text: str,
    annotation_text: str | None,
    seed: int = 7,
) -> tuple[list[np.ndarray], Rect, Rect, Rect | None, Rect]:
    """The frames as RGB arrays, with the banner text, band, annotation and sector rectangles."""
    band_h = max(24, rows // 10)
    size = max(10, band_h * 5 // 9)
    sector = (cols // 8, band_h + rows // 20, cols * 3 // 4, rows - band_h - rows // 10)
    rng = np.random.default_rng(seed)
    out = []
    banner_rect: Rect = (0, 0, 0, 0)
    annotation_rect: Rect | None = None
    sx, sy, sw, sh = sector
    yy, xx = np.mgrid[0:sh, 0:sw]
    fan = ((xx - sw / 2) ** 2 / (sw / 2) ** 2 + (yy / sh) ** 2 <= 1.0) & (
        np.abs(xx - sw / 2) <= yy * 0.9 + sw * 0.08
    )
    for index in range(frames):
        img = Image.new("RGB", (cols, rows), (0, 0, 0))
        arr = np.array(img)
        speckle = rng.gamma(2.0, 45.0, size=(sh, sw)).clip(0, 255)
        depth = 1.0 - 0.5 * yy / sh
        grey = (speckle * depth * fan).astype(np.uint8)
        tint = np.stack([grey, (grey * 0.92).astype(np.uint8), (grey * 0.8).astype(np.uint8)], -1)
        if index % 2:
            # a colour Doppler patch, so colour models matter
            cx, cy = sw // 2, sh // 3
            tint[cy - sh // 10 : cy + sh // 10, cx - sw // 12 : cx + sw // 12] = (200, 40, 30)
        arr[sy : sy + sh, sx : sx + sw] = tint
        img = Image.fromarray(arr)
        draw = ImageDraw.Draw(img)
        f = font(size)
        left, top = cols // 40, (band_h - size) // 2
        box = draw.textbbox((left, top), banner_text, font=f)
        draw.text((left, top), banner_text, font=f, fill=(255, 255, 255))
        banner_rect = (box[0], box[1], box[2] - box[0], box[3] - box[1])
        if annotation_text:
            ax, ay = sx + sw // 20, sy + sh * 2 // 3
            abox = draw.textbbox((ax, ay), annotation_text, font=font(size * 4 // 5))
            draw.text((ax, ay), annotation_text, font=font(size * 4 // 5), fill=(240, 240, 90))
            annotation_rect = (abox[0], abox[1], abox[2] - abox[0], abox[3] - abox[1])
        out.append(np.array(img))
    return out, banner_rect, (0, 0, cols, band_h), annotation_rect, sector


def _grey(rgb: np.ndarray) -> np.ndarray:
    return (rgb.astype(np.float64) @ np.array([0.299, 0.587, 0.114])).round().astype(np.uint8)


def _ybr(rgb: np.ndarray) -> np.ndarray:
    from pydicom.pixels import convert_color_space

    return convert_color_space(rgb, "RGB", "YBR_FULL")


def _palette() -> np.ndarray:
    """256 colours where index 255 is black and index 0 is white (so "index 0" is wrong)."""
    i = np.arange(256)
    return np.stack([255 - i, 255 - i, (255 - i) * 0.9], -1).astype(np.uint16) * 257


def _stored(rgb: np.ndarray, photometric: str, bits: int) -> np.ndarray:
    if photometric == "MONOCHROME2":
        grey = _grey(rgb).astype(np.uint16)
        return grey << (bits - 8) if bits > 8 else grey.astype(np.uint8)
    if photometric == "MONOCHROME1":
        return 255 - _grey(rgb)
    if photometric == "PALETTE COLOR":
        return 255 - _grey(rgb)  # the palette maps 255 to black
    if photometric in ("YBR_FULL", "YBR_FULL_422"):
        return _ybr(rgb)
    return rgb


def _native_422(ybr: np.ndarray) -> bytes:
    rows, cols, _ = ybr.shape
    pairs = ybr.reshape(rows, cols // 2, 2, 3)
    out = np.empty((rows, cols // 2, 4), dtype=np.uint8)
    out[..., 0] = pairs[..., 0, 0]
    out[..., 1] = pairs[..., 1, 0]
    out[..., 2] = ((pairs[..., 0, 1].astype(int) + pairs[..., 1, 1]) // 2).astype(np.uint8)
    out[..., 3] = ((pairs[..., 0, 2].astype(int) + pairs[..., 1, 2]) // 2).astype(np.uint8)
    return out.tobytes()


def _jpeg(
    rgb: np.ndarray, photometric: str, *, progressive: bool, quality: int, jpeg_options: dict
) -> bytes:
    buf = io.BytesIO()
    if photometric.startswith("MONOCHROME"):
        img = Image.fromarray(_stored(rgb, photometric, 8))
    else:
        img = Image.fromarray(rgb)
    options = {"subsampling": 1 if photometric == "YBR_FULL_422" else 0, **jpeg_options}
    img.save(buf, "JPEG", quality=quality, progressive=progressive, **options)
    return buf.getvalue()


def _base_dataset(
    *, frames: int, rows: int, cols: int, manufacturer: str, model: str, ts: str
) -> Dataset:
    meta = FileMetaDataset()
    sop = US_MULTIFRAME if frames > 1 else US_IMAGE
    meta.MediaStorageSOPClassUID = sop
    meta.MediaStorageSOPInstanceUID = generate_uid()
    meta.TransferSyntaxUID = UID(ts)
    ds = Dataset()
    ds.file_meta = meta
    ds.SOPClassUID = sop
    ds.SOPInstanceUID = meta.MediaStorageSOPInstanceUID
    ds.StudyInstanceUID = generate_uid()
    ds.SeriesInstanceUID = generate_uid()
    ds.Modality = "US"
    ds.PatientName = PATIENT_NAME
    ds.PatientID = PATIENT_ID
    ds.PatientBirthDate = BIRTH_DATE.replace("-", "")
    ds.Manufacturer = manufacturer
    ds.ManufacturerModelName = model
    ds.BurnedInAnnotation = "YES"
    ds.Rows = rows
    ds.Columns = cols
    if frames > 1:
        ds.NumberOfFrames = frames
        ds.FrameTime = 33.3
    return ds


def _regions(sector: Rect, strip: Rect | None) -> Sequence:
    items = []
    for kind, (x, y, w, h) in ((1, sector), (3, strip)):
        if w == 0:
            continue
        item = Dataset()
        item.RegionSpatialFormat = kind  # 1: 2D, 3: spectral/ECG-like strip
        item.RegionDataType = 1 if kind == 1 else 3
        item.RegionFlags = 0
        item.RegionLocationMinX0 = x
        item.RegionLocationMinY0 = y
        item.RegionLocationMaxX1 = x + w - 1
        item.RegionLocationMaxY1 = y + h - 1
        item.PhysicalUnitsXDirection = 3
        item.PhysicalUnitsYDirection = 3
        item.PhysicalDeltaX = 0.03
        item.PhysicalDeltaY = 0.03
        items.append(item)
    return Sequence(items)


def build_us_file(
    path: Path,
    *,
    photometric: str = "YBR_FULL_422",
    transfer_syntax: str = JPEGBaseline8Bit,
    frames: int = 3,
    rows: int = 240,
    cols: int = 320,
    banner_text: str = DEFAULT_BANNER,
    annotation_text: str | None = None,
    regions: bool = False,
    planar: int = 0,
    bits: int = 8,
    progressive: bool = False,
    quality: int = 90,
    jpeg_options: dict | None = None,
    manufacturer: str = "GE Vingmed Ultrasound",
    model: str = "Vivid E95",
    raw_data_group: bool = True,
) -> BuiltFile:
    """Write one synthetic ultrasound file and say where its text and sector are.

    ``photometric``: MONOCHROME1, MONOCHROME2, RGB, YBR_FULL, YBR_FULL_422 or PALETTE COLOR.
    ``transfer_syntax``: native (Explicit or Implicit VR Little Endian), RLE Lossless, JPEG
    Baseline, JPEG-LS Lossless, JPEG 2000 Lossless, JPEG Lossless SV1 or MPEG-2. ``bits`` > 8
    is for grey images in the lossless syntaxes. ``raw_data_group`` adds a GE-style private
    7FE1 raw-data element. ``jpeg_options`` go to Pillow's JPEG writer (``subsampling=2`` for 4:2:0,
    ``restart_marker_rows=1``, ``optimize=True``...).
    """
    ts = str(transfer_syntax)
    rgb_frames, banner_rect, band, annotation_rect, sector = render_frames(
        frames=frames,
        rows=rows,
        cols=cols,
        banner_text=banner_text,
        annotation_text=annotation_text,
    )
    ds = _base_dataset(
        frames=frames, rows=rows, cols=cols, manufacturer=manufacturer, model=model, ts=ts
    )
    grey = photometric.startswith("MONOCHROME") or photometric == "PALETTE COLOR"
    ds.SamplesPerPixel = 1 if grey else 3
    ds.PhotometricInterpretation = photometric
    ds.BitsAllocated = 16 if bits > 8 else 8
    ds.BitsStored = bits
    ds.HighBit = bits - 1
    ds.PixelRepresentation = 0
    if not grey:
        ds.PlanarConfiguration = planar
    if photometric == "PALETTE COLOR":
        lut = _palette()
        for colour, column in (("Red", 0), ("Green", 1), ("Blue", 2)):
            setattr(ds, f"{colour}PaletteColorLookupTableDescriptor", [256, 0, 16])
            setattr(
                ds, f"{colour}PaletteColorLookupTableData", lut[:, column].astype("<u2").tobytes()
            )
    strip = (sector[0], rows - rows // 12, sector[2], rows // 16)
    region_rects: tuple[Rect, ...] = ()
    if regions:
        ds.SequenceOfUltrasoundRegions = _regions(sector, strip)
        region_rects = (sector, strip)
    stored = [_stored(f, photometric, bits) for f in rgb_frames]

    if ts in (ExplicitVRLittleEndian, ImplicitVRLittleEndian):
        if photometric == "YBR_FULL_422":
            ds.PixelData = b"".join(_native_422(s) for s in stored)
        elif not grey and planar == 1:
            ds.PixelData = b"".join(s.transpose(2, 0, 1).tobytes() for s in stored)
        else:
            ds.PixelData = b"".join(
                s.astype(f"<u{ds.BitsAllocated // 8}").tobytes() for s in stored
            )
    elif ts in (RLELossless, JPEGLSLossless, JPEG2000Lossless):
        ds.file_meta.TransferSyntaxUID = ExplicitVRLittleEndian
        arr = np.stack(stored) if frames > 1 else stored[0]
        if not grey:
            ds.PlanarConfiguration = 0
        kwargs = {"use_mct": False} if ts == JPEG2000Lossless else {}
        ds.compress(ts, arr, **kwargs)
        if not grey and ts == RLELossless:
            ds.PlanarConfiguration = planar
    elif ts == JPEGLosslessSV1:
        import imagecodecs

        space = None if grey else "RGB"
        ds.PixelData = encapsulate(
            [
                imagecodecs.jpeg8_encode(
                    s,
                    lossless=True,
                    predictor=1,
                    bitspersample=bits,
                    colorspace=space,
                    outcolorspace=space,
                )
                for s in stored
            ]
        )
    elif ts == JPEGBaseline8Bit:
        ds.PixelData = encapsulate(
            [
                _jpeg(
                    f,
                    photometric,
                    progressive=progressive,
                    quality=quality,
                    jpeg_options=jpeg_options or {},
                )
                for f in rgb_frames
            ]
        )
        ds.LossyImageCompression = "01"
    elif ts == MPEG2MPML:
        ds.PixelData = encapsulate([mpeg2_stream(rgb_frames)])
        ds.LossyImageCompression = "01"
    else:
        raise ValueError(f"the builder does not write {ts}")
    if ts not in (ExplicitVRLittleEndian, ImplicitVRLittleEndian):
        ds["PixelData"].is_undefined_length = True
        ds["PixelData"].VR = "OB"
    if raw_data_group and ts != ImplicitVRLittleEndian:  # implicit VR would hide its VR
        block = ds.private_block(0x7FE1, "GEMS_Ultrasound_MovieGroup_001", create=True)
        block.add_new(0x10, "OB", bytes(range(256)) * 4)
    path.parent.mkdir(parents=True, exist_ok=True)
    ds.save_as(path, enforce_file_format=True)
    return BuiltFile(
        path=path,
        photometric=photometric,
        transfer_syntax=ts,
        frames=frames,
        rows=rows,
        cols=cols,
        banner_rect=banner_rect,
        banner_band=band,
        annotation_rect=annotation_rect,
        imaging_rect=sector,
        regions=region_rects,
        frames_rgb=tuple(rgb_frames),
    )


def mpeg2_stream(frames: list[np.ndarray], *, fmt: str = "mpeg") -> bytes:
    """The frames as an MPEG-2 video stream (PyAV, FFmpeg's own MPEG-2 encoder)."""
    import av

    buf = io.BytesIO()
    with av.open(buf, "w", format=fmt) as out:
        stream = out.add_stream("mpeg2video", rate=30)
        stream.width = frames[0].shape[1]
        stream.height = frames[0].shape[0]
        stream.pix_fmt = "yuv420p"
        stream.bit_rate = 8_000_000
        for f in frames:
            for packet in stream.encode(av.VideoFrame.from_ndarray(f, format="rgb24")):
                out.mux(packet)
        for packet in stream.encode(None):
            out.mux(packet)
    return buf.getvalue()


def build_video_file(
    path: Path,
    *,
    codec: str = "mpeg4",
    frames: int = 6,
    rows: int = 240,
    cols: int = 320,
    banner_text: str = DEFAULT_BANNER,
) -> BuiltFile:
    """A plain video clip (.mp4 or .avi, by the suffix of ``path``), the banner in every frame."""
    import av

    rgb_frames, banner_rect, band, _, sector = render_frames(
        frames=frames, rows=rows, cols=cols, banner_text=banner_text, annotation_text=None
    )
    fmt = "avi" if path.suffix.lower() == ".avi" else "mp4"
    with av.open(str(path), "w", format=fmt) as out:
        stream = out.add_stream(codec, rate=30)
        stream.width = cols
        stream.height = rows
        stream.pix_fmt = "yuvj420p" if codec == "mjpeg" else "yuv420p"
        stream.bit_rate = 8_000_000
        for f in rgb_frames:
            for packet in stream.encode(av.VideoFrame.from_ndarray(f, format="rgb24")):
                out.mux(packet)
        for packet in stream.encode(None):
            out.mux(packet)
    return BuiltFile(
        path=path,
        photometric="RGB",
        transfer_syntax=f"video/{codec}",
        frames=frames,
        rows=rows,
        cols=cols,
        banner_rect=banner_rect,
        banner_band=band,
        annotation_rect=None,
        imaging_rect=sector,
        regions=(),
        frames_rgb=tuple(rgb_frames),
    )


def read(path: Path) -> pydicom.Dataset:
    return pydicom.dcmread(path)
