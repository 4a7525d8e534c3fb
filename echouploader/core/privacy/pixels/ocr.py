"""Offline OCR: read the text burned into a frame, with the models shipped in the package.

The engine is RapidOCR (``rapidocr-onnxruntime``, Apache-2.0): PaddleOCR's PP-OCRv4 detector and
recogniser, run by onnxruntime (MIT) from the model files inside the wheel. Nothing is
downloaded, ever. When the engine cannot be loaded or fails on a frame, :class:`OcrUnavailable`
is raised: the privacy gate then blocks, because it cannot prove a frame clean without OCR.

Tuned for ultrasound frames: detection runs at the frame's own size (RapidOCR's default scales
the short side up to 736 pixels, which makes a thin banner strip slower than the whole frame)
and the 180° classifier is off (burned-in text is upright). OCR reads ``^`` as ``~``; matching
(``matching.py``) is fuzzy for that reason.
"""

from __future__ import annotations

import logging
import os
import threading
from dataclasses import dataclass
from typing import Any

import numpy as np

from echouploader.core.errors import EchoUploaderError, ExitCode
from echouploader.core.i18n import _
from echouploader.core.privacy.pixels.mask import Rect, clip
from echouploader.core.privacy.pixels.matching import fold

log = logging.getLogger("echouploader.privacy")

# Frames larger than this on their long side are scaled down for detection (text stays legible
# at ultrasound resolutions: 1024×768 up to 1920×1080 exports).
DETECTION_MAX_SIDE = 1280
MIN_SCORE = 0.5
# The detector's memory grows with the pixels it sees at once (about 0.4 kB a pixel: 300 MB for
# a 1016×708 frame). Taller frames are read in horizontal bands of about this many pixels that
# overlap by more than a line of burned-in text is tall, so every line lies whole in one band.
# 100,000 pixels: measured 40–80 MB less at the peak than 200,000, in the same time.
BAND_PIXELS = 100_000
BAND_OVERLAP = 48
MIN_BAND_ROWS = 96
# opencv-python, which RapidOCR imports, points Qt at its own plugins; PySide6 must not see that.
_QT_VARIABLES = ("QT_QPA_PLATFORM_PLUGIN_PATH", "QT_QPA_FONTDIR")


class OcrUnavailable(EchoUploaderError):
    """OCR could not run; the gate cannot prove the frames clean and blocks."""

    exit_code = ExitCode.PRIVACY_BLOCKED


@dataclass(frozen=True)
class TextBox:
    """One line of text read in a frame: its text, its bounding rectangle, its confidence."""

    text: str
    rect: Rect
    score: float


def import_backend() -> Any:
    """Import RapidOCR (and with it OpenCV and onnxruntime) without letting OpenCV point Qt at
    its plugins. Importing them keeps the GIL for over a second (OpenCV's module set-up), so a
    window imports them before it shows (``ui.preload``) rather than in its first exam check."""
    saved = {name: os.environ.get(name) for name in _QT_VARIABLES}
    try:
        from rapidocr_onnxruntime import RapidOCR
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
    return RapidOCR


def _load_rapidocr() -> Any:
    RapidOCR = import_backend()  # noqa: N806 - a class
    logging.getLogger("RapidOCR").setLevel(logging.ERROR)
    engine = RapidOCR(
        use_cls=False,
        text_score=MIN_SCORE,
        print_verbose=False,
        det_limit_type="max",
        width_height_ratio=-1,  # a band is wide and low: no letterbox padding around it
        det_limit_side_len=DETECTION_MAX_SIDE,
        # One thread: measured faster per frame than onnxruntime's spinning pool on a busy
        # 2-core machine, and it leaves the other core to the transfer running beside it.
        intra_op_num_threads=1,
        inter_op_num_threads=1,
    )
    # RapidOCR ignores settings it does not know by name: make sure these took.
    if engine.text_det.limit_type != "max" or engine.use_cls:
        raise RuntimeError("RapidOCR did not take the detection settings")
    return engine


class OcrEngine:
    """Reads text lines in RGB (H×W×3) or grey (H×W) uint8 images; safe to share by threads."""

    def __init__(self, backend: Any) -> None:
        self._backend = backend
        # RapidOCR keeps per-call settings on itself; one call at a time.
        self._lock = threading.Lock()

    @classmethod
    def load(cls) -> OcrEngine:
        """The engine with its shipped models; raises :class:`OcrUnavailable`."""
        try:
            return cls(_load_rapidocr())
        except Exception as exc:  # ImportError, missing model file, onnxruntime refusing
            log.warning("ocr engine unavailable", extra={"event": "ocr", "error": repr(exc)})
            raise OcrUnavailable(
                _(
                    "The OCR engine that checks images for burned-in names could not be "
                    "loaded; images cannot be checked, so the exam is not sent."
                ),
                detail=repr(exc),
            ) from None

    def read(self, image: np.ndarray) -> list[TextBox]:
        """The text lines of ``image``, top to bottom; raises :class:`OcrUnavailable`."""
        if image.dtype != np.uint8 or image.ndim not in (2, 3):
            raise ValueError("OCR reads uint8 grey or RGB images")
        rows, columns = image.shape[:2]
        if image.ndim == 3:
            if image.shape[2] == 4:
                image = image[:, :, :3]
            bgr = np.ascontiguousarray(image[:, :, ::-1])  # RapidOCR takes OpenCV's BGR
        else:
            bgr = np.ascontiguousarray(np.repeat(image[:, :, None], 3, axis=2))
        if not bgr.any():
            return []  # an all-black frame has no text, and the detector need not say so
        read: list[TextBox] = []
        for top, band in _bands(bgr):
            if not band.any():
                continue  # black bands (blanked, or outside the sector) hold no text
            for box in self._read_band(band):
                x, y, w, h = box.rect
                rect = clip((x, y + top, w, h), rows, columns)
                if rect is not None:
                    read.append(TextBox(box.text, rect, box.score))
        # A line in the overlap of two bands is read twice, once perhaps cut: keep the longest.
        boxes: list[TextBox] = []
        for box in sorted(read, key=lambda b: -len(fold(b.text))):
            if not _seen(boxes, box):
                boxes.append(box)
        boxes.sort(key=lambda b: (b.rect[1], b.rect[0]))
        return boxes

    def _read_band(self, bgr: np.ndarray) -> list[TextBox]:
        rows, columns = bgr.shape[:2]
        try:
            with self._lock:
                result, _elapsed = self._backend(np.ascontiguousarray(bgr))
        except Exception as exc:
            raise OcrUnavailable(
                _(
                    "The OCR engine failed on an image; it cannot be checked, so the exam "
                    "is not sent."
                ),
                detail=repr(exc),
            ) from None
        boxes = []
        for points, text, score in result or []:
            pts = np.asarray(points, dtype=float)
            x0, y0 = np.floor(pts.min(axis=0)).astype(int)
            x1, y1 = np.ceil(pts.max(axis=0)).astype(int)
            rect = clip((int(x0), int(y0), int(x1 - x0) + 1, int(y1 - y0) + 1), rows, columns)
            if rect is not None and str(text).strip():
                boxes.append(TextBox(str(text).strip(), rect, float(score)))
        return boxes


def _bands(image: np.ndarray) -> list[tuple[int, np.ndarray]]:
    """``(top row, band)`` covering the image, each band overlapping the next."""
    rows, columns = image.shape[:2]
    height = max(MIN_BAND_ROWS, BAND_PIXELS // max(columns, 1))
    if rows <= height:
        return [(0, image)]
    step = height - BAND_OVERLAP
    tops = list(range(0, rows - height, step)) + [rows - height]
    return [(top, image[top : top + height]) for top in tops]


def _seen(kept: list[TextBox], box: TextBox) -> bool:
    """Whether ``box`` is a line already kept, or a cut piece of one, read in another band."""
    x, y, w, h = box.rect
    text = fold(box.text)
    for other in kept:
        ox, oy, ow, oh = other.rect
        dx = min(x + w, ox + ow) - max(x, ox)
        dy = min(y + h, oy + oh) - max(y, oy)
        if dx > 0 and dy > 0 and dx * dy >= 0.5 * min(w * h, ow * oh) and text in fold(other.text):
            return True
    return False


_default: OcrEngine | None = None
_default_lock = threading.Lock()


def default_engine() -> OcrEngine:
    """The process-wide engine, loaded on first use (about a second); raises OcrUnavailable."""
    global _default
    with _default_lock:
        if _default is None:
            _default = OcrEngine.load()
        return _default
