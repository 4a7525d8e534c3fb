"""``echouploader arrivals`` and ``download`` as a core lab runs them, against real servers.

Exams for several subjects, visits and series are uploaded by our own ``upload``; then the server's
copy is broken (a file deleted, a folder left mid-upload, a byte changed), and what the core lab
sees and gets is compared with what is on the server's disk.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest

from echouploader.core import paths
from tests.core.corelab.helpers import (
    EXAMS,
    INCOMPLETE,
    UPLOADING,
    cli,
    make_big_exam,
    sha256,
    tamper_same_size,
    throttled_dtp,
    trust,
    upload_exams,
    zip_members,
)
from tests.core.privacy.synthetic_exam import Person
from tests.servers import ServerInfo

ROOT = Path(__file__).resolve().parents[2]
COMPLETE_EXAMS = sorted(
    f"{s}_{v}" for s, vs in EXAMS.items() for v in vs if f"{s}_{v}" != INCOMPLETE
)
FIELDS = {"exam", "subject", "echo", "files", "bytes", "uploaded_utc", "site", "state"}


@pytest.fixture(params=["pyftpdlib", "vsftpd"])
def server(request: pytest.FixtureRequest, make_server) -> ServerInfo:  # type: ignore[no-untyped-def]
    if request.param == "vsftpd":
        return request.getfixturevalue("vsftpd_clean")
    return make_server(implicit=True)


@pytest.fixture
def uploaded(server: ServerInfo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    return upload_exams(server, tmp_path / "exports", monkeypatch)


def _server_files(folder: Path) -> dict[str, Path]:
    """The exam's own files on the server's disk, by path inside the exam folder."""
    return {
        str(p.relative_to(folder)): p
        for p in folder.rglob("*")
        if p.is_file() and p.name not in ("SHA256SUMS", "upload.json")
    }


def _arrivals(target: str) -> list[dict]:
    code, out, err = cli("arrivals", target, "--json")
    assert code == 0, err
    return json.loads(out)


@pytest.mark.slow
def test_arrivals_states_counts_and_fields(uploaded) -> None:  # type: ignore[no-untyped-def]
    rows = _arrivals(uploaded.target)
    by_exam = {r["exam"]: r for r in rows}
    assert sorted(by_exam) == sorted(COMPLETE_EXAMS + [INCOMPLETE, UPLOADING])
    for row in rows:
        assert set(row) >= FIELDS
        folder = uploaded.exam_dir(row["exam"])
        own = {k: p for k, p in _server_files(folder).items() if not k.endswith("-part")}
        assert row["files"] == len(own)
        assert row["bytes"] == sum(p.stat().st_size for p in own.values())
        assert (row["subject"], row["echo"]) == tuple(row["exam"].split("_"))
    assert {e: by_exam[e]["state"] for e in COMPLETE_EXAMS} == dict.fromkeys(
        COMPLETE_EXAMS, "complete"
    )
    assert by_exam[INCOMPLETE]["state"] == "incomplete"
    assert by_exam[UPLOADING]["state"] == "uploading"
    assert by_exam[UPLOADING]["uploaded_utc"] is None
    info = json.loads((uploaded.exam_dir("1001_1") / "upload.json").read_text())
    assert by_exam["1001_1"]["uploaded_utc"] == info["finished_utc"]
    assert by_exam["1001_1"]["site"] == info["site"]


@pytest.mark.slow
def test_download_everything_complete(uploaded, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    archive = out_dir / "all.zip"
    code, out, err = cli("download", uploaded.target, "--out", str(archive), "--study", "FETAL")
    assert code == 0, err
    assert os.listdir(out_dir) == ["all.zip"]  # nothing else, no temporary name
    assert not any((paths.cache_dir() / "downloads").iterdir())  # resume data removed
    assert f"{INCOMPLETE} is incomplete" in out and f"{UPLOADING} is uploading" in out

    members = zip_members(archive)
    layout = [n for n in members if n.count("/") >= 4]
    assert sorted(set(members) - set(layout)) == ["files.csv", "manifest.csv", "manifest.xlsx"]
    # every file of every complete exam, byte for byte, under its subject and visit
    expected: dict[tuple[str, str], list[bytes]] = {}
    for exam in COMPLETE_EXAMS:
        subject, visit = exam.split("_")
        files = _server_files(uploaded.exam_dir(exam))
        expected[(subject, visit)] = sorted(p.read_bytes() for p in files.values())
    got: dict[tuple[str, str], list[bytes]] = {}
    for name in layout:
        study, subject, visit, _series, *_rest = name.split("/")
        assert study == "FETAL"
        got.setdefault((subject, visit), []).append(members[name])
    assert {k: sorted(v) for k, v in got.items()} == expected

    # one SeriesInstanceUID per series folder, named S<number>_<modality>[_<description>]
    import pydicom

    uids: dict[str, set[str]] = {}
    for name in layout:
        folder = name.rsplit("/", 1)[0]
        if folder.endswith("/other"):
            with pytest.raises(pydicom.errors.InvalidDicomError):
                pydicom.dcmread(io.BytesIO(members[name]))
            continue
        ds = pydicom.dcmread(io.BytesIO(members[name]), stop_before_pixels=True)
        uids.setdefault(folder, set()).add(ds.SeriesInstanceUID)
        assert re.fullmatch(rf"S\d{{3}}_{ds.Modality}(_.+)?", folder.rsplit("/", 1)[1])
    assert all(len(v) == 1 for v in uids.values())

    # the manifests: one row per series, one per file, the same rows in CSV and XLSX
    series = list(csv.DictReader(io.StringIO(members["manifest.csv"].decode())))
    assert len(series) == len(uids)
    assert sum(int(r["files"]) for r in series) == sum(1 for n in layout if "/other/" not in n)
    assert {(r["subject"], r["visit"]) for r in series} == set(expected)
    files = list(csv.DictReader(io.StringIO(members["files.csv"].decode())))
    assert sorted(r["path"] for r in files) == sorted(layout)
    for r in files:
        assert int(r["bytes"]) == len(members[r["path"]])
        assert r["sha256"] == __import__("hashlib").sha256(members[r["path"]]).hexdigest()
    wb = openpyxl.load_workbook(io.BytesIO(members["manifest.xlsx"]), read_only=True)
    assert wb.sheetnames == ["series", "files"]
    sheet = [list(r) for r in wb["series"].iter_rows(values_only=True)]
    assert [str(c) for c in sheet[0]] == list(series[0].keys())
    assert [["" if c is None else str(c) for c in row] for row in sheet[1:]] == [
        list(r.values()) for r in series
    ]
    assert isinstance(sheet[1][7], int) and isinstance(sheet[1][8], int)  # plain integers
    assert len(list(wb["files"].iter_rows())) == len(files) + 1
    wb.close()


@pytest.mark.slow
def test_tampered_file_exits_1_and_writes_no_archive(uploaded, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    victim = sorted(_server_files(uploaded.exam_dir("1002_1a")).items())[0]
    tamper_same_size(victim[1])
    rows = {r["exam"]: r["state"] for r in _arrivals(uploaded.target)}
    assert rows["1002_1a"] == "complete"  # a listing cannot see it: same size
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    code, _out, err = cli(
        "download", uploaded.target, "--subject", "1002", "--out", str(out_dir / "x.zip")
    )
    assert code == 1
    last = err.strip().splitlines()[-1]
    assert "1002_1a" in last and victim[0] in last
    assert os.listdir(out_dir) == []  # no archive, no temporary file


@pytest.mark.slow
def test_selection_by_subject_exam_and_reports(uploaded, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    def exams_in(archive: Path) -> set[str]:
        return {"_".join(n.split("/")[1:3]) for n in zip_members(archive) if n.count("/") >= 4}

    a = tmp_path / "a.zip"
    assert cli("download", uploaded.target, "--subject", "1001", "--out", str(a))[0] == 0
    assert exams_in(a) == {"1001_1", "1001_2"}
    b = tmp_path / "b.zip"
    code, out, _ = cli("download", uploaded.target, "--exam", "1002_1A", "--out", str(b))
    assert code == 0 and exams_in(b) == {"1002_1a"}

    report = tmp_path / "report.csv"
    report.write_text("Site;SUBJECT;Visit;Modality\nx;1001;2;US\nx;1003;;US\nx;9999;1;US\n")
    c = tmp_path / "c.zip"
    code, out, err = cli("download", uploaded.target, "--from-report", str(report), "--out", str(c))
    assert code == 0, err
    assert exams_in(c) == {"1001_2", "1003_1"}
    assert "9999" in out and f"{INCOMPLETE} is incomplete" in out

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Visit", "Subject", "centre"])
    ws.append(["1a", 1002, "A"])  # a number, as Excel keeps it
    ws.append([1, 1001.0, "A"])
    ws.append([None, 4242, "B"])
    xlsx = tmp_path / "report.xlsx"
    wb.save(xlsx)
    d = tmp_path / "d.zip"
    code, out, err = cli("download", uploaded.target, "--from-report", str(xlsx), "--out", str(d))
    assert code == 0, err
    assert exams_in(d) == {"1002_1a", "1001_1"}
    assert "4242" in out

    folder = tmp_path / "echopac"
    code, _out, err = cli(
        "download", uploaded.target, "--exam", "1003_1", "--to-folder", str(folder)
    )
    assert code == 0, err
    unpacked = sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())
    assert {p.split("/")[1] for p in unpacked if p.count("/") >= 4} == {"1003"}
    assert "manifest.xlsx" in unpacked and "files.csv" in unpacked


def test_bad_reports_exit_2_before_connecting(implicit_server, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("ECHOUPLOADER_PASSWORD", implicit_server.password)
    target = implicit_server.url("/inbox")
    no_subject = tmp_path / "r1.csv"
    no_subject.write_text("patient,visit\n1001,1\n")
    empty = tmp_path / "r2.csv"
    empty.write_text("")
    not_sheet = tmp_path / "r3.xlsx"
    not_sheet.write_bytes(b"%PDF-1.4 this is not a workbook")
    binary_csv = tmp_path / "r4.csv"
    binary_csv.write_bytes(bytes(range(256)) * 4)
    wb = openpyxl.Workbook()
    wb.active.append(["Participant", "visit"])
    wb.active.append([1001, "1"])
    xlsx_no_subject = tmp_path / "r5.xlsx"
    wb.save(xlsx_no_subject)
    for report in (no_subject, empty, not_sheet, binary_csv, xlsx_no_subject, tmp_path / "nope"):
        code, out, err = cli("download", target, "--from-report", str(report))
        assert code == 2, (report, err)
        assert len(err.strip().splitlines()) == 1 and report.name in err
        assert "Traceback" not in err
    assert "USER" not in implicit_server.commands()  # refused before any login


def test_missing_out_folder_is_an_error(implicit_server, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("ECHOUPLOADER_PASSWORD", implicit_server.password)
    trust(implicit_server)
    code, _out, err = cli(
        "download", implicit_server.url("/"), "--out", str(tmp_path / "no" / "such" / "a.zip")
    )
    assert code == 2 and "does not exist" in err
    assert not (tmp_path / "no").exists()


def test_untrusted_certificate_without_terminal_exits_4(implicit_server, tmp_path: Path) -> None:
    env = dict(os.environ, ECHOUPLOADER_PASSWORD=implicit_server.password, PYTHONPATH=str(ROOT))
    for args in (
        ["arrivals", implicit_server.url("/")],
        ["download", implicit_server.url("/"), "--out", str(tmp_path / "a.zip")],
    ):
        proc = subprocess.run(
            [sys.executable, "-m", "echouploader", *args],
            env=env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert proc.returncode == 4, proc.stderr
        assert "Traceback" not in proc.stderr
    assert "PASS" not in implicit_server.commands()


@pytest.mark.slow
def test_killed_mid_download_then_rerun_gives_the_same_archive(
    make_server, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    server = make_server(implicit=True, extra={"dtp_handler": throttled_dtp(4_000_000)})
    monkeypatch.setenv("ECHOUPLOADER_PASSWORD", server.password)
    trust(server)
    for subject in ("2001", "2002"):
        exam = make_big_exam(tmp_path / "exports" / f"{subject}_1", Person(patient_id=subject))
        code, _out, err = cli("upload", str(exam), server.url("/inbox"))
        assert code == 0, err
    target = server.url("/inbox")
    reference = tmp_path / "reference.zip"
    assert cli("download", target, "--out", str(reference))[0] == 0

    out_dir = tmp_path / "out"
    out_dir.mkdir()
    archive = out_dir / "study.zip"
    env = dict(os.environ, ECHOUPLOADER_PASSWORD=server.password, PYTHONPATH=str(ROOT))
    proc = subprocess.Popen(
        [sys.executable, "-m", "echouploader", "download", target, "--out", str(archive)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    cache = paths.cache_dir() / "downloads"
    cache.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:  # until a good part has arrived, but not all of it
        got = (
            sum(p.stat().st_size for p in cache.rglob("*") if p.is_file()) if cache.exists() else 0
        )
        if got > 6_000_000:
            break
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.wait(10)
    assert proc.returncode == -signal.SIGKILL
    assert not archive.exists()
    partial = sum(p.stat().st_size for p in cache.rglob("*") if p.is_file())
    assert partial > 0

    before = len([c for c in server.server.commands if c[0] == "REST"])
    code, _out, err = cli("download", target, "--out", str(archive))
    assert code == 0, err
    assert len([c for c in server.server.commands if c[0] == "REST"]) > before  # resumed
    assert os.listdir(out_dir) == ["study.zip"]
    assert zip_members(archive) == zip_members(reference)
    assert sha256(archive) == sha256(reference)
    with zipfile.ZipFile(archive) as zf:
        assert zf.testzip() is None
