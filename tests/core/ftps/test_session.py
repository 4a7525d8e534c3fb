"""The FTPS session against real servers: implicit and explicit TLS, session reuse, PROT P,
certificate trust before login, and every failure a person can meet turned into one sentence."""

from __future__ import annotations

import contextlib
import io
import socket
import threading
from pathlib import Path

import pytest

from echouploader.core import errors as E
from echouploader.core.ftps.session import (
    FTPSSession,
    SessionFactory,
    TrustCheck,
    open_host,
    translated,
    with_tls12_fallback,
)
from echouploader.core.ftps.target import Endpoint
from echouploader.core.ftps.trust_store import Decision, TrustStore
from tests.servers import ServerInfo


def trusting(info_store: TrustStore | None = None) -> TrustCheck:
    return TrustCheck(info_store or TrustStore(), lambda info: Decision.ALWAYS)


def factory_for(server: ServerInfo, password: str | None = None, **kw: object) -> SessionFactory:
    return SessionFactory(
        server.endpoint, server.password if password is None else password, trusting(), **kw
    )


@pytest.mark.parametrize("mode", ["implicit", "explicit"])
def test_round_trip_with_session_reuse(make_server, mode: str) -> None:
    server = make_server(implicit=mode == "implicit")
    payload = bytes(range(256)) * 8192  # 2 MiB, more than one block
    session = factory_for(server)()
    try:
        assert session.tls_version in ("TLSv1.2", "TLSv1.3")
        session.storbinary("STOR blob.bin", io.BytesIO(payload))
        received = bytearray()
        session.retrbinary("RETR blob.bin", received.extend)
        assert bytes(received) == payload
        assert (server.root / "blob.bin").read_bytes() == payload
        # Every data connection resumed the control connection's TLS session.
        assert session.data_sessions_reused == 2
        assert session.data_sessions_fresh == 0
    finally:
        session.quit()
    assert server.commands()[:4] == (
        ["USER", "PASS", "PBSZ", "PROT"] if mode == "implicit" else ["AUTH", "USER", "PASS", "PBSZ"]
    )


def test_works_as_ftputil_session_factory(implicit_server: ServerInfo) -> None:
    (implicit_server.root / "exam").mkdir()
    (implicit_server.root / "exam" / "a.dcm").write_bytes(b"x" * 1234)
    with open_host(factory_for(implicit_server)) as host, translated(implicit_server.endpoint):
        assert host.listdir("/exam") == ["a.dcm"]
        assert host.path.getsize("/exam/a.dcm") == 1234
        host.makedirs("/new/deeper", exist_ok=True)
    assert (implicit_server.root / "new" / "deeper").is_dir()


def test_unknown_certificate_is_refused_before_login(implicit_server: ServerInfo) -> None:
    factory = SessionFactory(
        implicit_server.endpoint, implicit_server.password, TrustCheck(TrustStore())
    )
    with pytest.raises(E.CertificateNotTrusted) as err:
        factory()
    assert implicit_server.fingerprint in str(err.value)
    assert "echouploader trust" in str(err.value)
    assert "USER" not in implicit_server.commands()
    assert "PASS" not in implicit_server.commands()


def test_changed_certificate_is_refused_before_login(make_server, other_cert) -> None:
    first = make_server(implicit=True)
    factory_for(first)().quit()  # trusted on first use
    first.server.stop()
    swapped = make_server(implicit=True, cert=other_cert, port=first.port)
    with pytest.raises(E.CertificateChanged) as err:
        SessionFactory(swapped.endpoint, swapped.password, TrustCheck(TrustStore()))()
    assert "CHANGED" in str(err.value)
    assert "no password was sent" in str(err.value)
    assert err.value.exit_code == E.ExitCode.CERTIFICATE
    assert "USER" not in swapped.commands() and "PASS" not in swapped.commands()


def test_it_pinned_fingerprint_overrides_first_use(make_server, other_cert) -> None:
    server = make_server(implicit=True, cert=other_cert)
    ep = Endpoint(
        server.host, server.port, server.user, pinned_fingerprints=("AA" * 32,), site="Core lab"
    )
    with pytest.raises(E.CertificateChanged) as err:
        SessionFactory(ep, server.password, trusting())()  # would trust anything on first use
    assert "pinned" in str(err.value)
    assert "PASS" not in server.commands()
    ok = Endpoint(
        server.host,
        server.port,
        server.user,
        pinned_fingerprints=(server.fingerprint.lower().replace(":", ""),),
    )
    SessionFactory(ok, server.password, TrustCheck(TrustStore()))().quit()


def test_wrong_password(implicit_server: ServerInfo) -> None:
    with pytest.raises(E.LoginRefused) as err:
        factory_for(implicit_server, password="wrong")()
    assert err.value.exit_code == E.ExitCode.LOGIN
    assert err.value.code == "530"
    assert "refused the user name or password" in str(err.value)


def test_implicit_client_to_explicit_server_names_the_right_mode(
    explicit_server: ServerInfo,
) -> None:
    ep = Endpoint(explicit_server.host, explicit_server.port, explicit_server.user, implicit=True)
    with pytest.raises(E.WrongTLSMode) as err:
        SessionFactory(ep, explicit_server.password, trusting())()
    assert "expects explicit TLS" in str(err.value)


def test_explicit_client_to_implicit_server_names_the_right_mode(
    implicit_server: ServerInfo,
) -> None:
    ep = Endpoint(implicit_server.host, implicit_server.port, implicit_server.user, implicit=False)
    with pytest.raises(E.WrongTLSMode) as err:
        SessionFactory(ep, implicit_server.password, trusting())()
    assert "expects implicit TLS" in str(err.value)


def test_server_without_tls_is_refused(make_server) -> None:
    server = make_server(implicit=False, plain=True)
    with pytest.raises(E.InsecureRefused) as err:
        factory_for(server)()
    assert "unencrypted" in str(err.value)
    assert "PASS" not in server.commands()


def test_server_refusing_prot_p_is_an_error(make_server) -> None:
    server = make_server(implicit=True, refuse_prot_p=True)
    with pytest.raises(E.InsecureRefused) as err:
        factory_for(server)()
    assert "PROT P" in str(err.value)


def test_host_not_found() -> None:
    ep = Endpoint("no-such-host.invalid", 990, "u")
    with pytest.raises(E.HostNotFound) as err:
        SessionFactory(ep, "pw", trusting())()
    assert "could not be found" in str(err.value)


def test_connection_refused() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(E.ConnectionRefused) as err:
        SessionFactory(Endpoint("127.0.0.1", port, "u"), "pw", trusting())()
    assert "refused the connection" in str(err.value)


def test_timeout_when_server_never_answers() -> None:
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(5)
    accepted: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        silent.settimeout(0.2)
        while not stop.is_set():
            with contextlib.suppress(OSError):
                accepted.append(silent.accept()[0])

    t = threading.Thread(target=accept, name="echouploader-test-silent")
    t.start()
    try:
        ep = Endpoint("127.0.0.1", silent.getsockname()[1], "u", implicit=True)
        with pytest.raises(E.ConnectionTimeout) as err:
            SessionFactory(ep, "pw", trusting(), timeout=1.0)()
        assert "in time" in str(err.value)
    finally:
        stop.set()
        t.join()
        for c in accepted:
            c.close()
        silent.close()


def test_permission_denied_550(implicit_server: ServerInfo) -> None:
    with (
        pytest.raises(E.PermissionDenied) as err,
        open_host(factory_for(implicit_server)) as host,
        translated(implicit_server.endpoint),
    ):
        host.listdir("/does/not/exist")
    assert "550" in str(err.value)


def test_storage_full_552(make_server) -> None:
    server = make_server(implicit=True, storage_limit=1000)
    (server.root / "existing.bin").write_bytes(b"x" * 2000)
    session = factory_for(server)()
    try:
        with pytest.raises(E.StorageFull) as err, translated(server.endpoint):
            session.storbinary("STOR more.bin", io.BytesIO(b"y" * 10))
        assert err.value.code == "552"
        assert err.value.exit_code == E.ExitCode.QUOTA
    finally:
        session.close()


def test_too_many_connections_421(make_server) -> None:
    server = make_server(implicit=False, max_cons_per_ip=1)
    first = factory_for(server)()
    try:
        with pytest.raises(E.TooManyConnections) as err:
            factory_for(server)()
        assert err.value.code == "421"
    finally:
        first.close()


class NoReuse(FTPSSession):
    reuse_tls_session = False


def test_session_reuse_refused_522_by_vsftpd(vsftpd_implicit: ServerInfo) -> None:
    trust = trusting()
    session = NoReuse(vsftpd_implicit.endpoint, vsftpd_implicit.password, trust=trust)
    try:
        with pytest.raises(E.SessionReuseRefused) as err, translated(vsftpd_implicit.endpoint):
            session.nlst()
        assert "522" in str(err.value)
    finally:
        session.close()


def test_vsftpd_requires_reuse_and_we_provide_it(
    vsftpd_implicit: ServerInfo, tmp_path: Path
) -> None:
    session = factory_for(vsftpd_implicit)()
    try:
        session.storbinary("STOR reuse-check.bin", io.BytesIO(b"z" * 300_000))
        assert session.data_sessions_reused == 1
        assert (vsftpd_implicit.root / "reuse-check.bin").stat().st_size == 300_000
        session.delete("reuse-check.bin")
    finally:
        session.quit()


def test_round_trip_on_pure_ftpd(pureftpd_explicit: ServerInfo, caplog) -> None:
    caplog.set_level("INFO", logger="echouploader.ftps")
    payload = b"\x00\xffpure" * 200_000
    session = factory_for(pureftpd_explicit)()
    try:
        with translated(pureftpd_explicit.endpoint):
            session.storbinary("STOR pure.bin", io.BytesIO(payload))
            received = bytearray()
            session.retrbinary("RETR pure.bin", received.extend)
            session.delete("pure.bin")
        assert bytes(received) == payload
        # pure-ftpd does not resume TLS sessions on data connections: we notice and say so, once.
        assert (session.data_sessions_reused, session.data_sessions_fresh) == (0, 2)
        notes = [r for r in caplog.records if "did not resume the TLS session" in r.getMessage()]
        assert len(notes) == 1
    finally:
        session.quit()


def test_ipv6_host(make_server) -> None:
    server = make_server(implicit=True, host="::1")
    assert server.url().startswith("ftps://sonographer@[::1]:")
    session = factory_for(server)()
    try:
        session.storbinary("STOR v6.bin", io.BytesIO(b"6" * 70_000))  # EPSV over IPv6
        assert (server.root / "v6.bin").stat().st_size == 70_000
        assert session.certificate is not None and session.certificate.hostname_matches
    finally:
        session.quit()
    assert "EPSV" in server.commands()


def test_tls13_reuse_refusal_falls_back_to_tls12(make_server) -> None:
    server = make_server(implicit=True, refuse_data_over_tls13=True)
    factory = factory_for(server)
    versions: list[str] = []

    def listing() -> list[str]:
        with open_host(factory) as host, translated(server.endpoint):
            versions.append(host._session.tls_version)
            return host.listdir("/")

    (server.root / "seen.txt").write_text("x")
    assert with_tls12_fallback(factory, listing) == ["seen.txt"]
    assert versions == ["TLSv1.3", "TLSv1.2"]
    assert factory.max_tls12


def test_private_pasv_address_uses_the_control_connection_peer(make_server) -> None:
    # A server behind NAT announces an address the client cannot reach.
    server = make_server(implicit=True, extra={"masquerade_address": "10.255.255.1"})
    session = factory_for(server)()
    try:
        resp = session.sendcmd("PASV")
        assert "10,255,255,1" in resp
        session.storbinary("STOR nat.bin", io.BytesIO(b"n" * 10_000))
    finally:
        session.quit()
    assert (server.root / "nat.bin").stat().st_size == 10_000


@pytest.mark.parametrize("fixture", ["proftpd_implicit", "proftpd_explicit"])
def test_round_trip_on_proftpd_with_required_session_reuse(
    fixture: str, request: pytest.FixtureRequest
) -> None:
    server: ServerInfo = request.getfixturevalue(fixture)
    payload = b"\x00\xffpro" * 100_000
    session = factory_for(server)()
    try:
        with translated(server.endpoint):
            session.storbinary("STOR proftpd.bin", io.BytesIO(payload))
            received = bytearray()
            session.retrbinary("RETR proftpd.bin", received.extend)
            session.delete("proftpd.bin")
        assert bytes(received) == payload
        assert (session.data_sessions_reused, session.data_sessions_fresh) == (2, 0)
    finally:
        session.quit()
    # ProFTPD's mod_tls refuses a data connection without the control connection's session.
    plain = NoReuse(server.endpoint, server.password, trust=trusting())
    try:
        with pytest.raises(E.EchoUploaderError), translated(server.endpoint):
            plain.storbinary("STOR refused.bin", io.BytesIO(b"x" * 1000))
    finally:
        plain.close()


@pytest.mark.parametrize("fixture", ["proftpd_explicit", "vsftpd_implicit", "vsftpd_explicit"])
def test_every_server_log_shows_the_commands_it_received(
    fixture: str, request: pytest.FixtureRequest
) -> None:
    server: ServerInfo = request.getfixturevalue(fixture)
    before = len(server.commands())
    session = factory_for(server)()
    session.sendcmd("NOOP")
    session.quit()
    seen = server.commands()[before:]
    assert seen[:2] == ["USER", "PASS"] or seen[1:3] == ["USER", "PASS"], seen
    assert "NOOP" in seen and "PROT" in seen


def test_a_server_log_that_cannot_be_read_fails_loudly(
    pureftpd_explicit: ServerInfo, tmp_path: Path
) -> None:
    # pure-ftpd logs commands to syslog only: "nothing was sent" must not be answered with [].
    with pytest.raises(AssertionError, match="no way to read"):
        pureftpd_explicit.commands()
    info = ServerInfo("127.0.0.1", 1, "u", "p", True, tmp_path, "", "vsftpd")
    info.log_file = tmp_path / "missing.log"
    with pytest.raises(AssertionError, match="wrote no log"):
        info.commands()


@pytest.mark.parametrize(
    ("reply", "kind"),
    [
        (
            "530 Sorry, the maximum number of clients (2) for this user are already connected.",
            E.TooManyConnections,
        ),
        ("530 Too many connections for this account.", E.TooManyConnections),
        ("530 Login incorrect.", E.LoginRefused),
    ],
)
def test_a_530_for_too_many_connections_is_not_a_wrong_password(reply: str, kind: type) -> None:
    import ftplib

    from echouploader.core.ftps.session import translate
    from echouploader.core.ftps.target import Endpoint

    err = translate(ftplib.error_perm(reply), Endpoint("h.example", 990, "me"))
    assert type(err) is kind
    assert (err.exit_code == 6) is (kind is E.LoginRefused)  # only a real refusal is "login"
