"""A keyring backend for tests that live in one process: the OS keyring is a true boundary.

``PYTHON_KEYRING_BACKEND=tests.memory_keyring.Keyring`` selects it. ``Keyring.items`` is shared by
every instance so a test can look inside; ``LockedKeyring`` behaves like a locked GNOME Keyring
whose unlock prompt was dismissed, and ``BrokenDBusKeyring`` like a D-Bus call that failed.
"""

from __future__ import annotations

import threading
import time

from keyring.backend import KeyringBackend
from keyring.errors import KeyringLocked, PasswordDeleteError


class Keyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]
    items: dict[tuple[str, str], str] = {}
    calls_inside = 0
    max_concurrent = 0
    _guard = threading.Lock()

    def _enter(self) -> None:
        with self._guard:
            type(self).calls_inside += 1
            type(self).max_concurrent = max(type(self).max_concurrent, type(self).calls_inside)
        time.sleep(0.001)  # widen the window in which a second thread could come in

    def _leave(self) -> None:
        with self._guard:
            type(self).calls_inside -= 1

    def get_password(self, service: str, username: str) -> str | None:
        self._enter()
        try:
            return self.items.get((service, username))
        finally:
            self._leave()

    def set_password(self, service: str, username: str, password: str) -> None:
        self._enter()
        try:
            self.items[(service, username)] = password
        finally:
            self._leave()

    def delete_password(self, service: str, username: str) -> None:
        self._enter()
        try:
            if self.items.pop((service, username), None) is None:
                raise PasswordDeleteError("No such password!")
        finally:
            self._leave()


class LockedKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def get_password(self, service: str, username: str, *_: object) -> str | None:
        raise KeyringLocked("Failed to unlock the collection!")

    set_password = delete_password = get_password  # type: ignore[assignment]


class DBusErrorResponse(Exception):
    """Named like jeepney's error so the wrapper sees what a real D-Bus failure looks like."""


class BrokenDBusKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def get_password(self, service: str, username: str, *_: object) -> str | None:
        raise DBusErrorResponse("org.freedesktop.DBus.Error.ServiceUnknown")

    set_password = delete_password = get_password  # type: ignore[assignment]


class PlaintextKeyring(Keyring):
    """Stands for keyrings.alt's plain-file keyring, which must never be used."""
