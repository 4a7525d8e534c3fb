"""Proof of arrival: ``SHA256SUMS`` (``sha256sum -c`` format) and ``upload.json``, written last.

Each uploaded folder carries its own proof inside it, so one upload never overwrites another's:

- an exam job (``job.exam_id``) sends one exam folder: ``SHA256SUMS`` + ``upload.json`` in it;
- a folder given to ``upload`` gets ``SHA256SUMS`` + ``upload.json`` inside that folder on the
  server, with names relative to it;
- loose files given to ``upload`` get ``SHA256SUMS-<job>`` + ``upload-<job>.json`` next to them,
  a name no other job uses.

The receiver knows a folder is complete when its ``upload.json`` (or ``upload-<job>.json``) exists,
and checks it with ``sha256sum -c SHA256SUMS`` in that folder.
"""

from __future__ import annotations

import datetime as dt
import json
import posixpath
from dataclasses import dataclass, field
from typing import Any

from echouploader import __version__
from echouploader.core.transfer.model import Job, Transfer, TransferState

SUMS_NAME = "SHA256SUMS"
INFO_NAME = "upload.json"
TOOL = "EchoUploader"


@dataclass
class Manifest:
    """One proof of arrival: where it goes and the files it speaks for."""

    folder: str  # remote folder the two files are written in
    sums_name: str
    info_name: str
    entries: list[tuple[str, Transfer]] = field(default_factory=list)  # (name in folder, file)


def loose_names(job_id: str) -> tuple[str, str]:
    """The manifest names for files sent without a folder: unique to the job."""
    return f"{SUMS_NAME}-{job_id}", f"upload-{job_id}.json"


def _place(job: Job, t: Transfer) -> tuple[str, str, str, str]:
    """(folder, name in folder, sums name, info name) of the manifest that lists ``t``."""
    if job.exam_id is not None:
        return job.remote_folder, t.relpath, SUMS_NAME, INFO_NAME
    top, sep, rest = t.relpath.partition("/")
    if sep:
        return posixpath.join(job.remote_folder, top), rest, SUMS_NAME, INFO_NAME
    return (job.remote_folder, t.relpath, *loose_names(job.job_id))


def manifests(job: Job) -> list[Manifest]:
    """Every manifest the job writes, folders first, each listing its files in name order."""
    out: dict[tuple[str, str], Manifest] = {}
    for t in sorted(job.transfers, key=lambda t: t.relpath):
        folder, name, sums, info = _place(job, t)
        m = out.setdefault((folder, sums), Manifest(folder, sums, info))
        m.entries.append((name, t))
    return sorted(out.values(), key=lambda m: (m.sums_name != SUMS_NAME, m.folder))


def place_of(job: Job, t: Transfer) -> tuple[str, str]:
    """(folder, name in its SHA256SUMS) for ``t``: where an earlier run recorded its hash."""
    folder, name, _sums, _info = _place(job, t)
    return folder, name


def _sums_line(digest: str, name: str) -> str:
    # GNU coreutils: names with a backslash or newline are escaped and the line starts with '\'.
    if "\\" in name or "\n" in name or "\r" in name:
        escaped = name.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r")
        return f"\\{digest}  {escaped}\n"
    return f"{digest}  {name}\n"


def sha256sums(m: Manifest) -> bytes:
    """One line per file uploaded (or proven complete), relative to the manifest's folder."""
    lines = [
        _sums_line(t.sha256, name)
        for name, t in m.entries
        if t.state is TransferState.DONE and t.sha256
    ]
    return "".join(lines).encode("utf-8")


def parse_sums(data: bytes) -> dict[str, str]:
    """``name -> sha256`` from a ``SHA256SUMS`` (escaped names undone; bad lines ignored)."""
    out: dict[str, str] = {}
    for raw in data.decode("utf-8", "replace").splitlines():
        escaped = raw.startswith("\\")
        line = raw[1:] if escaped else raw
        digest, sep, name = line.partition("  ")
        if not sep or len(digest) != 64 or any(c not in "0123456789abcdef" for c in digest):
            continue
        if escaped:
            name = name.replace("\\n", "\n").replace("\\r", "\r").replace("\\\\", "\\")
        out[name] = digest
    return out


def written_by_us(info: bytes) -> bool:
    """Is this ``upload.json`` one EchoUploader wrote?"""
    try:
        data = json.loads(info.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return False
    return isinstance(data, dict) and data.get("tool") == TOOL


def upload_info(job: Job, m: Manifest, *, started: dt.datetime, finished: dt.datetime) -> bytes:
    done = [t for _name, t in m.entries if t.state is TransferState.DONE]
    info: dict[str, Any] = {
        "tool": TOOL,
        "tool_version": __version__,
        "site": job.endpoint.site,
        "server": f"{job.endpoint.host}:{job.endpoint.port}",
        "remote_folder": m.folder,
        "job_id": job.job_id,
        "started_utc": started.astimezone(dt.UTC).replace(microsecond=0).isoformat(),
        "finished_utc": finished.astimezone(dt.UTC).replace(microsecond=0).isoformat(),
        "file_count": len(done),
        "bytes": sum(t.size for t in done),
        "checksums": m.sums_name,
        # Per-file sizes let a receiver tell complete from incomplete from a listing alone.
        "file_sizes": {
            name: t.size
            for name, t in sorted(m.entries, key=lambda e: e[0])
            if t.state is TransferState.DONE and t.sha256
        },
        "exam_id": job.exam_id,
        "deidentification_profile": job.profile,
    }
    if job.profile and job.profile.get("attachments"):
        # The report files (report/report-N.pdf) and comments.txt sent with the exam: named at
        # the top, where arrivals reads them, not inside the profile.
        profile = dict(job.profile)
        info.update(profile.pop("attachments"))
        info["deidentification_profile"] = profile
    kept = [name for name, t in m.entries if t.state is TransferState.SKIPPED]
    if kept:
        info["not_replaced"] = kept  # a different file of that name was already there
    return (json.dumps(info, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
