"""A cProfile of one CLI command (its main thread): the functions where the time goes.

Used when a goal of a single-threaded command (check, de-identify, quota) is missed, so the
report says what limits it from a measurement rather than a guess. cProfile slows pure-Python
code down, so read the shares, not the absolute times.
"""

from __future__ import annotations

import pstats
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bench.clients import REPO, run_timed


def profile_cli(
    cli: Any, args: Sequence[str], env: dict[str, str] | None = None, top: int = 8
) -> dict[str, Any]:
    """Run ``python -m cProfile -m echouploader ARGS`` and summarise the top functions."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "cli.prof"
        argv = [cli.python, "-m", "cProfile", "-o", str(out), "-m", "echouploader", *args]
        run = run_timed(argv, env=env or cli.env, cwd=REPO, check=False)
        if not out.exists():
            return {"error": f"no profile (exit {run.returncode}): {run.stderr.strip()[-300:]}"}
        stats = pstats.Stats(str(out))
    total = max(float(getattr(stats, "total_tt", 0.0)), 1e-9)
    rows = []
    for (filename, line, name), (_cc, _nc, tt, ct, _callers) in stats.stats.items():  # type: ignore[attr-defined]
        rows.append((tt, ct, _short(filename, line, name)))
    rows.sort(reverse=True)
    top_self = [
        {"function": fn, "self_s": round(tt, 3), "share": round(tt / total, 3)}
        for tt, _ct, fn in rows[:top]
    ]
    return {"seconds_under_profile": round(total, 3), "top_self_time": top_self}


def describe(prof: dict[str, Any], top: int = 5) -> str:
    if "error" in prof:
        return f"profile failed: {prof['error']}"
    parts = [f"{r['function']} {r['share']:.0%}" for r in prof["top_self_time"][:top]]
    return "cProfile, share of own time: " + ", ".join(parts)


def _short(filename: str, line: int, name: str) -> str:
    if filename == "~":
        return name  # a C function such as <method 'read' of '_io.BufferedReader' objects>
    path = Path(filename)
    parts = path.parts
    for anchor in ("echouploader", "pydicom", "ftplib.py", "ssl.py"):
        if anchor in parts:
            path = Path(*parts[parts.index(anchor) :])
            break
    else:
        path = Path(path.name)
    return f"{path}:{line}({name})"
