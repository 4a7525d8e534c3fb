"""Exam identity: one exam is one echo of one subject, sent as one remote folder.

The site profile holds an :class:`ExamRule` (as a plain dict under ``exam_rule``): the echo codes
and their labels, the subject-number pattern and the remote folder-name template. The rule
validates what a user types, names the remote folder, and reads the identity back from a local
folder that already follows the template.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from echouploader.core.errors import UsageError
from echouploader.core.i18n import _

DEFAULT_ECHO_CODES: dict[str, str] = {
    "1": "baseline fetal echo",
    "1a": "additional baseline fetal echo",
    "2": "follow-up fetal echo",
    "3": "postnatal echo",
}
DEFAULT_FOLDER_TEMPLATE = "{subject}_{echo}"
DEFAULT_SUBJECT_PATTERN = r"[0-9]{1,10}"

_FIELDS = ("subject", "echo")


class ExamRuleError(UsageError):
    """An exam identity or an exam rule breaks the site's naming rule."""


@dataclass(frozen=True)
class ExamIdentity:
    """Who and when: the study's subject number and the echo code (``1``, ``1a``, ``2``, ``3``)."""

    subject: str
    echo: str


def _or_list(codes: list[str]) -> str:
    if len(codes) == 1:
        return codes[0]
    return ", ".join(codes[:-1]) + " or " + codes[-1]


@dataclass(frozen=True)
class ExamRule:
    echo_codes: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_ECHO_CODES))
    folder_template: str = DEFAULT_FOLDER_TEMPLATE
    subject_pattern: str = DEFAULT_SUBJECT_PATTERN

    def __post_init__(self) -> None:
        if not self.echo_codes:
            raise ExamRuleError(_("The exam rule lists no echo codes."))
        for code in self.echo_codes:
            if not code or not re.fullmatch(r"[A-Za-z0-9]+", code):
                raise ExamRuleError(
                    _("`{code}` cannot be an echo code: use letters and digits.").format(code=code)
                )
        try:
            re.compile(self.subject_pattern)
        except re.error as exc:
            raise ExamRuleError(
                _("The subject pattern `{subject_pattern}` is not a valid pattern ({exc}).").format(
                    subject_pattern=self.subject_pattern, exc=exc
                )
            ) from None
        names = re.findall(r"{([^{}]*)}", self.folder_template)
        if sorted(names) != sorted(_FIELDS):
            raise ExamRuleError(
                _(
                    "The folder template `{folder_template}` must contain {{subject}} and "
                    "{{echo}} once each and nothing else in braces."
                ).format(folder_template=self.folder_template)
            )
        if "/" in self.folder_template or "\\" in self.folder_template:
            raise ExamRuleError(_("The folder template names one folder: no slashes."))

    # --- storage ------------------------------------------------------------------------------

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> ExamRule:
        if not data:
            return cls()
        if not isinstance(data, dict):
            raise ExamRuleError(_("The exam rule in the site profile is not a table of settings."))
        codes = data.get("echo_codes", DEFAULT_ECHO_CODES)
        if isinstance(codes, list):  # [{"code": "1", "label": "..."}] is accepted too
            codes = {str(item["code"]): str(item.get("label", "")) for item in codes}
        if not isinstance(codes, dict):
            raise ExamRuleError(_("The exam rule's echo codes must map each code to its label."))
        return cls(
            echo_codes={str(k): str(v) for k, v in codes.items()},
            folder_template=str(data.get("folder_template", DEFAULT_FOLDER_TEMPLATE)),
            subject_pattern=str(data.get("subject_pattern", DEFAULT_SUBJECT_PATTERN)),
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "echo_codes": dict(self.echo_codes),
            "folder_template": self.folder_template,
            "subject_pattern": self.subject_pattern,
        }

    # --- validation ---------------------------------------------------------------------------

    def check_subject(self, subject: str) -> str:
        value = subject.strip()
        if not value:
            raise ExamRuleError(_("The subject number is missing."))
        if not re.fullmatch(self.subject_pattern, value):
            if self.subject_pattern == DEFAULT_SUBJECT_PATTERN:
                rule = _("use 1 to 10 digits")
            else:
                rule = _("it must match the site's pattern `{subject_pattern}`").format(
                    subject_pattern=self.subject_pattern
                )
            raise ExamRuleError(
                _("`{value}` is not a subject number; {rule}.").format(value=value, rule=rule)
            )
        return value

    def check_echo(self, echo: str) -> str:
        value = echo.strip()
        codes = list(self.echo_codes)
        if value not in self.echo_codes:
            # Accept a different case ("1A") but say nothing about it: the code is canonical.
            folded = {code.lower(): code for code in codes}
            if value.lower() in folded:
                return folded[value.lower()]
            shown = f"`{value}`" if value else "An empty value"
            raise ExamRuleError(
                _("{shown} is not an echo code; use {codes}.").format(
                    shown=shown, codes=_or_list(codes)
                )
            )
        return value

    def identity(self, subject: str, echo: str) -> ExamIdentity:
        return ExamIdentity(self.check_subject(subject), self.check_echo(echo))

    def label(self, echo: str) -> str:
        return self.echo_codes.get(self.check_echo(echo), "")

    # --- names --------------------------------------------------------------------------------

    def folder_name(self, identity: ExamIdentity) -> str:
        checked = self.identity(identity.subject, identity.echo)
        return self.folder_template.format(subject=checked.subject, echo=checked.echo)

    def exam_id(self, identity: ExamIdentity) -> str:
        """The exam's name in logs, the queue and ``upload.json``: the remote folder name."""
        return self.folder_name(identity)

    def parse_folder_name(self, name: str) -> ExamIdentity | None:
        """The identity in a local folder name that follows the template, else ``None``."""
        echo_alt = "|".join(re.escape(c) for c in sorted(self.echo_codes, key=len, reverse=True))
        pattern = ""
        for part in re.split(r"({subject}|{echo})", self.folder_template):
            if part == "{subject}":
                pattern += f"(?P<subject>{self.subject_pattern})"
            elif part == "{echo}":
                pattern += f"(?P<echo>{echo_alt})"
            else:
                pattern += re.escape(part)
        match = re.fullmatch(pattern, name.strip(), flags=re.IGNORECASE)
        if not match:
            return None
        try:
            return self.identity(match.group("subject"), match.group("echo"))
        except ExamRuleError:
            return None

    def name_problem(self, name: str) -> str:
        """Why a folder name that *almost* follows the template does not (``1234_12a`` →
        "`12a` is not an echo code; use 1, 1a, 2 or 3."); '' when it follows it or is unlike it.
        """
        if self.parse_folder_name(name) is not None:
            return ""
        pattern = ""
        for part in re.split(r"({subject}|{echo})", self.folder_template):
            if part == "{subject}":
                pattern += r"(?P<subject>[^\W_]+)"
            elif part == "{echo}":
                pattern += r"(?P<echo>[^\W_]+)"
            else:
                pattern += re.escape(part)
        match = re.fullmatch(pattern, name.strip(), flags=re.IGNORECASE)
        if not match:
            return ""
        try:
            self.identity(match.group("subject"), match.group("echo"))
        except ExamRuleError as exc:
            return str(exc)
        return ""

    def resolve(
        self, folder_name: str, subject: str | None = None, echo: str | None = None
    ) -> ExamIdentity:
        """The identity given explicitly, or else read from the folder name; one of them must be."""
        parsed = self.parse_folder_name(folder_name)
        if subject is None and echo is None:
            if parsed is None:
                example = self.folder_template.format(
                    subject="1234", echo=next(iter(self.echo_codes))
                )
                raise ExamRuleError(
                    _(
                        "The folder name `{folder_name}` does not say which exam it is (like "
                        "`{example}`); give the subject number and the echo code."
                    ).format(folder_name=folder_name, example=example)
                )
            return parsed
        if subject is None or echo is None:
            if parsed is None:
                raise ExamRuleError(
                    _("The subject number is missing.")
                    if subject is None
                    else _("The echo code is missing.")
                )
            subject = parsed.subject if subject is None else subject
            echo = parsed.echo if echo is None else echo
        return self.identity(subject, echo)
