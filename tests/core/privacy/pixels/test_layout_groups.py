"""OCR once per layout group: the clips of one machine and size share what was read.

The first clip of a group is read whole; a later clip whose overlay (the bright pixels that
stand still while the image moves) matches what was read is not read again, and gets the text
found there blanked too; a clip with new overlay (an annotation typed on it alone) has that area
read, and what it says is blanked. The written frames are read back by OCR, every one of them.
"""

from __future__ import annotations

from pathlib import Path

import pydicom
import pytest
from pydicom.uid import ExplicitVRLittleEndian, JPEGBaseline8Bit

from echouploader.core.errors import PrivacyBlocked
from echouploader.core.privacy.check import check_exam
from echouploader.core.privacy.deidentify.apply import deidentify_exam
from echouploader.core.privacy.exam_identity import ExamIdentity
from echouploader.core.privacy.pixels import writers
from echouploader.core.privacy.pixels.mask import FrameMask
from echouploader.core.privacy.pixels.matching import IdentifyingValues
from echouploader.core.privacy.pixels.ocr import default_engine
from tests.core.privacy.pixels.builder import build_us_file

IDENTITY = ExamIdentity("1234", "1")
SECRET = b"s" * 32


def _identifying_lines(path: Path, header: pydicom.Dataset) -> list[str]:
    values = IdentifyingValues.from_dataset(header)
    engine = default_engine()
    ds = pydicom.dcmread(path)
    return [
        f"frame {i}: {box.text}"
        for i, frame in enumerate(writers.iter_frames(ds))
        for box in engine.read(frame)
        if values.find(box.text)
    ]


@pytest.mark.slow
@pytest.mark.parametrize(
    "syntax", [ExplicitVRLittleEndian, JPEGBaseline8Bit], ids=["native", "jpeg"]
)
def test_a_group_is_read_once_and_a_new_annotation_is_still_found(
    tmp_path: Path, syntax: str
) -> None:
    exam = tmp_path / "exam"
    common = {
        "photometric": "RGB" if syntax == ExplicitVRLittleEndian else "YBR_FULL_422",
        "transfer_syntax": syntax,
        "frames": 4,
        "rows": 240,
        "cols": 320,
        "manufacturer": "Acme",
        "model": "X1",
    }
    first = build_us_file(exam / "IMG001", **common)  # type: ignore[arg-type]
    annotated = build_us_file(exam / "IMG002", annotation_text="Jane Doe", **common)  # type: ignore[arg-type]
    same = build_us_file(exam / "IMG003", **common)  # type: ignore[arg-type]
    report = check_exam(exam)
    plans = {entry.rel: entry.pixels for entry in report.files}

    # the first clip of the group is read whole, the banner's name found
    assert plans["IMG001"].frames_read == [0] and plans["IMG001"].areas_read == 0
    assert plans["IMG001"].hits and plans["IMG001"].action == "clean"
    # a clip whose overlay is the one already read is not read again, yet is cleaned the same
    assert plans["IMG003"].frames_read == []
    assert plans["IMG003"].action == "clean"
    assert set(plans["IMG001"].mask.rects) <= set(plans["IMG003"].mask.rects)
    # the annotation only the second clip carries is new overlay: that area is read
    assert plans["IMG002"].areas_read >= 1
    assert any(h["kind"] == "name" for h in plans["IMG002"].hits)
    ax, ay, aw, ah = annotated.annotation_rect  # type: ignore[misc]
    mask = plans["IMG002"].mask.as_array()
    assert mask[ay : ay + ah, ax : ax + aw].all()
    # verification: the group's first clip has its last frame read again, besides the first
    assert {i for i, _ in plans["IMG001"].verification()} == {0, 3}

    out = tmp_path / "out"
    deidentify_exam(exam, out, IDENTITY, report=report, secret=SECRET)
    for built in (first, annotated, same):
        header = pydicom.dcmread(built.path)
        written = out / built.path.name
        assert _identifying_lines(written, header) == [], built.path.name
        got = pydicom.dcmread(written)
        assert got.PatientIdentityRemoved == "YES" and got.BurnedInAnnotation == "NO"
        assert got.NumberOfFrames == 4


@pytest.mark.slow
def test_a_group_clip_cleaned_only_in_its_first_frame_is_caught(tmp_path: Path) -> None:
    # What a writer that cleaned only the first frame would leave, in the first clip of a group.
    exam = tmp_path / "exam"
    for name in ("IMG001", "IMG002"):
        build_us_file(
            exam / name,
            photometric="RGB",
            transfer_syntax=ExplicitVRLittleEndian,
            frames=3,
            manufacturer="Acme",
            model="X1",
        )
    report = check_exam(exam)
    plan = report.files[0].pixels
    assert plan.action == "clean"
    plan.mask = FrameMask.build(plan.mask.rows, plan.mask.columns, per_frame={0: plan.mask.rects})
    with pytest.raises(PrivacyBlocked, match=r"^IMG001: frame 3 still shows the patient's"):
        deidentify_exam(exam, tmp_path / "out", IDENTITY, report=report, secret=SECRET)
    assert not (tmp_path / "out").exists()
