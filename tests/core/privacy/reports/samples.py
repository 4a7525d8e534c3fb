"""Reports as sites send them, each with a patient's name in the text, the metadata and the pixels.

A *text PDF* is written by hand, object by object: Helvetica text lines (the text layer), an
embedded JPEG showing a name (pixels), a document information dictionary and an XMP packet
(metadata), a form field, a JavaScript action and an attached file holding the name. A *scanned
PDF* is a Pillow-drawn page saved by Pillow's PDF writer with author and title. Photos are JPEGs
with EXIF and PNGs with text chunks, the name drawn in the picture.
"""

from __future__ import annotations

import contextlib
import io
import zlib
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont
from PIL.PngImagePlugin import PngInfo

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def font(size: int) -> ImageFont.ImageFont | ImageFont.FreeTypeFont:
    if FONT.exists():
        return ImageFont.truetype(str(FONT), size)
    return ImageFont.load_default(size)


def drawn(
    lines: list[str], size: tuple[int, int] = (1240, 1754), text_size: int = 30
) -> Image.Image:
    """A white page (or photo) with these lines of black text, one every 60 pixels."""
    image = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(image)
    for i, line in enumerate(lines):
        draw.text((90, 90 + i * 60), line, fill="black", font=font(text_size))
    return image


def _pdf_string(text: str) -> bytes:
    return (
        b"("
        + text.encode("latin-1").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
        + b")"
    )


def text_pdf(
    pages: list[list[str]],
    *,
    author: str,
    image_lines: list[str] | None = None,
    attachment: str | None = None,
) -> bytes:
    """A PDF with a text layer; see the module doc for where the identifiers hide."""
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog = add(b"")
    tree = add(b"")
    fontobj = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    info = add(
        b"<< /Author "
        + _pdf_string(author)
        + b" /Title "
        + _pdf_string(f"Report {author}")
        + b" /Producer (handmade) >>"
    )
    xmp_text = (
        '<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/">'
        f"<rdf:RDF><dc:creator>{author}</dc:creator></rdf:RDF></x:xmpmeta>"
        '<?xpacket end="w"?>'
    ).encode()
    xmp = add(
        b"<< /Type /Metadata /Subtype /XML /Length %d >>\nstream\n" % len(xmp_text)
        + xmp_text
        + b"\nendstream"
    )
    image = None
    if image_lines:
        buf = io.BytesIO()
        drawn(image_lines, (900, 200), 34).save(buf, "JPEG", quality=92)
        jpeg = buf.getvalue()
        image = add(
            b"<< /Type /XObject /Subtype /Image /Width 900 /Height 200 /ColorSpace /DeviceRGB "
            b"/BitsPerComponent 8 /Filter /DCTDecode /Length %d >>\nstream\n"
            % len(jpeg)
            + jpeg
            + b"\nendstream"
        )
    kids = []
    for number, lines in enumerate(pages):
        ops = [b"BT /F1 14 Tf 72 760 Td 18 TL"]
        for line in lines:
            ops.append(_pdf_string(line) + b" Tj T*")
        ops.append(b"ET")
        # Invisible text (render mode 3), as an OCR layer over a scan would be.
        ops.append(b"BT 3 Tr /F1 10 Tf 72 40 Td " + _pdf_string(f"hidden {author}") + b" Tj ET")
        if image is not None and number == 0:
            ops.append(b"q 450 0 0 100 72 450 cm /Im0 Do Q")
        stream = b"\n".join(ops)
        content = add(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        xobjects = b" /XObject << /Im0 %d 0 R >>" % image if image is not None else b""
        kids.append(
            add(
                b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
                b"/Resources << /Font << /F1 %d 0 R >>%s >> >>" % (tree, content, fontobj, xobjects)
            )
        )
    js = add(b"<< /S /JavaScript /JS " + _pdf_string(f"app.alert('{author}')") + b" >>")
    names = b""
    if attachment:
        data = attachment.encode()
        embedded = add(
            b"<< /Type /EmbeddedFile /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"
        )
        spec = add(b"<< /Type /Filespec /F (notes.txt) /EF << /F %d 0 R >> >>" % embedded)
        names = b" /Names << /EmbeddedFiles << /Names [(notes.txt) %d 0 R] >> >>" % spec
    objects[catalog - 1] = (
        b"<< /Type /Catalog /Pages %d 0 R /Metadata %d 0 R /OpenAction %d 0 R%s >>"
        % (tree, xmp, js, names)
    )
    objects[tree - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % k for k in kids),
        len(kids),
    )
    out = bytearray(b"%PDF-1.6\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        catalog,
        info,
        xref,
    )
    return bytes(out)


def scanned_pdf(pages: list[list[str]], *, author: str) -> bytes:
    """An image-only PDF (a scan): no text layer, the name in the pixels and the metadata."""
    images = [drawn(lines) for lines in pages]
    buf = io.BytesIO()
    images[0].save(
        buf,
        "PDF",
        save_all=True,
        append_images=images[1:],
        resolution=150,
        author=author,
        title=f"Scan of {author}",
    )
    return buf.getvalue()


def photo_jpeg(lines: list[str], *, artist: str) -> bytes:
    """A phone photo of a report: EXIF with the artist and a comment, the name in the picture."""
    image = drawn(lines, (1600, 1200), 40)
    exif = Image.Exif()
    exif[0x013B] = artist  # Artist
    exif[0x010E] = f"report of {artist}"  # ImageDescription
    exif[0x0110] = "Phone 12"  # Model
    buf = io.BytesIO()
    image.save(buf, "JPEG", quality=90, exif=exif.tobytes(), comment=f"by {artist}".encode())
    return buf.getvalue()


def png_with_chunks(lines: list[str], *, author: str) -> bytes:
    """A screenshot of a report: the name in tEXt, zTXt and iTXt chunks and in the picture."""
    image = drawn(lines, (1200, 800), 34)
    info = PngInfo()
    info.add_text("Author", author)
    info.add_text("Comment", f"patient {author}", zip=True)
    info.add_itxt("Description", f"report {author}")
    buf = io.BytesIO()
    image.save(buf, "PNG", pnginfo=info)
    return buf.getvalue()


def deflate_free(data: bytes) -> bytes:
    """Every Flate stream of a PDF inflated, so a byte search sees compressed text too."""
    out = bytearray(data)
    pos = 0
    while (start := data.find(b"stream\n", pos)) >= 0:
        end = data.find(b"endstream", start)
        if end < 0:
            break
        with contextlib.suppress(zlib.error):
            out += zlib.decompress(data[start + 7 : end])
        pos = end
    return bytes(out)
