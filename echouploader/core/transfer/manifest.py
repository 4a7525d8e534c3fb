"""Proof of arrival: ``SHA256SUMS`` (``sha256sum -c`` format) and ``upload.json``, written last.

The receiver knows an upload is complete when ``upload.json`` exists, and checks it with
``sha256sum -c SHA256SUMS`` in the upload folder.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from echouploader import __version__
from echouploader.core.transfer.model import Job, TransferState

SUMS_NAME = "SHA256SUMS"
INFO_NAME = "upload.json"


def _sums_line(digest: str, name: str) -> str:
    # GNU coreutils: names with a backslash or newline are escaped and the line starts with '\'.
    if "\\" in name or "\n" in name or "\r" in name:
        escaped = name.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r")
        return f"\\{digest}  {escaped}\n"
    return f"{digest}  {name}\n"


def sha256sums(job: Job) -> bytes:
    """One line per file uploaded (or found complete) in this job, relative to the job folder."""
    lines = [
        _sums_line(t.sha256, t.relpath)
        for t in sorted(job.transfers, key=lambda t: t.relpath)
        if t.state is TransferState.DONE and t.sha256
    ]
    return "".join(lines).encode("utf-8")


def upload_info(job: Job, *, started: dt.datetime, finished: dt.datetime) -> bytes:
    done = [t for t in job.transfers if t.state is TransferState.DONE]
    info: dict[str, Any] = {
        "tool": "EchoUploader",
        "tool_version": __version__,
        "site": job.endpoint.site,
        "server": f"{job.endpoint.host}:{job.endpoint.port}",
        "remote_folder": job.remote_folder,
        "job_id": job.job_id,
        "started_utc": started.astimezone(dt.UTC).replace(microsecond=0).isoformat(),
        "finished_utc": finished.astimezone(dt.UTC).replace(microsecond=0).isoformat(),
        "file_count": len(done),
        "bytes": sum(t.size for t in done),
        "checksums": SUMS_NAME,
        "exam_id": job.exam_id,
        "deidentification_profile": job.profile,
    }
    attached = (job.profile or {}).get("attachments") or {}
    if attached:
        # The report files (report/report-N.pdf) and comments.txt sent with the exam.
        info["reports"] = list(attached.get("reports", []))
        if attached.get("comments"):
            info["comments"] = attached["comments"]
    kept = [t.relpath for t in job.transfers if t.state is TransferState.SKIPPED]
    if kept:
        info["not_replaced"] = kept  # a different file of that name was already there
    return (json.dumps(info, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
