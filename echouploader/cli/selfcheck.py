"""``echouploader self-check``: does this installation work? For IT after a deployment, for
support on the phone, and for the packaging tests of a frozen build.

Prints what support asks for (version, keyring backend, ...) and every problem found; exits 0 when
there is none, 1 otherwise.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from echouploader.core.diagnostics import selfcheck
from echouploader.core.errors import ExitCode

# The Qt platform plugins a desktop build must carry, by platform.
_QT_PLATFORM_PLUGINS = {
    "linux": ("libqxcb.so", "libqoffscreen.so"),
    "win32": ("qwindows.dll",),
    "darwin": ("libqcocoa.dylib",),
}


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "self-check",
        help="check that this installation works (keyring, libraries, resources) and exit",
        description="Check that this installation works: the keyring backend loads, the "
        "libraries and resource files are present, the Qt platform plugins are there.",
    )
    parser.set_defaults(func=run)


def qt_problems() -> list[str]:
    """The GUI's libraries and platform plugins load (without opening a window)."""
    try:
        from PySide6 import QtWidgets  # noqa: F401
        from PySide6.QtCore import QLibraryInfo
    except Exception as exc:  # noqa: BLE001 - missing Qt or its system libraries
        return [f"The desktop window's libraries cannot be loaded: {type(exc).__name__}: {exc}."]
    key = "linux" if sys.platform.startswith("linux") else sys.platform
    plugins = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)) / "platforms"
    missing = [p for p in _QT_PLATFORM_PLUGINS.get(key, ()) if not (plugins / p).is_file()]
    if missing:
        return [f"Qt platform plugins are missing from {plugins}: {', '.join(missing)}."]
    return []


def run(args: argparse.Namespace) -> int:
    for key, value in selfcheck.describe().items():
        print(f"{key}: {value}")
    problems = selfcheck.run_self_check() + qt_problems()
    for problem in problems:
        print(f"problem: {problem}")
    if problems:
        return int(ExitCode.FAILURE)
    print("self-check: ok")
    return int(ExitCode.OK)
