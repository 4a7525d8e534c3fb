"""End to end, as a site would do it: import a FileZilla file, log in, connect to vsftpd with the
password from the real Secret Service keyring (gnome-keyring on a private D-Bus), and then find the
password in none of the files the program wrote.

Each command runs as its own ``echouploader`` process, so nothing but the keyring carries the
password from one command to the next.
"""

from __future__ import annotations

import base64
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.test_sites_cli import filezilla_file
from tests.core.privacy.synthetic_exam import make_small_dicom
from tests.secret_service import SecretService
from tests.servers import ServerInfo

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [pytest.mark.keyring, pytest.mark.vsftpd]


class Cli:
    def __init__(self, keyring: SecretService, home: Path) -> None:
        self.env = {**os.environ, **keyring.env, "HOME": str(home)}
        self.env.pop("ECHOUPLOADER_PASSWORD", None)
        self.outputs: list[str] = []

    def __call__(self, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
        proc = subprocess.run(
            [sys.executable, "-m", "echouploader", *args],
            cwd=ROOT,
            env=self.env,
            input=stdin if stdin is not None else "",
            capture_output=True,
            text=True,
            timeout=120,
        )
        self.outputs += [proc.stdout, proc.stderr]
        return proc


def _forms(secret: str) -> dict[str, bytes]:
    raw = secret.encode()
    return {
        "plain": raw,
        "base64": base64.b64encode(raw),
        "base64-urlsafe": base64.urlsafe_b64encode(raw),
        "utf-16-le": secret.encode("utf-16-le"),
        "utf-16-be": secret.encode("utf-16-be"),
    }


def _files_containing(roots: list[Path], secret: str) -> list[str]:
    found = []
    forms = _forms(secret)
    for root in roots:
        for path in root.rglob("*"):
            if path.is_file() and not path.is_symlink():
                data = path.read_bytes()
                found += [f"{path} ({name})" for name, form in forms.items() if form in data]
    return found


def test_import_login_connect_with_the_real_keyring_and_no_password_on_disk(
    tmp_path: Path,
    isolated_dirs: dict[str, Path],
    secret_service: SecretService,
    vsftpd_clean: ServerInfo,
) -> None:
    srv = vsftpd_clean
    home = tmp_path / "home"
    home.mkdir()
    cli = Cli(secret_service, home)
    fz_dir = tmp_path / "mail"
    fz_dir.mkdir()
    source = filezilla_file(fz_dir, srv, name="Core lab/fetal", remote_dir="1 0 7 uploads")

    imported = cli("sites", "import", str(source), "--json")
    assert imported.returncode == 0, imported.stderr
    assert json.loads(imported.stdout)["passwords_in_memory_only"] is False

    account = f"{srv.user}@{srv.host}:{srv.port}"
    assert secret_service.lookup("EchoUploader", account) == srv.password  # really in the keyring

    # 'login' replaces it (same password here), read from stdin as a script would give it
    login = cli("login", "Core lab/fetal", "--password-stdin", stdin=srv.password + "\n")
    assert login.returncode == 0, login.stderr
    assert "Secret Service" in login.stdout

    listing = cli("sites", "list", "--json")
    assert json.loads(listing.stdout)[0]["has_password"] is True

    assert cli("trust", "site:Core lab/fetal", "--fingerprint", srv.fingerprint).returncode == 0
    made = cli("mkdir", "site:Core lab/fetal/exam 0001")
    assert made.returncode == 0, made.stderr
    assert (srv.root / "uploads" / "exam 0001").is_dir()
    ls = cli("ls", "site:Core lab/fetal", "--json")
    assert ls.returncode == 0, ls.stderr
    assert [e["name"] for e in json.loads(ls.stdout)] == ["exam 0001"]

    # an exam upload (check, de-identify, parallel upload, queue, manifest) with the same password
    exam = tmp_path / "exports" / "4321_2"
    make_small_dicom(exam / "IM000001")
    make_small_dicom(exam / "IM000002")
    up = cli("upload", str(exam), "site:Core lab/fetal")
    assert up.returncode == 0, up.stderr
    assert (srv.root / "uploads" / "4321_2" / "SHA256SUMS").is_file()
    assert (srv.root / "uploads" / "4321_2" / "IM000002").is_file()
    assert any(p.is_file() for p in isolated_dirs["data"].rglob("*"))  # the queue was written

    # nothing the program wrote holds the password, in any encoding
    written = [isolated_dirs[k] for k in ("config", "data", "cache", "log", "site_config")]
    written.append(home)
    assert any(p.is_file() for p in isolated_dirs["config"].rglob("*"))  # it did write there
    assert _files_containing(written, srv.password) == []
    assert all(srv.password not in text for text in cli.outputs)
    # ... and the FileZilla file was not copied anywhere
    assert all(p.name != source.name for root in written for p in root.rglob("*"))

    # logout removes it from the keyring; without a terminal, the next command cannot log in
    assert cli("logout", "Core lab/fetal").returncode == 0
    assert secret_service.lookup("EchoUploader", account) is None
    denied = cli("ls", "site:Core lab/fetal")
    assert denied.returncode == 2 and "echouploader login" in denied.stderr


def test_password_found_after_rename_and_for_the_plain_url(
    tmp_path: Path, secret_service: SecretService, vsftpd_implicit: ServerInfo
) -> None:
    srv = vsftpd_implicit
    home = tmp_path / "home"
    home.mkdir()
    cli = Cli(secret_service, home)
    assert cli("sites", "add", "Lund", srv.url("/")).returncode == 0
    assert cli("login", "Lund", "--password-stdin", stdin=srv.password).returncode == 0
    assert cli("trust", "site:Lund", "--fingerprint", srv.fingerprint).returncode == 0
    assert cli("sites", "rename", "Lund", "Lund (new name)").returncode == 0
    assert cli("ls", "site:Lund (new name)").returncode == 0
    assert cli("ls", srv.url("/")).returncode == 0  # the same account, typed as a URL
    assert cli("logout", "Lund (new name)").returncode == 0


def test_locked_keyring_is_one_clear_sentence(
    tmp_path: Path, private_secret_service: SecretService
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    cli = Cli(private_secret_service, home)
    assert cli("sites", "add", "Lab", "ftps://site07@ftps.corelab.example/").returncode == 0
    assert cli("login", "Lab", "--password-stdin", stdin="s3cret\n").returncode == 0
    private_secret_service.lock()
    locked = cli("ls", "site:Lab")
    assert locked.returncode == 1
    assert locked.stderr.startswith("echouploader: The keyring is locked")
    assert "Traceback" not in locked.stderr and "s3cret" not in locked.stderr
    listing = cli("sites", "list", "--json")  # still works; the password just cannot be seen
    assert listing.returncode == 0 and json.loads(listing.stdout)[0]["has_password"] is False
