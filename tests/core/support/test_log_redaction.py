"""A patient's name, ID and birth date, once the privacy check has found them, appear nowhere in
the logs or the support bundle, though they are in a local folder name, a remote folder name, a
server error and a traceback; neither does the password."""

from __future__ import annotations

import io
import logging
import os
import re
import zipfile
from pathlib import Path

from echouploader import cli
from echouploader.core.diagnostics import support_bundle
from echouploader.core.ftps.session import SessionFactory, TrustCheck
from echouploader.core.ftps.trust_store import TrustStore
from echouploader.core.support import logs
from tests.servers import ServerInfo

PATIENT = {"name": "DOE^JANE", "id": "PID-4711", "birth_date": "19800131"}
LEAKS = [
    re.compile(r"jane", re.I),
    re.compile(r"(?<![a-z])doe(?![a-z])", re.I),
    re.compile(r"4711"),
    re.compile(r"1980"),
    re.compile(r"800131"),
]


def leaks_in(text: str, password: str) -> list[str]:
    found = [m.group(0) for pat in LEAKS for m in pat.finditer(text)]
    if password in text:
        found.append("the password")
    return found


def test_patient_identifiers_and_password_stay_out_of_logs_and_bundle(
    implicit_server: ServerInfo, tmp_path: Path, monkeypatch, capsys
) -> None:
    server = implicit_server
    monkeypatch.setenv("ECHOUPLOADER_PASSWORD", server.password)
    assert cli.main(["-v", "trust", server.url("/"), "--fingerprint", server.fingerprint]) == 0

    # The exam as it arrives from the echo machine: the folder is named after the patient.
    exam = tmp_path / "Jane Doe 1980-01-31"
    exam.mkdir()
    image = exam / "PID-4711 IM0001.dat"
    image.write_bytes(b"pixels" * 100)

    # What the privacy check does once it has read the headers.
    logs.add_redactions(PATIENT.values())
    logging.getLogger("echouploader.check").info(
        "checking %s", exam, extra={"event": "check", "local": str(exam), "exam": "S07-0001-V1"}
    )

    # Real FTPS code paths with the protocol trace on: a remote folder named after the patient,
    # an upload into it, and a server error that quotes the name back.
    remote = "/incoming/DOE_JANE_PID4711"
    assert cli.main(["-v", "mkdir", server.url(remote)]) == 0
    assert (server.root / "incoming" / "DOE_JANE_PID4711").is_dir()
    session = SessionFactory(server.endpoint, server.password, TrustCheck(TrustStore()))()
    try:
        with image.open("rb") as fh:
            session.storbinary(f"STOR {remote}/{image.name}", fh)
        session.storbinary(f"STOR {remote}/notes.txt", io.BytesIO(b"Jane Doe, born 31.01.1980"))
    finally:
        session.quit()
    assert (server.root / "incoming" / "DOE_JANE_PID4711" / image.name).exists()
    assert cli.main(["-v", "ls", server.url("/incoming/Doe^Jane 19800131")]) == 1

    # An unexpected failure whose message carries the local path.
    try:
        raise PermissionError(13, "Permission denied", str(image))
    except PermissionError as exc:
        logs.log_error(logging.getLogger("echouploader.check"), exc, local=str(image))

    bundle = support_bundle.create(tmp_path / "support.zip").path
    capsys.readouterr()

    log_text = "".join(p.read_text(encoding="utf-8") for p in logs.log_files())
    # The trace really saw the folder and file names, and shows them redacted.
    assert '"msg": "> MKD [redacted]_[redacted]"' in log_text
    assert '"msg": "> STOR /incoming/[redacted]_[redacted]/[redacted] IM0001.dat"' in log_text
    assert "PASS ****" in log_text
    errors = logs.read_records(level="error")
    assert any(r.get("code") == "550" and "[redacted]" in r["msg"] for r in errors)
    assert any("Traceback" in r.get("traceback", "") for r in errors)
    assert leaks_in(log_text, server.password) == []

    with zipfile.ZipFile(bundle) as zf:
        for name in zf.namelist():
            text = zf.read(name).decode("utf-8")
            assert leaks_in(text, server.password) == [], name
        assert "[redacted]" in zf.read("logs/echouploader.jsonl").decode()

    # Every file the program wrote anywhere in its folders is clean too.
    for kind in ("config", "data", "cache", "log"):
        root = Path(os.environ[f"ECHOUPLOADER_{kind.upper()}_DIR"])
        for path in root.rglob("*"):
            if path.is_file():
                text = path.read_bytes().decode("utf-8", "replace")
                assert leaks_in(text, server.password) == [], path
