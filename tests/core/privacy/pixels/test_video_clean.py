"""Plain video exports (.mp4, .avi) go through the same cleaning and verification as DICOM."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from pydicom.dataset import Dataset
from pydicom.uid import ExplicitVRLittleEndian

from echouploader.core.privacy.check import check_exam
from echouploader.core.privacy.deidentify.apply import deidentify_exam
from echouploader.core.privacy.exam_identity import ExamIdentity
from echouploader.core.privacy.pixels import writers
from echouploader.core.privacy.pixels.matching import IdentifyingValues
from echouploader.core.privacy.pixels.ocr import default_engine
from tests.conftest import require
from tests.core.privacy.pixels.builder import (
    BIRTH_DATE,
    PATIENT_ID,
    PATIENT_NAME,
    build_us_file,
    build_video_file,
)


@pytest.mark.slow
def test_a_clip_is_cleaned_and_read_again(tmp_path: Path) -> None:
    require(importlib.util.find_spec("av") is not None, "PyAV (pip install -e '.[test]')")
    exam = tmp_path / "exam"
    # The DICOM image of the same exam says who the patient is; the clip has no header.
    build_us_file(
        exam / "IMG001",
        transfer_syntax=ExplicitVRLittleEndian,
        photometric="RGB",
        rows=240,
        cols=480,
        frames=1,
        banner_text="",
    )
    clip = build_video_file(exam / "clip.mp4", frames=4, rows=240, cols=480)
    report = check_exam(exam)
    assert not report.blocked
    plans = {i["file"]: i["pixels"] for i in report.to_json()["images"]}
    assert plans["clip.mp4"]["action"] == "clean"
    assert plans["clip.mp4"]["method"] == "OCR"
    assert plans["IMG001"]["action"] == "none"
    assert "video-not-checked" not in {f.code for f in report.findings}

    deidentify_exam(
        exam, tmp_path / "out", ExamIdentity("1234", "1"), report=report, secret=b"v" * 32
    )
    out = tmp_path / "out" / "clip.mp4"
    header = Dataset()
    header.PatientName, header.PatientID = PATIENT_NAME, PATIENT_ID
    header.PatientBirthDate = BIRTH_DATE.replace("-", "")
    values = IdentifyingValues.from_dataset(header)
    frames = list(writers.iter_video_frames(out))
    assert len(frames) == clip.frames
    assert frames[0].shape[:2] == (clip.rows, clip.cols)
    engine = default_engine()
    for index in (0, len(frames) - 1):
        assert [b.text for b in engine.read(frames[index]) if values.find(b.text)] == []
