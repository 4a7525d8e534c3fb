"""Where EchoUploader keeps its files: one place, over platformdirs.

Every directory can be moved with an environment variable, for tests, portable installs and IT:
``ECHOUPLOADER_CONFIG_DIR``, ``ECHOUPLOADER_DATA_DIR``, ``ECHOUPLOADER_CACHE_DIR``,
``ECHOUPLOADER_LOG_DIR`` and ``ECHOUPLOADER_SITE_CONFIG_DIR`` (the machine-wide, read-only one).
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "EchoUploader"
APP_AUTHOR = "EchoUploader"

_ENV = {
    "config": "ECHOUPLOADER_CONFIG_DIR",
    "data": "ECHOUPLOADER_DATA_DIR",
    "cache": "ECHOUPLOADER_CACHE_DIR",
    "log": "ECHOUPLOADER_LOG_DIR",
    "site_config": "ECHOUPLOADER_SITE_CONFIG_DIR",
}


def _dirs() -> platformdirs.PlatformDirs:
    return platformdirs.PlatformDirs(APP_NAME, APP_AUTHOR, roaming=False)


def _resolve(kind: str, default: str, *, create: bool) -> Path:
    override = os.environ.get(_ENV[kind])
    path = Path(override).expanduser() if override else Path(default)
    if create:
        # Owner-only: the key code, the queue and staged exams live under these folders.
        path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


def config_dir(create: bool = True) -> Path:
    """Per-user settings: sites (no passwords), the certificate trust store."""
    return _resolve("config", _dirs().user_config_dir, create=create)


def data_dir(create: bool = True) -> Path:
    """Per-user data: the transfer queue, the key code, UID secrets, the demo server's storage."""
    return _resolve("data", _dirs().user_data_dir, create=create)


def cache_dir(create: bool = True) -> Path:
    """Throw-away files: de-identified staging copies of exams, listing caches."""
    return _resolve("cache", _dirs().user_cache_dir, create=create)


def log_dir(create: bool = True) -> Path:
    """Structured transfer logs that support staff read."""
    return _resolve("log", _dirs().user_log_dir, create=create)


def site_config_dir() -> Path:
    """Machine-wide configuration written by IT (read-only for the program; never created)."""
    default = platformdirs.site_config_dir(APP_NAME, APP_AUTHOR, multipath=False)
    return _resolve("site_config", default, create=False)
