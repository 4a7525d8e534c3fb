"""The shipped OCR engine on rendered frames: what it reads, where, and how it fails closed."""

from __future__ import annotations

import os
import subprocess
import sys
import threading

import numpy as np
import pytest

from echouploader.core.errors import ExitCode
from echouploader.core.privacy.pixels import ocr
from echouploader.core.privacy.pixels.matching import fold
from tests.core.privacy.pixels.ocr_frames import echo_frame


def _overlaps(rect: tuple[int, int, int, int], x: int, y: int, w: int, h: int) -> bool:
    rx, ry, rw, rh = rect
    return rx < x + w and x < rx + rw and ry < y + h and y < ry + rh


def test_reads_a_banner_and_an_annotation_where_they_are_drawn() -> None:
    frame = echo_frame(
        lines=((8, 6, "DOE^JANE  PID-12345"), (8, 28, "DOB 12.03.1984"), (300, 300, "LV apex"))
    )
    boxes = ocr.default_engine().read(frame)
    texts = {fold(b.text): b for b in boxes}
    assert any("D0E" in t and "JANE" in t for t in texts), [b.text for b in boxes]
    assert any("12031984" in t for t in texts)
    apex = [b for t, b in texts.items() if "APEX" in t.replace("0", "O")]
    assert apex and _overlaps(apex[0].rect, 300, 300, 80, 22)
    for box in boxes:
        x, y, w, h = box.rect
        assert x >= 0 and y >= 0 and x + w <= 640 and y + h <= 480
        assert 0.5 <= box.score <= 1.0


def test_reads_grey_frames_and_says_nothing_of_a_black_one() -> None:
    engine = ocr.default_engine()
    grey = echo_frame(rows=300, columns=400, lines=((10, 10, "SMITH JOHN"),), colour=False)
    assert grey.ndim == 2
    assert any("SM1TH" in fold(b.text) for b in engine.read(grey))
    assert engine.read(np.zeros((300, 400, 3), np.uint8)) == []


def test_the_engine_is_loaded_once_for_every_thread() -> None:
    seen: list[ocr.OcrEngine] = []
    threads = [
        threading.Thread(target=lambda: seen.append(ocr.default_engine()), name=f"t{i}")
        for i in range(4)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(seen) == 4 and all(e is seen[0] for e in seen)


def test_a_missing_engine_fails_closed(monkeypatch: pytest.MonkeyPatch) -> None:
    # The package is the boundary: a build without it must block, not pass frames unread.
    monkeypatch.setitem(sys.modules, "rapidocr_onnxruntime", None)
    with pytest.raises(ocr.OcrUnavailable) as raised:
        ocr.OcrEngine.load()
    assert raised.value.exit_code == ExitCode.PRIVACY_BLOCKED
    assert "not sent" in str(raised.value)


def test_a_failing_engine_fails_closed() -> None:
    def broken(_image: np.ndarray) -> None:
        raise RuntimeError("onnxruntime: bad allocation")

    engine = ocr.OcrEngine(broken)
    with pytest.raises(ocr.OcrUnavailable):
        engine.read(echo_frame(rows=64, columns=64, lines=((2, 2, "X"),)))


def test_loading_does_not_point_qt_at_opencvs_plugins() -> None:
    # opencv-python sets QT_QPA_PLATFORM_PLUGIN_PATH when imported; in a fresh interpreter
    # (where cv2 is not imported yet) the engine must leave the environment as it found it.
    code = (
        "import os; from echouploader.core.privacy.pixels import ocr; ocr.OcrEngine.load(); "
        "import cv2; print(os.environ.get('QT_QPA_PLATFORM_PLUGIN_PATH', 'unset'))"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("QT_QPA_PLATFORM_PLUGIN")}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "unset"


def test_a_wide_frame_is_read_in_bands_and_a_line_across_two_is_read_once() -> None:
    # 1920 columns: bands of 104 rows every 56; the line at rows 90-110 crosses the first edge.
    frame = echo_frame(rows=400, columns=1920, lines=((600, 90, "DOE^JANE  PID-12345"),))
    assert len(ocr._bands(frame)) > 1
    boxes = [b for b in ocr.default_engine().read(frame) if "12345" in b.text]
    assert len(boxes) == 1
    assert "D0E" in fold(boxes[0].text) and "P1D12345" in fold(boxes[0].text)
    x, y, w, h = boxes[0].rect
    assert 590 <= x <= 610 and 80 <= y <= 100
