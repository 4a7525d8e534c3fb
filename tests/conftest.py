"""Test-wide fixtures: every test gets its own config/data/cache/log dirs and never touches the
developer's real settings, keyring or home folder."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

pytest_plugins = ["tests.servers"]

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
DICOM_SAMPLES = SHARED / "testdata" / "dicom-us"


def in_ci() -> bool:
    return bool(os.environ.get("CI"))


def require(condition: bool, reason: str) -> None:
    """Skip when this machine lacks something; in CI (which installs it) that is a failure."""
    if condition:
        return
    if in_ci():
        pytest.fail(f"CI must provide this: {reason}")
    pytest.skip(reason)


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    dirs = {}
    for kind in ("config", "data", "cache", "log", "site_config"):
        d = tmp_path / f"eu-{kind}"
        d.mkdir()
        monkeypatch.setenv(f"ECHOUPLOADER_{kind.upper()}_DIR", str(d))
        dirs[kind] = d
    # Never the developer's keyring: tests that want a keyring choose one explicitly.
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    monkeypatch.delenv("ECHOUPLOADER_PASSWORD", raising=False)
    return dirs


@pytest.fixture(autouse=True)
def no_leftover_threads():
    """A test must not leave a thread of ours running (workers are joined; servers stopped)."""
    before = set(threading.enumerate())
    yield
    leftover = [
        t
        for t in threading.enumerate()
        if t not in before and t.is_alive() and t.name.startswith("echouploader")
    ]
    for t in leftover:
        t.join(timeout=5)
    still = [t.name for t in leftover if t.is_alive()]
    assert not still, f"threads left running: {still}"


@pytest.fixture(autouse=True)
def fresh_logging():
    """Each test starts without log handlers or patient redactions left by another test."""
    from echouploader.core import logs

    yield
    logs.shutdown()
    logs.clear_redactions()
