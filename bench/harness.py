"""The benchmark run: data, servers and links, then P1–P6, each filling its rows of the report.

A measurement whose program is missing, or that fails, leaves its row "not measured: <why>";
the other rows are still measured.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench import data, pyprofile, report, timeline
from bench.clients import (
    EXAM_ECHO,
    EXAM_SUBJECT,
    REPO,
    ClientFailed,
    EchoUploaderCLI,
    Run,
    curl_put,
    lftp_mirror,
    lftp_put,
    rclone_copy,
    rclone_missing,
    run_timed,
)
from bench.link import link_missing, make_link
from bench.measure import Contender, Spread, alternate, best_of_pair_ratio, paired_ratio
from bench.report import Row
from bench.servers import BENCH_USER, BenchServer, ServerAddress, vsftpd_missing

log = logging.getLogger("bench")
BENCH_DIR = Path(__file__).resolve().parent
SHM = Path("/dev/shm")


@dataclass(frozen=True)
class Sizes:
    rounds: int
    one_file: int
    exam: data.ExamSpec
    big_exam: data.ExamSpec
    small_dicoms: int
    remote_tree: int
    connection_counts: tuple[int, ...]
    gui_timeout: float
    delay_ms: float = 15.0
    cap_mb_s: float = 25.0
    limit_mb_s: float = 15.0


FULL = Sizes(
    rounds=3,
    one_file=1 << 30,
    exam=data.ExamSpec(total_bytes=1_100_000_000, clips=114, small_files=6, seed="exam"),
    big_exam=data.ExamSpec(total_bytes=5_000_000_000, clips=470, small_files=6, seed="big"),
    small_dicoms=2000,
    remote_tree=20_000,
    connection_counts=(2, 4, 8, 16),
    gui_timeout=600.0,
)
QUICK = Sizes(
    rounds=1,
    one_file=16 << 20,
    exam=data.ExamSpec(
        total_bytes=12_000_000, clips=5, max_clip=5 * data.MB, small_files=3, seed="exam-quick"
    ),
    big_exam=data.ExamSpec(
        total_bytes=30_000_000, clips=6, max_clip=10 * data.MB, small_files=3, seed="big-quick"
    ),
    small_dicoms=100,
    remote_tree=500,
    connection_counts=(),
    gui_timeout=120.0,
)

ALL_PARTS = ("P1", "P2", "P3", "P4", "P5", "P6", "P7", "P8", "P9")


@dataclass
class Options:
    quick: bool
    out_dir: Path
    data_dir: Path
    keep_data: bool
    parts: tuple[str, ...] = ALL_PARTS
    rounds: int | None = None
    python: str = sys.executable
    update: bool = False
    sizes: Sizes = field(init=False)

    def __post_init__(self) -> None:
        self.sizes = QUICK if self.quick else FULL
        if self.rounds:
            self.sizes = Sizes(**{**self.sizes.__dict__, "rounds": self.rounds})


def mb(n: float) -> str:
    return f"{n / 1e6:,.0f} MB" if n >= 1e7 else f"{n / 1e6:.1f} MB"


def fmt_spread(s: Spread, unit: str, digits: int = 1) -> str:
    return f"{s.median:.{digits}f} {unit} ({s.min:.{digits}f}–{s.max:.{digits}f})"


def fmt_ratio(s: Spread) -> str:
    return f"{s.median:.2f}× ({s.min:.2f}–{s.max:.2f})"


class NotMeasured(Exception):
    """A piece this row needs is missing from this build: the row says so, without blame."""


class Bench:
    def __init__(self, opts: Options) -> None:
        self.opts = opts
        self.sizes = opts.sizes
        self.rows = report.empty_rows()
        self.work = Path(tempfile.mkdtemp(prefix="eu-bench-"))
        os.chmod(self.work, 0o755)
        self.cli = EchoUploaderCLI(self.work / "state", python=opts.python)
        self.server: BenchServer | None = None
        self.commands: dict[str, bool] = {}
        self.load_at_start = ""
        self.link_kind = ""

    # -- plumbing ------------------------------------------------------------------------------

    def has(self, command: str) -> bool:
        if command not in self.commands:
            self.commands[command] = self.cli.has_command(command)
        return self.commands[command]

    def need(self, *commands: str) -> str | None:
        """Why a row cannot be measured (a missing command), or None."""
        missing = [c for c in commands if not self.has(c)]
        if missing:
            return f"this build's CLI has no `echouploader {' / '.join(missing)}` command"
        return None

    def connection_sweep(self) -> tuple[int, ...]:
        """The connection counts to try besides the default: within what the CLI allows."""
        default, most = self.cli.connection_limits()
        counts = [n for n in self.sizes.connection_counts if n != default and n <= most]
        if most not in counts and most != default and not self.opts.quick:
            counts.append(most)
        return tuple(sorted(counts))

    def _mkdirs(self, *remote_dirs: str) -> Callable[[], None]:
        """Before each run: empty the server, then create the folders the run uploads into."""

        def before() -> None:
            assert self.server is not None
            self.server.clear()
            for d in remote_dirs:
                p = self.server.home / d.strip("/")
                p.mkdir(parents=True, exist_ok=True)
                shutil.chown(p, BENCH_USER, BENCH_USER)

        return before

    def _verify_stored(
        self, payload: int, files: int, link: Any = None
    ) -> Callable[[Contender, Run], None]:
        """After each run: the server really holds every file and byte (else the run is void),
        and with a link, every byte went through the relay."""
        relayed = [link.bytes_up if link else 0]

        def after(c: Contender, run: Run) -> None:
            assert self.server is not None
            if link is not None:
                moved, relayed[0] = link.bytes_up - relayed[0], link.bytes_up
                if moved < payload:
                    raise ClientFailed(
                        f"{c.name} sent only {moved} of {payload} bytes through "
                        "the link: its data connections bypassed it"
                    )
            stored_files, stored = data.tree_bytes(self.server.home)
            if stored < payload or stored_files < files:
                raise ClientFailed(
                    f"{c.name} exited {run.returncode} but the server holds {stored_files} files / "
                    f"{stored} bytes of {files} / {payload}: {run.stderr.strip()[-300:]}"
                )

        return after

    def profile_upload(
        self, addr: ServerAddress, local: list[Path], remote: str, files: int, remote_dir: str
    ) -> dict[str, object]:
        """One extra verbose upload (not counted in the medians), split into phases."""
        self._mkdirs(remote_dir)()
        self.cli.trust(addr)
        env = {**self.cli.env, "ECHOUPLOADER_PASSWORD": addr.password}
        argv = addr.wrap(self.cli.argv("-v", *self.cli.upload_args(addr, local, remote, None)))
        try:
            tl = timeline.record(argv, env, REPO)
        except Exception as exc:  # noqa: BLE001 - a profile is extra information
            return {"error": f"{type(exc).__name__}: {exc}"}
        summary = tl.summary(files)
        summary["text"] = timeline.describe(summary)
        return summary

    def measured(self, rid: str, fn: Callable[[Row], None]) -> None:
        row = self.rows[rid]
        try:
            fn(row)
        except NotMeasured as exc:
            row.not_measured(str(exc))
        except Exception as exc:  # noqa: BLE001 - one failed measurement must not stop the others
            log.exception("%s failed", rid)
            row.not_measured(f"{type(exc).__name__}: {str(exc)[:400]}")

    # -- the run -------------------------------------------------------------------------------

    def run(self) -> dict[str, Row]:
        started = dt.datetime.now(dt.UTC)
        self.load_at_start = " ".join(f"{x:.2f}" for x in os.getloadavg())
        missing = vsftpd_missing()
        try:
            if missing:
                for rid in report.ROW_IDS:
                    if not rid.startswith(("P4", "P5", "P7", "P8")):
                        self.rows[rid].not_measured(missing)
            else:
                self.server = BenchServer(self.work / "server", storage=SHM)
            for part in self.opts.parts:
                if missing and part not in ("P4", "P5", "P7", "P8"):
                    continue
                log.info("== %s", part)
                getattr(self, part.lower())()
        finally:
            if self.server is not None:
                self.server.stop()
            shutil.rmtree(self.work, ignore_errors=True)
            if not self.opts.keep_data:
                shutil.rmtree(self.opts.data_dir, ignore_errors=True)
        stamp = started.isoformat(timespec="seconds")
        for rid in report.ROW_IDS:
            r = self.rows[rid]
            if r.measured and not r.measured_at:
                r.measured_at = stamp
        if self.opts.update:
            selected = {rid for rid in report.ROW_IDS if rid.split("-")[0] in self.opts.parts}
            taken = report.merge_previous(self.rows, self.opts.out_dir / "results.json", selected)
            if taken:
                log.info("rows kept from the previous results: %s", ", ".join(taken))
        for rid in report.ROW_IDS:
            r = self.rows[rid]
            if not r.measured and not r.note:
                r.not_measured("not selected in this run (--only)")
        self.cross_notes()
        report.write(
            self.rows,
            self.opts.out_dir,
            mode="quick" if self.opts.quick else "full",
            started=started,
            settings=self.settings(),
        )
        return self.rows

    def cross_notes(self) -> None:
        """What one part's measurement says about another row."""
        p2 = self.rows["P2-uncapped-default"]
        prof = p2.details.get("profile")
        wan_quota = self.rows["P6"].details.get("wan_quota_seconds")
        if (
            p2.measured
            and isinstance(prof, dict)
            and "phases" in prof
            and " lists the whole server" not in p2.note
        ):
            phases = prof["phases"]
            assert isinstance(phases, dict)
            before = phases.get("before the first file")
            if before is not None:
                p2.note += (
                    f" The {before:.1f} s before the first file are logins, folders and the quota "
                    f"check, which lists the whole server (vsftpd offers no SITE QUOTA, AVBL or "
                    f"MLSD); the server is empty here"
                )
                if wan_quota is not None:
                    files = self.rows["P6"].details.get("tree_files")
                    p2.note += (
                        f", while the same listing of P6's {files}-file tree over this link took "
                        f"{wan_quota:.0f} s"
                    )
                p2.note += "."
        best = self.rows["P2-uncapped-best"]
        if best.measured and self.has("upload") and "The CLI allows at most" not in best.note:
            _default, most = self.cli.connection_limits()
            best.note += f" The CLI allows at most {most} connections."

    def settings(self) -> dict[str, object]:
        s = self.sizes
        return {
            "revision": git_revision(),
            "load average at start": self.load_at_start,
            "load average at end": " ".join(f"{x:.2f}" for x in os.getloadavg()),
            "rounds": s.rounds,
            "P1 file": f"{s.one_file:,} bytes",
            "exam": f"{s.exam.clips} clips + {s.exam.small_files} small files, "
            f"≈ {mb(s.exam.total_bytes)}",
            "big exam": f"{s.big_exam.clips} clips + {s.big_exam.small_files} small files, "
            f"≈ {mb(s.big_exam.total_bytes)}",
            "link": f"one-way delay {s.delay_ms:g} ms each way, "
            f"cap {s.cap_mb_s:g} MB/s when capped",
            "small DICOM files": s.small_dicoms,
            "remote tree files": s.remote_tree,
            "server": "vsftpd, implicit TLS, require_ssl_reuse=YES, storing into /dev/shm",
            "exam uploads": "echouploader upload EXAM site:NAME/in --subject 1234 --echo 1 to a "
            "saved site whose privacy gate is off, so it sends the same bytes as lftp (P2 adds "
            "one run with the gate on; P4 measures the gate's work)",
        }

    # -- P1 ------------------------------------------------------------------------------------

    def p1(self) -> None:
        self.measured("P1", self._p1)

    def _p1(self, row: Row) -> None:
        why = self.need("upload")
        if why:
            row.not_measured(why)
            return
        assert self.server is not None
        size = self.sizes.one_file
        log.info("making the %s test file", mb(size))
        f = data.random_file(self.opts.data_dir / "one-file.bin", size, "one-file")
        addr = self.server.address
        ours = Contender(
            "echouploader upload", lambda: self.cli.upload(addr, [f], "/p1/", None), size
        )
        curl = Contender("curl -T", lambda: curl_put(addr, f, "/p1/"), size)
        lftp = Contender("lftp put", lambda: lftp_put(addr, f, "/p1/"), size)
        alternate(
            [ours, curl, lftp],
            self.sizes.rounds,
            before_each=self._mkdirs("p1"),
            after_each=self._verify_stored(size, 1),
        )
        ratio = best_of_pair_ratio(ours, [curl, lftp])
        fastest = max((curl, lftp), key=lambda c: c.mb_per_s().median)
        row.anchor = f"{fastest.name}: {fmt_spread(fastest.mb_per_s(), 'MB/s')}"
        row.ours = fmt_spread(ours.mb_per_s(), "MB/s")
        row.ratio = fmt_ratio(ratio)
        row.met = ratio.median >= 1.0
        row.measured = True
        row.details = {
            "contenders": {c.name: c.to_dict() for c in (ours, curl, lftp)},
            "ratio_vs_fastest": ratio.to_dict(),
        }
        row.note = (
            f"ratio per round against the faster of curl and lftp in that round; "
            f"curl {fmt_spread(curl.mb_per_s(), 'MB/s')}, "
            f"lftp {fmt_spread(lftp.mb_per_s(), 'MB/s')}; CPU seconds per run: ours "
            f"{ours.cpu_seconds().median:.1f}, curl {curl.cpu_seconds().median:.1f}, "
            f"lftp {lftp.cpu_seconds().median:.1f}."
        )
        if not row.met:
            prof = self.profile_upload(addr, [f], "/p1/", 1, "p1")
            row.details["profile"] = prof
            row.note += f" {prof.get('text') or prof.get('error')}."

    # -- P2 ------------------------------------------------------------------------------------

    def p2(self) -> None:
        rows = ("P2-uncapped-default", "P2-uncapped-best", "P2-capped", "P2-rate-limit")
        why = self.need("upload") or link_missing()
        if why:
            for rid in rows:
                self.rows[rid].not_measured(why)
            return
        assert self.server is not None
        exam = self._exam()
        files, payload = data.tree_bytes(exam)
        s = self.sizes
        for capped in (False, True):
            cap = s.cap_mb_s if capped else None
            mine = (
                ("P2-capped",)
                if capped
                else ("P2-uncapped-default", "P2-uncapped-best", "P2-rate-limit")
            )
            try:
                with make_link(self.server, s.delay_ms, cap) as link:
                    self.link_kind = link.describe()
                    addr = link.address
                    self.cli.trust(addr)
                    if capped:
                        self.measured(
                            "P2-capped",
                            lambda row: self._p2_capped(row, link, exam, files, payload),
                        )
                    else:
                        self._p2_uncapped(link, exam, files, payload)
                        self.measured(
                            "P2-rate-limit",
                            lambda row: self._p2_rate_limit(row, link, exam, files, payload),
                        )
            except Exception as exc:  # noqa: BLE001 - the link itself failed
                log.exception("P2 link failed")
                for rid in mine:
                    if not self.rows[rid].measured:
                        self.rows[rid].not_measured(f"{type(exc).__name__}: {exc}")

    def _exam_contenders(
        self,
        addr: ServerAddress,
        exam: Path,
        payload: int,
        counts: tuple[int | None, ...],
        lftp: tuple[int, ...],
        rclone: tuple[int, ...] = (),
    ) -> list[Contender]:
        out = []
        for n in counts:
            name = (
                "echouploader upload (default)"
                if n is None
                else f"echouploader upload --connections {n}"
            )
            out.append(
                Contender(name, lambda n=n: self.cli.upload(addr, [exam], "/in/", n), payload)
            )
        for p in lftp:
            out.append(
                Contender(
                    f"lftp mirror -R --parallel={p}",
                    lambda p=p: lftp_mirror(addr, exam, f"/in/{exam.name}", p),
                    payload,
                )
            )
        if rclone_missing() is None:
            for n in rclone:
                out.append(
                    Contender(
                        f"rclone copy --transfers {n}",
                        lambda n=n: rclone_copy(
                            addr, exam, f"/in/{exam.name}", n, self.work / "rclone"
                        ),
                        payload,
                    )
                )
        return out

    def _anchors_note(self) -> str:
        why = rclone_missing()
        return f" (rclone is not in this comparison: {why})" if why else ""

    def _p2_uncapped(self, link: Any, exam: Path, files: int, payload: int) -> None:
        cs = self._exam_contenders(
            link.address, exam, payload, (None, *self.connection_sweep()), (8,), (8,)
        )
        try:
            alternate(
                cs,
                self.sizes.rounds,
                before_each=self._mkdirs("in"),
                after_each=self._verify_stored(payload, files, link),
            )
        except Exception as exc:  # noqa: BLE001
            log.exception("P2 uncapped failed")
            for rid in ("P2-uncapped-default", "P2-uncapped-best"):
                self.rows[rid].not_measured(f"{type(exc).__name__}: {str(exc)[:400]}")
            return
        default, *sweep = [c for c in cs if c.name.startswith("echouploader")]
        anchors = [c for c in cs if not c.name.startswith("echouploader")]
        best = max([default, *sweep], key=lambda c: c.mb_per_s().median)
        details = {"contenders": {c.name: c.to_dict() for c in cs}, "link": link.describe()}
        where = f"{link.describe()}; {files} files, {mb(payload)}"
        anchor_text = "; ".join(f"{c.name}: {fmt_spread(c.mb_per_s(), 'MB/s')}" for c in anchors)

        r = self.rows["P2-uncapped-default"]
        ratio = best_of_pair_ratio(default, anchors)
        r.anchor = anchor_text
        r.ours = f"default: {fmt_spread(default.mb_per_s(), 'MB/s')}"
        r.ratio = fmt_ratio(ratio)
        r.met = ratio.median >= 1.0
        r.measured = True
        r.details = {**details, "ratio": ratio.to_dict()}
        r.note = (
            f"{where}; ratio per round against the faster of the anchors in that round"
            f"{self._anchors_note()}; every contender's runs are under 'Every run'."
        )

        r = self.rows["P2-uncapped-best"]
        ratio = best_of_pair_ratio(best, anchors)
        r.anchor = anchor_text
        label = best.name.removeprefix("echouploader upload ")
        r.ours = f"{label}: {fmt_spread(best.mb_per_s(), 'MB/s')}"
        r.ratio = fmt_ratio(ratio)
        r.met = ratio.median >= 1.2
        r.measured = True
        r.details = {"ratio": ratio.to_dict(), "best": best.name}
        r.note = (
            f"{where}; best of "
            + ", ".join(
                f"{c.name.removeprefix('echouploader upload ')} {c.mb_per_s().median:.0f} MB/s"
                for c in [default, *sweep]
            )
            + " (medians)."
        )

        default_row = self.rows["P2-uncapped-default"]
        if not default_row.met or not r.met:
            prof = self.profile_upload(link.address, [exam], "/in/", files, "in")
            default_row.details["profile"] = prof
            default_row.note += f" Default settings, {prof.get('text') or prof.get('error')}."

        self._p2_gate_on(link, exam, files, payload)

    def _p2_gate_on(self, link: Any, exam: Path, files: int, payload: int) -> None:
        """For information: the same exam end to end with the privacy gate on (one run)."""
        row = self.rows["P2-uncapped-default"]
        addr = link.address
        site = self.cli.bench_site(addr, gate=True)
        self._mkdirs("in")()
        try:
            run = self.cli.run(
                addr,
                "upload",
                str(exam),
                f"site:{site}/in",
                "--subject",
                EXAM_SUBJECT,
                "--echo",
                EXAM_ECHO,
            )
            stored_files, stored = data.tree_bytes(self.server.home) if self.server else (0, 0)
        except Exception as exc:  # noqa: BLE001 - information only
            row.note += f" End to end with the privacy gate on: failed ({exc})."[:600]
            return
        row.details["gate_on"] = {
            "seconds": round(run.seconds, 2),
            "cpu_seconds": round(run.cpu_seconds, 2),
            "rss_mb": round(run.max_rss_kb / 1024, 1),
            "server_files": stored_files,
            "server_bytes": stored,
        }
        row.note += (
            f" End to end with the privacy gate on (check, de-identify into a staging copy, "
            f"upload; one run): {run.seconds:.1f} s, {payload / run.seconds / 1e6:.1f} MB/s of "
            f"the original exam, peak RSS {run.max_rss_kb / 1024:.0f} MB."
        )

    def _p2_capped(self, row: Row, link: Any, exam: Path, files: int, payload: int) -> None:
        cs = self._exam_contenders(link.address, exam, payload, (None,), (8,), (8,))
        alternate(
            cs,
            self.sizes.rounds,
            before_each=self._mkdirs("in"),
            after_each=self._verify_stored(payload, files, link),
        )
        ours, *anchors = cs
        cap = self.sizes.cap_mb_s
        share = Spread.of([v / cap for v in ours.mb_per_s().values])
        row.anchor = f"cap {cap:g} MB/s; " + "; ".join(
            f"{c.name}: {fmt_spread(c.mb_per_s(), 'MB/s')} ({c.mb_per_s().median / cap:.0%})"
            for c in anchors
        )
        row.ours = f"default: {fmt_spread(ours.mb_per_s(), 'MB/s')}"
        row.ratio = f"{share.median:.0%} of cap ({share.min:.0%}–{share.max:.0%})"
        row.met = share.median >= 0.95
        row.measured = True
        row.details = {
            "contenders": {c.name: c.to_dict() for c in cs},
            "share_of_cap": share.to_dict(),
            "link": link.describe(),
        }
        row.note = (
            f"{link.describe()}; the cap counts bytes on the wire (IP and TCP headers too), "
            f"MB/s count file bytes and include CLI start-up and login{self._anchors_note()}."
        )

    def _p2_rate_limit(self, row: Row, link: Any, exam: Path, files: int, payload: int) -> None:
        """``--limit-rate``: the rate held over the whole upload, all connections together."""
        if "--limit-rate" not in self.cli.upload_help():
            raise NotMeasured("this build's CLI has no `upload --limit-rate`")
        limit = self.sizes.limit_mb_s
        addr = link.address
        ours = Contender(
            f"echouploader upload --limit-rate {limit:g}M",
            lambda: self.cli.run(
                addr,
                *self.cli.upload_args(addr, [exam], "/in/", None),
                "--limit-rate",
                f"{limit:g}M",
                "--json",
            ),
            payload,
        )
        alternate(
            [ours],
            1 if self.opts.quick else 2,
            before_each=self._mkdirs("in"),
            after_each=self._verify_stored(payload, files, link),
        )
        # The job's own rate (first login to last file), as the limit governs it; the whole
        # command (start-up, the exam's preparation) is in 'Every run'.
        rates = [_job_rate_mb_s(r) for r in ours.runs]
        share = Spread.of([v / limit for v in rates])
        row.anchor = f"limit {limit:g} MB/s"
        row.ours = (
            f"{fmt_spread(Spread.of(rates), 'MB/s')} during the job; whole command "
            f"{fmt_spread(ours.mb_per_s(), 'MB/s')}"
        )
        row.ratio = f"{share.median:.1%} of the limit ({share.min:.1%}–{share.max:.1%})"
        row.met = share.min >= 0.95 and share.max <= 1.05
        row.measured = True
        row.details = {"contenders": {ours.name: ours.to_dict()}, "share": share.to_dict()}
        row.note = (
            f"{link.describe()}; {files} files, {mb(payload)}, default connections; the rate is "
            f"the job's (bytes sent / the engine's seconds, logins included) from --json."
        )

    def _dicom_part(self, exam: Path) -> Path:
        """The exam's DICOM files only (hard links: no second copy on disk)."""
        src = self.opts.data_dir / "dicom-part" / exam.name
        if src.exists():
            return src
        src.mkdir(parents=True)
        for f in sorted(exam.iterdir()):
            if f.suffix == ".dcm":
                os.link(f, src / f.name)
        return src

    def _exam(self) -> Path:
        log.info("making the exam (%s)", mb(self.sizes.exam.total_bytes))
        return data.exam(self.opts.data_dir / "exam", self.sizes.exam)

    # -- P3 ------------------------------------------------------------------------------------

    def p3(self) -> None:
        self.measured("P3", self._p3)

    def _p3(self, row: Row) -> None:
        why = self.need("upload")
        if why:
            row.not_measured(why)
            return
        assert self.server is not None
        small = self._exam()
        log.info("making the big exam (%s)", mb(self.sizes.big_exam.total_bytes))
        big = data.exam(self.opts.data_dir / "big-exam", self.sizes.big_exam)
        addr = self.server.address
        sets = []
        for folder in (small, big):
            files, payload = data.tree_bytes(folder)
            c = Contender(
                f"echouploader upload {mb(payload)}",
                lambda folder=folder: self.cli.upload(addr, [folder], "/in/", None),
                payload,
            )
            sets.append((c, files, payload))
        for _ in range(self.sizes.rounds):
            for c, files, payload in sets:
                alternate(
                    [c],
                    1,
                    before_each=self._mkdirs("in"),
                    after_each=self._verify_stored(payload, files),
                )
        (c1, _, p1), (c5, _, p5) = sets
        rss1, rss5 = c1.rss_mb(), c5.rss_mb()
        row.anchor = "150 MB"
        row.ours = f"{mb(p5)}: {fmt_spread(rss5, 'MB')}; {mb(p1)}: {fmt_spread(rss1, 'MB')}"
        row.ratio = (
            f"{rss5.max / 150:.2f}× of the limit; 5 GB/1 GB = {rss5.median / rss1.median:.2f}"
        )
        flat = rss5.median <= rss1.median * 1.10 + 5
        row.met = rss5.max <= 150 and flat
        row.measured = True
        row.details = {"contenders": {c.name: c.to_dict() for c in (c1, c5)}}
        row.note = (
            f"peak RSS from GNU time (%M) of the whole CLI process, loopback; "
            f"flat means the {mb(p5)} peak is within 10% (+5 MB) of the {mb(p1)} peak."
        )

    # -- P4 ------------------------------------------------------------------------------------

    def p4(self) -> None:
        self.measured("P4-check", self._p4_check)
        self.measured("P4-deidentify", self._p4_deidentify_small)
        self.measured("P4-deidentify-exam", self._p4_deidentify_exam)

    def _header_only_profile(self) -> Path:
        """A site profile with pixel cleaning off: the header gate alone (PS3.15, byte search)."""
        path = self.work / "header-only.json"
        path.write_text('{"clean_pixels": false}')
        return path

    def _small_folder(self) -> Path:
        n = self.sizes.small_dicoms
        log.info("making %d small DICOM files", n)
        return data.small_dicoms(self.opts.data_dir / "small-dicom", n)

    def _p4_check(self, row: Row) -> None:
        why = self.need("check")
        if why:
            row.not_measured(why)
            return
        n = self.sizes.small_dicoms
        folder = self._small_folder()

        one = self.opts.data_dir / "one-dicom"
        if not one.exists():
            one.mkdir(parents=True)
            first = sorted(folder.rglob("*.dcm"))[0]
            os.link(first, one / first.name)
        header_only = self._header_only_profile()

        def check(target: Path, *extra: str) -> Callable[[], Run]:
            def run_check() -> Run:
                run = self.cli.run(None, "check", str(target), "--json", *extra, check=False)
                if run.returncode not in (0, 3):  # 3: the gate blocked (identifiable data found)
                    raise ClientFailed(
                        f"echouploader check exited {run.returncode}: {run.stderr[-400:]}"
                    )
                return run

            return run_check

        ours = Contender(f"echouploader check --json ({n} files)", check(folder))
        base = Contender("echouploader check --json (1 file)", check(one))
        header = Contender(
            f"echouploader check --json ({n} files, pixel cleaning off)",
            check(folder, "--profile", str(header_only)),
        )
        alternate([ours, base, header], self.sizes.rounds)

        def steady_of(c: Contender) -> Spread:
            # Per round: the files beyond the first over the time beyond a one-file check.
            return Spread.of(
                [
                    (n - 1) / max(o.seconds - b.seconds, 1e-3)
                    for o, b in zip(c.runs, base.runs, strict=True)
                ]
            )

        whole = Spread.of([n / r.seconds for r in ours.runs])
        steady, steady_header = steady_of(ours), steady_of(header)
        cpu = Spread.of([n / max(r.cpu_seconds, 1e-3) for r in ours.runs])
        row.anchor = "2,000 files/s"
        row.ours = (
            f"{fmt_spread(steady, 'files/s', 0)} after start-up; whole command "
            f"{fmt_spread(whole, 'files/s', 0)}; pixel cleaning off: "
            f"{fmt_spread(steady_header, 'files/s', 0)} after start-up"
        )
        row.ratio = (
            f"{steady.median / 2000:.2f}× of the goal (pixel cleaning off: "
            f"{steady_header.median / 2000:.2f}×)"
        )
        row.met = steady.median >= 2000
        row.measured = True
        row.details = {
            "contenders": {c.name: c.to_dict() for c in (ours, base, header)},
            "files_per_s_after_startup": steady.to_dict(0),
            "files_per_s_after_startup_pixel_cleaning_off": steady_header.to_dict(0),
            "files_per_s_whole_command": whole.to_dict(0),
            "files_per_cpu_s": cpu.to_dict(0),
        }
        row.note = (
            f"{n} single-frame US files of about 8 kB with a full set of identifying attributes "
            "(pixel cleaning on, the default: every file's frame is planned and read by OCR); "
            "the rate after start-up is (files − 1) / (time − time of a one-file check) in the "
            f"same round; the one-file check (start-up, imports) takes "
            f"{base.seconds().median:.2f} s; {fmt_spread(cpu, 'files', 0)} per CPU second "
            f"(workers included); load average at the start {os.getloadavg()[0]:.1f}."
        )
        if not row.met:
            env = {**self.cli.env, "ECHOUPLOADER_GATE_WORKERS": "1"}  # cProfile sees one process
            prof = pyprofile.profile_cli(self.cli, ["check", str(folder), "--json"], env=env)
            row.details["profile"] = prof
            row.note += f" In one process, {pyprofile.describe(prof)}."

    def _dicognito_missing(self) -> str | None:
        probe = subprocess.run(
            [self.opts.python, "-c", "import dicognito"], capture_output=True, check=False
        )
        if probe.returncode:
            return "dicognito not installed (pip install -e '.[bench]')"
        return None

    def _deidentify_row(self, row: Row, src: Path, what: str) -> None:
        why = self.need("deidentify")
        if why:
            row.not_measured(why)
            return
        files, payload = data.tree_bytes(src)
        out_root = SHM / f"eu-bench-deid-{os.getpid()}"
        header_only = self._header_only_profile()
        args = ["deidentify", str(src), "--subject", "1234", "--echo", "1"]

        def fresh() -> None:
            shutil.rmtree(out_root, ignore_errors=True)
            out_root.mkdir()

        ours = Contender(
            "echouploader deidentify",
            lambda: self.cli.run(None, *args, "--out", str(out_root / "deid")),
            payload,
        )
        header = Contender(
            "echouploader deidentify (pixel cleaning off)",
            lambda: self.cli.run(
                None, *args, "--out", str(out_root / "deid"), "--profile", str(header_only)
            ),
            payload,
        )
        cp = Contender(
            "cp -r", lambda: run_timed(["cp", "-r", str(src), str(out_root / "cp")]), payload
        )
        no_dicognito = self._dicognito_missing()
        dicognito = Contender(
            "dicognito",
            lambda: run_timed(
                [
                    self.opts.python,
                    "-m",
                    "dicognito",
                    "--output-directory",
                    str(out_root / "dicognito"),
                    "--quiet",
                    str(src),
                ]
            ),
            payload,
        )
        contenders = [ours, header, cp] + ([] if no_dicognito else [dicognito])
        try:
            alternate(contenders, self.sizes.rounds, before_each=fresh)
            ratio = paired_ratio(ours, cp)
            ratio_header = paired_ratio(header, cp)
            vs_dicognito = None if no_dicognito else paired_ratio(ours, dicognito)
            header_vs_dicognito = None if no_dicognito else paired_ratio(header, dicognito)
            met = ratio.median >= 0.5 and vs_dicognito is not None and vs_dicognito.median >= 2
            prof = None
            if not met:
                fresh()
                env = {**self.cli.env, "ECHOUPLOADER_GATE_WORKERS": "1"}
                prof = pyprofile.profile_cli(
                    self.cli, [*args, "--out", str(out_root / "deid")], env=env
                )
        finally:
            shutil.rmtree(out_root, ignore_errors=True)
        anchor = f"cp -r: {fmt_spread(cp.mb_per_s(), 'MB/s')}"
        if vs_dicognito is not None:
            anchor += f"; dicognito: {fmt_spread(dicognito.mb_per_s(), 'MB/s')}"
        row.anchor = anchor
        row.ours = (
            f"{fmt_spread(ours.mb_per_s(), 'MB/s')}; pixel cleaning off: "
            f"{fmt_spread(header.mb_per_s(), 'MB/s')}"
        )
        ratio_text = f"{ratio.median:.0%} of cp ({ratio.min:.0%}–{ratio.max:.0%})"
        if vs_dicognito is not None and header_vs_dicognito is not None:
            ratio_text += f", {fmt_ratio(vs_dicognito)} dicognito"
        ratio_text += f"; pixel cleaning off: {ratio_header.median:.0%} of cp"
        if header_vs_dicognito is not None:
            ratio_text += f", {fmt_ratio(header_vs_dicognito)} dicognito"
        row.ratio = ratio_text
        row.met = met
        row.measured = True
        row.details = {
            "contenders": {c.name: c.to_dict() for c in contenders},
            "ratio": ratio.to_dict(),
            "ratio_pixel_cleaning_off": ratio_header.to_dict(),
        }
        if vs_dicognito is not None and header_vs_dicognito is not None:
            row.details["vs_dicognito"] = vs_dicognito.to_dict()
            row.details["vs_dicognito_pixel_cleaning_off"] = header_vs_dicognito.to_dict()
        row.note = (
            f"{what}: {files} files, {mb(payload)}, written to /dev/shm (so the CPU work, not "
            "the disk, is compared); CLI start-up included. echouploader runs check and "
            "de-identification (pixel cleaning on, the default: every frame planned, cleaned "
            "where needed and read by OCR); dicognito cleans headers only, so the run with "
            "pixel cleaning off is the like-for-like one; load average at the start "
            f"{os.getloadavg()[0]:.1f}."
        )
        if no_dicognito:
            row.note += f" {no_dicognito}: compared with cp -r alone, goal not met."
        if prof is not None:
            row.details["profile"] = prof
            row.note += f" In one process, {pyprofile.describe(prof)}."

    def _p4_deidentify_small(self, row: Row) -> None:
        self._deidentify_row(
            row, self._small_folder(), f"the {self.sizes.small_dicoms:,}-file folder of P4-check"
        )

    def _p4_deidentify_exam(self, row: Row) -> None:
        self._deidentify_row(row, self._dicom_part(self._exam()), "the exam's DICOM files")

    # -- P5 ------------------------------------------------------------------------------------

    def p5(self) -> None:
        self.measured("P5", self._p5)

    def _p5(self, row: Row) -> None:
        from bench import gui_probe

        why = gui_probe.missing(self.opts.python)
        if why:
            row.not_measured(why)
            return
        assert self.server is not None
        exam = self._exam()
        files, payload = data.tree_bytes(exam)
        addr = self.server.address
        self.cli.trust(addr)
        self._mkdirs("in")()
        result = gui_probe.run(self.cli, addr, exam, "/in/", self.sizes.gui_timeout)
        stored_files, stored = data.tree_bytes(self.server.home)
        result["server_holds"] = {"files": stored_files, "bytes": stored}
        if stored < payload // 2:
            raise ClientFailed(f"the window's upload left only {stored} bytes on the server")
        lateness = result["lateness_ms"]
        row.anchor = "50 ms"
        row.ours = f"max {lateness['max']:.1f} ms, p99 {lateness['p99']:.1f} ms"
        row.ratio = f"{lateness['max'] / 50:.2f}× of the limit"
        row.met = lateness["max"] < 50
        row.measured = True
        row.details = result
        row.note = (
            f"offscreen main window; the window's transfer controller checks and de-identifies "
            f"the exam ({files} files, {mb(payload)}), then uploads it over 4 connections on "
            f"loopback; a 10 ms precise QTimer probe for {result.get('probe_seconds', 0):.1f} s "
            f"({result.get('samples', 0)} ticks)."
        )
        phases = result.get("by_phase") or {}
        if phases:
            row.note += (
                " By phase: "
                + "; ".join(
                    f"{name} max {v['max']:.0f} ms, p99 {v['p99']:.0f} ms ({v['ticks']} ticks)"
                    for name, v in phases.items()
                )
                + "."
            )
        if not row.met:
            self._mkdirs("in")()
            try:
                prof = gui_probe.run(
                    self.cli, addr, exam, "/in/", self.sizes.gui_timeout, profile=True
                )
                top = prof.get("main_thread_profile") or []
                row.details["main_thread_profile"] = top
                row.note += (
                    " cProfile of the GUI thread in a second run, share of own time: "
                    + (", ".join(f"{t['function']} {t['share']:.0%}" for t in top[:5]))
                    + "."
                )
            except Exception as exc:  # noqa: BLE001 - a profile is extra information
                row.note += f" (profile failed: {exc})"[:300]
            if gui_probe.py_spy():
                # Who keeps the GUI thread waiting: py-spy samples whichever thread holds the GIL.
                self._mkdirs("in")()
                try:
                    spied = gui_probe.run(
                        self.cli, addr, exam, "/in/", self.sizes.gui_timeout, gil=True
                    )
                    gil = spied.get("gil_profile") or {}
                    row.details["gil_profile"] = gil
                    row.details["gil_run_lateness_ms"] = spied.get("lateness_ms")
                    main = (gil.get("by_thread") or {}).get("MainThread", [])
                    row.note += (
                        " py-spy --gil over the upload of a third run (which thread holds the "
                        "GIL, share of samples): "
                        + ", ".join(f"{t['name']} {t['share']:.0%}" for t in gil.get("threads", []))
                        + "; in "
                        + ", ".join(
                            f"{f['name']} {f['share']:.0%}" for f in gil.get("functions", [])[:6]
                        )
                        + "; the GUI thread in "
                        + ", ".join(f"{f['name']} {f['share']:.0%}" for f in main[:4])
                        + "."
                    )
                except Exception as exc:  # noqa: BLE001 - a profile is extra information
                    row.note += f" (GIL profile failed: {exc})"[:300]

    # -- P6 ------------------------------------------------------------------------------------

    def p6(self) -> None:
        self.measured("P6", self._p6)

    def p9(self) -> None:
        from bench import corelab  # the core lab's side: bench/corelab.py

        corelab.run(self)

    def _p6(self, row: Row) -> None:
        why = self.need("quota")
        if why:
            row.not_measured(why)
            return
        assert self.server is not None
        self.server.clear()
        n = self.server.populate("tree", self.sizes.remote_tree)
        addr = self.server.address

        def quota(a: ServerAddress) -> Callable[[], Run]:
            # --fresh: every run walks the tree (the figure of the last walk would answer the
            # second run at once).
            return lambda: self.cli.run(a, "quota", a.url("/"), "--json", "--fresh")

        ours = Contender("echouploader quota --json --fresh", quota(addr))
        # For information: the figure of the walk just made, with what was sent since (what the
        # next upload and the exam dialog read for ten minutes).
        cached = Contender(
            "echouploader quota --json (last walk)",
            lambda: self.cli.run(addr, "quota", addr.url("/"), "--json"),
        )
        du = Contender("lftp du -s", lambda: _lftp_du(addr, "/"))
        alternate([ours, cached, du], self.sizes.rounds)
        secs = ours.seconds()
        row.anchor = (
            f"1 s loopback, 10 s over 30 ms; lftp du -s: {fmt_spread(du.seconds(), 's', 2)}"
        )
        row.ours = (
            f"loopback {fmt_spread(secs, 's', 2)} (from the last walk "
            f"{fmt_spread(cached.seconds(), 's', 2)})"
        )
        row.ratio = f"{secs.median / 1:.2f}× of the loopback limit"
        row.met = secs.median <= 1.0
        row.measured = True
        row.details = {"contenders": {c.name: c.to_dict() for c in (ours, cached, du)}}
        row.note = (
            f"{n} files in {(n + 99) // 100} folders, loopback; CLI start-up and login included."
        )
        if not row.met:
            prof = pyprofile.profile_cli(
                self.cli,
                ["quota", addr.url("/"), "--json", "--fresh"],
                env={**self.cli.env, "ECHOUPLOADER_PASSWORD": addr.password},
            )
            row.details["profile"] = prof
            row.note += f" {pyprofile.describe(prof)}."
        if link_missing() is None:
            # For information: the same listing over the 30 ms link, one run each.
            with make_link(self.server, self.sizes.delay_ms, None) as link:
                wan = Contender("echouploader quota --json --fresh, 30 ms RTT", quota(link.address))
                self.cli.trust(link.address)
                alternate([wan], 1)
            contenders = row.details["contenders"]
            assert isinstance(contenders, dict)
            contenders[wan.name] = wan.to_dict()
            wan_s = wan.seconds().median
            row.details["wan_quota_seconds"] = wan_s
            row.details["tree_files"] = n
            row.ours += f"; over {self.sizes.delay_ms * 2:g} ms {wan_s:.1f} s"
            row.ratio += f", {wan_s / 10:.2f}× of the 30 ms limit"
            row.met = bool(row.met) and wan_s <= 10.0
            row.note += f" Over the link ({link.describe()}; one run): {wan_s:.1f} s."
        self.server.clear()

    def p7(self) -> None:
        self.measured("P7-clean-jpeg", self._p7_clean_jpeg)

    def _p7_clean_jpeg(self, row: Row) -> None:
        from bench import pixels

        clips, frames, size = (2, 2, (240, 320)) if self.opts.quick else (6, 60, (708, 1016))
        result = pixels.measure(
            self.opts.data_dir / "jpeg-clips",
            clips=clips,
            frames=frames,
            rounds=self.sizes.rounds,
            size=size,
        )
        one = Spread.of(result["one_process"])
        two = Spread.of(result["two_processes"])
        row.anchor = "50 MB/s"
        row.ours = f"{fmt_spread(two, 'MB/s')} in 2 processes; {fmt_spread(one, 'MB/s')} in one"
        row.ratio = f"{two.median / 50:.2f}× of the goal"
        row.met = two.median >= 50
        row.measured = True
        row.details = {
            "one_process_mb_s": one.to_dict(1),
            "two_processes_mb_s": two.to_dict(1),
            "methods": result["methods"],
        }
        row.note = (
            f"{clips} clips of {frames} frames, {size[1]}×{size[0]} YBR_FULL_422, JPEG quality 90, "
            f"{mb(result['bytes'])} of pixel data; a 70-row full-width banner is blanked in "
            f"every frame (method {', '.join(result['methods'])}); clean_file (what "
            "de-identification runs: file to file in /dev/shm, one frame in memory at a time), "
            "clips one after the other; '2 processes' is the frame workers of the DCT path "
            "(ECHOUPLOADER_PIXEL_WORKERS=2), 'one' the same with the workers off; reading and "
            "writing the file included."
        )

    # -- P8 ------------------------------------------------------------------------------------

    def p8(self) -> None:
        self.measured("P8-ocr-group", self._p8_ocr_group)
        self.measured("P8-gate", self._p8_gate)
        self.measured("P8-gate-memory", self._p8_gate_memory)

    def _p8_ocr_group(self, row: Row) -> None:
        from bench import ocr_gate

        clips, frames, size = (2, 3, (240, 480)) if self.opts.quick else (4, 30, (708, 1016))
        runs = [
            ocr_gate.measure_group(
                self.opts.data_dir / f"ocr-group-{i}", clips=clips, frames=frames, size=size
            )
            for i in range(self.sizes.rounds)
        ]
        group = Spread.of([r["group_seconds"] for r in runs])
        per_clip = Spread.of([s for r in runs for s in r["clip_seconds"]])
        row.anchor = "3 s"
        row.ours = (
            f"{fmt_spread(group, 's', 2)} per group of {clips} clips; "
            f"{fmt_spread(per_clip, 's', 2)} per clip"
        )
        row.ratio = f"{group.median / 3:.2f}× of the limit"
        row.met = group.median <= 3
        row.measured = True
        row.details = {"runs": runs}
        row.note = (
            f"{clips} clips × {frames} frames, {size[1]}×{size[0]} YBR_FULL_422 JPEG, banner and "
            f"frame counter in every frame, checked as one exam; whole frames read per clip "
            f"{runs[0]['frames_read']}, areas of new overlay read {runs[0]['areas_read']}, reads "
            f"after cleaning {runs[0]['reads_verified']} (the group's first frame whole, then only "
            "overlay the group has not read; verification reads the same once cleaned, and the "
            "last frame of the group's first clip); in-process, one OCR thread, the engine loaded "
            "beforehand."
        )

    def _gate_run(self, exam: Path) -> Run:
        out = SHM / f"eu-bench-gate-{os.getpid()}"
        shutil.rmtree(out, ignore_errors=True)
        try:
            return self.cli.run(
                None,
                "deidentify",
                str(exam),
                "--subject",
                "1234",
                "--echo",
                "1",
                "--out",
                str(out / "deid"),
            )
        finally:
            shutil.rmtree(out, ignore_errors=True)

    def _p8_gate(self, row: Row) -> None:
        why = self.need("deidentify")
        if why:
            row.not_measured(why)
            return
        exam = self._exam()
        files, payload = data.tree_bytes(exam)
        runs = [self._gate_run(exam) for _ in range(self.sizes.rounds)]
        seconds = Spread.of([r.seconds for r in runs])
        row.anchor = "30 s"
        row.ours = f"{fmt_spread(seconds, 's')} for {files} files, {mb(payload)}"
        row.ratio = f"{seconds.median / 30:.2f}× of the limit"
        row.met = seconds.median <= 30
        row.measured = True
        row.details = {"seconds": seconds.to_dict(2), "cpu": [r.cpu_seconds for r in runs]}
        row.note = (
            "echouploader deidentify (check, pixel plan with OCR, cleaning, OCR verification, "
            "PS3.15 header, byte search) from the CLI, start-up included, the OCR engine's load "
            "too; the bench clips are random RGB frames of one machine and size: one layout "
            "group, no overlay, so OCR reads the group's first frame and verification nothing "
            "(no file is cleaned)."
        )

    def _p8_gate_memory(self, row: Row) -> None:
        why = self.need("deidentify")
        if why:
            row.not_measured(why)
            return
        big = data.exam(self.opts.data_dir / "big-exam", self.sizes.big_exam)
        files, payload = data.tree_bytes(big)
        run = self._gate_run(big)
        rss = run.max_rss_kb / 1000
        row.anchor = "150 MB"
        row.ours = f"{rss:.0f} MB for {files} files, {mb(payload)}"
        row.ratio = f"{rss / 150:.2f}× of the limit"
        row.met = rss <= 150
        row.measured = True
        row.details = {"max_rss_kb": run.max_rss_kb, "seconds": run.seconds}
        row.note = (
            "peak RSS from GNU time (%M) of echouploader deidentify, OCR models included; every "
            "file is streamed frame by frame, so the peak is the OCR engine's (about 150 MB "
            "loaded) plus its detector's working memory on the first frame read."
        )


def _job_rate_mb_s(run: Run) -> float:
    """``rate_bytes_per_second`` from ``upload --json`` (one summary, or a list of them)."""
    import json

    data = json.loads(run.stdout)
    summary = data[0] if isinstance(data, list) else data
    return float(summary["rate_bytes_per_second"]) / 1e6


def _lftp_du(addr: ServerAddress, path: str) -> Run:
    from bench.clients import _lftp

    return _lftp(addr, f"du -s {path}")


@contextmanager
def logging_to(path: Path | None) -> Iterator[None]:
    handlers: list[logging.Handler] = [logging.StreamHandler(sys.stderr)]
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        handlers.append(logging.FileHandler(path))
    fmt = logging.Formatter("%(asctime)s %(message)s", "%H:%M:%S")
    for h in handlers:
        h.setFormatter(fmt)
        log.addHandler(h)
    log.setLevel(logging.INFO)
    log.propagate = False
    try:
        yield
    finally:
        for h in handlers:
            log.removeHandler(h)
            h.close()


def free_space_ok(data_dir: Path, quick: bool) -> str | None:
    need = 0.2e9 if quick else 8e9
    data_dir.mkdir(parents=True, exist_ok=True)
    free = shutil.disk_usage(data_dir).free
    if free < need:
        return f"{data_dir} has {free / 1e9:.1f} GB free; the data needs about {need / 1e9:.0f} GB"
    shm = shutil.disk_usage(SHM).free if SHM.exists() else 0
    if shm < (0.2e9 if quick else 6e9):
        return f"/dev/shm has {shm / 1e9:.1f} GB free; the server stores into it"
    return None


def tool_missing() -> list[str]:
    return [t for t in ("curl", "lftp") if shutil.which(t) is None]


def git_revision() -> str:
    try:
        return subprocess.run(
            ["git", "-C", str(BENCH_DIR), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            timeout=10,
        ).stdout.strip()
    except OSError:
        return "unknown"
