"""What a file in an exam folder is, by its first bytes (not its name), and what metadata it hides.

Echo exports mix DICOM files without extension, a ``DICOMDIR``, MP4/AVI/MPEG clips, JPEG stills
and a PDF or photo of the written report. Photos carry EXIF (camera, time, sometimes GPS); PNGs
carry text chunks; PDFs carry an author and title. This module recognises them and strips image
metadata without touching the image data.
"""

from __future__ import annotations

import re
import struct
from pathlib import Path

from echouploader.core.i18n import _

DICOM = "dicom"
DICOMDIR = "dicomdir"
VIDEO = "video"
IMAGE = "image"
DOCUMENT = "document"
OTHER = "other"
EMPTY = "empty"

VIDEO_EXTENSIONS = {".mp4", ".m4v", ".mov", ".avi", ".mpg", ".mpeg", ".wmv", ".asf"}
IMAGE_EXTENSIONS = {".jpg", ".jpeg", ".png", ".bmp", ".tif", ".tiff"}
DOCUMENT_EXTENSIONS = {".pdf"}
# Files the operating system leaves in folders; never part of an exam.
SYSTEM_FILES = {"thumbs.db", ".ds_store", "desktop.ini"}


def sniff(head: bytes, name: str) -> str:
    """The kind of a file from its first 132 bytes and, as a last resort, its extension."""
    if not head:
        return EMPTY
    if len(head) >= 132 and head[128:132] == b"DICM":
        return DICOMDIR if name.upper() == "DICOMDIR" else DICOM
    if head.startswith(b"\xff\xd8\xff") or head.startswith(b"\x89PNG\r\n\x1a\n"):
        return IMAGE
    if head.startswith(b"BM") and name.lower().endswith(".bmp"):
        return IMAGE
    if head.startswith(b"II*\x00") or head.startswith(b"MM\x00*"):
        return IMAGE
    if head.startswith(b"%PDF"):
        return DOCUMENT
    if head[4:8] == b"ftyp" or (head.startswith(b"RIFF") and head[8:12] == b"AVI "):
        return VIDEO
    if head.startswith(b"\x00\x00\x01\xba") or head.startswith(b"\x00\x00\x01\xb3"):
        return VIDEO
    if head.startswith(b"\x30\x26\xb2\x75\x8e\x66\xcf\x11"):  # ASF / WMV
        return VIDEO
    suffix = Path(name).suffix.lower()
    if suffix == ".dcm":
        return DICOM  # no preamble: the reader will tell whether it is DICOM at all
    if suffix in VIDEO_EXTENSIONS:
        return VIDEO
    return OTHER


def image_format(head: bytes) -> str:
    if head.startswith(b"\xff\xd8"):
        return "jpeg"
    if head.startswith(b"\x89PNG"):
        return "png"
    if head.startswith(b"BM"):
        return "bmp"
    if head.startswith(b"II*\x00") or head.startswith(b"MM\x00*"):
        return "tiff"
    return ""


# --- JPEG -------------------------------------------------------------------------------------

# Segments a decoder needs besides the frame and scan: JFIF (APP0) is harmless but may carry a
# thumbnail, so it goes too; Adobe (APP14) says how colours are transformed and must stay.
_JPEG_KEEP_APP = {0xEE}


def _jpeg_segments(data: bytes) -> list[tuple[int, int, int]]:
    """``(marker, start, end)`` for each segment before the first scan; the scan runs to the end."""
    if not data.startswith(b"\xff\xd8"):
        raise ValueError(_("not a JPEG file"))
    out: list[tuple[int, int, int]] = []
    pos = 2
    while pos + 4 <= len(data):
        if data[pos] != 0xFF:
            raise ValueError("JPEG marker expected")
        marker = data[pos + 1]
        if marker == 0xFF:  # fill byte
            pos += 1
            continue
        (length,) = struct.unpack(">H", data[pos + 2 : pos + 4])
        end = pos + 2 + length
        if end > len(data):
            raise ValueError(_("JPEG segment runs past the end of the file"))
        out.append((marker, pos, end))
        if marker == 0xDA:  # start of scan: entropy-coded data follows
            out.append((-1, end, len(data)))
            return out
        pos = end
    raise ValueError(_("JPEG file without image data"))


def jpeg_metadata(data: bytes) -> list[str]:
    """Names of the metadata segments in a JPEG (``EXIF``, ``XMP``, ``comment``, ...)."""
    found = []
    for marker, start, end in _jpeg_segments(data):
        if marker == 0xE1:
            payload = data[start + 4 : end]
            found.append("EXIF" if payload.startswith(b"Exif\x00") else "XMP/APP1")
        elif marker == 0xFE:
            found.append("comment")
        elif 0xE2 <= marker <= 0xEF and marker not in _JPEG_KEEP_APP:
            found.append(f"APP{marker - 0xE0}")
    return found


def strip_jpeg(data: bytes) -> bytes:
    """The same JPEG without EXIF, XMP, comments and application segments; image data unchanged."""
    parts = [b"\xff\xd8"]
    for marker, start, end in _jpeg_segments(data):
        if marker == 0xFE or (0xE0 <= marker <= 0xEF and marker not in _JPEG_KEEP_APP):
            continue
        parts.append(data[start:end])
    return b"".join(parts)


# --- PNG --------------------------------------------------------------------------------------

_PNG_DROP = {b"tEXt", b"zTXt", b"iTXt", b"eXIf", b"tIME"}


def _png_chunks(data: bytes) -> list[tuple[bytes, int, int]]:
    if not data.startswith(b"\x89PNG\r\n\x1a\n"):
        raise ValueError(_("not a PNG file"))
    out = []
    pos = 8
    while pos + 12 <= len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind = data[pos + 4 : pos + 8]
        end = pos + 12 + length
        if end > len(data):
            raise ValueError(_("PNG chunk runs past the end of the file"))
        out.append((kind, pos, end))
        pos = end
        if kind == b"IEND":
            break
    return out


def png_metadata(data: bytes) -> list[str]:
    return [kind.decode("latin-1") for kind, _, _ in _png_chunks(data) if kind in _PNG_DROP]


def strip_png(data: bytes) -> bytes:
    kept = [data[s:e] for kind, s, e in _png_chunks(data) if kind not in _PNG_DROP]
    return data[:8] + b"".join(kept)


def image_metadata(data: bytes) -> list[str]:
    """Metadata an image carries; raises ``ValueError`` when the file is damaged."""
    fmt = image_format(data[:8])
    if fmt == "jpeg":
        return jpeg_metadata(data)
    if fmt == "png":
        return png_metadata(data)
    if fmt == "tiff":
        return ["TIFF tags"]
    return []


def strip_image(data: bytes) -> bytes | None:
    """The image without metadata, or ``None`` for a format that cannot be cleaned here (TIFF)."""
    fmt = image_format(data[:8])
    if fmt == "jpeg":
        return strip_jpeg(data)
    if fmt == "png":
        return strip_png(data)
    if fmt == "bmp":
        return data
    return None


# --- PDF --------------------------------------------------------------------------------------

_PDF_INFO = re.compile(rb"/(Author|Title|Subject|Keywords|Creator|Producer)\s*[(<]")


def pdf_metadata(data: bytes) -> list[str]:
    """Document-information keys and XMP found in a PDF (by a byte scan: no PDF parser here)."""
    found = sorted({m.group(1).decode("ascii") for m in _PDF_INFO.finditer(data)})
    if b"<x:xmpmeta" in data or b"<?xpacket" in data:
        found.append("XMP")
    return found


def _literal_end(data: bytes, start: int) -> int:
    """Index of the ``)`` closing the PDF literal string whose ``(`` is at ``start``."""
    depth = 0
    i = start
    while i < len(data):
        c = data[i]
        if c == 0x5C:  # backslash escapes the next byte
            i += 2
            continue
        if c == 0x28:
            depth += 1
        elif c == 0x29:
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return -1


def blank_pdf_metadata(data: bytes) -> bytes:
    """The PDF with its document-information strings and XMP packet blanked, byte for byte.

    Values are overwritten with spaces of the same length, so every offset in the cross-reference
    table stays right and the document still opens. Metadata inside compressed object streams is
    out of reach; the caller verifies the result.
    """
    out = bytearray(data)
    for match in _PDF_INFO.finditer(data):
        opener = match.end() - 1
        if data[opener] == 0x28:
            end = _literal_end(data, opener)
            if end > opener:
                out[opener + 1 : end] = b" " * (end - opener - 1)
        else:
            end = data.find(b">", opener)
            if end > opener:
                out[opener + 1 : end] = (b"20" * (end - opener))[: end - opener - 1]
    for start_tag, end_tag in ((b"<x:xmpmeta", b"</x:xmpmeta>"), (b"<rdf:RDF", b"</rdf:RDF>")):
        pos = 0
        while (start := data.find(start_tag, pos)) >= 0:
            end = data.find(end_tag, start)
            if end < 0:
                break
            end += len(end_tag)
            out[start:end] = b" " * (end - start)
            pos = end
    return bytes(out)
