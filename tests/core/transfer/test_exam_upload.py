"""Uploading an exam end to end: privacy gate → de-identified staging copy → verified upload into
the exam's folder → staging removed; and nothing identifying in any log or support bundle."""

from __future__ import annotations

import base64
import hashlib
import json
import zipfile
from pathlib import Path

import pytest

from echouploader.cli import main
from echouploader.core.errors import ExitCode
from echouploader.core.sites.store import Site, SiteStore
from tests.core.privacy.conftest import leaks
from tests.core.privacy.synthetic_exam import Person, make_small_dicom, make_vivid_exam
from tests.servers import ServerInfo


@pytest.fixture
def site(implicit_server: ServerInfo, monkeypatch: pytest.MonkeyPatch, capsys) -> Site:
    site = SiteStore().add(
        Site(
            "Core lab",
            implicit_server.host,
            port=implicit_server.port,
            user=implicit_server.user,
            remote_dir="/upload",
        )
    )
    (implicit_server.root / "upload").mkdir()
    monkeypatch.setenv("ECHOUPLOADER_PASSWORD", implicit_server.password)
    assert main(["trust", "site:Core lab", "--fingerprint", implicit_server.fingerprint]) == 0
    capsys.readouterr()
    return site


def files_under(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file())


def test_exam_upload_is_deidentified_verified_and_named_by_the_rule(
    implicit_server: ServerInfo, site: Site, tmp_path: Path, isolated_dirs, capsys
) -> None:
    person = Person()
    exam = make_vivid_exam(tmp_path / "export from the echo machine", person)
    code = main(["upload", str(exam.root), "site:Core lab", "--subject", "1234", "--echo", "1a"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "Exam 1234_1a" in out

    arrived = implicit_server.root / "upload" / "1234_1a"
    names = {p.relative_to(arrived).as_posix() for p in files_under(arrived)}
    assert "SHA256SUMS" in names and "upload.json" in names
    assert "DICOMDIR" not in names  # stale and full of names: dropped
    assert not any(n.endswith(".echouploader-part") for n in names)
    # Not one identifying string in any byte that reached the server.
    assert leaks(arrived, person.secrets()) == {}

    manifest = json.loads((arrived / "upload.json").read_text())
    assert manifest["exam_id"] == "1234_1a"
    profile = manifest["deidentification_profile"]
    assert profile["deidentified"] is True
    assert profile["codes"][0]["code"] == "113100"  # PS3.15 basic profile
    sums = dict(
        reversed(line.split("  ", 1)) for line in (arrived / "SHA256SUMS").read_text().splitlines()
    )
    for rel, digest in sums.items():
        assert hashlib.sha256((arrived / rel).read_bytes()).hexdigest() == digest
    # The staging copy is gone once the upload is verified.
    staging = isolated_dirs["cache"]
    assert not [p for p in staging.rglob("*") if p.is_file() and "1234_1a" in str(p)]


def test_identity_read_from_the_folder_name(
    implicit_server: ServerInfo, site: Site, tmp_path: Path, capsys
) -> None:
    folder = tmp_path / "5678_2"
    make_small_dicom(folder / "IM000001")
    assert main(["upload", str(folder), "site:Core lab"]) == 0, capsys.readouterr().err
    assert (implicit_server.root / "upload" / "5678_2" / "IM000001").is_file()


def test_blocked_exam_exits_3_before_connecting(
    implicit_server: ServerInfo, site: Site, tmp_path: Path, capsys
) -> None:
    folder = tmp_path / "1234_1"
    make_small_dicom(folder / "A1")
    make_small_dicom(folder / "A2", Person(name="Other^Person", patient_id="X12345"))
    before = len(implicit_server.commands())
    code = main(["upload", str(folder), "site:Core lab"])
    err = capsys.readouterr().err
    assert code == ExitCode.PRIVACY_BLOCKED
    assert err.startswith("echouploader: ") and "Traceback" not in err
    assert len(implicit_server.commands()) == before  # not even a login
    assert not (implicit_server.root / "upload" / "1234_1").exists()


def test_dicom_outside_an_exam_is_refused(
    implicit_server: ServerInfo, site: Site, tmp_path: Path, capsys
) -> None:
    folder = tmp_path / "misc"
    make_small_dicom(folder / "IM1")
    code = main(["upload", str(folder), "site:Core lab"])
    err = capsys.readouterr().err
    assert code == ExitCode.PRIVACY_BLOCKED
    assert "--subject and --echo" in err
    assert list((implicit_server.root / "upload").iterdir()) == []


def test_wrong_echo_code_names_the_rule(site: Site, tmp_path: Path, capsys) -> None:
    folder = tmp_path / "exam"
    make_small_dicom(folder / "IM1")
    code = main(["upload", str(folder), "site:Core lab", "--subject", "12", "--echo", "12a"])
    err = capsys.readouterr().err
    assert code == ExitCode.USAGE
    assert "`12a` is not an echo code; use 1, 1a, 2 or 3" in err


def test_no_log_or_support_bundle_holds_the_patient_or_the_password(
    implicit_server: ServerInfo, site: Site, tmp_path: Path, isolated_dirs, capsys
) -> None:
    person = Person(name="Lindqvist^Astrid", patient_id="PID55501234", birth_date="19911203")
    # Sites name export folders after the patient; that name must not reach the log either.
    exam = make_vivid_exam(tmp_path / "Lindqvist Astrid echo", person)
    assert main(["check", str(exam.root), "--subject", "777", "--echo", "2"]) == 0
    out_dir = tmp_path / "deidentified"
    code = main(
        ["deidentify", str(exam.root), "--subject", "777", "--echo", "2", "--out", str(out_dir)]
    )
    assert code == 0, capsys.readouterr().err
    code = main(["upload", str(exam.root), "site:Core lab", "--subject", "777", "--echo", "2"])
    assert code == 0, capsys.readouterr().err
    assert main(["support-bundle", str(tmp_path / "bundle.zip")]) == 0
    capsys.readouterr()

    password = implicit_server.password
    forbidden = [
        "Lindqvist",
        "Astrid",
        "PID55501234",
        "19911203",
        "1991-12-03",
        password,
        base64.b64encode(password.encode()).decode(),
    ]
    log_files = files_under(isolated_dirs["log"])
    assert log_files, "the commands wrote no log"
    log_text = "\n".join(p.read_text(errors="replace") for p in log_files)
    assert '"event": "transfer_done"' in log_text
    assert '"path": "' in log_text  # file names are logged, with identifiers redacted
    for secret in forbidden:
        assert secret.lower() not in log_text.lower(), secret
    with zipfile.ZipFile(tmp_path / "bundle.zip") as zf:
        for info in zf.infolist():
            data = zf.read(info).decode("utf-8", "replace").lower()
            for secret in forbidden:
                assert secret.lower() not in data, (info.filename, secret)
    # Nor does any file the program keeps, apart from the site-local key code store.
    for kind in ("config", "cache", "log"):
        for path in files_under(isolated_dirs[kind]):
            data = path.read_bytes().lower()
            for secret in forbidden:
                assert secret.lower().encode() not in data, (path, secret)
