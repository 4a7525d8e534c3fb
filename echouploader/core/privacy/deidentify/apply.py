"""De-identify a whole exam folder into an output folder.

DICOM files get the PS3.15 basic profile with the site's options, consistent UIDs, the study ID
as patient name and ID, and the Clinical Trial attributes; a fresh file meta and an empty
preamble. The ``DICOMDIR`` is left out (it would be stale and it lists names). Images lose their
EXIF and text metadata; PDFs, and the document of an Encapsulated PDF instance, are cleaned into
image-only PDFs (``core.privacy.reports``) or left out; videos are copied as they are (the check
warns about them). Attached reports and comments are written last, into ``report/`` and
``comments.txt``.
Every written file is then searched byte by byte for the identifying strings the check found
(all of them in one pass; pixel data copied unchanged is left out, see ``leak_search``): one hit
stops everything. The key code records who the study ID stands for.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import logging
import os
import re
import shutil
import threading
from dataclasses import dataclass, field
from pathlib import Path

from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.errors import InvalidDicomError
from pydicom.sequence import Sequence
from pydicom.uid import PYDICOM_IMPLEMENTATION_UID, UID

from echouploader.core.errors import Cancelled, EchoUploaderError, PrivacyBlocked, UsageError
from echouploader.core.i18n import _
from echouploader.core.privacy import file_kinds, pool
from echouploader.core.privacy.check import ProgressFn, check_exam
from echouploader.core.privacy.deidentify import leak_search
from echouploader.core.privacy.deidentify.dataset import DUMMY_TEXT, DatasetCleaner
from echouploader.core.privacy.deidentify.profile import (
    CLEAN_PIXEL_DATA,
    OPTION_MEANINGS,
    PrivacyProfile,
)
from echouploader.core.privacy.deidentify.uids import UidMapper, site_secret
from echouploader.core.privacy.dicom_read import read_dicom
from echouploader.core.privacy.exam_identity import ExamIdentity, ExamRule
from echouploader.core.privacy.findings import CheckReport, FileEntry
from echouploader.core.privacy.keycode import KeyCodeEntry, KeyCodeStore
from echouploader.core.privacy.pixels import clean as pixels
from echouploader.core.privacy.pixels import streaming, writers
from echouploader.core.privacy.pixels.clean import PixelPlan
from echouploader.core.privacy.pixels.matching import IdentifyingValues
from echouploader.core.privacy.reports import encapsulated
from echouploader.core.privacy.reports import values as report_values
from echouploader.core.privacy.reports.attach import (
    CleanAttachments,
    document_label,
    encapsulated_label,
    exam_values,
)
from echouploader.core.privacy.reports.clean import clean_report

log = logging.getLogger("echouploader.privacy")

VERIFY_MIN_LENGTH = 6  # shorter strings turn up by chance in compressed pixel data


class _LeftOut(Exception):
    """A file that cannot be cleaned and is left out; the message says why."""


class DeidentificationFailed(PrivacyBlocked):
    """An output file still held an identifying value; nothing of the exam is kept."""


@dataclass
class DeidentifyResult:
    out_dir: Path
    identity: ExamIdentity
    written: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    study_uids: dict[str, str] = field(default_factory=dict)  # original -> new
    patient_identity_removed: bool = True
    bytes: int = 0


def blocked_message(report: CheckReport) -> str:
    reasons = "; ".join(f.message for f in report.findings if f.severity == "block")
    return _("The exam cannot be sent: {reasons}.").format(reasons=reasons)


def _safe_parts(rel: str, needles: set[str]) -> str:
    """The relative path with any component that holds a name or ID replaced."""
    out = []
    parts = rel.split("/")
    for i, part in enumerate(parts):
        lowered = part.lower()
        if any(n.lower() in lowered for n in needles if len(n) >= 4):
            suffix = Path(part).suffix if i == len(parts) - 1 else ""
            digest = hashlib.sha256(f"{i}:{rel}".encode()).hexdigest()[:8]
            part = f"renamed_{digest}{suffix}"
        out.append(part)
    return "/".join(out)


class _ExamDeidentifier:
    def __init__(
        self,
        out_dir: Path,
        identity: ExamIdentity,
        profile: PrivacyProfile,
        rule: ExamRule,
        report: CheckReport,
        mapper: UidMapper,
    ) -> None:
        self.out_dir = out_dir
        self.identity = identity
        self.profile = profile
        self.rule = rule
        self.report = report
        self.mapper = mapper
        written_values = {
            identity.subject,
            identity.echo,
            rule.label(identity.echo),
            profile.sponsor_name,
            profile.protocol_id,
            profile.site_id,
            profile.site_name,
            profile.method_text(),
            DUMMY_TEXT,
        }
        # Never verify against a value the de-identifier itself writes (e.g. a patient ID that
        # already is the subject number).
        self.identifying = {
            s
            for s in report.identifying_strings
            if not any(s.lower() in w.lower() for w in written_values if w)
        }
        self.report_values = exam_values(report.identifying_strings, identity)
        self.offset = mapper.day_offset(identity.subject) if profile.retain_modified_dates else 0
        self.cleaner = DatasetCleaner(profile, mapper, self.identifying, self.offset)
        needles = {s for s in self.identifying if len(s) >= VERIFY_MIN_LENGTH}
        if profile.retain_full_dates or profile.retain_modified_dates:
            # A kept exam date may equal the birth date (a postnatal echo on the day of birth).
            needles = {s for s in needles if not re.fullmatch(r"[0-9]{8}", s)}
        self.needles = sorted({v for s in needles for v in (s, s.upper())})
        # Each needle as the bytes it could be written in; an ASCII name is the same in both
        # encodings, so it is searched once (the search reads every byte of every written file).
        patterns: set[bytes] = set()
        for needle in self.needles:
            for encoding in ("utf-8", "latin-1"):
                with contextlib.suppress(UnicodeEncodeError):
                    patterns.add(needle.encode(encoding))
        self.patterns = leak_search.Patterns(patterns)
        self.result = DeidentifyResult(out_dir, identity)

    # --- per file ---------------------------------------------------------------------------

    def process(self, entry: FileEntry) -> None:
        if not entry.usable:
            self.result.skipped.append((entry.rel, entry.problem))
            return
        rel_out = _safe_parts(entry.rel, self.identifying)
        dest = self.out_dir / rel_out
        unchanged_pixels = None
        if entry.kind == file_kinds.DICOM:
            dest.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            try:
                unchanged_pixels = self._dicom(entry, dest)
            except _LeftOut as out:
                self.result.skipped.append((entry.rel, str(out)))
                return
        elif entry.kind == file_kinds.IMAGE:
            cleaned = file_kinds.strip_image(entry.path.read_bytes())
            if cleaned is None:
                self.result.skipped.append((entry.rel, _("image metadata cannot be removed")))
                return
            dest.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            dest.write_bytes(cleaned)
        elif entry.kind == file_kinds.DOCUMENT:
            label = document_label(entry.rel, self.report_values)
            try:
                cleaned = clean_report(
                    entry.path.read_bytes(),
                    label,
                    report_values.IdentifyingValues(self.report_values),
                )
            except (PrivacyBlocked, UsageError) as exc:
                self.result.skipped.append((entry.rel, str(exc)))
                return
            dest.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            dest.write_bytes(cleaned.data)
        elif entry.kind == file_kinds.VIDEO:
            dest.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            self._video(entry, dest)
        else:
            reason = _("DICOMDIR is not sent") if entry.kind == file_kinds.DICOMDIR else entry.kind
            self.result.skipped.append((entry.rel, reason))
            return
        if self._leaks(dest, unchanged_pixels):
            if entry.kind == file_kinds.VIDEO:
                # Sent as they are, so a name in them can only be left behind.
                dest.unlink()
                self.result.skipped.append((entry.rel, _("contains a patient's name or ID")))
                return
            raise DeidentificationFailed(
                _(
                    "De-identification left an identifying value in {rel_out}; the exam "
                    "was not prepared. Please report this to the core lab without sending "
                    "the file."
                ).format(rel_out=rel_out)
            )
        self.result.written.append(rel_out)
        self.result.bytes += dest.stat().st_size

    def attach(self, attachments: CleanAttachments) -> None:
        """Write the cleaned reports and the comments, searched byte by byte like the rest."""
        for rel, data in attachments.outputs():
            dest = self.out_dir / rel
            if dest.exists():
                raise UsageError(
                    _(
                        "The exam folder already holds {rel}; rename that file to attach "
                        "reports or comments."
                    ).format(rel=rel)
                )
            dest.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            dest.write_bytes(data)
            if self._leaks(dest):
                raise DeidentificationFailed(
                    _(
                        "Cleaning left an identifying value in {rel}; the exam was not prepared."
                    ).format(rel=rel)
                )
            self.result.written.append(rel)
            self.result.bytes += len(data)

    def _dicom(self, entry: FileEntry, dest: Path) -> tuple[int, int] | None:
        """Write the cleaned file; the span of unchanged pixel data in it, if any."""
        plan = entry.pixels if self.profile.clean_pixels else None
        if streaming.streamable(entry.path):
            self._dicom_streamed(entry, dest, plan)
            return None  # frames rewritten one at a time: the byte search reads everything
        try:
            ds = read_dicom(entry.path, force=True)
        except (InvalidDicomError, EOFError, OSError, ValueError) as exc:
            raise UsageError(
                _("{rel} could not be read again for de-identification.").format(rel=entry.rel),
                detail=str(exc),
            ) from None
        source_pixels = ds.get("PixelData")
        if plan is not None:
            # Against the original header: the values are gone once the header is cleaned.
            values = IdentifyingValues.from_dataset(ds)
            if plan.action == pixels.NONE and plan.verified:
                pass  # the frames were read as they are and showed nothing identifying
            else:
                pixels.clean_dataset(ds, plan, values, entry.rel)
        self._header(entry, ds, plan)
        # Pixel data still held as the very bytes read from the source were copied unchanged.
        unchanged = ds.get("PixelData")
        unchanged = (
            unchanged if isinstance(unchanged, bytes) and unchanged is source_pixels else None
        )
        return leak_search.write_dataset(ds, dest, unchanged)

    def _dicom_streamed(self, entry: FileEntry, dest: Path, plan: PixelPlan | None) -> None:
        """Header cleaned, frames cleaned one at a time into ``dest``, then verified by OCR."""
        if plan is not None and plan.action == pixels.BLOCK:
            raise pixels.PixelsBlocked(
                _("{rel}: {reason}; the exam is not sent.").format(
                    rel=entry.rel, reason=plan.reason
                )
            )
        read: list[IdentifyingValues] = []

        def edit(ds: Dataset) -> None:
            read.append(IdentifyingValues.from_dataset(ds))  # before the header is cleaned
            self._header(entry, ds, plan)

        mask = plan.mask if plan is not None and plan.action == pixels.CLEAN else None
        try:
            writers.clean_file(entry.path, dest, mask, edit=edit)
        except writers.PixelCleaningError as exc:
            raise pixels.PixelsBlocked(_("{rel}: {exc}").format(rel=entry.rel, exc=exc)) from None
        except (InvalidDicomError, EOFError, ValueError) as exc:
            raise UsageError(
                _("{rel} could not be read again for de-identification.").format(rel=entry.rel),
                detail=str(exc),
            ) from None
        if plan is not None and not (plan.action == pixels.NONE and plan.verified):
            pixels.verify_file(dest, plan, read[0], entry.rel)

    def _header(self, entry: FileEntry, ds: Dataset, plan: PixelPlan | None) -> None:
        """The PS3.15 header, the trial attributes and a fresh file meta, on ``ds`` in place."""
        meta = getattr(ds, "file_meta", None) or FileMetaDataset()
        sop_class = str(meta.get("MediaStorageSOPClassUID", "") or ds.get("SOPClassUID", ""))
        # A writer may have changed the syntax (and says so in the data set's file meta).
        syntax = meta.get("TransferSyntaxUID")
        original_study = str(ds.get("StudyInstanceUID", ""))
        document = None
        if encapsulated.is_encapsulated_pdf(sop_class):
            label = encapsulated_label(entry.rel, self.report_values)
            try:
                document = encapsulated.clean_document(ds, label, self.report_values)
            except PrivacyBlocked as exc:
                raise _LeftOut(str(exc)) from None
        self.cleaner.clean(ds)
        if document is not None:
            encapsulated.put_back(ds, document)
        if original_study:
            self.result.study_uids[original_study] = self.mapper(original_study)
        self._trial_attributes(ds, entry.burned_in, plan)
        new_meta = FileMetaDataset()
        new_meta.MediaStorageSOPClassUID = UID(sop_class)
        new_meta.MediaStorageSOPInstanceUID = UID(
            str(ds.get("SOPInstanceUID", ""))
            or self.mapper(str(meta.get("MediaStorageSOPInstanceUID", entry.rel)))
        )
        if syntax is None:
            syntax = "1.2.840.10008.1.2" if ds.original_encoding[0] else "1.2.840.10008.1.2.1"
        new_meta.TransferSyntaxUID = syntax
        new_meta.ImplementationClassUID = PYDICOM_IMPLEMENTATION_UID
        new_meta.ImplementationVersionName = "ECHOUPLOADER"
        ds.file_meta = new_meta
        ds.preamble = b"\0" * 128

    def _video(self, entry: FileEntry, dest: Path) -> None:
        plan = entry.pixels if self.profile.clean_pixels else None
        if plan is None or (plan.action == pixels.NONE and plan.verified):
            shutil.copyfile(entry.path, dest)
            return
        values = IdentifyingValues.from_strings(self.report.identifying_strings)
        try:
            pixels.clean_video(entry.path, dest, plan, values, entry.rel)
        except BaseException:
            dest.unlink(missing_ok=True)
            raise

    def _trial_attributes(self, ds: Dataset, burned_in: bool, plan: PixelPlan | None) -> None:
        profile, identity = self.profile, self.identity
        ds.PatientName = identity.subject
        ds.PatientID = identity.subject
        # Frames count as free of patient data only when they were read by OCR after cleaning
        # (or as they are, for frames without identifying text); otherwise a suspected banner
        # stays declared. A plan reaches here only to be verified: the header is written before
        # the verification of a streamed file, and a failed verification removes everything.
        verified = plan is not None and plan.action != pixels.BLOCK
        cleaned = verified and plan is not None and plan.action == pixels.CLEAN
        identity_removed = verified or (plan is None and not burned_in)
        if not identity_removed:
            self.result.patient_identity_removed = False
        ds.PatientIdentityRemoved = "YES" if identity_removed else "NO"
        if verified:
            ds.BurnedInAnnotation = "NO"
        method = profile.method_text()
        ds.DeidentificationMethod = (
            [method, f"Clean Pixel Data: {plan.method}"[:64]]
            if cleaned and plan is not None
            else method
        )
        option_codes = profile.option_codes()
        if cleaned:
            option_codes = option_codes[:1] + [CLEAN_PIXEL_DATA] + option_codes[1:]
        codes = []
        for code in option_codes:
            item = Dataset()
            item.CodeValue = code
            item.CodingSchemeDesignator = "DCM"
            item.CodeMeaning = OPTION_MEANINGS[code]
            codes.append(item)
        ds.DeidentificationMethodCodeSequence = Sequence(codes)
        if profile.retain_full_dates:
            ds.LongitudinalTemporalInformationModified = "UNMODIFIED"
        elif profile.retain_modified_dates:
            ds.LongitudinalTemporalInformationModified = "MODIFIED"
        else:
            ds.LongitudinalTemporalInformationModified = "REMOVED"
        if profile.sponsor_name:
            ds.ClinicalTrialSponsorName = profile.sponsor_name
        if profile.protocol_id:
            ds.ClinicalTrialProtocolID = profile.protocol_id
        if profile.site_id:
            ds.ClinicalTrialSiteID = profile.site_id
        if profile.site_name:
            ds.ClinicalTrialSiteName = profile.site_name
        ds.ClinicalTrialSubjectID = identity.subject
        ds.ClinicalTrialTimePointID = identity.echo
        ds.ClinicalTrialTimePointDescription = self.rule.label(identity.echo)

    def _leaks(self, dest: Path, unchanged_pixels: tuple[int, int] | None = None) -> bool:
        """Whether the written file still holds one of the identifying strings, byte for byte,
        anywhere but in pixel data copied unchanged (``unchanged_pixels``: offset, length)."""
        return self.patterns.file_leaks(dest, unchanged_pixels)

    def merge(self, part: _Part) -> None:
        """Add a run of files de-identified in a worker, as if written here, in order."""
        done, mine = part.result, self.result
        mine.written += done.written
        mine.skipped += done.skipped
        mine.study_uids.update(done.study_uids)
        mine.patient_identity_removed = mine.patient_identity_removed and (
            done.patient_identity_removed
        )
        mine.bytes += done.bytes

    # --- key code ---------------------------------------------------------------------------

    def keycode_entries(self, exam_id: str) -> list[KeyCodeEntry]:
        seen: dict[str, KeyCodeEntry] = {}
        for entry in self.report.files:
            if not entry.study_uid or entry.study_uid in seen or entry.patient is None:
                continue
            name, pid, birth = entry.patient
            seen[entry.study_uid] = KeyCodeEntry(
                exam_id=exam_id,
                subject=self.identity.subject,
                echo=self.identity.echo,
                patient_name=name,
                patient_id=pid,
                birth_date=birth,
                original_study_uid=entry.study_uid,
                new_study_uid=self.result.study_uids.get(entry.study_uid, ""),
                date_offset_days=self.offset if self.profile.retain_modified_dates else None,
            )
        return list(seen.values())


@dataclass
class _Part:
    """What a worker's run of files added to the result."""

    files: int
    result: DeidentifyResult


def _process_one(work: _ExamDeidentifier, entry: FileEntry) -> None:
    try:
        work.process(entry)
    except EchoUploaderError:
        raise
    except OSError as exc:
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            raise  # the staging folder is full: said as such by the caller
        raise _gate_failed(entry.rel, _("de-identified"), exc) from exc
    except Exception as exc:  # noqa: BLE001 - inside the gate: fail closed, exit 3
        raise _gate_failed(entry.rel, _("de-identified"), exc) from exc


def _worker_deidentifier(
    out_dir: Path,
    identity: ExamIdentity,
    profile: PrivacyProfile,
    rule: ExamRule,
    report: CheckReport,
    secret: bytes,
) -> _ExamDeidentifier:
    return _ExamDeidentifier(out_dir, identity, profile, rule, report, UidMapper(secret))


def _deidentify_run(work: _ExamDeidentifier, indices: list[int]) -> _Part:
    """In a worker: de-identify a run of the report's files, and hand back what it added."""
    work.result = DeidentifyResult(work.out_dir, work.identity)
    for i in indices:
        _process_one(work, work.report.files[i])
    return _Part(len(indices), work.result)


def _gate_failed(rel: str, what: str, exc: Exception) -> PrivacyBlocked:
    """An error of ours or of a library inside the gate: the exam is blocked (exit 3), the file
    named, the traceback in the log."""
    log.error("privacy gate failed on a file: %r", exc, exc_info=exc, extra={"event": "deidentify"})
    return PrivacyBlocked(
        _(
            "{rel} could not be {what} ({kind}), so the exam was not sent; the "
            "details are in the log."
        ).format(rel=rel, what=what, kind=type(exc).__name__)
    )


def _prepare_out_dir(out_dir: Path, source: Path) -> None:
    out = out_dir.resolve()
    src = source.resolve()
    if out == src or src in out.parents:
        raise UsageError(_("The output folder must not be inside the exam folder."))
    if out_dir.exists() and any(out_dir.iterdir()):
        raise UsageError(_("The output folder {out_dir} is not empty.").format(out_dir=out_dir))
    out_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    os.chmod(out_dir, 0o700)


def deidentify_exam(
    source: Path,
    out_dir: Path,
    identity: ExamIdentity,
    profile: PrivacyProfile | None = None,
    rule: ExamRule | None = None,
    report: CheckReport | None = None,
    on_progress: ProgressFn | None = None,
    cancel: threading.Event | None = None,
    keycode: KeyCodeStore | None = None,
    secret: bytes | None = None,
    exam_id: str = "",
    attachments: CleanAttachments | None = None,
) -> DeidentifyResult:
    """De-identify ``source`` into ``out_dir`` (new or empty); raises ``PrivacyBlocked``.

    ``attachments`` (reports and comments already cleaned) are written after the exam's files.
    """
    source, out_dir = Path(source), Path(out_dir)
    profile = profile or PrivacyProfile()
    rule = rule or ExamRule()
    identity = rule.identity(identity.subject, identity.echo)
    exam_id = exam_id or rule.exam_id(identity)
    if report is None:
        report = check_exam(source, profile, identity, cancel=cancel, exam_id=exam_id)
    if report.blocked:
        raise PrivacyBlocked(blocked_message(report))
    _prepare_out_dir(out_dir, source)
    secret = secret or site_secret()
    work = _ExamDeidentifier(out_dir, identity, profile, rule, report, UidMapper(secret))
    total = len(report.files)
    workers = pool.worker_count(total, report.bytes, profile.clean_pixels)
    try:
        if workers > 1:
            # Runs of neighbouring files in worker processes; merged in order they are what
            # this loop would have written.
            if on_progress is not None:
                on_progress(0, total, report.files[0].path.name if total else "")
            results = pool.run_in_workers(
                _worker_deidentifier,
                (out_dir, identity, profile, rule, report, secret),
                _deidentify_run,
                pool.chunks(list(range(total)), workers),
                workers,
                cancel,
                _("De-identification was cancelled."),
            )
            done = 0
            with contextlib.closing(results):
                for part in results:
                    work.merge(part)
                    done += part.files
                    if on_progress is not None and done < total:
                        on_progress(done, total, report.files[done].path.name)
        else:
            for done, entry in enumerate(report.files):
                if cancel is not None and cancel.is_set():
                    raise Cancelled(_("De-identification was cancelled."))
                if on_progress is not None:
                    on_progress(done, total, entry.path.name)
                _process_one(work, entry)
        if attachments is not None:
            work.attach(attachments)
    except BaseException:
        shutil.rmtree(out_dir, ignore_errors=True)
        raise
    if on_progress is not None:
        on_progress(total, total, "")
    (keycode or KeyCodeStore()).record(work.keycode_entries(exam_id))
    result = work.result
    log.info(
        "exam de-identified",
        extra={
            "event": "deidentify",
            "exam": exam_id,
            "files": len(result.written),
            "skipped": len(result.skipped),
            "bytes": result.bytes,
            "identity_removed": result.patient_identity_removed,
            "method": profile.method_text(),
        },
    )
    return result
