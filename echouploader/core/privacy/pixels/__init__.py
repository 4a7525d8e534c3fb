"""Pixels: find burned-in patient text in ultrasound frames, blank it, and prove it is gone.

Owns the mask of one file (the machine's ultrasound regions, the rectangle table, OCR hits), the
writers that blank it in every colour model and encoding, OCR verification, and the decision to
clean, pass or block. Part of ``core.privacy``: it may import the shared basics, ``core.support``
and the rest of ``core.privacy``, never ``core.ftps``.
"""
