"""Listings and transfers at the edges: an empty answer asked again, a dropped data connection
resumed with REST, against pyftpdlib through a relay that cuts connections."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from pyftpdlib.handlers import TLS_FTPHandler

from bench.relay import Relay, free_port_range
from echouploader.core.corelab import arrivals
from echouploader.core.corelab.package import DownloadRequest, download_package
from echouploader.core.ftps.listing import list_folder
from echouploader.core.ftps.pool import SessionPool
from echouploader.core.ftps.session import SessionFactory
from echouploader.core.ftps.target import Endpoint
from tests.core.corelab.helpers import cli, make_big_exam, trust, zip_members
from tests.core.privacy.synthetic_exam import Person


def _factory(endpoint: Endpoint, password: str) -> SessionFactory:
    return SessionFactory(endpoint, password, lambda _info, _ep: None)


@pytest.mark.parametrize("way", ["STAT", "MLSD", "STATUS"])
def test_an_empty_listing_is_asked_again(make_server, way: str) -> None:  # type: ignore[no-untyped-def]
    """Over the control connection (STAT) and, where a server refuses STAT, over a data
    connection (MLSD): the first answer for each folder is empty, as vsftpd's sometimes is. A
    server whose STAT answers with its own status instead of a listing is listed with MLSD."""
    answered: dict[str, int] = {}

    def first_empty_stat(self, path):  # type: ignore[no-untyped-def]
        if way == "MLSD":
            self.respond("502 STAT with a path is not allowed here.")
            return None
        if way == "STATUS":
            self.push("211-FTP server status:\r\n Connected to 127.0.0.1\r\n Logged in\r\n")
            self.respond("211 End of status.")
            return None
        answered[path] = answered.get(path, 0) + 1
        if answered[path] == 1:
            self.push(f'213-Status of "{path}":\r\n')
            self.respond("213 End of status.")
            return path
        return TLS_FTPHandler.ftp_STAT(self, path)

    def first_empty_mlsd(self, path):  # type: ignore[no-untyped-def]
        answered[path] = answered.get(path, 0) + 1
        if answered[path] == 1:
            self.push_dtp_data(b"", cmd="MLSD")
            return path
        return TLS_FTPHandler.ftp_MLSD(self, path)

    server = make_server(
        implicit=True, extra={"ftp_STAT": first_empty_stat, "ftp_MLSD": first_empty_mlsd}
    )
    (server.root / "inbox" / "1001_1").mkdir(parents=True)
    (server.root / "inbox" / "1001_1" / "a.dcm").write_bytes(b"x" * 10)
    with SessionPool(_factory(server.endpoint, server.password), 1) as pool:
        entries = pool.run(["/inbox/1001_1"], list_folder)[0]
    assert [(e.name, e.size) for e in entries] == [("a.dcm", 10)]
    assert list(answered.values()) == [2]
    commands = server.server.command_names()
    assert ("MLSD" in commands) == (way != "STAT")


def test_a_server_that_allows_fewer_connections_gets_fewer(make_server) -> None:  # type: ignore[no-untyped-def]
    server = make_server(implicit=True, max_cons_per_ip=3)
    for i in range(12):
        folder = server.root / "inbox" / f"{2000 + i}_1"
        folder.mkdir(parents=True)
        (folder / "a.dcm").write_bytes(b"x" * i)
    found = arrivals.scan(_factory(server.endpoint, server.password), "/inbox", connections=16)
    assert [a.exam for a in found] == [f"{2000 + i}_1" for i in range(12)]
    assert all(a.state == "uploading" for a in found)  # no upload.json yet


@pytest.mark.slow
def test_dropped_data_connections_resume_with_rest(
    make_server, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ports = free_port_range(20)
    server = make_server(implicit=True, extra={"passive_ports": ports})
    monkeypatch.setenv("ECHOUPLOADER_PASSWORD", server.password)
    trust(server)
    exam = make_big_exam(tmp_path / "exports" / "3001_1", Person(patient_id="3001"), clips=3)
    assert cli("upload", str(exam), server.url("/inbox"))[0] == 0
    reference = tmp_path / "reference.zip"
    assert cli("download", server.url("/inbox"), "--out", str(reference))[0] == 0

    with Relay(
        [server.port, *ports], drop_after=(400_000, 1_200_000), drop_ports=ports, max_drops=3
    ) as relay:
        ep = replace(server.endpoint, host=relay.listen_host)
        result = download_package(
            _factory(ep, server.password),
            DownloadRequest(root="/inbox", out=tmp_path / "again.zip", connections=2),
        )
        assert relay.drops >= 1
    sums = (server.root / "inbox" / "3001_1" / "SHA256SUMS").read_bytes()
    assert result.files == len(arrivals.parse_sha256sums(sums))
    rests = [a for c, a in server.server.commands if c == "REST"]
    assert rests and all(int(a) > 0 for a in rests)
    assert zip_members(tmp_path / "again.zip") == zip_members(reference)
