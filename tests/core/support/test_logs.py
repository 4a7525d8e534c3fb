"""The structured log: JSON lines in the log folder, redacted, rotated, read back with filters."""

from __future__ import annotations

import datetime as dt
import json
import logging
from pathlib import Path

import pytest

from echouploader import __version__
from echouploader.core.errors import LoginRefused, UsageError
from echouploader.core.support import logs

log = logging.getLogger("echouploader.transfer")


def lines(log_dir: Path) -> list[dict]:
    path = log_dir / logs.LOG_FILE
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_records_are_json_lines_with_utc_time_level_event_and_fields(isolated_dirs) -> None:
    path = logs.setup()
    assert path == isolated_dirs["log"] / logs.LOG_FILE
    log.info(
        "uploaded %s",
        "IM0001",
        extra={
            "event": "transfer_done",
            "site": "site07",
            "exam": "S07-0012-V1",
            "path": "a/IM0001",
            "bytes": 1234,
            "duration": 0.5,
            "rate": 2468.0,
            "job": "j1",
            "transfer": "t1",
        },
    )
    start, rec = lines(isolated_dirs["log"])
    assert start["event"] == "start" and start["version"] == __version__
    assert start["python"] and start["os"]
    assert rec["msg"] == "uploaded IM0001"
    assert rec["level"] == "info" and rec["event"] == "transfer_done"
    assert rec["ts"].endswith("Z")
    when = dt.datetime.fromisoformat(rec["ts"].replace("Z", "+00:00"))
    assert abs((dt.datetime.now(dt.UTC) - when).total_seconds()) < 3600
    assert {k: rec[k] for k in ("site", "exam", "bytes", "job", "transfer", "rate")} == {
        "site": "site07",
        "exam": "S07-0012-V1",
        "bytes": 1234,
        "job": "j1",
        "transfer": "t1",
        "rate": 2468.0,
    }


def test_setup_is_idempotent_and_version_is_written_once(isolated_dirs) -> None:
    root = logging.getLogger("echouploader")
    logs.setup()
    logs.setup()
    assert len(root.handlers) == 2  # the file and this session's lines; no console
    log.info("one", extra={"event": "list"})
    logs.setup(verbose=True)
    assert len(root.handlers) == 3  # and the console
    log.debug("two", extra={"event": "protocol"})
    logs.setup()
    assert len(root.handlers) == 2
    recs = lines(isolated_dirs["log"])
    assert [r["event"] for r in recs] == ["start", "list", "protocol"]


def test_debug_is_written_only_when_verbose(isolated_dirs) -> None:
    logs.setup()
    log.debug("hidden", extra={"event": "protocol"})
    log.info("shown", extra={"event": "list"})
    assert [r["msg"] for r in lines(isolated_dirs["log"])][1:] == ["shown"]


def test_console_is_quiet_unless_asked(isolated_dirs, capsys) -> None:
    logs.setup()
    log.error("file only", extra={"event": "error"})
    assert capsys.readouterr().err == ""
    logs.setup(console=True)
    log.info("not on the console", extra={"event": "list"})
    log.warning("on the console", extra={"event": "retry"})
    err = capsys.readouterr().err
    assert "on the console" in err and "not on the console" not in err


def test_a_new_log_dir_moves_the_file(tmp_path: Path) -> None:
    logs.setup(log_dir=tmp_path / "a")
    log.info("in a")
    logs.setup(log_dir=tmp_path / "b")
    log.info("in b")
    assert [r["msg"] for r in lines(tmp_path / "a")][-1] == "in a"
    assert [r["msg"] for r in lines(tmp_path / "b")][-1] == "in b"


def test_redaction_applies_to_message_args_fields_and_traceback(isolated_dirs) -> None:
    logs.setup()
    logs.add_redactions(["DOE^JANE", "PID-4711", "19800131"])
    try:
        raise OSError("cannot read /data/Jane Doe 1980-01-31/IM1")
    except OSError as exc:
        log.warning(
            "reading %s failed",
            "/data/DOE_JANE/PID4711",
            exc_info=exc,
            extra={
                "event": "check",
                "local": "Jane Doe/IM1",
                "paths": ["doe^jane/x"],
                "password": "Corr3ct",
                "pass": "p",
            },
        )
    text = (isolated_dirs["log"] / logs.LOG_FILE).read_text(encoding="utf-8")
    for leak in ("Jane", "DOE", "4711", "1980", "Corr3ct"):
        assert leak.lower() not in text.lower()
    rec = lines(isolated_dirs["log"])[-1]
    assert rec["msg"] == "reading /data/[redacted]/[redacted] failed"
    assert rec["local"] == "[redacted]/IM1"
    assert rec["paths"] == ["[redacted]/x"]
    assert "password" not in rec and "pass" not in rec
    assert "OSError: cannot read /data/[redacted] [redacted]/IM1" in rec["traceback"]


def test_protocol_trace_masks_pass_lines(isolated_dirs) -> None:
    logs.setup(verbose=True)
    logging.getLogger("echouploader.ftps.protocol").debug("> %s", "PASS Corr3ct-h0rse")
    assert lines(isolated_dirs["log"])[-1]["msg"] == "> PASS ****"


def test_log_error_has_the_sentence_and_the_reply_code(isolated_dirs) -> None:
    logs.setup()
    exc = LoginRefused(
        "The server refused the user name or password for site07.", reply="530 Login incorrect."
    )
    logs.log_error(log, exc, site="site07")
    rec = lines(isolated_dirs["log"])[-1]
    assert rec["level"] == "error" and rec["event"] == "error"
    assert rec["msg"] == "The server refused the user name or password for site07."
    assert rec["code"] == "530" and rec["reply"] == "530 Login incorrect."
    assert rec["error"] == "LoginRefused" and rec["exit_code"] == 6 and rec["site"] == "site07"
    assert "traceback" not in rec


def test_unexpected_errors_keep_their_traceback(isolated_dirs) -> None:
    logs.setup()
    try:
        {}["missing"]
    except KeyError as exc:
        logs.log_error(log, exc)
    rec = lines(isolated_dirs["log"])[-1]
    assert rec["error"] == "KeyError"
    assert rec["traceback"].startswith("Traceback (most recent call last)")
    assert "in test_unexpected_errors_keep_their_traceback" in rec["traceback"]
    assert rec["traceback"].endswith("KeyError: 'missing'")


def test_session_records_and_listeners(isolated_dirs) -> None:
    logs.setup()
    seen: list[str] = []
    remove = logs.add_session_listener(lambda rec: seen.append(rec["msg"]))
    logs.add_redactions(["DOE^JANE"])
    log.info("checked Jane Doe", extra={"event": "check"})
    remove()
    log.info("after", extra={"event": "check"})
    assert seen == ["checked [redacted]"]
    assert [r["msg"] for r in logs.session_records()][-2:] == ["checked [redacted]", "after"]


# --- reading ----------------------------------------------------------------------------------


def _write(path: Path, records: list[dict]) -> None:
    with path.open("a", encoding="utf-8") as fh:
        for rec in records:
            fh.write(json.dumps(rec) + "\n")


def _rec(ago: dt.timedelta, level: str, msg: str, **fields: object) -> dict:
    ts = (dt.datetime.now(dt.UTC) - ago).strftime("%Y-%m-%dT%H:%M:%S.000Z")
    return {
        "ts": ts,
        "level": level,
        "logger": "echouploader.x",
        "event": "log",
        "msg": msg,
        **fields,
    }


@pytest.fixture
def history(isolated_dirs) -> Path:
    d = isolated_dirs["log"]
    hour, day = dt.timedelta(hours=1), dt.timedelta(days=1)
    _write(d / (logs.LOG_FILE + ".2"), [_rec(3 * day, "info", "old", site="site01", exam="E1")])
    _write(
        d / (logs.LOG_FILE + ".1"),
        [_rec(5 * hour, "warning", "retrying", site="site01", exam="E2")],
    )
    (d / (logs.LOG_FILE + ".1")).open("a").write('not json at all\n{"half": \n')
    _write(
        d / logs.LOG_FILE,
        [
            _rec(
                90 * dt.timedelta(minutes=1),
                "error",
                "The server refused",
                site="site02",
                exam="E3",
                code="530",
            ),
            _rec(dt.timedelta(minutes=1), "info", "uploaded", site="site02", exam="E3"),
        ],
    )
    return d


def test_read_records_across_rotated_files_oldest_first(history: Path) -> None:
    assert [r["msg"] for r in logs.read_records()] == [
        "old",
        "retrying",
        "The server refused",
        "uploaded",
    ]
    assert [p.name for p in logs.log_files()] == [
        "echouploader.jsonl.2",
        "echouploader.jsonl.1",
        "echouploader.jsonl",
    ]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"since": "2h"}, ["The server refused", "uploaded"]),
        ({"since": "1d"}, ["retrying", "The server refused", "uploaded"]),
        ({"level": "warning"}, ["retrying", "The server refused"]),
        ({"level": "ERROR"}, ["The server refused"]),
        ({"site": "site01"}, ["old", "retrying"]),
        ({"exam": "e3"}, ["The server refused", "uploaded"]),
        ({"site": "site02", "level": "error"}, ["The server refused"]),
        ({"text": "REFUSED"}, ["The server refused"]),
        ({"site": "nowhere"}, []),
    ],
)
def test_filters(history: Path, filters: dict, expected: list[str]) -> None:
    assert [r["msg"] for r in logs.read_records(**filters)] == expected


def test_since_a_date_and_limit(history: Path) -> None:
    today = dt.datetime.now(dt.UTC).date()
    recs = logs.read_records(since=(today - dt.timedelta(days=1)).isoformat())
    assert "old" not in [r["msg"] for r in recs]
    assert [r["msg"] for r in logs.read_records(limit=1)] == ["uploaded"]


@pytest.mark.parametrize("bad", ["yesterday", "2h ago", "2026-13-45"])
def test_bad_since_is_one_sentence(bad: str) -> None:
    with pytest.raises(UsageError, match="is not a time"):
        logs.parse_since(bad)


def test_parse_since_forms() -> None:
    now = dt.datetime(2026, 11, 22, 12, 0, tzinfo=dt.UTC)
    assert logs.parse_since("2h", now) == dt.datetime(2026, 11, 22, 10, 0, tzinfo=dt.UTC)
    assert logs.parse_since("30m", now) == dt.datetime(2026, 11, 22, 11, 30, tzinfo=dt.UTC)
    assert logs.parse_since("7d", now) == dt.datetime(2026, 11, 15, 12, 0, tzinfo=dt.UTC)
    assert logs.parse_since("2026-11-20", now) == dt.datetime(2026, 11, 20, tzinfo=dt.UTC)
    assert logs.parse_since("2026-11-20T08:00:00+01:00", now) == dt.datetime(
        2026, 11, 20, 7, tzinfo=dt.UTC
    )


def test_bad_level_is_one_sentence() -> None:
    with pytest.raises(UsageError, match="not a log level"):
        logs.read_records(level="loud")


def test_rotation_keeps_ten_files_and_reading_stays_in_order(isolated_dirs, monkeypatch) -> None:
    logs.setup()
    handler = logs._State.file_handler
    assert handler is not None and handler.maxBytes == 10 * 1024 * 1024 and handler.backupCount == 9
    handler.maxBytes = 2000
    for i in range(300):
        log.info("line %04d", i, extra={"event": "list"})
    files = logs.log_files()
    assert len(files) == 10
    msgs = [r["msg"] for r in logs.read_records() if r["event"] == "list"]
    assert msgs == sorted(msgs) and msgs[-1] == "line 0299"
    assert len(msgs) < 300  # the oldest were rotated away


def test_follower_sees_new_lines_and_survives_rotation(isolated_dirs) -> None:
    logs.setup()
    log.info("before", extra={"event": "list"})
    follower = logs.LogFollower(logs.RecordFilter(level="warning"))
    assert follower.poll() == []
    log.warning("first", extra={"event": "retry"})
    log.info("ignored", extra={"event": "list"})
    assert [r["msg"] for r in follower.poll()] == ["first"]
    logs._State.file_handler.doRollover()
    log.error("after rotation", extra={"event": "error"})
    assert [r["msg"] for r in follower.poll()] == ["after rotation"]
    assert follower.poll() == []


def test_follower_waits_for_a_whole_line(isolated_dirs) -> None:
    path = isolated_dirs["log"] / logs.LOG_FILE
    path.write_text("")
    follower = logs.LogFollower()
    line = json.dumps(_rec(dt.timedelta(0), "info", "split"))
    with path.open("a") as fh:
        fh.write(line[:10])
    assert follower.poll() == []
    with path.open("a") as fh:
        fh.write(line[10:] + "\n")
    assert [r["msg"] for r in follower.poll()] == ["split"]


def test_an_unwritable_log_file_is_one_sentence_once(tmp_path: Path, capsys) -> None:
    (tmp_path / logs.LOG_FILE).mkdir()  # where the file should be, a folder: open() fails
    logs.setup(log_dir=tmp_path)
    log.info("first", extra={"event": "list"})
    log.error("second", extra={"event": "error"})
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith(
        f"echouploader: the log file {tmp_path / logs.LOG_FILE} cannot be written"
    )
    assert "Traceback" not in err
