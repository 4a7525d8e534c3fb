"""The README's screenshots, taken in a realistic home folder, never a test's temporary one.

The scene (:mod:`tests.gui.screenshot_scene`) runs in its own mount namespace with a tmpfs on
``/home``, so the window shows ``/home/sonographer/Exports`` as a sonographer's machine would,
and nothing is written to the real ``/home``. ``ECHOUPLOADER_SCREENSHOT_DIR=docs/screenshots``
replaces the pictures in the repository; otherwise they go to a temporary folder.
"""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import require

pytestmark = [pytest.mark.gui, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
HOME = "/home/sonographer"
PICTURES = ("main-window.png", "exam-dialog.png", "certificate-dialog.png",
            "changed-certificate-dialog.png")  # fmt: skip
# A fresh /home in this process's own mount namespace, with one sonographer's home in it.
SETUP = (
    "mount -t tmpfs -o mode=755 tmpfs /home && mkdir -p {home}/Desktop {home}/Documents "
    '{home}/Downloads && exec "$@"'
)


def _can_unshare() -> bool:
    unshare = shutil.which("unshare")
    if unshare is None or os.geteuid() != 0:
        return False
    probe = subprocess.run(
        [unshare, "-m", "--propagation", "private", "true"], capture_output=True, timeout=30
    )
    return probe.returncode == 0


def _size(png: Path) -> tuple[int, int]:
    width, height = struct.unpack(">II", png.read_bytes()[16:24])
    return width, height


def test_screenshots_come_from_a_realistic_home(tmp_path: Path) -> None:
    require(_can_unshare(), "a private mount namespace (unshare -m, as root) for a clean /home")
    existed = Path(HOME).exists()
    out = Path(os.environ.get("ECHOUPLOADER_SCREENSHOT_DIR") or tmp_path / "shots").resolve()
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "ECHOUPLOADER_SCREENSHOT_DIR": str(out),
        "ECHOUPLOADER_SCREENSHOT_HOME": HOME,
    }
    scene = [sys.executable, "-m", "pytest", "tests/gui/screenshot_scene.py", "-q",
             "-p", "no:cacheprovider"]  # fmt: skip
    done = subprocess.run(
        ["unshare", "-m", "--propagation", "private", "sh", "-c", SETUP.format(home=HOME),
         "sh", *scene],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=900,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    assert "1 passed" in done.stdout
    for name in PICTURES:
        width, height = _size(out / name)
        assert width >= 400 and height >= 200, name
    assert Path(HOME).exists() == existed  # the real /home was left as it was
