"""A real file that broke the gate: a stray top-level (FFFE,E0DD) passed the check, then made
de-identification crash. The check now reads every file as de-identification does: the stray
delimiter is dropped (and said so), and no exception inside the gate leaves as a plain exit 1.
"""

from __future__ import annotations

import shutil
import struct
from pathlib import Path

import pydicom
import pytest

from echouploader.cli import main
from echouploader.core.privacy.check import check_exam
from echouploader.core.privacy.deidentify.dataset import DatasetCleaner
from echouploader.core.privacy.exam_identity import ExamIdentity
from echouploader.core.privacy.staging import prepare_exam
from tests.conftest import DICOM_SAMPLES, require
from tests.core.privacy.synthetic_exam import make_vivid_exam

STRAY = struct.pack("<HHL", 0xFFFE, 0xE0DD, 0)


def insert_stray_delimiter(source: Path, dest: Path) -> int:
    """Copy ``source`` with a top-level (FFFE,E0DD) just before its pixel data; that offset."""
    ds = pydicom.dcmread(source, defer_size=1024)
    pixel = ds.get_item(0x7FE00010, keep_deferred=True)
    assert pixel is not None and pixel.value_tell
    header = 8 if ds.is_implicit_VR else 12  # OB/OW/UN: tag, VR, 2 reserved, 4-byte length
    at = pixel.value_tell - header
    data = source.read_bytes()
    assert data[at : at + 4] == b"\xe0\x7f\x10\x00"
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_bytes(data[:at] + STRAY + data[at:])
    return at


@pytest.fixture(params=["real header", "synthetic"])
def broken_exam(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[Path, Path]:
    """An exam folder holding one file with the stray delimiter, and the file it came from."""
    exam = tmp_path / "exports" / "1234_1"
    if request.param == "real header":
        source = DICOM_SAMPLES / "hp-sonos-echo-multiframe-jpeg.dcm"
        require(source.is_file(), f"the shared real DICOM samples ({DICOM_SAMPLES})")
    else:
        vivid = make_vivid_exam(tmp_path / "vivid" / "1234_1", with_extras=False)
        source = vivid.dicom_files[0]
    original = tmp_path / "original.dcm"
    shutil.copyfile(source, original)
    insert_stray_delimiter(original, exam / "CINE0001.dcm")
    with pytest.raises(NotImplementedError):  # what de-identification met before
        ds = pydicom.dcmread(exam / "CINE0001.dcm", force=True)
        for _elem in ds:
            pass
    return exam, original


def test_the_check_reports_the_stray_delimiter_and_the_copy_goes_through(
    broken_exam: tuple[Path, Path],
) -> None:
    exam, original = broken_exam
    report = check_exam(exam, identity=ExamIdentity("1234", "1"))
    assert not report.blocked
    codes = {f.code for f in report.findings}
    assert "stray-delimiter" in codes
    assert not codes & {"unreadable-file", "truncated-file"}
    prepared = prepare_exam(exam, ExamIdentity("1234", "1"))
    try:
        (sent,) = [p for p in prepared.staging_dir.rglob("*") if p.is_file()]
        out = pydicom.dcmread(sent)
        assert not [e for e in out if e.tag.group == 0xFFFE]
        before = pydicom.dcmread(original)
        assert out.NumberOfFrames == before.get("NumberOfFrames", 1) or "NumberOfFrames" not in out
        assert out.ClinicalTrialSubjectID == "1234"
    finally:
        prepared.remove()


def test_an_error_inside_the_gate_blocks_with_exit_3_and_names_the_file(
    broken_exam: tuple[Path, Path],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    isolated_dirs: dict[str, Path],
) -> None:
    exam, _original = broken_exam

    def broken(self, ds) -> None:  # a bug in a cleaning step, as one would raise it
        raise TypeError("'NoneType' object is not iterable")

    monkeypatch.setattr(DatasetCleaner, "clean", broken)
    code = main(["upload", str(exam), "ftps://u@127.0.0.1:1/in"])
    err = capsys.readouterr().err
    assert code == 3, err
    assert "CINE0001.dcm" in err and "not sent" in err and "Traceback" not in err
    logged = "".join(p.read_text() for p in isolated_dirs["log"].rglob("*") if p.is_file())
    assert "TypeError" in logged and "Traceback" in logged
