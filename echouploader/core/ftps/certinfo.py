"""What a person (or IT) needs to know about a server certificate, parsed with ``cryptography``."""

from __future__ import annotations

import datetime as dt
import hashlib
import ipaddress
import re
from dataclasses import asdict, dataclass

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import dsa, ec, ed448, ed25519, rsa
from cryptography.x509.oid import NameOID

from echouploader.core.errors import UsageError
from echouploader.core.i18n import _

_WEAK_SIGNATURES = ("md5", "sha1")


def format_fingerprint(digest: bytes) -> str:
    """``AB:CD:…`` — the form FileZilla and OpenSSL show."""
    return ":".join(f"{b:02X}" for b in digest)


def sha256_fingerprint(der: bytes) -> str:
    return format_fingerprint(hashlib.sha256(der).digest())


def normalize_fingerprint(text: str) -> str:
    """Accept ``SHA256:ab:cd…``, ``abcd…`` or ``AB:CD…`` (any case) and return ``AB:CD:…``."""
    raw = text.strip()
    if raw.upper().startswith("SHA256:") or raw.upper().startswith("SHA-256:"):
        raw = raw.split(":", 1)[1]
    hexdigits = re.sub(r"[\s:]", "", raw)
    if not re.fullmatch(r"[0-9A-Fa-f]{64}", hexdigits):
        raise UsageError(
            _(
                "'{text}' is not a SHA-256 fingerprint; expected 64 hexadecimal digits "
                "(colons optional)."
            ).format(text=text.strip())
        )
    return format_fingerprint(bytes.fromhex(hexdigits))


@dataclass(frozen=True)
class CertificateInfo:
    """The certificate a server presented, and the TLS session it was presented in."""

    host: str
    port: int
    sha256: str
    sha1: str
    subject: str
    issuer: str
    self_signed: bool
    not_before: str  # ISO 8601, UTC
    not_after: str
    expired: bool
    not_yet_valid: bool
    serial: str
    key_type: str
    key_bits: int
    signature_algorithm: str
    weak_signature: bool
    hostname_matches: bool
    tls_version: str
    cipher: str

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


def _name(name: x509.Name) -> str:
    return name.rfc4514_string() or "(empty)"


def _key(cert: x509.Certificate) -> tuple[str, int]:
    key = cert.public_key()
    if isinstance(key, rsa.RSAPublicKey):
        return "RSA", key.key_size
    if isinstance(key, ec.EllipticCurvePublicKey):
        return f"ECDSA ({key.curve.name})", key.key_size
    if isinstance(key, ed25519.Ed25519PublicKey):
        return "Ed25519", 256
    if isinstance(key, ed448.Ed448PublicKey):
        return "Ed448", 456
    if isinstance(key, dsa.DSAPublicKey):
        return "DSA", key.key_size
    return type(key).__name__, 0


def _hostname_matches(cert: x509.Certificate, host: str) -> bool:
    names: list[str] = []
    ips: list[ipaddress.IPv4Address | ipaddress.IPv6Address] = []
    try:
        san = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
        names = san.get_values_for_type(x509.DNSName)
        ips = [
            a
            for a in san.get_values_for_type(x509.IPAddress)
            if isinstance(a, (ipaddress.IPv4Address, ipaddress.IPv6Address))
        ]
    except x509.ExtensionNotFound:
        names = [str(a.value) for a in cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)]
    try:
        ip = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        ip = None
    if ip is not None:
        return ip in ips or str(ip) in names
    host = host.lower().rstrip(".")
    for pattern in names:
        pattern = pattern.lower().rstrip(".")
        if pattern == host:
            return True
        if pattern.startswith("*.") and "." in host and host.split(".", 1)[1] == pattern[2:]:
            return True
    return False


def describe(
    der: bytes, host: str, port: int, tls_version: str = "", cipher: str = ""
) -> CertificateInfo:
    cert = x509.load_der_x509_certificate(der)
    now = dt.datetime.now(dt.UTC)
    not_before = cert.not_valid_before_utc
    not_after = cert.not_valid_after_utc
    key_type, key_bits = _key(cert)
    sig_hash = cert.signature_hash_algorithm
    sig_name = cert.signature_algorithm_oid._name  # e.g. "sha256WithRSAEncryption"
    return CertificateInfo(
        host=host,
        port=port,
        sha256=sha256_fingerprint(der),
        sha1=format_fingerprint(hashlib.sha1(der).digest()),  # noqa: S324 - display only
        subject=_name(cert.subject),
        issuer=_name(cert.issuer),
        self_signed=cert.issuer == cert.subject,
        not_before=not_before.isoformat(),
        not_after=not_after.isoformat(),
        expired=now > not_after,
        not_yet_valid=now < not_before,
        serial=format(cert.serial_number, "X"),
        key_type=key_type,
        key_bits=key_bits,
        signature_algorithm=sig_name,
        weak_signature=bool(sig_hash is not None and sig_hash.name in _WEAK_SIGNATURES),
        hostname_matches=_hostname_matches(cert, host),
        tls_version=tls_version,
        cipher=cipher,
    )
