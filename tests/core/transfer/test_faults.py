"""Fault injection: connections cut at random byte offsets, many times, during one upload.

A TCP relay on 127.0.0.2 sits in front of the server (control port and passive range) and resets
connections after a random number of bytes. The job must still complete: every file identical,
none sent twice, no temporary file left, and no final name ever showing a partial file.
"""

from __future__ import annotations

import os
import threading
from dataclasses import replace
from pathlib import Path

import pytest

from bench.relay import Relay, free_port_range
from echouploader.core.transfer.model import TransferState
from echouploader.core.transfer.plan import PART_SUFFIX
from echouploader.core.transfer.queue_store import QueueStore
from tests.core.transfer.helpers import assert_same_tree, make_job, make_tree, run
from tests.servers import ServerInfo

FILES = {
    "exam/clip01.dcm": 6_000_000,
    "exam/clip02.dcm": 4_500_000,
    "exam/clip03.dcm": 3_000_000,
    "exam/clip04.dcm": 2_000_000,
    "exam/clip05.dcm": 5_000_000,
    "exam/sub/clip06.dcm": 2_500_000,
    "exam/sub/clip07.dcm": 1_500_000,
    "exam/sub/clip08.dcm": 800_000,
    "exam/report.pdf": 90_000,
    "exam/DICOMDIR": 2_000,
}


class FinalNameWatcher:
    """Polls the server's folder: a final name must only ever show the complete file."""

    def __init__(self, root: Path, expected: dict[str, int]) -> None:
        self.root, self.expected = root, expected
        self.violations: list[str] = []
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.loop, name="echouploader-test-watcher")

    def loop(self) -> None:
        while not self.stop.wait(0.003):
            for dirpath, _dirs, files in os.walk(self.root):
                for name in files:
                    if name.endswith(PART_SUFFIX):
                        continue
                    full = Path(dirpath) / name
                    rel = full.relative_to(self.root).as_posix()
                    try:
                        size = full.stat().st_size
                    except FileNotFoundError:
                        continue
                    if rel in self.expected and size != self.expected[rel]:
                        self.violations.append(f"{rel}: {size} of {self.expected[rel]}")

    def __enter__(self) -> FinalNameWatcher:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.thread.join()


@pytest.fixture(params=["pyftpdlib", pytest.param("vsftpd", marks=pytest.mark.vsftpd)])
def server_with_passive_range(request: pytest.FixtureRequest, make_server) -> ServerInfo:
    if request.param == "vsftpd":
        return request.getfixturevalue("vsftpd_clean")
    return make_server(implicit=True, extra={"passive_ports": free_port_range(30)})


@pytest.mark.slow
def test_upload_survives_twenty_cut_connections(
    server_with_passive_range: ServerInfo, tmp_path: Path
) -> None:
    server = server_with_passive_range
    ports = server.extra["passive_ports"]
    assert isinstance(ports, range)
    local = make_tree(tmp_path / "local", FILES) / "exam"
    relay = Relay(
        [server.port, *ports],
        drop_after=(100_000, 1_500_000),
        max_drops=25,
        drop_ports=ports,  # data connections; control connections carry too few bytes anyway
        seed=7,
    )
    endpoint = replace(server.endpoint, host=relay.listen_host)
    store = QueueStore()
    job = make_job(endpoint, [local], "/in", connections=2)
    store.submit(job)
    expected = {f"in/{rel}": size for rel, size in FILES.items()}
    seen_before = len(server.commands())  # vsftpd's log is shared by the whole session
    with relay, FinalNameWatcher(server.root, expected) as watcher:
        result, _ = run(server, job, store)
    assert relay.drops >= 20, relay.drops
    assert result.complete, (result.error, result.failures)
    assert not watcher.violations, watcher.violations[:5]
    assert_same_tree(local, server.root / "in")
    # Each file reached its final name exactly once, and broken files were resumed.
    commands = server.commands()[seen_before:]
    assert commands.count("RNTO") == len(FILES) + 2
    assert sum(t.attempts for t in job.transfers) >= 20
    assert "REST" in commands
    assert store.unfinished_job_ids() == []


@pytest.mark.slow
def test_relay_delays_and_caps_without_corrupting(make_server, tmp_path: Path) -> None:
    ports = free_port_range(10)
    server = make_server(implicit=False, extra={"passive_ports": ports})
    local = make_tree(tmp_path / "local", {"e/a.bin": 3_000_000, "e/b.bin": 1000})
    with Relay([server.port, *ports], delay=0.015, uplink_rate=20_000_000) as relay:
        job = make_job(replace(server.endpoint, host=relay.listen_host), [local / "e"], "/")
        result, _ = run(server, job)
    assert result.complete
    assert relay.drops == 0 and relay.bytes_up > 3_000_000
    assert_same_tree(local / "e", server.root)


def test_relay_refuses_non_loopback() -> None:
    with pytest.raises(ValueError, match="loopback"):
        Relay([2121], target_host="192.0.2.1")


def test_without_rest_a_file_restarts_and_gives_up_after_three_tries(
    make_server, tmp_path: Path
) -> None:
    from pyftpdlib.handlers import TLS_FTPHandler

    ports = free_port_range(10)
    no_rest = {k: v for k, v in TLS_FTPHandler.proto_cmds.items() if k != "REST"}
    server = make_server(implicit=True, extra={"passive_ports": ports, "proto_cmds": no_rest})
    local = make_tree(tmp_path / "local", {"e/big.bin": 3_000_000, "e/small.bin": 5_000}) / "e"
    # Every data connection is cut after 200 kB: the big file can never arrive.
    with Relay([server.port, *ports], drop_after=200_000, drop_ports=ports) as relay:
        job = make_job(
            replace(server.endpoint, host=relay.listen_host), [local], "/", connections=1
        )
        result, _ = run(server, job)
    big, small = sorted(job.transfers, key=lambda t: t.relpath)
    assert big.relpath == "e/big.bin" and big.attempts == 3
    assert result.failures and result.failures[0][0] == "e/big.bin"
    assert "REST" not in server.commands()  # restarted from 0 each time
    assert not (server.root / "e" / "big.bin").exists()  # never under its final name
    assert (server.root / "e" / "small.bin").read_bytes() == (local / "small.bin").read_bytes()
    assert not result.manifest_uploaded  # incomplete uploads get no upload.json


def test_a_file_the_server_keeps_short_is_sent_three_times_then_fails(
    make_server, tmp_path: Path
) -> None:
    # The server (without REST) acknowledges every STOR but keeps only half of the big file:
    # each try ends in the batched size check, starts again at 0 and so does not advance; those
    # tries spend the same budget as broken connections.
    from pyftpdlib.handlers import TLS_FTPHandler

    def keep_half(handler: object, file: str) -> None:
        if os.path.getsize(file) > 1_000_000:
            os.truncate(file, os.path.getsize(file) // 2)

    no_rest = {k: v for k, v in TLS_FTPHandler.proto_cmds.items() if k != "REST"}
    server = make_server(
        implicit=True, extra={"on_file_received": keep_half, "proto_cmds": no_rest}
    )
    local = make_tree(tmp_path / "local", {"e/big.bin": 3_000_000, "e/small.bin": 5_000}) / "e"
    job = make_job(server.endpoint, [local], "/", connections=1)
    result, _ = run(server, job)
    big, small = sorted(job.transfers, key=lambda t: t.relpath)
    assert big.state is TransferState.FAILED and big.attempts == 3
    assert server.commands().count("STOR") == 4  # three tries of the big file, one small file
    assert not (server.root / "e" / "big.bin").exists()  # never under its final name
    assert (server.root / "e" / "small.bin").read_bytes() == (local / "small.bin").read_bytes()
    assert not result.complete and not result.manifest_uploaded
