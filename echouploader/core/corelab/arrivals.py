"""What has arrived: every exam folder under a remote folder, with its state, from listings alone.

A folder's state (the contract scripts rely on):

- ``uploading``: ``.echouploader-part`` files are present, or there is no ``upload.json`` yet;
- ``complete``: ``upload.json`` is present and every ``SHA256SUMS`` entry is listed with its size;
- ``incomplete``: ``upload.json`` is present but something it lists is missing or has another size.

Sizes come from one listing per folder, made over a small pool of parallel sessions; the file
sizes are those recorded in ``upload.json`` (``file_sizes``), and for older uploads without them
``SHA256SUMS`` is read to check that every file is there and the total matches ``bytes``. A file
changed without changing its size is caught by the download's checksums, not here.
"""

from __future__ import annotations

import json
import logging
import posixpath
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from echouploader.core.ftps.listing import (
    ListedEntry,
    list_and_read,
    list_folder,
    read_small,
)
from echouploader.core.ftps.pool import SessionPool
from echouploader.core.ftps.session import FTPSSession, SessionFactory
from echouploader.core.ftps.target import normalize_remote_path
from echouploader.core.i18n import _
from echouploader.core.privacy.exam_identity import ExamRule
from echouploader.core.transfer.manifest import INFO_NAME, SUMS_NAME
from echouploader.core.transfer.plan import PART_SUFFIX

log = logging.getLogger("echouploader.corelab")

COMPLETE = "complete"
INCOMPLETE = "incomplete"
UPLOADING = "uploading"
STATES = (COMPLETE, INCOMPLETE, UPLOADING)
# Arrivals moves a few kB per folder: round trips, not bandwidth, decide, so more connections
# than an upload uses (a server that allows fewer gets fewer: see pool.SessionPool).
DEFAULT_CONNECTIONS = 16
MAX_CONNECTIONS = 16

ProgressFn = Callable[[int, int], None]


@dataclass
class Arrival:
    """One exam folder on the server."""

    exam: str  # the folder's name, e.g. 1234_1
    folder: str  # its absolute path on the server
    subject: str | None
    echo: str | None
    files: int  # the exam's own files (not SHA256SUMS, upload.json or partial files)
    bytes: int
    uploaded_utc: str | None
    site: str | None
    state: str
    problems: list[str] = field(default_factory=list)  # why it is not complete
    listed: dict[str, int] = field(default_factory=dict)  # relpath -> size, own files only
    info: dict[str, Any] = field(default_factory=dict)  # upload.json as read
    sums: dict[str, str] | None = None  # relpath -> sha256, when SHA256SUMS was read

    @property
    def report_files(self) -> list[str]:
        value = self.info.get("report_files")
        if isinstance(value, list):
            return [str(v) for v in value]
        return sorted(p for p in self.listed if p.split("/", 1)[0] == "report" and "/" in p)

    @property
    def comments(self) -> str | None:
        value = self.info.get("comments")
        if isinstance(value, str):
            return value
        if isinstance(value, dict):
            text = value.get("text")
            return text if isinstance(text, str) else None
        return None

    def to_dict(self) -> dict[str, Any]:
        return {
            "exam": self.exam,
            "subject": self.subject,
            "echo": self.echo,
            "files": self.files,
            "bytes": self.bytes,
            "uploaded_utc": self.uploaded_utc,
            "site": self.site,
            "state": self.state,
            "report_files": self.report_files,
            "comments": self.comments,
        }


# --- SHA256SUMS and upload.json ----------------------------------------------------------------


def parse_sha256sums(data: bytes) -> dict[str, str]:
    """``sha256sum`` lines → {relative path: hex digest}; GNU escapes undone, bad lines skipped."""
    out: dict[str, str] = {}
    for raw in data.decode("utf-8", "replace").splitlines():
        line = raw.rstrip("\r")
        escaped = line.startswith("\\")
        if escaped:
            line = line[1:]
        digest, sep, name = line.partition(" ")
        if not sep or len(digest) != 64 or not name:
            continue
        if name[0] in (" ", "*"):
            name = name[1:]
        if escaped:
            name = _unescape(name)
        try:
            int(digest, 16)
        except ValueError:
            continue
        out[name] = digest.lower()
    return out


def _unescape(name: str) -> str:
    out, i = [], 0
    while i < len(name):
        c = name[i]
        if c == "\\" and i + 1 < len(name):
            nxt = name[i + 1]
            out.append({"n": "\n", "r": "\r", "\\": "\\"}.get(nxt, nxt))
            i += 2
            continue
        out.append(c)
        i += 1
    return "".join(out)


def parse_upload_info(data: bytes) -> dict[str, Any]:
    """``upload.json`` read defensively: anything but a JSON object counts as empty."""
    try:
        info = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return {}
    return info if isinstance(info, dict) else {}


def _text(info: dict[str, Any], key: str) -> str | None:
    value = info.get(key)
    return value if isinstance(value, str) and value else None


def _sizes(info: dict[str, Any]) -> dict[str, int] | None:
    value = info.get("file_sizes")
    if not isinstance(value, dict):
        return None
    out: dict[str, int] = {}
    for k, v in value.items():
        if not isinstance(k, str) or isinstance(v, bool) or not isinstance(v, int):
            return None
        out[k] = v
    return out


# --- one folder --------------------------------------------------------------------------------


def walk(
    s: FTPSSession, folder: str, top: list[ListedEntry] | None = None
) -> tuple[dict[str, int], list[str]]:
    """Every file under ``folder`` (relpath -> size) and the partial files, one listing a folder
    (``top``: the folder's own listing, when it is already known)."""
    files: dict[str, int] = {}
    parts: list[str] = []
    pending = [""]
    while pending:
        rel = pending.pop()
        if rel == "" and top is not None:
            entries = top
        else:
            entries = list_folder(s, posixpath.join(folder, rel) if rel else folder)
        for e in entries:
            path = f"{rel}/{e.name}" if rel else e.name
            if e.is_dir:
                pending.append(path)
            elif e.name.endswith(PART_SUFFIX):
                parts.append(path)
            else:
                files[path] = e.size
    return files, parts


def examine(
    s: FTPSSession, folder: str, rule: ExamRule, *, read_sums: bool = False
) -> Arrival | None:
    """The state of one folder; ``None`` when it is not an exam folder at all."""
    name = posixpath.basename(folder)
    quick = list_and_read(s, folder, INFO_NAME)  # listing and upload.json in one round trip
    top, info_bytes = quick if quick is not None else (None, None)
    files, parts = walk(s, folder, top)
    identity = rule.parse_folder_name(name)
    has_info = INFO_NAME in files
    has_sums = SUMS_NAME in files
    if identity is None and not (has_info or has_sums or parts):
        return None
    own = {p: n for p, n in files.items() if p not in (INFO_NAME, SUMS_NAME)}
    info: dict[str, Any] = {}
    if has_info:
        if info_bytes is None:
            info_bytes = read_small(s, posixpath.join(folder, INFO_NAME))
        info = parse_upload_info(info_bytes)
    if identity is None and _text(info, "exam_id"):
        identity = rule.parse_folder_name(str(info["exam_id"]))
    arrival = Arrival(
        exam=name,
        folder=folder,
        subject=identity.subject if identity else None,
        echo=identity.echo if identity else None,
        files=len(own),
        bytes=sum(own.values()),
        uploaded_utc=_text(info, "finished_utc"),
        site=_text(info, "site"),
        state=UPLOADING,
        listed=own,
        info=info,
    )
    if parts:
        arrival.problems = [_("{count} file(s) still being uploaded").format(count=len(parts))]
        return arrival
    if not has_info:
        arrival.problems = ["no upload.json yet"]
        return arrival
    problems: list[str] = []
    expected = _sizes(info)
    if not has_sums:
        problems.append(f"{SUMS_NAME} is missing")
    elif expected is None or read_sums:
        arrival.sums = parse_sha256sums(read_small(s, posixpath.join(folder, SUMS_NAME)))
    if arrival.sums is not None:
        if expected is None:
            for rel in sorted(arrival.sums):
                if rel not in own:
                    problems.append(f"{rel} is missing")
            total = info.get("bytes")
            if (
                not problems
                and isinstance(total, int)
                and total != sum(own[r] for r in arrival.sums)
            ):
                problems.append(
                    _("the files add up to another size than the {total} bytes sent").format(
                        total=total
                    )
                )
        else:
            sums = arrival.sums
            problems += [
                _("{rel} is not in {SUMS_NAME}").format(rel=rel, SUMS_NAME=SUMS_NAME)
                for rel in expected
                if rel not in sums
            ]
    for rel, size in sorted((expected or {}).items()):
        if rel not in own:
            problems.append(f"{rel} is missing")
        elif own[rel] != size:
            problems.append(
                _("{rel} has {own} bytes instead of {size}").format(
                    rel=rel, own=own[rel], size=size
                )
            )
    arrival.problems = problems
    arrival.state = INCOMPLETE if problems else COMPLETE
    return arrival


# --- every folder ------------------------------------------------------------------------------


def scan(
    factory: SessionFactory,
    root: str,
    *,
    rule: ExamRule | None = None,
    connections: int = DEFAULT_CONNECTIONS,
    read_sums: bool = False,
    on_progress: ProgressFn | None = None,
    cancel: threading.Event | None = None,
    pool: SessionPool | None = None,
) -> list[Arrival]:
    """Every exam folder directly under ``root``, sorted by subject, echo and name."""
    root = normalize_remote_path(root)
    rule = rule or ExamRule()
    own_pool = pool is None
    limit = factory.endpoint.max_connections  # the site's (IT's) limit wins
    pool = pool or SessionPool(factory, min(connections, limit) if limit else connections)
    try:
        top = pool.run([root], list_folder, cancel=cancel)[0]
        folders = sorted(posixpath.join(root, e.name) for e in top if e.is_dir)
        done = [0]
        lock = threading.Lock()

        def one(s: FTPSSession, folder: str) -> Arrival | None:
            result = examine(s, folder, rule, read_sums=read_sums)
            with lock:
                done[0] += 1
                if on_progress is not None:
                    on_progress(done[0], len(folders))
            return result

        found = pool.run(folders, one, cancel=cancel)
    finally:
        if own_pool:
            pool.close()
    arrivals = [a for a in found if a is not None]
    arrivals.sort(key=lambda a: (a.subject or "", a.echo or "", a.exam))
    log.info(
        "arrivals listed",
        extra={
            "event": "arrivals",
            "site": factory.endpoint.site,
            "exams": len(arrivals),
            "complete": sum(a.state == COMPLETE for a in arrivals),
        },
    )
    return arrivals
