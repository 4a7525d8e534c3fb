"""A real Secret Service keyring for tests: gnome-keyring on a private D-Bus session bus.

``secret_service`` starts ``dbus-daemon`` with its own configuration (a socket in a temporary
folder, and no service activation, so nothing else can claim the secrets name), then
``gnome-keyring-daemon --foreground --unlock --components=secrets`` with a known password on
stdin, which creates and unlocks a fresh login keyring under a temporary HOME. It waits until a
``keyring`` round trip works, gives the environment a subprocess needs, and stops both daemons at
the end. ``.ci/run`` installs gnome-keyring and dbus, so in CI a missing one is a failure.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

BACKEND = "keyring.backends.SecretService.Keyring"
UNLOCK_PASSWORD = "gnome-keyring-test-unlock"

_BUS_CONFIG = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:path={socket}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""

_PROBE = (
    "import keyring\n"
    "keyring.set_password('EchoUploader-probe', 'probe', 'x')\n"
    "assert keyring.get_password('EchoUploader-probe', 'probe') == 'x'\n"
    "keyring.delete_password('EchoUploader-probe', 'probe')\n"
)


@dataclass
class SecretService:
    env: dict[str, str]  # what a process needs to use this keyring
    home: Path  # where gnome-keyring keeps its (encrypted) keyring files

    def lock(self) -> None:
        """Lock the default collection, as a screen lock or a password manager would."""
        code = (
            "import secretstorage\n"
            "collection = secretstorage.get_default_collection(secretstorage.dbus_init())\n"
            "collection.lock()\n"
            "assert collection.is_locked()\n"
        )
        subprocess.run(
            [sys.executable, "-c", code],
            env={**os.environ, **self.env},
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        )

    def lookup(self, service: str, account: str) -> str | None:
        """Read an item the way any other program on the desktop would."""
        code = (
            "import keyring, sys\n"
            f"v = keyring.get_password({service!r}, {account!r})\n"
            "sys.stdout.write('' if v is None else 'FOUND:' + v)\n"
        )
        out = subprocess.run(
            [sys.executable, "-c", code],
            env={**os.environ, **self.env},
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        ).stdout
        return out[len("FOUND:") :] if out.startswith("FOUND:") else None


def secret_service_available() -> tuple[bool, str]:
    for tool in ("dbus-daemon", "gnome-keyring-daemon"):
        if shutil.which(tool) is None:
            return False, f"{tool} is not installed (apt-get install dbus gnome-keyring)"
    return True, ""


def _stop(proc: subprocess.Popen[bytes] | subprocess.Popen[str]) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(10)


@pytest.fixture(scope="session")
def secret_service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SecretService]:
    """One unlocked keyring for the whole test session (use distinct accounts per test)."""
    with running_secret_service(tmp_path_factory.mktemp("secret-service")) as service:
        yield service


@pytest.fixture
def private_secret_service(tmp_path: Path) -> Iterator[SecretService]:
    """A keyring of this test's own, for tests that lock it or otherwise spoil it."""
    with running_secret_service(tmp_path / "secret-service") as service:
        yield service


@contextlib.contextmanager
def running_secret_service(base: Path) -> Iterator[SecretService]:
    from tests.conftest import require

    ok, why = secret_service_available()
    require(ok, why)
    base.mkdir(parents=True, exist_ok=True)
    home = base / "home"
    runtime = base / "run"
    home.mkdir()
    runtime.mkdir(mode=0o700)
    config = base / "bus.conf"
    config.write_text(_BUS_CONFIG.format(socket=runtime / "bus"))
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "XDG_RUNTIME_DIR": str(runtime),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "LANG": "C.UTF-8",
    }
    bus = subprocess.Popen(
        ["dbus-daemon", f"--config-file={config}", "--nofork", "--nopidfile", "--print-address=1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=env,
        text=True,
    )
    daemon: subprocess.Popen[bytes] | None = None
    log_path = base / "gnome-keyring.log"
    try:
        assert bus.stdout is not None
        address = bus.stdout.readline().strip()
        require(bool(address), "dbus-daemon did not start a session bus")
        env["DBUS_SESSION_BUS_ADDRESS"] = address
        with log_path.open("wb") as log_file:
            daemon = subprocess.Popen(
                ["gnome-keyring-daemon", "--foreground", "--unlock", "--components=secrets"],
                stdin=subprocess.PIPE,
                stdout=subprocess.DEVNULL,
                stderr=log_file,
                env=env,
            )
        assert daemon.stdin is not None
        daemon.stdin.write(UNLOCK_PASSWORD.encode())
        daemon.stdin.close()

        client_env = {"DBUS_SESSION_BUS_ADDRESS": address, "PYTHON_KEYRING_BACKEND": BACKEND}
        deadline = time.monotonic() + 30
        last = ""
        while True:
            probe = subprocess.run(
                [sys.executable, "-c", _PROBE],
                env={**os.environ, **client_env},
                capture_output=True,
                text=True,
                timeout=60,
            )
            if probe.returncode == 0:
                break
            last = probe.stderr.strip().splitlines()[-1:] and probe.stderr.strip().splitlines()[-1]
            if daemon.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(
                    f"gnome-keyring did not come up: {last}; log: "
                    f"{log_path.read_text(errors='replace')[-500:]}"
                )
            time.sleep(0.2)
        yield SecretService(client_env, home)
    finally:
        if daemon is not None:
            _stop(daemon)
        _stop(bus)
