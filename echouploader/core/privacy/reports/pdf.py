"""PDF in, PDF out: render pages with PDFium, read the text layer's boxes, write image-only PDFs.

Rendering draws what a reader sees (text, images, form fields, annotations); the text layer gives
each character's box in page space, mapped here to the pixels of the rendered page. The writer
builds a new document from scratch: one JPEG per page drawn over the whole page, nothing else,
so no text layer, metadata, attachment, script, form or outline of the original survives.
"""

from __future__ import annotations

import contextlib
import ctypes
import io
import threading
from dataclasses import dataclass

from PIL import Image

from echouploader.core.errors import PrivacyBlocked
from echouploader.core.i18n import _

RENDER_DPI = 150
JPEG_QUALITY = 85
MAX_PAGES = 200
MAX_PAGE_PIXELS = 40_000_000
# PDFium is not thread-safe: the check (one worker) and the report preview (another) take turns.
_PDFIUM = threading.Lock()


class PdfUnreadable(PrivacyBlocked):
    """A PDF that cannot be opened or rendered cannot be proven clean: it is not sent."""


@dataclass
class TextChar:
    char: str
    rect: tuple[int, int, int, int] | None  # x, y, w, h in pixels of the rendered page


@dataclass
class RenderedPage:
    image: Image.Image  # RGB
    chars: list[TextChar]  # the text layer, in reading order ("" when the page has none)
    width_pt: float
    height_pt: float

    @property
    def text(self) -> str:
        return "".join(c.char for c in self.chars)


def _char_boxes(pdfium_c: object, page: object, textpage: object, size: tuple[int, int]) -> list:
    """Each character of the page's text layer with its box in device pixels."""
    c = pdfium_c
    count = textpage.count_chars()  # type: ignore[attr-defined]
    width, height = size
    out: list[TextChar] = []
    dx, dy = ctypes.c_int(), ctypes.c_int()

    def device(px: float, py: float) -> tuple[int, int]:
        c.FPDF_PageToDevice(  # type: ignore[attr-defined]
            page.raw,  # type: ignore[attr-defined]
            0,
            0,
            width,
            height,
            0,
            ctypes.c_double(px),
            ctypes.c_double(py),
            ctypes.byref(dx),
            ctypes.byref(dy),
        )
        return dx.value, dy.value

    for i in range(count):
        code = c.FPDFText_GetUnicode(textpage.raw, i)  # type: ignore[attr-defined]
        try:
            char = chr(code) if code else ""
        except (ValueError, OverflowError):
            char = ""
        rect = None
        try:
            left, bottom, right, top = textpage.get_charbox(i)  # type: ignore[attr-defined]
        except Exception:  # noqa: BLE001 - a generated character (a line break) has no box
            left = bottom = right = top = 0.0
        if right > left or top > bottom:
            x0, y0 = device(left, top)
            x1, y1 = device(right, bottom)
            xa, xb = sorted((x0, x1))
            ya, yb = sorted((y0, y1))
            rect = (xa, ya, max(1, xb - xa), max(1, yb - ya))
        out.append(TextChar(char, rect))
    return out


def render_pdf(data: bytes, name: str, dpi: int = RENDER_DPI) -> list[RenderedPage]:
    """Every page of the PDF as an RGB image with its text layer; raises ``PdfUnreadable``."""
    with _PDFIUM:
        return _render(data, name, dpi)


def _render(data: bytes, name: str, dpi: int) -> list[RenderedPage]:
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        reason = (
            _("it is protected by a password")
            if "password" in str(exc).lower()
            else (_("it is damaged or not a PDF"))
        )
        raise PdfUnreadable(
            _("The {name} cannot be opened ({reason}); it was not sent.").format(
                name=name, reason=reason
            ),
            detail=str(exc),
        ) from None
    try:
        if len(pdf) == 0:
            raise PdfUnreadable(_("The {name} has no pages; it was not sent.").format(name=name))
        if len(pdf) > MAX_PAGES:
            raise PdfUnreadable(
                _("The {name} has more than {MAX_PAGES} pages; it was not sent.").format(
                    name=name, MAX_PAGES=MAX_PAGES
                )
            )
        # Without a form environment fields are drawn from their appearance streams only.
        with contextlib.suppress(pdfium.PdfiumError):
            pdf.init_forms()
        pages = []
        scale = dpi / 72
        for index in range(len(pdf)):
            page = pdf[index]
            try:
                width_pt, height_pt = page.get_size()
                if width_pt * height_pt * scale * scale > MAX_PAGE_PIXELS:
                    scale_page = (MAX_PAGE_PIXELS / (width_pt * height_pt)) ** 0.5
                else:
                    scale_page = scale
                bitmap = page.render(scale=scale_page, may_draw_forms=True)
                image = bitmap.to_pil().convert("RGB")
                textpage = page.get_textpage()
                try:
                    chars = _char_boxes(pdfium_c, page, textpage, image.size)
                finally:
                    textpage.close()
            except pdfium.PdfiumError as exc:
                raise PdfUnreadable(
                    _("Page {page} of the {name} cannot be drawn; it was not sent.").format(
                        page=index + 1, name=name
                    ),
                    detail=str(exc),
                ) from None
            finally:
                page.close()
            pages.append(RenderedPage(image, chars, width_pt, height_pt))
        return pages
    finally:
        pdf.close()


def _jpeg(image: Image.Image) -> bytes:
    buf = io.BytesIO()
    image.convert("RGB").save(buf, "JPEG", quality=JPEG_QUALITY, optimize=True)
    return buf.getvalue()


def image_pdf(pages: list[tuple[Image.Image, float, float]]) -> bytes:
    """A new PDF with one page per ``(image, width_pt, height_pt)``, each image filling its page.

    Written object by object: a catalog, the page tree, and per page a page, its content stream
    and its image. No document information dictionary, no XMP, no fonts, no text.
    """
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog = add(b"")  # filled in below, once the page tree's number is known
    tree = add(b"")
    kids = []
    for image, width_pt, height_pt in pages:
        jpeg = _jpeg(image)
        w, h = image.size
        img = add(
            b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceRGB "
            b"/BitsPerComponent 8 /Filter /DCTDecode /Length %d >>\nstream\n"
            % (w, h, len(jpeg))
            + jpeg
            + b"\nendstream"
        )
        draw = b"q %.4f 0 0 %.4f 0 0 cm /Im0 Do Q" % (width_pt, height_pt)
        content = add(b"<< /Length %d >>\nstream\n" % len(draw) + draw + b"\nendstream")
        kids.append(
            add(
                b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %.4f %.4f] "
                b"/Resources << /XObject << /Im0 %d 0 R >> >> /Contents %d 0 R >>"
                % (tree, width_pt, height_pt, img, content)
            )
        )
    objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % tree
    objects[tree - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % k for k in kids),
        len(kids),
    )
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        catalog,
        xref,
    )
    return bytes(out)
