"""ProFTPD as Debian ships it: ``REST STREAM`` in FEAT, but ``451`` to a restarted ``STOR``.

Cut or killed uploads must still finish, complete and identical: the file is sent again from its
first byte, and the site is remembered as one that does not restart uploads.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest

from bench.relay import Relay
from echouploader.core.transfer.engine import RESTART_FACT
from echouploader.core.transfer.plan import PART_SUFFIX
from echouploader.core.transfer.queue_store import QueueStore
from tests.cli.test_transfer_cli import _env, cli, trust
from tests.core.transfer.helpers import assert_same_tree, make_job, make_tree, run, sha256
from tests.core.transfer.test_faults import FinalNameWatcher
from tests.servers import ServerInfo, empty_home

FILES = {f"exam/clip{i:02d}.dcm": 1_200_000 + i * 1000 for i in range(6)}


@pytest.fixture(params=["proftpd_implicit", "proftpd_explicit"])
def proftpd(request: pytest.FixtureRequest) -> ServerInfo:
    return empty_home(request.getfixturevalue(request.param))


def test_relay_cuts_are_sent_again_from_the_start_and_remembered(
    proftpd: ServerInfo, tmp_path: Path
) -> None:
    ports = proftpd.extra["passive_ports"]
    assert isinstance(ports, range)
    local = make_tree(tmp_path / "local", FILES) / "exam"
    store = QueueStore(tmp_path / "queue.sqlite3")
    relay = Relay(
        [proftpd.port, *ports], drop_after=(300_000, 900_000), max_drops=2, drop_ports=ports
    )
    endpoint = replace(proftpd.endpoint, host=relay.listen_host)
    job = make_job(endpoint, [local], "/in", connections=2)
    store.submit(job)
    before = len(proftpd.commands())
    expected = {f"in/{rel}": size for rel, size in FILES.items()}
    with relay, FinalNameWatcher(proftpd.root, expected) as watcher:
        result, _ = run(proftpd, job, store)
        assert relay.drops == 2
        assert result.complete, (result.error, result.failures)
        assert not watcher.violations
        assert_same_tree(local, proftpd.root / "in")
        assert store.site_fact(endpoint, RESTART_FACT) == "off"
        # A second upload to that site does not ask for a restart again.
        second = make_tree(tmp_path / "again", {"exam2/a.dcm": 1_500_000}) / "exam2"
        job2 = make_job(endpoint, [second], "/in2", connections=1)
        store.submit(job2)
        relay.max_drops = 3  # one more cut, during the second job
        seen = len(proftpd.commands())
        result2, _ = run(proftpd, job2, store)
    assert result2.complete, (result2.error, result2.failures)
    assert_same_tree(second, proftpd.root / "in2")
    assert "REST" not in proftpd.commands()[seen:]
    commands = proftpd.commands()[before:]
    assert commands.count("RNTO") == len(FILES) + 2 + 1 + 2  # each file renamed once


@pytest.mark.slow
def test_killed_mid_upload_then_resume_on_proftpd(
    proftpd_implicit: ServerInfo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    server = empty_home(proftpd_implicit)
    monkeypatch.setenv("ECHOUPLOADER_PASSWORD", server.password)
    ports = server.extra["passive_ports"]
    assert isinstance(ports, range)
    sizes = {f"exam/clip{i:02d}.dcm": 2_000_000 + i * 1000 for i in range(8)}
    local = make_tree(tmp_path / "local", sizes) / "exam"
    expected = {f"in/{k}": v for k, v in sizes.items()}
    with (
        Relay([server.port, *ports], uplink_rate=6_000_000) as relay,
        FinalNameWatcher(server.root, expected) as watcher,
    ):
        trust(server, relay.listen_host)
        target = replace(server.endpoint, host=relay.listen_host).url("/in")
        proc = subprocess.Popen(
            [sys.executable, "-m", "echouploader", "upload", str(local), target],
            env=_env(server),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        folder = server.root / "in" / "exam"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:  # some files done, one partial
            names = [p.name for p in folder.iterdir()] if folder.is_dir() else []
            done = [n for n in names if not n.endswith(PART_SUFFIX)]
            if len(done) >= 2 and any(n.endswith(PART_SUFFIX) for n in names):
                break
            time.sleep(0.02)
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
        assert any(p.name.endswith(PART_SUFFIX) for p in folder.iterdir())
        assert cli("resume") == 0
        assert cli("resume") == 0  # nothing left: a second resume changes nothing
    assert not watcher.violations
    assert_same_tree(local, server.root / "in")
    sums = (server.root / "in" / "exam" / "SHA256SUMS").read_text()
    assert all(f"{sha256(local / Path(k).name)}  {Path(k).name}" in sums for k in sizes)
