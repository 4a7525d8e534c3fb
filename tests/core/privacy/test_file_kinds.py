from __future__ import annotations

import struct

import pytest

from echouploader.core.privacy import file_kinds


@pytest.mark.parametrize(
    ("head", "name", "kind"),
    [
        (b"\0" * 128 + b"DICM", "K2MDI0G2", "dicom"),
        (b"\0" * 128 + b"DICM", "DICOMDIR", "dicomdir"),
        (b"\xff\xd8\xff\xe0", "IMG.JPG", "image"),
        (b"\x89PNG\r\n\x1a\n", "x.png", "image"),
        (b"II*\x00", "scan.tif", "image"),
        (b"%PDF-1.7", "report", "document"),
        (b"\0\0\0\x18ftypisom", "clip.bin", "video"),
        (b"RIFF\0\0\0\0AVI LIST", "clip", "video"),
        (b"\x00\x00\x01\xba", "clip.mpg", "video"),
        (b"\x30\x26\xb2\x75\x8e\x66\xcf\x11", "clip.wmv", "video"),
        (b"", "zero", "empty"),
        (b"hello", "notes.txt", "other"),
    ],
)
def test_sniff(head: bytes, name: str, kind: str) -> None:
    assert file_kinds.sniff(head, name) == kind


def _png(chunks: list[tuple[bytes, bytes]]) -> bytes:
    out = b"\x89PNG\r\n\x1a\n"
    for kind, data in chunks:
        out += struct.pack(">I", len(data)) + kind + data + b"\0\0\0\0"
    return out


def test_png_text_chunks_are_stripped() -> None:
    png = _png(
        [(b"IHDR", b"\0" * 13), (b"tEXt", b"Author\0Jane Doe"), (b"IDAT", b"xx"), (b"IEND", b"")]
    )
    assert file_kinds.image_metadata(png) == ["tEXt"]
    clean = file_kinds.strip_image(png)
    assert clean is not None and b"Jane Doe" not in clean and b"IDAT" in clean
    assert file_kinds.image_metadata(clean) == []


def test_damaged_jpeg_is_an_error_not_a_crash() -> None:
    with pytest.raises(ValueError):
        file_kinds.image_metadata(b"\xff\xd8\xff\xe1\xff\xff")


def test_pdf_blanking_keeps_the_length() -> None:
    pdf = b"%PDF-1.4\n<< /Author (Doe \\) Jane (x)) /Title <4A616E65> >>\n%%EOF"
    clean = file_kinds.blank_pdf_metadata(pdf)
    assert len(clean) == len(pdf)
    assert b"Doe" not in clean and b"4A616E65" not in clean and clean.endswith(b"%%EOF")
    assert file_kinds.pdf_metadata(pdf) == ["Author", "Title"]
