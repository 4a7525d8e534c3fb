"""Get an exam ready to leave the site: check it, de-identify it into a staging folder.

The transfer engine calls :func:`prepare_exam` before it uploads anything and uploads the
returned staging folder under the returned remote folder name; afterwards it calls
:meth:`PreparedExam.remove`. A ``block`` finding, comments that hold an identifier, or a report
that cannot be cleaned raise ``PrivacyBlocked`` before a single file is written. Only a site
profile that turns the gate off explicitly skips all this.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import shutil
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from echouploader.core import paths
from echouploader.core.errors import LocalStorageFull, PrivacyBlocked, UsageError
from echouploader.core.i18n import _
from echouploader.core.privacy.deidentify.profile import PrivacyProfile
from echouploader.core.privacy.exam_identity import ExamIdentity, ExamRule
from echouploader.core.privacy.reports.attach import (
    Attachments,
    CleanAttachments,
    clean_attachments,
    exam_values,
)

if TYPE_CHECKING:  # the check and de-identification (pydicom, numpy) load when first used
    from echouploader.core.privacy.check import ProgressFn
    from echouploader.core.privacy.deidentify.apply import DeidentifyResult
    from echouploader.core.privacy.findings import CheckReport
    from echouploader.core.privacy.keycode import KeyCodeStore

log = logging.getLogger("echouploader.privacy")


def default_staging_root() -> Path:
    """Owner-only folder under the cache dir that holds de-identified copies of exams."""
    root = paths.cache_dir() / "staging"
    root.mkdir(parents=True, exist_ok=True, mode=0o700)
    os.chmod(root, 0o700)
    return root


@dataclass
class PreparedExam:
    identity: ExamIdentity
    exam_id: str
    remote_folder: str
    source_dir: Path
    staging_dir: Path  # what to upload: its contents go into ``remote_folder``
    report: CheckReport | None
    privacy: dict[str, Any]  # for upload.json
    identifying_strings: frozenset[str] = field(default_factory=frozenset)
    result: DeidentifyResult | None = None
    staging_root: Path | None = None  # set when ``staging_dir`` is a copy this module made

    @property
    def files(self) -> list[Path]:
        """The files to upload, in a stable order."""
        from echouploader.core.privacy.check import list_files

        return list_files(self.staging_dir)

    def remove(self) -> None:
        """Delete the staging copy (never the source folder)."""
        if self.staging_root is not None:
            remove_staging(self.staging_dir, self.staging_root)


def _exam_bytes(folder: Path) -> int:
    total = 0
    for dirpath, _dirs, files in os.walk(folder):
        for name in files:
            with contextlib.suppress(OSError):
                total += os.lstat(os.path.join(dirpath, name)).st_size
    return total


def _megabytes(n: int) -> str:
    return f"{max(n, 0) / 1e6:,.0f} MB" if n >= 1e6 else f"{max(n, 0) / 1e3:,.0f} kB"


def _no_room(root: Path, needed: int) -> LocalStorageFull:
    free = shutil.disk_usage(root).free
    return LocalStorageFull(
        _(
            "The staging folder {root} has {free} free, but the de-identified copy "
            "of this exam needs about {needed}; free space there (or set "
            "ECHOUPLOADER_CACHE_DIR to a folder with room) and try again."
        ).format(root=root, free=_megabytes(free), needed=_megabytes(needed))
    )


def _need_room(root: Path, needed: int) -> None:
    """Refuse before writing when the de-identified copy cannot fit (with a margin of 1 MB)."""
    if shutil.disk_usage(root).free < needed + (1 << 20):
        raise _no_room(root, needed)


def _owner_only(staging: Path) -> None:
    """The de-identified copy is the user's alone: files 0600, folders 0700."""
    for dirpath, dirs, files in os.walk(staging):
        for d in dirs:
            os.chmod(os.path.join(dirpath, d), 0o700)
        for f in files:
            os.chmod(os.path.join(dirpath, f), 0o600)


def remove_staging(folder: Path, root: Path | None = None) -> None:
    """Delete a staging folder; refuses anything that is not directly in the staging root."""
    folder = Path(folder)
    root = Path(root) if root is not None else default_staging_root()
    if folder.resolve().parent != root.resolve():
        raise ValueError(_("{folder} is not a staging folder").format(folder=folder))
    shutil.rmtree(folder, ignore_errors=True)


def _phase(on_progress: ProgressFn | None, phase: int) -> ProgressFn | None:
    """Check and de-identification each take half of one progress bar."""
    if on_progress is None:
        return None

    def report(done: int, total: int, name: str) -> None:
        on_progress(phase * total + done, 2 * total, name)

    return report


def prepare_exam(
    source_dir: Path,
    identity: ExamIdentity,
    profile: PrivacyProfile | None = None,
    staging_root: Path | None = None,
    on_progress: ProgressFn | None = None,
    cancel: threading.Event | None = None,
    rule: ExamRule | None = None,
    keycode: KeyCodeStore | None = None,
    attachments: Attachments | None = None,
) -> PreparedExam:
    """Check ``source_dir`` and de-identify it into a new staging folder; see the module doc.

    ``attachments`` (reports, comments) are cleaned after the check and written with the exam.
    """
    source_dir = Path(source_dir)
    profile = profile or PrivacyProfile()
    rule = rule or ExamRule()
    identity = rule.identity(identity.subject, identity.echo)
    exam_id = rule.exam_id(identity)
    remote = rule.folder_name(identity)
    privacy = profile.describe()
    attachments = attachments if attachments is not None and not attachments.empty else None
    if attachments is not None and (profile.gate_off or not profile.deidentify):
        raise UsageError(
            _(
                "Reports and comments are sent only with a de-identified copy of the "
                "exam; this site's profile sends files unchanged."
            )
        )
    if profile.gate_off:
        log.warning("privacy gate is off for this site", extra={"event": "check", "exam": exam_id})
        return PreparedExam(identity, exam_id, remote, source_dir, source_dir, None, privacy)

    from echouploader.core.privacy.check import check_exam
    from echouploader.core.privacy.deidentify.apply import blocked_message, deidentify_exam

    report = check_exam(source_dir, profile, identity, _phase(on_progress, 0), cancel, exam_id)
    strings = frozenset(report.identifying_strings)
    if report.blocked:
        raise PrivacyBlocked(blocked_message(report))
    privacy["findings"] = [
        {"severity": f.severity, "code": f.code, "count": f.count}
        for f in report.findings
        if f.severity != "info"
    ]
    cleaned: CleanAttachments | None = None
    if attachments is not None:
        cleaned = clean_attachments(attachments, exam_values(strings, identity))
        privacy["attachments"] = cleaned.manifest()
    if not profile.deidentify:
        return PreparedExam(
            identity, exam_id, remote, source_dir, source_dir, report, privacy, strings
        )

    root = Path(staging_root) if staging_root else default_staging_root()
    root.mkdir(parents=True, exist_ok=True, mode=0o700)
    needed = _exam_bytes(source_dir)
    _need_room(root, needed)
    staging = Path(tempfile.mkdtemp(prefix=f"{exam_id}-", dir=root))
    os.chmod(staging, 0o700)
    try:
        result = deidentify_exam(
            source_dir,
            staging,
            identity,
            profile,
            rule,
            report,
            _phase(on_progress, 1),
            cancel,
            keycode,
            exam_id=exam_id,
            attachments=cleaned,
        )
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            raise _no_room(root, needed) from exc
        raise
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    _owner_only(staging)
    privacy["patient_identity_removed"] = result.patient_identity_removed
    plans = [f.pixels for f in report.files if f.pixels is not None]
    privacy["pixels"] = {
        "cleaned": sum(1 for p in plans if p.action == "clean" and p.verified),
        "unchanged": sum(1 for p in plans if p.action == "none"),
        "methods": sorted({p.method for p in plans if p.action == "clean"}),
    }
    privacy["not_sent"] = [
        {"file": rel, "reason": why}
        for rel, why in result.skipped
        if not any(s in rel for s in strings)
    ]
    return PreparedExam(
        identity,
        exam_id,
        remote,
        source_dir,
        staging,
        report,
        privacy,
        strings,
        result,
        staging_root=root,
    )
