"""A profile of one ``echouploader -v upload`` run: where the wall time goes, from its own log.

Every stderr line of the verbose CLI is time-stamped as it arrives; the FTP commands it logs
(``ftps.protocol: > VERB``) and its connection messages split the run into phases:

- start-up: process start to the first connection (Python, imports, planning);
- before the first file: logins, quota and listings up to the first ``STOR``;
- files: first ``STOR`` to the last file verified;
- after: the manifest, ``QUIT`` and exit.

It also counts logins and the commands per file, which over a 30 ms link cost one round trip each.
"""

from __future__ import annotations

import re
import subprocess
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

COMMAND = re.compile(r"protocol: > ([A-Za-z]+)")
CONNECT = re.compile(r"connecting to ")
FILE_DONE = re.compile(r"uploaded and verified|: uploaded|226 ")
STOR = re.compile(r"protocol: > STOR ")


@dataclass
class Timeline:
    seconds: float
    returncode: int
    lines: list[tuple[float, str]] = field(default_factory=list)

    def _first(self, pattern: re.Pattern[str]) -> float | None:
        return next((t for t, line in self.lines if pattern.search(line)), None)

    def _last(self, pattern: re.Pattern[str]) -> float | None:
        return next((t for t, line in reversed(self.lines) if pattern.search(line)), None)

    def summary(self, files: int) -> dict[str, object]:
        commands = Counter(
            m.group(1).upper() for _, line in self.lines if (m := COMMAND.search(line))
        )
        connect = self._first(CONNECT)
        first_stor = self._first(STOR)
        last_file = self._last(re.compile(r"uploaded and verified")) or self._last(FILE_DONE)
        phases: dict[str, float] = {}
        if connect is not None:
            phases["start-up"] = connect
            if first_stor is not None:
                phases["before the first file"] = first_stor - connect
                if last_file is not None and last_file >= first_stor:
                    phases["files"] = last_file - first_stor
                    phases["after"] = self.seconds - last_file
        control = sum(n for verb, n in commands.items() if verb not in ("USER", "PASS", "QUIT"))
        return {
            "seconds": round(self.seconds, 3),
            "phases": {k: round(v, 3) for k, v in phases.items()},
            "logins": sum(1 for _, line in self.lines if CONNECT.search(line)),
            "commands": dict(commands.most_common()),
            "commands_per_file": round(control / max(files, 1), 1),
        }


def record(argv: Sequence[str], env: dict[str, str], cwd: Path, timeout: float = 900) -> Timeline:
    """Run ``argv`` (a verbose CLI command) and time-stamp each stderr line as it arrives."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        list(argv), env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    lines: list[tuple[float, str]] = []
    assert proc.stderr is not None
    for line in proc.stderr:
        lines.append((time.perf_counter() - start, line.rstrip("\n")))
    proc.wait(timeout)
    return Timeline(time.perf_counter() - start, proc.returncode, lines)


def describe(summary: dict[str, object]) -> str:
    """One sentence for a report note."""
    phases = summary.get("phases") or {}
    assert isinstance(phases, dict)
    parts = [f"{name} {secs:.2f} s" for name, secs in phases.items()]
    commands = summary.get("commands") or {}
    assert isinstance(commands, dict)
    top = ", ".join(f"{verb}×{n}" for verb, n in list(commands.items())[:8])
    return (
        f"profile of one verbose run ({summary['seconds']:.2f} s): {'; '.join(parts) or 'n/a'}; "
        f"{summary['logins']} logins; {summary['commands_per_file']} control commands per file "
        f"({top})"
    )
