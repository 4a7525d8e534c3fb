"""Read text lines and their boxes from an image with RapidOCR (ONNX models in the wheel).

The models ship inside the ``rapidocr-onnxruntime`` package: nothing is downloaded at run time.
The engine is loaded once per process, on first use, and shared by every caller.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any

import numpy as np

from echouploader.core.errors import EchoUploaderError


@dataclass(frozen=True)
class TextBox:
    """One line of text found in an image: what it says and where (x, y, w, h in pixels)."""

    text: str
    rect: tuple[int, int, int, int]
    score: float


class OcrUnavailable(EchoUploaderError):
    """The OCR engine cannot be loaded (the package or its models are missing)."""


class OcrEngine:
    """RapidOCR with detection and recognition (text is upright: no angle classifier)."""

    def __init__(self) -> None:
        try:
            from rapidocr_onnxruntime import RapidOCR
        except ImportError as exc:
            raise OcrUnavailable(
                "The text recognition engine (rapidocr-onnxruntime) is not installed.",
                detail=str(exc),
            ) from None
        try:
            self._ocr: Any = RapidOCR()
        except Exception as exc:  # noqa: BLE001 - a broken install: models or runtime missing
            raise OcrUnavailable(
                "The text recognition engine could not be loaded.", detail=repr(exc)
            ) from None
        self._lock = threading.Lock()

    def read(self, image: np.ndarray) -> list[TextBox]:
        """Text lines in an RGB or grey ``uint8`` image."""
        if image.ndim == 2:
            image = np.stack([image] * 3, axis=-1)
        # RapidOCR expects OpenCV's channel order.
        bgr = np.ascontiguousarray(image[..., :3][..., ::-1])
        with self._lock:
            result, _elapsed = self._ocr(bgr, use_cls=False)
        boxes = []
        for points, text, score in result or []:
            xs = [p[0] for p in points]
            ys = [p[1] for p in points]
            x0, y0 = int(min(xs)), int(min(ys))
            x1, y1 = int(max(xs) + 0.999), int(max(ys) + 0.999)
            boxes.append(TextBox(str(text), (x0, y0, x1 - x0, y1 - y0), float(score)))
        return boxes


_engine: OcrEngine | None = None
_engine_lock = threading.Lock()


def default_engine() -> OcrEngine:
    """The process's engine, loaded on first use; raises ``OcrUnavailable``."""
    global _engine
    with _engine_lock:
        if _engine is None:
            _engine = OcrEngine()
        return _engine


def ocr_models_present() -> bool:
    """Whether the ONNX models and the configuration ship with the installed package."""
    import importlib.util
    from pathlib import Path

    spec = importlib.util.find_spec("rapidocr_onnxruntime")
    if spec is None or not spec.submodule_search_locations:
        return False
    package = Path(next(iter(spec.submodule_search_locations)))
    models = list((package / "models").glob("*.onnx"))
    return (package / "config.yaml").is_file() and len(models) >= 2
