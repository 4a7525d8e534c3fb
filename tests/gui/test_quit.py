"""Quitting ends cleanly every time: idle, mid-upload, mid-check, with dialogs open.

A crash while Python finalises (Qt objects outliving the interpreter) cannot show inside the
test process, so each quit is a real program: ``main(["--demo"])`` driven by
:mod:`tests.gui.quit_driver` in its own process, 20 times in a row per state.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = [pytest.mark.gui, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
RUNS = 20


def quit_once(state: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, "-X", "faulthandler", "-m", "tests.gui.quit_driver", state],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize("state", ["idle", "upload", "check", "dialogs"])
def test_quit_twenty_times_in_a_row(state: str) -> None:
    for run in range(1, RUNS + 1):
        out = quit_once(state)
        where = f"quit {run} of {RUNS} in state {state}"
        assert out.returncode == 0, f"{where}: exit {out.returncode}\n{out.stderr[-3000:]}"
        assert f"quitting in state {state}" in out.stderr, f"{where}: state never reached"
        for sign in ("Fatal Python error", "Traceback", "QThread: Destroyed", "Segmentation"):
            assert sign not in out.stderr, f"{where}: {sign}\n{out.stderr[-3000:]}"
        if state == "upload":
            assert "(uploading: True)" in out.stderr, f"{where}: the upload had already ended"
