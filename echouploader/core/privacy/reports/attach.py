"""The reports and comments attached to one exam: cleaned together, before anything is written.

``clean_attachments`` runs after the exam's check (it needs the identifying values the check
collected) and before de-identification writes a single file: comments with an identifier, or a
report that cannot be cleaned, stop the whole exam. Reports go to ``report/report-N.ext`` (names
that never hold an identifier, whatever the original was called), comments to ``comments.txt``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from echouploader.core.errors import PrivacyBlocked, UsageError
from echouploader.core.i18n import _
from echouploader.core.privacy.exam_identity import ExamIdentity
from echouploader.core.privacy.reports.comments import (
    COMMENTS_NAME,
    check_comments,
    comments_bytes,
    find_in_comments,
)
from echouploader.core.privacy.reports.values import IdentifyingValues

if TYPE_CHECKING:  # rendering and OCR load only when a report is cleaned
    from echouploader.core.privacy.pixels.ocr import OcrEngine
    from echouploader.core.privacy.reports.clean import CleanedReport

REPORT_DIR = "report"
MAX_REPORT_BYTES = 200 * 1024 * 1024

ProgressFn = Callable[[int, int, str], None]


@dataclass(frozen=True)
class Attachments:
    """What the user attached to an exam: report files (in order) and comments."""

    reports: tuple[Path, ...] = ()
    comments: str | None = None

    @property
    def empty(self) -> bool:
        return not self.reports and self.comments is None


@dataclass
class ReportOutcome:
    label: str  # "report 1 (scan.pdf)", or "report 1" when the name holds an identifier
    output: str  # relative to the exam folder: "report/report-1.pdf"
    cleaned: CleanedReport | None = None
    blocked: str = ""  # the sentence when the report cannot be sent

    def to_json(self) -> dict[str, Any]:
        if self.cleaned is None:
            return {"report": self.label, "action": "blocked", "message": self.blocked}
        return {
            "report": self.label,
            "action": "cleaned",
            "output": self.output,
            "kind": self.cleaned.kind,
            "pages": self.cleaned.page_count,
            "blanked": self.cleaned.blanked,
            "text_layer": self.cleaned.text_layer,
            "message": _("{label} is {describe} as {output}").format(
                label=self.label, describe=self.cleaned.describe(), output=self.output
            ),
        }


@dataclass
class CleanAttachments:
    """Attachments ready to be written into the de-identified exam."""

    reports: list[ReportOutcome] = field(default_factory=list)
    comments: str | None = None

    @property
    def blocked(self) -> bool:
        return any(r.blocked for r in self.reports)

    def outputs(self) -> list[tuple[str, bytes]]:
        """``(relative path, bytes)`` of every file to write."""
        out = [(r.output, r.cleaned.data) for r in self.reports if r.cleaned is not None]
        if self.comments is not None:
            out.append((COMMENTS_NAME, comments_bytes(self.comments)))
        return out

    def manifest(self) -> dict[str, Any]:
        """For ``upload.json``: the report files, and the comments file with its (clean) text."""
        data: dict[str, Any] = {"report_files": [r.output for r in self.reports if r.cleaned]}
        if self.comments is not None:
            data["comments"] = {"file": COMMENTS_NAME, "text": self.comments}
        return data

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"reports": [r.to_json() for r in self.reports]}
        if self.comments is not None:
            data["comments"] = {
                "action": "sent",
                "output": COMMENTS_NAME,
                "message": _("The comments are sent as {COMMENTS_NAME}").format(
                    COMMENTS_NAME=COMMENTS_NAME
                ),
            }
        return data


def exam_values(identifying: Iterable[str], identity: ExamIdentity | None) -> set[str]:
    """The exam's identifying values, less those the de-identified exam itself carries.

    A patient ID that already is the subject number is not an identifier in a comment that
    names the subject.
    """
    written = {identity.subject, identity.echo} if identity is not None else set()
    return {
        v
        for v in identifying
        if not any(v.lower() in w.lower() or w.lower() == v.lower() for w in written if w)
    }


def report_label(path: Path, index: int, values: IdentifyingValues) -> str:
    """How sentences name a report: its position, and its file name when that is safe."""
    if values.find(path.name, fuzzy=True):
        return _("report {index}").format(index=index)
    return _("report {index} ({name})").format(index=index, name=path.name)


def _read(path: Path, label: str) -> bytes:
    try:
        if path.stat().st_size > MAX_REPORT_BYTES:
            raise UsageError(_("The {label} is larger than 200 MB.").format(label=label))
        return path.read_bytes()
    except IsADirectoryError:
        raise UsageError(_("The {label} is a folder, not a file.").format(label=label)) from None
    except OSError as exc:
        raise UsageError(
            _("The {label} cannot be read ({strerror}).").format(label=label, strerror=exc.strerror)
        ) from None


def clean_attachments(
    attachments: Attachments,
    identifying: Iterable[str],
    *,
    engine: OcrEngine | None = None,
    on_progress: ProgressFn | None = None,
    keep_going: bool = False,
) -> CleanAttachments:
    """Check the comments and clean every report; raises ``PrivacyBlocked`` (see module doc).

    With ``keep_going`` (for ``check``) a report that cannot be cleaned is recorded as blocked
    and the others are still cleaned; comments with an identifier always raise.
    """
    from echouploader.core.privacy.reports.clean import clean_report

    values = IdentifyingValues(identifying)
    if attachments.comments is not None:
        check_comments(attachments.comments, values)
    out = CleanAttachments(comments=attachments.comments)
    total = len(attachments.reports)
    for index, path in enumerate(attachments.reports, start=1):
        path = Path(path)
        label = report_label(path, index, values)
        if on_progress is not None:
            on_progress(index - 1, total, label)
        data = _read(path, label)
        outcome = ReportOutcome(label, f"{REPORT_DIR}/report-{index}")
        try:
            outcome.cleaned = clean_report(data, label, values, engine)
        except PrivacyBlocked as exc:
            if not keep_going:
                raise
            outcome.blocked = str(exc)
        if outcome.cleaned is not None:
            outcome.output += outcome.cleaned.suffix
        out.reports.append(outcome)
    if on_progress is not None and total:
        on_progress(total, total, "")
    return out


def comments_problems(text: str, identifying: Iterable[str]) -> list[tuple[int, int, str]]:
    """``(start, end, what)`` of every identifier in the comments (for highlighting)."""
    from echouploader.core.privacy.reports.values import describe

    values = IdentifyingValues(identifying)
    return [(m.start, m.end, describe(m, text)) for m in find_in_comments(text, values)]


def document_label(rel: str, identifying: Iterable[str]) -> str:
    """How sentences name a PDF of the exam folder (without a file name that identifies)."""
    if IdentifyingValues(identifying, generic=False).find(rel, fuzzy=True):
        return _("PDF document (its name holds an identifier)")
    return f"PDF document {rel}"


def encapsulated_label(rel: str, identifying: Iterable[str]) -> str:
    if IdentifyingValues(identifying, generic=False).find(rel, fuzzy=True):
        return _("encapsulated PDF (its file name holds an identifier)")
    return _("encapsulated PDF in {rel}").format(rel=rel)
