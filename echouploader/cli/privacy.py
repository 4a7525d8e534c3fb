"""``check``, ``deidentify`` and ``keys export``: the privacy gate from the command line."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from echouploader.core.errors import ConfigError, ExitCode, PrivacyBlocked, UsageError
from echouploader.core.privacy.deidentify.profile import PrivacyProfile
from echouploader.core.privacy.exam_identity import ExamIdentity, ExamRule

if TYPE_CHECKING:
    from echouploader.core.privacy.reports.attach import Attachments

# The report cleaning (pydicom, numpy, the PDF renderer) is imported by the commands that clean
# reports, not by every command: `echouploader quota` starts in a third of the time.


def add_attachment_options(parser: argparse.ArgumentParser) -> None:
    """``--report FILE`` (repeatable) and ``--comments TEXT|@FILE``, for check/deidentify/upload."""
    parser.add_argument(
        "--report",
        action="append",
        default=[],
        metavar="FILE",
        help="a report to send with the exam (PDF, JPEG or PNG; repeatable): cleaned of "
        "identifying text and sent as report/report-N.pdf (or .jpg/.png)",
    )
    parser.add_argument(
        "--comments",
        metavar="TEXT|@FILE",
        help="comments for the reviewer (or @FILE, UTF-8), sent as comments.txt; an identifier "
        "in them blocks the exam",
    )


def attachments_from(args: argparse.Namespace) -> Attachments:
    from echouploader.core.privacy.reports.attach import Attachments
    from echouploader.core.privacy.reports.comments import read_comments_argument

    reports = tuple(Path(p) for p in getattr(args, "report", None) or [])
    for path in reports:
        if not path.is_file():
            raise UsageError(f"The report {path} is not a file.")
    comments = getattr(args, "comments", None)
    return Attachments(reports, read_comments_argument(comments) if comments is not None else None)


def load_settings(path: str | None) -> tuple[PrivacyProfile, ExamRule]:
    """The privacy profile and exam rule from a site file (``privacy_profile``/``exam_rule``)."""
    if not path:
        return PrivacyProfile(), ExamRule()
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"The profile file {path} cannot be read ({exc.strerror}).") from None
    except json.JSONDecodeError as exc:
        raise ConfigError(
            f"The profile file {path} is not valid JSON (line {exc.lineno})."
        ) from None
    if not isinstance(data, dict):
        raise ConfigError(f"The profile file {path} must hold a JSON object.")
    if "privacy_profile" in data or "exam_rule" in data:
        return (
            PrivacyProfile.from_dict(data.get("privacy_profile")),
            ExamRule.from_dict(data.get("exam_rule")),
        )
    return PrivacyProfile.from_dict(data), ExamRule()


def _identity(
    rule: ExamRule, folder: Path, subject: str | None, echo: str | None, required: bool
) -> ExamIdentity | None:
    if subject is None and echo is None and not required:
        return rule.parse_folder_name(folder.resolve().name)
    return rule.resolve(folder.resolve().name, subject, echo)


def _print_json(data: dict[str, Any]) -> None:
    json.dump(data, sys.stdout, indent=2)
    sys.stdout.write("\n")


def cmd_check(args: argparse.Namespace) -> int:
    from echouploader.core.privacy.check import check_exam  # pydicom: only for this command
    from echouploader.core.privacy.reports.attach import clean_attachments, exam_values

    profile, rule = load_settings(args.profile)
    folder = Path(args.folder)
    identity = _identity(rule, folder, args.subject, args.echo, required=False)
    exam_id = rule.exam_id(identity) if identity else ""
    attachments = attachments_from(args)
    report = check_exam(folder, profile, identity, exam_id=exam_id)
    attached_lines: list[str] = []
    attached_blocked = False
    if not attachments.empty and not report.blocked:
        try:
            cleaned = clean_attachments(
                attachments, exam_values(report.identifying_strings, identity), keep_going=True
            )
        except PrivacyBlocked as exc:  # the comments hold an identifier
            attached_blocked = True
            report.attachments = {"comments": {"action": "blocked", "message": str(exc)}}
            attached_lines.append(f"BLOCK {exc}")
        else:
            report.attachments = cleaned.to_json()
            attached_blocked = cleaned.blocked
            for r in cleaned.reports:
                line = r.blocked or r.to_json()["message"]
                attached_lines.append(("BLOCK " if r.blocked else "INFO  ") + line)
            if cleaned.comments is not None:
                attached_lines.append("INFO  The comments are sent as comments.txt")
    blocked = report.blocked or attached_blocked
    if args.json:
        data = report.to_json(show_identities=args.show_identities)
        data["blocked"] = blocked
        data["exam"] = exam_id
        _print_json(data)
    else:
        if exam_id:
            print(f"exam {exam_id}")
        for line in report.summary_lines() + attached_lines:
            print(line)
        if blocked:
            print("The exam cannot be sent until the blocking findings are resolved.")
    return int(ExitCode.PRIVACY_BLOCKED) if blocked else 0


def cmd_deidentify(args: argparse.Namespace) -> int:
    from echouploader.core.privacy.check import check_exam
    from echouploader.core.privacy.deidentify.apply import deidentify_exam
    from echouploader.core.privacy.reports.attach import clean_attachments, exam_values

    profile, rule = load_settings(args.profile)
    folder = Path(args.folder)
    identity = _identity(rule, folder, args.subject, args.echo, required=True)
    assert identity is not None
    exam_id = rule.exam_id(identity)
    attachments = attachments_from(args)
    report = check_exam(folder, profile, identity, exam_id=exam_id)
    if report.blocked and not args.json:
        for line in report.summary_lines():
            print(line)
    cleaned = None
    if not attachments.empty and not report.blocked:
        cleaned = clean_attachments(attachments, exam_values(report.identifying_strings, identity))
        report.attachments = cleaned.to_json()
    result = deidentify_exam(
        folder,
        Path(args.out),
        identity,
        profile,
        rule,
        report,
        exam_id=exam_id,
        attachments=cleaned,
    )
    if args.json:
        _print_json(
            {
                "exam": exam_id,
                "remote_folder": rule.folder_name(identity),
                "out": str(result.out_dir),
                "written": len(result.written),
                "files": result.written,
                "skipped": [{"file": rel, "reason": why} for rel, why in result.skipped],
                "bytes": result.bytes,
                "patient_identity_removed": result.patient_identity_removed,
                "privacy": profile.describe(),
                "check": report.to_json(),
                **(cleaned.manifest() if cleaned is not None else {}),
            }
        )
    else:
        for line in report.summary_lines():
            print(line)
        print(f"{len(result.written)} files de-identified into {result.out_dir} as exam {exam_id}")
        for rel, why in result.skipped:
            print(f"not sent: {rel} ({why})")
        for r in cleaned.reports if cleaned is not None else []:
            print(r.to_json()["message"])
        if cleaned is not None and cleaned.comments is not None:
            print("comments written to comments.txt")
        if not result.patient_identity_removed:
            print("Patient details may still be burned into the images: check the frames.")
    return 0


def cmd_keys_export(args: argparse.Namespace) -> int:
    from echouploader.core.privacy.keycode import KeyCodeStore

    count = KeyCodeStore().export_csv(Path(args.file))
    print(f"{count} key code entries written to {args.file} (keep it at the site; never send it)")
    return 0


def _keys_usage(args: argparse.Namespace) -> int:
    raise UsageError("Say what to do with the key code: `echouploader keys export FILE.csv`.")


def register(subparsers: Any) -> None:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--profile",
        metavar="FILE.json",
        help="site profile with privacy_profile / exam_rule (default: built-in)",
    )
    common.add_argument("--json", action="store_true", help="print the result as JSON")

    check = subparsers.add_parser(
        "check",
        parents=[common],
        help="check an exam folder before it is sent",
        description="Classify every file and read every DICOM tag; exit code 3 when a finding "
        "blocks the exam.",
    )
    check.add_argument("folder", metavar="DIR")
    check.add_argument("--subject", help="subject number (default: from the folder name)")
    check.add_argument("--echo", help="echo code (default: from the folder name)")
    check.add_argument(
        "--show-identities",
        action="store_true",
        help="with --json: show patient names and IDs unmasked",
    )
    add_attachment_options(check)
    check.set_defaults(func=cmd_check)

    deid = subparsers.add_parser(
        "deidentify",
        parents=[common],
        help="de-identify an exam folder into another folder",
        description="Apply the DICOM PS3.15 basic profile and the site's options; record the "
        "key code at this site.",
    )
    deid.add_argument("folder", metavar="DIR")
    deid.add_argument("--subject", help="subject number (default: from the folder name)")
    deid.add_argument("--echo", help="echo code (default: from the folder name)")
    deid.add_argument("--out", required=True, metavar="OUTDIR", help="new or empty folder")
    add_attachment_options(deid)
    deid.set_defaults(func=cmd_deidentify)

    keys = subparsers.add_parser("keys", help="the site-kept key code (study ID ↔ patient)")
    keys.set_defaults(func=_keys_usage)
    keys_sub = keys.add_subparsers(dest="keys_command", metavar="ACTION")
    export = keys_sub.add_parser("export", help="write the key code to a CSV file")
    export.add_argument("file", metavar="FILE.csv")
    export.set_defaults(func=cmd_keys_export)
