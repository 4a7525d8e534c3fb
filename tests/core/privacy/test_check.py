from __future__ import annotations

import threading
from pathlib import Path

import pytest

from echouploader.core.errors import Cancelled, UsageError
from echouploader.core.privacy.check import check_exam
from echouploader.core.privacy.deidentify.profile import PrivacyProfile
from tests.core.privacy.synthetic_exam import Person, SyntheticExam, make_small_dicom


def _codes(report) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {f.code: f.severity for f in report.findings}


def test_files_are_classified_by_content_not_name(vivid_exam: SyntheticExam) -> None:
    report = check_exam(vivid_exam.root)
    kinds = {f.rel.rsplit("/", 1)[-1]: f.kind for f in report.files}
    assert kinds == {
        "DICOMDIR": "dicomdir",
        "K2MDI0G2": "dicom",
        "K2MDI0G4": "dicom",
        "K2MDI0GA": "dicom",
        "report.pdf": "document",
        "report_photo.jpg": "image",
    }
    assert report.dicom_count == 3
    assert report.bytes == sum(p.stat().st_size for p in vivid_exam.root.rglob("*") if p.is_file())


def test_report_describes_the_exam(vivid_exam: SyntheticExam) -> None:
    report = check_exam(vivid_exam.root)
    assert len(report.patients) == 1 and report.patients[0].files == 3
    assert list(report.studies) == [vivid_exam.study_uid]
    assert report.studies[vivid_exam.study_uid]["date"] == "20261120"
    assert report.modalities == {"US": 2, "SR": 1}
    assert report.sop_classes["Ultrasound Multi-frame Image Storage"] == 1
    assert report.makers == {"GE Vingmed Ultrasound Vivid E95": 3}
    assert report.frames == 4  # a 3-frame clip and a still
    assert report.transfer_syntaxes == {"Explicit VR Little Endian": 3}
    assert not report.blocked


def test_identifying_values_are_found_everywhere_they_hide(vivid_exam: SyntheticExam) -> None:
    report = check_exam(vivid_exam.root)
    attrs = {f.attribute for f in report.findings if f.code == "identifying-value"}
    assert {
        "PatientName",
        "PatientID",
        "PatientBirthDate",
        "InstitutionName",
        "ReferringPhysicianName",
        "OperatorsName",
        "AccessionNumber",
        "StudyDescription",
        "PatientComments",
        "OtherPatientIDs",
        "PatientTelephoneNumbers",
    } <= attrs
    assert "PatientName (sequence)" in attrs  # nested in a kept sequence
    assert "PatientName (DICOMDIR)" in attrs
    assert "SourceApplicationEntityTitle (file meta)" in attrs
    private = [a for a in attrs if a.endswith("(private)")]
    assert any(a.startswith("(7FE1,1002)") for a in private)  # after the pixel data
    assert any(a.startswith("(0009,1010)") for a in private)
    person = vivid_exam.person
    assert {
        person.name,
        person.patient_id,
        person.birth_date,
        person.institution,
        "Josephine",
        "Testpatient",
    } <= report.identifying_strings


def test_messages_never_carry_identifying_values(vivid_exam: SyntheticExam) -> None:
    report = check_exam(vivid_exam.root)
    text = str(report.to_json()) + "\n".join(report.summary_lines(verbose=True))
    for secret in vivid_exam.person.secrets():
        assert secret not in text


def test_json_report_has_the_documented_shape(vivid_exam: SyntheticExam) -> None:
    data = check_exam(vivid_exam.root).to_json()
    assert data["files"] == 6 and data["dicom"] == 3 and data["bytes"] > 0
    assert sum(data["sizes"].values()) == data["bytes"] and data["sizes"]["dicom"] > 0
    assert data["patients"][0]["name"] == "T**********^J********"
    assert data["studies"][0]["uid"] == vivid_exam.study_uid
    for finding in data["findings"]:
        assert finding["severity"] in ("block", "warn", "info")
        assert finding["code"] and finding["message"] and finding["count"] >= 1


def test_burned_in_text_is_cleaned_or_else_a_warning(vivid_exam: SyntheticExam) -> None:
    codes = _codes(check_exam(vivid_exam.root))
    assert codes["pixels-clean"] == "info"
    assert "burned-in-annotation" not in codes and "ultrasound-banner" not in codes
    off = _codes(check_exam(vivid_exam.root, PrivacyProfile(clean_pixels=False)))
    assert off["burned-in-annotation"] == "warn"
    assert off["ultrasound-banner"] == "warn"
    quiet = check_exam(vivid_exam.root, PrivacyProfile(clean_pixels=False, us_burned_in_text=False))
    assert "ultrasound-banner" not in _codes(quiet)
    assert quiet.burned_in_suspected  # BurnedInAnnotation = YES still counts


def test_non_dicom_findings(vivid_exam: SyntheticExam) -> None:
    (vivid_exam.root / "notes.xyz").write_bytes(b"whatever")
    (vivid_exam.root / "clip.mp4").write_bytes(b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 32)
    codes = _codes(check_exam(vivid_exam.root))
    assert codes["image-metadata"] == "warn"
    assert codes["pdf-metadata"] == "info"  # the cleaned copy is a new PDF without it
    assert codes["pdf-cleaned"] == "info"
    assert "pdf-not-checked" not in codes
    assert codes["unknown-file"] == "warn"
    # A clip whose frames cannot be decoded cannot be checked for a banner: it blocks.
    assert codes["pixels-not-cleanable"] == "block"
    off = _codes(check_exam(vivid_exam.root, PrivacyProfile(clean_pixels=False)))
    assert off["video-not-checked"] == "warn"


def test_two_patients_in_one_exam_block(tmp_path: Path) -> None:
    make_small_dicom(tmp_path / "A0000001", Person())
    make_small_dicom(tmp_path / "A0000002", Person(name="Other^Person", patient_id="PID111"))
    report = check_exam(tmp_path)
    assert report.blocked
    assert _codes(report)["several-patients"] == "block"
    assert len(report.patients) == 2


def test_truncated_and_empty_files_are_reported_without_crashing(tmp_path: Path) -> None:
    good = make_small_dicom(tmp_path / "good.dcm")
    cut = make_small_dicom(tmp_path / "cut.dcm")
    cut.write_bytes(cut.read_bytes()[:-20])
    header_only = make_small_dicom(tmp_path / "header.dcm")
    header_only.write_bytes(header_only.read_bytes()[:300])
    (tmp_path / "zero.dcm").write_bytes(b"")
    (tmp_path / "garbage.dcm").write_bytes(b"\x00" * 128 + b"DICM" + b"\xff" * 50)
    report = check_exam(tmp_path)
    problems = {f.rel: f.problem for f in report.files}
    assert problems == {
        "cut.dcm": "truncated",
        "header.dcm": "truncated",
        "garbage.dcm": problems["garbage.dcm"],
        "zero.dcm": "empty",
        "good.dcm": "",
    }
    assert problems["garbage.dcm"] in ("truncated", "unreadable")
    codes = _codes(report)
    assert codes["truncated-file"] == "warn" and codes["empty-file"] == "warn"
    assert report.dicom_count == 1 and good.exists()


def test_a_truncated_encapsulated_clip_is_found(tmp_path: Path) -> None:
    from pydicom.encaps import encapsulate
    from pydicom.uid import JPEGBaseline8Bit

    path = make_small_dicom(tmp_path / "clip.dcm")
    import pydicom

    ds = pydicom.dcmread(path)
    ds.PixelData = encapsulate([b"\xff\xd8" + b"\x11" * 6000 + b"\xff\xd9"])
    ds["PixelData"].VR = "OB"
    ds.file_meta.TransferSyntaxUID = JPEGBaseline8Bit
    ds.save_as(path, enforce_file_format=True)
    assert check_exam(tmp_path).files[0].problem == ""
    path.write_bytes(path.read_bytes()[:-3000])
    assert check_exam(tmp_path).files[0].problem == "truncated"


def test_without_deidentification_identifying_values_block(vivid_exam: SyntheticExam) -> None:
    report = check_exam(vivid_exam.root, PrivacyProfile(deidentify=False))
    assert report.blocked
    assert _codes(report)["identifying-value"] == "block"


def test_progress_and_cancel(vivid_exam: SyntheticExam) -> None:
    seen: list[tuple[int, int]] = []
    check_exam(vivid_exam.root, on_progress=lambda d, t, n: seen.append((d, t)))
    assert seen[0] == (0, 6) and seen[-1] == (6, 6)
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(Cancelled):
        check_exam(vivid_exam.root, cancel=cancel)


def test_not_a_folder_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="is not a folder"):
        check_exam(tmp_path / "missing")


def test_dcm_without_preamble_is_still_read_and_text_is_not(tmp_path: Path) -> None:
    import pydicom

    ds = pydicom.dcmread(make_small_dicom(tmp_path / "src.dcm"))
    (tmp_path / "src.dcm").unlink()
    del ds.file_meta
    ds.save_as(tmp_path / "bare.dcm", implicit_vr=True, little_endian=True)
    (tmp_path / "notes.dcm").write_bytes(b"this is not DICOM at all, just some text" * 5)
    problems = {f.rel: f.problem for f in check_exam(tmp_path).files}
    assert problems == {"bare.dcm": "", "notes.dcm": "unreadable"}


def test_a_dicomdir_listing_other_patients_warns_but_does_not_block(
    vivid_exam: SyntheticExam,
) -> None:
    import pydicom

    path = vivid_exam.root / "DICOMDIR"
    ds = pydicom.dcmread(path)
    extra = pydicom.Dataset()
    extra.DirectoryRecordType = "PATIENT"
    extra.PatientID = "SOMEONE-ELSE"
    ds.DirectoryRecordSequence.append(extra)
    ds.save_as(path, enforce_file_format=True)
    report = check_exam(vivid_exam.root)
    assert not report.blocked and len(report.patients) == 1
    assert _codes(report)["dicomdir-other-patients"] == "warn"


def test_images_labelled_for_another_subject_block(tmp_path: Path) -> None:
    import pydicom

    from echouploader.core.privacy.exam_identity import ExamIdentity

    path = make_small_dicom(tmp_path / "A1")
    ds = pydicom.dcmread(path)
    ds.ClinicalTrialSubjectID = "999"
    ds.save_as(path, enforce_file_format=True)
    assert not check_exam(tmp_path, identity=ExamIdentity("999", "1")).blocked
    report = check_exam(tmp_path, identity=ExamIdentity("1234", "1"))
    assert _codes(report)["other-subject"] == "block"
