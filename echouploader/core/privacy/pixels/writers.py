"""Blank a file's mask in every frame, in the file's own encoding: the entry point of the writers.

:func:`clean_dataset` changes the pixel data of a data set in place and says what it did
(:class:`CleanResult`); :func:`iter_frames` gives decoded frames for OCR and previews. Per
encoding:

- native: the stored bytes are blanked through numpy views, frame by frame, bit-exact elsewhere;
- RLE Lossless: decoded, blanked and written again as RLE;
- JPEG Baseline: whole MCUs blanked in the entropy-coded domain (:mod:`.jpeg_dct`), every other
  block untouched; a frame that cannot take that path (progressive, arithmetic, 12-bit, a Huffman
  table without the needed codes) is decoded, blanked and encoded again with the source's own
  quantisation tables and subsampling, and the lossy step is recorded;
- JPEG-LS, JPEG 2000, JPEG Lossless: decoded, blanked, encoded again losslessly in the same
  syntax (JPEG-LS near-lossless keeps its error bound and records the lossy step);
- MPEG-2 / H.264 / HEVC in DICOM: :mod:`.video`.

The header (rows, columns, frames, colour model, planar configuration, bits, transfer syntax)
stays as it was; only the lossy-compression attributes change, and only when a lossy step was
added. The GE raw-data group (7FE1) and every other element are never touched.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any

import numpy as np
import pydicom

from echouploader.core.i18n import _

from ...errors import EchoUploaderError, ExitCode
from . import jpeg_dct
from .frames import (
    JPEG_2000,
    JPEG_BASELINE,
    JPEG_LOSSLESS,
    JPEG_LS,
    NATIVE,
    RLE,
    VIDEO,
    PixelLayout,
    UnsupportedPixels,
    black_samples,
    decode,
    encoded_frames,
)
from .mask import FrameMask, Rect
from .native import blank_array, blank_native, native_frames

__all__ = [
    "CleanResult",
    "FrameCleaner",
    "PixelCleaningError",
    "clean_dataset",
    "clean_file",
    "clean_video_file",
    "frame_count",
    "iter_frames",
    "iter_video_frames",
]


class PixelCleaningError(EchoUploaderError):
    """The pixels of a file cannot be cleaned; the sentence names the file and the encoding."""

    exit_code = ExitCode.PRIVACY_BLOCKED


@dataclass(frozen=True)
class CleanResult:
    """What was done to the pixels of one file."""

    method: str
    frames: int
    lossy: bool
    lossy_ratio: float | None
    lossy_method: str | None
    blanked: tuple[Rect, ...]


def _name(ds: pydicom.Dataset) -> str:
    filename = getattr(ds, "filename", None)
    return Path(filename).name if isinstance(filename, str | Path) and filename else "the file"


def _layout(ds: pydicom.Dataset) -> PixelLayout:
    try:
        return PixelLayout.of(ds)
    except (UnsupportedPixels, AttributeError, TypeError, ValueError) as exc:
        raise PixelCleaningError(
            _(
                "The pixels of {name} cannot be cleaned: its image header is incomplete ({exc})."
            ).format(name=_name(ds), exc=exc)
        ) from exc


_METHODS = {RLE: "rle"}
_METHODS.update({ts: "native" for ts in NATIVE})
_METHODS.update({ts: "jpeg-dct" for ts in JPEG_BASELINE})
_METHODS.update({ts: "jpeg-lossless" for ts in JPEG_LOSSLESS})
_METHODS.update({ts: "jpeg-ls" for ts in JPEG_LS})
_METHODS.update({ts: "jpeg-2000" for ts in JPEG_2000})
_METHODS.update({ts: "video" for ts in VIDEO})


def frame_count(ds: pydicom.Dataset) -> int:
    """How many frames the pixel data holds, as the header says (at least 1)."""
    return _layout(ds).frames


def clean_dataset(ds: pydicom.Dataset, mask: FrameMask) -> CleanResult:
    """Blank ``mask`` in every frame of ``ds``, in place, in the file's own encoding."""
    layout = _layout(ds)
    ts = layout.transfer_syntax
    if ts not in _METHODS:
        raise PixelCleaningError(
            _(
                "The pixels of {name} cannot be cleaned: {syntax_name} is not an "
                "encoding EchoUploader can write."
            ).format(name=_name(ds), syntax_name=layout.syntax_name)
        )
    if (mask.rows, mask.columns) != (layout.rows, layout.columns):
        raise PixelCleaningError(
            _(
                "The pixels of {name} cannot be cleaned: the mask is for "
                "{columns}×{rows} frames, the file has {file_columns}×{file_rows}."
            ).format(
                name=_name(ds),
                columns=mask.columns,
                rows=mask.rows,
                file_columns=layout.columns,
                file_rows=layout.rows,
            )
        )
    if mask.empty:
        return CleanResult(_METHODS[ts], layout.frames, False, None, None, ())
    try:
        if ts in NATIVE:
            return _clean_native(ds, layout, mask)
        if ts in VIDEO:
            from .video import clean_dicom_video

            return clean_dicom_video(ds, layout, mask)
        return _clean_encapsulated(ds, layout, mask)
    except UnsupportedPixels as exc:
        raise PixelCleaningError(
            _("The pixels of {name} ({syntax_name}) cannot be cleaned: {exc}.").format(
                name=_name(ds), syntax_name=layout.syntax_name, exc=exc
            )
        ) from exc
    except PixelCleaningError:
        raise
    except Exception as exc:  # noqa: BLE001 - privacy fails closed: anything else blocks the file
        raise PixelCleaningError(
            _(
                "The pixels of {name} ({syntax_name}) cannot be cleaned: the pixel "
                "data is damaged ({kind})."
            ).format(name=_name(ds), syntax_name=layout.syntax_name, kind=type(exc).__name__)
        ) from exc


def _clean_native(ds: pydicom.Dataset, layout: PixelLayout, mask: FrameMask) -> CleanResult:
    buffer = bytearray(ds.PixelData)
    blanked = blank_native(buffer, layout, mask, black_samples(ds, layout))
    _replace_pixel_data(ds, buffer)
    return CleanResult("native", layout.frames, False, None, None, blanked)


class _Encapsulated:
    """Builds encapsulated pixel data frame by frame, one fragment per frame, with an offset table.

    The offset table is reserved at the start and filled in at the end, so the pixel data is
    built in one buffer and never copied whole.
    """

    def __init__(self, frames: int) -> None:
        self.buffer = bytearray(b"\xfe\xff\x00\xe0" + (4 * frames).to_bytes(4, "little"))
        self.buffer += bytes(4 * frames)
        self.offsets: list[int] = []
        self.start = len(self.buffer)

    def add(self, frame: bytes) -> None:
        self.offsets.append(len(self.buffer) - self.start)
        if len(frame) % 2:
            frame = frame + b"\x00"
        self.buffer += b"\xfe\xff\x00\xe0" + len(frame).to_bytes(4, "little")
        self.buffer += frame

    def value(self) -> bytearray:
        for i, offset in enumerate(self.offsets):
            self.buffer[8 + 4 * i : 12 + 4 * i] = offset.to_bytes(4, "little")
        return self.buffer


def _replace_pixel_data(ds: pydicom.Dataset, buffer: bytearray) -> None:
    """Put ``buffer`` in as the pixel data, dropping the old value first (no third copy)."""
    element = ds["PixelData"]
    element.value = b""
    element.value = bytes(buffer)
    del buffer[:]


class FrameCleaner:
    """Cleans the compressed frames of one file one at a time, and sums up what it did."""

    def __init__(self, ds: pydicom.Dataset, layout: PixelLayout, mask: FrameMask) -> None:
        self.layout = layout
        self.mask = mask
        self.black = black_samples(ds, layout)
        self.method = _METHODS[layout.transfer_syntax]
        self.blanked: tuple[Rect, ...] | None = None
        self.lossy_methods: set[str] = set()
        self.new_size = 0
        self.count = 0

    def clean(self, index: int, frame: bytes) -> bytes:
        layout = self.layout
        rects = self.mask.rects_for(index)
        if not rects:
            new = frame
        elif layout.transfer_syntax in JPEG_BASELINE:
            try:
                new, _rest = jpeg_dct.blank_frame(
                    frame, rects, monochrome1=layout.photometric == "MONOCHROME1"
                )
                if self.blanked is None:
                    self.blanked = jpeg_dct.plan(frame, self.mask.rects).blanked
            except jpeg_dct.NotBaseline:
                new = _reencode_jpeg(frame, rects, layout)
                self.method = "jpeg-reencode"
                self.lossy_methods.add("ISO_10918_1")
        else:
            new, lossy = _recode(frame, rects, layout, self.black)
            if lossy:
                self.lossy_methods.add(lossy)
        self.new_size += len(new)
        self.count += 1
        return new

    def clean_all(self, frames: Iterable[bytes]) -> Iterator[bytes]:
        """Each of ``frames`` cleaned, in order; JPEG Baseline frames on every core."""
        layout = self.layout
        if layout.transfer_syntax not in JPEG_BASELINE:
            for index, frame in enumerate(frames):
                yield self.clean(index, frame)
            return
        from . import frame_pool

        mono = layout.photometric == "MONOCHROME1"
        jobs = ((f, self.mask.rects_for(i), mono) for i, f in enumerate(frames))
        for index, (frame, blanked) in enumerate(frame_pool.blank_in_order(jobs, layout.frames)):
            if blanked is None:  # not baseline: the one-frame path re-encodes it
                yield self.clean(index, frame)
                continue
            if self.blanked is None and self.mask.rects:
                self.blanked = jpeg_dct.plan(frame, self.mask.rects).blanked
            self.new_size += len(blanked)
            self.count += 1
            yield blanked

    def result(self, ds: pydicom.Dataset) -> CleanResult:
        """What was done; records a lossy step in ``ds`` when there was one."""
        layout = self.layout
        ratio = None
        if self.lossy_methods:
            raw = layout.rows * layout.columns * layout.samples * ((layout.bits_allocated + 7) // 8)
            ratio = round(raw * self.count / max(1, self.new_size), 2)
            _record_lossy(ds, ratio, sorted(self.lossy_methods))
        blanked = self.mask.rects if self.blanked is None else self.blanked
        return CleanResult(
            self.method,
            self.count,
            bool(self.lossy_methods),
            ratio,
            "\\".join(sorted(self.lossy_methods)) or None,
            blanked,
        )


def _clean_encapsulated(ds: pydicom.Dataset, layout: PixelLayout, mask: FrameMask) -> CleanResult:
    cleaner = FrameCleaner(ds, layout, mask)
    out = _Encapsulated(layout.frames)
    for new in cleaner.clean_all(islice(encoded_frames(ds, layout), layout.frames)):
        out.add(new)
    if cleaner.count != layout.frames:
        raise UnsupportedPixels(
            _("the pixel data holds {count} frames, not {frames}").format(
                count=cleaner.count, frames=layout.frames
            )
        )
    _replace_pixel_data(ds, out.value())
    return cleaner.result(ds)


def _record_lossy(ds: pydicom.Dataset, ratio: float, methods: list[str]) -> None:
    """Add the lossy step to LossyImageCompression, its ratio and method (PS3.3 C.7.6.1.1.5)."""

    def values(keyword: str) -> list[str]:
        old = ds.get(keyword)
        if old is None or old == "":
            return []
        return [
            str(v)
            for v in (old if isinstance(old, list | tuple | pydicom.multival.MultiValue) else [old])
        ]

    ds.LossyImageCompression = "01"
    for method in methods:
        ds.LossyImageCompressionRatio = [*values("LossyImageCompressionRatio"), f"{ratio:g}"]
        ds.LossyImageCompressionMethod = [*values("LossyImageCompressionMethod"), method]


def _reencode_jpeg(frame: bytes, rects: tuple[Rect, ...], layout: PixelLayout) -> bytes:
    """Decode, blank, encode again with the source's quantisation tables and subsampling."""
    from PIL import Image, JpegImagePlugin

    try:
        with Image.open(io.BytesIO(frame)) as im:
            im.load()
            tables = getattr(im, "quantization", None) or {}
            sampling = JpegImagePlugin.get_sampling(im) if im.mode != "L" else -1
            arr = np.array(im.convert("L" if im.mode == "L" else "RGB"))
    except Exception as exc:  # Pillow's decoder raises OSError, SyntaxError, ValueError...
        raise UnsupportedPixels(
            _("a JPEG frame could not be decoded ({exc})").format(exc=exc)
        ) from exc
    black = 255 if layout.photometric == "MONOCHROME1" else 0
    blank_array(arr, rects, (black,) * (1 if arr.ndim == 2 else 3))
    buf = io.BytesIO()
    options: dict[str, object] = (
        {"qtables": [tables[k] for k in sorted(tables)]} if tables else {"quality": 95}
    )
    if sampling >= 0:
        options["subsampling"] = sampling
    Image.fromarray(arr).save(buf, "JPEG", **options)
    return buf.getvalue()


def _near(frame: bytes) -> int:
    """The NEAR parameter of a JPEG-LS frame's scan header (0 for lossless)."""
    pos = frame.find(b"\xff\xda")
    if pos < 0:
        return 0
    ns = frame[pos + 4]
    return frame[pos + 5 + 2 * ns]


def _predictor(frame: bytes) -> int:
    pos = frame.find(b"\xff\xda")
    if pos < 0:
        return 1
    ns = frame[pos + 4]
    return frame[pos + 5 + 2 * ns] or 1


def _recode(
    frame: bytes, rects: tuple[Rect, ...], layout: PixelLayout, black: tuple[int, ...]
) -> tuple[bytes, str | None]:
    """Decode, blank and encode one frame again in its syntax; returns the lossy method if any."""
    import imagecodecs

    ts = layout.transfer_syntax
    if ts == RLE:
        return _recode_rle(frame, rects, layout, black), None
    arr = np.array(decode(frame, layout))
    if ts in JPEG_2000 and layout.photometric in ("YBR_RCT", "YBR_ICT"):
        black = (0,) * layout.samples  # the decoder undid the colour transform
    blank_array(arr, rects, black)
    try:
        if ts in JPEG_LS:
            near = _near(frame)
            return bytes(imagecodecs.jpegls_encode(arr, level=near)), (
                "ISO_14495_1" if near else None
            )
        if ts in JPEG_2000:
            mct = layout.samples == 3 and layout.photometric in ("YBR_RCT", "YBR_ICT")
            encoded = imagecodecs.jpeg2k_encode(
                arr,
                level=0,
                codecformat="J2K",
                reversible=True,
                mct=mct,
                bitspersample=layout.bits_stored,
            )
            return bytes(encoded), None
        if ts in JPEG_LOSSLESS:
            space = "RGB" if layout.samples == 3 else None
            predictor = 1 if ts.endswith(".70") else _predictor(frame)
            encoded = imagecodecs.jpeg8_encode(
                arr,
                lossless=True,
                predictor=predictor,
                bitspersample=layout.bits_stored,
                colorspace=space,
                outcolorspace=space,
            )
            return bytes(encoded), None
    except Exception as exc:  # the codec libraries raise their own error types
        raise UnsupportedPixels(
            _("a frame could not be encoded again ({exc})").format(exc=exc)
        ) from exc
    raise UnsupportedPixels(
        _("frames in {syntax_name} cannot be written here").format(syntax_name=layout.syntax_name)
    )


def _recode_rle(
    frame: bytes, rects: tuple[Rect, ...], layout: PixelLayout, black: tuple[int, ...]
) -> bytes:
    from pydicom.encaps import encapsulate
    from pydicom.pixels.decoders.base import get_decoder
    from pydicom.pixels.encoders.base import get_encoder
    from pydicom.uid import RLELossless

    opts = _rle_options(layout)
    try:
        single = encapsulate([frame])
        arr, _rest = get_decoder(RLELossless).as_array(single, raw=True, **opts)
        arr = np.array(arr)
        blank_array(arr, rects, black)
        return get_encoder(RLELossless).encode(arr, **opts)
    except Exception as exc:  # pydicom raises ValueError/RuntimeError from its plugins
        raise UnsupportedPixels(
            _("an RLE frame could not be written again ({exc})").format(exc=exc)
        ) from exc


# --- reading frames for OCR and previews ------------------------------------------------------


def iter_frames(ds: pydicom.Dataset) -> Iterator[np.ndarray]:
    """Decoded frames as displayed: H×W×3 uint8 RGB, or H×W uint8 grey.

    YBR is converted to RGB, a palette is applied, MONOCHROME1 is inverted so that it reads as
    displayed, and samples of more than 8 bits are scaled to 8.
    """
    layout = _layout(ds)
    if layout.transfer_syntax in VIDEO:
        from .video import iter_dicom_video_frames

        yield from iter_dicom_video_frames(ds)
        return
    try:
        for arr in _stored_frames(ds, layout):
            yield _display(arr, ds, layout)
    except UnsupportedPixels as exc:
        raise PixelCleaningError(
            _("The pixels of {name} ({syntax_name}) cannot be read: {exc}.").format(
                name=_name(ds), syntax_name=layout.syntax_name, exc=exc
            )
        ) from exc
    except (ValueError, KeyError, IndexError, TypeError, OSError) as exc:
        raise PixelCleaningError(
            _(
                "The pixels of {name} ({syntax_name}) cannot be read: the pixel data "
                "is damaged ({kind})."
            ).format(name=_name(ds), syntax_name=layout.syntax_name, kind=type(exc).__name__)
        ) from exc


def _stored_frames(ds: pydicom.Dataset, layout: PixelLayout) -> Iterator[np.ndarray]:
    ts = layout.transfer_syntax
    if ts in NATIVE:
        yield from native_frames(ds.PixelData, layout)
        return
    if ts == RLE:
        from pydicom.pixels.utils import iter_pixels

        try:
            yield from iter_pixels(ds, raw=True)
        except (ValueError, RuntimeError, NotImplementedError) as exc:
            raise UnsupportedPixels(str(exc)) from exc
        return
    if ts not in _METHODS:
        raise UnsupportedPixels(_("the encoding cannot be decoded here"))
    for count, frame in enumerate(encoded_frames(ds, layout)):
        if count >= layout.frames:
            break
        yield decode(frame, layout)


def decode_one(frame: bytes, ds: pydicom.Dataset, layout: PixelLayout) -> np.ndarray:
    """One compressed frame (RLE included) as stored samples; ``layout`` is for one frame."""
    if layout.transfer_syntax != RLE:
        return decode(frame, layout)
    from pydicom.encaps import encapsulate
    from pydicom.pixels.decoders.base import get_decoder
    from pydicom.uid import RLELossless

    try:
        arr, _ = get_decoder(RLELossless).as_array(
            encapsulate([frame]), raw=True, **_rle_options(layout)
        )
    except (ValueError, RuntimeError, NotImplementedError) as exc:
        raise UnsupportedPixels(str(exc)) from exc
    return np.asarray(arr)


def _rle_options(layout: PixelLayout) -> dict[str, Any]:
    return dict(
        rows=layout.rows,
        columns=layout.columns,
        samples_per_pixel=layout.samples,
        bits_allocated=layout.bits_allocated,
        bits_stored=layout.bits_stored,
        pixel_representation=int(layout.signed),
        photometric_interpretation=layout.photometric,
        number_of_frames=1,
        planar_configuration=layout.planar,
    )


def display(arr: np.ndarray, ds: pydicom.Dataset, layout: PixelLayout) -> np.ndarray:
    """Stored samples of one frame as displayed (see :func:`iter_frames`)."""
    return _display(arr, ds, layout)


def _display(arr: np.ndarray, ds: pydicom.Dataset, layout: PixelLayout) -> np.ndarray:
    from pydicom.pixels.processing import apply_color_lut, convert_color_space

    pi = layout.photometric
    ts = layout.transfer_syntax
    if pi == "PALETTE COLOR":
        rgb = apply_color_lut(arr, ds)
        depth = int(ds.RedPaletteColorLookupTableDescriptor[2])
        return _to8(rgb, depth)
    if arr.ndim == 3:
        if ts not in JPEG_BASELINE and pi in ("YBR_FULL", "YBR_FULL_422"):
            arr = convert_color_space(arr, "YBR_FULL", "RGB")
        return _to8(arr, layout.bits_stored if ts not in JPEG_BASELINE else 8)
    grey = arr.astype(np.int64)
    if layout.signed:
        grey = grey + (1 << (layout.bits_stored - 1))
    bits = layout.bits_stored if ts not in JPEG_BASELINE else 8
    grey8 = _to8(np.clip(grey, 0, (1 << bits) - 1), bits)
    return 255 - grey8 if pi == "MONOCHROME1" else grey8


def _to8(arr: np.ndarray, bits: int) -> np.ndarray:
    if bits <= 8:
        return np.ascontiguousarray(arr, dtype=np.uint8)
    return np.ascontiguousarray(np.asarray(arr) >> (bits - 8), dtype=np.uint8)


# --- plain video files ------------------------------------------------------------------------


def clean_file(
    src: Path,
    dst: Path,
    mask: FrameMask,
    *,
    edit: Callable[[pydicom.Dataset], None] | None = None,
) -> CleanResult:
    """Like :func:`clean_dataset`, file to file, one frame in memory at a time.

    ``edit`` changes the header (everything before Pixel Data) before it is written, e.g. the
    header de-identification; ``dst`` appears only when complete (see :mod:`.streaming`).
    """
    from .streaming import clean_file as stream

    return stream(src, dst, mask, edit=edit)


def clean_video_file(src: Path, dst: Path, mask: FrameMask) -> CleanResult:
    """Blank ``mask`` in every frame of an .mp4/.avi clip, written to ``dst``."""
    from .video import clean_video

    return clean_video(src, dst, mask)


def iter_video_frames(path: Path) -> Iterator[np.ndarray]:
    """The frames of an .mp4/.avi clip as H×W×3 uint8 RGB."""
    from .video import iter_video

    yield from iter_video(path)


# --- self-check -------------------------------------------------------------------------------


def codec_problems() -> list[str]:
    """Each pixel codec the writers need, tried on a tiny frame; one sentence per failure."""
    problems = []
    frame = (np.arange(16 * 16 * 3, dtype=np.uint32) % 251).astype(np.uint8).reshape(16, 16, 3)

    def attempt(what: str, job: Callable[[], bool]) -> None:
        try:
            ok = job()
        except Exception as exc:  # noqa: BLE001 - any failure of a codec is the finding
            problems.append(
                _("The {what} codec cannot be used: {kind}: {exc}.").format(
                    what=what, kind=type(exc).__name__, exc=exc
                )
            )
            return
        if not ok:
            problems.append(_("The {what} codec gives wrong pixels back.").format(what=what))

    def jpeg_baseline() -> bool:
        from PIL import Image

        buf = io.BytesIO()
        Image.fromarray(frame).save(buf, "JPEG", quality=90)
        blanked, _rest = jpeg_dct.blank_frame(buf.getvalue(), ((0, 0, 8, 8),))
        import imagecodecs

        return int(imagecodecs.jpeg8_decode(blanked)[:8, :8].max()) <= 8

    def lossless(
        encode: Callable[[np.ndarray], bytes | bytearray],
        decode_: Callable[[bytes | bytearray], np.ndarray],
    ) -> Callable[[], bool]:
        return lambda: bool(np.array_equal(decode_(encode(frame)), frame))

    import imagecodecs

    attempt("JPEG Baseline", jpeg_baseline)
    attempt("JPEG-LS", lossless(imagecodecs.jpegls_encode, imagecodecs.jpegls_decode))
    attempt(
        "JPEG 2000",
        lossless(
            lambda a: imagecodecs.jpeg2k_encode(a, level=0, codecformat="J2K", reversible=True),
            imagecodecs.jpeg2k_decode,
        ),
    )
    attempt(
        "JPEG Lossless",
        lossless(
            lambda a: imagecodecs.jpeg8_encode(
                a, lossless=True, predictor=1, colorspace="RGB", outcolorspace="RGB"
            ),
            lambda b: imagecodecs.jpeg8_decode(b, colorspace="RGB", outcolorspace="RGB"),
        ),
    )

    def rle() -> bool:
        from pydicom.encaps import encapsulate
        from pydicom.pixels.decoders.base import get_decoder
        from pydicom.pixels.encoders.base import get_encoder
        from pydicom.uid import RLELossless

        opts: dict[str, Any] = dict(
            rows=16,
            columns=16,
            samples_per_pixel=3,
            bits_allocated=8,
            bits_stored=8,
            pixel_representation=0,
            photometric_interpretation="RGB",
            number_of_frames=1,
            planar_configuration=0,
        )
        data = get_encoder(RLELossless).encode(frame, **opts)
        back, _rest = get_decoder(RLELossless).as_array(encapsulate([data]), raw=True, **opts)
        return bool(np.array_equal(back, frame))

    attempt("RLE", rle)
    return problems
