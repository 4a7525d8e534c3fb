"""Clean a DICOM file into another one frame by frame, never holding its pixel data whole.

:func:`clean_file` reads the header (everything before Pixel Data) with pydicom, lets the caller
change it (the header de-identification), writes it, then reads the source's pixel data one
frame at a time, blanks the mask with the same per-frame writers as :func:`clean_dataset`, and
writes each frame out before reading the next; the elements after the pixel data (GE's 7FE1
raw-data group, padding) are copied after it unchanged. Memory is about one frame, however large
the clip. Deflated files cannot be read that way; they go through :func:`clean_dataset`.
"""

from __future__ import annotations

import io
import os
import shutil
import struct
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

import pydicom
from pydicom.dataset import Dataset
from pydicom.encaps import generate_frames
from pydicom.filebase import DicomFileLike
from pydicom.filereader import read_dataset
from pydicom.filewriter import write_dataset

from echouploader.core.i18n import _

from .frames import NATIVE, VIDEO, PixelLayout, UnsupportedPixels, black_samples
from .mask import FrameMask
from .native import frame_bytes

if TYPE_CHECKING:
    from .writers import CleanResult

_DEFLATED = "1.2.840.10008.1.2.1.99"
_BIG_ENDIAN = "1.2.840.10008.1.2.2"
_IMPLICIT = "1.2.840.10008.1.2"


def clean_file(
    src: Path,
    dst: Path,
    mask: FrameMask,
    *,
    edit: Callable[[Dataset], None] | None = None,
) -> CleanResult:
    """Write ``src`` to ``dst`` with ``mask`` blanked in every frame.

    ``edit`` may change the header (everything before Pixel Data) before it is written; it must
    not change the pixel description or the transfer syntax. ``dst`` appears only complete.
    """
    from . import writers

    with open(src, "rb") as fp:
        head = pydicom.dcmread(fp, stop_before_pixels=True)
        pixel_start = fp.tell()
    ts = str(head.file_meta.TransferSyntaxUID)
    if ts in (_DEFLATED, _BIG_ENDIAN) or ts in VIDEO:
        ds = pydicom.dcmread(src)
        result = writers.clean_dataset(ds, mask)
        if edit is not None:
            edit(ds)
        _save_whole(ds, dst)
        return result
    implicit = ts == _IMPLICIT
    tmp = dst.with_name(dst.name + ".part")
    body = dst.with_name(dst.name + ".pixels.part")
    try:
        with open(src, "rb") as fp, open(body, "w+b") as out:
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
            if length == 0xFFFFFFFF:
                end = _encapsulated_end(fp, value_start)
                fp.seek(value_start)
                result = _stream_encapsulated(fp, out, layout, mask, head, implicit, end)
            else:
                result = _stream_native(fp, out, layout, mask, head, implicit, vr, length)
                end = value_start + length
            fp.seek(end)
            _write_elements(read_dataset(fp, implicit, True), out, implicit)
            # the header goes first, but a lossy step is known only after the frames
            if edit is not None:
                edit(head)
            with open(tmp, "wb") as final:
                _write_head(head, final)
                out.seek(0)
                shutil.copyfileobj(out, final, 1 << 20)
        os.replace(tmp, dst)
    except UnsupportedPixels as exc:
        raise writers.PixelCleaningError(
            _("The pixels of {name} cannot be cleaned: {exc}.").format(name=src.name, exc=exc)
        ) from exc
    finally:
        body.unlink(missing_ok=True)
        tmp.unlink(missing_ok=True)
    return result


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
    for index, frame in enumerate(_frames(fp, layout, end)):
        new = cleaner.clean(index, frame)
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
