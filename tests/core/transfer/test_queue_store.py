"""The persisted queue: survives the process; rows a crash left active are pending again."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from echouploader.core import paths
from echouploader.core.ftps.target import Endpoint
from echouploader.core.transfer.model import ConflictPolicy, Job, TransferState
from echouploader.core.transfer.plan import plan_upload
from echouploader.core.transfer.queue_store import QueueStore
from tests.core.transfer.helpers import make_tree


def _job(tmp_path: Path) -> Job:
    exam = make_tree(tmp_path / "exam", {"a.dcm": 10, "b/c.dcm": 20})
    ep = Endpoint("core.example.org", 990, "site07", site="site07", max_connections=3)
    return Job(
        endpoint=ep,
        remote_folder="/in",
        transfers=plan_upload([exam], "/in").transfers,
        target="site:site07/in",
        connections=3,
        on_conflict=ConflictPolicy.RENAME,
        exam_id="S001-E1",
        profile={"name": "PS3.15 basic", "options": ["retain-dates"]},
        staging_dir=tmp_path / "staging",
    )


def test_round_trip_and_interrupted_rows_pend_again(tmp_path: Path) -> None:
    job = _job(tmp_path)
    with QueueStore() as store:
        store.submit(job)
        job.transfers[0].state = TransferState.DONE
        job.transfers[0].sha256 = "ab" * 32
        store.update(job.transfers[0])
        job.transfers[1].state = TransferState.ACTIVE  # the process dies here
        job.transfers[1].bytes_done = 7
        job.transfers[1].attempts = 2
        store.update(job.transfers[1])
    assert (paths.data_dir() / "queue.sqlite3").exists()
    with QueueStore() as store:  # a new process
        assert store.unfinished_job_ids() == [job.job_id]
        loaded = store.load(job.job_id)
    assert loaded.endpoint == job.endpoint and loaded.target == "site:site07/in"
    assert loaded.exam_id == "S001-E1" and loaded.profile == job.profile
    assert loaded.staging_dir == job.staging_dir and loaded.on_conflict is ConflictPolicy.RENAME
    a, c = loaded.transfers
    assert a.state is TransferState.DONE and a.sha256 == "ab" * 32
    assert c.state is TransferState.QUEUED and c.bytes_done == 7 and c.attempts == 2
    assert [t.pending() for t in [loaded]] and loaded.pending() == [c]


def test_wal_mode_and_owner_only(tmp_path: Path) -> None:
    with QueueStore() as store:
        store.submit(_job(tmp_path))
        summary = store.summary()
    assert summary[0]["states"] == {"queued": 2} and summary[0]["exam_id"] == "S001-E1"
    db = sqlite3.connect(paths.data_dir() / "queue.sqlite3")
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    db.close()
    assert (paths.data_dir() / "queue.sqlite3").stat().st_mode & 0o077 == 0


def test_finished_jobs_leave_the_pending_list(tmp_path: Path) -> None:
    job = _job(tmp_path)
    with QueueStore() as store:
        store.submit(job)
        for t in job.transfers:
            t.state = TransferState.DONE
            store.update(t)
        assert store.unfinished_job_ids() == [job.job_id]  # the manifest is not there yet
        store.finish_job(job.job_id, manifest_uploaded=True, error=None)
        assert store.unfinished_job_ids() == []
        assert store.summary(pending_only=False)[0]["manifest_uploaded"] is True
        store.forget(job.job_id)
        assert store.summary(pending_only=False) == []
