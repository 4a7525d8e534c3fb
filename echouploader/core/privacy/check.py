"""Check an exam folder before it leaves the site: classify every file, read every DICOM tag.

DICOM files are read whole with large values deferred, so GE's private raw-data group after the
pixel data is seen while clips are not loaded into memory. Every attribute the PS3.15 table says
to remove or replace is reported when it holds a value, in top-level attributes, nested
sequences, private groups, the file meta and the ``DICOMDIR``.
"""

from __future__ import annotations

import contextlib
import logging
import os
import struct
import threading
import warnings
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydicom.datadict import (
    dictionary_description,
    dictionary_VR,
    keyword_for_tag,
)
from pydicom.dataelem import RawDataElement
from pydicom.dataset import Dataset
from pydicom.errors import InvalidDicomError
from pydicom.tag import Tag
from pydicom.uid import UID

from echouploader.core.errors import Cancelled, EchoUploaderError, PrivacyBlocked, UsageError
from echouploader.core.i18n import _
from echouploader.core.privacy import file_kinds, pool
from echouploader.core.privacy.deidentify.profile import PrivacyProfile
from echouploader.core.privacy.deidentify.ps315 import load_table
from echouploader.core.privacy.dicom_read import convert_values, read_dicom
from echouploader.core.privacy.exam_identity import ExamIdentity
from echouploader.core.privacy.findings import (
    BLOCK,
    INFO,
    MAX_FILES_PER_FINDING,
    WARN,
    CheckReport,
    FileEntry,
    Finding,
    FindingCollector,
    PatientSummary,
)
from echouploader.core.privacy.identifying import (
    IDENTIFYING_TAGS,
    contains_any,
    identifying_parts,
    text_of,
)
from echouploader.core.privacy.pixels import clean as pixels
from echouploader.core.privacy.pixels import table
from echouploader.core.privacy.pixels.matching import IdentifyingValues
from echouploader.core.privacy.reports import values as report_values
from echouploader.core.privacy.reports.attach import (
    document_label,
    encapsulated_label,
    exam_values,
)
from echouploader.core.privacy.reports.clean import clean_report
from echouploader.core.privacy.reports.encapsulated import clean_document, is_encapsulated_pdf
from echouploader.core.support import redaction

log = logging.getLogger("echouploader.privacy")

ProgressFn = Callable[[int, int, str], None]
DEFER_SIZE = 4096
_UNDEFINED = 0xFFFFFFFF
_FILE_META_IDENTIFYING = {
    0x00020016: "SourceApplicationEntityTitle",
    0x00020100: "PrivateInformationCreatorUID",
    0x00020102: "PrivateInformation",
}
_DATE_VRS = {"DA", "DT", "TM"}
_BIRTH_DATE = 0x00100030


@lru_cache(maxsize=4096)
def _vr_of(tag: int) -> str:
    """The dictionary VR of a tag read with implicit VR (private tags: UN)."""
    try:
        return str(dictionary_VR(tag)).split(" or ")[0]
    except KeyError:
        return "UN"


@lru_cache(maxsize=4096)
def _label(keyword: str) -> str:
    return dictionary_description(keyword) if keyword[:1].isalpha() else keyword


def list_files(root: Path) -> list[Path]:
    """Every regular file under ``root``, sorted, skipping OS clutter and hidden files."""
    out = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith(".") or name.lower() in file_kinds.SYSTEM_FILES:
                continue
            path = Path(dirpath) / name
            if path.is_file():
                out.append(path)
    return out


def _deferred_problem(ds: Dataset, path: Path, size: int) -> str:
    """``truncated`` when a top-level value (e.g. the pixel data) would run past the end.

    pydicom reads a short last value without complaint, and a deferred one not at all; the
    element offsets it records tell whether the file holds all of each value.
    """
    # Tags, not elements: iterating a Dataset converts (and so reads) every deferred value.
    for tag in ds.keys():  # noqa: SIM118
        raw = ds.get_item(tag, keep_deferred=True)
        if not isinstance(raw, RawDataElement) or not raw.length:
            continue
        tell = raw.value_tell or 0
        if raw.length != _UNDEFINED:
            if tell + raw.length > size:
                return "truncated"
            continue
        # Encapsulated pixel data: walk the item headers (seeking over the data) to the end.
        with open(path, "rb") as fp:
            fp.seek(tell)
            little = ds.is_little_endian if ds.is_little_endian is not None else True
            fmt = "<HHL" if little else ">HHL"
            while True:
                header = fp.read(8)
                if len(header) < 8:
                    return "truncated"
                group, elem, length = struct.unpack(fmt, header)
                if (group, elem) == (0xFFFE, 0xE0DD):
                    break
                if (group, elem) != (0xFFFE, 0xE000) or fp.tell() + length > size:
                    return "truncated"
                fp.seek(length, os.SEEK_CUR)
    return ""


class _Checker:
    def __init__(
        self,
        root: Path,
        profile: PrivacyProfile,
        identity: ExamIdentity | None = None,
        extra_rows: Sequence[Any] = (),
    ) -> None:
        self.identity = identity
        self.dicomdir_patients: dict[str, set[str]] = defaultdict(set)
        self.root = root
        self.profile = profile
        self.table = load_table()
        self.report = CheckReport(root=root)
        self.found = FindingCollector()
        self.patients: dict[str, PatientSummary] = {}
        # (file, attribute, raw value) of private values: searched once every file's names
        # and IDs are known.
        self.private_values: list[tuple[str, str, Any]] = []
        # In a worker: files that turn out not to be DICOM are left for the merging side.
        self.only_dicom = False
        self.later: list[Path] = []
        severity = INFO if profile.deidentify else BLOCK
        self.extra_rows = extra_rows
        self.cleans_pixels = profile.clean_pixels and profile.deidentify
        # OCR once per layout group (same machine, frame size and fixed mask) of the exam
        self.layout_groups = pixels.LayoutGroups()
        self.value_severity = severity

    # --- per file ---------------------------------------------------------------------------

    def check_file(self, path: Path) -> None:
        rel = path.relative_to(self.root).as_posix()
        try:
            size = path.stat().st_size
            with open(path, "rb") as fp:
                head = fp.read(132)
        except OSError:
            entry = FileEntry(path, rel, file_kinds.OTHER, 0, problem="unreadable")
            self.report.files.append(entry)
            self.found.add(
                WARN, "unreadable-file", _("Files that cannot be read are not sent"), rel
            )
            return
        kind = file_kinds.sniff(head, path.name)
        if self.only_dicom and kind not in (file_kinds.DICOM, file_kinds.DICOMDIR):
            self.later.append(path)  # its name is checked against every DICOM file's values
            return
        entry = FileEntry(path, rel, kind, size)
        self.report.files.append(entry)
        self.report.bytes += size
        self._check_name(entry)
        if kind == file_kinds.EMPTY:
            entry.problem = "empty"
            self.found.add(WARN, "empty-file", _("Empty files are not sent"), rel)
        elif kind in (file_kinds.DICOM, file_kinds.DICOMDIR):
            self._check_dicom(entry, head[128:132] == b"DICM")
        elif kind == file_kinds.IMAGE:
            self._check_image(entry)
        elif kind == file_kinds.DOCUMENT:
            self._check_document(entry)
        elif kind == file_kinds.VIDEO:
            self._check_video(entry)
        else:
            self.found.add(WARN, "unknown-file", _("Files of an unknown type are not sent"), rel)

    def _check_name(self, entry: FileEntry) -> None:
        if entry.kind in (file_kinds.DICOM, file_kinds.DICOMDIR):
            return
        if contains_any(entry.rel, self.report.identifying_strings):
            self.found.add(
                WARN,
                "identifying-file-name",
                _("File names contain a patient's name or ID; they are renamed when de-identified"),
                entry.rel,
            )

    def _check_video(self, entry: FileEntry) -> None:
        if not self.cleans_pixels:
            self.found.add(
                WARN,
                "video-not-checked",
                _("Video clips are sent as they are: their frames may show the patient's name"),
                entry.rel,
            )
            return
        values = IdentifyingValues.from_strings(self.report.identifying_strings)
        self._pixel_findings(entry, pixels.plan_video(entry.path, values))

    def _pixel_findings(self, entry: FileEntry, plan: pixels.PixelPlan) -> None:
        """Record the plan of one file's frames, and what the person must know of it."""
        entry.pixels = plan
        for problem in plan.problems:
            self.found.add(WARN, "ultrasound-regions-not-used", problem, entry.rel)
        if plan.action == pixels.BLOCK:
            log.warning(
                "pixels cannot be cleaned",
                extra={"event": "pixels", "file": entry.rel, "reason": plan.reason},
            )
            self.found.add(
                BLOCK,
                "pixels-not-cleanable",
                _("Images cannot be checked or cleaned of burned-in text (see the files)"),
                entry.rel,
            )
        elif plan.action == pixels.CLEAN and plan.sources == ["OCR"]:
            self.found.add(
                WARN,
                "pixels-ocr-only",
                _(
                    "Images from a machine with no declared regions and no table row: only "
                    "the text OCR read is blanked; review a frame before sending"
                ),
                entry.rel,
            )

    def _check_image(self, entry: FileEntry) -> None:
        try:
            data = entry.path.read_bytes()
            entry.metadata = file_kinds.image_metadata(data)
        except (OSError, ValueError):
            entry.problem = "unreadable"
            self.found.add(
                WARN, "unreadable-file", _("Damaged image files are not sent"), entry.rel
            )
            return
        if file_kinds.image_format(data[:8]) == "tiff":
            self.found.add(
                WARN,
                "image-not-cleanable",
                _("TIFF images cannot be cleaned of their metadata and are not sent"),
                entry.rel,
            )
        elif entry.metadata:
            self.found.add(
                WARN,
                "image-metadata",
                _("Images carry metadata (EXIF, text); it is removed when de-identified"),
                entry.rel,
            )
        self.found.add(
            WARN,
            "image-not-checked",
            _(
                "Photos and stills are sent without their metadata but may show a name "
                "in the picture"
            ),
            entry.rel,
        )

    def _check_document(self, entry: FileEntry) -> None:
        try:
            entry.metadata = file_kinds.pdf_metadata(entry.path.read_bytes())
        except OSError:
            entry.problem = "unreadable"
            self.found.add(
                WARN, "unreadable-file", _("Files that cannot be read are not sent"), entry.rel
            )
            return
        if entry.metadata:
            self.found.add(
                INFO,
                "pdf-metadata",
                _("PDF documents carry metadata (author, title); the cleaned copy has none"),
                entry.rel,
            )

    def _clean_documents(self, identity: ExamIdentity | None) -> None:
        """Clean every PDF and Encapsulated PDF now, so the findings say what will be sent.

        De-identification cleans the same bytes for the same values (from a cache when it runs
        in this process) and comes to the same result.
        """
        values = exam_values(self.report.identifying_strings, identity)
        for entry in self.report.files:
            if not entry.usable:
                continue
            if entry.kind == file_kinds.DOCUMENT:
                try:
                    clean_report(
                        entry.path.read_bytes(),
                        document_label(entry.rel, values),
                        report_values.IdentifyingValues(values),
                    )
                except (PrivacyBlocked, OSError, UsageError):
                    self.found.add(
                        WARN,
                        "pdf-left-out",
                        _(
                            "PDF documents that cannot be cleaned (damaged, protected, or still "
                            "showing a name after cleaning) are not sent"
                        ),
                        entry.rel,
                    )
                    continue
                self.found.add(
                    INFO,
                    "pdf-cleaned",
                    _(
                        "PDF documents are rendered to images, identifying text is blanked, "
                        "and they are sent as image-only PDFs (verified by OCR)"
                    ),
                    entry.rel,
                )
            elif entry.encapsulated_pdf:
                try:
                    ds = read_dicom(entry.path, force=True)
                    clean_document(ds, encapsulated_label(entry.rel, values), values)
                except (PrivacyBlocked, InvalidDicomError, OSError, ValueError, EOFError):
                    self.found.add(
                        WARN,
                        "encapsulated-pdf-left-out",
                        _(
                            "Encapsulated PDF instances whose report cannot be cleaned (damaged, "
                            "protected, or still showing a name after cleaning) are not sent"
                        ),
                        entry.rel,
                        "EncapsulatedDocument",
                    )
                    continue
                self.found.add(
                    INFO,
                    "encapsulated-pdf-cleaned",
                    _(
                        "Encapsulated PDF reports are rendered to images, identifying text is "
                        "blanked, and put back as image-only PDFs (verified by OCR)"
                    ),
                    entry.rel,
                    "EncapsulatedDocument",
                )

    def _check_dicom(self, entry: FileEntry, preamble: bool) -> None:
        rel = entry.rel
        # A file with the DICM preamble that does not read whole was cut short or damaged; a
        # ``.dcm`` file without it may simply not be DICOM.
        damaged = "truncated" if preamble else "unreadable"
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # pydicom warns about what is reported here
                ds = read_dicom(entry.path, defer_size=DEFER_SIZE, force=not preamble)
            # On the raw elements (converting them hides a short last value), then convert.
            problem = _deferred_problem(ds, entry.path, entry.size) and damaged
            if not problem:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    convert_values(ds)  # what de-identification reads must read here too
            if not problem and entry.kind == file_kinds.DICOM and "SOPClassUID" not in ds:
                problem = damaged
        except (
            InvalidDicomError,
            EOFError,
            OSError,
            ValueError,
            struct.error,
            KeyError,
            TypeError,
            NotImplementedError,
            IndexError,
            AttributeError,
        ):
            problem = damaged
        if problem:
            entry.problem = problem
            message = (
                _("Truncated or damaged DICOM files are not sent")
                if problem == "truncated"
                else _("Files that cannot be read as DICOM are not sent")
            )
            self.found.add(WARN, f"{problem}-file", message, rel)
            return
        if getattr(ds, "stray_delimiters", 0):
            self.found.add(
                INFO,
                "stray-delimiter",
                _(
                    "A sequence delimiter outside any sequence is dropped from the copy "
                    "that is sent"
                ),
                rel,
            )
        where = "DICOMDIR" if entry.kind == file_kinds.DICOMDIR else "top"
        try:
            self._walk(ds, rel, where)
            self._walk_file_meta(ds, rel)
        except (OSError, ValueError, struct.error, EOFError) as exc:
            entry.problem = "truncated"
            self.found.add(
                WARN, "truncated-file", _("Truncated or damaged DICOM files are not sent"), rel
            )
            log.debug("bad element", extra={"event": "check", "error": type(exc).__name__})
            return
        if entry.kind == file_kinds.DICOMDIR:
            self.found.add(INFO, "dicomdir", _("DICOMDIR lists patient names; it is not sent"), rel)
            for record in ds.get("DirectoryRecordSequence", []):
                if record.get("DirectoryRecordType") == "PATIENT":
                    listed = text_of(record.get("PatientID", "")) or text_of(
                        record.get("PatientName", "")
                    )
                    self.dicomdir_patients[rel].add(listed)
            return
        self._summarise(ds, entry)

    def _walk(self, ds: Dataset, rel: str, where: str) -> None:
        """Report every identifying attribute that holds a value, at every depth.

        Works on the raw elements: a value is converted only when it is needed (person names,
        sequences, private text), which keeps the check fast on exams of hundreds of files.
        """
        # The data set's own element map: iterating the Dataset would convert (and for deferred
        # values, read) every value, and get_item() per tag costs more than the walk itself.
        for tag, raw in list(ds._dict.items()):
            if isinstance(raw, RawDataElement):
                if raw.value is None or not raw.length:
                    continue  # empty, or a large deferred value (pixel data, raw cine data)
                vr = raw.VR or _vr_of(tag)
            else:
                if raw.value in (None, "", b"") or (raw.VR == "SQ" and not raw.value):
                    continue
                vr = raw.VR
            if tag >> 16 & 1:
                self._private(ds, tag, vr, raw.value, rel)
                continue
            if vr == "SQ":
                for item in ds[tag].value:
                    self._walk(item, rel, "DICOMDIR" if where == "DICOMDIR" else "sequence")
                continue
            if tag >> 16 == 0x0002:
                continue
            action = self.table.action(tag)
            if vr == "PN" or tag in IDENTIFYING_TAGS:
                self.report.identifying_strings |= identifying_parts(text_of(ds[tag].value))
            if vr == "PN":
                action = action or "Z"
            if action in (None, "K", "U") or (vr in _DATE_VRS and tag != _BIRTH_DATE):
                continue
            self._value_finding(keyword_for_tag(tag) or str(Tag(tag)), rel, where)

    def _value_finding(self, keyword: str, rel: str, where: str) -> None:
        label = _label(keyword)
        places = {
            "top": "",
            "sequence": _(" inside a sequence"),
            "DICOMDIR": _(" in the DICOMDIR"),
            "file meta": _(" in the file meta"),
            "private": _(" in a private attribute"),
        }
        attribute = keyword if where == "top" else f"{keyword} ({where})"
        self.found.add(
            self.value_severity,
            "identifying-value",
            _("{label} holds an identifying value{places}").format(
                label=label, places=places[where]
            ),
            rel,
            attribute,
        )

    def _private(self, ds: Dataset, tag: int, vr: str, value: Any, rel: str) -> None:
        if vr == "SQ":
            for item in ds[tag].value:
                self._walk(item, rel, "private")
            return
        if tag & 0xFFFF >= 0x1000:
            self.found.add(
                INFO,
                "private-attributes",
                _("Private (vendor) attributes are present; only allow-listed groups are kept"),
                rel,
                "",
            )
            # Raw values are the file's bytes: searched as they are, whatever the VR.
            creator_tag = (tag & 0xFFFF0000) | ((tag & 0xFFFF) >> 8)
            creator = text_of(ds[creator_tag].value) if creator_tag in ds else "unknown creator"
            self.private_values.append((rel, f"{Tag(tag)} of {creator}", value))

    def _walk_file_meta(self, ds: Dataset, rel: str) -> None:
        meta = getattr(ds, "file_meta", None)
        if meta is None:
            return
        for tag, keyword in _FILE_META_IDENTIFYING.items():
            raw = meta._dict.get(Tag(tag))
            if raw is not None and raw.value not in (None, "", b""):
                self._value_finding(keyword, rel, "file meta")

    def _check_subject(self, ds: Dataset, rel: str) -> None:
        """Images already labelled for the study must carry this exam's subject number."""
        if self.identity is None:
            return
        labelled = text_of(ds.get("ClinicalTrialSubjectID", ""))
        if labelled and labelled != self.identity.subject:
            self.found.add(
                BLOCK,
                "other-subject",
                _("Images are labelled for another subject number than this exam's"),
                rel,
                "ClinicalTrialSubjectID",
            )

    def _add_patient(self, ds: Dataset, entry: FileEntry | None) -> None:
        name = text_of(ds.get("PatientName", ""))
        pid = text_of(ds.get("PatientID", ""))
        birth = text_of(ds.get("PatientBirthDate", ""))
        if not (name or pid):
            return
        key = pid or name
        summary = self.patients.setdefault(key, PatientSummary(name, pid, birth))
        if entry is not None:
            summary.files += 1
            entry.patient = (name, pid, birth)

    def _summarise(self, ds: Dataset, entry: FileEntry) -> None:
        rep = self.report
        self._add_patient(ds, entry)
        self._check_subject(ds, entry.rel)
        study = text_of(ds.get("StudyInstanceUID", ""))
        entry.study_uid = study
        if study:
            info = rep.studies.setdefault(study, {"uid": study, "date": "", "files": 0})
            info["date"] = info["date"] or text_of(ds.get("StudyDate", ""))
            info["files"] += 1
        series = text_of(ds.get("SeriesInstanceUID", ""))
        if series:
            rep.series.add(series)
        modality = text_of(ds.get("Modality", "")) or "?"
        rep.modalities[modality] += 1
        sop = text_of(ds.get("SOPClassUID", ""))
        entry.encapsulated_pdf = is_encapsulated_pdf(sop)
        rep.sop_classes[UID(sop).name if sop else "?"] += 1
        maker = " ".join(
            x
            for x in (
                text_of(ds.get("Manufacturer", "")),
                text_of(ds.get("ManufacturerModelName", "")),
            )
            if x
        )
        if maker:
            rep.makers[maker] += 1
        syntax = text_of(getattr(ds.file_meta, "TransferSyntaxUID", ""))
        rep.transfer_syntaxes[UID(syntax).name if syntax else "?"] += 1
        has_pixels = "PixelData" in ds or "FloatPixelData" in ds
        if has_pixels:
            try:
                rep.frames += int(ds.get("NumberOfFrames", 1) or 1)
            except (TypeError, ValueError):
                rep.frames += 1
        burned_in_attribute = text_of(ds.get("BurnedInAnnotation", "")).upper() == "YES"
        if burned_in_attribute or (
            modality == "US" and has_pixels and self.profile.us_burned_in_text
        ):
            entry.burned_in = True
        if has_pixels and self.cleans_pixels:
            values = IdentifyingValues.from_dataset(ds)
            self._pixel_findings(
                entry,
                self.layout_groups.plan_dataset(
                    ds, values, extra_rows=self.extra_rows, path=entry.path
                ),
            )
        elif burned_in_attribute:
            self.found.add(
                WARN,
                "burned-in-annotation",
                _(
                    "Images say patient details are burned into the pixels "
                    "(BurnedInAnnotation = YES)"
                ),
                entry.rel,
                "BurnedInAnnotation",
            )
        elif entry.burned_in:
            self.found.add(
                WARN,
                "ultrasound-banner",
                _(
                    "Ultrasound images usually show the patient's name in a banner; check "
                    "the frames before sending"
                ),
                entry.rel,
                "PixelData",
            )

    # --- whole exam -------------------------------------------------------------------------

    # --- runs of files checked in worker processes (``core.privacy.pool``) ------------------

    def take_run(self) -> _Run:
        """What checking files since the last call added, and a fresh start for the next run."""
        found = self.found
        assert isinstance(found, _RecordedFindings)
        run = _Run(
            self.report,
            found.calls,
            self.patients,
            dict(self.dicomdir_patients),
            self.private_values,
            self.later,
        )
        self.report = CheckReport(root=self.root)
        self.found = _RecordedFindings()
        self.patients = {}
        self.dicomdir_patients = defaultdict(set)
        self.private_values = []
        self.later = []
        return run

    def merge(self, run: _Run) -> None:
        """Add a run checked elsewhere as if its files had been checked here, in order."""
        rep, part = self.report, run.report
        rep.files.extend(part.files)
        rep.bytes += part.bytes
        rep.frames += part.frames
        rep.identifying_strings |= part.identifying_strings
        rep.series |= part.series
        for counter, more in (
            (rep.modalities, part.modalities),
            (rep.sop_classes, part.sop_classes),
            (rep.makers, part.makers),
            (rep.transfer_syntaxes, part.transfer_syntaxes),
        ):
            counter.update(more)
        for uid, info in part.studies.items():
            mine = rep.studies.setdefault(uid, {"uid": uid, "date": "", "files": 0})
            mine["date"] = mine["date"] or info["date"]
            mine["files"] += info["files"]
        for args in run.findings:
            self.found.add(*args)
        for key, summary in run.patients.items():
            mine_p = self.patients.setdefault(
                key, PatientSummary(summary.name, summary.id, summary.birth_date)
            )
            mine_p.files += summary.files
        for rel, listed in run.dicomdir_patients.items():
            self.dicomdir_patients[rel] |= listed
        self.private_values.extend(run.private_values)

    def finish(self, identity: ExamIdentity | None) -> CheckReport:
        rep = self.report
        # Private values, against every name and ID the exam's files hold.
        for rel, attribute, value in self.private_values:
            if contains_any(value, rep.identifying_strings):
                self._value_finding(attribute, rel, "private")
        self.private_values = []
        rep.patients = sorted(self.patients.values(), key=lambda p: -p.files)
        for rel, listed in self.dicomdir_patients.items():
            if listed - set(self.patients) - {""}:
                self.found.add(
                    WARN,
                    "dicomdir-other-patients",
                    _("The DICOMDIR lists patients whose images are not in the folder"),
                    rel,
                )
        if len(rep.patients) > 1:
            for entry in rep.files:
                if entry.patient:
                    self.found.add(
                        BLOCK,
                        "several-patients",
                        _(
                            "The folder holds images of {count} different patients; one exam is "
                            "one patient"
                        ).format(count=len(rep.patients)),
                        entry.rel,
                        "PatientID",
                    )
        if not any(f.kind == file_kinds.DICOM and f.usable for f in rep.files):
            self.found.add(WARN, "no-dicom", _("The folder holds no readable DICOM image"), "")
        # Strings too short to be told apart from ordinary words are no use for redaction.
        rep.identifying_strings = {s for s in rep.identifying_strings if len(s) >= 3}
        # Even in a blocked exam: the findings say what happens to each file once it is resolved.
        self._clean_documents(identity)
        rep.findings = self.found.result()
        cleaned = [f for f in rep.files if f.pixels is not None and f.pixels.action == "clean"]
        if cleaned:
            methods = sorted({f.pixels.method for f in cleaned})
            rep.findings.append(
                Finding(
                    INFO,
                    "pixels-clean",
                    _(
                        "{count} image file(s) will have burned-in text blanked ({methods}), "
                        "then read again by OCR"
                    ).format(count=len(cleaned), methods="; ".join(methods)),
                    count=len(cleaned),
                    files=[f.rel for f in cleaned[:MAX_FILES_PER_FINDING]],
                )
            )
        return rep


class _RecordedFindings(FindingCollector):
    """A collector that also keeps every call, to be replayed in order by the merging side."""

    def __init__(self) -> None:
        super().__init__()
        self.calls: list[tuple[str, str, str, str, str]] = []

    def add(self, severity: str, code: str, message: str, rel: str, attribute: str = "") -> None:
        self.calls.append((severity, code, message, rel, attribute))


@dataclass
class _Run:
    report: CheckReport
    findings: list[tuple[str, str, str, str, str]]
    patients: dict[str, PatientSummary]
    dicomdir_patients: dict[str, set[str]]
    private_values: list[tuple[str, str, Any]]
    later: list[Path]


def _worker_checker(
    root: Path, profile: PrivacyProfile, identity: ExamIdentity | None, rows: tuple[Any, ...]
) -> _Checker:
    checker = _Checker(root, profile, identity, rows)
    checker.found = _RecordedFindings()
    checker.only_dicom = True
    return checker


def _check_run(checker: _Checker, paths: list[Path]) -> _Run:
    """In a worker: check a run of files, and hand back what they added."""
    for path in paths:
        _check_one(checker, path)
    return checker.take_run()


def _check_one(checker: _Checker, path: Path) -> None:
    try:
        checker.check_file(path)
    except EchoUploaderError:
        raise
    except Exception as exc:  # noqa: BLE001 - inside the gate: fail closed, exit 3
        log.error("check failed on a file: %r", exc, exc_info=exc, extra={"event": "check"})
        raise PrivacyBlocked(
            _(
                "{file} could not be checked ({kind}), so the exam was not sent; the "
                "details are in the log."
            ).format(file=path.relative_to(checker.root), kind=type(exc).__name__)
        ) from exc


def _size_hint(paths: list[Path], enough: int = pool.MIN_BYTES) -> int:
    """The bytes of ``paths``, counted only as far as ``enough`` (a few files' stat calls)."""
    total = 0
    if len(paths) >= pool.MIN_FILES_HEADERS_ONLY:
        return total
    for path in paths:
        with contextlib.suppress(OSError):
            total += path.stat().st_size
        if total >= enough:
            break
    return total


def check_exam(
    folder: Path,
    profile: PrivacyProfile | None = None,
    identity: ExamIdentity | None = None,
    on_progress: ProgressFn | None = None,
    cancel: threading.Event | None = None,
    exam_id: str = "",
    extra_rows: Sequence[Any] = (),
) -> CheckReport:
    """Check every file under ``folder``; raises ``UsageError`` when it is not a folder.

    ``extra_rows`` are pixel table rows of the site and of IT, before the package's own.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise UsageError(_("{folder} is not a folder.").format(folder=folder))
    profile = profile or PrivacyProfile()
    # The site's rows (its profile) and IT's (the machine-wide file) come before the package's.
    loaded = table.load_rows(profile.pixel_rects)
    checker = _Checker(folder, profile, identity, tuple(extra_rows) + loaded.rows)
    paths = list_files(folder)
    # DICOM first: its names and IDs let the other files' names be checked.
    later_kinds = (
        file_kinds.VIDEO_EXTENSIONS | file_kinds.IMAGE_EXTENSIONS | file_kinds.DOCUMENT_EXTENSIONS
    )
    paths.sort(key=lambda p: p.suffix.lower() in later_kinds)
    # The files that may be DICOM can be checked in worker processes, in runs of neighbouring
    # files merged back in order; the others need every DICOM file's names first.
    first = [p for p in paths if p.suffix.lower() not in later_kinds]
    workers = pool.worker_count(len(first), _size_hint(first), checker.cleans_pixels)
    done = 0
    left = paths
    if workers > 1:
        if on_progress is not None:
            on_progress(0, len(paths), first[0].name)
        results = pool.run_in_workers(
            _worker_checker,
            (folder, profile, identity, checker.extra_rows),
            _check_run,
            pool.chunks(first, workers),
            workers,
            cancel,
            _("The exam check was cancelled."),
        )
        not_dicom: list[Path] = []
        with contextlib.closing(results):
            for run in results:
                checker.merge(run)
                not_dicom += run.later
                done += len(run.report.files)
                if on_progress is not None:
                    on_progress(done, len(paths), "")
        left = not_dicom + paths[len(first) :]
    for path in left:
        if cancel is not None and cancel.is_set():
            raise Cancelled(_("The exam check was cancelled."))
        if on_progress is not None:
            on_progress(done, len(paths), path.name)
        _check_one(checker, path)
        done += 1
    if on_progress is not None:
        on_progress(len(paths), len(paths), "")
    report = checker.finish(identity)
    for problem in loaded.problems:  # a bad site or IT row
        report.findings.append(Finding(WARN, "pixel-table-row", problem, count=1))
    # Whatever is logged from here on (by any module, in any thread) hides these values.
    redaction.add_redactions(report.identifying_strings)
    report.files.sort(key=lambda f: f.rel)
    log.info(
        "exam checked",
        extra={
            "event": "check",
            "exam": exam_id,
            "files": len(report.files),
            "dicom": report.dicom_count,
            "blocked": report.blocked,
            "findings": {f.code: f.count for f in report.findings},
        },
    )
    return report
