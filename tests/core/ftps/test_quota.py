"""How full the shared disk is: asked of the server when it can say, else summed from listings
(pipelined STAT, or MLSD/LIST in parallel), and kept per site with the bytes sent since."""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path

import pytest
from pyftpdlib.handlers import TLS_FTPHandler

from echouploader.core.errors import QuotaExceeded
from echouploader.core.ftps import quota, quota_cache
from echouploader.core.ftps.session import FTPSSession
from tests.core.transfer.helpers import factory_for, write_file
from tests.servers import ServerInfo


def _fill(root: Path) -> int:
    write_file(root / "site01" / "exam" / "a.dcm", 1_200_000)
    write_file(root / "site02" / "b.dcm", 300_000)
    write_file(root / "site02" / "deep" / "er" / "c.dcm", 5)
    return 1_500_005


def _no_stat() -> dict[str, object]:
    """A pyftpdlib server that gives no listings over the control connection."""

    def ftp_STAT(self, path: str) -> None:
        self.respond("502 STAT with a path is not implemented.")

    return {"ftp_STAT": ftp_STAT}


def _wide_tree(root: Path, folders: int = 30, per_folder: int = 7) -> int:
    """Many folders on one level (more than a batch of pipelined STATs), two levels deep."""
    total = 0
    for f in range(folders):
        for i in range(per_folder):
            size = 100 + f * 10 + i
            write_file(root / "tree" / f"exam-{f:03d}" / f"IM{i:03d}.dcm", size)
            total += size
    write_file(root / "tree" / "exam-000" / "sub" / "deeper.dcm", 77)
    (root / "tree" / "empty").mkdir()
    return total + 77


def test_pipelined_stat_walk_and_cache(implicit_server: ServerInfo) -> None:
    used = _fill(implicit_server.root)
    factory = factory_for(implicit_server)
    report = quota.measure(factory, quota_bytes=10_000_000)
    assert report == quota.QuotaReport(used, 10_000_000, 10_000_000 - used, "STAT")
    commands = implicit_server.server.command_names()  # type: ignore[union-attr]
    # Listed over the control connection: no data connection at all.
    assert "STAT" in commands and not {"PASV", "EPSV", "MLSD", "LIST"} & set(commands)
    write_file(implicit_server.root / "more.bin", 1000)
    again = quota.measure(factory, quota_bytes=10_000_000)  # the walk just made answers
    assert (again.used_bytes, again.method, again.sent_since_bytes) == (used, "STAT", 0)
    assert quota.measure(factory, quota_bytes=10_000_000, use_cache=False).used_bytes == used + 1000


def test_stat_walk_of_a_wide_tree_matches_the_disk(implicit_server: ServerInfo) -> None:
    # 31 folders on one level: the pipelined STATs go out in batches and come back in order.
    total = _wide_tree(implicit_server.root)
    factory = factory_for(implicit_server)
    s = factory()
    try:
        used, method, kept = quota.tree_used(factory, "/tree", s)
        assert (used, method, kept) == (total, "STAT", s)
        assert s.pwd() == "/"  # the session is in step: replies were read to the last one
    finally:
        s.quit()


def test_parallel_mlsd_walk_when_the_server_has_no_stat(make_server) -> None:
    server = make_server(implicit=True, extra=_no_stat())
    total = _wide_tree(server.root)
    factory = factory_for(server)
    report = quota.measure(factory, root="/tree", quota_bytes=10_000_000)
    assert (report.used_bytes, report.method) == (total, "MLSD")
    commands = server.commands()
    assert commands.count("MLSD") == 30 + 3  # every folder once (30 exams, sub, empty, /tree)
    assert 2 <= commands.count("USER") <= quota.LIST_CONNECTIONS  # listed in parallel


def test_ignored_files_are_not_counted(implicit_server: ServerInfo) -> None:
    used = _fill(implicit_server.root)
    write_file(implicit_server.root / "site02" / ".b2.dcm.part", 4000)
    report = quota.measure(
        factory_for(implicit_server),
        quota_bytes=10_000_000,
        use_cache=False,
        ignore=frozenset({"/site02/.b2.dcm.part"}),
    )
    assert report.used_bytes == used


@pytest.mark.vsftpd
def test_stat_walk_on_vsftpd(vsftpd_clean: ServerInfo) -> None:
    seen = len(vsftpd_clean.commands())  # the server runs for the whole session
    used = _fill(vsftpd_clean.root)
    total = _wide_tree(vsftpd_clean.root)
    report = quota.measure(factory_for(vsftpd_clean), quota_bytes=2_000_000, use_cache=False)
    assert (report.used_bytes, report.free_bytes, report.method) == (
        used + total,
        2_000_000 - used - total,
        "STAT",
    )
    commands = vsftpd_clean.commands()[seen:]
    assert "STAT" in commands and "LIST" not in commands and "PASV" not in commands


@pytest.mark.vsftpd
def test_parallel_list_walk_on_vsftpd(vsftpd_clean: ServerInfo) -> None:
    # vsftpd has no MLSD: without STAT the folders are listed with LIST over a pool.
    seen = len(vsftpd_clean.commands())  # the server runs for the whole session
    total = _wide_tree(vsftpd_clean.root)
    factory = factory_for(vsftpd_clean)
    s = factory()
    try:
        used, method, kept = quota.tree_used(factory, "/tree", s, pipelined=False)
        assert (used, method) == (total, "LIST")
        assert kept is not None
        kept.binary()  # still logged in, fit for other work
        assert kept.pwd() == "/"
        kept.quit()
    finally:
        s.close()
    commands = vsftpd_clean.commands()[seen:]
    assert commands.count("LIST") == 30 + 3
    assert commands.count("USER") >= 2  # listed in parallel


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


def test_cache_counts_bytes_sent_since_and_goes_stale(implicit_server: ServerInfo) -> None:
    used = _fill(implicit_server.root)
    factory = factory_for(implicit_server)
    ep = factory.endpoint
    assert quota.measure(factory, quota_bytes=10_000_000).sent_since_bytes == 0  # a walk
    quota_cache.count_sent(ep, "/site01/exam", 1000)
    quota_cache.count_sent(ep, "/elsewhere", 500)
    write_file(implicit_server.root / "other-site.dcm", 9999)  # not ours: unseen until a walk
    hit = quota.measure(factory, quota_bytes=10_000_000)
    assert (hit.used_bytes, hit.free_bytes, hit.sent_since_bytes) == (
        used + 1500,
        10_000_000 - used - 1500,
        1500,
    )
    assert hit.method == "STAT" and 0 <= hit.age_seconds < 60

    # A narrower root counts only what went under it; another account has its own figure.
    below = quota.measure(factory, root="/site02", quota_bytes=10_000_000)
    assert below.used_bytes == 300_005
    quota_cache.count_sent(ep, "/site01/exam", 2000)
    again = quota.measure(factory, root="/site02", quota_bytes=10_000_000)
    assert (again.used_bytes, again.sent_since_bytes) == (300_005, 0)
    assert quota_cache.get(replace(ep, user="site08"), "/") is None

    # Older than ten minutes: walked again (and what was counted is replaced by what is there).
    quota_cache.put(ep, "/", 1, "STAT", time.time() - quota_cache.FRESH_SECONDS - 1)
    fresh = quota.measure(factory, quota_bytes=10_000_000)
    assert (fresh.used_bytes, fresh.sent_since_bytes) == (used + 9999, 0)
    # A clock set back (a walk "from the future") is not believed either.
    quota_cache.put(ep, "/", 1, "STAT", time.time() + 3600)
    assert quota.measure(factory, quota_bytes=10_000_000).used_bytes == used + 9999

    quota.forget_cached(ep)
    assert quota_cache.get(ep, "/") is None and quota_cache.get(ep, "/site02") is None


def test_room_check_reads_a_fresh_walk_and_refuses_only_after_a_new_one(
    implicit_server: ServerInfo,
) -> None:
    used = _fill(implicit_server.root)
    factory = factory_for(implicit_server)
    quota.measure(factory, quota_bytes=10_000_000)
    given: list[object] = []
    room = quota.RoomCheck(factory, 1_000_000, quota_bytes=10_000_000, hand_over=given.append)
    assert room.from_cache and room.wait() is None and given == [None]  # no connection at all

    # The last walk says it does not fit (the core lab has freed space since): measured again.
    quota_cache.put(factory.endpoint, "/", 9_500_000, "STAT", time.time())
    given.clear()
    room = quota.RoomCheck(factory, 1_000_000, quota_bytes=10_000_000, hand_over=given.append)
    assert not room.from_cache
    assert room.wait() is None and room.report is not None
    assert room.report.used_bytes == used
    (session,) = given
    assert isinstance(session, FTPSSession) and session.pwd() == "/"  # handed over, logged in
    session.quit()

    # Truly full: the new walk refuses, and the measuring session is still handed over.
    given.clear()
    room = quota.RoomCheck(factory, 9_000_000, quota_bytes=10_000_000, hand_over=given.append)
    with pytest.raises(QuotaExceeded):
        room.wait()
    assert len(given) == 1
    if given[0] is not None:
        given[0].quit()  # type: ignore[attr-defined]
