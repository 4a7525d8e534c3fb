"""Each kind of failure a site meets leaves one clear error line in the log: the sentence the
user saw and, when the server answered, its reply code. Real servers, real failures."""

from __future__ import annotations

import io
import logging

import pytest

from echouploader import cli
from echouploader.core import errors as E
from echouploader.core import logs
from echouploader.core.ftps import FTPSSession, SessionFactory, TrustCheck, translated
from echouploader.core.trust_store import Decision, TrustStore
from tests.servers import ServerInfo

transfer_log = logging.getLogger("echouploader.transfer")


def error_lines() -> list[dict]:
    return logs.read_records(level="error")


def trusting() -> TrustCheck:
    return TrustCheck(TrustStore(), lambda info: Decision.ALWAYS)


def run_cli(monkeypatch, capsys, *argv: str, password: str) -> tuple[int, str]:
    monkeypatch.setenv("ECHOUPLOADER_PASSWORD", password)
    rc = cli.main(list(argv))
    return rc, capsys.readouterr().err


def trust(server: ServerInfo) -> None:
    assert cli.main(["trust", server.url("/"), "--fingerprint", server.fingerprint]) == 0


def test_login_refused(implicit_server: ServerInfo, monkeypatch, capsys) -> None:
    trust(implicit_server)
    rc, err = run_cli(
        monkeypatch, capsys, "ls", implicit_server.url("/"), password="wrong-password"
    )
    assert rc == E.ExitCode.LOGIN
    [line] = error_lines()
    assert err.strip() == f"echouploader: {line['msg']}"
    assert "refused the user name or password" in line["msg"]
    assert line["code"] == "530" and line["reply"].startswith("530")
    assert line["error"] == "LoginRefused" and line["command"] == "ls"
    events = [r["event"] for r in logs.read_records()]
    assert events.index("connect") < events.index("tls") < events.index("error")
    assert "login" not in events


def test_certificate_changed(make_server, other_cert, monkeypatch, capsys) -> None:
    first = make_server(implicit=True)
    trust(first)
    first.server.stop()
    swapped = make_server(implicit=True, cert=other_cert, port=first.port)
    rc, err = run_cli(monkeypatch, capsys, "ls", swapped.url("/"), password=swapped.password)
    assert rc == E.ExitCode.CERTIFICATE
    [line] = error_lines()
    assert err.strip() == f"echouploader: {line['msg']}"
    assert "CHANGED" in line["msg"] and "no password was sent" in line["msg"]
    assert line["error"] == "CertificateChanged"
    assert line["fingerprint"] == other_cert.fingerprint
    assert line["previous_fingerprint"] == first.fingerprint
    assert "code" not in line  # the server was never asked anything
    assert "PASS" not in swapped.commands()


def test_storage_full_552(make_server) -> None:
    logs.setup()
    server = make_server(implicit=True, storage_limit=1000)
    (server.root / "existing.bin").write_bytes(b"x" * 2000)
    session = SessionFactory(server.endpoint, server.password, trusting())()
    try:
        with pytest.raises(E.StorageFull) as caught, translated(server.endpoint):
            session.storbinary("STOR more.bin", io.BytesIO(b"y" * 10))
    finally:
        session.close()
    logs.log_error(transfer_log, caught.value, site="site07", exam="S07-0001-V1", path="more.bin")
    [line] = error_lines()
    assert line["msg"] == str(caught.value) and "storage is full" in line["msg"]
    assert line["code"] == "552" and "Exceeded storage allocation" in line["reply"]
    assert line["exit_code"] == E.ExitCode.QUOTA
    assert (line["site"], line["exam"], line["path"]) == ("site07", "S07-0001-V1", "more.bin")


def test_session_reuse_refused_522(vsftpd_implicit: ServerInfo) -> None:
    logs.setup()

    class NoReuse(FTPSSession):
        reuse_tls_session = False

    session = NoReuse(vsftpd_implicit.endpoint, vsftpd_implicit.password, trust=trusting())
    try:
        with pytest.raises(E.SessionReuseRefused) as caught, translated(vsftpd_implicit.endpoint):
            session.nlst()
    finally:
        session.close()
    logs.log_error(transfer_log, caught.value, site="site07")
    [line] = error_lines()
    assert line["msg"] == str(caught.value) and "session reuse" in line["msg"]
    assert line["error"] == "SessionReuseRefused"
    assert line["code"] == "522" and "session reuse required" in line["reply"]


def test_network_drop_mid_session(make_server) -> None:
    logs.setup()
    server = make_server(implicit=True)
    (server.root / "a.dcm").write_bytes(b"x" * 10)
    session = SessionFactory(server.endpoint, server.password, trusting())()
    try:
        assert session.nlst() == ["a.dcm"]
        server.server.stop()  # the server goes away under an open session
        with pytest.raises(E.ConnectionLost) as caught, translated(server.endpoint):
            session.nlst()
    finally:
        session.close()
    logs.log_error(transfer_log, caught.value, site="site07", attempt=1)
    [line] = error_lines()
    assert line["msg"] == str(caught.value) and "connection" in line["msg"].lower()
    assert line["error"] == "ConnectionLost" and line["attempt"] == 1
    assert line["detail"]  # what the socket said, for support


def test_password_never_reaches_the_log_even_with_the_protocol_trace(
    implicit_server: ServerInfo, monkeypatch, capsys
) -> None:
    trust(implicit_server)
    rc, err = run_cli(
        monkeypatch, capsys, "-v", "ls", implicit_server.url("/"), password=implicit_server.password
    )
    assert rc == 0
    log_file = logs.current_log_file()
    assert log_file is not None
    text = log_file.read_text(encoding="utf-8")
    assert "PASS ****" in text and "> USER" in text
    assert implicit_server.password not in text
    assert implicit_server.password not in err
