"""P7: the core lab's side. Download of the bench exam over the 30 ms link against
``lftp mirror --parallel=8`` of the same folder, ``arrivals`` of 500 exams over that link, and the
peak RSS of downloading the 5 GB exam.

The exams are put on the server by ``echouploader upload`` itself (loopback, privacy gate off:
the same bytes lftp moves), so each carries its ``SHA256SUMS`` and ``upload.json``; the 500
arrivals are written straight into the server's folder with the same two manifests.
"""

from __future__ import annotations

import hashlib
import json
import logging
import shlex
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

from bench import data
from bench.clients import EXAM_ECHO, EXAM_SUBJECT, ClientFailed, Run, _lftp
from bench.measure import Contender, Spread, alternate, paired_ratio
from bench.servers import BENCH_USER, ServerAddress

if TYPE_CHECKING:
    from bench.harness import Bench
    from bench.report import Row

log = logging.getLogger("bench")

ROWS: list[tuple[str, str, str]] = [
    (
        "P9-download",
        "echouploader download of the exam over a 30 ms RTT link (verified ZIP)",
        "≥ 1.0× lftp mirror --parallel=8 of the same folder",
    ),
    ("P9-arrivals", "echouploader arrivals of 500 exams over a 30 ms RTT link", "≤ 10 s"),
    ("P9-rss", "peak RSS of echouploader download, 5 GB exam (and 1 GB)", "≤ 150 MB"),
]
EXAM_FOLDER = f"{EXAM_SUBJECT}_{EXAM_ECHO}"
ARRIVALS_FULL, ARRIVALS_QUICK = 500, 10
ARRIVALS_LIMIT_S = 10.0
RSS_LIMIT_MB = 150.0


def run(bench: Bench) -> None:
    why = bench.need("download", "arrivals", "upload")
    if why is None:
        from bench.link import link_missing

        why = link_missing()
    if why:
        for rid, _what, _goal in ROWS:
            bench.rows[rid].not_measured(why)
        return
    bench.measured("P9-download", lambda row: _download(bench, row))
    bench.measured("P9-arrivals", lambda row: _arrivals(bench, row))
    bench.measured("P9-rss", lambda row: _rss(bench, row))


# --- helpers -----------------------------------------------------------------------------------


def _put_exam(bench: Bench, exam: Path, remote: str) -> int:
    """Upload ``exam`` as 1234_1 into ``remote`` on loopback; the bytes of its own files."""
    assert bench.server is not None
    bench.server.clear()
    p = bench.server.home / remote.strip("/")
    p.mkdir(parents=True, exist_ok=True)
    shutil.chown(p, BENCH_USER, BENCH_USER)
    bench.cli.upload(bench.server.address, [exam], remote, None)
    folder = p / EXAM_FOLDER
    if not (folder / "upload.json").exists():
        raise ClientFailed(f"the exam upload into {remote} wrote no upload.json")
    return data.tree_bytes(folder)[1] - sum(
        (folder / n).stat().st_size for n in ("SHA256SUMS", "upload.json")
    )


def _download_run(bench: Bench, addr: ServerAddress, remote: str, out: Path, n: int | None) -> Run:
    args = ["download", addr.url(remote), "--out", str(out)]
    if n is not None:
        args += ["--connections", str(n)]
    return bench.cli.run(addr, *args)


def _check_zip(out: Path, payload: int) -> None:
    with zipfile.ZipFile(out) as zf:
        stored = sum(i.file_size for i in zf.infolist() if i.filename.count("/") >= 4)
    if stored != payload:
        raise ClientFailed(f"the archive holds {stored} bytes of exam files, not {payload}")


def lftp_get_mirror(server: ServerAddress, remote_dir: str, local_dir: Path, parallel: int) -> Run:
    return _lftp(
        server,
        f"mirror --parallel={parallel} {shlex.quote(remote_dir)} {shlex.quote(str(local_dir))}",
    )


# --- rows --------------------------------------------------------------------------------------


def _download(bench: Bench, row: Row) -> None:
    from bench.harness import fmt_ratio, fmt_spread, mb
    from bench.link import Link

    exam = bench._exam()
    payload = _put_exam(bench, exam, "/lab")
    out_dir = bench.work / "p7-download"
    out_zip = out_dir / "exam.zip"
    mirror = out_dir / "mirror"
    s = bench.sizes

    def fresh() -> None:
        shutil.rmtree(out_dir, ignore_errors=True)
        out_dir.mkdir(parents=True)

    with Link(bench.server, s.delay_ms, None) as link:  # type: ignore[arg-type]
        addr = link.address
        bench.cli.trust(addr)
        ours = Contender(
            "echouploader download --connections 8",
            lambda: _download_run(bench, addr, "/lab", out_zip, 8),
            payload,
        )
        lftp8 = Contender(
            "lftp mirror --parallel=8",
            lambda: lftp_get_mirror(addr, f"/lab/{EXAM_FOLDER}", mirror, 8),
            payload,
        )

        def after(c: Contender, r: Run) -> None:
            if c is ours:
                _check_zip(out_zip, payload)
            elif data.tree_bytes(mirror)[1] < payload:
                raise ClientFailed(f"lftp mirror fetched less than {payload} bytes")

        alternate([ours, lftp8], s.rounds, before_each=fresh, after_each=after)
    shutil.rmtree(out_dir, ignore_errors=True)
    ratio = paired_ratio(ours, lftp8)
    row.anchor = f"lftp mirror --parallel=8: {fmt_spread(lftp8.mb_per_s(), 'MB/s')}"
    row.ours = f"--connections 8: {fmt_spread(ours.mb_per_s(), 'MB/s')}"
    row.ratio = fmt_ratio(ratio)
    row.met = ratio.median >= 1.0
    row.measured = True
    row.details = {"contenders": {c.name: c.to_dict() for c in (ours, lftp8)}}
    row.details["ratio"] = ratio.to_dict()
    row.note = (
        f"{s.delay_ms * 2:g} ms RTT, {mb(payload)}; ours lists, fetches, checks every SHA-256 "
        "and writes the ZIP (its time includes all of that, and CLI start-up); lftp only copies."
    )


def _arrival_folders(home: Path, count: int) -> int:
    """``count`` exam folders with three files and both manifests, written straight to disk."""
    root = home / "arrivals"
    for i in range(count):
        exam = f"{5000 + i // 2}_{'12'[i % 2]}"
        folder = root / exam
        folder.mkdir(parents=True, exist_ok=True)
        sums, sizes = [], {}
        for j in range(3):
            body = hashlib.sha256(f"{exam}/{j}".encode()).digest() * (20 + j)
            name = f"IM{j:04d}.dcm"
            (folder / name).write_bytes(body)
            sums.append(f"{hashlib.sha256(body).hexdigest()}  {name}\n")
            sizes[name] = len(body)
        (folder / "SHA256SUMS").write_text("".join(sums))
        info = {
            "site": "bench",
            "finished_utc": "2026-11-20T10:15:00+00:00",
            "exam_id": exam,
            "file_count": len(sizes),
            "bytes": sum(sizes.values()),
            "file_sizes": sizes,
        }
        (folder / "upload.json").write_text(json.dumps(info))
    subprocess.run(["chown", "-R", f"{BENCH_USER}:{BENCH_USER}", str(root)], check=True)
    return count


def _arrivals(bench: Bench, row: Row) -> None:
    from bench.harness import fmt_spread
    from bench.link import Link

    assert bench.server is not None
    bench.server.clear()
    count = _arrival_folders(
        bench.server.home, ARRIVALS_QUICK if bench.opts.quick else ARRIVALS_FULL
    )
    s = bench.sizes
    with Link(bench.server, s.delay_ms, None) as link:
        addr = link.address
        bench.cli.trust(addr)
        ours = Contender(
            "echouploader arrivals --json",
            lambda: bench.cli.run(addr, "arrivals", addr.url("/arrivals"), "--json"),
        )

        def after(_c: Contender, r: Run) -> None:
            rows = json.loads(r.stdout)
            complete = sum(x["state"] == "complete" for x in rows)
            if len(rows) != count or complete != count:
                raise ClientFailed(f"arrivals listed {complete} of {count} exams as complete")

        alternate([ours], s.rounds, after_each=after)
    secs = ours.seconds()
    row.anchor = f"{ARRIVALS_LIMIT_S:g} s"
    row.ours = f"{count} exams: {fmt_spread(secs, 's', 2)}"
    row.ratio = f"{secs.median / ARRIVALS_LIMIT_S:.2f}× of the limit"
    row.met = secs.max <= ARRIVALS_LIMIT_S
    row.measured = True
    row.details = {"contenders": {ours.name: ours.to_dict()}, "exams": count}
    row.note = (
        f"{s.delay_ms * 2:g} ms RTT; each exam folder holds 3 files, SHA256SUMS and upload.json; "
        "one listing and one upload.json read per folder over 8 connections, CLI start-up "
        "included."
    )
    bench.server.clear()


def _rss(bench: Bench, row: Row) -> None:
    from bench.harness import fmt_spread, mb

    assert bench.server is not None
    addr = bench.server.address
    log.info("making the big exam (%s)", mb(bench.sizes.big_exam.total_bytes))
    big = data.exam(bench.opts.data_dir / "big-exam", bench.sizes.big_exam)
    # The quick smoke run measures the big exam only (it must stay short).
    exams = [big] if bench.opts.quick else [bench._exam(), big]
    out_dir = bench.work / "p7-rss"
    results: list[tuple[Contender, int]] = []
    for exam in exams:
        payload = _put_exam(bench, exam, "/lab")
        out = out_dir / "exam.zip"
        c = Contender(
            f"echouploader download {mb(payload)}",
            lambda out=out: _download_run(bench, addr, "/lab", out, None),
            payload,
        )

        def fresh() -> None:
            shutil.rmtree(out_dir, ignore_errors=True)
            out_dir.mkdir(parents=True)

        alternate(
            [c],
            bench.sizes.rounds,
            before_each=fresh,
            after_each=lambda _c, _r, out=out, payload=payload: _check_zip(out, payload),
        )
        shutil.rmtree(out_dir, ignore_errors=True)
        results.append((c, payload))
    bench.server.clear()
    c5, p5 = results[-1]
    rss5 = c5.rss_mb()
    row.anchor = f"{RSS_LIMIT_MB:g} MB"
    row.ours = f"{mb(p5)}: {fmt_spread(rss5, 'MB')}"
    row.details = {"contenders": {c.name: c.to_dict() for c, _p in results}}
    if len(results) == 2:
        c1, p1 = results[0]
        rss1 = c1.rss_mb()
        row.ours += f"; {mb(p1)}: {fmt_spread(rss1, 'MB')}"
        row.details["rss_5_over_1"] = Spread.of([rss5.median / rss1.median]).to_dict()
    row.ratio = f"{rss5.max / RSS_LIMIT_MB:.2f}× of the limit"
    row.met = rss5.max <= RSS_LIMIT_MB
    row.measured = True
    row.note = (
        "peak RSS from GNU time (%M) of the whole CLI process, loopback, default connections; "
        "the ZIP is streamed from the verified files in the cache."
    )
