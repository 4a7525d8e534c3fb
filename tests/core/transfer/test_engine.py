"""The engine against a real FTPS server: verified, atomic, resumable, and honest about failure."""

from __future__ import annotations

import json
import posixpath
import shutil
import subprocess
import threading
from pathlib import Path

import pytest

from echouploader.core.errors import StorageFull
from echouploader.core.transfer.engine import Engine
from echouploader.core.transfer.model import ConflictPolicy, TransferState
from echouploader.core.transfer.queue_store import QueueStore
from echouploader.core.transfer.remote_files import part_name
from tests.core.transfer.helpers import (
    assert_same_tree,
    factory_for,
    make_job,
    make_tree,
    run,
    sha256,
    write_file,
)

SMALL_EXAM = {
    "exam1/a.dcm": 300_000,
    "exam1/b.dcm": 2_500_000,
    "exam1/sub/c.dcm": 1,
    "exam1/sub/empty.txt": 0,
    "exam1/DICOMDIR": 4_000,
    "exam1/Größe und Maß é.dcm": 777,
}


@pytest.fixture
def exam(tmp_path: Path) -> Path:
    return make_tree(tmp_path / "local", SMALL_EXAM) / "exam1"


def test_upload_is_verified_with_manifest(implicit_server, exam: Path) -> None:
    (exam / ".DS_Store").write_bytes(b"junk")
    store = QueueStore()
    job = make_job(implicit_server.endpoint, [exam], "/incoming")
    store.submit(job)
    result, rec = run(implicit_server, job, store)
    assert result.complete, result
    assert result.files_uploaded == 6 and result.files_failed == 0
    assert_same_tree(exam, implicit_server.root / "incoming")
    assert not (implicit_server.root / "incoming" / "exam1" / ".DS_Store").exists()
    assert [p for p, _ in result.skipped_local] == [str(exam / ".DS_Store")]
    # The receiver checks the upload with standard tools, in the folder that was uploaded.
    folder = implicit_server.root / "incoming" / "exam1"
    check = subprocess.run(
        ["sha256sum", "-c", "SHA256SUMS"], cwd=folder, capture_output=True, text=True
    )
    assert check.returncode == 0, check.stdout + check.stderr
    assert check.stdout.count(": OK") == 6
    info = json.loads((folder / "upload.json").read_text())
    assert info["file_count"] == 6 and info["bytes"] == sum(SMALL_EXAM.values())
    assert info["started_utc"].endswith("+00:00") and info["tool_version"]
    # upload.json is written last, SHA256SUMS just before it; each through a temporary name.
    cmds = [(c, a) for c, a in implicit_server.server.commands if c in ("STOR", "RNTO")]
    assert all(a.endswith(".echouploader-part") for c, a in cmds if c == "STOR")
    # Every file was renamed exactly once: nothing uploaded twice.
    renamed = [a for c, a in cmds if c == "RNTO"]
    assert len(renamed) == len(set(renamed)) == 8
    assert renamed[-2:] == ["/incoming/exam1/SHA256SUMS", "/incoming/exam1/upload.json"]
    # Progress reached the end; the queue knows it is done.
    assert rec.events[-1].job_bytes_done == rec.events[-1].job_bytes_total
    assert {e.state for e in rec.events} >= {"active", "done"}
    assert store.unfinished_job_ids() == []


def test_sessions_are_reused_across_files(implicit_server, tmp_path: Path) -> None:
    folder = make_tree(tmp_path / "many", {f"f{i:02d}.bin": 1000 + i for i in range(12)})
    job = make_job(implicit_server.endpoint, [folder], "/", connections=2)
    result, _ = run(implicit_server, job)
    assert result.complete
    assert implicit_server.commands().count("PASS") <= 2  # no login per file
    assert result.connections_used == 2


def test_resumes_from_a_partial_temporary_file(implicit_server, exam: Path) -> None:
    big = exam / "b.dcm"
    remote = implicit_server.root / "in" / "exam1"
    remote.mkdir(parents=True)
    partial = big.read_bytes()[:1_000_000]
    (remote / posixpath.basename(part_name("/in/exam1/b.dcm"))).write_bytes(partial)
    job = make_job(implicit_server.endpoint, [exam], "/in", connections=1)
    result, _ = run(implicit_server, job)
    assert result.complete
    assert_same_tree(exam, implicit_server.root / "in")
    assert ("REST", "1000000") in implicit_server.server.commands
    # The hash covers the whole file although only the rest was sent.
    sums = (implicit_server.root / "in" / "exam1" / "SHA256SUMS").read_text()
    assert f"{sha256(big)}  b.dcm" in sums
    assert result.bytes_sent == sum(SMALL_EXAM.values()) - 1_000_000


def test_file_already_complete_is_not_sent_again(implicit_server, exam: Path) -> None:
    job = make_job(implicit_server.endpoint, [exam], "/in")
    assert run(implicit_server, job)[0].complete
    again = make_job(implicit_server.endpoint, [exam], "/in")
    result, _ = run(implicit_server, again)
    assert result.complete and result.files_uploaded == 0 and result.files_already_there == 6
    assert result.bytes_sent == 0


@pytest.mark.parametrize("policy", list(ConflictPolicy))
def test_conflict_policies(implicit_server, tmp_path: Path, policy: ConflictPolicy) -> None:
    local = make_tree(tmp_path / "l", {"x/a.dcm": 5000, "x/b.dcm": 10})
    there = implicit_server.root / "in" / "x"
    there.mkdir(parents=True)
    (there / "a.dcm").write_bytes(b"older and different")
    job = make_job(implicit_server.endpoint, [local / "x"], "/in", on_conflict=policy)
    result, _ = run(implicit_server, job)
    a = job.transfers[0]
    if policy is ConflictPolicy.FAIL:
        assert a.state is TransferState.FAILED and "already exists" in (a.last_error or "")
        assert (there / "a.dcm").read_bytes() == b"older and different"
        assert not result.manifest_uploaded and result.files_failed == 1
    elif policy is ConflictPolicy.SKIP:
        assert a.state is TransferState.SKIPPED and result.complete
        assert (there / "a.dcm").read_bytes() == b"older and different"
        assert "  a.dcm" not in (there / "SHA256SUMS").read_text()
    elif policy is ConflictPolicy.OVERWRITE:
        assert result.complete
        assert (there / "a.dcm").read_bytes() == (local / "x" / "a.dcm").read_bytes()
    else:
        assert result.complete and a.remote_path == "/in/x/a (1).dcm"
        assert (there / "a.dcm").read_bytes() == b"older and different"
        assert (there / "a (1).dcm").read_bytes() == (local / "x" / "a.dcm").read_bytes()
        sums = (there / "SHA256SUMS").read_text()
        assert "  a (1).dcm\n" in sums and "  a.dcm\n" not in sums
    assert (there / "b.dcm").stat().st_size == 10


def test_conflict_callback_is_asked(implicit_server, tmp_path: Path) -> None:
    local = make_tree(tmp_path / "l", {"x/a.dcm": 50})
    (implicit_server.root / "x").mkdir()
    (implicit_server.root / "x" / "a.dcm").write_bytes(b"other")
    asked = []
    job = make_job(implicit_server.endpoint, [local / "x"], "/")
    engine = Engine(
        factory_for(implicit_server),
        on_conflict=lambda t: asked.append(t.relpath) or "overwrite",
        retry_delay=0.05,
    )
    result = engine.run(job, None, threading.Event())
    assert asked == ["x/a.dcm"] and result.complete
    assert (implicit_server.root / "x" / "a.dcm").stat().st_size == 50


def test_too_many_connections_goes_on_with_fewer(make_server, tmp_path: Path, caplog) -> None:
    server = make_server(implicit=True, max_cons_per_ip=2)
    folder = make_tree(tmp_path / "f", {f"f{i}.bin": 200_000 for i in range(8)})
    job = make_job(server.endpoint, [folder], "/", connections=4)
    store = QueueStore(tmp_path / "q.sqlite3")
    result, _ = run(server, job, store)
    assert result.complete, result.error
    assert result.connections_used <= 2
    assert_same_tree(folder, server.root)
    # Remembered for this server: the next job opens only what it took, and is not refused.
    assert store.site_fact(server.endpoint, "connections") == str(result.connections_used)
    for child in server.root.iterdir():
        shutil.rmtree(child) if child.is_dir() else child.unlink()
    again = make_job(server.endpoint, [folder], "/", connections=4)
    caplog.clear()
    caplog.set_level("INFO", logger="echouploader")
    result, _ = run(server, again, store)
    assert not [r for r in caplog.records if "refused another connection" in r.getMessage()]
    assert result.complete and result.connections_used == int(
        store.site_fact(server.endpoint, "connections") or 0
    )


def test_storage_full_stops_cleanly(make_server, tmp_path: Path) -> None:
    server = make_server(implicit=True, storage_limit=2_500_000)
    folder = make_tree(tmp_path / "f", {f"f{i}.bin": 1_000_000 for i in range(6)})
    store = QueueStore()
    job = make_job(server.endpoint, [folder], "/", connections=1)
    store.submit(job)
    result, _ = run(server, job, store)
    assert isinstance(result.error, StorageFull) and result.error.exit_code == 5
    states = [t.state for t in job.transfers]
    assert states[:3] == [TransferState.DONE] * 3
    assert set(states[3:]) == {TransferState.WAITING_FOR_SPACE}
    # What was verified stays; nothing partial under a final name, no temporary file left.
    for t in job.transfers[:3]:
        assert (server.root / "f" / t.local_path.name).read_bytes() == t.local_path.read_bytes()
    on_server = sorted(p.name for p in (server.root / "f").iterdir())
    assert on_server == ["f0.bin", "f1.bin", "f2.bin"]
    assert not (server.root / "f" / "upload.json").exists()
    assert store.unfinished_job_ids() == [job.job_id]
    loaded = store.load(job.job_id)
    assert [t.state for t in loaded.transfers] == states


def test_cancel_stops_every_thread_and_keeps_the_queue(implicit_server, tmp_path: Path) -> None:
    folder = make_tree(tmp_path / "f", {"big.bin": 60_000_000, "b.bin": 10, "c.bin": 10})
    store = QueueStore()
    job = make_job(implicit_server.endpoint, [folder], "/", connections=2)
    store.submit(job)
    cancel = threading.Event()

    def on_progress(ev) -> None:
        if ev.bytes_done > 5_000_000:
            cancel.set()

    result = Engine(factory_for(implicit_server), store=store).run(job, on_progress, cancel)
    assert result.cancelled and not result.manifest_uploaded
    big = next(t for t in job.transfers if t.relpath == "f/big.bin")
    assert big.state is TransferState.CANCELLED
    assert not (implicit_server.root / "f" / "big.bin").exists()  # never partial under its name
    assert not [t for t in threading.enumerate() if t.name.startswith("echouploader-transfer")]
    assert store.unfinished_job_ids() == [job.job_id]
    # Resuming finishes it.
    again, _ = run(implicit_server, store.load(job.job_id), store)
    assert again.complete
    assert_same_tree(folder, implicit_server.root)


def test_wrong_password_fails_the_job_with_login_exit(implicit_server, exam: Path) -> None:
    from echouploader.core.ftps.session import SessionFactory
    from tests.core.transfer.helpers import trusting

    job = make_job(implicit_server.endpoint, [exam], "/in")
    factory = SessionFactory(implicit_server.endpoint, "wrong", trusting())
    result = Engine(factory, retry_delay=0.01).run(job, None, threading.Event())
    assert result.error is not None and result.error.exit_code == 6
    assert all(t.state is TransferState.QUEUED for t in job.transfers)
    assert implicit_server.commands().count("PASS") == 1  # no hammering with a bad password


def test_part_name_cannot_be_a_final_name() -> None:
    part = part_name("/in/a.dcm")
    assert part.startswith("/in/eu-") and part.endswith(".echouploader-part")
    assert len(posixpath.basename(part)) == 37  # short whatever the final name's length
    assert part_name("/in/b.dcm") != part and part_name("/in/a.dcm") == part
    from echouploader.core.transfer.plan import is_clutter

    assert is_clutter(posixpath.basename(part))  # never planned as a file to send


def test_local_file_changed_is_reported(implicit_server, tmp_path: Path) -> None:
    folder = make_tree(tmp_path / "f", {"a.bin": 1000})
    job = make_job(implicit_server.endpoint, [folder], "/")
    write_file(folder / "a.bin", 2000)
    result, _ = run(implicit_server, job)
    assert result.files_failed == 1 and "changed size" in result.failures[0][1]


def test_pending_jobs_run_from_the_queue(implicit_server, tmp_path: Path) -> None:
    from echouploader.core.transfer import runner

    a = make_tree(tmp_path / "a", {"x/1.dcm": 100, "x/2.dcm": 200}) / "x"
    b = make_tree(tmp_path / "b", {"y/3.dcm": 300}) / "y"
    factory = factory_for(implicit_server)
    with QueueStore() as store:
        for src, remote in ((a, "/s1"), (b, "/s2")):
            job = make_job(implicit_server.endpoint, [src], remote)
            report, warning = runner.check_quota(factory, job, quota_bytes=10**6)
            assert report.free_bytes == 10**6 and warning is None
            runner.submit(store, job)
        assert len(store.unfinished_job_ids()) == 2
        results = runner.run_pending(store, lambda job: factory, retry_delay=0.05)
        assert [r.complete for r in results] == [True, True]
        assert store.unfinished_job_ids() == []
    assert_same_tree(a, implicit_server.root / "s1")
    assert_same_tree(b, implicit_server.root / "s2")


def test_progress_line_on_a_terminal(capsys) -> None:
    from echouploader.cli.transfer import ProgressLine
    from echouploader.core.transfer.model import ProgressEvent

    line = ProgressLine()
    line(
        ProgressEvent(
            job_id="j",
            transfer_id="t",
            file="exam/a.dcm",
            state="active",
            bytes_done=50,
            bytes_total=100,
            rate=10.0,
            eta=5.0,
            job_bytes_done=500_000_000,
            job_bytes_total=1_000_000_000,
            job_rate=100_000_000.0,
            job_eta=5.0,
            files_done=3,
            files_total=40,
            connections=2,
        )
    )
    line.end()
    err = capsys.readouterr().err
    assert err.startswith("\r[##########") and " 50.0% 500.0 MB/1.0 GB 100.0 MB/s ETA 0:05" in err
    assert "3/40 files | exam/a.dcm  50%" in err


def test_staging_copy_is_removed_after_verification(implicit_server, tmp_path: Path) -> None:
    staging = make_tree(tmp_path / "staging", {"S001/E1/a.dcm": 100}) / "S001"
    job = make_job(implicit_server.endpoint, [staging / "E1"], "/S001")
    job.staging_dir, job.exam_id = staging, "S001-E1"
    job.profile = {"name": "PS3.15 Basic", "options": []}
    result, _ = run(implicit_server, job)
    assert result.complete and not staging.exists()
    info = json.loads((implicit_server.root / "S001" / "upload.json").read_text())
    assert (
        info["exam_id"] == "S001-E1" and info["deidentification_profile"]["name"] == "PS3.15 Basic"
    )


def test_vsftpd_style_write_failure_counts_as_full_disk(make_server, tmp_path: Path) -> None:
    # vsftpd answers ENOSPC/EDQUOT with "451 Failure writing to local file.": stop, do not retry.
    def ftp_STOR(self, file: str, mode: str = "w") -> None:
        self.respond("451 Failure writing to local file.")

    server = make_server(implicit=True, extra={"ftp_STOR": ftp_STOR})
    folder = make_tree(tmp_path / "f", {f"f{i}.bin": 1000 for i in range(4)})
    job = make_job(server.endpoint, [folder], "/", connections=1)
    result, _ = run(server, job)
    assert isinstance(result.error, StorageFull) and "probably full" in str(result.error)
    assert result.files_waiting_for_space == 4
    assert server.commands().count("STOR") == 1


def test_a_bug_of_ours_stops_the_job_once_and_is_not_retried(
    implicit_server, exam: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog
) -> None:
    from echouploader.core import errors as E
    from echouploader.core.transfer import engine as engine_module

    calls: list[str] = []

    def broken(self, s, batch) -> None:  # a programming error, as a bug would raise it
        calls.append(",".join(t.transfer_id for t in batch))
        raise TypeError("unsupported operand type(s) for +: 'int' and 'str'")

    monkeypatch.setattr(engine_module._JobRun, "verify_and_rename", broken)
    store = QueueStore(tmp_path / "q.sqlite3")
    job = make_job(implicit_server.endpoint, [exam], "/in", connections=1)
    store.submit(job)
    caplog.set_level("INFO", logger="echouploader")
    result, _ = run(implicit_server, job, store)
    assert isinstance(result.error, E.InternalError), result.error
    assert "internal error" in str(result.error) and "log" in str(result.error)
    assert len(calls) == 1  # never retried as if the line had dropped
    assert not [r for r in caplog.records if r.levelname == "WARNING" and "try" in r.getMessage()]
    bugs = [r for r in caplog.records if r.levelname == "ERROR" and r.exc_info]
    assert bugs and bugs[0].exc_info[0] is TypeError  # the traceback is in the log
    assert store.unfinished_job_ids() == [job.job_id]  # nothing dropped from the queue
    assert not result.manifest_uploaded
