"""``echouploader logs`` (read the transfer log) and ``echouploader support-bundle``."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

from echouploader.core.errors import UsageError
from echouploader.core.support import logs


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "logs",
        help="show the transfer log",
        description="Show the transfer log as a table (time in UTC, level, site, exam, message) "
        "or as raw JSON lines. Patient identifiers are already replaced with [redacted].",
    )
    p.add_argument("--since", metavar="WHEN", help="an age (30m, 2h, 7d) or a date (2026-11-20)")
    p.add_argument(
        "--level",
        choices=logs.LEVELS,
        type=str.lower,
        help="this level and worse (default: info)",
    )
    p.add_argument("--site", metavar="S", help="only this site")
    p.add_argument("--exam", metavar="E", help="only this exam")
    p.add_argument("--grep", metavar="TEXT", help="only lines containing TEXT (any field)")
    p.add_argument("-n", "--lines", type=int, metavar="N", help="only the last N matching lines")
    p.add_argument("-f", "--follow", action="store_true", help="keep printing new lines (Ctrl+C)")
    p.add_argument("--json", action="store_true", help="print raw JSON lines")
    p.set_defaults(func=cmd_logs)

    p = sub.add_parser(
        "support-bundle",
        help="write a zip for the core lab's support staff",
        description="Write the last days of logs, versions, trusted certificate fingerprints, "
        "sites, queue state and keyring backend into a zip, with a README describing it. "
        "No password, key code or DICOM file goes in.",
    )
    p.add_argument("out", metavar="OUT.zip", type=Path, help="the zip file to write")
    p.add_argument("--days", type=int, default=None, help="days of logs (default 14)")
    p.add_argument("--force", action="store_true", help="replace OUT.zip if it exists")
    p.set_defaults(func=cmd_support_bundle)


def _cell(value: Any, width: int) -> str:
    text = "" if value is None else str(value)
    return text if len(text) <= width else text[: width - 1] + "…"


def format_row(rec: dict[str, Any]) -> str:
    ts = str(rec.get("ts", ""))[:19].replace("T", " ")
    return (
        f"{ts:19}  {_cell(rec.get('level', ''), 8):8}  {_cell(rec.get('site'), 12):12}  "
        f"{_cell(rec.get('exam'), 16):16}  {logs.format_record(rec)}"
    )


HEADER = f"{'time (UTC)':19}  {'level':8}  {'site':12}  {'exam':16}  message"


def _print(rec: dict[str, Any], as_json: bool) -> None:
    if as_json:
        print(json.dumps(rec, ensure_ascii=False))
    else:
        print(format_row(rec))


def cmd_logs(args: argparse.Namespace) -> int:
    if args.lines is not None and args.lines < 1:
        raise UsageError("--lines must be 1 or more.")
    keep = logs.RecordFilter(
        since=args.since, level=args.level, site=args.site, exam=args.exam, text=args.grep
    )
    if not args.follow:
        _show_existing(args, keep)
        return 0
    try:  # Ctrl+C is how following ends, whenever it comes
        follower = logs.LogFollower(keep)
        _show_existing(args, keep)
        while True:
            for rec in follower.poll():
                _print(rec, args.json)
            sys.stdout.flush()
            time.sleep(0.5)
    except KeyboardInterrupt:
        return 0


def _show_existing(args: argparse.Namespace, keep: logs.RecordFilter) -> None:
    records = logs.read_records(
        since=keep.since,
        level=args.level,
        site=args.site,
        exam=args.exam,
        text=args.grep,
        limit=args.lines,
    )
    if not args.json:
        print(HEADER)
    for rec in records:
        _print(rec, args.json)
    if not records and not args.follow:
        print("No log lines match.", file=sys.stderr)
    sys.stdout.flush()


def cmd_support_bundle(args: argparse.Namespace) -> int:
    from echouploader.core.diagnostics import support_bundle  # loads every domain: only here

    if args.days is None:
        args.days = support_bundle.DEFAULT_DAYS
    if args.days < 1:
        raise UsageError("--days must be 1 or more.")
    out: Path = args.out
    if out.suffix.lower() != ".zip":
        out = out.with_name(out.name + ".zip")
    result = support_bundle.create(out, days=args.days, overwrite=args.force)
    print(f"Support bundle written to {result.path} ({len(result.files)} files).")
    for section, why in result.unavailable.items():
        print(f"  not included: {section} ({why})")
    print("It contains no password, no key code and no DICOM file; send it to the core lab.")
    return 0
