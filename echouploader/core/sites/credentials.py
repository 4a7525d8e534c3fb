"""Server passwords in the operating system's keyring, and nowhere else.

One small wrapper over ``keyring`` (after maestral's ``CredentialStorage``):

- Only real OS keyrings are used: Windows Credential Locker, macOS Keychain, Secret Service
  (GNOME Keyring, KeePassXC, …) and KWallet. Plain-file "keyrings" are never used.
- ``PYTHON_KEYRING_BACKEND`` (keyring's own setting) is respected, so tests and administrators can
  choose a backend; a plain-text one named there is still refused.
- A locked keyring, a missing backend or a D-Bus failure becomes one ``CredentialsError`` sentence.
- When no keyring can be used at all, passwords are kept in memory for this run only, and
  ``in_memory`` / ``notice`` say so, so the user can be told. Never a plaintext file.
- ``keyring`` is not thread-safe: every call goes through one lock.

Passwords are stored under the service ``EchoUploader`` with the account ``USER@HOST:PORT`` (host in
lower case). They belong to the server account, not to a site's name: renaming a site keeps its
password, and sites (or ``ftps://`` URLs) that use the same account share one password.
"""

from __future__ import annotations

import logging
import os
import threading
from typing import Any

from echouploader.core.errors import CredentialsError
from echouploader.core.ftps.target import Endpoint
from echouploader.core.i18n import _

log = logging.getLogger("echouploader.credentials")

SERVICE = "EchoUploader"
ENV_BACKEND = "PYTHON_KEYRING_BACKEND"

# The real OS keyrings, by keyring's class path, with a name people recognise.
ALLOWED_BACKENDS: dict[str, str] = {
    "keyring.backends.Windows.WinVaultKeyring": "Windows Credential Locker",
    "keyring.backends.macOS.Keyring": "macOS Keychain",
    "keyring.backends.SecretService.Keyring": "Secret Service",
    "keyring.backends.libsecret.Keyring": "Secret Service (libsecret)",
    "keyring.backends.kwallet.DBusKeyring": "KWallet",
    "keyring.backends.kwallet.DBusKeyringKWallet4": "KWallet 4",
}
# Backends that are not a keyring at all.
_NO_BACKEND = {"keyring.backends.fail.Keyring", "keyring.backends.null.Keyring"}

MEMORY_BACKEND = "memory (this session only)"

# keyring and its D-Bus backends are not thread-safe: one lock for the whole process.
_KEYRING_LOCK = threading.Lock()


def account_name(endpoint: Endpoint) -> str:
    """The keyring account for a server login: ``USER@HOST:PORT``."""
    host = endpoint.host.lower()
    if ":" in host:
        host = f"[{host}]"
    return f"{endpoint.user}@{host}:{endpoint.port}"


def _class_path(obj: Any) -> str:
    cls = obj if isinstance(obj, type) else type(obj)
    return f"{cls.__module__}.{cls.__qualname__}"


def _is_plaintext(path: str) -> bool:
    lowered = path.lower()
    return "plaintext" in lowered or lowered.startswith("keyrings.alt.file")


class CredentialStorage:
    """Get, set and delete server passwords in the chosen keyring (or, failing that, memory)."""

    def __init__(self, backend: Any | None = None) -> None:
        self._backend: Any | None = backend
        self._chosen = backend is not None
        self._memory: dict[str, str] = {}
        self._lock = _KEYRING_LOCK
        self.reason = ""  # why no OS keyring is used, when none is
        self.notice = ""  # what that means for the user

    # --- choosing the backend ---------------------------------------------------------------

    def _choose(self) -> Any | None:
        if self._chosen:
            return self._backend
        self._chosen = True
        backend, why = _select_backend()
        self._backend = backend
        if backend is None:
            self.reason = why
            self.notice = _(
                "{why} Passwords are kept in memory for this session only and must be entered "
                "again next time."
            ).format(why=why)
            log.info("no usable keyring: %s", why, extra={"event": "keyring"})
        else:
            log.info("using keyring %s", _class_path(backend), extra={"event": "keyring"})
        return backend

    @property
    def in_memory(self) -> bool:
        """True when no OS keyring is usable and passwords live only as long as this process."""
        with self._lock:
            return self._choose() is None

    def backend_name(self) -> str:
        """A readable name of the keyring in use (for support bundles and the settings page)."""
        with self._lock:
            backend = self._choose()
        if backend is None:
            return MEMORY_BACKEND
        path = _class_path(backend)
        return ALLOWED_BACKENDS.get(path, path)

    # --- passwords ------------------------------------------------------------------------------

    def get_password(self, endpoint: Endpoint) -> str | None:
        account = account_name(endpoint)
        with self._lock:
            backend = self._choose()
            if backend is None:
                return self._memory.get(account)
            try:
                value = backend.get_password(SERVICE, account)
            except Exception as exc:  # noqa: BLE001 - every backend failure is one sentence
                raise _translate(exc, _("read the password for {who}"), endpoint) from exc
        return value if isinstance(value, str) and value else None

    def set_password(self, endpoint: Endpoint, password: str) -> None:
        if not password:
            raise CredentialsError(_("An empty password cannot be stored."))
        account = account_name(endpoint)
        with self._lock:
            backend = self._choose()
            if backend is None:
                self._memory[account] = password
                return
            try:
                backend.set_password(SERVICE, account, password)
            except Exception as exc:  # noqa: BLE001
                raise _translate(exc, _("store the password for {who}"), endpoint) from exc
        log.info(
            "password stored for %s",
            endpoint.label(),
            extra={"event": "keyring", "site": endpoint.site},
        )

    def delete_password(self, endpoint: Endpoint) -> bool:
        """Remove the stored password; False when there was none."""
        account = account_name(endpoint)
        with self._lock:
            backend = self._choose()
            if backend is None:
                return self._memory.pop(account, None) is not None
            try:
                if backend.get_password(SERVICE, account) is None:
                    return False
                backend.delete_password(SERVICE, account)
            except Exception as exc:  # noqa: BLE001
                raise _translate(exc, _("remove the password for {who}"), endpoint) from exc
        return True


def _select_backend() -> tuple[Any | None, str]:
    """The keyring to use and, when there is none, one sentence saying why."""
    import keyring.core

    name = os.environ.get(ENV_BACKEND, "").strip()
    if name:
        if name in _NO_BACKEND:
            return None, _("The keyring is turned off ({variable}={name}).").format(
                variable=ENV_BACKEND, name=name
            )
        if _is_plaintext(name):
            return None, _(
                "{variable} names a keyring that keeps passwords in a plain file ({name}); "
                "it is not used."
            ).format(variable=ENV_BACKEND, name=name)
        try:
            return keyring.core.load_keyring(name), ""
        except Exception as exc:  # noqa: BLE001 - import error, not viable, D-Bus down
            log.warning("keyring %s unusable: %r", name, exc, extra={"event": "keyring"})
            return None, _("The keyring chosen by {variable} ({name}) cannot be used.").format(
                variable=ENV_BACKEND, name=name
            )
    viable: list[tuple[float, str]] = []
    for path in ALLOWED_BACKENDS:
        try:
            cls = keyring.core._load_keyring_class(path)
            priority = float(cls.priority)
        except Exception as exc:  # noqa: BLE001 - not on this platform or not running
            log.debug("keyring %s not usable: %r", path, exc)
            continue
        if priority > 0:
            viable.append((priority, path))
    if not viable:
        return None, _(
            "No keyring is available on this computer (Windows Credential Locker, macOS "
            "Keychain, GNOME Keyring/Secret Service or KWallet)."
        )
    _priority, best = max(viable)
    try:
        return keyring.core.load_keyring(best), ""
    except Exception as exc:  # noqa: BLE001
        log.warning("keyring %s unusable: %r", best, exc, extra={"event": "keyring"})
        return None, _("The {name} keyring cannot be used.").format(name=ALLOWED_BACKENDS[best])


def _translate(exc: BaseException, action: str, endpoint: Endpoint) -> CredentialsError:
    from keyring import errors as kerr

    action = action.format(who=endpoint.label())
    kind = type(exc).__name__
    if isinstance(exc, kerr.KeyringLocked) or "Locked" in kind or "Dismissed" in kind:
        msg = _(
            "The keyring is locked, so EchoUploader could not {action}; unlock it "
            "(log in to your desktop session or open your password manager) and try again."
        ).format(action=action)
    elif isinstance(exc, kerr.NoKeyringError | kerr.InitError):
        msg = _("No working keyring was found to {action}.").format(action=action)
    elif "DBus" in kind or "dbus" in repr(exc).lower():
        msg = _(
            "The keyring service did not answer (D-Bus error), so EchoUploader could not "
            "{action}; check that your desktop's password service is running."
        ).format(action=action)
    else:
        msg = _("The keyring failed to {action}.").format(action=action)
    return CredentialsError(msg, detail=f"{kind}: {exc}")


_default: CredentialStorage | None = None
_default_lock = threading.Lock()


def default_storage() -> CredentialStorage:
    """The process-wide storage (so an in-memory fallback lasts the whole session)."""
    global _default
    with _default_lock:
        if _default is None:
            _default = CredentialStorage()
        return _default


def reset_default_storage() -> None:
    """Forget the chosen backend (after the environment changed, e.g. in tests)."""
    global _default
    with _default_lock:
        _default = None


def support_summary() -> dict[str, Any]:
    """Which keyring is used and why not, if none is: never any password."""
    storage = default_storage()
    return {
        "backend": storage.backend_name(),
        "in_memory_only": storage.in_memory,
        "reason": storage.reason,
    }
