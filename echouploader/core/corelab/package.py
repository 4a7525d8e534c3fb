"""From a selection to a verified package: list, choose, fetch, check, lay out, write.

The CLI's ``download`` and the window's Download… both call :func:`download_package`. Everything
that can be refused without the network (a report that cannot be read, a missing ``--out``
folder) is refused first; the archive appears under its final name only when every selected file
verified, and the resume data in the cache is removed then.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from echouploader.core import errors as E
from echouploader.core.corelab import archive, download
from echouploader.core.corelab.arrivals import scan
from echouploader.core.corelab.selection import ReportRow, read_report, select
from echouploader.core.ftps.pool import SessionPool
from echouploader.core.ftps.session import SessionFactory
from echouploader.core.i18n import _
from echouploader.core.privacy.exam_identity import ExamRule

log = logging.getLogger("echouploader.corelab")


@dataclass
class DownloadRequest:
    root: str  # the remote folder that holds the exam folders
    subjects: Sequence[str] = ()
    exams: Sequence[str] = ()
    report: Path | None = None
    study: str | None = None  # --study
    site_study: str = "study"  # the site's study name: the last choice for STUDY
    out: Path | None = None  # the archive; None: <study>_<UTC timestamp>.zip here
    to_folder: Path | None = None  # instead of a zip: the same layout unpacked
    connections: int = download.DEFAULT_CONNECTIONS
    rule: ExamRule = field(default_factory=ExamRule)


@dataclass
class DownloadResult:
    path: Path
    study: str
    exams: list[str]
    files: int
    bytes: int
    series: int
    warnings: list[str]
    seconds: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": str(self.path),
            "study": self.study,
            "exams": self.exams,
            "files": self.files,
            "bytes": self.bytes,
            "series": self.series,
            "verified": self.files,
            "warnings": self.warnings,
            "seconds": round(self.seconds, 3),
        }


def default_name(study: str, now: dt.datetime | None = None) -> str:
    """``<study>_<UTC timestamp>.zip``, e.g. ``FETAL-ECHO_20261201T203000Z.zip``."""
    now = now or dt.datetime.now(dt.UTC)
    return f"{archive.safe_component(study, 'study')}_{now.strftime('%Y%m%dT%H%M%SZ')}.zip"


StageFn = Callable[[str], None]


def download_package(
    factory: SessionFactory,
    request: DownloadRequest,
    *,
    on_progress: download.ProgressFn | None = None,
    on_stage: StageFn | None = None,
    cancel: threading.Event | None = None,
) -> DownloadResult:
    started = time.monotonic()
    rows: list[ReportRow] = read_report(request.report) if request.report else []
    if request.out is not None and request.to_folder is None:
        archive.check_out_folder(Path(request.out))
    if request.to_folder is not None and not Path(request.to_folder).parent.is_dir():
        raise E.UsageError(
            _("The folder '{parent}' does not exist.").format(parent=Path(request.to_folder).parent)
        )

    def stage(text: str) -> None:
        if on_stage is not None:
            on_stage(text)

    url = factory.endpoint.url("/")
    with SessionPool(factory, request.connections) as pool:
        stage(_("Listing the exams on the server"))
        arrivals = scan(factory, request.root, rule=request.rule, pool=pool, cancel=cancel)
        chosen = select(arrivals, subjects=request.subjects, exams=request.exams, report=rows)
        if not chosen.exams:
            why = f" ({'; '.join(chosen.warnings)})" if chosen.warnings else ""
            raise E.EchoUploaderError(
                _("Nothing to download: no complete exam was selected{why}.").format(why=why)
            )
        stage(f"Downloading {len(chosen.exams)} exam(s)")
        files = download.read_checksums(pool, chosen.exams, cancel)
        local = download.fetch(pool, files, url, on_progress=on_progress, cancel=cancel)
    stage(_("Reading the DICOM headers"))
    layout = archive.plan_layout(local, study=request.study, site_study=request.site_study)
    stage("Writing the package")
    if request.to_folder is not None:
        path = archive.write_folder(layout, Path(request.to_folder))
    else:
        out = Path(request.out) if request.out else Path.cwd() / default_name(layout.study)
        path = archive.write_zip(layout, out)
    download.forget(sorted({download.exam_cache(a, url) for a in chosen.exams}))
    result = DownloadResult(
        path=path,
        study=layout.study,
        exams=[a.exam for a in chosen.exams],
        files=len(layout.members),
        bytes=layout.bytes,
        series=len(layout.series),
        warnings=chosen.warnings,
        seconds=time.monotonic() - started,
    )
    log.info(
        "package written",
        extra={
            "event": "download",
            "site": factory.endpoint.site,
            "exams": len(result.exams),
            "files": result.files,
            "bytes": result.bytes,
        },
    )
    return result
