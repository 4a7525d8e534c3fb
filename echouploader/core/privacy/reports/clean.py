"""Clean one report (a PDF, a scan, a photo) so nothing identifying survives, visible or hidden.

Every page is rendered to an image. Identifying text is found twice: in the text layer, where
there is one (exact character boxes), and by OCR of the rendered page (text in images, scans,
photos). The boxes that match are blanked. The result is read again by OCR: when an identifier
is still readable the report is refused with one sentence. A PDF comes out as a new image-only
PDF with the same page count, a photo as a freshly encoded image: no text layer, metadata, EXIF,
XMP, PNG text chunk, attachment, script or form of the original is carried over.
"""

from __future__ import annotations

import hashlib
import io
import logging
import math
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
from PIL import Image, ImageDraw, ImageOps, UnidentifiedImageError

from echouploader.core.errors import PrivacyBlocked, UsageError
from echouploader.core.i18n import _, ngettext
from echouploader.core.privacy.pixels.ocr import (
    OcrEngine,
    OcrUnavailable,
    TextBox,
    default_engine,
)
from echouploader.core.privacy.reports import pdf as pdf_io
from echouploader.core.privacy.reports.values import IdentifyingValues

log = logging.getLogger("echouploader.privacy")

PDF = "pdf"
IMAGE = "image"
MARGIN = 3  # pixels around a blanked box: descenders, accents, anti-aliasing
MAX_IMAGE_SIDE = 2400  # photos are scaled down to this before cleaning (about 200 dpi on A4)
TILE_LIMIT = 1280  # the OCR engine's detection size: pages are read in tiles no larger
TILE_OVERLAP = 160  # pixels shared by neighbouring tiles: more than a line of large print
_CACHE_SIZE = 16

Rect = tuple[int, int, int, int]
ProgressFn = Callable[[int, int, str], None]


class ReportBlocked(PrivacyBlocked):
    """A report that still shows an identifier after cleaning; it is not sent."""


@dataclass
class CleanedReport:
    """A report after cleaning: the bytes to send and each page as it will be seen."""

    kind: str  # PDF or IMAGE
    data: bytes
    suffix: str  # ".pdf", ".jpg", ".png"
    pages: list[Image.Image] = field(default_factory=list)
    blanked: int = 0  # boxes blanked over all pages
    text_layer: bool = False  # whether the original had a text layer (searched as well)

    @property
    def page_count(self) -> int:
        return len(self.pages)

    def describe(self) -> str:
        """What cleaning did, in words (for ``check`` and the dialog)."""
        pages = ngettext("{count} page", "{count} pages", self.page_count).format(
            count=self.page_count
        )
        what = _("an image-only PDF") if self.kind == PDF else _("an image without metadata")
        blanked = (
            _("{blanked} identifying text box(es) blanked").format(blanked=self.blanked)
            if self.blanked
            else _("no identifying text found")
        )
        return _("sent as {what} ({pages}, {blanked}, verified by OCR)").format(
            what=what, pages=pages, blanked=blanked
        )


def report_kind(data: bytes) -> str:
    """PDF or IMAGE by the first bytes; '' for anything else."""
    if data.startswith(b"%PDF") or data[:1024].find(b"%PDF-") >= 0:
        return PDF
    if data.startswith(b"\xff\xd8\xff") or data.startswith(b"\x89PNG\r\n\x1a\n"):
        return IMAGE
    return ""


def _grow(rect: Rect, margin: int, size: tuple[int, int]) -> Rect:
    x, y, w, h = rect
    x0, y0 = max(0, x - margin), max(0, y - margin)
    x1, y1 = min(size[0], x + w + margin), min(size[1], y + h + margin)
    return (x0, y0, max(0, x1 - x0), max(0, y1 - y0))


def _lines(rects: list[Rect]) -> list[Rect]:
    """Character boxes grouped into lines, one box per line."""
    out: list[list[int]] = []
    for x, y, w, h in sorted(rects, key=lambda r: (r[1], r[0])):
        for line in out:
            centre = y + h / 2
            if line[1] <= centre <= line[3]:
                line[0], line[1] = min(line[0], x), min(line[1], y)
                line[2], line[3] = max(line[2], x + w), max(line[3], y + h)
                break
        else:
            out.append([x, y, x + w, y + h])
    return [(a, b, c - a, d - b) for a, b, c, d in out]


def _text_layer_rects(page: pdf_io.RenderedPage, values: IdentifyingValues) -> list[Rect]:
    text = page.text
    if not text.strip():
        return []
    rects: list[Rect] = []
    for match in values.find(text):
        boxes = [c.rect for c in page.chars[match.start : match.end] if c.rect is not None]
        rects += _lines(boxes)
    return rects


def _blank(image: Image.Image, rects: list[Rect]) -> None:
    draw = ImageDraw.Draw(image)
    for rect in rects:
        x, y, w, h = _grow(rect, MARGIN, image.size)
        if w and h:
            draw.rectangle((x, y, x + w - 1, y + h - 1), fill=(0, 0, 0))


def _spans(length: int) -> list[tuple[int, int]]:
    """Overlapping (start, size) tiles along one side, each at most ``TILE_LIMIT`` long."""
    if length <= TILE_LIMIT:
        return [(0, length)]
    count = math.ceil((length - TILE_OVERLAP) / (TILE_LIMIT - TILE_OVERLAP))
    size = math.ceil((length + (count - 1) * TILE_OVERLAP) / count)
    return [(min(i * (size - TILE_OVERLAP), length - size), size) for i in range(count)]


def read_page(image: Image.Image, engine: OcrEngine) -> list[TextBox]:
    """OCR of a whole page at its own resolution, in overlapping tiles.

    The engine scales large images down for detection (right for ultrasound frames); a page of
    small print is read in tiles no larger than that limit instead, so no line is read smaller
    than it was rendered. The tiles overlap by more than a line of text.
    """
    pixels = np.asarray(image.convert("RGB"))
    rows, columns = pixels.shape[:2]
    boxes = []
    for y0, height in _spans(rows):
        for x0, width in _spans(columns):
            tile = np.ascontiguousarray(pixels[y0 : y0 + height, x0 : x0 + width])
            for box in engine.read(tile):
                x, y, w, h = box.rect
                boxes.append(TextBox(box.text, (x + x0, y + y0, w, h), box.score))
    return boxes


def _ocr_hits(image: Image.Image, values: IdentifyingValues, engine: OcrEngine) -> list[Rect]:
    return [box.rect for box in read_page(image, engine) if values.find(box.text, fuzzy=True)]


def _clean_page(
    image: Image.Image, rects: list[Rect], values: IdentifyingValues, engine: OcrEngine, where: str
) -> int:
    """Blank ``rects`` and whatever OCR reads as identifying; verify; the boxes blanked."""
    _blank(image, rects)
    hits = _ocr_hits(image, values, engine)
    if hits:
        _blank(image, hits)
        if _ocr_hits(image, values, engine):
            raise ReportBlocked(
                _(
                    "{where} still shows a name, ID or date of the patient after cleaning; "
                    "it was not sent. Blank it by hand or leave it out."
                ).format(where=where)
            )
    return len(rects) + len(hits)


def _engine(engine: OcrEngine | None, name: str) -> OcrEngine:
    if engine is not None:
        return engine
    try:
        return default_engine()
    except OcrUnavailable as exc:
        raise ReportBlocked(
            _(
                "The {name} cannot be checked for names without the text recognition "
                "engine; it was not sent."
            ).format(name=name),
            detail=exc.detail if hasattr(exc, "detail") else None,
        ) from None


def _clean_pdf(
    data: bytes, name: str, values: IdentifyingValues, engine: OcrEngine, progress: ProgressFn
) -> CleanedReport:
    pages = pdf_io.render_pdf(data, name)
    blanked = 0
    for index, page in enumerate(pages):
        progress(index, len(pages), name)
        where = _("Page {page} of the {name}").format(page=index + 1, name=name)
        blanked += _clean_page(page.image, _text_layer_rects(page, values), values, engine, where)
    progress(len(pages), len(pages), name)
    out = pdf_io.image_pdf([(p.image, p.width_pt, p.height_pt) for p in pages])
    return CleanedReport(
        PDF,
        out,
        ".pdf",
        [p.image for p in pages],
        blanked,
        any(p.text.strip() for p in pages),
    )


def _clean_image(
    data: bytes, name: str, values: IdentifyingValues, engine: OcrEngine, progress: ProgressFn
) -> CleanedReport:
    try:
        with Image.open(io.BytesIO(data)) as opened:
            fmt = opened.format
            # Pixels only: a new image carries no info (EXIF, comment, ICC, text chunks) that
            # Pillow would write again when saving.
            image = Image.fromarray(np.asarray(ImageOps.exif_transpose(opened).convert("RGB")))
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as exc:
        raise PrivacyBlocked(
            _("The {name} cannot be read as an image; it was not sent.").format(name=name),
            detail=str(exc),
        ) from None
    if max(image.size) > MAX_IMAGE_SIDE:
        image.thumbnail((MAX_IMAGE_SIDE, MAX_IMAGE_SIDE), Image.Resampling.LANCZOS)
    progress(0, 1, name)
    blanked = _clean_page(image, [], values, engine, f"The {name}")
    progress(1, 1, name)
    buf = io.BytesIO()
    if fmt == "JPEG":
        image.save(buf, "JPEG", quality=90, optimize=True)  # no exif=, no icc: nothing carried
        suffix = ".jpg"
    else:
        image.save(buf, "PNG", optimize=True)  # no pnginfo: no text chunks
        suffix = ".png"
    return CleanedReport(IMAGE, buf.getvalue(), suffix, [image], blanked)


_cache: OrderedDict[tuple[str, frozenset[str], bool], CleanedReport] = OrderedDict()
_cache_lock = threading.Lock()


def clean_report(
    data: bytes,
    name: str,
    values: IdentifyingValues,
    engine: OcrEngine | None = None,
    on_progress: ProgressFn | None = None,
) -> CleanedReport:
    """Clean one report; raises ``ReportBlocked``/``PrivacyBlocked`` or ``UsageError``.

    ``name`` is how the sentence names the file (never a name the caller has not checked). The
    same bytes cleaned for the same values again (the check, then the upload) come from a small
    in-process cache.
    """
    kind = report_kind(data)
    if not kind:
        raise UsageError(
            _("The {name} is not a PDF, JPEG or PNG file; only those can be cleaned.").format(
                name=name
            )
        )
    key = (hashlib.sha256(data).hexdigest(), values.values, values.generic)
    with _cache_lock:
        cached = _cache.get(key)
        if cached is not None:
            _cache.move_to_end(key)
            return cached
    progress = on_progress or (lambda _d, _t, _n: None)
    ocr = _engine(engine, name)
    if kind == PDF:
        result = _clean_pdf(data, name, values, ocr, progress)
    else:
        result = _clean_image(data, name, values, ocr, progress)
    log.info(
        "report cleaned",
        extra={
            "event": "deidentify",
            "kind": result.kind,
            "pages": result.page_count,
            "blanked": result.blanked,
            "bytes": len(result.data),
        },
    )
    with _cache_lock:
        _cache[key] = result
        while len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
    return result
