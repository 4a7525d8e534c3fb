"""How full the shared disk is: asked of the server when it can say, else summed from listings."""

from __future__ import annotations

from pathlib import Path

import pytest
from pyftpdlib.handlers import TLS_FTPHandler

from echouploader.core.errors import QuotaExceeded
from echouploader.core.ftps import quota
from tests.core.transfer.helpers import factory_for, write_file
from tests.servers import ServerInfo


def _fill(root: Path) -> int:
    write_file(root / "site01" / "exam" / "a.dcm", 1_200_000)
    write_file(root / "site02" / "b.dcm", 300_000)
    write_file(root / "site02" / "deep" / "er" / "c.dcm", 5)
    return 1_500_005


def test_mlsd_sum_and_cache(implicit_server: ServerInfo) -> None:
    used = _fill(implicit_server.root)
    factory = factory_for(implicit_server)
    report = quota.measure(factory, quota_bytes=10_000_000)
    assert report == quota.QuotaReport(used, 10_000_000, 10_000_000 - used, "MLSD")
    write_file(implicit_server.root / "more.bin", 1000)
    assert quota.measure(factory, quota_bytes=10_000_000) == report  # cached briefly
    quota.forget_cached(factory.endpoint)
    assert quota.measure(factory, quota_bytes=10_000_000).used_bytes == used + 1000


@pytest.mark.vsftpd
def test_list_sum_on_vsftpd(vsftpd_clean: ServerInfo) -> None:
    used = _fill(vsftpd_clean.root)
    report = quota.measure(factory_for(vsftpd_clean), quota_bytes=2_000_000, use_cache=False)
    assert (report.used_bytes, report.free_bytes, report.method) == (used, 2_000_000 - used, "LIST")


def test_avbl_when_the_server_offers_it(make_server) -> None:
    def ftp_AVBL(self, line: str) -> None:
        self.respond("213 4000000")

    def ftp_FEAT(self, line: str) -> None:
        if "AVBL" not in self._extra_feats:
            self._extra_feats = [*self._extra_feats, "AVBL"]
        TLS_FTPHandler.ftp_FEAT(self, line)

    server = make_server(
        implicit=True,
        extra={
            "proto_cmds": {
                **TLS_FTPHandler.proto_cmds,
                "AVBL": dict(perm=None, auth=True, arg=None, help=""),
            },
            "ftp_FEAT": ftp_FEAT,
            "ftp_AVBL": ftp_AVBL,
        },
    )
    report = quota.measure(factory_for(server), quota_bytes=10_000_000, use_cache=False)
    assert report == quota.QuotaReport(6_000_000, 10_000_000, 4_000_000, "AVBL")
    assert "MLSD" not in server.commands()


def test_check_room() -> None:
    r = quota.QuotaReport(250_000_000_000, 300_000_000_000, 50_000_000_000, "MLSD")
    assert quota.check_room(r, 1_000_000_000) is None
    warning = quota.check_room(r, 30_000_000_000)
    assert warning and "93% full" in warning
    with pytest.raises(QuotaExceeded) as err:
        quota.check_room(r, 60_000_000_000)
    assert err.value.exit_code == 5
    assert "60.0 GB" in str(err.value) and "50.0 GB" in str(err.value)
