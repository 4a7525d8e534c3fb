"""The real ultrasound files in shared/testdata go through check and deidentify."""

from __future__ import annotations

import shutil
from pathlib import Path

import pydicom
import pytest

from echouploader.core.privacy.check import check_exam
from echouploader.core.privacy.deidentify.apply import deidentify_exam
from echouploader.core.privacy.exam_identity import ExamIdentity
from echouploader.core.privacy.identifying import identifying_parts, text_of
from tests.conftest import DICOM_SAMPLES, require
from tests.core.privacy.conftest import leaks

# The files SOURCES.md lists, named here so that a missing folder or file is a skip on a
# developer's machine and a failure in CI, never an empty parameter list that passes silently.
SAMPLES = (
    "atl-us-jpeg-baseline.dcm",
    "hp-sonos-echo-multiframe-jpeg.dcm",
    "mindray-us-rle-burned-in.dcm",
    "philips-us-palette-implicit-vr.dcm",
)

KEYWORDS = (
    "PatientName",
    "PatientID",
    "PatientBirthDate",
    "InstitutionName",
    "ReferringPhysicianName",
    "OperatorsName",
    "PerformingPhysicianName",
    "AccessionNumber",
    "InstitutionAddress",
)


def _secrets(path: Path) -> list[str]:
    ds = pydicom.dcmread(path, stop_before_pixels=True)
    found: set[str] = set()
    for keyword in KEYWORDS:
        found |= identifying_parts(text_of(ds.get(keyword, "")))
    return sorted(s for s in found if len(s) >= 6)


@pytest.mark.parametrize("name", SAMPLES)
def test_real_file_is_checked_and_deidentified(name: str, tmp_path: Path) -> None:
    sample = DICOM_SAMPLES / name
    require(sample.is_file(), f"the real ultrasound sample {sample} is absent")
    exam = tmp_path / "4321_2"
    exam.mkdir()
    shutil.copyfile(sample, exam / "IM000001")
    report = check_exam(exam)
    assert report.dicom_count == 1 and not report.blocked
    assert report.modalities == {"US": 1}
    assert any(f.code == "pixels-clean" for f in report.findings)
    result = deidentify_exam(exam, tmp_path / "out", ExamIdentity("4321", "2"), secret=b"r" * 32)
    assert result.written == ["IM000001"]
    secrets = _secrets(sample)
    assert leaks(tmp_path / "out", secrets) == {}
    before = pydicom.dcmread(sample)
    after = pydicom.dcmread(tmp_path / "out" / "IM000001")
    assert (after.Rows, after.Columns) == (before.Rows, before.Columns)
    assert after.get("NumberOfFrames", 1) == before.get("NumberOfFrames", 1)
    assert after.file_meta.TransferSyntaxUID == before.file_meta.TransferSyntaxUID
    assert after.PatientName == "4321" and after.ClinicalTrialTimePointID == "2"
    assert not [e for e in after if e.tag.is_private]
    if "NumberOfFrames" in before:
        assert after.NumberOfFrames == before.NumberOfFrames
