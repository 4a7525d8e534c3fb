"""The package a core lab hands out: ``STUDY/SUBJECT/VISIT/SERIES/<files>`` with its manifests.

SERIES is one folder per ``SeriesInstanceUID``, named from the series number, modality and
description (``S003_US_4CH``); files that are not DICOM go in ``VISIT/other/``. Headers are read
with pydicom up to the pixel data only. Names are deterministic: the same selection gives the
same member names, the same bytes and the same timestamps every time.

The archive is a ZIP (ZIP64 when it needs to be), streamed from the verified files in the cache so
memory stays flat, written under a temporary name next to ``--out`` and renamed only when it is
whole. ``manifest.csv`` / ``manifest.xlsx`` (sheets ``series`` and ``files``) and ``files.csv``
sit at the root.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import os
import re
import shutil
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from echouploader.core.corelab.download import LocalFile
from echouploader.core.errors import UsageError
from echouploader.core.i18n import _

SERIES_COLUMNS = [
    "study",
    "subject",
    "visit",
    "series_instance_uid",
    "series_number",
    "modality",
    "series_description",
    "files",
    "bytes",
    "site",
    "uploaded_utc",
]
FILE_COLUMNS = ["path", "sop_instance_uid", "bytes", "sha256"]
OTHER_FOLDER = "other"
TEMP_SUFFIX = ".echouploader-part"
EPOCH = (1980, 1, 1, 0, 0, 0)
COPY_BLOCK = 1 << 20

HEADER_TAGS = [
    "SeriesInstanceUID",
    "SeriesNumber",
    "Modality",
    "SeriesDescription",
    "SOPInstanceUID",
    "ClinicalTrialProtocolID",
]


@dataclass(frozen=True)
class Header:
    series_uid: str
    series_number: int | None
    modality: str
    description: str
    sop_uid: str
    protocol_id: str


@dataclass
class Member:
    name: str  # path inside the archive
    source: LocalFile
    sop_uid: str
    date_time: tuple[int, int, int, int, int, int]


@dataclass
class SeriesRow:
    study: str
    subject: str
    visit: str
    series_uid: str
    number: int | None
    modality: str
    description: str
    site: str
    uploaded_utc: str
    files: int = 0
    bytes: int = 0

    def values(self) -> list[Any]:
        return [
            self.study,
            self.subject,
            self.visit,
            self.series_uid,
            self.number if self.number is not None else "",
            self.modality,
            self.description,
            self.files,
            self.bytes,
            self.site,
            self.uploaded_utc,
        ]


@dataclass
class Layout:
    study: str
    members: list[Member] = field(default_factory=list)
    series: list[SeriesRow] = field(default_factory=list)
    date_time: tuple[int, int, int, int, int, int] = EPOCH

    @property
    def bytes(self) -> int:
        return sum(m.source.remote.size for m in self.members)

    def file_rows(self) -> list[list[Any]]:
        return [
            [m.name, m.sop_uid, m.source.remote.size, m.source.remote.sha256] for m in self.members
        ]


def read_header(path: Path) -> Header | None:
    """The series facts of a DICOM file; ``None`` for anything that is not a DICOM image/object."""
    import pydicom
    from pydicom.errors import InvalidDicomError

    try:
        ds = pydicom.dcmread(path, stop_before_pixels=True, specific_tags=HEADER_TAGS)
    except (InvalidDicomError, OSError, ValueError, TypeError, AttributeError, EOFError):
        return None
    uid = str(ds.get("SeriesInstanceUID", "") or "").strip()
    if not uid:
        return None
    number: int | None
    try:
        raw = ds.get("SeriesNumber", None)
        number = int(raw) if raw not in (None, "") else None
    except (TypeError, ValueError):
        number = None
    return Header(
        series_uid=uid,
        series_number=number,
        modality=str(ds.get("Modality", "") or "").strip(),
        description=str(ds.get("SeriesDescription", "") or "").strip(),
        sop_uid=str(ds.get("SOPInstanceUID", "") or "").strip(),
        protocol_id=str(ds.get("ClinicalTrialProtocolID", "") or "").strip(),
    )


_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def safe_component(text: str, fallback: str = "_", limit: int = 64) -> str:
    """A folder or file name that every file system and EchoPAC's importer accept."""
    out = _UNSAFE.sub("_", text.strip()).strip("._")[:limit].strip("._")
    return out or fallback


def _zip_time(iso: str | None) -> tuple[int, int, int, int, int, int]:
    if not iso:
        return EPOCH
    try:
        t = dt.datetime.fromisoformat(iso.replace("Z", "+00:00"))
    except ValueError:
        return EPOCH
    if t.tzinfo is not None:
        t = t.astimezone(dt.UTC)
    if t.year < 1980:
        return EPOCH
    return (t.year, t.month, t.day, t.hour, t.minute, t.second)


def _unique(name: str, taken: set[str]) -> str:
    if name.casefold() not in taken:
        taken.add(name.casefold())
        return name
    p = PurePosixPath(name)
    n = 2
    while True:
        candidate = str(p.with_name(f"{p.stem}_{n}{p.suffix}"))
        if candidate.casefold() not in taken:
            taken.add(candidate.casefold())
            return candidate
        n += 1


def plan_layout(
    files: list[LocalFile],
    *,
    study: str | None,
    site_study: str,
    on_file: Callable[[int, int], None] | None = None,
) -> Layout:
    """Where every verified file goes, and the rows of the manifests."""
    headers: list[Header | None] = []
    for i, f in enumerate(files):
        headers.append(read_header(f.path))
        if on_file is not None:
            on_file(i + 1, len(files))
    protocol = next((h.protocol_id for h in headers if h and h.protocol_id), "")
    chosen = study or protocol or site_study
    study_dir = safe_component(chosen, "study")
    layout = Layout(study=study_dir)
    taken: set[str] = set()
    series_rows: dict[tuple[str, str], SeriesRow] = {}

    by_visit: dict[tuple[str, str], list[tuple[LocalFile, Header | None]]] = {}
    for f, h in zip(files, headers, strict=True):
        exam = f.remote.exam
        subject = safe_component(exam.subject or exam.exam)
        visit = safe_component(exam.echo or "visit")
        by_visit.setdefault((subject, visit), []).append((f, h))
    latest = EPOCH
    for (subject, visit), items in sorted(by_visit.items()):
        # Series folders: number, then UID, decides the order; equal names get _2, _3 ...
        series: dict[str, Header] = {}
        for _f, h in items:
            if h is not None and h.series_uid not in series:
                series[h.series_uid] = h
        folder_of: dict[str, str] = {}
        folder_names: set[str] = {OTHER_FOLDER}

        def order(kv: tuple[str, Header]) -> tuple[bool, int, str]:
            return (kv[1].series_number is None, kv[1].series_number or 0, kv[0])

        for uid, h in sorted(series.items(), key=order):
            parts = [f"S{h.series_number:03d}" if h.series_number is not None else "S000"]
            if h.modality:
                parts.append(safe_component(h.modality))
            if h.description:
                parts.append(safe_component(h.description, limit=40))
            folder_of[uid] = _unique("_".join(parts), folder_names)
        for f, h in sorted(items, key=lambda fh: fh[0].remote.relpath):
            exam = f.remote.exam
            when = _zip_time(exam.uploaded_utc)
            latest = max(latest, when)
            base = f"{study_dir}/{subject}/{visit}"
            if h is None:
                rel = "/".join(safe_component(p) for p in f.remote.relpath.split("/"))
                name = _unique(f"{base}/{OTHER_FOLDER}/{rel}", taken)
                sop = ""
            else:
                leaf = safe_component(PurePosixPath(f.remote.relpath).name)
                name = _unique(f"{base}/{folder_of[h.series_uid]}/{leaf}", taken)
                sop = h.sop_uid
                row = series_rows.get((base, h.series_uid))
                if row is None:
                    row = SeriesRow(
                        study=chosen,
                        subject=exam.subject or exam.exam,
                        visit=exam.echo or "",
                        series_uid=h.series_uid,
                        number=h.series_number,
                        modality=h.modality,
                        description=h.description,
                        site=exam.site or "",
                        uploaded_utc=exam.uploaded_utc or "",
                    )
                    series_rows[(base, h.series_uid)] = row
                row.files += 1
                row.bytes += f.remote.size
            layout.members.append(Member(name, f, sop, when))
    layout.members.sort(key=lambda m: m.name)
    layout.series = sorted(
        series_rows.values(),
        key=lambda r: (r.subject, r.visit, r.number is None, r.number or 0, r.series_uid),
    )
    layout.date_time = latest
    return layout


# --- manifests ---------------------------------------------------------------------------------


def _csv(header: list[str], rows: Iterable[list[Any]]) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(header)
    w.writerows(rows)
    return buf.getvalue().encode("utf-8")


def manifest_csv(layout: Layout) -> bytes:
    return _csv(SERIES_COLUMNS, (r.values() for r in layout.series))


def files_csv(layout: Layout) -> bytes:
    return _csv(FILE_COLUMNS, layout.file_rows())


def manifest_xlsx(layout: Layout) -> bytes:
    """Two sheets, ``series`` and ``files``; the bytes depend only on the rows."""
    import openpyxl

    wb = openpyxl.Workbook(write_only=True)
    fixed = dt.datetime(*layout.date_time)
    wb.properties.created = fixed
    wb.properties.modified = fixed
    wb.properties.creator = "EchoUploader"
    ws = wb.create_sheet("series")
    ws.append(SERIES_COLUMNS)
    for r in layout.series:
        ws.append(r.values())
    ws = wb.create_sheet("files")
    ws.append(FILE_COLUMNS)
    for row in layout.file_rows():
        ws.append(row)
    raw = io.BytesIO()
    wb.save(raw)
    # openpyxl stamps its zip entries with the current time: repack them with a fixed one.
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = re.sub(
                    rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                    rb"\g<1>" + fixed.strftime("%Y-%m-%dT%H:%M:%SZ").encode() + rb"\g<2>",
                    data,
                )
            dst.writestr(_entry(info.filename, layout.date_time, zipfile.ZIP_DEFLATED), data)
    return out.getvalue()


MANIFEST_NAMES = ["manifest.csv", "manifest.xlsx", "files.csv"]


def manifests(layout: Layout) -> list[tuple[str, bytes]]:
    return [
        ("manifest.csv", manifest_csv(layout)),
        ("manifest.xlsx", manifest_xlsx(layout)),
        ("files.csv", files_csv(layout)),
    ]


# --- writing -----------------------------------------------------------------------------------


def _entry(name: str, when: tuple[int, int, int, int, int, int], method: int) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=when)
    info.compress_type = method
    info.external_attr = 0o644 << 16
    info.create_system = 3  # Unix: the same bytes from every platform
    return info


def temp_name(out: Path) -> Path:
    return out.with_name(f".{out.name}{TEMP_SUFFIX}")


def check_out_folder(out: Path) -> None:
    parent = out.parent
    if not parent.is_dir():
        raise UsageError(
            _("The folder '{parent}' for the archive does not exist; create it first.").format(
                parent=parent
            )
        )
    if out.is_dir():
        raise UsageError(_("'{out}' is a folder; give the archive's file name.").format(out=out))


def write_zip(layout: Layout, out: Path, on_bytes: Callable[[int], None] | None = None) -> Path:
    """Stream every member into ``out`` via a temporary name; nothing is left behind on error."""
    check_out_folder(out)
    tmp = temp_name(out)
    done = 0
    try:
        with zipfile.ZipFile(tmp, "w", zipfile.ZIP_STORED, allowZip64=True) as zf:
            for m in layout.members:
                info = _entry(m.name, m.date_time, zipfile.ZIP_STORED)
                info.file_size = m.source.remote.size  # lets zipfile choose ZIP64 per member
                with m.source.path.open("rb") as src, zf.open(info, "w") as dst:
                    while chunk := src.read(COPY_BLOCK):
                        dst.write(chunk)
                        done += len(chunk)
                        if on_bytes is not None:
                            on_bytes(done)
            for name, data in manifests(layout):
                zf.writestr(_entry(name, layout.date_time, zipfile.ZIP_DEFLATED), data)
        os.replace(tmp, out)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    return out


def write_folder(
    layout: Layout, folder: Path, on_bytes: Callable[[int], None] | None = None
) -> Path:
    """The same layout unpacked under ``folder`` (for loading straight into EchoPAC)."""
    folder = Path(folder)
    if not folder.parent.is_dir():
        raise UsageError(
            _("The folder '{parent}' does not exist; create it first.").format(parent=folder.parent)
        )
    if folder.exists() and not folder.is_dir():
        raise UsageError(_("'{folder}' is a file, not a folder.").format(folder=folder))
    folder.mkdir(exist_ok=True)
    tmp = folder / f".{layout.study}{TEMP_SUFFIX}"
    shutil.rmtree(tmp, ignore_errors=True)
    done = 0
    try:
        for m in layout.members:
            dest = tmp.joinpath(*m.name.split("/"))
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(m.source.path, dest)
            done += m.source.remote.size
            if on_bytes is not None:
                on_bytes(done)
        for name, data in manifests(layout):
            (tmp / name).write_bytes(data)
        for path in sorted(p for p in tmp.rglob("*") if p.is_file()):
            final = folder / path.relative_to(tmp)
            final.parent.mkdir(parents=True, exist_ok=True)
            os.replace(path, final)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return folder
