"""Pinned server certificates: trust on first use, and a loud refusal when one changes.

Core labs use self-signed certificates, so public CAs prove nothing. Like OpenSSH's known_hosts, the
first certificate a person accepts for ``host:port`` is remembered by its SHA-256 fingerprint; a
later, different certificate is refused before any password is sent, until someone replaces it on
purpose. A fingerprint pinned by IT in a machine-wide site definition is authoritative.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import logging
import os
import tempfile
import threading
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from echouploader.core import paths
from echouploader.core.errors import CertificateChanged, CertificateNotTrusted, ConfigError
from echouploader.core.ftps.certinfo import CertificateInfo, normalize_fingerprint
from echouploader.core.i18n import _

log = logging.getLogger("echouploader.trust")

FILE_NAME = "trusted_certificates.json"


class Decision(enum.Enum):
    REJECT = "reject"
    ONCE = "once"  # this run of the program only
    ALWAYS = "always"  # remembered in the trust store


UnknownCertificateCallback = Callable[[CertificateInfo], Decision]


@dataclass
class TrustedCertificate:
    host: str
    port: int
    sha256: str
    sha1: str
    subject: str
    issuer: str
    not_before: str
    not_after: str
    first_seen: str
    last_seen: str

    @classmethod
    def from_info(cls, info: CertificateInfo, when: str) -> TrustedCertificate:
        return cls(
            host=info.host,
            port=info.port,
            sha256=info.sha256,
            sha1=info.sha1,
            subject=info.subject,
            issuer=info.issuer,
            not_before=info.not_before,
            not_after=info.not_after,
            first_seen=when,
            last_seen=when,
        )


def _now() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


def _key(host: str, port: int) -> str:
    return f"{host.lower()}:{port}"


def target_hint(host: str, port: int) -> str:
    scheme = "ftps" if port == 990 else "ftpes"
    shown = f"[{host}]" if ":" in host else host
    return f"{scheme}://USER@{shown}:{port}/"


class TrustStore:
    """The per-user trust store file (``trusted_certificates.json`` in the config dir).

    Thread-safe within a process; writes are atomic (temporary file + rename).
    """

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or paths.config_dir() / FILE_NAME
        self._lock = threading.RLock()
        self._accepted_once: set[tuple[str, str]] = set()

    # --- file ---------------------------------------------------------------------------------

    def _load(self) -> dict[str, TrustedCertificate]:
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as exc:
            raise ConfigError(
                _(
                    "The certificate trust store {path} cannot be read; move it aside and "
                    "trust the server again."
                ).format(path=self.path),
                detail=repr(exc),
            ) from exc
        servers = raw.get("servers", {}) if isinstance(raw, dict) else {}
        out: dict[str, TrustedCertificate] = {}
        for key, rec in servers.items():
            try:
                out[key] = TrustedCertificate(**rec)
            except TypeError:
                log.warning("ignoring a malformed trust store entry for %s", key)
        return out

    def _save(self, entries: dict[str, TrustedCertificate]) -> None:
        data: dict[str, Any] = {
            "version": 1,
            "servers": {k: asdict(v) for k, v in sorted(entries.items())},
        }
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".trust-", dir=self.path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(data, fh, indent=2)
                fh.write("\n")
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    # --- queries ------------------------------------------------------------------------------

    def get(self, host: str, port: int) -> TrustedCertificate | None:
        with self._lock:
            return self._load().get(_key(host, port))

    def entries(self) -> list[TrustedCertificate]:
        with self._lock:
            return list(self._load().values())

    # --- changes ------------------------------------------------------------------------------

    def trust(self, info: CertificateInfo) -> TrustedCertificate:
        """Remember ``info`` as the certificate of its host and port (replacing any other)."""
        with self._lock:
            entries = self._load()
            rec = TrustedCertificate.from_info(info, _now())
            entries[_key(info.host, info.port)] = rec
            self._save(entries)
        log.info(
            "trusted certificate %s for %s:%s",
            info.sha256,
            info.host,
            info.port,
            extra={"event": "trust", "fingerprint": info.sha256},
        )
        return rec

    def remove(self, host: str, port: int) -> bool:
        with self._lock:
            entries = self._load()
            gone = entries.pop(_key(host, port), None)
            if gone is not None:
                self._save(entries)
            return gone is not None

    def _touch(self, key: str) -> None:
        entries = self._load()
        rec = entries.get(key)
        if rec is None:
            return
        now = _now()
        if rec.last_seen[:16] != now[:16]:  # at most one write a minute
            rec.last_seen = now
            self._save(entries)

    # --- the check made on every connection ------------------------------------------------

    def verify(
        self,
        info: CertificateInfo,
        *,
        pinned: Iterable[str] = (),
        on_unknown: UnknownCertificateCallback | None = None,
        replace: bool = False,
        site: str | None = None,
    ) -> None:
        """Return when ``info`` may be used; raise a ``CertificateError`` otherwise.

        ``pinned``: fingerprints from a machine-wide (IT) site: the only acceptable ones.
        ``on_unknown``: asked for a certificate never seen for this host and port (or, with
        ``replace=True``, for one that changed). Without it, unknown certificates are refused.
        """
        fp = info.sha256
        where = f"{info.host}:{info.port}"
        pins = {normalize_fingerprint(p) for p in pinned}
        with self._lock:
            if pins:
                if fp in pins:
                    entries = self._load()
                    key = _key(info.host, info.port)
                    if key not in entries or entries[key].sha256 != fp:
                        entries[key] = TrustedCertificate.from_info(info, _now())
                        self._save(entries)
                    return
                who = f"site {site}" if site else where
                raise CertificateChanged(
                    _(
                        "The certificate of {where} does not match the fingerprint your IT "
                        "department pinned for {who}; this may be an interception, so no "
                        "password was sent. Contact the core lab or IT."
                    ).format(where=where, who=who),
                    fingerprint=fp,
                    previous_fingerprint=sorted(pins)[0],
                )
            key = _key(info.host, info.port)
            known = self._load().get(key)
            if known is not None and known.sha256 == fp:
                self._touch(key)
                return
            if (key, fp) in self._accepted_once:
                return
            if known is not None and not replace:
                raise CertificateChanged(
                    _(
                        "The server certificate of {where} has CHANGED since you first trusted "
                        "it on {first_seen} (was {sha256}…, now {fp}…); this may be an "
                        "interception, so no password was sent. If the core lab confirms the "
                        "new certificate, run: echouploader trust {target_hint} --replace"
                    ).format(
                        where=where,
                        first_seen=known.first_seen[:10],
                        sha256=known.sha256[:23],
                        fp=fp[:23],
                        target_hint=target_hint(info.host, info.port),
                    ),
                    fingerprint=fp,
                    previous_fingerprint=known.sha256,
                )
        decision = on_unknown(info) if on_unknown is not None else Decision.REJECT
        if decision is Decision.ALWAYS:
            self.trust(info)
            return
        if decision is Decision.ONCE:
            with self._lock:
                self._accepted_once.add((key, fp))
            return
        raise CertificateNotTrusted(
            _(
                "The certificate of {where} is not trusted yet (SHA-256 {fp}); compare "
                "it with the fingerprint the core lab sent you, then run: echouploader "
                "trust {target_hint} --fingerprint {fp}"
            ).format(where=where, fp=fp, target_hint=target_hint(info.host, info.port)),
            fingerprint=fp,
        )
