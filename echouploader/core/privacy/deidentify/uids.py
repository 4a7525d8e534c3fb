"""Deterministic UID replacement: the same original UID always gets the same new UID at a site.

New UIDs are ``2.25.<integer>`` (PS3.5 B.2) where the integer is an HMAC-SHA256 of the original
UID under a secret kept only at the site, so re-uploads and later echoes of the same patient stay
consistent while nobody without the secret can link a new UID back to the original.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from pathlib import Path

from echouploader.core import paths

SECRET_FILE = "uid-secret"


def privacy_dir() -> Path:
    """Owner-only folder in the data dir for the UID secret and the key code."""
    folder = paths.data_dir() / "privacy"
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    os.chmod(folder, 0o700)
    return folder


def write_private_file(path: Path, data: bytes) -> None:
    """Create or replace ``path`` readable by the owner only (0600), atomically."""
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)
    os.chmod(tmp, 0o600)
    os.replace(tmp, path)


def site_secret() -> bytes:
    """The site-local secret, created on first use (32 random bytes, owner-only file)."""
    path = privacy_dir() / SECRET_FILE
    try:
        data = path.read_bytes()
        if len(data) >= 32:
            return data
    except FileNotFoundError:
        pass
    data = secrets.token_bytes(32)
    write_private_file(path, data)
    return data


class UidMapper:
    """Maps original UIDs to new ``2.25.`` UIDs, remembering what it mapped in this run."""

    def __init__(self, secret: bytes) -> None:
        if len(secret) < 16:
            raise ValueError("the UID secret is too short")
        self._secret = secret
        self.mapped: dict[str, str] = {}

    def __call__(self, uid: str) -> str:
        original = uid.strip().rstrip("\0").strip()
        if not original:
            return original
        known = self.mapped.get(original)
        if known is not None:
            return known
        digest = hmac.new(self._secret, original.encode("ascii", "replace"), hashlib.sha256)
        # 128 bits as in ISO/IEC 9834-8 UUID-derived UIDs; at most 39 digits, within 64 chars.
        new = "2.25." + str(int.from_bytes(digest.digest()[:16], "big"))
        self.mapped[original] = new
        return new

    def day_offset(self, key: str, span_days: int = 3650) -> int:
        """A stable per-key shift in days (for the modified-dates option), never zero."""
        digest = hmac.new(self._secret, b"date-offset:" + key.encode("utf-8"), hashlib.sha256)
        return -(int.from_bytes(digest.digest()[:4], "big") % span_days) - 1
