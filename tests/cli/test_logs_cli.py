"""``echouploader logs``: the readable table, raw JSON and every filter."""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from echouploader import cli
from echouploader.core.support import logs


def _stamp(ago: dt.timedelta) -> str:
    return (dt.datetime.now(dt.UTC) - ago).strftime("%Y-%m-%dT%H:%M:%S.000Z")


@pytest.fixture
def history(isolated_dirs) -> None:
    old = {
        "ts": _stamp(dt.timedelta(days=3)),
        "level": "info",
        "event": "check",
        "site": "site01",
        "exam": "S01-0001-V1",
        "msg": "checked three days ago",
    }
    (isolated_dirs["log"] / (logs.LOG_FILE + ".1")).write_text(json.dumps(old) + "\n")
    logs.setup()
    log = logging.getLogger("echouploader.transfer")
    log.info(
        "uploaded 12 files",
        extra={"event": "transfer_done", "site": "site01", "exam": "S01-0002-V1"},
    )
    log.warning(
        "connection dropped, retrying",
        extra={"event": "retry", "site": "site02", "exam": "S02-0001-V1"},
    )
    log.error(
        "The server refused the user name or password for site02.",
        extra={"event": "error", "site": "site02", "code": "530", "reply": "530 Login incorrect."},
    )
    logs.shutdown()


def run(capsys, *argv: str) -> tuple[int, list[str], str]:
    rc = cli.main(["logs", *argv])
    out = capsys.readouterr()
    return rc, out.out.splitlines(), out.err


def test_table_has_time_level_site_exam_message(history, capsys) -> None:
    rc, lines, _ = run(capsys)
    assert rc == 0
    assert lines[0].split() == ["time", "(UTC)", "level", "site", "exam", "message"]
    body = lines[1:]
    assert body[0].endswith("checked three days ago")
    row = next(line for line in body if "refused" in line)
    assert row.split()[2:5] == ["error", "site02", "The"]
    # The error line is the sentence the user saw, with the server's reply code.
    assert row.endswith("The server refused the user name or password for site02. [530]")
    dt.datetime.strptime(row[:19], "%Y-%m-%d %H:%M:%S")


def test_json_lines(history, capsys) -> None:
    rc, lines, _ = run(capsys, "--json", "--level", "error")
    assert rc == 0
    [rec] = [json.loads(line) for line in lines]
    assert (
        rec["code"] == "530" and rec["reply"] == "530 Login incorrect." and rec["site"] == "site02"
    )


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (
            ["--since", "2h"],
            ["uploaded 12 files", "connection dropped, retrying", "The server refused"],
        ),
        (
            ["--since", (dt.date.today() - dt.timedelta(days=4)).isoformat()],
            [
                "checked three days ago",
                "uploaded 12 files",
                "connection dropped, retrying",
                "The server refused",
            ],
        ),
        (["--level", "warning"], ["connection dropped, retrying", "The server refused"]),
        (["--site", "site01"], ["checked three days ago", "uploaded 12 files"]),
        (["--exam", "S02-0001-V1"], ["connection dropped, retrying"]),
        (["--site", "site02", "--level", "error"], ["The server refused"]),
        (["--grep", "retrying"], ["connection dropped, retrying"]),
        (["-n", "1"], ["The server refused"]),
    ],
)
def test_filters(history, capsys, argv: list[str], expected: list[str]) -> None:
    rc, lines, _ = run(capsys, "--json", *argv)
    assert rc == 0
    msgs = [json.loads(line)["msg"] for line in lines]
    msgs = [m for m in msgs if "started" not in m]
    assert [m[: len(e)] for m, e in zip(msgs, expected, strict=True)] == expected


def test_nothing_matches(history, capsys) -> None:
    rc, lines, err = run(capsys, "--site", "nowhere")
    assert rc == 0 and len(lines) == 1 and "No log lines match." in err


@pytest.mark.parametrize(
    ("argv", "message"),
    [(["--since", "last tuesday"], "is not a time"), (["-n", "0"], "--lines must be 1 or more")],
)
def test_bad_arguments_are_one_sentence(history, capsys, argv: list[str], message: str) -> None:
    rc, _, err = run(capsys, *argv)
    assert rc == 2 and message in err and "Traceback" not in err


def test_unknown_level_is_a_usage_error(history, capsys) -> None:
    with pytest.raises(SystemExit) as exited:
        cli.main(["logs", "--level", "loud"])
    assert exited.value.code == 2
    assert "invalid choice: 'loud'" in capsys.readouterr().err


def test_reading_the_log_adds_nothing_to_it(history, isolated_dirs, capsys) -> None:
    before = (isolated_dirs["log"] / logs.LOG_FILE).read_text()
    run(capsys)
    run(capsys, "--json")
    assert (isolated_dirs["log"] / logs.LOG_FILE).read_text() == before


def test_follow_prints_new_lines_until_interrupted(history, isolated_dirs) -> None:
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PYTHONPATH": str(root)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "echouploader", "logs", "--follow", "--json", "--level", "error"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    seen: list[dict] = []
    got_new = threading.Event()

    def read() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            seen.append(json.loads(line))
            if seen[-1]["msg"] == "a new failure":
                got_new.set()

    reader = threading.Thread(target=read, name="echouploader-test-follow-reader")
    reader.start()
    try:
        logs.setup()
        deadline = 100
        while not got_new.is_set() and deadline:
            # Written until the follower has started and shows it (it starts at the file's end).
            logging.getLogger("echouploader.transfer").error(
                "a new failure", extra={"event": "error", "site": "site09"}
            )
            got_new.wait(0.3)
            deadline -= 1
        assert got_new.is_set()
    finally:
        proc.send_signal(signal.SIGINT)
        rc = proc.wait(30)
        reader.join(30)
    assert rc == 0
    assert seen[0]["msg"].startswith("The server refused")  # what was there before
    assert all(r["level"] == "error" for r in seen)
    assert "Traceback" not in (proc.stderr.read() if proc.stderr else "")
