"""From a local folder to an upload job: the privacy gate first, then the transfer plan.

The CLI's ``upload`` and the window's drop of an exam folder both come here, so they apply the same
rule: an exam (subject + echo) is checked and de-identified into a staging copy and sent into its
own folder named by the site's rule; anything else that holds DICOM is refused, because only the
exam path can de-identify it.
"""

from __future__ import annotations

import logging
import posixpath
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from echouploader.core.errors import PrivacyBlocked, UsageError
from echouploader.core.ftps.target import Target
from echouploader.core.i18n import _
from echouploader.core.privacy.deidentify.profile import PrivacyProfile
from echouploader.core.privacy.exam_identity import ExamIdentity, ExamRule
from echouploader.core.transfer.model import DEFAULT_CONNECTIONS, ConflictPolicy, Job
from echouploader.core.transfer.plan import Plan, plan_upload

if TYPE_CHECKING:
    from echouploader.core.privacy.reports.attach import Attachments
    from echouploader.core.privacy.staging import PreparedExam
    from echouploader.core.sites.store import Site

log = logging.getLogger("echouploader.exam")

ProgressFn = Callable[[int, int, str], None]


@dataclass(frozen=True)
class SiteRules:
    """How a site names exams and protects them (defaults when the target is not a site)."""

    rule: ExamRule
    profile: PrivacyProfile

    @classmethod
    def for_site(cls, site: Site | None) -> SiteRules:
        if site is None:
            return cls(ExamRule(), PrivacyProfile())
        return cls(
            ExamRule.from_dict(site.exam_rule), PrivacyProfile.from_dict(site.privacy_profile)
        )


@dataclass
class ExamUpload:
    """A job ready for the engine, and the staging copy it sends."""

    job: Job
    prepared: PreparedExam

    def discard(self) -> None:
        """Remove the staging copy when the job will not run (the engine removes it otherwise)."""
        self.prepared.remove()


def exam_identity(
    source: Path, rules: SiteRules, subject: str | None = None, echo: str | None = None
) -> ExamIdentity | None:
    """The exam a folder is: given explicitly, or read from its name; ``None`` when neither."""
    if subject is None and echo is None and rules.rule.parse_folder_name(source.name) is None:
        return None
    return rules.rule.resolve(source.name, subject, echo)


def prepare_exam_upload(
    source: Path,
    target: Target,
    identity: ExamIdentity,
    rules: SiteRules,
    *,
    target_text: str,
    connections: int = DEFAULT_CONNECTIONS,
    on_conflict: ConflictPolicy = ConflictPolicy.FAIL,
    on_progress: ProgressFn | None = None,
    cancel: threading.Event | None = None,
    attachments: Attachments | None = None,
) -> ExamUpload:
    """Check and de-identify ``source`` and plan its upload into ``target``'s exam folder.

    Raises ``PrivacyBlocked`` (exit 3) before anything is written when the check blocks.
    """
    # pydicom and numpy load here, not when the CLI starts: a plain upload or a site whose
    # gate is off never needs them.
    from echouploader.core.privacy.staging import prepare_exam

    source = Path(source)
    if not source.is_dir():
        raise UsageError(_("An exam is a folder; '{name}' is not one.").format(name=source.name))
    prepared = prepare_exam(
        source,
        identity,
        rules.profile,
        rule=rules.rule,
        on_progress=on_progress,
        cancel=cancel,
        attachments=attachments,
    )
    try:
        remote = posixpath.join(target.path, prepared.remote_folder)
        plan = plan_upload(sorted(prepared.staging_dir.iterdir()), remote)
        plan.raise_if_unreadable()
        if not plan.transfers:
            raise UsageError(
                _("The exam {exam_id} has no files to upload.").format(exam_id=prepared.exam_id)
            )
        job = Job(
            endpoint=target.endpoint,
            remote_folder=remote,
            transfers=plan.transfers,
            target=target_text,
            connections=connections,
            on_conflict=on_conflict,
            exam_id=prepared.exam_id,
            profile=prepared.privacy,
            # Only a copy made by the gate is removed after verification, never the source.
            staging_dir=prepared.staging_dir if prepared.staging_root is not None else None,
            skipped_local=plan.skipped,
        )
    except BaseException:
        prepared.remove()
        raise
    log.info(
        "exam prepared for upload",
        extra={"event": "deidentify", "exam": prepared.exam_id, "files": len(job.transfers)},
    )
    return ExamUpload(job, prepared)


def refuse_unchecked_dicom(plan: Plan, rules: SiteRules) -> None:
    """A plain (non-exam) upload may not carry DICOM past the privacy gate."""
    if rules.profile.gate_off:
        log.warning("privacy gate is off for this site", extra={"event": "check"})
        return
    dicom = [t.local_path for t in plan.transfers if _is_dicom(t.local_path)]
    if dicom:
        raise PrivacyBlocked(
            _(
                "{count} of these files are DICOM, which must pass the privacy check: "
                "upload the exam folder with --subject and --echo (or name it like "
                "1234_1) so it is checked and de-identified."
            ).format(count=len(dicom))
        )


def _is_dicom(path: Path) -> bool:
    """A DICOM Part 10 file (preamble + ``DICM``), whatever its name."""
    try:
        with path.open("rb") as fh:
            head = fh.read(132)
    except OSError:
        return False
    return len(head) == 132 and head[128:] == b"DICM"
