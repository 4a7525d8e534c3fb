"""Clean a DICOM file into another one frame by frame, never holding its pixel data whole.

:func:`clean_file` reads every element but Pixel Data with pydicom (those after it, such as GE's
7FE1 raw-data group, too), lets the caller change them (the header de-identification), writes
the elements before Pixel Data, then reads the source's pixel data one frame at a time, blanks
the mask with the same per-frame writers as :func:`clean_dataset`, and writes each frame out
before reading the next, then the elements after it. Memory is about one frame, however large
the clip. :func:`iter_file_frames` reads the frames of a file the same way, for OCR. Deflated,
big-endian and video files cannot be read that way; they go through :func:`clean_dataset`.
"""

from __future__ import annotations

import io
import os
import shutil
import struct
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

import numpy as np
import pydicom
from pydicom.dataset import Dataset
from pydicom.encaps import generate_frames
from pydicom.filebase import DicomFileLike
from pydicom.filereader import read_dataset
from pydicom.filewriter import write_dataset

from echouploader.core.i18n import _

from ..dicom_read import drop_stray_delimiters
from .frames import NATIVE, VIDEO, PixelLayout, UnsupportedPixels, black_samples
from .mask import FrameMask
from .native import frame_bytes, native_frames

if TYPE_CHECKING:
    from .writers import CleanResult

_DEFLATED = "1.2.840.10008.1.2.1.99"
_BIG_ENDIAN = "1.2.840.10008.1.2.2"
_IMPLICIT = "1.2.840.10008.1.2"


def clean_file(
    src: Path,
    dst: Path,
    mask: FrameMask | None,
    *,
    edit: Callable[[Dataset], None] | None = None,
) -> CleanResult:
    """Write ``src`` to ``dst`` with ``mask`` blanked in every frame.

    ``edit`` may change the data set (every element but Pixel Data, those after it too) before
    it is written; it must not change the pixel description or the transfer syntax. ``dst``
    appears only complete. A mask of None copies the frames as they are.
    """
    from . import writers

    head, pixel_start = _read_head(src)
    if mask is None:
        mask = FrameMask.build(int(head.Rows), int(head.Columns))
    ts = str(head.file_meta.TransferSyntaxUID)
    if ts in (_DEFLATED, _BIG_ENDIAN) or ts in VIDEO:
        ds = pydicom.dcmread(src)
        drop_stray_delimiters(ds)
        result = writers.clean_dataset(ds, mask)
        if edit is not None:
            edit(ds)
        _save_whole(ds, dst)
        return result
    implicit = ts == _IMPLICIT
    tmp = dst.with_name(dst.name + ".part")
    again = dst.with_name(dst.name + ".lossy.part")
    try:
        with open(src, "rb") as fp:
            fp.seek(pixel_start)
            tag, vr, length, header_len = _element_header(fp, implicit)
            if tag != (0x7FE0, 0x0010):
                raise UnsupportedPixels(_("the file has no pixel data where its header ends"))
            head.PixelData = b""  # a placeholder so the layout can be read from the header
            layout = PixelLayout.of(head)
            del head.PixelData
            if (mask.rows, mask.columns) != (layout.rows, layout.columns):
                raise UnsupportedPixels(
                    _(
                        "the mask is for {columns}×{rows} frames, the file has {columns2}×{rows2}"
                    ).format(
                        columns=mask.columns,
                        rows=mask.rows,
                        columns2=layout.columns,
                        rows2=layout.rows,
                    )
                )
            value_start = pixel_start + header_len
            end = (
                _encapsulated_end(fp, value_start) if length == 0xFFFFFFFF else value_start + length
            )
            fp.seek(end)
            for element in read_dataset(fp, implicit, True):
                head.add(element)  # the elements after the pixel data go through edit too
            drop_stray_delimiters(head)
            if edit is not None:
                edit(head)
            before, after = _split(head)
            with open(tmp, "w+b") as out:
                _write_head(before, out)
                body_at = out.tell()
                fp.seek(value_start)
                if length == 0xFFFFFFFF:
                    result = _stream_encapsulated(fp, out, layout, mask, before, implicit, end)
                else:
                    result = _stream_native(fp, out, layout, mask, before, implicit, vr, length)
                _write_elements(after, out, implicit)
                if result.lossy:
                    # The lossy step is known only after the frames, and is said in the header
                    # written before them: write the header again, then the same pixel bytes.
                    with open(again, "wb") as final:
                        _write_head(before, final)
                        out.seek(body_at)
                        shutil.copyfileobj(out, final, 1 << 20)
                    os.replace(again, tmp)
        os.replace(tmp, dst)
    except UnsupportedPixels as exc:
        raise writers.PixelCleaningError(
            _("The pixels of {name} cannot be cleaned: {exc}.").format(name=src.name, exc=exc)
        ) from exc
    finally:
        again.unlink(missing_ok=True)
        tmp.unlink(missing_ok=True)
    return result


def _read_head(src: Path) -> tuple[Dataset, int]:
    """Every element before Pixel Data, and the file offset where Pixel Data starts."""
    with open(src, "rb") as fp:
        head = pydicom.dcmread(fp, stop_before_pixels=True, force=True)
        pixel_start = fp.tell()
    drop_stray_delimiters(head)
    return head, pixel_start


def _split(ds: Dataset) -> tuple[Dataset, Dataset]:
    """``ds`` keeps the elements before Pixel Data (and its encoding); the rest are returned."""
    after = Dataset()
    for tag in sorted(t for t in ds._dict if t > 0x7FE00010):
        after._dict[tag] = ds._dict.pop(tag)
    return ds, after


def streamable(src: Path) -> bool:
    """Whether ``src`` has pixel data that :func:`clean_file` and :func:`iter_file_frames` read
    frame by frame."""
    try:
        head, pixel_start = _read_head(src)
        ts = str(head.file_meta.TransferSyntaxUID)
        if ts in (_DEFLATED, _BIG_ENDIAN) or ts in VIDEO or "Rows" not in head:
            return False
        with open(src, "rb") as fp:
            fp.seek(pixel_start)
            return fp.read(4) == b"\xe0\x7f\x10\x00"
    except Exception:  # noqa: BLE001 - a file that does not read this way goes the other way
        return False


def iter_file_frames(src: Path) -> Iterator[np.ndarray]:
    """The frames of ``src`` as displayed (see :func:`writers.iter_frames`), one at a time.

    Only one frame (one compressed frame and its decoded samples) is in memory at a time.
    Files that cannot be read that way (deflated, big endian, video) are read whole.
    """
    for _index, frame in _file_frames(src, None):
        yield frame


def pick_file_frames(src: Path, wanted: set[int]) -> dict[int, np.ndarray]:
    """The frames of ``src`` numbered in ``wanted`` (0-based), as displayed; only those decoded."""
    return dict(_file_frames(src, wanted))


def _file_frames(src: Path, wanted: set[int] | None) -> Iterator[tuple[int, np.ndarray]]:
    from . import writers

    head, pixel_start = _read_head(src)
    ts = str(head.file_meta.TransferSyntaxUID)
    if ts in (_DEFLATED, _BIG_ENDIAN) or ts in VIDEO:
        for index, frame in enumerate(writers.iter_frames(pydicom.dcmread(src))):
            if wanted is None or index in wanted:
                yield index, frame
        return
    implicit = ts == _IMPLICIT
    try:
        with open(src, "rb") as fp:
            fp.seek(pixel_start)
            tag, _vr, length, header_len = _element_header(fp, implicit)
            if tag != (0x7FE0, 0x0010):
                raise UnsupportedPixels("the file has no pixel data where its header ends")
            head.PixelData = b""
            layout = PixelLayout.of(head)
            del head.PixelData
            value_start = pixel_start + header_len
            one = PixelLayout(**{**layout.__dict__, "frames": 1})
            if length != 0xFFFFFFFF:
                if layout.transfer_syntax not in NATIVE:
                    raise UnsupportedPixels("encapsulated pixel data has a defined length")
                size = frame_bytes(layout)
                if length < size * layout.frames:
                    raise UnsupportedPixels(
                        "the pixel data is shorter than its rows, columns and frames"
                    )
                for index in range(layout.frames):
                    if wanted is not None and index not in wanted:
                        continue
                    fp.seek(value_start + index * size)
                    arr = next(native_frames(fp.read(size), one))
                    yield index, writers.display(arr, head, layout)
                return
            end = _encapsulated_end(fp, value_start)
            fp.seek(value_start)
            for index, frame in enumerate(_frames(fp, layout, end)):
                if wanted is not None and index not in wanted:
                    continue
                arr = writers.decode_one(frame, head, one)
                yield index, writers.display(arr, head, layout)
    except UnsupportedPixels as exc:
        raise writers.PixelCleaningError(
            _("The pixels of {name} ({syntax_name}) cannot be read: {exc}.").format(
                name=src.name, syntax_name=layout_name(ts), exc=exc
            )
        ) from exc
    except (ValueError, KeyError, IndexError, TypeError, OSError, struct.error) as exc:
        raise writers.PixelCleaningError(
            _(
                "The pixels of {name} ({syntax_name}) cannot be read: the pixel data is "
                "damaged ({kind})."
            ).format(name=src.name, syntax_name=layout_name(ts), kind=type(exc).__name__)
        ) from exc


def layout_name(ts: str) -> str:
    from pydicom.uid import UID

    return UID(ts).name or ts


def _save_whole(ds: Dataset, dst: Path) -> None:
    tmp = dst.with_name(dst.name + ".part")
    try:
        ds.save_as(tmp, enforce_file_format=True)
        os.replace(tmp, dst)
    finally:
        tmp.unlink(missing_ok=True)


def _element_header(fp: BinaryIO, implicit: bool) -> tuple[tuple[int, int], str, int, int]:
    raw = fp.read(8)
    if len(raw) < 8:
        raise UnsupportedPixels(_("the file ends before its pixel data"))
    group, element = struct.unpack("<HH", raw[:4])
    if implicit:
        return (group, element), "OB", struct.unpack("<I", raw[4:8])[0], 8
    vr = raw[4:6].decode("ascii", "replace")
    if vr in ("OB", "OW", "OF", "OD", "OL", "OV", "UN", "SQ", "UT", "UC", "UR"):
        length = struct.unpack("<I", fp.read(4))[0]
        return (group, element), vr, length, 12
    return (group, element), vr, struct.unpack("<H", raw[6:8])[0], 8


def _encapsulated_end(fp: BinaryIO, start: int) -> int:
    """The file offset just after the sequence delimiter of encapsulated pixel data."""
    fp.seek(start)
    while True:
        raw = fp.read(8)
        if len(raw) < 8:
            raise UnsupportedPixels(_("the encapsulated pixel data has no end"))
        group, element, length = struct.unpack("<HHI", raw)
        if (group, element) == (0xFFFE, 0xE0DD):
            return fp.tell()
        if (group, element) != (0xFFFE, 0xE000):
            raise UnsupportedPixels(_("the encapsulated pixel data has an item of the wrong kind"))
        fp.seek(length, io.SEEK_CUR)


def _write_head(head: Dataset, out: BinaryIO) -> None:
    buf = io.BytesIO()
    head.save_as(buf, enforce_file_format=True)
    out.write(buf.getvalue())


def _write_elements(ds: Dataset, out: BinaryIO, implicit: bool) -> None:
    if not len(ds):
        return
    fp = DicomFileLike(out)
    fp.is_little_endian = True
    fp.is_implicit_VR = implicit
    write_dataset(fp, ds)


def _pixel_header(out: BinaryIO, implicit: bool, vr: str, length: int) -> None:
    out.write(struct.pack("<HH", 0x7FE0, 0x0010))
    if implicit:
        out.write(struct.pack("<I", length))
    else:
        out.write(vr.encode("ascii") + b"\x00\x00" + struct.pack("<I", length))


def _stream_native(
    fp: BinaryIO,
    out: BinaryIO,
    layout: PixelLayout,
    mask: FrameMask,
    head: Dataset,
    implicit: bool,
    vr: str,
    length: int,
) -> CleanResult:
    from . import writers
    from .native import blank_native

    size = frame_bytes(layout)
    if length < size * layout.frames:
        raise UnsupportedPixels(_("the pixel data is shorter than its rows, columns and frames"))
    black = black_samples(head, layout)
    _pixel_header(out, implicit, vr, length)
    one = PixelLayout(**{**layout.__dict__, "frames": 1})
    blanked = mask.rects
    for index in range(layout.frames):
        frame = bytearray(fp.read(size))
        single = FrameMask.build(mask.rows, mask.columns, mask.rects_for(index))
        blanked_now = blank_native(frame, one, single, black)
        if index == 0:
            blanked = blanked_now if not mask.per_frame else mask.rects
        out.write(frame)
    rest = length - size * layout.frames
    if rest:
        out.write(fp.read(rest))
    return writers.CleanResult("native", layout.frames, False, None, None, blanked)


def _stream_encapsulated(
    fp: BinaryIO,
    out: BinaryIO,
    layout: PixelLayout,
    mask: FrameMask,
    head: Dataset,
    implicit: bool,
    end: int,
) -> CleanResult:
    from . import writers

    if layout.transfer_syntax in NATIVE:
        raise UnsupportedPixels(_("native pixel data is stored with an undefined length"))
    cleaner = writers.FrameCleaner(head, layout, mask)  # reads only the palette, if any
    _pixel_header(out, implicit, "OB", 0xFFFFFFFF)
    table_at = out.tell()
    out.write(struct.pack("<HHI", 0xFFFE, 0xE000, 4 * layout.frames))
    out.write(bytes(4 * layout.frames))
    first = out.tell()
    offsets = []
    for new in cleaner.clean_all(_frames(fp, layout, end)):
        if len(new) % 2:
            new += b"\x00"
        offsets.append(out.tell() - first)
        out.write(struct.pack("<HHI", 0xFFFE, 0xE000, len(new)))
        out.write(new)
    if len(offsets) != layout.frames:
        raise UnsupportedPixels(
            _("the pixel data holds {count} frames, not {frames}").format(
                count=len(offsets), frames=layout.frames
            )
        )
    out.write(struct.pack("<HHI", 0xFFFE, 0xE0DD, 0))
    after = out.tell()
    out.seek(table_at + 8)
    out.write(struct.pack(f"<{layout.frames}I", *offsets))
    out.seek(after)
    return cleaner.result(head)


def _frames(fp: BinaryIO, layout: PixelLayout, end: int) -> Iterator[bytes]:
    for count, frame in enumerate(generate_frames(fp, number_of_frames=layout.frames)):
        if count >= layout.frames or fp.tell() > end:
            break
        yield frame
