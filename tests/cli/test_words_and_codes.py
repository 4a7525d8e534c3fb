"""Bad inputs and failures before a job starts: each gets its own sentence and exit code."""

from __future__ import annotations

import os
import socket
import stat
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from echouploader.core.ftps.target import Endpoint
from echouploader.core.privacy.exam_identity import ExamIdentity
from echouploader.core.privacy.staging import prepare_exam
from echouploader.core.transfer.model import Job
from echouploader.core.transfer.plan import plan_upload
from echouploader.core.transfer.queue_store import QueueStore
from tests.cli.test_transfer_cli import cli, trust
from tests.conftest import require
from tests.core.transfer.helpers import make_tree


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_a_job_that_cannot_start_says_what_happened(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ECHOUPLOADER_PASSWORD", "not-used")
    local = make_tree(tmp_path / "l", {"e/a.bin": 100, "e/b.bin": 200})
    ep = Endpoint("127.0.0.1", _closed_port(), "u", implicit=True)
    plan = plan_upload([local / "e"], "/in")
    with QueueStore() as store:
        store.submit(Job(endpoint=ep, remote_folder="/in", transfers=plan.transfers))
    assert cli("resume") == 1
    captured = capsys.readouterr()
    assert "refused the connection" in captured.err
    assert "wait for space" not in captured.out
    assert "2 file(s) not sent yet" in captured.out


@pytest.mark.parametrize(
    "argv",
    [
        ["--connections", "0"],
        ["--connections", "-1"],
        ["--connections", "9"],
    ],
)
def test_connections_out_of_range_are_usage_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    local = make_tree(tmp_path / "l", {"e/a.bin": 10})
    code = cli("upload", str(local / "e"), "ftps://u@127.0.0.1:1/in", *argv)
    assert code == 2 and "--connections must be between 1 and 8" in capsys.readouterr().err


def test_a_host_with_a_space_is_refused_without_a_dns_lookup(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    looked_up: list[object] = []
    real = socket.getaddrinfo

    def recording(*args: object, **kw: object):  # type: ignore[no-untyped-def]
        looked_up.append(args[0])
        return real(*args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(socket, "getaddrinfo", recording)
    local = make_tree(tmp_path / "l", {"e/a.bin": 10})
    code = cli("upload", str(local / "e"), "ftps://u@core lab.example/in")
    err = capsys.readouterr().err
    assert code == 2 and "is not a valid host name" in err
    assert looked_up == []


@pytest.mark.parametrize("path", ["/in%0D%0ADELE%20x", "/in\r\nDELE x", "/in\nx"])
def test_a_line_break_in_the_remote_path_is_refused_and_never_queued(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], path: str
) -> None:
    local = make_tree(tmp_path / "l", {"e/a.bin": 10})
    code = cli("upload", str(local / "e"), f"ftps://u@127.0.0.1:1{path}")
    assert code == 2 and "line break" in capsys.readouterr().err
    with QueueStore() as store:
        assert store.unfinished_job_ids() == []


def test_a_plain_ftp_only_server_is_a_server_error_with_its_sentence(
    make_server, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch
) -> None:
    server = make_server(implicit=False, plain=True)
    monkeypatch.setenv("ECHOUPLOADER_PASSWORD", server.password)
    local = make_tree(tmp_path / "l", {"e/a.bin": 10})
    code = cli("upload", str(local / "e"), server.url("/in"))
    err = capsys.readouterr().err
    assert code == 1, err
    assert "does not offer TLS" in err and "unencrypted" in err
    assert "PASS" not in server.commands() and "USER" not in server.commands()


@pytest.fixture
def tiny_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A 256 kB tmpfs as the cache folder (where staging copies go)."""
    require(os.geteuid() == 0, "mounting a tmpfs needs root")
    folder = tmp_path / "tiny-cache"
    folder.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=256k,mode=0700", "tmpfs", str(folder)],
        capture_output=True,
        text=True,
    )
    require(done.returncode == 0, f"cannot mount a tmpfs here: {done.stderr.strip()}")
    monkeypatch.setenv("ECHOUPLOADER_CACHE_DIR", str(folder))
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def test_a_full_staging_disk_is_one_sentence_with_the_folder_and_the_space(
    tiny_cache: Path, vivid_exam, capsys: pytest.CaptureFixture[str], monkeypatch
) -> None:
    monkeypatch.setenv("ECHOUPLOADER_PASSWORD", "not-used")
    code = cli("upload", str(vivid_exam.root), "ftps://u@127.0.0.1:1/in")
    err = capsys.readouterr().err
    assert code == 1, err
    assert str(tiny_cache) in err and "free" in err and "needs about" in err
    assert "unexpected" not in err
    with QueueStore() as store:
        assert store.unfinished_job_ids() == []


def test_the_log_file_and_the_staging_copy_are_owner_only(
    implicit_server, vivid_exam, isolated_dirs, capsys, monkeypatch
) -> None:
    monkeypatch.setenv("ECHOUPLOADER_PASSWORD", implicit_server.password)
    trust(implicit_server)  # writes the log
    logs = [p for p in isolated_dirs["log"].rglob("*") if p.is_file()]
    assert logs
    for p in logs:
        assert stat.S_IMODE(p.stat().st_mode) == 0o600, p
    prepared = prepare_exam(vivid_exam.root, ExamIdentity("1234", "1"))
    try:
        files = [p for p in prepared.staging_dir.rglob("*")]
        assert files
        for p in files:
            want = 0o700 if p.is_dir() else 0o600
            assert stat.S_IMODE(p.stat().st_mode) == want, p
    finally:
        prepared.remove()
