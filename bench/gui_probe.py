"""P5: how late the main window's event loop runs while it uploads an exam over 4 connections.

Run in a child process (offscreen Qt) by the harness::

    python -m bench.gui_probe HOST PORT USER EXAM_DIR REMOTE_PARENT RESULT.json [MAX_SECONDS]

with ``ECHOUPLOADER_PASSWORD`` and the ``ECHOUPLOADER_*_DIR`` folders (certificate already
trusted) in the environment. The window connects as a user would (quick-connect), then its own
transfer controller prepares (checks, de-identifies) and uploads the exam with 4 connections,
exactly as after the exam dialog's Start. A 10 ms precise QTimer measures, on every tick, how much
later than due it fired; the result (max, p99, median, ticks) is written as JSON.
"""

from __future__ import annotations

import contextlib
import cProfile
import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

INTERVAL_MS = 10


def missing(python: str) -> str | None:
    """Why the probe cannot run with this build (no window, or no uploads from the window)."""
    code = (
        "import sys\n"
        "try:\n"
        "    from echouploader.ui.main_window import MainWindow\n"
        "    from echouploader.ui.transfers import TransferController\n"
        "except ImportError as e:\n"
        "    print(f'the window cannot upload in this build yet ({e})'); sys.exit(1)\n"
        "if not hasattr(TransferController, 'upload_exam'):\n"
        "    print('the window has no upload_exam in this build yet'); sys.exit(1)\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    r = subprocess.run(
        [python, "-c", code],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        cwd=Path(__file__).resolve().parents[1],
    )
    if r.returncode == 0:
        return None
    lines = (r.stdout.strip() or r.stderr.strip() or "unknown").splitlines()
    return lines[-1][:300]


def py_spy() -> str | None:
    """The py-spy sampling profiler, when installed (beside this Python, or on PATH)."""
    import shutil

    beside = Path(sys.executable).with_name("py-spy")
    return str(beside) if beside.exists() else shutil.which("py-spy")


def gil_holders(raw: str, top: int = 8) -> dict[str, Any]:
    """py-spy's collapsed stacks (``--gil --threads --format raw``) summed: which threads held
    the GIL, and in which of our (or the library's) functions, as shares of the samples."""
    threads: dict[str, int] = {}
    leaves: dict[str, int] = {}
    by_thread: dict[str, dict[str, int]] = {}
    total = 0
    for line in raw.splitlines():
        stack, _, count_text = line.rpartition(" ")
        if not stack or not count_text.isdigit():
            continue
        n = int(count_text)
        frames = stack.split(";")
        # "thread (TID): NAME", then the frames "function (file.py:line)", outermost first.
        thread = frames[0].partition("): ")[2].strip() or frames[0]
        thread = re.sub(r"-\d+$", "-N", thread)  # the four transfer threads as one
        threads[thread] = threads.get(thread, 0) + n
        leaf = re.sub(r":\d+\)$", ")", frames[-1].strip()) if len(frames) > 1 else "(no frame)"
        leaves[leaf] = leaves.get(leaf, 0) + n
        mine = by_thread.setdefault(thread, {})
        # The innermost frame of ours (or the leaf): where in the app the GIL was taken.
        ours = next((f for f in reversed(frames[1:]) if "echouploader/" in f), frames[-1])
        ours = re.sub(r":\d+\)$", ")", ours.strip())
        mine[ours] = mine.get(ours, 0) + n
        total += n

    def shares(d: dict[str, int]) -> list[dict[str, Any]]:
        rows = sorted(d.items(), key=lambda kv: -kv[1])[:top]
        return [{"name": k, "share": round(v / max(total, 1), 3)} for k, v in rows]

    return {
        "samples": total,
        "threads": shares(threads),
        "functions": shares(leaves),
        "by_thread": {t: shares(f)[:5] for t, f in by_thread.items() if threads[t] >= total / 50},
    }


def run(
    cli: Any,
    addr: Any,
    exam: Path,
    remote_parent: str,
    max_seconds: float,
    profile: bool = False,
    gil: bool = False,
) -> dict[str, Any]:
    """Run the probe in a child process; return its JSON result. ``gil``: under py-spy, which
    samples whichever thread holds the GIL (``gil_profile`` in the result)."""
    import tempfile

    from bench.clients import REPO, run_timed

    cli.trust(addr)
    with tempfile.TemporaryDirectory() as tmp:
        result = Path(tmp) / "p5.json"
        env = {**cli.env, "ECHOUPLOADER_PASSWORD": addr.password, "QT_QPA_PLATFORM": "offscreen"}
        if profile:
            env["BENCH_GUI_PROFILE"] = "1"
        argv = [
            cli.python,
            "-m",
            "bench.gui_probe",
            addr.host,
            str(addr.port),
            addr.user,
            str(exam),
            remote_parent,
            str(result),
            str(max_seconds),
        ]
        spy = py_spy() if gil else None
        raw = Path(tmp) / "gil.txt"
        if spy:
            # The probe attaches py-spy to itself once the upload starts (the phase the goal
            # is about), and stops it when the upload ends.
            env["BENCH_GUI_PYSPY"] = f"{spy}\n{raw}"
        run = run_timed(argv, env=env, cwd=REPO, check=False, timeout=max_seconds + 600)
        if not result.exists():
            raise RuntimeError(
                f"the GUI probe wrote no result (exit {run.returncode}): "
                f"{run.stderr.strip()[-400:]}"
            )
        data: dict[str, Any] = json.loads(result.read_text())
        if spy and raw.exists():
            data["gil_profile"] = gil_holders(raw.read_text())
    if data.get("missing"):
        from bench.harness import NotMeasured

        raise NotMeasured(data["missing"])
    if data.get("error"):
        raise RuntimeError(f"the GUI probe failed: {data['error']}")
    data["probe_process_rss_mb"] = round(run.max_rss_kb / 1024, 1)
    return data


def _start_upload(win: Any, ctl: Any, exam: Path, remote_parent: str, factory: Any) -> None:
    """Call the window's transfer controller as its exam dialog does, with 4 connections."""
    import inspect

    from echouploader.core.privacy.exam_identity import ExamIdentity, ExamRule

    identity = ExamIdentity("1234", "1")
    params = inspect.signature(ctl.upload_exam).parameters
    if "rules" in params:
        from echouploader.core.ftps.target import Target
        from echouploader.core.privacy.deidentify.profile import PrivacyProfile
        from echouploader.core.transfer.exam_upload import SiteRules

        target_text = (
            win.target_text(remote_parent)
            if hasattr(win, "target_text")
            else factory.endpoint.url(remote_parent)
        )
        ctl.upload_exam(
            exam,
            identity,
            Target(factory.endpoint, remote_parent),
            factory,
            rules=SiteRules(ExamRule(), PrivacyProfile()),
            target_text=target_text,
            connections=4,
        )
    else:
        ctl.upload_exam(exam, identity, remote_parent, factory, rule=ExamRule(), connections=4)


def _top_functions(profiler: Any, top: int = 8) -> list[dict[str, Any]]:
    """The GUI thread's functions by own time (event-loop waiting shows as Qt's exec)."""
    import pstats

    from bench.pyprofile import _short

    stats = pstats.Stats(profiler)
    total = max(float(getattr(stats, "total_tt", 0.0)), 1e-9)
    rows = sorted(
        ((tt, _short(f, ln, fn)) for (f, ln, fn), (_c, _n, tt, _ct, _cl) in stats.stats.items()),  # type: ignore[attr-defined]
        reverse=True,
    )
    return [
        {"function": fn, "self_s": round(tt, 3), "share": round(tt / total, 3)}
        for tt, fn in rows[:top]
    ]


def _percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    s = sorted(values)
    k = min(len(s) - 1, max(0, round(q * (len(s) - 1))))
    return s[k]


def main(argv: list[str]) -> int:  # pragma: no cover - runs in a child process
    host, port, user, exam, remote_parent, out = argv[:6]
    max_seconds = float(argv[6]) if len(argv) > 6 else 600.0
    result_path = Path(out)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from PySide6.QtCore import QElapsedTimer, QEventLoop, Qt, QTimer
    from PySide6.QtWidgets import QApplication

    from echouploader.core.ftps.session import SessionFactory, TrustCheck
    from echouploader.core.ftps.target import Endpoint
    from echouploader.core.ftps.trust_store import TrustStore
    from echouploader.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(["echouploader-probe"])
    win = MainWindow()
    win.show()
    if not hasattr(win, "transfers") or not hasattr(win.transfers, "upload_exam"):
        result_path.write_text(
            json.dumps(
                {"missing": "the window has no transfer controller (uploads) in this build yet"}
            )
        )
        win.close()
        return 0
    password = os.environ["ECHOUPLOADER_PASSWORD"]
    endpoint = Endpoint(host, int(port), user, implicit=True)
    state: dict[str, Any] = {"done": False, "error": None, "result": None}

    def wait(cond: Any, seconds: float) -> bool:
        """Run Qt's event loop (as the app does) until ``cond()`` or the time is up."""
        if cond():
            return True
        loop = QEventLoop()
        check = QTimer()
        check.timeout.connect(lambda: loop.quit() if cond() else None)
        check.start(20)
        QTimer.singleShot(int(seconds * 1000), loop.quit)
        loop.exec()
        check.stop()
        return bool(cond())

    win.connect_to(endpoint, password)
    if not wait(lambda: win.connection is not None, 30):
        state["error"] = f"the window did not connect: {getattr(win, 'last_error', '')}"
    lateness: list[float] = []
    by_phase: dict[str, list[float]] = {}
    profiler = cProfile.Profile() if os.environ.get("BENCH_GUI_PROFILE") else None
    clock = QElapsedTimer()
    probe_seconds = 0.0
    upload_seconds = 0.0
    if state["error"] is None:
        # The window's own factory (what its exam dialog passes), when it has one.
        factory = None
        if hasattr(win, "session_factory"):
            factory = win.session_factory()
        factory = factory or getattr(win.connection, "factory", None)
        factory = factory or SessionFactory(endpoint, password, TrustCheck(TrustStore()))
        ctl = win.transfers

        def finished(_job: Any, res: Any) -> None:
            state["done"] = True
            state["result"] = res

        def failed(name: str, exc: Any) -> None:
            state["done"] = True
            state["error"] = f"{name}: {exc}"

        ctl.finished.connect(finished)
        ctl.failed.connect(failed)
        # Preparing (check, de-identify) until the job is submitted; then uploading.
        phase = ["preparing"]
        if hasattr(ctl, "submitted"):
            ctl.submitted.connect(lambda _job: phase.__setitem__(0, "uploading"))
        spying: list[subprocess.Popen[bytes]] = []
        if os.environ.get("BENCH_GUI_PYSPY") and hasattr(ctl, "submitted"):
            spy, raw = os.environ["BENCH_GUI_PYSPY"].split("\n")

            def attach(_job: Any) -> None:
                spying.append(
                    subprocess.Popen(
                        [spy, "record", "--pid", str(os.getpid()), "--gil", "--threads",
                         "--format", "raw", "--rate", "500", "--nonblocking", "-o", raw],
                        stdout=subprocess.DEVNULL,
                        stderr=subprocess.DEVNULL,
                    )
                )  # fmt: skip

            ctl.submitted.connect(attach)

        last = [0]

        def tick() -> None:
            now = clock.nsecsElapsed()
            late = max(0.0, (now - last[0]) / 1e6 - INTERVAL_MS)
            lateness.append(late)
            by_phase.setdefault(phase[0], []).append(late)
            last[0] = now

        timer = QTimer()
        timer.setTimerType(Qt.TimerType.PreciseTimer)
        timer.timeout.connect(tick)
        clock.start()
        last[0] = clock.nsecsElapsed()
        timer.start(INTERVAL_MS)
        start = time.monotonic()
        if profiler is not None:
            profiler.enable()  # this (the GUI) thread only
        _start_upload(win, ctl, Path(exam), remote_parent, factory)
        if not wait(lambda: state["done"], max_seconds):
            ctl.cancel_all()
            wait(lambda: state["done"], 60)
        if profiler is not None:
            profiler.disable()
        for proc in spying:
            proc.send_signal(signal.SIGINT)  # py-spy writes what it sampled, then exits
            proc.wait(30)
        upload_seconds = time.monotonic() - start
        timer.stop()
        probe_seconds = clock.elapsed() / 1000
        res = state["result"]
        if state["error"] is None and res is not None and not getattr(res, "complete", True):
            state["error"] = f"the upload did not complete: {getattr(res, 'error', None)}"

    out: dict[str, Any] = {
        "error": state["error"],
        "lateness_ms": {
            "max": round(max(lateness, default=0.0), 2),
            "p99": round(_percentile(lateness, 0.99), 2),
            "median": round(_percentile(lateness, 0.5), 2),
        },
        "by_phase": {
            name: {
                "max": round(max(vals), 2),
                "p99": round(_percentile(vals, 0.99), 2),
                "ticks": len(vals),
            }
            for name, vals in by_phase.items()
        },
        "samples": len(lateness),
        "interval_ms": INTERVAL_MS,
        "probe_seconds": round(probe_seconds, 2),
        "upload_seconds": round(upload_seconds, 2),
    }
    if profiler is not None:
        out["main_thread_profile"] = _top_functions(profiler)
    result_path.write_text(json.dumps(out, indent=2))
    with contextlib.suppress(Exception):  # the result is written; closing is best effort
        win.shutdown()
    win.close()
    app.processEvents()
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main(sys.argv[1:]))
