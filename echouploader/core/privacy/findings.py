"""The result of checking an exam folder: files, what the DICOM says, and findings.

A finding has a severity: ``block`` stops the exam from leaving the site, ``warn`` needs a
person's attention, ``info`` is for the record. Messages name the attribute or file kind but
never carry an identifying value; the identifying strings found are kept apart, in
:attr:`CheckReport.identifying_strings`, so logs can redact them.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from echouploader.core.i18n import _, ngettext

BLOCK = "block"
WARN = "warn"
INFO = "info"
_ORDER = {BLOCK: 0, WARN: 1, INFO: 2}
MAX_FILES_PER_FINDING = 20


@dataclass
class Finding:
    severity: str
    code: str
    message: str
    attribute: str = ""
    count: int = 0
    files: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "severity": self.severity,
            "code": self.code,
            "message": self.message,
            "attribute": self.attribute,
            "count": self.count,
            "files": list(self.files),
        }


@dataclass
class FileEntry:
    path: Path
    rel: str
    kind: str
    size: int
    problem: str = ""  # "", "empty", "unreadable", "truncated"
    patient: tuple[str, str, str] | None = None  # (name, id, birth date) as found
    study_uid: str = ""
    burned_in: bool = False
    metadata: list[str] = field(default_factory=list)
    pixels: Any = None  # pixels.clean.PixelPlan for files with frames, once checked
    encapsulated_pdf: bool = False  # an Encapsulated PDF instance: its document is cleaned too

    @property
    def usable(self) -> bool:
        return not self.problem


@dataclass
class PatientSummary:
    name: str
    id: str
    birth_date: str
    files: int = 0

    def to_json(self, show: bool) -> dict[str, Any]:
        if show:
            return {
                "name": self.name,
                "id": self.id,
                "birth_date": self.birth_date,
                "files": self.files,
            }
        return {
            "name": mask(self.name),
            "id": mask(self.id),
            "birth_date": "********" if self.birth_date else "",
            "files": self.files,
        }


def mask(value: str) -> str:
    """``DOE^JANE`` → ``D**^J***``: enough to tell two patients apart, not to identify one."""
    out = []
    for part in value.split("^"):
        out.append(part[:1] + "*" * max(len(part) - 1, 0) if part else "")
    return "^".join(out)


class FindingCollector:
    """Adds up findings by (code, attribute), counting distinct files."""

    def __init__(self) -> None:
        self._findings: dict[tuple[str, str], Finding] = {}
        self._files: dict[tuple[str, str], set[str]] = {}

    def add(self, severity: str, code: str, message: str, rel: str, attribute: str = "") -> None:
        key = (code, attribute)
        finding = self._findings.get(key)
        if finding is None:
            finding = self._findings[key] = Finding(severity, code, message, attribute)
            self._files[key] = set()
        elif _ORDER[severity] < _ORDER[finding.severity]:
            finding.severity = severity
        if rel not in self._files[key]:
            self._files[key].add(rel)
            finding.count += 1
            if len(finding.files) < MAX_FILES_PER_FINDING:
                finding.files.append(rel)

    def result(self) -> list[Finding]:
        return sorted(
            self._findings.values(), key=lambda f: (_ORDER[f.severity], f.code, f.attribute)
        )


@dataclass
class CheckReport:
    root: Path
    files: list[FileEntry] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    patients: list[PatientSummary] = field(default_factory=list)
    studies: dict[str, dict[str, Any]] = field(default_factory=dict)
    series: set[str] = field(default_factory=set)
    modalities: Counter[str] = field(default_factory=Counter)
    sop_classes: Counter[str] = field(default_factory=Counter)
    makers: Counter[str] = field(default_factory=Counter)
    transfer_syntaxes: Counter[str] = field(default_factory=Counter)
    frames: int = 0
    bytes: int = 0
    identifying_strings: set[str] = field(default_factory=set)
    attachments: dict[str, Any] = field(default_factory=dict)  # reports and comments, as JSON

    @property
    def dicom_count(self) -> int:
        return sum(1 for f in self.files if f.kind == "dicom" and f.usable)

    @property
    def blocked(self) -> bool:
        return any(f.severity == BLOCK for f in self.findings)

    @property
    def burned_in_suspected(self) -> bool:
        return any(f.burned_in for f in self.files)

    def sizes_by_kind(self) -> dict[str, int]:
        sizes: Counter[str] = Counter()
        for f in self.files:
            sizes[f.kind] += f.size
        return dict(sizes)

    def to_json(self, show_identities: bool = False) -> dict[str, Any]:
        return {
            "root": str(self.root),
            "files": len(self.files),
            "dicom": self.dicom_count,
            "bytes": self.bytes,
            "kinds": dict(Counter(f.kind for f in self.files)),
            "sizes": self.sizes_by_kind(),
            "patients": [p.to_json(show_identities) for p in self.patients],
            "studies": list(self.studies.values()),
            "series": len(self.series),
            "modalities": dict(self.modalities),
            "sop_classes": dict(self.sop_classes),
            "makers": dict(self.makers),
            "transfer_syntaxes": dict(self.transfer_syntaxes),
            "frames": self.frames,
            "blocked": self.blocked,
            "findings": [f.to_json() for f in self.findings],
            "images": [
                {"file": f.rel, "pixels": f.pixels.to_json()}
                for f in self.files
                if f.pixels is not None
            ],
            **self.attachments,
        }

    def summary_lines(self, verbose: bool = False) -> list[str]:
        kinds = Counter(f.kind for f in self.files)
        lines = [
            _("{count} files ({kinds}), {megabytes:.1f} MB").format(
                count=len(self.files),
                kinds=", ".join(f"{n} {k}" for k, n in sorted(kinds.items())),
                megabytes=self.bytes / 1e6,
            ),
            _(
                "{patients} patient(s), {studies} study(ies), {series} series, {frames} frames"
            ).format(
                patients=len(self.patients),
                studies=len(self.studies),
                series=len(self.series),
                frames=self.frames,
            ),
        ]
        if self.modalities:
            lines.append(_("modalities: ") + ", ".join(sorted(self.modalities)))
        if self.makers:
            lines.append(_("equipment: ") + ", ".join(sorted(self.makers)))
        if self.transfer_syntaxes:
            lines.append(_("transfer syntaxes: ") + ", ".join(sorted(self.transfer_syntaxes)))
        values = [f for f in self.findings if f.code == "identifying-value"]
        for f in self.findings:
            if f.code == "identifying-value" and f.severity == INFO and not verbose:
                continue
            files = ngettext("{count} file", "{count} files", f.count).format(count=f.count)
            lines.append(f"{f.severity.upper():5} {f.message} ({files})")
        if values and not verbose and all(f.severity == INFO for f in values):
            lines.append(
                "INFO  "
                + _(
                    "{count} identifying attributes hold values; de-identification removes or "
                    "replaces them (--json lists them)"
                ).format(count=len(values))
            )
        return lines
