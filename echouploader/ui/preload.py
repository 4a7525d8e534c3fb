"""Import the privacy gate's heavy libraries before the window shows, not while it runs.

Python runs one thread at a time under the GIL, and importing a compiled library keeps it for
the whole of the library's set-up: OpenCV (which the OCR imports) about a second, onnxruntime and
pydicom a tenth each, measured on the 2-core bench machine. Imported by the first exam check in a
worker thread, they froze the window that long (P5 in ``bench/``); imported here, before the
event loop runs, they make the window appear that much later and never stall it afterwards.
"""

from __future__ import annotations

import logging
import time

log = logging.getLogger("echouploader.ui")

_done = False


def gate_libraries() -> None:
    """Import what checking and de-identifying an exam needs (once per process)."""
    global _done
    if _done:
        return
    _done = True
    start = time.perf_counter()
    import echouploader.core.privacy.check  # noqa: F401 - pydicom, numpy, the pixel gate
    import echouploader.core.privacy.staging  # noqa: F401 - the de-identifier
    from echouploader.core.privacy.pixels import ocr

    try:
        ocr.import_backend()
    except ImportError as exc:  # a build without OCR: the gate says so when it needs it
        log.info("OCR libraries not imported: %s", exc, extra={"event": "preload"})
    log.debug(
        "gate libraries imported in %.2f s",
        time.perf_counter() - start,
        extra={"event": "preload"},
    )
