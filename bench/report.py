"""Results: one row per goal, written as ``RESULTS.md`` (a table and the details) and JSON."""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path

from bench.clients import tool_version
from bench.corelab import ROWS as CORELAB_ROWS

# Every row the report always has, in order: (id, what is measured, goal).
ROWS: list[tuple[str, str, str]] = [
    (
        "P1",
        "one 1 GiB file, loopback, server storing into RAM",
        "≥ 1.0× the faster of curl and lftp (CLI start-up included)",
    ),
    (
        "P2-uncapped-default",
        "exam over a 30 ms RTT link, uncapped: default settings",
        "≥ 1.0× the faster of lftp mirror -R --parallel=8 and rclone copy --transfers 8",
    ),
    (
        "P2-uncapped-best",
        "exam over a 30 ms RTT link, uncapped: best connection count",
        "≥ 1.2× the faster of lftp mirror -R --parallel=8 and rclone copy --transfers 8",
    ),
    ("P2-capped", "exam over a 30 ms RTT link, uplink capped", "≥ 95% of the cap"),
    (
        "P3",
        "peak RSS of echouploader upload, 5 GB exam (and 1 GB)",
        "≤ 150 MB, flat from 1 GB to 5 GB",
    ),
    ("P4-check", "echouploader check on small DICOM files", "≥ 2,000 files/s"),
    (
        "P4-deidentify",
        "echouploader deidentify vs cp -r and dicognito on the same 2,000-file folder",
        "≥ 50% of cp and ≥ 2× dicognito",
    ),
    (
        "P4-deidentify-exam",
        "echouploader deidentify vs cp -r and dicognito on the exam's DICOM files",
        "≥ 50% of cp and ≥ 2× dicognito",
    ),
    ("P5", "GUI event-loop lateness during a 4-stream upload (offscreen)", "max < 50 ms"),
    (
        "P6",
        "echouploader quota on a 20,000-file remote tree",
        "≤ 1 s loopback, ≤ 10 s over 30 ms",
    ),
    (
        "P2-rate-limit",
        "upload --limit-rate over the 30 ms link, all connections together",
        "within 5% of the limit",
    ),
    (
        "P7-clean-jpeg",
        "pixel cleaning, JPEG Baseline multi-frame, DCT path (banner mask)",
        "≥ 50 MB/s on 2 cores",
    ),
    (
        "P8-ocr-group",
        "OCR of burned-in text (plan + verification) for one layout group of clips",
        "≤ 3 s per layout group",
    ),
    ("P8-gate", "the whole privacy gate (check + deidentify) on the 1.1 GB bench exam", "≤ 30 s"),
    ("P8-gate-memory", "peak RSS of the privacy gate on the 5 GB bench exam", "≤ 150 MB"),
    *CORELAB_ROWS,
]
ROW_IDS = [r[0] for r in ROWS]


@dataclass
class Row:
    id: str
    what: str
    goal: str
    anchor: str = ""
    ours: str = ""
    ratio: str = ""
    met: bool | None = None
    note: str = ""
    measured: bool = False
    details: dict[str, object] = field(default_factory=dict)
    measured_at: str = ""  # UTC time of the run that measured this row

    def not_measured(self, reason: str) -> Row:
        self.measured = False
        self.met = None
        self.note = f"not measured: {reason}"
        return self


def empty_rows() -> dict[str, Row]:
    return {rid: Row(rid, what, goal) for rid, what, goal in ROWS}


def merge_previous(rows: dict[str, Row], json_path: Path, selected: set[str]) -> list[str]:
    """Rows not selected in this run (``--only``) come from an earlier run's results, when that
    run measured them; return the ids taken over."""
    try:
        previous = json.loads(json_path.read_text())
    except (OSError, ValueError):
        return []
    taken = []
    for data in previous.get("rows", []):
        rid = data.get("id")
        if rid not in rows or rid in selected or not data.get("measured"):
            continue
        known = {f for f in Row.__dataclass_fields__}
        rows[rid] = Row(**{k: v for k, v in data.items() if k in known})
        if not rows[rid].measured_at:
            rows[rid].measured_at = str(previous.get("started", ""))
        taken.append(rid)
    return taken


def machine() -> dict[str, object]:
    cpu = platform.processor() or "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem_gb = 0.0
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                mem_gb = int(line.split()[1]) / 1024 / 1024
    except OSError:
        pass
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": round(mem_gb, 1),
        "kernel": platform.release(),
        "os": _os_name(),
        "python": sys.version.split()[0],
        "vsftpd": _vsftpd_version(),
        "curl": tool_version(["curl", "--version"]),
        "lftp": tool_version(["lftp", "--version"]),
    }


def machine_short(m: dict[str, object]) -> str:
    return f"{m['cores']} cores, {m['memory_gb']:.0f} GB"


def _os_name() -> str:
    try:
        for line in Path("/etc/os-release").read_text().splitlines():
            if line.startswith("PRETTY_NAME="):
                return line.split("=", 1)[1].strip('"')
    except OSError:
        pass
    return platform.system()


def _vsftpd_version() -> str:
    import subprocess

    try:
        r = subprocess.run(
            ["dpkg-query", "-W", "-f=${Version}", "vsftpd"],
            capture_output=True,
            text=True,
            timeout=10,
        )
    except (OSError, subprocess.TimeoutExpired):
        return "unknown"
    return f"vsftpd {r.stdout.strip()}" if r.returncode == 0 and r.stdout.strip() else "unknown"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ") or "–"


def _met(row: Row) -> str:
    if not row.measured:
        return "not measured"
    return {True: "yes", False: "**no**", None: "–"}[row.met]


def write(
    rows: dict[str, Row],
    out_dir: Path,
    *,
    mode: str,
    started: dt.datetime,
    settings: dict[str, object],
    log_lines: list[str] | None = None,
) -> tuple[Path, Path]:
    """Write ``RESULTS.md`` and ``results.json`` into ``out_dir``; return both paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    m = machine()
    date = started.strftime("%Y-%m-%d")
    finished = dt.datetime.now(dt.UTC)
    data = {
        "mode": mode,
        "started": started.isoformat(timespec="seconds"),
        "finished": finished.isoformat(timespec="seconds"),
        "machine": m,
        "settings": settings,
        "rows": [asdict(rows[rid]) for rid in ROW_IDS],
    }
    json_path = out_dir / "results.json"
    json_path.write_text(json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n")

    short = machine_short(m)
    lines = [
        "# EchoUploader benchmarks",
        "",
        f"Produced by `python -m bench{' --quick' if mode == 'quick' else ''}` on {date} "
        f"({started:%H:%M}–{finished:%H:%M} UTC). "
        + (
            "Every number below comes from that one run"
            if all(
                not r.measured or r.measured_at[:16] == started.isoformat(timespec="minutes")[:16]
                for r in rows.values()
            )
            else "Rows whose note names an earlier run were kept from that run "
            "(`--only … --update`); every other number comes from this one"
        )
        + "; contenders ran in turn (A B A B …) and each ratio is the median of the ratios of "
        "the same round, with min–max in brackets. Ratios are speed ratios (> 1: EchoUploader "
        "is faster).",
        "",
        "| | measured | goal | anchor | ours | ratio | met | date | machine |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for rid in ROW_IDS:
        r = rows[rid]
        row_date = r.measured_at[:10] if r.measured_at else date
        lines.append(
            f"| {r.id} | {_cell(r.what)} | {_cell(r.goal)} | {_cell(r.anchor)} | {_cell(r.ours)} "
            f"| {_cell(r.ratio)} | {_met(r)} | {row_date} | {short} |"
        )
    lines += ["", "## Notes", ""]
    for rid in ROW_IDS:
        r = rows[rid]
        if r.note:
            when = ""
            if r.measured_at and r.measured_at[:16] != started.isoformat(timespec="minutes")[:16]:
                when = f"(measured in the run of {r.measured_at[:16].replace('T', ' ')} UTC) "
            lines.append(f"- **{r.id}**: {when}{r.note}")
    lines += ["", "## Machine", ""]
    for k, v in m.items():
        lines.append(f"- {k}: {v}")
    lines += ["", "## Settings", ""]
    for k, v in settings.items():
        lines.append(f"- {k}: {v}")
    lines += [
        "",
        "## Every run",
        "",
        "Seconds, MB/s, CPU time (user + system) and peak RSS of each contender, per row "
        "(median, min–max, then the single runs in order).",
        "",
    ]
    for rid in ROW_IDS:
        r = rows[rid]
        contenders = r.details.get("contenders")
        if not isinstance(contenders, dict) or not contenders:
            continue
        lines += [
            f"### {r.id}",
            "",
            "| contender | seconds | MB/s | CPU seconds | peak RSS MB | runs (s) |",
            "| --- | --- | --- | --- | --- | --- |",
        ]
        for name, c in contenders.items():
            lines.append(
                f"| {_cell(name)} | {_spread(c.get('seconds'))} | {_spread(c.get('mb_per_s'))} "
                f"| {_spread(c.get('cpu_seconds'))} | {_spread(c.get('rss_mb'))} "
                f"| {_values(c.get('seconds'))} |"
            )
        lines.append("")
    if log_lines:
        lines += ["## Log", "", "```", *log_lines, "```", ""]
    md_path = out_dir / "RESULTS.md"
    md_path.write_text("\n".join(lines) + "\n")
    return md_path, json_path


def _spread(s: object) -> str:
    if not isinstance(s, dict):
        return "–"
    return f"{s['median']:g} ({s['min']:g}–{s['max']:g})"


def _values(s: object) -> str:
    if not isinstance(s, dict):
        return "–"
    return " ".join(f"{v:g}" for v in s["values"])
