"""Exams on a real server for the core lab tests, uploaded by our own ``upload`` command.

Several subjects, visits and series (the synthetic GE-Vivid-like export has a clip and a still in
one series, an SR in another, a DICOMDIR, a JPEG and a PDF), then the server's copy is broken on
purpose: one exam loses a file (incomplete), one is left mid-upload (uploading).
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import shutil
import zipfile
from dataclasses import dataclass
from pathlib import Path

from echouploader.cli import main
from tests.core.privacy.synthetic_exam import Person, make_vivid_exam
from tests.servers import ServerInfo

# subject -> visits; 1003_2 will be made incomplete, 1003_3 left uploading
EXAMS = {"1001": ["1", "2"], "1002": ["1", "1a"], "1003": ["1", "2"]}
INCOMPLETE = "1003_2"
UPLOADING = "1003_3"
INBOX = "/inbox"


def cli(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    return code, out.getvalue(), err.getvalue()


def trust(server: ServerInfo) -> None:
    code, _out, err = cli("trust", server.url("/"), "--fingerprint", server.fingerprint)
    assert code == 0, err


@dataclass
class Uploaded:
    server: ServerInfo
    folder: Path  # the inbox on the server's disk

    @property
    def target(self) -> str:
        return self.server.url(INBOX)

    def exam_dir(self, exam: str) -> Path:
        return self.folder / exam


def upload_exams(server: ServerInfo, exports: Path, monkeypatch) -> Uploaded:  # type: ignore[no-untyped-def]
    """Upload every exam of EXAMS with ``echouploader upload``, then break two on the server."""
    monkeypatch.setenv("ECHOUPLOADER_PASSWORD", server.password)
    trust(server)
    for subject, visits in EXAMS.items():
        for visit in visits:
            person = Person(name=f"Patient{subject}^Anna", patient_id=f"PID{subject}")
            exam = make_vivid_exam(exports / f"{subject}_{visit}", person)
            code, _out, err = cli("upload", str(exam.root), server.url(INBOX))
            assert code == 0, err
    folder = server.root / INBOX.strip("/")
    # incomplete: a file the manifests list is gone
    victim = sorted(p for p in (folder / INCOMPLETE).rglob("*.pdf"))[0]
    victim.unlink()
    # uploading: a folder with a partial file and no upload.json yet
    up = folder / UPLOADING
    up.mkdir()
    (up / "clip1.dcm.echouploader-part").write_bytes(b"\0" * 1000)
    (up / "done.dcm").write_bytes(b"\1" * 500)
    if server.kind == "vsftpd":
        for p in [up, *up.iterdir()]:
            shutil.chown(p, server.user, server.user)
    return Uploaded(server, folder)


def tamper_same_size(path: Path) -> None:
    """Change one byte near the end, keeping the size (what a listing cannot see)."""
    data = bytearray(path.read_bytes())
    data[-1] ^= 0xFF
    path.write_bytes(bytes(data))


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def zip_members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {i.filename: zf.read(i.filename) for i in zf.infolist()}


def only_file_in(folder: Path) -> list[str]:
    return sorted(os.listdir(folder))


def throttled_dtp(bytes_per_second: int) -> type:
    """A pyftpdlib data channel that sends at most ``bytes_per_second`` (a slow link)."""
    from pyftpdlib.handlers import ThrottledDTPHandler
    from pyftpdlib.handlers.ftps.data import TLS_DTPHandler

    class SlowTLSDTP(TLS_DTPHandler, ThrottledDTPHandler):
        write_limit = bytes_per_second

    return SlowTLSDTP


def make_big_exam(root: Path, person: Person, clips: int = 4, frames: int = 40_000) -> Path:
    """An exam of a few multi-frame clips of ``frames`` x 64 bytes each (megabytes, not kB)."""
    from pydicom.uid import generate_uid

    from tests.core.privacy.synthetic_exam import US_MULTIFRAME, _base, _pixels, write_dataset

    study, series, frame_of_ref = generate_uid(), generate_uid(), generate_uid()
    for i in range(clips):
        ds = _base(person, US_MULTIFRAME, study, series, frame_of_ref, i + 1)
        _pixels(ds, frames=frames, seed=i)
        ds.SeriesNumber = 3
        ds.SeriesDescription = "4CH"
        write_dataset(ds, root / f"clip{i:02d}.dcm")
    return root
