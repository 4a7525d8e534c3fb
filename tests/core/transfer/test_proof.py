"""What counts as "already there", and whose proof of arrival is whose.

Same name and size is not the same file: only a hash we recorded, the server's own hash, or the
queue's record proves it; anything else is a conflict. And two uploads into one folder each keep
a manifest the server's files pass.
"""

from __future__ import annotations

import hashlib
import subprocess
from pathlib import Path

import pytest

from echouploader.core.transfer.model import ConflictPolicy, TransferState
from echouploader.core.transfer.queue_store import QueueStore
from tests.core.transfer.helpers import make_job, make_tree, run, write_file


def _sha256sum_ok(folder: Path, sums: str = "SHA256SUMS") -> bool:
    check = subprocess.run(["sha256sum", "-c", "--quiet", sums], cwd=folder, capture_output=True)
    return check.returncode == 0


def test_same_name_and_size_with_other_content_is_a_conflict(
    implicit_server, tmp_path: Path
) -> None:
    local = make_tree(tmp_path / "l", {"exam/a.dcm": 50_000, "exam/b.dcm": 7_000})
    there = implicit_server.root / "in" / "exam"
    write_file(there / "a.dcm", 50_000)  # a re-export: same name, same size, other bytes
    job = make_job(implicit_server.endpoint, [local / "exam"], "/in")
    result, _ = run(implicit_server, job)
    a = next(t for t in job.transfers if t.relpath == "exam/a.dcm")
    assert a.state is TransferState.FAILED and "cannot be proven" in (a.last_error or "")
    assert not result.complete and not result.manifest_uploaded
    assert not (there / "SHA256SUMS").exists()  # never a manifest the server's files fail
    # With --on-conflict overwrite it is sent, and the manifest then holds.
    again = make_job(
        implicit_server.endpoint, [local / "exam"], "/in", on_conflict=ConflictPolicy.OVERWRITE
    )
    result2, _ = run(implicit_server, again)
    assert result2.complete
    assert (there / "a.dcm").read_bytes() == (local / "exam" / "a.dcm").read_bytes()
    assert _sha256sum_ok(there)


def test_a_second_upload_of_the_same_folder_is_proven_by_our_manifest(
    implicit_server, tmp_path: Path
) -> None:
    local = make_tree(tmp_path / "l", {"exam/a.dcm": 50_000, "exam/s/b.dcm": 7_000})
    assert run(implicit_server, make_job(implicit_server.endpoint, [local / "exam"], "/in"))[0]
    job = make_job(implicit_server.endpoint, [local / "exam"], "/in")
    result, _ = run(implicit_server, job)
    assert result.complete and result.files_already_there == 2 and result.bytes_sent == 0
    # A changed file of the same size is caught by that manifest: not "done".
    write_file(local / "exam" / "a.dcm", 50_000)
    job3 = make_job(implicit_server.endpoint, [local / "exam"], "/in")
    result3, _ = run(implicit_server, job3)
    a = next(t for t in job3.transfers if t.relpath == "exam/a.dcm")
    assert a.state is TransferState.FAILED and "different file of the same size" in a.last_error
    assert _sha256sum_ok(implicit_server.root / "in" / "exam")  # the old proof still holds


def test_the_queue_record_proves_a_file_sent_before_a_crash(
    implicit_server, tmp_path: Path
) -> None:
    local = make_tree(tmp_path / "l", {"exam/a.dcm": 40_000})
    store = QueueStore(tmp_path / "q.sqlite3")
    job = make_job(implicit_server.endpoint, [local / "exam"], "/in")
    store.submit(job)
    assert run(implicit_server, job, store)[0].complete
    (implicit_server.root / "in" / "exam" / "SHA256SUMS").unlink()
    (implicit_server.root / "in" / "exam" / "upload.json").unlink()
    again = make_job(implicit_server.endpoint, [local / "exam"], "/in")
    store.submit(again)
    result, _ = run(implicit_server, again, store)
    assert result.complete and result.files_already_there == 1
    assert _sha256sum_ok(implicit_server.root / "in" / "exam")


def _xsha256(handler, fs_path: str) -> None:  # a vendor hash command, as some servers offer it
    with open(fs_path, "rb") as fh:
        digest = hashlib.sha256(fh.read()).hexdigest()
    handler.respond(f"250 {digest}")


def test_the_servers_hash_command_decides_when_it_has_one(make_server, tmp_path: Path) -> None:
    from pyftpdlib.handlers import TLS_FTPHandler

    cmds = dict(TLS_FTPHandler.proto_cmds)
    cmds["XSHA256"] = dict(cmds["SIZE"], help="Syntax: XSHA256 <SP> file-name")
    server = make_server(implicit=True, extra={"proto_cmds": cmds, "ftp_XSHA256": _xsha256})
    local = make_tree(tmp_path / "l", {"exam/same.dcm": 30_000, "exam/other.dcm": 30_000})
    there = server.root / "in" / "exam"
    there.mkdir(parents=True)
    (there / "same.dcm").write_bytes((local / "exam" / "same.dcm").read_bytes())
    write_file(there / "other.dcm", 30_000)
    job = make_job(server.endpoint, [local / "exam"], "/in", on_conflict=ConflictPolicy.SKIP)
    result, _ = run(server, job)
    states = {t.relpath: t.state for t in job.transfers}
    assert states == {"exam/same.dcm": TransferState.DONE, "exam/other.dcm": TransferState.SKIPPED}
    assert result.files_already_there == 1 and result.manifest_uploaded
    assert ("XSHA256", "/in/exam/same.dcm") in server.server.commands
    sums = (there / "SHA256SUMS").read_text()
    assert "same.dcm" in sums and "other.dcm" not in sums
    assert _sha256sum_ok(there)


@pytest.mark.parametrize("kind", ["folders", "loose files"])
def test_two_uploads_into_one_folder_each_keep_their_proof(
    implicit_server, tmp_path: Path, kind: str
) -> None:
    a = make_tree(tmp_path / "a", {"examA/1.dcm": 5_000, "examA/s/2.dcm": 6_000})
    b = make_tree(tmp_path / "b", {"examB/1.dcm": 7_000, "examB/3.dcm": 8_000})
    if kind == "folders":
        sources = [[a / "examA"], [b / "examB"]]
    else:
        sources = [[a / "examA" / "1.dcm"], [b / "examB" / "3.dcm"]]
    jobs = []
    for src in sources:
        job = make_job(implicit_server.endpoint, src, "/T")
        assert run(implicit_server, job)[0].complete
        jobs.append(job)
    target = implicit_server.root / "T"
    if kind == "folders":
        for name in ("examA", "examB"):
            assert _sha256sum_ok(target / name)
            assert (target / name / "upload.json").is_file()
        assert not (target / "SHA256SUMS").exists()
    else:
        for job in jobs:
            sums = f"SHA256SUMS-{job.job_id}"
            assert _sha256sum_ok(target, sums)
            assert (target / f"upload-{job.job_id}.json").is_file()
            assert len((target / sums).read_text().splitlines()) == 1
