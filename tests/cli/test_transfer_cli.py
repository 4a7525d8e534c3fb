"""``echouploader upload / queue / resume / quota`` as a person runs them, against real servers."""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest

from bench.relay import Relay, free_port_range
from echouploader.cli import main
from echouploader.core.transfer.plan import PART_SUFFIX
from tests.core.transfer.helpers import assert_same_tree, make_tree, sha256, write_file
from tests.core.transfer.test_faults import FinalNameWatcher
from tests.servers import ServerInfo

ROOT = Path(__file__).resolve().parents[2]


def cli(*args: str) -> int:
    return main(list(args))


def trust(server: ServerInfo, host: str | None = None) -> None:
    ep = server.endpoint if host is None else replace(server.endpoint, host=host)
    with contextlib.redirect_stdout(io.StringIO()):
        assert cli("trust", ep.url("/"), "--fingerprint", server.fingerprint) == 0


@pytest.fixture
def password(monkeypatch: pytest.MonkeyPatch):
    def use(server: ServerInfo) -> None:
        monkeypatch.setenv("ECHOUPLOADER_PASSWORD", server.password)

    return use


@pytest.fixture(scope="session")
def exam_with_big_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("big") / "exam2024"
    write_file(root / "clip-big.dcm", 200 * 1024 * 1024)
    make_tree(
        root,
        {
            "DICOMDIR": 2_048,
            "series1/img001.dcm": 40_000,
            "series1/img002.dcm": 41_000,
            "series1/deeper/img003.dcm": 1,
            "series2/report.txt": 900,
        },
    )
    return root


def _clean(home: Path) -> None:
    for child in home.iterdir():
        if child.is_dir():
            shutil.rmtree(child)
        else:
            child.unlink()


def _env(server: ServerInfo) -> dict[str, str]:
    env = dict(os.environ, ECHOUPLOADER_PASSWORD=server.password, PYTHONPATH=str(ROOT))
    return env


@pytest.mark.slow
@pytest.mark.vsftpd
@pytest.mark.parametrize("mode", ["implicit", "explicit"])
def test_trust_mkdir_upload_ls_against_vsftpd(
    request: pytest.FixtureRequest, mode: str, exam_with_big_file: Path, capsys, password
) -> None:
    server: ServerInfo = request.getfixturevalue(f"vsftpd_{mode}")
    _clean(server.root)
    password(server)
    trust(server)
    assert cli("mkdir", server.url("/core-lab/incoming")) == 0
    target = server.url("/core-lab/incoming")
    if mode == "implicit":
        assert cli("upload", str(exam_with_big_file), target, "--connections", "2") == 0
    else:  # once as a separate process, as a user or a script runs it
        proc = subprocess.run(
            [sys.executable, "-m", "echouploader", "upload", str(exam_with_big_file), target],
            env=_env(server),
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert proc.returncode == 0, proc.stderr
        assert "Complete" in proc.stdout and "Traceback" not in proc.stderr
    capsys.readouterr()
    assert cli("ls", server.url("/core-lab/incoming/exam2024"), "--json") == 0
    listing = {e["name"]: e for e in json.loads(capsys.readouterr().out)}
    assert listing["clip-big.dcm"]["size"] == 200 * 1024 * 1024
    assert listing["series1"]["type"] == "dir"
    incoming = server.root / "core-lab" / "incoming"
    assert_same_tree(exam_with_big_file, incoming)
    check = subprocess.run(
        ["sha256sum", "-c", "--quiet", "SHA256SUMS"], cwd=incoming / exam_with_big_file.name
    )
    assert check.returncode == 0


def test_upload_json_summary_and_queue(
    implicit_server, tmp_path: Path, capsys, password, isolated_dirs
) -> None:
    password(implicit_server)
    trust(implicit_server)
    local = make_tree(tmp_path / "l", {"e/a.dcm": 1000, "e/Thumbs.db": 10, "e/b/c.dcm": 5})
    code = cli("upload", str(local / "e"), implicit_server.url("/x"), "--json")
    captured = capsys.readouterr()
    out = json.loads(captured.out)
    assert code == 0 and out["complete"] and out["uploaded"] == 2
    assert captured.err == ""  # no progress bar when not on a terminal
    assert out["skipped_local"][0]["reason"] == "operating-system clutter"
    assert cli("queue", "--json") == 0
    assert json.loads(capsys.readouterr().out) == []
    assert cli("queue") == 0
    assert "empty" in capsys.readouterr().out
    # The password is never written anywhere (queue, trust store, caches, logs).
    for d in isolated_dirs.values():
        for f in d.rglob("*"):
            assert not f.is_file() or implicit_server.password.encode() not in f.read_bytes(), f


def test_conflict_fails_by_default_with_exit_1(
    implicit_server, tmp_path: Path, capsys, password
) -> None:
    password(implicit_server)
    trust(implicit_server)
    local = make_tree(tmp_path / "l", {"e/a.dcm": 1000})
    (implicit_server.root / "e").mkdir()
    (implicit_server.root / "e" / "a.dcm").write_bytes(b"different")
    assert cli("upload", str(local / "e"), implicit_server.url("/")) == 1
    out = capsys.readouterr().out
    assert "FAILED: e/a.dcm" in out and "--on-conflict" in out
    assert cli("queue") == 0
    assert "failed" in capsys.readouterr().out
    assert cli("queue", "--json") == 0
    (job,) = json.loads(capsys.readouterr().out)
    assert job["states"] == {"failed": 1}
    assert cli("resume", "--on-conflict", "overwrite") == 0
    assert (implicit_server.root / "e" / "a.dcm").read_bytes() == (
        local / "e" / "a.dcm"
    ).read_bytes()
    capsys.readouterr()
    assert cli("queue", "--all", "--json") == 0
    assert len(json.loads(capsys.readouterr().out)) == 1
    assert cli("queue", "--remove", job["job_id"]) == 0
    assert cli("queue", "--remove", job["job_id"]) == 2
    assert "no upload" in capsys.readouterr().err


def test_small_quota_refuses_with_exit_5_and_leaves_nothing(
    implicit_server, tmp_path: Path, capsys, password
) -> None:
    # The space is measured while the first files already go out; the refusal comes before any
    # file has its final name, and the temporary files are removed again.
    password(implicit_server)
    trust(implicit_server)
    (implicit_server.root / "other-site").mkdir()
    write_file(implicit_server.root / "other-site" / "old.dcm", 3_000_000)
    local = make_tree(tmp_path / "l", {"e/a.dcm": 1_500_000, "e/b.dcm": 1_000_000})
    code = cli("upload", str(local / "e"), implicit_server.url("/in"), "--quota-bytes", "5000000")
    err = capsys.readouterr().err
    assert code == 5
    assert "2.5 MB" in err and "2.0 MB" in err and "5.0 MB" in err  # the numbers, in a sentence
    left = [p for p in (implicit_server.root / "in").rglob("*") if p.is_file()]
    assert left == []  # neither a final name nor a temporary file
    assert cli("queue", "--json") == 0
    assert json.loads(capsys.readouterr().out) == []  # nothing waits to be resumed
    assert cli("quota", implicit_server.url("/"), "--json", "--quota-bytes", "5000000") == 0
    q = json.loads(capsys.readouterr().out)
    assert q == {
        "used_bytes": 3_000_000,
        "quota_bytes": 5_000_000,
        "free_bytes": 2_000_000,
        "method": "STAT",
        "age_seconds": q["age_seconds"],  # the walk the refused upload made, not older
        "sent_since_bytes": 0,  # its temporary files were removed: nothing counted
    }
    assert 0 <= q["age_seconds"] < 60


def test_the_next_upload_reads_the_last_walk_plus_what_was_sent(
    implicit_server, tmp_path: Path, capsys, password
) -> None:
    password(implicit_server)
    trust(implicit_server)
    write_file(implicit_server.root / "other-site" / "old.dcm", 3_000_000)
    first = make_tree(tmp_path / "a", {"e1/a.dcm": 400_000, "e1/b.dcm": 100_000})
    assert cli("upload", str(first / "e1"), implicit_server.url("/in"), "--json") == 0
    sent1 = json.loads(capsys.readouterr().out)["bytes_sent"]
    stats = implicit_server.commands().count("STAT")
    assert stats > 0  # the first upload walked the tree beside its first files

    write_file(implicit_server.root / "other-site" / "new.dcm", 700_000)  # another site's
    second = make_tree(tmp_path / "b", {"e2/c.dcm": 250_000})
    assert cli("upload", str(second / "e2"), implicit_server.url("/in"), "--json") == 0
    sent2 = json.loads(capsys.readouterr().out)["bytes_sent"]
    assert implicit_server.commands().count("STAT") == stats  # no walk: the figure was fresh

    assert cli("quota", implicit_server.url("/"), "--json") == 0
    q = json.loads(capsys.readouterr().out)
    assert (q["used_bytes"], q["sent_since_bytes"]) == (3_000_000 + sent1 + sent2, sent1 + sent2)
    assert cli("quota", implicit_server.url("/"), "--json", "--fresh") == 0
    q = json.loads(capsys.readouterr().out)
    on_disk = sum(p.stat().st_size for p in implicit_server.root.rglob("*") if p.is_file())
    assert (q["used_bytes"], q["sent_since_bytes"]) == (on_disk, 0)
    assert cli("quota", implicit_server.url("/")) == 0
    assert "measured by STAT" in capsys.readouterr().out


def test_a_stale_full_figure_is_measured_again_before_refusing(
    implicit_server, tmp_path: Path, capsys, password
) -> None:
    from echouploader.core.ftps import quota_cache

    password(implicit_server)
    trust(implicit_server)
    # The last walk saw the disk nearly full; the core lab has emptied it since.
    quota_cache.put(implicit_server.endpoint, "/", 4_900_000, "STAT", time.time())
    local = make_tree(tmp_path / "l", {"e/a.dcm": 500_000})
    args = ("--quota-bytes", "5000000")
    assert cli("upload", str(local / "e"), implicit_server.url("/"), *args) == 0
    assert "free" not in capsys.readouterr().err
    assert_same_tree(local / "e", implicit_server.root)


def test_the_quota_connection_becomes_an_upload_worker(
    implicit_server, tmp_path: Path, capsys, caplog, password
) -> None:
    password(implicit_server)
    trust(implicit_server)
    write_file(implicit_server.root / "other-site" / "old.dcm", 1000)
    # Slow enough (1 MB/s for 2 MB) that files still wait when the space has been measured.
    local = make_tree(tmp_path / "l", {f"e/f{i:02d}.dcm": 100_000 for i in range(20)})
    argv = ("--connections", "2", "--limit-rate", "1M", "--json")
    with caplog.at_level("INFO", logger="echouploader.transfer"):
        assert cli("upload", str(local / "e"), implicit_server.url("/"), *argv) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["uploaded"] == 20 and result["connections"] == 2
    assert "the space check's connection joins the upload" in caplog.text
    # Two logins in all: the walk's session carried files afterwards; none was opened for it.
    assert implicit_server.commands().count("USER") == 2
    assert_same_tree(local / "e", implicit_server.root)


def test_nearly_full_disk_warns(implicit_server, tmp_path: Path, capsys, password) -> None:
    password(implicit_server)
    trust(implicit_server)
    local = make_tree(tmp_path / "l", {"e/a.dcm": 950_000})
    assert (
        cli("upload", str(local / "e"), implicit_server.url("/"), "--quota-bytes", "1000000") == 0
    )
    assert "95% full" in capsys.readouterr().err


def test_storage_full_mid_job_exit_5_then_resume(
    make_server, tmp_path: Path, capsys, password
) -> None:
    server = make_server(implicit=True, storage_limit=1_500_000)
    password(server)
    trust(server)
    local = make_tree(tmp_path / "l", {f"e/f{i}.bin": 600_000 for i in range(5)})
    assert cli("upload", str(local / "e"), server.url("/"), "--connections", "1") == 5
    captured = capsys.readouterr()
    assert "storage is full" in captured.err and "wait for space" in captured.out
    assert cli("queue", "--json") == 0
    (job,) = json.loads(capsys.readouterr().out)
    assert job["states"] == {"done": 3, "waiting-for-space": 2}
    server.server.options.storage_limit = 10**9  # the core lab freed space
    assert cli("resume") == 0
    assert_same_tree(local / "e", server.root)
    assert json.loads((server.root / "e" / "upload.json").read_text())["file_count"] == 5


def test_unreadable_or_missing_input_is_one_sentence(
    implicit_server, tmp_path: Path, capsys
) -> None:
    (tmp_path / "e").mkdir()
    (tmp_path / "e" / "dangling.dcm").symlink_to(tmp_path / "e" / "gone.dcm")
    assert cli("upload", str(tmp_path / "e"), implicit_server.url("/")) == 2
    err = capsys.readouterr().err
    assert "cannot be read, so nothing was sent" in err and "Traceback" not in err
    assert cli("upload", str(tmp_path / "nope"), implicit_server.url("/")) == 2
    assert "does not exist" in capsys.readouterr().err
    assert cli("upload", implicit_server.url("/")) == 2


@pytest.mark.slow
def test_killed_mid_upload_then_resume(make_server, tmp_path: Path, capsys, password) -> None:
    ports = free_port_range(20)
    server = make_server(implicit=True, extra={"passive_ports": ports})
    password(server)
    sizes = {f"exam/clip{i:02d}.dcm": 3_000_000 + i * 1000 for i in range(10)}
    local = make_tree(tmp_path / "local", sizes) / "exam"
    expected = {f"in/{k}": v for k, v in sizes.items()}
    with (
        Relay([server.port, *ports], uplink_rate=8_000_000) as relay,
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
        deadline = time.monotonic() + 60
        folder = server.root / "in" / "exam"
        while time.monotonic() < deadline:  # wait until some files are done and one is partial
            names = [p.name for p in folder.iterdir()] if folder.is_dir() else []
            done = [n for n in names if not n.endswith(PART_SUFFIX)]
            if len(done) >= 3 and any(n.endswith(PART_SUFFIX) for n in names):
                break
            time.sleep(0.02)
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
        assert proc.returncode == -signal.SIGKILL
        assert not (server.root / "in" / "exam" / "upload.json").exists()
        assert cli("queue") == 0
        assert "Run 'echouploader resume'" in capsys.readouterr().out
        assert cli("resume") == 0
    assert not watcher.violations
    assert_same_tree(local, server.root / "in")
    renamed = [a for c, a in server.server.commands if c == "RNTO"]
    assert len(renamed) == len(set(renamed)) == len(sizes) + 2  # no file renamed (sent) twice
    sums = (server.root / "in" / "exam" / "SHA256SUMS").read_text()
    assert all(f"{sha256(local / Path(k).name)}  {Path(k).name}" in sums for k in sizes)
    assert cli("queue", "--json") == 0
    capsys.readouterr()


def test_limit_rate_is_checked_before_anything_is_sent(
    implicit_server: ServerInfo, tmp_path: Path, capsys, password
) -> None:
    password(implicit_server)
    trust(implicit_server)
    local = make_tree(tmp_path / "l", {"e/a.bin": 1000})
    url = implicit_server.url("/")
    assert cli("upload", str(local / "e"), url, "--limit-rate", "fast") == 2
    err = capsys.readouterr().err
    assert "'fast' is not a rate" in err and "Traceback" not in err
    assert not (implicit_server.root / "e").exists()
    assert cli("upload", str(local / "e"), url, "--limit-rate", "20M") == 0
    assert_same_tree(local / "e", implicit_server.root)
