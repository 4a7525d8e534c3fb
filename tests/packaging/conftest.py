"""Fixtures for the packaging tests: one real Linux build per session, a throwaway GPG key and a
throwaway code-signing certificate. Nothing here touches the developer's keys or keyrings."""

from __future__ import annotations

import datetime as dt
import importlib.util
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import require

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
BUILD_SH = PACKAGING / "build.sh"
SIGN_SH = PACKAGING / "sign.sh"
APP = "EchoUploader"


def have(command: str) -> bool:
    return shutil.which(command) is not None


def run(cmd: list[str | Path], **kw) -> subprocess.CompletedProcess[str]:
    """Run a command, text in and out, never raising on a non-zero exit."""
    kw.setdefault("capture_output", True)
    kw.setdefault("text", True)
    kw.setdefault("timeout", 600)
    return subprocess.run([str(c) for c in cmd], check=False, **kw)


def clean_env(**extra: str) -> dict[str, str]:
    """The environment for build and signing scripts: no signing settings from the caller (the
    ECHOUPLOADER_*_DIR folders stay: they are each test's private ones)."""
    signing = (
        "ECHOUPLOADER_SIGN_",
        "ECHOUPLOADER_AZURE_",
        "ECHOUPLOADER_GPG_",
        "GNUPGHOME",
        "ECHOUPLOADER_TIMESTAMP_URL",
        "ECHOUPLOADER_BUILD_PYTHON",
        "SOURCE_DATE_EPOCH",
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(signing)}
    env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
    env["QT_QPA_PLATFORM"] = "offscreen"
    env.update(extra)
    return env


@dataclass
class GpgKey:
    home: Path
    fingerprint: str

    def env(self) -> dict[str, str]:
        return {"GNUPGHOME": str(self.home), "ECHOUPLOADER_GPG_KEY": self.fingerprint}


@pytest.fixture(scope="session")
def gpg_key(tmp_path_factory: pytest.TempPathFactory):
    require(have("gpg") and have("gpgconf"), "gpg (gnupg) is needed to sign SHA256SUMS")
    home = tmp_path_factory.mktemp("gnupg")
    home.chmod(0o700)
    env = {**os.environ, "GNUPGHOME": str(home)}
    uid = "EchoUploader Test Release <release-test@example.org>"
    gen = run(
        ["gpg", "--batch", "--passphrase", "", "--quick-gen-key", uid, "ed25519", "sign", "1d"],
        env=env,
    )
    assert gen.returncode == 0, gen.stderr
    listing = run(["gpg", "--batch", "--with-colons", "--list-secret-keys"], env=env).stdout
    fingerprint = next(
        line.split(":")[9] for line in listing.splitlines() if line.startswith("fpr")
    )
    yield GpgKey(home, fingerprint)
    run(["gpgconf", "--kill", "all"], env=env)  # the agent must not outlive the tests


@dataclass
class SigningCert:
    pfx: Path
    password: str
    cert_pem: Path

    def env(self) -> dict[str, str]:
        return {
            "ECHOUPLOADER_SIGN_PFX": str(self.pfx),
            "ECHOUPLOADER_SIGN_PASSWORD": self.password,
            "ECHOUPLOADER_TIMESTAMP_URL": "none",  # no time-stamp server is reachable in tests
        }


@pytest.fixture(scope="session")
def signing_cert(tmp_path_factory: pytest.TempPathFactory) -> SigningCert:
    """A self-signed code-signing certificate, made fresh for this test session."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.hazmat.primitives.serialization import pkcs12
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "EchoUploader Test Code Signing")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=2))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.CODE_SIGNING]), critical=False)
        .sign(key, hashes.SHA256())
    )
    d = tmp_path_factory.mktemp("codesign")
    password = "test-only-password"
    pfx = d / "test-codesign.pfx"
    pfx.write_bytes(
        pkcs12.serialize_key_and_certificates(
            b"test", key, cert, None, serialization.BestAvailableEncryption(password.encode())
        )
    )
    pem = d / "test-codesign.crt"
    pem.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return SigningCert(pfx, password, pem)


@dataclass
class LinuxBuild:
    dist: Path
    app_dir: Path
    exe: Path
    tarball: Path
    deb: Path
    log: str
    seconds: float


@pytest.fixture(scope="session")
def linux_build(tmp_path_factory: pytest.TempPathFactory, gpg_key: GpgKey) -> LinuxBuild:
    """`packaging/build.sh linux` run once, with this interpreter and a throwaway GPG key."""
    require(
        importlib.util.find_spec("PyInstaller") is not None,
        "PyInstaller is needed (pip install -e '.[test]')",
    )
    for tool in ("objdump", "strip", "dpkg-deb", "sha256sum"):
        require(have(tool), f"{tool} is needed to build the Linux packages")
    base = tmp_path_factory.mktemp("linux-build")
    env = clean_env(
        DIST_DIR=str(base / "dist"),
        BUILD_DIR=str(base / "build"),
        ECHOUPLOADER_BUILD_PYTHON=sys.executable,
        ECHOUPLOADER_NO_APT="1",
        **gpg_key.env(),
    )
    for kind in ("config", "data", "cache", "log", "site_config"):  # the build's self-test
        (base / "dirs" / kind).mkdir(parents=True)
        env[f"ECHOUPLOADER_{kind.upper()}_DIR"] = str(base / "dirs" / kind)
    start = time.monotonic()
    result = run(["bash", BUILD_SH, "linux"], env=env, cwd=ROOT, timeout=900)
    seconds = time.monotonic() - start
    log = result.stdout + result.stderr
    assert result.returncode == 0, log[-4000:]
    dist = base / "dist"
    (tarball,) = dist.glob("echouploader-*-linux-*.tar.gz")
    (deb,) = dist.glob("echouploader_*.deb")
    return LinuxBuild(dist, dist / APP, dist / APP / APP, tarball, deb, log, seconds)


def pip_windows_launcher() -> Path:
    """A real Windows PE executable available on any machine: pip's vendored script launcher."""
    spec = importlib.util.find_spec("pip")
    assert spec is not None and spec.origin is not None
    exe = Path(spec.origin).parent / "_vendor" / "distlib" / "w64.exe"
    require(exe.is_file(), "pip's w64.exe launcher (a test PE binary) is missing")
    return exe
