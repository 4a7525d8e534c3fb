"""The PySide6 desktop client: a thin layer over :mod:`echouploader.core`."""
