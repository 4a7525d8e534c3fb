"""Servers and names at their limits: 255-byte names on every server, servers without ``SIZE``."""

from __future__ import annotations

import posixpath
from pathlib import Path

import pytest

from echouploader.core.transfer.remote_files import part_name
from tests.core.transfer.helpers import assert_same_tree, make_job, make_tree, run, sha256
from tests.servers import ServerInfo, empty_home

# Legal on ext4 and NTFS: 240 and 255 bytes in UTF-8 (é is two bytes).
NAME_240 = "é" * 100 + "n" * 36 + ".dcm"
NAME_255 = "é" * 120 + "x" * 11 + ".dcm"


@pytest.fixture(
    params=[
        "pyftpdlib",
        pytest.param("vsftpd_clean", marks=pytest.mark.vsftpd),
        "pureftpd_explicit",
        "proftpd_clean",
        "proftpd_explicit",
    ]
)
def any_server(request: pytest.FixtureRequest, make_server) -> ServerInfo:
    if request.param == "pyftpdlib":
        return make_server(implicit=True)
    return empty_home(request.getfixturevalue(request.param))


def test_names_of_240_and_255_bytes_arrive(any_server: ServerInfo, tmp_path: Path) -> None:
    assert len(NAME_240.encode()) == 240 and len(NAME_255.encode()) == 255
    local = make_tree(
        tmp_path / "local", {f"exam/{NAME_240}": 300_000, f"exam/{NAME_255}": 200_000}
    )
    job = make_job(any_server.endpoint, [local / "exam"], "/in", connections=2)
    result, _ = run(any_server, job)
    assert result.complete, (result.error, result.failures)
    assert result.manifest_uploaded
    assert_same_tree(local / "exam", any_server.root / "in")
    sums = (any_server.root / "in" / "exam" / "SHA256SUMS").read_text(encoding="utf-8")
    assert f"{sha256(local / 'exam' / NAME_255)}  {NAME_255}" in sums


def _without(*names: str) -> dict[str, object]:
    from pyftpdlib.handlers import TLS_FTPHandler

    return {k: v for k, v in TLS_FTPHandler.proto_cmds.items() if k not in names}


@pytest.mark.parametrize(
    "missing", [("SIZE",), ("SIZE", "MLST", "MLSD")], ids=["mlst", "list-only"]
)
def test_a_server_without_size_is_measured_by_listing(
    make_server, tmp_path: Path, missing: tuple[str, ...]
) -> None:
    server = make_server(implicit=True, extra={"proto_cmds": _without(*missing)})
    sizes = {"exam/a.dcm": 1_500_000, "exam/b.dcm": 30_000, "exam/c d.dcm": 5}
    local = make_tree(tmp_path / "local", sizes) / "exam"
    # A partial temporary file from an earlier, broken try: resumed from its listed size.
    (server.root / "in" / "exam").mkdir(parents=True)
    partial = server.root / "in" / "exam" / posixpath.basename(part_name("/in/exam/a.dcm"))
    partial.write_bytes((local / "a.dcm").read_bytes()[:600_000])
    job = make_job(server.endpoint, [local], "/in", connections=1)
    result, _ = run(server, job)
    assert result.complete, (result.error, result.failures)
    assert_same_tree(local, server.root / "in")
    assert ("REST", "600000") in server.server.commands
    assert result.bytes_sent == sum(sizes.values()) - 600_000
    # Run again: every file is measured by listing and found complete, nothing is sent.
    again = make_job(server.endpoint, [local], "/in", connections=1)
    result2, _ = run(server, again)
    assert result2.complete and result2.files_uploaded == 0 and result2.bytes_sent == 0
