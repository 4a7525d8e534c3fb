"""The first CLI commands against real servers: trust, mkdir, ls — exit codes and sentences."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from echouploader.cli import main
from echouploader.core.errors import ExitCode
from echouploader.core.ftps.trust_store import TrustStore
from tests.servers import ServerInfo, Vsftpd


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def with_password(monkeypatch: pytest.MonkeyPatch):
    def set_for(server: ServerInfo) -> None:
        monkeypatch.setenv("ECHOUPLOADER_PASSWORD", server.password)

    return set_for


@pytest.mark.parametrize("kind", ["implicit", "explicit"])
def test_trust_mkdir_ls_on_pyftpdlib(make_server, with_password, capsys, kind: str) -> None:
    server = make_server(implicit=kind == "implicit")
    with_password(server)
    code, out, err = run(
        [
            "trust",
            server.url(),
            "--fingerprint",
            "sha256:" + server.fingerprint.replace(":", "").lower(),
        ],
        capsys,
    )
    assert code == 0, err
    assert "Trusted" in out
    assert run(["mkdir", server.url("/1234_1/clips")], capsys)[0] == 0
    (server.root / "1234_1" / "a.dcm").write_bytes(b"d" * 4321)
    code, out, err = run(["ls", "--json", server.url("/1234_1")], capsys)
    assert code == 0, err
    entries = json.loads(out)
    assert entries == [
        {"name": "a.dcm", "type": "file", "size": 4321, "modified": entries[0]["modified"]},
        {"name": "clips", "type": "dir", "size": None, "modified": entries[1]["modified"]},
    ]
    assert entries[0]["modified"].endswith("+00:00")


def test_trust_with_wrong_fingerprint_is_refused(implicit_server: ServerInfo, capsys) -> None:
    code, _out, err = run(["trust", implicit_server.url(), "--fingerprint", "AB" * 32], capsys)
    assert code == ExitCode.CERTIFICATE
    assert "does not match the fingerprint you gave" in err
    assert TrustStore().entries() == []


def test_untrusted_certificate_without_terminal_exits_4_with_the_command(
    implicit_server: ServerInfo, with_password, capsys
) -> None:
    with_password(implicit_server)
    code, _out, err = run(["ls", implicit_server.url()], capsys)
    assert code == ExitCode.CERTIFICATE
    assert implicit_server.fingerprint in err
    assert "echouploader trust" in err
    assert "PASS" not in implicit_server.commands()


def test_wrong_password_exits_6_with_one_line(
    implicit_server: ServerInfo, monkeypatch, capsys
) -> None:
    assert run(["trust", implicit_server.url(), "--yes"], capsys)[0] == 0
    monkeypatch.setenv("ECHOUPLOADER_PASSWORD", "not-the-password")
    code, _out, err = run(["ls", implicit_server.url()], capsys)
    assert code == ExitCode.LOGIN
    assert err.strip().count("\n") == 0
    assert "refused the user name or password" in err
    assert "not-the-password" not in err


def test_wrong_mode_names_the_right_one(explicit_server: ServerInfo, with_password, capsys) -> None:
    with_password(explicit_server)
    url = explicit_server.url().replace("ftpes://", "ftps://")
    code, _out, err = run(["ls", url], capsys)
    assert code == ExitCode.FAILURE
    assert "expects explicit TLS" in err


def test_password_in_url_and_plain_ftp_are_refused(capsys) -> None:
    code, _o, err = run(["ls", "ftps://user:secret@example.org/"], capsys)
    assert code == ExitCode.USAGE and "password inside the URL is refused" in err
    code, _o, err = run(["ls", "ftp://user@example.org/"], capsys)
    assert code == ExitCode.USAGE and "unencrypted" in err
    code, _o, err = run(["ls", "/not/a/url"], capsys)
    assert code == ExitCode.USAGE


def test_swapped_certificate_on_vsftpd_exits_4_and_sends_no_login(
    vsftpd_implicit: ServerInfo, other_cert, tmp_path_factory, monkeypatch, capsys
) -> None:
    monkeypatch.setenv("ECHOUPLOADER_PASSWORD", vsftpd_implicit.password)
    assert (
        run(["trust", vsftpd_implicit.url(), "--fingerprint", vsftpd_implicit.fingerprint], capsys)[
            0
        ]
        == 0
    )
    assert run(["ls", vsftpd_implicit.url()], capsys)[0] == 0

    # The same address now presents another certificate (a swapped server, or an interceptor).
    base = tmp_path_factory.mktemp("vsftpd-swapped")
    os.chmod(base, 0o755)
    impostor = Vsftpd(base, other_cert, vsftpd_implicit.password, implicit=True)
    try:
        store = TrustStore()
        rec = store.get(vsftpd_implicit.host, vsftpd_implicit.port)
        assert rec is not None
        # Move the trusted record to the impostor's port: same host:port, different certificate.
        store.remove(vsftpd_implicit.host, vsftpd_implicit.port)
        data = (
            json.loads(store.path.read_text())
            if store.path.exists()
            else {"version": 1, "servers": {}}
        )
        rec.port = impostor.port
        data["servers"][f"{rec.host}:{impostor.port}"] = rec.__dict__
        store.path.write_text(json.dumps(data))
        url = vsftpd_implicit.url().replace(f":{vsftpd_implicit.port}/", f":{impostor.port}/")
        code, _out, err = run(["ls", url], capsys)
        assert code == ExitCode.CERTIFICATE
        assert "changed" in err.lower()
        assert "no password was sent" in err
        log = impostor.log_file.read_text(errors="replace") if impostor.log_file.exists() else ""
        assert "CONNECT" in log  # the attempt reached the server...
        assert '"USER' not in log and '"PASS' not in log  # ...but no login was sent
    finally:
        impostor.stop()


def test_trust_replace_after_change(make_server, other_cert, capsys) -> None:
    first = make_server(implicit=True)
    assert run(["trust", first.url(), "--yes"], capsys)[0] == 0
    first.server.stop()
    swapped = make_server(implicit=True, cert=other_cert, port=first.port)
    code, _out, err = run(["trust", swapped.url(), "--yes"], capsys)
    assert code == ExitCode.CERTIFICATE and "CHANGED" in err and "--replace" in err
    code, _out, err = run(
        ["trust", swapped.url(), "--replace", "--fingerprint", swapped.fingerprint], capsys
    )
    assert code == 0, err
    assert TrustStore().get(swapped.host, swapped.port).sha256 == swapped.fingerprint


def test_module_entry_point_and_no_traceback(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    out = subprocess.run(
        [sys.executable, "-m", "echouploader", "--version"], capture_output=True, text=True, env=env
    )
    assert out.returncode == 0 and out.stdout.startswith("EchoUploader ")
    bad = subprocess.run(
        [sys.executable, "-m", "echouploader", "ls", "ftps://u@127.0.0.1:1/"],
        capture_output=True,
        text=True,
        env={**env, "ECHOUPLOADER_PASSWORD": "x"},
    )
    assert bad.returncode == ExitCode.FAILURE
    assert "Traceback" not in bad.stderr
    assert bad.stderr.startswith("echouploader: ") and bad.stderr.count("\n") == 1
