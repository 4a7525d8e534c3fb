"""Core lab commands: ``arrivals`` (what has arrived, and in what state) and ``download``."""

from __future__ import annotations

import argparse
import sys
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING

from echouploader.cli import common
from echouploader.core.corelab import arrivals as arrivals_mod
from echouploader.core.corelab.download import DEFAULT_CONNECTIONS, DownloadProgress
from echouploader.core.corelab.package import DownloadRequest, DownloadResult, download_package
from echouploader.core.errors import UsageError
from echouploader.core.ftps import quota
from echouploader.core.ftps.target import MAX_CONNECTIONS
from echouploader.core.privacy.exam_identity import ExamRule

if TYPE_CHECKING:
    from echouploader.core.sites.store import Site

TARGET_HELP = (
    "the folder that holds the exam folders: site:NAME[/FOLDER], ftps://USER@HOST[:PORT]/FOLDER "
    "or ftpes://USER@HOST[:PORT]/FOLDER"
)


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "arrivals",
        help="list the exam folders on the server: complete, incomplete or uploading",
        description="One row per exam folder under TARGET, from listings alone: complete when "
        "upload.json is there and every SHA256SUMS entry is listed with its size, incomplete "
        "when something is missing or has another size, uploading while partial files are "
        "there or upload.json is not.",
    )
    p.add_argument("target", metavar="TARGET", help=TARGET_HELP)
    p.add_argument("--json", action="store_true", help="print a JSON list")
    p.add_argument(
        "--connections",
        type=int,
        default=arrivals_mod.DEFAULT_CONNECTIONS,
        metavar="N",
        help=f"parallel connections (default {arrivals_mod.DEFAULT_CONNECTIONS}, "
        f"at most {arrivals_mod.MAX_CONNECTIONS}; fewer when the server or site allows fewer)",
    )
    p.set_defaults(func=cmd_arrivals)

    p = sub.add_parser(
        "download",
        help="download exams, verified, as STUDY/SUBJECT/VISIT/SERIES in one ZIP",
        description="Download the selected complete exams (all of them without a selection), "
        "check every file against SHA256SUMS, and write one ZIP laid out "
        "STUDY/SUBJECT/VISIT/SERIES with manifest.csv, manifest.xlsx and files.csv. An "
        "interrupted download resumes when run again.",
    )
    p.add_argument("target", metavar="TARGET", help=TARGET_HELP)
    p.add_argument(
        "--out",
        metavar="ARCHIVE.zip",
        help="the archive to write (its folder must exist; default <study>_<UTC time>.zip here)",
    )
    p.add_argument(
        "--to-folder",
        metavar="DIR",
        help="write the same layout unpacked into DIR instead of a ZIP",
    )
    p.add_argument(
        "--subject", action="append", default=[], metavar="S", help="a subject (repeatable)"
    )
    p.add_argument(
        "--exam",
        action="append",
        default=[],
        metavar="FOLDER",
        help="an exam folder such as 1234_1 (repeatable)",
    )
    p.add_argument(
        "--from-report",
        metavar="FILE",
        help="a .csv or .xlsx report with a 'subject' column and an optional 'visit' column",
    )
    p.add_argument("--study", metavar="NAME", help="the study folder's name in the package")
    p.add_argument(
        "--connections",
        type=int,
        default=DEFAULT_CONNECTIONS,
        metavar="N",
        help=f"parallel connections (default {DEFAULT_CONNECTIONS}, at most {MAX_CONNECTIONS})",
    )
    p.add_argument("--json", action="store_true", help="print the summary as JSON")
    p.set_defaults(func=cmd_download)


def _connections(n: int, most: int = MAX_CONNECTIONS) -> int:
    if not 1 <= n <= most:
        raise UsageError(f"--connections must be between 1 and {most}.")
    return n


def _rule(site: Site | None) -> ExamRule:
    return ExamRule.from_dict(site.exam_rule) if site is not None else ExamRule()


def cmd_arrivals(args: argparse.Namespace) -> int:
    connections = _connections(args.connections, arrivals_mod.MAX_CONNECTIONS)
    target, site = common.resolve_target_and_site(args.target)
    factory = common.session_factory(target)
    found = arrivals_mod.scan(factory, target.path, rule=_rule(site), connections=connections)
    if args.json:
        common.print_json([a.to_dict() for a in found])
        return 0
    if not found:
        print(f"No exam folders under {target.path}.")
        return 0
    print(f"{'exam':<14} {'state':<11} {'files':>6} {'size':>10}  {'uploaded (UTC)':<26} site")
    for a in found:
        print(
            f"{a.exam:<14} {a.state:<11} {a.files:>6} {quota.human(a.bytes):>10}  "
            f"{(a.uploaded_utc or '-'):<26} {a.site or '-'}"
        )
        for why in a.problems[:3] if a.state == arrivals_mod.INCOMPLETE else []:
            print(f"    {why}")
    counts = {s: sum(a.state == s for a in found) for s in arrivals_mod.STATES}
    print(", ".join(f"{n} {s}" for s, n in counts.items()) + ".")
    return 0


class _Progress:
    """One self-rewriting line on a terminal while files arrive."""

    def __init__(self) -> None:
        self._last = 0.0
        self._width = 0
        self._lock = threading.Lock()

    def __call__(self, ev: DownloadProgress) -> None:
        with self._lock:
            now = time.monotonic()
            if now - self._last < 0.2 and ev.files_done < ev.files_total:
                return
            self._last = now
            pct = 100 * ev.bytes_done / max(ev.bytes_total, 1)
            eta = "--:--" if ev.eta is None else f"{int(ev.eta) // 60}:{int(ev.eta) % 60:02d}"
            line = (
                f"[{'#' * int(pct / 5):<20}] {pct:5.1f}% {quota.human(ev.bytes_done)}/"
                f"{quota.human(ev.bytes_total)} {quota.human(ev.rate)}/s ETA {eta} "
                f"{ev.files_done}/{ev.files_total} files"
            )
            pad = max(0, self._width - len(line))
            self._width = len(line)
            sys.stderr.write("\r" + line + " " * pad)
            sys.stderr.flush()

    def stage(self, text: str) -> None:
        with self._lock:
            self.end()
            sys.stderr.write(text + "…\n")
            sys.stderr.flush()

    def end(self) -> None:
        if self._width:
            sys.stderr.write("\n")
            sys.stderr.flush()
            self._width = 0


def cmd_download(args: argparse.Namespace) -> int:
    connections = _connections(args.connections)
    if args.out and args.to_folder:
        raise UsageError("Give either --out or --to-folder, not both.")
    target, site = common.resolve_target_and_site(args.target)
    request = DownloadRequest(
        root=target.path,
        subjects=args.subject,
        exams=args.exam,
        report=Path(args.from_report) if args.from_report else None,
        study=args.study,
        site_study=site.study_name() if site is not None else "study",
        out=Path(args.out) if args.out else None,
        to_folder=Path(args.to_folder) if args.to_folder else None,
        connections=connections,
        rule=_rule(site),
    )
    if request.report is not None:
        from echouploader.core.corelab.selection import read_report

        read_report(request.report)  # a broken report is refused before any connection
    factory = common.session_factory(target)
    bar = _Progress() if sys.stderr.isatty() and not args.json else None
    cancel = threading.Event()
    try:
        result = download_package(
            factory,
            request,
            on_progress=bar,
            on_stage=bar.stage if bar else None,
            cancel=cancel,
        )
    finally:
        if bar is not None:
            bar.end()
    return _report(result, args.json)


def _report(result: DownloadResult, as_json: bool) -> int:
    if as_json:
        common.print_json(result.to_dict())
    else:
        print(
            f"{result.path}: {len(result.exams)} exam(s), {result.series} series, "
            f"{result.files} files ({quota.human(result.bytes)}), every file verified against "
            "SHA256SUMS."
        )
        for w in result.warnings:
            print(f"  warning: {w}")
    return 0
