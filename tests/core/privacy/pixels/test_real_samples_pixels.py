"""The real ultrasound files: their frames are cleaned, read again, and marked for what they are."""

from __future__ import annotations

import shutil
from pathlib import Path

import pydicom
import pytest

from echouploader.core.privacy.check import check_exam
from echouploader.core.privacy.deidentify.apply import deidentify_exam
from echouploader.core.privacy.exam_identity import ExamIdentity
from echouploader.core.privacy.pixels import writers
from echouploader.core.privacy.pixels.matching import IdentifyingValues
from echouploader.core.privacy.pixels.ocr import default_engine
from tests.conftest import DICOM_SAMPLES, require

NAMES = (
    "atl-us-jpeg-baseline.dcm",
    "hp-sonos-echo-multiframe-jpeg.dcm",
    "mindray-us-rle-burned-in.dcm",
    "philips-us-palette-implicit-vr.dcm",
)


@pytest.mark.slow
@pytest.mark.parametrize("name", NAMES)
def test_real_frames_are_cleaned_and_verified(name: str, tmp_path: Path) -> None:
    sample = DICOM_SAMPLES / name
    require(sample.is_file(), f"the real sample {sample} is absent")
    exam = tmp_path / "4321_2"
    exam.mkdir()
    shutil.copyfile(sample, exam / "IM000001")
    before = pydicom.dcmread(sample)
    if name.startswith("mindray"):
        assert before.BurnedInAnnotation == "YES"
    report = check_exam(exam)
    assert not report.blocked
    (image,) = report.to_json()["images"]
    pixels = image["pixels"]
    assert pixels["action"] == "clean"
    assert pixels["method"] in ("regions", "table row", "regions + table row")
    assert pixels["ocr"]["frames_read"][0] == 0
    deidentify_exam(
        exam, tmp_path / "out", ExamIdentity("4321", "2"), report=report, secret=b"r" * 32
    )
    after = pydicom.dcmread(tmp_path / "out" / "IM000001")
    assert after.BurnedInAnnotation == "NO"
    assert after.PatientIdentityRemoved == "YES"
    assert "113101" in [c.CodeValue for c in after.DeidentificationMethodCodeSequence]
    assert after.file_meta.TransferSyntaxUID == before.file_meta.TransferSyntaxUID
    assert writers.frame_count(after) == writers.frame_count(before)
    # An independent read of the first frame of the output finds nothing of the header.
    values = IdentifyingValues.from_dataset(before)
    first = next(writers.iter_frames(after))
    assert [b.text for b in default_engine().read(first) if values.find(b.text)] == []
