"""A 40-file exam folder (1 kB to 80 MB) with 1, 2 and 4 connections; checked with sha256sum -c."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from echouploader.core.ftps.session import open_host, translated
from echouploader.core.transfer.queue_store import QueueStore
from tests.core.transfer.helpers import assert_same_tree, factory_for, make_job, make_tree, run
from tests.servers import ServerInfo

MB = 1_000_000


def forty_sizes() -> dict[str, int]:
    sizes = [80 * MB, 30 * MB, 12 * MB, 6 * MB, 4 * MB, 3 * MB, 2 * MB, 2 * MB]
    sizes += [1 * MB] * 6 + [300_000] * 8 + [40_000] * 9 + [1_000] * 9
    assert len(sizes) == 40
    out = {}
    for i, size in enumerate(sizes):
        folder = ("", "series1/", "series2/", "series2/loops/")[i % 4]
        out[f"exam/{folder}f{i:02d}.dcm"] = size + i  # no two alike
    return out


@pytest.fixture(scope="session")
def forty(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_tree(tmp_path_factory.mktemp("forty"), forty_sizes()) / "exam"


def _upload(server: ServerInfo, folder: Path, connections: int) -> None:
    store = QueueStore()
    job = make_job(server.endpoint, [folder], "/lab", connections=connections)
    store.submit(job)
    result, rec = run(server, job, store)
    assert result.complete, (result.error, result.failures)
    assert result.files_uploaded == 40
    assert 1 <= result.connections_used <= connections
    assert rec.events[-1].files_done == 40
    assert_same_tree(folder, server.root / "lab")


@pytest.mark.slow
@pytest.mark.vsftpd
@pytest.mark.parametrize("connections", [1, 2, 4])
def test_forty_files_to_vsftpd(vsftpd_clean: ServerInfo, forty: Path, connections: int) -> None:
    _upload(vsftpd_clean, forty, connections)
    check = subprocess.run(
        ["sha256sum", "-c", "--quiet", "SHA256SUMS"], cwd=vsftpd_clean.root / "lab" / forty.name
    )
    assert check.returncode == 0


@pytest.mark.slow
def test_forty_files_to_pyftpdlib_then_download_and_check(
    explicit_server: ServerInfo, forty: Path, tmp_path: Path
) -> None:
    _upload(explicit_server, forty, 2)
    # The receiver's view: download everything over FTPS, then check with standard tools.
    down = tmp_path / "downloaded"
    with open_host(factory_for(explicit_server)) as host, translated(explicit_server.endpoint):
        for dirpath, _dirs, files in host.walk("/lab"):
            for name in files:
                remote = f"{dirpath}/{name}"
                local = down / remote.lstrip("/")
                local.parent.mkdir(parents=True, exist_ok=True)
                host.download(remote, str(local))
    check = subprocess.run(
        ["sha256sum", "-c", "SHA256SUMS"], cwd=down / "lab" / "exam", capture_output=True, text=True
    )
    assert check.returncode == 0, check.stdout[-2000:]
    assert check.stdout.count(": OK") == 40
