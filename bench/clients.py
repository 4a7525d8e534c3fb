"""The programs under test, each run as a child process: EchoUploader's CLI, curl, lftp.

Every run is timed from the moment the process starts to the moment it exits (so start-up is
included) and its peak resident memory comes from ``wait4``'s resource usage.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from bench.servers import ServerAddress

REPO = Path(__file__).resolve().parents[1]
RUN_TIMEOUT = 900.0
EXAM_SUBJECT, EXAM_ECHO = "1234", "1"
GNU_TIME = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) else None


class ClientFailed(RuntimeError):
    """A client exited with an error: the benchmark row cannot be filled from that run."""


@dataclass
class Run:
    seconds: float
    max_rss_kb: int
    returncode: int
    stdout: str
    stderr: str
    cpu_seconds: float = 0.0  # user + system CPU time of the process (and its children)


def run_timed(
    argv: Sequence[str],
    *,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
    timeout: float = RUN_TIMEOUT,
    check: bool = True,
) -> Run:
    """Run ``argv``; wall time from start to exit and peak RSS (kB) of the process.

    The peak RSS comes from GNU time when it is installed: ``wait4`` in this process would report
    at least this (large) Python process's own size, which a forked child inherits until exec.
    """
    with (
        tempfile.TemporaryFile() as out,
        tempfile.TemporaryFile() as err,
        tempfile.NamedTemporaryFile("r", suffix=".rss") as rss_file,
    ):
        wrapped = list(argv)
        if GNU_TIME:
            wrapped = [GNU_TIME, "-f", "%M %U %S", "-o", rss_file.name, *wrapped]
        start = time.perf_counter()
        proc = subprocess.Popen(wrapped, env=env, cwd=cwd, stdout=out, stderr=err)
        deadline = start + timeout
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                proc.kill()
                pid, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.005)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        max_rss = int(usage.ru_maxrss)
        cpu = usage.ru_utime + usage.ru_stime
        if GNU_TIME:
            # The last line is "%M %U %S" (a line before it may say the command failed).
            last = rss_file.read().strip().splitlines()
            fields = last[-1].split() if last else []
            if len(fields) == 3 and fields[0].isdigit():
                max_rss, cpu = int(fields[0]), float(fields[1]) + float(fields[2])
        run = Run(
            seconds,
            max_rss,
            proc.returncode,
            out.read().decode(errors="replace"),
            err.read().decode(errors="replace"),
            cpu,
        )
    if check and run.returncode != 0:
        cmd = " ".join(shlex.quote(a) for a in argv)
        tail = (run.stderr.strip() or run.stdout.strip())[-600:]
        raise ClientFailed(f"{cmd} exited {run.returncode}: {tail}")
    return run


# --- EchoUploader ------------------------------------------------------------------------------


class EchoUploaderCLI:
    """``python -m echouploader`` from this checkout, with private config/data/cache/log folders."""

    def __init__(self, state_dir: Path, python: str = sys.executable) -> None:
        self.python = python
        self.env = dict(os.environ)
        for kind in ("config", "data", "cache", "log", "site_config"):
            d = state_dir / kind
            d.mkdir(parents=True, exist_ok=True)
            self.env[f"ECHOUPLOADER_{kind.upper()}_DIR"] = str(d)
        self.env["PYTHONPATH"] = str(REPO) + os.pathsep + self.env.get("PYTHONPATH", "")
        self.env["QT_QPA_PLATFORM"] = "offscreen"
        self.env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
        self.env.pop("ECHOUPLOADER_PASSWORD", None)
        self._trusted: set[tuple[str, int]] = set()

    def argv(self, *args: str) -> list[str]:
        return [self.python, "-m", "echouploader", *args]

    def has_command(self, name: str) -> bool:
        """Whether this checkout's CLI has the sub-command ``name``."""
        run = run_timed(self.argv(name, "--help"), env=self.env, cwd=REPO, check=False)
        return run.returncode == 0

    def upload_help(self) -> str:
        run = run_timed(self.argv("upload", "--help"), env=self.env, cwd=REPO, check=False)
        return run.stdout

    def connection_limits(self) -> tuple[int | None, int]:
        """(default, maximum) of ``upload --connections`` as its help states them."""
        run = run_timed(self.argv("upload", "--help"), env=self.env, cwd=REPO, check=False)
        text = " ".join(run.stdout.split())
        default = re.search(r"default:? (\d+)", text)
        most = re.search(r"at most (\d+)", text)
        return (int(default.group(1)) if default else None, int(most.group(1)) if most else 16)

    def trust(self, server: ServerAddress) -> None:
        key = (server.host, server.port)
        if key in self._trusted:
            return
        run_timed(
            server.wrap(self.argv("trust", server.url("/"), "--fingerprint", server.fingerprint)),
            env=self.env,
            cwd=REPO,
        )
        self._trusted.add(key)

    def run(self, server: ServerAddress | None, *args: str, check: bool = True) -> Run:
        env = dict(self.env)
        if server is not None:
            self.trust(server)
            env["ECHOUPLOADER_PASSWORD"] = server.password
        argv = self.argv(*args)
        return run_timed(
            server.wrap(argv) if server is not None else argv, env=env, cwd=REPO, check=check
        )

    def upload(
        self, server: ServerAddress, local: Sequence[Path], remote: str, connections: int | None
    ) -> Run:
        return self.run(server, *self.upload_args(server, local, remote, connections))

    def upload_args(
        self, server: ServerAddress, local: Sequence[Path], remote: str, connections: int | None
    ) -> list[str]:
        """A plain upload to the URL; an exam folder goes as exam 1234_1 to a bench site."""
        if len(local) == 1 and local[0].is_dir():
            site = self.bench_site(server)
            args = [
                "upload",
                str(local[0]),
                f"site:{site}/{remote.strip('/')}",
                "--subject",
                EXAM_SUBJECT,
                "--echo",
                EXAM_ECHO,
            ]
        else:
            args = ["upload", *map(str, local), server.url(remote)]
        if connections is not None:
            args += ["--connections", str(connections)]
        return args

    def bench_site(self, server: ServerAddress, *, gate: bool = False) -> str:
        """A saved site for ``server`` whose privacy gate is off unless ``gate``.

        The exams here are synthetic; with the gate off an upload sends the same bytes lftp
        sends, so the comparison is of transfers. (With the gate on, the upload first checks
        and de-identifies the exam into a staging copy: P4 measures that work.)
        """
        name = f"bench-{server.host.replace('.', '-')}-{server.port}{'-gate' if gate else ''}"
        path = Path(self.env["ECHOUPLOADER_CONFIG_DIR"]) / "sites.json"
        data = json.loads(path.read_text()) if path.exists() else {"version": 1, "sites": []}
        if not any(s.get("name") == name for s in data["sites"]):
            data["sites"].append(
                {
                    "name": name,
                    "host": server.host,
                    "port": server.port,
                    "protocol": "ftps-implicit",
                    "user": server.user,
                    "remote_dir": "/",
                    "privacy_profile": {} if gate else {"check_enabled": False},
                }
            )
            path.write_text(json.dumps(data, indent=2))
        return name


# --- curl and lftp -----------------------------------------------------------------------------

LFTP_SETTINGS = (
    "set ftp:ssl-force true; set ftp:ssl-protect-data true; set ssl:verify-certificate no; "
    "set ssl:check-hostname no; set ftp:passive-mode true; set cmd:fail-exit true; "
    "set net:max-retries 2; set net:reconnect-interval-base 1; set xfer:clobber true; "
    # As FileZilla, curl and EchoUploader do: data connections go to the control connection's
    # address (behind the relay the server's own address is not the one to use).
    "set ftp:ignore-pasv-address true"
)


def curl_put(server: ServerAddress, local: Path, remote_dir: str) -> Run:
    remote_dir = remote_dir.strip("/")
    url = f"ftps://{server.host}:{server.port}/{remote_dir + '/' if remote_dir else ''}"
    return run_timed(
        server.wrap(
            [
                "curl",
                "-sS",
                "-k",
                "--ftp-pasv",
                "--ftp-create-dirs",
                "-u",
                f"{server.user}:{server.password}",
                "-T",
                str(local),
                url,
            ]
        )
    )


def _lftp(server: ServerAddress, commands: str) -> Run:
    script = (
        f"{LFTP_SETTINGS}; open -u {shlex.quote(server.user)},{shlex.quote(server.password)} "
        f"ftps://{server.host}:{server.port}; {commands}"
    )
    return run_timed(server.wrap(["lftp", "-c", script]))


def lftp_put(server: ServerAddress, local: Path, remote_dir: str) -> Run:
    remote = "/" + remote_dir.strip("/") + "/" + local.name
    return _lftp(server, f"put {shlex.quote(str(local))} -o {shlex.quote(remote)}")


def lftp_mirror(server: ServerAddress, local_dir: Path, remote_dir: str, parallel: int) -> Run:
    remote = "/" + remote_dir.strip("/")
    return _lftp(
        server,
        f"mirror -R --parallel={parallel} {shlex.quote(str(local_dir))} {shlex.quote(remote)}",
    )


def rclone_copy(
    server: ServerAddress, local_dir: Path, remote_dir: str, transfers: int, config_dir: Path
) -> Run:
    """``rclone copy --transfers N`` with its FTP backend over implicit TLS.

    vsftpd requires the data connection to resume the control connection's TLS session, which
    rclone's Go TLS does only over TLS 1.2 (``disable_tls13``). The password goes in obscured, as
    rclone's config wants it; the remote is given inline so no config file is needed.
    """
    obscured = subprocess.run(
        ["rclone", "obscure", "-"],
        input=server.password,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    remote = (
        f":ftp,host={server.host},port={server.port},user={server.user},pass={obscured},"
        "tls=true,no_check_certificate=true,disable_tls13=true:" + "/" + remote_dir.strip("/")
    )
    env = {**os.environ, "RCLONE_CONFIG": str(config_dir / "rclone.conf")}
    return run_timed(
        server.wrap(
            [
                "rclone",
                "copy",
                "--transfers",
                str(transfers),
                "--checkers",
                str(transfers),
                str(local_dir),
                remote,
            ]
        ),
        env=env,
    )


def rclone_missing() -> str | None:
    import shutil

    return None if shutil.which("rclone") else "rclone is not installed (apt-get install rclone)"


def tool_version(argv: Sequence[str]) -> str:
    try:
        out = subprocess.run(list(argv), capture_output=True, text=True, timeout=20).stdout
    except (OSError, subprocess.TimeoutExpired):
        return "missing"
    return out.strip().splitlines()[0] if out.strip() else "unknown"
