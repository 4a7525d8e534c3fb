"""Test-wide fixtures: every test gets its own config/data/cache/log dirs and never touches the
developer's real settings, keyring or home folder."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

pytest_plugins = ["tests.servers", "tests.secret_service"]

# ../shared next to the repository; a worktree elsewhere names it in ECHOUPLOADER_TEST_SHARED.
SHARED = Path(
    os.environ.get("ECHOUPLOADER_TEST_SHARED")
    or Path(__file__).resolve().parents[1].parent / "shared"
)
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
    # Tests read English sentences whatever the developer's locale; language tests set their own.
    monkeypatch.setenv("ECHOUPLOADER_LANG", "en")
    return dirs


@pytest.fixture(autouse=True)
def core_speaks_english():
    """Core's language is process-wide: a test that switches it does not leak into the next."""
    from echouploader.core import i18n

    i18n.set_language("en")
    yield
    i18n.set_language("en")


@pytest.fixture(autouse=True)
def fresh_credentials():
    """Each test chooses its keyring anew (the process-wide storage remembers its backend)."""
    from echouploader.core.sites import credentials

    credentials.reset_default_storage()
    yield
    credentials.reset_default_storage()


@pytest.fixture
def memory_keyring(monkeypatch: pytest.MonkeyPatch):
    """An in-process keyring backend (the OS keyring is a boundary); its items are inspectable."""
    from tests import memory_keyring

    memory_keyring.Keyring.items = {}
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "tests.memory_keyring.Keyring")
    return memory_keyring.Keyring


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
    from echouploader.core.support import logs

    yield
    logs.shutdown()
    logs.clear_redactions()


# --- a line in the summary that says how many tests ran against real system services ----------

_SERVICE_FIXTURES = {
    "vsftpd": ("vsftpd_implicit", "vsftpd_explicit", "vsftpd_clean"),
    "pure-ftpd": ("pureftpd_explicit",),
    "ProFTPD": ("proftpd_implicit", "proftpd_explicit", "proftpd_clean"),
    "Secret Service keyring": ("secret_service", "private_secret_service"),
}
_service_items: dict[str, set[str]] = {k: set() for k in _SERVICE_FIXTURES}
_service_outcomes: dict[str, dict[str, int]] = {k: {} for k in _SERVICE_FIXTURES}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        names = set(getattr(item, "fixturenames", ()))
        for service, fixtures in _SERVICE_FIXTURES.items():
            if names.intersection(fixtures):
                _service_items[service].add(item.nodeid)


def pytest_deselected(items: list[pytest.Item]) -> None:
    for item in items:
        for ids in _service_items.values():
            ids.discard(item.nodeid)


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    for service, ids in _service_items.items():
        if report.nodeid not in ids:
            continue
        if report.when == "call" or (report.when == "setup" and report.outcome != "passed"):
            counts = _service_outcomes[service]
            counts[report.outcome] = counts.get(report.outcome, 0) + 1


def pytest_terminal_summary(terminalreporter) -> None:  # type: ignore[no-untyped-def]
    for service, counts in _service_outcomes.items():
        if _service_items[service]:
            shown = ", ".join(f"{n} {k}" for k, n in sorted(counts.items())) or "none run"
            terminalreporter.write_line(f"tests against {service}: {shown}")
