"""A plain ``pip install .`` (a wheel, not editable) carries the compiled translations."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]


def test_the_wheel_has_the_swedish_and_german_catalogues_of_the_window_and_of_core(
    tmp_path: Path,
) -> None:
    subprocess.run(
        [
            sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "-q",
            "-w", str(tmp_path),
        ],
        check=True,
        capture_output=True,
        text=True,
        timeout=600,
    )  # fmt: skip
    wheel = next(tmp_path.glob("echouploader-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for lang in ("sv", "de"):
        assert f"echouploader/ui/translations/echouploader_{lang}.qm" in names
        assert f"echouploader/core/locale/{lang}/LC_MESSAGES/echouploader.mo" in names
