"""De-identify synthetic ultrasound files end to end: the output is read by OCR and compared.

Each case is one exam folder with one file from the builder: a banner with the patient's name,
ID and birth date, optionally an annotation typed inside the image, with or without the
machine's ultrasound regions, from a known machine (a table row) or an unknown one.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pydicom
import pytest
from pydicom.uid import (
    ExplicitVRLittleEndian,
    JPEG2000Lossless,
    JPEGBaseline8Bit,
    JPEGLosslessSV1,
    JPEGLSLossless,
    RLELossless,
)

from echouploader.core.errors import ExitCode, PrivacyBlocked
from echouploader.core.privacy.check import check_exam
from echouploader.core.privacy.deidentify.apply import deidentify_exam
from echouploader.core.privacy.deidentify.profile import PrivacyProfile
from echouploader.core.privacy.exam_identity import ExamIdentity
from echouploader.core.privacy.pixels import clean as pixels
from echouploader.core.privacy.pixels import writers
from echouploader.core.privacy.pixels.mask import FrameMask
from echouploader.core.privacy.pixels.matching import IdentifyingValues
from echouploader.core.privacy.pixels.ocr import default_engine
from echouploader.core.privacy.pixels.table import TableRow
from tests.core.privacy.pixels.builder import BuiltFile, build_us_file

IDENTITY = ExamIdentity("1234", "1")
SECRET = b"s" * 32
ROWS, COLS = 240, 480  # wide enough for the whole banner line
VIVID_ROW = TableRow(
    manufacturer="GE Vingmed Ultrasound",
    model="Vivid E95",
    rows=ROWS,
    columns=COLS,
    rects=((0, 0, COLS, 24),),
    source="measured on the test builder's banner",
    origin="site",
)


def _build(tmp_path: Path, **kwargs: object) -> BuiltFile:
    options = {"rows": ROWS, "cols": COLS, "frames": 1, "manufacturer": "Acme", "model": "X1"}
    options.update(kwargs)
    return build_us_file(tmp_path / "exam" / "IMG001", **options)  # type: ignore[arg-type]


def _deidentify(
    tmp_path: Path, built: BuiltFile, profile: PrivacyProfile | None = None, rows=()
) -> tuple[object, pydicom.Dataset]:
    report = check_exam(built.path.parent, profile, extra_rows=rows)
    deidentify_exam(
        built.path.parent, tmp_path / "out", IDENTITY, profile, report=report, secret=SECRET
    )
    return report, pydicom.dcmread(tmp_path / "out" / "IMG001")


def _identifying_text_read(ds: pydicom.Dataset, header: pydicom.Dataset) -> list[str]:
    """Every OCR line of every frame of ``ds`` that matches the ORIGINAL header's values."""
    values = IdentifyingValues.from_dataset(header)
    engine = default_engine()
    return [
        f"frame {i}: {box.text}"
        for i, frame in enumerate(writers.iter_frames(ds))
        for box in engine.read(frame)
        if values.find(box.text)
    ]


def _imaging_area(built: BuiltFile, frame: np.ndarray) -> np.ndarray:
    """The sector's pixels, without the annotation typed into it (that one is blanked)."""
    x, y, w, h = built.imaging_rect
    keep = np.zeros(frame.shape[:2], bool)
    keep[y : y + h, x : x + w] = True
    if built.annotation_rect is not None:
        ax, ay, aw, ah = built.annotation_rect
        keep[max(0, ay - 8) : ay + ah + 8, max(0, ax - 8) : ax + aw + 8] = False
    return frame[keep].astype(np.int16)


CASES = [
    # photometric, transfer syntax, options, lossless
    ("MONOCHROME2", ExplicitVRLittleEndian, {"regions": True, "annotation_text": "Jane Doe"}, True),
    ("RGB", ExplicitVRLittleEndian, {"planar": 1}, True),
    ("PALETTE COLOR", ExplicitVRLittleEndian, {"annotation_text": "DOE JANE"}, True),
    ("MONOCHROME1", RLELossless, {"regions": True}, True),
    ("YBR_FULL", RLELossless, {}, True),
    ("RGB", JPEGLSLossless, {"annotation_text": "PID-884213"}, True),
    ("MONOCHROME2", JPEG2000Lossless, {"regions": True}, True),
    ("RGB", JPEGLosslessSV1, {}, True),
    ("YBR_FULL_422", JPEGBaseline8Bit, {"frames": 3, "annotation_text": "Jane Doe"}, False),
]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("photometric", "syntax", "options", "lossless"),
    CASES,
    ids=[f"{c[0]}-{pydicom.uid.UID(c[1]).name}-{'-'.join(c[2])}" for c in CASES],
)
def test_deidentified_frames_show_no_identifier_and_keep_the_image(
    tmp_path: Path, photometric: str, syntax: str, options: dict[str, object], lossless: bool
) -> None:
    built = _build(tmp_path, photometric=photometric, transfer_syntax=syntax, **options)
    original = pydicom.dcmread(built.path)
    assert _identifying_text_read(original, original), "the builder drew no readable name"
    report, out = _deidentify(tmp_path, built)

    assert not report.blocked
    (image,) = report.to_json()["images"]
    assert image["pixels"]["action"] == "clean"
    assert image["pixels"]["regions"]
    assert ("regions" in image["pixels"]["method"]) == bool(options.get("regions"))
    assert _identifying_text_read(out, original) == []
    assert (out.Rows, out.Columns) == (built.rows, built.cols)
    assert writers.frame_count(out) == built.frames
    assert out.file_meta.TransferSyntaxUID == syntax
    assert out.BurnedInAnnotation == "NO"
    assert out.PatientIdentityRemoved == "YES"
    assert "113101" in [c.CodeValue for c in out.DeidentificationMethodCodeSequence]
    assert out.DeidentificationMethod[1].startswith("Clean Pixel Data: ")
    if options.get("regions"):
        assert len(out.SequenceOfUltrasoundRegions) == len(original.SequenceOfUltrasoundRegions)
    for before, after in zip(writers.iter_frames(original), writers.iter_frames(out), strict=True):
        a, b = _imaging_area(built, before), _imaging_area(built, after)
        if lossless:
            same = (a == b) if a.ndim == 1 else (a == b).all(axis=-1)
            assert same.mean() >= 0.99
        else:
            assert np.abs(a - b).mean() <= 3


@pytest.mark.slow
def test_a_known_machine_is_cleaned_by_its_table_row(tmp_path: Path) -> None:
    built = _build(
        tmp_path,
        photometric="YBR_FULL_422",
        transfer_syntax=JPEGBaseline8Bit,
        manufacturer="GE Vingmed Ultrasound",
        model="Vivid E95",
    )
    report, out = _deidentify(tmp_path, built, rows=(VIVID_ROW,))
    pixels_json = report.to_json()["images"][0]["pixels"]
    assert pixels_json["method"] == "table row"
    assert pixels_json["ocr"]["identifying"] == []  # the row blanked the banner before OCR
    assert not any(f.code == "pixels-ocr-only" for f in report.findings)
    clean_finding = next(f for f in report.findings if f.code == "pixels-clean")
    assert clean_finding.count == 1 and "table row" in clean_finding.message
    assert _identifying_text_read(out, pydicom.dcmread(built.path)) == []
    assert out.PatientIdentityRemoved == "YES"


@pytest.mark.slow
def test_text_free_frames_go_through_unchanged(tmp_path: Path) -> None:
    built = _build(
        tmp_path, photometric="RGB", transfer_syntax=ExplicitVRLittleEndian, banner_text=""
    )
    report, out = _deidentify(tmp_path, built)
    assert not report.blocked
    assert report.to_json()["images"][0]["pixels"]["action"] == "none"
    assert out.PixelData == pydicom.dcmread(built.path).PixelData
    assert out.PatientIdentityRemoved == "YES"
    assert "113101" not in [c.CodeValue for c in out.DeidentificationMethodCodeSequence]


@pytest.mark.slow
def test_cleaning_switched_off_keeps_the_warning_and_says_identity_not_removed(
    tmp_path: Path,
) -> None:
    built = _build(tmp_path, photometric="MONOCHROME2", transfer_syntax=ExplicitVRLittleEndian)
    profile = PrivacyProfile(clean_pixels=False)
    report, out = _deidentify(tmp_path, built, profile)
    assert "burned-in-annotation" in {f.code for f in report.findings}
    assert report.to_json()["images"] == []
    assert out.PixelData == pydicom.dcmread(built.path).PixelData
    assert out.PatientIdentityRemoved == "NO"
    assert out.BurnedInAnnotation == "YES"


def _plan(built: BuiltFile) -> tuple[pydicom.Dataset, IdentifyingValues, pixels.PixelPlan]:
    ds = pydicom.dcmread(built.path)
    values = IdentifyingValues.from_dataset(ds)
    return ds, values, pixels.plan_dataset(ds, values)


@pytest.mark.slow
def test_verification_blocks_a_mask_that_misses_the_name(tmp_path: Path) -> None:
    built = _build(tmp_path, photometric="MONOCHROME2", transfer_syntax=ExplicitVRLittleEndian)
    ds, values, plan = _plan(built)
    assert plan.action == "clean"
    plan.mask = FrameMask.build(built.rows, built.cols, [(0, built.rows - 10, 10, 10)])
    with pytest.raises(pixels.PixelsBlocked) as blocked:
        pixels.clean_dataset(ds, plan, values, "IMG001")
    sentence = str(blocked.value)
    assert blocked.value.exit_code == ExitCode.PRIVACY_BLOCKED
    assert sentence.startswith("IMG001: frame 1 still shows the patient's ")
    assert "D**" in sentence and "DOE" not in sentence.upper().replace("D**", "")
    assert not plan.verified


@pytest.mark.slow
def test_verification_reads_the_later_frames_too(tmp_path: Path) -> None:
    # What a writer that cleaned only the first frame would leave: verification must see it.
    built = _build(tmp_path, photometric="RGB", transfer_syntax=ExplicitVRLittleEndian, frames=3)
    ds, values, plan = _plan(built)
    assert plan.frames_read == [0]  # the banner stands still: the first frame is read whole
    assert (2, None) in plan.verification()  # and the cleaned last frame is read whole too
    plan.mask = FrameMask.build(built.rows, built.cols, per_frame={0: plan.mask.rects})
    with pytest.raises(pixels.PixelsBlocked, match=r"^IMG001: frame 3 still shows"):
        pixels.clean_dataset(ds, plan, values, "IMG001")


@pytest.mark.slow
def test_a_blocked_file_leaves_nothing_behind(tmp_path: Path) -> None:
    built = _build(tmp_path, photometric="MONOCHROME2", transfer_syntax=ExplicitVRLittleEndian)
    report = check_exam(built.path.parent)
    report.files[0].pixels.mask = FrameMask.build(built.rows, built.cols, [(0, 200, 4, 4)])
    with pytest.raises(PrivacyBlocked, match="IMG001: frame 1 still shows"):
        deidentify_exam(built.path.parent, tmp_path / "out", IDENTITY, report=report, secret=SECRET)
    assert not (tmp_path / "out").exists()


def test_which_frames_are_read() -> None:
    assert pixels.sample_indices(0) == []
    assert pixels.sample_indices(1) == [0]
    assert pixels.sample_indices(2) == [0, 1]
    assert pixels.sample_indices(120) == [0, 60, 119]


def test_overlapping_hits_become_one_rectangle() -> None:
    assert pixels.merge_rects([(5, 5, 80, 20), (6, 6, 80, 18), (200, 5, 10, 10)]) == [
        (5, 5, 81, 20),
        (200, 5, 10, 10),
    ]


@pytest.mark.slow
def test_a_row_in_the_site_profile_cleans_the_machine(tmp_path: Path) -> None:
    built = _build(
        tmp_path,
        photometric="MONOCHROME2",
        transfer_syntax=ExplicitVRLittleEndian,
        manufacturer="GE Vingmed Ultrasound",
        model="Vivid E95",
    )
    profile = PrivacyProfile.from_dict({"pixel_rects": [VIVID_ROW.to_dict()]})
    report = check_exam(built.path.parent, profile)
    assert report.to_json()["images"][0]["pixels"]["method"] == "table row"
