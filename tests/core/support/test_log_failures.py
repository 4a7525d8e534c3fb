"""Each kind of failure a site meets leaves one clear error line in the log: the sentence the
user saw and, when the server answered, its reply code. Real servers, real failures."""

from __future__ import annotations

import io
import logging

import pytest

from echouploader import cli
from echouploader.core import errors as E
from echouploader.core.ftps.session import FTPSSession, SessionFactory, TrustCheck, translated
from echouploader.core.ftps.trust_store import Decision, TrustStore
from echouploader.core.support import logs
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


# --- the same failures met by a real upload through the command line -------------------------


def _upload_folder(tmp_path, name: str = "files", sizes=(300_000, 200_000, 100_000)):
    folder = tmp_path / name
    folder.mkdir()
    for i, size in enumerate(sizes):
        (folder / f"clip{i}.mp4").write_bytes(bytes([i]) * size)
    return folder


def test_quota_exceeded_upload_logs_one_error_with_the_numbers(
    implicit_server: ServerInfo, tmp_path, monkeypatch, capsys
) -> None:
    trust(implicit_server)
    folder = _upload_folder(tmp_path)
    rc, err = run_cli(
        monkeypatch,
        capsys,
        "upload",
        str(folder),
        implicit_server.url("/"),
        "--quota-bytes",
        "400000",
        password=implicit_server.password,
    )
    assert rc == E.ExitCode.QUOTA
    [line] = error_lines()
    assert err.strip().endswith(line["msg"])
    assert line["error"] == "QuotaExceeded" and line["exit_code"] == E.ExitCode.QUOTA
    assert "600.0 kB" in line["msg"] or "600 kB" in line["msg"] or "600" in line["msg"]
    # The space is measured while the first files go out (their folders may exist by then), but
    # a refused upload leaves no file behind, partial or final.
    assert not [p for p in implicit_server.root.rglob("*") if p.is_file()]


def test_storage_full_during_upload_logs_one_error_with_552(
    make_server, tmp_path, monkeypatch, capsys
) -> None:
    server = make_server(implicit=True, storage_limit=250_000)
    trust(server)
    folder = _upload_folder(tmp_path)
    rc, err = run_cli(
        monkeypatch,
        capsys,
        "upload",
        str(folder),
        server.url("/"),
        "--connections",
        "1",
        password=server.password,
    )
    assert rc == E.ExitCode.QUOTA
    [line] = error_lines()
    assert line["error"] == "StorageFull" and line["code"] == "552"
    assert "Exceeded storage allocation" in line["reply"]
    assert line["msg"] in err


def test_network_drop_is_retried_and_logged_with_the_reason(
    make_server, tmp_path, monkeypatch, capsys
) -> None:
    from dataclasses import replace

    from bench.relay import Relay, free_port_range

    ports = free_port_range(10)
    server = make_server(implicit=True, extra={"passive_ports": ports})
    folder = _upload_folder(tmp_path, sizes=(2_000_000,))
    with Relay([server.port, *ports], drop_after=700_000, drop_ports=ports) as relay:
        ep = replace(server.endpoint, host=relay.listen_host)
        assert cli.main(["trust", ep.url("/"), "--fingerprint", server.fingerprint]) == 0
        rc, err = run_cli(
            monkeypatch, capsys, "upload", str(folder), ep.url("/"), password=server.password
        )
        assert relay.drops >= 2
    assert rc == 0, err
    assert error_lines() == []  # recovered: nothing for support to chase
    retries = [r for r in logs.read_records(level="warning") if r.get("event") == "retry"]
    assert len(retries) >= 2
    assert all(r["path"] == "files/clip0.mp4" and r["transfer"] for r in retries)
    # A cut shows up either as the connection breaking or, when the server took the cut for the
    # end of the file (pyftpdlib answers 226), as a short file found by the size check.
    assert all(
        "connection to 127.0.0.2 broke" in r["msg"] or "instead of 2000000" in r["msg"]
        for r in retries
    ), [r["msg"] for r in retries]
    assert (server.root / "files" / "clip0.mp4").stat().st_size == 2_000_000
