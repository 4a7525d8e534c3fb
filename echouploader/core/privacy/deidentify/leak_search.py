"""The final byte search: does a written file still hold one of the exam's identifying strings?

Every written byte is searched, except the top-level pixel data of a DICOM file when it was
copied unchanged from the source (its frames were read by OCR, or the file says it was not
cleaned): that is most of an exam's bytes, and byte patterns there are pixel values, not text.
Everything else — the preamble, the file meta, every attribute before and after the pixel data,
cleaned pixel data, and every other kind of file — is searched for all patterns at once.

Which bytes are the unchanged pixel data: a small file is encoded in memory, and the source's
pixel bytes must occur in it exactly once, right after a top-level Pixel Data header; a large one
is written through a file object (``PixelDataRecorder``) that notes where the value was written,
and the element header in front of it is read back to confirm it. When anything does not match,
the whole file is searched.
"""

from __future__ import annotations

import contextlib
import io
import mmap
import re
import struct
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

from pydicom.dataset import Dataset

PIXEL_DATA_TAG = 0x7FE00010
# Under this many bytes one compiled alternation beats one pass per pattern; over it, bytes.find
# (a two-way search in C) per pattern is faster than the regex engine's position-by-position walk.
REGEX_SPAN = 1 << 20
# Bytes of a written file read and searched at a time: past REGEX_SPAN, so a chunk goes to
# bytes.find per pattern (the regex alternation over megabytes took half of de-identification).
CHUNK = 4 << 20
# Files whose pixel data is smaller than this are encoded in memory, then written at once.
IN_MEMORY = 4 << 20


class Patterns:
    """The byte patterns of an exam's identifying strings, searched together."""

    def __init__(self, patterns: Iterable[bytes]) -> None:
        self.patterns = sorted({p for p in patterns if p}, key=len, reverse=True)
        self.longest = len(self.patterns[0]) if self.patterns else 0
        self._regex = (
            re.compile(b"|".join(re.escape(p) for p in self.patterns)) if self.patterns else None
        )

    def __bool__(self) -> bool:
        return bool(self.patterns)

    def found_in(self, data: bytes | mmap.mmap, start: int = 0, end: int | None = None) -> bool:
        """Whether any pattern lies wholly inside ``data[start:end]``."""
        end = len(data) if end is None else end
        if self._regex is None or end - start < 1:
            return False
        if end - start <= REGEX_SPAN:
            return self._regex.search(data, start, end) is not None
        return any(data.find(p, start, end) >= 0 for p in self.patterns)

    def file_leaks(self, path: Path, skip: tuple[int, int] | None = None) -> bool:
        """Whether the file holds a pattern anywhere outside ``skip`` (offset, length).

        A pattern that starts before the skipped span and ends inside it (or starts inside and
        ends after it) still counts: the search reaches ``longest - 1`` bytes into the span.
        The file is read a chunk at a time (memory of one chunk, and the thread lets others
        run between chunks), each chunk overlapping the last by ``longest - 1`` bytes.
        """
        if not self.patterns:
            return False
        with open(path, "rb") as fh:
            size = fh.seek(0, 2)
            spans = [(0, size)]
            if skip is not None:
                offset, length = skip
                reach = self.longest - 1
                head_end = min(size, offset + reach)
                tail_start = max(0, offset + length - reach)
                if tail_start > head_end:
                    spans = [(0, head_end), (tail_start, size)]
            return any(self._span_leaks(fh, start, end) for start, end in spans)

    def _span_leaks(self, fh: BinaryIO, start: int, end: int) -> bool:
        keep = self.longest - 1
        fh.seek(start)
        pos, tail = start, b""
        while pos < end:
            chunk = fh.read(min(CHUNK, end - pos))
            if not chunk:
                break
            pos += len(chunk)
            data = tail + chunk
            if self.found_in(data):
                return True
            tail = data[-keep:] if keep else b""
        return False


class PixelDataRecorder:
    """A write-only file for ``Dataset.save_as`` that notes where ``pixels`` were written.

    pydicom writes each top-level value to the file in one ``write`` call (nested items go into
    their element's own buffer first), the bytes of an OB/OW value as they are. So the write
    as long as ``pixels`` (or one byte longer: the pad) that follows the top-level Pixel Data
    header holds them.
    """

    def __init__(self, fh: BinaryIO, pixels: bytes | None) -> None:
        self._fh = fh
        self._pixels = pixels
        self._length = len(pixels) if pixels is not None else -1
        self.position = 0
        self.candidates: list[int] = []  # offsets of writes as long as the pixel data

    def write(self, data: bytes | bytearray | memoryview) -> int:
        n = len(data)
        pixels = self._pixels
        # pydicom copies the value into the element's buffer (plus a pad byte to an even
        # length); its first bytes must still be the source's.
        if (
            pixels is not None
            and n in (self._length, self._length + 1)
            and n > 0
            and bytes(data[:64]) == pixels[:64]
        ):
            self.candidates.append(self.position)
        self._fh.write(data)
        self.position += n
        return n

    def tell(self) -> int:
        return self.position

    def seek(self, offset: int, whence: int = 0) -> int:
        self.position = self._fh.seek(offset, whence)
        return self.position

    def flush(self) -> None:
        self._fh.flush()

    def skip_span(
        self, path: Path, little_endian: bool, implicit_vr: bool
    ) -> tuple[int, int] | None:
        """(offset, length) of the top-level pixel data in the written file, or None.

        Each candidate is confirmed by the element header written just before it.
        """
        header = 8 if implicit_vr else 12
        found = []
        with open(path, "rb") as fh:
            for offset in self.candidates:
                if offset < header:
                    continue
                fh.seek(offset - header)
                if _pixel_header(fh.read(header), little_endian, implicit_vr, self._length):
                    found.append(offset)
        # Exactly one top-level Pixel Data; anything else and the whole file is searched.
        if len(found) != 1:
            return None
        return found[0], self._length


def _pixel_header(raw: bytes, little_endian: bool, implicit_vr: bool, length: int) -> bool:
    """Whether ``raw`` is the header of a Pixel Data element of ``length`` bytes: the tag, then
    (explicit VR) ``OB``/``OW`` and a 32-bit length equal to it (padded to even), or the
    undefined length of encapsulated data."""
    endian = "<" if little_endian else ">"
    if len(raw) != (8 if implicit_vr else 12):
        return False
    group, element = struct.unpack(endian + "HH", raw[:4])
    if (group << 16 | element) != PIXEL_DATA_TAG:
        return False
    if implicit_vr:
        (written,) = struct.unpack(endian + "L", raw[4:8])
    else:
        if raw[4:6] not in (b"OB", b"OW") or raw[6:8] != b"\0\0":
            return False
        (written,) = struct.unpack(endian + "L", raw[8:12])
    return written in (length, length + (length & 1), 0xFFFFFFFF)


def write_dataset(ds: Dataset, dest: Path, pixels: bytes | None) -> tuple[int, int] | None:
    """``ds.save_as(dest)``; the span of ``pixels`` in the file, if any.

    ``pixels`` must be the very bytes object read from the source and still held by
    ``ds.PixelData`` (the caller checks ``is``): then the span is unchanged pixel data.
    """
    syntax = str(ds.file_meta.get("TransferSyntaxUID", ""))
    implicit = syntax == "1.2.840.10008.1.2"
    little = syntax != "1.2.840.10008.1.2.2"
    if pixels is None or len(pixels) < IN_MEMORY:
        # A small file is encoded in memory and written in one call (an element at a time
        # through Python costs more than the file); its pixel data is found by its content.
        buffer = io.BytesIO()
        ds.save_as(buffer, enforce_file_format=True)
        data = buffer.getvalue()
        with open(dest, "wb") as fh:
            fh.write(data)
        if not pixels:
            return None
        offset = data.rfind(pixels)
        header = 8 if implicit else 12
        if offset < header or data.find(pixels) != offset:
            return None  # not found, or found twice: the whole file is searched
        if not _pixel_header(data[offset - header : offset], little, implicit, len(pixels)):
            return None
        return offset, len(pixels)
    with open(dest, "wb") as fh:
        recorder = PixelDataRecorder(fh, pixels)
        ds.save_as(recorder, enforce_file_format=True)
    with contextlib.suppress(OSError):
        return recorder.skip_span(dest, little, implicit)
    return None
