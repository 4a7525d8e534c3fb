"""Where the program's resources (icons, translations, style sheets) are, from source or frozen.

From a source checkout they are in ``resources/`` beside the package; in a PyInstaller build the
spec copies that folder to ``resources/`` inside the bundle (``sys._MEIPASS``).
"""

from __future__ import annotations

import sys
from pathlib import Path

# Files every build must carry; the self-check and the packaging tests look for these.
REQUIRED_RESOURCES = ("icons/echouploader.svg", "icons/echouploader.png")


def is_frozen() -> bool:
    """True inside a PyInstaller build."""
    return bool(getattr(sys, "frozen", False))


def resources_dir() -> Path:
    bundle = getattr(sys, "_MEIPASS", None)
    if is_frozen() and bundle:
        return Path(bundle) / "resources"
    inside_package = Path(__file__).resolve().parents[1] / "resources"  # if ever moved into it
    if inside_package.is_dir():
        return inside_package
    return Path(__file__).resolve().parents[2] / "resources"


def resource_path(name: str) -> Path:
    """The path of one resource, e.g. ``resource_path("icons/echouploader.png")``."""
    return resources_dir() / name
