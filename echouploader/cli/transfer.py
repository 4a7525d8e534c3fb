"""Transfer commands: ``upload``, ``queue``, ``resume``, ``quota``."""

from __future__ import annotations

import argparse
import logging
import sys
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from echouploader.cli import common
from echouploader.cli.privacy import add_attachment_options, attachments_from
from echouploader.core.errors import (
    EchoUploaderError,
    ExitCode,
    QuotaExceeded,
    StorageFull,
    UsageError,
)
from echouploader.core.ftps import quota
from echouploader.core.ftps.session import SessionFactory, translated
from echouploader.core.ftps.target import Endpoint
from echouploader.core.support import logs
from echouploader.core.transfer import rate_limit
from echouploader.core.transfer.engine import Engine, LateSession
from echouploader.core.transfer.exam_upload import (
    ExamUpload,
    SiteRules,
    exam_identity,
    prepare_exam_upload,
    refuse_unchecked_dicom,
)
from echouploader.core.transfer.model import (
    DEFAULT_CONNECTIONS,
    DEFAULT_QUOTA_BYTES,
    MAX_CONNECTIONS,
    ConflictPolicy,
    Job,
    JobResult,
    ProgressEvent,
    TransferState,
)
from echouploader.core.transfer.plan import plan_upload
from echouploader.core.transfer.queue_store import QueueStore, job_claim
from echouploader.core.transfer.remote_files import JobBusy, part_name

if TYPE_CHECKING:
    from echouploader.core.sites.store import Site

log = logging.getLogger("echouploader.cli")

TARGET_HELP = (
    "site:NAME[/FOLDER], ftps://USER@HOST[:PORT]/FOLDER or ftpes://USER@HOST[:PORT]/FOLDER"
)


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "upload",
        help="upload files or folders (recursively) into a folder on the server",
        description="Send files and folders into the remote folder TARGET (created if needed). "
        "Each file goes under a temporary name and is renamed once its size is verified; when "
        "all are there, SHA256SUMS and upload.json are written. Interrupted uploads are kept in "
        "the queue: run 'echouploader resume'.",
    )
    p.add_argument(
        "paths", nargs="+", metavar="LOCAL... TARGET", help=f"files/folders, then {TARGET_HELP}"
    )
    p.add_argument(
        "--subject",
        metavar="S",
        help="the study subject number: upload LOCAL (one folder) as this subject's exam",
    )
    p.add_argument(
        "--echo",
        metavar="E",
        help="the echo code (1 baseline, 1a additional baseline, 2 follow-up, 3 postnatal)",
    )
    p.add_argument(
        "--connections",
        type=int,
        default=None,
        metavar="N",
        help=f"parallel connections (default {DEFAULT_CONNECTIONS}, at most {MAX_CONNECTIONS})",
    )
    p.add_argument(
        "--on-conflict",
        choices=[c.value for c in ConflictPolicy],
        default=ConflictPolicy.FAIL.value,
        help="when a different file already has the name (default: fail)",
    )
    _quota_options(p)
    _rate_option(p)
    add_attachment_options(p)
    p.add_argument("--json", action="store_true", help="print the summary as JSON")
    p.set_defaults(func=cmd_upload)

    p = sub.add_parser("queue", help="show uploads that are not finished")
    p.add_argument("--all", action="store_true", help="include finished uploads")
    p.add_argument(
        "--remove",
        metavar="JOB_ID",
        help="drop an upload from the queue (nothing is deleted on the server)",
    )
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=cmd_queue)

    p = sub.add_parser("resume", help="finish every upload left in the queue")
    p.add_argument(
        "--on-conflict",
        choices=[c.value for c in ConflictPolicy],
        default=None,
        help="change what to do when a different file already has the name",
    )
    _rate_option(p)
    p.add_argument("--json", action="store_true", help="print the summaries as JSON")
    p.set_defaults(func=cmd_resume)

    p = sub.add_parser("quota", help="show how much of the server's shared disk is used")
    p.add_argument("target", metavar="TARGET", help=TARGET_HELP)
    _quota_options(p)
    p.add_argument(
        "--fresh",
        action="store_true",
        help="walk the server's folders now, even when the last walk is less than ten minutes "
        "old (by default that figure is shown, with what was sent since)",
    )
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=cmd_quota)


def _rate_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--limit-rate",
        metavar="RATE",
        default=None,
        help="upload at most RATE bytes per second, all connections together (e.g. 500K, 5M; "
        "K/M/G = thousand/million/billion); the site's and IT's limits apply too, the lowest wins",
    )


def _rate_limit(args: argparse.Namespace, ep: Endpoint) -> int:
    """Bytes per second for this run: the lowest of --limit-rate, the site's and IT's limit."""
    asked = rate_limit.parse_rate(args.limit_rate) if args.limit_rate else 0
    return rate_limit.limit_for(ep, asked)


def _quota_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--quota-bytes",
        type=int,
        default=None,
        metavar="BYTES",
        help="size of the shared disk (default: the site's quota, else 300 GB)",
    )
    p.add_argument(
        "--quota-root",
        default="/",
        metavar="FOLDER",
        help="the folder the quota covers (default /)",
    )


# --- output ------------------------------------------------------------------------------------


def _duration(seconds: float | None) -> str:
    if seconds is None:
        return "--:--"
    s = int(seconds + 0.5)
    return (
        f"{s // 3600}:{s // 60 % 60:02d}:{s % 60:02d}" if s >= 3600 else f"{s // 60}:{s % 60:02d}"
    )


class ProgressLine:
    """One self-rewriting line on a terminal: the job, then the file that moved last."""

    def __init__(self) -> None:
        self._last = 0.0
        self._width = 0

    def __call__(self, ev: ProgressEvent) -> None:
        now = time.monotonic()
        final = ev.state == "job" and ev.files_done == ev.files_total
        if now - self._last < 0.2 and not final:
            return
        self._last = now
        total = max(ev.job_bytes_total, 1)
        pct = 100 * ev.job_bytes_done / total
        bar = "#" * int(pct / 5)
        line = (
            f"[{bar:<20}] {pct:5.1f}% {quota.human(ev.job_bytes_done)}/"
            f"{quota.human(ev.job_bytes_total)} {quota.human(ev.job_rate)}/s "
            f"ETA {_duration(ev.job_eta)} {ev.files_done}/{ev.files_total} files"
        )
        if ev.file:
            fpct = 100 * ev.bytes_done / ev.bytes_total if ev.bytes_total else 100.0
            line += f" | {ev.file[-30:]} {fpct:3.0f}%"
        pad = max(0, self._width - len(line))
        self._width = len(line)
        sys.stderr.write("\r" + line + " " * pad)
        sys.stderr.flush()

    def end(self) -> None:
        if self._width:
            sys.stderr.write("\n")
            sys.stderr.flush()


def _summary(result: JobResult) -> dict[str, Any]:
    return {
        "job_id": result.job_id,
        "complete": result.complete,
        "files": result.files_total,
        "files_done": result.files_done,
        "uploaded": result.files_uploaded,
        "already_there": result.files_already_there,
        "skipped": result.files_skipped,
        "failed": result.files_failed,
        "waiting_for_space": result.files_waiting_for_space,
        "cancelled": result.files_cancelled,
        "bytes_sent": result.bytes_sent,
        "bytes_total": result.bytes_total,
        "seconds": round(result.seconds, 3),
        "rate_bytes_per_second": round(result.rate),
        "connections": result.connections_used,
        "manifest_uploaded": result.manifest_uploaded,
        "error": str(result.error) if result.error else None,
        "failures": [{"file": f, "error": e} for f, e in result.failures],
        "skipped_local": [{"path": p, "reason": r} for p, r in result.skipped_local],
    }


def _print_summary(result: JobResult) -> None:
    print(
        f"{result.files_done} of {result.files_total} files on the server "
        f"({result.files_uploaded} uploaded, {result.files_already_there} already there), "
        f"{quota.human(result.bytes_sent)} sent in {_duration(result.seconds)} "
        f"({quota.human(result.rate)}/s, {result.connections_used} connection(s)); "
        f"{result.files_skipped} skipped, {result.files_failed} failed."
    )
    for path, why in result.skipped_local:
        print(f"  not sent: {path} ({why})")
    for rel, why in result.failures:
        print(f"  FAILED: {rel}: {why}")
    if result.files_waiting_for_space:
        print(f"  {result.files_waiting_for_space} file(s) wait for space on the server.")
    not_sent = (
        result.files_total
        - result.files_done
        - result.files_skipped
        - result.files_failed
        - result.files_waiting_for_space
        - result.files_cancelled
    )
    if not_sent and result.error is not None:
        print(f"  {not_sent} file(s) not sent yet: {result.error}")
    if result.manifest_uploaded:
        print("Complete: SHA256SUMS and upload.json written on the server.")


def _exit_code(result: JobResult) -> int:
    if result.error is not None:
        return int(getattr(result.error, "exit_code", ExitCode.FAILURE))
    if result.cancelled:
        return 130
    if result.files_failed or not result.manifest_uploaded:
        return int(ExitCode.FAILURE)
    return int(ExitCode.OK)


def _run(engine: Engine, job: Job, show_progress: bool) -> JobResult:
    """Run the job on a worker thread so Ctrl-C cancels it cleanly (every thread ends)."""
    cancel = threading.Event()
    bar = ProgressLine() if show_progress else None
    box: list[JobResult] = []
    th = threading.Thread(
        target=lambda: box.append(engine.run(job, bar, cancel)),
        name="echouploader-cli-job",
        daemon=True,
    )
    th.start()
    try:
        while th.is_alive():
            th.join(0.2)
    except KeyboardInterrupt:
        cancel.set()
        th.join()
    if bar is not None:
        bar.end()
    return box[0]


def _report(results: list[JobResult], as_json: bool) -> int:
    if as_json:
        common.print_json(
            _summary(results[0]) if len(results) == 1 else [_summary(r) for r in results]
        )
    else:
        for r in results:
            _print_summary(r)
    code = 0
    for r in results:
        if r.error is not None:
            # The job stopped: one error line for support, with the server's reply code.
            logs.log_error(log, r.error, command="upload", job=r.job_id)
            print(f"echouploader: {r.error}", file=sys.stderr)
        code = code or _exit_code(r)
    return code


def _progress_wanted(args: argparse.Namespace) -> bool:
    return sys.stderr.isatty() and not args.json


# --- commands ----------------------------------------------------------------------------------


def cmd_upload(args: argparse.Namespace) -> int:
    if len(args.paths) < 2:
        raise UsageError("Give at least one local file or folder, then the remote folder (TARGET).")
    *sources, target_text = args.paths
    target, site = common.resolve_target_and_site(target_text)
    ep = target.endpoint
    connections = DEFAULT_CONNECTIONS if args.connections is None else args.connections
    if not 1 <= connections <= MAX_CONNECTIONS:
        raise UsageError(f"--connections must be between 1 and {MAX_CONNECTIONS}.")
    rules = SiteRules.for_site(site)
    limit = _rate_limit(args, ep)
    quota_bytes = _quota_bytes(args, site)
    on_conflict = ConflictPolicy(args.on_conflict)

    attachments = attachments_from(args)
    identity = None
    if len(sources) == 1 and Path(sources[0]).is_dir():
        identity = exam_identity(Path(sources[0]), rules, args.subject, args.echo)
    elif args.subject or args.echo:
        raise UsageError("An exam upload takes exactly one local folder.")
    if identity is None and not attachments.empty:
        raise UsageError(
            "Reports and comments travel with an exam: upload one exam folder with --subject "
            "and --echo (or name it like 1234_1)."
        )

    exam: ExamUpload | None = None
    if identity is not None:
        # The privacy gate runs before any connection: a blocked exam never reaches the network.
        exam = prepare_exam_upload(
            Path(sources[0]),
            target,
            identity,
            rules,
            target_text=target_text,
            connections=connections,
            on_conflict=on_conflict,
            on_progress=_PrepareProgress() if _progress_wanted(args) else None,
            attachments=attachments,
        )
        job = exam.job
        if not args.json:
            print(
                f"Exam {exam.prepared.exam_id}: checked and de-identified, {len(job.transfers)} "
                f"files to {job.remote_folder}."
            )
    else:
        plan = plan_upload(sources, target.path)
        plan.raise_if_unreadable()
        if not plan.transfers:
            raise UsageError("There is nothing to upload (no regular files in what you gave).")
        refuse_unchecked_dicom(plan, rules)
        job = Job(
            endpoint=ep,
            remote_folder=target.path,
            transfers=plan.transfers,
            target=target_text,
            connections=connections,
            on_conflict=on_conflict,
            skipped_local=plan.skipped,
        )
    try:
        factory = common.session_factory(target)
    except BaseException:
        if exam is not None:
            exam.discard()
        raise
    # The space is measured beside the upload (a full listing of the server can take a minute
    # on a slow line), or read from the last walk; a refusal comes before any file gets its final
    # name. The measuring connection then joins the upload as one of its workers.
    late = LateSession()
    room = quota.RoomCheck(
        factory,
        job.total_bytes,
        root=args.quota_root,
        quota_bytes=quota_bytes,
        label=ep.label(),
        ignore=frozenset(part_name(t.remote_path) for t in job.transfers),
        hand_over=late.give,
    )

    def room_for_it() -> None:
        warning = room.wait()
        if warning:
            print(f"echouploader: warning: {warning}", file=sys.stderr)

    with QueueStore() as store:
        store.submit(job)
        engine = Engine(
            factory,
            store=store,
            rate_limit=limit,
            before_rename=room_for_it,
            late_session=late,
        )
        result = _run(engine, job, _progress_wanted(args))
        if isinstance(result.error, QuotaExceeded):
            # Refused for space: nothing was kept on the server, so nothing is left to resume.
            store.forget(job.job_id)
            if exam is not None:
                exam.discard()
    return _report([result], args.json)


def _quota_bytes(args: argparse.Namespace, site: Site | None) -> int:
    if args.quota_bytes is not None:
        return int(args.quota_bytes)
    return site.quota_bytes if site is not None else DEFAULT_QUOTA_BYTES


class _PrepareProgress:
    """One line on the terminal while the exam is checked and de-identified."""

    def __call__(self, done: int, total: int, name: str) -> None:
        sys.stderr.write(f"\rChecking and de-identifying: {done}/{total} files ")
        if done >= total:
            sys.stderr.write("\n")
        sys.stderr.flush()


def _check_quota(
    factory: SessionFactory, root: str, quota_bytes: int, needed: int, ep: Endpoint
) -> None:
    report = quota.cached(factory, root=root, quota_bytes=quota_bytes)
    if report is None or report.free_bytes < needed:  # a refusal is only made from a new walk
        report = quota.measure(factory, root=root, quota_bytes=quota_bytes, use_cache=False)
    warning = quota.check_room(report, needed, label=ep.label())
    if warning:
        print(f"echouploader: warning: {warning}", file=sys.stderr)


def cmd_queue(args: argparse.Namespace) -> int:
    with QueueStore() as store:
        if args.remove:
            try:
                store.load(args.remove)
            except KeyError:
                raise UsageError(f"There is no upload {args.remove} in the queue.") from None
            store.forget(args.remove)
            print(f"Upload {args.remove} removed from the queue.")
            return 0
        jobs = store.summary(pending_only=not args.all)
    if args.json:
        common.print_json(jobs)
        return 0
    if not jobs:
        print("The queue is empty: every upload is complete.")
        return 0
    for j in jobs:
        states = ", ".join(f"{n} {s}" for s, n in sorted(j["states"].items()))
        print(
            f"{j['job_id']}  {j['target']}  {j['files']} files, "
            f"{quota.human(j['bytes_done'])} of {quota.human(j['bytes'])}: {states}"
        )
        if j["last_error"]:
            print(f"    last error: {j['last_error']}")
        for t in j["transfers"]:
            if t["state"] not in (TransferState.DONE, TransferState.SKIPPED):
                err = f" ({t['last_error']})" if t["last_error"] else ""
                print(f"    {t['state']:<18} {t['remote_path']}{err}")
    print("Run 'echouploader resume' to finish them.")
    return 0


def cmd_resume(args: argparse.Namespace) -> int:
    results: list[JobResult] = []
    factories: dict[Endpoint, SessionFactory] = {}
    with QueueStore() as store:
        ids = store.unfinished_job_ids()
        if not ids:
            if args.json:
                common.print_json([])
            else:
                print("Nothing to resume: the queue is empty.")
            return 0
        for job_id in ids:
            held = store.holder(job_claim(job_id))
            if held is not None:  # an upload or resume running now: take the other work
                if not args.json:
                    print(
                        f"Upload {job_id} is being sent by another EchoUploader process "
                        f"(pid {held.pid}); it is left to that one."
                    )
                continue
            job = store.load(job_id)
            if args.on_conflict:
                job.on_conflict = ConflictPolicy(args.on_conflict)
            ep = job.endpoint
            if ep not in factories:
                factories[ep] = SessionFactory(
                    ep, common.get_password(ep), common.cli_trust_check()
                )
            remaining = sum(t.size - t.bytes_done for t in job.pending())
            try:
                _check_quota(factories[ep], "/", _job_quota(job), remaining, ep)
            except EchoUploaderError as err:
                print(f"echouploader: {job.target}: {err}", file=sys.stderr)
                results.append(_not_started(job, err))
                continue
            engine = Engine(factories[ep], store=store, rate_limit=_rate_limit(args, ep))
            result = _run(engine, job, _progress_wanted(args))
            if isinstance(result.error, JobBusy):  # another resume took it a moment before
                if not args.json:
                    print(f"Upload {job_id}: {result.error}")
                continue
            results.append(result)
    return _report(results, args.json)


def _job_site(job: Job) -> Site | None:
    """The site the job was sent to, when it still exists."""
    if job.target.startswith(common.SITE_PREFIX):
        try:
            return common.resolve_target_and_site(job.target)[1]
        except EchoUploaderError:
            return None
    return None


def _job_quota(job: Job) -> int:
    """The quota of the job's site, when the job was sent to a site that still exists."""
    site = _job_site(job)
    return site.quota_bytes if site is not None else DEFAULT_QUOTA_BYTES


def _not_started(job: Job, err: EchoUploaderError) -> JobResult:
    """A job that could not start: its files wait for space only when space was the reason."""
    pending = job.pending()
    no_room = isinstance(err, (QuotaExceeded, StorageFull))
    return JobResult(
        job_id=job.job_id,
        files_total=len(job.transfers),
        files_done=len(job.transfers) - len(pending),
        files_uploaded=0,
        files_already_there=0,
        files_skipped=0,
        files_failed=0,
        files_waiting_for_space=len(pending) if no_room else 0,
        files_cancelled=0,
        bytes_sent=0,
        bytes_total=job.total_bytes,
        seconds=0.0,
        connections_used=0,
        manifest_uploaded=False,
        error=err,
    )


def cmd_quota(args: argparse.Namespace) -> int:
    target, site = common.resolve_target_and_site(args.target)
    factory = common.session_factory(target)
    with translated(target.endpoint):
        report = quota.measure(
            factory,
            root=args.quota_root,
            quota_bytes=_quota_bytes(args, site),
            use_cache=not args.fresh,
        )
    if args.json:
        common.print_json(report.to_dict())
        return 0
    how = f"measured by {report.method}"
    if report.age_seconds:
        how += f" {_duration(report.age_seconds)} ago"
        if report.sent_since_bytes:
            how += f", plus {quota.human(report.sent_since_bytes)} sent since"
        how += "; --fresh measures again"
    print(
        f"{quota.human(report.used_bytes)} used of {quota.human(report.quota_bytes)} "
        f"({report.fraction_used:.0%}); {quota.human(report.free_bytes)} free ({how})."
    )
    return 0
