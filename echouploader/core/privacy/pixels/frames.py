"""How a data set's pixels are laid out, decoded frame by frame, and what "black" is in them.

The writers and the readers both go through here: :class:`PixelLayout` says what the header
declares (size, samples, bits, colour model, transfer syntax), :func:`encoded_frames` yields the
compressed frames of encapsulated pixel data one at a time, :func:`decode` turns one compressed
frame into samples in the colour model the data set declares, and :func:`black_samples` gives the
sample values that display as black in that colour model.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
import pydicom
from pydicom.encaps import generate_frames
from pydicom.uid import UID

from echouploader.core.i18n import _

NATIVE = {
    "1.2.840.10008.1.2",
    "1.2.840.10008.1.2.1",
    "1.2.840.10008.1.2.1.99",
    "1.2.840.10008.1.2.2",
}
RLE = "1.2.840.10008.1.2.5"
JPEG_BASELINE = {"1.2.840.10008.1.2.4.50", "1.2.840.10008.1.2.4.51"}
JPEG_LOSSLESS = {"1.2.840.10008.1.2.4.57", "1.2.840.10008.1.2.4.70"}
JPEG_LS = {"1.2.840.10008.1.2.4.80", "1.2.840.10008.1.2.4.81"}
JPEG_2000 = {"1.2.840.10008.1.2.4.90", "1.2.840.10008.1.2.4.91"}
VIDEO = {
    "1.2.840.10008.1.2.4.100",
    "1.2.840.10008.1.2.4.100.1",
    "1.2.840.10008.1.2.4.101",
    "1.2.840.10008.1.2.4.101.1",
    "1.2.840.10008.1.2.4.102",
    "1.2.840.10008.1.2.4.102.1",
    "1.2.840.10008.1.2.4.103",
    "1.2.840.10008.1.2.4.103.1",
    "1.2.840.10008.1.2.4.104",
    "1.2.840.10008.1.2.4.104.1",
    "1.2.840.10008.1.2.4.105",
    "1.2.840.10008.1.2.4.105.1",
    "1.2.840.10008.1.2.4.106",
    "1.2.840.10008.1.2.4.106.1",
    "1.2.840.10008.1.2.4.107",
    "1.2.840.10008.1.2.4.108",
}


class UnsupportedPixels(Exception):
    """The pixel data cannot be read or written here; the message is a sentence for the user."""


@dataclass(frozen=True)
class PixelLayout:
    """What the header says about the pixel data."""

    transfer_syntax: str
    rows: int
    columns: int
    frames: int
    samples: int
    bits_allocated: int
    bits_stored: int
    signed: bool
    photometric: str
    planar: int

    @classmethod
    def of(cls, ds: pydicom.Dataset) -> PixelLayout:
        if "PixelData" not in ds:
            raise UnsupportedPixels(_("the file has no pixel data"))
        meta = getattr(ds, "file_meta", None)
        ts = str(getattr(meta, "TransferSyntaxUID", "") or "1.2.840.10008.1.2.1")
        try:
            frames = int(ds.get("NumberOfFrames") or 1)
        except (TypeError, ValueError):
            frames = 1
        bits = int(ds.get("BitsAllocated") or 8)
        return cls(
            transfer_syntax=ts,
            rows=int(ds.Rows),
            columns=int(ds.Columns),
            frames=max(1, frames),
            samples=int(ds.get("SamplesPerPixel") or 1),
            bits_allocated=bits,
            bits_stored=int(ds.get("BitsStored") or bits),
            signed=int(ds.get("PixelRepresentation") or 0) == 1,
            photometric=str(ds.get("PhotometricInterpretation") or "MONOCHROME2").strip(),
            planar=int(ds.get("PlanarConfiguration") or 0),
        )

    @property
    def encapsulated(self) -> bool:
        return self.transfer_syntax not in NATIVE

    @property
    def syntax_name(self) -> str:
        return UID(self.transfer_syntax).name or self.transfer_syntax


def encoded_frames(ds: pydicom.Dataset, layout: PixelLayout) -> Iterator[bytes]:
    """The compressed frames of encapsulated pixel data, one at a time."""
    yield from generate_frames(ds.PixelData, number_of_frames=layout.frames)


def black_samples(ds: pydicom.Dataset, layout: PixelLayout) -> tuple[int, ...]:
    """Per sample, the stored value that displays as black in the declared colour model."""
    pi = layout.photometric
    top = (1 << layout.bits_stored) - 1
    if pi == "MONOCHROME1":
        return (top >> 1,) if layout.signed else (top,)
    if pi == "MONOCHROME2":
        return (-(1 << (layout.bits_stored - 1)),) if layout.signed else (0,)
    if pi == "PALETTE COLOR":
        return (palette_black_index(ds),)
    if pi.startswith("YBR_FULL") or pi in ("YBR_PARTIAL_420", "YBR_PARTIAL_422"):
        mid = 1 << (layout.bits_stored - 1)
        low = 16 << (layout.bits_stored - 8) if "PARTIAL" in pi else 0
        return (low, mid, mid)
    return (0,) * layout.samples  # RGB, and YBR_RCT/ICT frames that decode to RGB


def palette_black_index(ds: pydicom.Dataset) -> int:
    """The palette index whose colour is the darkest (black when the palette has black)."""
    from pydicom.pixels.processing import apply_color_lut

    bits = int(ds.get("BitsStored") or ds.get("BitsAllocated") or 8)
    dtype = np.uint8 if int(ds.get("BitsAllocated") or 8) <= 8 else np.uint16
    first = int(ds.RedPaletteColorLookupTableDescriptor[1])
    entries = int(ds.RedPaletteColorLookupTableDescriptor[0]) or 65536
    indices = np.arange(first, min(first + entries, 1 << bits), dtype=dtype)
    colours = apply_color_lut(indices, ds).astype(np.float64)
    luminance = colours @ np.array([0.299, 0.587, 0.114])
    return int(indices[int(np.argmin(luminance))])


def decode(frame: bytes, layout: PixelLayout) -> np.ndarray:
    """One compressed frame as samples in the stored colour model (rows × columns [× samples]).

    JPEG Baseline frames are the exception: they come back as RGB (or grey), as the JPEG
    decoder's colour conversion gives them; JPEG 2000 frames with a colour transform too.
    """
    import imagecodecs

    ts = layout.transfer_syntax
    try:
        if ts in JPEG_BASELINE:
            out = imagecodecs.jpeg8_decode(frame)
        elif ts in JPEG_LOSSLESS:
            space = "RGB" if layout.samples == 3 else None
            out = imagecodecs.jpeg8_decode(frame, colorspace=space, outcolorspace=space)
        elif ts in JPEG_LS:
            out = imagecodecs.jpegls_decode(frame)
        elif ts in JPEG_2000:
            out = imagecodecs.jpeg2k_decode(frame)
        else:
            raise UnsupportedPixels(
                _("frames in {syntax_name} cannot be decoded here").format(
                    syntax_name=layout.syntax_name
                )
            )
    except UnsupportedPixels:
        raise
    except Exception as exc:  # the codec libraries raise their own error types
        raise UnsupportedPixels(
            _("a {syntax_name} frame could not be decoded ({exc})").format(
                syntax_name=layout.syntax_name, exc=exc
            )
        ) from exc
    expected = (layout.rows, layout.columns) + ((layout.samples,) if layout.samples > 1 else ())
    if out.shape != expected:
        raise UnsupportedPixels(
            _("a {syntax_name} frame decodes to {shape}, not the declared {expected}").format(
                syntax_name=layout.syntax_name, shape=out.shape, expected=expected
            )
        )
    return out
